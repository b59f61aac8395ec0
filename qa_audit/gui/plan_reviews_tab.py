"""A plan's annual reviews and feedback, for a tab on the plan's detail.

Read-only lists from :mod:`qa_audit.services.plan_board` (reviews with their
timeliness in words; responses with their rating and whether an excerpt is
approved -- never the comments), an "Add feedback…" button that opens
:class:`~qa_audit.gui.feedback_dialog.FeedbackDialog` for the plan, and "Approve
excerpt…" for the chosen response
(:class:`~qa_audit.gui.feedback_approval_dialog.ExcerptApprovalDialog`).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.domain.feedback import RESPONDENT_LABELS
from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.gui.feedback_approval_dialog import ExcerptApprovalDialog
from qa_audit.gui.feedback_dialog import FeedbackDialog
from qa_audit.gui.models.table_base import Column, RowTableModel
from qa_audit.gui.pages.scaffold import read_only_table
from qa_audit.services.plan_board import (
    FeedbackRow,
    ReviewRow,
    feedback_for_plan,
    reviews_for_plan,
)

__all__ = ["PlanReviewsTab"]


def _date(day: object) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def _comments(f: FeedbackRow) -> str:
    """Whether the comments may be quoted -- never the comments themselves."""
    if f.approved_excerpt:
        return f"approved: {f.approved_excerpt}"
    return "given, not approved for quoting" if f.has_comments else ""


class ReviewsModel(RowTableModel[ReviewRow]):
    """The plan's annual reviews, with their timeliness in words."""

    COLUMNS = (
        Column("Due", lambda r: _date(r.due_date)),
        Column("Meeting", lambda r: _date(r.meeting_date)),
        Column("Decision", lambda r: r.decision or ""),
        Column("Decided", lambda r: _date(r.decision_date)),
        Column("Amended plan", lambda r: _date(r.amended_issue_date)),
        Column("Child took part",
               lambda r: {True: "yes", False: "no", None: ""}[r.child_attended]),
        Column("On time", lambda r: r.on_time_text),
    )


class FeedbackModel(RowTableModel[FeedbackRow]):
    """The plan's feedback responses: rating, and whether an excerpt is approved."""

    COLUMNS = (
        Column("Date", lambda f: _date(f.date)),
        Column("From", lambda f: RESPONDENT_LABELS.get(f.respondent, f.respondent)),
        Column("Stage", lambda f: f.stage.replace("_", " ")),
        Column("Rating", lambda f: "" if f.rating is None else str(f.rating)),
        Column("Felt listened to", lambda f: f.felt_listened_to or ""),
        Column("Comments", _comments),
    )


def _table(model: RowTableModel[ReviewRow] | RowTableModel[FeedbackRow],
           name: str) -> QTableView:
    t = QTableView()
    t.setModel(model)
    read_only_table(t)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    t.setAccessibleName(name)
    return t


class PlanReviewsTab(QWidget):
    """``PlanReviewsTab(ctx)``, then ``show_plan(ref)`` whenever the plan shown changes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan_ref: str | None = None
        self.responses: list[FeedbackRow] = []
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Annual reviews"))
        self.reviews_model = ReviewsModel(self)
        self.reviews = _table(self.reviews_model, "Annual reviews")
        layout.addWidget(self.reviews)
        layout.addWidget(QLabel("Feedback from families, young people and settings"))
        self.feedback_model = FeedbackModel(self)
        self.feedback = _table(self.feedback_model, "Feedback")
        layout.addWidget(self.feedback)
        self.feedback.selectionModel().selectionChanged.connect(
            lambda *_: self._selection_changed())
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add feedback…")
        self.add_button.setAccessibleName("Add feedback")
        self.add_button.clicked.connect(self.add_feedback)
        self.approve_button = QPushButton("Approve excerpt…")
        self.approve_button.setAccessibleName("Approve an excerpt of the comments")
        self.approve_button.setToolTip("Choose the words of this response's comments that "
                                       "reports may quote (redacted)")
        self.approve_button.clicked.connect(self.approve_excerpt)
        self.approve_button.setEnabled(False)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.approve_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        ctx.data_changed.connect(self._on_data_changed)

    def _on_data_changed(self, what: str) -> None:
        if what in ("reviews", "feedback", "plans") and self.plan_ref:
            self.show_plan(self.plan_ref)

    def show_plan(self, ref: str | None) -> None:
        self.plan_ref = ref
        self.add_button.setEnabled(bool(ref) and not self.ctx.db.read_only)
        if not ref:
            self.responses = []
            self.reviews_model.set_rows([])
            self.feedback_model.set_rows([])
            self._selection_changed()
            return
        try:
            reviews, responses = reviews_for_plan(self.ctx.db, ref), feedback_for_plan(
                self.ctx.db, ref)
        except UserError:
            reviews, responses = [], []
        self.reviews_model.set_rows(reviews)
        self.responses = responses
        self.feedback_model.set_rows(responses)
        self._selection_changed()

    def add_feedback(self) -> None:
        FeedbackDialog(self.ctx, self.plan_ref or "", self).exec()

    def chosen_response(self) -> FeedbackRow | None:
        rows = self.feedback.selectionModel().selectedRows()
        index = rows[0].row() if rows else -1
        return self.responses[index] if 0 <= index < len(self.responses) else None

    def _selection_changed(self) -> None:
        chosen = self.chosen_response()
        self.approve_button.setEnabled(chosen is not None and chosen.has_comments
                                       and not self.ctx.db.read_only)

    def approve_excerpt(self) -> None:
        chosen = self.chosen_response()
        if chosen is not None:
            ExcerptApprovalDialog(self.ctx, chosen, self).exec()
