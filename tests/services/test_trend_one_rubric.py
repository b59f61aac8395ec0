"""The v2 trend on a hand-made data set, expected figures worked out by hand
(CONTRACT.md v2, "Trend report"):

Rubric multi-agency-ehcp: v1 is the shipped file, v2 the latest
(tests/indicator_rubric.py): overall target none before 2026-01-01, 70% from then,
80% from 2026-07-01; indicators health_info [needs_health, provision_health,
health_advice_quality] 100% from 2019-04-01, voice [cyp_voice, parent_views] 80% from
2026-01-01, provision_quantified [provision_education, provision_health,
provision_social_care] 75% from 2026-04-01. Good grades are 6-8.

* "Panel December 2025" (2025-12-10, v1):
  P1 grade 7: cyp_voice Y, parent_views NA, provision_education Y, provision_health NA,
  provision_social_care NA -> voice counted+met, provision counted+met, health not
  counted (its only answer is NA);
  P2 grade 4: cyp_voice P, parent_views Y, provision_education Y, provision_health N
  -> voice counted not met, provision counted not met, health counted not met;
  P3 no agreed grade (cyp_voice N): not moderated, counted nowhere.
  December: 2 moderated, 1 good = 50.0% (Wilson 9.5-90.5); no overall target (before
  the first step), voice none, provision none, health 100; voice 1/2, provision 1/2,
  health 0/1.
* "Panel January 2026" (2026-01-20, v2):
  P4 grade 6: cyp_voice Y, parent_views NA, provision_health NA, provision_social_care NA
  -> voice met, provision not counted (all NA);
  P5 grade 8: parent_views NA, provision_education N -> voice not counted, provision
  counted not met;
  P1 grade 2 (a second pair for P1): cyp_voice Y, parent_views Y, needs_health Y,
  health_advice_quality P -> voice met, health counted not met.
  January: 3 moderated, 2 good = 66.7% (Wilson 20.8-93.9); target 70 (3 plans: grey,
  no RAG); voice 2/2 target 80, provision 0/1 no target yet, health 0/1 target 100.
* "Annual PfA review" (2026-01-20, pfa-year9): P6 grade 7. Same date as the January
  panel; "Panel January 2026" is the greater name, so multi-agency-ehcp is the
  default rubric and this session is left out, never pooled.
* February 2026: no session; target 70 (voice 80).
Top-level target: in force on 2026-02-28 = 70.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from qa_audit.domain.audit import AuditRecord, SessionData
from qa_audit.domain.rubric import Rubric
from qa_audit.paths import bundled
from qa_audit.reporting.trend import choose_rubric, trend
from qa_audit.reporting.wording import headline_percent, headline_rag
from qa_audit.rubrics.loader import load_rubric_file, load_rubric_text
from tests.indicator_rubric import indicator_rubric_text

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "trend.schema.json"
MA = "multi-agency-ehcp"


def panel(session: str, plan: str, grade: int | None, answers: dict[str, str]) -> AuditRecord:
    return AuditRecord(session=session, plan_ref=plan, auditor="panel", is_panel=True,
                       overall=grade, status="submitted", answers=answers)


def session(name: str, day: dt.date, rubric_id: str, version: int,
            audits: list[AuditRecord]) -> SessionData:
    return SessionData(name=name, date=day, status="closed", rubric_id=rubric_id,
                       rubric_version=version, sampled=(), audits=tuple(audits), plans={})


DEC = "Panel December 2025"
JAN = "Panel January 2026"
PFA = "Annual PfA review"


@pytest.fixture(scope="module")
def rubrics() -> dict[tuple[str, int], Rubric]:
    return {(MA, 1): load_rubric_file(bundled("rubrics", "multi-agency-ehcp.yaml")),
            (MA, 2): load_rubric_text(indicator_rubric_text()),
            ("pfa-year9", 1): load_rubric_file(bundled("rubrics", "pfa-year9.yaml"))}


@pytest.fixture(scope="module")
def sessions() -> list[SessionData]:
    dec = session(DEC, dt.date(2025, 12, 10), MA, 1, [
        panel(DEC, "P1", 7, {"cyp_voice": "Y", "parent_views": "NA", "provision_education": "Y",
                             "provision_health": "NA", "provision_social_care": "NA"}),
        panel(DEC, "P2", 4, {"cyp_voice": "P", "parent_views": "Y", "provision_education": "Y",
                             "provision_health": "N"}),
        panel(DEC, "P3", None, {"cyp_voice": "N"}),
    ])
    jan = session(JAN, dt.date(2026, 1, 20), MA, 2, [
        panel(JAN, "P4", 6, {"cyp_voice": "Y", "parent_views": "NA", "provision_health": "NA",
                             "provision_social_care": "NA"}),
        panel(JAN, "P5", 8, {"parent_views": "NA", "provision_education": "N"}),
        panel(JAN, "P1", 2, {"cyp_voice": "Y", "parent_views": "Y", "needs_health": "Y",
                             "health_advice_quality": "P"}),
    ])
    pfa = session(PFA, dt.date(2026, 1, 20), "pfa-year9", 1, [panel(PFA, "P6", 7, {})])
    return [pfa, jan, dec]


def test_one_rubric_by_default_and_not_pooled(sessions, rubrics) -> None:
    f = trend(sessions, rubrics, "2025-12", "2026-02")
    data = f.to_json()
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text())).validate(data)
    assert data["rubric"] == MA
    assert f.plans_moderated == 5  # P6 on pfa-year9 is not pooled
    assert f.left_out == ((PFA, "pfa-year9"),)
    assert "1 session left out (pfa-year9)" in f.scope_note()
    assert f.rubric_name == "Multi-agency EHC plan quality audit (multi-agency-ehcp)"
    assert "Multi-agency EHC plan quality audit (multi-agency-ehcp)" in f.title


def test_target_steps_mid_period(sessions, rubrics) -> None:
    data = trend(sessions, rubrics, "2025-12", "2026-02").to_json()
    dec, jan, feb = data["periods"]
    assert (dec["plans_moderated"], dec["percent_good"], dec["ci_low"], dec["ci_high"]) == \
        (2, 50.0, 9.5, 90.5)
    assert (jan["plans_moderated"], jan["percent_good"], jan["ci_low"], jan["ci_high"]) == \
        (3, 66.7, 20.8, 93.9)
    assert (feb["plans_moderated"], feb["percent_good"]) == (0, None)
    # before the first step: no target; then 70 (from the latest version's schedule)
    assert [p["target_percent_good"] for p in data["periods"]] == [None, 70.0, 70.0]
    assert data["target_percent_good"] == 70.0
    assert (dec["rag"], jan["rag"]) == (None, "grey")  # no target / only 3 plans
    later = trend(sessions, rubrics, "2026-06", "2026-07", rubric_id=MA).to_json()
    assert [p["target_percent_good"] for p in later["periods"]] == [70.0, 80.0]
    assert later["target_percent_good"] == 80.0


def test_indicators_with_na_answers_per_month(sessions, rubrics) -> None:
    f = trend(sessions, rubrics, "2025-12", "2026-02")
    dec, jan, feb = (p.to_json()["indicators"] for p in f.periods)
    assert set(dec) == {"health_info", "voice", "provision_quantified"}

    def got(ind: dict) -> tuple:
        return ind["plans"], ind["met"], ind["percent_met"], ind["target_percent"]

    assert got(dec["voice"]) == (2, 1, 50.0, None)
    assert got(dec["provision_quantified"]) == (2, 1, 50.0, None)
    assert got(dec["health_info"]) == (1, 0, 0.0, 100.0)
    assert got(jan["voice"]) == (2, 2, 100.0, 80.0)
    assert got(jan["provision_quantified"]) == (1, 0, 0.0, None)
    assert got(jan["health_info"]) == (1, 0, 0.0, 100.0)
    assert got(feb["voice"]) == (0, 0, None, 80.0)
    totals = f.to_json()["indicators"]
    assert [(t["id"], t["plans"], t["met"]) for t in totals] == [
        ("health_info", 2, 0), ("voice", 4, 3), ("provision_quantified", 3, 1)]
    rows = f.tables()["Indicators"]
    assert {"month": "2026-01", "indicator": "voice", "plans": 2, "met": 2} .items() <= \
        next(r for r in rows if r["month"] == "2026-01" and r["indicator"] == "voice").items()


def test_default_rubric_tie_on_session_name(sessions, rubrics) -> None:
    renamed = [dataclasses.replace(s, name="Year 9 panel") if s.name == PFA else s
               for s in sessions]
    assert choose_rubric(renamed) == "pfa-year9"  # same date, greater name
    f = trend(renamed, rubrics, "2025-12", "2026-02")
    assert (f.rubric, f.plans_moderated, f.plans_good) == ("pfa-year9", 1, 1)
    assert {name for name, _ in f.left_out} == {DEC, JAN}
    assert f.indicators == ()  # pfa-year9 declares none
    # --rubric wins over the rule
    asked = trend(renamed, rubrics, "2025-12", "2026-02", rubric_id=MA)
    assert (asked.rubric, asked.plans_moderated) == (MA, 5)


def test_no_session_at_all(rubrics) -> None:
    f = trend([], rubrics, "2026-01", "2026-02")
    assert f.rubric is None and f.to_json()["rubric"] is None
    assert f.headline() == "No audit session is dated in this period."


def test_small_n_wording() -> None:
    assert headline_percent(4, 6) == (
        "4 of 6 moderated plans judged good (67%; with so few plans the true rate could be "
        "anywhere from 30% to 90%)")
    assert headline_percent(6, 10) == "60.0% of moderated plans judged good (6 of 10)"
    assert headline_rag("red", 6) == "grey"
    assert headline_rag("red", 10) == "red"
    assert headline_rag(None, 6) is None


def test_trend_headline_small_n(sessions, rubrics) -> None:
    f = trend(sessions, rubrics, "2025-12", "2025-12")
    assert f.headline() == (
        "1 of 2 moderated plans judged good (50%; with so few plans the true rate could be "
        "anywhere from 10% to 91%) over the period.")  # Wilson 9.5-90.5, halves away from 0


# ---------------------------------------------------------------- from the database

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def indicator_db(tmp_path_factory: pytest.TempPathFactory):
    """The demo data, then multi-agency-ehcp v2 with indicators imported (latest version)."""
    from qa_audit.services import demo
    from qa_audit.services import rubrics as rubric_service
    from qa_audit.services.actor import Actor
    from qa_audit.services.store import database
    from tests.indicator_rubric import write_indicator_rubric

    folder = tmp_path_factory.mktemp("trend-ind")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(folder / "home"))
        actor = Actor("tester", "test-pc")
        db = database.initialise(str(folder / "demo.sqlite3"), actor).database
        demo.load_demo(db, actor, seed=2026, today=TODAY)
        rubric_service.import_rubric_file(db, write_indicator_rubric(folder), actor)
        yield db
        db.dispose()


def test_service_counts_indicator_answers_in_one_statement(indicator_db) -> None:
    """reports.trend (tallied load + one statement for the indicator questions' agreed
    answers) gives what the pure function gives on the row-by-row load."""
    from qa_audit.reporting import trend as trend_figures
    from qa_audit.services import reports, session_data
    from qa_audit.services import rubrics as rubric_service
    from tests.sql_log import sent_by

    first, last = "2025-12", "2026-11"
    _f, _l, start, end = reports.period(first, last)
    full = session_data.load_sessions_between(indicator_db, start, end, members="all")
    with indicator_db.read() as s:
        loaded = {(x.rubric_id, x.rubric_version):
                  rubric_service.get_version(s, x.rubric_id, x.rubric_version).rubric
                  for x in full}
        latest = rubric_service.latest_rubric(s, MA)
    want = trend_figures.trend(full, loaded, first, last, latest=latest)
    got = reports.trend(indicator_db, first, last)
    assert got.to_json() == want.to_json()
    assert got.tables() == want.tables()
    assert sum(t.plans for t in got.indicator_totals.values()) > 100
    assert got.target_percent_good == 80.0  # v2's schedule, in force on 2026-11-30
    assert [p.target_percent_good for p in got.periods][:2] == [None, 70.0]
    board = reports.dashboard(indicator_db, first, last, names=(), today=TODAY,
                              with_health=False)
    assert board.trend.to_json() == want.to_json()
    statements = [s.sql for s in sent_by(indicator_db, lambda: reports.trend(
        indicator_db, first, last)) if s.is_select]
    reads = [s for s in statements if "answer.question_id IN" in s]
    assert len(reads) == 1 and "group_concat" in reads[0]  # counted, not fetched row by row


def test_an_empty_period_still_names_a_rubric(indicator_db) -> None:
    """No session in the period: the newest session's rubric is named (the JSON's
    ``rubric`` is a string, as the schema says), with nothing counted."""
    from qa_audit.services import reports

    f = reports.trend(indicator_db, "2010-01", "2010-02")
    data = f.to_json()
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text())).validate(data)
    assert (data["rubric"], f.sessions, f.plans_moderated) == (MA, 0, 0)
    assert [p["target_percent_good"] for p in data["periods"]] == [None, None]  # v2: 2026 on
    assert f.headline() == f"No audit session is dated in this period ({MA} shown)."
