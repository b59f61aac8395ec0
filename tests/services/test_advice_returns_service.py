"""The advice-return details the scoring screen shows (services.advice_returns)."""

from __future__ import annotations

import datetime as dt

import pytest

from qa_audit.errors import NotFound
from qa_audit.services import advice_returns, sessions
from qa_audit.services.sampling_returns import ReturnSampleSettings, draw_returns
from qa_audit.storage import models as m

D = dt.date


def test_return_details_and_a_session_s_returns(db, actor) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        plan = m.Plan(plan_ref="AB1", issue_date=D(2025, 3, 1), version=1)
        s.add(plan)
        s.flush()
        s.add_all([m.AdviceRequest(plan_id=plan.id, service="salt", requested_date=D(2025, 1, 6),
                                   received_date=D(2025, 2, 10)),
                   m.AdviceRequest(plan_id=plan.id, service="ot", requested_date=D(2025, 1, 6),
                                   received_date=D(2025, 3, 1))])
    got = advice_returns.return_details(db, "ab1", "salt", D(2025, 1, 6))
    assert (got.plan_ref, got.days_taken, got.within_6_weeks, got.due_date) == \
        ("AB1", 35, True, D(2025, 2, 17))
    assert got.summary == "salt: requested 6 Jan 2025, returned 10 Feb 2025 (35 days, " \
        "within 6 weeks)"
    with pytest.raises(NotFound):
        advice_returns.return_details(db, "AB1", "camhs", D(2025, 1, 6))
    sessions.create_session(db, "DCO Apr", "dco-health-advice", D(2025, 4, 20), actor)
    draw_returns(db, "DCO Apr", ReturnSampleSettings(percent=100, seed=3), actor)
    listed = advice_returns.session_returns(db, "DCO Apr")
    assert sorted((r.service, r.days_taken, r.within_6_weeks) for r in listed) == \
        [("ot", 54, False), ("salt", 35, True)]
    assert advice_returns.advice_return_rubric_ids(db) == ["dco-health-advice"]
