"""Feedback comments are quoted only as approved excerpts that quote the family's own
words, and the grade-beside-rating figure is counted once for both reports."""

from __future__ import annotations

import datetime as dt

import pytest

from qa_audit.domain.board import FeedbackRecord
from qa_audit.domain.feedback import excerpt_problem
from qa_audit.reporting.grade_rating import grade_rating_agreement, plans_with_both

COMMENTS = "We waited  months. The SENCO, Mrs Patel, finally listened to Sam and the plan is good."


@pytest.mark.parametrize("excerpt", [
    COMMENTS,
    "the plan is good",
    "We waited months ... the plan is good.",
    "We waited months… finally listened to [my son] and the plan is good",
    "WE   WAITED months.",
])
def test_quotes_of_the_comments_are_accepted(excerpt: str) -> None:
    assert excerpt_problem(COMMENTS, excerpt) is None


@pytest.mark.parametrize(("excerpt", "words"), [
    ("the plan is excellent", "is not in the comments"),
    ("the plan is good ... We waited months", "not in their order"),  # order reversed
    ("   ", "blank"),
])
def test_reworded_or_reordered_excerpts_are_refused(excerpt: str, words: str) -> None:
    problem = excerpt_problem(COMMENTS, excerpt)
    assert problem is not None and words in problem


def test_no_comments_nothing_to_quote() -> None:
    assert excerpt_problem(None, "anything") == "the response has no comments to quote"


def _r(ref: str, rating: int | None, day: int = 1, who: str = "parent_carer") -> FeedbackRecord:
    return FeedbackRecord(ref, who, dt.date(2026, 6, day), "new_plan", rating, None)


def test_grade_beside_rating_hand_computed() -> None:
    # A good: 5 agree, 3 differ; B not good: 1 agree, 4 differ, no rating not counted;
    # C good, no feedback; d (other case) good: 4 agree; Z not graded: ignored.
    # Rated pairs: A5 A3 B1 B4 d4 = 5, agreeing A5 B1 d4 = 3 -> 60.0%
    graded = [("A", True), ("B", False), ("C", True), ("D", True)]
    responses = [_r("A", 5), _r("a", 3, 2), _r("B", 1), _r("B", 4, 2), _r("B", None, 3),
                 _r("d", 4), _r("Z", 5)]
    got = grade_rating_agreement(graded, responses)
    assert (got.pairs, got.agree, got.percent_agree) == (5, 3, 60.0)
    assert (got.good_satisfied, got.good_dissatisfied, got.not_good_satisfied,
            got.not_good_dissatisfied) == (2, 1, 1, 1)
    assert grade_rating_agreement([], responses).percent_agree is None
    rows = plans_with_both([("A", 7, "Good", True), ("B", 4, "Weak", False),
                            ("C", 6, "Good", True)], responses)
    assert [(r.plan_ref, r.rating, r.agree) for r in rows] == [
        ("A", 5, True), ("A", 3, False), ("B", 1, True), ("B", 4, False), ("B", None, None)]
