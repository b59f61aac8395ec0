"""Approving an excerpt of a family's comments for reports to quote.

The approver reads the comments (the only place outside the database they are
shown), keeps the words to quote -- the whole comments or a part, marking words
left out with "..." -- and approves. The service checks the excerpt quotes the
comments, redacts it with the panel's list, records who approved it and when, and
logs it; reports quote only that. An approved excerpt can be withdrawn.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.services.plan_board import (
    FeedbackRow,
    approve_feedback_excerpt,
    comments_to_approve,
    withdraw_feedback_excerpt,
)

__all__ = ["ExcerptApprovalDialog"]


class ExcerptApprovalDialog(QDialog):
    """``ExcerptApprovalDialog(ctx, row)``: Approve stores the excerpt; Withdraw removes
    an approved one; problems are shown in the dialog, which then stays open."""

    def __init__(self, ctx: AppContext, row: FeedbackRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.approved: str | None = row.approved_excerpt
        self.setWindowTitle("Approve an excerpt for reports")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Comments (never printed as they are):"))
        self.comments = QPlainTextEdit(comments_to_approve(ctx.db, row.id))
        self.comments.setReadOnly(True)
        self.comments.setAccessibleName("Comments")
        layout.addWidget(self.comments)
        layout.addWidget(QLabel("Excerpt to quote (their words; mark words left out "
                                "with ...). Names on the redaction list are masked."))
        self.excerpt = QPlainTextEdit(row.approved_excerpt or self.comments.toPlainText())
        self.excerpt.setTabChangesFocus(True)
        self.excerpt.setAccessibleName("Excerpt to quote")
        layout.addWidget(self.excerpt)
        self.status = QLabel(self._status_text())
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #B03A2E;")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.approve_button = QPushButton("Approve excerpt")
        self.withdraw_button = QPushButton("Withdraw approval")
        buttons.addButton(self.approve_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.withdraw_button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        self.approve_button.clicked.connect(self.approve)
        self.withdraw_button.clicked.connect(self.withdraw)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        writable = not ctx.db.read_only
        self.approve_button.setEnabled(writable)
        self.withdraw_button.setEnabled(writable and self.approved is not None)

    def _status_text(self) -> str:
        r = self.row
        if self.approved is None:
            return "Not approved: reports do not quote this response."
        who = f" by {r.approved_by}" if r.approved_by else ""
        when = f" on {r.approved_at:%d/%m/%Y}" if r.approved_at else ""
        return f"Approved{who}{when}: reports quote “{self.approved}”."

    def approve(self) -> None:
        try:
            self.approved = approve_feedback_excerpt(
                self.ctx.db, self.row.id, self.excerpt.toPlainText(), self.ctx.actor)
        except UserError as exc:
            self.problem.setText(exc.message)
            return
        self.problem.clear()
        self.status.setText(f"Approved by {self.ctx.actor.user}: reports quote "
                            f"“{self.approved}”.")
        self.withdraw_button.setEnabled(True)
        self.ctx.notify("feedback")

    def withdraw(self) -> None:
        try:
            withdraw_feedback_excerpt(self.ctx.db, self.row.id, self.ctx.actor)
        except UserError as exc:
            self.problem.setText(exc.message)
            return
        self.approved = None
        self.problem.clear()
        self.status.setText(self._status_text())
        self.withdraw_button.setEnabled(False)
        self.ctx.notify("feedback")
