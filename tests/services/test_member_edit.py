"""Editing a panel member: name, agency and role change, the member's audits follow,
and the change log says who changed what."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from qa_audit.errors import UserError
from qa_audit.services import rubric_view, sessions
from qa_audit.services.actor import Actor
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

SESSION = "Panel May 2026"


def test_update_member_renames_their_audits_and_logs_it(db: Database, actor: Actor) -> None:
    rubric = rubric_view.list_rubrics(db)[0].id
    sessions.create_session(db, SESSION, rubric, dt.date(2026, 5, 1), actor)
    member = sessions.add_member(db, SESSION, "J. Smtih", None, "auditor", actor)
    sessions.add_member(db, SESSION, "K. Novak", None, "auditor", actor)
    with db.write() as s:
        plan = m.Plan(plan_ref="P-1", issue_date=dt.date(2026, 1, 1), plan_type="new")
        s.add(plan)
        s.flush()
        session_id = s.scalars(select(m.AuditSession.id)).one()
        s.add(m.Audit(session_id=session_id, plan_id=plan.id, member_id=member.id,
                      auditor="J. Smtih"))

    changed = sessions.update_member(db, SESSION, "J. Smtih", actor, new_name="J. Smith",
                                     role="chair")
    assert (changed.name, changed.role, changed.can_moderate) == ("J. Smith", "chair", True)
    with db.read() as s:
        assert s.scalars(select(m.Audit.auditor)).all() == ["J. Smith"]
        entry = s.scalars(select(m.ChangeLog).where(m.ChangeLog.action == "edit")).one()
        assert entry.entity == "panel_member" and "J. Smith" in (entry.after_json or "")

    with pytest.raises(UserError, match="already on this panel"):
        sessions.update_member(db, SESSION, "J. Smith", actor, new_name="k. novak")
    with pytest.raises(UserError, match="Unknown agency"):
        sessions.update_member(db, SESSION, "J. Smith", actor, agency="nope")
