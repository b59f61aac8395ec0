"""Reading rubrics for browsing, and saying their conditions in plain words.

The rubric browser (and anything else that shows a rubric to a person) needs
the list of rubrics with their versions and a human sentence for each
``applies_when``; keeping that here means the GUI never touches the ORM and the
wording can be unit-tested without Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa_audit.domain.rubric import Rubric
from qa_audit.domain.targets import ALWAYS, TargetSchedule
from qa_audit.services import rubrics
from qa_audit.services.plan_rows import NEED_NAMES, year_group_label
from qa_audit.services.rubrics import StoredRubric
from qa_audit.storage.engine import Database

__all__ = [
    "NEED_NAMES",
    "IndicatorSummary",
    "RubricSummary",
    "describe_condition",
    "indicator_summaries",
    "list_rubrics",
    "load_rubric",
    "scale_text",
    "schedule_text",
    "target_schedule_text",
    "year_group_label",
]

_NEEDS_BY_KEY = {code.casefold(): code for code in NEED_NAMES}


@dataclass(frozen=True)
class RubricSummary:
    """One rubric in a list: its latest version and every stored version number."""

    id: str
    title: str
    latest_version: int
    versions: tuple[int, ...]


def list_rubrics(db: Database) -> list[RubricSummary]:
    """Latest version of each rubric, with the older version numbers to choose from."""
    with db.read() as session:
        latest = rubrics.latest_versions(session)
        return [
            RubricSummary(
                id=item.id,
                title=item.rubric.title,
                latest_version=item.version,
                versions=tuple(rubrics.all_versions(session, item.id)),
            )
            for item in latest
        ]


def latest_rubrics(db: Database) -> list[StoredRubric]:
    """The latest stored version of each rubric (what a new session is frozen to)."""
    with db.read() as orm:
        return rubrics.latest_versions(orm)


def load_rubric(db: Database, rubric_id: str, version: int | None = None) -> StoredRubric:
    """One stored version (the latest when ``version`` is None); NotFound if missing."""
    with db.read() as session:
        return rubrics.get_version(session, rubric_id, version)


# ------------------------------------------------------------ plain words


@dataclass(frozen=True)
class IndicatorSummary:
    """An indicator as a person reads it: its questions and its target schedule in words."""

    id: str
    label: str
    questions: tuple[str, ...]
    targets: str


def scale_text(rubric: Rubric) -> str:
    """The overall grades and which end is best, e.g. "Grades 1–4, 1 = best"."""
    overall = rubric.overall
    return f"Grades {overall.min}–{overall.max}, {rubric.best_grade} = best"


def schedule_text(schedule: TargetSchedule) -> str:
    """A dated target schedule in words ("No target" when empty)."""
    return schedule.describe() if schedule else "No target"


def target_schedule_text(rubric: Rubric) -> str:
    """The overall target in words: "80% of plans good or better (Good)", or for a dated
    schedule "Plans good or better (Good): 75% from 1 Apr 2019, 100% from 1 Apr 2020"."""
    schedule = rubric.overall.targets
    if not schedule:
        return "No target set"
    good = [b.label for b in rubric.overall.bands if b.good]
    which = f" ({', '.join(good)})" if good else ""
    steps = schedule.steps
    if len(steps) == 1 and steps[0].from_ == ALWAYS:
        return f"{steps[0].percent:g}% of plans good or better{which}"
    return f"Plans good or better{which}: {schedule_text(schedule)}"


def indicator_summaries(rubric: Rubric) -> list[IndicatorSummary]:
    """The rubric's indicators with their target schedules, in rubric order."""
    return [IndicatorSummary(i.id, i.label, i.questions, schedule_text(i.targets))
            for i in rubric.indicators]


def _year_words(raw: str) -> str:
    word = raw.strip().casefold()
    number = {"n1": -2, "n2": -1, "r": 0}.get(word)
    if number is None:
        try:
            number = int(word.removeprefix("year").removeprefix("y").strip())
        except ValueError:
            return raw
    return {-2: "Nursery 1", -1: "Nursery 2", 0: "Reception"}.get(number, f"Year {number}")


_FIELD_NAMES = {
    "year_group": "the year group",
    "plan_type": "the plan type",
    "phase": "the phase",
    "primary_need": "the primary need",
    "setting_type": "the setting type",
    "direct_payments": "direct payments",
}

_YEAR_OPS = {
    ">=": "is {v} or above",
    ">": "is above {v}",
    "<=": "is {v} or below",
    "<": "is below {v}",
    "==": "is {v}",
    "!=": "is not {v}",
}

_TOKEN = re.compile(
    r"\s*(?:(?P<op>>=|<=|==|!=|>|<)|(?P<punct>[()\[\],])|(?P<str>\"[^\"]*\"|'[^']*')"
    r"|(?P<word>[A-Za-z0-9_.+/-]+))"
)


def _value_words(field: str, raw: str) -> str:
    if field == "year_group":
        return _year_words(raw)
    if field == "primary_need":
        code = _NEEDS_BY_KEY.get(raw.casefold(), raw)
        name = NEED_NAMES.get(code)
        return f"{code} ({name})" if name else code
    return raw


def _comparison_words(field: str, op: str, raw: str) -> str:
    if field == "direct_payments":
        yes = raw.strip().casefold() in {"yes", "y", "true", "1"}
        received = yes if op == "==" else not yes
        return "direct payments are received" if received else "direct payments are not received"
    value = _value_words(field, raw)
    if field == "year_group":
        return f"{_FIELD_NAMES[field]} {_YEAR_OPS[op].format(v=value)}"
    verb = "is not" if op == "!=" else "is"
    return f"{_FIELD_NAMES.get(field, field)} {verb} {value}"


def _list_words(field: str, values: list[str], negated: bool) -> str:
    shown = [_value_words(field, v) for v in values]
    joined = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
    verb = "is not" if negated else "is"
    return f"{_FIELD_NAMES.get(field, field)} {verb} {joined}"


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            if text[pos:].strip():
                raise ValueError(text)
            break
        kind = match.lastgroup or ""
        value = match.group(kind)
        out.append((kind, value[1:-1] if kind == "str" else value))
        pos = match.end()
    return out


def describe_condition(text: str | None) -> str:
    """``applies_when`` as a sentence for panel members ("Applies to every plan." if none).

    Falls back to the rule as written when it cannot be read; validation of the
    rule itself happens when the rubric is loaded, not here.
    """
    if text is None or not text.strip():
        return "Applies to every plan."
    try:
        words = _describe_tokens(_tokens(text))
    except (ValueError, IndexError, KeyError):
        return f"Applies when: {text.strip()}"
    return (f"Applies only when {words}. If the plan does not record this, "
            "the question applies.")


def _describe_tokens(tokens: list[tuple[str, str]]) -> str:
    parts: list[str] = []
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        lowered = value.casefold()
        if kind == "punct" and value in "()":
            parts.append(value)
            i += 1
        elif kind == "word" and lowered in {"and", "or"}:
            parts.append(lowered)
            i += 1
        elif kind == "word":
            field = lowered
            if field not in _FIELD_NAMES:
                raise KeyError(field)
            nxt_kind, nxt = tokens[i + 1]
            if nxt_kind == "op":
                parts.append(_comparison_words(field, nxt, tokens[i + 2][1]))
                i += 3
                continue
            negated = nxt.casefold() == "not"
            j = i + 2 if negated else i + 1
            if tokens[j][1].casefold() != "in" or tokens[j + 1][1] != "[":
                raise ValueError(value)
            j += 2
            values: list[str] = []
            while tokens[j][1] != "]":
                if tokens[j][0] != "punct":
                    values.append(tokens[j][1])
                j += 1
            if not values:
                raise ValueError(value)
            parts.append(_list_words(field, values, negated))
            i = j + 1
        else:
            raise ValueError(value)
    sentence = " ".join(parts)
    return sentence.replace("( ", "(").replace(" )", ")")
