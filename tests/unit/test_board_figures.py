"""Timeliness and scorecard figures on hand-made records, every figure worked out by hand
(CONTRACT.md v2, "Timeliness report" and "Scorecard").

New plans issued in March 2026 (request + days):
  N1 +140 (within), N2 +141 (late), N3 +200 exception (late), N4 +100 exception (within),
  N5 no request date, N6 amended +10 (not a new plan), N7 +30 (within), N8 +50 issued
  2026-04-01 (outside March).
  issued 6 (N1-N5, N7); with a request date 5; within 3 (N1, N4, N7) = 60.0%;
  exceptions 2 (N3, N4); the others N1, N2, N7: 2 within of 3 = 66.7%.
Advice requested in March: A1 +42 (within), A2 +43 (late), A3 not returned, A4 +10 returned
  in April (within: returns to date count); A5 requested 2026-02-28 (outside).
  requested 4, within 2 = 50.0%.
Reviews due in March: R1 met on the due day, decided +28, amend, issued +56, child took
  part; R2 met a day late, decided +29, amend, issued +57, child did not take part;
  R3 met early, maintain, no decision date, child not recorded; R4 not held.
  R5 due 2026-04-01 (outside).
  due 4, held 3, by due date 2 (R1, R3) = 50.0%; decided within 4 weeks 1 of 3 = 33.3%;
  amended 2, within 8 weeks 1 = 50.0%; child took part 1 of 3 = 33.3%.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from qa_audit.domain import timeliness as rules
from qa_audit.domain.annual_review import date_problems
from qa_audit.domain.audit import AdviceRecord, AuditRecord, SessionData
from qa_audit.domain.board import BoardTargets, FeedbackRecord, NewPlanRecord, ReviewRecord
from qa_audit.domain.quarters import Quarter, quarter_of, quarters_overlapping
from qa_audit.domain.rubric import Rubric
from qa_audit.reporting.scorecard import scorecard
from qa_audit.reporting.timeliness import timeliness
from qa_audit.reporting.trend import trend
from qa_audit.rubrics.loader import load_rubric_text
from tests.indicator_rubric import indicator_rubric_text

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
D = dt.date
DAY = dt.timedelta(days=1)
MA = "multi-agency-ehcp"


def plus(day: dt.date, days: int) -> dt.date:
    return day + days * DAY


def new(ref: str, issue: dt.date, days: int | None, exception: bool | None = None,
        kind: str = "new") -> NewPlanRecord:
    return NewPlanRecord(ref, kind, None if days is None else plus(issue, -days), issue,
                         exception)


PLANS = [
    new("N1", D(2026, 3, 2), 140), new("N2", D(2026, 3, 3), 141),
    new("N3", D(2026, 3, 4), 200, True), new("N4", D(2026, 3, 5), 100, True),
    new("N5", D(2026, 3, 6), None), new("N6", D(2026, 3, 7), 10, kind="amended"),
    new("N7", D(2026, 3, 31), 30, False), new("N8", D(2026, 4, 1), 50),
]
ADVICE = [
    AdviceRecord("N1", "salt", D(2026, 3, 1), plus(D(2026, 3, 1), 42)),
    AdviceRecord("N1", "ot", D(2026, 3, 2), plus(D(2026, 3, 2), 43)),
    AdviceRecord("N2", "ep", D(2026, 3, 3), None),
    AdviceRecord("N2", "camhs", D(2026, 3, 31), D(2026, 4, 10)),
    AdviceRecord("N3", "salt", D(2026, 2, 28), D(2026, 3, 1)),
]
DUE = D(2026, 3, 10)
REVIEWS = [
    ReviewRecord("N1", DUE, DUE, "amend", plus(DUE, 28), plus(DUE, 28 + 56), True),
    ReviewRecord("N2", D(2026, 3, 11), D(2026, 3, 12), "amend", plus(D(2026, 3, 12), 29),
                 plus(D(2026, 3, 12), 29 + 57), False),
    ReviewRecord("N3", D(2026, 3, 31), D(2026, 3, 1), "maintain", None, None, None),
    ReviewRecord("N4", D(2026, 3, 1), None, None, None, None, None),
    ReviewRecord("N5", D(2026, 4, 1), D(2026, 4, 1), "cease", D(2026, 4, 1), None, True),
]


def test_the_limits_in_days() -> None:
    start = D(2026, 1, 1)
    assert rules.issued_within_20_weeks(start, plus(start, 140))
    assert not rules.issued_within_20_weeks(start, plus(start, 141))
    assert rules.advice_within_6_weeks(start, plus(start, 42))
    assert not rules.advice_within_6_weeks(start, plus(start, 43))
    assert not rules.advice_within_6_weeks(start, None)
    assert rules.decided_within_4_weeks(start, plus(start, 28))
    assert not rules.decided_within_4_weeks(start, plus(start, 29))
    assert rules.amended_within_8_weeks(start, plus(start, 56))
    assert not rules.amended_within_8_weeks(start, plus(start, 57))
    assert rules.held_by_due_date(start, start)
    assert not rules.held_by_due_date(start, plus(start, 1))
    assert not rules.held_by_due_date(start, None)


def test_review_date_rules() -> None:
    day = D(2026, 5, 1)
    assert date_problems(day, "amend", day, day) == []
    assert [f for f, _ in date_problems(day, "amend", plus(day, -1), None)] == ["decision_date"]
    assert [f for f, _ in date_problems(day, "maintain", day, day)] == ["amended_issue_date"]
    assert [f for f, _ in date_problems(day, None, None, day)] == ["amended_issue_date"]
    assert [f for f, _ in date_problems(day, "amend", day, plus(day, -1))] == [
        "amended_issue_date"]
    assert date_problems(None, "cease", day, None) == []  # no meeting recorded: allowed


def test_timeliness_figures_by_hand() -> None:
    f = timeliness(PLANS, ADVICE, REVIEWS, "2026-03", "2026-03")
    data = f.to_json()
    jsonschema.validate(data, json.loads((SCHEMAS / "timeliness.schema.json").read_text()))
    assert {k: data["new_plans"][k] for k in (
        "issued", "with_request_date", "within_20_weeks", "percent_within_20_weeks",
        "exceptions", "percent_within_20_weeks_excluding_exceptions")} == {
        "issued": 6, "with_request_date": 5, "within_20_weeks": 3,
        "percent_within_20_weeks": 60.0, "exceptions": 2,
        "percent_within_20_weeks_excluding_exceptions": 66.7}
    assert {k: data["advice"][k] for k in ("requested", "within_6_weeks",
                                           "percent_within_6_weeks")} == {
        "requested": 4, "within_6_weeks": 2, "percent_within_6_weeks": 50.0}
    assert data["reviews"] == {
        "due": 4, "held": 3, "held_by_due_date": 2, "percent_held_by_due_date": 50.0,
        "decided_within_4_weeks": 1, "percent_decided_within_4_weeks": 33.3,
        "amended": 2, "amended_within_8_weeks": 1, "percent_amended_within_8_weeks": 50.0,
        "child_attended": 1, "percent_child_attended": 33.3}


def test_empty_period_gives_nulls_not_zeros() -> None:
    data = timeliness(PLANS, ADVICE, REVIEWS, "2025-01", "2025-01").to_json()
    assert data["new_plans"]["percent_within_20_weeks"] is None
    assert data["new_plans"]["percent_within_20_weeks_excluding_exceptions"] is None
    assert data["advice"]["percent_within_6_weeks"] is None
    assert data["reviews"]["percent_decided_within_4_weeks"] is None


def test_months_and_targets_in_force() -> None:
    targets = BoardTargets.from_json({"advice_within_6_weeks": [
        {"from": "2026-01-01", "percent": 90}, {"from": "2026-04-01", "percent": 98}]})
    f = timeliness(PLANS, ADVICE, REVIEWS, "2026-03", "2026-04", targets)
    march, april = f.months
    assert march.measures["advice_within_6_weeks"].target == 90
    assert april.measures["advice_within_6_weeks"].target == 98
    assert f.measures["advice_within_6_weeks"].target == 98  # the period's last day
    assert march.measures["advice_within_6_weeks"].rag == "red"  # 50% against 90
    assert april.new_plans.issued == 1 and april.reviews.due == 1
    with pytest.raises(ValueError, match="unknown measure"):
        BoardTargets.from_json({"advice": []})


def test_quarters() -> None:
    assert quarter_of(D(2026, 3, 31)).key == "2026-Q1"
    assert quarter_of(D(2026, 4, 1)).key == "2026-Q2"
    assert Quarter(2026, 4).last_day == D(2026, 12, 31)
    assert Quarter(2026, 1).last_day == D(2026, 3, 31)
    assert [q.key for q in quarters_overlapping(D(2025, 12, 1), D(2026, 4, 30))] == [
        "2025-Q4", "2026-Q1", "2026-Q2"]
    assert Quarter.parse("2026-Q3").months() == ["2026-07", "2026-08", "2026-09"]
    with pytest.raises(ValueError, match="YYYY-Qn"):
        Quarter.parse("2026-Q5")


# ------------------------------------------------------------------ scorecard


def panel(session: str, plan: str, grade: int | None, answers: dict[str, str]) -> AuditRecord:
    return AuditRecord(session=session, plan_ref=plan, auditor="panel", is_panel=True,
                       overall=grade, status="submitted", answers=answers)


def session(name: str, day: dt.date, audits: list[AuditRecord]) -> SessionData:
    return SessionData(name=name, date=day, status="closed", rubric_id=MA, rubric_version=2,
                       sampled=(), audits=tuple(audits), plans={})


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    """Overall target 70% from 2026-01-01, 80% from 2026-06-15 (a step inside Q2);
    indicator voice [cyp_voice, parent_views] 80% from 2026-01-01, provision_quantified
    75% from 2026-04-01. Good grades are 6-8."""
    return load_rubric_text(indicator_rubric_text().replace("- from: 2026-07-01",
                                                            "- from: 2026-06-15"))


RESPONSES = [
    FeedbackRecord("P1", "parent_carer", D(2026, 1, 31), "new_plan", 5, "yes"),  # before
    FeedbackRecord("P1", "young_person", D(2026, 2, 1), "new_plan", 4, "yes"),
    FeedbackRecord("P2", "parent_carer", D(2026, 3, 31), "new_plan", 2, "no"),
    FeedbackRecord("P3", "setting", D(2026, 3, 31), "new_plan", None, "partly"),  # no rating
    FeedbackRecord("P2", "setting", D(2026, 4, 1), "annual_review", 3, None),
    FeedbackRecord("P4", "parent_carer", D(2026, 5, 31), "new_plan", 5, None,
                   "Approved excerpt"),
    FeedbackRecord("P4", "young_person", D(2026, 6, 1), "new_plan", 5, None),  # after
]


def test_scorecard_by_hand(rubric: Rubric) -> None:
    """Period 2026-02..2026-05: quarters Q1 (Feb, Mar) and Q2 (Apr, May).

    Q1: sessions 2026-02-10 (P1 7 good, voice Y/Y met; P2 4, voice N not met) and
    2026-03-31 (P1 again 3 not good, voice NA/NA not counted; P3 no grade): 3 moderated
    pairs, 1 good = 33.3%; voice 1 met of 2; target on 2026-03-31: 70, voice 80.
    A session on 2026-01-31 (P9 good) is outside the period.
    Q2: session 2026-04-01 (P4 8 good): 1 moderated, 100%; target on 2026-06-30 = 80
    (the step on 2026-06-15, after the period's last day), provision_quantified 75.
    Feedback: Q1 responses 3 (Feb 1, Mar 31 x2), rated 2, satisfied 1 = 50.0%;
    Q2: 2 (Apr 1 rating 3, May 31 rating 5), satisfied 1 = 50.0%.
    New plans (PLANS): Q1 (Feb-Mar) 3 of 5 = 60.0%; Q2 (Apr-May): N8 +50 = 100.0%.
    """
    sessions = [
        session("Jan", D(2026, 1, 31), [panel("Jan", "P9", 8, {})]),
        session("Feb", D(2026, 2, 10), [panel("Feb", "P1", 7, {"cyp_voice": "Y",
                                                               "parent_views": "Y"}),
                                        panel("Feb", "P2", 4, {"cyp_voice": "N"})]),
        session("Mar", D(2026, 3, 31), [panel("Mar", "P1", 3, {"cyp_voice": "NA",
                                                               "parent_views": "NA"}),
                                        panel("Mar", "P3", None, {"cyp_voice": "Y"})]),
        session("Apr", D(2026, 4, 1), [panel("Apr", "P4", 8, {})]),
    ]
    t = trend(sessions, {(MA, 2): rubric}, "2026-02", "2026-05", latest=rubric)
    graded = [("P1", True), ("P2", False), ("P1", False), ("P4", True)]
    card = scorecard(t, rubric, PLANS, ADVICE, REVIEWS, RESPONSES, graded=graded)
    data = card.to_json()
    jsonschema.validate(data, json.loads((SCHEMAS / "scorecard.schema.json").read_text()))
    q1, q2 = data["quarters"]
    assert [q1["quarter"], q2["quarter"]] == ["2026-Q1", "2026-Q2"]
    assert (q1["plans_moderated"], q1["percent_good"], q1["target_percent_good"]) == (
        3, 33.3, 70.0)
    assert q1["indicators"]["voice"] == {"plans": 2, "met": 1, "percent_met": 50.0,
                                         "target_percent": 80.0, "rag": "grey"}
    assert q1["indicators"]["provision_quantified"]["target_percent"] is None
    assert (q2["plans_moderated"], q2["percent_good"], q2["target_percent_good"]) == (
        1, 100.0, 80.0)
    assert q2["indicators"]["provision_quantified"]["target_percent"] == 75.0
    assert (q1["feedback_responses"], q1["percent_feedback_satisfied"]) == (3, 50.0)
    assert (q2["feedback_responses"], q2["percent_feedback_satisfied"]) == (2, 50.0)
    assert q1["percent_within_20_weeks"] == 60.0 and q2["percent_within_20_weeks"] == 100.0
    assert q1["percent_advice_within_6_weeks"] == 60.0  # A5 (Feb 28) was on time: 3 of 5
    assert q1["percent_reviews_held_by_due_date"] == 50.0
    assert q2["percent_reviews_held_by_due_date"] == 100.0
    good = {k["id"]: k for k in q2["kpis"]}["percent_good"]
    assert (good["direction"], good["change_points"]) == ("up", 66.7)
    first = {k["id"]: k for k in q1["kpis"]}["percent_good"]
    assert first["direction"] is None
    assert (first["ci_low"], first["ci_high"], first["rag"]) == (6.1, 79.2, "grey")
    # grade beside rating: P1 good x rating 4 (agree), P1 not good x 4 (disagree),
    # P2 not good x 2 and x 3 (agree, agree), P4 good x 5 (agree)
    assert data["grade_and_rating"]["pairs"] == 5
    assert data["grade_and_rating"]["agree"] == 4
    assert [e.excerpt for e in card.excerpts] == ["Approved excerpt"]
