"""Timeliness report: 20-week plans, 6-week advice and annual reviews, for the board.

Contract (CONTRACT.md v2, "Timeliness report"):

* ``new_plans``: register plans of type ``new`` issued in the period;
  ``with_request_date`` those with a request date; ``within_20_weeks`` issued no
  more than 140 days after the request (percent over ``with_request_date``);
  ``exceptions``: of the plans with a request date, those with a Regulation 13(3)
  exception; the excluding-exceptions percent is within 20 weeks among the others
  over the others.
* ``advice``: requested in the period; within 6 weeks = returned no later than 42
  days after the request (percent over ``requested``; returns to date count).
* ``reviews``: due in the period; ``held`` with a meeting date;
  ``held_by_due_date`` (percent over ``due``); ``decided_within_4_weeks`` (no more
  than 28 days after the meeting; over ``held``); ``amended``: held with decision
  amend; ``amended_within_8_weeks`` (no more than 56 days after the decision; over
  ``amended``); ``child_attended`` (over ``held``).

The rules are :mod:`qa_audit.domain.timeliness`'s; each figure is computed by one
function here over any date span, so the scorecard's quarters use the same code.
Beyond the contract: the same figures month by month, with the council's target
in force on each month's last day (``BoardTargets``) and RAG.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from qa_audit.domain import timeliness as rules
from qa_audit.domain.audit import AdviceRecord
from qa_audit.domain.board import BOARD_MEASURES, BoardTargets, NewPlanRecord, ReviewRecord
from qa_audit.domain.figures import percent
from qa_audit.reporting.agreed_figures import rag_against_target
from qa_audit.reporting.trend import month_bounds, month_end, months_between

__all__ = ["AdviceTimeliness", "NewPlansTimeliness", "ReviewsTimeliness", "TimelinessFigures",
           "TimelinessMonth", "advice_timeliness", "by_month", "new_plans_timeliness",
           "reviews_timeliness", "timeliness"]


T = TypeVar("T")


def by_month(records: Iterable[T], date_field: str) -> dict[str, list[T]]:
    """Records by the ``YYYY-MM`` of one of their dates (each month's figures then read
    only its own records: a ten-year period stays one pass over the data)."""
    out: dict[str, list[T]] = {}
    for r in records:
        day = getattr(r, date_field)
        out.setdefault(f"{day.year:04d}-{day.month:02d}", []).append(r)
    return out


def _in(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


@dataclass(frozen=True)
class NewPlansTimeliness:
    issued: int
    with_request_date: int
    within_20_weeks: int
    exceptions: int
    others: int  # with a request date and no exception
    others_within_20_weeks: int

    @property
    def percent_within_20_weeks(self) -> float | None:
        return percent(self.within_20_weeks, self.with_request_date)

    @property
    def percent_excluding_exceptions(self) -> float | None:
        return percent(self.others_within_20_weeks, self.others)

    def to_json(self) -> dict[str, Any]:
        return {"issued": self.issued, "with_request_date": self.with_request_date,
                "within_20_weeks": self.within_20_weeks,
                "percent_within_20_weeks": self.percent_within_20_weeks,
                "exceptions": self.exceptions,
                "percent_within_20_weeks_excluding_exceptions":
                    self.percent_excluding_exceptions,
                "without_exception": self.others,
                "without_exception_within_20_weeks": self.others_within_20_weeks}


def new_plans_timeliness(plans: Iterable[NewPlanRecord], start: dt.date,
                         end: dt.date) -> NewPlansTimeliness:
    issued = dated = within = exceptions = others = others_within = 0
    for p in plans:
        if (p.plan_type or "new") != "new" or not _in(p.issue_date, start, end):
            continue
        issued += 1
        if p.request_date is None:
            continue
        dated += 1
        on_time = rules.issued_within_20_weeks(p.request_date, p.issue_date)
        within += on_time
        if p.exception:
            exceptions += 1
        else:
            others += 1
            others_within += on_time
    return NewPlansTimeliness(issued, dated, within, exceptions, others, others_within)


@dataclass(frozen=True)
class AdviceTimeliness:
    requested: int
    returned: int
    within_6_weeks: int

    @property
    def percent_within_6_weeks(self) -> float | None:
        return percent(self.within_6_weeks, self.requested)

    def to_json(self) -> dict[str, Any]:
        return {"requested": self.requested, "within_6_weeks": self.within_6_weeks,
                "percent_within_6_weeks": self.percent_within_6_weeks,
                "returned": self.returned}


def advice_timeliness(advice: Iterable[AdviceRecord], start: dt.date,
                      end: dt.date) -> AdviceTimeliness:
    requested = returned = within = 0
    for a in advice:
        if not _in(a.requested_date, start, end):
            continue
        requested += 1
        returned += a.received_date is not None
        within += rules.advice_within_6_weeks(a.requested_date, a.received_date)
    return AdviceTimeliness(requested, returned, within)


@dataclass(frozen=True)
class ReviewsTimeliness:
    due: int
    held: int
    held_by_due_date: int
    decided_within_4_weeks: int
    amended: int
    amended_within_8_weeks: int
    child_attended: int

    @property
    def percent_held_by_due_date(self) -> float | None:
        return percent(self.held_by_due_date, self.due)

    @property
    def percent_decided_within_4_weeks(self) -> float | None:
        return percent(self.decided_within_4_weeks, self.held)

    @property
    def percent_amended_within_8_weeks(self) -> float | None:
        return percent(self.amended_within_8_weeks, self.amended)

    @property
    def percent_child_attended(self) -> float | None:
        return percent(self.child_attended, self.held)

    def to_json(self) -> dict[str, Any]:
        return {"due": self.due, "held": self.held, "held_by_due_date": self.held_by_due_date,
                "percent_held_by_due_date": self.percent_held_by_due_date,
                "decided_within_4_weeks": self.decided_within_4_weeks,
                "percent_decided_within_4_weeks": self.percent_decided_within_4_weeks,
                "amended": self.amended, "amended_within_8_weeks": self.amended_within_8_weeks,
                "percent_amended_within_8_weeks": self.percent_amended_within_8_weeks,
                "child_attended": self.child_attended,
                "percent_child_attended": self.percent_child_attended}


def reviews_timeliness(reviews: Iterable[ReviewRecord], start: dt.date,
                       end: dt.date) -> ReviewsTimeliness:
    due = held = by_due = decided = amended = amended_on_time = attended = 0
    for r in reviews:
        if not _in(r.due_date, start, end):
            continue
        due += 1
        if r.meeting_date is None:
            continue
        held += 1
        by_due += rules.held_by_due_date(r.due_date, r.meeting_date)
        decided += rules.decided_within_4_weeks(r.meeting_date, r.decision_date)
        attended += r.child_attended is True
        if r.decision == "amend":
            amended += 1
            amended_on_time += rules.amended_within_8_weeks(r.decision_date,
                                                           r.amended_issue_date)
    return ReviewsTimeliness(due, held, by_due, decided, amended, amended_on_time, attended)


@dataclass(frozen=True)
class Measure:
    """One measure of one month against the board's target then in force."""

    id: str
    met: int
    of: int
    percent: float | None
    target: float | None
    rag: str | None

    @classmethod
    def of_counts(cls, measure: str, met: int, of: int, target: float | None) -> Measure:
        return cls(measure, met, of, percent(met, of), target, rag_against_target(met, of, target))

    def to_json(self) -> dict[str, Any]:
        return {"met": self.met, "of": self.of, "percent": self.percent,
                "target_percent": self.target, "rag": self.rag}


def measures(new: NewPlansTimeliness, advice: AdviceTimeliness, reviews: ReviewsTimeliness,
             targets: BoardTargets, day: dt.date) -> dict[str, Measure]:
    """The board's timeliness measures (:data:`BOARD_MEASURES` but feedback), their
    targets read on ``day``."""
    counts = {
        "within_20_weeks": (new.within_20_weeks, new.with_request_date),
        "advice_within_6_weeks": (advice.within_6_weeks, advice.requested),
        "reviews_held_by_due_date": (reviews.held_by_due_date, reviews.due),
        "reviews_decided_within_4_weeks": (reviews.decided_within_4_weeks, reviews.held),
        "amended_within_8_weeks": (reviews.amended_within_8_weeks, reviews.amended),
    }
    return {k: Measure.of_counts(k, met, of, targets.on(k, day))
            for k, (met, of) in counts.items()}


@dataclass(frozen=True)
class TimelinessMonth:
    month: str
    new_plans: NewPlansTimeliness
    advice: AdviceTimeliness
    reviews: ReviewsTimeliness
    measures: Mapping[str, Measure]

    def to_json(self) -> dict[str, Any]:
        return {"month": self.month, "new_plans": self.new_plans.to_json(),
                "advice": self.advice.to_json(), "reviews": self.reviews.to_json(),
                "measures": {k: v.to_json() for k, v in self.measures.items()}}


@dataclass(frozen=True)
class TimelinessFigures:
    from_month: str
    to_month: str
    new_plans: NewPlansTimeliness
    advice: AdviceTimeliness
    reviews: ReviewsTimeliness
    measures: Mapping[str, Measure]  # over the period, targets on its last day
    months: tuple[TimelinessMonth, ...]
    targets: BoardTargets = field(default_factory=BoardTargets)

    kind = "timeliness"

    @property
    def title(self) -> str:
        return f"Statutory timeliness {self.from_month} to {self.to_month}"

    def headline(self) -> str:
        n = self.new_plans
        if not n.with_request_date:
            first = f"No new plan with a request date was issued ({n.issued} issued)"
        else:
            first = (f"{n.percent_within_20_weeks:.1f}% of new plans issued within 20 weeks "
                     f"({n.within_20_weeks} of {n.with_request_date})")
        a = self.advice
        second = ("no advice requested" if not a.requested else
                  f"{a.percent_within_6_weeks:.1f}% of advice within 6 weeks "
                  f"({a.within_6_weeks} of {a.requested})")
        r = self.reviews
        third = ("no annual review due" if not r.due else
                 f"{r.percent_held_by_due_date:.1f}% of annual reviews held by the due date "
                 f"({r.held_by_due_date} of {r.due})")
        return f"{first}; {second}; {third}."

    def to_json(self) -> dict[str, Any]:
        return {"new_plans": self.new_plans.to_json(), "advice": self.advice.to_json(),
                "reviews": self.reviews.to_json(), "from": self.from_month,
                "to": self.to_month,
                "measures": {k: v.to_json() for k, v in self.measures.items()},
                "months": [m.to_json() for m in self.months],
                "targets": self.targets.to_json()}

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        def rows(pick: str) -> list[dict[str, Any]]:
            return [{"month": m.month, **getattr(m, pick).to_json()} for m in self.months] + [
                {"month": "Period", **getattr(self, pick).to_json()}]

        return {
            "Measures": [{"measure": BOARD_MEASURES[k], "met": v.met, "of": v.of,
                          "%": v.percent, "target %": v.target, "RAG": v.rag,
                          "target schedule": self.targets.describe(k)}
                         for k, v in self.measures.items()],
            "New plans": rows("new_plans"),
            "Advice": rows("advice"),
            "Annual reviews": rows("reviews"),
        }


def timeliness(plans: Sequence[NewPlanRecord], advice: Sequence[AdviceRecord],
               reviews: Sequence[ReviewRecord], from_month: str, to_month: str,
               targets: BoardTargets | None = None) -> TimelinessFigures:
    """The timeliness figures of from..to (the records may reach beyond; each figure
    keeps to its own dates: issue, request, due)."""
    targets = targets or BoardTargets()
    start, end = month_bounds(from_month, to_month)
    months = []
    issued, requested, due = (by_month(plans, "issue_date"),
                              by_month(advice, "requested_date"), by_month(reviews, "due_date"))
    for month in months_between(from_month, to_month):
        first, last = month_bounds(month, month)
        n = new_plans_timeliness(issued.get(month, ()), first, last)
        a = advice_timeliness(requested.get(month, ()), first, last)
        r = reviews_timeliness(due.get(month, ()), first, last)
        months.append(TimelinessMonth(month, n, a, r, measures(n, a, r, targets,
                                                               month_end(month))))
    n = new_plans_timeliness(plans, start, end)
    a = advice_timeliness(advice, start, end)
    r = reviews_timeliness(reviews, start, end)
    return TimelinessFigures(from_month, to_month, n, a, r, measures(n, a, r, targets, end),
                             tuple(months), targets)
