"""The Scoring page's side panel: the plan's facts, the member's progress, what is
still missing, everyone's answers (once blind scoring allows) and the session table.

Shows what ``page_presenter`` decided; it decides nothing itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QSizePolicy

from qa_audit.domain.rubric import Question, Rubric
from qa_audit.gui.generated.ui_scoring_page import Ui_ScoringPage
from qa_audit.gui.models.plan_table import format_date
from qa_audit.gui.scoring.models import OtherScoresModel, SessionProgressModel
from qa_audit.gui.scoring.page_presenter import FactsView, OthersView
from qa_audit.gui.scoring.widgets import TONES, font_with, tint


class SidePanel(QObject):
    """Fills the side panel's labels and tables."""

    def __init__(self, ui: Ui_ScoringPage, parent: QObject) -> None:
        super().__init__(parent)
        self.ui = ui
        self.progress_model = SessionProgressModel(self)
        self.others_model = OtherScoresModel(self)
        self._setup_tables()

    def _setup_tables(self) -> None:
        ui = self.ui
        for table, model in ((ui.othersTable, self.others_model),
                             (ui.sessionTable, self.progress_model)):
            table.setModel(model)
            table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents)
            table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
            table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        # Everyone's answers: sized once per plan (fit_others), not by the headers on every
        # layout pass -- ResizeToContents re-measured each of its cells ten times while the
        # page settled, a third of the time to open a plan.
        for header in (ui.othersTable.horizontalHeader(), ui.othersTable.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Member names are long: that column takes what is left (elided, full name in the
        # tooltip) so the counts always show without scrolling.
        ui.sessionTable.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        ui.sessionTable.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        ui.sessionTable.verticalHeader().hide()
        ui.othersTable.hide()
        ui.missingLabel.hide()
        tint(ui.missingLabel, TONES["red"][1])

    def fit_others(self) -> None:
        """Size everyone's-answers columns and rows to their contents (once per change)."""
        if self.others_model.columnCount() == 0:
            return
        self.ui.othersTable.resizeColumnsToContents()
        self.ui.othersTable.resizeRowsToContents()

    def show_facts(self, view: FactsView, issued: dt.date | None) -> None:
        ui = self.ui
        ui.factPlanRef.setText(view.plan_ref)
        if not view.known:
            return
        ui.factYear.setText(view.year)
        ui.factNeed.setText(view.need)
        ui.factSetting.setText(view.setting)
        ui.factTeam.setText(view.team)
        ui.factIssued.setText(format_date(issued))
        ui.factWeeks.setText(view.weeks)
        if view.weeks_late:
            tint(ui.factWeeks, TONES["red"][1])
            ui.factWeeks.setFont(font_with(bold=True))
        else:
            self._plain(ui.factWeeks)

    @staticmethod
    def _plain(label: QLabel) -> None:
        label.setPalette(QPalette())
        label.setFont(QFont())

    def show_progress(self, answered: int, applicable: int, status: str) -> None:
        bar = self.ui.planProgress
        # QProgressBar.setValue repaints at once, which paints the whole window while a
        # plan is still being loaded; with updates off it is painted once, with the rest.
        bar.setUpdatesEnabled(False)
        bar.setMaximum(max(applicable, 1))
        bar.setValue(answered)
        bar.setFormat(f"{answered} of {applicable} answered")
        bar.setUpdatesEnabled(True)
        self.ui.planStatusLabel.setText(status)

    def show_others(self, view: OthersView, rubric: Rubric,
                    questions: Sequence[tuple[int, Question]], member: str | None) -> None:
        ui = self.ui
        if view.show_table:
            self.others_model.set_data(rubric, questions, list(view.audits), member)
            self.fit_others()
        else:
            self.others_model.set_data(None, [], [], None)
        ui.othersHiddenLabel.setText(view.text)
        ui.othersHiddenLabel.show()
        ui.othersTable.setVisible(view.show_table)

    def show_missing(self, text: str, *, complete: bool, spoken: str | None = None) -> None:
        label = self.ui.missingLabel
        label.setText(text)
        tint(label, TONES["green" if complete else "red"][1])
        if spoken is not None:
            label.setAccessibleDescription(spoken)
        label.show()

    def clear(self) -> None:
        ui = self.ui
        for label in (ui.factPlanRef, ui.factYear, ui.factNeed, ui.factSetting, ui.factTeam,
                      ui.factIssued, ui.factWeeks, ui.planStatusLabel):
            label.clear()
        ui.planProgress.setMaximum(1)
        ui.planProgress.setValue(0)
        self.others_model.set_data(None, [], [], None)
        ui.othersTable.hide()
