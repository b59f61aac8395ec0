"""The Dashboard page's layout: the page scaffold over the Designer form
``forms/dashboard_page.ui`` (layout only).

The form holds the tiles, the tables, the Timeliness and health-advice panels and
an empty slot for each chart; the charts are QtCharts views when QtCharts is
installed and plain painted bars otherwise, so they are made here and put into
their slots. ``pages.dashboard_page.DashboardPage`` subclasses ``DashboardView``
and adds the logic.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qa_audit.gui.band_colours import RAG_COLOURS
from qa_audit.gui.dashboard.session_charts import GradeChart, ShortfallChart
from qa_audit.gui.generated.ui_dashboard_page import Ui_DashboardBody
from qa_audit.gui.models.report_models import FigureRowsModel
from qa_audit.gui.pages.dashboard_charts import IndicatorChart, RunChart
from qa_audit.gui.pages.scaffold import PageScaffold
from qa_audit.gui.pages.timeliness_panel import TimelinessPanel

__all__ = ["DashboardView", "good_card_styles"]


def good_card_styles(rag: str | None) -> tuple[str, str]:
    """(card style, label style): the "judged good" tile filled with its RAG colour."""
    colour = RAG_COLOURS.get(rag or "")
    text = "white" if rag in {"green", "red", "grey"} else "black"
    card = ("QFrame#goodCard { border-radius: 6px; "
            + (f"background: {colour}; border: 1px solid {colour}; }}" if colour else
               "border: 1px solid palette(mid); background: palette(base); }"))
    return card, (f"border: none; color: {text};" if colour else "border: none;")


def _emphasise(value: QLabel) -> None:
    """A tile's value: twice the base font, bold (relative sizes are not a form property)."""
    font = QFont(value.font())
    font.setPointSizeF(font.pointSizeF() * 2.0)
    font.setBold(True)
    value.setFont(font)


def _bold(label: QLabel) -> None:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)


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
        self._build_header(scaffold, body)
        self.ui = Ui_DashboardBody()
        scaffold.add_form(self.ui)
        self._name_widgets()
        self._finish_layout(body)

    def _build_header(self, scaffold: PageScaffold, body: QWidget) -> None:
        """The rubric picker, busy bar and Refresh in the scaffold's header row."""
        rubric_label = QLabel("R&ubric:", body)
        scaffold.add_action(rubric_label)
        self.rubric_combo = QComboBox(body)
        self.rubric_combo.setObjectName("dashboardRubric")
        self.rubric_combo.setAccessibleName("Rubric shown")
        self.rubric_combo.setToolTip("The figures cover one rubric: grades on different "
                                     "scales are never pooled")
        self.rubric_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        rubric_label.setBuddy(self.rubric_combo)
        scaffold.add_action(self.rubric_combo)
        self.busy_bar = QProgressBar(body)
        self.busy_bar.setObjectName("dashboardBusy")
        self.busy_bar.setAccessibleName("Loading figures")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setTextVisible(False)
        scaffold.add_action(self.busy_bar)
        self.refresh_button = QPushButton("&Refresh", body)
        self.refresh_button.setObjectName("refreshDashboard")
        self.refresh_button.setAccessibleName("Refresh the dashboard")
        self.refresh_button.setToolTip("Compute the figures again")
        scaffold.add_action(self.refresh_button)

    def _name_widgets(self) -> None:
        ui = self.ui
        self.status_label = ui.dashboardStatus
        self.good_card, self.good_value, self.good_note = (ui.goodCard, ui.goodCardValue,
                                                           ui.goodCardNote)
        self.plans_card, self.plans_value, self.plans_note = (ui.plansCard, ui.plansCardValue,
                                                              ui.plansCardNote)
        self.agree_card, self.agree_value, self.agree_note = (
            ui.agreementCard, ui.agreementCardValue, ui.agreementCardNote)
        self.previous_card, self.previous_value, self.previous_note = (
            ui.previousCard, ui.previousCardValue, ui.previousCardNote)
        self.themes_label, self.theme_table = ui.themesLabel, ui.themeTable
        self.indicators_label, self.indicator_table = ui.indicatorsLabel, ui.indicatorTable
        self.timeliness_panel: TimelinessPanel = ui.timelinessPanel
        self.health_label, self.health_panel = ui.healthLabel, ui.healthPanel

    def _finish_layout(self, body: QWidget) -> None:
        """What the form cannot say: fonts, models, and the charts (QtCharts views when
        QtCharts is installed, painted bars otherwise) put into their slots."""
        for value in (self.good_value, self.plans_value, self.agree_value, self.previous_value):
            _emphasise(value)
        for label in (self.themes_label, self.indicators_label, self.health_label):
            _bold(label)
        self.health_label.setBuddy(self.health_panel.table)
        # as the indicators: whole service names and headers, scrolling sideways if need be
        self.health_panel.table.setWordWrap(False)
        self.health_panel.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.theme_table.setModel(self.theme_model)
        self.theme_table.verticalHeader().hide()
        self.theme_table.horizontalHeader().setHighlightSections(False)
        self.indicator_table.setModel(self.indicator_model)
        self.indicator_table.setWordWrap(False)
        self.indicator_table.verticalHeader().hide()
        self.run_chart = RunChart(body)
        self.grade_chart = GradeChart(body)
        self.shortfall_chart = ShortfallChart(body)
        self.indicator_chart = IndicatorChart(body)
        ui = self.ui
        for slot, chart in ((ui.runChartSlot, self.run_chart),
                            (ui.gradeChartSlot, self.grade_chart),
                            (ui.shortfallChartSlot, self.shortfall_chart),
                            (ui.indicatorChartSlot, self.indicator_chart)):
            slot_layout = slot.layout()
            assert slot_layout is not None  # the form gives every slot a layout
            slot_layout.addWidget(chart.view)
