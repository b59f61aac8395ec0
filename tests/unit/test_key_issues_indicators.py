"""Key issues v2 on a hand-made data set: indicators (with N/A answers), the target in
force on the session's date from the latest version's schedule, agreed beside raised
themes. Every expected figure is worked out by hand from CONTRACT.md v2."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from qa_audit.domain.audit import AuditRecord, SessionData, ThemeRecord
from qa_audit.domain.rubric import Rubric
from qa_audit.reporting.key_issues import key_issues
from qa_audit.rubrics.loader import load_rubric_text

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "schemas" / "key-issues.schema.json").read_text()
)

V1 = """\
id: kingston-like
title: Kingston-like core questions
overall:
  min: 1
  max: 8
  targets:
    - {from: 2026-01-01, percent: 60}
    - {from: 2026-07-01, percent: 80}
  bands:
    - {label: Inadequate, from: 1, to: 2, good: false, rag: red}
    - {label: Requires improvement, from: 3, to: 5, good: false, rag: amber}
    - {label: Good, from: 6, to: 8, good: true, rag: green}
agencies:
  - {id: ep, label: Educational psychology}
themes:
  - {id: vague, label: Vague provision}
  - {id: voice_missing, label: Voice missing}
indicators:
  - id: needs_provision
    label: Needs matched to quantified provision
    questions: [needs, provision]
    targets:
      - {from: 2026-01-01, percent: 75}
  - id: voice
    label: Voice of the child
    questions: [voice]
sections:
  - id: core
    title: Core questions
    questions:
      - id: needs
        text: Are needs identified?
        allows_na: true
        options:
          - {code: Y, label: "Yes", shortfall: false}
          - {code: N, label: "No", shortfall: true}
      - id: provision
        text: Is provision quantified?
        allows_na: true
        options:
          - {code: Y, label: "Yes", shortfall: false}
          - {code: P, label: Partly, shortfall: true}
          - {code: N, label: "No", shortfall: true}
      - id: voice
        text: Is the child's voice present?
        allows_na: true
        options:
          - {code: Y, label: "Yes", shortfall: false}
          - {code: N, label: "No", shortfall: true}
"""
# version 2 raises the indicator target on 1 March 2026 and the overall target earlier
V2 = V1.replace("{from: 2026-07-01, percent: 80}", "{from: 2026-03-01, percent: 70}").replace(
    "      - {from: 2026-01-01, percent: 75}",
    "      - {from: 2026-01-01, percent: 75}\n      - {from: 2026-03-01, percent: 90}",
).replace("label: Voice of the child", "label: Voice of the child\n    targets: []")


def audit(plan: str, auditor: str, overall: int | None, answers: dict[str, str],
          themes: tuple[str, ...] = ()) -> AuditRecord:
    return AuditRecord(session="S", plan_ref=plan, auditor=auditor, is_panel=auditor == "panel",
                       overall=overall, status="submitted", answers=answers,
                       themes=tuple(ThemeRecord(t) for t in themes))


@pytest.fixture(scope="module")
def v1() -> Rubric:
    return load_rubric_text(V1)


@pytest.fixture(scope="module")
def v2() -> Rubric:
    return load_rubric_text(V2)


def session(day: dt.date) -> SessionData:
    audits = (
        # A: good; needs Y, provision NA -> needs_provision counted and met; voice NA -> not counted
        audit("A", "panel", 7, {"needs": "Y", "provision": "NA", "voice": "NA"}, ("vague",)),
        audit("A", "Ann", 6, {}, ("vague", "voice_missing")),
        # B: not good; provision P -> counted, not met; voice N -> counted, not met
        audit("B", "panel", 4, {"needs": "Y", "provision": "P", "voice": "N"}),
        audit("B", "Bo", 3, {}, ("vague",)),
        # C: good; both NA -> needs_provision not counted; voice Y -> counted and met
        audit("C", "panel", 6, {"needs": "NA", "provision": "NA", "voice": "Y"}),
        # D: agreed answers but no agreed grade -> not moderated, in no indicator
        audit("D", "panel", None, {"needs": "N", "voice": "N"}, ("voice_missing",)),
        # E: good; needs Y, provision Y -> met; voice blank -> not counted
        audit("E", "panel", 8, {"needs": "Y", "provision": "Y"}),
    )
    return SessionData(name="S", date=day, status="moderation", rubric_id="kingston-like",
                       rubric_version=1, sampled=("A", "B", "C", "D", "E"), audits=audits,
                       plans={})


def test_indicators_with_na_answers(v1: Rubric) -> None:
    f = key_issues(session(dt.date(2026, 2, 10)), v1)
    data = f.to_json()
    jsonschema.validate(data, SCHEMA)
    got = {i["id"]: (i["plans"], i["met"], i["percent_met"], i["target_percent"])
           for i in data["indicators"]}
    # needs_provision: A met, B not met, E met; C all NA and D unmoderated are not counted
    # voice: B not met, C met; A NA and E blank not counted
    assert got == {"needs_provision": (3, 2, 66.7, 75.0), "voice": (2, 1, 50.0, None)}
    assert data["plans_moderated"] == 4 and data["percent_good"] == 75.0  # A, C, E of A B C E
    assert data["target_percent_good"] == 60.0  # in force on 10 Feb 2026 (v1 schedule)
    assert f.indicators[0].rag == "amber"  # 66.7 is within 10 points below 75


def test_latest_version_schedule_steps_mid_period(v1: Rubric, v2: Rubric) -> None:
    """A session on version 1 is judged against version 2's schedule (the latest)."""
    before = key_issues(session(dt.date(2026, 2, 28)), v1, latest=v2).to_json()
    after = key_issues(session(dt.date(2026, 3, 1)), v1, latest=v2).to_json()
    assert before["target_percent_good"] == 60.0 and after["target_percent_good"] == 70.0
    ind_before = {i["id"]: i["target_percent"] for i in before["indicators"]}
    ind_after = {i["id"]: i["target_percent"] for i in after["indicators"]}
    assert ind_before == {"needs_provision": 75.0, "voice": None}
    assert ind_after == {"needs_provision": 90.0, "voice": None}
    # before the first step there is no target at all
    early = key_issues(session(dt.date(2025, 12, 31)), v1, latest=v2).to_json()
    assert early["target_percent_good"] is None
    assert early["indicators"][0]["target_percent"] is None


def test_agreed_themes_beside_raised(v1: Rubric) -> None:
    data = key_issues(session(dt.date(2026, 2, 10)), v1).to_json()
    got = {t["id"]: (t["plans"], t["raised"]) for t in data["themes"]}
    # vague: agreed on A only; raised on A (Ann, panel) and B (Bo)
    # voice_missing: agreed on D (panel, no grade yet); raised on A (Ann) and D
    assert got == {"vague": (1, 2), "voice_missing": (1, 2)}


def test_answer_columns_keep_na_last(v1: Rubric) -> None:
    from qa_audit.reporting.key_issues import QuestionFigure, answer_columns

    yn = QuestionFigure("a", "A", "", {"Y": 1, "N": 0, "NA": 2}, 1, 0, 0.0)
    ypn = QuestionFigure("b", "B", "", {"Y": 1, "P": 1, "N": 0}, 2, 1, 50.0)
    assert answer_columns([yn, ypn]) == ["Y", "N", "P", "NA"]
    assert answer_columns([ypn]) == ["Y", "P", "N"]
