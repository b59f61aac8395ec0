"""``workers.Latest``: only the newest background load's result reaches the page."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QApplication

from qa_audit.gui import workers


def _job(value: str, gate: threading.Event | None = None) -> workers.Job:
    def work(*, progress: Any) -> str:
        if gate is not None:
            gate.wait(10)
        return value
    return workers.Job(work)


def test_a_dropped_load_that_ends_later_is_ignored(qtbot: Any) -> None:
    latest = workers.Latest()
    got: list[object] = []
    latest.finished.connect(got.append)
    gate = threading.Event()
    latest.start(_job("old", gate))
    assert latest.busy()
    with qtbot.waitSignal(latest.finished, timeout=5_000):
        latest.start(_job("new"))
    gate.set()  # the old one ends now, after the new one
    assert workers.wait_for_background(5_000)
    QApplication.processEvents()
    assert got == ["new"]
    assert not latest.busy()


def test_a_result_queued_before_the_drop_is_ignored(qtbot: Any) -> None:
    latest = workers.Latest()
    got: list[object] = []
    latest.finished.connect(got.append)
    latest.start(_job("queued"))
    assert workers.wait_for_background(5_000)  # its result waits in the event queue
    latest.drop()
    QApplication.processEvents()
    assert got == [] and not latest.busy()


def test_a_failure_of_the_newest_load_is_reported(qtbot: Any) -> None:
    def broken(*, progress: Any) -> None:
        raise ValueError("boom")

    latest = workers.Latest()
    with qtbot.waitSignal(latest.failed, timeout=5_000) as blocker:
        latest.start(workers.Job(broken))
    assert blocker.args[0] == "Unexpected error: boom" and blocker.args[1] is False
    assert not latest.busy()
