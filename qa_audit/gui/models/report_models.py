"""Table models for the Reports and Dashboard pages.

``FigureRowsModel`` shows one of a report's ``tables()`` (a list of dict rows, the
same rows the spreadsheet gets); ``ExcerptTableModel`` lists excerpts awaiting
approval, and remembers which of them were approved (or withdrawn) on this page.
Thin adapters on ``RowTableModel`` (``table_base``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, ClassVar

from PySide6.QtCore import Qt

from qa_audit.gui.models.excerpt_rows import APPROVED, PENDING, WITHDRAWN, ExcerptRow
from qa_audit.gui.models.table_base import Column, RowTableModel
from qa_audit.services.excerpts import PendingExcerpt

#: Role giving the raw (unformatted) value of a cell (after the base's row and sort roles).
RawRole = Qt.ItemDataRole.UserRole + 3

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


def _figure_column(key: str) -> Column[Mapping[str, Any]]:
    def text(row: Mapping[str, Any]) -> str:
        return cell_text(row.get(key))

    def tip(row: Mapping[str, Any]) -> str | None:
        long = text(row)
        return long if len(long) > 40 else None

    return Column(key, text, cell_tip=tip)


class FigureRowsModel(RowTableModel[Mapping[str, Any]]):
    """Rows of dicts (a figures table) as a read-only table; columns in first-seen key order."""

    def set_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        keys: list[str] = []
        for row in rows:
            keys += [k for k in row if k not in keys]
        self.reset(rows, [_figure_column(k) for k in keys])

    def columns(self) -> list[str]:
        return self.headers()

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            shown = role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows)
            return str(section + 1) if shown else None
        return super().headerData(section, orientation, role) \
            if role == Qt.ItemDataRole.DisplayRole else None

    def role_data(self, row: Mapping[str, Any], column: int, role: int) -> Any:
        value = row.get(self._columns[column].header)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            return int(_NUMBER_ALIGN if numeric else _TEXT_ALIGN)
        if role == RawRole:
            return value
        return None


# ------------------------------------------------------------------ excerpts

COL_SESSION, COL_PLAN, COL_THEME, COL_AUDITOR, COL_STATUS, COL_TEXT = range(6)
EXCERPT_HEADERS = ("Session", "Plan", "Theme", "Auditor", "Status", "Text to quote")
def _excerpt_theme(row: ExcerptRow) -> str:
    e = row.excerpt
    return e.theme_id + (f" ({e.question_id})" if e.question_id else "")


class ExcerptTableModel(RowTableModel[ExcerptRow]):
    """Excerpts awaiting approval, and what this page did with each."""

    COLUMNS: ClassVar[Sequence[Column[ExcerptRow]]] = (
        Column(EXCERPT_HEADERS[COL_SESSION], lambda r: r.excerpt.session),
        Column(EXCERPT_HEADERS[COL_PLAN], lambda r: r.excerpt.plan_ref),
        Column(EXCERPT_HEADERS[COL_THEME], _excerpt_theme),
        Column(EXCERPT_HEADERS[COL_AUDITOR], lambda r: r.excerpt.auditor),
        Column(EXCERPT_HEADERS[COL_STATUS], lambda r: r.status),
        Column(EXCERPT_HEADERS[COL_TEXT], lambda r: r.text, cell_tip=lambda r: r.text),
    )

    def set_excerpts(self, excerpts: Sequence[PendingExcerpt]) -> None:
        """Show ``excerpts``, all awaiting approval."""
        self.set_rows([ExcerptRow(e) for e in excerpts])

    def row_of(self, excerpt_id: int) -> int:
        return self.find_row(lambda r: r.excerpt.id == excerpt_id)

    def mark(self, row: int, status: str, approved_text: str | None = None) -> None:
        if 0 <= row < len(self._rows):
            self.replace_row(row, replace(self._rows[row], status=status,
                                          approved_text=approved_text))

    def count(self, status: str) -> int:
        return sum(1 for r in self._rows if r.status == status)

    def role_data(self, row: ExcerptRow, column: int, role: int) -> Any:
        return row.excerpt.id if role == Qt.ItemDataRole.UserRole else None


__all__ = ["APPROVED", "COL_TEXT", "PENDING", "WITHDRAWN", "ExcerptRow", "ExcerptTableModel",
           "FigureRowsModel", "RawRole", "cell_text"]
