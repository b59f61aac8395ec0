"""Two versions of a rubric side by side: what was added, removed or changed.

Before a panel moves to a new version, or a board reads figures across one, the
lead checks what changed (a reworded question, an answer that now counts as a
shortfall, a raised target). The table is one row per difference computed by
``services.rubric_diff``; this module only lays it out.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.gui.models.table_base import Column, RowTableModel
from qa_audit.services import rubric_diff, rubric_view
from qa_audit.services.rubric_diff import RubricChange, RubricComparison
from qa_audit.services.rubric_view import RubricSummary

COLUMNS = ("Area", "Item", "Version A", "Version B", "Change")
COL_AREA, COL_ITEM, COL_A, COL_B, COL_CHANGE = range(len(COLUMNS))
#: Background of the changed side: green for added, red for removed, amber for changed.
KIND_COLOURS = {"added": "#cce2d8", "removed": "#f6d7d2", "changed": "#fff2a8"}


def _whole(header: str, text: Any) -> Column[RubricChange]:
    """A column whose tooltip is its whole text (before/after can be long)."""
    return Column(header, text, cell_tip=text)


class CompareModel(RowTableModel[RubricChange]):
    """One row per difference; the changed side and the Change cell coloured by kind."""

    COLUMNS = (
        _whole(COLUMNS[COL_AREA], lambda c: c.area),
        _whole(COLUMNS[COL_ITEM], lambda c: c.item),
        _whole(COLUMNS[COL_A], lambda c: c.before),
        _whole(COLUMNS[COL_B], lambda c: c.after),
        _whole(COLUMNS[COL_CHANGE], lambda c: c.kind.capitalize()),
    )

    def role_data(self, row: RubricChange, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.BackgroundRole:
            return None
        side = COL_A if row.kind == "removed" else COL_B
        return QBrush(QColor(KIND_COLOURS[row.kind])) if column in (side, COL_CHANGE) else None


class RubricCompareDialog(QDialog):
    """Choose a rubric and two of its versions (latest against the one before by default)."""

    def __init__(self, ctx: AppContext, rubric_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.comparison: RubricComparison | None = None
        self.setObjectName("rubricCompareDialog")
        self.setWindowTitle("Compare rubric versions")
        self.resize(1000, 620)
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        self.rubric_combo = self._combo("compareRubric", "Rubric to compare")
        self.a_combo = self._combo("compareVersionA", "Version A (before)")
        self.b_combo = self._combo("compareVersionB", "Version B (after)")
        for column, (text, combo) in enumerate(
                [("&Rubric", self.rubric_combo), ("Version &A", self.a_combo),
                 ("Version &B", self.b_combo)]):
            label = QLabel(text, self)
            label.setBuddy(combo)
            grid.addWidget(label, 0, column)
            grid.addWidget(combo, 1, column)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        self.summary = QLabel(self)
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = CompareModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("compareTable")
        self.table.setAccessibleName("Differences between the two versions")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        for column, mode in ((COL_AREA, QHeaderView.ResizeMode.ResizeToContents),
                             (COL_ITEM, QHeaderView.ResizeMode.Interactive),
                             (COL_A, QHeaderView.ResizeMode.Stretch),
                             (COL_B, QHeaderView.ResizeMode.Stretch),
                             (COL_CHANGE, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(COL_ITEM, 200)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        layout.addWidget(buttons)

        self.summaries: list[RubricSummary] = []
        try:
            self.summaries = rubric_view.list_rubrics(ctx.db)
        except UserError as exc:
            self.summary.setText(exc.message)
        for item in self.summaries:
            self.rubric_combo.addItem(f"{item.title} ({item.id})", item.id)
        self.rubric_combo.currentIndexChanged.connect(self._on_rubric)
        self.a_combo.currentIndexChanged.connect(self.refresh)
        self.b_combo.currentIndexChanged.connect(self.refresh)
        index = self.rubric_combo.findData(rubric_id) if rubric_id else 0
        self.rubric_combo.setCurrentIndex(max(index, 0))
        self._on_rubric()
        self.table.setFocus()

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        return combo

    def _on_rubric(self, *_args: object) -> None:
        """Fill both version lists: A the version before the latest, B the latest."""
        row = self.rubric_combo.currentIndex()
        versions = sorted(self.summaries[row].versions, reverse=True) if 0 <= row < len(
            self.summaries) else []
        for combo in (self.a_combo, self.b_combo):
            combo.blockSignals(True)
            combo.clear()
            for version in versions:
                combo.addItem(f"Version {version}", version)
            combo.blockSignals(False)
        self.b_combo.setCurrentIndex(0)
        self.a_combo.setCurrentIndex(1 if len(versions) > 1 else 0)
        self.refresh()

    def choose(self, rubric_id: str, version_a: int, version_b: int) -> None:
        """Select a rubric and two versions (also for tests and other pages)."""
        self.rubric_combo.setCurrentIndex(self.rubric_combo.findData(rubric_id))
        self.a_combo.setCurrentIndex(self.a_combo.findData(version_a))
        self.b_combo.setCurrentIndex(self.b_combo.findData(version_b))

    def refresh(self, *_args: object) -> None:
        rubric_id = self.rubric_combo.currentData()
        a, b = self.a_combo.currentData(), self.b_combo.currentData()
        self.model.set_rows([])
        self.comparison = None
        if rubric_id is None or a is None or b is None:
            self.summary.setText("No rubric to compare.")
            return
        if a == b:
            self.summary.setText(f"Version {a} is the only version of {rubric_id}; "
                                 "there is nothing to compare it with."
                                 if self.a_combo.count() == 1 else
                                 "Choose two different versions to compare.")
            return
        try:
            comparison = rubric_diff.compare_versions(self.ctx.db, str(rubric_id), int(a), int(b))
        except UserError as exc:
            self.summary.setText(exc.message)
            return
        self.comparison = comparison
        self._fill(comparison)

    def _fill(self, comparison: RubricComparison) -> None:
        changes = comparison.changes
        counts = {kind: sum(1 for c in changes if c.kind == kind)
                  for kind in ("added", "removed", "changed")}
        self.summary.setText(
            f"Version {comparison.version_a} → version {comparison.version_b}: "
            + (", ".join(f"{n} {kind}" for kind, n in counts.items() if n) or "no differences"))
        self.model.set_rows(changes)

    def rows(self) -> list[tuple[str, ...]]:
        """The table as text, one tuple per row (what a reader sees)."""
        return [tuple(self.model.index(r, c).data() for c in range(self.model.columnCount()))
                for r in range(self.model.rowCount())]
