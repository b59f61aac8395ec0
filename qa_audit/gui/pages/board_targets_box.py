"""The Scorecard page's editor of the council's targets (20-week plans, advice within
6 weeks, reviews on time, families satisfied): the stored steps, and one step set or
removed at a time through :mod:`qa_audit.services.board_targets` (logged). Saving
tells the other pages ("targets"), so the scorecard's grid and the Dashboard's
timeliness panel are judged against the new target.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.errors import UserError
from qa_audit.gui import messages
from qa_audit.gui.context import AppContext
from qa_audit.gui.models.table_base import Column, RowTableModel
from qa_audit.gui.pages import board_targets_presenter as presenter
from qa_audit.gui.pages.scaffold import read_only_table
from qa_audit.services import board_targets
from qa_audit.services.board_targets import TargetRow

__all__ = ["BoardTargetsBox", "TargetsModel"]


def _target_column(position: int, header: str) -> Column[TargetRow]:
    return Column(header, lambda r: presenter.table_rows([r])[0][position])


class TargetsModel(RowTableModel[TargetRow]):
    """The stored steps, in the presenter's words (measure, from, target, set by)."""

    COLUMNS = tuple(_target_column(i, h) for i, h in enumerate(presenter.HEADER))


class BoardTargetsBox(QGroupBox):
    """``BoardTargetsBox(ctx)``; ``refresh()`` reloads the stored steps."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("The council's targets", parent)
        self.ctx = ctx
        self.rows: list[TargetRow] = []
        layout = QVBoxLayout(self)
        self.model = TargetsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        read_only_table(self.table)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(120)
        self.table.setAccessibleName("Targets in the database")
        layout.addWidget(self.table)
        bar = QHBoxLayout()
        self.kpi_combo = QComboBox()
        for label, kpi in presenter.kpi_choices():
            self.kpi_combo.addItem(label, kpi)
        self.from_edit = QDateEdit(QDate.currentDate())
        self.from_edit.setCalendarPopup(True)
        self.from_edit.setDisplayFormat("dd/MM/yyyy")
        self.percent_edit = QLineEdit()
        self.percent_edit.setPlaceholderText("e.g. 90")
        self.percent_edit.setMaximumWidth(70)
        self.set_button = QPushButton("Set target")
        self.remove_button = QPushButton("Remove selected")
        for widget, name in ((self.kpi_combo, "Measure"), (self.from_edit, "Target from"),
                             (self.percent_edit, "Target percent"),
                             (self.set_button, "Set the target"),
                             (self.remove_button, "Remove the selected target")):
            widget.setAccessibleName(name)
        self.set_button.clicked.connect(self.set_target)
        self.remove_button.clicked.connect(self.remove_selected)
        parts: tuple[QWidget, ...] = (self.kpi_combo, QLabel("from"), self.from_edit,
                                      self.percent_edit, QLabel("%"), self.set_button,
                                      self.remove_button)
        for part in parts:
            bar.addWidget(part)
        bar.addStretch(1)
        layout.addLayout(bar)
        writable = not ctx.db.read_only
        self.set_button.setEnabled(writable)
        self.remove_button.setEnabled(writable)

    def refresh(self) -> None:
        try:
            self.rows = board_targets.list_targets(self.ctx.db)
        except UserError:
            self.rows = []
        self.model.set_rows(self.rows)

    def _from_date(self) -> dt.date:
        d = self.from_edit.date()
        return dt.date(d.year(), d.month(), d.day())

    def set_target(self) -> None:
        try:
            percent = presenter.parse_percent(self.percent_edit.text())
            board_targets.set_target(self.ctx.db, self.kpi_combo.currentData(),
                                     self._from_date(), percent, self.ctx.actor)
        except UserError as exc:
            messages.show_user_error(self, "Cannot set the target", exc)
            return
        self.percent_edit.clear()
        self._saved("Target saved.")

    def remove_selected(self) -> None:
        chosen = self.table.selectionModel().selectedRows()
        if not chosen or chosen[0].row() >= len(self.rows):
            return
        row = self.rows[chosen[0].row()]
        try:
            board_targets.remove_target(self.ctx.db, row.kpi, row.from_date, self.ctx.actor)
        except UserError as exc:
            messages.show_user_error(self, "Cannot remove the target", exc)
            return
        self._saved(f"Target from {row.from_date:%d/%m/%Y} removed.")

    def _saved(self, message: str) -> None:
        self.refresh()
        self.ctx.status_message.emit(message)
        self.ctx.notify("targets")
