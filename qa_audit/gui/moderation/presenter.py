"""The moderation screen without Qt: a session's scores turned into the rows it shows.

It turns a session's ``SessionData`` and its rubric into one plan's grid of
members' answers beside the agreed column, the plan list and the figures the
screen prints, so the rules (what counts as a disagreement, when a rationale is
needed) are tested without a window (``tests/unit/test_moderation_presenter.py``).
Who may see whose scores is ``domain.permissions.can_see_scores``, the one rule the
scoring service uses too. The Qt models in this package are thin views of these rows.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from qa_audit.domain import permissions
from qa_audit.domain.agreement import (
    AgreementStats,
    agreement_stats,
    disagreements,
    grades_disagree,
)
from qa_audit.domain.audit import AuditRecord, PlanFacts, SessionData
from qa_audit.domain.items import ItemKey, as_item
from qa_audit.domain.rubric import Question, Rubric

#: Row key of the overall-grade row (question ids never start with an underscore).
OVERALL_KEY = "__overall__"
#: Fields of a grid edit: the agreed answer/grade, its attribution (a tuple of agency ids),
#: its reason code, its rationale.
FIELD_VALUE, FIELD_AGENCY, FIELD_RATIONALE = "value", "agency", "rationale"
FIELD_REASON = "reason"
BLANK_LABEL = "— (none)"


@dataclass(frozen=True)
class MemberColumn:
    """One panel member who scores (observers do not), in panel order."""

    name: str
    role: str = "auditor"
    agency: str | None = None


@dataclass(frozen=True)
class GridRow:
    """One question (or the overall grade) across the members and the agreed column."""

    key: str
    label: str
    question: Question | None
    values: dict[str, str]  # auditor -> code, or the grade as text on the overall row
    drafts: frozenset[str] = frozenset()  # auditors whose audit is not yet submitted
    notes: dict[str, str] = field(default_factory=dict)
    attributions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # auditor -> ids
    agreed: str | None = None
    agreed_agencies: tuple[str, ...] = ()
    agreed_note: str | None = None
    reasons: dict[str, str] = field(default_factory=dict)  # auditor -> reason code
    agreed_reason: str | None = None
    rationale: str | None = None
    disagree: bool = False

    @property
    def is_overall(self) -> bool:
        return self.key == OVERALL_KEY

    def is_shortfall(self, value: str | None) -> bool:
        if self.question is None or value is None:
            return False
        try:
            return self.question.is_shortfall(value)
        except ValueError:
            return False

    @property
    def differs_from_members(self) -> bool:
        """The agreed value is set and at least one member gave something else."""
        if self.agreed is None:
            return False
        agreed = self.agreed.strip().casefold()
        return any(v.strip().casefold() != agreed for v in self.values.values())

    @property
    def rationale_needed(self) -> bool:
        return self.differs_from_members and not (self.rationale or "").strip()

    def majority_attribution(self) -> tuple[str, ...]:
        """The agencies more than half of the attributing members named for this shortfall;
        when none is, the one most named (ties: alphabetical)."""
        counts = Counter(a for given in self.attributions.values() for a in set(given))
        if not counts:
            return ()
        most = tuple(sorted(a for a, n in counts.items() if 2 * n > len(self.attributions)))
        return most or (sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],)

    def reasons_offered(self, value: str | None) -> tuple[tuple[str, str], ...]:
        """(code, label) of the question's reasons that fit ``value``."""
        if self.question is None or value is None:
            return ()
        try:
            return tuple((r.code, r.label) for r in self.question.reasons_for(value))
        except ValueError:
            return ()


@dataclass(frozen=True)
class ThemeChoice:
    """A rubric theme on the agreed-themes list: how many members tagged it, is it agreed."""

    id: str
    label: str
    description: str
    members: tuple[str, ...]  # members who tagged it
    agreed: bool
    question_id: str | None  # the question it came from (agreed's, else members' commonest)


@dataclass(frozen=True)
class PlanModeration:
    """Everything the moderation screen shows for one plan."""

    plan_ref: str
    facts: PlanFacts | None
    members: tuple[MemberColumn, ...]
    rows: tuple[GridRow, ...]
    panel: AuditRecord | None
    audits: dict[str, AuditRecord]
    visible: bool = True  # False: blind scoring hides the other members' scores
    item: ItemKey | None = None  # an advice return (None: the plan as a whole)

    @property
    def key(self) -> ItemKey:
        return self.item if self.item is not None else ItemKey(self.plan_ref)

    @property
    def overall(self) -> GridRow:
        return self.rows[-1]

    def row(self, key: str) -> GridRow:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    @property
    def disagreement_count(self) -> int:
        return sum(1 for r in self.rows if r.disagree)

    @property
    def member_themes(self) -> Counter[str]:
        return Counter(t for a in self.audits.values() for t in a.theme_ids)


@dataclass(frozen=True)
class PlanSummary:
    """One line of the plan list."""

    plan_ref: str
    submitted: int
    scorers: int
    started: int
    moderated: bool
    agreed_grade: int | None
    disagreements: int | None  # None: hidden from this viewer (blind scoring)
    item: ItemKey | None = None  # an advice return (None: the plan as a whole)

    @property
    def key(self) -> ItemKey:
        return self.item if self.item is not None else ItemKey(self.plan_ref)

    @property
    def submitted_text(self) -> str:
        return f"{self.submitted}/{self.scorers} submitted"


def scoring_members(members: Iterable[Any],
                    audits: Iterable[AuditRecord] = ()) -> list[MemberColumn]:
    """Members who score (not observers), in panel order, then anyone else with an audit.

    ``members`` are ``MemberInfo``-like objects (``name``, ``role``, ``agency``).
    Audits imported for someone not on the panel still get a column.
    """
    columns = [MemberColumn(m.name, m.role, m.agency) for m in members if m.role != "observer"]
    known = {c.name for c in columns} | {m.name for m in members}
    for a in audits:
        if not a.is_panel and a.auditor not in known:
            columns.append(MemberColumn(a.auditor, "", a.agency))
            known.add(a.auditor)
    return columns


def can_view_scores(session_status: str, role: str | None, own: AuditRecord | None) -> bool:
    """Blind scoring for one plan: ``domain.permissions.can_see_scores`` given the
    viewer's own audit of it."""
    return permissions.can_see_scores(session_status, role,
                                      own is not None and own.status == "submitted")


_QUESTION_LEAD = re.compile(r"^(?:is|are)\s+(?:there\s+|it\s+)?(?:the\s+|a\s+|an\s+)?",
                            re.IGNORECASE)


def question_label(q: Question) -> str:
    """A short label for a narrow column: section letter, then the question without its
    leading "Is there a…" / "Are the…" (``A: Parents' or carers' views…``); "Does…"
    questions keep their verb. The full wording is in the tooltip."""
    text = _QUESTION_LEAD.sub("", q.text.strip()).rstrip("?").strip() or q.text
    text = text[0].upper() + text[1:]
    return f"{q.evidence_section}: {text}" if q.evidence_section else text


def _member_values(q: Question, audits: dict[str, AuditRecord]) -> dict[str, str]:
    """auditor -> the answer given to ``q`` (members who left it blank are left out)."""
    return {who: a.answers[q.id] for who, a in audits.items() if a.answers.get(q.id)}


def _member_grades(audits: dict[str, AuditRecord]) -> dict[str, int]:
    return {who: a.overall for who, a in audits.items() if a.overall is not None}


def _question_row(q: Question, audits: dict[str, AuditRecord], panel: AuditRecord | None,
                  drafts: frozenset[str]) -> GridRow:
    values = _member_values(q, audits)
    return GridRow(
        key=q.id, label=question_label(q), question=q, values=values, drafts=drafts,
        notes={who: a.notes[q.id] for who, a in audits.items() if a.notes.get(q.id)},
        attributions={who: a.attributions[q.id] for who, a in audits.items()
                      if a.attributions.get(q.id)},
        agreed=panel.answers.get(q.id) if panel else None,
        agreed_agencies=panel.attributions.get(q.id, ()) if panel else (),
        reasons={who: a.reasons[q.id] for who, a in audits.items() if a.reasons.get(q.id)},
        agreed_reason=panel.reasons.get(q.id) if panel else None,
        agreed_note=panel.notes.get(q.id) if panel else None,
        rationale=panel.rationales.get(q.id) if panel else None,
        disagree=disagreements(values),
    )


def _overall_row(rubric: Rubric, audits: dict[str, AuditRecord], panel: AuditRecord | None,
                 drafts: frozenset[str], overall_rationale: str | None) -> GridRow:
    grades = _member_grades(audits)
    low, high = rubric.overall.min, rubric.overall.max
    best = f", {rubric.best_grade} = best" if rubric.best_is_low else ""
    return GridRow(
        key=OVERALL_KEY, label=f"Overall grade ({low}–{high}{best})", question=None,
        values={who: str(g) for who, g in grades.items()}, drafts=drafts,
        agreed=None if panel is None or panel.overall is None else str(panel.overall),
        rationale=overall_rationale,
        disagree=grades_disagree(grades.values()),
    )


def moderation_view(data: SessionData, rubric: Rubric, plan_ref: str | ItemKey,
                    members: Sequence[MemberColumn], *, visible: bool = True,
                    overall_rationale: str | None = None) -> PlanModeration:
    """The grid for one plan: applicable questions, then the overall grade.

    ``visible=False`` (blind scoring) leaves the members' values out entirely, and
    the panel's agreed row too (it was recorded by someone who has seen them, as the
    scoring screen also hides it), so nothing hidden can leak through a tooltip or a
    highlight.
    """
    item = as_item(plan_ref)
    facts = data.plans.get(item.plan_ref)
    plan_audits = [a for a in data.audits if a.item == item]
    panel = next((a for a in plan_audits if a.is_panel), None) if visible else None
    audits = {a.auditor: a for a in plan_audits if not a.is_panel} if visible else {}
    drafts = frozenset(who for who, a in audits.items() if a.status != "submitted")
    condition_facts = facts.as_condition_facts() if facts else {}
    questions = rubric.applicable_questions(condition_facts)
    rationale = overall_rationale
    if rationale is None and panel is not None:
        rationale = getattr(panel, "overall_rationale", None)  # once the core loads it
    rows = [_question_row(q, audits, panel, drafts) for q in questions]
    rows.append(_overall_row(rubric, audits, panel, drafts, rationale))
    return PlanModeration(item.plan_ref, facts, tuple(members), tuple(rows), panel, audits,
                          visible, item if item.is_return else None)


def theme_choices(rubric: Rubric, view: PlanModeration) -> list[ThemeChoice]:
    """Every rubric theme; members' themes first (most tagged first), then the rest."""
    by_theme: dict[str, list[str]] = {}
    questions: dict[str, Counter[str]] = {}
    for who, audit in view.audits.items():
        for t in audit.themes:
            by_theme.setdefault(t.theme_id, []).append(who)
            if t.question_id:
                questions.setdefault(t.theme_id, Counter())[t.question_id] += 1
    agreed = {t.theme_id: t.question_id for t in view.panel.themes} if view.panel else {}
    choices = []
    for theme in rubric.themes:
        qid = agreed.get(theme.id)
        if qid is None and theme.id in questions:
            qid = questions[theme.id].most_common(1)[0][0]
        choices.append(ThemeChoice(theme.id, theme.label, theme.description,
                                   tuple(sorted(set(by_theme.get(theme.id, ())))),
                                   theme.id in agreed, qid))
    order = {t.id: i for i, t in enumerate(rubric.themes)}
    return sorted(choices, key=lambda c: (-len(c.members), order[c.id]))


def suggested_themes(choices: Sequence[ThemeChoice], scorers: int) -> set[str]:
    """Themes at least half the members tagged: pre-marked before any are agreed."""
    need = max(1, (scorers + 1) // 2)
    return {c.id for c in choices if len(c.members) >= need}


def plan_summaries(data: SessionData, rubric: Rubric, members: Sequence[MemberColumn],
                   can_see: Callable[[ItemKey], bool] | None = None) -> list[PlanSummary]:
    """The plan list: sampled items (plans, or advice returns: two returns of one plan
    are two lines) in sample order, then any other item with audits.

    ``can_see(item)``: whether the viewer may see the members' scores of that plan
    (blind scoring); where not, the count of disagreements is hidden too, since it
    tells a scorer who has not submitted how far the others are apart.
    """
    refs = list(data.sampled_items or (ItemKey(ref) for ref in data.sampled))
    refs += sorted({a.item for a in data.audits} - set(refs),
                   key=lambda i: (i.plan_ref, i.advice_request_id or 0))
    scorers = len(members)
    # The counts of moderation_view(...).disagreement_count, without building every
    # plan's grid: the audits are grouped by plan once (not scanned once per plan) and
    # the questions that apply are worked out once per distinct set of plan facts.
    by_plan: dict[ItemKey, list[AuditRecord]] = {}
    for a in data.audits:
        by_plan.setdefault(a.item, []).append(a)
    applicable: dict[tuple[tuple[str, object], ...], list[Question]] = {}
    out = []
    for ref in refs:
        plan_audits = by_plan.get(ref, [])
        panel = next((a for a in plan_audits if a.is_panel), None)
        audits = {a.auditor: a for a in plan_audits if not a.is_panel}
        facts = data.plans.get(ref.plan_ref)
        condition_facts = facts.as_condition_facts() if facts else {}
        key = tuple(condition_facts.items())
        questions = applicable.get(key)
        if questions is None:
            questions = applicable[key] = rubric.applicable_questions(condition_facts)
        disagreeing: int | None = None
        if can_see is None or can_see(ref):
            disagreeing = sum(1 for q in questions
                              if disagreements(_member_values(q, audits)))
            disagreeing += grades_disagree(_member_grades(audits).values())
        submitted = sum(1 for a in audits.values() if a.status == "submitted")
        if disagreeing is None:  # blind: the agreed grade is hidden as well
            panel = None
        out.append(PlanSummary(
            plan_ref=ref.plan_ref, item=ref if ref.is_return else None, submitted=submitted,
            scorers=max(scorers, len(audits)),
            started=len(audits),
            moderated=panel is not None and panel.overall is not None,
            agreed_grade=panel.overall if panel else None,
            disagreements=disagreeing,
        ))
    return out


def format_signed(value: float | None, places: int = 2) -> str:
    """``+0.25``, ``−0.50`` (a real minus sign), ``0.00``; ``—`` when there is no value."""
    if value is None:
        return "—"
    if value == 0:
        return f"{0:.{places}f}"
    sign = "+" if value > 0 else "−"
    return f"{sign}{abs(value):.{places}f}"


def format_percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def format_alpha(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def split_name(name: str, width: int = 9) -> str:
    """``L. Chen (SEN casework)`` -> ``L. Chen`` / ``(SEN`` / ``casework)``: narrow header lines.

    The part before `` (`` stays on one line; the rest is wrapped at ``width`` characters.
    """
    head, sep, tail = name.partition(" (")
    lines = [head]
    current = ""
    for word in (f"({tail}".split() if sep else []):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return "\n".join(lines)


def short_name(name: str) -> str:
    """``R. Hughes (DCO)`` -> ``R. Hughes`` (chart labels)."""
    return name.partition(" (")[0]



def drift_items(stats: AgreementStats | None) -> list[tuple[str, float]]:
    """(member, mean difference from agreed) for members with something to compare."""
    if stats is None:
        return []
    return [(m.auditor, m.mean_difference_from_agreed) for m in stats.members.values()
            if m.mean_difference_from_agreed is not None]


def drift_axis_limit(items: Sequence[tuple[str, float]]) -> float:
    """A symmetric axis limit in quarter grades, at least half a grade."""
    biggest = max((abs(v) for _n, v in items), default=0.0)
    return max(0.5, math.ceil(biggest * 4) / 4)



def drift_description(items: Sequence[tuple[str, float]]) -> str:
    if not items:
        return "No agreed grades yet, so no calibration drift to show."
    return "; ".join(f"{name}: {format_signed(value)}" for name, value in items)



def clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"



def describe_answer(rubric: Rubric | None, question_id: str, value: object) -> str:
    """``P – Partly`` (for conflict questions and status lines); ``(blank)`` for none."""
    if value is None:
        return "(blank)"
    if rubric is not None and rubric.has_question(question_id):
        opt = rubric.question(question_id).option(str(value))
        if opt is not None:
            return f"{opt.code} – {opt.label}"
    return str(value)


def describe_grade(rubric: Rubric | None, grade: object) -> str:
    """``4 – Requires improvement``; ``(blank)`` for none."""
    if grade is None:
        return "(blank)"
    if rubric is None:
        return str(grade)
    try:
        return f"{grade} – {rubric.band_for(int(str(grade))).label}"
    except ValueError:
        return str(grade)


def member_label(name: str, role: str, can_moderate: bool) -> str:
    """The "I am" entry: the chair, observers and designated members say so."""
    if role == "chair":
        return f"{name} — chair"
    if role == "observer":
        return f"{name} — observer"
    return f"{name} — may record agreed scores" if can_moderate else name


def plan_title(view: PlanModeration, summary: PlanSummary | None,
               year_group_text: Callable[[int], str]) -> str:
    """``P-101 · Year 4 · primary · ASD — 3/3 submitted, not yet moderated``."""
    facts = view.facts
    bits = [view.key.label]
    if facts is not None:
        if facts.year_group is not None:
            bits.append(year_group_text(facts.year_group))
        bits += [b for b in (facts.phase and facts.phase.replace("_", " "),
                             facts.primary_need, facts.setting_type, facts.plan_type) if b]
    state = ""
    if summary is not None:
        moderated = ("agreed grade hidden" if summary.disagreements is None
                     else f"agreed grade {summary.agreed_grade}" if summary.moderated
                     else "not yet moderated")
        state = f" — {summary.submitted_text}, {moderated}"
    if not view.visible:
        state += " — members' scores hidden (blind scoring)"
    return " · ".join(bits) + state


def visible_agreement(data: SessionData, rubric: Rubric,
                      can_see: Callable[[ItemKey], bool]) -> tuple[AgreementStats, int]:
    """The session's agreement figures over the items (plans, or advice returns) this
    viewer may see (blind scoring), and how many were left out."""
    every: dict[ItemKey, dict[str, int | None]] = {}
    for a in data.member_audits():
        every.setdefault(a.item, {})[a.auditor] = a.overall
    grades = {p.log_key: g for p, g in every.items() if can_see(p)}
    agreed = {a.item.log_key: a.overall for a in data.panel_audits()
              if a.overall is not None and can_see(a.item)}
    stats = agreement_stats(grades, agreed, (rubric.overall.min, rubric.overall.max))
    return stats, len(every) - len(grades)


def cell_detail(row: GridRow, member: MemberColumn | None, on_rationale: bool,
                agencies_text: Callable[[Iterable[str]], str]) -> str:
    """The full question and the notes behind the current cell (rich text), for keyboard
    users who cannot hover for a tooltip."""
    if row.question is not None:
        parts = [f"<b>{html.escape(row.question.id)}</b>: {html.escape(row.question.text)}"]
    else:
        parts = [f"<b>{html.escape(row.label)}</b>"]
    notes = ({member.name: row.notes[member.name]} if member and member.name in row.notes
             else row.notes if member is None else {})
    if on_rationale and row.rationale:
        parts.append(f"Rationale: {html.escape(clip(row.rationale))}")
    for who, note in list(notes.items())[:3]:
        parts.append(f"<i>{html.escape(who)}</i>: {html.escape(clip(note))}")
    if member is not None and row.attributions.get(member.name):
        parts.append("Attributed to: " + html.escape(agencies_text(row.attributions[member.name])))
    if row.agreed_note and member is None:
        parts.append(f"<i>Agreed note</i>: {html.escape(clip(row.agreed_note))}")
    return "<br>".join(parts)
