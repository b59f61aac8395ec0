"""Table models of the "Import register" wizard: the file's first rows and its bad cells."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import Qt

from qa_audit.errors import RowProblem
from qa_audit.gui.formatting import cell_display
from qa_audit.gui.models.table_base import NUMBER, Column, RowTableModel
from qa_audit.importing.tabular import Table, column_letter

__all__ = ["PREVIEW_ROWS", "PreviewTableModel", "ProblemTableModel", "cell_display"]

#: Rows of the file the preview page shows.
PREVIEW_ROWS = 20


def _file_column(position: int, header: str) -> Column[list[object]]:
    def text(row: list[object]) -> str:
        return cell_display(row[position]) if position < len(row) else ""

    return Column(header, text, tip=f"Column {column_letter(position)}", cell_tip=text)


class PreviewTableModel(RowTableModel[list[object]]):
    """The first rows of the file as read; the vertical header is the spreadsheet row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._numbers: list[int] = []

    def show_table(self, table: Table | None, limit: int = PREVIEW_ROWS) -> None:
        """Show the first ``limit`` rows of ``table`` (nothing for None)."""
        if table is None:
            self._numbers = []
            self.reset([], [])
            return
        self._numbers = list(table.row_numbers[:limit])
        self.reset([list(r) for r in table.rows[:limit]],
                   [_file_column(i, table.header_label(i)) for i in range(len(table.headers))])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return super().headerData(section, orientation, role)
        if not 0 <= section < len(self._numbers):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Spreadsheet row {self._numbers[section]}"
        return str(self._numbers[section]) if role == Qt.ItemDataRole.DisplayRole else None


class ProblemTableModel(RowTableModel[RowProblem]):
    """Every bad cell found by the check: row, column, value, reason."""

    COL_ROW = 0
    COL_COLUMN = 1
    COL_VALUE = 2
    COL_REASON = 3
    COLUMNS: ClassVar[Sequence[Column[RowProblem]]] = (
        Column("Row", lambda p: str(p.row), align=NUMBER, cell_tip=str),
        Column("Column", lambda p: p.column, cell_tip=str),
        Column("Value", lambda p: p.value, cell_tip=str),
        Column("Reason", lambda p: p.reason, cell_tip=str),
    )
    HEADERS = tuple(c.header for c in COLUMNS)
