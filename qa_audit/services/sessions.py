"""Audit sessions and their panels.

A session is frozen to one rubric version when created. Status moves
planning -> scoring -> moderation -> closed; a closed session is read-only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from qa_audit.domain import permissions, session_guards
from qa_audit.domain.items import ItemKey
from qa_audit.errors import NotFound, ReadOnlySession, UserError
from qa_audit.services import changelog, rubrics
from qa_audit.services.actor import Actor
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

STATUSES = ("planning", "scoring", "moderation", "closed")
ROLES = ("chair", "auditor", "observer")


@dataclass(frozen=True)
class MemberInfo:
    id: int
    name: str
    agency: str | None
    role: str
    can_moderate: bool
    os_account: str | None = None  # the OS account bound to the member (panel_access)


@dataclass(frozen=True)
class SessionInfo:
    id: int
    name: str
    date: dt.date
    rubric_id: str
    rubric_version: int
    status: str
    members: tuple[MemberInfo, ...]
    sampled: int
    audited: int
    seed: int | None
    eligible: int | None

    @property
    def read_only(self) -> bool:
        return self.status == "closed"


def find_session(session: Session, name: str) -> m.AuditSession:
    row = session.scalar(select(m.AuditSession).where(m.AuditSession.name == name))
    if row is None:
        known = session.scalars(
            select(m.AuditSession.name).order_by(m.AuditSession.session_date.desc()).limit(5)
        ).all()
        hint = f" Recent sessions: {', '.join(known)}." if known else " There are no sessions yet."
        raise NotFound(f"No audit session named {name!r}.{hint}")
    return row


def ensure_writable(row: m.AuditSession) -> None:
    if row.status == "closed":
        raise ReadOnlySession(f"Session {row.name!r} is closed; it can no longer be changed.")


def create_session(
    db: Database, name: str, rubric_id: str, date: dt.date | None, actor: Actor
) -> SessionInfo:
    name = name.strip()
    if not name:
        raise UserError("A session needs a name, e.g. 'Panel November 2026'.")
    with db.write() as session:
        if session.scalar(select(m.AuditSession.id).where(m.AuditSession.name == name)):
            raise UserError(f"A session named {name!r} already exists; choose another name.")
        stored = rubrics.get_version(session, rubric_id)
        row = m.AuditSession(
            name=name,
            session_date=date or dt.date.today(),
            rubric_version_id=stored.version_pk,
            status="planning",
            updated_by=actor.user,
        )
        session.add(row)
        session.flush()
        changelog.record(
            session,
            actor,
            "session",
            name,
            "create",
            after={
                "rubric": rubric_id,
                "version": stored.version,
                "date": row.session_date.isoformat(),
            },
        )
    return get_info(db, name)


def _summaries(session: Session, session_id: int | None = None) -> list[SessionInfo]:
    """Every session (or one) as ``SessionInfo``, newest first, in four statements.

    Counts come from GROUP BY queries and members from one query, rather than loading
    each session's whole sample and members as ORM objects: five pages list the
    sessions when they open, and a county has hundreds of sessions (benchmarks/).
    """
    s, v = m.AuditSession, m.RubricVersion

    def only(query: Select[Any], column: Any) -> Select[Any]:
        return query if session_id is None else query.where(column == session_id)

    heads = session.execute(
        only(select(s.id, s.name, s.session_date, s.status, s.sample_seed, s.sample_eligible,
                    s.rubric_version_id, v.rubric_id, v.version)
             .outerjoin(v, v.id == s.rubric_version_id), s.id)
        .order_by(s.session_date.desc(), s.name)
    ).all()
    if not heads:
        return []
    sampled = dict(session.execute(
        only(select(m.SampleEntry.session_id, func.count())
             .where(m.SampleEntry.withdrawn_at.is_(None)), m.SampleEntry.session_id)
        .group_by(m.SampleEntry.session_id)
    ).tuples().all())
    audited = dict(session.execute(
        only(select(m.Audit.session_id, func.count(func.distinct(m.Audit.plan_id))),
             m.Audit.session_id)
        .group_by(m.Audit.session_id)
    ).tuples().all())
    members: dict[int, list[MemberInfo]] = {}
    p = m.PanelMember
    for sid, pid, name, agency, role, can_moderate, account in session.execute(
        only(select(p.session_id, p.id, p.name, p.agency, p.role, p.can_moderate,
                    p.os_account), p.session_id)
        .order_by(p.session_id, p.id)
    ):
        members.setdefault(sid, []).append(
            MemberInfo(pid, name, agency, role, permissions.can_moderate(role, can_moderate),
                       account))
    out = []
    for h in heads:
        if h.rubric_id is None:
            raise NotFound(f"Rubric version {h.rubric_version_id} is missing from the database.")
        out.append(SessionInfo(
            h.id, h.name, h.session_date, h.rubric_id, h.version, h.status,
            tuple(members.get(h.id, ())), sampled.get(h.id, 0), audited.get(h.id, 0),
            h.sample_seed, h.sample_eligible,
        ))
    return out


def get_info(db: Database, name: str) -> SessionInfo:
    with db.read() as session:
        return _summaries(session, find_session(session, name).id)[0]


def list_sessions(db: Database) -> list[SessionInfo]:
    """All sessions, newest first, in a fixed number of statements."""
    with db.read() as session:
        return _summaries(session)


def add_member(
    db: Database, session_name: str, name: str, agency: str | None, role: str, actor: Actor
) -> MemberInfo:
    name = name.strip()
    if not name:
        raise UserError("A panel member needs a name.")
    if role not in ROLES:
        raise UserError(f"Role must be one of {', '.join(ROLES)}, not {role!r}.")
    with db.write() as session:
        row = find_session(session, session_name)
        ensure_writable(row)
        if name.lower() == "panel":
            raise UserError("'panel' is reserved for the panel's agreed scores.")
        if any(p.name.lower() == name.lower() for p in row.members):
            raise UserError(f"{name} is already on this panel.")
        stored = rubrics.by_version_pk(session, row.rubric_version_id)
        if agency and all(a.id != agency for a in stored.rubric.agencies):
            ids = ", ".join(a.id for a in stored.rubric.agencies)
            raise UserError(f"Unknown agency {agency!r} for this rubric (choose from {ids}).")
        member = m.PanelMember(
            session_id=row.id,
            name=name,
            agency=agency or None,
            role=role,
            can_moderate=role == "chair",
        )
        session.add(member)
        session.flush()
        changelog.record(
            session,
            actor,
            "panel_member",
            f"{row.name}/{name}",
            "add",
            after={"agency": agency, "role": role},
        )
        return MemberInfo(member.id, name, member.agency, role, member.can_moderate)


def update_member(db: Database, session_name: str, name: str, actor: Actor, *,
                  new_name: str | None = None, agency: str | None = None,
                  role: str | None = None) -> MemberInfo:
    """Correct a member's name, agency or role (a typo, a changed job), change-logged.

    The member's audits follow (their auditor name and agency), so scores stay theirs.
    ``agency`` "" clears it; None leaves each field as it is.
    """
    with db.write() as session:
        row, member = _writable_member(session, session_name, name)
        before = {"name": member.name, "agency": member.agency, "role": member.role}
        wanted = (new_name if new_name is not None else member.name).strip()
        if not wanted:
            raise UserError("A panel member needs a name.")
        if wanted.lower() == "panel":
            raise UserError("'panel' is reserved for the panel's agreed scores.")
        if any(p is not member and p.name.lower() == wanted.lower() for p in row.members):
            raise UserError(f"{wanted} is already on this panel.")
        if role is not None and role not in ROLES:
            raise UserError(f"Role must be one of {', '.join(ROLES)}, not {role!r}.")
        if agency:
            stored = rubrics.by_version_pk(session, row.rubric_version_id)
            if all(a.id != agency for a in stored.rubric.agencies):
                ids = ", ".join(a.id for a in stored.rubric.agencies)
                raise UserError(f"Unknown agency {agency!r} for this rubric (choose from {ids}).")
        member.name = wanted
        if agency is not None:
            member.agency = agency or None
        if role is not None:
            member.role = role
            member.can_moderate = member.can_moderate or role == "chair"
        session.execute(update(m.Audit).where(m.Audit.member_id == member.id)
                        .values(auditor=member.name, agency=member.agency))
        after = {"name": member.name, "agency": member.agency, "role": member.role}
        if after != before:
            changelog.record(session, actor, "panel_member", f"{row.name}/{name}", "edit",
                             before=before, after=after)
        return MemberInfo(member.id, member.name, member.agency, member.role,
                          member.can_moderate, member.os_account)


def _writable_member(session: Session, session_name: str,
                     name: str) -> tuple[m.AuditSession, m.PanelMember]:
    """The session (not closed) and its member called ``name``."""
    row = find_session(session, session_name)
    ensure_writable(row)
    member = next((p for p in row.members if p.name == name), None)
    if member is None:
        raise NotFound(f"{name} is not on this panel.")
    return row, member


def remove_member(db: Database, session_name: str, name: str, actor: Actor) -> None:
    with db.write() as session:
        row, member = _writable_member(session, session_name, name)
        if session.scalar(
            select(func.count()).select_from(m.Audit).where(m.Audit.member_id == member.id)
        ):
            raise UserError(
                f"{name} has already scored plans in this session and cannot be removed."
            )
        row.members.remove(member)
        changelog.record(
            session,
            actor,
            "panel_member",
            f"{row.name}/{name}",
            "remove",
            before={"agency": member.agency, "role": member.role},
        )


class StatusGuarded(UserError):
    """A status change that would leave plans unscored or unmoderated, not forced."""

    def __init__(self, guard: session_guards.StatusGuard) -> None:
        super().__init__(f"Not changed: {guard.message} Use --force to go ahead anyway.")
        self.guard = guard


def sample_progress(session: Session,
                    row: m.AuditSession) -> list[session_guards.PlanProgress]:
    """The sampled items' submitted counts and agreed grades, in two statements: plans,
    or on a DCO session each sampled advice return (named with its service and date)."""
    r = m.AdviceRequest
    sample = session.execute(
        select(m.SampleEntry.plan_id, m.SampleEntry.advice_request_id, m.Plan.plan_ref,
               r.service, r.requested_date)
        .join(m.Plan, m.Plan.id == m.SampleEntry.plan_id)
        .outerjoin(r, r.id == m.SampleEntry.advice_request_id)
        .where(m.SampleEntry.session_id == row.id, m.SampleEntry.withdrawn_at.is_(None))
        .order_by(m.SampleEntry.position)
    ).all()
    submitted: dict[tuple[int, int | None], int] = {}
    moderated: set[tuple[int, int | None]] = set()
    for plan_id, request_id, is_panel, status, overall in session.execute(
        select(m.Audit.plan_id, m.Audit.advice_request_id, m.Audit.is_panel, m.Audit.status,
               m.Audit.overall)
        .where(m.Audit.session_id == row.id)
    ):
        key = (plan_id, request_id)
        if is_panel:
            if overall is not None:
                moderated.add(key)
        elif status == "submitted":
            submitted[key] = submitted.get(key, 0) + 1
    return [session_guards.PlanProgress(ItemKey(ref, rid, service, requested).label,
                                        submitted.get((pid, rid), 0), (pid, rid) in moderated)
            for pid, rid, ref, service, requested in sample]


def status_guard(db: Database, session_name: str,
                 status: str) -> session_guards.StatusGuard | None:
    """What moving the session to ``status`` would leave undone (None: nothing)."""
    with db.read() as session:
        row = find_session(session, session_name)
        return session_guards.status_guard(row.name, row.status, status,
                                           sample_progress(session, row))


def set_status(db: Database, session_name: str, status: str, actor: Actor, *,
               force: bool = False) -> None:
    """Move a session on; refuses (``StatusGuarded``) to leave plans unscored or
    unmoderated unless ``force``. A closed session is reopened only by ``reopen``."""
    if status not in STATUSES:
        raise UserError(f"Status must be one of {', '.join(STATUSES)}.")
    with db.write() as session:
        row = find_session(session, session_name)
        if row.status == "closed" and status != "closed":
            raise ReadOnlySession(f"Session {row.name!r} is closed; only its chair can reopen "
                                  "it, with a reason.")
        guard = session_guards.status_guard(row.name, row.status, status,
                                            sample_progress(session, row))
        if guard is not None and not force:
            raise StatusGuarded(guard)
        before = row.status
        row.status = status
        row.updated_by = actor.user
        after: dict[str, object] = {"status": status}
        if guard is not None:
            after.update(forced=True, unscored=guard.unscored, unmoderated=guard.unmoderated)
        changelog.record(
            session,
            actor,
            "session",
            row.name,
            "status",
            before={"status": before},
            after=after,
        )


def reopen(db: Database, session_name: str, chair: str, reason: str, actor: Actor) -> None:
    """The chair reopens a closed session (back to moderation); the reason is logged."""
    reason = reason.strip()
    if not reason:
        raise UserError("Give a reason for reopening the session; it is kept in the change log.")
    with db.write() as session:
        row = find_session(session, session_name)
        member = next((p for p in row.members if p.name == chair), None)
        if not permissions.may_reopen(member.role if member else None):
            raise UserError(f"Only the chair of {row.name!r} can reopen it.")
        if row.status != "closed":
            raise UserError(f"Session {row.name!r} is not closed.")
        row.status = "moderation"
        row.updated_by = actor.user
        changelog.record(session, actor, "session", row.name, "reopen",
                         before={"status": "closed"},
                         after={"status": "moderation", "reason": reason, "chair": chair})
