"""Working together on one database: others' saves, who else is here, busy and missing.

``SharedStoreMonitor`` (GUI thread) owns a worker thread (``StoreProbe``) that
does everything that touches the file, so a locked file or a dropped network
share never freezes the window:

* every ``POLL_MS`` it asks ``services.live.DataVersionWatcher`` whether another
  member saved (``others_saved`` -> the window refreshes its pages);
* it checks the file is still reachable and whether another member holds a lock
  (a read with a ``PROBE_TIMEOUT`` busy timeout), and reports the state:
  ``OK``, ``BUSY`` or ``MISSING`` (with the message);
* every ``HEARTBEAT_MS`` it records this user's presence (``services.presence``),
  and it reads who else is here now and then (and whenever others saved);
* it makes a scheduled backup at start and every ``BACKUP_EVERY_MS``
  (``storage.backups.maybe_backup``) in the thread pool.

Ticks are skipped while the previous one is still running (a share that hangs
only delays the next look). Tests drive it with ``poll_now()`` and
``heartbeat_now()`` and wait for ``polled``.

The widgets that show the state (busy label, presence label, banner) are in
this module too; ``MainWindow`` puts them in place.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QWidget,
)

from qa_audit.errors import DatabaseBusy, DatabaseCorrupt, DatabaseError, DatabaseMissing
from qa_audit.gui import workers
from qa_audit.services import live, presence
from qa_audit.services.actor import Actor
from qa_audit.services.presence import PresenceInfo
from qa_audit.storage import backups
from qa_audit.storage.engine import Database, sqlite_uri

log = logging.getLogger(__name__)

POLL_MS = 1500
HEARTBEAT_MS = 30_000
PRESENCE_REFRESH_S = 10.0
BACKUP_EVERY_MS = 4 * 60 * 60 * 1000
PROBE_TIMEOUT = 0.25  # seconds a lock probe waits before calling the file busy
STOP_WAIT_MS = 3000

OK, BUSY, MISSING = "ok", "busy", "missing"

#: what the pages are told changed when another member saved
REFRESH_KINDS = ("audits", "sessions", "actions")

BUSY_TEXT = "Database busy, retrying…"
MISSING_TEXT = ("The network drive holding the database cannot be reached. Your unsaved edits "
                "are kept on screen; saving resumes when it is back.")
DAMAGED_TEXT = ("The database reported damage while being read. Nothing more is saved to it; "
                "close it and restore it from a backup (File > Backups…).")

#: words in a status message that mean a save met a locked database
_BUSY_WORDS = ("database busy", "database is busy", "stayed busy")


def is_busy_message(message: str) -> bool:
    lowered = message.lower()
    return any(word in lowered for word in _BUSY_WORDS)


def describe_others(others: list[PresenceInfo]) -> str:
    """``Also here: A. Patel (scoring), R. Hughes`` (one entry per person), or ''."""
    seen: dict[str, str | None] = {}
    for info in others:
        if info.user not in seen or (seen[info.user] is None and info.activity):
            seen[info.user] = info.activity
    if not seen:
        return ""
    parts = [f"{user} ({activity.lower()})" if activity else user
             for user, activity in seen.items()]
    return "Also here: " + ", ".join(parts)


@dataclass(frozen=True)
class PollResult:
    state: str  # OK, BUSY or MISSING
    message: str  # the error's own words ('' when OK)
    others_saved: bool
    others: list[PresenceInfo] | None  # None: not read this time


# ---------------------------------------------------------------- worker (Qt-light)


class StoreProbe(QObject):
    """Lives in the worker thread; every method touching the file runs there."""

    polled = Signal(object)  # PollResult
    beat_failed = Signal(str, str)  # state, message
    stopped = Signal()

    def __init__(self, db: Database, actor: Actor) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self._watcher = live.DataVersionWatcher(db, lock_timeout=PROBE_TIMEOUT)
        self._probe: sqlite3.Connection | None = None
        self._next_presence = 0.0
        self._last_state = OK

    # ------------------------------------------------------------ slots

    @Slot()
    def tick(self) -> None:
        try:
            result = self._tick()
        except Exception:  # noqa: BLE001 - a bug must not stop the live view; log it
            log.error("live view poll failed\n%s", traceback.format_exc())
            result = PollResult(self._last_state, "", False, None)
        self._last_state = result.state
        self.polled.emit(result)

    @Slot(str)
    def beat(self, activity: str) -> None:
        if self.db.read_only:
            return
        try:
            presence.heartbeat(self.db, self.actor, activity or None)
        except DatabaseBusy as exc:
            self.beat_failed.emit(BUSY, exc.message)
        except DatabaseError as exc:
            self.beat_failed.emit(MISSING, exc.message)
        except Exception:  # noqa: BLE001 - presence is a courtesy; never crash over it
            log.error("heartbeat failed\n%s", traceback.format_exc())

    @Slot()
    def shutdown(self) -> None:
        """Say goodbye (presence), close connections, end the thread."""
        if self._last_state == OK and not self.db.read_only:
            try:
                presence.leave(self.db, self.actor)
            except DatabaseError as exc:
                log.info("could not remove presence on close: %s", exc.message)
            except Exception:  # noqa: BLE001
                log.error("leave failed\n%s", traceback.format_exc())
        self._watcher.close()
        self._close_probe()
        self.stopped.emit()
        thread = self.thread()
        if thread is not None:
            thread.quit()

    # ------------------------------------------------------------ internals

    def _tick(self) -> PollResult:
        recovering = self._last_state != OK
        try:
            self._check_reachable()
            saved = self._watcher.poll()
            self._check_lock()
        except DatabaseBusy as exc:
            return PollResult(BUSY, exc.message, False, None)
        except DatabaseCorrupt as exc:
            self._forget_connections()
            return PollResult(MISSING, f"{DAMAGED_TEXT} ({exc.message})", False, None)
        except DatabaseError as exc:
            self._forget_connections()
            return PollResult(MISSING, exc.message, False, None)
        # back from busy/missing: refresh everything (the file may have been replaced)
        saved = saved or (recovering and self._last_state == MISSING)
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

    def _forget_connections(self) -> None:
        self._watcher.close()
        self._close_probe()

    def _close_probe(self) -> None:
        if self._probe is not None:
            with contextlib.suppress(sqlite3.Error):
                self._probe.close()
            self._probe = None


def _backup_job(db: Database, *, progress: Callable[[int, str], None]) -> Path | None:
    del progress
    return backups.maybe_backup(db)


# ---------------------------------------------------------------- GUI side


class SharedStoreMonitor(QObject):
    """Timers in the GUI thread, work in a worker thread; results as signals."""

    others_saved = Signal()
    presence_changed = Signal(list)  # list[PresenceInfo]
    state_changed = Signal(str, str)  # OK/BUSY/MISSING, message
    polled = Signal(object)  # PollResult, after every completed poll
    backup_made = Signal(object)  # Path of a new scheduled backup

    _tick_requested = Signal()
    _beat_requested = Signal(str)
    _stop_requested = Signal()

    def __init__(self, db: Database, actor: Actor, activity: Callable[[], str] = lambda: "",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self._activity = activity
        self.state = OK
        self.message = ""
        self.others: list[PresenceInfo] = []
        self._in_flight = False
        self._running = False
        self._backup_job: workers.Job | None = None

        self._thread = QThread()
        self._thread.setObjectName("shared-store-monitor")
        self._probe = StoreProbe(db, actor)
        self._probe.moveToThread(self._thread)
        self._tick_requested.connect(self._probe.tick)
        self._beat_requested.connect(self._probe.beat)
        self._stop_requested.connect(self._probe.shutdown)
        self._probe.polled.connect(self._on_polled)
        self._probe.beat_failed.connect(self._set_state)

        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll_now)
        self.heartbeat_timer = QTimer(self)
        self.heartbeat_timer.setInterval(HEARTBEAT_MS)
        self.heartbeat_timer.timeout.connect(self.heartbeat_now)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_EVERY_MS)
        self.backup_timer.timeout.connect(self.backup_now)

    # ------------------------------------------------------------ control

    @property
    def running(self) -> bool:
        return self._running

    @property
    def polling(self) -> bool:
        """A look at the file is under way in the worker thread."""
        return self._in_flight

    def start(self, *, timers: bool = True, backup: bool = True) -> None:
        """Start the worker; ``timers=False`` (tests) leaves polling to ``poll_now``."""
        if self._running:
            return
        self._running = True
        self._thread.start()
        self.heartbeat_now()
        self.poll_now()
        if backup:
            self.backup_now()
        if timers:
            self.poll_timer.start()
            self.heartbeat_timer.start()
            self.backup_timer.start()

    def stop(self) -> None:
        """Stop the timers, remove this user's presence, close the worker's connections."""
        if not self._running:
            return
        self._running = False
        for timer in (self.poll_timer, self.heartbeat_timer, self.backup_timer):
            timer.stop()
        self._stop_requested.emit()
        if not self._thread.wait(STOP_WAIT_MS):
            # the share hangs: let the thread finish on its own, never destroy it running
            log.warning("the live view worker is still busy; leaving it to finish")
            thread, probe = self._thread, self._probe
            _RETIRING.add((thread, probe))
            thread.setParent(None)
            thread.finished.connect(lambda: _RETIRING.discard((thread, probe)))
        self._wait_for_backup()

    # ------------------------------------------------------------ slots

    @Slot()
    def poll_now(self) -> None:
        """One look at the file (skipped while the previous look is still running)."""
        if not self._running or self._in_flight:
            return
        self._in_flight = True
        self._tick_requested.emit()

    @Slot()
    def heartbeat_now(self) -> None:
        if self._running:
            self._beat_requested.emit(self._activity())

    @Slot()
    def backup_now(self) -> None:
        """A scheduled backup in the thread pool when the newest is older than 4 hours."""
        if self.db.target.path is None:
            return  # servers use their own tools (an encrypted file's key is held in db)
        if self._backup_job is not None:
            return
        job = workers.Job(_backup_job, self.db)
        job.signals.finished.connect(self._on_backup_done)
        job.signals.failed.connect(self._on_backup_failed)
        self._backup_job = job
        workers.start(job)

    def report_busy(self, message: str = BUSY_TEXT) -> None:
        """A save met a locked database (the next successful poll clears it)."""
        self._set_state(BUSY, message)

    def report_missing(self, message: str) -> None:
        self._set_state(MISSING, message)

    # ------------------------------------------------------------ results

    @Slot(object)
    def _on_polled(self, result: PollResult) -> None:
        self._in_flight = False
        if not self._running:
            return
        self._set_state(result.state, result.message)
        if result.others is not None and result.others != self.others:
            self.others = list(result.others)
            self.presence_changed.emit(self.others)
        if result.others_saved:
            self.others_saved.emit()
        self.polled.emit(result)

    @Slot(str, str)
    def _set_state(self, state: str, message: str) -> None:
        if (state, message) == (self.state, self.message):
            return
        self.state, self.message = state, message
        self.state_changed.emit(state, message)

    @Slot(object)
    def _on_backup_done(self, path: object) -> None:
        self._backup_job = None
        if path is not None:
            log.info("scheduled backup: %s", path)
            self.backup_made.emit(path)

    @Slot(str, bool)
    def _on_backup_failed(self, message: str, _user_error: bool) -> None:
        self._backup_job = None
        log.warning("scheduled backup failed: %s", message)

    def _wait_for_backup(self) -> None:
        if self._backup_job is not None:
            QThreadPool.globalInstance().waitForDone(STOP_WAIT_MS)
            self._backup_job = None


#: workers whose share hung when the database was closed, kept alive until they end
_RETIRING: set[tuple[QThread, StoreProbe]] = set()


# ---------------------------------------------------------------- widgets


def _icon_label(parent: QWidget, pixmap: QStyle.StandardPixmap) -> QLabel:
    label = QLabel(parent)
    size = parent.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    label.setPixmap(parent.style().standardIcon(pixmap).pixmap(size, size))
    return label


class BusyIndicator(QFrame):
    """Status bar: an amber "Database busy, retrying…" while someone holds the lock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databaseBusy")
        self.setAccessibleName("Database busy")
        self.setStyleSheet("#databaseBusy { background: #ffe8a3; border-radius: 3px; }"
                           "#databaseBusy QLabel { color: #5a4300; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(_icon_label(self, QStyle.StandardPixmap.SP_BrowserReload))
        self.label = QLabel(BUSY_TEXT, self)
        self.label.setObjectName("databaseBusyText")
        self.label.setAccessibleName("Database busy")
        layout.addWidget(self.label)
        self.hide()

    def show_busy(self, message: str) -> None:
        self.label.setText(BUSY_TEXT)
        self.setToolTip(message or BUSY_TEXT)
        self.setAccessibleDescription(message or BUSY_TEXT)
        self.show()

    def text(self) -> str:
        """What the indicator says ('' while hidden)."""
        return "" if self.isHidden() else self.label.text()


class Banner(QFrame):
    """A non-modal strip above the pages (share unreachable, read-only)."""

    def __init__(self, name: str, colours: tuple[str, str], pixmap: QStyle.StandardPixmap,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        background, border = colours
        self.setObjectName(name)
        self.setStyleSheet(f"#{name} {{ background: {background}; "
                           f"border-bottom: 1px solid {border}; }}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(_icon_label(self, pixmap))
        self.label = QLabel(self)
        self.label.setObjectName(f"{name}Text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_text(self, text: str, detail: str = "") -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.setToolTip(detail)
        self.show()

    def text(self) -> str:
        return self.label.text()


class MissingBanner(Banner):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("shareMissingBanner", ("#fde2e1", "#d9534f"),
                         QStyle.StandardPixmap.SP_MessageBoxWarning, parent)
        self.setAccessibleName("Database not reachable")
        self.retry_button = QPushButton("Try again now", self)
        self.retry_button.setObjectName("shareRetryButton")
        self.retry_button.setAccessibleName("Try to reach the database again now")
        layout = self.layout()
        assert layout is not None  # the banner base class lays the banner out
        layout.addWidget(self.retry_button)


class ReadOnlyBanner(Banner):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("readOnlyBanner", ("#e3ecfa", "#6f8fbf"),
                         QStyle.StandardPixmap.SP_MessageBoxInformation, parent)
        self.setAccessibleName("Read-only database")


class PresenceLabel(QLabel):
    """Status bar: who else is working in the database now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databasePresence")
        self.setAccessibleName("Who else is here")
        self.hide()

    def set_others(self, others: list[PresenceInfo]) -> None:
        text = describe_others(others)
        self.setText(text)
        self.setToolTip("\n".join(info.describe() for info in others))
        self.setAccessibleDescription(text or "Nobody else")
        self.setVisible(bool(text))
