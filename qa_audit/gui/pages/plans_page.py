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

This module is the controller; the layout is ``plans.view`` (the Designer form
``forms/plans_page.ui``) and the decisions ``plans.presenter`` (no Qt, unit-tested).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QStyle, QWidget

from qa_audit.errors import UserError
from qa_audit.gui import database_actions, workers
from qa_audit.gui.context import AppContext
from qa_audit.gui.models.plan_table import (
    COL_CASEWORKER,
    COL_SETTING,
)
from qa_audit.gui.pages import plan_detail
from qa_audit.gui.plans.presenter import (
    EMPTY_MESSAGE,
    LOADING_MESSAGE,
    NO_CHOICES,
    REFRESH_ON,
    SEARCH_DELAY_MS,
    PlansPresenter,
    count_text,
    failure,
    filter_choices,
    need_label,
)
from qa_audit.gui.plans.view import PlansView
from qa_audit.services import plan_register, plans
from qa_audit.services.plan_order import PlanOrder
from qa_audit.services.plans import PlanFilter, PlanRow

log = logging.getLogger(__name__)

#: Rows measured to size the columns once: the first screenful and a few more, never
#: all 60,000 (measuring every cell took seconds at start-up, benchmarks/).
SIZE_SAMPLE_ROWS = 200
_MAX_COLUMN_WIDTH = {COL_SETTING: 220, COL_CASEWORKER: 150}
__all__ = ["EMPTY_MESSAGE", "LOADING_MESSAGE", "REFRESH_ON", "SEARCH_DELAY_MS", "PlansPage",
           "RegisterLoad", "count_text", "need_label"]


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


class PlansPage(PlansView):
    """Plan register: search box, team/need/phase filters, sortable table, count.

    ``loaded`` is emitted each time a load ends, with the rows shown or the problem
    explained; ``loading()`` is True while a load runs (the main window waits for
    ``loaded`` meanwhile).
    """

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.presenter = PlansPresenter(lambda: plans.count_plans(self.ctx.db))
        self._sized_columns = False
        self._loads = workers.Latest(self)  # the register load whose result is wanted
        self._loads.finished.connect(self._job_finished)
        self._loads.failed.connect(self._job_failed)
        self._more = workers.Latest(self)  # the rows after those shown, as the table scrolls
        self._more.finished.connect(self._more_finished)
        self._more.failed.connect(self._more_failed)
        self._shown: tuple[PlanFilter, PlanOrder] | None = None  # what the rows shown are of
        self.model.more_wanted.connect(self._read_more)
        self.model.sort_wanted.connect(self.refresh)
        # issue 18: the selected plan's reviews and feedback under the register
        self.detail = plan_detail.add_detail(ctx, self.splitter, self.table, self.model)
        self.import_plans_action.triggered.connect(lambda: self.open_import_wizard("plans"))
        self.import_advice_action.triggered.connect(lambda: self.open_import_wizard("advice"))
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

    def open_import_wizard(self, kind: str) -> QWidget:
        """The import wizard for the register or advice (non-blocking)."""
        # deferred: the wizard pulls in the import parsers, needed only when it opens
        from qa_audit.gui.register_wizard import RegisterImportWizard

        wizard = RegisterImportWizard(self.ctx, kind, self)
        wizard.open()
        return wizard

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

    @property
    def total(self) -> int:
        """Plans in the register (the last load's count)."""
        return self.presenter.total

    def reload(self) -> None:
        """Refresh the filter choices, then the rows (after an import, or a new database)."""
        try:
            empty = self.presenter.register_is_empty()
        except UserError as exc:
            self._loads.drop()
            self._show_problem(exc)
            self._finish()
            return
        if empty:  # nothing to load: the guidance shows at once
            self._loads.drop()
            self._apply(RegisterLoad(self.current_filter(), self.model.order(), 0, 0, [], [],
                                     {k: list(v) for k, v in NO_CHOICES.items()}))
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
        with_choices = self.presenter.reads_choices(with_choices, self._loads.busy())
        self.busy_bar.show()
        text = self.presenter.loading_text(bool(self.model.rowCount()))
        if text is not None:
            self.count_label.setText(text)
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
        if self.presenter.runs_again(result.choices is not None, result.flt,
                                     self.current_filter()):
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
        self._show_problem(failure(message, user_error))
        self._finish()

    def _apply(self, result: RegisterLoad) -> None:
        """Show a load's result on the GUI thread: one model reset, no per-row work."""
        if result.choices is not None:
            self._fill_choices(result.choices)
        shown = self.presenter.shown(result.total, result.matched)
        self.problem_label.hide()
        self._shown = (result.flt, result.order)
        self.model.set_page(result.rows, result.matched, result.custom)
        self.count_label.setText(shown.count)
        self.body.setCurrentWidget(self.empty_state if shown.empty else self.table)
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
        items = filter_choices(choices)
        _refill(self.team_combo, items["team"])
        _refill(self.need_combo, items["primary_need"])
        _refill(self.phase_combo, items["phase"])

    def _show_problem(self, exc: UserError) -> None:
        log.info("plans page: %s", exc.message)
        self.count_label.setText(self.presenter.count_after_problem(self.count_label.text()))
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
