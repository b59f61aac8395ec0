"""The Actions page: listing across sessions by due date, overdue highlighting, filters,
status changes with a version check, and actions recorded from moderation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog

from qa_audit.gui.context import AppContext
from qa_audit.gui.models.action_table import (
    COL_DUE,
    COL_OWNER,
    COL_PLAN,
    COL_SESSION,
    COL_STATUS,
    COL_TEXT,
    OVERDUE_BACKGROUND,
    OVERDUE_FOREGROUND,
    OVERDUE_ROLE,
    ActionTableModel,
)
from qa_audit.gui.pages import moderation_dialogs
from qa_audit.gui.pages.action_edit_dialog import ActionEditDialog
from qa_audit.gui.pages.actions_page import ActionsPage, count_text
from qa_audit.gui.pages.moderation_dialogs import (
    ACTION_DUE_DAYS,
    KEEP_THEIRS,
    OVERWRITE,
    Conflict,
    NewAction,
)
from qa_audit.gui.pages.moderation_page import ModerationPage
from qa_audit.services import actions, sessions
from qa_audit.services.actions import ActionFilter
from qa_audit.services.actor import Actor
from qa_audit.services.sampling import SampleSettings, draw
from qa_audit.services.store import database
from qa_audit.storage.engine import Database
from tests.gui.conftest import insert_plans, plan, unnamed_controls

OCTOBER, NOVEMBER = "Panel October 2026", "Panel November 2026"
CHAIR = "Carol Chair (SEN casework)"
PLAN_A, PLAN_B = "P-201", "P-202"
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def adb(db: Database, actor: Actor) -> Database:
    """Two sessions and four actions: one overdue, one due later, one done, one undated."""
    insert_plans(db, [plan(PLAN_A, dt.date(2026, 9, 1), year_group=5, phase="primary"),
                      plan(PLAN_B, dt.date(2026, 9, 9), year_group=9, phase="secondary")])
    for name, day in ((OCTOBER, dt.date(2026, 10, 15)), (NOVEMBER, dt.date(2026, 11, 15))):
        sessions.create_session(db, name, "multi-agency-ehcp", day, actor)
        sessions.add_member(db, name, CHAIR, "sen_casework", "chair", actor)
    draw(db, OCTOBER, SampleSettings(size=2, seed=1, exclude_months=0), actor)
    sessions.set_status(db, OCTOBER, "moderation", actor, force=True)
    actions.add_action(db, OCTOBER, "Return plan to caseworker to quantify Section F", actor,
                       plan_ref=PLAN_A, owner="SEN Team Manager (North)",
                       due_date=dt.date(2026, 11, 1))
    actions.add_action(db, OCTOBER, "Request updated SaLT advice and amend Section G", actor,
                       plan_ref=PLAN_B, owner="DCO", due_date=dt.date(2026, 12, 10))
    done = actions.add_action(db, NOVEMBER, "Vague-wording examples in caseworker training",
                              actor, owner="Practice Lead", due_date=dt.date(2026, 10, 20))
    actions.update_action(db, done, actor, expected_version=None, status="done")
    actions.add_action(db, NOVEMBER, "Add plan to the re-audit list", actor, plan_ref=PLAN_A,
                       owner="DCO")
    return db


@pytest.fixture
def actx(adb: Database, actor: Actor) -> AppContext:
    return AppContext(adb, actor)


@pytest.fixture
def other_db(db_path: Path, adb: Database) -> Iterator[Database]:
    other = database.open_existing(str(db_path))
    yield other
    other.dispose()


class ConflictRecorder(list):
    answer = KEEP_THEIRS

    def ask(self, _parent: Any, conflict: Conflict) -> str:
        self.append(conflict)
        return self.answer


@pytest.fixture
def conflicts(monkeypatch: pytest.MonkeyPatch) -> ConflictRecorder:
    recorder = ConflictRecorder()
    monkeypatch.setattr(moderation_dialogs, "ask_conflict", recorder.ask)
    return recorder


def open_page(qtbot: Any, ctx: AppContext) -> ActionsPage:
    page = ActionsPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def shown(page: ActionsPage, column: int = COL_TEXT) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def select(page: ActionsPage, text_start: str) -> None:
    view = next(v for v in page.model.rows() if v.record.text.startswith(text_start))
    assert page.select_action(view.record.id)


def status_in_db(db: Database, text_start: str) -> str:
    return next(v.record.status for v in actions.list_actions(db)
                if v.record.text.startswith(text_start))


# ------------------------------------------------------------------ listing


def test_actions_across_sessions_by_due_date(qtbot: Any, actx: AppContext) -> None:
    page = open_page(qtbot, actx)
    assert shown(page, COL_DUE) == ["20/10/2026", "01/11/2026", "10/12/2026", ""]
    assert shown(page, COL_SESSION) == [NOVEMBER, OCTOBER, OCTOBER, NOVEMBER]
    assert shown(page, COL_PLAN) == ["", PLAN_A, PLAN_B, PLAN_A]
    assert shown(page, COL_OWNER)[1] == "SEN Team Manager (North)"
    assert shown(page, COL_STATUS) == ["Done", "Open – overdue", "Open", "Open"]
    assert page.count_label.text() == "4 actions, 1 overdue"


def test_overdue_actions_are_highlighted(qtbot: Any, actx: AppContext) -> None:
    page = open_page(qtbot, actx)
    proxy = page.proxy
    overdue = [proxy.index(r, COL_DUE).data(OVERDUE_ROLE) for r in range(proxy.rowCount())]
    assert overdue == [False, True, False, False]  # the done action is late but not overdue
    due = proxy.index(1, COL_DUE)
    assert due.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_FOREGROUND
    assert due.data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert proxy.index(1, COL_TEXT).data(Qt.ItemDataRole.BackgroundRole).color() == \
        OVERDUE_BACKGROUND
    icon = due.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon)
    assert not icon.isNull()
    assert due.data(Qt.ItemDataRole.ToolTipRole) == "Overdue by 24 days"
    assert "overdue by 24 days" in due.data(Qt.ItemDataRole.AccessibleTextRole)
    assert proxy.index(2, COL_DUE).data(Qt.ItemDataRole.DecorationRole) is None
    page.overdue_check.setChecked(True)
    assert shown(page, COL_PLAN) == [PLAN_A]


def test_filters_by_owner_status_and_session(qtbot: Any, actx: AppContext) -> None:
    page = open_page(qtbot, actx)
    owners = [page.owner_combo.itemText(i) for i in range(page.owner_combo.count())]
    assert owners == ["All owners", "DCO", "Practice Lead", "SEN Team Manager (North)"]
    page.owner_combo.setCurrentIndex(page.owner_combo.findData("DCO"))
    assert page.current_filter() == ActionFilter(owner="DCO")
    assert shown(page) == ["Request updated SaLT advice and amend Section G",
                           "Add plan to the re-audit list"]
    page.status_combo.setCurrentIndex(page.status_combo.findData("open"))
    assert len(shown(page)) == 2
    page.session_combo.setCurrentIndex(page.session_combo.findData(NOVEMBER))
    assert shown(page) == ["Add plan to the re-audit list"]
    page.owner_combo.setCurrentIndex(0)
    page.session_combo.setCurrentIndex(0)
    page.status_combo.setCurrentIndex(page.status_combo.findData("done"))
    assert shown(page) == ["Vague-wording examples in caseworker training"]
    assert page.count_label.text() == "1 action"
    assert page.table.isVisible()


# ------------------------------------------------------------------ status changes


def test_done_cancel_and_reopen(qtbot: Any, actx: AppContext) -> None:
    page = open_page(qtbot, actx)
    assert not page.done_button.isEnabled()  # nothing selected
    select(page, "Return plan")
    assert page.done_button.isEnabled()
    assert page.cancel_button.isEnabled()
    assert not page.reopen_button.isEnabled()
    page.done_button.click()
    assert status_in_db(actx.db, "Return plan") == "done"
    assert page.selected().record.status == "done"  # still selected after the refresh
    assert page.reopen_button.isEnabled()
    assert page.count_label.text() == "4 actions"
    page.reopen_button.click()
    assert status_in_db(actx.db, "Return plan") == "open"
    page.cancel_button.click()
    assert status_in_db(actx.db, "Return plan") == "cancelled"


def test_status_conflict_keep_theirs(qtbot: Any, actx: AppContext, other_db: Database,
                                     conflicts: ConflictRecorder) -> None:
    page = open_page(qtbot, actx)
    select(page, "Return plan")
    loaded = page.selected()
    assert loaded is not None
    actions.update_action(other_db, loaded.record.id, Actor("Dana", "other-pc"),
                          expected_version=loaded.version, status="cancelled")
    assert not page.set_status("done")
    assert len(conflicts) == 1
    assert conflicts[0].changed_by == "Dana"
    assert conflicts[0].theirs == "Cancelled"
    assert conflicts[0].mine == "Done"
    assert status_in_db(actx.db, "Return plan") == "cancelled"
    assert page.selected().record.status == "cancelled"  # reloaded


def test_status_conflict_overwrite_with_mine(qtbot: Any, actx: AppContext, other_db: Database,
                                             conflicts: ConflictRecorder) -> None:
    page = open_page(qtbot, actx)
    select(page, "Return plan")
    loaded = page.selected()
    assert loaded is not None
    actions.update_action(other_db, loaded.record.id, Actor("Dana", "other-pc"),
                          expected_version=loaded.version, owner="QA Lead")
    conflicts.answer = OVERWRITE
    page.done_button.click()
    assert len(conflicts) == 1
    assert status_in_db(actx.db, "Return plan") == "done"


# ------------------------------------------------------------------ from moderation


def test_action_recorded_at_moderation_appears_here(qtbot: Any, actx: AppContext,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_page(qtbot, actx)
    moderation = ModerationPage(actx, today=lambda: TODAY)
    qtbot.addWidget(moderation)
    moderation.open_session(OCTOBER, member=CHAIR, plan_ref=PLAN_B)
    assert moderation.can_edit()

    def ask(_parent: Any, **_kwargs: Any) -> NewAction:
        return NewAction("Chase CAMHS advice for Section C", "Designated Clinical Officer",
                         dt.date(2026, 11, 20))

    monkeypatch.setattr(moderation_dialogs, "ask_new_action", ask)
    moderation.ui.addActionButton.click()
    # the Actions page heard "actions" changed and shows it, overdue
    assert "Chase CAMHS advice for Section C" in shown(page)
    row = shown(page).index("Chase CAMHS advice for Section C")
    assert page.proxy.index(row, COL_DUE).data(OVERDUE_ROLE) is True
    assert page.proxy.index(row, COL_PLAN).data() == PLAN_B
    page.owner_combo.setCurrentIndex(page.owner_combo.findData("Designated Clinical Officer"))
    page.status_combo.setCurrentIndex(page.status_combo.findData("open"))
    assert shown(page) == ["Chase CAMHS advice for Section C"]
    page.status_combo.setCurrentIndex(page.status_combo.findData("done"))
    assert shown(page) == []


# ------------------------------------------------------------------ model, access, empty


def test_model_passes_the_model_tester(qtbot: Any, qtmodeltester: Any,
                                       actx: AppContext) -> None:
    page = open_page(qtbot, actx)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    empty = ActionTableModel(today=lambda: TODAY)
    qtmodeltester.check(empty)


def test_every_control_has_an_accessible_name(qtbot: Any, actx: AppContext) -> None:
    assert unnamed_controls(open_page(qtbot, actx)) == []


def test_empty_database_explains_where_actions_come_from(qtbot: Any, ctx: AppContext) -> None:
    page = open_page(qtbot, ctx)
    assert page.empty_label.isVisible()
    assert not page.table.isVisible()
    assert page.count_label.text() == "0 actions"


def test_count_text() -> None:
    assert count_text(1, 0) == "1 action"
    assert count_text(3, 2) == "3 actions, 2 overdue"


def test_an_action_is_added_on_the_actions_page(qtbot, actx, monkeypatch) -> None:
    page = open_page(qtbot, actx)
    before = len(page.model.rows())

    def fill(dialog) -> int:
        assert dialog.session_combo.count() == 2  # both sessions are open
        dialog.session_combo.setCurrentIndex(dialog.session_combo.findData(NOVEMBER))
        dialog.plan_edit.setText(PLAN_B.lower())  # any case
        dialog.text_edit.setPlainText("Check Section F wording with the caseworker")
        dialog.owner_edit.setText("DCO")
        dialog.reaudit_check.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ActionEditDialog, "exec", fill)
    assert page.add_button.isEnabled()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert len(page.model.rows()) == before + 1
    added = page.selected()
    assert added is not None
    record = added.record
    assert (record.session, record.plan_ref, record.owner, record.reaudit) == (
        NOVEMBER, PLAN_B, "DCO", True)
    assert record.text == "Check Section F wording with the caseworker"
    assert record.due_date == TODAY + dt.timedelta(days=ACTION_DUE_DAYS)


def test_an_action_is_edited_on_the_actions_page(qtbot, actx, monkeypatch) -> None:
    page = open_page(qtbot, actx)
    assert not page.edit_button.isEnabled()
    select(page, "Request updated SaLT")
    assert page.edit_button.isEnabled()

    def fill(dialog) -> int:
        assert dialog.text_edit.toPlainText().startswith("Request updated SaLT")
        assert not dialog.session_combo.isEnabled()  # what it is about stays
        dialog.text_edit.setPlainText("Request updated SaLT advice; amend Sections F and G")
        dialog.owner_edit.setText("SEN Team Manager (South)")
        dialog.due_edit.setDate(QDate(2027, 1, 15))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ActionEditDialog, "exec", fill)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    record = next(v.record for v in actions.list_actions(actx.db)
                  if v.record.text.startswith("Request updated SaLT"))
    assert record.text == "Request updated SaLT advice; amend Sections F and G"
    assert record.owner == "SEN Team Manager (South)"
    assert record.due_date == dt.date(2027, 1, 15)
    assert "Sections F and G" in shown(page)[shown(page).index(record.text)]
