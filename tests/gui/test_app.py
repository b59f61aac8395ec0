"""Start-up: database problems offer another file, demo data, the exception hook, progress."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from qa_audit.errors import DatabaseBusy, UserError
from qa_audit.gui import app as app_module
from qa_audit.gui import database_actions
from qa_audit.gui.database_actions import error_text, run_with_progress
from qa_audit.gui.main_window import MainWindow
from qa_audit.services import plans
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests.gui.conftest import DialogRecorder


def corrupt_file(folder: Path) -> Path:
    path = folder / "broken.sqlite3"
    path.write_bytes(b"\x00garbage" * 512)
    return path


def recorder(into: list[Any]) -> Any:
    """A stand-in for ``MainWindow.show`` that remembers the window instead."""
    def show(self: Any) -> None:
        into.append(self)
    return show


def loop_until_open(qtbot: Any, windows: list[Any], seen: list[Any] | None = None) -> Any:
    """A stand-in for ``QApplication.exec``: runs the loop until the window shown has its
    database (it is opened from the loop, after the first paint), then returns 0."""
    def exec_(*_args: Any) -> int:
        if seen is not None:
            seen.append(sys.excepthook)
        assert not windows[0].has_database  # the window came first
        qtbot.waitUntil(lambda: windows[0].has_database)
        return 0
    return exec_


def test_startup_offers_another_file_after_a_bad_one(
        qtbot: Any, tmp_path: Path, actor: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "good.sqlite3"
    asked: list[UserError] = []

    def ask(exc: UserError, _parent: Any = None) -> Path:
        asked.append(exc)
        return good

    monkeypatch.setattr(database_actions, "ask_startup_failure", ask)
    workspace = app_module.open_startup_database(str(corrupt_file(tmp_path)), actor)
    assert workspace is not None
    assert workspace.path == good.resolve()
    assert len(asked) == 1 and "broken.sqlite3" in asked[0].message
    workspace.close()


def test_startup_gives_up_when_the_user_quits(
        qtbot: Any, tmp_path: Path, actor: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_actions, "ask_startup_failure", lambda _exc, _parent=None: None)
    assert app_module.open_startup_database(str(corrupt_file(tmp_path)), actor) is None


def test_run_gui_opens_the_window(qtbot: Any, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[Any] = []
    hooks: list[Any] = []
    before = sys.excepthook
    monkeypatch.setattr(QApplication, "exec", loop_until_open(qtbot, shown, hooks))
    monkeypatch.setattr(app_module.MainWindow, "show", recorder(shown))
    assert app_module.run_gui(str(tmp_path / "new.sqlite3"), demo_if_new=False) == 0
    window = shown[0]
    assert "new.sqlite3" in window.windowTitle()
    assert hooks[0] is not before  # ours while the app runs
    assert sys.excepthook is before  # and put back afterwards
    window.ctx.db.dispose()
    window.deleteLater()


def test_run_gui_loads_demo_into_an_empty_database(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[Database] = []
    windows: list[Any] = []

    def fake_demo(_parent: Any, db: Database, _actor: Actor) -> str:
        loaded.append(db)
        return "Demo data loaded"

    monkeypatch.setattr(database_actions, "load_demo_data", fake_demo)
    monkeypatch.setattr(QApplication, "exec", loop_until_open(qtbot, windows))
    monkeypatch.setattr(app_module.MainWindow, "show", recorder(windows))
    assert app_module.run_gui(str(tmp_path / "demo.sqlite3"), demo_if_new=True) == 0
    assert len(loaded) == 1
    assert plans.count_plans(loaded[0]) == 0  # the fake loaded nothing
    windows[0].ctx.db.dispose()
    windows[0].deleteLater()


def test_run_gui_returns_error_code_when_no_database(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parents: list[Any] = []
    monkeypatch.setattr(database_actions, "ask_startup_failure",
                        lambda _exc, parent=None: parents.append(parent))
    assert app_module.run_gui(str(corrupt_file(tmp_path)), demo_if_new=False) == 3
    # the window already shows "Opening…": the question sits on it, not loose on screen
    assert len(parents) == 1 and isinstance(parents[0], MainWindow)


def test_excepthook_logs_bugs_and_shows_a_dialog(
        qtbot: Any, no_dialogs: DialogRecorder, caplog: pytest.LogCaptureFixture) -> None:
    previous = app_module.install_excepthook()
    try:
        try:
            raise ZeroDivisionError("division by zero")
        except ZeroDivisionError as exc:
            with caplog.at_level(logging.ERROR, logger="qa_audit"):
                sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    assert no_dialogs.kinds() == ["critical"]
    assert "bug" in no_dialogs.calls[0][2]
    assert "ZeroDivisionError" in caplog.text
    assert "Traceback" in caplog.text


def test_excepthook_shows_user_errors_without_calling_them_bugs(
        qtbot: Any, no_dialogs: DialogRecorder) -> None:
    previous = app_module.install_excepthook()
    try:
        exc = DatabaseBusy("The database is busy: another user is saving.")
        sys.excepthook(type(exc), exc, None)
    finally:
        sys.excepthook = previous
    assert no_dialogs.kinds() == ["critical"]
    assert "bug" not in no_dialogs.calls[0][2]
    assert "busy" in no_dialogs.calls[0][2]


def test_error_text_limits_details() -> None:
    exc = UserError("Import rejected", [f"row {n}, column x: bad" for n in range(2, 40)])
    text = error_text(exc)
    assert text.startswith("Import rejected\n\nrow 2")
    assert "… and 26 more" in text


def test_run_with_progress_returns_the_result(qtbot: Any) -> None:
    def work(value: int, progress: Any) -> int:
        progress(50, "half way")
        return value * 2

    assert run_with_progress(None, "Working…", work, 21) == 42


def test_run_with_progress_raises_user_errors(qtbot: Any) -> None:
    def work(progress: Any) -> None:
        raise UserError("That file is busy")

    with pytest.raises(UserError, match="That file is busy"):
        run_with_progress(None, "Working…", work)


def test_run_with_progress_reports_bugs_as_errors(qtbot: Any,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    def work(progress: Any) -> None:
        raise KeyError("oops")

    with caplog.at_level(logging.ERROR), pytest.raises(UserError, match="Unexpected error"):
        run_with_progress(None, "Working…", work)


def test_start_gui_paints_the_window_before_opening_the_database(
        qtbot: Any, tmp_path: Path) -> None:
    """The path of ``qa-audit gui`` and the start-up benchmark: show, paint, then open."""
    painted: list[bool] = []  # has_database at each paint of the window

    class PaintWatcher(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(obj.has_database)
            return False

    watcher = PaintWatcher()
    startup = app_module.start_gui(str(tmp_path / "first.sqlite3"), demo_if_new=False,
                                   live=False)
    window = startup.window
    qtbot.addWidget(window)
    window.installEventFilter(watcher)
    assert window.isVisible() and not window.has_database
    assert window.stack.currentWidget() is window.placeholder

    with qtbot.waitSignal(window.first_page_ready, timeout=20_000):
        pass

    assert painted and painted[0] is False  # the first paint came before the database
    assert window.has_database and "first.sqlite3" in window.windowTitle()
    assert window.built_page_titles() == [window.current_page_title()]
    assert startup.exit_code is None and startup.error is None
    window.ctx.db.dispose()


def test_a_bug_while_opening_ends_run_gui_with_it(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As before the window came first: the command line reports it (exit code 70)."""
    def broken(*_args: Any) -> None:
        raise RuntimeError("broken opener")

    monkeypatch.setattr(app_module, "open_startup_database", broken)
    with pytest.raises(RuntimeError, match="broken opener"):
        app_module.run_gui(str(tmp_path / "x.sqlite3"), demo_if_new=False)
