"""The Dashboard page: the current session's headline and the last 12 months at a glance.

Everything shown comes from the very figures objects the reports print
(``services.reports.key_issues`` / ``dashboard``: trend and themes), computed in a
``workers.Job`` (``services.dashboard_data``) so the page paints at once with a
"loading" state:

* a **rubric picker**: the figures cover one rubric (default: the one the trend
  report would choose for the 12 months, the latest session's), never pooling scales;
* headline cards for the **current session** (the newest session on that rubric with
  moderated plans): % judged good against the target with its RAG colour (with fewer
  than 10 plans: the count and the 95% interval in words, grey), plans
  sampled/audited/moderated, and panel agreement (Krippendorff's alpha);
* a run chart of % good per month over the last 12 months with each month's Wilson
  95% interval as an error bar and the target in force each month as a step line;
* the rubric's indicators by month, each against its own target steps, and a table
  of the latest month and the 12 months (``dashboard_charts``);
* the current session's distribution of agreed grades, coloured by band RAG;
* its questions with the highest shortfall percentage (horizontal bars);
* the most frequent agreed themes over the 12 months, with "raised by an auditor"
  beside them;
* the Timeliness panel (``report timeliness``) and, beside it, the DCO's health-advice
  panel (``report health``: per health service, within 6 weeks against the target and
  the agreed quality of the advice returns), both of the same 12 months.

It reloads when audits or sessions change (at once when visible, else when next
shown). Charts use QtCharts; without it a plain QPainter bar chart stands in.

This module is the controller; the layout is ``dashboard.view`` and the words
``dashboard.presenter`` (no Qt, unit-tested).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QWidget

from qa_audit.gui import workers
from qa_audit.gui.band_colours import RAG_COLOURS
from qa_audit.gui.context import AppContext
from qa_audit.gui.dashboard import presenter
from qa_audit.gui.dashboard.presenter import RAG_TEXT, TOP_THEMES
from qa_audit.gui.dashboard.session_charts import TOP_QUESTIONS, GradeChart, ShortfallChart
from qa_audit.gui.dashboard.view import DashboardView, good_card_styles
from qa_audit.gui.pages.dashboard_charts import HAVE_CHARTS, indicator_rows, month_label
from qa_audit.reporting.themes import ThemesFigures
from qa_audit.services import dashboard_data
from qa_audit.services.dashboard_data import (
    MONTHS,
    DashboardFigures,
    current_session_figures,
    dashboard_figures,
    last_months,
)

__all__ = [
    "HAVE_CHARTS",
    "MONTHS",
    "RAG_COLOURS",
    "RAG_TEXT",
    "TOP_QUESTIONS",
    "TOP_THEMES",
    "DashboardFigures",
    "DashboardPage",
    "GradeChart",
    "ShortfallChart",
    "current_session_figures",
    "dashboard_figures",
    "last_months",
]

log = logging.getLogger(__name__)

REFRESH_ON = frozenset({"audits", "sessions", "plans", "advice", "reviews", "feedback",
                        "targets"})


class DashboardPage(DashboardView):
    """Headline figures and charts: ``DashboardPage(ctx)`` (loads when first shown)."""

    loaded = Signal(object)  # DashboardFigures
    load_failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self.figures: DashboardFigures | None = None
        self._loads = workers.Latest(self)  # the figures load whose result is wanted
        self._stale = True
        self._rubric: str | None = None  # chosen in the picker; None: the trend's rule
        self.refresh_button.clicked.connect(self.reload)
        self.rubric_combo.activated.connect(self._rubric_chosen)
        self._loads.finished.connect(self._loaded)
        self._loads.failed.connect(self._failed)
        ctx.data_changed.connect(self._on_data_changed)
        self._set_loading(True, "Loading figures…")

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        """Compute the figures again in the background (a running load is dropped)."""
        self._stale = False
        self._set_loading(True, "Loading figures…")
        self._loads.start(workers.Job(dashboard_data.dashboard_figures, self.ctx.db,
                                      self._today(), rubric_id=self._rubric))

    def select_rubric(self, rubric_id: str) -> None:
        """Show ``rubric_id``'s figures (what choosing it in the picker does)."""
        self._rubric = rubric_id
        self.reload()

    def _rubric_chosen(self, index: int) -> None:
        chosen = self.rubric_combo.itemData(index)
        if chosen and chosen != (self.figures.trend.rubric if self.figures else None):
            self.select_rubric(str(chosen))

    def _fill_rubrics(self, figures: DashboardFigures) -> None:
        combo = self.rubric_combo
        combo.blockSignals(True)
        combo.clear()
        for label, rid in presenter.rubric_choices(figures):
            combo.addItem(label, rid)
        combo.setCurrentIndex(max(0, combo.findData(figures.trend.rubric)))
        combo.setEnabled(combo.count() > 0)
        combo.blockSignals(False)

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
        self.status_label.setText(presenter.failure_text(message, user_error))
        self.status_label.show()
        self.load_failed.emit(message)

    # ------------------------------------------------------------ showing

    def show_figures(self, figures: DashboardFigures) -> None:
        current = figures.current
        self._fill_rubrics(figures)
        self.subtitle.setText(presenter.subtitle(figures))
        self.subtitle.setToolTip(figures.trend.scope_note())
        self._show_headline(presenter.headline(current))
        self.run_chart.show(figures.trend)
        self.indicator_chart.show(figures.trend)
        if figures.timeliness is not None:
            self.timeliness_panel.show_figures(figures.timeliness)
        self.health_panel.set_figures(figures.health)  # the DCO's panel, same 12 months
        self.indicator_model.set_rows(indicator_rows(figures.trend))
        # every column as wide as its text (the label too): the table scrolls sideways
        # rather than squeezing the indicator's name to nothing
        self.indicator_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        if HAVE_CHARTS:
            self.run_chart.view.chart().setTitle(  # type: ignore[attr-defined]
                f"% judged good by month, {month_label(figures.from_month)} to "
                f"{month_label(figures.to_month)}")
        self.grade_chart.show(current)
        self.shortfall_chart.show(current)
        self.theme_model.set_rows(presenter.theme_rows(figures.themes))
        # as the indicators: each column as wide as its text, the theme's name in full (a
        # stretched first column was squeezed to "…" beside the three figure columns)
        self.theme_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        if current is None:
            self.status_label.setText(presenter.NO_GRADES_TEXT)
            self.status_label.show()

    @staticmethod
    def theme_rows(themes: ThemesFigures) -> list[dict[str, Any]]:
        """The themes table's rows (``presenter.theme_rows``)."""
        return presenter.theme_rows(themes)

    def _show_headline(self, shown: presenter.Headline) -> None:
        """Fill the four tiles."""
        for card, value, note in ((shown.good, self.good_value, self.good_note),
                                  (shown.plans, self.plans_value, self.plans_note),
                                  (shown.agreement, self.agree_value, self.agree_note),
                                  (shown.previous, self.previous_value, self.previous_note)):
            value.setText(card.value)
            note.setText(card.note)
        self.good_value.setAccessibleDescription(shown.good.description)
        for caption, text in ((self.ui.goodCardCaption, shown.good_caption),
                              (self.ui.plansCardCaption, shown.plans_caption)):
            caption.setText(text)
        card_style, label_style = good_card_styles(shown.rag)
        self.good_card.setStyleSheet(card_style)
        for label in self.good_card.findChildren(QLabel):
            label.setStyleSheet(label_style)

    # ------------------------------------------------------------ refresh

    def _on_data_changed(self, what: str) -> None:
        if what not in REFRESH_ON:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def stop(self) -> None:
        self._loads.drop()

    def closeEvent(self, event: Any) -> None:
        self.stop()
        super().closeEvent(event)
