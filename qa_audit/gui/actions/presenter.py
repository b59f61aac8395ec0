"""What the Actions page shows and decides, without Qt: counts, which buttons apply, and
the status change that never overwrites a colleague's silently.

The page (``pages/actions_page.py``) fills the widgets and asks the user; the calls to
``services.actions`` go through :class:`ActionsBackend`, so the decisions are tested
with a fake store and no window (``tests/unit/test_actions_presenter.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from qa_audit.errors import UserError
from qa_audit.services import actions, sessions
from qa_audit.services.actions import ActionFilter, ActionView
from qa_audit.services.actor import Actor
from qa_audit.services.scoring import ConflictError
from qa_audit.services.store.workspace import Store

__all__ = ["EMPTY_TEXT", "NO_SESSION_TEXT", "REFRESH_ON", "STATUS_LABELS", "ActionsBackend",
           "ActionsPresenter", "Buttons", "ServiceBackend", "Shown", "StatusConflict",
           "count_text"]

#: Topics of ``AppContext.data_changed`` that change what the page shows.
REFRESH_ON = frozenset({"actions", "sessions", "audits"})
EMPTY_TEXT = ("No actions yet: add one here (Add action…) or agree them on the Moderation "
              "page.")
NO_SESSION_TEXT = ("Actions belong to a session that is not closed: create one on the "
                   "Sessions page first.")
STATUS_LABELS = {"open": "Open", "done": "Done", "cancelled": "Cancelled"}


def count_text(total: int, overdue: int) -> str:
    """``5 actions, 2 overdue``."""
    noun = "action" if total == 1 else "actions"
    return f"{total} {noun}, {overdue} overdue" if overdue else f"{total} {noun}"


class ActionsBackend(Protocol):
    """The service calls the page makes (a fake in tests)."""

    def list_actions(self, flt: ActionFilter) -> list[ActionView]: ...

    def owners(self) -> list[str]: ...

    def session_names(self, *, writable: bool) -> list[str]: ...

    def add(self, session: str, text: str, *, plan_ref: str | None, owner: str | None,
            due_date: dt.date | None, reaudit: bool) -> int: ...

    def update(self, action_id: int, expected_version: int | None, *,
               status: str | None = None, owner: str | None = None,
               due_date: dt.date | None = None, text: str | None = None) -> None: ...


class ServiceBackend:
    """:class:`ActionsBackend` over ``services.actions``, on whatever database is open."""

    def __init__(self, db: Callable[[], Store], actor: Callable[[], Actor]) -> None:
        self._db = db
        self._actor = actor

    def list_actions(self, flt: ActionFilter) -> list[ActionView]:
        return actions.list_actions(self._db(), flt)

    def owners(self) -> list[str]:
        return actions.owners(self._db())

    def session_names(self, *, writable: bool) -> list[str]:
        return [s.name for s in sessions.list_sessions(self._db())
                if not (writable and s.read_only)]

    def add(self, session: str, text: str, *, plan_ref: str | None, owner: str | None,
            due_date: dt.date | None, reaudit: bool) -> int:
        return actions.add_action(self._db(), session, text, self._actor(), plan_ref=plan_ref,
                                  owner=owner, due_date=due_date, reaudit=reaudit)

    def update(self, action_id: int, expected_version: int | None, *,
               status: str | None = None, owner: str | None = None,
               due_date: dt.date | None = None, text: str | None = None) -> None:
        actions.update_action(self._db(), action_id, self._actor(),
                              expected_version=expected_version, status=status, owner=owner,
                              due_date=due_date, text=text)


@dataclass(frozen=True)
class Shown:
    """One load: the rows, the count line, and whether the "no actions yet" text shows."""

    rows: list[ActionView]
    count: str
    empty: bool


@dataclass(frozen=True)
class Buttons:
    """Which of the row buttons apply to the selected action."""

    done: bool = False
    cancel: bool = False
    reopen: bool = False
    edit: bool = False


@dataclass(frozen=True)
class StatusConflict:
    """What the "someone else changed it" question says (the page asks it)."""

    what: str
    changed_by: str | None
    changed_at: dt.datetime | None
    theirs: str
    mine: str


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


class ActionsPresenter:
    """``ActionsPresenter(backend, today)``: loads, enabling rules and the changes."""

    def __init__(self, backend: ActionsBackend, today: Callable[[], dt.date]) -> None:
        self.backend = backend
        self._today = today

    def choices(self) -> tuple[list[str], list[str]]:
        """The filters' choices: (owners, session names); UserError when unreadable."""
        return self.backend.owners(), self.backend.session_names(writable=False)

    def load(self, flt: ActionFilter) -> Shown:
        """The actions the filter selects (UserError when unreadable)."""
        rows = self.backend.list_actions(flt)
        today = self._today()
        overdue = sum(1 for v in rows if v.record.overdue(today))
        return Shown(rows, count_text(len(rows), overdue),
                     empty=not rows and flt == ActionFilter())

    @staticmethod
    def buttons(view: ActionView | None) -> Buttons:
        """Done and Cancel for an open action, Reopen for a closed one, Edit for any."""
        status = view.record.status if view else None
        return Buttons(done=status == "open", cancel=status == "open",
                       reopen=status in {"done", "cancelled"}, edit=view is not None)

    def writable_sessions(self) -> list[str]:
        """Sessions an action can be added to (not closed); UserError when there is none."""
        names = self.backend.session_names(writable=True)
        if not names:
            raise UserError(NO_SESSION_TEXT)
        return names

    def add(self, session: str | None, text: str, *, plan_ref: str | None, owner: str | None,
            due_date: dt.date | None, reaudit: bool) -> tuple[int, str]:
        """Record a new open action: (its id, the status-bar message)."""
        new_id = self.backend.add(session or "", text, plan_ref=plan_ref, owner=owner,
                                  due_date=due_date, reaudit=reaudit)
        return new_id, f"Action {new_id} added to {session}."

    def edit(self, view: ActionView, text: str, owner: str | None,
             due_date: dt.date | None) -> str:
        """Save new text, owner and due date against the version loaded; the message."""
        self.backend.update(view.record.id, view.version, text=text, owner=owner or "",
                            due_date=due_date)
        return f"Action {view.record.id} saved."

    def change_status(self, view: ActionView, status: str,
                      overwrite: Callable[[StatusConflict], bool]) -> str | None:
        """Set ``status`` against the version loaded. When a colleague changed the action
        meanwhile, ``overwrite`` is asked (True: save mine over theirs); the message, or
        None when theirs was kept. Other problems raise UserError."""
        version: int | None = view.version
        mine = status_label(status)
        while True:
            try:
                self.backend.update(view.record.id, version, status=status)
            except ConflictError as exc:
                conflict = StatusConflict(
                    f"action {view.record.id} (\u201c{view.record.text}\u201d)",
                    exc.changed_by, exc.changed_at, status_label(str(exc.their_value)), mine)
                if not overwrite(conflict):
                    return None
                version = exc.current_version
                continue
            return f"Action {view.record.id}: {mine.lower()}."

    @staticmethod
    def refreshes_on(what: str, own_notice: bool) -> bool:
        """Whether a ``data_changed`` topic concerns the page (not its own notice)."""
        return not own_notice and what in REFRESH_ON
