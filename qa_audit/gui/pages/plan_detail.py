"""The Plans page's detail: tabs about the plan selected in the register.

Issue 18 puts a plan's annual reviews and feedback "on the plan's detail": the
Plans page is where a plan is chosen, so the detail sits under the register in a
splitter and follows the table's current row; it hides while the table shows no
plans (an empty register's guidance, or a search that matches nothing). Each tab
has ``show_plan(ref)`` (None: no plan chosen);
:class:`~qa_audit.gui.plan_reviews_tab.PlanReviewsTab` is the first.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QTabWidget, QWidget

from qa_audit.gui.context import AppContext
from qa_audit.gui.models.plan_table import PlanTableModel
from qa_audit.gui.plan_reviews_tab import PlanReviewsTab

__all__ = ["NO_PLAN_TEXT", "PlanDetail", "add_detail"]

NO_PLAN_TEXT = "Choose a plan in the register to see its annual reviews and feedback."


class PlanDetail(QTabWidget):
    """Tabs about one plan, following the current row of the register's table."""

    def __init__(self, ctx: AppContext, table: QTableView, model: PlanTableModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planDetail")
        self.setAccessibleName("Plan details")
        self.model = model
        self.table = table
        self.plan_ref: str | None = None
        self.heading = QLabel(NO_PLAN_TEXT, self)
        self.heading.setObjectName("planDetailHeading")
        self.setCornerWidget(self.heading, Qt.Corner.TopRightCorner)
        self.reviews = PlanReviewsTab(ctx, self)
        self.addTab(self.reviews, "&Reviews and feedback")
        self.reviews.show_plan(None)
        # the selection model lives as long as the table's model (never replaced here)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        model.modelReset.connect(self._rows_changed)
        self._rows_changed()

    def _rows_changed(self) -> None:
        """A new load or search: the plan still current, if any (a reset clears it)."""
        self.setVisible(self.model.rowCount() > 0)
        self._current_changed(self.table.selectionModel().currentIndex(), QModelIndex())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        valid = current.isValid() and current.row() < self.model.rowCount()
        self.show_plan(self.model.row_at(current.row()).plan_ref if valid else None)

    def show_plan(self, plan_ref: str | None) -> None:
        """Show this plan in every tab (None: none chosen, e.g. after a new search)."""
        if plan_ref == self.plan_ref:
            return
        self.plan_ref = plan_ref
        self.heading.setText(f"Plan {plan_ref}" if plan_ref else NO_PLAN_TEXT)
        self.reviews.show_plan(plan_ref)


def add_detail(ctx: AppContext, splitter: QSplitter, table: QTableView,
               model: PlanTableModel) -> PlanDetail:
    """The detail of the plan chosen in ``table``, under the register (the splitter's
    first widget, or its empty state) in the Plans form's splitter the user can drag."""
    detail = PlanDetail(ctx, table, model, splitter)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 1)
    return detail
