"""The Dashboard's Timeliness panel: new plans within 20 weeks, advice within 6 weeks and
annual reviews held on time, month by month against the council's targets.

The figures are ``report timeliness``'s own
(:class:`qa_audit.reporting.timeliness.TimelinessFigures`), so the panel shows what
the PDF prints. A new file beside :mod:`dashboard_charts` (whose chart helpers it
uses); the Dashboard page places it (see :class:`TimelinessPanel`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.domain.board import BOARD_MEASURES
from qa_audit.gui.band_colours import RAG_COLOURS
from qa_audit.gui.models.table_base import NUMBER, Column, RowTableModel
from qa_audit.gui.pages.dashboard_charts import (
    PALETTE,
    _add,
    _month_axes,
    _steps,
    chart_view,
    month_label,
    reset_chart,
)
from qa_audit.gui.pages.scaffold import read_only_table
from qa_audit.reporting.timeliness import Measure, TimelinessFigures

__all__ = ["CHARTED", "MeasuresModel", "TimelinessPanel"]

#: The measures drawn as lines (the others are in the table only).
CHARTED = ("within_20_weeks", "advice_within_6_weeks", "reviews_held_by_due_date")

#: One table row: the measure's id and its figures over the period.
MeasureRow = tuple[str, Measure]


def _percent(value: float | None, spec: str) -> str:
    return "–" if value is None else f"{value:{spec}}%"


class MeasuresModel(RowTableModel[MeasureRow]):
    """One row per measure over the period; the % in its RAG colour."""

    COL_PERCENT = 3
    COLUMNS = (
        Column("Measure", lambda r: BOARD_MEASURES[r[0]]),
        Column("On time", lambda r: str(r[1].met), align=NUMBER),
        Column("Counted", lambda r: str(r[1].of), align=NUMBER),
        Column("%", lambda r: _percent(r[1].percent, ".1f"), align=NUMBER),
        Column("Target", lambda r: _percent(r[1].target, "g"), align=NUMBER),
    )

    def role_data(self, row: MeasureRow, column: int, role: int) -> Any:
        rag = row[1].rag
        if (role == Qt.ItemDataRole.ForegroundRole and column == self.COL_PERCENT
                and rag in RAG_COLOURS):
            return QColor(RAG_COLOURS[rag])
        return None


class TimelinessPanel(QWidget):
    """``panel = TimelinessPanel(parent)``; ``panel.show_figures(figures)`` with the
    period's timeliness figures (``services.board_reports.timeliness``), computed in the
    Dashboard's background job beside its trend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinessPanel")
        self.setAccessibleName("Timeliness")
        layout = QVBoxLayout(self)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.view = chart_view("Timeliness: % on time by month (dashed: target in force)",
                               "Timeliness chart", self)
        layout.addWidget(self.view, 1)
        self.model = MeasuresModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        read_only_table(self.table)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName("Timeliness measures over the period")
        layout.addWidget(self.table)
        self.lines: dict[str, int] = {}  # measure -> points drawn

    def show_figures(self, f: TimelinessFigures) -> None:
        self.headline.setText(f.headline())
        months = [m.month for m in f.months]
        self.lines = {k: sum(1 for m in f.months if m.measures[k].percent is not None)
                      for k in CHARTED}
        self.view.setAccessibleDescription("; ".join(
            f"{BOARD_MEASURES[k]}: " + ", ".join(
                f"{month_label(m.month)} {m.measures[k].percent:.0f}%"
                for m in f.months if m.measures[k].percent is not None) for k in CHARTED))
        chart = reset_chart(self.view)
        if chart is not None:
            axes = _month_axes(chart, months)
            for n, k in enumerate(CHARTED):
                colour = PALETTE[n % len(PALETTE)]
                line = chart_line(BOARD_MEASURES[k], colour)
                for i, month in enumerate(f.months):
                    value = month.measures[k].percent
                    if value is not None:
                        line.append(QPointF(i, value))
                _add(chart, axes, line)
                _steps(chart, axes, [month.measures[k].target for month in f.months],
                       f"{BOARD_MEASURES[k]}: target", colour, legend=False)
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.model.set_rows(list(f.measures.items()))

def chart_line(name: str, colour: str) -> Any:
    """A named solid line in ``colour`` (QtCharts)."""
    # deferred: QtCharts is optional (dashboard_charts.HAVE_CHARTS); only called with it
    from PySide6.QtCharts import QLineSeries

    line = QLineSeries()
    line.setName(name)
    line.setPen(QPen(QColor(colour), 2))
    return line
