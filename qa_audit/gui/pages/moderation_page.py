"""The Moderation page: the panel agrees each plan's answers and grade, themes and actions.

Layout comes from ``forms/moderation_page.ui``; this module is the controller.
Left: the session's plans (submitted, agreed grade, disagreements). Centre: the
grid of members' answers beside the agreed column. Right: the agreed overall
grade (buttons coloured by band RAG), themes, strengths and areas for
development, and the plan's actions. Bottom: agreement statistics for the
session (computed once, in ``domain.agreement``) with a chart of each member's
calibration drift.

Every save goes through ``services.scoring`` with the version of the agreed row
this screen loaded. When someone else saved in between, the service raises
``ConflictError`` and the user chooses: keep theirs (reload) or overwrite with
theirs' version. Nothing is overwritten silently.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import logging
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from qa_audit.domain.agreement import AgreementStats, agreement_stats
from qa_audit.domain.audit import AuditRecord, SessionData
from qa_audit.domain.rubric import Agency, OverallScale, Rubric
from qa_audit.errors import UserError
from qa_audit.gui import database_actions
from qa_audit.gui.band_colours import RAG_COLOURS, RAG_TINTS
from qa_audit.gui.context import AppContext
from qa_audit.gui.generated.ui_moderation_page import Ui_ModerationPage
from qa_audit.gui.models.moderation_grid import (
    CHOICES_ROLE,
    DISAGREE_BACKGROUND,
    EDITABLE_BACKGROUND,
    FIELD_AGENCY,
    FIELD_RATIONALE,
    FIELD_REASON,
    FIELD_VALUE,
    GENEROUS_COLOUR,
    MULTI_ROLE,
    OVERALL_KEY,
    ROW_KEY_ROLE,
    SHORTFALL_COLOUR,
    STRICTER_COLOUR,
    MemberAgreementModel,
    MemberColumn,
    ModerationGridModel,
    PlanListModel,
    PlanModeration,
    can_view_scores,
    format_alpha,
    format_percent,
    format_signed,
    moderation_view,
    plan_summaries,
    scoring_members,
    short_name,
    theme_choices,
)
from qa_audit.gui.pages import moderation_dialogs
from qa_audit.gui.pages.moderation_dialogs import OVERWRITE, Conflict
from qa_audit.gui.scoring.agency_picker import AgencyPicker
from qa_audit.services import actions, rubric_view, scoring, session_data, sessions
from qa_audit.services.actor import Actor
from qa_audit.services.scoring import ConflictError
from qa_audit.services.sessions import MemberInfo, SessionInfo

try:  # QtCharts ships with PySide6 wheels, but is an optional module of Qt
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSet,
        QChart,
        QChartView,
        QHorizontalStackedBarSeries,
        QValueAxis,
    )

    HAVE_CHARTS = True
except ImportError:  # pragma: no cover - depends on the Qt build
    HAVE_CHARTS = False

log = logging.getLogger(__name__)

#: Topics of ``AppContext.data_changed`` that change what this page shows.
REFRESH_ON = frozenset({"audits", "sessions", "plans", "actions"})
_STATUS_LABELS = {"planning": "planning", "scoring": "scoring", "moderation": "in moderation",
                  "closed": "closed"}


# ====================================================================== delegate


class _ChoiceCombo(QComboBox):
    """The agreed-answer editor: remembers whether its list was opened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.popup_used = False

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        self.popup_used = True
        super().showPopup()


class AgreedDelegate(QStyledItemDelegate):
    """Combo of valid answers (``CHOICES_ROLE``) for the agreed and attribution cells;
    a line editor for the rationale. The list opens at once, and choosing from it
    (mouse or arrow keys + Enter) commits immediately."""

    open_popup = True

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        choices = index.data(CHOICES_ROLE)
        model = index.model()
        header = model.headerData(index.column(), Qt.Orientation.Horizontal) if model else ""
        name = str(header or "").replace("\n", " ")
        if index.data(MULTI_ROLE):
            return self._agency_editor(parent, choices or [], name)
        if choices is None:
            editor = QLineEdit(parent)
            editor.setAccessibleName(name or "Rationale")
            editor.setPlaceholderText("Why the agreed answer differs")
            return editor
        combo = _ChoiceCombo(parent)
        combo.setAccessibleName("Agreed answer" if name in ("", "Agreed") else name)
        for label, value in choices:
            combo.addItem(label, value)
        combo.activated.connect(lambda _i, c=combo: self._picked(c))
        if self.open_popup:
            QTimer.singleShot(0, combo, combo.showPopup)
        return combo

    def _agency_editor(self, parent: QWidget, choices: list[tuple[str, str]],
                       name: str) -> AgencyPicker:
        """The agreed agencies: a picker whose menu opens at once; closing the menu
        (Esc, or a click elsewhere) commits what is ticked."""
        picker = AgencyPicker([Agency(aid, label) for label, aid in choices],
                              name or "Attribution", parent)
        picker.setAutoFillBackground(True)

        def done() -> None:
            self.commitData.emit(picker)
            self.closeEditor.emit(picker, QStyledItemDelegate.EndEditHint.NoHint)

        picker.menu_.aboutToHide.connect(lambda: QTimer.singleShot(0, picker, done))
        if self.open_popup:
            QTimer.singleShot(0, picker, picker.open_menu)
        return picker

    def _picked(self, combo: _ChoiceCombo) -> None:
        if combo.popup_used:
            self.commitData.emit(combo)
            self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget,  # noqa: N802
                      index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, AgencyPicker):
            editor.set_selected(index.data(Qt.ItemDataRole.EditRole) or ())
            return
        if isinstance(editor, QComboBox):
            current = index.data(Qt.ItemDataRole.EditRole)
            found = next((i for i in range(editor.count()) if editor.itemData(i) == current), 0)
            editor.setCurrentIndex(found)
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, AgencyPicker):
            model.setData(index, editor.selected(), Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class _EnterEdits(QObject):
    """Enter / Return on an editable grid cell starts editing it (F2 still works)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and self.view.state() != QAbstractItemView.State.EditingState:
            index = self.view.currentIndex()
            if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.view.edit(index)
                return True
        return super().eventFilter(watched, event)


# ====================================================================== drift chart


def drift_items(stats: AgreementStats | None) -> list[tuple[str, float]]:
    """(member, mean difference from agreed) for members with something to compare."""
    if stats is None:
        return []
    return [(m.auditor, m.mean_difference_from_agreed) for m in stats.members.values()
            if m.mean_difference_from_agreed is not None]


def drift_axis_limit(items: Sequence[tuple[str, float]]) -> float:
    """A symmetric axis limit in quarter grades, at least half a grade."""
    biggest = max((abs(v) for _n, v in items), default=0.0)
    return max(0.5, math.ceil(biggest * 4) / 4)


def _generous(value: float, rubric: Rubric | None) -> bool:
    """A drift towards kinder grades (on a scale where 1 is best, a negative difference)."""
    return (rubric.generosity(value) if rubric is not None else value) > 0


def drift_description(items: Sequence[tuple[str, float]]) -> str:
    if not items:
        return "No agreed grades yet, so no calibration drift to show."
    return "; ".join(f"{name}: {format_signed(value)}" for name, value in items)


class PainterDriftChart(QWidget):
    """Horizontal bars either side of zero, drawn by hand (when QtCharts is missing)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[tuple[str, float]] = []
        self.rubric: Rubric | None = None
        self.setMinimumHeight(120)

    def set_items(self, items: Sequence[tuple[str, float]], rubric: Rubric | None = None) -> None:
        self.items = list(items)
        self.rubric = rubric
        self.setAccessibleDescription(drift_description(self.items))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        metrics = painter.fontMetrics()
        if not self.items:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "No agreed grades yet")
            return
        label_w = min(rect.width() * 0.45,
                      max(metrics.horizontalAdvance(short_name(n)) for n, _ in self.items) + 8)
        plot = QRectF(rect.left() + label_w, rect.top(), rect.width() - label_w,
                      rect.height() - metrics.height() - 4)
        limit = drift_axis_limit(self.items)
        zero_x = plot.center().x()
        bar_h = plot.height() / len(self.items)
        for i, (name, value) in enumerate(self.items):
            top = plot.top() + i * bar_h
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(rect.left(), top, label_w - 6, bar_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             short_name(name))
            width = value / limit * plot.width() / 2
            colour = GENEROUS_COLOUR if _generous(value, self.rubric) else STRICTER_COLOUR
            bar = QRectF(min(zero_x, zero_x + width), top + bar_h * 0.2, abs(width), bar_h * 0.6)
            painter.fillRect(bar, QBrush(colour))
        painter.setPen(QPen(self.palette().mid().color()))
        painter.drawLine(QPointF(zero_x, plot.top()), QPointF(zero_x, plot.bottom()))
        axis_y = plot.bottom() + 2
        ticks = ((-limit, Qt.AlignmentFlag.AlignLeft), (0.0, Qt.AlignmentFlag.AlignHCenter),
                 (limit, Qt.AlignmentFlag.AlignRight))
        for value, align in ticks:
            painter.drawText(QRectF(plot.left(), axis_y, plot.width(), metrics.height()),
                             align, format_signed(value, 2))


class DriftChart(QWidget):
    """A small bar chart of each member's mean difference from the agreed grade.

    QtCharts lays out axis labels when the chart is first shown: a chart built
    while hidden (another tab) keeps stray labels, so the chart is built afresh,
    and only while visible (``showEvent`` builds one that was set while hidden).
    """

    def __init__(self, parent: QWidget | None = None, *, use_charts: bool = HAVE_CHARTS) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.items: list[tuple[str, float]] = []
        self.rubric: Rubric | None = None
        self._stale = False
        self.setAccessibleName("Calibration drift per member")
        self.uses_charts = use_charts
        if use_charts:
            self.chart_view = QChartView(self)
            self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.chart_view.setAccessibleName("Calibration drift chart")
            layout.addWidget(self.chart_view)
        else:
            self.painter_chart = PainterDriftChart(self)
            layout.addWidget(self.painter_chart)

    def set_items(self, items: Sequence[tuple[str, float]], rubric: Rubric | None = None) -> None:
        """Members' mean differences from the agreed grade; the rubric says which way is kinder."""
        self.items = list(items)
        self.rubric = rubric
        self.setAccessibleDescription(drift_description(self.items))
        kinder = "−" if rubric is not None and rubric.best_is_low else "+"
        self.setToolTip(f"Mean of (member's grade − agreed grade); {kinder} means more generous."
                        "\n" + drift_description(self.items).replace("; ", "\n"))
        if not self.uses_charts:
            self.painter_chart.set_items(self.items, rubric)
            return
        self._stale = True
        if self.isVisible():
            self._build()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._build()

    def _build(self) -> None:
        self._stale = False
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(chart.margins() * 0)
        chart.setBackgroundRoundness(0)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        chart.setTitleFont(small)
        chart.legend().setFont(small)
        old = self.chart_view.chart()
        self.chart_view.setChart(chart)
        if old is not None:
            old.deleteLater()
        if not self.items:
            chart.setTitle("No agreed grades yet")
            chart.legend().hide()
            return
        generous = QBarSet("More generous")
        stricter = QBarSet("Stricter")
        generous.setColor(GENEROUS_COLOUR)
        stricter.setColor(STRICTER_COLOUR)
        shown = list(reversed(self.items))  # categories run bottom-up: keep the table's order
        for _name, value in shown:
            kind = _generous(value, self.rubric)
            generous.append(value if kind else 0.0)
            stricter.append(0.0 if kind else value)
        series = QHorizontalStackedBarSeries()
        series.append(generous)
        series.append(stricter)
        series.setBarWidth(0.6)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.setTruncateLabels(False)
        names.setLabelsFont(small)
        names.append([short_name(name) for name, _ in shown])
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        values = QValueAxis()
        limit = drift_axis_limit(self.items)
        values.setRange(-limit, limit)
        values.setTickCount(5)
        values.setLabelFormat("%+.2f")
        values.setLabelsFont(small)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)


# ====================================================================== the page


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rag_style(button_name: str, rag: str | None) -> str:
    colour = RAG_COLOURS.get(rag or "", "#505a5f")
    tint = RAG_TINTS.get(rag or "", "#f3f2f1")
    return (
        f"QPushButton#{button_name} {{ background: {tint}; border: 1px solid {colour}; "
        f"border-radius: 3px; min-width: 18px; min-height: 26px; padding: 0px; }}\n"
        f"QPushButton#{button_name}:checked {{ background: {colour}; color: white; "
        f"font-weight: bold; border: 2px solid #0b0c0c; }}\n"
        f"QPushButton#{button_name}:focus {{ border: 3px solid #ffdd00; }}\n"
        f"QPushButton#{button_name}:disabled {{ color: #505a5f; }}"
    )


class ModerationPage(QWidget):
    """Moderate one session's plans: ``ModerationPage(ctx)``."""

    #: Emitted after every attempt to save (True when it was saved).
    save_finished = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self.ui = Ui_ModerationPage()
        self.ui.setupUi(self)
        self.setObjectName("moderationPage")

        self.sessions: list[SessionInfo] = []
        self.info: SessionInfo | None = None
        self.data: SessionData | None = None
        self.rubric: Rubric | None = None
        self.members: list[MemberColumn] = []
        self.view: PlanModeration | None = None
        self.plan_ref: str | None = None
        self.version: int | None = None
        self.stats: AgreementStats | None = None
        self._member_by_session: dict[str, str] = {}
        self._overall_rationales: dict[tuple[str, str], str] = {}
        self._texts_dirty = False
        self._own_notice = False
        self._pending_rationale: str | None = None
        self._current_theme: str | None = None
        self._stale = False
        self._grade_scale: OverallScale | None = None
        self._filling = False

        self.grid_model = ModerationGridModel(self)
        self.plan_model = PlanListModel(self)
        self.member_model = MemberAgreementModel(self)
        self.delegate = AgreedDelegate(self)
        self.grade_group = QButtonGroup(self)
        self.grade_group.setExclusive(True)
        self.grade_buttons: dict[int, QPushButton] = {}
        self.drift_chart = DriftChart(self.ui.driftChartHost)
        self.ui.driftChartLayout.addWidget(self.drift_chart)

        self._setup_views()
        self._connect()
        self.reload()

    # ------------------------------------------------------------ set-up

    def _setup_views(self) -> None:
        ui = self.ui
        font = ui.titleLabel.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        ui.titleLabel.setFont(font)
        plan_font = ui.planTitleLabel.font()
        plan_font.setBold(True)
        ui.planTitleLabel.setFont(plan_font)
        ui.legendLabel.setTextFormat(Qt.TextFormat.RichText)
        ui.legendLabel.setText(
            f'<span style="background:{DISAGREE_BACKGROUND.name()}">&nbsp;highlighted&nbsp;</span>'
            f" members disagree · <b style=\"color:{SHORTFALL_COLOUR.name()}\">red</b> shortfall"
            f' · <span style="background:{EDITABLE_BACKGROUND.name()}">&nbsp;blue&nbsp;</span>'
            " editable · <i>grey italic</i> draft · hover for notes · Enter edits")

        ui.planList.setModel(self.plan_model)
        header = ui.planList.horizontalHeader()
        # sized to the contents once per refill (_fill_plans), not by the header on
        # every layout pass: that measured each of the plans' cells over and over
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        ui.planList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        ui.planList.setMinimumWidth(250)
        ui.planList.verticalHeader().setDefaultSectionSize(ui.planList.fontMetrics().height() + 8)

        grid = ui.gridView
        grid.setModel(self.grid_model)
        grid.setItemDelegate(self.delegate)
        grid.horizontalHeader().setHighlightSections(False)
        grid.horizontalHeader().setStretchLastSection(True)
        grid.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.verticalHeader().setDefaultSectionSize(grid.fontMetrics().height() + 10)
        grid.setTextElideMode(Qt.TextElideMode.ElideRight)
        grid.installEventFilter(_EnterEdits(grid))
        for view in (grid, ui.planList, ui.memberAgreementTable):
            view.setTabKeyNavigation(False)  # arrows move between cells, Tab moves on

        ui.memberAgreementTable.setModel(self.member_model)
        mheader = ui.memberAgreementTable.horizontalHeader()
        mheader.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        mheader.setSectionResizeMode(MemberAgreementModel.COL_MEMBER,
                                     QHeaderView.ResizeMode.Stretch)
        mheader.setHighlightSections(False)
        ui.memberAgreementTable.setMinimumWidth(0)
        ui.driftChartHost.setMinimumWidth(240)
        ui.agreementLayout.setStretch(1, 3)
        ui.agreementLayout.setStretch(2, 2)
        ui.memberAgreementTable.verticalHeader().setDefaultSectionSize(
            ui.memberAgreementTable.fontMetrics().height() + 6)

        ui.mainSplitter.setStretchFactor(0, 0)
        ui.mainSplitter.setStretchFactor(1, 1)
        ui.mainSplitter.setSizes([270, 1000])
        ui.verticalSplitter.setStretchFactor(0, 1)
        ui.verticalSplitter.setStretchFactor(1, 0)
        ui.verticalSplitter.setSizes([500, 230])
        ui.textsTabLayout.setStretch(0, 3)
        ui.textsTabLayout.setStretch(1, 2)
        ui.cellDetailLabel.setMaximumHeight(ui.cellDetailLabel.fontMetrics().lineSpacing() * 3 + 4)
        ui.permissionLabel.setContentsMargins(8, 4, 8, 4)

    def _connect(self) -> None:
        ui = self.ui
        ui.sessionCombo.currentIndexChanged.connect(self._on_session_chosen)
        ui.memberCombo.currentIndexChanged.connect(self._on_member_chosen)
        ui.designateButton.clicked.connect(self.designate)
        ui.planList.selectionModel().currentRowChanged.connect(self._on_plan_row)
        ui.previousPlanButton.clicked.connect(self.previous_plan)
        ui.nextPlanButton.clicked.connect(self.next_plan)
        # queued: the save (and the model reset after it) runs once the editor has closed
        self.grid_model.edit_requested.connect(self._on_edit_requested,
                                               Qt.ConnectionType.QueuedConnection)
        self.grade_group.idClicked.connect(self._on_grade_clicked)
        ui.overallRationaleEdit.editingFinished.connect(self._on_overall_rationale)
        ui.themesList.itemChanged.connect(self._on_theme_toggled)
        ui.gridView.selectionModel().currentChanged.connect(self._show_cell_detail)
        ui.strengthsEdit.textChanged.connect(self._on_texts_edited)
        ui.developmentEdit.textChanged.connect(self._on_texts_edited)
        ui.saveTextsButton.clicked.connect(self.save_texts)
        ui.addActionButton.clicked.connect(self.add_action)
        self.ctx.data_changed.connect(self._on_data_changed)

    # ------------------------------------------------------------ who

    def current_member(self) -> MemberInfo | None:
        if self.info is None:
            return None
        name = self.ui.memberCombo.currentData()
        return next((m for m in self.info.members if m.name == name), None)

    @property
    def chair(self) -> MemberInfo | None:
        if self.info is None:
            return None
        return next((m for m in self.info.members if m.role == "chair"), None)

    def scores_visible(self) -> bool:
        """Whether the current member may see the others' scores of the plan shown."""
        return self.info is not None and self._can_see_plan()(self.plan_ref or "")

    def edit_block_reason(self) -> str | None:
        """Why the agreed column is read-only for the current member (None: editable)."""
        if self.info is None:
            return "Choose a session."
        member = self.current_member()
        chair = self.chair
        if self.info.read_only:
            return "This session is closed: the agreed scores are read-only."
        if member is None:
            return "Choose who you are (\u201cI am\u201d) to record agreed scores."
        if not member.can_moderate:
            who = f"the chair ({chair.name})" if chair else "the chair"
            return (f"Read-only: only {who}, or a member the chair designates, records the "
                    "panel's agreed scores.")
        if not self.scores_visible():
            return ("Scoring is blind: submit your own scores for this plan (or move the "
                    "session to moderation) to see the others' and record agreed scores.")
        return None

    def can_edit(self) -> bool:
        return self.edit_block_reason() is None and self.plan_ref is not None

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        """Re-read the sessions, keep the current choice where it still exists."""
        try:
            self.sessions = sessions.list_sessions(self.ctx.db)
        except UserError as exc:
            self._show_problem(exc)
            return
        current = self.ui.sessionCombo.currentData()
        with QSignalBlocker(self.ui.sessionCombo):
            self.ui.sessionCombo.clear()
            for s in self.sessions:
                self.ui.sessionCombo.addItem(
                    f"{s.name} ({_STATUS_LABELS.get(s.status, s.status)})", s.name)
            names = [s.name for s in self.sessions]
            if current not in names:
                current = next((s.name for s in self.sessions if s.status == "moderation"),
                               names[0] if names else None)
            if current is not None:
                self.ui.sessionCombo.setCurrentIndex(names.index(current))
        self.ui.bodyStack.setCurrentWidget(self.ui.contentPage if self.sessions
                                           else self.ui.emptyPage)
        if current is None:
            self.info = self.data = None
            self._apply_permissions()
            return
        self.open_session(current)

    def open_session(self, name: str, *, member: str | None = None,
                     plan_ref: str | None = None) -> None:
        """Show a session: its members, plans and agreement, then a plan.

        ``member``: who is using the screen ("I am"); ``plan_ref``: the plan to show
        (default: the current one when the session is unchanged, else the first
        plan not yet moderated).
        """
        self._flush_texts()
        if member is not None:
            self._member_by_session[name] = member
        try:
            info = sessions.get_info(self.ctx.db, name)
            data, versions = session_data.load_session_with_panel_versions(self.ctx.db, name)
            rubric = rubric_view.load_rubric(self.ctx.db, data.rubric_id,
                                             data.rubric_version).rubric
        except UserError as exc:
            self._show_problem(exc)
            return
        changed = self.info is None or self.info.name != name
        self.info, self.data, self.rubric = info, data, rubric
        index = self.ui.sessionCombo.findData(name)
        if index >= 0 and index != self.ui.sessionCombo.currentIndex():
            with QSignalBlocker(self.ui.sessionCombo):
                self.ui.sessionCombo.setCurrentIndex(index)
        self._fill_members()
        self._build_grade_buttons()
        self.members = scoring_members(info.members, data.audits)
        self._fill_plans()
        self._show_agreement()
        refs = [r.plan_ref for r in self.plan_model.rows()]
        plan = plan_ref if plan_ref in refs else None
        if plan is None and not changed and self.plan_ref in refs:
            plan = self.plan_ref
        if plan is None and refs:
            plan = next((r.plan_ref for r in self.plan_model.rows() if not r.moderated), refs[0])
        # the session was just read (with every plan's agreed-row version, in the same
        # snapshot): show the plan from it rather than reading the session again
        self._update_session_label()
        self._mark_plan_row(plan)
        self.plan_ref = plan
        self.version = versions.get(plan) if plan else None
        self._show_plan()

    def refresh(self) -> None:
        """Re-read the current session (after a save, a conflict or another page's change)."""
        if self.info is None:
            self.reload()
            return
        self._load_plan(self.plan_ref, reload_session=True)

    def _fill_members(self) -> None:
        assert self.info is not None
        combo = self.ui.memberCombo
        wanted = self._member_by_session.get(self.info.name) or combo.currentData()
        names = [m.name for m in self.info.members]
        if wanted not in names:
            wanted = self._default_member()
        with QSignalBlocker(combo):
            combo.clear()
            for m in self.info.members:
                combo.addItem(self._member_label(m), m.name)
            if wanted in names:
                combo.setCurrentIndex(names.index(wanted))
                self._member_by_session[self.info.name] = wanted

    @staticmethod
    def _member_label(m: MemberInfo) -> str:
        if m.role == "chair":
            return f"{m.name} — chair"
        if m.role == "observer":
            return f"{m.name} — observer"
        return f"{m.name} — may record agreed scores" if m.can_moderate else m.name

    def _default_member(self) -> str | None:
        assert self.info is not None
        user = self.ctx.actor.user.casefold()
        for m in self.info.members:
            if m.name.casefold() == user or m.name.casefold().startswith(user + " "):
                return m.name
        chair = self.chair
        if chair:
            return chair.name
        return self.info.members[0].name if self.info.members else None

    def _fill_plans(self) -> None:
        assert self.data is not None
        assert self.rubric is not None
        rows = plan_summaries(self.data, self.rubric, self.members, self._can_see_plan())
        selection = self.ui.planList.selectionModel()
        with QSignalBlocker(selection):
            self.plan_model.set_rows(rows, self.rubric)
        self.ui.planList.resizeColumnsToContents()
        if self.plan_ref is not None:
            self._mark_plan_row(self.plan_ref)

    def _can_see_plan(self) -> Callable[[str], bool]:
        """Blind scoring per plan, for the current member: their own audit of the plan
        must be submitted, unless the session is in moderation (``can_view_scores``)."""
        member = self.current_member()
        status = self.info.status if self.info else ""
        own = {a.plan_ref: a for a in (self.data.audits if self.data else ())
               if member is not None and not a.is_panel and a.auditor == member.name}
        role = member.role if member else None
        return lambda ref: can_view_scores(status, role, own.get(ref))

    def _mark_plan_row(self, plan_ref: str | None) -> None:
        row = self.plan_model.row_of(plan_ref) if plan_ref else -1
        selection = self.ui.planList.selectionModel()
        with QSignalBlocker(selection):
            if row < 0:
                selection.clear()
                return
            index = self.plan_model.index(row, 0)
            selection.setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self.ui.planList.scrollTo(index)

    def select_plan(self, plan_ref: str | None) -> None:
        """Show one plan (saving unsaved themes and texts of the plan being left)."""
        if plan_ref != self.plan_ref:
            self._flush_texts()
        self._mark_plan_row(plan_ref)
        self._load_plan(plan_ref, reload_session=plan_ref != self.plan_ref)

    def _load_plan(self, plan_ref: str | None, *, reload_session: bool) -> None:
        if self.info is None:
            return
        name = self.info.name
        try:
            if reload_session:
                # versions and data in one snapshot (versions read first): a save made
                # by someone else meanwhile shows as a conflict, never a silent overwrite
                self.info = sessions.get_info(self.ctx.db, name)
                self.data, versions = session_data.load_session_with_panel_versions(
                    self.ctx.db, name)
                version = versions.get(plan_ref) if plan_ref else None
            else:
                # the plan already shown: its data is not read again, so it keeps the
                # version that data was read with (a fresh one would let a save made
                # from stale data overwrite someone else's without a conflict)
                version = self.version
        except UserError as exc:
            self._show_problem(exc)
            return
        self.plan_ref = plan_ref
        self.version = version
        if reload_session:
            self.members = scoring_members(self.info.members, self.data.audits if self.data else ())
            self._refresh_member_labels()
            self._update_session_label()
            self._fill_plans()
            self._show_agreement()
        self._show_plan()

    def _update_session_label(self) -> None:
        """The session's entry in the selector, with its status as just read."""
        assert self.info is not None
        name = self.info.name
        index = self.ui.sessionCombo.findData(name)
        if index >= 0:
            self.ui.sessionCombo.setItemText(
                index, f"{name} ({_STATUS_LABELS.get(self.info.status, self.info.status)})")

    def _refresh_member_labels(self) -> None:
        assert self.info is not None
        combo = self.ui.memberCombo
        for i in range(combo.count()):
            member = next((m for m in self.info.members if m.name == combo.itemData(i)), None)
            if member is not None:
                combo.setItemText(i, self._member_label(member))

    # ------------------------------------------------------------ showing a plan

    def _show_plan(self) -> None:
        ui = self.ui
        current_key, current_col = self._current_cell()
        if self.data is None or self.rubric is None or self.plan_ref is None:
            self.view = None
            self.grid_model.set_view(None, None, False)
            ui.planTitleLabel.setText("No plans in this session's sample yet."
                                      if self.info else "")
            self._fill_agreed_panel()
            self._apply_permissions()
            return
        key = (self.data.name, self.plan_ref)
        self.view = moderation_view(self.data, self.rubric, self.plan_ref, self.members,
                                    visible=self.scores_visible(),
                                    overall_rationale=self._overall_rationales.get(key))
        editable = self.can_edit()
        self.grid_model.set_view(self.view, self.rubric, editable)
        self._size_grid()
        ui.planTitleLabel.setText(self._plan_title())
        self._fill_agreed_panel()
        self._apply_permissions()
        self._restore_cell(current_key, current_col)
        if self._pending_rationale is not None:
            pending, self._pending_rationale = self._pending_rationale, None
            self.edit_rationale(pending)

    def _plan_title(self) -> str:
        assert self.view is not None
        facts = self.view.facts
        bits = [self.view.plan_ref]
        if facts is not None:
            if facts.year_group is not None:
                bits.append(rubric_view.year_group_label(facts.year_group))
            bits += [b for b in (facts.phase and facts.phase.replace("_", " "),
                                 facts.primary_need, facts.setting_type, facts.plan_type) if b]
        summary = next((r for r in self.plan_model.rows() if r.plan_ref == self.view.plan_ref),
                       None)
        state = ""
        if summary is not None:
            moderated = ("agreed grade hidden" if summary.disagreements is None
                         else f"agreed grade {summary.agreed_grade}" if summary.moderated
                         else "not yet moderated")
            state = f" — {summary.submitted_text}, {moderated}"
        if not self.view.visible:
            state += " — members' scores hidden (blind scoring)"
        return " · ".join(bits) + state

    def _size_grid(self) -> None:
        grid = self.ui.gridView
        header = grid.horizontalHeader()
        model = self.grid_model
        if model.columnCount() == 0:
            return
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = grid.fontMetrics()
        header.resizeSection(model.COL_QUESTION, metrics.horizontalAdvance("x") * 27)
        for column in range(1, model.agreed_column):
            header.resizeSection(column, min(metrics.horizontalAdvance("x") * 12,
                                             header.sectionSizeFromContents(column).width() + 4))
        header.resizeSection(model.agreed_column, metrics.horizontalAdvance("Agreed") + 18)
        header.resizeSection(model.agency_column, metrics.horizontalAdvance("Educational") + 12)

    def _current_cell(self) -> tuple[str | None, int]:
        index = self.ui.gridView.currentIndex()
        if not index.isValid():
            return None, -1
        return index.data(ROW_KEY_ROLE), index.column()

    def _restore_cell(self, key: str | None, column: int) -> None:
        if key is None or column < 0:
            return
        index = self.grid_model.cell(key, min(column, self.grid_model.columnCount() - 1))
        if index.isValid():
            self.ui.gridView.setCurrentIndex(index)

    def _show_cell_detail(self, index: QModelIndex, _previous: QModelIndex) -> None:
        """The full question, and the notes behind the current cell, for keyboard users."""
        label = self.ui.cellDetailLabel
        if not index.isValid() or self.view is None:
            label.clear()
            return
        row = self.grid_model.row_at(index.row())
        if row.question is not None:
            parts = [f"<b>{html.escape(row.question.id)}</b>: {html.escape(row.question.text)}"]
        else:
            parts = [f"<b>{html.escape(row.label)}</b>"]
        member = self.grid_model.member_at(index.column())
        notes = ({member.name: row.notes[member.name]} if member and member.name in row.notes
                 else row.notes if member is None else {})
        if index.column() == self.grid_model.rationale_column and row.rationale:
            parts.append(f"Rationale: {html.escape(_clip(row.rationale))}")
        for who, note in list(notes.items())[:3]:
            parts.append(f"<i>{html.escape(who)}</i>: {html.escape(_clip(note))}")
        if member is not None and row.attributions.get(member.name):
            parts.append("Attributed to: " + html.escape(
                self.grid_model.agencies_text(row.attributions[member.name])))
        if row.agreed_note and member is None:
            parts.append(f"<i>Agreed note</i>: {html.escape(_clip(row.agreed_note))}")
        label.setText("<br>".join(parts))

    def edit_rationale(self, key: str) -> None:
        """Put the cursor in a row's rationale cell and open its editor."""
        index = self.grid_model.cell(key, self.grid_model.rationale_column)
        if not index.isValid():
            return
        self.ui.gridView.setCurrentIndex(index)
        self.ui.gridView.scrollTo(index)
        if index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.ui.gridView.edit(index)

    def _fill_agreed_panel(self) -> None:
        self._filling = True
        try:
            self._fill_overall()
            self._fill_themes()
            self._fill_texts()
            self._fill_actions()
        finally:
            self._filling = False
        self._texts_dirty = False
        self.ui.saveTextsButton.setEnabled(False)

    def _build_grade_buttons(self) -> None:
        """One button per grade, coloured by its band (rebuilt only when the scale changes)."""
        scale = self.rubric.overall if self.rubric is not None else None
        if scale is not None and self._grade_scale == scale:
            return
        self._grade_scale = scale
        layout = self.ui.overallButtonsLayout
        for button in self.grade_buttons.values():
            self.grade_group.removeButton(button)
            layout.removeWidget(button)
            button.deleteLater()
        self.grade_buttons = {}
        if self.rubric is None:
            return
        for grade in range(self.rubric.overall.min, self.rubric.overall.max + 1):
            band = self.rubric.band_for(grade)
            button = QPushButton(str(grade), self.ui.overallButtonsHost)
            button.setObjectName(f"gradeButton{grade}")
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(f"Agreed grade {grade}: {band.label} ({band.rag})")
            button.setToolTip(f"{grade} – {band.label} ({band.rag.upper()})"
                              + (": counts as good" if band.good else ""))
            button.setStyleSheet(_rag_style(button.objectName(), band.rag))
            self.grade_group.addButton(button, grade)
            layout.addWidget(button)
            self.grade_buttons[grade] = button
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Top to bottom, left to right; the grade buttons sit after the tab bar."""
        ui = self.ui
        order: list[QWidget] = [
            ui.sessionCombo, ui.memberCombo, ui.designateButton, ui.planList,
            ui.previousPlanButton, ui.nextPlanButton, ui.gridView, ui.detailTabs.tabBar(),
            *self.grade_buttons.values(), ui.overallRationaleEdit, ui.themesList,
            ui.strengthsEdit, ui.developmentEdit, ui.saveTextsButton, ui.actionsList,
            ui.addActionButton, ui.memberAgreementTable,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _fill_overall(self) -> None:
        ui = self.ui
        view, rubric = self.view, self.rubric
        row = view.overall if view else None
        agreed = int(row.agreed) if row and row.agreed else None
        with QSignalBlocker(self.grade_group):
            self.grade_group.setExclusive(False)
            for grade, button in self.grade_buttons.items():
                button.setChecked(grade == agreed)
            self.grade_group.setExclusive(True)
        if agreed is not None and rubric is not None:
            band = rubric.band_for(agreed)
            colour = RAG_COLOURS.get(band.rag, "#0b0c0c")
            ui.overallBandLabel.setText(
                f'<b style="color:{colour}">{agreed} – {html.escape(band.label)}</b> '
                f"({band.rag.upper()}{', good' if band.good else ''})")
        else:
            ui.overallBandLabel.setText("<i>No agreed grade yet.</i>" if view else "")
        if row is not None and row.values:
            parts = [f"{html.escape(m.name)}: <b>{row.values[m.name]}</b>"
                     for m in self.members if m.name in row.values]
            text = "Members: " + ", ".join(parts)
            if row.disagree:
                text = (f'<span style="background:{DISAGREE_BACKGROUND.name()}">{text} — '
                        "more than one grade apart</span>")
            ui.memberGradesLabel.setText(text)
        else:
            ui.memberGradesLabel.setText("Members: no grades yet." if view and view.visible
                                         else "")
        with QSignalBlocker(ui.overallRationaleEdit):
            ui.overallRationaleEdit.setText(row.rationale or "" if row else "")
        needed = row is not None and row.rationale_needed
        ui.overallRationaleEdit.setStyleSheet(
            f"QLineEdit {{ border: 2px solid {SHORTFALL_COLOUR.name()}; }}" if needed else "")
        ui.overallRationaleEdit.setPlaceholderText(
            "Rationale needed: why the agreed grade differs" if needed
            else "Why the agreed grade differs from a member's")

    def _fill_themes(self) -> None:
        widget = self.ui.themesList
        current = widget.currentItem()
        keep = self._current_theme or (current.data(Qt.ItemDataRole.UserRole) if current else None)
        self._current_theme = None
        scroll = widget.verticalScrollBar().value()
        widget.clear()
        if self.view is None or self.rubric is None:
            return
        scorers = max(1, len(self.members))
        bold = QFont(widget.font())
        bold.setBold(True)
        for choice in theme_choices(self.rubric, self.view):
            count = len(choice.members)
            text = f"{count}/{scorers}  {choice.label}" if count else choice.label
            item = QListWidgetItem(text, widget)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, choice.question_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.agreed else Qt.CheckState.Unchecked)
            tip = choice.description
            if count:
                item.setFont(bold)
                tip += f"\nTagged by {count} of {scorers} members: {', '.join(choice.members)}"
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{choice.label}, tagged by {count} member(s)"
                         + (", agreed" if choice.agreed else ""))
            if choice.id == keep:
                widget.setCurrentItem(item)
        widget.verticalScrollBar().setValue(scroll)

    def _fill_texts(self) -> None:
        view = self.view
        panel = view.panel if view else None
        for edit, attr, what in ((self.ui.strengthsEdit, "strengths", "strengths"),
                                 (self.ui.developmentEdit, "development",
                                  "areas for development")):
            with QSignalBlocker(edit):
                edit.setPlainText((getattr(panel, attr) or "") if panel else "")
            written = [(who, getattr(a, attr)) for who, a in (view.audits.items() if view else ())
                       if getattr(a, attr)]
            if written:
                edit.setPlaceholderText(f"Members wrote: {written[0][1]}")
                edit.setToolTip("Members' " + what + ":\n" +
                                "\n".join(f"• {who}: {text}" for who, text in written))
            else:
                edit.setPlaceholderText(f"Agreed {what}")
                edit.setToolTip(f"The panel's agreed {what}")

    def _fill_actions(self) -> None:
        widget = self.ui.actionsList
        widget.clear()
        if self.data is None or self.plan_ref is None:
            return
        today = self._today()
        for act in self.data.actions:
            if act.plan_ref != self.plan_ref:
                continue
            due = act.due_date.strftime("%d/%m/%Y") if act.due_date else "no due date"
            late = act.overdue(today)
            item = QListWidgetItem(f"{due} · {act.owner or 'no owner'} · {act.status}"
                                   f"{' · OVERDUE' if late else ''}\n{act.text}", widget)
            item.setToolTip(act.text)
            if late:
                item.setForeground(QBrush(SHORTFALL_COLOUR))
        if widget.count() == 0:
            item = QListWidgetItem("No actions for this plan yet.", widget)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    def _apply_permissions(self) -> None:
        ui = self.ui
        reason = self.edit_block_reason()
        editable = reason is None and self.view is not None
        member = self.current_member()
        self.grid_model.set_editable(editable)
        for button in self.grade_buttons.values():
            button.setEnabled(editable)
        ui.overallRationaleEdit.setReadOnly(not editable or self._agreed_grade() is None)
        ui.themesList.setEnabled(self.view is not None)
        for i in range(ui.themesList.count()):
            item = ui.themesList.item(i)
            flags = item.flags()
            if editable:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            else:
                flags &= ~Qt.ItemFlag.ItemIsUserCheckable
            with QSignalBlocker(ui.themesList):
                item.setFlags(flags)
        ui.strengthsEdit.setReadOnly(not editable)
        ui.developmentEdit.setReadOnly(not editable)
        ui.saveTextsButton.setEnabled(editable and self._texts_dirty)
        ui.addActionButton.setEnabled(editable)
        ui.designateButton.setVisible(member is not None and member.role == "chair")
        ui.designateButton.setEnabled(self.info is not None and not self.info.read_only)
        ui.previousPlanButton.setEnabled(self._plan_row() > 0)
        ui.nextPlanButton.setEnabled(0 <= self._plan_row() < self.plan_model.rowCount() - 1)
        if editable:
            text = ("You are recording the panel's agreed scores: each change is saved as you "
                    "make it. Enter on an Agreed cell to change it.")
            style = "background:#e6f2ea; color:#0b3d1f; border-left:4px solid #00703c;"
        else:
            text = reason or ""
            style = "background:#fff4e5; color:#4a2b00; border-left:4px solid #f47738;"
        ui.permissionLabel.setText(text)
        ui.permissionLabel.setStyleSheet(f"QLabel {{ {style} padding:4px; }}" if text else "")
        ui.permissionLabel.setVisible(bool(text))
        ui.gridView.setToolTip("" if editable else (reason or ""))

    def _agreed_grade(self) -> int | None:
        if self.view is None:
            return None
        agreed = self.view.overall.agreed
        return int(agreed) if agreed else None

    # ------------------------------------------------------------ navigation

    def _plan_row(self) -> int:
        return self.plan_model.row_of(self.plan_ref) if self.plan_ref else -1

    def next_plan(self) -> None:
        row = self._plan_row()
        if row + 1 < self.plan_model.rowCount():
            self.select_plan(self.plan_model.rows()[row + 1].plan_ref)

    def previous_plan(self) -> None:
        row = self._plan_row()
        if row > 0:
            self.select_plan(self.plan_model.rows()[row - 1].plan_ref)

    def _on_plan_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            ref = self.plan_model.rows()[current.row()].plan_ref
            if ref != self.plan_ref:
                self.select_plan(ref)

    def _on_session_chosen(self, _index: int) -> None:
        name = self.ui.sessionCombo.currentData()
        if name:
            self.open_session(name)

    def _on_member_chosen(self, _index: int) -> None:
        self._flush_texts()
        if self.info is not None:
            name = self.ui.memberCombo.currentData()
            if name:
                self._member_by_session[self.info.name] = name
        if self.data is not None and self.rubric is not None:
            self._fill_plans()  # what the plan list and agreement may show depends on
            self._show_agreement()  # who is looking
        self._show_plan()

    def _on_data_changed(self, what: str) -> None:
        if self._own_notice or what not in REFRESH_ON:
            return
        if not self.isVisible():  # another page is saving: catch up when shown
            self._stale = True
            return
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.ui.planList.resizeColumnsToContents()  # the text's width changed

    def _notify(self, *topics: str) -> None:
        self._own_notice = True
        try:
            for topic in topics:
                self.ctx.notify(topic)
        finally:
            self._own_notice = False

    # ------------------------------------------------------------ agreement

    def _show_agreement(self) -> None:
        ui = self.ui
        title = "Agreement between members on the overall grade, over every plan in this session"
        if self.data is None or self.rubric is None:
            self.stats = None
        else:
            # blind scoring: only plans whose scores this member may see count
            can_see = self._can_see_plan()
            every = self.data.member_grades()
            grades = {p: g for p, g in every.items() if can_see(p)}
            agreed = {p: g for p, g in self.data.agreed_grades().items() if can_see(p)}
            self.stats = agreement_stats(grades, agreed,
                                         (self.rubric.overall.min, self.rubric.overall.max))
            hidden = len(every) - len(grades)
            if hidden:
                title = (f"Agreement between members on the overall grade, leaving out "
                         f"{hidden} plan(s) whose scores you cannot see yet (blind scoring)")
        ui.agreementGroup.setTitle(title)
        stats = self.stats
        ui.pairsValue.setText(str(stats.pairs) if stats else "—")
        if stats and stats.pairs:
            ui.exactValue.setText(f"{format_percent(stats.overall_exact_percent)} "
                                  f"({stats.exact} of {stats.pairs})")
            ui.withinValue.setText(f"{format_percent(stats.overall_within_one_percent)} "
                                   f"({stats.within_one} of {stats.pairs})")
        else:
            ui.exactValue.setText("—")
            ui.withinValue.setText("—")
        ui.alphaValue.setText(format_alpha(stats.krippendorff_alpha_ordinal) if stats else "—")
        self.member_model.set_stats(stats, self.rubric)
        self.drift_chart.set_items(drift_items(stats), self.rubric)

    # ------------------------------------------------------------ saving

    def _moderator(self) -> str:
        member = self.current_member()
        assert member is not None
        return member.name

    def _on_edit_requested(self, key: str, field: str, value: object) -> None:
        if self.view is None or not self.can_edit():
            return
        text = None if value is None else str(value)
        if key == OVERALL_KEY:
            if field == FIELD_VALUE:
                saved = self.save_overall(int(text) if text else None)
                if saved and self.view is not None and self.view.overall.rationale_needed:
                    self.edit_rationale(OVERALL_KEY)
            elif field == FIELD_RATIONALE:
                self.save_overall(self._agreed_grade(), rationale=text or "")
            return
        row = self.view.row(key)
        agreed, agencies, rationale = row.agreed, row.agreed_agencies, None
        reason = row.agreed_reason
        if field == FIELD_VALUE:
            agreed = text
            if agreed is not None and row.is_shortfall(agreed) and not agencies:
                agencies = row.majority_attribution()
        elif field == FIELD_AGENCY:
            agencies = tuple(str(a) for a in value) if isinstance(value, tuple | list) else ()
        elif field == FIELD_REASON:
            reason = text
        elif field == FIELD_RATIONALE:
            rationale = text or ""
        saved = self.save_answer(key, agreed, agencies=agencies, rationale=rationale,
                                 reason=reason)
        if saved and field == FIELD_VALUE and self.view is not None:
            new_row = self.view.row(key)
            if new_row.rationale_needed:
                self.edit_rationale(key)

    def save_answer(self, question_id: str, value: str | None, *,
                    agencies: tuple[str, ...] = (), rationale: str | None = None,
                    reason: str | None = None) -> bool:
        """Record the agreed answer to one question (keeping its note); a reason that
        no longer fits the answer is dropped by the service."""
        assert self.view is not None
        assert self.info is not None
        row = self.view.row(question_id)
        session, plan, moderator = self.info.name, self.view.plan_ref, self._moderator()

        def save(version: int | None) -> int:
            return scoring.save_agreed_answer(
                self.ctx.db, session, plan, moderator, question_id, value,
                rationale=rationale, agencies=agencies, note=row.agreed_note,
                reason=reason, expected_version=version)

        def describe(answer: str | None, why: str | None) -> str:
            text = self._describe_answer(question_id, answer)
            return f"{text} (rationale: {why or 'blank'})" if rationale is not None else text

        def theirs(panel: AuditRecord | None) -> str:
            if panel is None:
                return describe(None, None)
            return describe(panel.answers.get(question_id), panel.rationales.get(question_id))

        return self._save(save, f"the agreed answer to {question_id}",
                          describe(value, rationale), theirs)

    def save_overall(self, grade: int | None, *, rationale: str | None = None) -> bool:
        assert self.view is not None
        assert self.info is not None
        session, plan, moderator = self.info.name, self.view.plan_ref, self._moderator()

        def save(version: int | None) -> int:
            return scoring.save_agreed_overall(self.ctx.db, session, plan, moderator, grade,
                                               rationale=rationale, expected_version=version)

        saved = self._save(save, "the agreed overall grade", self._describe_grade(grade),
                           lambda panel: self._describe_grade(panel.overall if panel else None))
        if saved and rationale is not None:
            self._overall_rationales[(session, plan)] = rationale
            self._show_plan()
        return saved

    def save_texts(self) -> bool:
        """Save the agreed themes, strengths and areas for development together."""
        if self.view is None or self.info is None or not self.can_edit():
            return False
        themes = {}
        for i in range(self.ui.themesList.count()):
            item = self.ui.themesList.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                theme_id = item.data(Qt.ItemDataRole.UserRole)
                themes[theme_id] = item.data(Qt.ItemDataRole.UserRole + 1)
        strengths = self.ui.strengthsEdit.toPlainText().strip()
        development = self.ui.developmentEdit.toPlainText().strip()
        session, plan, moderator = self.info.name, self.view.plan_ref, self._moderator()

        def save(version: int | None) -> int:
            return scoring.save_agreed_texts(self.ctx.db, session, plan, moderator,
                                             strengths=strengths, development=development,
                                             themes=themes, expected_version=version)

        def describe(theme_ids: Iterable[str], good: str | None, develop: str | None) -> str:
            labels = ", ".join(sorted(theme_ids)) or "none"
            return (f"themes: {labels}; strengths: {_clip(good or '-', 60)}; "
                    f"development: {_clip(develop or '-', 60)}")

        def theirs(panel: AuditRecord | None) -> str:
            if panel is None:
                return describe((), None, None)
            return describe(panel.theme_ids, panel.strengths, panel.development)

        self._texts_dirty = False
        return self._save(save, "the agreed themes, strengths or areas for development",
                          describe(themes, strengths, development), theirs)

    def _flush_texts(self) -> None:
        """Leaving a plan with unsaved themes or texts saves them (never drops them)."""
        if self._texts_dirty and self.view is not None and self.can_edit():
            self.save_texts()
        self._texts_dirty = False

    def _save(self, save: Callable[[int | None], int], what: str, mine: str,
              theirs: Callable[[AuditRecord | None], str]) -> bool:
        """Run one save with the loaded version; on a conflict ask, never overwrite silently.

        ``theirs`` describes the value now saved, from a fresh read of the agreed row.
        """
        version = self.version
        try:
            if version is None:
                version = 0  # no agreed row when we loaded: the service checks none exists
            while True:
                try:
                    new_version = save(version)
                    break
                except ConflictError as exc:
                    log.info("moderation conflict on %s: %s", what, exc.message)
                    conflict = Conflict(what, exc.changed_by, exc.changed_at,
                                        theirs(self._fresh_panel()), mine)
                    if moderation_dialogs.ask_conflict(self, conflict) != OVERWRITE:
                        return self._after_save(False)
                    version = exc.current_version
        except UserError as exc:
            database_actions.show_user_error(self, "Not saved", exc)
            return self._after_save(False)
        self.version = new_version
        return self._after_save(True)

    def _fresh_panel(self) -> AuditRecord | None:
        """The agreed row as saved now (for a conflict question)."""
        if self.info is None or self.plan_ref is None:
            return None
        fresh = session_data.load_session(self.ctx.db, self.info.name)
        return next((a for a in fresh.audits if a.is_panel and a.plan_ref == self.plan_ref),
                    None)

    def _after_save(self, saved: bool) -> bool:
        self._load_plan(self.plan_ref, reload_session=True)
        if saved:
            self._notify("audits")
        self.save_finished.emit(saved)
        return saved

    def _describe_answer(self, question_id: str, value: object) -> str:
        if value is None:
            return "(blank)"
        if self.rubric is not None and self.rubric.has_question(question_id):
            opt = self.rubric.question(question_id).option(str(value))
            if opt is not None:
                return f"{opt.code} – {opt.label}"
        return str(value)

    def _describe_grade(self, grade: object) -> str:
        if grade is None:
            return "(blank)"
        if self.rubric is None:
            return str(grade)
        try:
            return f"{grade} – {self.rubric.band_for(int(str(grade))).label}"
        except ValueError:
            return str(grade)

    def _on_grade_clicked(self, grade: int) -> None:
        if self.view is None or not self.can_edit() or grade == self._agreed_grade():
            return
        saved = self.save_overall(grade)
        if saved and self.view is not None and self.view.overall.rationale_needed:
            self.ui.overallRationaleEdit.setFocus()

    def _on_overall_rationale(self) -> None:
        if self._filling or self.view is None or not self.can_edit():
            return
        grade = self._agreed_grade()
        text = self.ui.overallRationaleEdit.text().strip()
        if grade is None or text == (self.view.overall.rationale or ""):
            return
        self.save_overall(grade, rationale=text)

    def _on_theme_toggled(self, item: QListWidgetItem) -> None:
        if self._filling or not self.can_edit():
            return
        self._current_theme = item.data(Qt.ItemDataRole.UserRole)
        self.save_texts()

    def _on_texts_edited(self, *_args: object) -> None:
        if self._filling:
            return
        self._texts_dirty = True
        self.ui.saveTextsButton.setEnabled(self.can_edit())

    # ------------------------------------------------------------ actions, designation

    def add_action(self) -> None:
        """"Add action…": record an action for the current plan."""
        if self.info is None or self.plan_ref is None:
            return
        try:
            owners = actions.owners(self.ctx.db)
        except UserError as exc:
            database_actions.show_user_error(self, "Action not added", exc)
            return
        new = moderation_dialogs.ask_new_action(self, plan_ref=self.plan_ref, owners=owners,
                                                today=self._today())
        if new is None:
            return
        member = self.current_member()
        actor = Actor(member.name if member else self.ctx.actor.user, self.ctx.actor.machine)
        try:
            actions.add_action(self.ctx.db, self.info.name, new.text, actor,
                               plan_ref=self.plan_ref, owner=new.owner, due_date=new.due_date)
        except UserError as exc:
            database_actions.show_user_error(self, "Action not added", exc)
            return
        self.ctx.status_message.emit(f"Action added for {self.plan_ref}.")
        self._load_plan(self.plan_ref, reload_session=True)
        self._notify("actions")

    def designate(self) -> None:
        """The chair chooses who else may record agreed scores."""
        member = self.current_member()
        if self.info is None or member is None or member.role != "chair":
            return
        changes = moderation_dialogs.ask_designation(self, self.info.members)
        if not changes:
            return
        try:
            for name, allowed in changes.items():
                scoring.designate_moderator(self.ctx.db, self.info.name, member.name, name,
                                            allowed)
        except UserError as exc:
            database_actions.show_user_error(self, "Not changed", exc)
        self._load_plan(self.plan_ref, reload_session=True)
        self._notify("sessions")

    # ------------------------------------------------------------ problems

    def _show_problem(self, exc: UserError) -> None:
        log.info("moderation page: %s", exc.message)
        self.ui.permissionLabel.setText(exc.message)
        self.ui.permissionLabel.setVisible(True)
        self.ctx.status_message.emit(exc.message)
