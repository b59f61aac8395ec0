"""Reason codes counted: why the panel says a question fell short or did not apply.

A rubric question may offer reasons (``Question.reasons``, e.g. "no voice because the
family did not engage"); the panel's agreed answer may carry one. The key issues
report counts them per question from the agreed rows only, like every other agreed
figure. A reason that does not fit the agreed answer (a shortfall reason on a good
answer, or a code the rubric does not know) is ignored rather than guessed at, as an
attribution on a good answer is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from qa_audit.domain.audit import AuditRecord
from qa_audit.domain.rubric import Rubric

__all__ = ["ReasonFigure", "reason_figures", "reasons_by_question"]


@dataclass(frozen=True)
class ReasonFigure:
    """How many agreed answers to one question gave one reason."""

    question: str
    question_text: str
    code: str
    label: str
    count: int

    def to_row(self) -> dict[str, Any]:
        return {"question": self.question, "text": self.question_text,
                "reason": self.code, "label": self.label, "answers": self.count}


def reason_figures(rubric: Rubric, agreed: Iterable[AuditRecord]) -> list[ReasonFigure]:
    """Reasons given on the agreed rows: rubric order of questions and of their reasons,
    reasons nobody gave left out."""
    counts: dict[tuple[str, str], int] = {}
    for audit in agreed:
        for qid, code in audit.reasons.items():
            if not code or not rubric.has_question(qid):
                continue
            q = rubric.question(qid)
            reason = q.reason(code)
            answer = audit.answers.get(qid)
            if reason is None or answer is None or reason not in q.reasons_for(answer):
                continue
            counts[(qid, reason.code)] = counts.get((qid, reason.code), 0) + 1
    return [ReasonFigure(q.id, q.text, r.code, r.label, counts[(q.id, r.code)])
            for q in rubric.questions() for r in q.reasons if (q.id, r.code) in counts]


def reasons_by_question(figures: Iterable[ReasonFigure]) -> dict[str, dict[str, int]]:
    """question id -> {reason code: count}, the shape of the JSON's ``reasons``."""
    out: dict[str, dict[str, int]] = {}
    for f in figures:
        out.setdefault(f.question, {})[f.code] = f.count
    return out
