"""The Sessions page: audit sessions, their panels, and their reproducible samples.

Top: every session (date, name, rubric version, status, sampled, audited) and
"New session…". Below, for the selected session: its status (planning ->
scoring -> moderation -> closed, closing asks first), a "Panel" tab (members)
and a "Sample" tab: the draw settings with a live, debounced preview of the
eligible plans per stratum and the proportional allocation, the drawn sample,
"Withdraw and replace…", and one line telling an inspector exactly how the
sample was drawn (seed, settings, eligible count, time, equivalent command).

A closed session is read-only: its controls are disabled and a banner says why.
Every ``UserError`` becomes a message box with its message, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import shlex
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDate, QItemSelection, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qa_audit.domain.sampling import SampleSpec, SamplingError, allocate, target_size
from qa_audit.errors import UserError
from qa_audit.gui import workers
from qa_audit.gui.context import AppContext
from qa_audit.gui.models.plan_table import format_date, phase_label
from qa_audit.gui.models.session_tables import (
    MemberTableModel,
    SampleTableModel,
    SessionTableModel,
    StrataPreviewModel,
    StratumPreview,
    status_label,
)
from qa_audit.gui.pages import member_access
from qa_audit.services import plans, rubric_view, sampling, sessions
from qa_audit.services.sampling import SampleSettings
from qa_audit.services.sessions import ROLES, STATUSES, SessionInfo
from qa_audit.services.workspace import Store as Database

__all__ = ["DrawRecord", "NewSessionDialog", "SessionsPage", "describe_draw", "draw_command"]

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 250
#: Topics of ``AppContext.data_changed`` that change what this page shows.
REFRESH_ON = frozenset({"sessions", "plans", "audits", "rubrics"})
DATE_FORMAT = "dd/MM/yyyy"
MAX_SEED = 2**31 - 1
RANDOM_SEED = -1  # the seed spin box's "Random" value
DEFAULT_RUBRIC = "multi-agency-ehcp"  # the monthly multi-agency panel's rubric

STRATIFY_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("No stratification", None),
    ("Team", "team"),
    ("Phase", "phase"),
    ("Primary need", "primary_need"),
    ("Setting type", "setting_type"),
    ("Plan type", "plan_type"),
)
PLAN_TYPE_LABELS = {"new": "Ne&w", "amended": "A&mended", "review": "Re&view"}
NEXT_STATUS_TEXT = {
    "scoring": "Start &scoring",
    "moderation": "Start m&oderation",
    "closed": "&Close session…",
}
CLOSED_TEXT = ("This session is closed, so it is read-only: its panel and sample can no "
               "longer be changed and it cannot be reopened.")
SCORING_STARTED_TEXT = ("Scoring has started, so the sample can no longer be redrawn; "
                        "withdraw and replace single plans instead.")
_ERROR_STYLE = "color: #9b1c1c;"
_BANNER_STYLE = ("background: #fff4ce; color: #5c4400; border: 1px solid #e8d48a; "
                 "border-radius: 3px; padding: 6px;")


# ------------------------------------------------------------- how it was drawn


@dataclass(frozen=True)
class DrawRecord:
    """What is stored about a session's draw: enough to redraw it exactly."""

    settings: SampleSettings
    seed: int
    eligible: int | None
    drawn_at: dt.datetime | None  # UTC, naive (as stored)


def load_draw_record(ctx: AppContext, session_name: str) -> DrawRecord | None:
    """The stored draw settings of a session, or None when no sample was drawn."""
    found = sampling.sample_provenance(ctx.db, session_name)
    if found.settings is None:
        return None
    seed = found.seed if found.seed is not None else found.settings.seed
    return DrawRecord(found.settings, int(seed or 0), found.eligible, found.drawn_at)


def _local_time(utc_naive: dt.datetime) -> dt.datetime:
    return utc_naive.replace(tzinfo=dt.UTC).astimezone()


def _stratify_label(field: str | None) -> str:
    return {v: k for k, v in STRATIFY_CHOICES}.get(field, field or "").lower()


def fill_stratify_combo(combo: QComboBox, custom: list[str]) -> None:
    """The built-in choices, then the register's custom plan fields; keeps the choice."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, value in STRATIFY_CHOICES:
        combo.addItem(text, value)
    for name in custom:
        combo.addItem(f"{name} (own field)", name)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


def describe_draw(record: DrawRecord, sampled: int) -> str:
    """One plain sentence for an inspector: how the sample was drawn."""
    s = record.settings
    when = ""
    if record.drawn_at is not None:
        local = _local_time(record.drawn_at)
        when = f" on {local.strftime('%d/%m/%Y')} at {local.strftime('%H:%M')}"
    how = f"{s.size} plans" if s.size is not None else f"{s.percent:g}% of the eligible plans"
    parts = [f"Drawn{when} with seed {record.seed}"]
    if record.eligible is not None:
        parts[0] += f" from {record.eligible:,} eligible plans"
    parts[0] += f": {how}"
    parts.append(f"stratified by {_stratify_label(s.stratify)}" if s.stratify
                 else "not stratified")
    if s.issued_from or s.issued_to:
        start = format_date(s.issued_from) if s.issued_from else "any date"
        end = format_date(s.issued_to) if s.issued_to else "any date"
        parts.append(f"issued {start} to {end}")
    else:
        parts.append("any issue date")
    if s.exclude_months:
        parts.append(f"plans audited in the {s.exclude_months} months before the session "
                     "excluded")
    else:
        parts.append("no exclusion of recently audited plans")
    parts.append("plan types: " + (", ".join(s.plan_types) if s.plan_types else "all"))
    return (", ".join(parts) + f". {sampled} in the sample now. The same register, settings "
            "and seed give the same sample.")


def draw_command(session_name: str, record: DrawRecord) -> str | None:
    """The equivalent ``qa-audit sample draw`` command (None if the CLI cannot express it)."""
    s = record.settings
    if s.plan_types:
        return None  # the command line has no plan type filter
    args = ["qa-audit", "sample", "draw", "--session", session_name]
    args += ["--size", str(s.size)] if s.size is not None else ["--percent", f"{s.percent:g}"]
    args += ["--seed", str(record.seed)]
    if s.stratify:
        args += ["--stratify", s.stratify]
    if s.issued_from:
        args += ["--issued-from", s.issued_from.isoformat()]
    if s.issued_to:
        args += ["--issued-to", s.issued_to.isoformat()]
    args += ["--exclude-months", str(s.exclude_months)]
    return shlex.join(args)


# ------------------------------------------------------------------- dialogs


def _date_edit(parent: QWidget, name: str, value: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(name)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDate(QDate(value or dt.date.today()))
    return edit


def _to_date(edit: QDateEdit) -> dt.date:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


def error_message(exc: UserError) -> str:
    lines = [exc.message]
    if exc.details:
        lines += ["", *exc.details[:12]]
        if len(exc.details) > 12:
            lines.append(f"… and {len(exc.details) - 12} more")
    return "\n".join(lines)


def show_error(parent: QWidget, title: str, exc: UserError) -> None:
    log.info("%s: %s", title, exc.message)
    QMessageBox.warning(parent, title, error_message(exc))


class NewSessionDialog(QDialog):
    """Name, date and rubric (latest version) of a new audit session."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: SessionInfo | None = None
        self.setWindowTitle("New audit session")
        self.setObjectName("newSessionDialog")
        self.setAccessibleName("New audit session")
        form = QFormLayout(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("sessionName")
        self.name_edit.setAccessibleName("Session name")
        self.name_edit.setPlaceholderText("e.g. Panel November 2026")
        self.date_edit = _date_edit(self, "Session date")
        self.rubric_combo = QComboBox(self)
        self.rubric_combo.setObjectName("sessionRubric")
        self.rubric_combo.setAccessibleName("Rubric")
        self.rubric_combo.setToolTip("The session is frozen to the rubric's latest version")
        try:
            latest = rubric_view.latest_rubrics(ctx.db)
        except UserError as exc:
            latest = []
            show_error(self, "New audit session", exc)
        for stored in latest:
            self.rubric_combo.addItem(f"{stored.rubric.title} (v{stored.version})", stored.id)
        self.rubric_combo.setCurrentIndex(max(self.rubric_combo.findData(DEFAULT_RUBRIC), 0))
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Date:", self.date_edit)
        form.addRow("&Rubric:", self.rubric_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Create")
        ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        rubric_id = self.rubric_combo.currentData()
        if rubric_id is None:
            QMessageBox.warning(self, "New audit session", "There are no rubrics to choose from.")
            return
        try:
            self.created = sessions.create_session(
                self.ctx.db, self.name_edit.text(), str(rubric_id), _to_date(self.date_edit),
                self.ctx.actor,
            )
        except UserError as exc:
            show_error(self, "New audit session", exc)
            self.name_edit.setFocus()
            return
        super().accept()


# ---------------------------------------------------------------------- page


def _table(parent: QWidget, name: str, accessible: str,
           stretch: int | None = None) -> QTableView:
    """A read-only, row-selecting table; ``stretch``: the column that takes spare width."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(stretch is None)
    if stretch is not None:
        view.setProperty("stretchColumn", stretch)
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


def _fit_columns(view: QTableView, cap: int = 260) -> None:
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count()):
        header.resizeSection(column, min(header.sectionSize(column), cap))
    stretch = view.property("stretchColumn")
    if stretch is not None and 0 <= int(stretch) < header.count():
        header.setSectionResizeMode(int(stretch), QHeaderView.ResizeMode.Stretch)


def _preview_counts(db: Database, name: str, settings: SampleSettings, *,
                    progress: Callable[[int, str], None]) -> tuple[SampleSettings,
                                                                 dict[str, int]]:
    """Eligible plans per stratum, read in a worker (``SessionsPage.update_preview``)."""
    progress(0, "counting eligible plans")
    return settings, sampling.preview_strata(db, name, settings)


class SessionsPage(QWidget):
    """Audit sessions: list, panel members, status, and the reproducible sample."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("sessionsPage")
        self.info: SessionInfo | None = None
        self.record: DrawRecord | None = None
        self._agencies: dict[str, str] = {}
        self._agency_cache: dict[tuple[str, int], dict[str, str]] = {}
        self._loading = False
        self._select_next: str | None = None
        self._shows = 0  # how many times the details were filled (see select_session)

        self.session_model = SessionTableModel(self)
        self.member_model = MemberTableModel(self)
        self.preview_model = StrataPreviewModel(self)
        self.sample_model = SampleTableModel(self)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self._previews = workers.Latest(self)  # the preview count whose result is wanted
        self._previews.finished.connect(self._preview_ready)
        self._previews.failed.connect(self._preview_failed)
        self._preview_pending = False  # asked for while the page was hidden

        self._build()
        self._connect()
        ctx.data_changed.connect(self._on_data_changed)
        self.reload()

    # ================================================================ layout

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)

        header = QHBoxLayout()
        title = QLabel("Audit sessions", self)
        title.setObjectName("pageTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addStretch(1)
        self.new_button = QPushButton("&New session…", self)
        self.new_button.setObjectName("newSession")
        self.new_button.setAccessibleName("New session")
        header.addWidget(self.new_button)
        layout.addLayout(header)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        self.session_table = _table(splitter, "sessionTable", "Audit sessions",
                                    stretch=SessionTableModel.COL_NAME)
        self.session_table.setModel(self.session_model)
        self.empty_label = QLabel(
            "No audit sessions yet: choose New session… to plan a panel.", self)
        self.empty_label.setObjectName("sessionsEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.detail = QWidget(splitter)
        detail = QVBoxLayout(self.detail)
        detail.setContentsMargins(0, 6, 0, 0)
        self._build_status(detail)
        self.tabs = QTabWidget(self.detail)
        self.tabs.setObjectName("sessionTabs")
        self.tabs.setAccessibleName("Session details")
        self.tabs.addTab(self._build_sample_tab(), "S&ample")
        self.tabs.addTab(self._build_panel_tab(), "&Panel members")
        detail.addWidget(self.tabs, 1)

        splitter.addWidget(self.session_table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([150, 600])
        layout.addWidget(self.empty_label)
        layout.addWidget(splitter, 1)
        self.splitter = splitter

    def _build_status(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.heading = QLabel(self.detail)
        self.heading.setObjectName("sessionHeading")
        self.heading.setAccessibleName("Selected session")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        row.addWidget(self.heading, 1)
        self.status_buttons: dict[str, QPushButton] = {}
        for status in STATUSES[1:]:
            button = QPushButton(NEXT_STATUS_TEXT[status], self.detail)
            button.setObjectName(f"status_{status}")
            button.setAccessibleName(NEXT_STATUS_TEXT[status].replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _checked=False, s=status: self.change_status(s))
            row.addWidget(button)
            self.status_buttons[status] = button
        layout.addLayout(row)
        self.banner = QLabel(CLOSED_TEXT, self.detail)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setAccessibleName("Read-only")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(_BANNER_STYLE)
        self.banner.hide()
        layout.addWidget(self.banner)

    def _build_panel_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.member_table = _table(tab, "memberTable", "Panel members",
                                   stretch=MemberTableModel.COL_AGENCY)
        self.member_table.setModel(self.member_model)
        layout.addWidget(self.member_table, 1)

        add = QHBoxLayout()
        name_label = QLabel("Na&me:", tab)
        self.member_name = QLineEdit(tab)
        self.member_name.setObjectName("memberName")
        self.member_name.setAccessibleName("New member's name")
        self.member_name.setPlaceholderText("Name as the panel knows them")
        name_label.setBuddy(self.member_name)
        agency_label = QLabel("A&gency:", tab)
        self.member_agency = QComboBox(tab)
        self.member_agency.setObjectName("memberAgency")
        self.member_agency.setAccessibleName("New member's agency")
        self.member_agency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.member_agency.setMinimumContentsLength(18)
        agency_label.setBuddy(self.member_agency)
        role_label = QLabel("Ro&le:", tab)
        self.member_role = QComboBox(tab)
        self.member_role.setObjectName("memberRole")
        self.member_role.setAccessibleName("New member's role")
        for role in ROLES:
            self.member_role.addItem(role.capitalize(), role)
        self.member_role.setCurrentIndex(ROLES.index("auditor"))
        self.member_role.setToolTip("The chair can moderate (record the panel's agreed scores)")
        role_label.setBuddy(self.member_role)
        self.add_member_button = QPushButton("A&dd member", tab)
        self.add_member_button.setObjectName("addMember")
        self.add_member_button.setAccessibleName("Add member")
        self.remove_member_button = QPushButton("&Remove member", tab)
        self.remove_member_button.setObjectName("removeMember")
        self.remove_member_button.setAccessibleName("Remove the selected member")
        for widget in (name_label, self.member_name, agency_label, self.member_agency,
                       role_label, self.member_role, self.add_member_button):
            add.addWidget(widget, 2 if widget is self.member_name else 0)
        self.bind_member_button = QPushButton("Bind to account…", tab)
        self.bind_member_button.setObjectName("bindMember")
        self.bind_member_button.setAccessibleName("Bind the selected member to an OS account")
        self.proxy_button = QPushButton("Approve proxy…", tab)
        self.proxy_button.setObjectName("approveProxy")
        self.proxy_button.setAccessibleName("Let another account act as the selected member")
        add.addStretch(1)
        for button in (self.bind_member_button, self.proxy_button, self.remove_member_button):
            add.addWidget(button)
        layout.addLayout(add)
        return tab

    def _build_sample_tab(self) -> QWidget:
        tab = QWidget(self)
        outer = QHBoxLayout(tab)
        split = QSplitter(Qt.Orientation.Horizontal, tab)
        split.setChildrenCollapsible(False)
        split.addWidget(self._build_draw_box(split))

        right = QWidget(split)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        self.provenance = QLabel(right)
        self.provenance.setObjectName("sampleProvenance")
        self.provenance.setAccessibleName("How the sample was drawn")
        self.provenance.setWordWrap(True)
        self.provenance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.provenance.setTextFormat(Qt.TextFormat.RichText)
        right_layout.addWidget(self.provenance)
        self.sample_table = _table(right, "sampleTable", "Drawn sample")
        self.sample_table.setModel(self.sample_model)
        right_layout.addWidget(self.sample_table, 1)
        row = QHBoxLayout()
        self.sample_message = QLabel(right)
        self.sample_message.setObjectName("sampleMessage")
        self.sample_message.setAccessibleName("Sample message")
        self.sample_message.setWordWrap(True)
        row.addWidget(self.sample_message, 1)
        self.withdraw_button = QPushButton("W&ithdraw and replace…", right)
        self.withdraw_button.setObjectName("withdrawPlan")
        self.withdraw_button.setAccessibleName("Withdraw the selected plan and replace it")
        self.withdraw_button.setToolTip("Withdraw the selected plan (the reason is recorded) "
                                        "and draw its replacement by the same rule and seed")
        row.addWidget(self.withdraw_button)
        right_layout.addLayout(row)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([385, 815])
        outer.addWidget(split)
        return tab

    def _build_draw_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Draw a sample", parent)
        box.setObjectName("drawBox")
        box.setMinimumWidth(370)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.draw_box = box
        layout = QVBoxLayout(box)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)

        self.size_radio = QRadioButton("Number of p&lans", box)
        self.size_radio.setAccessibleName("Sample a number of plans")
        self.size_radio.setChecked(True)
        self.size_spin = QSpinBox(box)
        self.size_spin.setObjectName("sampleSize")
        self.size_spin.setAccessibleName("Number of plans")
        self.size_spin.setRange(1, 100_000)
        self.size_spin.setValue(10)
        self.percent_radio = QRadioButton("Pe&rcentage of eligible", box)
        self.percent_radio.setAccessibleName("Sample a percentage of the eligible plans")
        self.percent_spin = QDoubleSpinBox(box)
        self.percent_spin.setObjectName("samplePercent")
        self.percent_spin.setAccessibleName("Percentage of eligible plans")
        self.percent_spin.setRange(0.1, 100.0)
        self.percent_spin.setDecimals(1)
        self.percent_spin.setSuffix(" %")
        self.percent_spin.setValue(50.0)
        self.percent_spin.setToolTip("Rounded up: 50% of 7 eligible plans draws 4")
        self.size_group = QButtonGroup(box)
        self.size_group.addButton(self.size_radio)
        self.size_group.addButton(self.percent_radio)
        grid.addWidget(self.size_radio, 0, 0)
        grid.addWidget(self.size_spin, 0, 1)
        grid.addWidget(self.percent_radio, 1, 0)
        grid.addWidget(self.percent_spin, 1, 1)

        seed_label = QLabel("S&eed:", box)
        self.seed_spin = QSpinBox(box)
        self.seed_spin.setObjectName("sampleSeed")
        self.seed_spin.setAccessibleName("Seed")
        self.seed_spin.setRange(RANDOM_SEED, MAX_SEED)
        self.seed_spin.setSpecialValueText("Random")
        self.seed_spin.setValue(RANDOM_SEED)
        self.seed_spin.setToolTip("Random chooses a fresh seed; it is stored with the sample "
                                  "so the same draw can be repeated")
        seed_label.setBuddy(self.seed_spin)
        self.random_seed_button = QToolButton(box)
        self.random_seed_button.setText("Random")
        self.random_seed_button.setObjectName("randomSeed")
        self.random_seed_button.setAccessibleName("Use a random seed")
        self.random_seed_button.setToolTip("Clear the seed: the next draw chooses a random one")
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed_spin, 1)
        seed_row.addWidget(self.random_seed_button)
        grid.addWidget(seed_label, 2, 0)
        grid.addLayout(seed_row, 2, 1)

        stratify_label = QLabel("Stratif&y by:", box)
        self.stratify_combo = QComboBox(box)
        self.stratify_combo.setObjectName("sampleStratify")
        self.stratify_combo.setAccessibleName("Stratify by")
        fill_stratify_combo(self.stratify_combo, [])
        stratify_label.setBuddy(self.stratify_combo)
        grid.addWidget(stratify_label, 3, 0)
        grid.addWidget(self.stratify_combo, 3, 1)

        self.from_check = QCheckBox("Issued &from:", box)
        self.from_check.setAccessibleName("Limit to plans issued from a date")
        self.from_date = _date_edit(box, "Issued from", dt.date.today() - dt.timedelta(days=30))
        self.to_check = QCheckBox("Issued &to:", box)
        self.to_check.setAccessibleName("Limit to plans issued up to a date")
        self.to_date = _date_edit(box, "Issued to")
        self.from_date.setEnabled(False)
        self.to_date.setEnabled(False)
        grid.addWidget(self.from_check, 4, 0)
        grid.addWidget(self.from_date, 4, 1)
        grid.addWidget(self.to_check, 5, 0)
        grid.addWidget(self.to_date, 5, 1)

        exclude_label = QLabel("E&xclude audited within:", box)
        self.exclude_spin = QSpinBox(box)
        self.exclude_spin.setObjectName("excludeMonths")
        self.exclude_spin.setAccessibleName("Exclude plans audited within this many months")
        self.exclude_spin.setRange(0, 120)
        self.exclude_spin.setSuffix(" months")
        self.exclude_spin.setSpecialValueText("No exclusion")
        self.exclude_spin.setValue(12)
        self.exclude_spin.setToolTip("Plans audited in another session in the months before "
                                     "this session's date are not eligible")
        exclude_label.setBuddy(self.exclude_spin)
        grid.addWidget(exclude_label, 6, 0)
        grid.addWidget(self.exclude_spin, 6, 1)

        types_label = QLabel("Plan types:", box)
        types_row = QHBoxLayout()
        types_row.addWidget(types_label)
        self.type_checks: dict[str, QCheckBox] = {}
        for plan_type in sampling.PLAN_TYPES:
            check = QCheckBox(PLAN_TYPE_LABELS.get(plan_type, plan_type), box)
            check.setObjectName(f"planType_{plan_type}")
            check.setAccessibleName(f"Include {plan_type} plans")
            check.setChecked(True)
            types_row.addWidget(check)
            self.type_checks[plan_type] = check
        types_row.addStretch(1)
        grid.addLayout(types_row, 7, 0, 1, 2)
        layout.addLayout(grid)

        preview_title = QLabel("<b>Preview</b> (eligible plans now, and how many each "
                               "stratum would give)", box)
        preview_title.setWordWrap(True)
        layout.addWidget(preview_title)
        self.preview_table = _table(box, "strataPreview", "Eligible plans per stratum")
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.preview_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout.addWidget(self.preview_table, 1)
        self.preview_message = QLabel(box)
        self.preview_message.setObjectName("previewMessage")
        self.preview_message.setAccessibleName("Preview summary")
        self.preview_message.setWordWrap(True)
        layout.addWidget(self.preview_message)
        self.draw_note = QLabel(box)
        self.draw_note.setObjectName("drawNote")
        self.draw_note.setWordWrap(True)
        self.draw_note.setStyleSheet("color: #5c4400;")
        self.draw_note.hide()
        layout.addWidget(self.draw_note)
        self.draw_button = QPushButton("&Draw sample", box)
        self.draw_button.setObjectName("drawSample")
        self.draw_button.setAccessibleName("Draw sample")
        layout.addWidget(self.draw_button)
        return box

    def _connect(self) -> None:
        self.new_button.clicked.connect(self.new_session)
        self.session_table.selectionModel().selectionChanged.connect(self._on_session_selected)
        self.add_member_button.clicked.connect(self.add_member)
        self.member_name.returnPressed.connect(self.add_member)
        self.remove_member_button.clicked.connect(self.remove_member)
        self.bind_member_button.clicked.connect(self.bind_member)
        self.proxy_button.clicked.connect(self.approve_proxy)
        self.member_table.selectionModel().selectionChanged.connect(self._update_enabled)
        self.sample_table.selectionModel().selectionChanged.connect(self._update_enabled)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.draw_button.clicked.connect(self.draw_sample)
        self.random_seed_button.clicked.connect(lambda: self.seed_spin.setValue(RANDOM_SEED))
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        self.size_radio.toggled.connect(self._size_mode_changed)
        for signal in (
            self.size_radio.toggled, self.size_spin.valueChanged, self.percent_spin.valueChanged,
            self.stratify_combo.currentIndexChanged, self.from_check.toggled,
            self.to_check.toggled, self.from_date.dateChanged, self.to_date.dateChanged,
            self.exclude_spin.valueChanged,
            *(check.toggled for check in self.type_checks.values()),
        ):
            signal.connect(self.schedule_preview)
        self._size_mode_changed()

    def _size_mode_changed(self) -> None:
        by_size = self.size_radio.isChecked()
        self.size_spin.setEnabled(by_size and self._writable())
        self.percent_spin.setEnabled(not by_size and self._writable())

    # ============================================================ loading

    def reload(self) -> None:
        """Re-read the sessions, keeping the selected one when it still exists."""
        keep = self._select_next or (self.info.name if self.info else None)
        self._select_next = None
        try:
            rows = sessions.list_sessions(self.ctx.db)
        except UserError as exc:
            show_error(self, "Audit sessions", exc)
            return
        self._loading = True
        self.session_model.set_rows(rows)
        self._loading = False
        try:
            fill_stratify_combo(self.stratify_combo, plans.custom_field_names(self.ctx.db))
        except UserError as exc:
            show_error(self, "Audit sessions", exc)
        _fit_columns(self.session_table)
        self.empty_label.setVisible(not rows)
        self.splitter.setVisible(bool(rows))
        row = self.session_model.row_of(keep) if keep else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.select_session(rows[row].name)
        else:
            self._show(None)

    def select_session(self, name: str) -> None:
        row = self.session_model.row_of(name)
        if row < 0:
            return
        shown = self._shows
        self.session_table.selectRow(row)
        self.session_table.scrollTo(self.session_model.index(row, 0))
        if self._shows == shown:  # the selection did not change: refresh the details anyway
            self._show(self.session_model.row_at(row))

    def _on_session_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._loading:
            return
        rows = {i.row() for i in selected.indexes()}
        if rows:
            self._show(self.session_model.row_at(min(rows)))

    def _on_data_changed(self, what: str) -> None:
        if what in REFRESH_ON:
            self.reload()

    def _agency_labels(self, info: SessionInfo) -> dict[str, str]:
        key = (info.rubric_id, info.rubric_version)
        if key not in self._agency_cache:
            stored = rubric_view.load_rubric(self.ctx.db, info.rubric_id, info.rubric_version)
            self._agency_cache[key] = {a.id: a.label for a in stored.rubric.agencies}
        return self._agency_cache[key]

    def _show(self, info: SessionInfo | None) -> None:
        """Fill the detail area for ``info`` (or clear it)."""
        self._shows += 1
        changed_session = info is None or self.info is None or self.info.name != info.name
        self.info = info
        self.detail.setEnabled(info is not None)
        if info is None:
            self.heading.clear()
            self.member_model.set_rows([])
            self.sample_model.set_rows([])
            self.preview_model.set_rows([])
            self.provenance.clear()
            self.record = None
            self._update_enabled()
            return
        previous_record = self.record
        try:
            self._agencies = self._agency_labels(info)
            rows = sampling.sample_rows(self.ctx.db, info.name)
            self.record = load_draw_record(self.ctx, info.name)
        except UserError as exc:
            show_error(self, "Audit sessions", exc)
            return
        self.heading.setText(
            f"<b>{_escape(info.name)}</b> &nbsp;·&nbsp; {format_date(info.date)} &nbsp;·&nbsp; "
            f"{_escape(info.rubric_id)} v{info.rubric_version} &nbsp;·&nbsp; "
            f"Status: <b>{status_label(info.status)}</b>"
        )
        self.member_model.set_rows(info.members, self._agencies)
        _fit_columns(self.member_table)
        current_agency = self.member_agency.currentData()
        self.member_agency.clear()
        self.member_agency.addItem("(no agency)", None)
        for agency_id, label in self._agencies.items():
            self.member_agency.addItem(label, agency_id)
        index = self.member_agency.findData(current_agency)
        self.member_agency.setCurrentIndex(max(index, 0))

        self.sample_model.set_rows(rows)
        _fit_columns(self.sample_table, cap=200)
        self.sample_table.setColumnHidden(SampleTableModel.COL_STRATUM,
                                          not any(r.stratum for r in rows))
        self._show_provenance()
        if changed_session:
            self.sample_message.clear()
        if self.record is not None and (changed_session or self.record != previous_record):
            # a new draw (here, from the command line, or by a colleague): show its settings
            self.load_settings(self.record.settings, self.record.seed)
        self._update_enabled()
        self.schedule_preview()

    def _show_provenance(self) -> None:
        info, record = self.info, self.record
        if info is None or record is None:
            self.provenance.setText("No sample has been drawn for this session yet.")
            return
        text = _escape(describe_draw(record, info.sampled))
        command = draw_command(info.name, record)
        if command:
            text += f"<br><span style='color:#555'>Equivalent command: <code>{_escape(command)}" \
                    "</code></span>"
        self.provenance.setText(text)

    def load_settings(self, settings: SampleSettings, seed: int | None = None) -> None:
        """Put stored draw settings into the form (so the same draw can be repeated)."""
        widgets = (self.size_radio, self.percent_radio, self.size_spin, self.percent_spin,
                   self.seed_spin, self.stratify_combo, self.from_check, self.to_check,
                   self.from_date, self.to_date, self.exclude_spin, *self.type_checks.values())
        for widget in widgets:
            widget.blockSignals(True)
        try:
            if settings.size is not None:
                self.size_radio.setChecked(True)
                self.size_spin.setValue(settings.size)
            elif settings.percent is not None:
                self.percent_radio.setChecked(True)
                self.percent_spin.setValue(settings.percent)
            chosen = seed if seed is not None else settings.seed
            self.seed_spin.setValue(RANDOM_SEED if chosen is None else chosen)
            self.stratify_combo.setCurrentIndex(max(self.stratify_combo.findData(settings.stratify),
                                                    0))
            self.from_check.setChecked(settings.issued_from is not None)
            self.from_date.setEnabled(settings.issued_from is not None)
            if settings.issued_from:
                self.from_date.setDate(QDate(settings.issued_from))
            self.to_check.setChecked(settings.issued_to is not None)
            self.to_date.setEnabled(settings.issued_to is not None)
            if settings.issued_to:
                self.to_date.setDate(QDate(settings.issued_to))
            self.exclude_spin.setValue(settings.exclude_months)
            for plan_type, check in self.type_checks.items():
                check.setChecked(settings.plan_types is None or plan_type in settings.plan_types)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._size_mode_changed()

    # ============================================================ state

    def _writable(self) -> bool:
        return self.info is not None and not self.info.read_only

    def _selected_row(self, view: QTableView) -> int:
        rows = view.selectionModel().selectedRows() if view.selectionModel() else []
        return rows[0].row() if rows else -1

    def _update_enabled(self) -> None:
        info = self.info
        writable = self._writable()
        self.banner.setVisible(info is not None and info.read_only)
        current = STATUSES.index(info.status) if info and info.status in STATUSES else 0
        for status, button in self.status_buttons.items():
            button.setEnabled(writable and STATUSES.index(status) > current)
            button.setToolTip(CLOSED_TEXT if info and info.read_only else "")
        for widget in (self.member_name, self.member_agency, self.member_role,
                       self.add_member_button):
            widget.setEnabled(writable)
            widget.setToolTip(CLOSED_TEXT if info and info.read_only else "")
        for button in (self.remove_member_button, self.bind_member_button, self.proxy_button):
            button.setEnabled(writable and self._selected_row(self.member_table) >= 0)
        scoring_started = info is not None and info.audited > 0
        self.draw_box.setEnabled(writable)
        self.draw_button.setEnabled(writable and not scoring_started
                                    and self._settings_problem() is None)
        self.draw_note.setVisible(writable and scoring_started)
        self.draw_note.setText(SCORING_STARTED_TEXT if scoring_started else "")
        self.draw_box.setToolTip(CLOSED_TEXT if info and info.read_only else "")
        sample_row = self._selected_row(self.sample_table)
        self.withdraw_button.setEnabled(writable and self.sample_model.active_row(sample_row))
        self.withdraw_button.setToolTip(
            CLOSED_TEXT if info and info.read_only else
            "Withdraw the selected plan (the reason is recorded) and draw its replacement "
            "by the same rule and seed")
        self._size_mode_changed()

    # ============================================================ settings & preview

    def _settings_problem(self) -> str | None:
        if not any(check.isChecked() for check in self.type_checks.values()):
            return "Choose at least one plan type."
        if (self.from_check.isChecked() and self.to_check.isChecked()
                and _to_date(self.from_date) > _to_date(self.to_date)):
            return "The issue-date window ends before it starts."
        return None

    def current_settings(self) -> SampleSettings:
        """The draw settings the form shows (seed None = choose a random one)."""
        by_size = self.size_radio.isChecked()
        chosen = tuple(t for t, c in self.type_checks.items() if c.isChecked())
        seed = self.seed_spin.value()
        return SampleSettings(
            size=self.size_spin.value() if by_size else None,
            percent=None if by_size else round(self.percent_spin.value(), 1),
            seed=None if seed == RANDOM_SEED else seed,
            stratify=self.stratify_combo.currentData(),
            issued_from=_to_date(self.from_date) if self.from_check.isChecked() else None,
            issued_to=_to_date(self.to_date) if self.to_check.isChecked() else None,
            exclude_months=self.exclude_spin.value(),
            plan_types=None if len(chosen) == len(self.type_checks) else chosen,
        )

    def schedule_preview(self) -> None:
        """Restart the debounce timer; the preview runs once the user pauses. A count still
        running is for the previous session or settings: its result is not wanted."""
        self._previews.drop()
        self._update_enabled()
        self._preview_timer.start()

    def update_preview(self) -> None:
        """Eligible plans per stratum and the allocation the current settings would give.

        The counts are read in a ``workers.Job``: on a county register (60,000 plans)
        the query took ~0.4 s and ~50 MB, and it runs each time a session is shown. A
        hidden page (the window builds pages it does not show) counts when next shown.
        """
        self._preview_timer.stop()
        self._previews.drop()
        if not self.isVisible():  # counted when the page is shown, not for nobody
            self._preview_pending = True
            return
        self._preview_pending = False
        info = self.info
        self.preview_message.setStyleSheet("")
        if info is None or info.read_only:
            self.preview_model.set_rows([])
            self.preview_message.setText("Closed: no new draw." if info else "")
            return
        problem = self._settings_problem()
        if problem:
            self.preview_model.set_rows([])
            self._preview_problem(problem)
            return
        settings = self.current_settings()
        self._previews.start(workers.Job(_preview_counts, self.ctx.db, info.name, settings))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._preview_pending:
            self.schedule_preview()

    def preview_busy(self) -> bool:
        """Whether a preview is being counted in the background."""
        return self._previews.busy()

    def _preview_failed(self, message: str, _user_error: bool) -> None:
        self.preview_model.set_rows([])
        self._preview_problem(message)

    def _preview_ready(self, result: tuple[SampleSettings, dict[str, int]]) -> None:
        """Show the counts (read in a worker) and the allocation they give."""
        settings, counts = result
        problem: str | None = None
        total = sum(counts.values())
        spec = SampleSpec(size=settings.size, percent=settings.percent,
                          stratify=settings.stratify, seed=0)
        wanted: int | None
        try:
            wanted = target_size(total, spec)
        except SamplingError as exc:
            wanted, problem = None, exc.message
        allocation: dict[str, int] = {}
        if wanted is not None:
            allocation = allocate(counts, wanted) if settings.stratify else {"all": wanted}
        self.preview_model.set_rows([
            StratumPreview(_stratum_text(settings.stratify, name), count,
                           allocation.get(name) if wanted is not None else None)
            for name, count in counts.items()
        ])
        if problem:
            self._preview_problem(problem)
            return
        strata = f" across {len(counts)} strata" if settings.stratify else ""
        self.preview_message.setText(
            f"{total:,} eligible plan{'s' if total != 1 else ''}{strata}; "
            f"{wanted:,} would be drawn.")

    def _preview_problem(self, message: str) -> None:
        self.preview_message.setStyleSheet(_ERROR_STYLE)
        self.preview_message.setText(message)

    # ============================================================ actions

    def new_session(self) -> None:
        dialog = NewSessionDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            name = dialog.created.name
            self._select_next = name
            self.ctx.status_message.emit(f"Session {name} created.")
            self.ctx.notify("sessions")
            self.select_session(name)
        dialog.deleteLater()

    def add_member(self) -> None:
        info = self.info
        if info is None or not self._writable():
            return
        try:
            sessions.add_member(self.ctx.db, info.name, self.member_name.text(),
                                self.member_agency.currentData(),
                                str(self.member_role.currentData()), self.ctx.actor)
        except UserError as exc:
            show_error(self, "Add panel member", exc)
            return
        self.member_name.clear()
        self.ctx.notify("sessions")
        self.member_name.setFocus()

    def remove_member(self) -> None:
        info = self.info
        row = self._selected_row(self.member_table)
        if info is None or row < 0:
            return
        name = self.member_model.row_at(row).name
        try:
            sessions.remove_member(self.ctx.db, info.name, name, self.ctx.actor)
        except UserError as exc:
            show_error(self, "Remove panel member", exc)
            return
        self.ctx.notify("sessions")

    def bind_member(self) -> None:
        """Bind the selected member to an OS account (``member_access``)."""
        info, row = self.info, self._selected_row(self.member_table)
        if info is not None and row >= 0:
            member = self.member_model.row_at(row)
            if member_access.bind_member(self, self.ctx, info.name, member.name,
                                         member.os_account):
                self.ctx.notify("sessions")

    def approve_proxy(self) -> None:
        info, row = self.info, self._selected_row(self.member_table)
        if info is not None and row >= 0:
            member_access.approve_proxy(self, self.ctx, info.name,
                                        self.member_model.row_at(row).name)

    def change_status(self, status: str) -> None:
        info = self.info
        if info is None:
            return
        if status == "closed":
            answer = QMessageBox.question(
                self, "Close session",
                f"Close {info.name}?\n\nA closed session is read-only: its panel, sample and "
                "scores can no longer be changed, and it cannot be reopened.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            sessions.set_status(self.ctx.db, info.name, status, self.ctx.actor)
        except UserError as exc:
            show_error(self, "Change status", exc)
            return
        self.ctx.status_message.emit(f"{info.name}: {status_label(status).lower()}.")
        self.ctx.notify("sessions")

    def draw_sample(self) -> None:
        info = self.info
        if info is None or not self._writable():
            return
        problem = self._settings_problem()
        if problem:
            QMessageBox.warning(self, "Draw sample", problem)
            return
        if info.sampled or self.record is not None:
            answer = QMessageBox.question(
                self, "Draw sample",
                f"{info.name} already has a sample of {info.sampled} plans. Drawing again "
                "replaces it. Continue?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            result = sampling.draw(self.ctx.db, info.name, self.current_settings(),
                                   self.ctx.actor)
        except UserError as exc:
            show_error(self, "Draw sample", exc)
            return
        self.seed_spin.blockSignals(True)
        self.seed_spin.setValue(result.seed)  # show the stored seed
        self.seed_spin.blockSignals(False)
        message = (f"Drew {len(result.plans)} of {result.eligible:,} eligible plans with "
                   f"seed {result.seed}.")
        self.ctx.status_message.emit(f"{info.name}: {message}")
        self.ctx.notify("sessions")
        self.sample_message.setText(message)

    def withdraw_selected(self) -> None:
        info = self.info
        row = self._selected_row(self.sample_table)
        if info is None or not self.sample_model.active_row(row):
            return
        plan_ref = self.sample_model.row_at(row).plan_ref
        reason, ok = QInputDialog.getText(
            self, "Withdraw and replace",
            f"Why is {plan_ref} withdrawn from the sample?\n"
            "The reason is recorded for the inspector.",
        )
        if not ok:
            return
        try:
            replacement = sampling.withdraw_and_replace(self.ctx.db, info.name, plan_ref,
                                                        reason, self.ctx.actor)
        except UserError as exc:
            show_error(self, "Withdraw and replace", exc)
            return
        if replacement is None:
            stratified = self.record is not None and self.record.settings.stratify
            where = " in its stratum" if stratified else ""
            message = f"{plan_ref} withdrawn. No eligible plan is left to replace it{where}."
        else:
            message = f"{plan_ref} withdrawn; replaced by {replacement}."
        self.ctx.status_message.emit(f"{info.name}: {message}")
        self.ctx.notify("sessions")
        self.sample_message.setText(message)


def _stratum_text(stratify: str | None, name: str) -> str:
    if stratify == "phase":
        return phase_label(name) or name
    if stratify == "plan_type":
        return name.capitalize()
    return name


def _escape(text: str) -> str:
    return html.escape(text, quote=False)
