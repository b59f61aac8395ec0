"""The overall grade scale of a rubric: its bands, which end is best, and its targets.

Split from ``rubric`` (re-exported there). A scale may run either way: ``best:
high`` (1-8, 8 best) or ``best: low`` (Ofsted-style 1 = Outstanding); a grey band
holds grades that mean "not judged" and is never the best end. Targets are a dated
schedule (:mod:`qa_audit.domain.targets`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from qa_audit.domain.targets import ALWAYS, TargetSchedule

__all__ = ["BEST_VALUES", "RAG_VALUES", "Band", "OverallScale"]

#: Band colours: blue marks an outstanding band, grey a band for plans not judged.
RAG_VALUES = ("red", "amber", "green", "blue", "grey")
#: Which end of the overall scale is best: ``high`` (8 of 1-8) or ``low`` (Ofsted 1 = Outstanding).
BEST_VALUES = ("high", "low")


@dataclass(frozen=True)
class Band:
    """A range of overall grades with its label, RAG colour and whether it counts as good."""

    label: str
    from_: int
    to: int
    good: bool
    rag: str
    description: str = ""

    def contains(self, grade: int) -> bool:
        return self.from_ <= grade <= self.to

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "from": self.from_,
            "to": self.to,
            "good": self.good,
            "rag": self.rag,
            "description": self.description,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Band:
        return cls(
            label=d["label"],
            from_=int(d["from"]),
            to=int(d["to"]),
            good=bool(d["good"]),
            rag=d["rag"],
            description=d.get("description", ""),
        )


@dataclass(frozen=True)
class OverallScale:
    """The overall grade range, its bands (ascending, covering min..max) and the targets.

    ``targets`` is the dated schedule; a format-1 ``target_percent_good`` alone
    becomes a schedule of one step that is always in force. After construction
    ``target_percent_good`` is the target in force today (the contract's meaning).
    ``best`` says which end of the scale is best, so a 1-4 scale where
    1 = Outstanding works everywhere.
    """

    min: int
    max: int
    bands: tuple[Band, ...]
    target_percent_good: float | None = None
    targets: TargetSchedule = field(default_factory=TargetSchedule)
    best: str = "high"

    def __post_init__(self) -> None:
        if not self.targets and self.target_percent_good is not None:
            object.__setattr__(self, "targets", TargetSchedule.always(self.target_percent_good))
        elif self.targets:
            object.__setattr__(self, "target_percent_good", self.targets.today())

    def target_on(self, day: dt.date) -> float | None:
        """The percent-good target in force on ``day`` (None before the first step)."""
        return self.targets.in_force(day)

    def judged(self, grade: int) -> bool:
        """False for a grade in a grey band ("not judged"): never the best, shown first."""
        return not any(b.rag == "grey" and b.contains(grade) for b in self.bands)

    @cached_property
    def best_grade(self) -> int:
        """The best grade that is a judgement: max, or min where ``best: low``."""
        judged = [g for g in range(self.min, self.max + 1) if self.judged(g)] or [self.min,
                                                                                  self.max]
        return min(judged) if self.best == "low" else max(judged)

    def worst_first(self, grade: int) -> tuple[bool, int]:
        """Sort key from the worst grade to the best; grades not judged come first."""
        return self.judged(grade), -grade if self.best == "low" else grade

    def scale_text(self) -> str:
        """The scale for people, saying which end is best, e.g. ``1-4 (1 = best)``."""
        return f"{self.min}-{self.max} ({self.best_grade} = best)"

    def good_text(self) -> str:
        """The grades that count as good, e.g. ``1-2`` or ``6-8`` ("" when none do)."""
        good = [g for g in range(self.min, self.max + 1)
                if any(b.good and b.contains(g) for b in self.bands)]
        if not good:
            return ""
        if len(good) == 1:
            return str(good[0])
        if good == list(range(good[0], good[-1] + 1)):
            return f"{good[0]}-{good[-1]}"
        return ", ".join(map(str, good))

    @property
    def _single_target(self) -> bool:
        """True when the schedule is empty or one always-in-force target (format 1)."""
        steps = self.targets.steps
        return not steps or (len(steps) == 1 and steps[0].from_ == ALWAYS)

    def to_dict(self) -> dict[str, Any]:
        single = self._single_target
        d: dict[str, Any] = {
            "min": self.min,
            "max": self.max,
            "target_percent_good": self.targets.steps[0].percent
            if single and self.targets
            else None,
            "bands": [b.to_dict() for b in self.bands],
        }
        if not single:
            d["targets"] = self.targets.to_list()
        if self.best != "high":
            d["best"] = self.best
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> OverallScale:
        target = d.get("target_percent_good")
        schedule = TargetSchedule.from_list(d.get("targets"))
        return cls(
            min=int(d["min"]),
            max=int(d["max"]),
            bands=tuple(Band.from_dict(b) for b in d["bands"]),
            target_percent_good=None if target is None or schedule else float(target),
            targets=schedule,
            best=d.get("best", "high"),
        )
