"""Has someone else saved since I last looked? (so views refresh during a meeting)

``DataVersionWatcher(db).poll()`` is cheap enough for a 1-2 second timer:

* SQLite: a dedicated long-lived connection asks ``PRAGMA data_version``, which
  changes only when *another* connection commits (no file read beyond the
  header). Only then is the one-row ``store_revision`` counter read.
* PostgreSQL (or any server): the ``store_revision`` counter is read directly
  (one row by primary key); without it, ``max(change_log.id)``.

Every ``Database.write`` bumps the counter by exactly one and remembers the
values it wrote, so the watcher can tell the app's own saves from other
members' saves: ``check()`` returns both; ``poll()`` is True only for others'.
Heartbeats (``services.presence``) do not bump the counter, so presence alone
never makes screens refresh.

Qt-free. The GUI calls ``poll()`` from a ``QTimer`` (it returns within
``lock_timeout`` even while a colleague is committing) and emits its own
``data_changed`` signal; a ``DatabaseError`` from ``poll()`` means the share is
unreachable: show it, keep the edits, and keep polling (it reconnects).
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from qa_audit.errors import DatabaseBusy
from qa_audit.storage.engine import REVISION_TABLE, Database
from qa_audit.storage.translate import translate_errors


@dataclass(frozen=True)
class DataChange:
    changed: bool  # anything committed since the last check (by anyone)
    by_others: bool  # ... including at least one save not made by this app
    revision: int | None  # the store revision now (None when unknown)


_NO_CHANGE = DataChange(False, False, None)  # returned while a colleague is committing


class DataVersionWatcher:
    """Reports commits made by other connections/processes since the last poll."""

    def __init__(self, db: Database, *, lock_timeout: float = 0.25) -> None:
        self.db = db
        self.lock_timeout = lock_timeout
        self._con: Any = None
        self._data_version: int | None = None
        self._revision: int | None = None
        self._use_revision: bool | None = None
        self._primed = False

    # ------------------------------------------------------------ public

    def poll(self) -> bool:
        """True when another member (or another app) saved since the last poll."""
        return self.check().by_others

    def check(self) -> DataChange:
        """What changed since the last check. The first check only takes a baseline."""
        with translate_errors(self.db):
            try:
                return self._check()
            except DatabaseBusy:
                return _NO_CHANGE  # a colleague is committing: look again next tick
            except Exception:
                self.close()  # reconnect next time; the caller shows the error
                self._primed = False
                raise

    def close(self) -> None:
        if self._con is not None:
            with contextlib.suppress(Exception):
                self._con.close()
            self._con = None

    def __enter__(self) -> DataVersionWatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ internals

    def _check(self) -> DataChange:
        if self.db.is_sqlite:
            return self._check_sqlite()
        return self._check_server()

    def _connection(self) -> Any:
        if self._con is None:
            con = self.db.engine.raw_connection()
            cur = con.cursor()
            cur.execute(f"PRAGMA busy_timeout={int(self.lock_timeout * 1000)}")
            cur.close()
            self._con = con
        return self._con

    def _scalar(self, sql: str) -> Any:
        cur = self._connection().cursor()
        try:
            cur.execute(sql)
            row = cur.fetchone()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DatabaseBusy("busy") from exc
            raise
        finally:
            cur.close()
        return row[0] if row else None

    def _read_revision(self) -> int | None:
        if self._use_revision is None:
            has = self._scalar("SELECT count(*) FROM sqlite_master WHERE type='table' "
                               f"AND name='{REVISION_TABLE}'")
            self._use_revision = bool(has)
        if not self._use_revision:
            return None
        value = self._scalar(f"SELECT n FROM {REVISION_TABLE} WHERE id = 1")
        return int(value) if value is not None else None

    def _check_sqlite(self) -> DataChange:
        version = int(self._scalar("PRAGMA data_version"))
        if self._primed and version == self._data_version:
            return DataChange(False, False, self._revision)
        revision = self._read_revision()
        first = not self._primed
        self._data_version, self._primed = version, True
        return self._compare(revision, first)

    def _check_server(self) -> DataChange:
        with self.db.engine.connect() as conn:
            try:
                value = conn.execute(text(f"SELECT n FROM {REVISION_TABLE} WHERE id = 1"))
                revision = value.scalar()
            except Exception:  # noqa: BLE001 - an older schema: fall back to the change log
                conn.rollback()
                revision = conn.execute(text("SELECT max(id) FROM change_log")).scalar() or 0
        first = not self._primed
        self._primed = True
        return self._compare(int(revision) if revision is not None else None, first)

    def _compare(self, revision: int | None, first: bool) -> DataChange:
        previous, self._revision = self._revision, revision
        if first:
            return DataChange(False, False, revision)
        if revision is None:  # no counter: any commit may be someone else's
            return DataChange(True, True, None)
        if previous is not None and revision == previous:
            return DataChange(False, False, revision)  # a heartbeat or other bookkeeping
        if previous is None or revision < previous:  # restored or replaced file
            return DataChange(True, True, revision)
        own = set(self.db.own_revisions)
        by_others = any(n not in own for n in range(previous + 1, revision + 1))
        return DataChange(True, by_others, revision)
