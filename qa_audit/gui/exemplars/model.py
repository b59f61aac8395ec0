"""The Exemplar library's three tables as one table model over the presenter's rows.

Each table's columns are the presenter's headers (``LibraryView.*_HEADERS``); a
good-practice excerpt still waiting for approval is tinted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from qa_audit.gui.models.table_base import Column, RowTableModel
from qa_audit.gui.pages.exemplar_presenter import Row

__all__ = ["WAITING", "LibraryRowsModel"]

WAITING = QColor("#FFF4CE")  # a good-practice excerpt not yet approved for quoting


def _cell(position: int, header: str) -> Column[Row]:
    return Column(header, lambda r: r.cells[position] if position < len(r.cells) else "")


class LibraryRowsModel(RowTableModel[Row]):
    """``LibraryRowsModel(headers)``: one presenter ``Row`` per line."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent, [_cell(i, h) for i, h in enumerate(headers)])

    def role_data(self, row: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row.waiting:
            return QBrush(WAITING)
        return None
