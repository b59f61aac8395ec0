"""What the Scoring page shows and allows, decided without Qt.

The page (``gui.pages.scoring_page``) holds the widgets and the wiring; this
presenter holds the state of the screen (which session, member and plan, the
member's own audit) and answers its questions: which member to score as, whether
the form is read-only and why, what the side panel and status line say, and
whether the other members' scores may be shown (``domain.permissions.can_see_scores``, the one
blind-scoring rule). Tested in ``tests/unit/test_scoring_presenter.py``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from qa_audit.domain import permissions
from qa_audit.domain.audit import AuditRecord
from qa_audit.domain.items import ItemKey, as_item
from qa_audit.domain.rubric import Rubric
from qa_audit.gui.scoring.answers import AnswerState, na_key
from qa_audit.services.rubric_view import NEED_NAMES, year_group_label
from qa_audit.services.sampling import SampleRow
from qa_audit.services.sessions import SessionInfo
from qa_audit.services.submission import Completeness

NOT_STARTED = "not started"
DRAFT = "draft"
SUBMITTED = "submitted"
#: Session statuses in which scoring goes on (the page opens one of these first).
OPEN_STATUSES = ("planning", "scoring")
SETTING_MEMBER = "scoring/member/{session}"


def setting_key(session: str) -> str:
    """The settings key remembering who scores in a session ("I am")."""
    return SETTING_MEMBER.format(session=session.replace("/", "_"))


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


@dataclass(frozen=True)
class PlanProgress:
    """One sampled item (a plan, or an advice return of it) as the member sees it in the
    plan list; a return is labelled with its service and requested date."""

    plan_ref: str
    answered: int
    applicable: int
    status: str  # not started | draft | submitted
    graded: bool = False
    item: ItemKey | None = None  # None: the plan as a whole

    @property
    def key(self) -> ItemKey:
        return self.item if self.item is not None else ItemKey(self.plan_ref)

    @property
    def text(self) -> str:
        return f"{self.key.label}   {self.answered}/{self.applicable} answered"

    @property
    def spoken(self) -> str:
        return f"{self.key.label}, {self.answered} of {self.applicable} answered, {self.status}"


@dataclass(frozen=True)
class ProgressRow:
    """One panel member's row of the session table."""

    member: str
    role: str
    submitted: int
    drafts: int
    plans: int


@dataclass(frozen=True)
class Controls:
    """Whether the form may be changed, and which of Submit / Reopen show."""

    read_only_reason: str | None
    submit_enabled: bool
    submit_visible: bool
    reopen_visible: bool


@dataclass(frozen=True)
class OthersView:
    """Everyone's answers: the table (with these audits) or only a line of text."""

    show_table: bool
    text: str
    audits: tuple[AuditRecord, ...] = ()


@dataclass(frozen=True)
class FactsView:
    """The plan's facts in the side panel (the issue date is formatted by the view)."""

    plan_ref: str
    year: str = ""
    need: str = ""
    setting: str = ""
    team: str = ""
    weeks: str = ""
    weeks_late: bool = False
    known: bool = False


@dataclass
class ScoringPresenter:
    """The state of the Scoring page and the decisions made from it."""

    sessions: dict[str, SessionInfo] = field(default_factory=dict)
    session: SessionInfo | None = None
    rubric: Rubric | None = None
    member: str | None = None
    plan_ref: str | None = None
    item_key: ItemKey | None = None  # the item on screen (an advice return, or the plan)
    own: AuditRecord | None = None
    sample: dict[str, SampleRow] = field(default_factory=dict)
    facts: dict[str, dict[str, object]] = field(default_factory=dict)
    member_choice: dict[str, str] = field(default_factory=dict)
    plan_choice: dict[tuple[str, str], ItemKey] = field(default_factory=dict)

    @property
    def item(self) -> ItemKey | None:
        """The item on screen: the plan ref's advice return when one was chosen."""
        if self.plan_ref is None:
            return None
        if self.item_key is not None and self.item_key.plan_ref == self.plan_ref:
            return self.item_key
        return ItemKey(self.plan_ref)

    # ------------------------------------------------------------ choosing

    def set_sessions(self, infos: Sequence[SessionInfo]) -> str | None:
        """Keep the list; the session to show: the current one if it is still there,
        else the first open one, else the first."""
        self.sessions = {s.name: s for s in infos}
        current = self.session.name if self.session else None
        if not infos or current in self.sessions:
            return current if infos else None
        open_ones = [s for s in infos if s.status in OPEN_STATUSES]
        return (open_ones[0] if open_ones else infos[0]).name

    def pick_member(self, info: SessionInfo, explicit: str | None, stored: object,
                    os_user: str) -> str | None:
        """Who scores: asked for, else chosen before (this run, then the settings), else the
        member whose name starts with the OS account, else the first who scores."""
        names = [m.name for m in info.members]
        choice = explicit or self.member_choice.get(info.name)
        if choice is None and isinstance(stored, str):
            choice = stored
        if choice not in names:
            user = os_user.casefold()
            choice = next((m.name for m in info.members
                           if m.name.casefold().startswith(user)), None)
        if choice not in names:
            choice = next((m.name for m in info.members if m.role != "observer"),
                          names[0] if names else None)
        return choice

    def remember_plan(self, plan_ref: str | ItemKey) -> None:
        item = as_item(plan_ref)
        self.plan_ref, self.item_key = item.plan_ref, item
        if self.session is not None and self.member:
            self.plan_choice[(self.session.name, self.member)] = item

    def remembered_plan(self) -> ItemKey | None:
        if self.session is None:
            return None
        return self.plan_choice.get((self.session.name, self.member or ""))

    def set_sample(self, rows: Sequence[SampleRow]) -> None:
        """The sampled plans still in the sample (withdrawn ones are not scored)."""
        self.sample = {r.plan_ref: r for r in rows if r.withdrawn_reason is None}

    def take_audits(self, audits: Sequence[AuditRecord]) -> None:
        """The plan's visible audits: find the member's own among them."""
        self.own = next((a for a in audits if a.auditor == self.member and not a.is_panel),
                        None)

    # ------------------------------------------------------------ the form

    def member_role(self) -> str | None:
        if self.session is None:
            return None
        return next((m.role for m in self.session.members if m.name == self.member), None)

    @property
    def submitted(self) -> bool:
        return self.own is not None and self.own.status == SUBMITTED

    def controls(self) -> Controls:
        """Read-only (and why), and the state of Submit and Reopen."""
        assert self.session is not None
        role = self.member_role()
        reason = None
        if self.session.read_only:
            reason = (f"{self.session.name} is closed: its scores can be read but no longer "
                      "changed.")
        elif self.member is None:
            reason = "This session has no panel members yet: add them before scoring."
        elif role == "observer":
            reason = f"{self.member} is an observer and does not score plans."
        elif self.submitted:
            reason = ("You have submitted this audit, so it is read-only. Reopen it to change "
                      "your scores.")
        can_change = not self.session.read_only and role not in (None, "observer")
        return Controls(reason, can_change and not self.submitted, not self.submitted,
                        can_change and self.submitted)

    def answer_states(self) -> dict[str, AnswerState]:
        """The member's saved answers as form states (question id -> state)."""
        own = self.own
        if own is None or self.rubric is None:
            return {}
        known = {q.id for q in self.rubric.questions()}
        return {qid: AnswerState(own.answers.get(qid), own.attributions.get(qid, ()),
                                 own.notes.get(qid), own.reasons.get(qid))
                for qid in set(own.answers) | set(own.notes) if qid in known}

    # ------------------------------------------------------------ progress

    def plan_progress(self, plan_ref: str | ItemKey, audit: AuditRecord | None
                      ) -> PlanProgress:
        """A plan-list row from the member's saved audit of the plan (or return)."""
        assert self.rubric is not None
        item = as_item(plan_ref)
        ref, key = item.plan_ref, item if item.is_return else None
        applicable = self.rubric.applicable_questions(self.facts.get(ref, {}))
        if audit is None:
            return PlanProgress(ref, 0, len(applicable), NOT_STARTED, item=key)
        answered = sum(1 for q in applicable if audit.answers.get(q.id))
        status = SUBMITTED if audit.status == SUBMITTED else DRAFT
        return PlanProgress(ref, answered, len(applicable), status,
                            audit.overall is not None, item=key)

    def progress_rows(self, sampled: Sequence[str | ItemKey],
                      own: Mapping[ItemKey, AuditRecord] | Mapping[str, AuditRecord]
                      ) -> list[PlanProgress]:
        """One row per sampled item (two returns of a plan: two rows); ``own`` is keyed
        by item (plain plan refs are accepted for the plan as a whole)."""
        found: Mapping[Any, AuditRecord] = own
        return [self.plan_progress(x, found.get(x, found.get(as_item(x))))
                for x in sampled if as_item(x).plan_ref in self.sample]

    def plan_status(self, answered: int, applicable: int,
                    grade: int | None) -> tuple[str, PlanProgress | None]:
        """The status line under the progress bar, and the plan-list row as it now is."""
        if grade is not None and self.rubric is not None:
            grade_text = f"Overall grade {grade} ({self.rubric.band_for(grade).label})."
        else:
            grade_text = "No overall grade yet."
        started = answered or grade is not None or self.own is not None
        code = SUBMITTED if self.submitted else DRAFT if started else NOT_STARTED
        text = {SUBMITTED: "Submitted.", DRAFT: "Draft: saved as you go.",
                NOT_STARTED: "Not started."}[code]
        item = self.item
        row = (PlanProgress(item.plan_ref, answered, applicable, code, grade is not None,
                            item if item.is_return else None) if item else None)
        return f"{text} {grade_text}", row

    # ------------------------------------------------------------ side panel

    def others_view(self, audits: Sequence[AuditRecord]) -> OthersView:
        """Blind scoring: the others' scores only once the domain rule allows it."""
        if self.member is None or self.session is None or not permissions.can_see_scores(
                self.session.status, self.member_role(),
                self.own is not None and self.own.status == "submitted"):
            return OthersView(False, "Other members' scores are hidden until you submit yours.")
        others = [a for a in audits if a.auditor != self.member or a.is_panel]
        if not others:
            return OthersView(False, "No other member has scored this plan yet.")
        drafts = [a.auditor for a in others if not a.is_panel and a.status != SUBMITTED]
        note = f" Still in draft: {', '.join(drafts)}." if drafts else ""
        return OthersView(True, f"Everyone's scores for this plan side by side.{note}",
                          tuple(audits))

    def facts_view(self, plan_ref: str) -> FactsView:
        row = self.sample.get(plan_ref)
        if row is None:
            return FactsView(plan_ref)
        need = row.primary_need or ""
        name = NEED_NAMES.get(need)
        if row.request_date is None:
            weeks, late = "request date not recorded", False
        else:
            weeks, late = row.timeliness(), bool(row.late)
        return FactsView(
            plan_ref, year_group_label(row.year_group) or "not recorded",
            f"{need} – {name}" if name else (need or "not recorded"),
            row.setting_type or "not recorded", row.team or "not recorded",
            weeks, late, known=True)

    def help_text(self) -> str:
        """The keys line under the form, with this rubric's answer keys and grades."""
        return "Keys: " + " · ".join(p for p in _help_parts(self.rubric) if p)


def _help_parts(rubric: Rubric | None) -> list[str]:
    keys: dict[str, str] = {}
    has_scale = False
    grades = ""
    if rubric is not None:
        for q in rubric.questions():
            has_scale = has_scale or q.type == "scale"
            for opt in q.options:
                if opt.key:
                    keys.setdefault(opt.key.upper(), opt.label)
            if q.allows_na and (k := na_key(q)):
                keys.setdefault(k, "N/A")
        best = f" ({rubric.best_grade} = best)" if rubric.best_is_low else ""
        grades = f"<b>{rubric.overall.min}</b>–<b>{rubric.overall.max}</b> grade{best}"
        if has_scale:
            grades = "digits: scale level or grade"
    answer_keys = ", ".join(f"<b>{html.escape(k)}</b> {html.escape(v)}"
                            for k, v in keys.items())
    return [
        "<b>J</b>/<b>K</b> or <b>↓</b>/<b>↑</b> next/previous question",
        f"{answer_keys} answer and move on" if answer_keys else "",
        grades,
        "<b>Backspace</b> clear",
        "<b>Enter</b> attribution &amp; note, <b>Esc</b> back",
        "<b>F1</b> guidance",
        "<b>Ctrl+Z</b> undo, <b>Ctrl+Shift+Z</b> redo",
        "<b>Ctrl+Enter</b> submit",
        "<b>Alt+←/→</b> previous/next plan",
        "<b>F4</b> plan document, <b>F6</b> form ⇄ plan, <b>Ctrl+Shift+Q</b> (in the plan) "
        "quote as evidence",
    ]


# ---------------------------------------------------------------- saving


def save_status(pending: int, unsaved: int | None, stamp: str) -> tuple[str, str]:
    """The status label's text and state (``saved``, ``saving``, ``error``);
    ``unsaved`` is None when no save has failed."""
    if unsaved is not None:
        return f"Not saved: {plural(unsaved, 'change')} kept on screen (Retry)", "error"
    if pending:
        return f"Saving {plural(pending, 'change')}…", "saving"
    return f"All changes saved ({stamp})", "saved"


def unsaved_message(error: str, items: Sequence[str]) -> str:
    """The banner after a failed save: what went wrong and which changes wait."""
    what = "; ".join(items[:3]) + ("…" if len(items) > 3 else "")
    return (f"Not saved: {error} Your change stays on screen ({what}). Retry when the "
            "problem is fixed.")


# ---------------------------------------------------------------- submitting


def missing_html(check: Completeness, questions: Mapping[str, tuple[int, str]], *,
                 quiet: bool) -> str:
    """The list of what is still missing; ``questions``: id -> (number, wording)."""
    items = [f"<li>Q{questions[q][0]}: {html.escape(questions[q][1])}</li>"
             for q in check.missing_questions]
    if check.missing_overall:
        items.append("<li>the overall grade</li>")
    count = len(check.missing_questions) + int(check.missing_overall)
    head = "Not submitted yet. Still missing" if not quiet else "Still missing"
    return f"<b>{head} ({count}):</b><ul style='margin-left:-20px'>{''.join(items)}</ul>"


def missing_text(check: Completeness, numbers: Mapping[str, int]) -> str:
    """What is missing as one sentence (for screen readers and the status bar)."""
    parts = [f"Q{numbers[q]} ({q})" for q in check.missing_questions]
    if check.missing_overall:
        parts.append("the overall grade")
    return "Still missing: " + ", ".join(parts) + "."


def quote_refusal(has_question: bool, read_only_reason: str | None, editable: bool,
                  applicable: bool, number: int) -> str | None:
    """Why a quote from the plan pane cannot go into the current question (None: it can)."""
    if not has_question:
        return ("Choose the question first (click it, or J/K), then quote: the quote goes "
                "into that question's evidence note.")
    if not editable:
        reason = read_only_reason or "this audit cannot be changed."
        return f"The quote was not added: {reason}"
    if not applicable:
        return (f"Question {number} does not apply to this plan, so the quote was not "
                "added.")
    return None
