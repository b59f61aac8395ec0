"""Advice returns as the DCO audits them: which agreed grade counts, "not known", the
details the scoring screen shows, and the dashboard panel's rows."""

from __future__ import annotations

import dataclasses
import datetime as dt

from qa_audit.domain.advice_returns import AgreedReturn, judge_returns, request_key
from qa_audit.domain.audit import AdviceRecord
from qa_audit.paths import bundled
from qa_audit.reporting import health as health_figures
from qa_audit.reporting.health_panel import health_panel_rows
from qa_audit.rubrics.loader import load_rubric_file

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
