"""Autosave off the GUI thread (issue 14 item 7): the window keeps running while a save
waits on a slow share; saves of one answer land in order; closing waits for them; the
page shows what is pending.

A slow share is stood in for by ``scoring.save_answer`` blocking on a
``threading.Event`` in the worker thread (the FUSE ``slowfs`` adds latency to every
file operation, so opening the database on it would dominate the test).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from qa_audit.gui.context import AppContext
from qa_audit.gui.scoring.save_queue import SaveQueue
from qa_audit.services import scoring
from qa_audit.storage.engine import Database
from tests.gui.scoring_panel import (  # noqa: F401 - fixtures
    ALICE,
    ctx,
    db_file,
    no_debounce,
    open_page,
    own_audit,
    sample,
    sdb,
    template_db,
)

#: How long the stand-in for a slow share holds each save.
SAVE_SECONDS = 1.0


class StallMeter:
    """A 10 ms timer on the GUI thread; the largest gap between its ticks is a stall."""

    def __init__(self) -> None:
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._tick)
        self.last = time.monotonic()
        self.largest = 0.0

    def _tick(self) -> None:
        now = time.monotonic()
        self.largest = max(self.largest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last = time.monotonic()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.largest


def blocking_save(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event,
                                                              list[object]]:
    """``save_answer`` that waits for ``release``; ``started`` is set when one begins."""
    real: Callable[..., object] = scoring.save_answer
    started, release = threading.Event(), threading.Event()
    threads: list[object] = []

    def slow(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        started.set()
        assert release.wait(30), "the test never released the save"
        return real(*args, **kwargs)

    monkeypatch.setattr(scoring, "save_answer", slow)
    return started, release, threads


def test_the_window_keeps_running_while_a_save_waits_on_a_slow_share(
        qtbot, ctx: AppContext, sdb: Database,
        monkeypatch: pytest.MonkeyPatch) -> None:
    plan = sample(sdb)[0]
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    started, release, threads = blocking_save(monkeypatch)
    meter = StallMeter()
    meter.start()
    widget = page.form.questions["cyp_voice"]
    clicked = time.monotonic()
    qtbot.mouseClick(widget.button("Y"), Qt.MouseButton.LeftButton)
    assert page.ui.saveStatusLabel.text() == "Saving 1 change…"  # visible at once
    assert page.save_state == "saving"
    qtbot.waitUntil(started.is_set)
    # The save is held for SAVE_SECONDS while the GUI event loop keeps ticking.
    qtbot.waitUntil(lambda: time.monotonic() - clicked >= SAVE_SECONDS, timeout=5000)
    assert page.autosaver.pending == 1
    release.set()
    qtbot.waitUntil(lambda: page.autosaver.idle)
    largest = meter.stop()
    assert threads and threads[0] is not threading.main_thread()
    assert largest < 0.25, f"the event loop stalled for {largest:.3f} s"
    assert own_audit(sdb, plan, ALICE).answers == {"cyp_voice": "Y"}
    assert page.save_state == "saved"
    assert page.ui.saveStatusLabel.text().startswith("All changes saved")


def test_two_quick_edits_of_one_answer_end_with_the_second(
        qtbot, ctx: AppContext, sdb: Database,
        monkeypatch: pytest.MonkeyPatch) -> None:
    plan = sample(sdb)[0]
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    started, release, _threads = blocking_save(monkeypatch)
    widget = page.form.questions["cyp_voice"]
    qtbot.mouseClick(widget.button("Y"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set)  # the first save is running (held)
    qtbot.mouseClick(widget.button("N"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(widget.button("P"), Qt.MouseButton.LeftButton)  # coalesced with N
    other = page.form.questions["parent_views"]
    qtbot.mouseClick(other.button("Y"), Qt.MouseButton.LeftButton)
    assert page.autosaver.pending == 3  # Y running; P (N dropped) and parent_views queued
    assert page.ui.saveStatusLabel.text() == "Saving 3 changes…"
    release.set()
    qtbot.waitUntil(lambda: page.autosaver.idle)
    assert own_audit(sdb, plan, ALICE).answers == {"cyp_voice": "P", "parent_views": "Y"}


def test_leaving_the_plan_and_closing_wait_for_pending_saves(
        qtbot, ctx: AppContext, sdb: Database,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = sample(sdb)[:2]
    page = open_page(qtbot, ctx, plan_ref=first)
    assert page.form is not None
    started, release, _threads = blocking_save(monkeypatch)
    qtbot.mouseClick(page.form.questions["cyp_voice"].button("N"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set)
    # The share answers while the page waits (a timer in the wait's own event loop).
    QTimer.singleShot(200, release.set)
    assert page.select_plan(second)  # waits, then moves on
    assert page.autosaver.idle
    assert own_audit(sdb, first, ALICE).answers == {"cyp_voice": "N"}

    release.clear()
    started.clear()
    assert page.form is not None
    qtbot.mouseClick(page.form.questions["cyp_voice"].button("Y"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set)
    # This time the wait is long enough for the small modal "Saving" dialog.
    seen: list[str] = []

    def look() -> None:
        modal = QApplication.activeModalWidget()
        seen.append(modal.windowTitle() if modal is not None else "")
        release.set()

    QTimer.singleShot(SaveQueue.DIALOG_AFTER_MS + 300, look)
    page.close()
    assert page.autosaver.idle  # close returned only after the save landed
    assert seen == ["Saving"]
    assert QApplication.activeModalWidget() is None
    assert own_audit(sdb, second, ALICE).answers == {"cyp_voice": "Y"}


def test_a_failed_save_is_shown_and_kept_for_retry(
        qtbot, ctx: AppContext, sdb: Database,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from qa_audit.errors import DatabaseBusy
    from qa_audit.services.store.retry import RetryPolicy

    monkeypatch.setattr(SaveQueue, "POLICY", RetryPolicy(attempts=2, first_delay=0.01))
    plan = sample(sdb)[0]
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    real = scoring.save_answer
    busy_messages: list[str] = []
    page.autosaver.busy.connect(busy_messages.append)

    def busy(*_args: object, **_kwargs: object) -> None:
        raise DatabaseBusy("The database is busy: another user is saving.")

    monkeypatch.setattr(scoring, "save_answer", busy)
    with qtbot.waitSignal(page.save_failed):
        qtbot.mouseClick(page.form.questions["cyp_voice"].button("N"),
                         Qt.MouseButton.LeftButton)
    assert busy_messages and "retrying" in busy_messages[0]  # said while it retried
    assert page.save_state == "error"
    assert page.ui.saveStatusLabel.text().startswith("Not saved: 1 change")
    assert page.autosaver.unsaved() == [f"answer to cyp_voice on {plan}"]
    monkeypatch.setattr(scoring, "save_answer", real)
    assert page.retry_saves()
    assert own_audit(sdb, plan, ALICE).answers == {"cyp_voice": "N"}
    assert page.save_state == "saved"
