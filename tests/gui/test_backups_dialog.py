"""File > Backups…: scheduled backup at open, "Back up now", "Restore…" (confirmed; the
database is closed and opened again), the menu entry and accessible names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from qa_audit.gui.app import create_main_window
from qa_audit.gui.backups_dialog import BackupsDialog, human_size
from qa_audit.gui.main_window import MainWindow
from qa_audit.services import plans
from qa_audit.services.actor import Actor
from qa_audit.storage import backups
from qa_audit.storage.engine import Database
from tests.gui.conftest import SAMPLE_PLANS, DialogRecorder, insert_plans, plan, unnamed_controls


def test_file_menu_has_backups(main_window: MainWindow) -> None:
    texts = [a.text() for a in main_window.ui.menuFile.actions()]
    assert "&Backups…" in texts
    assert texts.index("&Backups…") < texts.index(main_window.ui.actionQuit.text())


def test_scheduled_backup_when_the_live_view_starts(
        qtbot: Any, plans_db: Database, actor: Actor, settings: QSettings) -> None:
    window = create_main_window(plans_db, actor, settings)
    qtbot.addWidget(window)
    made: list[object] = []
    store = window.start_live_view(timers=False)
    store.backup_made.connect(made.append)
    qtbot.waitUntil(lambda: bool(backups.list_backups(plans_db)), timeout=4000)
    qtbot.waitUntil(lambda: bool(made), timeout=4000)
    assert backups.list_backups(plans_db)[0].kind == "scheduled"
    assert store.backup_timer.interval() == 4 * 60 * 60 * 1000
    store.backup_now()  # the newest is fresh: no second copy
    qtbot.waitUntil(lambda: store._backup_job is None, timeout=4000)
    assert len(backups.list_backups(plans_db)) == 1
    window.close()


def test_back_up_now_adds_a_listed_copy(qtbot: Any, plans_db: Database) -> None:
    dialog = BackupsDialog(plans_db)
    qtbot.addWidget(dialog)
    assert dialog.table.model().rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    made = dialog.back_up_now()
    assert made is not None and made.is_file()
    assert dialog.table.model().rowCount() == 1
    assert dialog.table.model().index(0, 1).data() == "Made by hand"
    assert "1 backup of" in dialog.summary.text()
    assert unnamed_controls(dialog) == []


def test_restore_confirmed_reopens_the_database(
        qtbot: Any, main_window: MainWindow, plans_db: Database,
        no_dialogs: DialogRecorder) -> None:
    backups.make_backup(plans_db, kind="manual")
    insert_plans(plans_db, [plan("P-LATE", SAMPLE_PLANS[0]["issue_date"])])
    assert plans.count_plans(plans_db) == len(SAMPLE_PLANS) + 1
    dialog = BackupsDialog(plans_db, main_window, restore=main_window.restore_backup)
    qtbot.addWidget(dialog)
    no_dialogs.answer = QMessageBox.StandardButton.Yes

    assert dialog.restore_selected()

    assert no_dialogs.kinds() == ["question"]
    assert dialog.restored
    reopened = main_window.ctx.db
    assert reopened is not plans_db
    assert plans.count_plans(reopened) == len(SAMPLE_PLANS)
    path = plans_db.target.path
    assert path is not None
    assert list(path.parent.glob(f"{path.name}.before-restore-*"))  # kept aside
    reopened.dispose()


def test_restore_declined_changes_nothing(qtbot: Any, main_window: MainWindow,
                                          plans_db: Database,
                                          no_dialogs: DialogRecorder) -> None:
    backups.make_backup(plans_db, kind="manual")
    restored: list[Path] = []
    dialog = BackupsDialog(plans_db, main_window,
                           restore=lambda p: restored.append(p) or True,
                           others_here=lambda: ["A. Patel"])
    qtbot.addWidget(dialog)
    no_dialogs.answer = QMessageBox.StandardButton.No
    assert not dialog.restore_selected()
    assert restored == []
    assert "A. Patel is working in this database now" in no_dialogs.calls[0][2]
    assert main_window.ctx.db is plans_db


def test_human_size() -> None:
    assert human_size(12) == "12 bytes"
    assert human_size(2048) == "2.0 KB"
    assert human_size(300 * 1024 * 1024) == "300 MB"


def test_restore_waits_for_background_loads_and_refuses_while_one_runs(
        qtbot: Any, main_window: MainWindow, plans_db: Database,
        no_dialogs: DialogRecorder, monkeypatch: Any) -> None:
    """A load still running holds its own connection to the file: replacing the file
    under it is refused, and nothing is changed."""
    import threading

    from qa_audit.gui import workers

    backups.make_backup(plans_db, kind="manual")
    listed = backups.list_backups(plans_db)[0].path
    release = threading.Event()
    job = workers.start(workers.Job(lambda **_kw: release.wait(10)))
    monkeypatch.setattr(MainWindow, "RESTORE_WAIT_MS", 50)
    try:
        assert not main_window.restore_backup(listed)
    finally:
        release.set()
    assert no_dialogs.kinds() == ["critical"]
    assert "still being worked out" in no_dialogs.calls[0][2]
    assert main_window.ctx.db is plans_db
    path = plans_db.target.path
    assert path is not None and not list(path.parent.glob(f"{path.name}.before-restore-*"))
    assert workers.wait_for_background(5000)
    assert job is not None
    assert main_window.restore_backup(listed)  # nothing running: restored
    main_window.ctx.db.dispose()
