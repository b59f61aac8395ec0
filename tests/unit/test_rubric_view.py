"""Rubric conditions in plain words, and year groups as schools write them."""

from __future__ import annotations

import pytest

from qa_audit.services.rubric_view import describe_condition, year_group_label


@pytest.mark.parametrize(
    ("year", "label"),
    [(None, ""), (-2, "N1"), (-1, "N2"), (0, "R"), (1, "Y1"), (14, "Y14")],
)
def test_year_group_label(year: int | None, label: str) -> None:
    assert year_group_label(year) == label


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (None, "Applies to every plan."),
        ("year_group >= 9", "the year group is Year 9 or above"),
        ("year_group < R", "the year group is below Reception"),
        ("year_group == N1", "the year group is Nursery 1"),
        ("direct_payments == yes", "direct payments are received"),
        ("direct_payments != yes", "direct payments are not received"),
        ("direct_payments == no", "direct payments are not received"),
        ("plan_type != review", "the plan type is not review"),
        ("primary_need in [ASD, slcn]",
         "the primary need is ASD (autistic spectrum disorder) or SLCN (speech, language "
         "and communication needs)"),
        ("phase not in [primary, secondary, post16]",
         "the phase is not primary, secondary or post16"),
        ("year_group >= 9 and (setting_type == special or direct_payments == yes)",
         "the year group is Year 9 or above and (the setting type is special or direct "
         "payments are received)"),
    ],
)
def test_describe_condition(rule: str | None, words: str) -> None:
    assert words in describe_condition(rule)


def test_conditions_mention_missing_data_rule() -> None:
    assert "does not record" in describe_condition("year_group >= 9")


def test_unreadable_condition_is_shown_as_written() -> None:
    assert describe_condition("colour == blue") == "Applies when: colour == blue"
    assert describe_condition("year_group >=") == "Applies when: year_group >="


def test_a_damaged_stored_rubric_is_a_clear_database_error() -> None:
    """Seen on a share that returned zeros for part of a page: not a JSON traceback."""
    from qa_audit.errors import DatabaseCorrupt
    from qa_audit.services import rubrics

    with pytest.raises(DatabaseCorrupt, match=r"Nothing was saved.*qa-audit db check"):
        rubrics._parse('{"agencies": [{"id": "ep", "lab' + "\x00" * 40)


def test_scale_targets_and_indicators_in_words() -> None:
    from qa_audit.rubrics.loader import load_rubric_text
    from qa_audit.services.rubric_view import (
        indicator_summaries,
        scale_text,
        target_schedule_text,
    )
    from tests.unit.test_rubric_format2 import MEDWAY_LIKE
    from tests.unit.test_rubric_loader import GOOD

    rubric = load_rubric_text(MEDWAY_LIKE)
    assert scale_text(rubric) == "Grades 1–4, 1 = best"
    assert target_schedule_text(rubric) == (
        "Plans good or better (Outstanding, Good): 75% from 1 Apr 2019, 100% from 1 Apr 2020")
    summaries = indicator_summaries(rubric)
    assert [(s.id, s.questions, s.targets) for s in summaries] == [
        ("health_info", ("health_advice", "health_provision"), "100% from 1 Apr 2018"),
        ("voice", ("child_voice",), "No target"),
    ]
    format1 = load_rubric_text(GOOD)
    assert scale_text(format1) == "Grades 1–8, 8 = best"
    assert target_schedule_text(format1) == "80% of plans good or better (Good)"
    assert indicator_summaries(format1) == []
