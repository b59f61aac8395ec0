"""A plan's Reviews tab and the feedback entry form: reviews with their timeliness in
words, responses without their comments, a response typed in and stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import insert, select

from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.gui.feedback_dialog import FeedbackDialog
from qa_audit.gui.plan_reviews_tab import PlanReviewsTab
from qa_audit.services.plan_board import (
    FeedbackEntry,
    add_feedback,
    approve_feedback_excerpt,
    feedback_for_plan,
    reviews_for_plan,
)
from qa_audit.storage import models as m
from tests.gui.conftest import insert_plans, plan, unnamed_controls

D = dt.date
TODAY = D(2026, 6, 30)


@pytest.fixture
def with_review(ctx: AppContext) -> AppContext:
    insert_plans(ctx.db, [plan("AB1", D(2025, 5, 1))])
    with ctx.db.write() as s:
        pid = s.scalar(select(m.Plan.id))
        s.execute(insert(m.AnnualReview), [
            {"plan_id": pid, "due_date": D(2026, 5, 1), "meeting_date": D(2026, 5, 1),
             "decision": "amend", "decision_date": D(2026, 5, 30),
             "amended_issue_date": D(2026, 7, 25), "child_attended": True, "version": 1}])
    return ctx


def test_reviews_in_words(with_review: AppContext) -> None:
    (row,) = reviews_for_plan(with_review.db, "ab1")
    # meeting on the due date; decided 29 days after; amended plan 56 days after decision
    assert row.on_time_text == ("held by the due date; decided after 4 weeks; amended plan "
                                "within 8 weeks")


def test_entry_is_checked_stored_and_approved(with_review: AppContext) -> None:
    db, actor = with_review.db, with_review.actor
    bad = FeedbackEntry("AB1", "grandparent", D(2026, 7, 2), rating=6)
    with pytest.raises(UserError, match="Respondent must be one of") as err:
        add_feedback(db, bad, actor, today=TODAY)
    assert "A rating is 1 to 5" in str(err.value) and "in the future" in str(err.value)
    good = FeedbackEntry("ab1", "parent_carer", D(2026, 6, 1), rating=4,
                         felt_listened_to="partly", comments="Ask Mrs Jones about Sam")
    fid = add_feedback(db, good, actor, today=TODAY)
    with pytest.raises(UserError, match="already has a response"):
        add_feedback(db, good, actor, today=TODAY)
    (row,) = feedback_for_plan(db, "AB1")
    assert (row.rating, row.has_comments, row.approved_excerpt) == (4, True, None)
    text = approve_feedback_excerpt(db, fid, None, actor, names=["Sam", "Jones"])
    assert "Sam" not in text and "Jones" not in text
    assert feedback_for_plan(db, "AB1")[0].approved_excerpt == text


def test_tab_and_dialog(qtbot: Any, with_review: AppContext) -> None:
    tab = PlanReviewsTab(with_review)
    qtbot.addWidget(tab)
    tab.show_plan("AB1")
    assert tab.reviews_model.rowCount() == 1
    assert tab.reviews_model.index(0, 6).data().startswith("held by the due date")
    assert tab.feedback_model.rowCount() == 0
    dialog = FeedbackDialog(with_review, "AB1", tab, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.rating.setCurrentIndex(dialog.rating.findData(2))
    dialog.comments.setPlainText("Too slow")
    dialog.save()
    assert dialog.saved_id is not None and dialog.result() == dialog.DialogCode.Accepted
    assert tab.feedback_model.rowCount() == 1  # refreshed by the notice
    assert tab.feedback_model.index(0, 5).data() == "given, not approved for quoting"
    again = FeedbackDialog(with_review, "AB1", tab, today=TODAY)
    qtbot.addWidget(again)
    again.save()  # the same respondent and date: refused, the dialog stays open
    assert "already has a response" in again.problem.text()
    assert unnamed_controls(tab) == [] and unnamed_controls(again) == []


def test_excerpt_approved_in_the_tab_quotes_only_the_approved_words(
        qtbot: Any, with_review: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    from qa_audit.gui import plan_reviews_tab
    from qa_audit.services import redaction_terms

    db, actor = with_review.db, with_review.actor
    add_feedback(db, FeedbackEntry("AB1", "parent_carer", D(2026, 6, 1), rating=4,
                                   comments="Sam's plan is clear but the wait was long"),
                 actor, today=TODAY)
    redaction_terms.add_term(db, "Sam", actor)
    tab = PlanReviewsTab(with_review)
    qtbot.addWidget(tab)
    tab.show_plan("AB1")
    assert not tab.approve_button.isEnabled()  # nothing chosen yet
    tab.feedback.selectionModel().select(
        tab.feedback.model().index(0, 0),
        tab.feedback.selectionModel().SelectionFlag.ClearAndSelect
        | tab.feedback.selectionModel().SelectionFlag.Rows)
    assert tab.approve_button.isEnabled()
    opened: list[Any] = []

    def run(dialog: Any) -> int:
        opened.append(dialog)
        assert "wait was long" in dialog.comments.toPlainText()  # the approver reads them
        dialog.excerpt.setPlainText("the wait was very long")  # not their words
        dialog.approve_button.click()
        assert "not in the comments" in dialog.problem.text()
        dialog.excerpt.setPlainText("Sam's plan is clear ...")
        dialog.approve_button.click()
        assert dialog.problem.text() == ""
        return 0

    monkeypatch.setattr(plan_reviews_tab.ExcerptApprovalDialog, "exec", run)
    tab.approve_excerpt()
    assert len(opened) == 1 and unnamed_controls(opened[0]) == []
    (row,) = feedback_for_plan(db, "AB1")
    assert row.approved_by == actor.user and row.approved_at is not None
    assert "Sam" not in (row.approved_excerpt or "")
    assert (row.approved_excerpt or "").endswith("plan is clear ...")
    assert "approved:" in tab.feedback_model.index(0, 5).data()  # refreshed by the notice
    opened[0].withdraw_button.click()
    assert feedback_for_plan(db, "AB1")[0].approved_excerpt is None
