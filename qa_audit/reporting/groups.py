"""Figures broken down by a plan field (team, caseworker, ...), honest about small groups.

A team lead wants their own picture, not a league table. So every group gives its n
and the 95% Wilson interval beside the percentage; groups are listed by name (``(not
recorded)`` last), never by rate; and a group of fewer than :data:`SMALL_N` plans is
marked ``small``: renderers label it "small group" so nobody compares it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from qa_audit.domain.audit import SessionData
from qa_audit.domain.figures import percent, wilson_interval
from qa_audit.domain.rubric import Rubric
from qa_audit.reporting.breakdown import (
    Breakdown,
    breakdown_of,
    check_breakdown_field,
    group_order,
    plan_value,
)
from qa_audit.reporting.wording import SMALL_N, is_small

__all__ = ["SMALL_GROUP", "GroupRate", "ThemeGroup", "ThemesBreakdown", "group_order",
           "themes_breakdown", "trend_breakdown"]

#: How renderers label a group too small to compare.
SMALL_GROUP = f"small group (fewer than {SMALL_N} plans): not compared"


@dataclass(frozen=True)
class GroupRate:
    value: str
    n: int
    count: int
    percent: float | None
    ci_low: float | None
    ci_high: float | None
    small: bool

    @classmethod
    def of(cls, value: str, count: int, n: int) -> GroupRate:
        low, high = wilson_interval(count, n) if n else (None, None)
        return cls(value, n, count, percent(count, n), low, high, is_small(n))

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "n": self.n, "count": self.count, "percent": self.percent,
                "ci_low": self.ci_low, "ci_high": self.ci_high, "small": self.small}


@dataclass(frozen=True)
class ThemeGroup:
    value: str
    plans: int  # plans with agreed scores in the group
    small: bool
    themes: tuple[tuple[str, GroupRate], ...]  # (theme id, plans agreeing it of ``plans``)

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "plans": self.plans, "small": self.small,
                "themes": [{"id": t, "plans": r.count, "percent": r.percent,
                            "ci_low": r.ci_low, "ci_high": r.ci_high} for t, r in self.themes]}


@dataclass(frozen=True)
class ThemesBreakdown:
    """Agreed themes by ``field``: per group, the share of its plans with agreed scores
    whose agreed scores record each theme."""

    field: str
    groups: tuple[ThemeGroup, ...]

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "groups": [g.to_json() for g in self.groups]}

    def rows(self) -> list[dict[str, Any]]:
        return [{self.field: g.value, "plans with agreed scores": g.plans, "theme": t,
                 "plans": r.count, "percent": r.percent, "95% low": r.ci_low,
                 "95% high": r.ci_high, "note": SMALL_GROUP if g.small else ""}
                for g in self.groups for t, r in g.themes]


def trend_breakdown(sessions: Sequence[SessionData], rubrics: Mapping[tuple[str, int], Rubric],
                    field: str) -> Breakdown:
    """``sessions``: those the trend counts (one rubric id); a plan moderated in two
    sessions counts twice, as in the trend."""
    check_breakdown_field(field)
    pairs = []
    for s in sessions:
        rubric = rubrics[(s.rubric_id, s.rubric_version)]
        pairs += [(plan_value(s.plans.get(ref), field), rubric.is_good(grade))
                  for ref, grade in s.agreed_grades().items()]
    return breakdown_of(field, pairs)


def themes_breakdown(sessions: Sequence[SessionData], field: str,
                     theme_ids: Sequence[str]) -> ThemesBreakdown:
    """Per group of ``field``: distinct plans with agreed scores, and for each theme in
    ``theme_ids`` those whose agreed scores record it (the themes report's rule)."""
    check_breakdown_field(field)
    agreed: dict[str, set[str]] = {}
    tagged: dict[tuple[str, str], set[str]] = {}
    for s in sessions:
        for a in s.panel_audits():
            value = plan_value(s.plans.get(a.plan_ref), field)
            agreed.setdefault(value, set()).add(a.plan_ref)
            for t in a.theme_ids:
                tagged.setdefault((value, t), set()).add(a.plan_ref)
    groups = []
    for value in group_order(agreed):
        n = len(agreed[value])
        groups.append(ThemeGroup(value, n, is_small(n), tuple(
            (t, GroupRate.of(t, len(tagged.get((value, t), ())), n)) for t in theme_ids)))
    return ThemesBreakdown(field, tuple(groups))
