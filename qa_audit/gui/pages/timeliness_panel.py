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
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_audit.domain.board import BOARD_MEASURES
from qa_audit.gui.band_colours import RAG_COLOURS
from qa_audit.gui.pages.dashboard_charts import (
    PALETTE,
    _add,
    _month_axes,
    _steps,
    chart_view,
    month_label,
    reset_chart,
)
from qa_audit.reporting.timeliness import TimelinessFigures

__all__ = ["CHARTED", "TimelinessPanel"]

#: The measures drawn as lines (the others are in the table only).
CHARTED = ("within_20_weeks", "advice_within_6_weeks", "reviews_held_by_due_date")


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
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Measure", "On time", "Counted", "%", "Target"])
        self.table.verticalHeader().setVisible(False)
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
        rows = list(f.measures.items())
        self.table.setRowCount(len(rows))
        for r, (k, measure) in enumerate(rows):
            cells = [BOARD_MEASURES[k], str(measure.met), str(measure.of),
                     "–" if measure.percent is None else f"{measure.percent:.1f}%",
                     "–" if measure.target is None else f"{measure.target:g}%"]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 3 and measure.rag in RAG_COLOURS:
                    item.setForeground(QColor(RAG_COLOURS[measure.rag]))
                self.table.setItem(r, c, item)


def chart_line(name: str, colour: str) -> Any:
    """A named solid line in ``colour`` (QtCharts)."""
    # deferred: QtCharts is optional (dashboard_charts.HAVE_CHARTS); only called with it
    from PySide6.QtCharts import QLineSeries

    line = QLineSeries()
    line.setName(name)
    line.setPen(QPen(QColor(colour), 2))
    return line
