"""Trend report: quality over time against the target, for the SEND board.

Contract (CONTRACT.md v2, "Trend report"): one rubric id (any of its versions):
the one asked for, else that of the latest session dated in the period (ties: the
greatest session name); sessions on other rubrics are left out (grades on
different scales are never pooled) and counted as such. One period for **every**
month from ``from`` to ``to`` inclusive, sessions placed in the month of their
date; ``plans_moderated`` counts (session, plan) pairs with an agreed grade (a plan
moderated in two sessions counts twice); ``percent_good`` over those; Wilson 95%
interval in percent. Targets come from the schedule of the rubric id's **latest
version**: a period's is the one in force on its last day, the report's the one in
force on the last day of ``to``. Each period carries every indicator of that latest
version (counted / met by :mod:`qa_audit.domain.indicators`, each plan judged by its
own session's rubric version) with its target in force on the period's last day.

Beyond the contract: per-question shortfall percentage per month (agreed answers,
NA excluded, as in the key issues report), and % good by team, phase and primary
need over the whole period (moderated plans; ``(not recorded)`` when the register
has no value). The month helpers here are shared by the health and themes reports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from qa_audit.domain.audit import SessionData
from qa_audit.domain.figures import percent, wilson_interval
from qa_audit.domain.indicator_outcomes import IndicatorTally, indicator_outcome
from qa_audit.domain.indicators import Indicator
from qa_audit.domain.rubric import NA, Question, Rubric
from qa_audit.domain.tally import AgreedTally, TalliedSession
from qa_audit.reporting.breakdown import Breakdown
from qa_audit.reporting.key_issues import QuestionFigure, agreed_audits, rag_against_target
from qa_audit.reporting.wording import headline_percent, headline_rag

__all__ = [
    "GROUP_DIMENSIONS",
    "NOT_RECORDED",
    "GroupFigure",
    "IndicatorPeriod",
    "MonthShortfall",
    "PeriodFigure",
    "QuestionTrend",
    "TrendFigures",
    "agreed_tally",
    "attributed_answer_count",
    "attributed_shortfalls",
    "choose_rubric",
    "month_bounds",
    "month_end",
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


def choose_rubric(sessions: Iterable[SessionData]) -> str | None:
    """The contract's default rubric of a period: that of the latest session given
    (ties on the date: the greatest session name); None when there is none."""
    latest = max(sessions, key=lambda s: (s.date, s.name), default=None)
    return None if latest is None else latest.rubric_id


def month_end(month: str) -> dt.date:
    """The last day of a ``YYYY-MM`` month (the day a period's target is read on)."""
    return month_bounds(month, month)[1]


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
            answer = audit.answers.get(qid)
            agencies = tuple(dict.fromkeys(a for a in given if a))
            if not agencies or answer is None:
                continue
            answers[(qid, answer)] = answers.get((qid, answer), 0) + 1
            for agency in agencies:
                key = (qid, answer, agency)
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

#: session name -> [(agreed answers to the indicator questions, how many moderated plans
#: gave exactly those)], as ``period_data.count_agreed_answers`` counts them.
AgreedAnswers = Mapping[str, Sequence[tuple[Mapping[str, str], int]]]


@dataclass(frozen=True)
class IndicatorPeriod:
    """One indicator over some moderated (session, plan) pairs, against its target."""

    plans: int
    met: int
    percent_met: float | None
    target_percent: float | None
    rag: str | None

    @classmethod
    def of(cls, tally: IndicatorTally, target: float | None) -> IndicatorPeriod:
        return cls(tally.plans, tally.met, percent(tally.met, tally.plans), target,
                   headline_rag(rag_against_target(tally.met, tally.plans, target), tally.plans))

    def to_json(self) -> dict[str, Any]:
        return {"plans": self.plans, "met": self.met, "percent_met": self.percent_met,
                "target_percent": self.target_percent, "rag": self.rag}


@dataclass(frozen=True)
class PeriodFigure:
    period: str
    sessions: tuple[str, ...]
    plans_moderated: int
    plans_good: int
    percent_good: float | None
    ci_low: float | None
    ci_high: float | None
    rag: str | None  # grey when fewer than 10 plans were moderated
    target_percent_good: float | None = None
    indicators: Mapping[str, IndicatorPeriod] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, "plans_moderated": self.plans_moderated,
                "percent_good": self.percent_good, "ci_low": self.ci_low, "ci_high": self.ci_high,
                "target_percent_good": self.target_percent_good,
                "indicators": {k: v.to_json() for k, v in self.indicators.items()},
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
    rubric_filter: str | None  # the rubric asked for (None: chosen by the contract's rule)
    rubric: str | None  # the one rubric id reported (None only when no session at all)
    rubric_title: str
    rubrics: tuple[str, ...]  # "id vN" of the sessions counted
    left_out: tuple[tuple[str, str], ...]  # (session, rubric id) of sessions on other rubrics
    target_percent_good: float | None
    periods: tuple[PeriodFigure, ...]
    plans_moderated: int
    plans_good: int
    percent_good: float | None
    questions: tuple[QuestionTrend, ...]
    groups: dict[str, tuple[GroupFigure, ...]]
    sessions: int
    indicators: tuple[Indicator, ...] = ()  # those of the rubric id's latest version
    indicator_totals: Mapping[str, IndicatorPeriod] = field(default_factory=dict)
    breakdown: Breakdown | None = None  # percent good by a plan field (--by FIELD)

    kind = "trend"

    @property
    def rubric_name(self) -> str:
        """E.g. "Multi-agency EHC plan quality audit (multi-agency-ehcp)"."""
        if self.rubric is None:
            return "no rubric (no session in the database)"
        return f"{self.rubric_title} ({self.rubric})" if self.rubric_title else self.rubric

    @property
    def title(self) -> str:
        return f"Quality trend {self.from_month} to {self.to_month}: {self.rubric_name}"

    @property
    def months(self) -> list[str]:
        return [p.period for p in self.periods]

    def scope_note(self) -> str:
        """Which sessions are counted, and how many on other rubrics are not."""
        if self.rubric is None:
            return "No audit session is dated in this period (nor anywhere in the database)."
        counted = (f"{self.sessions} session{'s' * (self.sessions != 1)} on this rubric"
                   if self.sessions else "No session on this rubric is dated in this period")
        n = len(self.left_out)
        others = "" if not n else f" ({', '.join(sorted({rid for _, rid in self.left_out}))})"
        return (f"{counted}. Sessions on other rubrics are not included (grades on different "
                f"scales are never pooled): {n} session{'s' * (n != 1)} left out{others}.")

    def headline(self) -> str:
        if self.rubric is None:
            return "No audit session is dated in this period."
        if not self.sessions and not self.left_out:
            return f"No audit session is dated in this period ({self.rubric} shown)."
        if self.percent_good is None:
            return f"No plan was moderated in this period on {self.rubric}."
        target = ("" if self.target_percent_good is None
                  else f" (target {self.target_percent_good:g}%)")
        return (headline_percent(self.plans_good, self.plans_moderated)
                + f" over the period{target}.")

    def to_json(self) -> dict[str, Any]:
        return {
            "rubric": self.rubric,
            "target_percent_good": self.target_percent_good,
            "periods": [p.to_json() for p in self.periods],
            "from": self.from_month, "to": self.to_month,
            "rubric_title": self.rubric_title, "rubric_requested": self.rubric_filter,
            "rubrics": list(self.rubrics),
            "sessions": self.sessions,
            "sessions_left_out": [{"session": n, "rubric": r} for n, r in self.left_out],
            "plans_moderated": self.plans_moderated, "plans_good": self.plans_good,
            "percent_good": self.percent_good,
            **({"breakdown": self.breakdown.to_json()} if self.breakdown else {}),
            "indicators": [{**i.to_dict(), **self.indicator_totals[i.id].to_json()}
                           for i in self.indicators],
            "questions": [q.to_json() for q in self.questions],
            "groups": {d: [g.to_json() for g in gs] for d, gs in self.groups.items()},
        }

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "Periods": [{"month": p.period, "sessions": ", ".join(p.sessions),
                         "plans moderated": p.plans_moderated, "plans good": p.plans_good,
                         "% good": p.percent_good, "CI low": p.ci_low, "CI high": p.ci_high,
                         "target %": p.target_percent_good, "RAG": p.rag}
                        for p in self.periods],
            "Indicators": [
                {"month": p.period, "indicator": i.id, "label": i.label,
                 "plans": p.indicators[i.id].plans, "met": p.indicators[i.id].met,
                 "% met": p.indicators[i.id].percent_met,
                 "target %": p.indicators[i.id].target_percent, "RAG": p.indicators[i.id].rag}
                for i in self.indicators for p in self.periods],
            "Question shortfall %": [
                {"question": q.id, "text": q.text,
                 **{m: q.by_month[m].shortfall_percent for m in self.months},
                 "period %": q.overall.shortfall_percent} for q in self.questions],
            **{f"By {d.replace('_', ' ')}": [
                {d: g.group, "plans moderated": g.plans_moderated, "plans good": g.plans_good,
                 "% good": g.percent_good} for g in gs] for d, gs in self.groups.items()},
            "Scope": [{"rubric": self.rubric, "title": self.rubric_title,
                       "sessions counted": self.sessions,
                       "sessions on other rubrics (not included)": len(self.left_out),
                       "note": self.scope_note()}],
            **({"Breakdown": self.breakdown.rows()} if self.breakdown else {}),
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


def indicator_questions(rubric: Rubric | None) -> frozenset[str]:
    """The question ids any indicator of ``rubric`` reads (what the loader fetches)."""
    return frozenset(q for i in (rubric.indicators if rubric else ()) for q in i.questions)


def latest_of(rubrics: Mapping[tuple[str, int], Rubric], rubric_id: str | None) -> Rubric | None:
    """The newest version of ``rubric_id`` among ``rubrics`` (None when absent)."""
    versions = [v for rid, v in rubrics if rid == rubric_id]
    return rubrics[(rubric_id, max(versions))] if rubric_id and versions else None


def trend(
    sessions: Sequence[SessionData],
    rubrics: Mapping[tuple[str, int], Rubric],
    from_month: str,
    to_month: str,
    *,
    rubric_id: str | None = None,
    latest: Rubric | None = None,
    answers: AgreedAnswers | None = None,
) -> TrendFigures:
    """Trend figures of one rubric id for the sessions dated in from..to.

    ``rubrics`` maps (rubric id, version) to the rubric of every session given.
    ``latest``: the rubric id's newest version (targets and indicators come from it;
    default the newest in ``rubrics``). ``answers``: the agreed answers of the
    indicator questions counted by combination, for sessions loaded without their
    answers (default: each moderated plan's agreed audit row's own answers).
    """
    months = months_between(from_month, to_month)
    in_period = sessions_in(sessions, from_month, to_month)
    chosen_id = rubric_id or choose_rubric(in_period)
    chosen = [s for s in in_period if s.rubric_id == chosen_id]
    left_out = tuple((s.name, s.rubric_id) for s in in_period if s.rubric_id != chosen_id)
    used = {(s.rubric_id, s.rubric_version): rubrics[(s.rubric_id, s.rubric_version)]
            for s in chosen}
    latest = latest or latest_of(rubrics, chosen_id)
    indicators = latest.indicators if latest else ()

    per_month: dict[str, list[tuple[str, int, int]]] = {m: [] for m in months}
    ind_month: dict[str, dict[str, IndicatorTally]] = {
        m: {i.id: IndicatorTally() for i in indicators} for m in months}
    pairs: list[tuple[SessionData, str, bool]] = []
    outcomes: dict[tuple[Any, ...], tuple[bool, bool]] = {}
    q_month: dict[str, dict[str, list[int]]] = {}
    q_text: dict[str, str] = {}
    for s in chosen:
        rubric = used[(s.rubric_id, s.rubric_version)]
        month = month_key(s.date)
        agreed = agreed_audits(s)
        graded = [(ref, a) for ref, a in agreed.items() if a.overall is not None]
        good_refs = [ref for ref, a in graded if rubric.is_good(a.overall or 0)]
        per_month[month].append((s.name, len(graded), len(good_refs)))
        pairs += [(s, ref, rubric.is_good(a.overall or 0)) for ref, a in graded]
        tallies = ind_month[month]
        given_counts: Iterable[tuple[Mapping[str, str], int]] = (
            [(a.answers, 1) for _, a in graded] if answers is None
            else answers.get(s.name, ()))
        for given, n in given_counts:
            for ind in indicators:
                # ten years hold tens of thousands of plans but few answer combinations:
                # each combination is judged once per rubric version
                key = (s.rubric_version, ind.id, *(given.get(q) for q in ind.questions))
                outcome = outcomes.get(key)
                if outcome is None:
                    outcome = outcomes[key] = indicator_outcome(ind, rubric, given)
                tallies[ind.id].plans += n * outcome[0]
                tallies[ind.id].met += n * outcome[1]
        for qf in tallied_question_figures(rubric.questions(), agreed_tally(s)):
            q_text[qf.id] = qf.text  # latest session's wording wins
            cell = q_month.setdefault(qf.id, {}).setdefault(month, [0, 0])
            cell[0] += qf.answered
            cell[1] += qf.shortfalls

    periods = []
    for m in months:
        entries = per_month[m]
        moderated = sum(n for _, n, _ in entries)
        good = sum(g for _, _, g in entries)
        low, high = wilson_interval(good, moderated)
        last_day = month_end(m)
        target = latest.overall.target_on(last_day) if latest else None
        periods.append(PeriodFigure(
            m, tuple(n for n, _, _ in entries), moderated, good, percent(good, moderated),
            low, high, headline_rag(rag_against_target(good, moderated, target), moderated),
            target, {i.id: IndicatorPeriod.of(ind_month[m][i.id], i.target_on(last_day))
                     for i in indicators}))

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

    end = month_end(to_month)
    totals = {}
    for ind in indicators:
        total = IndicatorTally()
        for m in months:
            total.plans += ind_month[m][ind.id].plans
            total.met += ind_month[m][ind.id].met
        totals[ind.id] = IndicatorPeriod.of(total, ind.target_on(end))
    moderated = sum(p.plans_moderated for p in periods)
    good = sum(p.plans_good for p in periods)
    return TrendFigures(
        from_month=months[0] if months else from_month, to_month=to_month,
        rubric_filter=rubric_id, rubric=chosen_id,
        rubric_title=latest.title if latest else "",
        rubrics=tuple(f"{rid} v{v}" for rid, v in sorted(used)), left_out=left_out,
        target_percent_good=latest.overall.target_on(end) if latest else None,
        periods=tuple(periods), plans_moderated=moderated,
        plans_good=good, percent_good=percent(good, moderated), questions=tuple(questions),
        groups=_groups(pairs), sessions=len(chosen),
        indicators=tuple(indicators), indicator_totals=totals,
    )
