"""Working together on one database: others' saves, who else is here, busy and missing.

``SharedStoreMonitor`` (GUI thread) owns a worker thread (``StoreProbe``) that
does everything that touches the file, so a locked file or a dropped network
share never freezes the window:

* every ``POLL_MS`` it asks the workspace's ``StoreWatch`` (``services.store_watch``)
  whether another member saved (``others_saved`` -> the window refreshes its pages),
  whether the file is still reachable and whether another member holds a lock, and
  reports the state: ``OK``, ``BUSY`` or ``MISSING`` (with the message);
* every ``HEARTBEAT_MS`` it records this user's presence (``services.presence``),
  and it reads who else is here now and then (and whenever others saved);
* it makes a scheduled backup at start and every ``BACKUP_EVERY_MS``
  (``Workspace.scheduled_backup``) in the thread pool.

Ticks are skipped while the previous one is still running (a share that hangs
only delays the next look). Tests drive it with ``poll_now()`` and
``heartbeat_now()`` and wait for ``polled``.

The widgets that show the state (busy label, presence label, banners) are in
``gui.store_status``; ``MainWindow`` puts them in place.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QThreadPool, QTimer, Signal, Slot

from qa_audit.errors import DatabaseBusy, DatabaseError
from qa_audit.gui import workers
from qa_audit.gui.store_status import BUSY_TEXT
from qa_audit.services.actor import Actor
from qa_audit.services.store.presence import PresenceInfo
from qa_audit.services.store.store_state import BUSY, MISSING, OK, PollResult
from qa_audit.services.store.workspace import Store, Workspace, as_workspace

log = logging.getLogger(__name__)

POLL_MS = 1500
HEARTBEAT_MS = 30_000
BACKUP_EVERY_MS = 4 * 60 * 60 * 1000
STOP_WAIT_MS = 3000


# ---------------------------------------------------------------- worker (Qt-light)


class StoreProbe(QObject):
    """Lives in the worker thread; every method touching the file runs there."""

    polled = Signal(object)  # PollResult
    beat_failed = Signal(str, str)  # state, message
    stopped = Signal()

    def __init__(self, workspace: Workspace, actor: Actor) -> None:
        super().__init__()
        self.watch = workspace.watch(actor)

    @Slot()
    def tick(self) -> None:
        try:
            result = self.watch.poll()
        except Exception:  # noqa: BLE001 - a bug must not stop the live view; log it
            log.error("live view poll failed\n%s", traceback.format_exc())
            result = PollResult(self.watch.last_state, "", False, None)
        self.polled.emit(result)

    @Slot(str)
    def beat(self, activity: str) -> None:
        try:
            self.watch.heartbeat(activity or None)
        except DatabaseBusy as exc:
            self.beat_failed.emit(BUSY, exc.message)
        except DatabaseError as exc:
            self.beat_failed.emit(MISSING, exc.message)
        except Exception:  # noqa: BLE001 - presence is a courtesy; never crash over it
            log.error("heartbeat failed\n%s", traceback.format_exc())

    @Slot()
    def shutdown(self) -> None:
        """Say goodbye (presence), close connections, end the thread."""
        try:
            self.watch.leave()
        except DatabaseError as exc:
            log.info("could not remove presence on close: %s", exc.message)
        except Exception:  # noqa: BLE001
            log.error("leave failed\n%s", traceback.format_exc())
        self.watch.close()
        self.stopped.emit()
        thread = self.thread()
        if thread is not None:
            thread.quit()


def _backup_job(workspace: Workspace, *, progress: Callable[[int, str], None]) -> Path | None:
    del progress
    return workspace.scheduled_backup()


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

    def __init__(self, workspace: Workspace | Store, actor: Actor,
                 activity: Callable[[], str] = lambda: "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = as_workspace(workspace)
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
        self._probe = StoreProbe(self.workspace, actor)
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
        if self.workspace.path is None:
            return  # servers use their own tools (an encrypted file's key is held in db)
        if self._backup_job is not None:
            return
        job = workers.Job(_backup_job, self.workspace)
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
