"""Percent good broken down by one plan field (built-in or custom): ``--by FIELD``.

A panel asks "are looked-after children's plans worse?" or "which team?". Each
moderated plan (agreed overall grade) falls in the group of its value for the
field; a plan without a value falls in ``(not recorded)``, as in stratification.
``percent_good`` = good / plans_moderated of the group (null when 0, never here).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from qa_audit.domain.audit import PlanFacts
from qa_audit.domain.figures import percent, wilson_interval
from qa_audit.domain.plan_fields import is_custom_name
from qa_audit.domain.rubric import Rubric
from qa_audit.domain.sampling import NOT_RECORDED, stratum_key
from qa_audit.errors import UserError
from qa_audit.reporting.wording import is_small

__all__ = [
    "BREAKDOWN_FIELDS",
    "Breakdown",
    "BreakdownGroup",
    "breakdown_of",
    "check_breakdown_field",
    "plan_breakdown",
    "plan_value",
]

#: Built-in plan fields a breakdown may use (any custom plan field may be used too).
BREAKDOWN_FIELDS: tuple[str, ...] = ("team", "caseworker", "phase", "primary_need",
                                     "setting_type", "plan_type", "year_group",
                                     "direct_payments")


@dataclass(frozen=True)
class BreakdownGroup:
    value: str
    plans_moderated: int
    good: int
    percent_good: float | None
    ci_low: float | None = None  # 95% Wilson interval of percent_good
    ci_high: float | None = None
    small: bool = False  # too few plans to compare (labelled, never ranked)

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "plans_moderated": self.plans_moderated,
                "good": self.good, "percent_good": self.percent_good,
                "ci_low": self.ci_low, "ci_high": self.ci_high, "small": self.small}


@dataclass(frozen=True)
class Breakdown:
    field: str
    groups: tuple[BreakdownGroup, ...]

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "groups": [g.to_json() for g in self.groups]}

    def rows(self) -> list[dict[str, Any]]:
        """Spreadsheet rows (one a group)."""
        return [{self.field: g.value, "plans moderated": g.plans_moderated, "good": g.good,
                 "percent good": g.percent_good, "95% low": g.ci_low, "95% high": g.ci_high,
                 "note": "small group: not compared" if g.small else ""} for g in self.groups]


def check_breakdown_field(name: str) -> str:
    """``name`` if a breakdown may use it, else a ``UserError`` naming the choices."""
    if name in BREAKDOWN_FIELDS or is_custom_name(name):
        return name
    raise UserError(f"Cannot break down by {name!r}; choose from {', '.join(BREAKDOWN_FIELDS)} "
                    "or a custom plan field.")


def plan_value(facts: PlanFacts | None, name: str) -> str:
    """The group a plan falls in for ``name`` (``(not recorded)`` without a value)."""
    if facts is None:
        return NOT_RECORDED
    value: object = facts.as_condition_facts().get(name)
    if name in ("team", "caseworker"):
        value = getattr(facts, name)
    if isinstance(value, bool):
        value = "yes" if value else "no"
    return stratum_key({name: value}, name)


def group_order(values: Iterable[str]) -> list[str]:
    """By name, ``(not recorded)`` last: an order that ranks nobody."""
    return sorted(set(values), key=lambda v: (v == NOT_RECORDED, v.casefold(), v))


def breakdown_of(name: str, pairs: Iterable[tuple[str, bool]]) -> Breakdown:
    """(group value, good) of each moderated plan -> the groups, sorted by value with
    ``(not recorded)`` last: by name, never by rate."""
    counts: dict[str, list[int]] = {}
    for value, good in pairs:
        tally = counts.setdefault(value, [0, 0])
        tally[0] += 1
        tally[1] += good
    return Breakdown(name, tuple(BreakdownGroup(v, counts[v][0], counts[v][1],
                                                percent(counts[v][1], counts[v][0]),
                                                *wilson_interval(counts[v][1], counts[v][0]),
                                                is_small(counts[v][0]))
                                 for v in group_order(counts)))


def plan_breakdown(plans: Mapping[str, PlanFacts], graded: Mapping[str, int], rubric: Rubric,
                   name: str) -> Breakdown:
    """Groups of moderated plans (``graded``: plan ref -> agreed grade) by ``name``.

    Sorted by value, ``(not recorded)`` last; only values some moderated plan has.
    """
    check_breakdown_field(name)
    return breakdown_of(name, ((plan_value(plans.get(ref), name), rubric.is_good(grade))
                               for ref, grade in graded.items()))
