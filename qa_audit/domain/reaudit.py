"""Re-audits: which open actions send a plan back into a later sample, and what came of it.

CONTRACT.md v2, "Actions and re-audits". The rules, kept here once:

* A **request** is an action with ``reaudit`` set, on a plan, in a session dated D
  on rubric id R.
* A **draw** is a sample entry of a session that holds the plan *as a re-audit*
  (``sample_entry.reaudit_action_id`` set, not withdrawn).
* A draw **answers** a request when it is for the same plan, in a session on the
  same rubric id (any version) dated strictly after D ("later"). The request's
  re-audit is the earliest such draw (by session date, then name): its session
  and the grade the panel agreed there.
* A request is **pending** while it is open and no draw answers it. A session
  dated after D on R that draws its sample takes every pending request's plan
  ("the next sample"): the plan is drawn once even when several requests name it
  (the lowest action id is stored with the entry), and a draw answers every
  request on that plan that is dated before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["ReauditDraw", "ReauditRequest", "SessionReaudit", "due_in_session", "is_later",
           "reaudit_of"]


@dataclass(frozen=True)
class ReauditRequest:
    """An action asking for the plan to be audited again."""

    action_id: int
    session: str
    session_date: dt.date
    rubric_id: str
    plan_ref: str
    status: str  # open | done | cancelled


@dataclass(frozen=True)
class ReauditDraw:
    """A plan held as a re-audit in a session's sample, with its agreed grade there."""

    session: str
    session_date: dt.date
    rubric_id: str
    plan_ref: str
    grade: int | None


@dataclass(frozen=True)
class SessionReaudit:
    """One re-audited plan of a session: the grade before (in the session whose action
    asked for the re-audit) and after (this session's agreed grade; None until agreed).
    ``change``: ``better``, ``worse``, ``the same`` on the rubric's scale, or None."""

    plan_ref: str
    action_id: int
    previous_session: str
    previous_grade: int | None
    grade: int | None
    change: str | None = None

    def to_json(self) -> dict[str, object]:
        """The key issues JSON entry (CONTRACT.md v2, ``reaudits``)."""
        return {"plan_ref": self.plan_ref, "previous_session": self.previous_session,
                "previous_grade": self.previous_grade, "grade": self.grade}


def is_later(date: dt.date, than: dt.date) -> bool:
    """"Later" in the contract: a strictly later session date (same-day sessions are not)."""
    return date > than


def reaudit_of(request: ReauditRequest, draws: Iterable[ReauditDraw]) -> ReauditDraw | None:
    """The earliest draw that answers ``request``, or ``None`` (see the module rules)."""
    answering = [d for d in draws
                 if d.plan_ref == request.plan_ref and d.rubric_id == request.rubric_id
                 and is_later(d.session_date, request.session_date)]
    return min(answering, key=lambda d: (d.session_date, d.session), default=None)


def due_in_session(requests: Iterable[ReauditRequest], draws: Iterable[ReauditDraw],
                   session_date: dt.date, rubric_id: str) -> dict[str, int]:
    """plan ref -> action id of every pending request a session dated ``session_date`` on
    ``rubric_id`` must draw (``draws`` must leave out that session's own sample)."""
    draws = list(draws)
    due: dict[str, int] = {}
    for r in sorted(requests, key=lambda r: r.action_id):
        if (r.status == "open" and r.rubric_id == rubric_id
                and is_later(session_date, r.session_date)
                and reaudit_of(r, draws) is None):
            due.setdefault(r.plan_ref, r.action_id)
    return dict(sorted(due.items()))
