"""Table models for the Reports and Dashboard pages.

``FigureRowsModel`` shows one of a report's ``tables()`` (a list of dict rows, the
same rows the spreadsheet gets); ``ExcerptTableModel`` lists excerpts awaiting
approval, and remembers which of them were approved (or withdrawn) on this page.
Thin adapters: ``COL_*`` constants, one ``set_rows()`` that resets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from qa_audit.services.excerpts import PendingExcerpt

AnyIndex = QModelIndex | QPersistentModelIndex

#: Role giving the raw (unformatted) value of a cell.
RawRole = Qt.ItemDataRole.UserRole + 1

_NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT_ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def cell_text(value: object) -> str:
    """A figure as a table shows it: blank for None, Yes/No, UK dates, one-line text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        text = f"{value:.3f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return " / ".join(str(value).split("\n"))


class FigureRowsModel(QAbstractTableModel):
    """Rows of dicts (a figures table) as a read-only table; columns in first-seen key order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: list[str] = []
        self._rows: list[Mapping[str, Any]] = []

    def set_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.beginResetModel()
        columns: list[str] = []
        for row in rows:
            columns += [k for k in row if k not in columns]
        self._columns = columns
        self._rows = list(rows)
        self.endResetModel()

    def columns(self) -> list[str]:
        return list(self._columns)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section] if 0 <= section < len(self._columns) else None
        return str(section + 1) if 0 <= section < len(self._rows) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) \
                or not (0 <= index.column() < len(self._columns)):
            return None
        value = self._rows[index.row()].get(self._columns[index.column()])
        if role in {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole}:
            text = cell_text(value)
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 40 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            return int(_NUMBER_ALIGN if numeric else _TEXT_ALIGN)
        if role == RawRole:
            return value
        return None


# ------------------------------------------------------------------ excerpts

COL_SESSION, COL_PLAN, COL_THEME, COL_AUDITOR, COL_STATUS, COL_TEXT = range(6)
EXCERPT_HEADERS = ("Session", "Plan", "Theme", "Auditor", "Status", "Text to quote")
PENDING, APPROVED, WITHDRAWN = "Awaiting approval", "Approved", "Withdrawn"


@dataclass(frozen=True)
class ExcerptRow:
    """A pending excerpt and what happened to it on this page."""

    excerpt: PendingExcerpt
    status: str = PENDING
    approved_text: str | None = None

    @property
    def text(self) -> str:
        """What a report would quote (approved) or the suggested redaction (pending)."""
        return self.approved_text if self.approved_text is not None else self.excerpt.suggested


class ExcerptTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ExcerptRow] = []

    def set_rows(self, excerpts: Sequence[PendingExcerpt]) -> None:
        self.beginResetModel()
        self._rows = [ExcerptRow(e) for e in excerpts]
        self.endResetModel()

    def row_at(self, row: int) -> ExcerptRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, excerpt_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.excerpt.id == excerpt_id), -1)

    def mark(self, row: int, status: str, approved_text: str | None = None) -> None:
        if not 0 <= row < len(self._rows):
            return
        self._rows[row] = replace(self._rows[row], status=status, approved_text=approved_text)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(EXCERPT_HEADERS) - 1))

    def count(self, status: str) -> int:
        return sum(1 for r in self._rows if r.status == status)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(EXCERPT_HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return EXCERPT_HEADERS[section] if 0 <= section < len(EXCERPT_HEADERS) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(EXCERPT_HEADERS):
            return None
        if role in {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole}:
            e = row.excerpt
            value = (e.session, e.plan_ref,
                     e.theme_id + (f" ({e.question_id})" if e.question_id else ""),
                     e.auditor, row.status, row.text)[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole:
                return value if index.column() == COL_TEXT else None
            return value
        if role == Qt.ItemDataRole.UserRole:
            return row.excerpt.id
        return None
