"""The Dashboard page: the current session's headline and the last 12 months at a glance.

Everything shown comes from the very figures objects the reports print
(``services.reports.key_issues`` / ``dashboard``: trend and themes), computed in a
``workers.Job`` so the page paints at once with a "loading" state:

* headline cards for the **current session** (the newest session with moderated
  plans): % judged good against the target with its RAG colour, plans
  sampled/audited/moderated, and panel agreement (Krippendorff's alpha);
* a run chart of % good per month over the last 12 months with each month's Wilson
  95% interval as an error bar and the target as a dashed line;
* the current session's distribution of agreed grades, coloured by band RAG;
* its questions with the highest shortfall percentage (horizontal bars);
* the most frequent themes over the 12 months.

It reloads when audits or sessions change (at once when visible, else when next
shown). Charts use QtCharts; without it a plain QPainter bar chart stands in.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.gui import workers
from qa_audit.gui.band_colours import RAG_COLOURS
from qa_audit.gui.context import AppContext
from qa_audit.gui.models.report_models import FigureRowsModel
from qa_audit.reporting.key_issues import KeyIssuesFigures
from qa_audit.reporting.themes import ThemesFigures
from qa_audit.reporting.trend import TrendFigures
from qa_audit.services import reports, sessions
from qa_audit.storage.engine import Database

try:  # QtCharts is an optional part of some PySide6 builds
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSet,
        QCategoryAxis,
        QChart,
        QChartView,
        QHorizontalBarSeries,
        QLineSeries,
        QScatterSeries,
        QStackedBarSeries,
        QValueAxis,
    )
    HAVE_CHARTS = True
except ImportError:  # pragma: no cover - the venv has QtCharts
    HAVE_CHARTS = False

log = logging.getLogger(__name__)

REFRESH_ON = frozenset({"audits", "sessions"})
MONTHS = 12
TOP_QUESTIONS = 8
TOP_THEMES = 8
#: How many of the newest sessions are searched for one with moderated plans.
MAX_SESSIONS_SEARCHED = 24

RAG_TEXT = {"green": "on target", "amber": "within 10 points of target",
            "red": "more than 10 points below target"}
NEUTRAL = "#607d8b"
LINE = "#1f4e79"


# ------------------------------------------------------------------ no Qt here

@dataclass(frozen=True)
class DashboardFigures:
    """The figures objects the dashboard shows (the same the reports print)."""

    current: KeyIssuesFigures | None  # newest session with moderated plans
    trend: TrendFigures
    themes: ThemesFigures
    from_month: str
    to_month: str


def last_months(today: dt.date, count: int = MONTHS) -> tuple[str, str]:
    """(first, last) month of the ``count`` months ending with today's month."""
    index = today.year * 12 + today.month - 1 - (count - 1)
    return f"{index // 12:04d}-{index % 12 + 1:02d}", f"{today.year:04d}-{today.month:02d}"


def current_session_figures(db: Database,
                            progress: Callable[[int, str], None] | None = None,
                            ) -> KeyIssuesFigures | None:
    """Key issues figures of the newest session with at least one moderated plan."""
    for info in sessions.list_sessions(db)[:MAX_SESSIONS_SEARCHED]:
        if progress is not None:
            progress(5, f"Reading {info.name}")
        figures = reports.key_issues(db, info.name)
        if figures.plans_moderated:
            return figures
    return None


def dashboard_figures(db: Database, today: dt.date, *,
                      progress: Callable[[int, str], None]) -> DashboardFigures:
    """Compute what the dashboard shows (runs in a ``workers.Job``)."""
    progress(0, "Finding the current session")
    current = current_session_figures(db, progress)
    first, last = last_months(today)
    progress(40, "Computing the 12-month trend and themes")
    # one load of the period for both (the same figures reports.trend / themes give)
    period = reports.dashboard(db, first, last, with_health=False)
    progress(100, "Done")
    return DashboardFigures(current, period.trend, period.themes, first, last)


def month_label(month: str) -> str:
    year, number = (int(p) for p in month.split("-"))
    return f"{dt.date(year, number, 1):%b %y}"


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ------------------------------------------------------------------ charts

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

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 - Qt override
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


def _chart_view(title: str, accessible: str, parent: QWidget) -> QWidget:
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
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(accessible)
    view.setMinimumHeight(240)
    view.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return view


def _reset(view: QWidget) -> Any:
    """The view's chart emptied of series and axes (QtCharts), or None (fallback)."""
    if not HAVE_CHARTS:
        return None
    chart = view.chart()  # type: ignore[attr-defined]
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    return chart


class RunChart:
    """% good per month with Wilson 95% intervals (error bars) and the target line."""

    def __init__(self, parent: QWidget) -> None:
        self.view = _chart_view("% of moderated plans judged good, by month",
                                "Run chart of percent good by month", parent)
        self.view.setObjectName("runChart")
        self.points = 0
        self.error_bars = 0
        self.target: float | None = None

    def show(self, trend: TrendFigures) -> None:
        periods = list(trend.periods)
        shown = [(i, p) for i, p in enumerate(periods) if p.percent_good is not None]
        self.points = len(shown)
        self.error_bars = sum(1 for _, p in shown if p.ci_low is not None)
        self.target = trend.target_percent_good
        self.view.setAccessibleDescription("; ".join(
            f"{month_label(p.period)}: "
            + ("no moderated plans" if p.percent_good is None else
               f"{p.percent_good:.1f}% good (95% interval {p.ci_low}–{p.ci_high}%, "
               f"{p.plans_good} of {p.plans_moderated})")
            for p in periods))
        chart = _reset(self.view)
        if chart is None:
            self.view.set_bars([(month_label(p.period)[:3], p.percent_good or 0.0,  # type: ignore[attr-defined]
                                 RAG_COLOURS.get(p.rag or "", NEUTRAL)) for p in periods])
            return
        x_axis = QCategoryAxis()
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for i, p in enumerate(periods):
            x_axis.append(month_label(p.period), i)
        x_axis.setRange(-0.5, max(len(periods) - 0.5, 0.5))
        x_axis.setTruncateLabels(False)
        x_axis.setLabelsAngle(-45 if len(periods) > 8 else 0)
        y_axis = QValueAxis()
        y_axis.setRange(0, 100)
        y_axis.setLabelFormat("%d%%")
        y_axis.setTickCount(6)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)

        def add(series: Any) -> Any:
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
            return series

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
            add(bar)
            if n:
                for marker in chart.legend().markers(bar):
                    marker.setVisible(False)
        if self.target is not None:
            target = QLineSeries()
            target.setName(f"Target {self.target:g}%")
            target.append(QPointF(-0.5, self.target))
            target.append(QPointF(len(periods) - 0.5, self.target))
            pen = QPen(QColor("#2e7d32"), 2, Qt.PenStyle.DashLine)
            target.setPen(pen)
            add(target)
        line = QLineSeries()
        line.setName("% good")
        line.setPen(QPen(QColor(LINE), 2))
        dots = QScatterSeries()
        dots.setName("% good (month)")
        dots.setMarkerSize(9)
        dots.setColor(QColor(LINE))
        dots.setBorderColor(QColor(LINE))
        for i, p in shown:
            line.append(QPointF(i, p.percent_good))
            dots.append(QPointF(i, p.percent_good))
        add(line)
        add(dots)
        for marker in chart.legend().markers(dots):
            marker.setVisible(False)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def series_points(self) -> int:
        """Points of the % good line as drawn (QtCharts), else as computed."""
        if not HAVE_CHARTS:
            return self.points
        for series in self.view.chart().series():  # type: ignore[attr-defined]
            if series.name() == "% good":
                return series.count()
        return 0


class GradeChart:
    """Agreed overall grades of the current session, one bar per grade, coloured by RAG."""

    def __init__(self, parent: QWidget) -> None:
        self.view = _chart_view("Agreed overall grades", "Grade distribution chart", parent)
        self.view.setObjectName("gradeChart")
        self.bars = 0

    def show(self, figures: KeyIssuesFigures | None) -> None:
        grades = list(figures.grades) if figures else []
        self.bars = len(grades)
        if figures is not None and HAVE_CHARTS:
            self.view.chart().setTitle(  # type: ignore[attr-defined]
                f"Agreed overall grades: {figures.session}")
        self.view.setAccessibleDescription("; ".join(
            f"grade {g.grade} ({g.band}): {g.count} plan{'s' * (g.count != 1)}" for g in grades))
        chart = _reset(self.view)
        if chart is None:
            self.view.set_bars([(str(g.grade), float(g.count),  # type: ignore[attr-defined]
                                 RAG_COLOURS.get(g.rag, NEUTRAL)) for g in grades])
            return
        series = QStackedBarSeries()
        bands: list[str] = []
        for g in grades:
            if g.band not in bands:
                bands.append(g.band)
        for band in bands:
            rag = next(g.rag for g in grades if g.band == band)
            bar_set = QBarSet(band)
            bar_set.setColor(QColor(RAG_COLOURS.get(rag, NEUTRAL)))
            bar_set.setBorderColor(QColor(RAG_COLOURS.get(rag, NEUTRAL)))
            for g in grades:
                bar_set.append(g.count if g.band == band else 0)
            series.append(bar_set)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append([str(g.grade) for g in grades])
        x_axis.setTitleText("Grade")
        y_axis = QValueAxis()
        top = max([g.count for g in grades] + [1]) + 1
        y_axis.setRange(0, top)
        y_axis.setTickCount(min(top, 5) + 1)
        y_axis.setLabelFormat("%d")
        y_axis.setTitleText("Plans")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def categories(self) -> int:
        if not HAVE_CHARTS:
            return self.bars
        axes = self.view.chart().axes(Qt.Orientation.Horizontal)  # type: ignore[attr-defined]
        return axes[0].count() if axes else 0


class ShortfallChart:
    """The current session's questions with the highest shortfall %, worst at the top."""

    def __init__(self, parent: QWidget) -> None:
        self.view = _chart_view("Questions most often falling short",
                                "Shortfall by question chart", parent)
        self.view.setObjectName("shortfallChart")
        self.bars = 0

    def show(self, figures: KeyIssuesFigures | None) -> None:
        worst = figures.questions_worst_first()[:TOP_QUESTIONS] if figures else []
        self.bars = len(worst)
        if figures is not None and HAVE_CHARTS:
            self.view.chart().setTitle(  # type: ignore[attr-defined]
                f"Questions most often falling short: {figures.session}")
        self.view.setAccessibleDescription("; ".join(
            f"{q.text}: {q.shortfall_percent:.1f}% short ({q.shortfalls} of {q.answered})"
            for q in worst))
        chart = _reset(self.view)
        if chart is None:
            self.view.set_bars([(q.id[:6], q.shortfall_percent or 0.0, "#b85c00")  # type: ignore[attr-defined]
                                for q in worst])
            return
        bar_set = QBarSet("Shortfall % (agreed answers, NA excluded)")
        bar_set.setColor(QColor("#b85c00"))
        bar_set.setBorderColor(QColor("#b85c00"))
        labels = []
        for q in reversed(worst):  # horizontal bars are drawn bottom-up
            bar_set.append(q.shortfall_percent or 0.0)
            labels.append(_short(q.text, 34))
        series = QHorizontalBarSeries()
        series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
        bar_set.setLabelColor(QColor("white"))
        series.setBarWidth(0.7)
        chart.addSeries(series)
        y_axis = QBarCategoryAxis()
        y_axis.append(labels)
        x_axis = QValueAxis()
        x_axis.setRange(0, 100)
        x_axis.setLabelFormat("%d%%")
        x_axis.setTickCount(6)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y_axis)
        series.attachAxis(x_axis)
        chart.legend().setVisible(False)

    def bar_values(self) -> list[float]:
        if not HAVE_CHARTS:
            return []
        out: list[float] = []
        for series in self.view.chart().series():  # type: ignore[attr-defined]
            for bar_set in series.barSets():
                out += [bar_set.at(i) for i in range(bar_set.count())]
        return out


# ------------------------------------------------------------------ the page

def _card(parent: QWidget, name: str, caption: str) -> tuple[QFrame, QLabel, QLabel]:
    frame = QFrame(parent)
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setStyleSheet(f"QFrame#{name} {{ border: 1px solid palette(mid); border-radius: 6px; "
                        "background: palette(base); }")
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(12, 8, 12, 8)
    cap = QLabel(caption, frame)
    cap.setStyleSheet("color: palette(dark); border: none;")
    value = QLabel("…", frame)
    value.setObjectName(f"{name}Value")
    value.setAccessibleName(caption)
    font = QFont(value.font())
    font.setPointSizeF(font.pointSizeF() * 2.0)
    font.setBold(True)
    value.setFont(font)
    value.setStyleSheet("border: none;")
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    note = QLabel("", frame)
    note.setObjectName(f"{name}Note")
    note.setAccessibleName(f"{caption} detail")
    note.setWordWrap(True)
    note.setStyleSheet("color: palette(dark); border: none;")
    lay.addWidget(cap)
    lay.addWidget(value)
    lay.addWidget(note)
    lay.addStretch(1)
    return frame, value, note


class DashboardPage(QWidget):
    """Headline figures and charts: ``DashboardPage(ctx)`` (loads when first shown)."""

    loaded = Signal(object)  # DashboardFigures
    load_failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self.setObjectName("dashboardPage")
        self.setAccessibleName("Dashboard")
        self.figures: DashboardFigures | None = None
        self._loads = workers.Latest(self)  # the figures load whose result is wanted
        self._stale = True
        self.theme_model = FigureRowsModel(self)
        self._build()
        self.refresh_button.clicked.connect(self.reload)
        self._loads.finished.connect(self._loaded)
        self._loads.failed.connect(self._failed)
        ctx.data_changed.connect(self._on_data_changed)
        self._set_loading(True, "Loading figures…")

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 8)
        header = QHBoxLayout()
        title = QLabel("Dashboard", body)
        title.setObjectName("pageTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        self.subtitle = QLabel("", body)
        self.subtitle.setObjectName("dashboardSubtitle")
        self.subtitle.setAccessibleName("Dashboard scope")
        self.subtitle.setStyleSheet("color: palette(dark);")
        header.addWidget(self.subtitle, 1)
        self.busy_bar = QProgressBar(body)
        self.busy_bar.setObjectName("dashboardBusy")
        self.busy_bar.setAccessibleName("Loading figures")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setTextVisible(False)
        header.addWidget(self.busy_bar)
        self.refresh_button = QPushButton("&Refresh", body)
        self.refresh_button.setObjectName("refreshDashboard")
        self.refresh_button.setAccessibleName("Refresh the dashboard")
        self.refresh_button.setToolTip("Compute the figures again")
        header.addWidget(self.refresh_button)
        layout.addLayout(header)
        self.status_label = QLabel("", body)
        self.status_label.setObjectName("dashboardStatus")
        self.status_label.setAccessibleName("Dashboard status")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)

        cards = QHBoxLayout()
        self.good_card, self.good_value, self.good_note = _card(
            body, "goodCard", "Plans judged good")
        self.plans_card, self.plans_value, self.plans_note = _card(
            body, "plansCard", "Plans moderated")
        self.agree_card, self.agree_value, self.agree_note = _card(
            body, "agreementCard", "Panel agreement (alpha)")
        self.previous_card, self.previous_value, self.previous_note = _card(
            body, "previousCard", "Change since previous session")
        for card in (self.good_card, self.plans_card, self.agree_card, self.previous_card):
            cards.addWidget(card, 1)
        layout.addLayout(cards)

        grid = QGridLayout()
        grid.setSpacing(10)
        self.run_chart = RunChart(body)
        self.grade_chart = GradeChart(body)
        self.shortfall_chart = ShortfallChart(body)
        grid.addWidget(self.run_chart.view, 0, 0)
        grid.addWidget(self.grade_chart.view, 0, 1)
        grid.addWidget(self.shortfall_chart.view, 1, 0)
        themes_box = QWidget(body)
        tlay = QVBoxLayout(themes_box)
        tlay.setContentsMargins(0, 0, 0, 0)
        self.themes_label = QLabel("Top &themes, last 12 months", themes_box)
        bold = QFont(self.themes_label.font())
        bold.setBold(True)
        self.themes_label.setFont(bold)
        self.theme_table = QTableView(themes_box)
        self.theme_table.setObjectName("themeTable")
        self.theme_table.setAccessibleName("Top themes, last 12 months")
        self.theme_table.setModel(self.theme_model)
        self.theme_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.theme_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.theme_table.setTabKeyNavigation(False)
        self.theme_table.verticalHeader().hide()
        self.theme_table.horizontalHeader().setHighlightSections(False)
        self.themes_label.setBuddy(self.theme_table)
        tlay.addWidget(self.themes_label)
        tlay.addWidget(self.theme_table, 1)
        grid.addWidget(themes_box, 1, 1)
        for row in (0, 1):
            grid.setRowStretch(row, 1)
            grid.setColumnStretch(row, 1)
        layout.addLayout(grid, 1)

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        """Compute the figures again in the background (a running load is dropped)."""
        self._stale = False
        self._set_loading(True, "Loading figures…")
        self._loads.start(workers.Job(dashboard_figures, self.ctx.db, self._today()))

    def busy(self) -> bool:
        return self._loads.busy()

    def _set_loading(self, loading: bool, text: str = "") -> None:
        self.busy_bar.setVisible(loading)
        self.refresh_button.setEnabled(not loading)
        if text or not loading:
            self.status_label.setStyleSheet("color: palette(dark);")
            self.status_label.setText(text)
            self.status_label.setVisible(bool(text))

    def _loaded(self, figures: DashboardFigures) -> None:
        self.figures = figures
        self._set_loading(False)
        self.show_figures(figures)
        self.loaded.emit(figures)

    def _failed(self, message: str, user_error: bool) -> None:
        self._set_loading(False)
        self.status_label.setStyleSheet("color: #9b1c1c;")
        self.status_label.setText(
            f"The figures could not be computed: {message}" if user_error else
            f"The figures could not be computed ({message}); the details are in the log.")
        self.status_label.show()
        self.load_failed.emit(message)

    # ------------------------------------------------------------ showing

    def show_figures(self, figures: DashboardFigures) -> None:
        current = figures.current
        self.subtitle.setText(
            f"   Current session: {current.session} ({current.session_date:%d/%m/%Y})"
            if current else "   No session has moderated plans yet")
        self._show_headline(current)
        self.run_chart.show(figures.trend)
        if HAVE_CHARTS:
            self.run_chart.view.chart().setTitle(  # type: ignore[attr-defined]
                f"% judged good by month, {month_label(figures.from_month)} to "
                f"{month_label(figures.to_month)}")
        self.grade_chart.show(current)
        self.shortfall_chart.show(current)
        self.theme_model.set_rows(self.theme_rows(figures.themes))
        head = self.theme_table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, self.theme_model.columnCount()):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        if current is None:
            self.status_label.setText("No plan has an agreed grade yet: moderate a session to "
                                      "see its figures here.")
            self.status_label.show()

    @staticmethod
    def theme_rows(themes: ThemesFigures) -> list[dict[str, Any]]:
        return [{"Theme": t.label, "Agreed (plans)": t.plans,
                 "% of plans with agreed scores": t.percent_of_agreed,
                 "Raised by an auditor (plans)": t.raised}
                for t in themes.themes[:TOP_THEMES]]

    def _show_headline(self, k: KeyIssuesFigures | None) -> None:
        if k is None:
            for value, note in ((self.good_value, self.good_note),
                                (self.plans_value, self.plans_note),
                                (self.agree_value, self.agree_note),
                                (self.previous_value, self.previous_note)):
                value.setText("–")
                note.clear()
            self._colour_good(None)
            return
        if k.percent_good is None:
            self.good_value.setText("–")
        else:
            self.good_value.setText(f"{k.percent_good:.1f}%")
        target = ("no target set" if k.target_percent_good is None
                  else f"target {k.target_percent_good:g}%")
        rag = f" – {k.rag.upper()}: {RAG_TEXT[k.rag]}" if k.rag in RAG_TEXT else ""
        self.good_note.setText(f"{k.plans_good} of {k.plans_moderated} moderated plans; "
                               f"{target}{rag}")
        self.good_value.setAccessibleDescription(k.headline())
        self._colour_good(k.rag)
        self.plans_value.setText(f"{k.plans_moderated}")
        self.plans_note.setText(f"of {k.plans_audited} audited, {k.plans_sampled} sampled"
                                + (f"; {len(k.unmoderated)} awaiting moderation"
                                   if k.unmoderated else ""))
        alpha = k.agreement.krippendorff_alpha_ordinal
        self.agree_value.setText("–" if alpha is None else f"{alpha:.2f}")
        exact = k.agreement.overall_exact_percent
        self.agree_note.setText(
            "Krippendorff's alpha (ordinal) between auditors; "
            + (f"{exact:.0f}% exact agreement over {k.agreement.pairs} pairs"
               if exact is not None else "no plan graded by two auditors"))
        prev = k.previous
        if prev is None or prev.change_points is None:
            self.previous_value.setText("–")
            self.previous_note.setText("no earlier session on this rubric" if prev is None
                                       else f"{prev.session}: no moderated plans")
        else:
            self.previous_value.setText(f"{prev.change_points:+.1f} pts")
            self.previous_note.setText(f"{prev.session}: {prev.percent_good:.1f}% good"
                                       + (f"; {prev.verdict} now" if prev.verdict else ""))

    def _colour_good(self, rag: str | None) -> None:
        colour = RAG_COLOURS.get(rag or "")
        text = "white" if rag in {"green", "red"} else "black"
        style = ("QFrame#goodCard { border-radius: 6px; "
                 + (f"background: {colour}; border: 1px solid {colour}; }}" if colour else
                    "border: 1px solid palette(mid); background: palette(base); }"))
        self.good_card.setStyleSheet(style)
        for label in self.good_card.findChildren(QLabel):
            label.setStyleSheet(f"border: none; color: {text};" if colour else
                                "border: none;")

    # ------------------------------------------------------------ refresh

    def _on_data_changed(self, what: str) -> None:
        if what not in REFRESH_ON:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.reload()

    def stop(self) -> None:
        self._loads.drop()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.stop()
        super().closeEvent(event)
