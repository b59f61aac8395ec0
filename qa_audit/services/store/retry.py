"""Saving while a colleague holds the write lock: retry a few times, say so, then give up
with the edit kept.

``save_with_retry(fn, on_busy)`` calls ``fn`` (one unit of work, e.g. a
``scoring.save_answer`` call) and, while the database is busy, waits with
growing, jittered delays and calls ``on_busy`` before each wait so the screen
can show "busy, retrying". When every attempt failed it raises
``DatabaseBusy``; the caller keeps the edit on screen and can try again later.

Retrying is only safe when ``fn`` is idempotent: pass a ``client_id`` made by
``new_client_id()`` once per edit (not per attempt), so a save that landed
although its commit reply was lost is not applied twice.

Qt-free: the GUI runs this in a worker thread and turns ``on_busy`` into a
signal for the status bar.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from qa_audit.errors import DatabaseBusy, DatabaseError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How long to keep trying. Each attempt itself waits up to the busy timeout (5 s)."""

    attempts: int = 5
    first_delay: float = 0.25
    max_delay: float = 4.0
    retry_on: tuple[type[DatabaseError], ...] = (DatabaseBusy,)


@dataclass(frozen=True)
class BusyNotice:
    """Passed to ``on_busy`` before each wait."""

    attempt: int  # the attempt that just failed, from 1
    attempts: int
    delay: float  # seconds until the next attempt
    error: DatabaseError

    @property
    def message(self) -> str:
        return (f"Database busy, retrying ({self.attempt} of {self.attempts - 1})… "
                "your change is kept.")


def new_client_id() -> str:
    """An id for one edit, reused by every retry of it (idempotent saves)."""
    return uuid.uuid4().hex


def save_with_retry(
    fn: Callable[[], T],
    on_busy: Callable[[BusyNotice], None] | None = None,
    *,
    policy: RetryPolicy = RetryPolicy(),  # frozen, never mutated
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``fn``; retry while it raises one of ``policy.retry_on``; re-raise as DatabaseBusy."""
    delay = policy.first_delay
    last: DatabaseError | None = None
    for attempt in range(1, policy.attempts + 1):
        try:
            return fn()
        except policy.retry_on as exc:
            last = exc
            if attempt == policy.attempts:
                break
            wait = min(delay, policy.max_delay) * random.uniform(0.8, 1.2)
            if on_busy is not None:
                on_busy(BusyNotice(attempt, policy.attempts, wait, exc))
            sleep(wait)
            delay *= 2
    assert last is not None
    if isinstance(last, DatabaseBusy):
        raise DatabaseBusy(
            f"The database stayed busy after {policy.attempts} tries: another user is saving "
            "a lot at once. Your change was NOT saved but is kept on screen; it will be saved "
            "when you try again."
        ) from last
    raise last
