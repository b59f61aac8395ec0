"""The Scorecard page: the SEND board's KPIs by quarter, and the QA lead's narrative.

View and controller only: the figures and texts come from
:class:`~qa_audit.gui.pages.scorecard_presenter.ScorecardPresenter` (no Qt), which
reads the same service as ``qa-audit report scorecard``. The narrative editor saves
through :mod:`qa_audit.services.scorecard_narrative` and tells other pages; the
council's targets are edited in :class:`~.board_targets_box.BoardTargetsBox`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from qa_audit.errors import UserError
from qa_audit.gui import database_actions
from qa_audit.gui.context import AppContext
from qa_audit.gui.generated.ui_scorecard_page import Ui_ScorecardBody
from qa_audit.gui.pages.board_targets_box import BoardTargetsBox
from qa_audit.gui.pages.scaffold import PageScaffold, read_only_table
from qa_audit.gui.pages.scorecard_model import ScorecardModel
from qa_audit.gui.pages.scorecard_presenter import (
    ScorecardGrid,
    ScorecardPresenter,
    default_period,
)
from qa_audit.services import board_reports, reports, scorecard_narrative

__all__ = ["ScorecardPage"]

#: Topics of ``AppContext.data_changed`` that change what this page shows.
REFRESH_ON = frozenset({"plans", "advice", "audits", "sessions", "rubrics", "reviews",
                        "feedback", "scorecard", "targets"})


class ScorecardPage(QWidget):
    """``ScorecardPage(ctx)``: period and rubric pickers, the grid, the narrative."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("scorecardPage")
        self.setAccessibleName("Scorecard")
        self.presenter = ScorecardPresenter(
            lambda first, last, rubric: board_reports.scorecard(ctx.db, first, last,
                                                                rubric_id=rubric),
            lambda rubric, quarter, texts: scorecard_narrative.save_narrative(
                ctx.db, rubric, quarter, texts, ctx.actor),
            lambda rubric, quarter: scorecard_narrative.get_narrative(ctx.db, rubric, quarter))
        self._stale = True
        self._build(*default_period(today()))
        ctx.data_changed.connect(self._on_data_changed)

    # ------------------------------------------------------------------ layout

    def _build(self, first: str, last: str) -> None:
        scaffold = PageScaffold(self, "Scorecard")
        bar = QHBoxLayout()
        self.from_edit = QLineEdit(first)
        self.to_edit = QLineEdit(last)
        for edit, name in ((self.from_edit, "From month"), (self.to_edit, "To month")):
            edit.setPlaceholderText("YYYY-MM")
            edit.setMaximumWidth(90)
            edit.setAccessibleName(name)
            edit.returnPressed.connect(self.refresh)
        self.rubric_combo = QComboBox()
        self.rubric_combo.setAccessibleName("Rubric")
        self.refresh_button = QPushButton("Show")
        self.refresh_button.setAccessibleName("Show the scorecard")
        self.refresh_button.clicked.connect(self.refresh)
        # Alt+M, not Alt+F: the window's File menu has Alt+F
        for text, buddy in (("Fro&m", self.from_edit), ("&To", self.to_edit),
                            ("&Rubric", self.rubric_combo)):
            caption = QLabel(text)
            caption.setBuddy(buddy)
            bar.addWidget(caption)
            bar.addWidget(buddy)
        bar.addWidget(self.refresh_button)
        scaffold.add_action(bar)
        # the body (headline, grid, notes, narrative and targets) is a Designer form
        self.ui = ui = Ui_ScorecardBody()
        scaffold.add_form(ui)
        self.headline, self.notes, self.lower_tabs = ui.headline, ui.notes, ui.lowerTabs
        self.model = ScorecardModel(self)
        self.table = ui.kpiTable
        self.table.setModel(self.model)
        read_only_table(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.quarter_combo = ui.quarterCombo
        self.quarter_combo.currentTextChanged.connect(self._show_narrative)
        self.working_well, self.even_better_if, self.next_steps = (
            ui.workingWell, ui.evenBetterIf, ui.nextSteps)
        self.save_button = ui.saveNarrativeButton
        self.save_button.clicked.connect(self.save_narrative)
        self.targets_box = BoardTargetsBox(self.ctx)
        self.targets_box.setTitle("")
        self.targets_box.setFlat(True)
        ui.targetsLayout.addWidget(self.targets_box)

    # ---------------------------------------------------------------- behaviour

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_data_changed(self, what: str) -> None:
        if what in REFRESH_ON:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def _fill_rubrics(self) -> None:
        current = self.rubric_combo.currentData()
        self.rubric_combo.blockSignals(True)
        self.rubric_combo.clear()
        self.rubric_combo.addItem("Latest session's rubric", None)
        for rubric_id, title in reports.rubrics_with_sessions(self.ctx.db):
            self.rubric_combo.addItem(f"{title} ({rubric_id})", rubric_id)
        index = self.rubric_combo.findData(current)
        self.rubric_combo.setCurrentIndex(max(0, index))
        self.rubric_combo.blockSignals(False)

    def refresh(self) -> None:
        """Recompute the figures of the period shown and repaint."""
        self._stale = False
        self._fill_rubrics()
        self.targets_box.refresh()
        try:
            grid = self.presenter.show(self.from_edit.text(), self.to_edit.text(),
                                       self.rubric_combo.currentData())
        except UserError as exc:
            self.headline.setText(exc.message)
            self.model.clear()
            return
        self._paint(grid)
        quarter = self.quarter_combo.currentText()
        self.quarter_combo.blockSignals(True)
        self.quarter_combo.clear()
        self.quarter_combo.addItems(self.presenter.quarters)
        if quarter in self.presenter.quarters:
            self.quarter_combo.setCurrentText(quarter)
        else:
            self.quarter_combo.setCurrentIndex(self.quarter_combo.count() - 1)
        self.quarter_combo.blockSignals(False)
        self._show_narrative(self.quarter_combo.currentText())

    def _paint(self, grid: ScorecardGrid) -> None:
        self.headline.setText(grid.headline)
        self.notes.setText(" ".join(grid.notes))
        self.model.show(grid)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for c in range(1, len(grid.header)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()

    def _show_narrative(self, quarter: str) -> None:
        note = self.presenter.narrative(quarter) if quarter else None
        self.working_well.setPlainText(note.working_well if note else "")
        self.even_better_if.setPlainText(note.even_better_if if note else "")
        self.next_steps.setPlainText(note.next_steps if note else "")
        self.save_button.setEnabled(bool(quarter) and not self.ctx.db.read_only)

    def save_narrative(self) -> None:
        quarter = self.quarter_combo.currentText()
        if not quarter:
            return
        try:
            self.presenter.save(quarter, self.working_well.toPlainText(),
                                self.even_better_if.toPlainText(),
                                self.next_steps.toPlainText())
        except UserError as exc:
            database_actions.show_user_error(self, "Cannot save the narrative", exc)
            return
        self.ctx.status_message.emit(f"Narrative for {quarter} saved.")
        self.ctx.notify("scorecard")
