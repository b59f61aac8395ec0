"""The calibration drift chart: each member's mean difference from the agreed grade."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from qa_audit.domain.rubric import Rubric
from qa_audit.gui.moderation.grid_model import GENEROUS_COLOUR, STRICTER_COLOUR
from qa_audit.gui.moderation.presenter import (
    drift_axis_limit,
    drift_description,
    format_signed,
    short_name,
)

try:  # QtCharts ships with PySide6 wheels, but is an optional module of Qt
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSet,
        QChart,
        QChartView,
        QHorizontalStackedBarSeries,
        QValueAxis,
    )

    HAVE_CHARTS = True
except ImportError:  # pragma: no cover - depends on the Qt build
    HAVE_CHARTS = False


def _generous(value: float, rubric: Rubric | None) -> bool:
    """A drift towards kinder grades (on a scale where 1 is best, a negative difference)."""
    return (rubric.generosity(value) if rubric is not None else value) > 0



class PainterDriftChart(QWidget):
    """Horizontal bars either side of zero, drawn by hand (when QtCharts is missing)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[tuple[str, float]] = []
        self.rubric: Rubric | None = None
        self.setMinimumHeight(120)

    def set_items(self, items: Sequence[tuple[str, float]], rubric: Rubric | None = None) -> None:
        self.items = list(items)
        self.rubric = rubric
        self.setAccessibleDescription(drift_description(self.items))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        metrics = painter.fontMetrics()
        if not self.items:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "No agreed grades yet")
            return
        label_w = min(rect.width() * 0.45,
                      max(metrics.horizontalAdvance(short_name(n)) for n, _ in self.items) + 8)
        plot = QRectF(rect.left() + label_w, rect.top(), rect.width() - label_w,
                      rect.height() - metrics.height() - 4)
        limit = drift_axis_limit(self.items)
        zero_x = plot.center().x()
        bar_h = plot.height() / len(self.items)
        for i, (name, value) in enumerate(self.items):
            top = plot.top() + i * bar_h
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(rect.left(), top, label_w - 6, bar_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             short_name(name))
            width = value / limit * plot.width() / 2
            colour = GENEROUS_COLOUR if _generous(value, self.rubric) else STRICTER_COLOUR
            bar = QRectF(min(zero_x, zero_x + width), top + bar_h * 0.2, abs(width), bar_h * 0.6)
            painter.fillRect(bar, QBrush(colour))
        painter.setPen(QPen(self.palette().mid().color()))
        painter.drawLine(QPointF(zero_x, plot.top()), QPointF(zero_x, plot.bottom()))
        axis_y = plot.bottom() + 2
        ticks = ((-limit, Qt.AlignmentFlag.AlignLeft), (0.0, Qt.AlignmentFlag.AlignHCenter),
                 (limit, Qt.AlignmentFlag.AlignRight))
        for value, align in ticks:
            painter.drawText(QRectF(plot.left(), axis_y, plot.width(), metrics.height()),
                             align, format_signed(value, 2))


class DriftChart(QWidget):
    """A small bar chart of each member's mean difference from the agreed grade.

    QtCharts lays out axis labels when the chart is first shown: a chart built
    while hidden (another tab) keeps stray labels, so the chart is built afresh,
    and only while visible (``showEvent`` builds one that was set while hidden).
    """

    def __init__(self, parent: QWidget | None = None, *, use_charts: bool = HAVE_CHARTS) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.items: list[tuple[str, float]] = []
        self.rubric: Rubric | None = None
        self._stale = False
        self.setAccessibleName("Calibration drift per member")
        self.uses_charts = use_charts
        if use_charts:
            self.chart_view = QChartView(self)
            self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.chart_view.setAccessibleName("Calibration drift chart")
            layout.addWidget(self.chart_view)
        else:
            self.painter_chart = PainterDriftChart(self)
            layout.addWidget(self.painter_chart)

    def set_items(self, items: Sequence[tuple[str, float]], rubric: Rubric | None = None) -> None:
        """Members' mean differences from the agreed grade; the rubric says which way is kinder."""
        self.items = list(items)
        self.rubric = rubric
        self.setAccessibleDescription(drift_description(self.items))
        kinder = "−" if rubric is not None and rubric.best_is_low else "+"
        self.setToolTip(f"Mean of (member's grade − agreed grade); {kinder} means more generous."
                        "\n" + drift_description(self.items).replace("; ", "\n"))
        if not self.uses_charts:
            self.painter_chart.set_items(self.items, rubric)
            return
        self._stale = True
        if self.isVisible():
            self._build()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._build()

    def _build(self) -> None:
        self._stale = False
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(chart.margins() * 0)
        chart.setBackgroundRoundness(0)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        chart.setTitleFont(small)
        chart.legend().setFont(small)
        old = self.chart_view.chart()
        self.chart_view.setChart(chart)
        if old is not None:
            old.deleteLater()
        if not self.items:
            chart.setTitle("No agreed grades yet")
            chart.legend().hide()
            return
        generous = QBarSet("More generous")
        stricter = QBarSet("Stricter")
        generous.setColor(GENEROUS_COLOUR)
        stricter.setColor(STRICTER_COLOUR)
        shown = list(reversed(self.items))  # categories run bottom-up: keep the table's order
        for _name, value in shown:
            kind = _generous(value, self.rubric)
            generous.append(value if kind else 0.0)
            stricter.append(0.0 if kind else value)
        series = QHorizontalStackedBarSeries()
        series.append(generous)
        series.append(stricter)
        series.setBarWidth(0.6)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.setTruncateLabels(False)
        names.setLabelsFont(small)
        names.append([short_name(name) for name, _ in shown])
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        values = QValueAxis()
        limit = drift_axis_limit(self.items)
        values.setRange(-limit, limit)
        values.setTickCount(5)
        values.setLabelFormat("%+.2f")
        values.setLabelsFont(small)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
