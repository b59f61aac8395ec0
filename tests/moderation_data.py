"""A plan to moderate at the speed of talk (shared by the keystroke test and the screenshots).

Three members score one plan to which all 22 questions of the shipped
multi-agency rubric apply (Year 10, direct payments). They agree on 18 and differ
on 4 (``DIFFER``) and on the grade (6, 5, 6).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from qa_audit.services import plans, rubric_view, scoring, sessions, submission
from qa_audit.services.actor import Actor
from qa_audit.storage import models
from qa_audit.storage.engine import Database

SESSION = "Keys panel"
PLAN = "K-201"
CHAIR, BOB, DEV = "Carol Chair", "Bob Shah", "Dev Rao"
#: question -> ((Carol's, Bob's, Dev's answer), the panel's answer) where they differ
DIFFER = {"cyp_voice": (("Y", "P", "Y"), "P"), "parent_views": (("Y", "N", "P"), "N"),
          "needs_education": (("P", "P", "Y"), "Y"), "pfa_outcomes": (("Y", "Y", "P"), "P")}
GRADES = {CHAIR: 6, BOB: 5, DEV: 6}
AGREED_GRADE = 5


def build(db: Database, actor: Actor) -> None:
    with db.write() as s:
        s.execute(insert(models.Plan), [{
            "plan_ref": PLAN, "issue_date": dt.date(2026, 10, 1), "plan_type": "new",
            "year_group": 10, "phase": "secondary", "primary_need": "ASD",
            "setting_type": "mainstream", "direct_payments": True, "updated_by": "test"}])
    sessions.create_session(db, SESSION, "multi-agency-ehcp", dt.date(2026, 11, 10), actor)
    sessions.add_member(db, SESSION, CHAIR, "sen_casework", "chair", actor)
    sessions.add_member(db, SESSION, BOB, "ep", "auditor", actor)
    sessions.add_member(db, SESSION, DEV, "health", "auditor", actor)
    rubric = rubric_view.load_rubric(db, "multi-agency-ehcp").rubric
    facts = plans.plan_facts(db, PLAN)
    assert facts is not None
    questions = rubric.applicable_questions(facts)
    assert len(questions) == 22
    for i, member in enumerate((CHAIR, BOB, DEV)):
        for q in questions:
            answer = DIFFER[q.id][0][i] if q.id in DIFFER else "Y"
            agencies = ("health",) if q.is_shortfall(answer) else ()
            scoring.save_answer(db, SESSION, PLAN, member, q.id, answer, agencies=agencies)
        scoring.save_overall(db, SESSION, PLAN, member, GRADES[member])
        submission.submit(db, SESSION, PLAN, member)
