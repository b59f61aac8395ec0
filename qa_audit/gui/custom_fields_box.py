"""The register wizard's "keep as your own field" list (``plans import --field``).

Each column of the file that no built-in field uses can be ticked to keep it as a
custom plan field; the field name (pre-filled from the header, editable) must be
a valid custom field name (lower-case letters, digits and ``_``), used once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.domain.plan_fields import check_custom_name
from qa_audit.gui.models.table_base import AnyIndex, Column, RowTableModel

__all__ = ["CustomFieldsBox", "suggested_name"]

_NOT_NAME = re.compile(r"[^a-z0-9]+")


def suggested_name(header: str) -> str:
    """``CSC Status`` -> ``csc_status``: a field name to start from."""
    name = _NOT_NAME.sub("_", header.strip().lower()).strip("_")
    return name if any(c.isalpha() for c in name) else f"field_{name}".strip("_")


@dataclass(frozen=True, slots=True)
class KeepRow:
    """One unused column of the file: kept or not, and under which field name."""

    header: str
    keep: bool
    name: str


COL_KEEP, COL_NAME = range(2)
_CHECKED = (Qt.CheckState.Checked, Qt.CheckState.Checked.value)


class KeepModel(RowTableModel[KeepRow]):
    """The column's header with a Keep tick, and its field name (editable)."""

    COLUMNS = (
        Column("Column in the file (tick to keep)", lambda r: r.header),
        Column("Field name", lambda r: r.name),
    )

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == COL_KEEP:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def role_data(self, row: KeepRow, column: int, role: int) -> Any:
        if column == COL_KEEP and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row.keep else Qt.CheckState.Unchecked
        if column == COL_NAME and role == Qt.ItemDataRole.EditRole:
            return row.name
        return None

    def setData(self, index: AnyIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.get_row(index.row()) if index.isValid() else None
        if row is None:
            return False
        if index.column() == COL_KEEP and role == Qt.ItemDataRole.CheckStateRole:
            self.replace_row(index.row(), replace(row, keep=value in _CHECKED))
            return True
        if index.column() == COL_NAME and role == Qt.ItemDataRole.EditRole:
            self.replace_row(index.row(), replace(row, name=str(value)))
            return True
        return False


class CustomFieldsBox(QGroupBox):
    """Unused columns, each with a Keep tick and an editable field name."""

    changed = Signal()

    COL_KEEP = COL_KEEP
    COL_NAME = COL_NAME

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Keep other columns as your own plan fields", parent)
        self.setObjectName("customFields")
        self.setToolTip("Ticked columns are kept on each plan as custom fields, which rubric "
                        "questions (applies_when), sampling and report breakdowns can use")
        layout = QVBoxLayout(self)
        self.model = KeepModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("customFieldTable")
        self.table.setAccessibleName("Columns to keep as custom plan fields")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setMaximumHeight(150)
        layout.addWidget(self.table)
        self.model.dataChanged.connect(lambda *_: self.changed.emit())

    def set_columns(self, headers: Sequence[str]) -> None:
        """Show these columns, keeping the tick and name of any already listed."""
        before = {r.header: r for r in self.model.rows()}
        self.model.set_rows([before.get(h, KeepRow(h, False, suggested_name(h))) for h in headers])
        self.setVisible(bool(headers))
        self.changed.emit()

    def _rows(self) -> list[tuple[str, bool, str]]:
        return [(r.header, r.keep, r.name.strip()) for r in self.model.rows()]

    def custom(self) -> dict[str, str | None]:
        """Field name -> header, for the ticked columns (as ``--field NAME=HEADER``)."""
        return {name: header for header, keep, name in self._rows() if keep}

    def kept_headers(self) -> set[str]:
        return {header for header, keep, _name in self._rows() if keep}

    def problems(self) -> list[str]:
        out: list[str] = []
        seen: set[str] = set()
        for header, keep, name in self._rows():
            if not keep:
                continue
            try:
                check_custom_name(name)
            except ValueError as err:
                out.append(f"Column {header!r}: {err}.")
            if name in seen:
                out.append(f"The field name {name!r} is given to two columns.")
            seen.add(name)
        return out
