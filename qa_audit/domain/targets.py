"""Dated target schedules: the target a council set, and from when.

Councils raise targets over time (Thurrock: 75% of plans good, then 100% a year
later), and a report about March 2020 must judge March 2020 against the target in
force then, not today's. A schedule is a list of steps; the target in force on a
date is the step with the latest ``from`` not after that date, none before the
first (CONTRACT.md, rubric JSON). A format-1 rubric's single
``target_percent_good`` is one step from :data:`ALWAYS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["ALWAYS", "TargetSchedule", "TargetStep"]

#: ``from`` of a target that has always been in force (a format-1 rubric's one target).
ALWAYS = dt.date(1, 1, 1)


@dataclass(frozen=True)
class TargetStep:
    from_: dt.date
    percent: float

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.from_.isoformat(), "percent": self.percent}


@dataclass(frozen=True)
class TargetSchedule:
    """Steps sorted by date (the constructor sorts them); may be empty (no target)."""

    steps: tuple[TargetStep, ...] = ()

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.steps, key=lambda s: s.from_))
        if ordered != self.steps:
            object.__setattr__(self, "steps", ordered)

    def __bool__(self) -> bool:
        return bool(self.steps)

    @classmethod
    def always(cls, percent: float | None) -> TargetSchedule:
        """One target in force on every date (or no target for None)."""
        return cls(() if percent is None else (TargetStep(ALWAYS, float(percent)),))

    def in_force(self, on: dt.date) -> float | None:
        """The target in force on ``on``: the latest step not after it, None before the first."""
        found = None
        for step in self.steps:
            if step.from_ > on:
                break
            found = step.percent
        return found

    def today(self) -> float | None:
        return self.in_force(dt.date.today())

    def changes_within(self, start: dt.date, end: dt.date) -> list[TargetStep]:
        """Steps taking effect after ``start`` and no later than ``end`` (a chart's steps)."""
        return [s for s in self.steps if start < s.from_ <= end]

    def describe(self) -> str:
        """E.g. "75% from 1 Apr 2019, 100% from 1 Apr 2020" (or "no target")."""
        if not self.steps:
            return "no target"
        parts = []
        for s in self.steps:
            pct = f"{s.percent:g}%"
            parts.append(pct if s.from_ == ALWAYS else f"{pct} from {s.from_:%-d %b %Y}")
        return ", ".join(parts)

    def to_list(self) -> list[dict[str, Any]]:
        return [s.to_dict() for s in self.steps]

    @classmethod
    def from_list(cls, items: Iterable[Mapping[str, Any]] | None) -> TargetSchedule:
        return cls(
            tuple(
                TargetStep(dt.date.fromisoformat(str(i["from"])), float(i["percent"]))
                for i in items or ()
            )
        )
