"""Shared mode: where a file may live, WAL refused on a share, read-only for a newer schema,
the live watcher, presence, retry, a share that disappears."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from qa_audit.errors import DatabaseBusy, DatabaseMissing
from qa_audit.services.actor import Actor
from qa_audit.services.store import live, presence
from qa_audit.services.store.retry import BusyNotice, RetryPolicy, new_client_id, save_with_retry
from qa_audit.storage import migrate, opening
from qa_audit.storage import models as m
from qa_audit.storage.engine import open_database
from qa_audit.storage.profiles import (
    Profile,
    SharedFileInWal,
    UnsafeLocation,
    cloud_sync_client,
    file_in_wal_mode,
)
from qa_audit.storage.translate import DatabaseReadOnly
from qa_audit.storage.uri import sqlite_uri
from tests.integration.workers.panel import new_database

ANN = Actor("ann", "pc-1")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("folder", "client"), [
    ("C:/Users/ann/OneDrive - Council/QA", "OneDrive"),
    ("/home/ann/OneDrive/qa", "OneDrive"),
    ("/Users/ann/Dropbox/qa", "Dropbox"),
    ("/Users/ann/Dropbox (Council)/qa", "Dropbox"),
    ("G:/My Drive/qa", "Google Drive"),
    ("/Users/ann/Google Drive/qa", "Google Drive"),
    ("/Users/ann/GoogleDrive/qa", "Google Drive"),
    ("/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/qa", "iCloud Drive"),
    ("C:/Users/ann/iCloudDrive/qa", "iCloud Drive"),
])
def test_cloud_sync_folders_are_recognised(folder: str, client: str) -> None:
    assert cloud_sync_client(Path(folder) / "qa.sqlite3") == client


@pytest.mark.parametrize("path", ["//server/qa/dropbox-export.sqlite3", "/srv/share/qa.sqlite3",
                                  "/home/ann/drive/onedrive.sqlite3"])
def test_ordinary_folders_are_not_cloud_folders(path: str) -> None:
    assert cloud_sync_client(Path(path)) is None


def test_a_database_in_a_synced_folder_is_refused_with_a_reason(tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive - Council"
    folder.mkdir()
    with pytest.raises(UnsafeLocation, match="synchronised by OneDrive"):
        opening.open_existing(str(folder / "qa.sqlite3"))
    assert not (folder / "qa.sqlite3").exists()


def test_sqlite_uri_handles_spaces_and_unc() -> None:
    assert sqlite_uri(Path("/tmp/a b/x#1.sqlite3"), mode="ro") == \
        "file:///tmp/a%20b/x%231.sqlite3?mode=ro"
    from pathlib import PureWindowsPath

    assert sqlite_uri(PureWindowsPath(r"\\server\share\qa.sqlite3")) == \
        "file:////server/share/qa.sqlite3"  # type: ignore[arg-type]


def test_shared_file_in_wal_is_refused_untouched_then_converted_explicitly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "qa.sqlite3"
    new_database(path, ANN).dispose()  # a new local file: WAL
    assert file_in_wal_mode(path)
    before = sha(path)
    monkeypatch.setenv("QA_AUDIT_SHARED", "1")
    with pytest.raises(SharedFileInWal, match="db migrate"):
        opening.open_existing(str(path))
    assert sha(path) == before and file_in_wal_mode(path)
    result = opening.migrate_database(str(path))
    assert result.converted_journal and result.backups and result.backups[0].exists()
    assert not file_in_wal_mode(path)
    db = opening.open_existing(str(path))
    assert db.profile is Profile.SHARED
    with db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "delete"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2
    db.dispose()


def test_a_local_profile_never_switches_an_existing_shared_file_to_wal(tmp_path: Path) -> None:
    path = tmp_path / "qa.sqlite3"
    new_database(path, ANN, shared=True).dispose()
    assert not file_in_wal_mode(path)
    db = opening.open_existing(str(path), force_shared=False)
    with db.write() as s:
        s.add(m.Plan(plan_ref="P1", issue_date=dt.date(2026, 1, 1)))
    db.dispose()
    assert not file_in_wal_mode(path)


def test_a_newer_schema_opens_read_only_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "qa.sqlite3"
    new_database(path, ANN).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    db = opening.open_existing(str(path))
    assert db.read_only and "newer version" in (db.read_only_reason or "")
    with db.read() as s:
        assert s.query(m.RubricVersion).count() == 1
    with pytest.raises(DatabaseReadOnly, match="read-only"), db.write() as s:
        s.add(m.Plan(plan_ref="P1", issue_date=dt.date(2026, 1, 1)))
    # even a raw write through the engine is refused by SQLite (mode=ro)
    with pytest.raises(Exception, match="readonly"), db.engine.connect() as c:
        c.exec_driver_sql("DELETE FROM plan")
    assert not presence.heartbeat(db, ANN)
    db.dispose()


def test_an_older_schema_is_refused_until_migrated_explicitly(tmp_path: Path) -> None:
    path = tmp_path / "qa.sqlite3"
    db = open_database(opening.target_for(str(path)), must_exist=False)
    migrate._run(db, "upgrade", "0001")
    db.dispose()
    with pytest.raises(Exception, match="db migrate"):
        opening.open_existing(str(path))
    result = opening.migrate_database(str(path))
    assert result.schema == "upgraded" and result.backups
    db = opening.open_existing(str(path))
    assert migrate.current_revision(db) == migrate.head_revision()
    db.dispose()


def test_watcher_tells_others_saves_from_own_and_ignores_heartbeats(tmp_path: Path) -> None:
    path = tmp_path / "qa.sqlite3"
    mine = new_database(path, ANN, shared=True)
    theirs = opening.open_existing(str(path), force_shared=True)
    with live.DataVersionWatcher(mine) as watcher:
        assert watcher.poll() is False  # baseline
        with theirs.write() as s:
            s.add(m.Plan(plan_ref="P1", issue_date=dt.date(2026, 1, 1)))
        assert watcher.poll() is True
        assert watcher.poll() is False
        with mine.write() as s:
            s.add(m.Plan(plan_ref="P2", issue_date=dt.date(2026, 1, 1)))
        change = watcher.check()
        assert change.changed and not change.by_others
        presence.heartbeat(theirs, Actor("bob", "pc-2"), "scoring P1")
        assert watcher.check().changed is False
        with mine.write() as s:
            s.add(m.Plan(plan_ref="P3", issue_date=dt.date(2026, 1, 1)))
        with theirs.write() as s:
            s.add(m.Plan(plan_ref="P4", issue_date=dt.date(2026, 1, 1)))
        assert watcher.poll() is True  # a mix still counts as someone else's
    mine.dispose()
    theirs.dispose()


def test_watcher_reports_a_vanished_share_and_recovers(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    path = share / "qa.sqlite3"
    db = new_database(path, ANN, shared=True)
    watcher = live.DataVersionWatcher(db)
    watcher.poll()
    watcher.close()
    share.rename(tmp_path / "share-offline")  # the network drive drops
    with pytest.raises(DatabaseMissing, match="cannot be reached"):
        watcher.poll()
    with pytest.raises(DatabaseMissing), db.write() as s:
        s.add(m.Plan(plan_ref="P1", issue_date=dt.date(2026, 1, 1)))
    with pytest.raises(DatabaseMissing, match="not reachable"):
        opening.open_existing(str(path))
    (tmp_path / "share-offline").rename(share)  # it comes back
    assert watcher.poll() is False  # a fresh baseline
    with db.write() as s:
        s.add(m.Plan(plan_ref="P1", issue_date=dt.date(2026, 1, 1)))
    watcher.close()
    db.dispose()


def test_presence_lists_others_recently_seen(tmp_path: Path) -> None:
    db = new_database(tmp_path / "qa.sqlite3", ANN, shared=True)
    now = m.utcnow()
    presence.heartbeat(db, ANN, "chairing", now=now)
    presence.heartbeat(db, Actor("bob", "pc-2"), "scoring R0001", now=now)
    presence.heartbeat(db, Actor("cat", "pc-3"), None, now=now - dt.timedelta(minutes=5))
    presence.heartbeat(db, Actor("bob", "pc-2"), "scoring R0002", now=now)  # upsert
    others = presence.who_else(db, ANN, now=now)
    assert [(p.user, p.activity) for p in others] == [("bob", "scoring R0002")]
    assert others[0].describe() == "bob on pc-2: scoring R0002"
    presence.leave(db, Actor("bob", "pc-2"))
    assert presence.who_else(db, ANN, now=now) == []
    db.dispose()


def test_retry_reports_busy_then_succeeds_or_gives_up_keeping_the_edit() -> None:
    calls: list[int] = []
    notices: list[BusyNotice] = []
    slept: list[float] = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise DatabaseBusy("The database is busy")
        return "saved"

    assert save_with_retry(flaky, notices.append, sleep=slept.append) == "saved"
    assert len(notices) == 2 and "busy, retrying (1 of 4)" in notices[0].message.lower()
    assert slept[1] > slept[0]  # backs off

    def always_busy() -> None:
        raise DatabaseBusy("busy")

    with pytest.raises(DatabaseBusy, match="NOT saved but is kept on screen"):
        save_with_retry(always_busy, policy=RetryPolicy(attempts=3), sleep=lambda _s: None)
    assert len(new_client_id()) == 32
