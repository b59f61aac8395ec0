"""The GUI tests stay strict: a Qt warning or an exception inside a Qt virtual method
(paintEvent, data(), a slot) fails the test instead of scrolling past in the log."""

from __future__ import annotations

import pytest


def test_qt_warnings_and_virtual_exceptions_fail_tests(request: pytest.FixtureRequest) -> None:
    assert request.config.getini("qt_log_level_fail") == "WARNING"
    assert not request.config.getini("qt_no_exception_capture")
    # only the offscreen plugin's own messages may be ignored, nothing of the app's
    assert all(p.startswith("This plugin does not support")
               for p in request.config.getini("qt_log_ignore"))
