"""Driver errors about the environment (busy, read-only, unreachable, damaged) in words.

``translate_errors`` wraps every unit of work of ``engine.Database``, and the live
view's own reads, so a user reads what happened and what to do, not a traceback.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import Protocol

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from qa_audit.errors import DatabaseBusy, DatabaseCorrupt, DatabaseError, DatabaseMissing
from qa_audit.storage import encryption
from qa_audit.storage.profiles import SharedFileInWal


class DatabaseReadOnly(DatabaseError):
    """The database is open read-only (written by a newer app, or no write permission)."""


class OpenDatabase(Protocol):
    """What the messages need of the database (``engine.Database`` has it)."""

    @property
    def name(self) -> str: ...

    @property
    def encrypted(self) -> bool: ...


@contextlib.contextmanager
def translate_errors(db: OpenDatabase) -> Iterator[None]:
    """Turn driver errors about the environment into words a user understands."""
    try:
        yield
    except IntegrityError:
        raise
    except DBAPIError as exc:
        translated = _environment_error(db, exc)
        if translated is None:
            raise
        raise translated from exc
    except sqlite3.DatabaseError as exc:
        translated = _environment_error(db, exc)
        if translated is None:
            raise
        raise translated from exc
    except Exception as exc:
        if not (db.encrypted and isinstance(exc, encryption.driver_errors())):
            raise
        translated = _environment_error(db, exc)
        if translated is None:
            raise
        raise translated from exc


def _environment_error(db: OpenDatabase, exc: Exception) -> DatabaseError | None:
    text_ = str(exc).lower()
    if "locked" in text_ or "busy" in text_ or "could not obtain lock" in text_ \
            or "lock timeout" in text_ or "deadlock detected" in text_ \
            or "could not serialize" in text_:
        return DatabaseBusy(
            "The database is busy: another user is saving. Your change was not saved yet; "
            "try again in a moment."
        )
    if "switched to wal" in text_:
        return SharedFileInWal(
            f"{db.name} was switched to WAL mode by another app; that is unsafe on a shared "
            "drive. Nothing was saved. Convert it back with 'qa-audit db migrate'."
        )
    if "readonly" in text_ or "read-only" in text_:
        return DatabaseReadOnly(f"The database {db.name} is read-only for you: nothing was saved.")
    if "disk i/o" in text_:
        return DatabaseMissing(
            f"The drive holding {db.name} reported an error while reading or saving (disk I/O "
            "error). Nothing was saved; your change is kept. Check the network connection and "
            "try again."
        )
    if "unable to open" in text_ or "could not connect" in text_ \
            or "connection refused" in text_ or "server closed the connection" in text_ \
            or "terminating connection" in text_ or "connection is closed" in text_:
        return DatabaseMissing(
            f"The database {db.name} cannot be reached (is the network drive or server "
            "connected?). Nothing was saved."
        )
    if "malformed" in text_ or "not a database" in text_:
        return DatabaseCorrupt(
            f"The database {db.name} is damaged. Nothing was saved. Restore it from a backup "
            "('qa-audit db backups' lists them)."
        )
    if isinstance(exc, OperationalError | sqlite3.OperationalError):
        return DatabaseError(f"Database error on {db.name}: {exc}")
    return None

