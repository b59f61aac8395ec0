"""Consistent online copies with the SQLite backup API, verified after writing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qa_audit.errors import DatabaseError, UserError
from qa_audit.storage.engine import Database, quick_check


def backup_database(db: Database, dest: Path) -> Path:
    """Copy ``db`` to ``dest`` (which must not exist) and verify the copy."""
    if db.target.path is None:
        raise UserError("Backups of a server database are made with the server's own tools.")
    dest = Path(dest).expanduser().resolve()
    if dest.exists():
        raise UserError(f"{dest} already exists; choose a new file name for the backup.")
    if not dest.parent.exists():
        raise UserError(f"The folder {dest.parent} does not exist.")
    src = sqlite3.connect(f"{db.target.path.as_uri()}?mode=ro", uri=True, timeout=5)
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
    problems = quick_check(dest, full=True)
    if problems:
        dest.unlink(missing_ok=True)
        raise DatabaseError(f"The backup copy failed its integrity check ({problems[0]}).")
    return dest
