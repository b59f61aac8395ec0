"""Rubric YAML files -> validated ``Rubric`` values, with every problem located.

Councils write and edit rubric files by hand, so a bad file must come back as a
list of ``FILE:LINE: key.path: what was expected`` lines (all of them at once,
never a traceback, never a half-loaded rubric). Line numbers come from the
PyYAML node tree (``SafeLoader`` only); the format itself is documented in
``docs/rubric-format.md``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from qa_audit.domain.rubric import (
    RAG_VALUES,
    Agency,
    Band,
    OverallScale,
    Rubric,
    Theme,
)
from qa_audit.domain.targets import TargetSchedule
from qa_audit.errors import RubricError
from qa_audit.paths import bundled
from qa_audit.rubrics import format2
from qa_audit.rubrics.checker import (
    _ID,
    _MISSING,
    Path_,
    _Checker,
    _kind,
    _Marks,
    _raw,
)
from qa_audit.rubrics.questions import parse_option_sets, parse_sections

__all__ = [
    "MAX_FILE_BYTES",
    "content_hash",
    "load_rubric_data",
    "load_rubric_file",
    "load_rubric_text",
    "shipped_rubric_files",
]

MAX_FILE_BYTES = 1_000_000

_RUBRIC_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

# Size limits keep a hostile file (or a YAML alias bomb) from costing much.
_MAX_OVERALL_STEPS = 100

_TOP_KEYS = (
    "id",
    "title",
    "description",
    "sources",
    "overall",
    "agencies",
    "themes",
    "option_sets",
    "sections",
    "unit",
    "indicators",
    "timeliness",
)
_UNITS = ("plan", "advice_return")
_OVERALL_KEYS = ("min", "max", "best", "target_percent_good", "targets", "bands")
_BAND_KEYS = ("label", "from", "to", "good", "rag", "description")
_AGENCY_KEYS = ("id", "label")
_THEME_KEYS = ("id", "label", "description")


# ---------------------------------------------------------------- public API


#: libyaml's parser when PyYAML has it (about ten times faster: a big rubric is checked
#: while the user waits in the Rubrics page), else the pure-Python one; both keep marks.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# the base is chosen at run time (the C loader when PyYAML has it), which mypy cannot follow
class _Loader(_SAFE_LOADER):  # type: ignore[misc,valid-type]
    """SafeLoader that keeps an impossible date (2019-13-01) as text, so the checker
    reports it at its own line instead of the whole file failing at line 1."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_rubric_file(path: str | Path) -> Rubric:
    """Read, validate and return the rubric in a YAML file; RubricError if anything is wrong."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _too_big(source, size)
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RubricError(f"{source}: cannot read the file ({reason})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _too_big(source, len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problem = f"(file): not UTF-8 text (byte {exc.start + 1}); save the file as UTF-8"
        raise _error(source, [(line, problem)]) from None
    return load_rubric_text(text, source)


def load_rubric_text(text: str, source: str = "<string>") -> Rubric:
    """Validate rubric YAML text; ``source`` names it in messages (usually the file path)."""
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_FILE_BYTES:
        raise _too_big(source, size)
    marks = _Marks()
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                marks.index(node, ())
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = f", column {mark.column + 1}" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise _error(source, [(line, f"(yaml): not valid YAML{column}: {problem}")]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise _error(source, [(line, f"(yaml): not valid YAML: {exc.reason}")]) from None
    except yaml.YAMLError as exc:
        raise _error(source, [(1, f"(yaml): not valid YAML: {exc}")]) from None
    except RecursionError:
        raise _error(source, [(1, "(yaml): the YAML is nested too deeply")]) from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. an impossible date
        raise _error(source, [(1, f"(yaml): a value cannot be read: {exc}")]) from None
    return _validate(data, marks, source)


def load_rubric_data(data: object, source: str = "<data>") -> Rubric:
    """Validate already-parsed data (e.g. JSON) with the same rules as a file."""
    return _validate(data, _Marks(), source)


# data files shipped beside the rubrics that are not rubrics themselves
NOT_RUBRICS = frozenset({"vague-wording.yaml"})


def shipped_rubric_files() -> list[Path]:
    """The rubric files shipped with the application, sorted by name."""
    folder = bundled("rubrics")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.yaml") if p.is_file() and p.name not in NOT_RUBRICS)


def content_hash(rubric: Rubric) -> str:
    """sha256 of the rubric's canonical JSON: equal hashes mean nothing changed."""
    canonical = json.dumps(
        rubric.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ plumbing


def _too_big(source: str, size: int) -> RubricError:
    return _error(
        source,
        [(1, f"(file): too big for a rubric ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")],
    )


def _error(source: str, problems: list[tuple[int, str]]) -> RubricError:
    problems = sorted(problems, key=lambda p: p[0])
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    return RubricError(
        f"{source}: {count} {noun}", [f"{source}:{line}: {text}" for line, text in problems]
    )


# ---------------------------------------------------------------- validation


def _validate(data: object, marks: _Marks, source: str) -> Rubric:
    check = _Checker(marks)
    check.problems.extend(marks.duplicates)
    rubric = None
    if data is None:
        check.fail((), "the file is empty; expected a rubric (a mapping with id, title, ...)")
    else:
        rubric = _rubric(check, data)
    if check.problems or rubric is None:
        if not check.problems:  # pragma: no cover - defensive: never a silent half-load
            check.fail((), "the rubric could not be read")
        raise _error(source, check.problems)
    return rubric


def _rubric(check: _Checker, data: object) -> Rubric | None:
    d = check.mapping(
        data, (), _TOP_KEYS, ("id", "title", "overall", "agencies", "sections"), "a rubric"
    )
    if d is None:
        return None
    rubric_id = check.ident(
        d, "id", (), _RUBRIC_ID, "a rubric id: lower-case letters, digits, - and _"
    )
    title = check.text(d, "title", ())
    description = check.text(d, "description", (), default="")
    sources = _sources(check, d)
    overall = _overall(check, d["overall"]) if "overall" in d else None
    agencies = _catalogue(check, d, "agencies", _AGENCY_KEYS, Agency)
    themes = _catalogue(check, d, "themes", _THEME_KEYS, Theme)
    option_sets = parse_option_sets(check, d.get("option_sets"))
    theme_ids = {t.id for t in themes or ()}
    sections = parse_sections(check, d, option_sets, theme_ids)
    question_ids = {q.id for s in sections or () for q in s.questions}
    indicators = format2.indicators(check, d, question_ids) if sections is not None else ()
    unit = d.get("unit", "plan")
    if unit not in _UNITS:
        check.fail(("unit",), f"expected plan or advice_return, found {_kind(unit)}")
    timeliness = format2.timeliness(check, d, unit)
    if (rubric_id is None or not isinstance(timeliness, TargetSchedule)
            or title is None or description is None or sources is None
            or overall is None or agencies is None or themes is None or sections is None
            or indicators is None or check.problems):
        return None
    return Rubric(
        rubric_id, title, description, sources, overall, agencies, themes, sections,
        indicators, unit, timeliness,
    )


def _sources(check: _Checker, d: Mapping[str, Any]) -> tuple[str, ...] | None:
    out: list[str] = []
    ok = True
    for i, item in enumerate(check.items(d, "sources", (), required=False)):
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
        else:
            ok = False
            check.fail(("sources", i), f"expected text naming a source, found {_kind(item)}")
    return tuple(out) if ok else None


def _overall(check: _Checker, value: object) -> OverallScale | None:
    path: Path_ = ("overall",)
    d = check.mapping(value, path, _OVERALL_KEYS, ("min", "max", "bands"), "the overall scale")
    if d is None:
        return None
    low, high = check.integer(d, "min", path), check.integer(d, "max", path)
    if low is not None and high is not None:
        if low >= high:
            check.fail((*path, "max"), f"max ({high}) must be greater than min ({low})")
            low = high = None
        elif high - low > _MAX_OVERALL_STEPS:
            check.fail(
                (*path, "max"),
                f"the range {low}-{high} is too wide (at most {_MAX_OVERALL_STEPS} steps)",
            )
            low = high = None
    target = _target(check, d, path)
    schedule = format2.targets(check, d, path)
    if "targets" in d and d.get("target_percent_good") is not None:
        check.fail(
            (*path, "targets"),
            "give either target_percent_good (one target) or targets (a dated schedule), not both",
        )
    scale_best = format2.best(check, d, path)
    bands: list[Band] = []
    ok = True
    items = check.items(d, "bands", path, required=True)
    for i, item in enumerate(items):
        band = _band(check, item, (*path, "bands", i))
        if band is None:
            ok = False
        else:
            bands.append(band)
    check.unique(_raw(items, "label", (*path, "bands")), "band label")
    ranges = _band_ranges(items)
    if items and len(ranges) == len(items) and low is not None and high is not None:
        _check_coverage(check, ranges, low, high, path)
    if ok and bands and not any(b.good for b in bands):
        check.fail(
            (*path, "bands"),
            "at least one band must have good: true (the percentage of good plans needs it)",
        )
    if not ok or not bands or low is None or high is None or _MISSING in (target, schedule):
        return None
    if scale_best is None:
        return None
    ordered = tuple(sorted(bands, key=lambda b: b.from_))
    # target and schedule are not _MISSING here (checked above; mypy cannot narrow a sentinel)
    return OverallScale(low, high, ordered, target, schedule, scale_best)  # type: ignore[arg-type]


def _target(check: _Checker, d: Mapping[str, Any], path: Path_) -> float | object | None:
    value = d.get("target_percent_good")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        check.fail(
            (*path, "target_percent_good"),
            f"expected a percentage from 0 to 100 (or null), found {_kind(value)}",
        )
        return _MISSING
    return float(value)


def _band(check: _Checker, value: object, path: Path_) -> Band | None:
    d = check.mapping(value, path, _BAND_KEYS, ("label", "from", "to", "good", "rag"), "a band")
    if d is None:
        return None
    label = check.text(d, "label", path)
    low, high = check.integer(d, "from", path), check.integer(d, "to", path)
    good = check.flag(d, "good", path, None)
    rag = d.get("rag")
    if "rag" in d and rag not in RAG_VALUES:
        check.fail((*path, "rag"), f"expected one of {', '.join(RAG_VALUES)}, found {_kind(rag)}")
        rag = None
    description = check.text(d, "description", path, default="")
    if low is not None and high is not None and low > high:
        check.fail((*path, "from"), f"from ({low}) is greater than to ({high})")
        return None
    if (label is None or low is None or high is None or good is None or rag is None
            or description is None):
        return None
    return Band(label, low, high, good, rag, description)


def _band_ranges(items: list[Any]) -> list[tuple[int, int, int, str]]:
    """(from, to, index, label) of every band whose range can be read."""
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            continue
        low, high = item.get("from"), item.get("to")
        if (isinstance(low, int) and not isinstance(low, bool)
                and isinstance(high, int) and not isinstance(high, bool) and low <= high):
            out.append((low, high, i, str(item.get("label", f"#{i + 1}"))))
    return out


def _check_coverage(
    check: _Checker, ranges: list[tuple[int, int, int, str]], low: int, high: int, path: Path_
) -> None:
    """Bands must cover min..max exactly: no gap, no overlap, nothing outside."""
    expected = low
    for start, end, i, label in sorted(ranges):
        where = (*path, "bands", i, "from")
        if start < low or end > high:
            check.fail(
                where,
                f"band {label!r} ({start}-{end}) goes outside the overall range {low}-{high}",
            )
        if start > expected:
            gap = f"{expected}-{start - 1}" if start - 1 > expected else str(expected)
            check.fail(where, f"grades {gap} are in no band (gap before band {label!r})")
        elif start < expected and expected > low:
            check.fail(
                where,
                f"band {label!r} ({start}-{end}) overlaps the band before it "
                f"(which ends at {expected - 1})",
            )
        expected = max(expected, end + 1)
    if expected <= high:
        check.fail((*path, "bands"), f"grades {expected}-{high} are in no band")


def _catalogue(
    check: _Checker, d: Mapping[str, Any], key: str, keys: tuple[str, ...], make: type
) -> tuple[Any, ...] | None:
    out = []
    ok = True
    items = check.items(d, key, (), required=key == "agencies")
    for i, item in enumerate(items):
        path: Path_ = (key, i)
        m = check.mapping(item, path, keys, ("id", "label"), f"an entry of {key}")
        if m is None:
            ok = False
            continue
        ident = check.ident(m, "id", path, _ID, "an id: a letter, then letters, digits or _")
        label = check.text(m, "label", path)
        extra = check.text(m, "description", path, default="") if "description" in keys else ""
        if None in (ident, label, extra):
            ok = False
            continue
        out.append(make(ident, label, extra) if "description" in keys else make(ident, label))
    check.unique(_raw(items, "id", (key,)), "theme id" if key == "themes" else "agency id")
    return tuple(out) if ok else None
