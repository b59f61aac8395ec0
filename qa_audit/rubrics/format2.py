"""Format-2 parts of a rubric file: target schedules, indicators, reason codes, ``best``.

Kept apart from ``loader`` (format 1) so each part stays small; both walk the data
with the same ``_Checker`` and so report problems with their YAML line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from qa_audit.domain.indicators import Indicator
from qa_audit.domain.rubric import REASON_WHEN, Reason
from qa_audit.domain.scale import BEST_VALUES
from qa_audit.domain.targets import TargetSchedule, TargetStep
from qa_audit.rubrics.checker import _ID, _MISSING, Path_, _Checker, _kind, _raw

__all__ = ["best", "indicators", "reasons", "targets", "timeliness"]

_INDICATOR_KEYS = ("id", "label", "description", "source", "questions", "targets")
_TARGET_KEYS = ("from", "percent")
_REASON_KEYS = ("code", "label", "when")
_MAX_TARGETS = 50
_MAX_INDICATORS = 50
_MAX_REASONS = 30


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def targets(check: _Checker, d: Mapping[str, Any], path: Path_) -> TargetSchedule | object:
    """``targets``: a dated schedule of percentages; _MISSING when it has a problem."""
    value = d.get("targets")
    if value is None:
        return TargetSchedule()
    tpath = (*path, "targets")
    if not isinstance(value, list):
        check.fail(tpath, f"expected a list of {{from: date, percent: …}}, found {_kind(value)}")
        return _MISSING
    if len(value) > _MAX_TARGETS:
        check.fail(tpath, f"too many targets ({len(value)}; at most {_MAX_TARGETS})")
        return _MISSING
    steps: list[TargetStep] = []
    seen: dict[dt.date, int] = {}
    ok = True
    for i, item in enumerate(value):
        ipath = (*tpath, i)
        m = check.mapping(item, ipath, _TARGET_KEYS, _TARGET_KEYS, "a target")
        if m is None:
            ok = False
            continue
        start = _date(m.get("from"))
        if "from" in m and start is None:
            check.fail((*ipath, "from"), f"expected a date YYYY-MM-DD, found {_kind(m['from'])}")
        percent = m.get("percent")
        good_percent = (
            isinstance(percent, int | float) and not isinstance(percent, bool)
            and 0 <= percent <= 100
        )
        if "percent" in m and not good_percent:
            check.fail(
                (*ipath, "percent"), f"expected a percentage from 0 to 100, found {_kind(percent)}"
            )
        if start is None or not good_percent:
            ok = False
            continue
        if start in seen:
            check.fail(
                (*ipath, "from"),
                f"two targets start on {start.isoformat()} (first at line "
                f"{check.marks.line((*tpath, seen[start]))})",
            )
            ok = False
            continue
        seen[start] = i
        steps.append(TargetStep(start, float(percent)))  # type: ignore[arg-type]  # a number: good_percent
    return TargetSchedule(tuple(steps)) if ok else _MISSING


def timeliness(check: _Checker, d: Mapping[str, Any], unit: object) -> TargetSchedule | object:
    """``timeliness: {targets: [...]}``: the share of advice returned within 6 weeks a
    council aims for (Ealing: 90%, then 98%); only on an ``advice_return`` rubric, whose
    health report judges each month against it. _MISSING when it has a problem."""
    value = d.get("timeliness")
    if value is None:
        return TargetSchedule()
    if unit != "advice_return":
        check.fail(("timeliness",), "only a rubric with unit: advice_return has timeliness "
                   "targets (the share of advice returned within 6 weeks)")
        return _MISSING
    m = check.mapping(value, ("timeliness",), ("targets",), ("targets",), "timeliness targets")
    if m is None:
        return _MISSING
    return targets(check, m, ("timeliness",))


def best(check: _Checker, d: Mapping[str, Any], path: Path_) -> str | None:
    value = d.get("best", "high")
    if value not in BEST_VALUES:
        check.fail(
            (*path, "best"),
            f"expected high (the highest grade is best) or low (1 = best), found {_kind(value)}",
        )
        return None
    return str(value)


def indicators(
    check: _Checker, d: Mapping[str, Any], question_ids: set[str]
) -> tuple[Indicator, ...] | None:
    items = d.get("indicators")
    if items is None:
        return ()
    if not isinstance(items, list):
        check.fail(("indicators",), f"expected a list, found {_kind(items)}")
        return None
    if len(items) > _MAX_INDICATORS:
        check.fail(
            ("indicators",), f"too many indicators ({len(items)}; at most {_MAX_INDICATORS})"
        )
        return None
    out: list[Indicator] = []
    ok = True
    for i, item in enumerate(items):
        indicator = _indicator(check, item, ("indicators", i), question_ids)
        if indicator is None:
            ok = False
        else:
            out.append(indicator)
    check.unique(_raw(items, "id", ("indicators",)), "indicator id")
    return tuple(out) if ok else None


def _indicator(
    check: _Checker, value: object, path: Path_, question_ids: set[str]
) -> Indicator | None:
    m = check.mapping(value, path, _INDICATOR_KEYS, ("id", "label", "questions"), "an indicator")
    if m is None:
        return None
    ident = check.ident(m, "id", path, _ID, "an id: a letter, then letters, digits or _")
    label = check.text(m, "label", path)
    description = check.text(m, "description", path, default="")
    source = check.text(m, "source", path, default="")
    questions = check.words(m, "questions", path)
    if "questions" in m and questions is not None:
        if not questions:
            check.fail((*path, "questions"), "expected at least one question id")
            questions = None
        else:
            for j, qid in enumerate(questions):
                if qid not in question_ids:
                    check.fail(
                        (*path, "questions", j), f"{qid!r} is not a question of this rubric"
                    )
                    questions = None
    schedule = targets(check, m, path)
    if (ident is None or label is None or description is None or source is None
            or questions is None or not isinstance(schedule, TargetSchedule)):  # _MISSING
        return None
    return Indicator(ident, label, questions, schedule, description, source)


def reasons(check: _Checker, d: Mapping[str, Any], path: Path_) -> tuple[Reason, ...] | None:
    items = d.get("reasons")
    if items is None:
        return ()
    rpath = (*path, "reasons")
    if not isinstance(items, list):
        check.fail(rpath, f"expected a list of reasons, found {_kind(items)}")
        return None
    if len(items) > _MAX_REASONS:
        check.fail(rpath, f"too many reasons ({len(items)}; at most {_MAX_REASONS})")
        return None
    out: list[Reason] = []
    ok = True
    for i, item in enumerate(items):
        ipath = (*rpath, i)
        m = check.mapping(item, ipath, _REASON_KEYS, ("code", "label"), "a reason")
        if m is None:
            ok = False
            continue
        code = check.ident(m, "code", ipath, _ID, "a code: a letter, then letters, digits or _")
        label = check.text(m, "label", ipath)
        when = m.get("when", "any")
        if when not in REASON_WHEN:
            check.fail((*ipath, "when"), f"expected na, shortfall or any, found {_kind(when)}")
            ok = False
        if code is None or label is None:
            ok = False
            continue
        out.append(Reason(code, label, str(when)))
    check.unique(_raw(items, "code", rpath), "reason code")
    return tuple(out) if ok else None
