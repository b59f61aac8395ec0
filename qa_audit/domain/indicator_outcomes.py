"""Whether one moderated plan counts towards an indicator and meets it, and the tallies.

For one moderated plan an indicator is *counted* when at least one of its questions
has an agreed answer other than NA, and *met* when none of its agreed answers is a
shortfall (CONTRACT.md, rubric JSON). This module is the only place that rule is
written. Apart from ``indicators`` because it reads the rubric, which holds indicators.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qa_audit.domain.indicators import NA, Indicator
from qa_audit.domain.rubric import Rubric

__all__ = ["IndicatorTally", "indicator_outcome", "tally_indicators"]


def indicator_outcome(
    indicator: Indicator, rubric: Rubric, answers: Mapping[str, str]
) -> tuple[bool, bool]:
    """(counted, met) for one moderated plan's agreed answers.

    Questions the rubric version does not have, blanks and answers that are not
    valid for their question are ignored (they say nothing either way).
    """
    counted = False
    met = True
    for qid in indicator.questions:
        raw = answers.get(qid)
        if raw is None or not str(raw).strip() or not rubric.has_question(qid):
            continue
        question = rubric.question(qid)
        code = question.normalise_answer(str(raw))
        if code is None or code == NA:
            continue
        counted = True
        if question.is_shortfall(code):
            met = False
    return counted, counted and met


@dataclass
class IndicatorTally:
    """Counted and met plans of one indicator over some set of moderated plans."""

    plans: int = 0
    met: int = 0

    def add(self, counted: bool, met: bool) -> None:
        self.plans += counted
        self.met += met


def tally_indicators(
    indicators: Iterable[Indicator],
    agreed: Iterable[tuple[Rubric, Mapping[str, str]]],
) -> dict[str, IndicatorTally]:
    """Tallies per indicator id over (rubric version, agreed answers) of moderated plans."""
    chosen = list(indicators)
    out = {i.id: IndicatorTally() for i in chosen}
    for rubric, answers in agreed:
        for ind in chosen:
            out[ind.id].add(*indicator_outcome(ind, rubric, answers))
    return out
