"""Watching a shared database from one app: others' saves, reachability, locks, presence.

Qt-free, and not thread-safe: one ``StoreWatch`` lives in the GUI's worker thread
(``gui.shared_store.StoreProbe``), which calls ``poll`` and ``heartbeat`` from timers
so a locked file or a dropped network share never freezes the window.

* ``poll`` asks ``live.DataVersionWatcher`` whether another member saved, checks the
  file is still reachable and whether another member holds a lock (a read with a
  ``PROBE_TIMEOUT`` busy timeout), and reads who else is here now and then;
* ``heartbeat`` records this user's presence; ``leave`` removes it at close.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time

from qa_audit.errors import DatabaseBusy, DatabaseCorrupt, DatabaseError, DatabaseMissing
from qa_audit.services.actor import Actor
from qa_audit.services.store import live, presence
from qa_audit.services.store.store_state import BUSY, DAMAGED_TEXT, MISSING, OK, PollResult
from qa_audit.storage.engine import Database
from qa_audit.storage.uri import sqlite_uri

PRESENCE_REFRESH_S = 10.0
PROBE_TIMEOUT = 0.25  # seconds a lock probe waits before calling the file busy

class StoreWatch:
    """One app's view of the shared file; ``last_state`` is the previous poll's state."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor
        self._watcher = live.DataVersionWatcher(db, lock_timeout=PROBE_TIMEOUT)
        self._probe: sqlite3.Connection | None = None
        self._next_presence = 0.0
        self.last_state = OK

    def poll(self) -> PollResult:
        """One look at the file; never raises a ``DatabaseError`` (it becomes the state)."""
        result = self._poll()
        self.last_state = result.state
        return result

    def heartbeat(self, activity: str | None) -> None:
        """This user is here (raises ``DatabaseBusy``/``DatabaseError`` for the caller to show)."""
        if not self.db.read_only:
            presence.heartbeat(self.db, self.actor, activity or None)

    def leave(self) -> None:
        """Remove this user's presence (only when the file was reachable last time)."""
        if self.last_state == OK and not self.db.read_only:
            presence.leave(self.db, self.actor)

    def close(self) -> None:
        self._watcher.close()
        self._close_probe()

    # ------------------------------------------------------------ internals

    def _poll(self) -> PollResult:
        recovering = self.last_state != OK
        try:
            self._check_reachable()
            saved = self._watcher.poll()
            self._check_lock()
        except DatabaseBusy as exc:
            return PollResult(BUSY, exc.message, False, None)
        except DatabaseCorrupt as exc:
            self.close()
            return PollResult(MISSING, f"{DAMAGED_TEXT} ({exc.message})", False, None)
        except DatabaseError as exc:
            self.close()
            return PollResult(MISSING, exc.message, False, None)
        # back from busy/missing: refresh everything (the file may have been replaced)
        saved = saved or (recovering and self.last_state == MISSING)
        others = None
        now = time.monotonic()
        if saved or recovering or now >= self._next_presence:
            try:
                others = presence.who_else(self.db, self.actor)
            except DatabaseBusy as exc:
                return PollResult(BUSY, exc.message, saved, None)
            except DatabaseError as exc:
                return PollResult(MISSING, exc.message, saved, None)
            self._next_presence = now + PRESENCE_REFRESH_S
        return PollResult(OK, "", saved, others)

    def _check_reachable(self) -> None:
        path = self.db.target.path
        if path is None:
            return
        if not path.parent.is_dir():
            raise DatabaseMissing(f"The folder holding the database is not reachable: "
                                  f"{path.parent}.")
        if not path.is_file():
            raise DatabaseMissing(f"The database file is not there any more: {path}.")

    def _check_lock(self) -> None:
        """A short read: busy when a colleague holds the file's exclusive lock."""
        path = self.db.target.path
        if path is None or self.db.encrypted or not self.db.is_sqlite:
            return
        try:
            if self._probe is None:
                self._probe = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True,
                                              timeout=PROBE_TIMEOUT, check_same_thread=False)
            self._probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if "locked" in text or "busy" in text:
                raise DatabaseBusy("The database is busy: another user is saving.") from exc
            self._close_probe()
            raise DatabaseMissing(f"The database cannot be read ({exc}).") from exc
        except sqlite3.DatabaseError as exc:
            self._close_probe()
            raise DatabaseCorrupt(f"The database cannot be read ({exc}).") from exc

    def _close_probe(self) -> None:
        if self._probe is not None:
            with contextlib.suppress(sqlite3.Error):
                self._probe.close()
            self._probe = None
