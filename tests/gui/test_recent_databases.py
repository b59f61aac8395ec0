"""Your own database, not the demo: the last database reopens, File > Open recent lists
the others (missing files disabled), and demo data is marked DEMO in title and banner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from qa_audit import paths
from qa_audit.gui import app as app_module
from qa_audit.gui import recent
from qa_audit.gui.app import create_main_window
from qa_audit.gui.main_window import MainWindow
from qa_audit.services import changelog
from qa_audit.services.actor import Actor
from qa_audit.services.demo import marker as demo_marker
from qa_audit.services.store import database
from qa_audit.storage.engine import Database


def make_db(path: Path, actor: Actor) -> Path:
    database.initialise(str(path), actor).database.dispose()
    return path


def mark_demo(db: Database, actor: Actor) -> None:
    """The marker ``demo.load_demo`` writes, without making 400 plans."""
    with db.write() as session:
        changelog.record(session, actor, demo_marker.DEMO_ENTITY, "plans",
                         demo_marker.DEMO_ACTION, after={"plans": 0})


def test_the_list_is_newest_first_without_repeats_and_capped(
        tmp_path: Path, settings: QSettings) -> None:
    files = [tmp_path / f"db{n}.sqlite3" for n in range(recent.MAX_RECENT + 2)]
    for path in files:
        recent.remember_database(settings, path)
    recent.remember_database(settings, files[3])
    items = recent.recent_databases(settings)
    assert items[0] == str(files[3].resolve())
    assert len(items) == recent.MAX_RECENT and len(set(items)) == len(items)
    assert str(files[0].resolve()) not in items  # the oldest fell off


def test_startup_opens_the_last_database_and_never_adds_demo_to_it(
        tmp_path: Path, settings: QSettings, actor: Actor) -> None:
    assert recent.startup_choice(None, True, settings) == (None, True)  # first run: demo ok
    assert not recent.has_any_database(settings)
    own = make_db(tmp_path / "own.sqlite3", actor)
    gone = tmp_path / "gone.sqlite3"
    recent.remember_database(settings, own)
    recent.remember_database(settings, gone)  # newest, but no longer there
    assert recent.startup_choice(None, True, settings) == (str(own.resolve()), False)
    assert recent.has_any_database(settings)
    assert recent.startup_choice("other.sqlite3", True, settings) == ("other.sqlite3", True)


def test_run_gui_reopens_the_last_database_used(
        qtbot: Any, tmp_path: Path, actor: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    own = make_db(tmp_path / "own.sqlite3", actor)
    windows: list[Any] = []

    def show(self: Any) -> None:
        windows.append(self)

    def exec_(*_args: Any) -> int:
        qtbot.waitUntil(lambda: windows[-1].has_database)
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    monkeypatch.setattr(app_module.MainWindow, "show", show)
    assert app_module.run_gui(str(own), demo_if_new=False) == 0
    windows[0].ctx.db.dispose()
    assert app_module.run_gui(None, demo_if_new=True) == 0  # what run-app.sh does
    window = windows[1]
    assert window.ctx.workspace.path == own.resolve()
    assert not window.ctx.workspace.holds_demo_data()  # --demo left it alone
    assert not paths.default_database().exists()
    window.ctx.db.dispose()
    for made in windows:
        made.deleteLater()


def test_recent_menu_lists_others_disables_missing_and_opens_one(
        qtbot: Any, tmp_path: Path, actor: Actor, main_window: MainWindow,
        settings: QSettings) -> None:
    other = make_db(tmp_path / "other.sqlite3", actor)
    gone = tmp_path / "gone.sqlite3"
    recent.remember_database(settings, other)
    recent.remember_database(settings, gone)
    current = main_window.ctx.workspace.path
    assert current is not None
    recent.remember_database(settings, current)
    menu = main_window.recent_menu
    assert menu.menuAction() in main_window.ui.menuFile.actions()
    menu.refresh()
    by_file = {Path(str(action.data())).name: action for action in menu.file_actions()}
    assert set(by_file) == {"other.sqlite3", "gone.sqlite3"}  # not the open one
    assert by_file["other.sqlite3"].isEnabled()
    assert not by_file["gone.sqlite3"].isEnabled()
    assert recent.MISSING_SUFFIX in by_file["gone.sqlite3"].text()
    by_file["other.sqlite3"].trigger()
    assert main_window.ctx.workspace.path == other.resolve()
    assert recent.recent_databases(settings)[0] == str(other.resolve())
    remove = next(a for a in menu.actions() if a.text().startswith("Remove missing"))
    remove.trigger()
    assert str(gone.resolve()) not in recent.recent_databases(settings)
    main_window.ctx.db.dispose()


def test_demo_database_is_marked_in_title_and_banner(
        qtbot: Any, plans_db: Database, actor: Actor, settings: QSettings) -> None:
    mark_demo(plans_db, actor)
    window = create_main_window(plans_db, actor, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle().startswith("DEMO")
    assert window.demo_banner.isVisible()
    assert "DEMO" in window.demo_banner.text()


def test_own_database_has_no_demo_mark(qtbot: Any, main_window: MainWindow) -> None:
    main_window.show()
    assert "DEMO" not in main_window.windowTitle()
    assert not main_window.demo_banner.isVisible()


def test_run_app_script_asks_whether_a_database_was_used(
        tmp_path: Path, actor: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    def used() -> int:
        return subprocess.run([sys.executable, "-m", "qa_audit.gui.recent"],
                              check=False).returncode

    assert used() == 1  # nothing yet: run-app.sh passes --demo
    make_db(paths.default_database(), actor)
    assert used() == 0


def test_qa_audit_db_still_wins_over_the_last_database(
        tmp_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    recent.remember_database(settings, Path(__file__))
    monkeypatch.setenv("QA_AUDIT_DB", "from-env.sqlite3")
    assert recent.startup_choice(None, False, settings) == ("from-env.sqlite3", False)


def test_two_recent_files_with_one_name_are_told_apart_by_folder(
        main_window: MainWindow, tmp_path: Path, settings: QSettings) -> None:
    for folder in ("north-panel", "south-panel"):
        (tmp_path / folder).mkdir()
        recent.remember_database(settings, tmp_path / folder / "qa-audit.sqlite3")
    recent.remember_database(settings, tmp_path / "other.sqlite3")
    menu = main_window.recent_menu
    menu.refresh()
    texts = {a.text().split(" ", 1)[1].removesuffix(recent.MISSING_SUFFIX)
             for a in menu.file_actions()}
    assert {"qa-audit.sqlite3 (in north-panel)", "qa-audit.sqlite3 (in south-panel)",
            "other.sqlite3"} <= texts
    main_window.ctx.db.dispose()
