"""What must be done before a session moves on: the rule behind the status guards.

Moving a session to moderation while plans in its sample have no submitted
member score, or closing it while sampled plans have no agreed grade, is allowed
but never silent: the GUI asks first naming the counts, the CLI refuses unless
``--force``. Both read the counts from ``status_guard`` (through
``services.session_status``), so "unscored" and "unmoderated" mean one thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PlanProgress:
    """One sampled plan: how many members submitted scores, and whether it is agreed."""

    plan_ref: str
    submitted: int
    moderated: bool  # the panel's agreed overall grade is recorded


@dataclass(frozen=True)
class StatusGuard:
    """The counts that make a status change worth a question (nothing to ask: None)."""

    session: str
    target: str
    sampled: int
    unscored: int  # sampled plans no member has submitted
    unmoderated: int  # sampled plans without an agreed grade

    @property
    def message(self) -> str:
        if self.target == "moderation":
            return (f"{self.unscored} of {self.sampled} sampled plans in {self.session!r} "
                    "have no submitted scores from any member.")
        return (f"{self.unmoderated} of {self.sampled} sampled plans in {self.session!r} "
                "have not been moderated (no agreed grade).")

    @property
    def question(self) -> str:
        """The GUI's question: the counts, then what going ahead means."""
        if self.target == "moderation":
            return (f"{self.message}\n\nMoving to moderation ends blind scoring: every member "
                    "sees every score. Start moderation anyway?")
        return (f"{self.message}\n\nA closed session is read-only; only the chair can reopen "
                "it, with a reason. Close it anyway?")


def unscored(sample: Iterable[PlanProgress]) -> int:
    """Sampled plans no member has submitted."""
    return sum(1 for p in sample if p.submitted == 0)


def unmoderated(sample: Iterable[PlanProgress]) -> int:
    """Sampled plans without the panel's agreed grade."""
    return sum(1 for p in sample if not p.moderated)


def status_guard(session: str, current: str, target: str,
                 sample: Iterable[PlanProgress]) -> StatusGuard | None:
    """The guard on moving ``session`` from ``current`` to ``target``, or None when nothing
    is left undone (or the move is not one that is guarded)."""
    plans = list(sample)
    if target == current or target not in ("moderation", "closed"):
        return None
    guard = StatusGuard(session, target, len(plans), unscored(plans), unmoderated(plans))
    if target == "moderation" and guard.unscored:
        return guard
    if target == "closed" and guard.unmoderated:
        return guard
    return None
