"""The Plans page's layout: the page scaffold over the Designer form ``forms/plans_page.ui``.

Layout only: ``PlansView`` sets up the form (filters, count line, the register
table or the empty register's guidance in a stack, in a splitter the plan's
detail joins), names its widgets the way the controller and the tests know
them, adds the header's toolbar and the filters' "All ..." choices, and sets the
table's look. ``pages.plans_page.PlansPage`` subclasses it and adds the logic.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHeaderView, QToolBar, QWidget

from qa_audit.gui.generated.ui_plans_page import Ui_PlansBody
from qa_audit.gui.models.plan_table import COL_ISSUED, PlanTableModel
from qa_audit.gui.pages.scaffold import PageScaffold

__all__ = ["PlansView"]


def _filter_combo(combo: QComboBox, everything: str) -> None:
    """A filter: short when closed, its drop-down wide enough for need names in full."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(min(len(everything), 9))
    combo.view().setMinimumWidth(260)
    combo.addItem(everything, None)


class PlansView(QWidget):
    """The page's widgets, laid out; no behaviour beyond what Qt gives them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plansPage")
        self.model = PlanTableModel(self)
        scaffold = PageScaffold(self, "Plan register")
        #: Actions on the register (the controller connects them).
        self.toolbar = QToolBar("Plan actions", self)
        self.toolbar.setObjectName("plansToolbar")
        self.toolbar.setAccessibleName("Plan actions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        scaffold.add_action(self.toolbar)
        self.import_plans_action = self.toolbar.addAction("Import register…")
        self.import_plans_action.setToolTip(
            "Import or update the plan register from a CSV or Excel file")
        self.import_advice_action = self.toolbar.addAction("Import advice…")
        self.import_advice_action.setToolTip(
            "Import advice requests and returns from a CSV or Excel file")
        self.ui = Ui_PlansBody()
        scaffold.add_form(self.ui)
        ui = self.ui
        self.search, self.clear_button = ui.planSearch, ui.clearFilters
        self.team_combo, self.need_combo, self.phase_combo = (ui.teamFilter, ui.needFilter,
                                                              ui.phaseFilter)
        self.count_label, self.busy_bar, self.problem_label = (ui.planCount, ui.plansBusy,
                                                               ui.planProblem)
        self.body, self.table, self.empty_state = ui.planStack, ui.planTable, ui.plansEmptyState
        self.empty_label, self.demo_button = ui.plansEmpty, ui.loadDemo
        self.splitter = ui.plansSplitter
        self._finish_layout()

    def _finish_layout(self) -> None:
        """What the form cannot say: choices, the model, fonts and row heights."""
        for combo, everything in ((self.team_combo, "All teams"),
                                  (self.need_combo, "All needs"),
                                  (self.phase_combo, "All phases")):
            _filter_combo(combo, everything)
        self.problem_label.hide()
        self.busy_bar.hide()
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.empty_label.setFont(font)
        table = self.table
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.sortByColumn(COL_ISSUED, Qt.SortOrder.DescendingOrder)
        table.verticalHeader().hide()
        # fixed row heights: nothing measures 60,000 rows when the model is reset
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
