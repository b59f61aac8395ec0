"""One plan's annual reviews and feedback, and entering a response by hand.

What the plan detail's Reviews tab and the feedback entry form use: plain records
out (no ORM objects), one unit of work per save. The rules are the imports' own
(:mod:`qa_audit.domain.feedback`, :mod:`qa_audit.domain.annual_review`): a form
cannot store what a file could not. A response's comments may hold personal data;
approving an excerpt redacts it (as evidence excerpts are) and only that is quoted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_audit.domain import feedback as rules
from qa_audit.domain.board import ReviewRecord
from qa_audit.domain.timeliness import (
    amended_within_8_weeks,
    decided_within_4_weeks,
    held_by_due_date,
)
from qa_audit.errors import NotFound, UserError
from qa_audit.reporting.redaction import redact
from qa_audit.services import changelog, redaction_terms
from qa_audit.services.actor import Actor
from qa_audit.services.plan_lookup import plan_id
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["FeedbackEntry", "FeedbackRow", "ReviewRow", "add_feedback", "approve_feedback_excerpt",
           "comments_to_approve", "feedback_for_plan", "feedback_id", "reviews_for_plan",
           "withdraw_feedback_excerpt"]


@dataclass(frozen=True)
class ReviewRow(ReviewRecord):
    """A review with its timeliness, as a plan's Reviews tab lists it."""

    @property
    def on_time_text(self) -> str:
        """E.g. "held on time; decided within 4 weeks; amended plan late"."""
        if self.meeting_date is None:
            return "not held yet"
        parts = ["held by the due date" if held_by_due_date(self.due_date, self.meeting_date)
                 else "held after the due date"]
        if self.decision_date is not None:
            parts.append("decided within 4 weeks"
                         if decided_within_4_weeks(self.meeting_date, self.decision_date)
                         else "decided after 4 weeks")
        if self.decision == "amend":
            parts.append("amended plan within 8 weeks"
                         if amended_within_8_weeks(self.decision_date, self.amended_issue_date)
                         else "amended plan not issued within 8 weeks")
        return "; ".join(parts)


@dataclass(frozen=True)
class FeedbackRow:
    id: int
    respondent: str
    date: dt.date
    stage: str
    rating: int | None
    felt_listened_to: str | None
    has_comments: bool
    approved_excerpt: str | None
    approved_by: str | None = None
    approved_at: dt.datetime | None = None


@dataclass(frozen=True)
class FeedbackEntry:
    """One response typed into the form (checked by :meth:`problems`)."""

    plan_ref: str
    respondent: str
    date: dt.date
    stage: str = "new_plan"
    rating: int | None = None
    felt_listened_to: str | None = None
    comments: str = ""

    def problems(self, today: dt.date) -> list[str]:
        out = []
        if not self.plan_ref.strip():
            out.append("Give the plan reference.")
        if self.respondent not in rules.RESPONDENTS:
            out.append(f"Respondent must be one of {', '.join(rules.RESPONDENTS)}.")
        if self.stage not in rules.STAGES:
            out.append(f"Stage must be one of {', '.join(rules.STAGES)}.")
        if self.rating is not None and not rules.RATING_MIN <= self.rating <= rules.RATING_MAX:
            out.append("A rating is 1 to 5 (5 = very satisfied).")
        if self.felt_listened_to not in (None, *rules.LISTENED):
            out.append("Felt listened to: yes, partly or no.")
        if self.date > today:
            out.append("The response date is in the future.")
        return out


def _plan(s: Session, ref: str) -> int:
    found = plan_id(s, ref)
    if found is None:
        raise NotFound(f"No plan {ref!r} in the register.")
    return found


def reviews_for_plan(db: Database, ref: str) -> list[ReviewRow]:
    """The plan's annual reviews, latest due first."""
    r = m.AnnualReview
    with db.read() as s:
        pid = _plan(s, ref)
        stored = s.scalar(select(m.Plan.plan_ref).where(m.Plan.id == pid)) or ref
        rows = s.execute(select(r.due_date, r.meeting_date, r.decision, r.decision_date,
                                r.amended_issue_date, r.child_attended)
                         .where(r.plan_id == pid).order_by(r.due_date.desc()))
        return [ReviewRow(stored, *row) for row in rows]


def feedback_for_plan(db: Database, ref: str) -> list[FeedbackRow]:
    """The plan's responses, latest first (comments are not returned, only whether any)."""
    f = m.Feedback
    with db.read() as s:
        pid = _plan(s, ref)
        rows = s.execute(select(f.id, f.respondent, f.response_date, f.stage, f.rating,
                                f.felt_listened_to, f.comments.is_not(None),
                                f.approved_excerpt, f.approved_by, f.approved_at)
                         .where(f.plan_id == pid).order_by(f.response_date.desc(), f.id))
        return [FeedbackRow(*row) for row in rows]


def add_feedback(db: Database, entry: FeedbackEntry, actor: Actor,
                 today: dt.date | None = None) -> int:
    """Store one response; UserError naming every problem, or when the plan already has
    a response from that respondent on that date (the import's key)."""
    problems = entry.problems(today or dt.date.today())
    if problems:
        raise UserError("The response was not saved: " + " ".join(problems))
    with db.write() as s:
        pid = _plan(s, entry.plan_ref)
        f = m.Feedback
        clash = s.scalar(select(f.id).where(f.plan_id == pid, f.respondent == entry.respondent,
                                            f.response_date == entry.date))
        if clash is not None:
            raise UserError(f"{entry.plan_ref} already has a response from this respondent on "
                            f"{entry.date:%d/%m/%Y}; change that one instead.")
        row = m.Feedback(plan_id=pid, respondent=entry.respondent, response_date=entry.date,
                         stage=entry.stage, rating=entry.rating,
                         felt_listened_to=entry.felt_listened_to,
                         comments=entry.comments.strip() or None, updated_by=actor.user)
        s.add(row)
        s.flush()
        changelog.record(s, actor, "feedback", str(row.id), "add",
                         after={"plan_ref": entry.plan_ref, "respondent": entry.respondent,
                                "date": entry.date.isoformat(), "rating": entry.rating})
        return row.id


def feedback_id(db: Database, ref: str, respondent: str, day: dt.date) -> int:
    """The id of the plan's response from ``respondent`` on ``day`` (the import's key)."""
    f = m.Feedback
    with db.read() as s:
        found = s.scalar(select(f.id).where(f.plan_id == _plan(s, ref),
                                            f.respondent == respondent,
                                            f.response_date == day))
    if found is None:
        raise NotFound(f"{ref} has no response from {respondent} on {day:%d/%m/%Y}.")
    return found


def comments_to_approve(db: Database, feedback_id: int) -> str:
    """The comments themselves, for the person choosing the excerpt to approve (never
    for a report)."""
    with db.read() as s:
        row = s.get(m.Feedback, feedback_id)
        if row is None:
            raise NotFound(f"No feedback response {feedback_id}.")
        return row.comments or ""


def approve_feedback_excerpt(db: Database, feedback_id: int, text: str | None, actor: Actor,
                             names: Iterable[str] | None = None) -> str:
    """Approve ``text`` (default: the whole comments) as the excerpt reports may quote:
    it must quote the comments (:func:`~qa_audit.domain.feedback.excerpt_problem`); it is
    stored redacted with the panel's list, with who approved it and when, and logged."""
    listed = redaction_terms.for_reports(db, names)
    with db.write() as s:
        row = s.get(m.Feedback, feedback_id)
        if row is None:
            raise NotFound(f"No feedback response {feedback_id}.")
        chosen = text if text is not None else (row.comments or "")
        problem = rules.excerpt_problem(row.comments, chosen)
        if problem:
            raise UserError(f"Excerpt not approved: {problem}.")
        approved = " ".join(redact(chosen, listed).split())
        before = {"approved_excerpt": row.approved_excerpt, "approved_by": row.approved_by}
        row.approved_excerpt, row.approved_by = approved, actor.user
        row.approved_at = m.utcnow()
        row.updated_by = actor.user
        changelog.record(s, actor, "feedback", str(row.id), "approve_excerpt", before=before,
                         after={"approved_excerpt": approved, "approved_by": actor.user})
        return approved


def withdraw_feedback_excerpt(db: Database, feedback_id: int, actor: Actor) -> bool:
    """No excerpt of this response is quoted any more (False: none was approved)."""
    with db.write() as s:
        row = s.get(m.Feedback, feedback_id)
        if row is None:
            raise NotFound(f"No feedback response {feedback_id}.")
        if row.approved_excerpt is None:
            return False
        before = {"approved_excerpt": row.approved_excerpt, "approved_by": row.approved_by}
        row.approved_excerpt = row.approved_by = row.approved_at = None
        row.updated_by = actor.user
        changelog.record(s, actor, "feedback", str(row.id), "withdraw_excerpt", before=before)
        return True
