"""Issue 14, item 1 in the app: an encrypted database opened with the passphrase the user
typed gets its scheduled backup and "Back up now" (encrypted under that passphrase, held
in memory only), and a restore round trip that does not ask for it again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QMessageBox

from qa_audit.gui import database_actions
from qa_audit.gui.app import create_main_window
from qa_audit.gui.backups_dialog import BackupsDialog
from qa_audit.services import plans
from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.storage import backups, encryption
from qa_audit.storage.engine import Database
from qa_audit.storage.profiles import SQLITE_HEADER
from tests.gui.conftest import SAMPLE_PLANS, DialogRecorder, insert_plans, plan

KEY = "open sesame"


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The passphrase dialog: answers KEY, and records each time it is shown."""
    asked: list[str] = []

    def fake(*args: Any, **kwargs: Any) -> tuple[str, bool]:
        asked.append(args[2])
        return KEY, True

    monkeypatch.delenv("QA_AUDIT_PASSPHRASE", raising=False)
    monkeypatch.setattr(QInputDialog, "getText", fake)
    return asked


@pytest.fixture
def enc_db(tmp_path: Path, actor: Actor, typed: list[str]) -> Iterator[Database]:
    pytest.importorskip("sqlcipher3")
    path = tmp_path / "secret.sqlite3"
    made = database.initialise(str(path), actor, passphrase=KEY).database
    insert_plans(made, SAMPLE_PLANS)
    made.dispose()
    db = database_actions.open_existing(path).db  # as File > Open does: the user types it
    assert typed and db.encrypted
    yield db
    db.dispose()


def encrypted_copy(path: Path) -> bool:
    return (not path.read_bytes().startswith(SQLITE_HEADER)
            and encryption.integrity_problems(path, KEY) == [])


def test_back_up_now_makes_an_encrypted_copy(qtbot: Any, enc_db: Database,
                                             no_dialogs: DialogRecorder) -> None:
    dialog = BackupsDialog(enc_db)
    qtbot.addWidget(dialog)
    made = dialog.back_up_now()
    assert made is not None and encrypted_copy(made), no_dialogs.calls
    assert dialog.table.model().rowCount() == 1


def test_scheduled_backup_of_an_encrypted_database(
        qtbot: Any, enc_db: Database, actor: Actor, settings: QSettings) -> None:
    window = create_main_window(enc_db, actor, settings)
    qtbot.addWidget(window)
    store = window.start_live_view(timers=False)
    qtbot.waitUntil(lambda: bool(backups.list_backups(enc_db)), timeout=8000)
    qtbot.waitUntil(lambda: store._backup_job is None, timeout=8000)
    newest = backups.list_backups(enc_db)[0]
    assert newest.kind == "scheduled" and encrypted_copy(newest.path)
    window.close()


def test_restore_round_trip_keeps_it_encrypted_without_asking_again(
        qtbot: Any, enc_db: Database, actor: Actor, settings: QSettings,
        typed: list[str], no_dialogs: DialogRecorder) -> None:
    window = create_main_window(enc_db, actor, settings)
    qtbot.addWidget(window)
    backups.make_backup(enc_db, kind="manual")
    insert_plans(enc_db, [plan("P-LATE", SAMPLE_PLANS[0]["issue_date"])])
    dialog = BackupsDialog(enc_db, window, restore=window.restore_backup)
    qtbot.addWidget(dialog)
    no_dialogs.answer = QMessageBox.StandardButton.Yes
    asked = len(typed)

    assert dialog.restore_selected(), no_dialogs.calls

    reopened = window.ctx.db
    assert reopened is not enc_db and reopened.encrypted
    assert plans.count_plans(reopened) == len(SAMPLE_PLANS)
    assert len(typed) == asked  # the passphrase typed at open was used again
    path = enc_db.target.path
    assert path is not None and not path.read_bytes().startswith(SQLITE_HEADER)
    assert database.check(str(path), passphrase=KEY).healthy
    reopened.dispose()
