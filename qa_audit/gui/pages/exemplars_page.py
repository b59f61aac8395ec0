"""The Exemplar library page: plans the panel marked as exemplars, good-practice
excerpts against rubric questions (approved and redacted before any report quotes
them), and training dates.

A thin controller over :class:`~qa_audit.gui.pages.exemplar_presenter.ExemplarLibraryPresenter`,
which holds every rule and message; the layout is ``exemplars.view`` (the Designer form
``forms/exemplars_page.ui``); this module fills the tables and forwards clicks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QWidget

from qa_audit.gui.context import AppContext
from qa_audit.gui.exemplars.view import ExemplarsView
from qa_audit.gui.pages.exemplar_presenter import ExemplarLibraryPresenter
from qa_audit.gui.pages.training_dialog import TrainingDialog

__all__ = ["ExemplarsPage"]

class ExemplarsPage(ExemplarsView):
    """``ExemplarsPage(ctx)``; ``dialog`` builds the training dialog (tests replace it)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 dialog: Callable[..., TrainingDialog] = TrainingDialog) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.presenter = ExemplarLibraryPresenter(ctx.db, ctx.actor)
        self._dialog = dialog
        self.approve_button.clicked.connect(self.approve_selected)
        self.training_button.clicked.connect(self.add_training)
        self.good_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_buttons())
        self.reload()

    # ------------------------------------------------------------ controller

    def reload(self) -> None:
        view = self.presenter.load()
        self.summary_label.setText(view.summary)
        self.exemplar_model.set_rows(view.exemplars)
        self.good_model.set_rows(view.good_practice)
        self.training_model.set_rows(view.trainings)
        self._update_buttons()

    def _selected_waiting_id(self) -> int | None:
        chosen = self.good_table.selectionModel().selectedRows()
        row = self.good_model.get_row(chosen[0].row()) if chosen else None
        if row is None or not row.cells or not row.cells[-1].startswith("waiting"):
            return None
        return row.id

    def _update_buttons(self) -> None:
        self.approve_button.setEnabled(self._selected_waiting_id() is not None)

    def approve_selected(self) -> None:
        gp_id = self._selected_waiting_id()
        if gp_id is None:
            return
        self._done(self.presenter.approve(gp_id))

    def add_training(self) -> None:
        rubrics, questions = self.presenter.training_choices()
        dialog = self._dialog(rubrics, questions, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._done(self.presenter.add_training(dialog.rubric_id(), dialog.date_text(),
                                               dialog.title(), dialog.question_ids()))

    def _done(self, message: str) -> None:
        self.message_label.setText(message)
        self.ctx.notify("exemplars")
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()
