"""Report figures on a hand-made data set, checked against figures worked out by hand.

The data set is built directly as domain objects (no database) on the real shipped
rubric ``multi-agency-ehcp`` (overall 1-8, 6-8 good, target 80%). Every expected
number below is derived in the comments from the contract's rules
(CONTRACT.md, "Report figures"), not from the code under test.

Sessions:

* S0 "Panel February 2026" (2026-02-10): P7 agreed 5, P8 agreed 6.
* S1 "Panel March 2026" (2026-03-10), sample P1-P5:
  P1: Alice 6, Bob 7, panel 7 | P2: Alice 3, Bob 5, Carol 4, panel 4 |
  P3: Alice 8, Bob 8, panel 8 | P4: Alice 2, no panel row (unmoderated) |
  P5: sampled, never audited | P6: not in the sample, panel answers but no agreed grade.
* S2 "Panel April 2026" (2026-04-05) on version 2 of the rubric whose target is 85%:
  P1 agreed 6.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import jsonschema
import krippendorff
import numpy as np
import pytest

from qa_audit.domain.audit import (
    ActionRecord,
    AdviceRecord,
    AuditRecord,
    PlanFacts,
    SessionData,
    ThemeRecord,
)
from qa_audit.domain.rubric import Rubric
from qa_audit.domain.targets import TargetSchedule
from qa_audit.paths import bundled
from qa_audit.reporting.health import health
from qa_audit.reporting.key_issues import key_issues, rag_against_target
from qa_audit.reporting.themes import themes
from qa_audit.reporting.trend import month_bounds, months_between, parse_month, trend
from qa_audit.rubrics.loader import load_rubric_file

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
NAMES = ("Sam", "Jordan Smith")
TODAY = dt.date(2026, 4, 1)


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def validate(data: dict, name: str) -> None:
    jsonschema.Draft202012Validator(schema(name)).validate(json.loads(json.dumps(data)))


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric_file(bundled("rubrics", "multi-agency-ehcp.yaml"))


@pytest.fixture(scope="module")
def rubric_v2(rubric: Rubric) -> Rubric:
    return dataclasses.replace(rubric, overall=dataclasses.replace(
        rubric.overall, targets=TargetSchedule.always(85.0), target_percent_good=85.0))


def audit(session: str, plan: str, auditor: str, overall: int | None, answers=None,
          attributions=None, themes=(), strengths=None, development=None,
          agency=None) -> AuditRecord:
    return AuditRecord(session=session, plan_ref=plan, auditor=auditor,
                       is_panel=auditor == "panel", agency=agency, overall=overall,
                       status="submitted", answers=dict(answers or {}),
                       attributions={q: (a,) if isinstance(a, str) else tuple(a)
                                     for q, a in (attributions or {}).items()},
                       themes=tuple(themes),
                       strengths=strengths, development=development)


PLANS = {
    "P1": PlanFacts("P1", team="North", phase="primary", primary_need="ASD"),
    "P2": PlanFacts("P2", team="South", phase="secondary", primary_need="SEMH"),
    "P3": PlanFacts("P3", team="North", phase="primary", primary_need="ASD"),
    "P4": PlanFacts("P4", team="North"),
    "P5": PlanFacts("P5"),
    "P6": PlanFacts("P6", team="West"),
    "P7": PlanFacts("P7", team="South"),
    "P8": PlanFacts("P8"),
}


@pytest.fixture(scope="module")
def s0() -> SessionData:
    n = "Panel February 2026"
    return SessionData(
        name=n, date=dt.date(2026, 2, 10), status="closed", rubric_id="multi-agency-ehcp",
        rubric_version=1, sampled=(),
        audits=(
            audit(n, "P7", "panel", 5, {"needs_health": "N"}, {"needs_health": "health"},
                  themes=[ThemeRecord("outcomes_not_smart")]),
            audit(n, "P8", "panel", 6, {"needs_health": "Y"}, strengths="Good SaLT detail."),
        ),
        plans={k: PLANS[k] for k in ("P7", "P8")})


@pytest.fixture(scope="module")
def s1() -> SessionData:
    n = "Panel March 2026"
    return SessionData(
        name=n, date=dt.date(2026, 3, 10), status="moderation", rubric_id="multi-agency-ehcp",
        rubric_version=1, sampled=("P1", "P2", "P3", "P4", "P5"),
        audits=(
            # P1 -------------------------------------------------------------
            audit(n, "P1", "Alice", 6, {"provision_education": "P"},
                  {"provision_education": "ep"}, agency="ep"),  # member attribution: ignored
            audit(n, "P1", "Bob", 7, {"needs_health": "N"}, agency="health",
                  themes=[ThemeRecord("health_advice_missing", None,
                                      excerpt="Raw note about Sam",
                                      approved_excerpt="Health advice returned as not known.")]),
            audit(n, "P1", "panel", 7,
                  {"cyp_voice": "Y", "parent_views": "NA", "provision_education": "P",
                   "needs_health": "N", "health_advice_quality": "P", "outcomes_smart": "N"},
                  {"provision_education": "ep", "needs_health": "health",
                   "health_advice_quality": "health"},
                  themes=[ThemeRecord("provision_not_quantified", "provision_education",
                                      excerpt="Sam would benefit from access to SaLT on 03/10/2025",
                                      approved_excerpt="Sam would benefit from access to SaLT.")],
                  strengths="Sam's views are clear; seen on 03/10/2025."),
            # P2 -------------------------------------------------------------
            audit(n, "P2", "Alice", 3, agency="ep",
                  themes=[ThemeRecord("provision_not_quantified",
                                      excerpt="Jordan Smith gets regular support"),
                          ThemeRecord("vague_wording",
                                      excerpt="Access to a small group as required")]),
            audit(n, "P2", "Bob", 5, agency="health"),
            audit(n, "P2", "Carol", 4, agency="sen_casework",
                  themes=[ThemeRecord("voice_missing"),
                          ThemeRecord("new_diagnosis_missing", "needs_health")]),
            audit(n, "P2", "panel", 4,
                  {"cyp_voice": "P", "parent_views": "Y", "provision_education": "N",
                   "needs_health": "Y", "health_advice_quality": "N", "provision_health": "NA"},
                  {"cyp_voice": "sen_casework", "provision_education": "ep",
                   "health_advice_quality": "health"},
                  themes=[ThemeRecord("provision_not_quantified",
                                      approved_excerpt="Provision says 'regular support'.")],
                  development="Quantify Section F for Jordan Smith."),
            # P3 -------------------------------------------------------------
            audit(n, "P3", "Alice", 8, agency="ep"),
            audit(n, "P3", "Bob", 8, agency="health"),
            audit(n, "P3", "panel", 8,
                  {"cyp_voice": "Y", "provision_education": "Y", "needs_health": "Y"},
                  {"cyp_voice": "ep"},  # attribution on a non-shortfall answer: ignored
                  strengths="A golden thread throughout."),
            # P4: one auditor, never moderated ---------------------------------
            audit(n, "P4", "Alice", 2, agency="ep",
                  themes=[ThemeRecord("provision_not_quantified")]),
            # P6: agreed answers, no agreed grade yet -------------------------
            audit(n, "P6", "panel", None, {"cyp_voice": "N", "parent_views": " "},
                  {"cyp_voice": "sen_casework"}),
        ),
        plans={k: PLANS[k] for k in ("P1", "P2", "P3", "P4", "P5", "P6")},
        actions=(
            ActionRecord(1, n, "P2", "Return P2 to caseworker; call 07700 900123", "SEN manager",
                         dt.date(2026, 3, 20), "open"),
            ActionRecord(2, n, None, "Training on outcomes", "Practice lead",
                         dt.date(2026, 5, 1), "done"),
        ))


@pytest.fixture(scope="module")
def s2() -> SessionData:
    n = "Panel April 2026"
    return SessionData(
        name=n, date=dt.date(2026, 4, 5), status="scoring", rubric_id="multi-agency-ehcp",
        rubric_version=2, sampled=("P1",),
        audits=(audit(n, "P1", "panel", 6, {"needs_health": "Y"},
                      themes=[ThemeRecord("provision_not_quantified")],
                      strengths="Much improved."),),
        plans={"P1": PLANS["P1"]})


@pytest.fixture(scope="module")
def rubrics(rubric: Rubric, rubric_v2: Rubric) -> dict:
    return {("multi-agency-ehcp", 1): rubric, ("multi-agency-ehcp", 2): rubric_v2}


# ------------------------------------------------------------------ key issues


@pytest.fixture(scope="module")
def ki(s1, s0, rubric):
    return key_issues(s1, rubric, previous=s0, previous_rubric=rubric, names=NAMES, today=TODAY)


def test_key_issues_plan_counts(ki) -> None:
    data = ki.to_json()
    assert data["session"] == "Panel March 2026"
    assert data["rubric"]["id"] == "multi-agency-ehcp"
    assert data["rubric"]["version"] == 1
    assert data["plans_audited"] == 5  # P1, P2, P3, P4 (one auditor), P6 (panel only)
    assert data["plans_sampled"] == 5  # the drawn sample P1-P5 (P5 never audited)
    assert data["plans_moderated"] == 3  # P1, P2, P3; P6's panel row has no grade
    assert data["percent_good"] == 66.7  # P1 (7) and P3 (8) of 3
    assert data["target_percent_good"] == 80.0
    # 66.7 is more than 10 points below 80, but 3 plans are too few for a colour
    assert ki.rag == "grey"
    assert ki.headline().startswith("2 of 3 moderated plans judged good (67%; with so few")
    assert ki.unmoderated == ("P4", "P6")


def test_plans_sampled_falls_back_to_audited(s1, rubric) -> None:
    unsampled = dataclasses.replace(s1, sampled=())
    assert key_issues(unsampled, rubric).to_json()["plans_sampled"] == 5


def test_key_issues_grade_distribution(ki) -> None:
    expected = {str(g): 0 for g in range(1, 9)} | {"4": 1, "7": 1, "8": 1}
    assert ki.to_json()["grade_distribution"] == expected


def test_key_issues_questions(ki) -> None:
    q = {x["id"]: x for x in ki.to_json()["questions"]}
    # panel rows P1, P2, P3, P6 only; the members' answers do not count
    assert q["cyp_voice"]["counts"] == {"Y": 2, "P": 1, "N": 1}  # blank of P6 not counted
    assert q["cyp_voice"]["shortfall_percent"] == 50.0
    assert q["parent_views"]["counts"] == {"Y": 1, "P": 0, "N": 0, "NA": 1}  # " " is blank
    assert q["parent_views"]["shortfall_percent"] == 0.0  # NA is not in the denominator
    assert q["provision_education"]["shortfall_percent"] == 66.7  # P, N of P, N, Y
    assert q["needs_health"]["shortfall_percent"] == 33.3  # the member's N on P1 not counted
    assert q["health_advice_quality"]["shortfall_percent"] == 100.0
    assert q["outcomes_smart"]["counts"]["N"] == 1
    assert q["provision_health"]["counts"]["NA"] == 1
    assert q["provision_health"]["shortfall_percent"] is None  # only NA: denominator 0
    assert q["golden_thread"]["shortfall_percent"] is None
    ids = [x["id"] for x in ki.to_json()["questions"]]
    assert ids[:3] == ["cyp_voice", "parent_views", "person_centred_profile"]  # rubric order
    worst = [x.id for x in ki.questions_worst_first()]
    assert worst[:2] == ["outcomes_smart", "health_advice_quality"]  # 100%; ties: rubric order
    assert worst[-1] == "parent_views"


def test_key_issues_agencies(ki) -> None:
    got = {a["agency"]: a for a in ki.to_json()["agencies"]}
    # agreed, attributed shortfalls: P1 ep, health, health; P2 sen_casework, ep, health;
    # P6 sen_casework = 7. Alice's attribution (a member) and P3's attribution on a "Y"
    # answer are not agreed shortfalls.
    assert {k: v["shortfalls"] for k, v in got.items()} == {
        "ep": 2, "health": 3, "sen_casework": 2, "social_care": 0, "school_setting": 0}
    assert got["health"]["percent_of_shortfalls"] == 42.9  # 3/7
    assert got["ep"]["percent_of_shortfalls"] == 28.6  # 2/7
    assert got["social_care"]["percent_of_shortfalls"] == 0.0
    assert ki.to_json()["agencies"][0]["agency"] == "health"  # most first
    assert ki.agencies[0].sentence() == "Health responsible for 42.9% of attributed shortfalls"


def test_key_issues_themes(ki) -> None:
    got = {t["id"]: (t["plans"], t["raised"]) for t in ki.to_json()["themes"]}
    # provision_not_quantified: agreed on P1 and P2 (the panel); raised on P1, P2 (Alice and
    # the panel: once) and P4 (Alice alone). The other themes only one auditor recorded.
    assert got == {"provision_not_quantified": (2, 3), "health_advice_missing": (0, 1),
                   "vague_wording": (0, 1), "voice_missing": (0, 1),
                   "new_diagnosis_missing": (0, 1)}
    first = ki.themes[0]
    # plans with agreed scores: P1, P2, P3, P6 (no grade yet, but agreed answers); audited: 5
    assert (first.percent_of_agreed, first.percent_raised) == (50.0, 60.0)
    assert [t.id for t in ki.themes[1:]] == [  # no agreed plans: by raised, then catalogue
        "vague_wording", "voice_missing", "health_advice_missing", "new_diagnosis_missing"]
    assert first.id == "provision_not_quantified"
    assert first.label == "Provision not specified or quantified"
    # approved excerpts only, redacted again with the names list; panel rows first
    assert [e.text for e in first.excerpts] == ["[name] would benefit from access to SaLT.",
                                                 "Provision says 'regular support'."]


def test_key_issues_agreement(ki) -> None:
    a = ki.to_json()["agreement"]
    # P1 (6,7): 1 pair within one; P2 (3,5,4): 3 pairs, 0 exact, 2 within one;
    # P3 (8,8): exact; P4 has one grade. 5 pairs, 1 exact, 4 within one.
    assert a["pairs"] == 5
    assert a["overall_exact_percent"] == 20.0
    assert a["overall_within_one_percent"] == 80.0
    matrix = np.array([[6, 3, 8, 2], [7, 5, 8, np.nan], [np.nan, 4, np.nan, np.nan]])
    alpha = krippendorff.alpha(reliability_data=matrix, value_domain=np.arange(1, 9),
                               level_of_measurement="ordinal")
    assert a["krippendorff_alpha_ordinal"] == pytest.approx(round(alpha, 3), abs=0.0011)
    drift = {m.auditor: m for m in ki.members}
    assert set(drift) == {"Alice", "Bob", "Carol"}  # never the panel
    # Alice vs agreed: 6-7, 3-4, 8-8 -> mean -2/3; Bob: 0, +1, 0 -> +0.33
    assert drift["Alice"].mean_difference_from_agreed == -0.67
    assert drift["Bob"].mean_difference_from_agreed == 0.33
    assert drift["Alice"].agency == "Educational psychology"


def test_key_issues_previous_session(ki) -> None:
    prev = ki.previous
    assert prev is not None
    assert prev.session == "Panel February 2026"
    assert prev.plans_moderated == 2
    assert prev.percent_good == 50.0  # P8 (6) of P7 (5), P8
    assert prev.change_points == 16.7  # 66.67 - 50


def test_key_issues_strengths_exemplars_actions(ki) -> None:
    # the top band of this rubric is Good (6-8)
    assert [(e.plan_ref, e.grade) for e in ki.exemplars] == [("P3", 8), ("P1", 7)]
    p1 = next(e for e in ki.exemplars if e.plan_ref == "P1")
    assert p1.text == "[name]'s views are clear; seen on [date]."
    assert [d.text for d in ki.development] == ["Quantify Section F for [name]."]
    overdue = {a.text: a.overdue for a in ki.actions}
    assert overdue == {"Return P2 to caseworker; call [phone]": True,
                       "Training on outcomes": False}


def test_key_issues_never_carries_raw_excerpts_or_listed_names(ki) -> None:
    text = json.dumps(ki.to_json()) + json.dumps(ki.tables(), default=str)
    for raw in ("Raw note about", "regular support\"", "Access to a small group", "07700"):
        assert raw not in text
    for name in NAMES:
        assert name not in text
    assert "Sam" not in text
    assert "03/10/2025" not in text


def test_key_issues_json_matches_schema(ki) -> None:
    validate(ki.to_json(), "key-issues")


def test_key_issues_empty_session(rubric) -> None:
    empty = SessionData("Empty", dt.date(2026, 1, 1), "planning", "multi-agency-ehcp", 1,
                        (), (), {})
    data = key_issues(empty, rubric).to_json()
    validate(data, "key-issues")
    assert data["plans_audited"] == data["plans_sampled"] == data["plans_moderated"] == 0
    assert data["percent_good"] is None
    assert data["agreement"] == {"pairs": 0, "overall_exact_percent": None,
                                 "overall_within_one_percent": None,
                                 "krippendorff_alpha_ordinal": None}
    assert all(a["percent_of_shortfalls"] is None for a in data["agencies"])


@pytest.mark.parametrize(("good", "moderated", "target", "rag"), [
    (8, 10, 80.0, "green"),  # exactly on target
    (7, 10, 80.0, "amber"),  # 10 points below: still amber
    (69, 100, 80.0, "red"),  # 11 points below
    (2, 3, 76.7, "amber"),  # shown as 66.7%: exactly 10 points below, as the reader sees
    (1999, 2500, 80.0, "green"),  # 79.96% is shown as 80.0%
    (2, 3, 76.8, "red"),
    (0, 0, 80.0, None),
    (3, 4, None, None),
])
def test_rag_against_target(good, moderated, target, rag) -> None:
    assert rag_against_target(good, moderated, target) == rag


# ------------------------------------------------------------------ trend


def test_trend_periods(s0, s1, s2, rubrics) -> None:
    f = trend([s2, s1, s0], rubrics, "2026-01", "2026-04")
    data = f.to_json()
    validate(data, "trend")
    assert [p["period"] for p in data["periods"]] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    jan, feb, mar, apr = data["periods"]
    assert (jan["plans_moderated"], jan["percent_good"], jan["ci_low"], jan["ci_high"]) == \
        (0, None, None, None)
    assert (feb["plans_moderated"], feb["percent_good"]) == (2, 50.0)
    assert (feb["ci_low"], feb["ci_high"]) == (9.5, 90.5)  # Wilson 1/2, z = 1.96
    assert (mar["plans_moderated"], mar["percent_good"]) == (3, 66.7)  # P6 has no grade
    assert (mar["ci_low"], mar["ci_high"]) == (20.8, 93.9)  # Wilson 2/3
    assert (apr["plans_moderated"], apr["percent_good"]) == (1, 100.0)  # P1 again: counts
    assert (apr["ci_low"], apr["ci_high"]) == (20.7, 100.0)  # Wilson 1/1
    # one rubric id: the latest version's schedule (v2: 85) judges every month
    assert data["rubric"] == "multi-agency-ehcp"
    assert data["target_percent_good"] == 85.0
    assert [p["target_percent_good"] for p in data["periods"]] == [85.0] * 4
    assert f.plans_moderated == 6
    assert f.plans_good == 4


def test_trend_latest_version_target_and_range(s0, s1, s2, rubrics) -> None:
    f = trend([s0, s1, s2], rubrics, "2026-02", "2026-03")  # S2 (April) is outside
    assert f.to_json()["target_percent_good"] == 85.0  # but its version is the latest
    assert [p.period for p in f.periods] == ["2026-02", "2026-03"]
    none = trend([s0, s1, s2], rubrics, "2025-11", "2025-12")
    assert none.to_json() == none.to_json() | {"target_percent_good": None}
    assert [p.plans_moderated for p in none.periods] == [0, 0]


def test_trend_questions_and_groups(s0, s1, s2, rubrics) -> None:
    f = trend([s0, s1, s2], rubrics, "2026-02", "2026-04")
    q = {x.id: x for x in f.questions}
    nh = q["needs_health"].by_month
    assert (nh["2026-02"].shortfalls, nh["2026-02"].answered) == (1, 2)  # P7 N, P8 Y
    assert nh["2026-03"].shortfall_percent == 33.3  # P1 N, P2 Y, P3 Y
    assert nh["2026-04"].shortfall_percent == 0.0  # S2 P1 Y
    teams = {g.group: (g.plans_moderated, g.plans_good, g.percent_good)
             for g in f.groups["team"]}
    # (session, plan) pairs: North P1 S1 7, P3 S1 8, P1 S2 6; South P7 5, P2 4; P8 none
    assert teams == {"North": (3, 3, 100.0), "South": (2, 0, 0.0),
                     "(not recorded)": (1, 1, 100.0)}


def test_trend_by_rubric_filter(s0, s1, s2, rubrics) -> None:
    f = trend([s0, s1, s2], rubrics, "2026-02", "2026-04", rubric_id="pfa-year9")
    assert f.sessions == 0
    assert f.plans_moderated == 0


# ------------------------------------------------------------------ health


ADVICE = [
    AdviceRecord("P1", "salt", dt.date(2026, 3, 1), dt.date(2026, 4, 12)),  # 42 days: within
    AdviceRecord("P2", "salt", dt.date(2026, 3, 5), dt.date(2026, 4, 17)),  # 43 days: late
    AdviceRecord("P3", "salt", dt.date(2026, 3, 10), None),  # never returned
    AdviceRecord("P1", "camhs", dt.date(2026, 2, 20), dt.date(2026, 3, 1)),  # 9 days
    AdviceRecord("P2", "ep", dt.date(2026, 1, 31), dt.date(2026, 2, 2)),  # requested before
    AdviceRecord("P4", "paediatrics", dt.date(2026, 3, 31), dt.date(2026, 6, 30)),  # after
]


@pytest.fixture(scope="module")
def hf(s0, s1, s2, rubrics):
    return health(ADVICE, [s0, s1, s2], rubrics, "2026-02", "2026-03", names=NAMES,
                  today=dt.date(2026, 7, 1))


def test_health_services(hf) -> None:
    data = hf.to_json()
    validate(data, "health")
    rows = [{k: s[k] for k in ("service", "requested", "returned", "outstanding",
                               "within_6_weeks", "percent_within_6_weeks")}
            for s in data["services"]]
    assert rows == [  # sorted by service id; ep requested in January is outside the period
        {"service": "camhs", "requested": 1, "returned": 1, "outstanding": 0,
         "within_6_weeks": 1, "percent_within_6_weeks": 100.0},
        # returned in June, after the period: still counts as returned, but late
        {"service": "paediatrics", "requested": 1, "returned": 1, "outstanding": 0,
         "within_6_weeks": 0, "percent_within_6_weeks": 0.0},
        {"service": "salt", "requested": 3, "returned": 2, "outstanding": 1,
         "within_6_weeks": 1, "percent_within_6_weeks": 33.3},
    ]
    salt = next(s for s in hf.services if s.service == "salt")
    assert salt.overdue == 1  # P3's request, outstanding for more than 6 weeks on 1 July
    assert salt.by_month["2026-03"].requested == 3
    assert salt.by_month["2026-02"].percent_within_6_weeks is None
    assert hf.health_total is not None
    assert (hf.health_total.requested, hf.health_total.within_6_weeks) == (5, 2)


def test_health_quality_and_attribution(hf) -> None:
    q = {x.id: x for x in hf.questions}
    assert set(q) == {"needs_health", "provision_health", "health_advice_quality"}
    # S0 (Feb): P7 N, P8 Y; S1 (Mar): P1 N, P2 Y, P3 Y; S2 (April) is outside
    assert (q["needs_health"].shortfalls, q["needs_health"].answered) == (2, 5)
    assert q["needs_health"].shortfall_percent == 40.0
    assert q["health_advice_quality"].shortfall_percent == 100.0  # P1 P, P2 N
    assert q["provision_health"].shortfall_percent is None  # only NA
    assert (hf.health_shortfalls, hf.health_answers) == (4, 7)
    assert hf.health_shortfall_percent == 57.1
    # attributed agreed shortfalls: S1 7 (health 3) + S0 1 (health) = 8, health 4
    assert (hf.health_attributed_shortfalls, hf.attributed_shortfalls) == (4, 8)
    assert hf.percent_attributed_to_health == 50.0
    assert [(a.agency, a.shortfalls, a.percent_of_shortfalls) for a in hf.agencies] == \
        [("health", 4, 50.0)]


def test_health_themes(hf) -> None:
    got = {t.id: (t.plans, t.raised) for t in hf.themes}
    # Bob's health_advice_missing on P1 (no question; Bob answered needs_health N, which
    # suggests it); Carol's new_diagnosis_missing tagged against needs_health (a health
    # question). The panel's provision_not_quantified is tagged against a non-health question.
    # Neither was agreed by the panel: raised by one auditor each.
    assert got == {"health_advice_missing": (0, 1), "new_diagnosis_missing": (0, 1)}
    ham = next(t for t in hf.themes if t.id == "health_advice_missing")
    assert [e.text for e in ham.excerpts] == ["Health advice returned as not known."]


def test_health_empty_period(rubrics) -> None:
    f = health([], [], rubrics, "2025-01", "2025-02")
    validate(f.to_json(), "health")
    assert f.to_json()["services"] == []
    assert f.health_total is None


# ------------------------------------------------------------------ themes


def test_themes_report(s0, s1, s2, rubrics) -> None:
    f = themes([s0, s1, s2], rubrics, "2026-02", "2026-04", names=NAMES)
    data = f.to_json()
    validate(data, "themes")
    got = {t["id"]: (t["plans"], t["by_month"], t["raised"]) for t in data["themes"]}
    # agreed: the panel on P1 and P2 in March, P1 again in April (once overall);
    # raised: also Alice's P4 in March
    assert got["provision_not_quantified"] == (
        2, {"2026-02": 0, "2026-03": 2, "2026-04": 1}, 3)
    assert data["themes"][0]["raised_by_month"] == {"2026-02": 0, "2026-03": 3, "2026-04": 1}
    assert got["outcomes_not_smart"] == (1, {"2026-02": 1, "2026-03": 0, "2026-04": 0}, 1)
    assert got["health_advice_missing"] == (0, {"2026-02": 0, "2026-03": 0, "2026-04": 0}, 1)
    assert [t["id"] for t in data["themes"]] == [
        "provision_not_quantified", "outcomes_not_smart", "health_advice_missing",
        "new_diagnosis_missing", "vague_wording", "voice_missing"]
    # P7, P8 (Feb), P1, P2, P3, P6 (March), P1 (April)
    assert f.plans_agreed == 6
    assert f.plans_agreed_by_month == {"2026-02": 2, "2026-03": 4, "2026-04": 1}
    pnq = f.themes[0]
    assert ("provision_education", next(
        q.text for q in rubrics[("multi-agency-ehcp", 1)].questions()
        if q.id == "provision_education")) in pnq.questions  # suggests the theme
    assert [e.text for e in pnq.excerpts] == ["[name] would benefit from access to SaLT.",
                                              "Provision says 'regular support'."]
    nd = next(t for t in f.themes if t.id == "new_diagnosis_missing")
    assert "needs_health" in [q for q, _ in nd.questions]  # tagged there (and suggested)
    # exemplars: agreed grades in the top band (6-8), best first, then session, plan
    assert [(e.session, e.plan_ref, e.grade) for e in f.exemplars] == [
        ("Panel March 2026", "P3", 8), ("Panel March 2026", "P1", 7),
        ("Panel April 2026", "P1", 6), ("Panel February 2026", "P8", 6)]
    assert f.plans_audited == 7  # P1, P2, P3, P4, P6, P7, P8
    text = json.dumps(data) + json.dumps(f.tables(), default=str)
    assert "Sam" not in text
    assert "Jordan Smith" not in text
    assert "Access to a small group" not in text  # never approved


def test_themes_empty(rubrics) -> None:
    f = themes([], rubrics, "2026-01", "2026-01")
    validate(f.to_json(), "themes")
    assert f.to_json()["themes"] == []


# ------------------------------------------------------------------ months


def test_month_helpers() -> None:
    assert months_between("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert months_between("2026-03", "2026-02") == []
    assert month_bounds("2024-02", "2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert month_bounds("2025-11", "2025-12") == (dt.date(2025, 11, 1), dt.date(2025, 12, 31))
    for bad in ("2026-13", "2026-1", "26-01", "2026/01", "", "2026-00"):
        with pytest.raises(ValueError, match=r"2026|YYYY-MM|month"):
            parse_month(bad)
