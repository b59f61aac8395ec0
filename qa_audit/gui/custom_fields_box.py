"""The register wizard's "keep as your own field" list (``plans import --field``).

Each column of the file that no built-in field uses can be ticked to keep it as a
custom plan field; the field name (pre-filled from the header, editable) must be
a valid custom field name (lower-case letters, digits and ``_``), used once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_audit.domain.plan_fields import check_custom_name

__all__ = ["CustomFieldsBox", "suggested_name"]

_NOT_NAME = re.compile(r"[^a-z0-9]+")


def suggested_name(header: str) -> str:
    """``CSC Status`` -> ``csc_status``: a field name to start from."""
    name = _NOT_NAME.sub("_", header.strip().lower()).strip("_")
    return name if any(c.isalpha() for c in name) else f"field_{name}".strip("_")


class CustomFieldsBox(QGroupBox):
    """Unused columns, each with a Keep tick and an editable field name."""

    changed = Signal()

    COL_KEEP = 0
    COL_NAME = 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Keep other columns as your own plan fields", parent)
        self.setObjectName("customFields")
        self.setToolTip("Ticked columns are kept on each plan as custom fields, which rubric "
                        "questions (applies_when), sampling and report breakdowns can use")
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("customFieldTable")
        self.table.setAccessibleName("Columns to keep as custom plan fields")
        self.table.setHorizontalHeaderLabels(["Column in the file (tick to keep)", "Field name"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setMaximumHeight(150)
        layout.addWidget(self.table)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())

    def set_columns(self, headers: Sequence[str]) -> None:
        """Show these columns, keeping the tick and name of any already listed."""
        before = {h: (keep, name) for h, keep, name in self._rows()}
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for header in headers:
            keep, name = before.get(header, (False, suggested_name(header)))
            row = self.table.rowCount()
            self.table.insertRow(row)
            column = QTableWidgetItem(header)
            column.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            column.setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
            self.table.setItem(row, self.COL_KEEP, column)
            self.table.setItem(row, self.COL_NAME, QTableWidgetItem(name))
        self.table.blockSignals(False)
        self.setVisible(bool(headers))
        self.changed.emit()

    def _rows(self) -> list[tuple[str, bool, str]]:
        out = []
        for row in range(self.table.rowCount()):
            column, name = self.table.item(row, self.COL_KEEP), self.table.item(row, self.COL_NAME)
            if column is None or name is None:
                continue
            out.append((column.text(), column.checkState() == Qt.CheckState.Checked,
                        name.text().strip()))
        return out

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
