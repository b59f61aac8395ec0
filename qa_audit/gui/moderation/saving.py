"""Agreed saves off the GUI thread, in order, through the Scoring page's ``SaveQueue``.

Each ``SaveJob`` is the service call the page used to make on the GUI thread; it
now runs in the worker with the agreed row's version as this screen knows it
(``VersionBox``, updated by each save in turn, so queued saves chain their
versions). Its outcome comes back to the GUI thread through ``done``, in order.
A conflict (someone else saved meanwhile) blocks the plan's later queued saves
(they come back ``skipped``) until the page has asked the user: keep theirs drops
them, overwrite sends the conflicted save and the skipped ones again. Closing the
window or switching plan or session flushes the queue (``SaveQueue.flush``).
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from qa_audit.domain.audit import AuditRecord
from qa_audit.domain.items import ItemKey
from qa_audit.errors import DatabaseBusy, UserError
from qa_audit.gui.scoring.save_queue import SaveQueue
from qa_audit.services.scoring import ConflictError


@dataclass
class VersionBox:
    """The agreed row's version as this screen knows it (None: it saw no agreed row).

    Shared with the worker thread: only the running save writes it while saves are
    pending, and the page writes it only when the queue is idle.
    """

    version: int | None
    blocked: bool = False


@dataclass(frozen=True)
class SaveJob:
    """One agreed save: ``save(expected_version) -> new version`` and how to describe it."""

    plan_ref: ItemKey  # the plan, or the advice return, saved
    save: Callable[[int], int]
    what: str
    mine: str
    theirs: Callable[[AuditRecord | None], str]


@dataclass(frozen=True)
class Outcome:
    job: SaveJob
    version: int | None = None
    conflict: ConflictError | None = None
    error: UserError | None = None
    skipped: bool = False

    @property
    def ok(self) -> bool:
        return self.version is not None


class AgreedSaver(QObject):
    """Runs ``SaveJob``s in the background, one at a time, and reports each outcome."""

    #: An ``Outcome``, in the GUI thread, in the order the jobs were submitted.
    done = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.queue = SaveQueue(self)
        self.queue.saved.connect(self._deliver)
        self.queue.failed.connect(self._deliver)
        self._outcomes: deque[Outcome] = deque()
        self._keys = itertools.count()

    def submit(self, job: SaveJob, box: VersionBox) -> None:
        outcomes = self._outcomes

        def run() -> None:  # in the worker thread: no Qt here
            if box.blocked:
                outcomes.append(Outcome(job, skipped=True))
                return
            try:
                version = job.save(box.version or 0)
            except ConflictError as exc:
                box.blocked = True
                outcomes.append(Outcome(job, conflict=exc))
                return
            except DatabaseBusy:
                raise  # the queue retries, then keeps it for Retry
            except UserError as exc:
                outcomes.append(Outcome(job, error=exc))
                return
            box.version = version
            outcomes.append(Outcome(job, version=version))

        # a fresh key per save: agreed saves are never coalesced, so none is lost
        self.queue.submit(next(self._keys), run, job.what)

    def _deliver(self, *_args: object) -> None:
        while self._outcomes:
            self.done.emit(self._outcomes.popleft())

    @property
    def idle(self) -> bool:
        return self.queue.idle
