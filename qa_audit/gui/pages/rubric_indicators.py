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
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.domain.rubric import Rubric
from qa_audit.gui.models.table_base import Column, RowTableModel
from qa_audit.gui.pages.scaffold import read_only_table
from qa_audit.services import rubric_view
from qa_audit.services.rubric_view import IndicatorSummary


def _questions(indicator: IndicatorSummary) -> str:
    return "\n".join(indicator.questions)


def _targets(indicator: IndicatorSummary) -> str:
    # one dated step a line: dates do not wrap well
    return indicator.targets.replace(", ", "\n")


class IndicatorModel(RowTableModel[IndicatorSummary]):
    """Label, questions (one a line), target schedule (one step a line); tooltips whole."""

    COLUMNS = (
        Column("Indicator", lambda i: i.label, cell_tip=lambda i: i.label),
        Column("Questions", _questions, cell_tip=_questions),
        Column("Targets", _targets, cell_tip=_targets),
    )


class IndicatorsBox(QGroupBox):
    """A table of indicators (label, questions, target schedule), or a line saying none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Indicators", parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        self.none_label = QLabel("This rubric has no indicators.", self)
        layout.addWidget(self.none_label)
        self.model = IndicatorModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("rubricIndicators")
        self.table.setAccessibleName("Indicators and their targets")
        self.table.setModel(self.model)
        read_only_table(self.table)
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
        self.model.set_rows(indicators)
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(len(indicators)))
        height = self.table.horizontalHeader().height() + rows + 2 * self.table.frameWidth()
        self.table.setFixedHeight(min(height, 260))
