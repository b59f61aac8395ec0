"""The 20-week flag: late only beyond 140 days, and only for new plans."""

from __future__ import annotations

import datetime as dt

import pytest

from qa_audit.domain.timeliness import (
    STATUTORY_DAYS,
    describe_days,
    is_late_new_plan,
    timeliness_text,
)

REQUEST = dt.date(2026, 1, 1)


def issued(days: int) -> dt.date:
    return REQUEST + dt.timedelta(days=days)


def test_the_limit_is_140_days() -> None:
    assert STATUTORY_DAYS == 140


@pytest.mark.parametrize(("days", "late"), [(0, False), (139, False), (140, False),
                                            (141, True), (146, True), (147, True)])
def test_new_plan_late_only_beyond_140_days(days: int, late: bool) -> None:
    assert is_late_new_plan("new", REQUEST, issued(days)) is late


@pytest.mark.parametrize("plan_type", ["amended", "review", "Amended"])
def test_amended_and_review_plans_are_never_flagged(plan_type: str) -> None:
    assert is_late_new_plan(plan_type, REQUEST, issued(400)) is False


def test_blank_type_is_a_new_plan_and_missing_dates_cannot_tell() -> None:
    assert is_late_new_plan(None, REQUEST, issued(141)) is True
    assert is_late_new_plan("new", None, issued(141)) is None


def test_texts_show_days_and_weeks() -> None:
    assert describe_days(141) == "141 days (20 weeks 1 day)"
    assert describe_days(140) == "140 days (20 weeks)"
    assert describe_days(1) == "1 day (0 weeks 1 day)"
    assert timeliness_text("new", REQUEST, issued(141)) == (
        "141 days (20 weeks 1 day): over the 20-week limit")
    assert timeliness_text("new", REQUEST, issued(140)) == "140 days (20 weeks): within 20 weeks"
    assert "for new plans" in timeliness_text("amended", REQUEST, issued(300))
    assert timeliness_text("new", None, issued(3)) == "No request date recorded"
