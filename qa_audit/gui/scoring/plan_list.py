"""The Scoring page's sample: the plan list, the Plan selector above the form, and
stepping from plan to plan (Alt+Left / Alt+Right).

A controller over the page it is given: choosing a plan first waits for the saves
of the one being left (``Autosave.can_leave``), then loads the new one.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtWidgets import QAbstractItemView, QStyle

from qa_audit.domain.items import ItemKey
from qa_audit.gui.full_text import fit_combo, tip_when_elided
from qa_audit.gui.scoring.host import ScoringHost
from qa_audit.gui.scoring.models import PlanListModel
from qa_audit.gui.scoring.page_presenter import PlanProgress


class PlanList(QObject):
    """Keeps the plan list and the Plan selector on the plan being scored."""

    def __init__(self, page: ScoringHost, parent: QObject) -> None:
        super().__init__(parent)
        self.page = page
        self.ui = page.ui
        self.model = PlanListModel(self)
        #: Put the keyboard on the form once the next plan is loaded.
        self.focus_after_load = False

    def setup(self) -> None:
        ui = self.ui
        ui.planList.setModel(self.model)
        ui.planCombo.setModel(self.model)
        # the page's pickers elide a long session, member or plan name, whole on hover
        for combo in (ui.sessionCombo, ui.memberCombo, ui.planCombo):
            fit_combo(combo, 16)
        tip_when_elided(ui.planList, ui.sessionTable)
        ui.planList.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        ui.planList.selectionModel().currentRowChanged.connect(self._on_list_row)
        ui.planList.activated.connect(lambda _i: self.page.focus_form())
        ui.planCombo.currentIndexChanged.connect(self._on_combo_row)
        ui.prevPlanButton.clicked.connect(lambda: self.step(-1))
        ui.nextPlanButton.clicked.connect(lambda: self.step(1))

    def _current_row(self) -> int:
        item = self.page.item
        return self.model.row_of(item) if item else -1

    def size_panels(self) -> None:
        """Give the plan list room for its text at any text size (e.g. 200%)."""
        plan_list = self.ui.planList
        metrics = plan_list.fontMetrics()
        texts = ([self.model.display_text(r) for r in self.model.rows()]
                 or ["EHC-000000   00/00 answered"])
        text = max(metrics.horizontalAdvance(t) for t in texts)
        icon = max(plan_list.iconSize().width(), metrics.height())
        style = plan_list.style()
        scrollbar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, plan_list)
        list_width = (text + icon + metrics.averageCharWidth() * 3 + scrollbar
                      + 2 * plan_list.frameWidth() + 12)
        plan_list.setMinimumWidth(list_width)
        side = metrics.averageCharWidth() * 40
        total = max(self.ui.mainSplitter.width(), list_width + side + 500)
        if self.page.plan_pane_visible():
            list_width = 0  # folded away while the plan document is open
            side = max(side, min(self.ui.sidePanel.sizeHint().width(), side * 5 // 4))
        self.ui.mainSplitter.setSizes([list_width, total - list_width - side, side])

    def set_rows(self, rows: list[PlanProgress]) -> None:
        """New rows (the current plan stays selected); widen the list if they need it."""
        self.show_row(-1, rows)
        metrics = self.ui.planList.fontMetrics()
        if rows and self.ui.planList.minimumWidth() < max(
                metrics.horizontalAdvance(self.model.display_text(r)) for r in rows):
            self.size_panels()

    def show_row(self, row: int, rows: list[PlanProgress] | None = None) -> None:
        """Select a row in the plan list and the Plan selector (after putting ``rows`` in
        the list; row -1 with rows: the current plan), telling no one."""
        selection = self.ui.planList.selectionModel()
        selection.blockSignals(True)
        self.ui.planCombo.blockSignals(True)
        if rows is not None:
            self.model.set_rows(rows)
            row = self._current_row()
        self.ui.planCombo.setCurrentIndex(row)
        index = self.model.index(row, 0) if row >= 0 else QModelIndex()
        selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
        self.ui.planCombo.blockSignals(False)
        selection.blockSignals(False)

    def select_row(self, row: int) -> bool:
        """Show the plan in this row of the plan list (after saving what is typed)."""
        if not 0 <= row < self.model.rowCount():
            return False
        if not self.page.autosave.can_leave():
            self.show_row(self._current_row())
            return False
        self.show_row(row)
        self.page.load_plan(self.model.rows()[row].key)
        return True

    def select(self, item: str | ItemKey) -> bool:
        """Show a plan (its ref) or one advice return (its item key)."""
        return self.select_row(self.model.row_of(item))

    def step(self, delta: int, *, focus: bool = False) -> bool:
        """Previous (-1) or next (+1) plan of the sample."""
        target = self._current_row() + delta
        if not 0 <= target < self.model.rowCount():
            return False
        self.focus_after_load = focus
        return self.select_row(target)

    def _on_list_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() != self._current_row():
            self.select_row(current.row())

    def _on_combo_row(self, row: int) -> None:
        if row >= 0 and row != self._current_row():
            self.select_row(row)
