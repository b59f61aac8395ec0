"""Regression guard: PySide6 6.12.0 leaked a reference to None on every call of a
void C++ method, so a long session slowly overflowed None's refcount (we pin
PySide6 < 6.12). Calling QLabel.setText a thousand times must leave it stable."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QLabel

CALLS = 1000
TOLERANCE = 50  # unrelated interpreter activity; a leak would show about CALLS


def test_void_calls_do_not_leak_none(qtbot: Any) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    for _ in range(20):  # warm up caches created on first call
        label.setText("warm")
    before = sys.getrefcount(None)
    for n in range(CALLS):
        label.setText("x" if n % 2 else "y")
    after = sys.getrefcount(None)
    assert abs(after - before) < TOLERANCE, f"None refcount moved by {after - before}"
