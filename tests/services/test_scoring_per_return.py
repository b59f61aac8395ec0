"""Scoring and moderation per advice return on a DCO session (issue 17).

Two sampled returns of the same plan are two items: two audits per member, two
agreed rows, each moderated on its own, and the health report counts two audited
returns. A plan-unit session keeps one audit per plan.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from qa_audit.domain.items import ItemKey
from qa_audit.errors import UserError
from qa_audit.services import agreed, reports, rubrics, scoring, session_data, sessions, submission
from qa_audit.services.moderation import AgreedAnswer, AgreedGrade, save_agreed
from qa_audit.services.register_import import import_advice, import_plans
from qa_audit.services.sampling_returns import ReturnSampleSettings, draw_returns
from qa_audit.storage import models as m

SESSION = "DCO May"
PLANS = "plan_ref,issue_date\nP1,2025-03-01\n"
ADVICE = ("plan_ref,service,requested_date,received_date\n"
          "P1,salt,2025-01-06,2025-02-10\nP1,paediatrics,2025-01-08,2025-03-01\n")


@pytest.fixture
def dco(db: Any, actor: Any, tmp_path: Path) -> Any:
    for name, text, load in (("plans", PLANS, import_plans), ("advice", ADVICE, import_advice)):
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        load(db, path, {}, actor)
    sessions.create_session(db, SESSION, "dco-health-advice", dt.date(2025, 5, 1), actor)
    for name, role in (("Dana", "chair"), ("Eli", "auditor")):
        sessions.add_member(db, SESSION, name, None, role, actor)
    draw_returns(db, SESSION, ReturnSampleSettings(percent=100.0, seed=1), actor)
    return db


def _complete(db: Any, item: ItemKey, member: str, grade: int) -> None:
    """Answer every applicable question (the first option) and grade, then submit."""
    with db.read() as s:
        rubric = rubrics.latest_rubric(s, "dco-health-advice")
    for q in rubric.questions():
        best = q.valid_answers()[-1 if q.type == "scale" else 0]
        scoring.save_answer(db, SESSION, item, member, q.id, best)
    scoring.save_overall(db, SESSION, item, member, grade)
    submission.submit(db, SESSION, item, member)


def test_two_returns_of_one_plan_are_scored_and_moderated_apart(dco: Any) -> None:
    db = dco
    items = session_data.load_member_session(db, SESSION, "Dana").sampled
    assert [(i.plan_ref, i.service) for i in items] == [("P1", "paediatrics"), ("P1", "salt")] \
        or [(i.plan_ref, i.service) for i in items] == [("P1", "salt"), ("P1", "paediatrics")]
    salt = next(i for i in items if i.service == "salt")
    paed = next(i for i in items if i.service == "paediatrics")
    assert salt != paed and salt.plan_ref == paed.plan_ref
    assert salt.label == "P1 · salt 06/01/2025"

    # the plan as a whole is not what a DCO session audits
    with pytest.raises(UserError, match="choose which advice request"):
        scoring.save_overall(db, SESSION, "P1", "Dana", 3)

    for member in ("Dana", "Eli"):
        _complete(db, salt, member, 4)
        _complete(db, paed, member, 2)
    with db.read() as s:
        audits = s.execute(select_audits()).all()
    assert sorted(audits) == sorted(
        [(salt.advice_request_id, "Dana", 4), (salt.advice_request_id, "Eli", 4),
         (paed.advice_request_id, "Dana", 2), (paed.advice_request_id, "Eli", 2)])

    own = session_data.load_member_session(db, SESSION, "Eli").own
    assert {k: a.overall for k, a in own.items()} == {salt: 4, paed: 2}
    # each return's visible audits are that return's only
    assert {a.overall for a in scoring.visible_audits(db, SESSION, salt, "Eli")} == {4}

    # moderated apart: each return its own agreed row, its own version
    save_agreed(db, SESSION, salt, "Dana", [AgreedAnswer("advice_current", "Y")], AgreedGrade(4),
                expected_version=0)
    assert agreed.panel_version(db, SESSION, paed) is None
    agreed.save_agreed_overall(db, SESSION, paed, "Dana", 2, expected_version=0)
    data, versions = session_data.load_session_with_panel_versions(db, SESSION)
    assert set(versions) == {salt, paed}
    assert {a.item: a.overall for a in data.panel_audits()} == {salt: 4, paed: 2}
    assert set(data.sampled_items) == {salt, paed} and data.sampled == ("P1",)

    # a return with an agreed row cannot be reopened; that is per return too
    with pytest.raises(UserError, match="moderating"):
        submission.reopen(db, SESSION, salt, "Eli")

    # key issues of a DCO session count returns: two sampled, audited and moderated
    key = reports.key_issues(db, SESSION)
    assert (key.plans_sampled, key.plans_audited, key.plans_moderated) == (2, 2, 2)
    assert key.agreement.pairs == 2  # Dana and Eli on each return

    figures = reports.health(db, "2025-01", "2025-01", today=dt.date(2025, 6, 1))
    by_service = {f.service: f for f in figures.services}
    assert (by_service["salt"].audited, by_service["salt"].good) == (1, 1)
    assert (by_service["paediatrics"].audited, by_service["paediatrics"].good) == (1, 0)
    assert sum(f.audited for f in figures.services) == 2


def test_a_request_of_another_plan_is_refused(dco: Any) -> None:
    items = session_data.load_member_session(dco, SESSION, "Dana").sampled
    with pytest.raises(UserError, match="No advice request"):
        scoring.save_overall(dco, SESSION, ItemKey("P1", items[0].advice_request_id + 99),
                             "Dana", 3)


def select_audits() -> Any:
    from sqlalchemy import select
    return select(m.Audit.advice_request_id, m.Audit.auditor, m.Audit.overall).where(
        m.Audit.is_panel.is_(False))
