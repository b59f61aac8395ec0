"""The open's integrity check started early (``storage.precheck``): its clean result is
used once, and only for the file as it was checked; anything else means checking again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qa_audit.storage import checks, precheck


def sqlite_file(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(100)])
    con.commit()
    con.close()
    return path


def test_a_clean_check_is_used_once(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "a.sqlite3").resolve()
    assert precheck.start(path)
    assert not precheck.start(path)  # one check at a time per file
    assert precheck.healthy(path)  # kept for the open
    assert precheck.passed(path)
    assert not precheck.passed(path)  # used: the next open checks itself


def test_a_file_changed_since_the_check_is_checked_again(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "b.sqlite3").resolve()
    assert precheck.start(path) and precheck.healthy(path)
    con = sqlite3.connect(path)
    con.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(5000)])
    con.commit()
    con.close()
    assert not precheck.passed(path)


def test_a_damaged_file_is_not_passed_and_the_open_still_refuses_it(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "c.sqlite3").resolve()
    data = bytearray(path.read_bytes())
    data[4096 + 100:4096 + 400] = b"\xff" * 300  # a damaged page after the header's
    path.write_bytes(bytes(data))
    assert precheck.start(path)
    assert not precheck.healthy(path)
    assert checks.quick_check(path) != []  # the open's own check words the refusal


def test_no_early_check_beside_an_interrupted_save(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "d.sqlite3").resolve()
    Path(str(path) + "-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\0" * 504)
    assert not precheck.start(path)  # the open recovers the journal first
    assert not precheck.start(tmp_path / "missing.sqlite3")
