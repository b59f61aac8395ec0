"""Engine profiles, schema creation, corruption refusal, backups, change log."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm.exc import StaleDataError

from qa_audit.errors import DatabaseCorrupt, DatabaseMissing, UserError
from qa_audit.services import changelog
from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.storage import migrate
from qa_audit.storage import models as m
from qa_audit.storage.engine import open_database
from qa_audit.storage.profiles import Profile, resolve_target


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_init_creates_then_is_idempotent(db_path: Path, actor: Actor) -> None:
    first = database.initialise(str(db_path), actor)
    assert first.schema == "created"
    assert {r.id for r in first.rubrics if r.created} == {
        "multi-agency-ehcp",
        "dco-health-advice",
        "pfa-year9",
        "annual-review",
    }
    second = database.initialise(str(db_path), actor)
    assert second.schema == "already current"
    assert not any(r.created for r in second.rubrics)
    assert migrate.current_revision(second.database) == migrate.head_revision()


def test_local_profile_uses_wal_and_foreign_keys(db) -> None:
    assert db.profile is Profile.LOCAL
    with db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_shared_profile_uses_rollback_journal_and_full_sync(db_path: Path, actor: Actor) -> None:
    database.initialise(str(db_path), actor).database.dispose()
    # a new local file is in WAL mode; a shared file must be converted explicitly (db migrate)
    from qa_audit.storage.profiles import convert_to_rollback_journal

    assert convert_to_rollback_journal(db_path)
    shared = open_database(resolve_target(str(db_path), db_path), force_shared=True)
    assert shared.profile is Profile.SHARED
    with shared.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "delete"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_write_transactions_take_the_write_lock_at_begin(db) -> None:
    """BEGIN IMMEDIATE: a second writer is refused while the first is open."""
    with db.write() as s:
        s.execute(text("SELECT 1"))
        other = sqlite3.connect(str(db.target.path), timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_unc_paths_are_shared(tmp_path: Path) -> None:
    from qa_audit.storage.profiles import looks_shared

    assert looks_shared(Path("//server/share/qa.sqlite3"))
    assert not looks_shared(tmp_path / "x.sqlite3")


@pytest.mark.parametrize("damage", ["zero_header", "truncate", "garbage_page"])
def test_corrupt_file_refused_and_untouched(db_path: Path, actor: Actor, damage: str) -> None:
    db = database.initialise(str(db_path), actor).database
    with db.write() as s:
        s.execute(
            m.Plan.__table__.insert(),
            [
                {
                    "plan_ref": f"P{i:05d}",
                    "issue_date": dt.date(2026, 1, 1),
                    "plan_type": "new",
                    "version": 1,
                }
                for i in range(3000)
            ],
        )
    with db.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    data = bytearray(db_path.read_bytes())
    if damage == "zero_header":
        data[:100] = bytes(100)
    elif damage == "truncate":
        data = data[: len(data) // 3]
    else:
        page = 4096
        data[page * 3 : page * 4] = bytes((i * 7 + 3) % 256 for i in range(page))
    db_path.write_bytes(bytes(data))
    before = sha(db_path)
    with pytest.raises((DatabaseCorrupt, UserError)):
        database.open_existing(str(db_path))
    report_or_error = None
    try:
        report_or_error = database.check(str(db_path))
    except DatabaseCorrupt as exc:
        report_or_error = exc
    assert isinstance(report_or_error, DatabaseCorrupt) or not report_or_error.healthy
    assert sha(db_path) == before


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing, match="not reachable"):
        database.open_existing(str(tmp_path / "gone" / "x.sqlite3"))


def test_missing_file_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing, match="init"):
        database.open_existing(str(tmp_path / "x.sqlite3"))


def test_backup_is_verified_and_refuses_existing(db, tmp_path: Path) -> None:
    dest = tmp_path / "copy.sqlite3"
    database.backup(str(db.target.path), dest)
    con = sqlite3.connect(dest)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM rubric_version").fetchone()[0] == 4
    con.close()
    with pytest.raises(UserError, match="already exists"):
        database.backup(str(db.target.path), dest)


def test_version_column_prevents_lost_updates(db, actor: Actor) -> None:
    """A screen that loaded a row, then saves after someone else did, gets StaleDataError."""
    with db.write() as s:
        s.add(m.Plan(plan_ref="P1", issue_date=dt.date(2026, 1, 1)))
    with db.read() as screen:
        mine = screen.scalar(select(m.Plan).where(m.Plan.plan_ref == "P1"))
        screen.commit()  # the screen shows the row; no transaction is held open
        with db.write() as other:
            other.scalar(select(m.Plan).where(m.Plan.plan_ref == "P1")).team = "North"
        mine.team = "South"
        with pytest.raises(StaleDataError):
            screen.commit()
    with db.read() as s:
        assert s.scalar(select(m.Plan.team)) == "North"
        assert s.scalar(select(m.Plan.version)) == 2


def test_change_log_is_append_only_and_chained(db, actor: Actor) -> None:
    with db.write() as s:
        changelog.record(s, actor, "plan", "P1", "edit", {"team": "A"}, {"team": "B"})
        changelog.record(s, actor, "plan", "P1", "edit", {"team": "B"}, {"team": "C"})
    assert database.check(str(db.target.path)).healthy
    con = sqlite3.connect(db.target.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("UPDATE change_log SET user_name='mallory'")
    # someone with the file drops the trigger and edits history: db check notices
    con.execute("DROP TRIGGER change_log_no_update")
    con.execute(
        'UPDATE change_log SET after_json=\'{"team":"Z"}\' WHERE id = '
        "(SELECT min(id) FROM change_log WHERE entity='plan')"
    )
    con.commit()
    con.close()
    report = database.check(str(db.target.path))
    assert not report.healthy
    assert any("altered" in p for p in report.problems)


def test_a_server_address_is_shown_without_any_password() -> None:
    """Window title, status bar and logs show the target's display name."""
    from qa_audit.storage.profiles import resolve_target

    for url in ("postgresql+psycopg://qa:secret@db.example:5432/qa",
                "postgresql+psycopg://db.example:5432/qa?user=qa&password=secret"):
        shown = resolve_target(url, Path("unused.sqlite3")).display_name
        assert "secret" not in shown
        assert "db.example:5432/qa" in shown
