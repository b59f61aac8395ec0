"""The selected rubric's indicators and their dated target schedules, on the Rubrics page.

A SEND board's headline measures (Medway's "health information 100%", Kingston's
three core questions) are part of the rubric; panel leads check them, and the
target in force on each date, before a session starts.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_audit.domain.rubric import Rubric
from qa_audit.services import rubric_view

COLUMNS = ("Indicator", "Questions", "Targets")


class IndicatorsBox(QGroupBox):
    """A table of indicators (label, questions, target schedule), or a line saying none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Indicators", parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        self.none_label = QLabel("This rubric has no indicators.", self)
        layout.addWidget(self.none_label)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("rubricIndicators")
        self.table.setAccessibleName("Indicators and their targets")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)

    def show_rubric(self, rubric: Rubric) -> None:
        indicators = rubric_view.indicator_summaries(rubric)
        self.setTitle(f"Indicators ({len(indicators)})")
        self.none_label.setVisible(not indicators)
        self.table.setVisible(bool(indicators))
        self.table.setRowCount(len(indicators))
        for row, indicator in enumerate(indicators):
            # one question and one dated step a line: ids and dates do not wrap well
            cells = [indicator.label, "\n".join(indicator.questions),
                     indicator.targets.replace(", ", "\n")]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(len(indicators)))
        height = self.table.horizontalHeader().height() + rows + 2 * self.table.frameWidth()
        self.table.setFixedHeight(min(height, 260))
