"""Format-1 sections of a rubric file: questions, their options and their scales.

Split from :mod:`qa_audit.rubrics.loader` (which reads the file and checks the rubric's
top level, then hands the ``option_sets`` and ``sections`` here); problems are collected
on the same :class:`~qa_audit.rubrics.checker._Checker`, located by key path.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

from qa_audit.domain.conditions import ConditionError, parse_condition
from qa_audit.domain.rubric import Option, Question, Section
from qa_audit.rubrics import format2
from qa_audit.rubrics.checker import (
    _ID,
    _MAX_LIST,
    _MISSING,
    Path_,
    _Checker,
    _kind,
    _raw,
)

__all__ = ["parse_option_sets", "parse_sections"]

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_+-]{0,15}$")
_KEY = re.compile(r"^[a-z0-9]$")
_SECTIONS_OF_PLAN = ("A", "B", "C", "D", "E", "F", "G", "H", "H1", "H2", "I", "J", "K")
#: Columns of the scored-audits file; a question id must not be mistaken for one.
_AUDIT_COLUMNS = (
    "session",
    "rubric",
    "plan_ref",
    "auditor",
    "agency",
    "audit_date",
    "overall",
    "themes",
    "strengths",
    "development",
    "service",
    "requested_date",
)
_NA_WORDS = frozenset({"na", "n/a"})

# Size limits keep a hostile file (or a YAML alias bomb) from costing much.
_MAX_QUESTIONS = 500
_MAX_SCALE_STEPS = 20

_SECTION_KEYS = ("id", "title", "guidance", "questions")
_QUESTION_KEYS = (
    "id",
    "text",
    "type",
    "allows_na",
    "applies_when",
    "guidance",
    "descriptor",
    "suggested_themes",
    "tags",
    "evidence_section",
    "reasons",
)
_CHOICE_KEYS = ("options", "descriptors")
_SCALE_KEYS = ("min", "max", "good_from", "levels")
_OPTION_KEYS = ("code", "label", "shortfall", "descriptor", "key")


def parse_option_sets(check: _Checker, value: object) -> dict[str, tuple[Option, ...] | None]:
    """The named option lists questions share (``None`` for a set with problems)."""
    if value is None:
        return {}
    path: Path_ = ("option_sets",)
    if not isinstance(value, Mapping):
        check.fail(
            path, f"expected a mapping of set name to a list of options, found {_kind(value)}"
        )
        return {}
    sets: dict[str, tuple[Option, ...] | None] = {}
    for name, options in value.items():
        if not isinstance(name, str) or not _ID.fullmatch(name):
            check.fail(
                (*path, str(name)), "expected a set name: a letter, then letters, digits or _"
            )
            continue
        sets[name] = _options(check, options, (*path, name))
    return sets


def _options(check: _Checker, value: object, path: Path_) -> tuple[Option, ...] | None:
    if not isinstance(value, list):
        check.fail(path, f"expected a list of options, found {_kind(value)}")
        return None
    if not value:
        check.fail(path, "expected at least two options, found an empty list")
        return None
    if len(value) > _MAX_LIST["options"]:
        check.fail(path, f"too many options ({len(value)}; at most {_MAX_LIST['options']})")
        return None
    out: list[Option] = []
    ok = True
    for i, item in enumerate(value):
        opt = _option(check, item, (*path, i))
        if opt is None:
            ok = False
        else:
            out.append(opt)
    check.unique(_raw(value, "code", path), "option code")
    check.unique(_raw(value, "key", path), "shortcut key")
    if ok and len(out) < 2:
        check.fail(path, f"expected at least two options, found {len(out)}")
        ok = False
    if ok and all(o.shortfall for o in out):
        check.fail(path, "every option is a shortfall; at least one must have shortfall: false")
        ok = False
    return tuple(out) if ok else None


def _option(check: _Checker, value: object, path: Path_) -> Option | None:
    d = check.mapping(value, path, _OPTION_KEYS, ("code", "label", "shortfall"), "an option")
    if d is None:
        return None
    code = check.ident(
        d, "code", path, _CODE, "an option code: up to 16 letters, digits, _, + or -"
    )
    if code is not None and code.casefold() in _NA_WORDS:
        check.fail((*path, "code"), "NA is reserved for 'not applicable' (use allows_na: true)")
        code = None
    label = check.text(d, "label", path)
    shortfall = check.flag(d, "shortfall", path, None)
    descriptor = check.text(d, "descriptor", path, default="")
    key = d.get("key")
    if key is not None:
        if isinstance(key, int) and not isinstance(key, bool):
            key = str(key)
        if not isinstance(key, str) or not _KEY.fullmatch(key.lower()):
            check.fail((*path, "key"), f"expected one letter or digit, found {_kind(key)}")
            return None
        key = key.lower()
    if code is None or label is None or shortfall is None or descriptor is None:
        return None
    return Option(code, label, shortfall, descriptor, key)


def parse_sections(
    check: _Checker,
    d: Mapping[str, Any],
    option_sets: dict[str, tuple[Option, ...] | None],
    theme_ids: set[str],
) -> tuple[Section, ...] | None:
    """The rubric's sections and their questions, or ``None`` when any has a problem."""
    out: list[Section] = []
    ok = True
    all_questions: list[tuple[str | None, Path_]] = []
    items = check.items(d, "sections", (), required=True)
    for i, item in enumerate(items):
        path: Path_ = ("sections", i)
        m = check.mapping(item, path, _SECTION_KEYS, ("id", "title", "questions"), "a section")
        if m is None:
            ok = False
            continue
        ident = check.ident(m, "id", path, _ID, "an id: a letter, then letters, digits or _")
        title = check.text(m, "title", path)
        guidance = check.text(m, "guidance", path, default="")
        questions = []
        for j, q in enumerate(check.items(m, "questions", path, required=True)):
            qpath: Path_ = (*path, "questions", j)
            question = _question(check, q, qpath, option_sets, theme_ids)
            if isinstance(q, Mapping):
                all_questions.append(
                    (q.get("id") if isinstance(q.get("id"), str) else None, (*qpath, "id"))
                )
            if question is None:
                ok = False
            else:
                questions.append(question)
        if ident is None or title is None or guidance is None or not questions:
            ok = False
            continue
        out.append(Section(ident, title, guidance, tuple(questions)))
    check.unique(_raw(items, "id", ("sections",)), "section id")
    _unique_question_ids(check, all_questions)
    if len(all_questions) > _MAX_QUESTIONS:
        check.fail(
            ("sections",), f"too many questions ({len(all_questions)}; at most {_MAX_QUESTIONS})"
        )
        ok = False
    return tuple(out) if ok else None


def _unique_question_ids(check: _Checker, entries: list[tuple[str | None, Path_]]) -> None:
    """Unique across the rubric, and not only by case, _ or - (audit columns match loosely)."""
    first: dict[str, tuple[str, Path_]] = {}
    for value, path in entries:
        if value is None:
            continue
        seen = first.get(_loose(value))
        if seen is None:
            first[_loose(value)] = (value, path)
        elif seen[0] == value:
            check.fail(
                path, f"duplicate question id {value!r} (first at line {check.marks.line(seen[1])})"
            )
        else:
            check.fail(
                path,
                f"question id {value!r} is too like {seen[0]!r} (line "
                f"{check.marks.line(seen[1])}): audit file columns ignore case, "
                f"_ and -",
            )


def _loose(name: str) -> str:
    return re.sub(r"[\s_-]", "", name).casefold()


_RESERVED = {_loose(c): c for c in _AUDIT_COLUMNS}


def _question(
    check: _Checker,
    value: object,
    path: Path_,
    option_sets: dict[str, tuple[Option, ...] | None],
    theme_ids: set[str],
) -> Question | None:
    if not isinstance(value, Mapping):
        check.fail(path, f"expected a question (a mapping of keys), found {_kind(value)}")
        return None
    qtype = value.get("type", "choice")
    allowed: tuple[str, ...]
    if qtype == "choice":
        allowed = _QUESTION_KEYS + _CHOICE_KEYS
    elif qtype == "scale":
        allowed = _QUESTION_KEYS + _SCALE_KEYS
    else:
        check.fail((*path, "type"), f"unknown question type {qtype!r} (expected choice or scale)")
        allowed = _QUESTION_KEYS + _CHOICE_KEYS + _SCALE_KEYS
    for key in value:
        if key not in allowed and key in _CHOICE_KEYS + _SCALE_KEYS:
            other = "scale" if qtype == "choice" else "choice"
            check.fail(
                (*path, str(key)),
                f"{key!r} belongs to {other} questions, but this question is type {qtype}",
            )
        elif not isinstance(key, str) or key not in allowed:
            check.fail((*path, str(key)), check._unknown(key, allowed))
    for key in ("id", "text"):
        if key not in value:
            check.fail((*path, key), "required key is missing (in a question)")
    d = value
    ident = None
    if "id" in d:
        ident = check.ident(d, "id", path, _ID, "an id: a letter, then letters, digits or _")
        if ident is not None and _loose(ident) in _RESERVED:
            check.fail(
                (*path, "id"),
                f"{ident!r} is the name of a column in audit files "
                f"({_RESERVED[_loose(ident)]}); choose another id",
            )
    text = check.text(d, "text", path) if "text" in d else None
    allows_na = check.flag(d, "allows_na", path, False)
    guidance = check.text(d, "guidance", path, default="")
    descriptor = check.text(d, "descriptor", path, default="")
    applies_when = _applies_when(check, d, path)
    themes = check.words(d, "suggested_themes", path)
    for i, theme in enumerate(themes or ()):
        if theme not in theme_ids:
            close = difflib.get_close_matches(theme, sorted(theme_ids), n=1, cutoff=0.6)
            guess = f"; did you mean {close[0]!r}?" if close else ""
            check.fail(
                (*path, "suggested_themes", i),
                f"theme {theme!r} is not in the rubric's themes catalogue{guess}",
            )
            themes = None
    tags = check.words(d, "tags", path)
    evidence = _evidence_section(check, d, path)
    reasons = format2.reasons(check, d, path)
    if qtype not in ("choice", "scale"):
        return None
    options = _question_options(check, d, path, option_sets) if qtype == "choice" else ()
    scale = _scale(check, d, path) if qtype == "scale" else None
    if (ident is None or text is None or allows_na is None or guidance is None
            or descriptor is None or themes is None or tags is None or reasons is None
            or not isinstance(applies_when, str | None)  # not _MISSING (a bad condition)
            or not isinstance(evidence, str | None)
            or options is None or (qtype == "scale" and scale is None)):
        return None
    low, high, good_from, levels = scale if scale is not None else (None, None, None, ())
    return Question(
        ident,
        text,
        qtype,
        allows_na,
        applies_when,
        guidance,
        descriptor,
        options,
        low,
        high,
        good_from,
        levels,
        suggested_themes=themes,
        tags=tags,
        evidence_section=evidence,
        reasons=reasons,
    )


def _applies_when(check: _Checker, d: Mapping[str, Any], path: Path_) -> str | object | None:
    value = d.get("applies_when")
    if value is None:
        return None
    if not isinstance(value, str):
        check.fail((*path, "applies_when"), f"expected a condition as text, found {_kind(value)}")
        return _MISSING
    try:
        return parse_condition(value).text
    except ConditionError as exc:
        check.fail((*path, "applies_when"), f"cannot use condition {value!r}: {exc}")
        return _MISSING


def _evidence_section(check: _Checker, d: Mapping[str, Any], path: Path_) -> str | object | None:
    value = d.get("evidence_section")
    if value is None:
        return None
    if isinstance(value, str) and value.strip().upper() in _SECTIONS_OF_PLAN:
        return value.strip().upper()
    check.fail(
        (*path, "evidence_section"),
        f"expected a plan section letter ({', '.join(_SECTIONS_OF_PLAN)}), found {_kind(value)}",
    )
    return _MISSING


def _question_options(
    check: _Checker,
    d: Mapping[str, Any],
    path: Path_,
    option_sets: dict[str, tuple[Option, ...] | None],
) -> tuple[Option, ...] | None:
    value = d.get("options")
    opath = (*path, "options")
    if value is None:
        check.fail(opath, "a choice question needs options (a list, or the name of an option set)")
        return None
    if isinstance(value, str):
        if value not in option_sets:
            known = ", ".join(sorted(option_sets)) or "none defined"
            check.fail(opath, f"unknown option set {value!r} (option_sets: {known})")
            return None
        options = option_sets[value]
    else:
        options = _options(check, value, opath)
    descriptors = d.get("descriptors")
    if descriptors is None or options is None:
        return options
    dpath = (*path, "descriptors")
    if not isinstance(descriptors, Mapping):
        check.fail(dpath, f"expected a mapping of option code to text, found {_kind(descriptors)}")
        return None
    by_code = {o.code.casefold(): o for o in options}
    texts: dict[str, str] = {}
    ok = True
    for code, text in descriptors.items():
        opt = by_code.get(str(code).casefold())
        if opt is None:
            check.fail(
                (*dpath, str(code)),
                f"no option has code {code!r} (codes: {', '.join(o.code for o in options)})",
            )
            ok = False
        elif not isinstance(text, str) or not text.strip():
            check.fail((*dpath, str(code)), f"expected text, found {_kind(text)}")
            ok = False
        else:
            texts[opt.code] = text.strip()
    if not ok:
        return None
    return tuple(
        Option(o.code, o.label, o.shortfall, texts.get(o.code, o.descriptor), o.key)
        for o in options
    )


def _scale(
    check: _Checker, d: Mapping[str, Any], path: Path_
) -> tuple[int, int, int, tuple[tuple[int, str], ...]] | None:
    low, high = check.integer(d, "min", path), check.integer(d, "max", path)
    good_from = check.integer(d, "good_from", path)
    if low is not None and high is not None:
        if low >= high:
            check.fail((*path, "max"), f"max ({high}) must be greater than min ({low})")
            return None
        if high - low > _MAX_SCALE_STEPS:
            check.fail(
                (*path, "max"),
                f"the scale {low}-{high} is too wide (at most {_MAX_SCALE_STEPS} steps)",
            )
            return None
        if good_from is not None and not low <= good_from <= high:
            check.fail(
                (*path, "good_from"),
                f"good_from ({good_from}) must be within min..max ({low}-{high})",
            )
            good_from = None
    levels = _levels(check, d, path, low, high)
    if low is None or high is None or good_from is None or levels is None:
        return None
    return low, high, good_from, levels


def _levels(
    check: _Checker, d: Mapping[str, Any], path: Path_, low: int | None, high: int | None
) -> tuple[tuple[int, str], ...] | None:
    value = d.get("levels")
    if value is None:
        return ()
    lpath = (*path, "levels")
    if not isinstance(value, Mapping):
        check.fail(lpath, f"expected a mapping of level number to text, found {_kind(value)}")
        return None
    out: dict[int, str] = {}
    ok = True
    for key, text in value.items():
        level = key if isinstance(key, int) and not isinstance(key, bool) else None
        if isinstance(key, str) and re.fullmatch(r"-?[0-9]{1,3}", key.strip()):
            level = int(key)
        kpath = (*lpath, str(key))
        if level is None:
            check.fail(kpath, f"expected a level number, found {_kind(key)}")
            ok = False
        elif low is not None and high is not None and not low <= level <= high:
            check.fail(kpath, f"level {level} is outside the scale {low}-{high}")
            ok = False
        elif level in out:
            check.fail(kpath, f"level {level} is described twice")
            ok = False
        elif not isinstance(text, str) or not text.strip():
            check.fail(kpath, f"expected text describing the level, found {_kind(text)}")
            ok = False
        else:
            out[level] = text.strip()
    return tuple(sorted(out.items())) if ok else None
