"""The main window: title and status, pages and keyboard navigation, settings, File menu."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from qa_audit.gui.app import create_main_window
from qa_audit.gui.main_window import MainWindow
from qa_audit.gui.page_table import PAGES, PageSpec
from qa_audit.gui.window_title import opening_name
from qa_audit.services import plans
from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.storage.engine import Database
from tests.gui.conftest import DialogRecorder, unnamed_controls


def pick_file(monkeypatch: pytest.MonkeyPatch, name: str, path: Path | None) -> None:
    """Answer QFileDialog.<name> with ``path`` (None = the user cancelled)."""
    answer = (str(path), "") if path is not None else ("", "")
    monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *_a, **_k: answer))


def test_title_shows_database_and_mode(main_window: MainWindow, plans_db: Database) -> None:
    assert main_window.windowTitle() == f"EHCP QA Audit — {plans_db.name} (local)"
    assert plans_db.name in main_window.windowTitle()


def test_status_bar_shows_path_and_mode(main_window: MainWindow, plans_db: Database) -> None:
    label = main_window.location_label
    assert str(plans_db.target.path) in label.text()
    assert "(local)" in label.text()
    assert label in main_window.statusBar().findChildren(QLabel)


def test_shared_mode_is_shown(qtbot: Any, tmp_path: Path, actor: Actor, settings: QSettings,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_AUDIT_SHARED", "1")
    shared = database.initialise(str(tmp_path / "shared.sqlite3"), actor).database
    window = create_main_window(shared, actor, settings)
    qtbot.addWidget(window)
    assert window.windowTitle().endswith("(shared)")
    assert "(shared)" in window.location_label.text()
    shared.dispose()


def test_pages_from_the_list_with_icons(main_window: MainWindow) -> None:
    assert main_window.page_titles() == [spec.title for spec in PAGES]
    assert main_window.nav.count() == len(PAGES)
    for row in range(main_window.nav.count()):
        assert not main_window.nav.item(row).icon().isNull()
    assert main_window.current_page_title() == PAGES[0].title


def test_sidebar_switches_pages(main_window: MainWindow) -> None:
    main_window.nav.setCurrentRow(main_window.page_titles().index("Rubrics"))
    assert main_window.stack.currentWidget() is main_window.page("Rubrics")


def test_add_page(qtbot: Any, main_window: MainWindow) -> None:
    extra = QLabel("extra")
    index = main_window.add_page(extra, "Extra", "reports")
    assert index == len(PAGES)
    assert main_window.show_page("Extra")
    assert main_window.stack.currentWidget() is extra
    assert not main_window.show_page("No such page")


def test_ctrl_number_switches_page(qtbot: Any, main_window: MainWindow) -> None:
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    main_window.nav.setFocus()
    qtbot.waitUntil(main_window.isActiveWindow)
    qtbot.keyClick(main_window.nav, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page_title() == PAGES[1].title
    qtbot.keyClick(main_window.nav, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page_title() == PAGES[0].title
    if len(PAGES) < 9:
        qtbot.keyClick(main_window.nav, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
        assert main_window.current_page_title() == PAGES[0].title  # no such page: no change


def test_sidebar_is_keyboard_focusable(main_window: MainWindow) -> None:
    assert main_window.nav.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert main_window.nav.accessibleName() == "Navigation"


def test_geometry_and_page_are_remembered(qtbot: Any, plans_db: Database, actor: Actor,
                                          settings: QSettings) -> None:
    first = create_main_window(plans_db, actor, settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    assert first.height() != 520
    first.resize(first.width(), 520)
    first.show_page("Rubrics")
    first.close()
    assert settings.value("main_window/geometry") is not None

    again = create_main_window(plans_db, actor, settings)
    qtbot.addWidget(again)
    # restoreGeometry also fits the window on the screen: the offscreen one is only 800 wide
    assert again.height() == 520
    assert again.current_page_title() == "Rubrics"


def test_settings_live_in_the_isolated_data_folder(settings: QSettings,
                                                   isolated_home: Path) -> None:
    assert Path(settings.fileName()).parent == isolated_home
    assert settings.format() == QSettings.Format.IniFormat


def test_open_corrupt_file_shows_error_and_keeps_database(
        main_window: MainWindow, tmp_path: Path, no_dialogs: DialogRecorder,
        monkeypatch: pytest.MonkeyPatch) -> None:
    corrupt = tmp_path / "damaged.sqlite3"
    corrupt.write_bytes(b"this is not a database file at all" * 100)
    before = corrupt.read_bytes()
    current = main_window.ctx.db
    pick_file(monkeypatch, "getOpenFileName", corrupt)

    main_window.ui.actionOpenDatabase.trigger()

    assert no_dialogs.kinds() == ["critical"]
    _kind, _title, text = no_dialogs.calls[0]
    assert "damaged.sqlite3" in text
    assert "Traceback" not in text
    assert main_window.ctx.db is current
    assert current.name in main_window.windowTitle()
    assert corrupt.read_bytes() == before  # refused without touching it


def test_open_cancelled_changes_nothing(main_window: MainWindow, no_dialogs: DialogRecorder,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    current = main_window.ctx
    pick_file(monkeypatch, "getOpenFileName", None)
    assert main_window.open_database_dialog() is False
    assert main_window.ctx is current
    assert no_dialogs.calls == []


def test_open_another_database_rebuilds_pages(
        qtbot: Any, main_window: MainWindow, tmp_path: Path, actor: Actor,
        no_dialogs: DialogRecorder, monkeypatch: pytest.MonkeyPatch) -> None:
    other_path = tmp_path / "other.sqlite3"
    database.initialise(str(other_path), actor).database.dispose()
    old_ctx, old_page = main_window.ctx, main_window.page("Plans")
    main_window.show_page("Rubrics")
    pick_file(monkeypatch, "getOpenFileName", other_path)

    with qtbot.waitSignal(main_window.context_changed):
        assert main_window.open_database_dialog()

    assert no_dialogs.calls == []
    assert main_window.ctx is not old_ctx
    assert main_window.ctx.db.target.path == other_path.resolve()
    assert "other.sqlite3" in main_window.windowTitle()
    assert str(other_path.resolve()) in main_window.location_label.text()
    new_page = main_window.page("Plans")
    assert new_page is not old_page and new_page.ctx is main_window.ctx
    assert new_page.count_label.text() == "0 plans, 0 shown"
    assert main_window.current_page_title() == "Rubrics"  # stays where the user was
    main_window.ctx.db.dispose()


def test_new_database_without_demo(main_window: MainWindow, tmp_path: Path,
                                   no_dialogs: DialogRecorder,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    pick_file(monkeypatch, "getSaveFileName", tmp_path / "fresh")  # no extension typed
    no_dialogs.answer = QMessageBox.StandardButton.No

    assert main_window.new_database_dialog()

    assert no_dialogs.kinds() == ["question"]
    db = main_window.ctx.db
    assert db.target.path == (tmp_path / "fresh.sqlite3").resolve()
    assert plans.count_plans(db) == 0
    assert main_window.page("Rubrics").rubric_list.count() >= 1  # shipped rubrics installed
    db.dispose()


def test_new_database_with_demo(main_window: MainWindow, tmp_path: Path,
                                no_dialogs: DialogRecorder,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    from qa_audit.gui import database_actions  # the window imports it when it needs it

    loaded: list[Database] = []

    def fake_demo(_parent: Any, db: Database, _actor: Actor) -> str:
        loaded.append(db)
        return "Demo data loaded"

    monkeypatch.setattr(database_actions, "load_demo_data", fake_demo)
    pick_file(monkeypatch, "getSaveFileName", tmp_path / "demo.sqlite3")
    no_dialogs.answer = QMessageBox.StandardButton.Yes

    assert main_window.new_database_dialog()
    assert loaded == [main_window.ctx.db]
    main_window.ctx.db.dispose()


def test_new_database_refuses_an_existing_file(main_window: MainWindow, plans_db: Database,
                                               no_dialogs: DialogRecorder,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    existing = plans_db.target.path
    assert existing is not None
    other = existing.with_name("precious.sqlite3")
    other.write_bytes(b"someone's data")
    pick_file(monkeypatch, "getSaveFileName", other)

    assert not main_window.new_database_dialog()
    assert no_dialogs.kinds() == ["critical"]
    assert "already exists" in no_dialogs.calls[0][2]
    assert other.read_bytes() == b"someone's data"
    assert main_window.ctx.db is plans_db


def test_about_names_the_database(main_window: MainWindow, no_dialogs: DialogRecorder,
                                  plans_db: Database) -> None:
    main_window.ui.actionAbout.trigger()
    assert no_dialogs.kinds() == ["about"]
    assert str(plans_db.target.path) in no_dialogs.calls[0][2]


def test_status_messages_reach_the_status_bar(main_window: MainWindow) -> None:
    main_window.ctx.status_message.emit("Imported 12 plans")
    assert main_window.statusBar().currentMessage() == "Imported 12 plans"


def test_every_control_has_an_accessible_name(main_window: MainWindow) -> None:
    assert unnamed_controls(main_window) == []


# ------------------------------------------------------------------ pages built lazily


class SlowPage(QLabel):
    """A page that loads its rows in the background: ``loading`` until ``finish``."""

    loaded = Signal()

    def __init__(self, ctx: Any) -> None:
        super().__init__("slow")
        self.ctx = ctx
        self._loading = True

    def loading(self) -> bool:
        return self._loading

    def finish(self) -> None:
        self._loading = False
        self.loaded.emit()


def test_only_the_current_page_is_built(qtbot: Any, main_window: MainWindow) -> None:
    assert main_window.built_page_titles() == [PAGES[0].title]
    qtbot.waitUntil(main_window.is_ready)  # its rows may load in the background
    main_window.show_page("Rubrics")
    assert main_window.built_page_titles() == [PAGES[0].title, "Rubrics"]
    assert main_window.pages() == [main_window.page(PAGES[0].title),
                                   main_window.page("Rubrics")]


def test_asking_for_a_page_builds_it(main_window: MainWindow) -> None:
    assert "Sessions" not in main_window.built_page_titles()
    page = main_window.page("Sessions")
    assert page is not None and page.property("pageTitle") == "Sessions"
    assert main_window.page("Sessions") is page  # built once
    assert main_window.current_page_title() == PAGES[0].title  # not shown by asking


def test_the_remembered_page_is_the_only_one_built(qtbot: Any, plans_db: Database,
                                                   actor: Actor, settings: QSettings) -> None:
    settings.setValue("main_window/page", "Rubrics")
    window = create_main_window(plans_db, actor, settings)
    qtbot.addWidget(window)
    assert window.current_page_title() == "Rubrics"
    assert window.built_page_titles() == ["Rubrics"]


def test_others_saves_reach_built_pages_only(main_window: MainWindow) -> None:
    """Live refresh notifies the pages that exist; the others read fresh data when built."""
    changes: list[str] = []
    main_window.ctx.data_changed.connect(changes.append)
    main_window._on_others_saved()
    assert changes  # notified
    assert main_window.built_page_titles() == [PAGES[0].title]  # nothing built for it


def test_opening_another_database_builds_only_the_current_page(
        qtbot: Any, main_window: MainWindow, tmp_path: Path, actor: Actor,
        no_dialogs: DialogRecorder, monkeypatch: pytest.MonkeyPatch) -> None:
    other_path = tmp_path / "other.sqlite3"
    database.initialise(str(other_path), actor).database.dispose()
    main_window.page("Sessions")
    main_window.show_page("Rubrics")
    pick_file(monkeypatch, "getOpenFileName", other_path)
    assert main_window.open_database_dialog()
    assert main_window.built_page_titles() == ["Rubrics"]
    main_window.ctx.db.dispose()


def test_window_before_its_database(qtbot: Any, plans_db: Database, actor: Actor,
                                    settings: QSettings) -> None:
    """Start-up paints this first: every page listed, none built, the database opening."""
    window = MainWindow(None, settings, opening="audit.sqlite3")
    qtbot.addWidget(window)
    assert not window.has_database and not window.is_ready()
    assert window.page_titles() == [spec.title for spec in PAGES]
    assert window.built_page_titles() == []
    assert window.stack.currentWidget() is window.placeholder
    assert window.statusBar().currentMessage() == "Opening audit.sqlite3…"
    assert not window.ui.actionOpenDatabase.isEnabled()
    assert window.page("Plans") is None
    window.show_page("Sessions")  # the user may choose while it opens
    assert window.built_page_titles() == []

    with qtbot.waitSignal(window.first_page_ready):
        window.attach_database(plans_db, actor)

    assert window.built_page_titles() == ["Sessions"]
    assert window.stack.currentWidget() is window.page("Sessions")
    assert plans_db.name in window.windowTitle()
    assert window.statusBar().currentMessage() == ""
    assert window.ui.actionOpenDatabase.isEnabled()
    assert unnamed_controls(window) == []


def test_ready_waits_for_a_page_that_loads_in_the_background(
        qtbot: Any, plans_db: Database, actor: Actor, settings: QSettings) -> None:
    window = MainWindow(None, settings, pages=[PageSpec("Slow", "plans", SlowPage)])
    qtbot.addWidget(window)
    window.attach_database(plans_db, actor)
    page = window.page("Slow")
    assert isinstance(page, SlowPage)
    assert not window.is_ready()
    with qtbot.waitSignal(window.first_page_ready):
        page.finish()
    assert window.is_ready()


def test_opening_name_hides_a_server_password() -> None:
    assert opening_name("postgresql://qa:secret@db.example/qa") == "postgresql://db.example/qa"
    assert opening_name("postgresql://db.example:5432/qa?user=qa&password=secret") == \
        "postgresql://db.example:5432/qa"
    assert opening_name("/shares/sen/audit.sqlite3") == "audit.sqlite3"
    assert opening_name(None) == "qa-audit.sqlite3"


def test_a_page_that_failed_to_build_can_be_chosen_again(
        qtbot: Any, plans_db: Database, actor: Actor, settings: QSettings) -> None:
    attempts: list[int] = []

    def flaky(ctx: Any) -> QLabel:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("first build fails")
        return QLabel("built")

    window = MainWindow(None, settings, pages=[PageSpec("Flaky", "plans", flaky)])
    qtbot.addWidget(window)
    with pytest.raises(RuntimeError):
        window.attach_database(plans_db, actor)
    assert window.stack.currentWidget() is window.placeholder  # not a stale page
    assert window.findChild(QLabel, "openingHeading").text() == "This page could not be shown"

    window.nav.clicked.emit(window.nav.currentIndex())

    assert window.built_page_titles() == ["Flaky"]
    assert window.stack.currentWidget() is window.page("Flaky")


def test_status_bar_explains_the_mode(main_window: MainWindow) -> None:
    """The help is keyed by the profile's value, so the storage layer need not be imported."""
    from qa_audit.gui.window_title import PROFILE_HELP
    from qa_audit.storage.profiles import Profile

    assert main_window.location_label.toolTip() == PROFILE_HELP[Profile.LOCAL]
    assert all(PROFILE_HELP.get(profile) for profile in Profile)
