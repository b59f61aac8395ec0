"""Figures over a session's audit rows that several reports share: the panel's agreed
rows, question counts, agency shares, agreed and raised themes, excerpts, exemplars.

Split from ``key_issues`` (which re-exports every name); the trend, health and
themes reports use these too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from qa_audit.domain.audit import AuditRecord, SessionData
from qa_audit.domain.figures import percent, to_fraction
from qa_audit.domain.rubric import NA, Question, Rubric
from qa_audit.reporting.figure_records import (
    AMBER_MARGIN,
    AgencyFigure,
    Excerpt,
    PlanComment,
    QuestionFigure,
    ThemeFigure,
    clean_text,
)

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
    """plan_ref -> the panel's agreed audit row (one per plan; see module doc).

    On an ``advice_return`` rubric each audited return has its own agreed row: the key
    is then ``plan_ref#request id`` (``ItemKey.log_key``), so two returns of one plan
    are two moderated items; on a plan rubric the key is the plan ref, as before."""
    out: dict[str, AuditRecord] = {}
    for audit in session.audits:
        if not audit.is_panel:
            continue
        key = audit.item.log_key
        held = out.get(key)
        if held is None or (held.overall is None and audit.overall is not None):
            out[key] = audit
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
    for _key, audit in sorted(agreed_audits(session).items()):
        if audit.overall is None or not top.contains(audit.overall):
            continue
        text = clean_text(audit.strengths, names)
        if not text:  # the panel wrote none: what members said
            member = [clean_text(a.strengths, names) for a in session.audits
                      if a.item == audit.item and not a.is_panel]
            text = " / ".join(dict.fromkeys(t for t in member if t))
        out.append(PlanComment(audit.plan_ref, audit.overall, text, session.name, top.label))
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
