"""One agreed answer as the analysts' export writes it (issue 18 item 5).

A plain record the service fills and the pandas writer turns into a table row; it
names no person: the plan is pseudonymous and its caseworker is left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qa_audit.domain.audit import PlanFacts

__all__ = ["AnswerRow"]


@dataclass(frozen=True)
class AnswerRow:
    """One agreed answer, with what an analyst slices it by (no names of people)."""

    session: str
    session_date: dt.date
    rubric_id: str
    rubric_version: int
    plan_ref: str
    plan: PlanFacts
    service: str | None  # advice return: the service asked, else None
    requested_date: dt.date | None  # advice return: the date it was asked for
    question_id: str
    question: str
    section: str
    value: str  # the answer as the rubric spells it ("Y", "NA", "3")
    value_label: str  # the option's label; a scale value as itself; NA "Not applicable"
    shortfall: bool
    agencies: tuple[str, ...] = ()
    overall: int | None = None
    band: str | None = None
