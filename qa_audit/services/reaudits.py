"""Re-audits read from the store: requests (``--reaudit`` actions), draws, outcomes.

The rules are in :mod:`qa_audit.domain.reaudit`; this module only loads the few rows
they read (re-audit actions and re-audit sample entries are rare) and answers the
questions sampling, ``actions list`` and the key issues report ask.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_audit.domain.reaudit import (
    ReauditDraw,
    ReauditRequest,
    SessionReaudit,
    due_in_session,
    reaudit_of,
)
from qa_audit.services.sessions import find_session
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["ReauditOutcome", "SessionReaudit", "draws", "due_for", "outcomes", "reaudit_plans",
           "requests", "session_reaudits"]


@dataclass(frozen=True)
class ReauditOutcome:
    """What ``actions list`` shows of a re-audit: set once the later session agreed a grade."""

    session: str | None
    grade: int | None


def _agreed_grades(s: Session, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """(session id, plan id) -> the panel's agreed overall grade, where one is recorded."""
    pairs = set(pairs)
    if not pairs:
        return {}
    rows = s.execute(
        select(m.Audit.session_id, m.Audit.plan_id, m.Audit.overall)
        .where(m.Audit.is_panel.is_(True), m.Audit.overall.is_not(None),
               m.Audit.session_id.in_({p[0] for p in pairs}),
               m.Audit.plan_id.in_({p[1] for p in pairs}))
        .order_by(m.Audit.id)
    ).tuples()
    out: dict[tuple[int, int], int] = {}
    for sid, pid, grade in rows:
        if (sid, pid) in pairs and grade is not None:
            out.setdefault((sid, pid), grade)
    return out


def requests(s: Session) -> list[ReauditRequest]:
    """Every action marked ``--reaudit`` on a plan."""
    rows = s.execute(
        select(m.Action.id, m.Action.status, m.Plan.plan_ref, m.AuditSession.name,
               m.AuditSession.session_date, m.RubricVersion.rubric_id)
        .join(m.Plan, m.Plan.id == m.Action.plan_id)
        .join(m.AuditSession, m.AuditSession.id == m.Action.session_id)
        .join(m.RubricVersion, m.RubricVersion.id == m.AuditSession.rubric_version_id)
        .where(m.Action.reaudit.is_(True))
    ).tuples()
    return [ReauditRequest(aid, name, date, rid, ref, status)
            for aid, status, ref, name, date, rid in rows]


def draws(s: Session, *, except_session: int | None = None) -> list[ReauditDraw]:
    """Every plan held as a re-audit in a sample (withdrawn entries left out)."""
    query = (
        select(m.SampleEntry.session_id, m.SampleEntry.plan_id, m.Plan.plan_ref,
               m.AuditSession.name, m.AuditSession.session_date, m.RubricVersion.rubric_id)
        .join(m.Plan, m.Plan.id == m.SampleEntry.plan_id)
        .join(m.AuditSession, m.AuditSession.id == m.SampleEntry.session_id)
        .join(m.RubricVersion, m.RubricVersion.id == m.AuditSession.rubric_version_id)
        .where(m.SampleEntry.reaudit_action_id.is_not(None),
               m.SampleEntry.withdrawn_at.is_(None))
    )
    if except_session is not None:
        query = query.where(m.SampleEntry.session_id != except_session)
    rows = s.execute(query).tuples().all()
    grades = _agreed_grades(s, ((sid, pid) for sid, pid, *_ in rows))
    return [ReauditDraw(name, date, rid, ref, grades.get((sid, pid)))
            for sid, pid, ref, name, date, rid in rows]


def due_for(s: Session, row: m.AuditSession) -> dict[str, int]:
    """plan ref -> action id of the re-audits the session ``row`` must draw now."""
    rubric_id = s.scalar(select(m.RubricVersion.rubric_id)
                         .where(m.RubricVersion.id == row.rubric_version_id))
    return due_in_session(requests(s), draws(s, except_session=row.id), row.session_date,
                          rubric_id or "")


def outcomes(s: Session) -> dict[int, ReauditOutcome]:
    """action id -> its re-audit's session and grade, for actions whose re-audit has an
    agreed grade (the contract shows both once that session agrees the grade)."""
    found = draws(s)
    out: dict[int, ReauditOutcome] = {}
    for r in requests(s):
        d = reaudit_of(r, found)
        if d is not None and d.grade is not None:
            out[r.action_id] = ReauditOutcome(d.session, d.grade)
    return out


def session_reaudits(db: Database, session_name: str) -> list[SessionReaudit]:
    """The session's re-audited plans, before and after, by plan ref."""
    with db.read() as s:
        row = find_session(s, session_name)
        entries = s.execute(
            select(m.SampleEntry.plan_id, m.Plan.plan_ref, m.Action.id, m.Action.session_id,
                   m.AuditSession.name)
            .join(m.Plan, m.Plan.id == m.SampleEntry.plan_id)
            .join(m.Action, m.Action.id == m.SampleEntry.reaudit_action_id)
            .join(m.AuditSession, m.AuditSession.id == m.Action.session_id)
            .where(m.SampleEntry.session_id == row.id, m.SampleEntry.withdrawn_at.is_(None))
        ).tuples().all()
        pairs = [(row.id, pid) for pid, *_ in entries] + [(sid, pid)
                                                           for pid, _, _, sid, _ in entries]
        grades = _agreed_grades(s, pairs)
        return sorted((SessionReaudit(ref, aid, prev_name, grades.get((prev_sid, pid)),
                                      grades.get((row.id, pid)))
                       for pid, ref, aid, prev_sid, prev_name in entries),
                      key=lambda r: r.plan_ref)


def reaudit_plans(db: Database, session_name: str) -> set[str]:
    """Plan refs held as re-audits in the session's sample (for the scoring list's mark)."""
    return {r.plan_ref for r in session_reaudits(db, session_name)}
