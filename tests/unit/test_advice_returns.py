"""Advice returns as the DCO audits them: which agreed grade counts, "not known", the
details the scoring screen shows, and the dashboard panel's rows."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from qa_audit.domain.advice_returns import AgreedReturn, judge_returns, request_key
from qa_audit.domain.audit import AdviceRecord
from qa_audit.errors import NotFound
from qa_audit.paths import bundled
from qa_audit.reporting import health as health_figures
from qa_audit.reporting.health_panel import health_panel_rows
from qa_audit.rubrics.loader import load_rubric_file
from qa_audit.services import advice_returns, sessions
from qa_audit.services.sampling_returns import ReturnSampleSettings, draw_returns
from qa_audit.storage import models as m

D = dt.date
DCO = load_rubric_file(bundled("rubrics", "dco-health-advice.yaml"))
RUBRICS = {("dco-health-advice", 1): DCO}


def _agreed(session: str, day: D, grade: int, **answers: str) -> AgreedReturn:
    return AgreedReturn("ab1", "salt", D(2025, 1, 6), session, day, "dco-health-advice", 1,
                        grade, answers)


def test_the_latest_session_agreed_grade_counts_and_plan_refs_ignore_case() -> None:
    judged = judge_returns([_agreed("DCO Jun", D(2025, 6, 1), 4),
                            _agreed("DCO Mar", D(2025, 3, 1), 1, not_known_handled="NK")],
                           RUBRICS)
    got = judged[request_key("AB1", "salt", D(2025, 1, 6))]
    assert (got.grade, got.good, got.not_known, got.session) == (4, True, False, "DCO Jun")
    only_march = judge_returns([_agreed("DCO Mar", D(2025, 3, 1), 1, not_known_handled="nk")],
                               RUBRICS)
    assert only_march[request_key("ab1", "salt", D(2025, 1, 6))].not_known  # answer's case
    na = judge_returns([_agreed("DCO Mar", D(2025, 3, 1), 3, not_known_handled="NA")], RUBRICS)
    assert not na[request_key("ab1", "salt", D(2025, 1, 6))].not_known
    # only a session on an advice_return rubric judges a return
    plan_unit = {("dco-health-advice", 1): dataclasses.replace(DCO, unit="plan")}
    assert judge_returns([_agreed("DCO Mar", D(2025, 3, 1), 3)], plan_unit) == {}


def test_panel_rows_follow_the_report() -> None:
    advice = [AdviceRecord("ab1", "salt", D(2025, 1, 6), D(2025, 2, 10)),
              AdviceRecord("ab2", "salt", D(2025, 1, 9), None),
              AdviceRecord("ab2", "ep", D(2025, 1, 9), D(2025, 1, 20))]
    figures = health_figures.health(advice, [], RUBRICS, "2025-01", "2025-01",
                                    today=D(2025, 4, 1),
                                    returns=[_agreed("DCO Mar", D(2025, 3, 1), 3)],
                                    timeliness=DCO)
    rows = health_panel_rows(figures)
    assert [r.service for r in rows] == ["salt", "all_health"]  # ep is not a health service
    salt = rows[0]
    assert (salt.requested, salt.percent_within_6_weeks, salt.target_percent, salt.met) == \
        (2, 50.0, 98.0, False)
    assert (salt.audited, salt.good, salt.percent_good, salt.exceptions) == (1, 1, 100.0, 1)
    assert rows[-1].is_total


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
