"""Read-only checks of a SQLite file before any engine touches it.

A damaged file is refused and left byte-for-byte as it was; an interrupted save
(a hot rollback journal) is rolled back by SQLite's own recovery first.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qa_audit.errors import DatabaseBusy, DatabaseCorrupt, DatabaseMissing
from qa_audit.storage import precheck
from qa_audit.storage.profiles import BUSY_TIMEOUT_MS, SQLITE_HEADER
from qa_audit.storage.uri import sqlite_uri

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def preflight(path: Path, *, must_exist: bool) -> bool:
    """Check a SQLite file without writing to it. Returns whether it exists."""
    folder = path.parent
    if not folder.exists():
        raise DatabaseMissing(
            f"The folder holding the database is not reachable: {folder}. "
            "If it is on a network drive, check the connection and try again."
        )
    if not path.exists() or path.stat().st_size == 0:
        if must_exist:
            raise DatabaseMissing(
                f"No database at {path}. Run 'qa-audit --db \"{path}\" init' to create one."
            )
        return False
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseMissing(
            f"The database file cannot be read: {path} ({exc.strerror})."
        ) from exc
    if header != SQLITE_HEADER:
        raise DatabaseCorrupt(
            f"{path.name} is not a readable database (its header is damaged or it is another "
            "kind of file). It has not been changed. Restore it from a backup: "
            f"'qa-audit --db \"{path}\" db backups' lists the automatic copies and "
            "'db restore BACKUP' puts one back (the damaged file is kept beside it)."
        )
    problems = quick_check(path)
    if problems:
        raise DatabaseCorrupt(
            f"{path.name} is damaged ({problems[0]}). It has not been changed. Restore it "
            f"from a backup: 'qa-audit --db \"{path}\" db backups' lists the automatic copies "
            "and 'db restore BACKUP' puts one back (the damaged file is kept beside it).",
            details=problems,
        )
    return True


def _readonly_connect(path: Path, timeout: float = BUSY_TIMEOUT_MS / 1000) -> sqlite3.Connection:
    return sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=timeout)


def has_hot_journal(path: Path) -> bool:
    """A non-empty rollback journal beside the file: a save was cut off (crash, kill, power)."""
    journal = path.with_name(path.name + "-journal")
    try:
        if journal.stat().st_size == 0:
            return False
        with journal.open("rb") as fh:
            journal_magic = fh.read(len(JOURNAL_MAGIC))
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError:
        return False
    # only an intact database with an intact journal is recovered; anything else is
    # refused as damaged and left exactly as it is
    return journal_magic == JOURNAL_MAGIC and header == SQLITE_HEADER


def recover_hot_journal(path: Path) -> None:
    """Let SQLite roll back an interrupted save (a read-only connection cannot).

    This is SQLite's own crash recovery: the journal holds the pages as they
    were before the interrupted transaction, and they are put back. It runs
    under SQLite's locks, so it is safe while others have the file open.
    """
    try:
        con = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return  # the read-only check that follows reports what is wrong


def quick_check(path: Path, *, full: bool = False) -> list[str]:
    """Run quick_check (or integrity_check) read-only; [] when healthy."""
    pragma = "integrity_check" if full else "quick_check"
    if has_hot_journal(path):
        recover_hot_journal(path)
    elif not full and precheck.passed(path):  # checked in the background at start-up
        return []
    try:
        con = _readonly_connect(path)
        try:
            rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        message = str(exc)
        if "locked" in message or "busy" in message:
            raise DatabaseBusy(
                "The database is busy: another user is saving. Try again in a moment."
            ) from exc
        if "unable to open" in message or "disk i/o" in message.lower():
            raise DatabaseMissing(
                f"The database file {path.name} cannot be reached ({message}). If it is on a "
                "network drive, check the connection and try again."
            ) from exc
        return [message]
    return [] if rows == ["ok"] else rows

