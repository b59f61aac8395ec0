"""Trend report: quality over time against the target, for the SEND board.

Contract (CONTRACT.md, "Report figures"): one period for **every** month from
``from`` to ``to`` inclusive, sessions placed in the month of their date;
``plans_moderated`` counts (session, plan) pairs with an agreed grade (a plan
moderated in two sessions counts twice); ``percent_good`` over those; Wilson 95%
interval in percent; ``target_percent_good`` is the target common to the rubrics
of the sessions in the period, ``null`` when they differ (or when there are none).

Beyond the contract: per-question shortfall percentage per month (agreed answers,
NA excluded, as in the key issues report), and % good by team, phase and primary
need over the whole period (moderated plans; ``(not recorded)`` when the register
has no value). The month helpers here are shared by the health and themes reports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from qa_audit.domain.audit import SessionData
from qa_audit.domain.figures import percent, wilson_interval
from qa_audit.domain.rubric import NA, Question, Rubric
from qa_audit.domain.tally import AgreedTally, TalliedSession
from qa_audit.reporting.key_issues import QuestionFigure, agreed_audits, rag_against_target

__all__ = [
    "GROUP_DIMENSIONS",
    "NOT_RECORDED",
    "GroupFigure",
    "MonthShortfall",
    "PeriodFigure",
    "QuestionTrend",
    "TrendFigures",
    "agreed_tally",
    "attributed_answer_count",
    "attributed_shortfalls",
    "month_bounds",
    "month_key",
    "months_between",
    "parse_month",
    "tallied_question_figures",
    "trend",
]

GROUP_DIMENSIONS = ("team", "phase", "primary_need")
NOT_RECORDED = "(not recorded)"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


# ---------------------------------------------------------------- month helpers


def parse_month(text: str) -> tuple[int, int]:
    """``"2026-03"`` -> ``(2026, 3)``; ValueError with a short reason otherwise."""
    match = _MONTH.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"{text!r} is not a month in the form YYYY-MM (e.g. 2026-03)")
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r}: the month must be 01 to 12")
    if not 1900 <= year <= 2100:
        raise ValueError(f"{text!r}: the year must be 1900 to 2100")
    return year, month


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` inclusive (empty when last < first)."""
    y1, m1 = parse_month(first)
    y2, m2 = parse_month(last)
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(y1 * 12 + m1 - 1, y2 * 12 + m2)]


def month_bounds(first: str, last: str) -> tuple[dt.date, dt.date]:
    """First day of ``first`` and last day of ``last``."""
    y1, m1 = parse_month(first)
    y2, m2 = parse_month(last)
    start = dt.date(y1, m1, 1)
    end = dt.date(y2 + m2 // 12, m2 % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def sessions_in(sessions: Iterable[SessionData], first: str, last: str,
                rubric_id: str | None = None) -> list[SessionData]:
    start, end = month_bounds(first, last)
    return sorted((s for s in sessions if start <= s.date <= end
                   and (rubric_id is None or s.rubric_id == rubric_id)),
                  key=lambda s: (s.date, s.name))


def common_target(rubrics: Iterable[Rubric]) -> float | None:
    targets = {r.overall.target_percent_good for r in rubrics}
    return targets.pop() if len(targets) == 1 else None


# ------------------------------------------------------- agreed answers, counted


def agreed_tally(session: SessionData) -> AgreedTally:
    """The counts of the session's agreed answers (see :mod:`qa_audit.domain.tally`):
    as loaded for a :class:`TalliedSession`, else counted from its agreed audit rows."""
    if isinstance(session, TalliedSession):
        return session.tally
    values: dict[tuple[str, str], int] = {}
    attributed: dict[tuple[str, str, str], int] = {}
    answers: dict[tuple[str, str], int] = {}
    for audit in agreed_audits(session).values():
        for qid, raw in audit.answers.items():
            values[(qid, raw)] = values.get((qid, raw), 0) + 1
        for qid, given in audit.attributions.items():
            raw = audit.answers.get(qid)
            agencies = tuple(dict.fromkeys(a for a in given if a))
            if not agencies or raw is None:
                continue
            answers[(qid, raw)] = answers.get((qid, raw), 0) + 1
            for agency in agencies:
                key = (qid, raw, agency)
                attributed[key] = attributed.get(key, 0) + 1
    return AgreedTally(values, attributed, answers)


def _code(question: Question, raw: str | None) -> str | None:
    if raw is None or not str(raw).strip():
        return None
    return question.normalise_answer(str(raw))


def tallied_question_figures(questions: Iterable[Question],
                             tally: AgreedTally) -> list[QuestionFigure]:
    """What ``key_issues.question_figures`` gives over the agreed rows, from their tally."""
    by_question: dict[str, list[tuple[str, int]]] = {}
    for (qid, raw), n in tally.values.items():
        by_question.setdefault(qid, []).append((raw, n))
    out = []
    for q in questions:
        counts = dict.fromkeys(q.valid_answers(), 0)
        shortfalls = 0
        for raw, n in by_question.get(q.id, ()):
            code = _code(q, raw)
            if code is None:
                continue
            counts[code] = counts.get(code, 0) + n
            if code != NA and q.is_shortfall(code):
                shortfalls += n
        answered = sum(n for c, n in counts.items() if c != NA)
        out.append(QuestionFigure(
            id=q.id, text=q.text, section="", counts=counts, answered=answered,
            shortfalls=shortfalls, shortfall_percent=percent(shortfalls, answered), tags=q.tags))
    return out


def attributed_shortfalls(rubric: Rubric, tally: AgreedTally) -> dict[tuple[str, str], int]:
    """(question id, agency id) -> agreed shortfall answers attributed to that agency
    (what ``key_issues.shortfall_attributions`` lists, counted)."""
    out: dict[tuple[str, str], int] = {}
    for (qid, raw, agency), n in tally.attributed.items():
        if not agency or not rubric.has_question(qid):
            continue
        q = rubric.question(qid)
        code = _code(q, raw)
        if code is not None and code != NA and q.is_shortfall(code):
            out[(qid, agency)] = out.get((qid, agency), 0) + n
    return out


def attributed_answer_count(rubric: Rubric, tally: AgreedTally) -> int:
    """Agreed shortfall answers attributed to at least one agency (what
    ``key_issues.attributed_answers`` lists, counted): the agencies' denominator."""
    total = 0
    for (qid, raw), n in tally.attributed_answers.items():
        if not rubric.has_question(qid):
            continue
        q = rubric.question(qid)
        code = _code(q, raw)
        if code is not None and code != NA and q.is_shortfall(code):
            total += n
    return total


# --------------------------------------------------------------------- figures


@dataclass(frozen=True)
class PeriodFigure:
    period: str
    sessions: tuple[str, ...]
    plans_moderated: int
    plans_good: int
    percent_good: float | None
    ci_low: float | None
    ci_high: float | None
    rag: str | None

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, "plans_moderated": self.plans_moderated,
                "percent_good": self.percent_good, "ci_low": self.ci_low, "ci_high": self.ci_high,
                "plans_good": self.plans_good, "sessions": list(self.sessions), "rag": self.rag}


@dataclass(frozen=True)
class MonthShortfall:
    answered: int
    shortfalls: int
    shortfall_percent: float | None

    def to_json(self) -> dict[str, Any]:
        return {"answered": self.answered, "shortfalls": self.shortfalls,
                "shortfall_percent": self.shortfall_percent}


@dataclass(frozen=True)
class QuestionTrend:
    id: str
    text: str
    by_month: dict[str, MonthShortfall]
    overall: MonthShortfall

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "overall": self.overall.to_json(),
                "by_month": {k: v.to_json() for k, v in self.by_month.items()}}


@dataclass(frozen=True)
class GroupFigure:
    dimension: str
    group: str
    plans_moderated: int
    plans_good: int
    percent_good: float | None

    def to_json(self) -> dict[str, Any]:
        return {"group": self.group, "plans_moderated": self.plans_moderated,
                "plans_good": self.plans_good, "percent_good": self.percent_good}


@dataclass(frozen=True)
class TrendFigures:
    from_month: str
    to_month: str
    rubric_filter: str | None
    rubrics: tuple[str, ...]  # "id vN" of the sessions in the period
    target_percent_good: float | None
    periods: tuple[PeriodFigure, ...]
    plans_moderated: int
    plans_good: int
    percent_good: float | None
    questions: tuple[QuestionTrend, ...]
    groups: dict[str, tuple[GroupFigure, ...]]
    sessions: int

    kind = "trend"

    @property
    def title(self) -> str:
        return f"Quality trend {self.from_month} to {self.to_month}"

    @property
    def months(self) -> list[str]:
        return [p.period for p in self.periods]

    def headline(self) -> str:
        if self.percent_good is None:
            return "No plan was moderated in this period."
        target = ("" if self.target_percent_good is None
                  else f" (target {self.target_percent_good:g}%)")
        return (f"{self.percent_good:.1f}% of moderated plans judged good over the period "
                f"({self.plans_good} of {self.plans_moderated}){target}.")

    def to_json(self) -> dict[str, Any]:
        return {
            "target_percent_good": self.target_percent_good,
            "periods": [p.to_json() for p in self.periods],
            "from": self.from_month, "to": self.to_month,
            "rubric": self.rubric_filter, "rubrics": list(self.rubrics),
            "sessions": self.sessions,
            "plans_moderated": self.plans_moderated, "plans_good": self.plans_good,
            "percent_good": self.percent_good,
            "questions": [q.to_json() for q in self.questions],
            "groups": {d: [g.to_json() for g in gs] for d, gs in self.groups.items()},
        }

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "Periods": [{"month": p.period, "sessions": ", ".join(p.sessions),
                         "plans moderated": p.plans_moderated, "plans good": p.plans_good,
                         "% good": p.percent_good, "CI low": p.ci_low, "CI high": p.ci_high,
                         "target %": self.target_percent_good, "RAG": p.rag}
                        for p in self.periods],
            "Question shortfall %": [
                {"question": q.id, "text": q.text,
                 **{m: q.by_month[m].shortfall_percent for m in self.months},
                 "period %": q.overall.shortfall_percent} for q in self.questions],
            **{f"By {d.replace('_', ' ')}": [
                {d: g.group, "plans moderated": g.plans_moderated, "plans good": g.plans_good,
                 "% good": g.percent_good} for g in gs] for d, gs in self.groups.items()},
        }


# ----------------------------------------------------------------- computation


def _groups(pairs: list[tuple[SessionData, str, bool]]) -> dict[str, tuple[GroupFigure, ...]]:
    out = {}
    for dim in GROUP_DIMENSIONS:
        tally: dict[str, list[int]] = {}
        for session, ref, good in pairs:
            facts = session.plans.get(ref)
            value = getattr(facts, dim, None) if facts else None
            key = str(value) if value not in (None, "") else NOT_RECORDED
            t = tally.setdefault(key, [0, 0])
            t[0] += 1
            t[1] += good
        order = sorted(tally, key=lambda k: (k == NOT_RECORDED, k.casefold()))
        out[dim] = tuple(GroupFigure(dim, k, tally[k][0], tally[k][1],
                                     percent(tally[k][1], tally[k][0])) for k in order)
    return out


def trend(
    sessions: Sequence[SessionData],
    rubrics: Mapping[tuple[str, int], Rubric],
    from_month: str,
    to_month: str,
    *,
    rubric_id: str | None = None,
) -> TrendFigures:
    """Trend figures for the sessions dated in from..to (optionally one rubric's only).

    ``rubrics`` maps (rubric id, version) to the rubric of every session given.
    """
    months = months_between(from_month, to_month)
    chosen = sessions_in(sessions, from_month, to_month, rubric_id)
    used = {(s.rubric_id, s.rubric_version): rubrics[(s.rubric_id, s.rubric_version)]
            for s in chosen}

    per_month: dict[str, list[tuple[str, int, int]]] = {m: [] for m in months}
    pairs: list[tuple[SessionData, str, bool]] = []
    q_month: dict[str, dict[str, list[int]]] = {}
    q_text: dict[str, str] = {}
    for s in chosen:
        rubric = used[(s.rubric_id, s.rubric_version)]
        agreed = agreed_audits(s)
        graded = [(ref, a.overall) for ref, a in agreed.items() if a.overall is not None]
        good_refs = [ref for ref, g in graded if rubric.is_good(g)]
        per_month[month_key(s.date)].append((s.name, len(graded), len(good_refs)))
        pairs += [(s, ref, rubric.is_good(g)) for ref, g in graded]
        for qf in tallied_question_figures(rubric.questions(), agreed_tally(s)):
            q_text[qf.id] = qf.text  # latest session's wording wins
            cell = q_month.setdefault(qf.id, {}).setdefault(month_key(s.date), [0, 0])
            cell[0] += qf.answered
            cell[1] += qf.shortfalls

    target = common_target(used.values())
    periods = []
    for m in months:
        entries = per_month[m]
        moderated = sum(n for _, n, _ in entries)
        good = sum(g for _, _, g in entries)
        low, high = wilson_interval(good, moderated)
        periods.append(PeriodFigure(m, tuple(n for n, _, _ in entries), moderated, good,
                                    percent(good, moderated), low, high,
                                    rag_against_target(good, moderated, target)))

    questions = []
    for qid, cells in q_month.items():
        by_month = {}
        for m in months:
            answered, short = cells.get(m, [0, 0])
            by_month[m] = MonthShortfall(answered, short, percent(short, answered))
        answered = sum(c[0] for c in cells.values())
        short = sum(c[1] for c in cells.values())
        questions.append(QuestionTrend(qid, q_text[qid], by_month,
                                       MonthShortfall(answered, short, percent(short, answered))))

    moderated = sum(p.plans_moderated for p in periods)
    good = sum(p.plans_good for p in periods)
    return TrendFigures(
        from_month=months[0] if months else from_month, to_month=to_month,
        rubric_filter=rubric_id,
        rubrics=tuple(f"{rid} v{v}" for rid, v in sorted(used)),
        target_percent_good=target, periods=tuple(periods), plans_moderated=moderated,
        plans_good=good, percent_good=percent(good, moderated), questions=tuple(questions),
        groups=_groups(pairs), sessions=len(chosen),
    )
