"""The SEND board's quarterly scorecard: quality, timeliness and families' voices.

Contract (CONTRACT.md v2, "Scorecard"): calendar quarters overlapping the period,
one rubric chosen as for the trend; each quarter's figures follow the rules of the
trend (quality and indicators: every moderated (session, plan) pair of sessions
dated in the quarter's months inside the period) and of the timeliness report
(the rest); ``feedback_responses`` counts responses dated in those months;
targets are those in force on the quarter's last day; ``percent_feedback_satisfied``
= responses with rating 4 or 5 / responses with a rating.

Quality is not recomputed here: the trend's monthly figures (one rule, one place)
are summed into quarters, and the targets read on the quarter's last day. Every
KPI carries its RAG (grey under :data:`~qa_audit.reporting.wording.SMALL_N`), the
95% Wilson interval where fewer than 10 were counted, and the direction of travel
against the previous quarter. Beyond the contract: for plans with both, whether
the panel's agreed grade (good or not) and the family's rating (satisfied or not)
agree, and the QA lead's narrative per quarter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from qa_audit.domain import feedback as feedback_rules
from qa_audit.domain.audit import AdviceRecord
from qa_audit.domain.board import (
    BOARD_MEASURES,
    BoardTargets,
    FeedbackRecord,
    Narrative,
    NewPlanRecord,
    ReviewRecord,
)
from qa_audit.domain.figures import percent, round_half_away, wilson_interval
from qa_audit.domain.indicator_outcomes import IndicatorTally
from qa_audit.domain.quarters import Quarter, quarters_overlapping
from qa_audit.domain.rubric import Rubric
from qa_audit.reporting.agreed_figures import rag_against_target
from qa_audit.reporting.grade_rating import GradeRatingAgreement, grade_rating_agreement
from qa_audit.reporting.timeliness import (
    AdviceTimeliness,
    NewPlansTimeliness,
    ReviewsTimeliness,
    advice_timeliness,
    by_month,
    new_plans_timeliness,
    reviews_timeliness,
)
from qa_audit.reporting.trend import IndicatorPeriod, TrendFigures, month_bounds
from qa_audit.reporting.wording import headline_rag, is_small

__all__ = ["GradeRatingAgreement", "Kpi", "QuarterFigure", "ScorecardFigures", "scorecard"]

UP, DOWN, SAME = "up", "down", "same"


@dataclass(frozen=True)
class Kpi:
    """One KPI in one quarter: met of counted, against the target then in force."""

    id: str
    label: str
    met: int
    of: int
    percent: float | None
    target: float | None
    rag: str | None  # grey when fewer than 10 were counted
    low: float | None = None  # 95% Wilson interval, given only where 0 < of < 10
    high: float | None = None
    direction: str | None = None  # up / down / same against the previous quarter
    change: float | None = None  # points since the previous quarter (shown percentages)

    @classmethod
    def of_counts(cls, kpi: str, label: str, met: int, of: int,
                  target: float | None) -> Kpi:
        low, high = wilson_interval(met, of) if is_small(of) else (None, None)
        return cls(kpi, label, met, of, percent(met, of), target,
                   headline_rag(rag_against_target(met, of, target), of), low, high)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "met": self.met, "of": self.of,
                "percent": self.percent, "target_percent": self.target, "rag": self.rag,
                "ci_low": self.low, "ci_high": self.high, "direction": self.direction,
                "change_points": self.change}


@dataclass(frozen=True)
class QuarterFigure:
    quarter: Quarter
    months: tuple[str, ...]  # the quarter's months inside the period
    plans_moderated: int
    plans_good: int
    target_percent_good: float | None
    indicators: Mapping[str, IndicatorPeriod]
    new_plans: NewPlansTimeliness
    advice: AdviceTimeliness
    reviews: ReviewsTimeliness
    feedback_responses: int
    feedback_rated: int
    feedback_satisfied: int
    kpis: tuple[Kpi, ...] = ()
    narrative: Narrative | None = None

    @property
    def percent_good(self) -> float | None:
        return percent(self.plans_good, self.plans_moderated)

    @property
    def percent_feedback_satisfied(self) -> float | None:
        return percent(self.feedback_satisfied, self.feedback_rated)

    def to_json(self) -> dict[str, Any]:
        return {
            "quarter": self.quarter.key,
            "plans_moderated": self.plans_moderated,
            "percent_good": self.percent_good,
            "target_percent_good": self.target_percent_good,
            "indicators": {k: {"plans": v.plans, "met": v.met, "percent_met": v.percent_met,
                               "target_percent": v.target_percent, "rag": v.rag}
                           for k, v in self.indicators.items()},
            "percent_within_20_weeks": self.new_plans.percent_within_20_weeks,
            "percent_advice_within_6_weeks": self.advice.percent_within_6_weeks,
            "percent_reviews_held_by_due_date": self.reviews.percent_held_by_due_date,
            "feedback_responses": self.feedback_responses,
            "percent_feedback_satisfied": self.percent_feedback_satisfied,
            "months": list(self.months), "plans_good": self.plans_good,
            "feedback_rated": self.feedback_rated,
            "feedback_satisfied": self.feedback_satisfied,
            "percent_within_20_weeks_excluding_exceptions":
                self.new_plans.percent_excluding_exceptions,
            "kpis": [k.to_json() for k in self.kpis],
            "narrative": self.narrative.to_json() if self.narrative else None,
        }


@dataclass(frozen=True)
class ScorecardFigures:
    from_month: str
    to_month: str
    rubric: str | None
    rubric_title: str
    quarters: tuple[QuarterFigure, ...]
    kpi_ids: tuple[str, ...]  # the KPIs in the order the page lists them
    agreement: GradeRatingAgreement
    excerpts: tuple[FeedbackRecord, ...] = ()  # approved, redacted comments of the period
    targets: BoardTargets = field(default_factory=BoardTargets)
    left_out: tuple[tuple[str, str], ...] = ()  # sessions on other rubrics
    rubric_name: str = ""  # as the trend names it, e.g. "Multi-agency ... (multi-agency-ehcp)"

    kind = "scorecard"

    @property
    def title(self) -> str:
        return f"SEND board scorecard {self.from_month} to {self.to_month}: {self.rubric_name}"

    def headline(self) -> str:
        if not self.quarters:
            return "No quarter in the period."
        last = self.quarters[-1]
        parts = [f"{k.label}: {'-' if k.percent is None else f'{k.percent:.1f}%'}"
                 for k in last.kpis if k.id in ("percent_good", "within_20_weeks")]
        return f"{last.quarter.key}: " + "; ".join(parts) + "."

    def kpi_rows(self) -> list[tuple[str, str, list[Kpi]]]:
        """(KPI id, label, its figure in each quarter): the page's rows."""
        out = []
        for kid in self.kpi_ids:
            cells = [next(k for k in q.kpis if k.id == kid) for q in self.quarters]
            out.append((kid, cells[0].label if cells else kid, cells))
        return out

    def to_json(self) -> dict[str, Any]:
        return {"rubric": self.rubric or "",
                "quarters": [q.to_json() for q in self.quarters],
                "from": self.from_month, "to": self.to_month,
                "rubric_title": self.rubric_title,
                "grade_and_rating": self.agreement.to_json(),
                "sessions_left_out": [{"session": n, "rubric": r} for n, r in self.left_out],
                "targets": self.targets.to_json()}

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "Scorecard": [{"KPI": label, **{
                f"{q.quarter.key} {col}": value
                for q, k in zip(self.quarters, cells, strict=True)
                for col, value in (("%", k.percent), ("n", k.of), ("target %", k.target),
                                   ("RAG", k.rag), ("direction", k.direction))}}
                for _, label, cells in self.kpi_rows()],
            "Quarters": [{k: v for k, v in q.to_json().items()
                          if k not in ("indicators", "kpis", "narrative", "months")}
                         for q in self.quarters],
            "Narrative": [q.narrative.to_json() for q in self.quarters
                          if q.narrative and not q.narrative.empty],
            "Grade and rating": [self.agreement.to_json()],
            "Approved comments": [{"plan": e.plan_ref, "respondent": e.respondent,
                                   "date": e.date, "excerpt": e.excerpt}
                                  for e in self.excerpts],
        }


def _feedback_counts(responses: Iterable[FeedbackRecord], start: dt.date,
                     end: dt.date) -> tuple[int, int, int]:
    total = rated = satisfied = 0
    for r in responses:
        if start <= r.date <= end:
            total += 1
            verdict = feedback_rules.is_satisfied(r.rating)
            rated += verdict is not None
            satisfied += bool(verdict)
    return total, rated, satisfied


def _direction(now: float | None, before: float | None) -> str | None:
    if now is None or before is None:
        return None
    return UP if now > before else DOWN if now < before else SAME


def _kpis(q: QuarterFigure, labels: Mapping[str, str], targets: BoardTargets,
          previous: Mapping[str, Kpi]) -> tuple[Kpi, ...]:
    end = q.quarter.last_day
    rows = [Kpi.of_counts("percent_good", "Plans judged good", q.plans_good,
                          q.plans_moderated, q.target_percent_good)]
    rows += [Kpi.of_counts(f"indicator:{i}", labels.get(i, i), v.met, v.plans, v.target_percent)
             for i, v in q.indicators.items()]
    for kid, met, of in (
        ("within_20_weeks", q.new_plans.within_20_weeks, q.new_plans.with_request_date),
        ("advice_within_6_weeks", q.advice.within_6_weeks, q.advice.requested),
        ("reviews_held_by_due_date", q.reviews.held_by_due_date, q.reviews.due),
        ("feedback_satisfied", q.feedback_satisfied, q.feedback_rated),
    ):
        rows.append(Kpi.of_counts(kid, BOARD_MEASURES[kid], met, of, targets.on(kid, end)))
    out = []
    for k in rows:
        before = previous.get(k.id)
        then = before.percent if before else None
        out.append(replace(k, direction=_direction(k.percent, then),
                           change=None if k.percent is None or then is None
                           else round_half_away(k.percent - then, 1)))
    return tuple(out)


def scorecard(trend: TrendFigures, latest: Rubric | None, plans: Sequence[NewPlanRecord],
              advice: Sequence[AdviceRecord], reviews: Sequence[ReviewRecord],
              responses: Sequence[FeedbackRecord], *,
              graded: Sequence[tuple[str, bool]] = (),
              targets: BoardTargets | None = None,
              narratives: Mapping[str, Narrative] | None = None) -> ScorecardFigures:
    """The scorecard of the trend's period and rubric.

    ``trend``: the trend figures of the same period (quality, indicators); ``latest``:
    the rubric id's newest version (targets on each quarter's last day); ``graded``:
    (plan_ref, agreed grade is good) of every moderated (session, plan) pair of the
    period, for the grade-beside-rating comparison; ``narratives``: quarter key ->
    the QA lead's narrative.
    """
    targets = targets or BoardTargets()
    narratives = narratives or {}
    start, end = month_bounds(trend.from_month, trend.to_month)
    periods_of = {p.period: p for p in trend.periods}
    labels = {i.id: i.label for i in trend.indicators}
    quarters: list[QuarterFigure] = []
    previous: Mapping[str, Kpi] = {}
    buckets = [by_month(records, field_name) for records, field_name in (
        (plans, "issue_date"), (advice, "requested_date"), (reviews, "due_date"),
        (responses, "date"))]

    def of_quarter(kind: int, quarter: Quarter) -> list[Any]:
        return [r for m in quarter.months() for r in buckets[kind].get(m, ())]

    for quarter in quarters_overlapping(start, end):
        months = tuple(m for m in quarter.months() if m in periods_of)
        first, last = quarter.clipped(start, end)
        periods = [periods_of[m] for m in months]
        tallies = {i.id: IndicatorTally() for i in trend.indicators}
        for p in periods:
            for i in trend.indicators:
                tallies[i.id].plans += p.indicators[i.id].plans
                tallies[i.id].met += p.indicators[i.id].met
        feedback_counts = _feedback_counts(of_quarter(3, quarter), first, last)
        q = QuarterFigure(
            quarter, months, sum(p.plans_moderated for p in periods),
            sum(p.plans_good for p in periods),
            latest.overall.target_on(quarter.last_day) if latest else None,
            {i.id: IndicatorPeriod.of(tallies[i.id], i.target_on(quarter.last_day))
             for i in trend.indicators},
            new_plans_timeliness(of_quarter(0, quarter), first, last),
            advice_timeliness(of_quarter(1, quarter), first, last),
            reviews_timeliness(of_quarter(2, quarter), first, last), *feedback_counts,
            narrative=narratives.get(quarter.key))
        kpis = _kpis(q, labels, targets, previous)
        previous = {k.id: k for k in kpis}
        quarters.append(replace(q, kpis=kpis))
    kpi_ids = tuple(k.id for k in quarters[0].kpis) if quarters else ()
    in_period = [r for r in responses if start <= r.date <= end]
    return ScorecardFigures(
        trend.from_month, trend.to_month, trend.rubric, trend.rubric_title, tuple(quarters),
        kpi_ids, grade_rating_agreement(graded, in_period),
        tuple(r for r in in_period if r.excerpt), targets, trend.left_out, trend.rubric_name)
