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
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from qa_audit.domain.agreement import AgreementStats, agreement_stats
from qa_audit.domain.audit import SessionData
from qa_audit.domain.board import FeedbackRecord
from qa_audit.domain.figures import percent, round_half_away
from qa_audit.domain.reaudit import SessionReaudit
from qa_audit.domain.rubric import Rubric
from qa_audit.reporting.breakdown import Breakdown, plan_breakdown
from qa_audit.reporting.grade_rating import (
    GradeRatingAgreement,
    PlanGradeRating,
    grade_rating_agreement,
    plans_with_both,
)
from qa_audit.reporting.indicator_figures import IndicatorFigure, indicator_figures
from qa_audit.reporting.reasons import ReasonFigure, reason_figures, reasons_by_question
from qa_audit.reporting.redaction import redact_names
from qa_audit.reporting.wording import headline_percent, headline_rag

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
    "answer_columns",
    "approved_excerpts",
    "attributed_answers",
    "clean_text",
    "key_issues",
    "question_figures",
    "rag_against_target",
    "shortfall_attributions",
    "theme_figures",
    "theme_label",
    "theme_plan_sets",
    "top_band_exemplars",
]
from qa_audit.reporting.agreed_figures import (
    _agencies_of,
    _moderation,
    _verdict,
    agency_figures,
    agreed_audits,
    approved_excerpts,
    attributed_answers,
    question_figures,
    rag_against_target,
    shortfall_attributions,
    theme_figures,
    theme_label,
    theme_plan_sets,
    top_band_exemplars,
)
from qa_audit.reporting.figure_records import (
    AMBER_MARGIN,
    SHARES_NOTE,
    ActionFigure,
    AgencyFigure,
    Comparison,
    Excerpt,
    GradeFigure,
    MemberDrift,
    PlanComment,
    QuestionFigure,
    ThemeFigure,
    answer_columns,
    clean_text,
)


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
    reaudits: tuple[SessionReaudit, ...] = ()  # plans drawn again: grade before and after
    # families' and settings' responses about moderated plans, beside the agreed grade
    family_feedback: tuple[PlanGradeRating, ...] = ()
    grade_and_rating: GradeRatingAgreement | None = None
    unit: str = "plan"  # the rubric's unit: "advice_return" counts returns as its "plans"

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
        return headline_percent(self.plans_good, self.plans_moderated) + f"{target}."

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
            "reaudits": [r.to_json() for r in self.reaudits],
            "feedback_beside_grades": {
                **(self.grade_and_rating or grade_rating_agreement((), ())).to_json(),
                "responses": [r.to_json() for r in self.family_feedback]},
        }

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Sheet name -> rows, for the spreadsheet export."""
        codes = answer_columns(self.questions)
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
                {"figure": "grade and family rating agree (pairs)", "value":
                    self.grade_and_rating.agree if self.grade_and_rating else None},
                {"figure": "graded plan and rated response pairs", "value":
                    self.grade_and_rating.pairs if self.grade_and_rating else None},
                {"figure": "percent agree", "value":
                    self.grade_and_rating.percent_agree if self.grade_and_rating else None},
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
            "Re-audits": [{**r.to_json(), "change": r.change} for r in self.reaudits],
            "Family feedback": [{"plan": r.plan_ref, "agreed grade": r.grade, "band": r.band,
                                 "good": r.good, "respondent": r.respondent, "date": r.date,
                                 "rating": r.rating, "felt listened to": r.felt_listened_to,
                                 "satisfied": r.satisfied, "agree": r.agree,
                                 "approved excerpt": r.excerpt}
                                for r in self.family_feedback],
        }


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
    reaudits: Iterable[SessionReaudit] = (),
    responses: Iterable[FeedbackRecord] = (),
) -> KeyIssuesFigures:
    """The key issues figures of one session scored on ``rubric``.

    ``previous``/``previous_rubric``: the session before on the same rubric, for the
    comparison; ``names``: the redaction list; ``today``: for overdue actions;
    ``latest``: the newest version of the rubric id, whose target schedules apply
    (default ``rubric``); ``by``: a plan field to break percent good down by;
    ``responses``: families' and settings' responses about the session's plans
    (approved excerpts only), shown beside the agreed grades.
    """
    names = tuple(names)
    # a family rates the plan, not an advice return: only plan rubrics set them side by side
    responses = tuple(responses) if rubric.unit == "plan" else ()
    today = today or dt.date.today()
    agreed = agreed_audits(session)
    agreed_rows = list(agreed.values())
    # on an advice-return rubric the "plans" counted are the audited returns (each its
    # own agreed row, keyed as ``agreed_audits`` keys them); on a plan rubric, plans
    audited = {a.item.log_key for a in session.audits}
    sampled = {i.log_key for i in session.sampled_items} or set(session.sampled)
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
        grades_by_plan.setdefault(a.item.log_key, {})[a.auditor] = a.overall  # as ``agreed``
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
        rag=headline_rag(rag_against_target(good, moderated, target), moderated),
        grades=tuple(grades), questions=tuple(questions), agencies=tuple(agencies),
        attributed_shortfalls=len(attributed_answers(rubric, agreed_rows)), themes=tuple(themes),
        indicators=tuple(indicators),
        agreement=stats, members=members,
        unmoderated=tuple(sorted(audited - set(graded))),
        strengths=comments("strengths"), development=comments("development"),
        exemplars=tuple(top_band_exemplars(session, rubric, names)), actions=actions,
        previous=comparison, produced_on=today, reasons=tuple(reason_figures(rubric, agreed_rows)),
        breakdown=plan_breakdown(session.plans, graded, rubric, by) if by else None,
        reaudits=tuple(replace(r, change=None if r.grade is None or r.previous_grade is None
                               else rubric.compare_grades(r.grade, r.previous_grade))
                       for r in reaudits),
        family_feedback=tuple(plans_with_both(
            ((ref, g, rubric.band_for(g).label, rubric.is_good(g)) for ref, g in graded.items()),
            responses)),
        grade_and_rating=grade_rating_agreement(
            [(ref, rubric.is_good(g)) for ref, g in graded.items()], responses)
        if rubric.unit == "plan" else None,
        unit=rubric.unit,
    )
