"""The Actions page's layout: the page scaffold over the Designer form ``forms/actions_page.ui``.

Layout only: ``ActionsView`` sets up the form (filters, problem line, the table
or the "no actions yet" text, the row buttons), names its widgets the way the
controller and the tests know them, puts the count and "Add action…" in the
header, fills the fixed choices and sets the table's model and column widths.
``pages.actions_page.ActionsPage`` subclasses it and adds the logic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QWidget

from qa_audit.gui.actions.presenter import STATUS_LABELS
from qa_audit.gui.generated.ui_actions_page import Ui_ActionsBody
from qa_audit.gui.models.action_table import (
    COL_DUE,
    COL_OWNER,
    COL_PLAN,
    COL_SESSION,
    COL_STATUS,
    COL_TEXT,
    ActionSortProxy,
    ActionTableModel,
)
from qa_audit.gui.pages.scaffold import PageScaffold

__all__ = ["ActionsView"]

#: The widest text expected in each sized column (its starting width).
_COLUMN_SAMPLES = ((COL_DUE, "00/00/0000", 44), (COL_SESSION, "Panel September 2026", 16),
                   (COL_PLAN, "EHC-000000", 20), (COL_OWNER, "SEN Team Manager (Post-16)", 16),
                   (COL_STATUS, "Cancelled – overdue", 16))


class ActionsView(QWidget):
    """The page's widgets, laid out; no behaviour beyond what Qt gives them."""

    def __init__(self, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.setObjectName("actionsPage")
        self.setAccessibleName("Actions")
        self.model = ActionTableModel(self, today=today)
        self.proxy = ActionSortProxy(self)
        self.proxy.setSourceModel(self.model)
        scaffold = PageScaffold(self, "Actions")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("actionCount")
        self.count_label.setAccessibleName("Action count")
        scaffold.add_action(self.count_label)
        self.add_button = QPushButton("&Add action…", self)
        self.add_button.setObjectName("addAction")
        self.add_button.setAccessibleName("Add action")
        self.add_button.setToolTip("Record an action for a session (and plan)")
        scaffold.add_action(self.add_button)
        self.ui = Ui_ActionsBody()
        scaffold.add_form(self.ui)
        ui = self.ui
        self.owner_combo, self.status_combo = ui.ownerFilter, ui.statusFilter
        self.session_combo, self.overdue_check = ui.sessionFilter, ui.overdueOnly
        self.problem_label, self.table, self.empty_label = (ui.actionProblem, ui.actionTable,
                                                            ui.actionsEmpty)
        self.done_button, self.cancel_button = ui.markDone, ui.cancelAction
        self.reopen_button, self.edit_button = ui.reopenAction, ui.editAction
        self._finish_layout()

    def _finish_layout(self) -> None:
        """What the form cannot say: the choices, the model, row heights, column widths."""
        for combo, everything in ((self.owner_combo, "All owners"),
                                  (self.status_combo, "All statuses"),
                                  (self.session_combo, "All sessions")):
            combo.addItem(everything, None)
        for status, label in STATUS_LABELS.items():
            self.status_combo.addItem(label, status)
        self.problem_label.hide()
        self.empty_label.hide()
        table = self.table
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(COL_DUE, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        head = table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        metrics = table.fontMetrics()
        for column, sample, air in _COLUMN_SAMPLES:
            head.resizeSection(column, metrics.horizontalAdvance(sample) + air)
