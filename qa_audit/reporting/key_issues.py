"""Key issues report: the figures of one panel session, computed once.

:func:`key_issues` turns one :class:`~qa_audit.domain.audit.SessionData` and its
rubric into a frozen :class:`KeyIssuesFigures`; the PDF, the spreadsheet, the JSON
and the on-screen dashboard all lay out that one object. The JSON follows
CONTRACT.md ("Report figures") to the letter:

* ``plans_audited`` -- distinct plans with any audit row (an auditor's or the panel's);
  ``plans_sampled`` -- the drawn sample, or ``plans_audited`` when none was drawn;
  ``plans_moderated`` -- plans with an agreed (panel) overall grade.
* ``percent_good``, ``grade_distribution``, ``questions`` and ``agencies`` read the
  panel's agreed scores only. ``counts`` keys are the rubric's option codes (a
  scale's values as strings) and ``NA``; blanks are not counted.
  ``shortfall_percent`` = shortfall answers / answers other than NA.
* ``agencies`` -- agreed shortfall answers attributed to each agency (an answer
  attributed to two agencies counts once for each), as a share of the agreed
  shortfall answers attributed to at least one agency, so the shares may add up to
  more than 100. ``themes`` -- ``plans``: distinct plans whose
  agreed (panel) scores record the theme; ``raised``: distinct plans where anyone
  recorded it. ``indicators`` -- see :mod:`qa_audit.reporting.indicator_figures`.
  ``target_percent_good`` -- in force on the session's date, from the schedule of
  the latest version of the rubric id. ``agreement`` -- individual auditors only.

Choices where the contract is silent (also in docs):

* ``grade_distribution`` lists every grade of the rubric's range, zeros included;
  ``questions`` lists every rubric question in rubric order, with a count (zero
  included) for each valid answer (no answers at all: ``shortfall_percent`` null);
  ``agencies`` lists every rubric agency (zeros included, then any unknown agency
  id found in the data), most shortfalls first; ``themes`` omits themes nobody
  recorded, most plans first.
* A stored answer that is not a valid answer to its question (impossible through
  the importers) is ignored rather than guessed at; so is an attribution on an
  answer that is not a shortfall.
* If a plan somehow has two panel rows, the first with an overall grade is the
  agreed one.
* RAG of ``percent_good`` against the target: **green** at or above the target,
  **amber** below it by at most 10 percentage points, **red** further below; no
  RAG without a target or without moderated plans. The percentage as shown (one
  decimal place) is compared, so a reader can check the colour against the figure:
  79.96% shows as 80.0% and is green against a target of 80.
* Exemplars are plans whose agreed grade is in the rubric's best band (the band
  holding the maximum grade, or the minimum where the rubric says ``best: low``).
  ``grade_distribution`` and the grade tables run from the worst grade to the best.
* Drift words ("more generous/severe than the panel") and the comparison with the
  previous session ("better"/"worse") follow the rubric's direction: on a scale
  where 1 is best, a member who gives 3 where the panel agreed 2 is more severe.
* Free text (excerpts, strengths, areas for development, actions) is passed
  through :func:`~qa_audit.reporting.redaction.redact` with the names list again
  when the figures are built, so a name added to the list after an excerpt was
  approved still never reaches a report. Only *approved* excerpts are quoted;
  raw excerpts and evidence notes are never read here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from qa_audit.domain.agreement import AgreementStats, agreement_stats
from qa_audit.domain.audit import AuditRecord, SessionData
from qa_audit.domain.figures import percent, round_half_away, to_fraction
from qa_audit.domain.rubric import NA, Question, Rubric
from qa_audit.reporting.breakdown import Breakdown, plan_breakdown
from qa_audit.reporting.indicator_figures import IndicatorFigure, indicator_figures
from qa_audit.reporting.reasons import ReasonFigure, reason_figures, reasons_by_question
from qa_audit.reporting.redaction import redact, redact_names

__all__ = [
    "AMBER_MARGIN",
    "SHARES_NOTE",
    "ActionFigure",
    "AgencyFigure",
    "Comparison",
    "Excerpt",
    "GradeFigure",
    "KeyIssuesFigures",
    "MemberDrift",
    "PlanComment",
    "QuestionFigure",
    "ThemeFigure",
    "agency_figures",
    "agreed_audits",
    "approved_excerpts",
    "attributed_answers",
    "key_issues",
    "question_figures",
    "rag_against_target",
    "theme_plan_sets",
]

#: Percentage points below the target that still count as amber.
AMBER_MARGIN = 10
#: Said wherever the agencies' shares are shown (PDF, spreadsheet, screen).
SHARES_NOTE = ("Shares can add up to more than 100% because one shortfall may be "
               "attributed to several agencies.")
#: Longest free text quoted in a report (a longer one is cut with an ellipsis).
MAX_TEXT = 1200


def _clip(text: str, limit: int = MAX_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clean_text(text: str | None, names: Sequence[str]) -> str:
    """User free text as a report may show it: redacted, whitespace tidied, clipped."""
    return _clip(redact(text, names)) if text and text.strip() else ""


# --------------------------------------------------------------------- figures


@dataclass(frozen=True)
class QuestionFigure:
    """Agreed answers to one question: counts per code, shortfalls among non-NA answers."""

    id: str
    text: str
    section: str
    counts: dict[str, int]
    answered: int  # answers other than NA
    shortfalls: int
    shortfall_percent: float | None
    tags: tuple[str, ...] = ()

    @property
    def na(self) -> int:
        return self.counts.get(NA, 0)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "counts": dict(self.counts),
                "shortfall_percent": self.shortfall_percent,
                "text": self.text, "answered": self.answered, "shortfalls": self.shortfalls}


@dataclass(frozen=True)
class AgencyFigure:
    agency: str
    label: str
    shortfalls: int
    percent_of_shortfalls: float | None

    def sentence(self) -> str:
        """E.g. "Educational psychology advice responsible for 40.0% of shortfalls (4 of 10)"."""
        pct = "-" if self.percent_of_shortfalls is None else f"{self.percent_of_shortfalls:.1f}%"
        return f"{self.label} responsible for {pct} of attributed shortfalls"

    def to_json(self) -> dict[str, Any]:
        return {"agency": self.agency, "shortfalls": self.shortfalls,
                "percent_of_shortfalls": self.percent_of_shortfalls, "label": self.label}


@dataclass(frozen=True)
class Excerpt:
    """An approved, redacted excerpt and the (pseudonymous) plan it came from."""

    plan_ref: str
    text: str
    session: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"plan_ref": self.plan_ref, "session": self.session, "text": self.text}


@dataclass(frozen=True)
class ThemeFigure:
    """A theme the panel agreed (``plans``) beside how often anyone raised it (``raised``).

    ``percent_of_agreed``: of plans with agreed (panel) scores; ``percent_raised``:
    of plans audited. One auditor's tag alone never counts towards ``plans``.
    """

    id: str
    label: str
    plans: int
    raised: int
    percent_of_agreed: float | None
    percent_raised: float | None
    excerpts: tuple[Excerpt, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "plans": self.plans, "raised": self.raised,
                "percent_of_plans_agreed": self.percent_of_agreed,
                "raised_percent_of_plans_audited": self.percent_raised,
                "excerpts": [e.to_json() for e in self.excerpts]}


@dataclass(frozen=True)
class GradeFigure:
    grade: int
    count: int
    band: str
    rag: str
    good: bool


@dataclass(frozen=True)
class PlanComment:
    """Strengths or areas for development the panel recorded for one plan."""

    plan_ref: str
    grade: int | None
    text: str
    session: str = ""
    band: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"plan_ref": self.plan_ref, "session": self.session, "grade": self.grade,
                "band": self.band, "text": self.text}


@dataclass(frozen=True)
class ActionFigure:
    plan_ref: str | None
    text: str
    owner: str
    due_date: dt.date | None
    status: str
    overdue: bool

    def to_json(self) -> dict[str, Any]:
        return {"plan_ref": self.plan_ref, "text": self.text, "owner": self.owner,
                "due_date": self.due_date.isoformat() if self.due_date else None,
                "status": self.status, "overdue": self.overdue}


@dataclass(frozen=True)
class MemberDrift:
    """One auditor's agreement with colleagues and drift from the agreed grades."""

    auditor: str
    agency: str
    plans_graded: int
    pairs: int
    exact_percent: float | None
    within_one_percent: float | None
    mean_difference_from_agreed: float | None
    plans_compared: int
    generosity: float | None = None  # the difference signed so + is more generous

    @property
    def tendency(self) -> str:
        d = self.generosity
        if d is None:
            return "no agreed grades to compare"
        if d >= 0.5:
            return "more generous than the panel"
        if d <= -0.5:
            return "more severe than the panel"
        return "in line with the panel"

    def to_json(self) -> dict[str, Any]:
        return {"auditor": self.auditor, "agency": self.agency,
                "plans_graded": self.plans_graded, "pairs": self.pairs,
                "exact_percent": self.exact_percent, "within_one_percent": self.within_one_percent,
                "mean_difference_from_agreed": self.mean_difference_from_agreed,
                "plans_compared": self.plans_compared}


@dataclass(frozen=True)
class Comparison:
    """The previous session on the same rubric: percent good then and now."""

    session: str
    date: dt.date
    plans_moderated: int
    percent_good: float | None
    change_points: float | None  # now minus then, percentage points
    verdict: str | None = None  # better | worse | the same (None: nothing to compare)

    def to_json(self) -> dict[str, Any]:
        return {"session": self.session, "date": self.date.isoformat(),
                "plans_moderated": self.plans_moderated, "percent_good": self.percent_good,
                "change_points": self.change_points, "verdict": self.verdict}


@dataclass(frozen=True)
class KeyIssuesFigures:
    """Everything the key issues report shows (see the module documentation)."""

    session: str
    session_date: dt.date
    session_status: str
    rubric_id: str
    rubric_version: int
    rubric_title: str
    plans_sampled: int
    plans_audited: int
    plans_moderated: int
    plans_good: int
    percent_good: float | None
    target_percent_good: float | None
    rag: str | None
    grades: tuple[GradeFigure, ...]
    questions: tuple[QuestionFigure, ...]
    agencies: tuple[AgencyFigure, ...]
    attributed_shortfalls: int
    themes: tuple[ThemeFigure, ...]
    indicators: tuple[IndicatorFigure, ...]
    agreement: AgreementStats
    members: tuple[MemberDrift, ...]
    unmoderated: tuple[str, ...]
    strengths: tuple[PlanComment, ...]
    development: tuple[PlanComment, ...]
    exemplars: tuple[PlanComment, ...]
    actions: tuple[ActionFigure, ...]
    previous: Comparison | None
    produced_on: dt.date = field(default_factory=dt.date.today)
    reasons: tuple[ReasonFigure, ...] = ()  # reason codes given on the agreed answers
    breakdown: Breakdown | None = None  # percent good by a plan field (--by FIELD)

    kind = "key-issues"

    @property
    def title(self) -> str:
        return f"Key issues report: {self.session}"

    def questions_worst_first(self) -> list[QuestionFigure]:
        """Questions with answers, highest shortfall percentage first (ties: rubric order)."""
        answered = [q for q in self.questions if q.shortfall_percent is not None]
        return sorted(answered, key=lambda q: -(q.shortfall_percent or 0.0))

    def headline(self) -> str:
        if self.percent_good is None:
            return (f"No plan has an agreed grade yet ({self.plans_audited} of "
                    f"{self.plans_sampled} sampled plans audited).")
        target = ("" if self.target_percent_good is None
                  else f" against a target of {self.target_percent_good:g}%")
        return (f"{self.percent_good:.1f}% of moderated plans judged good "
                f"({self.plans_good} of {self.plans_moderated}){target}.")

    def to_json(self) -> dict[str, Any]:
        given = reasons_by_question(self.reasons)
        return {
            "session": self.session,
            "rubric": {"id": self.rubric_id, "version": self.rubric_version,
                       "title": self.rubric_title},
            "plans_sampled": self.plans_sampled,
            "plans_audited": self.plans_audited,
            "plans_moderated": self.plans_moderated,
            "percent_good": self.percent_good,
            "target_percent_good": self.target_percent_good,
            "grade_distribution": {str(g.grade): g.count for g in self.grades},
            "questions": [{**q.to_json(), "reasons": given.get(q.id, {})}
                          for q in self.questions],
            "agencies": [a.to_json() for a in self.agencies],
            "themes": [t.to_json() for t in self.themes],
            "indicators": [i.to_json() for i in self.indicators],
            "agreement": self.agreement.as_report_dict(),
            # extras, beyond the contract's minimum
            "session_date": self.session_date.isoformat(),
            "plans_good": self.plans_good,
            "rag": self.rag,
            "agreement_by_auditor": [m.to_json() for m in self.members],
            "plans_not_moderated": list(self.unmoderated),
            "exemplars": [e.to_json() for e in self.exemplars],
            "strengths": [s.to_json() for s in self.strengths],
            "development": [d.to_json() for d in self.development],
            "actions": [a.to_json() for a in self.actions],
            "previous_session": self.previous.to_json() if self.previous else None,
            **({"breakdown": self.breakdown.to_json()} if self.breakdown else {}),
        }

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Sheet name -> rows, for the spreadsheet export."""
        codes: list[str] = []
        for q in self.questions:
            codes += [c for c in q.counts if c not in codes]
        return {
            "Summary": [
                {"figure": "session", "value": self.session},
                {"figure": "session date", "value": self.session_date},
                {"figure": "rubric", "value": f"{self.rubric_id} v{self.rubric_version}"},
                {"figure": "plans sampled", "value": self.plans_sampled},
                {"figure": "plans audited", "value": self.plans_audited},
                {"figure": "plans moderated", "value": self.plans_moderated},
                {"figure": "plans good", "value": self.plans_good},
                {"figure": "percent good", "value": self.percent_good},
                {"figure": "target percent good", "value": self.target_percent_good},
                {"figure": "RAG", "value": self.rag},
                {"figure": "previous session", "value":
                    self.previous.session if self.previous else None},
                {"figure": "previous percent good", "value":
                    self.previous.percent_good if self.previous else None},
            ],
            "Grades": [{"grade": g.grade, "band": g.band, "good": g.good, "colour": g.rag,
                        "plans": g.count} for g in self.grades],  # worst to best
            "Questions": [{"question": q.id, "text": q.text, "section": q.section,
                           **{c: q.counts.get(c) for c in codes},  # empty: not an answer
                           "answered (not NA)": q.answered, "shortfalls": q.shortfalls,
                           "shortfall %": q.shortfall_percent} for q in self.questions],
            "Agencies": [{"agency": a.agency, "label": a.label, "shortfalls": a.shortfalls,
                          "% of attributed shortfalls": a.percent_of_shortfalls,
                          "note": SHARES_NOTE if i == 0 else None}
                         for i, a in enumerate(self.agencies)],
            "Reasons given": [r.to_row() for r in self.reasons],
            "Themes": [{"theme": t.id, "label": t.label, "agreed plans": t.plans,
                        "% of plans with agreed scores": t.percent_of_agreed,
                        "raised by an auditor (plans)": t.raised,
                        "raised % of plans audited": t.percent_raised,
                        "approved excerpts": "\n".join(e.text for e in t.excerpts)}
                       for t in self.themes],
            "Indicators": [{"indicator": i.id, "label": i.label, "plans": i.plans, "met": i.met,
                            "% met": i.percent_met, "target %": i.target_percent,
                            "RAG": i.rag, "questions": ", ".join(i.questions)}
                           for i in self.indicators],
            "Agreement": [{"auditor": m.auditor, "agency": m.agency,
                           "plans graded": m.plans_graded, "pairs": m.pairs,
                           "exact %": m.exact_percent, "within one %": m.within_one_percent,
                           "mean difference from agreed": m.mean_difference_from_agreed,
                           "plans compared": m.plans_compared} for m in self.members]
                         + [{"auditor": "ALL PAIRS", "agency": "", "plans graded": None,
                             "pairs": self.agreement.pairs,
                             "exact %": self.agreement.overall_exact_percent,
                             "within one %": self.agreement.overall_within_one_percent,
                             "mean difference from agreed": None,
                             "plans compared": None}],
            "Exemplars": [e.to_json() for e in self.exemplars],
            "Strengths": [s.to_json() for s in self.strengths],
            "Development": [d.to_json() for d in self.development],
            "Actions": [a.to_json() for a in self.actions],
            **({"Breakdown": self.breakdown.rows()} if self.breakdown else {}),
        }


# --------------------------------------------------------------------- helpers
# (shared with the trend, health and themes figures)


def rag_against_target(good: int, moderated: int, target: float | None) -> str | None:
    """green / amber / red for good/moderated against a target percentage (see module doc)."""
    shown = percent(good, moderated)
    if target is None or shown is None:
        return None
    value, goal = to_fraction(shown), to_fraction(target)
    if value >= goal:
        return "green"
    if value >= goal - AMBER_MARGIN:
        return "amber"
    return "red"


def agreed_audits(session: SessionData) -> dict[str, AuditRecord]:
    """plan_ref -> the panel's agreed audit row (one per plan; see module doc)."""
    out: dict[str, AuditRecord] = {}
    for audit in session.audits:
        if not audit.is_panel:
            continue
        held = out.get(audit.plan_ref)
        if held is None or (held.overall is None and audit.overall is not None):
            out[audit.plan_ref] = audit
    return out


def _valid_code(question: Question, raw: str | None) -> str | None:
    if raw is None or not str(raw).strip():
        return None
    return question.normalise_answer(str(raw))


def question_figures(
    questions: Iterable[Question],
    audits: Iterable[AuditRecord],
    section_titles: Mapping[str, str] | None = None,
) -> list[QuestionFigure]:
    """Counts and shortfall percentage of each question over the given (agreed) audits."""
    audits = list(audits)
    out = []
    for q in questions:
        counts = dict.fromkeys(q.valid_answers(), 0)
        shortfalls = 0
        # the same few raw values recur in every audit: normalise each once per question
        seen: dict[object, tuple[str | None, bool]] = {}
        for audit in audits:
            raw = audit.answers.get(q.id)
            known = seen.get(raw)
            if known is None:
                code = _valid_code(q, raw)
                known = seen[raw] = (code, code is not None and code != NA
                                     and q.is_shortfall(code))
            code, short = known
            if code is None:
                continue
            counts[code] = counts.get(code, 0) + 1
            shortfalls += short
        answered = sum(n for c, n in counts.items() if c != NA)
        out.append(QuestionFigure(
            id=q.id, text=q.text, section=(section_titles or {}).get(q.id, ""), counts=counts,
            answered=answered, shortfalls=shortfalls,
            shortfall_percent=percent(shortfalls, answered), tags=q.tags))
    return out


def shortfall_attributions(rubric: Rubric,
                           audits: Iterable[AuditRecord]) -> list[tuple[str, str]]:
    """(question id, agency id) of every attributed shortfall answer in the audits, one
    pair per agency (an answer attributed to two agencies gives two pairs)."""
    return [(qid, agency) for qid, agencies in attributed_answers(rubric, audits)
            for agency in agencies]


def attributed_answers(rubric: Rubric,
                       audits: Iterable[AuditRecord]) -> list[tuple[str, tuple[str, ...]]]:
    """(question id, agencies) of every shortfall answer attributed to at least one agency."""
    found = []
    for audit in audits:
        for qid, given in audit.attributions.items():
            agencies = tuple(a for a in given if a)
            if not agencies or not rubric.has_question(qid):
                continue
            q = rubric.question(qid)
            code = _valid_code(q, audit.answers.get(qid))
            if code is not None and code != NA and q.is_shortfall(code):
                found.append((qid, agencies))
    return found


def agency_figures(rubric: Rubric, audits: Iterable[AuditRecord]) -> list[AgencyFigure]:
    """Attributed shortfalls per agency (rubric agencies and any other found), most first.

    An answer attributed to two agencies counts once for each; the share is of the
    answers attributed to at least one agency, so shares may add up to more than 100.
    """
    found = attributed_answers(rubric, audits)
    counts = Counter(agency for _, agencies in found for agency in agencies)
    total = len(found)
    labels = {a.id: a.label for a in rubric.agencies}
    order = [a.id for a in rubric.agencies] + sorted(set(counts) - set(labels))
    figures = [AgencyFigure(a, labels.get(a, a), counts.get(a, 0), percent(counts.get(a, 0), total))
               for a in order]
    return sorted(figures, key=lambda f: -f.shortfalls)  # stable: rubric order on ties


def theme_plan_sets(audits: Iterable[AuditRecord], *, agreed: bool = False) -> dict[str, set[str]]:
    """theme id -> plans where any auditor or the panel recorded it ("raised"), or with
    ``agreed`` only the panel's agreed rows (the figure a board reads)."""
    plans: dict[str, set[str]] = {}
    for audit in audits:
        if agreed and not audit.is_panel:
            continue
        for theme_id in audit.theme_ids:
            plans.setdefault(theme_id, set()).add(audit.plan_ref)
    return plans


def theme_figures(
    rubrics: Sequence[Rubric], audits: Sequence[AuditRecord], names: Sequence[str],
    excerpts_per_theme: int,
) -> list[ThemeFigure]:
    """Agreed and raised counts of every theme anyone recorded: most agreed plans first,
    then most raised, then catalogue order."""
    raised = theme_plan_sets(audits)
    agreed = theme_plan_sets(audits, agreed=True)
    audited = {a.plan_ref for a in audits}
    with_agreed = {a.plan_ref for a in audits if a.is_panel}
    catalogue = [t.id for r in rubrics for t in r.themes]
    order = list(dict.fromkeys([t for t in catalogue if t in raised] + sorted(raised)))
    figures = [
        ThemeFigure(t, theme_label(rubrics, t), len(agreed.get(t, ())), len(raised[t]),
                    percent(len(agreed.get(t, ())), len(with_agreed)),
                    percent(len(raised[t]), len(audited)),
                    tuple(approved_excerpts(audits, t, names, excerpts_per_theme)))
        for t in order
    ]
    return sorted(figures, key=lambda f: (-f.plans, -f.raised))


def approved_excerpts(
    audits: Iterable[AuditRecord], theme_id: str, names: Sequence[str], limit: int
) -> list[Excerpt]:
    """Up to ``limit`` distinct approved excerpts for a theme, redacted again; panel rows first.

    Only :attr:`ThemeRecord.approved_excerpt` is read -- never the raw excerpt or notes.
    """
    ordered = sorted(audits, key=lambda a: (not a.is_panel, a.session, a.plan_ref, a.auditor))
    seen: set[str] = set()
    out: list[Excerpt] = []
    for audit in ordered:
        for tag in audit.themes:
            if tag.theme_id != theme_id or not (tag.approved_excerpt or "").strip():
                continue
            text = clean_text(tag.approved_excerpt, names)
            key = text.casefold()
            if not text or key in seen:
                continue
            seen.add(key)
            out.append(Excerpt(audit.plan_ref, text, audit.session))
            if len(out) >= limit:
                return out
    return out


def theme_label(rubrics: Iterable[Rubric], theme_id: str) -> str:
    for rubric in rubrics:
        for theme in rubric.themes:
            if theme.id == theme_id:
                return theme.label
    return theme_id


def top_band_exemplars(
    session: SessionData, rubric: Rubric, names: Sequence[str]
) -> list[PlanComment]:
    """Plans whose agreed grade is in the rubric's best band, with their strengths."""
    top = rubric.best_band()
    out = []
    for ref, audit in sorted(agreed_audits(session).items()):
        if audit.overall is None or not top.contains(audit.overall):
            continue
        text = clean_text(audit.strengths, names)
        if not text:  # the panel wrote none: what members said
            member = [clean_text(a.strengths, names) for a in session.audits
                      if a.plan_ref == ref and not a.is_panel]
            text = " / ".join(dict.fromkeys(t for t in member if t))
        out.append(PlanComment(ref, audit.overall, text, session.name, top.label))
    return sorted(out, key=lambda c: rubric.steps_from_best(c.grade or 0))


def _moderation(session: SessionData, rubric: Rubric) -> tuple[int, int]:
    graded = [a.overall for a in agreed_audits(session).values() if a.overall is not None]
    return len(graded), sum(1 for g in graded if rubric.is_good(g))


def _mean_grade(session: SessionData, rubric: Rubric) -> Fraction | None:
    """The mean agreed grade, leaving out grades in a "not judged" (grey) band."""
    graded = [a.overall for a in agreed_audits(session).values()
              if a.overall is not None and rubric.overall.judged(a.overall)]
    return Fraction(sum(graded), len(graded)) if graded else None


def _verdict(rubric: Rubric, prev_rubric: Rubric, change: float | None,
             now: SessionData, then: SessionData) -> str | None:
    """Better or worse than last time: the share good decides; on a tie, the mean grade."""
    if change:
        return "better" if change > 0 else "worse"
    mean_now, mean_then = _mean_grade(now, rubric), _mean_grade(then, prev_rubric)
    if mean_now is None or mean_then is None or prev_rubric.overall.best != rubric.overall.best:
        return None if change is None else "the same"
    return rubric.compare_grades(mean_now, mean_then)


def _agencies_of(audits: Iterable[AuditRecord]) -> dict[str, str]:
    out: dict[str, str] = {}
    for a in audits:
        if a.agency and a.auditor not in out:
            out[a.auditor] = a.agency
    return out


# ------------------------------------------------------------------- the report


def key_issues(
    session: SessionData,
    rubric: Rubric,
    *,
    previous: SessionData | None = None,
    previous_rubric: Rubric | None = None,
    names: Iterable[str] = (),
    today: dt.date | None = None,
    excerpts_per_theme: int = 3,
    latest: Rubric | None = None,
    by: str | None = None,
) -> KeyIssuesFigures:
    """The key issues figures of one session scored on ``rubric``.

    ``previous``/``previous_rubric``: the session before on the same rubric, for the
    comparison; ``names``: the redaction list; ``today``: for overdue actions;
    ``latest``: the newest version of the rubric id, whose target schedules apply
    (default ``rubric``); ``by``: a plan field to break percent good down by.
    """
    names = tuple(names)
    today = today or dt.date.today()
    agreed = agreed_audits(session)
    agreed_rows = list(agreed.values())
    audited = {a.plan_ref for a in session.audits}
    sampled = set(session.sampled)
    plans_sampled = len(sampled) if sampled else len(audited)

    graded = {ref: a.overall for ref, a in agreed.items() if a.overall is not None}
    moderated = len(graded)
    good = sum(1 for g in graded.values() if rubric.is_good(g))
    target = (latest or rubric).overall.target_on(session.date)

    dist = Counter(graded.values())
    grades = []
    for grade in rubric.grade_order():  # worst to best
        band = rubric.band_for(grade)
        grades.append(GradeFigure(grade, dist.get(grade, 0), band.label, band.rag, band.good))

    section_titles = {q.id: s.title for s in rubric.sections for q in s.questions}
    questions = question_figures(rubric.questions(), agreed_rows, section_titles)
    agencies = agency_figures(rubric, agreed_rows)

    themes = theme_figures([rubric], session.audits, names, excerpts_per_theme)
    indicators = indicator_figures(rubric, agreed, session.date, latest)

    members_rows = session.member_audits()
    grades_by_plan: dict[str, dict[str, int | None]] = {}
    for a in members_rows:
        grades_by_plan.setdefault(a.plan_ref, {})[a.auditor] = a.overall
    stats = agreement_stats(grades_by_plan, graded, (rubric.overall.min, rubric.overall.max))
    agencies_of = _agencies_of(members_rows)
    labels = {a.id: a.label for a in rubric.agencies}
    members = tuple(
        MemberDrift(redact_names(m.auditor, names),
                    labels.get(agencies_of.get(m.auditor, ""), agencies_of.get(m.auditor, "")),
                    m.plans_graded, m.pairs, m.exact_percent, m.within_one_percent,
                    m.mean_difference_from_agreed, m.plans_compared,
                    None if m.mean_difference_from_agreed is None
                    else rubric.generosity(m.mean_difference_from_agreed))
        for m in stats.members.values()
    )

    def comments(attr: str) -> tuple[PlanComment, ...]:
        out = []
        for ref, a in sorted(agreed.items()):
            text = clean_text(getattr(a, attr), names)
            if text:
                band = rubric.band_for(a.overall).label if a.overall is not None else ""
                out.append(PlanComment(ref, a.overall, text, session.name, band))
        return tuple(out)

    actions = tuple(
        ActionFigure(a.plan_ref, clean_text(a.text, names), clean_text(a.owner, names),
                     a.due_date, a.status, a.overdue(today))
        for a in session.actions
    )

    comparison = None
    if previous is not None:
        prev_rubric = previous_rubric or rubric
        prev_mod, prev_good = _moderation(previous, prev_rubric)
        change = None
        if prev_mod and moderated:
            change = round_half_away(Fraction(good * 100, moderated)
                                     - Fraction(prev_good * 100, prev_mod), 1)
        comparison = Comparison(previous.name, previous.date, prev_mod,
                                percent(prev_good, prev_mod), change,
                                _verdict(rubric, prev_rubric, change, session, previous))

    return KeyIssuesFigures(
        session=session.name, session_date=session.date, session_status=session.status,
        rubric_id=session.rubric_id, rubric_version=session.rubric_version,
        rubric_title=rubric.title,
        plans_sampled=plans_sampled, plans_audited=len(audited), plans_moderated=moderated,
        plans_good=good, percent_good=percent(good, moderated), target_percent_good=target,
        rag=rag_against_target(good, moderated, target),
        grades=tuple(grades), questions=tuple(questions), agencies=tuple(agencies),
        attributed_shortfalls=len(attributed_answers(rubric, agreed_rows)), themes=tuple(themes),
        indicators=tuple(indicators),
        agreement=stats, members=members,
        unmoderated=tuple(sorted(audited - set(graded))),
        strengths=comments("strengths"), development=comments("development"),
        exemplars=tuple(top_band_exemplars(session, rubric, names)), actions=actions,
        previous=comparison, produced_on=today, reasons=tuple(reason_figures(rubric, agreed_rows)),
        breakdown=plan_breakdown(session.plans, graded, rubric, by) if by else None,
    )
