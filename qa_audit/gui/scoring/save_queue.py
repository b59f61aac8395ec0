"""Autosave off the GUI thread: a slow or locked share must not freeze the window.

``SaveQueue`` runs each save (a Qt-free call into ``services.scoring``) as a
``workers.Job`` in the thread pool, **one at a time and in order**, so a later edit
of an answer can never be overtaken by an earlier one. Saves of the same key
(one answer, the grade, one text) that are still waiting are coalesced to the
newest. The ``Database`` is shared with the worker as the other background jobs
share it: each unit of work opens its own connection there (SQLite uses no
connection pool), so no connection crosses threads.

While the database is busy the worker retries (``services.retry``) and says so;
a save that still fails is kept (newest per key) for Retry, as before.
``flush`` waits for every pending save, with a small modal progress dialog if
that takes more than a moment: closing the page or window, or switching plan or
session, calls it so no save is lost.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from qa_audit.gui import workers
from qa_audit.services.store.retry import BusyNotice, RetryPolicy, save_with_retry

log = logging.getLogger(__name__)

SaveOp = Callable[[], object]


@dataclass(frozen=True)
class _Save:
    key: Hashable
    op: SaveOp
    what: str


def _run_save(op: SaveOp, policy: RetryPolicy, *, progress: Callable[[int, str], None]) -> None:
    """In the worker thread: the save, retried while the database is busy."""

    def on_busy(notice: BusyNotice) -> None:
        progress(0, notice.message)

    save_with_retry(op, on_busy, policy=policy)


class SaveQueue(QObject):
    """Pending saves, run one at a time in the background; failed ones kept for Retry."""

    #: How long a busy database is retried before the save counts as failed.
    POLICY = RetryPolicy(attempts=3)
    #: ``flush`` shows its progress dialog only when waiting takes longer than this.
    DIALOG_AFTER_MS = 400

    #: The number of pending saves or failures changed.
    changed = Signal()
    saved = Signal(str)  # what
    failed = Signal(str)  # the message
    busy = Signal(str)  # "Database busy, retrying…"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: dict[Hashable, _Save] = {}
        self._running: _Save | None = None
        self._job: workers.Job | None = None
        self._failed: dict[Hashable, _Save] = {}
        self.last_error: str | None = None
        _QUEUES.add(self)

    # ------------------------------------------------------------ queueing

    def submit(self, key: Hashable, op: SaveOp, what: str) -> None:
        """Queue a save; a waiting save of the same key is replaced by this newer one."""
        self._failed.pop(key, None)  # the newer edit supersedes a failed one
        if not self._failed:
            self.last_error = None
        self._queue.pop(key, None)
        self._queue[key] = _Save(key, op, what)
        self._start_next()
        self.changed.emit()

    def retry(self) -> None:
        """Queue every failed save again."""
        failed, self._failed = self._failed, {}
        self.last_error = None
        for save in failed.values():
            if save.key not in self._queue:
                self._queue[save.key] = save
        self._start_next()
        self.changed.emit()

    def discard(self) -> None:
        self._failed.clear()
        self.last_error = None
        self.changed.emit()

    def _start_next(self) -> None:
        if self._running is not None or not self._queue:
            return
        key = next(iter(self._queue))
        save = self._running = self._queue.pop(key)
        job = self._job = workers.Job(_run_save, save.op, self.POLICY)
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        job.signals.progress.connect(self._on_progress)
        workers.start(job)

    def _on_progress(self, _percent: int, message: str) -> None:
        self.busy.emit(message)

    def _done(self) -> _Save:
        save = self._running
        assert save is not None
        self._running = self._job = None
        return save

    def _on_finished(self, _result: object) -> None:
        save = self._done()
        self._start_next()
        self.saved.emit(save.what)
        self.changed.emit()

    def _on_failed(self, message: str, _user_error: bool) -> None:
        save = self._done()
        log.info("could not save %s: %s", save.what, message)
        if save.key not in self._queue:  # else a newer edit of it is about to be tried
            self._failed[save.key] = save
            self.last_error = message
        self._start_next()
        self.failed.emit(message)
        self.changed.emit()

    # ------------------------------------------------------------ state

    @property
    def pending(self) -> int:
        """Saves queued or running."""
        return len(self._queue) + (self._running is not None)

    @property
    def idle(self) -> bool:
        return self.pending == 0

    @property
    def has_failures(self) -> bool:
        return bool(self._failed)

    def unsaved(self) -> list[str]:
        return [save.what for save in self._failed.values()]

    # ------------------------------------------------------------ waiting

    def flush(self, parent: QWidget | None = None) -> bool:
        """Wait until no save is pending; True when none failed.

        User input is held back meanwhile (no new edit can slip in); a modal
        "Saving…" dialog appears if the wait takes more than ``DIALOG_AFTER_MS``.
        """
        if self.idle:
            return not self.has_failures
        loop = QEventLoop()
        dialogs: list[QProgressDialog] = []

        def show_dialog() -> None:  # made only when needed: it takes the focus
            # None: no Cancel button (Qt allows a null text; the stub wants a str)
            dialog = QProgressDialog(
                "Saving your changes…", None, 0, 0, parent)  # type: ignore[call-overload]
            dialog.setWindowTitle("Saving")
            dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
            dialog.show()
            dialogs.append(dialog)

        def check() -> None:
            if self.idle:
                loop.quit()

        def busy(message: str) -> None:
            for dialog in dialogs:
                dialog.setLabelText(message)

        timer = QTimer(loop, singleShot=True, interval=self.DIALOG_AFTER_MS)
        timer.timeout.connect(show_dialog)
        self.changed.connect(check)
        self.busy.connect(busy)
        timer.start()
        try:
            if not self.idle:
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        finally:
            self.changed.disconnect(check)
            self.busy.disconnect(busy)
            timer.stop()
            for dialog in dialogs:
                dialog.hide()
                dialog.deleteLater()
        return not self.has_failures

    def retry_and_flush(self, parent: QWidget | None = None) -> bool:
        """Try the failed saves again and wait for them: True when all are saved."""
        self.retry()
        return self.flush(parent)


#: Every live queue, so closing the window can wait for all of them.
_QUEUES: weakref.WeakSet[SaveQueue] = weakref.WeakSet()


def all_idle() -> bool:
    """No queue has a save pending."""
    return all(queue.idle for queue in list(_QUEUES) if shiboken6.isValid(queue))


def flush_all(parent: QWidget | None = None) -> bool:
    """Wait for every queue's pending saves: True when none failed."""
    ok = True
    for queue in list(_QUEUES):  # every one, even after one has failed
        if shiboken6.isValid(queue):
            ok = queue.flush(parent) and ok
    return ok
