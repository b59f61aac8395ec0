"""The Dashboard's trend charts: % good and the indicators, each against its target
drawn as a step line (the target in force each month, a gap where none).

Split from :mod:`qa_audit.gui.pages.dashboard_page`, which lays the page out; the
figures are the trend report's own (:class:`qa_audit.reporting.trend.TrendFigures`),
so the screen shows what the PDF prints. Charts use QtCharts; without it a plain
QPainter bar chart stands in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from qa_audit.gui.band_colours import NEUTRAL, RAG_COLOURS
from qa_audit.reporting.charts_trend import target_steps
from qa_audit.reporting.trend import TrendFigures

try:  # QtCharts is an optional part of some PySide6 builds
    from PySide6.QtCharts import (
        QCategoryAxis,
        QChart,
        QChartView,
        QLineSeries,
        QScatterSeries,
        QValueAxis,
    )
    HAVE_CHARTS = True
except ImportError:  # pragma: no cover - the venv has QtCharts
    HAVE_CHARTS = False

__all__ = ["HAVE_CHARTS", "LINE", "NEUTRAL", "RAG_COLOURS", "FallbackBars", "IndicatorChart",
           "RunChart", "chart_view", "indicator_rows", "month_label", "reset_chart"]

LINE = "#1f4e79"
TARGET = "#2e7d32"
#: One colour per indicator line (and its target steps), in rubric order.
PALETTE = ("#1f4e79", "#b85c00", "#6a3d9a", "#00838f", "#ad1457", "#558b2f")


def month_label(month: str) -> str:
    year, number = (int(p) for p in month.split("-"))
    return f"{dt.date(year, number, 1):%b %y}"
class FallbackBars(QWidget):
    """A plain bar chart painted with QPainter, used when QtCharts is missing."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[tuple[str, float, str]] = []
        self.setMinimumHeight(220)

    def set_bars(self, bars: Sequence[tuple[str, float, str]]) -> None:
        self.bars = list(bars)
        self.update()

    def paintEvent(self, _event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        top = metrics.height() + 8
        painter.drawText(QRectF(0, 0, self.width(), top), Qt.AlignmentFlag.AlignCenter,
                         self.title)
        if not self.bars:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No figures yet")
            return
        high = max([v for _, v, _ in self.bars] + [1.0])
        bottom = self.height() - metrics.height() - 6
        width = self.width() / len(self.bars)
        for i, (label, value, colour) in enumerate(self.bars):
            h = (bottom - top) * value / high
            painter.fillRect(QRectF(i * width + 4, bottom - h, width - 8, h), QColor(colour))
            painter.drawText(QRectF(i * width, bottom + 2, width, metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


def chart_view(title: str, accessible: str, parent: QWidget) -> QWidget:
    if not HAVE_CHARTS:
        widget = FallbackBars(title, parent)
        widget.setAccessibleName(accessible)
        return widget
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(4)
    chart.legend().setShowToolTips(True)  # a legend name QtCharts shortens: whole on hover
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(accessible)
    view.setMinimumHeight(240)
    view.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return view


def reset_chart(view: QWidget) -> Any:
    """The view's chart emptied of series and axes (QtCharts), or None (fallback)."""
    if not HAVE_CHARTS:
        return None
    chart = view.chart()  # type: ignore[attr-defined]
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    return chart



def _month_axes(chart: Any, months: Sequence[str]) -> tuple[Any, Any]:
    """Month categories along the bottom, 0-100% up the side, added to ``chart``."""
    x_axis = QCategoryAxis()
    x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    for i, m in enumerate(months):
        x_axis.append(month_label(m), i)
    x_axis.setRange(-0.5, max(len(months) - 0.5, 0.5))
    x_axis.setTruncateLabels(False)
    x_axis.setLabelsAngle(-45 if len(months) > 8 else 0)
    y_axis = QValueAxis()
    y_axis.setRange(0, 100)
    y_axis.setLabelFormat("%d%%")
    y_axis.setTickCount(6)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    return x_axis, y_axis


def _add(chart: Any, axes: tuple[Any, Any], series: Any, *, legend: bool = True) -> Any:
    chart.addSeries(series)
    series.attachAxis(axes[0])
    series.attachAxis(axes[1])
    if not legend:
        for marker in chart.legend().markers(series):
            marker.setVisible(False)
    return series


def _steps(chart: Any, axes: tuple[Any, Any], targets: Sequence[float | None], name: str,
           colour: str, *, legend: bool = True) -> int:
    """The target in force each month as a dashed step line (one series per run of
    months with a target; a gap where none); returns the number of runs drawn."""
    runs = target_steps(targets)
    for n, run in enumerate(runs):
        line = QLineSeries()
        line.setName(name)
        for i, t in run:
            line.append(QPointF(i - 0.5, t))
            line.append(QPointF(i + 0.5, t))
        line.setPen(QPen(QColor(colour), 2, Qt.PenStyle.DashLine))
        _add(chart, axes, line, legend=legend and n == 0)
    return len(runs)


class RunChart:
    """% good per month with Wilson 95% intervals (error bars) and the target in force
    each month as a step line."""

    def __init__(self, parent: QWidget) -> None:
        self.view = chart_view("% of moderated plans judged good, by month",
                               "Run chart of percent good by month", parent)
        self.view.setObjectName("runChart")
        self.points = 0
        self.error_bars = 0
        self.target: float | None = None
        self.targets: list[float | None] = []  # in force each month, as drawn
        self.target_runs = 0

    def show(self, trend: TrendFigures) -> None:
        periods = list(trend.periods)
        shown = [(i, p) for i, p in enumerate(periods) if p.percent_good is not None]
        self.points = len(shown)
        self.error_bars = sum(1 for _, p in shown if p.ci_low is not None)
        self.target = trend.target_percent_good
        self.targets = [p.target_percent_good for p in periods]
        self.view.setAccessibleDescription("; ".join(
            f"{month_label(p.period)}: "
            + ("no moderated plans" if p.percent_good is None else
               f"{p.percent_good:.1f}% good (95% interval {p.ci_low}–{p.ci_high}%, "
               f"{p.plans_good} of {p.plans_moderated})")
            + ("" if p.target_percent_good is None else f", target {p.target_percent_good:g}%")
            for p in periods))
        chart = reset_chart(self.view)
        if chart is None:
            self.target_runs = len(target_steps(self.targets))
            self.view.set_bars([(month_label(p.period)[:3], p.percent_good or 0.0,  # type: ignore[attr-defined]
                                 RAG_COLOURS.get(p.rag or "", NEUTRAL)) for p in periods])
            return
        axes = _month_axes(chart, [p.period for p in periods])
        band_pen = QPen(QColor("#7fa7d1"), 3)
        band_pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        for n, (i, p) in enumerate(shown):
            if p.ci_low is None or p.ci_high is None:
                continue
            bar = QLineSeries()
            bar.setName("95% interval (Wilson)")
            bar.append(QPointF(i, p.ci_low))
            bar.append(QPointF(i, p.ci_high))
            bar.setPen(band_pen)
            _add(chart, axes, bar, legend=n == 0)
        self.target_runs = _steps(chart, axes, self.targets, "Target in force", TARGET)
        line = QLineSeries()
        line.setName("% good")
        line.setPen(QPen(QColor(LINE), 2))
        dots = QScatterSeries()
        dots.setName("% good (month)")
        dots.setMarkerSize(9)
        dots.setColor(QColor(LINE))
        dots.setBorderColor(QColor(LINE))
        for point in [QPointF(i, p.percent_good) for i, p in shown if p.percent_good is not None]:
            line.append(point)
            dots.append(point)
        _add(chart, axes, line)
        _add(chart, axes, dots, legend=False)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def series_points(self) -> int:
        """Points of the % good line as drawn (QtCharts), else as computed."""
        if not HAVE_CHARTS:
            return self.points
        for series in self.view.chart().series():  # type: ignore[attr-defined]
            if series.name() == "% good":
                return series.count()
        return 0


class IndicatorChart:
    """One line per indicator (% met by month) with its own target as a dashed step
    line in the same colour."""

    def __init__(self, parent: QWidget) -> None:
        self.view = chart_view("Indicators: % of counted plans meeting each, by month",
                               "Indicator chart", parent)
        self.view.setObjectName("indicatorChart")
        self.lines: dict[str, int] = {}  # indicator id -> points drawn
        self.target_runs: dict[str, int] = {}

    def show(self, trend: TrendFigures) -> None:
        periods = list(trend.periods)
        self.lines = {i.id: sum(1 for p in periods if p.indicators[i.id].percent_met is not None)
                      for i in trend.indicators}
        self.view.setAccessibleDescription("; ".join(
            f"{i.label}: " + ", ".join(
                f"{month_label(p.period)} {p.indicators[i.id].percent_met:.0f}%"
                for p in periods if p.indicators[i.id].percent_met is not None)
            for i in trend.indicators) or f"{trend.rubric_name} declares no indicators")
        chart = reset_chart(self.view)
        if chart is None:
            self.view.set_bars([(i.id[:6], trend.indicator_totals[i.id].percent_met or 0.0,  # type: ignore[attr-defined]
                                 PALETTE[n % len(PALETTE)])
                                for n, i in enumerate(trend.indicators)])
            return
        chart.setTitle("Indicators, % met by month (dashed: each one's target in force)"
                       if trend.indicators else f"No indicators in {trend.rubric_name}")
        axes = _month_axes(chart, [p.period for p in periods])
        for n, ind in enumerate(trend.indicators):
            colour = PALETTE[n % len(PALETTE)]
            line = QLineSeries()
            line.setName(ind.label)
            line.setPen(QPen(QColor(colour), 2))
            dots = QScatterSeries()
            dots.setMarkerSize(7)
            dots.setColor(QColor(colour))
            dots.setBorderColor(QColor(colour))
            for i, p in enumerate(periods):
                value = p.indicators[ind.id].percent_met
                if value is not None:
                    line.append(QPointF(i, value))
                    dots.append(QPointF(i, value))
            _add(chart, axes, line)
            _add(chart, axes, dots, legend=False)
            self.target_runs[ind.id] = _steps(
                chart, axes, [p.indicators[ind.id].target_percent for p in periods],
                f"{ind.label}: target", colour, legend=False)
        legend = chart.legend()
        # many indicators: names one under another at the side, not cut short below
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom if len(trend.indicators) <= 3
                            else Qt.AlignmentFlag.AlignRight)
        font = QFont(legend.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        legend.setFont(font)

    def series_names(self) -> list[str]:
        if not HAVE_CHARTS:
            return []
        return [s.name() for s in self.view.chart().series()]  # type: ignore[attr-defined]


def indicator_rows(trend: TrendFigures) -> list[dict[str, Any]]:
    """The dashboard's indicators table: the latest month with counted plans and the
    whole period, each with its target and RAG (grey below 10 plans)."""
    counted = [p for p in trend.periods if any(x.plans for x in p.indicators.values())]
    latest = counted[-1] if counted else (trend.periods[-1] if trend.periods else None)
    rows = []
    for ind in trend.indicators:
        month = latest.indicators[ind.id] if latest else None
        total = trend.indicator_totals[ind.id]
        rows.append({
            "Indicator": ind.label,
            "Month": month_label(latest.period) if latest else None,
            "Met of plans": f"{month.met} of {month.plans}" if month else None,
            "% met": month.percent_met if month else None,
            "Target": month.target_percent if month else None,
            "RAG": (month.rag or "").upper() if month else None,
            "Period: met of plans": f"{total.met} of {total.plans}",
            "Period % met": total.percent_met,
            "Target now": total.target_percent,
            "Period RAG": (total.rag or "").upper(),
        })
    return rows
