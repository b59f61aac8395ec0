"""Several agencies per shortfall and reason codes, from the audits file to the figures.

Hand-worked data set on the shipped ``multi-agency-ehcp`` rubric (options Y good,
P and N shortfalls; ``parent_views`` allows NA), with reasons added to two questions:

* ``parent_views``: ``family_not_engaged`` (when: na), ``not_asked`` (when: shortfall);
* ``cyp_voice``: ``family_not_engaged`` (when: any).

Agreed (panel) rows:

* P1: provision_education P -> ep; health | cyp_voice N -> ep | parent_views NA,
  reason family_not_engaged
* P2: provision_education N -> ep; health | parent_views NA, reason family_not_engaged
* P3: outcomes_smart N (no agency) | cyp_voice Y -> ep (not a shortfall: ignored) |
  parent_views N, reason not_asked | cyp_voice's reason on a Y answer: ignored

By CONTRACT.md "Report figures": agreed shortfall answers with at least one agency =
3 (P1 provision, P1 voice, P2 provision; P3's outcomes shortfall has none). ep is
named on all 3 -> 3/3 = 100.0; health on 2 -> 2/3 = 66.7 (66.66..., half away from
zero); the others 0 -> 0.0. The shares add up to 166.7, more than 100.
Reasons: parent_views family_not_engaged 2, not_asked 1; none counted for cyp_voice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from qa_audit.domain.audit import AuditRecord, SessionData
from qa_audit.domain.rubric import Reason, Rubric
from qa_audit.importing.audits_parse import parse_audits
from qa_audit.importing.audits_rubric import rubric_inputs
from qa_audit.importing.tabular import read_table
from qa_audit.paths import bundled
from qa_audit.reporting.key_issues import SHARES_NOTE, key_issues
from qa_audit.reporting.trend import agreed_tally, attributed_answer_count, attributed_shortfalls
from qa_audit.rubrics.loader import load_rubric_file

SESSION = "Reasons panel"
NA_REASON = Reason("family_not_engaged", "The family did not engage", "na")
NOT_ASKED = Reason("not_asked", "Parents were not asked", "shortfall")
ANY_REASON = Reason("family_not_engaged", "The family did not engage", "any")


def with_reasons(rubric: Rubric) -> Rubric:
    reasons = {"parent_views": (NA_REASON, NOT_ASKED), "cyp_voice": (ANY_REASON,)}
    sections = tuple(
        dataclasses.replace(s, questions=tuple(
            dataclasses.replace(q, reasons=reasons.get(q.id, q.reasons)) for q in s.questions))
        for s in rubric.sections)
    return dataclasses.replace(rubric, sections=sections)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return with_reasons(load_rubric_file(bundled("rubrics", "multi-agency-ehcp.yaml")))


def panel(plan: str, answers: dict[str, str], attributions=None, reasons=None) -> AuditRecord:
    return AuditRecord(SESSION, plan, "panel", True, overall=6, status="submitted",
                       answers=answers, attributions=attributions or {},
                       reasons=reasons or {})


AGREED = (
    panel("P1", {"provision_education": "P", "cyp_voice": "N", "parent_views": "NA"},
          {"provision_education": ("ep", "health"), "cyp_voice": ("ep",)},
          {"parent_views": "family_not_engaged"}),
    panel("P2", {"provision_education": "N", "parent_views": "NA"},
          {"provision_education": ("ep", "health")}, {"parent_views": "family_not_engaged"}),
    panel("P3", {"outcomes_smart": "N", "cyp_voice": "Y", "parent_views": "N"},
          {"cyp_voice": ("ep",)}, {"parent_views": "not_asked", "cyp_voice": "family_not_engaged"}),
)


@pytest.fixture(scope="module")
def data() -> SessionData:
    member = AuditRecord(SESSION, "P1", "Ann", False, status="submitted",
                         answers={"outcomes_smart": "N"},
                         attributions={"outcomes_smart": ("social_care", "health")})
    return SessionData(SESSION, dt.date(2026, 11, 10), "moderation", "multi-agency-ehcp", 1,
                       (), (*AGREED, member), {})


# --------------------------------------------------------------------- figures


def test_shares_over_answers_with_an_agency_add_up_to_more_than_100(rubric, data) -> None:
    figures = key_issues(data, rubric)
    got = {a["agency"]: (a["shortfalls"], a["percent_of_shortfalls"])
           for a in figures.to_json()["agencies"]}
    assert got == {"ep": (3, 100.0), "health": (2, 66.7), "sen_casework": (0, 0.0),
                   "social_care": (0, 0.0), "school_setting": (0, 0.0)}
    assert figures.attributed_shortfalls == 3  # answers, not (answer, agency) pairs
    assert sum(p for _, p in got.values()) > 100
    assert figures.tables()["Agencies"][0]["note"] == SHARES_NOTE


def test_the_tally_counts_an_answer_once_per_agency(rubric, data) -> None:
    tally = agreed_tally(data)
    assert tally.values[("provision_education", "P")] == 1  # not once per agency
    assert attributed_shortfalls(rubric, tally) == {
        ("provision_education", "ep"): 2, ("provision_education", "health"): 2,
        ("cyp_voice", "ep"): 1}
    assert attributed_answer_count(rubric, tally) == 3


def test_reasons_counted_per_question(rubric, data) -> None:
    figures = key_issues(data, rubric)
    questions = {q["id"]: q for q in figures.to_json()["questions"]}
    assert questions["parent_views"]["reasons"] == {"family_not_engaged": 2, "not_asked": 1}
    assert questions["cyp_voice"]["reasons"] == {}  # its reason was on a Y answer
    assert figures.tables()["Reasons given"] == [
        {"question": "parent_views", "text": rubric.question("parent_views").text,
         "reason": "family_not_engaged", "label": "The family did not engage", "answers": 2},
        {"question": "parent_views", "text": rubric.question("parent_views").text,
         "reason": "not_asked", "label": "Parents were not asked", "answers": 1},
    ]


def test_reasons_for_an_answer(rubric) -> None:
    q = rubric.question("parent_views")
    assert q.reasons_for("NA") == (NA_REASON,)
    assert q.reasons_for("n") == (NOT_ASKED,)
    assert q.reasons_for("Y") == ()
    assert q.reason("NOT_ASKED") is NOT_ASKED
    assert rubric.question("cyp_voice").reasons_for("P") == (ANY_REASON,)
    # a rubric without reasons keeps its stored form (and content hash)
    plain = load_rubric_file(bundled("rubrics", "multi-agency-ehcp.yaml"))
    assert "reasons" not in plain.question("parent_views").to_dict()
    assert Rubric.from_dict(rubric.to_dict()) == rubric


# ----------------------------------------------------------------------- parse


HEADER = ("session,plan_ref,auditor,cyp_voice,cyp_voice.agency,cyp_voice.reason,"
          "parent_views,parent_views.reason,provision_education,provision_education.reason\n")


def parse(tmp_path: Path, rubric: Rubric, rows: str):
    path = tmp_path / "audits.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return parse_audits(read_table(path), plan_facts=lambda ref: {}, **rubric_inputs(rubric))


def test_parse_two_agencies_and_reasons(tmp_path: Path, rubric: Rubric) -> None:
    parsed = parse(tmp_path, rubric,
                   "S,P1,panel,N,ep; HEALTH;ep,FAMILY_NOT_ENGAGED,NA,family_not_engaged,Y,\n")
    assert parsed.problems == []
    [row] = parsed.rows
    assert row.attributions == {"cyp_voice": ("ep", "health")}  # repeats collapse
    assert row.reasons == {"cyp_voice": "family_not_engaged",
                           "parent_views": "family_not_engaged"}


def test_parse_bad_agencies_and_reasons_name_row_and_column(tmp_path: Path,
                                                            rubric: Rubric) -> None:
    parsed = parse(tmp_path, rubric, (
        "S,P1,Ann,N,ep;martians;venus,,,,,\n"         # 2: two unknown agencies
        "S,P2,Ann,Y,ep,,,,,\n"                          # 3: agency on a good answer
        "S,P3,Ann,,,,NA,not_asked,,\n"                  # 4: shortfall reason on NA
        "S,P4,Ann,,,,Y,bogus,,\n"                       # 5: unknown reason
        "S,P5,Ann,,,family_not_engaged,,,,\n"           # 6: reason without an answer
        "S,P6,Ann,,,,,,N,anything\n"                    # 7: question without reasons
    ))
    assert parsed.rows == []
    got = [(p.row, p.column, p.reason) for p in parsed.problems]
    agencies = "sen_casework, ep, health, social_care, school_setting"
    assert got == [
        (2, "cyp_voice.agency",
         f"unknown agency 'martians' (rubric agencies: {agencies}; separate several with ;)"),
        (2, "cyp_voice.agency",
         f"unknown agency 'venus' (rubric agencies: {agencies}; separate several with ;)"),
        (3, "cyp_voice.agency",
         "an agency is only allowed on a shortfall answer (cyp_voice = Y is not a shortfall)"),
        (4, "parent_views.reason",
         "reason not_asked does not fit the answer parent_views = NA (it is for a shortfall)"),
        (5, "parent_views.reason",
         "unknown reason for parent_views (use family_not_engaged, not_asked)"),
        (6, "cyp_voice.reason", "a reason needs an answer in cyp_voice (NA or a shortfall)"),
        (7, "provision_education.reason", "provision_education offers no reasons"),
    ]
