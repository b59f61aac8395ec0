"""The panel's grade beside the family's rating: do they agree?

Issue 18: the key issues report and the scorecard show feedback beside the audit
grades; for plans with both, whether the panel's agreed grade (good or not) and
the family's rating (satisfied, 4-5, or not, 1-3) agree -- the rule is
:func:`qa_audit.domain.feedback.grade_and_rating_agree`. Counted here once, for both
reports: every (graded plan, rated response about it) pair. A response without a
rating is listed beside the grade but never counted either way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from qa_audit.domain import feedback as feedback_rules
from qa_audit.domain.board import FeedbackRecord
from qa_audit.domain.figures import percent

__all__ = ["GradeRatingAgreement", "PlanGradeRating", "grade_rating_agreement",
           "plans_with_both"]


@dataclass(frozen=True)
class GradeRatingAgreement:
    """Plans with both an agreed grade and a rated response."""

    pairs: int  # (graded plan, rated response) pairs
    agree: int
    good_satisfied: int
    good_dissatisfied: int
    not_good_satisfied: int
    not_good_dissatisfied: int

    @property
    def percent_agree(self) -> float | None:
        return percent(self.agree, self.pairs)

    def to_json(self) -> dict[str, Any]:
        return {"pairs": self.pairs, "agree": self.agree, "percent_agree": self.percent_agree,
                "good_and_satisfied": self.good_satisfied,
                "good_not_satisfied": self.good_dissatisfied,
                "not_good_satisfied": self.not_good_satisfied,
                "not_good_not_satisfied": self.not_good_dissatisfied}

    def sentence(self) -> str:
        """E.g. "The panel's grade and the family's rating agree for 3 of 4 pairs (75.0%)"."""
        if not self.pairs:
            return "No moderated plan has a rated response from its family or setting."
        return (f"The panel's grade and the family's rating agree for {self.agree} of "
                f"{self.pairs} (plan, rated response) pairs ({self.percent_agree:.1f}%): "
                f"good and satisfied {self.good_satisfied}, not good and not satisfied "
                f"{self.not_good_dissatisfied}; good but not satisfied "
                f"{self.good_dissatisfied}, not good but satisfied {self.not_good_satisfied}.")


def _ratings(responses: Iterable[FeedbackRecord]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for r in responses:
        if r.rating is not None:
            out.setdefault(r.plan_ref.casefold(), []).append(r.rating)
    return out


def grade_rating_agreement(graded: Sequence[tuple[str, bool]],
                           responses: Iterable[FeedbackRecord]) -> GradeRatingAgreement:
    """``graded``: (plan_ref, agreed grade is good) of each moderated plan (a plan
    moderated in two sessions is two entries); each is paired with every rated
    response about the plan in ``responses``."""
    ratings = _ratings(responses)
    cells = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
    agree = 0
    for ref, good in graded:
        for rating in ratings.get(ref.casefold(), ()):
            cells[(good, bool(feedback_rules.is_satisfied(rating)))] += 1
            agree += bool(feedback_rules.grade_and_rating_agree(good, rating))
    return GradeRatingAgreement(sum(cells.values()), agree,
                                cells[(True, True)], cells[(True, False)],
                                cells[(False, True)], cells[(False, False)])


@dataclass(frozen=True)
class PlanGradeRating:
    """One response about a moderated plan, beside the plan's agreed grade."""

    plan_ref: str
    grade: int
    band: str
    good: bool
    respondent: str
    date: dt.date
    rating: int | None
    felt_listened_to: str | None
    excerpt: str | None  # approved and redacted; never the comments

    @property
    def satisfied(self) -> bool | None:
        return feedback_rules.is_satisfied(self.rating)

    @property
    def agree(self) -> bool | None:
        return feedback_rules.grade_and_rating_agree(self.good, self.rating)

    def to_json(self) -> dict[str, Any]:
        return {"plan_ref": self.plan_ref, "grade": self.grade, "band": self.band,
                "good": self.good, "respondent": self.respondent,
                "date": self.date.isoformat(), "rating": self.rating,
                "felt_listened_to": self.felt_listened_to, "satisfied": self.satisfied,
                "agree": self.agree, "excerpt": self.excerpt}


def plans_with_both(graded: Iterable[tuple[str, int, str, bool]],
                    responses: Iterable[FeedbackRecord]) -> list[PlanGradeRating]:
    """``graded``: (plan_ref, agreed grade, band label, good); one row per response
    about a graded plan, by plan then date."""
    by_plan: dict[str, list[FeedbackRecord]] = {}
    for r in responses:
        by_plan.setdefault(r.plan_ref.casefold(), []).append(r)
    out = []
    for ref, grade, band, good in sorted(graded):
        for r in sorted(by_plan.get(ref.casefold(), ()), key=lambda x: (x.date, x.respondent)):
            out.append(PlanGradeRating(ref, grade, band, good, r.respondent, r.date, r.rating,
                                       r.felt_listened_to, r.excerpt))
    return out
