"""Rubric format 2: dated targets, indicators, a scale where 1 is best, reason codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from qa_audit.domain.indicator_outcomes import indicator_outcome, tally_indicators
from qa_audit.domain.rubric import Rubric
from qa_audit.domain.targets import ALWAYS, TargetSchedule, TargetStep
from qa_audit.errors import RubricError
from qa_audit.rubrics.loader import content_hash, load_rubric_file, load_rubric_text

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"

MEDWAY_LIKE = """\
id: ofsted-style
title: Ofsted-style four grades
unit: plan
overall:
  min: 1
  max: 4
  best: low
  targets:
    - {from: 2020-04-01, percent: 100}
    - {from: 2019-04-01, percent: 75}
  bands:
    - {label: Outstanding, from: 1, to: 1, good: true, rag: blue}
    - {label: Good, from: 2, to: 2, good: true, rag: green}
    - {label: Requires improvement, from: 3, to: 3, good: false, rag: amber}
    - {label: Inadequate, from: 4, to: 4, good: false, rag: red}
agencies:
  - {id: health, label: Health}
  - {id: social_care, label: Social care}
indicators:
  - id: health_info
    label: Good quality health information
    source: Medway WSOA (April 2018)
    questions: [health_advice, health_provision]
    targets:
      - {from: 2018-04-01, percent: 100}
  - id: voice
    label: Voice of the child
    questions: [child_voice]
sections:
  - id: health
    title: Health
    questions:
      - id: health_advice
        text: Is the health advice of good quality?
        allows_na: true
        options:
          - {code: Y, label: "Yes", shortfall: false}
          - {code: N, label: "No", shortfall: true}
      - id: health_provision
        text: Is health provision specified?
        allows_na: true
        options:
          - {code: Y, label: "Yes", shortfall: false}
          - {code: N, label: "No", shortfall: true}
      - id: child_voice
        text: Is the child's voice present?
        allows_na: true
        applies_when: "year_group >= 9"
        options:
          - {code: Y, label: "Yes", shortfall: false}
          - {code: N, label: "No", shortfall: true}
        reasons:
          - {code: family_not_engaged, label: The family did not engage, when: na}
          - {code: not_sought, label: Views were not sought, when: shortfall}
          - {code: other, label: Other}
"""


@pytest.fixture
def rubric() -> Rubric:
    return load_rubric_text(MEDWAY_LIKE, "medway.yaml")


def test_schedule_in_force_steps_on_its_date() -> None:
    s = TargetSchedule(
        (TargetStep(dt.date(2020, 4, 1), 100.0), TargetStep(dt.date(2019, 4, 1), 75.0))
    )
    assert [x.percent for x in s.steps] == [75.0, 100.0]  # sorted by date
    assert s.in_force(dt.date(2019, 3, 31)) is None  # none before the first
    assert s.in_force(dt.date(2019, 4, 1)) == 75.0
    assert s.in_force(dt.date(2020, 3, 31)) == 75.0
    assert s.in_force(dt.date(2020, 4, 1)) == 100.0
    assert s.describe() == "75% from 1 Apr 2019, 100% from 1 Apr 2020"


def test_format2_file_loads(rubric: Rubric) -> None:
    assert rubric.overall.target_on(dt.date(2019, 12, 31)) == 75.0
    assert rubric.overall.target_on(dt.date(2021, 1, 1)) == 100.0
    assert rubric.overall.target_percent_good == 100.0  # in force today
    assert rubric.best_is_low and rubric.best_band().label == "Outstanding"
    assert rubric.better(1, 2) and rubric.worse(4, 3)
    assert rubric.grade_order() == [4, 3, 2, 1]  # worst to best
    assert rubric.overall.bands[0].rag == "blue"
    ind = rubric.indicator("health_info")
    assert ind.questions == ("health_advice", "health_provision")
    assert ind.target_on(dt.date(2018, 3, 31)) is None
    assert ind.target_on(dt.date(2018, 4, 1)) == 100.0
    assert not rubric.indicator("voice").targets
    q = rubric.question("child_voice")
    assert [r.code for r in q.reasons_for("NA")] == ["family_not_engaged", "other"]
    assert [r.code for r in q.reasons_for("N")] == ["not_sought", "other"]
    assert q.reasons_for("Y") == ()
    assert q.reason("FAMILY_NOT_ENGAGED") is not None


def test_round_trip_and_contract_json(rubric: Rubric) -> None:
    again = Rubric.from_dict(json.loads(json.dumps(rubric.to_dict())))
    assert again == rubric
    assert load_rubric_text(json.dumps(rubric.to_dict())) == rubric  # to_dict is a valid file
    d = rubric.to_contract_dict(3)
    jsonschema.validate(d, json.loads((SCHEMAS / "rubric.schema.json").read_text()))
    assert d["unit"] == "plan"
    assert d["overall"]["targets"] == [
        {"from": "2019-04-01", "percent": 75.0},
        {"from": "2020-04-01", "percent": 100.0},
    ]
    assert d["indicators"][0]["targets"] == [{"from": "2018-04-01", "percent": 100.0}]


def test_format1_file_is_unchanged() -> None:
    """A format-1 rubric keeps its content hash: its to_dict has no format-2 keys."""
    path = Path(__file__).resolve().parents[2] / "rubrics" / "pfa-year9.yaml"
    r = load_rubric_file(path)
    d = r.to_dict()
    assert "indicators" not in d and "unit" not in d and "targets" not in d["overall"]
    assert r.overall.targets.steps[0].from_ == ALWAYS
    assert r.overall.target_on(dt.date(1990, 1, 1)) == r.overall.target_percent_good
    assert content_hash(Rubric.from_dict(d)) == content_hash(r)
    contract = r.to_contract_dict(1)
    assert contract["indicators"] == [] and contract["unit"] == "plan"
    assert contract["overall"]["targets"] == [
        {"from": "0001-01-01", "percent": r.overall.target_percent_good}
    ]


def test_indicator_counted_and_met_with_na(rubric: Rubric) -> None:
    ind = rubric.indicator("health_info")
    assert indicator_outcome(ind, rubric, {"health_advice": "NA", "health_provision": "NA"}) == (
        False,
        False,
    )
    assert indicator_outcome(ind, rubric, {"health_advice": "NA", "health_provision": "Y"}) == (
        True,
        True,
    )
    assert indicator_outcome(ind, rubric, {"health_advice": "y", "health_provision": "N"}) == (
        True,
        False,
    )
    assert indicator_outcome(ind, rubric, {}) == (False, False)
    tallies = tally_indicators(
        rubric.indicators,
        [
            (rubric, {"health_advice": "Y"}),
            (rubric, {"health_advice": "N", "child_voice": "Y"}),
            (rubric, {"health_advice": "NA", "child_voice": "NA"}),
        ],
    )
    assert (tallies["health_info"].plans, tallies["health_info"].met) == (2, 1)
    assert (tallies["voice"].plans, tallies["voice"].met) == (1, 1)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("percent: 75}", "percent: 175}"), "medway.yaml:10: overall.targets[1].percent"),
        (("{from: 2019-04-01", "{from: 2019-13-01"), "medway.yaml:10: overall.targets[1].from"),
        (("best: low", "best: lowest"), "medway.yaml:7: overall.best"),
        (("rag: blue", "rag: purple"), "overall.bands[0].rag"),
        (("questions: [child_voice]", "questions: [child_vioce]"), "indicators[1].questions[0]"),
        (("when: na}", "when: never}"), "reasons[0].when"),
        (("unit: plan", "unit: school"), "medway.yaml:3: unit"),
        (("  targets:\n", "  target_percent_good: 80\n  targets:\n"), "not both"),
    ],
)
def test_format2_problems_are_located(change: tuple[str, str], expected: str) -> None:
    text = MEDWAY_LIKE.replace(*change, 1)
    assert text != MEDWAY_LIKE
    with pytest.raises(RubricError) as info:
        load_rubric_text(text, "medway.yaml")
    assert any(expected in p for p in info.value.details), info.value.details
