"""Moderation as Qt models: one plan's answers side by side, the plan list, and agreement.

The first half of this module is plain Python (no Qt): it turns a session's
``SessionData`` and its rubric into the rows the moderation screen shows, so the
rules (what counts as a disagreement, when a rationale is needed, who may see
whose scores) can be tested without a window. The second half is thin Qt table
models over those rows (Vorta style: ``COL_*`` constants, named roles, one
``set_*`` that resets).

Edits to the agreed column are not saved here: ``ModerationGridModel.setData``
emits ``edit_requested(row_key, field, value)`` and the page saves through the
scoring service (with the version it loaded) and then reloads the rows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from qa_audit.domain import visibility
from qa_audit.domain.agreement import AgreementStats, disagreements, grades_disagree
from qa_audit.domain.audit import AuditRecord, PlanFacts, SessionData
from qa_audit.domain.rubric import Question, Rubric
from qa_audit.gui.band_colours import RAG_TINTS

AnyIndex = QModelIndex | QPersistentModelIndex

#: Row key of the overall-grade row (question ids never start with an underscore).
OVERALL_KEY = "__overall__"
#: Fields of a grid edit: the agreed answer/grade, its attribution (a tuple of agency ids),
#: its reason code, its rationale.
FIELD_VALUE, FIELD_AGENCY, FIELD_RATIONALE = "value", "agency", "rationale"
FIELD_REASON = "reason"

SHORTFALL_COLOUR = QColor("#b3261e")
DISAGREE_BACKGROUND = QColor("#fff2b3")
EDITABLE_BACKGROUND = QColor("#eaf1fb")
NEEDED_COLOUR = QColor("#b3261e")
MUTED_COLOUR = QColor("#6f777b")
#: Calibration drift: more generous than the panel (blue) or stricter (orange; darker as text).
GENEROUS_COLOUR = QColor("#1d70b8")
STRICTER_COLOUR = QColor("#f47738")
STRICTER_TEXT_COLOUR = QColor("#b34a00")

#: The raw value behind a cell (code, agency id or rationale), for delegates and tests.
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
#: ``[(label, value), ...]`` a combo editor offers for this cell (None: free text).
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 2
#: True on every cell of a row where members disagree.
DISAGREE_ROLE = Qt.ItemDataRole.UserRole + 3
#: True on a cell showing a shortfall answer.
SHORTFALL_ROLE = Qt.ItemDataRole.UserRole + 4
#: The row key (question id or ``OVERALL_KEY``).
ROW_KEY_ROLE = Qt.ItemDataRole.UserRole + 5
#: True on the rationale cell when the agreed value differs from a member's and has no rationale.
RATIONALE_NEEDED_ROLE = Qt.ItemDataRole.UserRole + 6
#: True on a cell whose editor picks several of ``CHOICES_ROLE`` (the agreed agencies).
MULTI_ROLE = Qt.ItemDataRole.UserRole + 7

BLANK_LABEL = "— (none)"


# ====================================================================== plain data

_NOT_SHOWN = object()


def _shown(role: int, label: str, what: str, value: object) -> Any:
    """The text, accessible text and raw value of an agreed attribution or reason cell;
    ``_NOT_SHOWN`` for any other role."""
    if role == Qt.ItemDataRole.DisplayRole:
        return label
    if role == Qt.ItemDataRole.AccessibleTextRole:
        return f"{what}: {label or 'none'}"
    if role in (VALUE_ROLE, Qt.ItemDataRole.EditRole):
        return value
    return _NOT_SHOWN



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
    """Blind scoring: the one rule, ``domain.visibility.can_see_others``."""
    return visibility.can_see_others(session_status, role, None if own is None else own.status)


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


def moderation_view(data: SessionData, rubric: Rubric, plan_ref: str,
                    members: Sequence[MemberColumn], *, visible: bool = True,
                    overall_rationale: str | None = None) -> PlanModeration:
    """The grid for one plan: applicable questions, then the overall grade.

    ``visible=False`` (blind scoring) leaves the members' values out entirely, and
    the panel's agreed row too (it was recorded by someone who has seen them, as the
    scoring screen also hides it), so nothing hidden can leak through a tooltip or a
    highlight.
    """
    facts = data.plans.get(plan_ref)
    plan_audits = [a for a in data.audits if a.plan_ref == plan_ref]
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
    return PlanModeration(plan_ref, facts, tuple(members), tuple(rows), panel, audits, visible)


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
                   can_see: Callable[[str], bool] | None = None) -> list[PlanSummary]:
    """The plan list: sampled plans in sample order, then any other plan with audits.

    ``can_see(plan_ref)``: whether the viewer may see the members' scores of that plan
    (blind scoring); where not, the count of disagreements is hidden too, since it
    tells a scorer who has not submitted how far the others are apart.
    """
    refs = list(data.sampled)
    refs += sorted({a.plan_ref for a in data.audits} - set(refs))
    scorers = len(members)
    # The counts of moderation_view(...).disagreement_count, without building every
    # plan's grid: the audits are grouped by plan once (not scanned once per plan) and
    # the questions that apply are worked out once per distinct set of plan facts.
    by_plan: dict[str, list[AuditRecord]] = {}
    for a in data.audits:
        by_plan.setdefault(a.plan_ref, []).append(a)
    applicable: dict[tuple[tuple[str, object], ...], list[Question]] = {}
    out = []
    for ref in refs:
        plan_audits = by_plan.get(ref, [])
        panel = next((a for a in plan_audits if a.is_panel), None)
        audits = {a.auditor: a for a in plan_audits if not a.is_panel}
        facts = data.plans.get(ref)
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
            plan_ref=ref, submitted=submitted, scorers=max(scorers, len(audits)),
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


# ====================================================================== Qt models


class ModerationGridModel(QAbstractTableModel):
    """Rows = applicable questions + the overall grade; columns = question, members,
    Agreed, Attribution, Rationale."""

    #: (row key, field, new value or None): the page saves it through the scoring service.
    edit_requested = Signal(str, str, object)

    COL_QUESTION = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view: PlanModeration | None = None
        self._rubric: Rubric | None = None
        self._editable = False
        self._agency_labels: dict[str, str] = {}
        self._has_reasons = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # ----------------------------------------------------------- data in

    def set_view(self, view: PlanModeration | None, rubric: Rubric | None, editable: bool) -> None:
        self.beginResetModel()
        self._view, self._rubric, self._editable = view, rubric, editable
        self._agency_labels = {a.id: a.label for a in rubric.agencies} if rubric else {}
        self._has_reasons = rubric is not None and any(q.reasons for q in rubric.questions())
        self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        if editable != self._editable:
            self._editable = editable
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(self.rowCount() - 1, self.columnCount() - 1))

    @property
    def editable(self) -> bool:
        return self._editable

    @property
    def view(self) -> PlanModeration | None:
        return self._view

    # ----------------------------------------------------------- columns

    @property
    def member_count(self) -> int:
        return len(self._view.members) if self._view else 0

    @property
    def agreed_column(self) -> int:
        return self.member_count + 1

    @property
    def agency_column(self) -> int:
        return self.member_count + 2

    @property
    def reason_column(self) -> int:
        """The agreed reason's column, only when the rubric offers reasons (else -1)."""
        return self.member_count + 3 if self._has_reasons else -1

    @property
    def rationale_column(self) -> int:
        return self.member_count + (4 if self._has_reasons else 3)

    def member_at(self, column: int) -> MemberColumn | None:
        if self._view and 1 <= column <= self.member_count:
            return self._view.members[column - 1]
        return None

    def row_of(self, key: str) -> int:
        if self._view:
            for i, r in enumerate(self._view.rows):
                if r.key == key:
                    return i
        return -1

    def row_at(self, row: int) -> GridRow:
        assert self._view is not None
        return self._view.rows[row]

    def cell(self, key: str, column: int) -> QModelIndex:
        row = self.row_of(key)
        return self.index(row, column) if row >= 0 else QModelIndex()

    # ------------------------------------------------------- Qt interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self._view is None else len(self._view.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self._view is None else self.rationale_column + 1

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        member = self.member_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == self.COL_QUESTION:
                return "Question"
            if member is not None:
                return split_name(member.name)
            return {self.agreed_column: "Agreed", self.agency_column: "Attribution",
                    self.reason_column: "Reason", self.rationale_column: "Rationale"}[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            if member is not None:
                bits = [member.role or "not on the panel"]
                if member.agency:
                    bits.append(self._agency_labels.get(member.agency, member.agency))
                return f"{member.name} ({', '.join(bits)})"
            return {self.COL_QUESTION: "Questions that apply to this plan",
                    self.agreed_column: "The panel's agreed answer (Enter to edit)",
                    self.agency_column: "Agencies the agreed shortfall is attributed to",
                    self.reason_column: "Why the agreed answer is a shortfall or N/A",
                    self.rationale_column: "Why the agreed answer differs from a member's",
                    }.get(section)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren
        if self._is_editable(index.row(), index.column()):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def _is_editable(self, row: int, column: int) -> bool:
        if not self._editable or self._view is None:
            return False
        r = self._view.rows[row]
        if column == self.agreed_column:
            return True
        if column == self.agency_column:
            return not r.is_overall and r.is_shortfall(r.agreed)
        if column == self.reason_column:
            return bool(r.reasons_offered(r.agreed))
        if column == self.rationale_column:
            return r.agreed is not None
        return False

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._view is None or not 0 <= index.row() < self.rowCount():
            return None
        r = self._view.rows[index.row()]
        column = index.column()
        if role == ROW_KEY_ROLE:
            return r.key
        if role == DISAGREE_ROLE:
            return r.disagree
        if column == self.COL_QUESTION:
            return self._question_data(r, role)
        member = self.member_at(column)
        if member is not None:
            return self._member_data(r, member, role)
        if column == self.agreed_column:
            return self._agreed_data(r, role)
        if column == self.agency_column:
            return self._agency_data(r, role)
        if column == self.reason_column:
            return self._reason_data(r, role)
        if column == self.rationale_column:
            return self._rationale_data(r, role)
        return None

    def setData(self, index: AnyIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._view is None:
            return False
        if not self._is_editable(index.row(), index.column()):
            return False
        r = self._view.rows[index.row()]
        column = index.column()
        new: Any = None if value is None or not str(value).strip() else str(value).strip()
        current: object
        if column == self.agency_column:
            chosen = (value,) if isinstance(value, str) else tuple(value or ())
            order = list(self._agency_labels)
            new = tuple(sorted({str(a) for a in chosen if a},
                               key=lambda a: (order.index(a) if a in order else len(order), a)))
            what, current = FIELD_AGENCY, r.agreed_agencies
        elif column == self.agreed_column:
            what, current = FIELD_VALUE, r.agreed
        elif column == self.reason_column:
            what, current = FIELD_REASON, r.agreed_reason
        else:
            what, current = FIELD_RATIONALE, r.rationale
        if new == current:
            return False
        self.edit_requested.emit(r.key, what, new)
        return True

    # ------------------------------------------------------- cell roles

    def _question_data(self, r: GridRow, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = r.label
            if role == Qt.ItemDataRole.AccessibleTextRole and r.disagree:
                text += " (members disagree)"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if r.question is None:
                tip = "Members' overall grades; the agreed grade is recorded by the moderator."
                if r.disagree:
                    tip += "\nMembers' grades are more than one apart."
                return tip
            q = r.question
            lines = [f"{q.id}: {q.text}"]
            if q.descriptor:
                lines.append(q.descriptor)
            if r.disagree:
                lines.append("Members gave different answers.")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole and r.disagree:
            return QBrush(DISAGREE_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and (r.disagree or r.is_overall):
            return self._bold
        return None

    def _grade_rag(self, text: str | None) -> str | None:
        if text is None or self._rubric is None:
            return None
        try:
            return self._rubric.band_for(int(text)).rag
        except ValueError:
            return None

    def _member_data(self, r: GridRow, member: MemberColumn, role: int) -> Any:
        value = r.values.get(member.name)
        started = self._view is not None and member.name in self._view.audits
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if not started:
                return "" if role == Qt.ItemDataRole.DisplayRole else f"{member.name}: not scored"
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{member.name}: {self._describe(r, value) or 'no answer'}"
            return value or ""
        if role == VALUE_ROLE:
            return value
        if role == SHORTFALL_ROLE:
            return r.is_shortfall(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._member_tooltip(r, member, value, started)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if r.is_overall and value is not None:
                rag = self._grade_rag(value)
                if rag in RAG_TINTS:
                    return QBrush(QColor(RAG_TINTS[rag]))
            if r.disagree:
                return QBrush(DISAGREE_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.is_shortfall(value):
                return QBrush(SHORTFALL_COLOUR)
            if member.name in r.drafts:
                return QBrush(MUTED_COLOUR)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if member.name in r.drafts:
                return self._italic
            if r.is_shortfall(value) or (r.is_overall and value):
                return self._bold
        return None

    def _describe(self, r: GridRow, value: str | None) -> str:
        """``P – Partly`` for a code, ``6 – Good`` for a grade."""
        if value is None:
            return ""
        if r.is_overall:
            if self._rubric is None:
                return value
            try:
                return f"{value} – {self._rubric.band_for(int(value)).label}"
            except ValueError:
                return value
        opt = r.question.option(value) if r.question else None
        return f"{value} – {opt.label}" if opt else value

    def _member_tooltip(self, r: GridRow, member: MemberColumn, value: str | None,
                        started: bool) -> str:
        if not started:
            return f"{member.name} has not scored this plan."
        lines = [f"{member.name}: {self._describe(r, value) or 'no answer yet'}"]
        if member.name in r.drafts:
            lines.append("Draft: not submitted yet.")
        if r.is_shortfall(value):
            lines.append("Shortfall.")
        agencies = r.attributions.get(member.name)
        if agencies:
            lines.append(f"Attributed to: {self.agencies_text(agencies)}")
        reason = r.reasons.get(member.name)
        if reason:
            lines.append(f"Reason: {dict(r.reasons_offered(value)).get(reason, reason)}")
        note = r.notes.get(member.name)
        if note:
            lines.append(f"Note: {note}")
        return "\n".join(lines)

    def _agreed_data(self, r: GridRow, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return r.agreed or ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Agreed: {self._describe(r, r.agreed) or 'not yet agreed'}"
        if role in (VALUE_ROLE, Qt.ItemDataRole.EditRole):
            return r.agreed
        if role == SHORTFALL_ROLE:
            return r.is_shortfall(r.agreed)
        if role == CHOICES_ROLE:
            return self._value_choices(r)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"Agreed: {self._describe(r, r.agreed) or 'not yet agreed'}"]
            if r.agreed_note:
                lines.append(f"Note: {r.agreed_note}")
            lines.append("Enter to change it." if self._editable else
                         "Read-only: only the chair or a designated member records agreed scores.")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole:
            if r.is_overall and r.agreed is not None:
                rag = self._grade_rag(r.agreed)
                if rag in RAG_TINTS:
                    return QBrush(QColor(RAG_TINTS[rag]))
            return QBrush(EDITABLE_BACKGROUND) if self._editable else None
        if role == Qt.ItemDataRole.ForegroundRole and r.is_shortfall(r.agreed):
            return QBrush(SHORTFALL_COLOUR)
        if role == Qt.ItemDataRole.FontRole and r.agreed is not None:
            return self._bold
        return None

    def _value_choices(self, r: GridRow) -> list[tuple[str, str | None]]:
        choices: list[tuple[str, str | None]] = [(BLANK_LABEL, None)]
        if r.is_overall:
            if self._rubric is not None:
                for grade in range(self._rubric.overall.min, self._rubric.overall.max + 1):
                    choices.append((self._describe(r, str(grade)), str(grade)))
            return choices
        assert r.question is not None
        for code in r.question.valid_answers():
            choices.append((self._describe(r, code), code))
        return choices

    def agencies_text(self, ids: Iterable[str]) -> str:
        """``"Health, Social care"`` for agency ids ("" for none)."""
        return ", ".join(self._agency_labels.get(a, a) for a in ids)

    def _agency_data(self, r: GridRow, role: int) -> Any:
        if r.is_overall:
            return None
        label = self.agencies_text(r.agreed_agencies)
        shown = _shown(role, label, "Attribution", r.agreed_agencies)
        if shown is not _NOT_SHOWN:
            return shown
        if role == CHOICES_ROLE:
            return [(lab, aid) for aid, lab in self._agency_labels.items()]
        if role == MULTI_ROLE:
            return True
        if role == Qt.ItemDataRole.ToolTipRole:
            counts = Counter(a for given in r.attributions.values() for a in set(given))
            lines = [f"Attributed to: {label}" if label else
                     ("Attribute this shortfall to one or more agencies."
                      if r.is_shortfall(r.agreed)
                      else "Only a shortfall is attributed to an agency.")]
            for agency, n in counts.most_common():
                lines.append(f"{n} member(s): {self._agency_labels.get(agency, agency)}")
            for who, given in r.attributions.items():
                lines.append(f"{who}: {self.agencies_text(given)}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole and self._is_editable_row_agency(r):
            return QBrush(EDITABLE_BACKGROUND)
        return None

    def _reason_data(self, r: GridRow, role: int) -> Any:
        if r.is_overall:
            return None
        offered = r.reasons_offered(r.agreed)
        label = dict(offered).get(r.agreed_reason or "", r.agreed_reason or "")
        shown = _shown(role, label, "Reason", r.agreed_reason)
        if shown is not _NOT_SHOWN:
            return shown
        if role == CHOICES_ROLE:
            return [(BLANK_LABEL, None), *((lab, code) for code, lab in offered)]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"Reason: {label}" if label else
                     ("Give a reason for this answer." if offered
                      else "This answer has no reasons to give.")]
            for who, code in r.reasons.items():
                lines.append(f"{who}: {dict(r.reasons_offered(r.values.get(who))).get(code, code)}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole and self._editable and offered:
            return QBrush(EDITABLE_BACKGROUND)
        return None

    def _is_editable_row_agency(self, r: GridRow) -> bool:
        return self._editable and r.is_shortfall(r.agreed)

    def _rationale_data(self, r: GridRow, role: int) -> Any:
        needed = r.rationale_needed
        if role == Qt.ItemDataRole.DisplayRole:
            if r.rationale:
                return r.rationale
            return "Rationale needed" if needed else ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Rationale: {r.rationale or ('needed' if needed else 'none')}"
        if role in (VALUE_ROLE, Qt.ItemDataRole.EditRole):
            return r.rationale or ""
        if role == RATIONALE_NEEDED_ROLE:
            return needed
        if role == Qt.ItemDataRole.ToolTipRole:
            if r.rationale:
                return r.rationale
            if needed:
                return "The agreed answer differs from a member's: say why (Enter to edit)."
            return None
        if role == Qt.ItemDataRole.ForegroundRole and needed:
            return QBrush(NEEDED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and needed:
            return self._italic
        if role == Qt.ItemDataRole.BackgroundRole and self._editable and r.agreed is not None:
            return QBrush(EDITABLE_BACKGROUND)
        return None


class PlanListModel(QAbstractTableModel):
    """The session's plans: submitted count, moderated or not, disagreements."""

    COL_PLAN, COL_SUBMITTED, COL_MODERATED, COL_DISAGREE = range(4)
    HEADERS = ("Plan", "Sent", "Agreed", "Differ")
    TIPS = ("Plan reference", "Members who have submitted their scores (of those scoring)",
            "Agreed overall grade, once moderated",
            "Questions (and the overall grade) where members disagree")
    SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PlanSummary] = []
        self._rubric: Rubric | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[PlanSummary], rubric: Rubric | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._rubric = rubric
        self.endResetModel()

    def rows(self) -> list[PlanSummary]:
        return list(self._rows)

    def row_of(self, plan_ref: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.plan_ref == plan_ref), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.TIPS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role == self.SUMMARY_ROLE:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.COL_PLAN: r.plan_ref,
                self.COL_SUBMITTED: f"{r.submitted}/{r.scorers}",
                self.COL_MODERATED: str(r.agreed_grade) if r.moderated else "—",
                self.COL_DISAGREE: "—" if r.disagreements is None
                else str(r.disagreements) if r.disagreements else "",
            }[column]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            state = (f"moderated, agreed grade {r.agreed_grade}" if r.moderated
                     else "not yet moderated")
            if r.disagreements is None:
                return (f"{r.plan_ref}: {r.submitted_text}; agreed grade and disagreements "
                        "hidden until you submit your own scores (blind scoring)")
            return f"{r.plan_ref}: {r.submitted_text}, {state}, {r.disagreements} disagreement(s)"
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.COL_PLAN:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and column == self.COL_PLAN and not r.moderated:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == self.COL_MODERATED and r.moderated and self._rubric is not None \
                    and r.agreed_grade is not None:
                rag = self._rubric.band_for(r.agreed_grade).rag
                if rag in RAG_TINTS:
                    return QBrush(QColor(RAG_TINTS[rag]))
            if column == self.COL_DISAGREE and r.disagreements:
                return QBrush(DISAGREE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_SUBMITTED \
                and r.submitted < r.scorers:
            return QBrush(MUTED_COLOUR)
        return None


class MemberAgreementModel(QAbstractTableModel):
    """Per member: plans graded, agreement with the others, drift from the agreed grade."""

    COL_MEMBER, COL_GRADED, COL_DRIFT, COL_COMPARED, COL_EXACT, COL_WITHIN = range(6)
    HEADERS = ("Member", "Graded", "Drift", "Compared", "Exact", "Within 1")
    TIPS = (
        "Panel member",
        "Plans this member gave an overall grade",
        "Mean of (member's grade − agreed grade), in grades",
        "Plans with both this member's grade and an agreed grade",
        "Pairs with another member where both gave the same grade",
        "Pairs with another member where the grades were at most one apart",
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []  # MemberAgreement
        self._rubric: Rubric | None = None

    def set_stats(self, stats: AgreementStats | None, rubric: Rubric | None = None) -> None:
        """Show these figures; the rubric says which way is generous (1 may be best)."""
        self.beginResetModel()
        self._rows = list(stats.members.values()) if stats else []
        self._rubric = rubric
        self.endResetModel()

    def _generosity(self, drift: float) -> float:
        return self._rubric.generosity(drift) if self._rubric is not None else drift

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.TIPS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return {
                self.COL_MEMBER: m.auditor,
                self.COL_GRADED: str(m.plans_graded),
                self.COL_EXACT: format_percent(m.exact_percent),
                self.COL_WITHIN: format_percent(m.within_one_percent),
                self.COL_DRIFT: format_signed(m.mean_difference_from_agreed),
                self.COL_COMPARED: str(m.plans_compared),
            }[column]
        if role == VALUE_ROLE:
            return {
                self.COL_MEMBER: m.auditor, self.COL_GRADED: m.plans_graded,
                self.COL_EXACT: m.exact_percent, self.COL_WITHIN: m.within_one_percent,
                self.COL_DRIFT: m.mean_difference_from_agreed,
                self.COL_COMPARED: m.plans_compared,
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_DRIFT:
                drift = m.mean_difference_from_agreed
                if drift is None:
                    return "No agreed grades to compare with yet."
                if drift == 0:
                    return f"{m.auditor} grades in line with the agreed grade on average."
                lean = "more generous" if self._generosity(drift) > 0 else "stricter"
                return (f"{m.auditor} grades {abs(drift):.2f} {lean} than the agreed grade on "
                        f"average, over {m.plans_compared} plan(s).")
            return self.TIPS[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.COL_MEMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_DRIFT \
                and m.mean_difference_from_agreed:
            return QBrush(GENEROUS_COLOUR if self._generosity(m.mean_difference_from_agreed) > 0
                          else STRICTER_TEXT_COLOUR)
        return None
