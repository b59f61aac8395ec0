"""The Actions page's presenter: counts, enabling rules and the version-checked status
change, tested with a fake store and no Qt."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import pytest

from qa_audit.domain.audit import ActionRecord
from qa_audit.errors import UserError
from qa_audit.gui.actions import presenter as p
from qa_audit.services.actions import ActionFilter, ActionView
from qa_audit.services.scoring import ConflictError

TODAY = dt.date(2026, 11, 25)


def view(action_id: int, status: str = "open", due: dt.date | None = None,
         session: str = "Panel Nov", owner: str | None = "DCO", version: int = 1) -> ActionView:
    return ActionView(ActionRecord(action_id, session, "P-1", f"Action {action_id}", owner, due,
                                   status), version)


class FakeBackend:
    """Holds actions in a dict; ``conflict_with`` makes the next update meet a colleague's."""

    def __init__(self, views: list[ActionView], sessions: dict[str, bool] | None = None) -> None:
        self.views = {v.record.id: v for v in views}
        self.sessions = sessions if sessions is not None else {"Panel Nov": False}
        self.updates: list[tuple[int, int | None, dict[str, object]]] = []
        self.conflict_with: str | None = None

    def list_actions(self, flt: ActionFilter) -> list[ActionView]:
        return [v for v in self.views.values()
                if flt.owner in (None, v.record.owner) and flt.status in (None, v.record.status)
                and flt.session in (None, v.record.session)]

    def owners(self) -> list[str]:
        return sorted({v.record.owner for v in self.views.values() if v.record.owner})

    def session_names(self, *, writable: bool) -> list[str]:
        return [n for n, closed in self.sessions.items() if not (writable and closed)]

    def add(self, session: str, text: str, *, plan_ref: str | None, owner: str | None,
            due_date: dt.date | None, reaudit: bool) -> int:
        if session not in self.sessions:
            raise UserError(f"No session called {session!r}.")
        new_id = max(self.views, default=0) + 1
        self.views[new_id] = ActionView(ActionRecord(new_id, session, plan_ref, text, owner,
                                                     due_date, "open", reaudit), 1)
        return new_id

    def update(self, action_id: int, expected_version: int | None, *,
               status: str | None = None, owner: str | None = None,
               due_date: dt.date | None = None, text: str | None = None) -> None:
        given = {"status": status, "owner": owner, "due_date": due_date, "text": text}
        self.updates.append((action_id, expected_version,
                             {k: v for k, v in given.items() if v is not None}))
        if self.conflict_with is not None:
            theirs, self.conflict_with = self.conflict_with, None
            raise ConflictError("changed", changed_by="Ann", changed_at=None,
                                their_value=theirs, current_version=7)


def presenter(*views: ActionView, **kw: Any) -> tuple[p.ActionsPresenter, FakeBackend]:
    backend = FakeBackend(list(views), **kw)
    return p.ActionsPresenter(backend, lambda: TODAY), backend


def test_the_presenter_imports_no_qt() -> None:
    code = ("import sys, qa_audit.gui.actions.presenter; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_count_says_how_many_are_overdue() -> None:
    shown_p, _ = presenter(view(1, due=dt.date(2026, 11, 1)), view(2, due=dt.date(2026, 12, 1)),
                           view(3, "done", due=dt.date(2026, 10, 1)))
    shown = shown_p.load(ActionFilter())
    assert shown.count == "3 actions, 1 overdue"  # a done action is never overdue
    assert not shown.empty
    assert p.count_text(1, 0) == "1 action"


def test_empty_text_only_when_nothing_is_filtered_out() -> None:
    none, _ = presenter()
    assert none.load(ActionFilter()).empty
    some, _ = presenter(view(1, owner="DCO"))
    filtered = some.load(ActionFilter(owner="Someone else"))
    assert filtered.rows == [] and not filtered.empty  # the filter hides them: no guidance


@pytest.mark.parametrize(("status", "done", "reopen"), [
    ("open", True, False), ("done", False, True), ("cancelled", False, True)])
def test_buttons_follow_the_status(status: str, done: bool, reopen: bool) -> None:
    rule = p.ActionsPresenter.buttons(view(1, status))
    assert (rule.done, rule.cancel, rule.reopen, rule.edit) == (done, done, reopen, True)
    assert p.ActionsPresenter.buttons(None) == p.Buttons()


def test_status_change_sends_the_loaded_version() -> None:
    pres, backend = presenter(view(4, version=3))
    message = pres.change_status(backend.views[4], "done", lambda c: pytest.fail("asked"))
    assert message == "Action 4: done."
    assert backend.updates == [(4, 3, {"status": "done"})]


def test_a_colleagues_change_is_kept_unless_overwrite_is_chosen() -> None:
    pres, backend = presenter(view(4, version=3))
    asked: list[p.StatusConflict] = []
    backend.conflict_with = "cancelled"
    kept = pres.change_status(backend.views[4], "done", lambda c: asked.append(c) or False)
    assert kept is None and len(backend.updates) == 1
    assert asked[0].theirs == "Cancelled" and asked[0].mine == "Done"
    assert asked[0].changed_by == "Ann" and "Action 4" in asked[0].what

    backend.conflict_with = "cancelled"
    saved = pres.change_status(backend.views[4], "done", lambda c: True)
    assert saved == "Action 4: done."
    assert backend.updates[-1] == (4, 7, {"status": "done"})  # over theirs, their version


def test_adding_needs_a_session_that_is_not_closed() -> None:
    pres, _ = presenter(sessions={"Panel Oct": True})
    with pytest.raises(UserError, match="not closed"):
        pres.writable_sessions()
    pres, backend = presenter(sessions={"Panel Oct": True, "Panel Nov": False})
    assert pres.writable_sessions() == ["Panel Nov"]
    new_id, message = pres.add("Panel Nov", "Quantify F", plan_ref="P-9", owner=None,
                               due_date=None, reaudit=True)
    assert message == f"Action {new_id} added to Panel Nov."
    assert backend.views[new_id].record.reaudit
    assert pres.choices() == ([], ["Panel Oct", "Panel Nov"])


def test_edit_saves_against_the_loaded_version() -> None:
    pres, backend = presenter(view(2, version=5))
    assert pres.edit(backend.views[2], "New text", None, TODAY) == "Action 2 saved."
    assert backend.updates == [(2, 5, {"text": "New text", "owner": "", "due_date": TODAY})]


def test_own_notices_do_not_refresh() -> None:
    assert p.ActionsPresenter.refreshes_on("actions", own_notice=False)
    assert not p.ActionsPresenter.refreshes_on("actions", own_notice=True)
    assert not p.ActionsPresenter.refreshes_on("rubrics", own_notice=False)
