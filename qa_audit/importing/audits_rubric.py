"""The rubric's side of parsing a scored-audits file: the callbacks ``parse_audits`` checks with.

``audits_parse.parse_audits`` knows no rubric class; it takes these callbacks
(answers valid for a plan's facts, shortfalls, reason codes) and the rubric's ids,
which ``rubric_inputs`` builds from a rubric object. Pure: no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from qa_audit.errors import UserError

__all__ = ["IsShortfall", "ValidateAnswer", "ValidateReason", "rubric_inputs"]

ValidateAnswer = Callable[[str, str, Mapping[str, Any]], tuple[Any, str | None]]
#: (question id, reason cell text, answer value or None) -> (reason code, None) or (None, why)
ValidateReason = Callable[[str, str, Any], tuple[str | None, str | None]]
IsShortfall = Callable[[str, Any], bool]


def rubric_inputs(rubric: Any) -> dict[str, Any]:
    """The rubric-dependent keyword arguments of ``audits_parse.parse_audits``, from a rubric.

    Duck-typed on ``qa_audit.domain.rubric.Rubric``: ``id``, ``questions()``,
    ``question(id)`` with ``normalise_answer(raw)``, ``valid_answers()``,
    ``applies_to(facts)``, ``applies_when`` and ``is_shortfall(value)``;
    ``agencies``/``themes`` with ``id``; ``overall.min``/``overall.max``.
    Use as ``parse_audits(table, plan_facts=..., session=..., **rubric_inputs(r))``.
    """
    questions = {q.id: q for q in rubric.questions()}
    if not questions:
        raise UserError(f"rubric {rubric.id} has no questions")

    def validate_answer(qid: str, raw: str, facts: Mapping[str, Any]) -> tuple[Any, str | None]:
        question = questions[qid]
        value = question.normalise_answer(raw)
        if value is None:
            return None, f"not a valid answer to {qid} (use {', '.join(question.valid_answers())})"
        if not question.applies_to(facts):
            return None, f"{qid} does not apply to this plan ({question.applies_when})"
        return value, None

    def is_shortfall(qid: str, value: Any) -> bool:
        return bool(questions[qid].is_shortfall(value))

    def validate_reason(qid: str, text: str, value: Any) -> tuple[str | None, str | None]:
        question = questions[qid]
        known = question.reason(text) if question.reasons else None
        if known is None:
            codes = ", ".join(r.code for r in question.reasons)
            return None, (f"unknown reason for {qid} (use {codes})" if codes
                          else f"{qid} offers no reasons")
        if value is None:
            return None, f"a reason needs an answer in {qid} (NA or a shortfall)"
        if known not in question.reasons_for(value):
            return None, (f"reason {known.code} does not fit the answer {qid} = {value} "
                          f"(it is for {'N/A' if known.when == 'na' else 'a shortfall'})")
        return known.code, None

    return {
        "question_ids": list(questions),
        "validate_answer": validate_answer,
        "agency_ids": [a.id for a in rubric.agencies],
        "theme_ids": [t.id for t in rubric.themes],
        "grade_range": (rubric.overall.min, rubric.overall.max),
        "is_shortfall": is_shortfall,
        "validate_reason": validate_reason,
        "rubric": rubric.id,
    }
