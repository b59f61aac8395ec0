"""Entering one family's, young person's or setting's response about a plan by hand.

The dialog collects the fields; :class:`~qa_audit.services.plan_board.FeedbackEntry`
checks them (the same rules as ``feedback import``) and
:func:`~qa_audit.services.plan_board.add_feedback` stores them. Comments may hold
personal data: they are stored, never shown in reports until an excerpt is approved.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from qa_audit.domain.feedback import LISTENED, RESPONDENT_LABELS, STAGES
from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.services.plan_board import FeedbackEntry, add_feedback

__all__ = ["FeedbackDialog"]

_STAGE_LABELS = {"new_plan": "New plan", "annual_review": "Annual review"}


class FeedbackDialog(QDialog):
    """``FeedbackDialog(ctx, plan_ref)``: OK saves; problems are shown in the dialog."""

    def __init__(self, ctx: AppContext, plan_ref: str = "", parent: QWidget | None = None,
                 *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or dt.date.today()
        self.saved_id: int | None = None
        self.setWindowTitle("Add feedback")
        form = QFormLayout(self)
        self.plan_edit = QLineEdit(plan_ref)
        self.respondent = QComboBox()
        for key, label in RESPONDENT_LABELS.items():
            self.respondent.addItem(label, key)
        self.date_edit = QDateEdit(QDate(self.today.year, self.today.month, self.today.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.stage = QComboBox()
        for key in STAGES:
            self.stage.addItem(_STAGE_LABELS[key], key)
        self.rating = QComboBox()
        self.rating.addItem("No rating", None)
        for n, words in ((5, "very satisfied"), (4, "satisfied"), (3, "neither"),
                         (2, "dissatisfied"), (1, "very dissatisfied")):
            self.rating.addItem(f"{n} ({words})", n)
        self.listened = QComboBox()
        self.listened.addItem("Not asked", None)
        for key in LISTENED:
            self.listened.addItem(key.capitalize(), key)
        self.comments = QPlainTextEdit()
        self.comments.setTabChangesFocus(True)
        self.comments.setPlaceholderText("Quoted in reports only as an approved, redacted "
                                         "excerpt")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #B03A2E;")
        for label, widget in (("Plan reference", self.plan_edit),
                              ("Respondent", self.respondent), ("Date", self.date_edit),
                              ("Stage", self.stage), ("Rating", self.rating),
                              ("Felt listened to", self.listened), ("Comments", self.comments)):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def entry(self) -> FeedbackEntry:
        day = self.date_edit.date()
        return FeedbackEntry(
            plan_ref=self.plan_edit.text().strip(), respondent=self.respondent.currentData(),
            date=dt.date(day.year(), day.month(), day.day()), stage=self.stage.currentData(),
            rating=self.rating.currentData(), felt_listened_to=self.listened.currentData(),
            comments=self.comments.toPlainText())

    def save(self) -> None:
        """Store the response and close, or say why not and stay open."""
        try:
            self.saved_id = add_feedback(self.ctx.db, self.entry(), self.ctx.actor,
                                         today=self.today)
        except UserError as exc:
            self.problem.setText(exc.message)
            return
        self.ctx.notify("feedback")
        self.accept()
