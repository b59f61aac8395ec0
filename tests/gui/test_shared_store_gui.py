"""The live view of a shared database: others' saves refresh the pages, who else is here,
"busy, retrying", an unreachable share, a damaged file at start-up, read-only files.

The live view's worker thread is driven by ``poll_now()`` (its timers are not
started); each poll is awaited with ``qtbot.waitSignal``, never with sleeps.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer

from qa_audit.gui import app as app_module
from qa_audit.gui import backups_dialog, database_actions, recovery, shared_store, store_status
from qa_audit.gui.app import create_main_window
from qa_audit.gui.main_window import MainWindow
from qa_audit.services import plans, rubric_view, scoring, sessions
from qa_audit.services.actor import Actor
from qa_audit.services.store import database, presence
from qa_audit.services.store.presence import PresenceInfo
from qa_audit.storage import backups
from qa_audit.storage.engine import Database, reopen_read_only
from tests.gui.conftest import SAMPLE_PLANS, insert_plans, unnamed_controls

SESSION = "Live panel"
CHAIR = "Carol Chair (SEN casework)"
PATEL = Actor("A. Patel", "council-pc-7")
POLL_TIMEOUT_MS = 4000


# ------------------------------------------------------------------ helpers


def settle(qtbot: Any, window: MainWindow) -> None:
    """Wait for the poll in flight (the first one only takes a baseline)."""
    store = window.store
    assert store is not None
    qtbot.waitUntil(lambda: not store.polling, timeout=POLL_TIMEOUT_MS)


def poll(qtbot: Any, window: MainWindow) -> shared_store.PollResult:
    """One look at the file by the worker thread; returns what it found."""
    settle(qtbot, window)
    store = window.store
    assert store is not None
    with qtbot.waitSignal(store.polled, timeout=POLL_TIMEOUT_MS) as blocker:
        store.poll_now()
    return blocker.args[0]


def live_window(qtbot: Any, db: Database, actor: Actor, settings: QSettings) -> MainWindow:
    window = create_main_window(db, actor, settings)
    qtbot.addWidget(window)  # closed at the end: the live view stops, presence removed
    window.start_live_view(timers=False, backup=False)
    settle(qtbot, window)
    return window


def score_setup(db: Database, actor: Actor) -> tuple[str, str, str]:
    """A session with one member and one plan; returns (plan, question, answer)."""
    insert_plans(db, SAMPLE_PLANS[:1])
    plan_ref = str(SAMPLE_PLANS[0]["plan_ref"])
    sessions.create_session(db, SESSION, "multi-agency-ehcp", dt.date(2026, 11, 10), actor)
    sessions.add_member(db, SESSION, CHAIR, "sen_casework", "chair", actor)
    rubric = rubric_view.load_rubric(db, "multi-agency-ehcp").rubric
    facts = plans.plan_facts(db, plan_ref)
    assert facts is not None
    question = rubric.applicable_questions(facts)[0]
    return plan_ref, question.id, question.valid_answers()[0]


@pytest.fixture
def other_db(db_path: Path) -> Iterator[Database]:
    """A second Database on the same file: another member's app, as another process."""
    other = database.open_existing(str(db_path))
    yield other
    other.dispose()


@pytest.fixture
def shared_db(tmp_path: Path, actor: Actor, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """A file in shared mode (rollback journal, as on a network drive) in its own folder."""
    monkeypatch.setenv("QA_AUDIT_SHARED", "1")
    folder = tmp_path / "share"
    folder.mkdir()
    db = database.initialise(str(folder / "panel.sqlite3"), actor).database
    yield db
    db.dispose()


# ------------------------------------------------------------------ others' saves, presence


def test_another_members_save_refreshes_pages_and_shows_who_is_here(
        qtbot: Any, db: Database, other_db: Database, actor: Actor,
        settings: QSettings) -> None:
    plan_ref, question, answer = score_setup(db, actor)
    window = live_window(qtbot, db, actor, settings)
    assert window.presence_label.isHidden()

    presence.heartbeat(other_db, PATEL, "Scoring")
    scoring.save_answer(other_db, SESSION, plan_ref, CHAIR, question, answer,
                        client_id="edit-1")

    changes: list[str] = []
    window.ctx.data_changed.connect(changes.append)
    result = poll(qtbot, window)

    assert result.others_saved
    assert "audits" in changes and "sessions" in changes
    assert window.presence_label.text() == "Also here: A. Patel (scoring)"
    assert not window.presence_label.isHidden()
    assert "A. Patel on council-pc-7: Scoring" in window.presence_label.toolTip()


def test_own_saves_and_heartbeats_do_not_refresh(qtbot: Any, db: Database, actor: Actor,
                                                 settings: QSettings) -> None:
    window = live_window(qtbot, db, actor, settings)
    insert_plans(db, SAMPLE_PLANS[:2])  # this app's own save
    presence.heartbeat(db, actor, "Plans")
    changes: list[str] = []
    window.ctx.data_changed.connect(changes.append)
    assert not poll(qtbot, window).others_saved
    assert changes == []


def test_heartbeat_records_the_current_page_and_close_leaves(
        qtbot: Any, db: Database, other_db: Database, actor: Actor,
        settings: QSettings) -> None:
    window = live_window(qtbot, db, actor, settings)
    window.show_page("Rubrics")
    window.store.heartbeat_now()
    qtbot.waitUntil(lambda: any(info.activity == "Rubrics"
                                for info in presence.who_else(other_db, PATEL)),
                    timeout=POLL_TIMEOUT_MS)
    window.close()
    assert window.store is None
    assert presence.who_else(other_db, PATEL) == []


def test_presence_text_names_each_person_once() -> None:
    now = dt.datetime(2026, 11, 25, 10, 0)
    others = [PresenceInfo("A. Patel", "pc-1", "Scoring", now),
              PresenceInfo("A. Patel", "pc-2", None, now),
              PresenceInfo("R. Hughes", "pc-3", None, now)]
    assert store_status.describe_others(others) == "Also here: A. Patel (scoring), R. Hughes"
    assert store_status.describe_others([]) == ""


# ------------------------------------------------------------------ busy and missing


def test_lock_held_by_another_process_shows_busy_then_clears(
        qtbot: Any, shared_db: Database, actor: Actor, settings: QSettings) -> None:
    window = live_window(qtbot, shared_db, actor, settings)
    assert window.busy_indicator.isHidden()
    assert shared_db.target.path is not None
    holder = sqlite3.connect(str(shared_db.target.path), isolation_level=None, timeout=0)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        assert poll(qtbot, window).state == shared_store.BUSY
        assert not window.busy_indicator.isHidden()
        assert window.busy_indicator.text() == "Database busy, retrying…"
        assert window.busy_indicator.accessibleName()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert poll(qtbot, window).state == shared_store.OK
    assert window.busy_indicator.isHidden()


def test_a_save_that_met_the_lock_shows_busy_until_the_next_good_poll(
        qtbot: Any, db: Database, actor: Actor, settings: QSettings) -> None:
    window = live_window(qtbot, db, actor, settings)
    window.ctx.status_message.emit("Database busy, retrying (1 of 4)… your change is kept.")
    assert not window.busy_indicator.isHidden()
    poll(qtbot, window)
    assert window.busy_indicator.isHidden()


def test_share_dropping_shows_a_banner_and_recovers(
        qtbot: Any, shared_db: Database, actor: Actor, settings: QSettings) -> None:
    window = live_window(qtbot, shared_db, actor, settings)
    assert shared_db.target.path is not None
    folder = shared_db.target.path.parent
    away = folder.with_name("share-unplugged")
    banner = window.missing_banner
    assert banner.isHidden()

    folder.rename(away)
    try:
        assert poll(qtbot, window).state == shared_store.MISSING
        assert not banner.isHidden()
        assert "network drive holding the database cannot be reached" in banner.text()
        assert "unsaved edits are kept" in banner.text()
        ticked: list[bool] = []  # the window still handles events
        QTimer.singleShot(0, lambda: ticked.append(True))
        qtbot.waitUntil(lambda: ticked == [True], timeout=1000)
        assert poll(qtbot, window).state == shared_store.MISSING  # still away: banner stays
        assert not banner.isHidden()
    finally:
        away.rename(folder)

    changes: list[str] = []
    window.ctx.data_changed.connect(changes.append)
    assert poll(qtbot, window).state == shared_store.OK
    assert banner.isHidden()
    assert "audits" in changes  # back: everything is read again
    assert unnamed_controls(window) == []


# ------------------------------------------------------------------ damaged, read-only


def test_damaged_file_at_start_up_offers_restore_and_opens_the_restored_copy(
        qtbot: Any, tmp_path: Path, actor: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "panel.sqlite3"
    db = database.initialise(str(path), actor).database
    insert_plans(db, SAMPLE_PLANS)
    backups.make_backup(db, kind="manual")
    db.dispose()
    with path.open("r+b") as fh:  # a zeroed header: not a database any more
        fh.write(b"\x00" * 100)

    asked: list[str] = []
    offered: list[list[backups.BackupInfo]] = []

    def ask(_parent: Any, exc: Any, damaged: Path, found: list[Any], **_kw: Any) -> str:
        asked.append(exc.message)
        assert damaged == path.resolve() or damaged == path
        return recovery.RESTORE

    def choose(_parent: Any, _path: Path, found: list[backups.BackupInfo]) -> Any:
        offered.append(found)
        return found[0]

    monkeypatch.setattr(recovery, "ask_damaged_database", ask)
    monkeypatch.setattr(backups_dialog, "choose_backup", choose)
    monkeypatch.setattr(database_actions, "ask_startup_failure",
                        lambda _exc, _parent=None: pytest.fail("restore should have been offered"))

    restored = app_module.open_startup_database(str(path), actor)
    assert restored is not None
    try:
        assert len(asked) == 1 and "panel.sqlite3" in asked[0]
        assert len(offered[0]) == 1
        assert plans.count_plans(restored.db) == len(SAMPLE_PLANS)
        assert list(tmp_path.glob("panel.sqlite3.damaged-*"))  # kept aside, not deleted
    finally:
        restored.close()


def test_choose_backup_dialog_lists_newest_first_with_date_and_size(
        qtbot: Any, db: Database) -> None:
    first = backups.make_backup(db, kind="manual")
    second = backups.make_backup(db, kind="scheduled")
    found = backups.list_backups(db)
    assert db.target.path is not None
    dialog = backups_dialog.ChooseBackupDialog(db.target.path, list(reversed(found)))
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.model().rowCount() == 2
    assert table.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == str(second)
    assert table.model().index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == str(first)
    assert table.model().index(0, 2).data().endswith(("KB", "MB", "bytes"))
    assert dialog.chosen() is not None and dialog.chosen().path == second
    assert unnamed_controls(dialog) == []


def test_read_only_database_shows_banner_and_title(
        qtbot: Any, db_path: Path, db: Database, actor: Actor, settings: QSettings) -> None:
    reason = "audit.sqlite3 was written by a newer version of qa-audit, so this version opens " \
             "it read-only."
    read_only = reopen_read_only(database.open_existing(str(db_path)), reason)
    try:
        window = create_main_window(read_only, actor, settings)
        qtbot.addWidget(window)
        assert window.windowTitle().endswith("(read-only)")
        assert not window.read_only_banner.isHidden()
        assert window.read_only_banner.text() == reason
        window.start_live_view(timers=False, backup=False)  # polls, no heartbeat writes
        assert poll(qtbot, window).state == shared_store.OK
        window.close()
    finally:
        read_only.dispose()
