"""The Actions page: every action agreed at moderation, across sessions, by due date.

Filters (owner, status, session) are applied by the service query
(``services.actions.list_actions``) so the page shows what a report would;
"overdue only" is a view filter. Done / Cancel / Reopen change the status with
the version this page loaded: when someone else changed the action in between,
the user is asked (keep theirs, or overwrite with mine), never overwritten silently.

This module is the controller; the layout is ``actions.view`` (the Designer form
``forms/actions_page.ui``) and the decisions ``actions.presenter`` (no Qt,
unit-tested with a fake store).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from qa_audit.errors import UserError
from qa_audit.gui import database_actions
from qa_audit.gui.actions.presenter import (
    EMPTY_TEXT,
    REFRESH_ON,
    ActionsPresenter,
    ServiceBackend,
    StatusConflict,
    count_text,
)
from qa_audit.gui.actions.view import ActionsView
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages import moderation_dialogs
from qa_audit.gui.pages.action_edit_dialog import ActionEditDialog
from qa_audit.gui.pages.moderation_dialogs import OVERWRITE, Conflict
from qa_audit.services.actions import ActionFilter, ActionView

log = logging.getLogger(__name__)

__all__ = ["EMPTY_TEXT", "REFRESH_ON", "ActionsPage", "count_text"]


class ActionsPage(ActionsView):
    """Actions across sessions: ``ActionsPage(ctx)``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent, today=today)
        self.ctx = ctx
        self._today = today
        self._own_notice = False
        self._stale = False
        self.presenter = ActionsPresenter(ServiceBackend(lambda: ctx.db, lambda: ctx.actor),
                                          today)
        for combo in (self.owner_combo, self.status_combo, self.session_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.overdue_check.toggled.connect(self._on_overdue_only)
        self.done_button.clicked.connect(lambda: self.set_status("done"))
        self.cancel_button.clicked.connect(lambda: self.set_status("cancelled"))
        self.reopen_button.clicked.connect(lambda: self.set_status("open"))
        self.add_button.clicked.connect(self.add_action)
        self.edit_button.clicked.connect(self.edit_action)
        self.table.doubleClicked.connect(self.edit_action)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        ctx.data_changed.connect(self._on_data_changed)
        self.reload()

    # ------------------------------------------------------------ controller

    def current_filter(self) -> ActionFilter:
        return ActionFilter(owner=self.owner_combo.currentData(),
                            status=self.status_combo.currentData(),
                            session=self.session_combo.currentData())

    def reload(self) -> None:
        """Refresh the filter choices (owners, sessions), then the rows."""
        try:
            owners, names = self.presenter.choices()
        except UserError as exc:
            self._show_problem(exc)
            return
        _refill(self.owner_combo, [(o, o) for o in owners])
        _refill(self.session_combo, [(n, n) for n in names])
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected()
        try:
            shown = self.presenter.load(self.current_filter())
        except UserError as exc:
            self._show_problem(exc)
            return
        self.problem_label.hide()
        self.model.set_rows(shown.rows)
        self.count_label.setText(shown.count)
        self.empty_label.setVisible(shown.empty)
        self.table.setVisible(not shown.empty)
        if selected is not None:
            self.select_action(selected.record.id)
        self._update_buttons()

    def select_action(self, action_id: int) -> bool:
        row = self.model.row_of(action_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        return True

    def selected(self) -> ActionView | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.model.view_at(self.proxy.mapToSource(index).row())

    def visible_views(self) -> list[ActionView]:
        """The actions as shown, in display order."""
        return [self.model.view_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]

    def _update_buttons(self, *_args: object) -> None:
        rule = self.presenter.buttons(self.selected())
        self.done_button.setEnabled(rule.done)
        self.cancel_button.setEnabled(rule.cancel)
        self.reopen_button.setEnabled(rule.reopen)
        self.edit_button.setEnabled(rule.edit)

    def add_action(self) -> bool:
        """"Add action…": a new open action in a chosen session (``actions.add_action``)."""
        try:
            names = self.presenter.writable_sessions()
        except UserError as exc:
            database_actions.show_user_error(self, "No action added", exc)
            return False
        dialog = ActionEditDialog(names, self.presenter.backend.owners(), self._today(), None,
                                  self)
        try:
            while dialog.exec() == QDialog.DialogCode.Accepted:
                value = dialog.value()
                try:
                    new_id, message = self.presenter.add(
                        dialog.session_name(), value.text, plan_ref=dialog.plan_ref(),
                        owner=value.owner, due_date=value.due_date, reaudit=dialog.reaudit())
                except UserError as exc:
                    database_actions.show_user_error(self, "No action added", exc)
                    continue
                self._saved(message)
                self.select_action(new_id)
                return True
            return False
        finally:
            dialog.deleteLater()

    def edit_action(self, *_args: object) -> bool:
        """"Edit…": the selected action's text, owner and due date, version-checked."""
        view = self.selected()
        if view is None:
            return False
        dialog = ActionEditDialog([], self.presenter.backend.owners(), self._today(),
                                  view.record, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            value = dialog.value()
            try:
                message = self.presenter.edit(view, value.text, value.owner, value.due_date)
            except UserError as exc:
                database_actions.show_user_error(self, "Action not changed", exc)
                self.refresh()
                return False
            self._saved(message)
            return True
        finally:
            dialog.deleteLater()

    def _saved(self, message: str, *, reload: bool = True) -> None:
        """Say so, show it, and tell the other pages (not this one again)."""
        self.ctx.status_message.emit(message)
        if reload:  # a new owner or session for the filters
            self.reload()
        else:
            self.refresh()
        self._own_notice = True
        try:
            self.ctx.notify("actions")
        finally:
            self._own_notice = False

    def _on_overdue_only(self, checked: bool) -> None:
        self.proxy.set_overdue_only(checked)

    def set_status(self, status: str) -> bool:
        """Done / Cancel / Reopen the selected action, checking nobody changed it meanwhile."""
        view = self.selected()
        if view is None:
            return False

        def overwrite(c: StatusConflict) -> bool:
            log.info("action conflict: %s changed %s", c.changed_by, c.what)
            conflict = Conflict(c.what, c.changed_by, c.changed_at, c.theirs, c.mine)
            return moderation_dialogs.ask_conflict(self, conflict) == OVERWRITE

        try:
            message = self.presenter.change_status(view, status, overwrite)
        except UserError as exc:
            database_actions.show_user_error(self, "Action not changed", exc)
            message = None
        if message is None:
            self.refresh()
            return False
        self._saved(message, reload=False)
        return True

    def _on_data_changed(self, what: str) -> None:
        if not self.presenter.refreshes_on(what, self._own_notice):
            return
        if not self.isVisible():  # catch up when shown, not on every save elsewhere
            self._stale = True
            return
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def _show_problem(self, exc: UserError) -> None:
        log.info("actions page: %s", exc.message)
        self.problem_label.setText(exc.message)
        self.problem_label.show()
        self.ctx.status_message.emit(exc.message)


def _refill(combo: QComboBox, choices: list[tuple[str, str]]) -> None:
    """Replace a filter's choices, keeping the current one when it still exists."""
    current = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for label, value in choices:
        combo.addItem(label, value)
    index = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)
