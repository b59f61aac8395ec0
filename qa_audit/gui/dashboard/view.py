"""The Dashboard page's layout: scaffold, headline tiles, charts and tables (layout only).

Built in code rather than a Designer form: the charts are QtCharts views when
QtCharts is installed and plain painted bars otherwise, so the layout is not
static. ``pages.dashboard_page.DashboardPage`` subclasses ``DashboardView`` and
adds the logic.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.gui.band_colours import RAG_COLOURS
from qa_audit.gui.dashboard.session_charts import GradeChart, ShortfallChart
from qa_audit.gui.models.report_models import FigureRowsModel
from qa_audit.gui.pages.dashboard_charts import IndicatorChart, RunChart
from qa_audit.gui.pages.scaffold import PageScaffold

__all__ = ["DashboardView", "good_card_styles"]


def good_card_styles(rag: str | None) -> tuple[str, str]:
    """(card style, label style): the "judged good" tile filled with its RAG colour."""
    colour = RAG_COLOURS.get(rag or "")
    text = "white" if rag in {"green", "red", "grey"} else "black"
    card = ("QFrame#goodCard { border-radius: 6px; "
            + (f"background: {colour}; border: 1px solid {colour}; }}" if colour else
               "border: 1px solid palette(mid); background: palette(base); }"))
    return card, (f"border: none; color: {text};" if colour else "border: none;")


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


class DashboardView(QWidget):
    """The page's widgets, laid out; no behaviour beyond what Qt gives them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.setAccessibleName("Dashboard")
        self.theme_model = FigureRowsModel(self)
        self.indicator_model = FigureRowsModel(self)
        self._build()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        self.subtitle = QLabel("", body)
        self.subtitle.setObjectName("dashboardSubtitle")
        self.subtitle.setAccessibleName("Dashboard scope")
        scaffold = PageScaffold(body, "Dashboard", subtitle=self.subtitle)
        layout = scaffold.body
        header = scaffold.header
        rubric_label = QLabel("R&ubric:", body)
        header.addWidget(rubric_label)
        self.rubric_combo = QComboBox(body)
        self.rubric_combo.setObjectName("dashboardRubric")
        self.rubric_combo.setAccessibleName("Rubric shown")
        self.rubric_combo.setToolTip("The figures cover one rubric: grades on different "
                                     "scales are never pooled")
        self.rubric_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        rubric_label.setBuddy(self.rubric_combo)
        header.addWidget(self.rubric_combo)
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
        self.themes_label = QLabel("Top agreed &themes, last 12 months", themes_box)
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
        self.indicator_chart = IndicatorChart(body)
        grid.addWidget(self.indicator_chart.view, 2, 0)
        ind_box = QWidget(body)
        ilay = QVBoxLayout(ind_box)
        ilay.setContentsMargins(0, 0, 0, 0)
        self.indicators_label = QLabel("&Indicators: latest month and last 12 months", ind_box)
        self.indicators_label.setFont(bold)
        self.indicator_table = QTableView(ind_box)
        self.indicator_table.setObjectName("indicatorTable")
        self.indicator_table.setAccessibleName("Indicators against their targets")
        self.indicator_table.setModel(self.indicator_model)
        self.indicator_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.indicator_table.setTabKeyNavigation(False)
        self.indicator_table.setWordWrap(False)
        self.indicator_table.verticalHeader().hide()
        self.indicators_label.setBuddy(self.indicator_table)
        ilay.addWidget(self.indicators_label)
        ilay.addWidget(self.indicator_table, 1)
        grid.addWidget(ind_box, 2, 1)
        for row in (0, 1, 2):
            grid.setRowStretch(row, 1)
        for col in (0, 1):
            grid.setColumnStretch(col, 1)
        layout.addLayout(grid, 1)
