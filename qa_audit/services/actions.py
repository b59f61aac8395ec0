"""Actions agreed at moderation ("return to caseworker to quantify Section F")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from qa_audit.domain.audit import ActionRecord
from qa_audit.errors import NotFound, UserError
from qa_audit.services import changelog, reaudits
from qa_audit.services.actor import Actor
from qa_audit.services.plan_lookup import plan_id as lookup_plan_id
from qa_audit.services.scoring import ConflictError
from qa_audit.services.sessions import ensure_writable, find_session
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

STATUSES = ("open", "done", "cancelled")


@dataclass(frozen=True)
class ActionFilter:
    owner: str | None = None
    status: str | None = None
    session: str | None = None


@dataclass(frozen=True)
class ActionView:
    record: ActionRecord
    version: int


def add_action(
    db: Database,
    session_name: str,
    text: str,
    actor: Actor,
    *,
    plan_ref: str | None = None,
    owner: str | None = None,
    due_date: dt.date | None = None,
    reaudit: bool = False,
) -> int:
    """A new open action; ``reaudit``: the plan is drawn into a later session's sample."""
    if not text.strip():
        raise UserError("An action needs a description of what must happen.")
    if reaudit and not plan_ref:
        raise UserError("A re-audit action needs the plan to audit again (--plan).")
    with db.write() as s:
        row = find_session(s, session_name)
        ensure_writable(row)
        plan_id = None
        if plan_ref:
            plan_id = lookup_plan_id(s, plan_ref)  # any case
            if plan_id is None:
                raise NotFound(f"No plan {plan_ref!r} in the register.")
        action = m.Action(
            session_id=row.id,
            plan_id=plan_id,
            text=text.strip(),
            owner=(owner or "").strip() or None,
            due_date=due_date,
            status="open",
            reaudit=reaudit,
            updated_by=actor.user,
        )
        s.add(action)
        s.flush()
        changelog.record(
            s,
            actor,
            "action",
            str(action.id),
            "create",
            after={
                "text": action.text,
                "owner": action.owner,
                "due": due_date.isoformat() if due_date else None,
                "reaudit": reaudit,
            },
        )
        return action.id


def update_action(
    db: Database,
    action_id: int,
    actor: Actor,
    *,
    expected_version: int | None,
    status: str | None = None,
    owner: str | None = None,
    due_date: dt.date | None = None,
    text: str | None = None,
) -> int:
    if status is not None and status not in STATUSES:
        raise UserError(f"Status must be one of {', '.join(STATUSES)}.")
    with db.write() as s:
        action = s.get(m.Action, action_id)
        if action is None:
            raise NotFound(f"Action {action_id} no longer exists.")
        if expected_version is not None and action.version != expected_version:
            raise ConflictError(
                f"{action.updated_by or 'Someone'} changed this action at "
                f"{action.updated_at:%H:%M} while you were editing it.",
                changed_by=action.updated_by,
                changed_at=action.updated_at,
                their_value=action.status,
                current_version=action.version,
            )
        before = {
            "text": action.text,
            "status": action.status,
            "owner": action.owner,
            "due": action.due_date.isoformat() if action.due_date else None,
        }
        if status is not None:
            action.status = status
        if owner is not None:
            action.owner = owner.strip() or None
        if due_date is not None:
            action.due_date = due_date
        if text is not None and text.strip():
            action.text = text.strip()
        action.updated_by = actor.user
        s.flush()
        changelog.record(
            s,
            actor,
            "action",
            str(action.id),
            "update",
            before=before,
            after={
                "text": action.text,
                "status": action.status,
                "owner": action.owner,
                "due": action.due_date.isoformat() if action.due_date else None,
            },
        )
        return action.version


def list_actions(db: Database, flt: ActionFilter | None = None) -> list[ActionView]:
    flt = flt or ActionFilter()
    query = (
        select(m.Action, m.AuditSession.name, m.Plan.plan_ref)
        .join(m.AuditSession, m.AuditSession.id == m.Action.session_id)
        .outerjoin(m.Plan, m.Plan.id == m.Action.plan_id)
        .order_by(m.Action.due_date.is_(None), m.Action.due_date, m.Action.id)
    )
    if flt.owner:
        query = query.where(m.Action.owner == flt.owner)
    if flt.status:
        query = query.where(m.Action.status == flt.status)
    if flt.session:
        query = query.where(m.AuditSession.name == flt.session)
    with db.read() as s:
        done = reaudits.outcomes(s)
        return [
            ActionView(
                ActionRecord(a.id, name, ref, a.text, a.owner, a.due_date, a.status,
                             bool(a.reaudit), *_outcome(done.get(a.id))),
                a.version,
            )
            for a, name, ref in s.execute(query)
        ]


def _outcome(found: reaudits.ReauditOutcome | None) -> tuple[str | None, int | None]:
    return (found.session, found.grade) if found else (None, None)


def close_action(db: Database, action_id: int, actor: Actor) -> ActionRecord:
    """Mark an action done (change-logged); closing a done action again changes nothing."""
    with db.read() as s:
        action = s.get(m.Action, action_id)
        if action is None:
            raise NotFound(f"No action with id {action_id} (see 'qa-audit actions list').")
        status, version = action.status, action.version
    if status != "done":
        update_action(db, action_id, actor, expected_version=version, status="done")
    return next(v.record for v in list_actions(db) if v.record.id == action_id)


def owners(db: Database) -> list[str]:
    with db.read() as s:
        return [
            o for o in s.scalars(select(m.Action.owner).distinct().order_by(m.Action.owner)) if o
        ]
