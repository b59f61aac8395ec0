"""Indicator figures of one session: a council's headline measures against their targets.

The counted/met rule lives in :mod:`qa_audit.domain.indicators`; this module only
lays the tallies out for the key issues report (CONTRACT.md: one entry per rubric
indicator over the session's moderated plans, ``target_percent`` = the target in
force on the session's date, taken from the latest version of the rubric id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from qa_audit.domain.audit import AuditRecord
from qa_audit.domain.figures import percent
from qa_audit.domain.indicator_outcomes import tally_indicators
from qa_audit.domain.indicators import Indicator
from qa_audit.domain.rubric import Rubric
from qa_audit.reporting.agreed_figures import rag_against_target

__all__ = ["IndicatorFigure", "indicator_figures", "scheduled_indicators"]


@dataclass(frozen=True)
class IndicatorFigure:
    id: str
    label: str
    questions: tuple[str, ...]
    plans: int
    met: int
    percent_met: float | None
    target_percent: float | None
    rag: str | None
    source: str = ""

    def sentence(self) -> str:
        """E.g. "Voice of the child: met in 6 of 8 plans (75.0%) against a target of 80%"."""
        if self.percent_met is None:
            return f"{self.label}: no moderated plan answered its questions"
        target = ("" if self.target_percent is None
                  else f" against a target of {self.target_percent:g}%")
        return (f"{self.label}: met in {self.met} of {self.plans} plans "
                f"({self.percent_met:.1f}%){target}")

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "plans": self.plans, "met": self.met,
                "percent_met": self.percent_met, "target_percent": self.target_percent,
                "questions": list(self.questions), "rag": self.rag}


def scheduled_indicators(rubric: Rubric, latest: Rubric | None) -> list[Indicator]:
    """The session rubric's indicators, each with the target schedule of the latest
    version of the rubric id where that version still has it."""
    newest = {i.id: i for i in (latest.indicators if latest else ())}
    out = []
    for ind in rubric.indicators:
        current = newest.get(ind.id)
        out.append(ind if current is None else Indicator(
            ind.id, ind.label, ind.questions, current.targets, ind.description, ind.source))
    return out



def indicator_figures(
    rubric: Rubric,
    agreed: Mapping[str, AuditRecord] | Iterable[AuditRecord],
    on: dt.date,
    latest: Rubric | None = None,
) -> list[IndicatorFigure]:
    """One figure per indicator over the moderated plans among ``agreed`` (panel rows)."""
    rows = list(agreed.values()) if isinstance(agreed, Mapping) else list(agreed)
    moderated = [(rubric, a.answers) for a in rows if a.overall is not None]
    indicators = scheduled_indicators(rubric, latest)
    tallies = tally_indicators(indicators, moderated)
    out = []
    for ind in indicators:
        t = tallies[ind.id]
        target = ind.target_on(on)
        out.append(IndicatorFigure(ind.id, ind.label, ind.questions, t.plans, t.met,
                                   percent(t.met, t.plans), target,
                                   rag_against_target(t.met, t.plans, target), ind.source))
    return out
