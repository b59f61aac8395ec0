"""Consistent online copies with the SQLite backup API, verified after writing.

An encrypted database is copied with SQLCipher under the same key, so the copy
is encrypted too (see ``storage.encryption``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qa_audit.errors import DatabaseError, UserError
from qa_audit.storage import encryption
from qa_audit.storage.checks import quick_check
from qa_audit.storage.engine import Database
from qa_audit.storage.uri import sqlite_uri


def copy_sqlite_file(src_path: Path, dest: Path) -> None:
    """Online backup of ``src_path`` into a new file ``dest`` (not verified here)."""
    src = sqlite3.connect(sqlite_uri(src_path, mode="ro"), uri=True, timeout=5)
    try:
        out = sqlite3.connect(dest)
        try:
            src.backup(out)
        finally:
            out.close()
    except sqlite3.Error as exc:
        dest.unlink(missing_ok=True)
        raise DatabaseError(f"The backup failed: {exc}. Nothing was written to {dest}.") from exc
    finally:
        src.close()


def backup_database(db: Database, dest: Path, *, passphrase: str | None = None) -> Path:
    """Copy ``db`` to ``dest`` (which must not exist) and verify the copy.

    An encrypted database's copy is encrypted with the passphrase it was opened
    with (or ``passphrase``).
    """
    if db.target.path is None:
        raise UserError("Backups of a server database are made with the server's own tools.")
    dest = Path(dest).expanduser().resolve()
    if dest.exists():
        raise UserError(f"{dest} already exists; choose a new file name for the backup.")
    if not dest.parent.exists():
        raise UserError(f"The folder {dest.parent} does not exist.")
    if db.encrypted:
        passphrase = passphrase if passphrase is not None else db.passphrase
        if passphrase is None:
            raise UserError("This database is encrypted: its passphrase is needed for a backup.")
        encryption.backup(db.target.path, dest, passphrase)
        problems = encryption.integrity_problems(dest, passphrase)
    else:
        copy_sqlite_file(db.target.path, dest)
        problems = quick_check(dest, full=True)
    if problems:
        dest.unlink(missing_ok=True)
        raise DatabaseError(f"The backup copy failed its integrity check ({problems[0]}).")
    return dest
