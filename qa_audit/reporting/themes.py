"""Themes report for trainers and practice leads.

Contract (CONTRACT.md v2, "Report figures"): sessions dated within the period; for
each theme, ``plans``: the distinct plans whose agreed (panel) scores record it,
over the whole period and per month (``by_month``, month of the session's date; a
plan counted in two months counts once overall); ``raised``: the distinct plans
where any auditor or the panel recorded it (also per month, as an extra). A single
auditor's tag never counts as the panel's finding.

Beyond the contract: each theme's rubric question(s) -- the questions that
suggest the theme in the rubrics used, then any other question it was tagged
against -- up to 5 approved, redacted excerpts (never a raw excerpt or note),
and the good-practice exemplars of the period: plans whose agreed grade is in
their rubric's best band (either end of the scale), with the panel's strengths (redacted).

Themes nobody recorded are left out; ``by_month`` has every month of the period,
zeros included. Themes are listed most plans first, then by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from qa_audit.domain.audit import SessionData
from qa_audit.domain.figures import percent
from qa_audit.domain.rubric import Rubric
from qa_audit.reporting.groups import ThemesBreakdown
from qa_audit.reporting.key_issues import (
    Excerpt,
    PlanComment,
    approved_excerpts,
    theme_label,
    top_band_exemplars,
)
from qa_audit.reporting.learning import RecurringShortfall, TrainingFigure
from qa_audit.reporting.trend import month_key, months_between, sessions_in

__all__ = ["ThemeTrend", "ThemesFigures", "themes"]

EXCERPTS_PER_THEME = 5


@dataclass(frozen=True)
class ThemeTrend:
    id: str
    label: str
    description: str
    plans: int  # agreed
    raised: int
    percent_of_agreed: float | None  # of plans with agreed scores
    percent_raised: float | None  # of plans audited
    by_month: dict[str, int]  # agreed
    raised_by_month: dict[str, int]
    questions: tuple[tuple[str, str], ...]  # (question id, question text)
    excerpts: tuple[Excerpt, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "plans": self.plans, "raised": self.raised,
                "by_month": dict(self.by_month), "raised_by_month": dict(self.raised_by_month),
                "percent_of_plans_agreed": self.percent_of_agreed,
                "raised_percent_of_plans_audited": self.percent_raised,
                "questions": [{"id": q, "text": t} for q, t in self.questions],
                "excerpts": [e.to_json() for e in self.excerpts]}


@dataclass(frozen=True)
class ThemesFigures:
    from_month: str
    to_month: str
    months: tuple[str, ...]
    sessions: tuple[str, ...]
    plans_audited: int
    plans_audited_by_month: dict[str, int]
    plans_agreed: int
    plans_agreed_by_month: dict[str, int]
    themes: tuple[ThemeTrend, ...]
    exemplars: tuple[PlanComment, ...]
    #: the exemplar library: recurring shortfalls with good practice, training before/after
    recurring: tuple[RecurringShortfall, ...] = ()
    training: tuple[TrainingFigure, ...] = ()
    marked_exemplars: tuple[PlanComment, ...] = ()  # plans the panel marked, with its reason
    breakdown: ThemesBreakdown | None = None  # agreed themes by a plan field (--by FIELD)

    kind = "themes"

    @property
    def title(self) -> str:
        return f"Themes for training {self.from_month} to {self.to_month}"

    def headline(self) -> str:
        if not self.themes:
            return f"No themes recorded in this period ({self.plans_audited} plans audited)."
        top = self.themes[0]
        if top.plans == 0:
            return (f"No theme was agreed by a panel; most often raised by an auditor: "
                    f"{top.label} ({top.raised} of {self.plans_audited} plans audited).")
        return (f"Most frequent agreed theme: {top.label} ({top.plans} of {self.plans_agreed} "
                f"plans with agreed scores; raised by an auditor in {top.raised} of "
                f"{self.plans_audited} plans audited).")

    def to_json(self) -> dict[str, Any]:
        return {"themes": [t.to_json() for t in self.themes],
                "from": self.from_month, "to": self.to_month,
                "sessions": list(self.sessions), "plans_audited": self.plans_audited,
                "plans_audited_by_month": dict(self.plans_audited_by_month),
                "plans_agreed": self.plans_agreed,
                "plans_agreed_by_month": dict(self.plans_agreed_by_month),
                "exemplars": [e.to_json() for e in self.exemplars],
                "marked_exemplars": [e.to_json() for e in self.marked_exemplars],
                "recurring_shortfalls": [r.to_json() for r in self.recurring],
                "training": [tr.to_json() for tr in self.training],
                **({"breakdown": self.breakdown.to_json()} if self.breakdown else {})}

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "Agreed themes by month": [
                {"theme": t.id, "label": t.label, **t.by_month,
                 "period (distinct plans)": t.plans,
                 "% of plans with agreed scores": t.percent_of_agreed,
                 "raised by an auditor (plans)": t.raised,
                 "raised % of plans audited": t.percent_raised}
                for t in self.themes]
            + [{"theme": "", "label": "Plans with agreed scores", **self.plans_agreed_by_month,
                "period (distinct plans)": self.plans_agreed}],
            "Raised themes by month": [
                {"theme": t.id, "label": t.label, **t.raised_by_month,
                 "period (distinct plans)": t.raised} for t in self.themes]
            + [{"theme": "", "label": "Plans audited", **self.plans_audited_by_month,
                "period (distinct plans)": self.plans_audited}],
            "Theme questions": [{"theme": t.id, "question": q, "text": text}
                                for t in self.themes for q, text in t.questions],
            "Excerpts": [{"theme": t.id, "plan": e.plan_ref, "session": e.session,
                          "approved excerpt": e.text} for t in self.themes for e in t.excerpts],
            "Exemplars": [e.to_json() for e in self.exemplars],
            "Marked exemplars": [e.to_json() for e in self.marked_exemplars],
            "Recurring shortfalls": [{"rubric": r.rubric_id, "question": r.question_id,
                                      "text": r.text, "plans": r.plans, **r.rate.to_json(),
                                      "good practice": "\n".join(e.text for e in r.good_practice)}
                                     for r in self.recurring],
            "Training": [{"training": tr.title, "date": tr.date, "question": q.question_id,
                          **{f"before {k}": v for k, v in q.before.to_json().items()},
                          **{f"after {k}": v for k, v in q.after.to_json().items()}}
                         for tr in self.training for q in tr.questions],
            **({"Breakdown": self.breakdown.rows()} if self.breakdown else {}),
        }


def _theme_questions(rubrics: Sequence[Rubric], theme_id: str,
                     tagged: Iterable[str]) -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    for rubric in rubrics:
        for q in rubric.questions():
            if theme_id in q.suggested_themes and q.id not in out:
                out[q.id] = q.text
    for qid in sorted(set(tagged) - set(out)):
        text = next((r.question(qid).text for r in rubrics if r.has_question(qid)), "")
        out[qid] = text
    return tuple(out.items())


def themes(
    sessions: Sequence[SessionData],
    rubrics: Mapping[tuple[str, int], Rubric],
    from_month: str,
    to_month: str,
    *,
    rubric_id: str | None = None,
    names: Iterable[str] = (),
) -> ThemesFigures:
    """Theme frequencies, questions, excerpts and exemplars for sessions dated from..to."""
    names = tuple(names)
    months = months_between(from_month, to_month)
    chosen = sessions_in(sessions, from_month, to_month, rubric_id)
    # newest rubric first, so labels and wording come from the latest version
    keys = dict.fromkeys((s.rubric_id, s.rubric_version) for s in reversed(chosen))
    used = [rubrics[k] for k in keys]

    overall: dict[str, set[str]] = {}
    monthly: dict[str, dict[str, set[str]]] = {}
    agreed: dict[str, set[str]] = {}
    agreed_monthly: dict[str, dict[str, set[str]]] = {}
    with_agreed: set[str] = set()
    with_agreed_month: dict[str, set[str]] = {m: set() for m in months}
    tagged_questions: dict[str, set[str]] = {}
    audited: set[str] = set()
    audited_month: dict[str, set[str]] = {m: set() for m in months}
    all_audits = []
    exemplars: list[tuple[int, PlanComment]] = []  # (grades from the best, exemplar)
    for s in chosen:
        m = month_key(s.date)
        for audit in s.audits:
            audited.add(audit.plan_ref)
            audited_month[m].add(audit.plan_ref)
            all_audits.append(audit)
            if audit.is_panel:
                with_agreed.add(audit.plan_ref)
                with_agreed_month[m].add(audit.plan_ref)
            for tag in audit.themes:
                overall.setdefault(tag.theme_id, set()).add(audit.plan_ref)
                monthly.setdefault(tag.theme_id, {}).setdefault(m, set()).add(audit.plan_ref)
                if audit.is_panel:
                    agreed.setdefault(tag.theme_id, set()).add(audit.plan_ref)
                    agreed_monthly.setdefault(tag.theme_id, {}).setdefault(m, set()).add(
                        audit.plan_ref)
                if tag.question_id:
                    tagged_questions.setdefault(tag.theme_id, set()).add(tag.question_id)
        rubric = rubrics[(s.rubric_id, s.rubric_version)]
        exemplars += [(rubric.steps_from_best(e.grade or 0), e)
                      for e in top_band_exemplars(s, rubric, names)]

    descriptions = {}
    for r in reversed(used):
        descriptions.update({t.id: t.description for t in r.themes})
    trends = [
        ThemeTrend(
            id=t, label=theme_label(used, t), description=descriptions.get(t, ""),
            plans=len(agreed.get(t, ())), raised=len(refs),
            percent_of_agreed=percent(len(agreed.get(t, ())), len(with_agreed)),
            percent_raised=percent(len(refs), len(audited)),
            by_month={m: len(agreed_monthly.get(t, {}).get(m, ())) for m in months},
            raised_by_month={m: len(monthly[t].get(m, ())) for m in months},
            questions=_theme_questions(used, t, tagged_questions.get(t, ())),
            excerpts=tuple(approved_excerpts(all_audits, t, names, EXCERPTS_PER_THEME)),
        )
        for t, refs in overall.items()
    ]
    trends.sort(key=lambda t: (-t.plans, -t.raised, t.id))
    exemplars.sort(key=lambda r: (r[0], r[1].session, r[1].plan_ref))  # best first, either scale
    return ThemesFigures(
        from_month=from_month, to_month=to_month, months=tuple(months),
        sessions=tuple(s.name for s in chosen), plans_audited=len(audited),
        plans_audited_by_month={m: len(v) for m, v in audited_month.items()},
        plans_agreed=len(with_agreed),
        plans_agreed_by_month={m: len(v) for m, v in with_agreed_month.items()},
        themes=tuple(trends), exemplars=tuple(e for _, e in exemplars),
    )
