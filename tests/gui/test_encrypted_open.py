"""Opening an encrypted database in the app asks for its passphrase and never stores it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog
from sqlalchemy import text

from qa_audit.errors import UserError
from qa_audit.gui import database_actions
from qa_audit.services.store import database


@pytest.fixture
def encrypted(tmp_path: Path, actor) -> Path:
    pytest.importorskip("sqlcipher3")
    path = tmp_path / "secret.sqlite3"
    database.initialise(str(path), actor, passphrase="open sesame").database.dispose()
    return path


def test_passphrase_is_asked_for_and_opens(qtbot, encrypted: Path, monkeypatch,
                                           isolated_home: Path) -> None:
    asked = []

    def fake(*args, **kwargs):
        asked.append(args[2])
        return "open sesame", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(fake))
    db = database_actions.open_existing(encrypted).db
    try:
        assert asked and "secret.sqlite3" in asked[0]
        with db.read() as s:
            assert s.execute(text("select count(*) from rubric")).scalar() == 4  # shipped
    finally:
        db.dispose()
    stored = b"".join(p.read_bytes() for p in isolated_home.rglob("*") if p.is_file())
    assert b"open sesame" not in stored


def test_cancelled_passphrase_is_a_clear_error(qtbot, encrypted: Path, monkeypatch) -> None:
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    with pytest.raises(UserError, match="encrypted"):
        database_actions.open_existing(encrypted)
