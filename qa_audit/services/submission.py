"""Submitting and reopening a member's audit, and the session's scoring progress.

A submitted audit must be complete (every applicable question answered, an overall
grade); reopening puts it back to draft so the member can change it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from qa_audit.domain.items import ItemKey, as_item
from qa_audit.domain.rubric import Rubric
from qa_audit.errors import UserError
from qa_audit.services import changelog
from qa_audit.services.scoring import (
    _context,
    _own_audit,
    plan_facts,
)
from qa_audit.services.sessions import ensure_writable, find_session
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database


@dataclass(frozen=True)
class Completeness:
    missing_questions: tuple[str, ...]
    missing_overall: bool

    @property
    def complete(self) -> bool:
        return not self.missing_questions and not self.missing_overall

    def describe(self) -> str:
        parts = []
        if self.missing_questions:
            parts.append(
                f"{len(self.missing_questions)} question(s) unanswered: "
                + ", ".join(self.missing_questions)
            )
        if self.missing_overall:
            parts.append("no overall grade")
        return "; ".join(parts)


def completeness(
    rubric: Rubric, facts: dict[str, object], answers: dict[str, str | None], overall: int | None
) -> Completeness:
    missing = tuple(q.id for q in rubric.applicable_questions(facts) if not answers.get(q.id))
    return Completeness(missing, overall is None)


def submit(db: Database, session_name: str, plan_ref: str | ItemKey, member: str) -> None:
    """Submit a draft once every applicable question and the overall grade are given."""
    with db.write() as s:
        ctx = _context(s, session_name, plan_ref, member)
        ensure_writable(ctx.session)
        audit = _own_audit(s, ctx, create=False)
        label = as_item(plan_ref).label
        if audit is None:
            raise UserError(f"{member} has not started scoring {label}.")
        check = completeness(
            ctx.rubric,
            plan_facts(ctx.plan),
            {a.question_id: a.value for a in audit.answers},
            audit.overall,
        )
        if not check.complete:
            raise UserError(f"Cannot submit {label} yet: {check.describe()}.")
        audit.status = "submitted"
        audit.submitted_at = m.utcnow()
        changelog.record(
            s,
            ctx.actor,
            "audit",
            f"{ctx.session.name}/{ctx.log_key()}/{member}",
            "submit",
            after={"overall": audit.overall},
        )


def reopen(db: Database, session_name: str, plan_ref: str | ItemKey, member: str) -> None:
    with db.write() as s:
        ctx = _context(s, session_name, plan_ref, member)
        ensure_writable(ctx.session)
        audit = _own_audit(s, ctx, create=False)
        if audit is None or audit.status != "submitted":
            raise UserError("Only a submitted audit can be reopened.")
        if s.scalar(select(m.Audit.id).where(ctx.same_item(), m.Audit.is_panel.is_(True))):
            raise UserError("The panel has started moderating this plan; it cannot be reopened.")
        audit.status = "draft"
        audit.submitted_at = None


# ------------------------------------------------------------------ progress


@dataclass(frozen=True)
class MemberProgress:
    member: str
    role: str
    submitted: int
    drafts: int
    plans: int


def session_progress(db: Database, session_name: str) -> list[MemberProgress]:
    """Plans submitted / in draft per member, in three small queries (no sample rows
    loaded)."""
    with db.read() as s:
        row = find_session(s, session_name)
        # counted, not loaded: the sample's ORM rows were built only to be counted
        plans = s.scalar(select(func.count()).select_from(m.SampleEntry).where(
            m.SampleEntry.session_id == row.id, m.SampleEntry.withdrawn_at.is_(None))) or 0
        counts = {
            (a, st): n
            for a, st, n in s.execute(
                select(m.Audit.auditor, m.Audit.status, func.count())
                .where(m.Audit.session_id == row.id, m.Audit.is_panel.is_(False))
                .group_by(m.Audit.auditor, m.Audit.status)
            )
        }
        return [
            MemberProgress(
                p.name,
                p.role,
                counts.get((p.name, "submitted"), 0),
                counts.get((p.name, "draft"), 0),
                plans,
            )
            for p in row.members
        ]
