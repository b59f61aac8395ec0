"""Encryption at rest (issue 6, item 7): SQLCipher through sqlcipher3."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from qa_audit.errors import DatabaseCorrupt
from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.storage import backups, encryption
from qa_audit.storage import models as m
from qa_audit.storage.opening import open_existing
from qa_audit.storage.profiles import SQLITE_HEADER
from qa_audit.storage.translate import DatabaseReadOnly

pytest.importorskip("sqlcipher3", reason="sqlcipher3 is not installed (pip install sqlcipher3)")

KEY = "correct horse 'battery' staple"
ACTOR = Actor("tester", "test-pc")


@pytest.fixture
def enc_path(tmp_path: Path) -> Path:
    path = tmp_path / "secret.sqlite3"
    result = database.initialise(str(path), ACTOR, passphrase=KEY)
    with result.database.write() as s:
        s.add(m.Plan(plan_ref="PLAN-SECRET-42", issue_date=m.utcnow().date(), plan_type="new"))
    result.database.dispose()
    return path


def test_created_encrypted_and_nothing_readable_on_disk(enc_path: Path) -> None:
    data = enc_path.read_bytes()
    assert not data.startswith(SQLITE_HEADER)
    assert b"PLAN-SECRET-42" not in data and b"change_log" not in data
    assert KEY.encode() not in data
    assert encryption.needs_passphrase(enc_path)
    assert encryption.looks_encrypted(enc_path)
    db = open_existing(str(enc_path), passphrase=KEY)
    try:
        assert db.encrypted
        with db.read() as s:
            assert s.scalar(select(m.Plan.plan_ref)) == "PLAN-SECRET-42"
    finally:
        db.dispose()


def test_needs_passphrase_only_for_non_sqlite_non_empty_files(tmp_path: Path) -> None:
    plain = tmp_path / "plain.sqlite3"
    database.initialise(str(plain), ACTOR).database.dispose()
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert not encryption.needs_passphrase(plain)
    assert not encryption.needs_passphrase(empty)
    assert not encryption.needs_passphrase(tmp_path / "missing.sqlite3")


def test_wrong_passphrase_plain_file_and_no_passphrase_are_told_apart(enc_path: Path,
                                                                      tmp_path: Path) -> None:
    before = enc_path.read_bytes()
    with pytest.raises(encryption.WrongPassphrase, match="passphrase does not open"):
        open_existing(str(enc_path), passphrase="Correct horse 'battery' staple")
    with pytest.raises(encryption.PassphraseNeeded, match="is encrypted: open it with its"):
        open_existing(str(enc_path))
    plain = tmp_path / "plain.sqlite3"
    database.initialise(str(plain), ACTOR).database.dispose()
    with pytest.raises(encryption.NotEncrypted, match="is not encrypted"):
        open_existing(str(plain), passphrase=KEY)
    assert enc_path.read_bytes() == before  # nothing was written by any refusal


def test_damaged_encrypted_file_is_refused_as_damaged_not_wrong_key(enc_path: Path) -> None:
    data = bytearray(enc_path.read_bytes())
    page = 4096
    assert len(data) >= 4 * page
    data[2 * page + 100: 2 * page + 400] = b"\x5a" * 300  # garble a page other than page 1
    enc_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorrupt, match=r"is damaged .*the passphrase is right"):
        open_existing(str(enc_path), passphrase=KEY)
    assert enc_path.read_bytes() == bytes(data)


def test_zeroed_header_is_damage_not_encryption(tmp_path: Path) -> None:
    plain = tmp_path / "plain.sqlite3"
    database.initialise(str(plain), ACTOR).database.dispose()
    data = bytearray(plain.read_bytes())
    data[:100] = b"\0" * 100
    plain.write_bytes(bytes(data))
    assert encryption.needs_passphrase(plain)
    assert not encryption.looks_encrypted(plain)
    with pytest.raises(DatabaseCorrupt, match="not a readable database"):
        open_existing(str(plain))


def test_backups_stay_encrypted_and_verify_with_the_key(enc_path: Path, tmp_path: Path) -> None:
    db = open_existing(str(enc_path), passphrase=KEY)
    try:
        made = backups.make_backup(db, kind="manual", root=tmp_path / "bk", passphrase=KEY)
        # the key the database was opened with (held in memory only) is the backup's key
        held = backups.make_backup(db, kind="scheduled", root=tmp_path / "bk")
        assert encryption.integrity_problems(held, KEY) == []
        assert not held.read_bytes().startswith(SQLITE_HEADER)
    finally:
        db.dispose()
    data = made.read_bytes()
    assert not data.startswith(SQLITE_HEADER) and b"PLAN-SECRET-42" not in data
    assert encryption.integrity_problems(made, KEY) == []
    with pytest.raises(encryption.WrongPassphrase):
        encryption.integrity_problems(made, "nope")
    backups.verify_backup(made, KEY)
    # restore puts the encrypted copy back; the current file is kept aside
    db = open_existing(str(enc_path), passphrase=KEY)
    with db.write() as s:
        s.add(m.Plan(plan_ref="LATER", issue_date=m.utcnow().date(), plan_type="new"))
    db.dispose()
    result = backups.restore(made, enc_path, passphrase=KEY)
    assert result.moved_aside is not None and result.moved_aside.exists()
    assert not enc_path.read_bytes().startswith(SQLITE_HEADER)
    db = open_existing(str(enc_path), passphrase=KEY)
    try:
        with db.read() as s:
            assert set(s.scalars(select(m.Plan.plan_ref))) == {"PLAN-SECRET-42"}
    finally:
        db.dispose()


def test_newer_schema_reopens_read_only_with_the_key(enc_path: Path) -> None:
    db = open_existing(str(enc_path), passphrase=KEY)
    with db.write() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.dispose()
    opened = open_existing(str(enc_path), passphrase=KEY)
    try:
        assert opened.read_only and opened.encrypted
        with opened.read() as s:
            assert s.scalar(select(m.Plan.plan_ref)) == "PLAN-SECRET-42"
        with pytest.raises(DatabaseReadOnly), opened.write():
            pass
    finally:
        opened.dispose()


def test_empty_passphrase_is_refused_before_anything_is_created(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with pytest.raises(Exception, match="must not be empty"):
        database.initialise(str(path), ACTOR, passphrase="")
    assert not path.exists() or path.stat().st_size == 0
