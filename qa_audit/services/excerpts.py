"""Approving evidence excerpts for quoting in reports.

An auditor may attach an excerpt from the plan to a theme (``ThemeTag.excerpt``).
It can hold personal data, so reports never quote it as entered: someone approves
a redacted version first (``ThemeTag.approved_excerpt``), and only that is quoted.
Approval redacts again whatever text is approved (the suggested redaction or the
approver's own wording), records who approved it, and writes the change log --
with the approved text only, never the raw excerpt.

Approving is allowed on closed sessions too: it changes what a report may quote,
not what the panel found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from qa_audit.errors import NotFound, UserError
from qa_audit.reporting.redaction import redact
from qa_audit.services import changelog, redaction_terms
from qa_audit.services.actor import Actor
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["ApprovedExcerpt", "PendingExcerpt", "approve_excerpt", "pending_excerpts",
           "withdraw_excerpt"]


@dataclass(frozen=True)
class PendingExcerpt:
    """A theme tag whose excerpt is waiting for approval, with a suggested redaction."""

    id: int
    session: str
    session_date: dt.date
    plan_ref: str
    auditor: str
    theme_id: str
    question_id: str | None
    excerpt: str
    suggested: str

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "session": self.session,
                "session_date": self.session_date.isoformat(), "plan_ref": self.plan_ref,
                "auditor": self.auditor, "theme": self.theme_id, "question": self.question_id,
                "excerpt": self.excerpt, "suggested": self.suggested}


@dataclass(frozen=True)
class ApprovedExcerpt:
    id: int
    theme_id: str
    plan_ref: str
    text: str
    approved_by: str


def pending_excerpts(db: Database, names: Iterable[str] | None = None) -> list[PendingExcerpt]:
    """Excerpts recorded but not yet approved, newest session first.

    ``suggested`` is the excerpt redacted with the database's list (and ``names``).
    """
    names = redaction_terms.for_reports(db, names)
    with db.read() as s:
        rows = s.execute(
            select(m.ThemeTag, m.Audit.auditor, m.AuditSession.name,
                   m.AuditSession.session_date, m.Plan.plan_ref)
            .join(m.Audit, m.Audit.id == m.ThemeTag.audit_id)
            .join(m.AuditSession, m.AuditSession.id == m.Audit.session_id)
            .join(m.Plan, m.Plan.id == m.Audit.plan_id)
            .where(m.ThemeTag.excerpt.is_not(None), m.ThemeTag.excerpt != "",
                   or_(m.ThemeTag.approved_excerpt.is_(None), m.ThemeTag.approved_excerpt == ""))
            .order_by(m.AuditSession.session_date.desc(), m.AuditSession.name, m.Plan.plan_ref,
                      m.ThemeTag.id)
        ).all()
    return [PendingExcerpt(tag.id, session, date, ref, auditor, tag.theme_id, tag.question_id,
                           tag.excerpt or "", redact(tag.excerpt, names))
            for tag, auditor, session, date, ref in rows if (tag.excerpt or "").strip()]


def _tag(s: Session, theme_tag_id: int) -> tuple[m.ThemeTag, str]:
    row = s.execute(
        select(m.ThemeTag, m.Plan.plan_ref)
        .join(m.Audit, m.Audit.id == m.ThemeTag.audit_id)
        .join(m.Plan, m.Plan.id == m.Audit.plan_id)
        .where(m.ThemeTag.id == theme_tag_id)
    ).first()
    if row is None:
        raise NotFound(f"No theme excerpt with id {theme_tag_id} (see 'qa-audit excerpts list').")
    return row[0], row[1]


def approve_excerpt(db: Database, theme_tag_id: int, text: str | None, actor: Actor,
                    names: Iterable[str] | None = None) -> ApprovedExcerpt:
    """Store the redacted ``text`` (default: the recorded excerpt) as the approved excerpt.

    ``names`` add to the database's redaction list. Redaction is applied to any text
    given, so an approver cannot re-introduce a date or a listed name by mistake.
    """
    names = redaction_terms.for_reports(db, names)
    with db.write() as s:
        tag, ref = _tag(s, theme_tag_id)
        source = text if text is not None else tag.excerpt
        approved = " ".join(redact(source, names).split())
        if not approved:
            raise UserError(f"Excerpt {theme_tag_id} has no text to approve; give one with "
                            "--text.")
        before = {"approved_excerpt": tag.approved_excerpt, "approved_by": tag.approved_by}
        tag.approved_excerpt = approved
        tag.approved_by = actor.user
        changelog.record(s, actor, "theme_tag", str(tag.id), "approve_excerpt", before=before,
                         after={"approved_excerpt": approved, "approved_by": actor.user})
        return ApprovedExcerpt(tag.id, tag.theme_id, ref, approved, actor.user)


def withdraw_excerpt(db: Database, theme_tag_id: int, actor: Actor) -> None:
    """Withdraw an approval: the excerpt is no longer quoted in reports."""
    with db.write() as s:
        tag, _ = _tag(s, theme_tag_id)
        if tag.approved_excerpt is None:
            return
        before = {"approved_excerpt": tag.approved_excerpt, "approved_by": tag.approved_by}
        tag.approved_excerpt = None
        tag.approved_by = None
        changelog.record(s, actor, "theme_tag", str(tag.id), "withdraw_excerpt", before=before,
                         after={"approved_excerpt": None, "approved_by": None})
