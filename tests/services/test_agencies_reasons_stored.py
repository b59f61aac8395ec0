"""Several agencies per shortfall and reason codes, imported, stored, loaded and saved
(the hand-worked data set and the figures: tests/unit/test_agencies_reasons.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qa_audit.domain.rubric import Rubric
from qa_audit.paths import bundled
from qa_audit.reporting.key_issues import key_issues
from qa_audit.reporting.trend import agreed_tally, attributed_answer_count, attributed_shortfalls
from qa_audit.rubrics.loader import load_rubric_file
from qa_audit.services import rubrics, scoring, sessions
from qa_audit.services.actor import Actor
from qa_audit.services.audits_import import import_audits
from qa_audit.services.period_data import load_period
from qa_audit.services.session_data import load_session
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database
from tests.unit.test_agencies_reasons import SESSION, with_reasons


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return with_reasons(load_rubric_file(bundled("rubrics", "multi-agency-ehcp.yaml")))


@pytest.fixture
def stored(db: Database, actor: Actor, rubric: Rubric, tmp_path: Path) -> Database:
    """The agreed rows above imported from an audits file into a fresh database."""
    with db.write() as s:
        rubrics.store_rubric(s, rubric, "test", actor)
        for ref in ("P1", "P2", "P3"):
            s.add(m.Plan(plan_ref=ref, issue_date=dt.date(2026, 10, 1), year_group=10,
                         plan_type="new", version=1))
    path = tmp_path / "agreed.csv"
    path.write_text(
        "session,plan_ref,auditor,audit_date,overall,provision_education,"
        "provision_education.agency,cyp_voice,cyp_voice.agency,cyp_voice.reason,"
        "outcomes_smart,parent_views,parent_views.reason\n"
        "Reasons panel,P1,panel,10/11/2026,6,P,ep;health,N,ep,,,NA,family_not_engaged\n"
        "Reasons panel,P2,panel,10/11/2026,6,N,health;ep,,,,,NA,family_not_engaged\n"
        "Reasons panel,P3,panel,10/11/2026,6,,,P,,family_not_engaged,N,N,not_asked\n",
        encoding="utf-8")
    import_audits(db, path, actor, rubric_id="multi-agency-ehcp")
    return db


def test_import_load_and_period_tally_agree(stored: Database, rubric: Rubric) -> None:
    data = load_session(stored, SESSION)
    agreed = {a.plan_ref: a for a in data.audits}
    assert agreed["P1"].attributions == {"provision_education": ("ep", "health"),
                                         "cyp_voice": ("ep",)}
    assert agreed["P2"].attributions == {"provision_education": ("ep", "health")}
    assert agreed["P3"].reasons == {"cyp_voice": "family_not_engaged",
                                    "parent_views": "not_asked"}
    shares = {a.agency: a.percent_of_shortfalls for a in key_issues(data, rubric).agencies}
    assert (shares["ep"], shares["health"]) == (100.0, 66.7)
    # the period loader counts in SQL what the reports count from the rows
    [period] = load_period(stored, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert period.tally.values[("provision_education", "P")] == 1
    assert attributed_shortfalls(rubric, period.tally) == \
        attributed_shortfalls(rubric, agreed_tally(data))
    assert attributed_answer_count(rubric, period.tally) == 3


def test_scoring_saves_two_agencies_and_a_reason(stored: Database, actor: Actor) -> None:
    sessions.add_member(stored, SESSION, "Ann", "ep", "auditor", actor)
    scoring.save_answer(stored, SESSION, "P1", "Ann", "cyp_voice", "N",
                        agencies=("health", "ep", "health"), reason="family_not_engaged")
    scoring.save_answer(stored, SESSION, "P1", "Ann", "parent_views", "NA",
                        reason="FAMILY_NOT_ENGAGED")
    ann = next(a for a in load_session(stored, SESSION).audits if a.auditor == "Ann")
    assert ann.attributions == {"cyp_voice": ("ep", "health")}
    assert ann.reasons == {"cyp_voice": "family_not_engaged",
                           "parent_views": "family_not_engaged"}
    # a good answer drops the agencies and a reason that no longer fits
    scoring.save_answer(stored, SESSION, "P1", "Ann", "parent_views", "Y",
                        reason="family_not_engaged")
    scoring.save_answer(stored, SESSION, "P1", "Ann", "cyp_voice", "N")  # saved bare: cleared
    ann = next(a for a in load_session(stored, SESSION).audits if a.auditor == "Ann")
    assert ann.attributions == {}
    assert ann.reasons == {}
