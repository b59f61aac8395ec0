"""The open's integrity check, started early in a thread (issue 16: first rows fast).

``PRAGMA quick_check`` reads every page: on a county database (200 MB) it is the
largest single cost of opening. It runs in SQLite's C code without Python's lock, so
the app starts it as soon as it knows the file (``start``), and it runs on the other
core while the window paints and the services are imported. ``checks.quick_check``
then takes a clean result (``passed``) instead of checking again; anything else (a
problem, an error, a file changed since, a hot journal) falls back to its own
check, which words the refusal. Plain ``sqlite3`` only: no SQLAlchemy here.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from pathlib import Path

from qa_audit.storage.uri import sqlite_uri

__all__ = ["found_damaged", "healthy", "passed", "start"]

_HEADER = b"SQLite format 3\x00"
#: A result older than this is checked again (the file may have been swapped meanwhile).
_FRESH_S = 120.0
#: How long ``passed`` waits for a check still running before checking itself.
_WAIT_S = 60.0

_lock = threading.Lock()
_checks: dict[Path, _Check] = {}


def _signature(path: Path) -> tuple[tuple[int, int] | None, ...]:
    """Size and modification time of the file and its journal and write-ahead log (an
    empty journal or log counts as none: a reader of a WAL file makes an empty log)."""
    found: list[tuple[int, int] | None] = []
    for suffix in ("", "-journal", "-wal"):
        try:
            st = os.stat(str(path) + suffix)
        except OSError:
            found.append(None)
        else:
            found.append((st.st_size, st.st_mtime_ns) if st.st_size or not suffix else None)
    return tuple(found)


class _Check:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.signature = _signature(path)
        self.clean = False
        self.ended_at = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        _yield_to_the_window()
        try:
            con = sqlite3.connect(sqlite_uri(self.path, mode="ro"), uri=True, timeout=5)
            try:
                self.clean = [r[0] for r in con.execute("PRAGMA quick_check")] == ["ok"]
            finally:
                con.close()
        except sqlite3.Error:
            self.clean = False  # the open's own check says what is wrong
        finally:
            self.ended_at = time.monotonic()
            self.done.set()


def _yield_to_the_window() -> None:
    """Run this thread at a lower priority where the system allows it (Linux: per
    thread): with a core free it runs at full speed, on a busy machine the window's
    first paint comes first."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or not allowed
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def start(path: Path) -> bool:
    """Check ``path`` (resolved) in the background when it is a plain SQLite file with no
    interrupted save beside it; returns whether a check started."""
    try:
        with path.open("rb") as fh:
            if fh.read(len(_HEADER)) != _HEADER:
                return False  # new, encrypted or damaged: the open handles those
    except OSError:
        return False
    check = _Check(path)
    if check.signature[1] is not None:
        return False  # a journal with content: the open recovers it first
    with _lock:
        if path in _checks:
            return False
        _checks[path] = check
    threading.Thread(target=check.run, name="quick_check", daemon=True).start()
    return True


def passed(path: Path) -> bool:
    """True when a background check of ``path`` found it healthy and the file has not
    changed since; the result is used once."""
    with _lock:
        check = _checks.pop(path, None)
    if check is None or not check.done.wait(_WAIT_S):
        return False
    return (check.clean and time.monotonic() - check.ended_at < _FRESH_S
            and _signature(path) == check.signature)


def healthy(path: Path) -> bool:
    """True when a background check of ``path`` found it healthy (waiting for it if it
    runs); unlike ``passed`` the result stays for the open."""
    with _lock:
        check = _checks.get(path)
    return check is not None and check.done.wait(_WAIT_S) and check.clean


def found_damaged(path: Path) -> bool:
    """True when a background check of ``path`` has already ended and did not find it
    healthy; a check still running is not waited for (the caller only reads)."""
    with _lock:
        check = _checks.get(path)
    return check is not None and check.done.is_set() and not check.clean
