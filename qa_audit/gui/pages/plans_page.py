"""The Plans page: the plan register, searchable and filterable, refreshed when data changes.

Filtering is done by the register query (``services.plans.list_plans``), so
the page shows exactly what the CLI and reports would select; the model sorts.
Typing in the search box is debounced so a fast typist causes one query, not
one per key.

The query runs in a ``workers.Job``: a county register has 60,000 plans, and
reading, sorting and showing them on the GUI thread froze the window for seconds
(benchmarks/). The page shows "Loading plans…" and a busy bar meanwhile, fills
the model in one reset, and emits ``loaded`` when the table holds its rows.
Only the first page of rows is read (sorted by the database); the rest come a
page at a time, in the background, as the table scrolls to its end (issue 16).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from qa_audit.errors import UserError
from qa_audit.gui import database_actions, workers
from qa_audit.gui.context import AppContext
from qa_audit.gui.models.plan_table import (
    COL_CASEWORKER,
    COL_ISSUED,
    COL_SETTING,
    PlanTableModel,
    phase_label,
)
from qa_audit.gui.pages import plan_detail
from qa_audit.gui.pages.scaffold import PageScaffold
from qa_audit.services import plan_register, plans
from qa_audit.services.plan_order import PlanOrder
from qa_audit.services.plans import PlanFilter, PlanRow
from qa_audit.services.rubric_view import NEED_NAMES

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
EMPTY_MESSAGE = "No plans yet: import a register or load demo data"
LOADING_MESSAGE = "Loading plans…"
#: Rows measured to size the columns once: the first screenful and a few more, never
#: all 60,000 (measuring every cell took seconds at start-up, benchmarks/).
SIZE_SAMPLE_ROWS = 200
#: Topics of ``AppContext.data_changed`` that change what this page shows.
REFRESH_ON = frozenset({"plans", "audits", "sessions", "advice"})
_MAX_COLUMN_WIDTH = {COL_SETTING: 220, COL_CASEWORKER: 150}


def count_text(total: int, shown: int) -> str:
    """``412 plans, 37 shown``."""
    noun = "plan" if total == 1 else "plans"
    return f"{total:,} {noun}, {shown:,} shown"


def need_label(code: str) -> str:
    name = NEED_NAMES.get(code)
    return f"{code} – {name}" if name else code


@dataclass(frozen=True)
class RegisterLoad:
    """What one background load read: the first page of rows in ``order``, the counts,
    the custom fields and the choices (both on a reload only)."""

    flt: PlanFilter
    order: PlanOrder
    total: int
    matched: int
    rows: list[PlanRow]
    custom: list[str] | None
    choices: dict[str, list[str]] | None  # team/primary_need/phase values, on a reload


@dataclass(frozen=True)
class MoreRows:
    """Rows read after the first ``offset`` of a load's filter and order."""

    flt: PlanFilter
    order: PlanOrder
    offset: int
    rows: list[PlanRow]


class PlansPage(QWidget):
    """Plan register: search box, team/need/phase filters, sortable table, count.

    ``loaded`` is emitted each time a load ends, with the rows shown or the problem
    explained; ``loading()`` is True while a load runs (the main window waits for
    ``loaded`` meanwhile).
    """

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("plansPage")
        self.total = 0
        self._sized_columns = False
        self._loads = workers.Latest(self)  # the register load whose result is wanted
        self._loads.finished.connect(self._job_finished)
        self._loads.failed.connect(self._job_failed)
        self._job_reads_choices = False  # the wanted load also reads the filter choices
        self._more = workers.Latest(self)  # the rows after those shown, as the table scrolls
        self._more.finished.connect(self._more_finished)
        self._more.failed.connect(self._more_failed)
        self._shown: tuple[PlanFilter, PlanOrder] | None = None  # what the rows shown are of

        self.model = PlanTableModel(self)
        self.model.more_wanted.connect(self._read_more)
        self.model.sort_wanted.connect(self.refresh)

        self._build()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.refresh)
        for combo in (self.team_combo, self.need_combo, self.phase_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.clear_button.clicked.connect(self.clear_filters)
        self.demo_button.clicked.connect(self.load_demo)
        ctx.data_changed.connect(self._on_data_changed)

        self.reload()

    # ------------------------------------------------------------ layout

    def open_import_wizard(self, kind: str) -> QWidget:
        """The import wizard for the register or advice (non-blocking)."""
        # deferred: the wizard pulls in the import parsers, needed only when it opens
        from qa_audit.gui.register_wizard import RegisterImportWizard

        wizard = RegisterImportWizard(self.ctx, kind, self)
        wizard.open()
        return wizard

    def _build(self) -> None:

        scaffold = PageScaffold(self, "Plan register")
        layout = scaffold.body
        #: Actions on the register (a colleague adds "Import register…" here).
        self.toolbar = QToolBar("Plan actions", self)
        self.toolbar.setObjectName("plansToolbar")
        self.toolbar.setAccessibleName("Plan actions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        scaffold.add_action(self.toolbar)
        import_plans = self.toolbar.addAction("Import register…")
        import_plans.setToolTip("Import or update the plan register from a CSV or Excel file")
        import_plans.triggered.connect(lambda: self.open_import_wizard("plans"))
        import_advice = self.toolbar.addAction("Import advice…")
        import_advice.setToolTip("Import advice requests and returns from a CSV or Excel file")
        import_advice.triggered.connect(lambda: self.open_import_wizard("advice"))

        filters = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("planSearch")
        self.search.setPlaceholderText("Search plan ref, setting, caseworker, team or own fields")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search plans")
        self.search.setToolTip("Matches plan reference, setting, caseworker, team or the "
                               "value of a custom plan field")
        self.search.setMinimumWidth(160)
        filters.addWidget(self.search, 2)
        self.team_combo = self._combo("Team filter", "All teams")
        self.need_combo = self._combo("Primary need filter", "All needs")
        self.phase_combo = self._combo("Phase filter", "All phases")
        for combo in (self.team_combo, self.need_combo, self.phase_combo):
            filters.addWidget(combo)
        self.clear_button = QPushButton("Clear filters", self)
        self.clear_button.setAccessibleName("Clear filters")
        filters.addWidget(self.clear_button)
        layout.addLayout(filters)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("planCount")
        self.count_label.setAccessibleName("Plan count")
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("planProblem")
        self.problem_label.setStyleSheet("color: #9b1c1c;")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("plansBusy")
        self.busy_bar.setAccessibleName("Loading plans")
        self.busy_bar.setRange(0, 0)  # busy: the query gives no percentage worth showing
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setMaximumHeight(10)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        status = QHBoxLayout()
        status.addWidget(self.count_label)
        status.addWidget(self.busy_bar)
        status.addWidget(self.problem_label, 1)
        status.addStretch(0)
        layout.addLayout(status)

        self.table = QTableView(self)
        self.table.setObjectName("planTable")
        self.table.setAccessibleName("Plan register")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_ISSUED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # fixed row heights: nothing measures 60,000 rows when the model is reset
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setHighlightSections(False)

        self.empty_state = QWidget(self)
        empty_layout = QVBoxLayout(self.empty_state)
        empty_layout.addStretch(1)
        self.empty_label = QLabel(EMPTY_MESSAGE, self.empty_state)
        self.empty_label.setObjectName("plansEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.empty_label.setFont(font)
        hint = QLabel(
            "Plan registers (CSV or Excel) come from your case management system; "
            "demo data is synthetic and safe for training.",
            self.empty_state,
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #505a5f;")  # secondary text, 7:1 contrast on the window
        self.demo_button = QPushButton("Load demo data", self.empty_state)
        self.demo_button.setAccessibleName("Load demo data")
        self.demo_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(hint)
        empty_layout.addSpacing(8)
        empty_layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)

        self.body = QStackedWidget(self)
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty_state)
        # issue 18: the selected plan's reviews and feedback under the register
        splitter, self.detail = plan_detail.split_with_detail(self.ctx, self.body, self.table,
                                                              self.model, self)
        layout.addWidget(splitter, 1)

    def _combo(self, accessible: str, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(accessible)
        combo.setToolTip(accessible)
        combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(min(len(everything), 9))
        combo.view().setMinimumWidth(260)  # the drop-down shows need names in full
        combo.addItem(everything, None)
        return combo

    # -------------------------------------------------------- controller

    def current_filter(self) -> PlanFilter:
        return PlanFilter(
            text=self.search.text(),
            team=self.team_combo.currentData(),
            primary_need=self.need_combo.currentData(),
            phase=self.phase_combo.currentData(),
        )

    def loading(self) -> bool:
        """Whether a load runs (False once the table holds the latest request's rows
        or its problem)."""
        return self._loads.busy()

    def reload(self) -> None:
        """Refresh the filter choices, then the rows (after an import, or a new database)."""
        try:
            total = plans.count_plans(self.ctx.db)
        except UserError as exc:
            self._loads.drop()
            self._show_problem(exc)
            self._finish()
            return
        if total == 0:  # nothing to load: the guidance shows at once
            self._loads.drop()
            self._apply(RegisterLoad(self.current_filter(), self.model.order(), 0, 0, [], [],
                                     {"team": [], "primary_need": [], "phase": []}))
            self._finish()
            return
        self._start_load(with_choices=True)

    def refresh(self) -> None:
        """Run the register query with the current filters and show the rows."""
        self._start_load(with_choices=False)

    def _start_load(self, *, with_choices: bool) -> None:
        """Load in the background; a load still running is dropped (its result unwanted),
        and the filter choices it was to read are read by this one instead."""
        self._search_timer.stop()
        with_choices = with_choices or (self._loads.busy() and self._job_reads_choices)
        self._job_reads_choices = with_choices
        self.busy_bar.show()
        if not self.model.rowCount():
            self.count_label.setText(LOADING_MESSAGE)
        self._more.drop()  # rows after the old first page are not wanted any more
        db, flt, order = self.ctx.db, self.current_filter(), self.model.order()

        def load(progress: Callable[[int, str], None]) -> RegisterLoad:
            read = plan_register.read_register(db, flt, with_choices, progress=progress,
                                               order=order)
            return RegisterLoad(flt, order, read.total, read.matched, read.rows, read.custom,
                                read.choices)

        self._loads.start(workers.Job(load))

    def _job_finished(self, result: RegisterLoad) -> None:
        self._apply(result)
        if result.choices is not None and self.current_filter() != result.flt:
            self.refresh()  # a chosen filter value is gone from the register
            return
        if result.order != self.model.order():  # sorted while it loaded
            self.model.sort(*self.model.sorting())  # in memory, or a load in the new order
            if self.loading():
                return
        self._finish()

    def _read_more(self, offset: int) -> None:
        """The table scrolled to the last row held: read the next page in the background."""
        if self._shown is None or self._loads.busy():  # a new first page is on its way
            return  # (its reset ends this request)
        db, (flt, order) = self.ctx.db, self._shown

        def more(progress: Callable[[int, str], None]) -> MoreRows:
            return MoreRows(flt, order, offset, plan_register.read_more(db, flt, order, offset))

        self._more.start(workers.Job(more))

    def _more_finished(self, result: MoreRows) -> None:
        if (result.flt, result.order) == self._shown and result.offset == self.model.rowCount():
            self.model.append_rows(result.rows)

    def _more_failed(self, message: str, user_error: bool) -> None:
        self.model.stop_fetching()
        self._show_problem(UserError(message if user_error else
                                     f"More plans could not be loaded ({message}); "
                                     "the details are in the log."))

    def _job_failed(self, message: str, user_error: bool) -> None:
        self._show_problem(UserError(message if user_error else
                                     f"The plans could not be loaded ({message}); "
                                     "the details are in the log."))
        self._finish()

    def _apply(self, result: RegisterLoad) -> None:
        """Show a load's result on the GUI thread: one model reset, no per-row work."""
        if result.choices is not None:
            self._fill_choices(result.choices)
        self.total = result.total
        self.problem_label.hide()
        self._shown = (result.flt, result.order)
        self.model.set_page(result.rows, result.matched, result.custom)
        self.count_label.setText(count_text(self.total, result.matched))
        self.body.setCurrentWidget(self.empty_state if self.total == 0 else self.table)
        if result.rows and not self._sized_columns:
            self._size_columns()

    def _finish(self) -> None:
        self.busy_bar.hide()
        self.loaded.emit()

    def clear_filters(self) -> None:
        for combo in (self.team_combo, self.need_combo, self.phase_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.refresh()

    def load_demo(self) -> None:
        try:
            summary = database_actions.load_demo_data(self, self.ctx.db, self.ctx.actor)
        except UserError as exc:
            database_actions.show_user_error(self, "Demo data was not loaded", exc)
            return
        self.ctx.status_message.emit(summary)
        for topic in ("plans", "advice", "sessions", "audits"):
            self.ctx.notify(topic)

    def _on_data_changed(self, what: str) -> None:
        if what in REFRESH_ON:
            self.reload()

    def _fill_choices(self, choices: dict[str, list[str]]) -> None:
        _refill(self.team_combo, [(t, t) for t in choices["team"]])
        _refill(self.need_combo, [(need_label(n), n) for n in choices["primary_need"]])
        _refill(self.phase_combo, [(phase_label(p), p) for p in choices["phase"]])

    def _show_problem(self, exc: UserError) -> None:
        log.info("plans page: %s", exc.message)
        if self.count_label.text() == LOADING_MESSAGE:  # nothing was loaded
            self.count_label.clear()
        self.problem_label.setText(exc.message)
        self.problem_label.show()
        self.ctx.status_message.emit(exc.message)

    def _size_columns(self) -> None:
        """Widths from the header and the first rows' text, measured once in Python:
        Qt's ``resizeColumnsToContents`` asks ``data()`` for every role of each cell."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        sample = [self.model.row_at(r) for r in range(min(SIZE_SAMPLE_ROWS,
                                                          self.model.rowCount()))]
        # what the item delegate adds around text (focus frame margins), plus air
        margin = self.table.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table)
        for column in range(self.model.columnCount()):
            texts = {self.model.text(row, column) for row in sample}
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            width = max(widest + 2 * (margin + 1), header.sectionSizeHint(column)) + 8
            header.resizeSection(column, min(width, _MAX_COLUMN_WIDTH.get(column, 10_000)))
        self._sized_columns = True


def _refill(combo: QComboBox, choices: list[tuple[str, str]]) -> None:
    """Replace a filter's choices, keeping the current one when it still exists.

    Signals are blocked: the caller refreshes the rows once afterwards.
    """
    current = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for label, value in choices:
        combo.addItem(label, value)
    index = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)
