"""The sampling panel's year-group filter and stratum (issue 18) and its form for advice
returns (issue 17), decided without Qt."""

from __future__ import annotations

import datetime as dt

import pytest

from qa_audit.gui.sessions import presenter as p
from qa_audit.services.sampling import SampleSettings
from qa_audit.services.sampling_returns import ReturnSampleSettings
from tests.unit.test_sessions_presenter import session

TYPES = ("new", "amended", "review")


@pytest.mark.parametrize(("text", "years"), [
    ("", None),
    ("   ", None),
    ("5, 6, 9, 11", (5, 6, 9, 11)),
    ("11;9 6,,5", (5, 6, 9, 11)),
    ("Y9, 9, year 9", (9,)),
    ("R, N1, n2, 14", (-2, -1, 0, 14)),
])
def test_year_groups_are_read_forgivingly(text: str, years: tuple[int, ...] | None) -> None:
    assert p.parse_year_groups(text) == years


@pytest.mark.parametrize("bad", ["15", "-3", "5a", "five"])
def test_a_word_that_is_not_a_year_group_is_named(bad: str) -> None:
    with pytest.raises(ValueError, match=f"'{bad}' is not a year group"):
        p.parse_year_groups(f"5, {bad}")


def test_year_groups_round_trip_through_the_box() -> None:
    assert p.year_groups_text((-2, -1, 0, 5, 11)) == "N1, N2, R, 5, 11"
    assert p.year_groups_text(None) == ""
    assert p.parse_year_groups(p.year_groups_text((-2, 0, 9))) == (-2, 0, 9)


def test_the_form_passes_year_groups_and_refuses_a_bad_one() -> None:
    form = p.DrawForm(plan_types=TYPES, all_plan_types=TYPES, stratify="year_group",
                      year_groups="5, 6, 9, 11")
    assert form.problem() is None
    assert form.settings() == SampleSettings(size=10, stratify="year_group",
                                             year_groups=(5, 6, 9, 11))
    assert p.DrawForm(plan_types=TYPES, all_plan_types=TYPES).settings().year_groups is None
    bad = p.DrawForm(plan_types=TYPES, all_plan_types=TYPES, year_groups="5, 16")
    assert bad.problem() is not None and "'16' is not a year group" in bad.problem()


def test_year_group_is_a_stratify_choice_and_its_strata_read_as_year_groups() -> None:
    assert ("Year group", "year_group") in p.stratify_choices([])
    assert p.stratify_label("year_group") == "year group"
    outcome = p.preview_outcome(SampleSettings(size=4, stratify="year_group"),
                                {"-2": 2, "0": 2, "5": 4})
    assert [r.stratum for r in outcome.rows] == ["N1", "R", "5"]
    assert sum(r.allocated or 0 for r in outcome.rows) == 4


def test_a_returns_form_gives_the_returns_draw_settings() -> None:
    """A DCO session's form (issue 17): request dates, services, the service stratum."""
    services = ("ot", "salt", "camhs")
    form = p.DrawForm(size=3, seed=7, stratify="service", issued_from=dt.date(2025, 1, 1),
                      issued_to=dt.date(2025, 2, 28), exclude_months=6, returns=True,
                      services=("salt", "ot"), all_services=services, year_groups="99")
    assert form.problem() is None  # plan types and year groups are not asked
    assert form.return_settings() == ReturnSampleSettings(
        size=3, seed=7, stratify="service", requested_from=dt.date(2025, 1, 1),
        requested_to=dt.date(2025, 2, 28), exclude_months=6, services=("salt", "ot"))
    every = p.DrawForm(returns=True, services=services, all_services=services)
    assert every.return_settings().services is None  # the default: every health service
    assert p.DrawForm(returns=True, all_services=services).problem() == \
        "Choose at least one service."
    backwards = p.DrawForm(returns=True, services=services, all_services=services,
                           issued_from=dt.date(2025, 3, 1), issued_to=dt.date(2025, 2, 1))
    assert backwards.problem() == "The request-date window ends before it starts."
    assert p.stratum_text("service", "salt") == "Speech and language therapy"
    outcome = p.preview_outcome(SampleSettings(size=1), {"all": 2}, "return")
    assert outcome.message == "2 eligible returns; 1 would be drawn."


def test_a_draw_of_returns_is_counted_in_returns() -> None:
    assert p.drawn_message(3, 4, 7, "advice return") == \
        "Drew 3 of 4 eligible advice returns with seed 7."
    assert p.provenance_html(session(sampled=1), None, returns=True) == \
        "1 advice return in the sample now."
    assert p.provenance_html(session(sampled=8), None) == p.NO_SAMPLE_TEXT
