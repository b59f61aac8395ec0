"""Agreeing at the speed of talk, without Qt: what one keystroke or action changes.

Every change to the agreed column is an ``AgreedChange`` (a row's state before and
after), so one undo command can hold a single typed answer or the whole of
"agree where unanimous", and the saver can record either in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from qa_audit.gui.moderation.presenter import OVERALL_KEY, GridRow, PlanModeration


@dataclass(frozen=True)
class AgreedState:
    """One row's agreed answer (or grade, as text), attribution, reason, rationale and note."""

    value: str | None
    agencies: tuple[str, ...] = ()
    reason: str | None = None
    rationale: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class AgreedChange:
    """One row of the agreed column, before and after an edit."""

    key: str
    before: AgreedState
    after: AgreedState

    @property
    def is_overall(self) -> bool:
        return self.key == OVERALL_KEY

    def reversed(self) -> AgreedChange:
        return AgreedChange(self.key, self.after, self.before)


def apply_to_view(view: PlanModeration, changes: Iterable[AgreedChange]) -> PlanModeration:
    """The plan as it looks with ``changes`` agreed (each row takes its ``after``)."""
    after = {c.key: c.after for c in changes}
    rows = tuple(with_state(r, after[r.key]) if r.key in after else r for r in view.rows)
    return replace(view, rows=rows)


def agreed_state(row: GridRow) -> AgreedState:
    """The state a row shows now."""
    return AgreedState(row.agreed, row.agreed_agencies, row.agreed_reason, row.rationale,
                       row.agreed_note)


def with_state(row: GridRow, state: AgreedState) -> GridRow:
    """The row as it looks once ``state`` is agreed (shown before the save finishes)."""
    return replace(row, agreed=state.value, agreed_agencies=state.agencies,
                   agreed_reason=state.reason, rationale=state.rationale,
                   agreed_note=state.note)


def with_value(row: GridRow, value: str | None) -> AgreedState:
    """The agreed state after choosing ``value``: a new shortfall takes the members'
    majority attribution; an answer that is not a shortfall has none."""
    state = agreed_state(row)
    agencies = state.agencies
    if not row.is_overall:
        if not row.is_shortfall(value):
            agencies = ()
        elif not agencies:
            agencies = row.majority_attribution()
    return replace(state, value=value, agencies=agencies)


def submitted_members(view: PlanModeration) -> list[str]:
    """Members whose scores of this plan are submitted (drafts do not count)."""
    return [who for who, audit in view.audits.items() if audit.status == "submitted"]


def unanimous_value(row: GridRow, submitted: Sequence[str]) -> str | None:
    """The answer (or grade) every submitted member gave alike; None when any differs,
    left it blank, or nobody has submitted."""
    if not submitted:
        return None
    given = [row.values.get(who) for who in submitted]
    if any(v is None or not v.strip() for v in given):
        return None
    first = str(given[0]).strip()
    return first if all(str(v).strip().casefold() == first.casefold() for v in given) else None


def _common_reason(row: GridRow, submitted: Sequence[str]) -> str | None:
    reasons = {row.reasons.get(who) for who in submitted}
    return reasons.pop() if len(reasons) == 1 else None


def unanimous_changes(view: PlanModeration) -> list[AgreedChange]:
    """"Agree where unanimous": every row not yet agreed whose submitted members all
    agree takes their answer (with their attribution and common reason); the overall
    grade too when their grades are the same. Rows already agreed are left alone."""
    submitted = submitted_members(view)
    changes = []
    for row in view.rows:
        if row.agreed is not None:
            continue
        value = unanimous_value(row, submitted)
        if value is None:
            continue
        after = with_value(row, value)
        if not row.is_overall:
            after = replace(after, reason=_common_reason(row, submitted))
        changes.append(AgreedChange(row.key, agreed_state(row), after))
    return changes


def answer_for_key(row: GridRow, text: str, keys: Mapping[str, str]) -> str | None:
    """The answer a typed key means on this row: the option's key letter (as on the
    Scoring page), or a digit for the overall grade. None: not an answer key here."""
    text = text.strip().upper()
    if not text:
        return None
    if row.is_overall:
        return text if text.isdigit() else None
    return keys.get(text)


def grade_for_digit(text: str, low: int, high: int) -> int | None:
    """The grade a typed digit means, if it is on the rubric's scale."""
    typed = text.strip()
    if not typed.isdigit():
        return None
    grade = int(typed)
    return grade if low <= grade <= high else None


def shown_rows(rows: Sequence[GridRow], disagreements_only: bool) -> list[bool]:
    """Per row: shown (True) or hidden by the "Disagreements only" view. The overall
    row and rows still needing a rationale stay shown so nothing unfinished hides."""
    if not disagreements_only:
        return [True] * len(rows)
    return [r.disagree or r.is_overall or r.rationale_needed for r in rows]


def next_shown(shown: Sequence[bool], row: int, step: int = 1) -> int:
    """The next shown row after ``row`` (``row`` itself at either end)."""
    i = row + step
    while 0 <= i < len(shown):
        if shown[i]:
            return i
        i += step
    return row


def open_rows(rows: Iterable[GridRow]) -> int:
    """Rows with no agreed answer yet (the overall grade included)."""
    return sum(1 for r in rows if r.agreed is None)


def pending_text(pending: int, failed: int = 0) -> str:
    """The save status line: pending saves are never invisible."""
    if failed:
        return f"Not saved: {failed} change{'s' if failed != 1 else ''}"
    if pending:
        return f"Saving {pending} change{'s' if pending != 1 else ''}…"
    return "All agreed changes saved"


def unanimous_summary(count: int, remaining: int) -> str:
    """What "agree where unanimous" did, for the status line."""
    if not count:
        return "Nothing to agree: no open row where every submitted member agrees."
    return (f"Agreed {count} row{'s' if count != 1 else ''} where members were unanimous; "
            f"{remaining} left to discuss (Ctrl+Z undoes).")


def left_text(remaining: int) -> str:
    """The status line after one agreed row: how many are left (it replaces the
    "agree where unanimous" summary, whose count is then out of date)."""
    if not remaining:
        return "Every row agreed."
    return f"{remaining} row{'s' if remaining != 1 else ''} left to discuss."
