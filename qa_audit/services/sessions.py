"""Audit sessions and their panels.

A session is frozen to one rubric version when created. Status moves
planning -> scoring -> moderation -> closed; a closed session is read-only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

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


def _info(session: Session, row: m.AuditSession) -> SessionInfo:
    stored = rubrics.by_version_pk(session, row.rubric_version_id)
    audited = (
        session.scalar(
            select(func.count(func.distinct(m.Audit.plan_id))).where(m.Audit.session_id == row.id)
        )
        or 0
    )
    sampled = sum(1 for e in row.sample if e.withdrawn_at is None)
    members = tuple(
        MemberInfo(p.id, p.name, p.agency, p.role, p.can_moderate or p.role == "chair")
        for p in row.members
    )
    return SessionInfo(
        row.id,
        row.name,
        row.session_date,
        stored.id,
        stored.version,
        row.status,
        members,
        sampled,
        audited,
        row.sample_seed,
        row.sample_eligible,
    )


def get_info(db: Database, name: str) -> SessionInfo:
    with db.read() as session:
        return _info(session, find_session(session, name))


def list_sessions(db: Database) -> list[SessionInfo]:
    with db.read() as session:
        rows = session.scalars(
            select(m.AuditSession)
            .options(selectinload(m.AuditSession.members), selectinload(m.AuditSession.sample))
            .order_by(m.AuditSession.session_date.desc(), m.AuditSession.name)
        ).all()
        return [_info(session, r) for r in rows]


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


def remove_member(db: Database, session_name: str, name: str, actor: Actor) -> None:
    with db.write() as session:
        row = find_session(session, session_name)
        ensure_writable(row)
        member = next((p for p in row.members if p.name == name), None)
        if member is None:
            raise NotFound(f"{name} is not on this panel.")
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


def set_status(db: Database, session_name: str, status: str, actor: Actor) -> None:
    if status not in STATUSES:
        raise UserError(f"Status must be one of {', '.join(STATUSES)}.")
    with db.write() as session:
        row = find_session(session, session_name)
        if row.status == "closed" and status != "closed":
            raise ReadOnlySession(f"Session {row.name!r} is closed; it cannot be reopened.")
        before = row.status
        row.status = status
        row.updated_by = actor.user
        changelog.record(
            session,
            actor,
            "session",
            row.name,
            "status",
            before={"status": before},
            after={"status": status},
        )
