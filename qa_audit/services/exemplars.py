"""The curated exemplar library: plans the panel marks as exemplars (with a reason),
good-practice excerpts tagged against rubric questions, and training dates.

Good-practice text is handled like theme excerpts (:mod:`qa_audit.services.excerpts`):
what an auditor enters may name people, so the library and reports quote only the
approved text, redacted on approval and again when quoted. The change log records
the approved text, never the raw one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_audit.errors import NotFound, UserError
from qa_audit.reporting.redaction import redact
from qa_audit.services import changelog, redaction_terms, rubrics
from qa_audit.services.actor import Actor
from qa_audit.services.plan_lookup import plan_id as lookup_plan_id
from qa_audit.services.sessions import find_session
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["ExemplarRecord", "GoodPracticeRecord", "TrainingRecord", "add_good_practice",
           "add_training", "approve_good_practice", "approved_good_practice", "exemplars",
           "good_practice", "mark_exemplar", "training_choices", "trainings", "unmark_exemplar",
           "withdraw_good_practice"]


@dataclass(frozen=True)
class ExemplarRecord:
    id: int
    session: str
    session_date: dt.date
    rubric_id: str
    plan_ref: str
    grade: int | None  # the panel's agreed grade in that session
    reason: str
    marked_by: str


@dataclass(frozen=True)
class GoodPracticeRecord:
    """A good-practice excerpt; ``text`` is the approved (redacted) text, or, while it
    waits for approval, the suggested redaction of what was entered (never quoted)."""

    id: int
    session: str
    session_date: dt.date
    rubric_id: str
    plan_ref: str
    question_id: str
    text: str
    approved: bool
    approved_by: str | None


@dataclass(frozen=True)
class TrainingRecord:
    id: int
    rubric_id: str
    date: dt.date
    title: str
    question_ids: tuple[str, ...]


def _names(db: Database, names: Iterable[str] | None) -> tuple[str, ...]:
    return redaction_terms.for_reports(db, names)


def _session_plan(s: Session, session_name: str, plan_ref: str) -> tuple[m.AuditSession, int]:
    row = find_session(s, session_name)
    pid = lookup_plan_id(s, plan_ref)
    if pid is None:
        raise NotFound(f"No plan {plan_ref!r} in the register.")
    held = s.scalar(select(m.Audit.id).where(m.Audit.session_id == row.id,
                                             m.Audit.plan_id == pid).limit(1))
    sampled = s.scalar(select(m.SampleEntry.id).where(m.SampleEntry.session_id == row.id,
                                                      m.SampleEntry.plan_id == pid).limit(1))
    if held is None and sampled is None:
        raise NotFound(f"Plan {plan_ref!r} is neither sampled nor audited in {row.name!r}.")
    return row, pid


def _rubric_id(s: Session, row: m.AuditSession) -> str:
    return rubrics.by_version_pk(s, row.rubric_version_id).id


def mark_exemplar(db: Database, session_name: str, plan_ref: str, reason: str,
                  actor: Actor) -> int:
    """Mark a plan of a session as an exemplar, saying why (marking again updates the reason)."""
    if not reason.strip():
        raise UserError("Say why this plan is an exemplar (trainers read the reason).")
    with db.write() as s:
        row, pid = _session_plan(s, session_name, plan_ref)
        ex = s.scalar(select(m.Exemplar).where(m.Exemplar.session_id == row.id,
                                               m.Exemplar.plan_id == pid))
        before = {"reason": ex.reason} if ex else None
        if ex is None:
            ex = m.Exemplar(session_id=row.id, plan_id=pid, reason="", marked_by=actor.user)
            s.add(ex)
        ex.reason = reason.strip()
        ex.marked_by = actor.user
        s.flush()
        changelog.record(s, actor, "exemplar", str(ex.id), "update" if before else "create",
                         before=before, after={"session": row.name, "plan": plan_ref,
                                               "reason": ex.reason})
        return ex.id


def unmark_exemplar(db: Database, exemplar_id: int, actor: Actor) -> None:
    with db.write() as s:
        ex = s.get(m.Exemplar, exemplar_id)
        if ex is None:
            raise NotFound(f"No exemplar with id {exemplar_id}.")
        changelog.record(s, actor, "exemplar", str(ex.id), "delete", before={"reason": ex.reason})
        s.delete(ex)


def exemplars(db: Database, names: Iterable[str] | None = None) -> list[ExemplarRecord]:
    """Every exemplar, newest session first; reasons redacted with the names list."""
    listed = _names(db, names)
    with db.read() as s:
        rows = s.execute(
            select(m.Exemplar, m.AuditSession.name, m.AuditSession.session_date,
                   m.RubricVersion.rubric_id, m.Plan.plan_ref)
            .join(m.AuditSession, m.AuditSession.id == m.Exemplar.session_id)
            .join(m.RubricVersion, m.RubricVersion.id == m.AuditSession.rubric_version_id)
            .join(m.Plan, m.Plan.id == m.Exemplar.plan_id)
            .order_by(m.AuditSession.session_date.desc(), m.Plan.plan_ref)
        ).all()
        grades = {(sid, pid): g for sid, pid, g in s.execute(
            select(m.Audit.session_id, m.Audit.plan_id, m.Audit.overall)
            .where(m.Audit.is_panel.is_(True), m.Audit.overall.is_not(None),
                   m.Audit.session_id.in_({r[0].session_id for r in rows}))).tuples()}
    return [ExemplarRecord(ex.id, name, date, rid, ref, grades.get((ex.session_id, ex.plan_id)),
                           redact(ex.reason, listed), ex.marked_by)
            for ex, name, date, rid, ref in rows]


def add_good_practice(db: Database, session_name: str, plan_ref: str, question_id: str,
                      text: str, actor: Actor) -> int:
    """Tag an excerpt of a plan as good practice against one of its rubric's questions."""
    if not text.strip():
        raise UserError("Give the excerpt of the plan that shows good practice.")
    with db.write() as s:
        row, pid = _session_plan(s, session_name, plan_ref)
        rubric = rubrics.by_version_pk(s, row.rubric_version_id).rubric
        if not rubric.has_question(question_id):
            raise NotFound(f"Rubric {rubric.id!r} has no question {question_id!r}.")
        gp = m.GoodPractice(session_id=row.id, plan_id=pid, question_id=question_id,
                            text=text.strip(), created_by=actor.user)
        s.add(gp)
        s.flush()
        # the raw text may name people: the log says that it was entered, not what
        changelog.record(s, actor, "good_practice", str(gp.id), "create",
                         after={"session": row.name, "plan": plan_ref, "question": question_id})
        return gp.id


def approve_good_practice(db: Database, gp_id: int, text: str | None, actor: Actor,
                          names: Iterable[str] | None = None) -> str:
    """Approve the redacted ``text`` (default: the entered excerpt) for quoting."""
    listed = _names(db, names)
    with db.write() as s:
        gp = s.get(m.GoodPractice, gp_id)
        if gp is None:
            raise NotFound(f"No good-practice excerpt with id {gp_id}.")
        approved = " ".join(redact(text if text is not None else gp.text, listed).split())
        if not approved:
            raise UserError(f"Good-practice excerpt {gp_id} has no text to approve.")
        before = {"approved_text": gp.approved_text, "approved_by": gp.approved_by}
        gp.approved_text, gp.approved_by, gp.approved_at = approved, actor.user, m.utcnow()
        changelog.record(s, actor, "good_practice", str(gp.id), "approve", before=before,
                         after={"approved_text": approved, "approved_by": actor.user})
        return approved


def withdraw_good_practice(db: Database, gp_id: int, actor: Actor) -> None:
    """Stop quoting an approved excerpt (the entered text is kept)."""
    with db.write() as s:
        gp = s.get(m.GoodPractice, gp_id)
        if gp is None:
            raise NotFound(f"No good-practice excerpt with id {gp_id}.")
        before = {"approved_text": gp.approved_text, "approved_by": gp.approved_by}
        gp.approved_text = gp.approved_by = gp.approved_at = None
        changelog.record(s, actor, "good_practice", str(gp.id), "withdraw", before=before,
                         after={"approved_text": None})


def good_practice(db: Database, *, approved_only: bool = False,
                  names: Iterable[str] | None = None) -> list[GoodPracticeRecord]:
    """Good-practice excerpts by rubric, question and session; only redacted text is given."""
    listed = _names(db, names)
    query = (
        select(m.GoodPractice, m.AuditSession.name, m.AuditSession.session_date,
               m.RubricVersion.rubric_id, m.Plan.plan_ref)
        .join(m.AuditSession, m.AuditSession.id == m.GoodPractice.session_id)
        .join(m.RubricVersion, m.RubricVersion.id == m.AuditSession.rubric_version_id)
        .join(m.Plan, m.Plan.id == m.GoodPractice.plan_id)
        .order_by(m.RubricVersion.rubric_id, m.GoodPractice.question_id,
                  m.AuditSession.session_date.desc(), m.GoodPractice.id)
    )
    if approved_only:
        query = query.where(m.GoodPractice.approved_text.is_not(None))
    with db.read() as s:
        rows = s.execute(query).all()
    return [GoodPracticeRecord(gp.id, name, date, rid, ref, gp.question_id,
                               redact(gp.approved_text or gp.text, listed),
                               gp.approved_text is not None, gp.approved_by)
            for gp, name, date, rid, ref in rows]


def approved_good_practice(db: Database, names: Iterable[str] | None = None
                           ) -> list[GoodPracticeRecord]:
    return good_practice(db, approved_only=True, names=names)


def add_training(db: Database, rubric_id: str, date: dt.date, title: str,
                 question_ids: Sequence[str], actor: Actor) -> int:
    """Record training given on ``date`` about some questions of ``rubric_id``."""
    if not title.strip():
        raise UserError("Give the training a title (e.g. 'Writing SMART outcomes').")
    if not question_ids:
        raise UserError("Name at least one rubric question the training was about.")
    with db.write() as s:
        rubric = rubrics.get_version(s, rubric_id).rubric  # NotFound names the known ids
        unknown = [q for q in question_ids if not rubric.has_question(q)]
        if unknown:
            raise NotFound(f"Rubric {rubric_id!r} has no question {', '.join(unknown)}.")
        ev = m.TrainingEvent(rubric_id=rubric_id, event_date=date, title=title.strip(),
                             question_ids=json.dumps(list(dict.fromkeys(question_ids))),
                             created_by=actor.user)
        s.add(ev)
        s.flush()
        changelog.record(s, actor, "training_event", str(ev.id), "create",
                         after={"rubric": rubric_id, "date": date.isoformat(),
                                "title": ev.title, "questions": json.loads(ev.question_ids)})
        return ev.id


def trainings(db: Database, rubric_id: str | None = None) -> list[TrainingRecord]:
    query = select(m.TrainingEvent).order_by(m.TrainingEvent.event_date, m.TrainingEvent.id)
    if rubric_id is not None:
        query = query.where(m.TrainingEvent.rubric_id == rubric_id)
    with db.read() as s:
        return [TrainingRecord(e.id, e.rubric_id, e.event_date, e.title,
                               tuple(json.loads(e.question_ids or "[]")))
                for e in s.scalars(query)]


def training_choices(db: Database) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(rubric id, title, [(question id, text)]) of each rubric's latest version: what a
    training-date form offers."""
    with db.read() as s:
        return [(r.id, r.rubric.title, [(q.id, q.text) for q in r.rubric.questions()])
                for r in rubrics.latest_versions(s)]
