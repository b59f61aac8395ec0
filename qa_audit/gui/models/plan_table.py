"""The plan register as a Qt table model: a thin adapter over ``PlanRow``.

Display text follows UK council conventions (dd/mm/yyyy, N1/N2/R/Y1 year
groups); sorting (``order_rows``, ``SORT_ROLE``) uses a value of one type per
column so that it is by date and number, not by the displayed text.

Rows come a page at a time (``set_page``, then ``append_rows`` when the view asks
for more through ``fetchMore``): a county register has 60,000 plans and the page
shows the first ones at once. While only some are held, a header click asks the
page to read them again in the new order (``sort_wanted``; the database sorts,
``services.plan_order``); once every row is held, the model sorts them itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from qa_audit.domain.timeliness import STATUTORY_DAYS, STATUTORY_WEEKS
from qa_audit.gui.formatting import PHASE_LABELS, format_date, phase_label
from qa_audit.gui.models.table_base import (
    NUMBER,
    ROW_ROLE,
    SORT_ROLE,
    AnyIndex,
    Column,
    RowTableModel,
)
from qa_audit.services.plan_rows import (
    CUSTOM_PREFIX,
    DEFAULT_ORDER,
    NEED_NAMES,
    SORT_FIELDS,
    PlanOrder,
    PlanRow,
    year_group_label,
)

__all__ = ["PHASE_LABELS", "SORT_ROLE", "STATUTORY_WEEKS", "PlanTableModel", "custom_columns",
           "display_text", "format_date", "order_rows", "phase_label"]

COL_REF = 0
COL_ISSUED = 1
COL_REQUESTED = 2
COL_WEEKS = 3
COL_TYPE = 4
COL_YEAR = 5
COL_PHASE = 6
COL_NEED = 7
COL_SETTING = 8
COL_SETTING_TYPE = 9
COL_TEAM = 10
COL_CASEWORKER = 11
COL_DIRECT_PAYMENTS = 12
COL_AUDITS = 13

#: The PlanRow behind a row, for controllers (e.g. "open this plan").
PLAN_ROW_ROLE = ROW_ROLE

_LATE_BACKGROUND = QColor("#fde2e1")
_LATE_FOREGROUND = QColor("#9b1c1c")


def _sentence_case(text: str | None) -> str | None:
    """``early years`` -> ``Early years``; text someone capitalised is left alone."""
    return text[:1].upper() + text[1:] if text and text.islower() else text


def format_yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return "Yes" if value else "No"


def is_late(row: PlanRow) -> bool:
    """A new plan issued more than 140 days after the request (the domain's rule)."""
    return row.late


def custom_columns(rows: Sequence[PlanRow]) -> list[str]:
    """The custom plan fields any of ``rows`` holds, sorted: the table's extra columns.

    Plans share their custom dicts (``services.plans``), so each distinct one is read once.
    """
    names: set[str] = set()
    for custom in {id(r.custom): r.custom for r in rows}.values():
        names.update(custom)
    return sorted(names)


def custom_header(name: str) -> str:
    """``looked_after`` -> ``Looked after``."""
    return name.replace("_", " ").capitalize()


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _custom_key(text: str | None) -> tuple[int, float, str]:
    """Blanks first, then numbers by value, then text (case-insensitive)."""
    if not text:
        return (-1, 0.0, "")
    try:
        return (0, float(text), "")
    except ValueError:
        return (1, 0.0, text.casefold())


def _weeks_tip(row: PlanRow) -> str | None:
    return row.timeliness() if row.request_date is not None else None


def _need_tip(row: PlanRow) -> str | None:
    return NEED_NAMES[row.primary_need].capitalize() if row.primary_need in NEED_NAMES else None


def _own_text(text: Callable[[PlanRow], str]) -> Callable[[PlanRow], str | None]:
    """A tooltip repeating a long cell's text (cut off in the column), None when blank."""
    return lambda r: text(r) or None


def _setting_text(r: PlanRow) -> str:
    return _text(r.setting)


def _caseworker_text(r: PlanRow) -> str:
    return _text(r.caseworker)


#: The register's built-in columns, in ``COL_*`` order: one call per cell, nothing
#: built for the other thirteen columns (``data()`` runs for every visible cell).
BUILTIN_COLUMNS: tuple[Column[PlanRow], ...] = (
    Column("Plan ref", lambda r: r.plan_ref),
    Column("Issued", lambda r: format_date(r.issue_date), sort=lambda r: r.issue_date.toordinal(),
           tip="Date the plan (or amended plan) was issued"),
    Column("Requested", lambda r: format_date(r.request_date),
           sort=lambda r: r.request_date.toordinal() if r.request_date else 0,
           tip="Date of the request for assessment"),
    Column("Weeks", lambda r: _text(r.weeks_to_issue),
           sort=lambda r: -1 if r.days_to_issue is None else r.days_to_issue, align=NUMBER,
           cell_tip=_weeks_tip,
           tip=(f"Whole weeks from request to issue (a new plan issued more than "
                f"{STATUTORY_DAYS} days after the request is highlighted)")),
    Column("Type", lambda r: (r.plan_type or "").capitalize()),
    Column("Year", lambda r: year_group_label(r.year_group),
           sort=lambda r: -99 if r.year_group is None else r.year_group, align=NUMBER,
           tip="National curriculum year (NCY)"),
    Column("Phase", lambda r: phase_label(r.phase)),
    Column("Need", lambda r: _text(r.primary_need), cell_tip=_need_tip,
           tip="Primary need (DfE code)"),
    Column("Setting", _setting_text, cell_tip=_own_text(_setting_text)),
    Column("Setting type", lambda r: _text(_sentence_case(r.setting_type))),
    Column("Team", lambda r: _text(r.team)),
    Column("Caseworker", _caseworker_text, cell_tip=_own_text(_caseworker_text)),
    Column("Direct payments", lambda r: format_yes_no(r.direct_payments),
           sort=lambda r: -1 if r.direct_payments is None else int(r.direct_payments)),
    Column("Audits", lambda r: str(r.audits), sort=lambda r: r.audits, align=NUMBER,
           tip="Audit sessions that have scored this plan"),
)
HEADERS: tuple[str, ...] = tuple(c.header for c in BUILTIN_COLUMNS)


def custom_column(name: str) -> Column[PlanRow]:
    """A column for the council's own plan field ``name``: blanks, numbers, then text."""
    return Column(custom_header(name), lambda r: r.custom.get(name, ""),
                  sort=lambda r: _custom_key(r.custom.get(name)),
                  tip=f"The council's own plan field {name!r} (plans import --field)")


def plan_columns(custom: Sequence[str] = ()) -> list[Column[PlanRow]]:
    """The built-in columns then one per custom field."""
    return [*BUILTIN_COLUMNS, *(custom_column(name) for name in custom)]


def display_text(row: PlanRow, column: int, custom: Sequence[str] = ()) -> str:
    """The text a cell shows (columns after the built-ins are the ``custom`` fields)."""
    if 0 <= column < len(BUILTIN_COLUMNS):
        return BUILTIN_COLUMNS[column].text(row)
    extra = column - len(BUILTIN_COLUMNS)
    return row.custom.get(custom[extra], "") if 0 <= extra < len(custom) else ""


def _sort_key_function(column: int, custom: Sequence[str] = ()) -> Callable[[PlanRow], Any]:
    """One type per column so rows compare like with like; blanks first."""
    if 0 <= column < len(BUILTIN_COLUMNS):
        return BUILTIN_COLUMNS[column].sort_value
    extra = column - len(BUILTIN_COLUMNS)
    if 0 <= extra < len(custom):
        return custom_column(custom[extra]).sort_value
    return lambda _r: ""


def sort_key(row: PlanRow, column: int, custom: Sequence[str] = ()) -> Any:
    """The value a row sorts by in ``column``."""
    return _sort_key_function(column, custom)(row)


def order_rows(rows: Sequence[PlanRow], column: int, order: Qt.SortOrder,
               custom: Sequence[str] | None = None) -> list[PlanRow]:
    """``rows`` sorted by ``column``; stable, so equal keys keep the register query's order
    (newest issued first, then plan ref), as the sort proxy this replaces did.

    Pure Python over plain rows, so the page can run it in the loading worker.
    """
    if column < 0:
        return list(rows)
    if custom is None and column >= len(BUILTIN_COLUMNS):
        custom = custom_columns(rows)
    return sorted(rows, key=_sort_key_function(column, custom or ()),
                  reverse=order == Qt.SortOrder.DescendingOrder)


def _register_order(row: PlanRow) -> tuple[int, str]:
    """The register query's own order: newest issued first, then plan ref."""
    return (-row.issue_date.toordinal(), row.plan_ref)


class PlanTableModel(RowTableModel[PlanRow]):
    """Read-only rows of the register, held a page at a time (module docstring).

    The model sorts itself when it holds every row (``sort`` is what a view's header
    click calls): sorting 60,000 plans through a ``QSortFilterProxyModel`` asked
    ``data()`` a million times and took seconds (benchmarks/).
    """

    COLUMNS = BUILTIN_COLUMNS
    #: The view scrolled to the last row held: read the rows from this offset on
    #: (the page answers with ``append_rows``).
    more_wanted = Signal(int)
    #: A sort while only some rows are held: read the first page again in ``order()``.
    sort_wanted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: every row in the register query's order (``_rows``: as shown); None when the
        #: rows came a page at a time (their query order is then worked out again)
        self._source: list[PlanRow] | None = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._custom: list[str] = []  # custom plan fields shown after the built-in columns
        self._matched = 0  # rows the filter keeps, held or not
        self._fetching = False  # a ``more_wanted`` is unanswered
        self._stopped = False  # a read of more rows failed: ask for none until a new page
        self._bold = QFont()
        self._bold.setBold(True)

    # ----------------------------------------------------------- data in

    def set_rows(self, rows: Sequence[PlanRow], ordered: Sequence[PlanRow] | None = None) -> None:
        """Hold every row: ``rows`` in the register query's order, sorted as the view asks
        (``ordered``: already sorted by ``order_rows`` for the current sort)."""
        self._source = list(rows)
        self._custom = custom_columns(rows)
        self._matched = len(rows)
        self._fetching = self._stopped = False
        self.reset(list(ordered) if ordered is not None
                   else order_rows(rows, self._sort_column, self._sort_order, self._custom),
                   plan_columns(self._custom))

    def set_page(self, rows: Sequence[PlanRow], matched: int,
                 custom: Sequence[str] | None = None) -> None:
        """Hold the first rows of ``matched``, already in ``order()`` (the database's);
        ``custom``: the register's custom fields (None keeps the columns shown)."""
        if custom is not None:
            self._custom = list(custom)
        self._source = None
        self._matched = max(matched, len(rows))
        self._fetching = self._stopped = False
        self.reset(rows, plan_columns(self._custom))

    def append_rows(self, rows: Sequence[PlanRow]) -> None:
        """The rows after those held, answering ``more_wanted`` (none: the end)."""
        self._fetching = False
        if not rows:  # fewer than counted (plans removed meanwhile): stop asking
            self._matched = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def stop_fetching(self) -> None:
        """A read of more rows failed: hold what is shown, ask for no more (until the
        next ``set_page``)."""
        self._fetching = False
        self._stopped = True

    def matched(self) -> int:
        """Rows the filter keeps, held or still in the database."""
        return self._matched

    def holds_every_row(self) -> bool:
        return len(self._rows) >= self._matched

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:
        return (not parent.isValid() and not self._fetching and not self._stopped
                and not self.holds_every_row())

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_wanted.emit(len(self._rows))

    def order(self) -> PlanOrder:
        """The database order for the current sort (``services.plan_order``)."""
        column, order = self._sort_column, self._sort_order
        if 0 <= column < len(SORT_FIELDS):
            field = SORT_FIELDS[column]
        elif 0 <= column - len(SORT_FIELDS) < len(self._custom):
            field = CUSTOM_PREFIX + self._custom[column - len(SORT_FIELDS)]
        else:
            return DEFAULT_ORDER
        return PlanOrder(field, order == Qt.SortOrder.DescendingOrder)

    def custom_fields(self) -> list[str]:
        """The custom plan fields shown as columns after the built-in ones."""
        return list(self._custom)

    def text(self, row: PlanRow, column: int) -> str:
        """The text ``row`` shows in ``column`` (custom columns included)."""
        return display_text(row, column, self._custom)

    def sorting(self) -> tuple[int, Qt.SortOrder]:
        """The column and order rows are shown in (column -1: the query's order)."""
        return self._sort_column, self._sort_order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows, keeping selected and current rows (persistent indexes);
        with only some rows held, ask for the first page in the new order instead."""
        changed = (column, order) != (self._sort_column, self._sort_order)
        self._sort_column, self._sort_order = column, order
        if not self.holds_every_row():
            if changed:
                self.sort_wanted.emit()
            return
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        source = self._source if self._source is not None else sorted(old_rows,
                                                                      key=_register_order)
        self._rows = order_rows(source, column, order, self._custom)
        persistent = self.persistentIndexList()
        if persistent:
            position = {id(r): i for i, r in enumerate(self._rows)}
            self.changePersistentIndexList(
                persistent,
                [self.index(position[id(old_rows[i.row()])], i.column()) for i in persistent])
        self.layoutChanged.emit()

    def role_data(self, row: PlanRow, column: int, role: int) -> Any:
        if column == COL_WEEKS and is_late(row):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(_LATE_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_LATE_FOREGROUND)
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
        return None
