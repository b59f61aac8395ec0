"""The Sessions page's layout: the page scaffold over the Designer form ``forms/sessions_page.ui``.

Layout only. ``SessionsView`` sets up the form, names its widgets the way the
controller and the tests know them (``size_spin``, ``draw_button``...), adds the
parts that depend on data (plan type boxes, roles, stratify choices) and sets
the tables' look. The controller, ``pages.sessions_page.SessionsPage``,
subclasses it and adds the logic.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QWidget,
)

from qa_audit.gui.generated.ui_sessions_page import Ui_SessionsBody
from qa_audit.gui.models.session_tables import (
    MemberTableModel,
    SampleTableModel,
    SessionTableModel,
    StrataPreviewModel,
)
from qa_audit.gui.pages.scaffold import PageScaffold, read_only_table
from qa_audit.gui.sessions.presenter import (
    CLOSED_TEXT,
    PLAN_TYPE_LABELS,
    WITHDRAW_TIP,
    stratify_choices,
)
from qa_audit.gui.sessions.returns_mode import ReturnsMode
from qa_audit.services.sampling import PLAN_TYPES
from qa_audit.services.sessions import ROLES

__all__ = ["SessionsView", "fill_stratify_combo", "fit_columns", "to_date", "to_qdate"]

_BANNER_STYLE = ("background: #fff4ce; color: #5c4400; border: 1px solid #e8d48a; "
                 "border-radius: 3px; padding: 6px;")


def configure_table(view: QTableView, stretch: int | None = None) -> None:
    """A read-only, row-selecting table; ``stretch``: the column that takes spare width."""
    read_only_table(view)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(stretch is None)
    if stretch is not None:
        view.setProperty("stretchColumn", stretch)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)


def fit_columns(view: QTableView, cap: int = 260) -> None:
    """Columns as wide as their contents (at most ``cap``), then the stretch column fills."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count()):
        header.resizeSection(column, min(header.sectionSize(column), cap))
    stretch = view.property("stretchColumn")
    if stretch is not None and 0 <= int(stretch) < header.count():
        header.setSectionResizeMode(int(stretch), QHeaderView.ResizeMode.Stretch)


def fill_stratify_combo(combo: QComboBox, custom: list[str]) -> None:
    """The built-in choices, then the register's custom plan fields; keeps the choice."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, value in stratify_choices(custom):
        combo.addItem(text, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


def to_qdate(value: dt.date) -> QDate:
    """A Python date as Qt's (the stubs do not know PySide6 converts one itself)."""
    return QDate(value.year, value.month, value.day)


def to_date(edit: QDateEdit) -> dt.date:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


class SessionsView(QWidget):
    """The page's widgets, laid out; no behaviour beyond what Qt gives them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionsPage")
        scaffold = PageScaffold(self, "Audit sessions")
        self.new_button = QPushButton("&New session…", self)
        self.new_button.setObjectName("newSession")
        self.new_button.setAccessibleName("New session")
        scaffold.add_action(self.new_button)
        body = QWidget(self)
        self.ui = ui = Ui_SessionsBody()
        ui.setupUi(body)
        scaffold.body.addWidget(body, 1)
        self._name_widgets()
        self._finish_layout()

    def _name_widgets(self) -> None:
        ui = self.ui
        self.empty_label, self.splitter = ui.sessionsEmpty, ui.sessionsSplitter
        self.session_table, self.detail = ui.sessionTable, ui.sessionDetail
        self.heading, self.banner, self.tabs = ui.sessionHeading, ui.readOnlyBanner, ui.sessionTabs
        self.status_buttons: dict[str, QPushButton] = {
            "scoring": ui.status_scoring, "moderation": ui.status_moderation,
            "closed": ui.status_closed}
        self.member_table, self.member_name = ui.memberTable, ui.memberName
        self.member_agency, self.member_role = ui.memberAgency, ui.memberRole
        self.add_member_button, self.remove_member_button = ui.addMember, ui.removeMember
        self.bind_member_button, self.proxy_button = ui.bindMember, ui.approveProxy
        self.edit_member_button = _button_beside(ui.removeMember, "&Edit member…",
                                                 "editMember", "Edit the selected member's "
                                                 "name, agency or role (or double-click)")
        self.draw_box, self.size_radio, self.size_spin = ui.drawBox, ui.sizeRadio, ui.sampleSize
        self.percent_radio, self.percent_spin = ui.percentRadio, ui.samplePercent
        self.seed_spin, self.random_seed_button = ui.sampleSeed, ui.randomSeed
        self.stratify_combo, self.exclude_spin = ui.sampleStratify, ui.excludeMonths
        self.from_check, self.from_date = ui.fromCheck, ui.issuedFrom
        self.to_check, self.to_date = ui.toCheck, ui.issuedTo
        self.preview_table, self.preview_message = ui.strataPreview, ui.previewMessage
        self.draw_note, self.draw_button = ui.drawNote, ui.drawSample
        self.provenance, self.sample_table = ui.sampleProvenance, ui.sampleTable
        self.sample_message, self.withdraw_button = ui.sampleMessage, ui.withdrawPlan

    def _finish_layout(self) -> None:
        """What the form cannot say: data-driven items, models, table looks, sizes, the banner."""
        self.banner.setText(CLOSED_TEXT)
        self.banner.setStyleSheet(_BANNER_STYLE)
        self.banner.hide()
        for role in ROLES:
            self.member_role.addItem(role.capitalize(), role)
        self.member_role.setCurrentIndex(ROLES.index("auditor"))
        self.size_group = QButtonGroup(self.draw_box)
        self.size_group.addButton(self.size_radio)
        self.size_group.addButton(self.percent_radio)
        self.from_date.setDate(to_qdate(dt.date.today() - dt.timedelta(days=30)))
        self.to_date.setDate(to_qdate(dt.date.today()))
        fill_stratify_combo(self.stratify_combo, [])
        self.type_checks: dict[str, QCheckBox] = {}
        types_row = self.ui.typesRow
        for plan_type in PLAN_TYPES:
            check = QCheckBox(PLAN_TYPE_LABELS.get(plan_type, plan_type), self.draw_box)
            check.setObjectName(f"planType_{plan_type}")
            check.setAccessibleName(f"Include {plan_type} plans")
            check.setChecked(True)
            types_row.addWidget(check)
            self.type_checks[plan_type] = check
        types_row.addStretch(1)
        self._add_year_groups()
        self.draw_note.hide()
        self.withdraw_button.setToolTip(WITHDRAW_TIP)

        self.session_model = SessionTableModel(self)
        self.member_model = MemberTableModel(self)
        self.preview_model = StrataPreviewModel(self)
        self.sample_model = SampleTableModel(self)
        for table, model, stretch in (
                (self.session_table, self.session_model, SessionTableModel.COL_NAME),
                (self.member_table, self.member_model, MemberTableModel.COL_AGENCY),
                (self.sample_table, self.sample_model, None),
                (self.preview_table, self.preview_model, None)):
            configure_table(table, stretch)
            table.setModel(model)
        self.preview_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # a DCO sample's return, beside its plan ref (two returns of a plan are two rows)
        self.sample_table.horizontalHeader().moveSection(SampleTableModel.COL_RETURN,
                                                         SampleTableModel.COL_REF + 1)
        header = self.preview_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.ui.sessionsSplitter.setStretchFactor(0, 1)
        self.ui.sessionsSplitter.setStretchFactor(1, 4)
        self.ui.sessionsSplitter.setSizes([150, 600])
        self._scroll_draw_form()
        self.ui.sampleSplitter.setStretchFactor(0, 0)
        self.ui.sampleSplitter.setStretchFactor(1, 1)
        self.ui.sampleSplitter.setSizes([385, 815])

    def _scroll_draw_form(self) -> None:
        """The draw form scrolls rather than make the window taller than a 720-px screen
        (1920x1080 at 150%) once year groups and advice-return options joined it."""
        splitter = self.ui.sampleSplitter
        index = splitter.indexOf(self.draw_box)
        scroll = QScrollArea()
        scroll.setObjectName("drawScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.draw_box)  # leaves the splitter for the scroll area
        splitter.insertWidget(index, scroll)

    def _add_year_groups(self) -> None:
        """The year-group filter under the plan types (issue 18: transition points)."""
        label = QLabel("Year gro&ups:", self.draw_box)
        self.year_groups_edit = QLineEdit(self.draw_box)
        self.year_groups_edit.setObjectName("yearGroups")
        self.year_groups_edit.setAccessibleName("Year groups")
        self.year_groups_edit.setPlaceholderText("all (e.g. 5, 6, 9, 11)")
        self.year_groups_edit.setToolTip("Only plans in these year groups: N1, N2, R or -2 "
                                         "to 14, separated by commas. Blank: every year.")
        label.setBuddy(self.year_groups_edit)
        row = self.ui.drawGrid.rowCount()
        self.ui.drawGrid.addWidget(label, row, 0)
        self.ui.drawGrid.addWidget(self.year_groups_edit, row, 1)
        plan_only: list[QWidget] = [label, self.year_groups_edit, self.ui.typesLabel,
                                    *self.type_checks.values()]
        self.returns_mode = ReturnsMode(self.draw_box, self.ui.drawGrid, self.from_check,
                                        self.to_check, self.stratify_combo, plan_only,
                                        self.size_radio, self.ui.previewTitle)


def _button_beside(neighbour: QPushButton, text: str, name: str, tip: str) -> QPushButton:
    """A button just before ``neighbour`` in its layout (the form stays as it is)."""
    parent = neighbour.parentWidget()
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setToolTip(tip)
    layout = parent.layout() if parent is not None else None
    found = _layout_holding(layout, neighbour) if layout is not None else None
    if found is not None and isinstance(found[0], QBoxLayout):
        found[0].insertWidget(found[1], button)
    return button


def _layout_holding(layout: QLayout, widget: QWidget) -> tuple[QLayout, int] | None:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is widget:
            return layout, index
        child = item.layout()
        if child is not None:
            found = _layout_holding(child, widget)
            if found is not None:
                return found
    return None
