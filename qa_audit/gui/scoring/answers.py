"""What a question's answer is and which buttons it offers: plain data, no Qt.

The question widget shows these; the scoring page's presenter decides with them
what a click means (``answer_after_choice``), so both are tested without a window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_audit.domain.rubric import NA, Option, Question, Reason
from qa_audit.services.rubric_view import describe_condition


@dataclass(frozen=True)
class AnswerState:
    """What one member said about one question: answer code, the agencies a shortfall is
    attributed to, evidence note, and the reason code for a shortfall or N/A."""

    value: str | None = None
    agencies: tuple[str, ...] = ()
    note: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class AnswerSpec:
    """One answer button: the code saved, its shortcut key, label, tooltip and colour."""

    value: str
    key: str | None
    label: str
    tooltip: str
    tone: str

    @property
    def text(self) -> str:
        if self.key and self.key != self.label:
            return f"{self.key}  {self.label}"
        return self.label

    def accessible_name(self, question_id: str) -> str:
        words = self.text.replace("  ", " ")
        return f"{words} for question {question_id}"


def na_key(question: Question) -> str | None:
    """The N/A shortcut: ``A`` unless an option of this question already uses it, then ``X``."""
    used = {(o.key or "").upper() for o in question.options}
    for candidate in ("A", "X"):
        if candidate not in used:
            return candidate
    return None


def short_level_label(text: str) -> str:
    """``"Useful - most of it could go..."`` -> ``"Useful"``; long descriptors give ``""``."""
    head = text.split(" - ", 1)[0].strip()
    if head and head != text.strip() and len(head) <= 24:
        return head
    return ""


def scale_tone(question: Question, level: int) -> str:
    """From ``good_from`` green; below it amber, the lowest level red."""
    low = question.min or 0
    good_from = question.good_from if question.good_from is not None else low
    if level >= good_from:
        return "green"
    return "red" if level == low else "amber"


def _choice_tone(option: Option, shortfalls: Sequence[Option]) -> str:
    """Not a shortfall: green; the last (worst) shortfall red, milder ones amber."""
    if not option.shortfall:
        return "green"
    return "red" if option is shortfalls[-1] else "amber"


def answer_specs(question: Question) -> list[AnswerSpec]:
    """The buttons of a question, in the rubric's order, then N/A where allowed."""
    specs: list[AnswerSpec] = []
    if question.type == "choice":
        shortfalls = [o for o in question.options if o.shortfall]
        for opt in question.options:
            tone = _choice_tone(opt, shortfalls)
            key = opt.key.upper() if opt.key else None
            specs.append(AnswerSpec(opt.code, key, opt.label, opt.descriptor or opt.label, tone))
    else:
        for level in range(question.min or 0, (question.max or 0) + 1):
            descriptor = question.level_descriptor(level)
            key = str(level) if 0 <= level <= 9 else None
            label = short_level_label(descriptor)
            text_label = label or str(level)
            tip = f"Level {level}: {descriptor}" if descriptor else f"Level {level}"
            specs.append(AnswerSpec(str(level), key, text_label, tip,
                                    scale_tone(question, level)))
    if question.allows_na:
        specs.append(AnswerSpec(NA, na_key(question), "N/A",
                                "Not applicable: this question does not apply to this plan",
                                "neutral"))
    return specs


def applies_when_text(question: Question) -> str:
    """``"the year group is Year 9 or above"`` for an ``applies_when`` rule."""
    sentence = describe_condition(question.applies_when)
    prefix = "Applies only when "
    if sentence.startswith(prefix):
        return sentence[len(prefix):].split(". If the plan", 1)[0]
    return (question.applies_when or "").strip()


def reasons_offered(question: Question, value: str | None) -> tuple[Reason, ...]:
    """The question's reasons that fit this answer (none for a blank or unknown one)."""
    try:
        return question.reasons_for(value) if value else ()
    except ValueError:
        return ()


def is_shortfall(question: Question, value: str | None) -> bool:
    """True when ``value`` is a shortfall answer (attributable to agencies)."""
    if not value:
        return False
    try:
        return question.is_shortfall(value)
    except ValueError:
        return False


def answer_after_choice(question: Question, before: AnswerState,
                        value: str | None) -> AnswerState:
    """The state after choosing ``value``: the attribution stays only for a shortfall,
    the reason only when it still fits the new answer; the note always stays."""
    agencies = before.agencies if is_shortfall(question, value) else ()
    fits = any(r.code == before.reason for r in reasons_offered(question, value))
    return AnswerState(value, agencies, before.note, before.reason if fits else None)
