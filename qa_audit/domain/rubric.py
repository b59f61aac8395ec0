"""The rubric a panel scores plans against, as immutable values.

Rubrics are versioned and audits keep the version they were scored with, so a
loaded rubric never changes: every class here is a frozen dataclass made of
tuples. ``to_dict``/``from_dict`` are a lossless round trip (the database keeps
the rubric as JSON) and ``to_dict`` is itself a valid rubric file.
Validation of untrusted input lives in ``qa_audit.rubrics.loader``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Any, Literal

from qa_audit.domain.conditions import Condition, parse_condition
from qa_audit.domain.indicators import Indicator
from qa_audit.domain.scale import RAG_VALUES, Band, OverallScale
from qa_audit.domain.targets import TargetSchedule

__all__ = [
    "NA",
    "RAG_VALUES",
    "Agency",
    "Band",
    "Indicator",
    "Option",
    "OverallScale",
    "Question",
    "Reason",
    "Rubric",
    "Section",
    "Theme",
]

#: The answer code for "does not apply to this plan" (only where a question allows it).
NA = "NA"
_NA_SPELLINGS = frozenset({"na", "n/a", "n.a.", "n.a", "not applicable"})
#: When a reason code may be given: for an N/A answer, for a shortfall, or for either.
REASON_WHEN = ("na", "shortfall", "any")

QuestionType = Literal["choice", "scale"]
_WHOLE = re.compile(r"^\s*([+-]?[0-9]{1,6})(?:\.0*)?\s*$")


@lru_cache(maxsize=1024)
def _condition(text: str) -> Condition:
    return parse_condition(text)


def _whole_number(raw: str) -> int | None:
    """``"3"``, ``" 3 "`` and ``"3.0"`` (a spreadsheet cell) are 3; anything else None."""
    match = _WHOLE.fullmatch(raw)
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class Agency:
    """A contributor a shortfall can be attributed to (SEN casework, EP, health...)."""

    id: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Agency:
        return cls(id=d["id"], label=d["label"])


@dataclass(frozen=True)
class Theme:
    """A recurring finding trainers track across panels (e.g. vague provision)."""

    id: str
    label: str
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "description": self.description}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Theme:
        return cls(id=d["id"], label=d["label"], description=d.get("description", ""))


@dataclass(frozen=True)
class Option:
    """One answer of a choice question; ``key`` is its keyboard shortcut."""

    code: str
    label: str
    shortfall: bool
    descriptor: str = ""
    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "shortfall": self.shortfall,
            "descriptor": self.descriptor,
            "key": self.key,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Option:
        return cls(
            code=d["code"],
            label=d["label"],
            shortfall=bool(d["shortfall"]),
            descriptor=d.get("descriptor", ""),
            key=d.get("key"),
        )


@dataclass(frozen=True)
class Reason:
    """Why a shortfall or N/A was recorded (Kingston: "no voice: the family did not engage")."""

    code: str
    label: str
    when: str = "any"  # na | shortfall | any

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "label": self.label, "when": self.when}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Reason:
        return cls(code=d["code"], label=d["label"], when=d.get("when", "any"))


@dataclass(frozen=True)
class Question:
    """One rubric question: a choice (options) or a scale (min..max, good from good_from).

    ``level_descriptors`` is a tuple of ``(level, text)`` pairs (``dict()`` it for
    look-ups) so the question stays hashable.
    """

    id: str
    text: str
    type: QuestionType = "choice"
    allows_na: bool = False
    applies_when: str | None = None
    guidance: str = ""
    descriptor: str = ""
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    good_from: int | None = None
    level_descriptors: tuple[tuple[int, str], ...] = ()
    suggested_themes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    evidence_section: str | None = None
    reasons: tuple[Reason, ...] = ()

    # ------------------------------------------------------------ answers

    def applies_to(self, facts: Mapping[str, object]) -> bool:
        """Whether the question applies to a plan with these facts (no condition: always)."""
        if self.applies_when is None:
            return True
        return _condition(self.applies_when).evaluate(facts)

    def option(self, code: str) -> Option | None:
        """The option with this code (case-insensitive), or None."""
        wanted = code.strip().casefold()
        for opt in self.options:
            if opt.code.casefold() == wanted:
                return opt
        return None

    def normalise_answer(self, raw: str) -> str | None:
        """The answer as the rubric spells it (``"y"`` -> ``"Y"``, ``"n/a"`` -> ``"NA"``), or None.

        None means "not a valid answer to this question"; a blank is not an answer either.
        """
        if not isinstance(raw, str):
            raw = "" if raw is None else str(raw)
        text = raw.strip()
        if not text:
            return None
        if self.type == "choice":
            opt = self.option(text)
            if opt is not None:
                return opt.code
        if text.casefold() in _NA_SPELLINGS:
            return NA if self.allows_na else None
        if self.type == "scale" and self.min is not None and self.max is not None:
            number = _whole_number(text)
            if number is not None and self.min <= number <= self.max:
                return str(number)
        return None

    def valid_answers(self) -> list[str]:
        """Every answer as the rubric spells it: option codes or scale values, then NA."""
        if self.type == "choice":
            answers = [o.code for o in self.options]
        else:
            answers = [str(n) for n in range(self.min or 0, (self.max or 0) + 1)]
        if self.allows_na:
            answers.append(NA)
        return answers

    def is_shortfall(self, answer: str) -> bool:
        """True for a shortfall answer; NA and blank never are. ValueError if not an answer."""
        if answer is None or not str(answer).strip():
            return False
        code = self.normalise_answer(str(answer))
        if code is None:
            raise ValueError(f"{answer!r} is not an answer to question {self.id}")
        if code == NA:
            return False
        if self.type == "choice":
            opt = self.option(code)
            return bool(opt and opt.shortfall)
        return int(code) < (self.good_from if self.good_from is not None else self.min or 0)

    def reason(self, code: str) -> Reason | None:
        """The reason with this code (case-insensitive), or None."""
        wanted = code.strip().casefold()
        for r in self.reasons:
            if r.code.casefold() == wanted:
                return r
        return None

    def reasons_for(self, answer: str | None) -> tuple[Reason, ...]:
        """The reasons a panel may give for this answer (none for a met or blank answer)."""
        if answer is None or not str(answer).strip() or not self.reasons:
            return ()
        code = self.normalise_answer(str(answer))
        if code is None:
            return ()
        kind = "na" if code == NA else "shortfall" if self.is_shortfall(code) else None
        if kind is None:
            return ()
        return tuple(r for r in self.reasons if r.when in (kind, "any"))

    def level_descriptor(self, level: int) -> str:
        """The descriptor of a scale level ("" when the rubric gives none)."""
        return dict(self.level_descriptors).get(level, "")

    def has_tag(self, tag: str) -> bool:
        return tag in self.tags

    # ------------------------------------------------------- serialisation

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "type": self.type,
            "allows_na": self.allows_na,
            "applies_when": self.applies_when,
            "guidance": self.guidance,
            "descriptor": self.descriptor,
            "suggested_themes": list(self.suggested_themes),
            "tags": list(self.tags),
            "evidence_section": self.evidence_section,
        }
        if self.type == "choice":
            d["options"] = [o.to_dict() for o in self.options]
        else:
            d["min"] = self.min
            d["max"] = self.max
            d["good_from"] = self.good_from
            d["levels"] = {str(k): v for k, v in self.level_descriptors}
        if self.reasons:
            d["reasons"] = [r.to_dict() for r in self.reasons]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Question:
        levels = d.get("levels") or {}
        return cls(
            id=d["id"],
            text=d["text"],
            type=d.get("type", "choice"),
            allows_na=bool(d.get("allows_na", False)),
            applies_when=d.get("applies_when"),
            guidance=d.get("guidance", ""),
            descriptor=d.get("descriptor", ""),
            options=tuple(Option.from_dict(o) for o in d.get("options") or ()),
            min=d.get("min"),
            max=d.get("max"),
            good_from=d.get("good_from"),
            level_descriptors=tuple(sorted((int(k), v) for k, v in levels.items())),
            suggested_themes=tuple(d.get("suggested_themes") or ()),
            tags=tuple(d.get("tags") or ()),
            evidence_section=d.get("evidence_section"),
            reasons=tuple(Reason.from_dict(r) for r in d.get("reasons") or ()),
        )


@dataclass(frozen=True)
class Section:
    """A group of questions, usually one part of the plan (needs, outcomes, provision)."""

    id: str
    title: str
    guidance: str = ""
    questions: tuple[Question, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "guidance": self.guidance,
            "questions": [q.to_dict() for q in self.questions],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Section:
        return cls(
            id=d["id"],
            title=d["title"],
            guidance=d.get("guidance", ""),
            questions=tuple(Question.from_dict(q) for q in d["questions"]),
        )


@dataclass(frozen=True)
class Rubric:
    """A whole rubric: overall scale, agencies, themes catalogue and sections of questions."""

    id: str
    title: str
    description: str
    sources: tuple[str, ...]
    overall: OverallScale
    agencies: tuple[Agency, ...]
    themes: tuple[Theme, ...]
    sections: tuple[Section, ...]
    indicators: tuple[Indicator, ...] = ()
    unit: str = "plan"  # plan | advice_return
    #: an ``advice_return`` rubric's target share of advice returned within 6 weeks
    timeliness_targets: TargetSchedule = field(default_factory=TargetSchedule)

    # -------------------------------------------------------------- lookups

    @cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for s in self.sections for q in s.questions}

    def questions(self) -> Iterator[Question]:
        """Every question, in rubric order."""
        for section in self.sections:
            yield from section.questions

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError if there is none."""
        try:
            return self._questions_by_id[question_id]
        except KeyError:
            raise KeyError(f"rubric {self.id} has no question {question_id!r}") from None

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions_by_id

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(f"rubric {self.id} has no section {section_id!r}")

    def section_of(self, question_id: str) -> Section:
        for s in self.sections:
            if any(q.id == question_id for q in s.questions):
                return s
        raise KeyError(f"rubric {self.id} has no question {question_id!r}")

    def questions_tagged(self, tag: str) -> list[Question]:
        return [q for q in self.questions() if tag in q.tags]

    def applicable_questions(self, facts: Mapping[str, object]) -> list[Question]:
        return [q for q in self.questions() if q.applies_to(facts)]

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(f"rubric {self.id} has no theme {theme_id!r}")

    def indicator(self, indicator_id: str) -> Indicator:
        for i in self.indicators:
            if i.id == indicator_id:
                return i
        raise KeyError(f"rubric {self.id} has no indicator {indicator_id!r}")

    def agency(self, agency_id: str) -> Agency:
        for a in self.agencies:
            if a.id == agency_id:
                return a
        raise KeyError(f"rubric {self.id} has no agency {agency_id!r}")

    # -------------------------------------------------------------- grading

    def band_for(self, grade: int) -> Band:
        """The band holding an overall grade; ValueError outside min..max."""
        for band in self.overall.bands:
            if band.contains(grade):
                return band
        raise ValueError(
            f"overall grade {grade} is outside {self.overall.min}-{self.overall.max} "
            f"for rubric {self.id}"
        )

    def is_good(self, grade: int) -> bool:
        return self.band_for(grade).good

    @property
    def best_is_low(self) -> bool:
        return self.overall.best == "low"

    @property
    def best_grade(self) -> int:
        return self.overall.best_grade

    def best_band(self) -> Band:
        """The band exemplars come from: the one holding the best grade."""
        return self.band_for(self.best_grade)

    def better(self, a: float | Fraction, b: float | Fraction) -> bool:
        """True when grade ``a`` is better than grade ``b`` on this rubric's scale."""
        return a < b if self.best_is_low else a > b

    def worse(self, a: float | Fraction, b: float | Fraction) -> bool:
        return self.better(b, a)

    def grade_order(self, grades: Iterable[int] | None = None) -> list[int]:
        """Grades (default: the whole range) from worst to best, for tables and charts."""
        values = range(self.overall.min, self.overall.max + 1) if grades is None else grades
        return sorted(values, key=self.overall.worst_first)

    def bands_worst_first(self) -> list[Band]:
        return sorted(self.overall.bands, key=lambda b: self.overall.worst_first(b.from_))

    def steps_from_best(self, grade: int) -> int:
        """How many grades below the best ``grade`` is (0 = the best grade), on either scale."""
        return abs(self.best_grade - grade)

    def generosity(self, difference: float) -> float:
        """A member's mean (grade - agreed grade), signed so that positive is more generous.

        On a scale where 1 is best, giving 3 where the panel agreed 2 is harsher, not kinder.
        """
        return -difference if self.best_is_low else difference

    def compare_grades(self, now: float | Fraction, then: float | Fraction) -> str:
        """``better``, ``worse`` or ``the same`` for two (mean) grades on this scale."""
        if now == then:
            return "the same"
        return "better" if self.better(now, then) else "worse"

    def scale_text(self) -> str:
        return self.overall.scale_text()

    def good_text(self) -> str:
        return self.overall.good_text()

    # -------------------------------------------------------- serialisation

    def to_dict(self) -> dict[str, Any]:
        """Everything, as plain JSON-able data; also a valid rubric file.

        Format-2 keys are written only when used, so a format-1 rubric keeps its
        content hash (and is not stored again as a new version).
        """
        d: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "sources": list(self.sources),
            "overall": self.overall.to_dict(),
            "agencies": [a.to_dict() for a in self.agencies],
            "themes": [t.to_dict() for t in self.themes],
            "sections": [s.to_dict() for s in self.sections],
        }
        if self.unit != "plan":
            d["unit"] = self.unit
        if self.indicators:
            d["indicators"] = [i.to_dict() for i in self.indicators]
        if self.timeliness_targets:
            d["timeliness"] = {"targets": self.timeliness_targets.to_list()}
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Rubric:
        """Inverse of ``to_dict`` (trusted data, e.g. from our own database)."""
        return cls(
            id=d["id"],
            title=d["title"],
            description=d.get("description", ""),
            sources=tuple(d.get("sources") or ()),
            overall=OverallScale.from_dict(d["overall"]),
            agencies=tuple(Agency.from_dict(a) for a in d.get("agencies") or ()),
            themes=tuple(Theme.from_dict(t) for t in d.get("themes") or ()),
            sections=tuple(Section.from_dict(s) for s in d["sections"]),
            indicators=tuple(Indicator.from_dict(i) for i in d.get("indicators") or ()),
            unit=d.get("unit", "plan"),
            timeliness_targets=TargetSchedule.from_list(
                (d.get("timeliness") or {}).get("targets")),
        )

    def to_contract_dict(self, version: int) -> dict[str, Any]:
        """The ``rubric show ID --json`` shape of the contract (plus descriptive extras)."""
        d = self.to_dict()
        overall = d["overall"]
        overall["targets"] = self.overall.targets.to_list()
        overall["target_percent_good"] = self.overall.targets.today()
        overall["best"] = self.overall.best
        return {
            "id": d.pop("id"),
            "version": int(version),
            "title": d.pop("title"),
            "unit": self.unit,
            **d,
            "indicators": [i.to_dict() for i in self.indicators],
        }
