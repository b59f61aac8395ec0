"""What changed between two versions of a rubric, item by item.

Before a panel moves to a new rubric version (or a board reads a trend across
one), someone must see exactly what changed: a question reworded or added, an
answer that now counts as a shortfall, a band moved, a target raised. The diff
is plain data (``RubricChange`` rows) so the window, a report or a test can
show it; nothing here knows about Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar

from qa_audit.domain.indicators import Indicator
from qa_audit.domain.rubric import Band, Option, Question, Rubric
from qa_audit.domain.targets import ALWAYS, TargetSchedule
from qa_audit.services import rubric_view
from qa_audit.storage.engine import Database

__all__ = ["ChangeKind", "RubricChange", "RubricComparison", "compare_versions", "diff_rubrics"]

ChangeKind = Literal["added", "removed", "changed"]
T = TypeVar("T")


@dataclass(frozen=True)
class RubricChange:
    """One difference: ``before`` is version A's value ("" when added), ``after`` B's."""

    area: str  # Rubric, Overall grade, Target, Indicator, Band, Agency, Theme, Section,
    # Question, Option, Reason, Level
    item: str  # which one, e.g. "voice / option P"
    before: str
    after: str
    kind: ChangeKind


@dataclass(frozen=True)
class RubricComparison:
    """Two stored versions of one rubric id and their differences (A = older, usually)."""

    rubric_id: str
    version_a: int
    version_b: int
    title_a: str
    title_b: str
    changes: tuple[RubricChange, ...]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _option_text(option: Option) -> str:
    return f"{option.label} ({'shortfall' if option.shortfall else 'not a shortfall'})"


def _band_text(band: Band) -> str:
    grades = str(band.from_) if band.from_ == band.to else f"{band.from_}–{band.to}"
    return f"grades {grades}, {band.rag}, {'counts as good' if band.good else 'not good'}"


def _answer_text(question: Question) -> str:
    if question.type == "scale":
        good = f", good from {question.good_from}" if question.good_from is not None else ""
        return f"scale {question.min}–{question.max}{good}"
    return "choice: " + " / ".join(o.code for o in question.options)


def _question_fields(question: Question) -> dict[str, str]:
    """The parts of a question compared one by one (options are compared apart)."""
    return {
        "wording": question.text,
        "answer": _answer_text(question),
        "N/A allowed": _yes(question.allows_na),
        "applies": rubric_view.describe_condition(question.applies_when),
        "guidance": question.guidance,
        "descriptor": question.descriptor,
        "suggested themes": ", ".join(question.suggested_themes),
    }


def _item_of(qid: str, kind: str) -> Callable[[str], str]:
    """How a question's option, reason or level is named in the list of changes."""
    return lambda key: f"{qid} / {kind} {key}"


def _keyed(
    area: str,
    before: Iterable[T],
    after: Iterable[T],
    key: Callable[[T], str],
    text: Callable[[T], str],
    label: Callable[[str], str] = str,
) -> list[RubricChange]:
    """Added, removed and changed items of two keyed lists (B's order, removed last)."""
    old = {key(x): text(x) for x in before}
    new = {key(x): text(x) for x in after}
    out: list[RubricChange] = []
    for k, value in new.items():
        if k not in old:
            out.append(RubricChange(area, label(k), "", value, "added"))
        elif old[k] != value:
            out.append(RubricChange(area, label(k), old[k], value, "changed"))
    out.extend(RubricChange(area, label(k), v, "", "removed") for k, v in old.items()
               if k not in new)
    return out


def _fields(area: str, item: str, before: Mapping[str, str],
            after: Mapping[str, str]) -> list[RubricChange]:
    return [RubricChange(area, f"{item}: {name}", before.get(name, "") or "(none)",
                         value or "(none)", "changed")
            for name, value in after.items() if before.get(name, "") != value]


def _rubric_fields(r: Rubric) -> dict[str, str]:
    return {"title": r.title, "description": r.description, "sources": "; ".join(r.sources)}


def _overall_fields(r: Rubric) -> dict[str, str]:
    return {"grades": rubric_view.scale_text(r), "unit": r.unit}


def _steps(schedule: TargetSchedule) -> list[tuple[str, str]]:
    """A schedule as (from, percent) steps; a format-1 target's step is "always"."""
    return [("always" if s.from_ == ALWAYS else f"from {s.from_:%-d %b %Y}", f"{s.percent:g}%")
            for s in schedule.steps]


def _targets(area: str, name: str, a: TargetSchedule, b: TargetSchedule) -> list[RubricChange]:
    return _keyed(area, _steps(a), _steps(b), lambda t: t[0], lambda t: t[1],
                  lambda when: f"{name} target {when}")


def _indicator_fields(indicator: Indicator) -> dict[str, str]:
    return {"label": indicator.label, "questions": ", ".join(indicator.questions),
            "description": indicator.description, "source": indicator.source}


def _indicators(a: Rubric, b: Rubric) -> list[RubricChange]:
    old = {i.id: i for i in a.indicators}
    out = _keyed("Indicator", a.indicators, b.indicators, lambda i: i.id,
                 lambda i: f"{i.label} [{', '.join(i.questions)}; target "
                           f"{rubric_view.schedule_text(i.targets)}]")
    out = [c for c in out if c.kind != "changed"]  # changed ones: field by field below
    for indicator in b.indicators:
        before = old.get(indicator.id)
        if before is not None:
            out += _fields("Indicator", indicator.id, _indicator_fields(before),
                           _indicator_fields(indicator))
            out += _targets("Target", f"indicator {indicator.id}", before.targets,
                            indicator.targets)
    return out


def _questions(a: Rubric, b: Rubric) -> list[RubricChange]:
    out: list[RubricChange] = []
    old = {q.id: q for q in a.questions()}
    for question in b.questions():
        before = old.get(question.id)
        section = b.section_of(question.id).title
        if before is None:
            out.append(RubricChange("Question", question.id, "",
                                    f"{question.text} [{_answer_text(question)}; in {section}]",
                                    "added"))
            continue
        out.extend(_fields("Question", question.id, _question_fields(before),
                           _question_fields(question)))
        was_in = a.section_of(question.id).title
        if was_in != section:
            out.append(RubricChange("Question", f"{question.id}: section", was_in, section,
                                    "changed"))
        out.extend(_keyed("Option", before.options, question.options, lambda o: o.code,
                          _option_text, _item_of(question.id, "option")))
        out.extend(_keyed("Reason", before.reasons, question.reasons, lambda r: r.code,
                          lambda r: f"{r.label} (for {r.when})",
                          _item_of(question.id, "reason")))
        out.extend(_keyed("Level", before.level_descriptors, question.level_descriptors,
                          lambda lv: str(lv[0]), lambda lv: lv[1],
                          _item_of(question.id, "level")))
    new_ids = {q.id for q in b.questions()}
    out.extend(RubricChange("Question", q.id, q.text, "", "removed")
               for q in a.questions() if q.id not in new_ids)
    return out


def diff_rubrics(a: Rubric, b: Rubric) -> list[RubricChange]:
    """Every difference from ``a`` to ``b``, grouped by area in rubric order."""
    changes = _fields("Rubric", "rubric", _rubric_fields(a), _rubric_fields(b))
    changes += _fields("Overall grade", "overall", _overall_fields(a), _overall_fields(b))
    changes += _targets("Target", "overall", a.overall.targets, b.overall.targets)
    changes += _indicators(a, b)
    changes += _keyed("Band", a.overall.bands, b.overall.bands, lambda x: x.label, _band_text)
    changes += _keyed("Agency", a.agencies, b.agencies, lambda x: x.id, lambda x: x.label)
    changes += _keyed("Theme", a.themes, b.themes, lambda x: x.id,
                      lambda x: x.label + (f" — {x.description}" if x.description else ""))
    changes += _keyed("Section", a.sections, b.sections, lambda x: x.id, lambda x: x.title)
    changes += _questions(a, b)
    return changes


def compare_versions(db: Database, rubric_id: str, version_a: int,
                     version_b: int) -> RubricComparison:
    """Load two stored versions and diff them (NotFound if either is missing)."""
    a = rubric_view.load_rubric(db, rubric_id, version_a)
    b = rubric_view.load_rubric(db, rubric_id, version_b)
    return RubricComparison(rubric_id, a.version, b.version, a.rubric.title, b.rubric.title,
                            tuple(diff_rubrics(a.rubric, b.rubric)))
