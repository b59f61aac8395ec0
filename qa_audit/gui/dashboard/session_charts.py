"""The Dashboard's two charts of the current session: agreed grades, and shortfall by question.

QtCharts when installed; otherwise the plain bar chart of ``dashboard_charts``.
Question labels wrap over as many lines as a bar's height holds, up to
``LABEL_LINES`` (QtCharts draws axis labels as rich text, so lines are joined with
``<br>``; it would hide labels that overlap); one still too long ends in an
ellipsis, and hovering its bar shows the question whole.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QCursor, QFontMetrics
from PySide6.QtWidgets import QToolTip, QWidget

from qa_audit.gui.band_colours import NEUTRAL, RAG_COLOURS
from qa_audit.gui.full_text import wrapped_lines
from qa_audit.gui.pages.dashboard_charts import HAVE_CHARTS, chart_view, reset_chart
from qa_audit.reporting.key_issues import KeyIssuesFigures

if HAVE_CHARTS:
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSet,
        QHorizontalBarSeries,
        QStackedBarSeries,
        QValueAxis,
    )

__all__ = ["LABEL_CHARS", "LABEL_LINES", "TOP_QUESTIONS", "GradeChart", "ShortfallChart"]

TOP_QUESTIONS = 8
#: a question label's lines: at most this many, each about this many average characters wide
LABEL_LINES, LABEL_CHARS = 3, 34


def axis_label(metrics: QFontMetrics, text: str, lines: int = LABEL_LINES) -> str:
    """``text`` wrapped for a category axis (rich text: escaped, ``<br>`` between lines)."""
    wrapped = wrapped_lines(metrics, " ".join(text.split()),
                            metrics.averageCharWidth() * LABEL_CHARS, lines)
    return "<br>".join(html.escape(line) for line in wrapped)


def axis_labels(metrics: QFontMetrics, texts: list[str], lines: int) -> list[str]:
    """Each text's axis label, made unique (categories must differ; a trailing space
    changes nothing seen)."""
    labels: list[str] = []
    for text in texts:
        label = axis_label(metrics, text, lines)
        while label in labels:
            label += " "
        labels.append(label)
    return labels


class GradeChart:
    """Agreed overall grades of the current session, one bar per grade, coloured by RAG."""

    def __init__(self, parent: QWidget) -> None:
        self.view = chart_view("Agreed overall grades", "Grade distribution chart", parent)
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
        chart = reset_chart(self.view)
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
        self.view = chart_view("Questions most often falling short",
                                "Shortfall by question chart", parent)
        self.view.setObjectName("shortfallChart")
        # room for two lines per question label
        self.view.setMinimumHeight(self.view.fontMetrics().lineSpacing() * 2 * TOP_QUESTIONS
                                   + 140)
        self.bars = 0
        #: the full text of each bar's question, bottom-up as drawn (the hover tooltip)
        self.tips: list[str] = []
        self._texts: list[str] = []  # the questions, bottom-up
        if HAVE_CHARTS:
            self.view.chart().plotAreaChanged.connect(  # type: ignore[attr-defined]
                lambda _area: self.fit_labels())

    def show(self, figures: KeyIssuesFigures | None) -> None:
        worst = figures.questions_worst_first()[:TOP_QUESTIONS] if figures else []
        self.bars = len(worst)
        if figures is not None and HAVE_CHARTS:
            self.view.chart().setTitle(  # type: ignore[attr-defined]
                f"Questions most often falling short: {figures.session}")
        self.view.setAccessibleDescription("; ".join(
            f"{q.text}: {q.shortfall_percent:.1f}% short ({q.shortfalls} of {q.answered})"
            for q in worst))
        chart = reset_chart(self.view)
        if chart is None:
            self.view.set_bars([(q.id[:6], q.shortfall_percent or 0.0, "#b85c00")  # type: ignore[attr-defined]
                                for q in worst])
            return
        bar_set = QBarSet("Shortfall % (agreed answers, NA excluded)")
        bar_set.setColor(QColor("#b85c00"))
        bar_set.setBorderColor(QColor("#b85c00"))
        y_axis = QBarCategoryAxis()
        self.tips, self._texts = [], [q.text for q in reversed(worst)]
        for q in reversed(worst):  # horizontal bars are drawn bottom-up
            bar_set.append(q.shortfall_percent or 0.0)
            self.tips.append(f"{q.text}\n{q.shortfall_percent or 0.0:.1f}% short "
                             f"({q.shortfalls} of {q.answered})")
        series = QHorizontalBarSeries()
        series.hovered.connect(self._hovered)
        series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
        bar_set.setLabelColor(QColor("white"))
        series.setBarWidth(0.7)
        chart.addSeries(series)
        y_axis.append(axis_labels(QFontMetrics(y_axis.labelsFont()), self._texts, 1))
        y_axis.setTruncateLabels(False)  # wrapped here; QtCharts would cut them again
        x_axis = QValueAxis()
        x_axis.setRange(0, 100)
        x_axis.setLabelFormat("%d%%")
        x_axis.setTickCount(6)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y_axis)
        series.attachAxis(x_axis)
        chart.legend().setVisible(False)

    def label_lines(self) -> int:
        """How many lines of a label one bar's height holds (1 to ``LABEL_LINES``)."""
        chart = self.view.chart()  # type: ignore[attr-defined]
        axes = chart.axes(Qt.Orientation.Vertical)
        if not axes or not self._texts:
            return 1
        per_bar = chart.plotArea().height() / len(self._texts)
        spacing = QFontMetrics(axes[0].labelsFont()).lineSpacing()
        return max(1, min(LABEL_LINES, int(per_bar // spacing)))

    def fit_labels(self) -> None:
        """Wrap the labels over the lines the bars' height now holds."""
        axes = self.view.chart().axes(Qt.Orientation.Vertical)  # type: ignore[attr-defined]
        if not axes or not self._texts:
            return
        labels = axis_labels(QFontMetrics(axes[0].labelsFont()), self._texts,
                             self.label_lines())
        if labels != list(axes[0].categories()):
            axes[0].setCategories(labels)

    def _hovered(self, status: bool, index: int, _bar_set: object) -> None:
        if status and 0 <= index < len(self.tips):
            QToolTip.showText(QCursor.pos(), self.tips[index], self.view)
        else:
            QToolTip.hideText()

    def axis_labels(self) -> list[str]:
        """The question axis's labels as drawn, bottom-up (rich text)."""
        if not HAVE_CHARTS:
            return []
        axes = self.view.chart().axes(Qt.Orientation.Vertical)  # type: ignore[attr-defined]
        return list(axes[0].categories()) if axes else []

    def bar_values(self) -> list[float]:
        if not HAVE_CHARTS:
            return []
        out: list[float] = []
        for series in self.view.chart().series():  # type: ignore[attr-defined]
            for bar_set in series.barSets():
                out += [bar_set.at(i) for i in range(bar_set.count())]
        return out
