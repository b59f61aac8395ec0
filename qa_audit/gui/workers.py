"""Long work (imports, reports, backups) off the GUI thread, with progress and cancel.

A ``Job`` runs a plain function in the thread pool. The function receives a
``progress(percent, stage)`` callable; calling it after ``cancel()`` raises
``Cancelled`` inside the worker so the function stops at its next step.

``Latest`` is for a page that reloads in the background as the user changes what
they look at: only the newest load's result arrives, even one that an older load
had already queued when it was dropped.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from qa_audit.errors import UserError

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """The user cancelled the job."""


class _Signals(QObject):
    progress = Signal(int, str)
    finished = Signal(object)
    failed = Signal(str, bool)  # message, is_user_error
    cancelled = Signal()


class Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.signals = _Signals()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, percent: int, stage: str) -> None:
        if self._cancel.is_set():
            raise Cancelled
        try:
            self.signals.progress.emit(int(percent), stage)
        except RuntimeError:  # the page that asked was closed: nobody is listening
            self._cancel.set()
            raise Cancelled from None

    def _emit(self, signal_name: str, *args: object) -> None:
        try:
            getattr(self.signals, signal_name).emit(*args)
        except RuntimeError:  # the receiver went away (page or window closed)
            log.debug("background job finished after its page closed")

    def run(self) -> None:
        try:
            self._run()
        finally:
            _RUNNING.discard(self)

    def _run(self) -> None:
        try:
            result = self._fn(*self._args, progress=self._progress, **self._kwargs)
        except Cancelled:
            self._emit("cancelled")
        except UserError as exc:
            detail = "\n".join([exc.message, *exc.details])
            self._emit("failed", detail, True)
        except Exception as exc:  # noqa: BLE001 - a bug: keep the traceback in the log
            log.error("background job failed\n%s", traceback.format_exc())
            self._emit("failed", f"Unexpected error: {exc}", False)
        else:
            self._emit("finished", result)


#: Started jobs, held until their ``run`` returns: with auto-delete off, the pool
#: does not own them, and a job the page has dropped must not be freed mid-run.
_RUNNING: set[Job] = set()


def start(job: Job) -> Job:
    _RUNNING.add(job)
    QThreadPool.globalInstance().start(job)
    return job


class Latest(QObject):
    """The newest of one kind of background load; ``start`` drops the one running.

    ``finished``/``failed`` carry only the newest job's result: an older job is
    cancelled, and a result it had already sent (queued to the GUI thread before the
    drop) is recognised by its sender and ignored.
    """

    finished = Signal(object)
    failed = Signal(str, bool)  # message, is_user_error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job: Job | None = None

    def busy(self) -> bool:
        return self._job is not None

    def start(self, job: Job) -> Job:
        self.drop()
        self._job = job
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._ended)
        return start(job)

    def drop(self) -> None:
        """Cancel the running job, if any; nothing of it arrives any more."""
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def _ended(self) -> bool:
        """True (and not busy any more) when the signalling job is the newest."""
        if self._job is not None and self.sender() is self._job.signals:
            self._job = None
            return True
        return False

    @Slot(object)
    def _finished(self, result: object) -> None:
        if self._ended():
            self.finished.emit(result)

    @Slot(str, bool)
    def _failed(self, message: str, user_error: bool) -> None:
        if self._ended():
            self.failed.emit(message, user_error)


def wait_for_background(msecs: int) -> bool:
    """Block until every background job has finished: True, or False after ``msecs``.

    For the rare step that must have the database file to itself (restoring a
    backup): a load still running holds its own connection, and closing it after the
    file was replaced could remove the restored file's write-ahead log by name.
    """
    return QThreadPool.globalInstance().waitForDone(msecs)
