"""The Dashboard page: the current session's headline and the last 12 months at a glance.

Everything shown comes from the very figures objects the reports print
(``services.reports.key_issues`` / ``dashboard``: trend and themes), computed in a
``workers.Job`` so the page paints at once with a "loading" state:

* a **rubric picker**: the figures cover one rubric (default: the one the trend
  report would choose for the 12 months, the latest session's), never pooling scales;
* headline cards for the **current session** (the newest session on that rubric with
  moderated plans): % judged good against the target with its RAG colour (with fewer
  than 10 plans: the count and the 95% interval in words, grey), plans
  sampled/audited/moderated, and panel agreement (Krippendorff's alpha);
* a run chart of % good per month over the last 12 months with each month's Wilson
  95% interval as an error bar and the target in force each month as a step line;
* the rubric's indicators by month, each against its own target steps, and a table
  of the latest month and the 12 months (``dashboard_charts``);
* the current session's distribution of agreed grades, coloured by band RAG;
* its questions with the highest shortfall percentage (horizontal bars);
* the most frequent agreed themes over the 12 months, with "raised by an auditor"
  beside them.

It reloads when audits or sessions change (at once when visible, else when next
shown). Charts use QtCharts; without it a plain QPainter bar chart stands in.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.gui import workers
from qa_audit.gui.band_colours import NEUTRAL, RAG_COLOURS
from qa_audit.gui.context import AppContext
from qa_audit.gui.models.report_models import FigureRowsModel
from qa_audit.gui.pages.dashboard_charts import (
    HAVE_CHARTS,
    IndicatorChart,
    RunChart,
    chart_view,
    indicator_rows,
    month_label,
    reset_chart,
)
from qa_audit.reporting.key_issues import KeyIssuesFigures
from qa_audit.reporting.themes import ThemesFigures
from qa_audit.reporting.trend import TrendFigures
from qa_audit.reporting.wording import headline_percent, is_small
from qa_audit.services import reports, sessions
from qa_audit.services.workspace import Store as Database

if HAVE_CHARTS:
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSet,
        QHorizontalBarSeries,
        QStackedBarSeries,
        QValueAxis,
    )

log = logging.getLogger(__name__)

REFRESH_ON = frozenset({"audits", "sessions"})
MONTHS = 12
TOP_QUESTIONS = 8
TOP_THEMES = 8
#: How many of the newest sessions are searched for one with moderated plans.
MAX_SESSIONS_SEARCHED = 24

RAG_TEXT = {"green": "on target", "amber": "within 10 points of target",
            "red": "more than 10 points below target",
            "grey": "too few plans for a RAG rating"}


# ------------------------------------------------------------------ no Qt here

@dataclass(frozen=True)
class DashboardFigures:
    """The figures objects the dashboard shows (the same the reports print)."""

    current: KeyIssuesFigures | None  # newest session with moderated plans (on the rubric)
    trend: TrendFigures  # one rubric: trend.rubric
    themes: ThemesFigures
    from_month: str
    to_month: str
    rubrics: tuple[tuple[str, str], ...] = ()  # (id, title) of rubrics with sessions


def last_months(today: dt.date, count: int = MONTHS) -> tuple[str, str]:
    """(first, last) month of the ``count`` months ending with today's month."""
    index = today.year * 12 + today.month - 1 - (count - 1)
    return f"{index // 12:04d}-{index % 12 + 1:02d}", f"{today.year:04d}-{today.month:02d}"


def current_session_figures(db: Database,
                            progress: Callable[[int, str], None] | None = None,
                            rubric_id: str | None = None) -> KeyIssuesFigures | None:
    """Key issues figures of the newest session with at least one moderated plan
    (on ``rubric_id`` when given: the tiles then speak of the rubric the charts show)."""
    listed = [i for i in sessions.list_sessions(db)
              if rubric_id is None or i.rubric_id == rubric_id]
    for info in listed[:MAX_SESSIONS_SEARCHED]:
        if progress is not None:
            progress(5, f"Reading {info.name}")
        figures = reports.key_issues(db, info.name)
        if figures.plans_moderated:
            return figures
    return None


def dashboard_figures(db: Database, today: dt.date, *,
                      progress: Callable[[int, str], None],
                      rubric_id: str | None = None) -> DashboardFigures:
    """Compute what the dashboard shows (runs in a ``workers.Job``): the trend of
    ``rubric_id``, else of the rubric the trend report would choose for the period."""
    first, last = last_months(today)
    progress(0, "Computing the 12-month trend and themes")
    # one load of the period for both (the same figures reports.trend / themes give)
    period = reports.dashboard(db, first, last, with_health=False, rubric_id=rubric_id)
    choices = reports.rubrics_with_sessions(db)
    progress(60, "Finding the current session")
    current = current_session_figures(db, progress, period.trend.rubric)
    progress(100, "Done")
    return DashboardFigures(current, period.trend, period.themes, first, last, tuple(choices))


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class GradeChart:
    """Agreed overall grades of the current session, one bar per grade, coloured by RAG."""

    def __init__(self, parent: QWidget) -> None:
        self.view = chart_view("Agreed overall grades", "Grade distribution chart", parent)
        self.view.setObjectName("gradeChart")
        self.bars = 0

    def show(self, figures: KeyIssuesFigures | None) -> None:
        grades = list(figures.grades) if figures else []
        self.bars = len(grades)
        if figures is not None and HAVE_CHARTS:
            self.view.chart().setTitle(  # type: ignore[attr-defined]
                f"Agreed overall grades: {figures.session}")
        self.view.setAccessibleDescription("; ".join(
            f"grade {g.grade} ({g.band}): {g.count} plan{'s' * (g.count != 1)}" for g in grades))
        chart = reset_chart(self.view)
        if chart is None:
            self.view.set_bars([(str(g.grade), float(g.count),  # type: ignore[attr-defined]
                                 RAG_COLOURS.get(g.rag, NEUTRAL)) for g in grades])
            return
        series = QStackedBarSeries()
        bands: list[str] = []
        for g in grades:
            if g.band not in bands:
                bands.append(g.band)
        for band in bands:
            rag = next(g.rag for g in grades if g.band == band)
            bar_set = QBarSet(band)
            bar_set.setColor(QColor(RAG_COLOURS.get(rag, NEUTRAL)))
            bar_set.setBorderColor(QColor(RAG_COLOURS.get(rag, NEUTRAL)))
            for g in grades:
                bar_set.append(g.count if g.band == band else 0)
            series.append(bar_set)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append([str(g.grade) for g in grades])
        x_axis.setTitleText("Grade")
        y_axis = QValueAxis()
        top = max([g.count for g in grades] + [1]) + 1
        y_axis.setRange(0, top)
        y_axis.setTickCount(min(top, 5) + 1)
        y_axis.setLabelFormat("%d")
        y_axis.setTitleText("Plans")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def categories(self) -> int:
        if not HAVE_CHARTS:
            return self.bars
        axes = self.view.chart().axes(Qt.Orientation.Horizontal)  # type: ignore[attr-defined]
        return axes[0].count() if axes else 0


class ShortfallChart:
    """The current session's questions with the highest shortfall %, worst at the top."""

    def __init__(self, parent: QWidget) -> None:
        self.view = chart_view("Questions most often falling short",
                                "Shortfall by question chart", parent)
        self.view.setObjectName("shortfallChart")
        self.bars = 0

    def show(self, figures: KeyIssuesFigures | None) -> None:
        worst = figures.questions_worst_first()[:TOP_QUESTIONS] if figures else []
        self.bars = len(worst)
        if figures is not None and HAVE_CHARTS:
            self.view.chart().setTitle(  # type: ignore[attr-defined]
                f"Questions most often falling short: {figures.session}")
        self.view.setAccessibleDescription("; ".join(
            f"{q.text}: {q.shortfall_percent:.1f}% short ({q.shortfalls} of {q.answered})"
            for q in worst))
        chart = reset_chart(self.view)
        if chart is None:
            self.view.set_bars([(q.id[:6], q.shortfall_percent or 0.0, "#b85c00")  # type: ignore[attr-defined]
                                for q in worst])
            return
        bar_set = QBarSet("Shortfall % (agreed answers, NA excluded)")
        bar_set.setColor(QColor("#b85c00"))
        bar_set.setBorderColor(QColor("#b85c00"))
        labels = []
        for q in reversed(worst):  # horizontal bars are drawn bottom-up
            bar_set.append(q.shortfall_percent or 0.0)
            labels.append(_short(q.text, 34))
        series = QHorizontalBarSeries()
        series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
        bar_set.setLabelColor(QColor("white"))
        series.setBarWidth(0.7)
        chart.addSeries(series)
        y_axis = QBarCategoryAxis()
        y_axis.append(labels)
        x_axis = QValueAxis()
        x_axis.setRange(0, 100)
        x_axis.setLabelFormat("%d%%")
        x_axis.setTickCount(6)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y_axis)
        series.attachAxis(x_axis)
        chart.legend().setVisible(False)

    def bar_values(self) -> list[float]:
        if not HAVE_CHARTS:
            return []
        out: list[float] = []
        for series in self.view.chart().series():  # type: ignore[attr-defined]
            for bar_set in series.barSets():
                out += [bar_set.at(i) for i in range(bar_set.count())]
        return out


# ------------------------------------------------------------------ the page

def _card(parent: QWidget, name: str, caption: str) -> tuple[QFrame, QLabel, QLabel]:
    frame = QFrame(parent)
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setStyleSheet(f"QFrame#{name} {{ border: 1px solid palette(mid); border-radius: 6px; "
                        "background: palette(base); }")
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(12, 8, 12, 8)
    cap = QLabel(caption, frame)
    cap.setStyleSheet("color: palette(dark); border: none;")
    value = QLabel("…", frame)
    value.setObjectName(f"{name}Value")
    value.setAccessibleName(caption)
    font = QFont(value.font())
    font.setPointSizeF(font.pointSizeF() * 2.0)
    font.setBold(True)
    value.setFont(font)
    value.setStyleSheet("border: none;")
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    note = QLabel("", frame)
    note.setObjectName(f"{name}Note")
    note.setAccessibleName(f"{caption} detail")
    note.setWordWrap(True)
    note.setStyleSheet("color: palette(dark); border: none;")
    lay.addWidget(cap)
    lay.addWidget(value)
    lay.addWidget(note)
    lay.addStretch(1)
    return frame, value, note


class DashboardPage(QWidget):
    """Headline figures and charts: ``DashboardPage(ctx)`` (loads when first shown)."""

    loaded = Signal(object)  # DashboardFigures
    load_failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self.setObjectName("dashboardPage")
        self.setAccessibleName("Dashboard")
        self.figures: DashboardFigures | None = None
        self._loads = workers.Latest(self)  # the figures load whose result is wanted
        self._stale = True
        self.theme_model = FigureRowsModel(self)
        self.indicator_model = FigureRowsModel(self)
        self._rubric: str | None = None  # chosen in the picker; None: the trend's rule
        self._build()
        self.refresh_button.clicked.connect(self.reload)
        self.rubric_combo.activated.connect(self._rubric_chosen)
        self._loads.finished.connect(self._loaded)
        self._loads.failed.connect(self._failed)
        ctx.data_changed.connect(self._on_data_changed)
        self._set_loading(True, "Loading figures…")

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 8)
        header = QHBoxLayout()
        title = QLabel("Dashboard", body)
        title.setObjectName("pageTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        self.subtitle = QLabel("", body)
        self.subtitle.setObjectName("dashboardSubtitle")
        self.subtitle.setAccessibleName("Dashboard scope")
        self.subtitle.setStyleSheet("color: palette(dark);")
        header.addWidget(self.subtitle, 1)
        rubric_label = QLabel("R&ubric:", body)
        header.addWidget(rubric_label)
        self.rubric_combo = QComboBox(body)
        self.rubric_combo.setObjectName("dashboardRubric")
        self.rubric_combo.setAccessibleName("Rubric shown")
        self.rubric_combo.setToolTip("The figures cover one rubric: grades on different "
                                     "scales are never pooled")
        self.rubric_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        rubric_label.setBuddy(self.rubric_combo)
        header.addWidget(self.rubric_combo)
        self.busy_bar = QProgressBar(body)
        self.busy_bar.setObjectName("dashboardBusy")
        self.busy_bar.setAccessibleName("Loading figures")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setTextVisible(False)
        header.addWidget(self.busy_bar)
        self.refresh_button = QPushButton("&Refresh", body)
        self.refresh_button.setObjectName("refreshDashboard")
        self.refresh_button.setAccessibleName("Refresh the dashboard")
        self.refresh_button.setToolTip("Compute the figures again")
        header.addWidget(self.refresh_button)
        layout.addLayout(header)
        self.status_label = QLabel("", body)
        self.status_label.setObjectName("dashboardStatus")
        self.status_label.setAccessibleName("Dashboard status")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)

        cards = QHBoxLayout()
        self.good_card, self.good_value, self.good_note = _card(
            body, "goodCard", "Plans judged good")
        self.plans_card, self.plans_value, self.plans_note = _card(
            body, "plansCard", "Plans moderated")
        self.agree_card, self.agree_value, self.agree_note = _card(
            body, "agreementCard", "Panel agreement (alpha)")
        self.previous_card, self.previous_value, self.previous_note = _card(
            body, "previousCard", "Change since previous session")
        for card in (self.good_card, self.plans_card, self.agree_card, self.previous_card):
            cards.addWidget(card, 1)
        layout.addLayout(cards)

        grid = QGridLayout()
        grid.setSpacing(10)
        self.run_chart = RunChart(body)
        self.grade_chart = GradeChart(body)
        self.shortfall_chart = ShortfallChart(body)
        grid.addWidget(self.run_chart.view, 0, 0)
        grid.addWidget(self.grade_chart.view, 0, 1)
        grid.addWidget(self.shortfall_chart.view, 1, 0)
        themes_box = QWidget(body)
        tlay = QVBoxLayout(themes_box)
        tlay.setContentsMargins(0, 0, 0, 0)
        self.themes_label = QLabel("Top agreed &themes, last 12 months", themes_box)
        bold = QFont(self.themes_label.font())
        bold.setBold(True)
        self.themes_label.setFont(bold)
        self.theme_table = QTableView(themes_box)
        self.theme_table.setObjectName("themeTable")
        self.theme_table.setAccessibleName("Top themes, last 12 months")
        self.theme_table.setModel(self.theme_model)
        self.theme_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.theme_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.theme_table.setTabKeyNavigation(False)
        self.theme_table.verticalHeader().hide()
        self.theme_table.horizontalHeader().setHighlightSections(False)
        self.themes_label.setBuddy(self.theme_table)
        tlay.addWidget(self.themes_label)
        tlay.addWidget(self.theme_table, 1)
        grid.addWidget(themes_box, 1, 1)
        self.indicator_chart = IndicatorChart(body)
        grid.addWidget(self.indicator_chart.view, 2, 0)
        ind_box = QWidget(body)
        ilay = QVBoxLayout(ind_box)
        ilay.setContentsMargins(0, 0, 0, 0)
        self.indicators_label = QLabel("&Indicators: latest month and last 12 months", ind_box)
        self.indicators_label.setFont(bold)
        self.indicator_table = QTableView(ind_box)
        self.indicator_table.setObjectName("indicatorTable")
        self.indicator_table.setAccessibleName("Indicators against their targets")
        self.indicator_table.setModel(self.indicator_model)
        self.indicator_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.indicator_table.setTabKeyNavigation(False)
        self.indicator_table.setWordWrap(False)
        self.indicator_table.verticalHeader().hide()
        self.indicators_label.setBuddy(self.indicator_table)
        ilay.addWidget(self.indicators_label)
        ilay.addWidget(self.indicator_table, 1)
        grid.addWidget(ind_box, 2, 1)
        for row in (0, 1, 2):
            grid.setRowStretch(row, 1)
        for col in (0, 1):
            grid.setColumnStretch(col, 1)
        layout.addLayout(grid, 1)

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        """Compute the figures again in the background (a running load is dropped)."""
        self._stale = False
        self._set_loading(True, "Loading figures…")
        self._loads.start(workers.Job(dashboard_figures, self.ctx.db, self._today(),
                                      rubric_id=self._rubric))

    def select_rubric(self, rubric_id: str) -> None:
        """Show ``rubric_id``'s figures (what choosing it in the picker does)."""
        self._rubric = rubric_id
        self.reload()

    def _rubric_chosen(self, index: int) -> None:
        chosen = self.rubric_combo.itemData(index)
        if chosen and chosen != (self.figures.trend.rubric if self.figures else None):
            self.select_rubric(str(chosen))

    def _fill_rubrics(self, figures: DashboardFigures) -> None:
        combo = self.rubric_combo
        combo.blockSignals(True)
        combo.clear()
        for rid, title in figures.rubrics:
            combo.addItem(f"{title} ({rid})", rid)
        combo.setCurrentIndex(max(0, combo.findData(figures.trend.rubric)))
        combo.setEnabled(combo.count() > 0)
        combo.blockSignals(False)

    def busy(self) -> bool:
        return self._loads.busy()

    def _set_loading(self, loading: bool, text: str = "") -> None:
        self.busy_bar.setVisible(loading)
        self.refresh_button.setEnabled(not loading)
        if text or not loading:
            self.status_label.setStyleSheet("color: palette(dark);")
            self.status_label.setText(text)
            self.status_label.setVisible(bool(text))

    def _loaded(self, figures: DashboardFigures) -> None:
        self.figures = figures
        self._set_loading(False)
        self.show_figures(figures)
        self.loaded.emit(figures)

    def _failed(self, message: str, user_error: bool) -> None:
        self._set_loading(False)
        self.status_label.setStyleSheet("color: #9b1c1c;")
        self.status_label.setText(
            f"The figures could not be computed: {message}" if user_error else
            f"The figures could not be computed ({message}); the details are in the log.")
        self.status_label.show()
        self.load_failed.emit(message)

    # ------------------------------------------------------------ showing

    def show_figures(self, figures: DashboardFigures) -> None:
        current = figures.current
        self._fill_rubrics(figures)
        self.subtitle.setText(
            f"   Current session: {current.session} ({current.session_date:%d/%m/%Y})"
            if current else "   No session has moderated plans yet")
        self.subtitle.setToolTip(figures.trend.scope_note())
        self._show_headline(current)
        self.run_chart.show(figures.trend)
        self.indicator_chart.show(figures.trend)
        self.indicator_model.set_rows(indicator_rows(figures.trend))
        # every column as wide as its text (the label too): the table scrolls sideways
        # rather than squeezing the indicator's name to nothing
        self.indicator_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        if HAVE_CHARTS:
            self.run_chart.view.chart().setTitle(  # type: ignore[attr-defined]
                f"% judged good by month, {month_label(figures.from_month)} to "
                f"{month_label(figures.to_month)}")
        self.grade_chart.show(current)
        self.shortfall_chart.show(current)
        self.theme_model.set_rows(self.theme_rows(figures.themes))
        head = self.theme_table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, self.theme_model.columnCount()):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        if current is None:
            self.status_label.setText("No plan has an agreed grade yet: moderate a session to "
                                      "see its figures here.")
            self.status_label.show()

    @staticmethod
    def theme_rows(themes: ThemesFigures) -> list[dict[str, Any]]:
        """Agreed themes (the panel's tags), with how many plans any auditor raised
        each in beside them, labelled so the two are not confused."""
        return [{"Theme": t.label, "Agreed (plans)": t.plans,
                 "% of plans with agreed scores": t.percent_of_agreed,
                 "Raised by an auditor (plans)": t.raised}
                for t in themes.themes[:TOP_THEMES]]

    def _show_headline(self, k: KeyIssuesFigures | None) -> None:
        if k is None:
            for value, note in ((self.good_value, self.good_note),
                                (self.plans_value, self.plans_note),
                                (self.agree_value, self.agree_note),
                                (self.previous_value, self.previous_note)):
                value.setText("–")
                note.clear()
            self._colour_good(None)
            return
        small = is_small(k.plans_moderated)
        if k.percent_good is None:
            self.good_value.setText("–")
        elif small:  # the count, not a bare percentage: the interval is in the note
            self.good_value.setText(f"{k.plans_good} of {k.plans_moderated}")
        else:
            self.good_value.setText(f"{k.percent_good:.1f}%")
        target = ("no target set" if k.target_percent_good is None
                  else f"target {k.target_percent_good:g}%")
        rag = f" – {k.rag.upper()}: {RAG_TEXT[k.rag]}" if k.rag in RAG_TEXT else ""
        said = (headline_percent(k.plans_good, k.plans_moderated) if small
                else f"{k.plans_good} of {k.plans_moderated} moderated plans")
        self.good_note.setText(f"{said}; {target}{rag}")
        self.good_value.setAccessibleDescription(k.headline())
        self._colour_good(k.rag)
        self.plans_value.setText(f"{k.plans_moderated}")
        self.plans_note.setText(f"of {k.plans_audited} audited, {k.plans_sampled} sampled"
                                + (f"; {len(k.unmoderated)} awaiting moderation"
                                   if k.unmoderated else ""))
        alpha = k.agreement.krippendorff_alpha_ordinal
        self.agree_value.setText("–" if alpha is None else f"{alpha:.2f}")
        exact = k.agreement.overall_exact_percent
        self.agree_note.setText(
            "Krippendorff's alpha (ordinal) between auditors; "
            + (f"{exact:.0f}% exact agreement over {k.agreement.pairs} pairs"
               if exact is not None else "no plan graded by two auditors"))
        prev = k.previous
        if prev is None or prev.change_points is None:
            self.previous_value.setText("–")
            self.previous_note.setText("no earlier session on this rubric" if prev is None
                                       else f"{prev.session}: no moderated plans")
        else:
            self.previous_value.setText(f"{prev.change_points:+.1f} pts")
            self.previous_note.setText(f"{prev.session}: {prev.percent_good:.1f}% good"
                                       + (f"; {prev.verdict} now" if prev.verdict else ""))

    def _colour_good(self, rag: str | None) -> None:
        colour = RAG_COLOURS.get(rag or "")
        text = "white" if rag in {"green", "red", "grey"} else "black"
        style = ("QFrame#goodCard { border-radius: 6px; "
                 + (f"background: {colour}; border: 1px solid {colour}; }}" if colour else
                    "border: 1px solid palette(mid); background: palette(base); }"))
        self.good_card.setStyleSheet(style)
        for label in self.good_card.findChildren(QLabel):
            label.setStyleSheet(f"border: none; color: {text};" if colour else
                                "border: none;")

    # ------------------------------------------------------------ refresh

    def _on_data_changed(self, what: str) -> None:
        if what not in REFRESH_ON:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.reload()

    def stop(self) -> None:
        self._loads.drop()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.stop()
        super().closeEvent(event)
