"""The key issues report sets families' ratings beside the grades of plan rubrics only:
a family rates its plan, not a health professional's advice return (the DCO's
sessions), so a session on an advice-return rubric lists none."""

from __future__ import annotations

import datetime as dt

from qa_audit.services import reports
from qa_audit.services.actor import Actor
from qa_audit.services.demo import load_demo
from qa_audit.storage.engine import Database


def test_feedback_beside_grades_on_plan_sessions_only(db: Database, actor: Actor) -> None:
    load_demo(db, actor, today=dt.date(2026, 12, 6))
    july = reports.key_issues(db, "Panel July 2026")
    assert july.family_feedback and july.grade_and_rating is not None
    moderated = {r.plan_ref for r in july.family_feedback}
    assert not moderated & set(july.unmoderated)  # only plans with an agreed grade
    # each listed response's "agree" follows the rule: good with 4-5, not good with 1-3
    for r in july.family_feedback:
        if r.rating is not None:
            assert r.agree == (r.good == (r.rating >= 4))
    assert july.grade_and_rating.pairs == sum(r.rating is not None for r in july.family_feedback)
    dco = reports.key_issues(db, "DCO deep dive November 2026")
    assert dco.family_feedback == () and dco.grade_and_rating is None
    assert dco.to_json()["feedback_beside_grades"]["pairs"] == 0

