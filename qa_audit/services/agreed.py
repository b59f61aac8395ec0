"""The panel's agreed audit: who may moderate, and the versioned agreed answers.

Agreed (panel) rows carry a version and a stale save is reported as a
:class:`~qa_audit.services.scoring.ConflictError`, never overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_audit.domain import permissions
from qa_audit.domain.audit import PANEL
from qa_audit.domain.items import ItemKey
from qa_audit.domain.session_guards import status_guard
from qa_audit.errors import NotFound
from qa_audit.services import changelog
from qa_audit.services.panel_access import acting_as
from qa_audit.services.scoring import (
    ConflictError,
    Context,
    NotAllowed,
    _check_grade,
    _context,
    _replace_themes,
    _set_answer,
    bump_version,
)
from qa_audit.services.sessions import ensure_writable, find_session, sample_progress
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database


def can_moderate(member: m.PanelMember | None) -> bool:
    """``domain.permissions.can_moderate`` for a stored member."""
    return member is not None and permissions.can_moderate(member.role, member.can_moderate)


def designate_moderator(
    db: Database, session_name: str, chair: str, member: str, allowed: bool = True
) -> None:
    with db.write() as s:
        row = find_session(s, session_name)
        ensure_writable(row)
        by_name = {p.name: p for p in row.members}
        if chair not in by_name or by_name[chair].role != "chair":
            raise NotAllowed("Only the chair can designate who records agreed scores.")
        if member not in by_name:
            raise NotFound(f"{member} is not on this panel.")
        actor = acting_as(s, by_name[chair])
        by_name[member].can_moderate = allowed
        changelog.record(
            s,
            actor,
            "panel_member",
            f"{row.name}/{member}",
            "designate",
            after={"can_moderate": allowed},
        )


def _panel_audit(s: Session, ctx: Context, moderator: str) -> tuple[m.Audit, bool]:
    """The plan's agreed row, created if missing; the flag says whether it was created."""
    audit = s.scalar(select(m.Audit).where(ctx.same_item(), m.Audit.is_panel.is_(True)))
    created = audit is None
    if audit is None:
        ctx.refuse_whole_plan()
        audit = m.Audit(
            session_id=ctx.session.id,
            plan_id=ctx.plan.id,
            advice_request_id=ctx.advice_request_id,
            auditor=PANEL,
            is_panel=True,
            audit_date=ctx.session.session_date,
            status="draft",
            updated_by=moderator,
        )
        s.add(audit)
        s.flush()
        # the first agreed score starts moderation, unless plans in the sample are still
        # unscored: moving on then is the chair's choice, asked with the counts (issue 16)
        if ctx.session.status in {"planning", "scoring"} and status_guard(
                ctx.session.name, ctx.session.status, "moderation",
                sample_progress(s, ctx.session)) is None:
            ctx.session.status = "moderation"
    return audit, created


def panel_version(db: Database, session_name: str, plan_ref: str | ItemKey) -> int | None:
    """Version of the agreed row as this screen saw it (for conflict checks)."""
    with db.read() as s:
        ctx = _context(s, session_name, plan_ref, None)
        return s.scalar(
            select(m.Audit.version).where(ctx.same_item(), m.Audit.is_panel.is_(True)))


def _moderation_ctx(s: Session, session_name: str, plan_ref: str | ItemKey,
                    moderator: str) -> Context:
    ctx = _context(s, session_name, plan_ref, moderator)
    ensure_writable(ctx.session)
    if not can_moderate(ctx.member):
        raise NotAllowed(
            f"Only the chair, or a member the chair designates, records agreed "
            f"scores ({moderator} cannot)."
        )
    return ctx


def _check_version(
    audit: m.Audit,
    expected: int | None,
    what: str,
    mine: object,
    theirs: object,
    *,
    created: bool = False,
) -> None:
    """``expected``: the version the screen loaded; 0 = it saw no agreed row; None = no check."""
    if expected == 0 and created:
        return
    if expected is not None and audit.version != expected:
        raise ConflictError(
            f"{audit.updated_by or 'Someone'} changed the agreed {what} at "
            f"{audit.updated_at:%H:%M} while you were editing it.",
            changed_by=audit.updated_by,
            changed_at=audit.updated_at,
            their_value=theirs,
            current_version=audit.version,
        )
    del mine


def save_agreed_answer(
    db: Database,
    session_name: str,
    plan_ref: str | ItemKey,
    moderator: str,
    question_id: str,
    value: str | None,
    *,
    rationale: str | None = None,
    agencies: Sequence[str] = (),
    note: str | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> int:
    """Record the panel's agreed answer; returns the agreed row's new version."""
    with db.write() as s:
        ctx = _moderation_ctx(s, session_name, plan_ref, moderator)
        audit, created = _panel_audit(s, ctx, moderator)
        current = next((a for a in audit.answers if a.question_id == question_id), None)
        _check_version(
            audit,
            expected_version,
            f"answer to {question_id}",
            value,
            current.value if current else None,
            created=created,
        )
        before = current.value if current else None
        _set_answer(s, audit, ctx, question_id, value, note, agencies, rationale=rationale,
                    reason=reason)
        audit.updated_by = moderator
        bump_version(audit)
        changelog.record(
            s,
            ctx.actor,
            "agreed_answer",
            f"{ctx.session.name}/{ctx.log_key()}/{question_id}",
            "set",
            before={"value": before},
            after={"value": value, "agencies": list(agencies), "reason": reason},
        )
        s.flush()
        return audit.version


def save_agreed_overall(
    db: Database,
    session_name: str,
    plan_ref: str | ItemKey,
    moderator: str,
    grade: int | None,
    *,
    rationale: str | None = None,
    expected_version: int | None = None,
) -> int:
    with db.write() as s:
        ctx = _moderation_ctx(s, session_name, plan_ref, moderator)
        _check_grade(ctx.rubric, grade)
        audit, created = _panel_audit(s, ctx, moderator)
        _check_version(
            audit, expected_version, "overall grade", grade, audit.overall, created=created
        )
        before = audit.overall
        audit.overall = grade
        audit.status = "submitted" if grade is not None else "draft"
        if rationale is not None:
            audit.overall_rationale = rationale or None
        audit.updated_by = moderator
        bump_version(audit)
        changelog.record(
            s,
            ctx.actor,
            "agreed_overall",
            f"{ctx.session.name}/{ctx.log_key()}",
            "set",
            before={"overall": before},
            after={"overall": grade, "rationale": rationale},
        )
        s.flush()
        return audit.version


def save_agreed_texts(
    db: Database,
    session_name: str,
    plan_ref: str | ItemKey,
    moderator: str,
    *,
    strengths: str | None = None,
    development: str | None = None,
    themes: dict[str, str | None] | None = None,
    expected_version: int | None = None,
) -> int:
    with db.write() as s:
        ctx = _moderation_ctx(s, session_name, plan_ref, moderator)
        audit, created = _panel_audit(s, ctx, moderator)
        _check_version(
            audit, expected_version, "strengths and themes", None, None, created=created
        )
        if strengths is not None:
            audit.strengths = strengths or None
        if development is not None:
            audit.development = development or None
        if themes is not None:
            _replace_themes(ctx, audit, themes)
        audit.updated_by = moderator
        bump_version(audit)
        s.flush()
        return audit.version
