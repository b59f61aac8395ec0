"""The plan register as a Qt table model: a thin adapter over ``PlanRow``.

Display text follows UK council conventions (dd/mm/yyyy, N1/N2/R/Y1 year
groups); ``SORT_ROLE`` carries a value of one type per column so that sorting
is by date and number, not by the displayed text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from qa_audit.services.plans import PlanRow
from qa_audit.services.rubric_view import NEED_NAMES, year_group_label

#: Plans issued more than this many weeks after the request missed the statutory limit.
STATUTORY_WEEKS = 20

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
    COL_WEEKS: f"Weeks from request to issue (over {STATUTORY_WEEKS} weeks is highlighted)",
    COL_YEAR: "National curriculum year (NCY)",
    COL_NEED: "Primary need (DfE code)",
    COL_AUDITS: "Audit sessions that have scored this plan",
}

#: The PlanRow behind a row, for controllers (e.g. "open this plan").
PLAN_ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: A value of one type per column, used by the proxy for sorting.
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
    weeks = row.weeks_to_issue
    return weeks is not None and weeks > STATUTORY_WEEKS


def display_text(row: PlanRow, column: int) -> str:
    """The text a cell shows."""
    values: dict[int, object] = {
        COL_REF: row.plan_ref,
        COL_ISSUED: format_date(row.issue_date),
        COL_REQUESTED: format_date(row.request_date),
        COL_WEEKS: "" if row.weeks_to_issue is None else str(row.weeks_to_issue),
        COL_TYPE: (row.plan_type or "").capitalize(),
        COL_YEAR: year_group_label(row.year_group),
        COL_PHASE: phase_label(row.phase),
        COL_NEED: row.primary_need,
        COL_SETTING: row.setting,
        COL_SETTING_TYPE: _sentence_case(row.setting_type),
        COL_TEAM: row.team,
        COL_CASEWORKER: row.caseworker,
        COL_DIRECT_PAYMENTS: format_yes_no(row.direct_payments),
        COL_AUDITS: str(row.audits),
    }
    value = values.get(column)
    return "" if value is None else str(value)


def sort_key(row: PlanRow, column: int) -> int | str:
    """One type per column so QSortFilterProxyModel compares like with like; blanks first."""
    if column == COL_ISSUED:
        return row.issue_date.toordinal()
    if column == COL_REQUESTED:
        return row.request_date.toordinal() if row.request_date else 0
    if column == COL_WEEKS:
        return -1 if row.weeks_to_issue is None else row.weeks_to_issue
    if column == COL_YEAR:
        return -99 if row.year_group is None else row.year_group
    if column == COL_DIRECT_PAYMENTS:
        return -1 if row.direct_payments is None else int(row.direct_payments)
    if column == COL_AUDITS:
        return row.audits
    return display_text(row, column).casefold()


def tooltip(row: PlanRow, column: int) -> str | None:
    if column == COL_WEEKS and is_late(row):
        return (f"Issued {row.weeks_to_issue} weeks after the request: over the "
                f"{STATUTORY_WEEKS}-week limit")
    if column == COL_NEED and row.primary_need in NEED_NAMES:
        return NEED_NAMES[row.primary_need].capitalize()
    if column in (COL_SETTING, COL_CASEWORKER) and display_text(row, column):
        return display_text(row, column)
    return None


class PlanTableModel(QAbstractTableModel):
    """Read-only rows of the register; ``set_rows`` replaces them all."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PlanRow] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # ----------------------------------------------------------- data in

    def set_rows(self, rows: Sequence[PlanRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[PlanRow]:
        return list(self._rows)

    def row_at(self, row: int) -> PlanRow:
        return self._rows[row]

    # ------------------------------------------------------- Qt interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return display_text(row, column)
        if role == SORT_ROLE:
            return sort_key(row, column)
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


class PlanSortProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; filtering is done by the service query, not here."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)
