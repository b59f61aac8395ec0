"""The Scorecard grid as a table model: one row per KPI, one column per quarter.

Columns depend on the period shown, so they are built from the presenter's
:class:`~.scorecard_presenter.ScorecardGrid` and passed to ``reset``; each cell
carries its RAG tint (background, dark text on it) and its tooltip.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from qa_audit.gui.models.table_base import Column, RowTableModel
from qa_audit.gui.pages.scorecard_presenter import GridCell, ScorecardGrid

__all__ = ["ScorecardModel"]

#: One KPI row: its label and its cells, one per quarter.
KpiRow = tuple[str, tuple[GridCell, ...]]
_INK = QColor("#111111")


def _cell(row: KpiRow, quarter: int) -> GridCell | None:
    cells = row[1]
    return cells[quarter] if 0 <= quarter < len(cells) else None


def _quarter_column(header: str, quarter: int) -> Column[KpiRow]:
    def text(row: KpiRow) -> str:
        cell = _cell(row, quarter)
        return cell.text if cell else ""

    def tip(row: KpiRow) -> str | None:
        cell = _cell(row, quarter)
        return cell.tooltip if cell else None

    return Column(header, text, cell_tip=tip)


class ScorecardModel(RowTableModel[KpiRow]):
    """``show(grid)`` shows a grid; ``clear()`` empties the table (a bad period)."""

    def show(self, grid: ScorecardGrid) -> None:
        first: Column[KpiRow] = Column(grid.header[0] if grid.header else "KPI", lambda r: r[0])
        columns = [first]
        columns += [_quarter_column(h, q) for q, h in enumerate(grid.header[1:])]
        self.reset(grid.rows, columns)

    def clear(self) -> None:
        self.reset([], [])

    def role_data(self, row: KpiRow, column: int, role: int) -> Any:
        cell = _cell(row, column - 1) if column > 0 else None
        if cell is None or cell.tint is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(cell.tint))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_INK)
        return None
