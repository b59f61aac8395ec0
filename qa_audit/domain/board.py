"""What the SEND board's reports read: plans' dates, reviews, feedback, and the
board's own targets for the timeliness measures.

Records are plain values the services load and the figures read (no ORM). The
targets of the statutory measures are the council's, not a rubric's (Ealing:
advice within 6 weeks 90%, then 98%): each is a dated :class:`TargetSchedule`,
read on a date as every target is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from qa_audit.domain.targets import TargetSchedule, TargetStep

__all__ = ["BOARD_MEASURES", "BoardTargets", "FeedbackRecord", "Narrative", "NewPlanRecord",
           "ReviewRecord", "target_problem"]

#: The board's measures that take a target, with how the board names them.
BOARD_MEASURES: dict[str, str] = {
    "within_20_weeks": "New plans issued within 20 weeks",
    "advice_within_6_weeks": "Advice returned within 6 weeks",
    "reviews_held_by_due_date": "Annual reviews held by the due date",
    "reviews_decided_within_4_weeks": "Review decisions within 4 weeks",
    "amended_within_8_weeks": "Amended plans issued within 8 weeks",
    "feedback_satisfied": "Families and settings satisfied (rating 4 or 5)",
}


@dataclass(frozen=True, slots=True)
class NewPlanRecord:
    """A register plan's facts the 20-week measure reads."""

    plan_ref: str
    plan_type: str
    request_date: dt.date | None
    issue_date: dt.date
    exception: bool | None


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    plan_ref: str
    due_date: dt.date
    meeting_date: dt.date | None
    decision: str | None
    decision_date: dt.date | None
    amended_issue_date: dt.date | None
    child_attended: bool | None


@dataclass(frozen=True, slots=True)
class FeedbackRecord:
    """One response; ``excerpt`` is its approved, redacted excerpt (never the comments)."""

    plan_ref: str
    respondent: str
    date: dt.date
    stage: str
    rating: int | None
    felt_listened_to: str | None
    excerpt: str | None = None


@dataclass(frozen=True)
class BoardTargets:
    """measure id (:data:`BOARD_MEASURES`) -> its dated target schedule (may be empty)."""

    schedules: Mapping[str, TargetSchedule] = field(default_factory=dict)

    def on(self, measure: str, day: dt.date) -> float | None:
        schedule = self.schedules.get(measure)
        return schedule.in_force(day) if schedule else None

    def describe(self, measure: str) -> str:
        schedule = self.schedules.get(measure)
        return schedule.describe() if schedule else "no target"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BoardTargets:
        """``{"advice_within_6_weeks": [{"from": "2025-04-01", "percent": 90}], ...}``;
        ValueError naming an unknown measure or a bad step."""
        schedules = {}
        for measure, steps in data.items():
            if measure not in BOARD_MEASURES:
                raise ValueError(f"unknown measure {measure!r} (known: "
                                 f"{', '.join(BOARD_MEASURES)})")
            try:
                schedules[measure] = TargetSchedule.from_list(steps)
            except (KeyError, TypeError, ValueError) as err:
                raise ValueError(f"{measure}: each target needs a 'from' date (YYYY-MM-DD) "
                                 f"and a 'percent' ({err})") from None
        return cls(schedules)

    def to_json(self) -> dict[str, Any]:
        return {k: v.to_list() for k, v in self.schedules.items()}

    @classmethod
    def from_steps(cls, steps: Iterable[tuple[str, dt.date, float]]) -> BoardTargets:
        """From stored (measure, from date, percent) steps, in any order: the target in
        force on a date is then :meth:`TargetSchedule.in_force`'s, as for every target."""
        grouped: dict[str, list[TargetStep]] = {}
        for measure, start, pct in steps:
            grouped.setdefault(measure, []).append(TargetStep(start, float(pct)))
        return cls({k: TargetSchedule(tuple(v)) for k, v in grouped.items()})

    def with_default(self, measure: str, schedule: TargetSchedule) -> BoardTargets:
        """These targets, with ``schedule`` for ``measure`` where none is set."""
        if self.schedules.get(measure) or not schedule:
            return self
        return BoardTargets({**self.schedules, measure: schedule})


def target_problem(measure: str, percent: float) -> str | None:
    """Why a board target cannot be stored (None when it can): a known measure, and a
    percent from 0 to 100."""
    if measure not in BOARD_MEASURES:
        return f"unknown measure {measure!r} (known: {', '.join(BOARD_MEASURES)})"
    if not 0 <= percent <= 100:
        return f"a target is a percent from 0 to 100, not {percent:g}"
    return None


@dataclass(frozen=True)
class Narrative:
    """What the QA lead wrote beside one quarter (blank fields: nothing written)."""

    rubric_id: str
    quarter: str
    working_well: str = ""
    even_better_if: str = ""
    next_steps: str = ""

    @property
    def empty(self) -> bool:
        return not (self.working_well or self.even_better_if or self.next_steps)

    def to_json(self) -> dict[str, Any]:
        return {"rubric": self.rubric_id, "quarter": self.quarter,
                "working_well": self.working_well, "even_better_if": self.even_better_if,
                "next_steps": self.next_steps}

    def describe(self) -> str:
        if self.empty:
            return f"No narrative for {self.rubric_id or 'this rubric'} in {self.quarter}."
        return "\n".join(f"{label}: {text or '-'}" for label, text in (
            ("What's working well", self.working_well), ("Even better if", self.even_better_if),
            ("Next steps", self.next_steps)))
