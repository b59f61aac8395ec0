"""The plan register as a Qt table model: a thin adapter over ``PlanRow``.

Display text follows UK council conventions (dd/mm/yyyy, N1/N2/R/Y1 year
groups); sorting (``order_rows``, ``SORT_ROLE``) uses a value of one type per
column so that it is by date and number, not by the displayed text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from qa_audit.domain.timeliness import STATUTORY_DAYS, STATUTORY_WEEKS
from qa_audit.services.plans import PlanRow
from qa_audit.services.rubric_view import NEED_NAMES, year_group_label

__all__ = ["STATUTORY_WEEKS", "PlanTableModel", "custom_columns", "display_text", "order_rows"]

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

HEADERS: tuple[str, ...] = (
    "Plan ref",
    "Issued",
    "Requested",
    "Weeks",
    "Type",
    "Year",
    "Phase",
    "Need",
    "Setting",
    "Setting type",
    "Team",
    "Caseworker",
    "Direct payments",
    "Audits",
)
HEADER_TIPS: dict[int, str] = {
    COL_ISSUED: "Date the plan (or amended plan) was issued",
    COL_REQUESTED: "Date of the request for assessment",
    COL_WEEKS: (f"Whole weeks from request to issue (a new plan issued more than "
                f"{STATUTORY_DAYS} days after the request is highlighted)"),
    COL_YEAR: "National curriculum year (NCY)",
    COL_NEED: "Primary need (DfE code)",
    COL_AUDITS: "Audit sessions that have scored this plan",
}

#: The PlanRow behind a row, for controllers (e.g. "open this plan").
PLAN_ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: A value of one type per column, the key ``sort`` orders rows by.
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_LATE_BACKGROUND = QColor("#fde2e1")
_LATE_FOREGROUND = QColor("#9b1c1c")
_NUMERIC = frozenset({COL_WEEKS, COL_YEAR, COL_AUDITS})

AnyIndex = QModelIndex | QPersistentModelIndex


def format_date(value: dt.date | None) -> str:
    """UK style, the way every council report writes dates."""
    return value.strftime("%d/%m/%Y") if value else ""


PHASE_LABELS = {
    "early_years": "Early years",
    "primary": "Primary",
    "secondary": "Secondary",
    "post16": "Post-16",
}


def phase_label(phase: str | None) -> str:
    """``post16`` -> ``Post-16``; unknown codes are tidied, not hidden."""
    if not phase:
        return ""
    return PHASE_LABELS.get(phase, phase.replace("_", " ").capitalize())


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


#: How each column's text is made, by column number: one call per cell, nothing
#: built for the other thirteen columns (``data()`` runs for every visible cell).
_CELL_TEXT: tuple[Callable[[PlanRow], str], ...] = (
    lambda r: r.plan_ref,
    lambda r: format_date(r.issue_date),
    lambda r: format_date(r.request_date),
    lambda r: _text(r.weeks_to_issue),
    lambda r: (r.plan_type or "").capitalize(),
    lambda r: year_group_label(r.year_group),
    lambda r: phase_label(r.phase),
    lambda r: _text(r.primary_need),
    lambda r: _text(r.setting),
    lambda r: _text(_sentence_case(r.setting_type)),
    lambda r: _text(r.team),
    lambda r: _text(r.caseworker),
    lambda r: format_yes_no(r.direct_payments),
    lambda r: str(r.audits),
)


def display_text(row: PlanRow, column: int, custom: Sequence[str] = ()) -> str:
    """The text a cell shows (columns after the built-ins are the ``custom`` fields)."""
    if 0 <= column < len(_CELL_TEXT):
        return _CELL_TEXT[column](row)
    extra = column - len(_CELL_TEXT)
    return row.custom.get(custom[extra], "") if 0 <= extra < len(custom) else ""


def _custom_key(text: str | None) -> tuple[int, float, str]:
    """Blanks first, then numbers by value, then text (case-insensitive)."""
    if not text:
        return (-1, 0.0, "")
    try:
        return (0, float(text), "")
    except ValueError:
        return (1, 0.0, text.casefold())


def _sort_key_function(column: int, custom: Sequence[str] = ()) -> Callable[[PlanRow], Any]:
    """One type per column so rows compare like with like; blanks first."""
    extra = column - len(_CELL_TEXT)
    if 0 <= extra < len(custom):
        name = custom[extra]
        return lambda r: _custom_key(r.custom.get(name))
    if column == COL_ISSUED:
        return lambda r: r.issue_date.toordinal()
    if column == COL_REQUESTED:
        return lambda r: r.request_date.toordinal() if r.request_date else 0
    if column == COL_WEEKS:
        return lambda r: -1 if r.days_to_issue is None else r.days_to_issue
    if column == COL_YEAR:
        return lambda r: -99 if r.year_group is None else r.year_group
    if column == COL_DIRECT_PAYMENTS:
        return lambda r: -1 if r.direct_payments is None else int(r.direct_payments)
    if column == COL_AUDITS:
        return lambda r: r.audits
    text = _CELL_TEXT[column] if 0 <= column < len(_CELL_TEXT) else (lambda _r: "")
    return lambda r: text(r).casefold()


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
    if custom is None and column >= len(_CELL_TEXT):
        custom = custom_columns(rows)
    return sorted(rows, key=_sort_key_function(column, custom or ()),
                  reverse=order == Qt.SortOrder.DescendingOrder)


def tooltip(row: PlanRow, column: int) -> str | None:
    if column == COL_WEEKS and row.request_date is not None:
        return row.timeliness()
    if column == COL_NEED and row.primary_need in NEED_NAMES:
        return NEED_NAMES[row.primary_need].capitalize()
    if column in (COL_SETTING, COL_CASEWORKER) and display_text(row, column):
        return display_text(row, column)
    return None


class PlanTableModel(QAbstractTableModel):
    """Read-only rows of the register; ``set_rows`` replaces them all.

    The model sorts itself (``sort`` is what a view's header click calls): sorting
    60,000 plans through a ``QSortFilterProxyModel`` asked ``data()`` a million times
    and took seconds, while one Python ``sorted`` with a key per row takes a few
    tens of milliseconds (benchmarks/).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: list[PlanRow] = []  # the register query's order
        self._rows: list[PlanRow] = []  # the order shown
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._custom: list[str] = []  # custom plan fields shown after the built-in columns
        self._bold = QFont()
        self._bold.setBold(True)

    # ----------------------------------------------------------- data in

    def set_rows(self, rows: Sequence[PlanRow], ordered: Sequence[PlanRow] | None = None) -> None:
        """Show ``rows`` (in the register query's order), sorted as the view asks.

        ``ordered`` is ``rows`` already sorted by ``order_rows`` for the current sort
        (the loading worker does it off the GUI thread); without it the model sorts.
        """
        self.beginResetModel()
        self._source = list(rows)
        self._custom = custom_columns(self._source)
        self._rows = (list(ordered) if ordered is not None
                      else order_rows(self._source, self._sort_column, self._sort_order,
                                      self._custom))
        self.endResetModel()

    def custom_fields(self) -> list[str]:
        """The custom plan fields shown as columns after the built-in ones."""
        return list(self._custom)

    def text(self, row: PlanRow, column: int) -> str:
        """The text ``row`` shows in ``column`` (custom columns included)."""
        return display_text(row, column, self._custom)

    def rows(self) -> list[PlanRow]:
        return list(self._rows)

    def row_at(self, row: int) -> PlanRow:
        return self._rows[row]

    def sorting(self) -> tuple[int, Qt.SortOrder]:
        """The column and order rows are shown in (column -1: the query's order)."""
        return self._sort_column, self._sort_order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows, keeping selected and current rows (persistent indexes)."""
        self._sort_column, self._sort_order = column, order
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        self._rows = order_rows(self._source, column, order, self._custom)
        persistent = self.persistentIndexList()
        if persistent:
            position = {id(r): i for i, r in enumerate(self._rows)}
            self.changePersistentIndexList(
                persistent,
                [self.index(position[id(old_rows[i.row()])], i.column()) for i in persistent])
        self.layoutChanged.emit()

    # ------------------------------------------------------- Qt interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS) + len(self._custom)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        extra = section - len(HEADERS)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if extra < 0 else custom_header(self._custom[extra])
        if role == Qt.ItemDataRole.ToolTipRole:
            if extra >= 0:
                return (f"The council's own plan field {self._custom[extra]!r} "
                        "(plans import --field)")
            return HEADER_TIPS.get(section)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return display_text(row, column, self._custom)
        if role == SORT_ROLE:
            return sort_key(row, column, self._custom)
        if role == PLAN_ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == COL_WEEKS and is_late(row):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(_LATE_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_LATE_FOREGROUND)
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
        return None
