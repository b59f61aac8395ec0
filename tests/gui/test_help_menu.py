"""Help: the user guide (F1 at the page's section), Keyboard shortcuts (the real
actions' keys, no clashes), and About naming the database once."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from qa_audit.gui import shortcuts_help, user_guide
from qa_audit.gui.main_window import MainWindow
from qa_audit.gui.shortcuts_help import EVERYWHERE, Shortcut


def test_shortcut_list_comes_from_the_actions_and_nothing_clashes(
        qtbot: Any, main_window: MainWindow) -> None:
    found = shortcuts_help.collect(main_window)
    keys = {(s.keys, s.where) for s in found}
    assert ("Ctrl+Q", EVERYWHERE) in keys  # File > Quit
    assert ("Ctrl+1", EVERYWHERE) in keys  # the page keys
    assert {s.where for s in found} - {EVERYWHERE}  # pages' own keys are listed too
    assert shortcuts_help.clashes(found) == {}
    assert "Help" in [a.text().replace("&", "") for a in main_window.menuBar().actions()]
    assert main_window.shortcuts_action in main_window.ui.menuHelp.actions()


def test_clashes_are_found_where_both_can_fire() -> None:
    quit_ = Shortcut("Ctrl+Q", "Quit", EVERYWHERE)
    quote = Shortcut("Ctrl+Q", "Quote", "Scoring")
    other_page = Shortcut("Ctrl+D", "Done", "Actions")
    same_elsewhere = Shortcut("Ctrl+D", "Disagreements", "Moderation")
    assert list(shortcuts_help.clashes([quit_, quote])) == ["Ctrl+Q (Scoring)"]
    assert shortcuts_help.clashes([other_page, same_elsewhere]) == {}  # never both shown


def test_the_dialog_lists_every_shortcut(qtbot: Any, main_window: MainWindow) -> None:
    found = shortcuts_help.collect(main_window)
    dialog = shortcuts_help.ShortcutsDialog(found, main_window)
    qtbot.addWidget(dialog)
    model = dialog.table.model()
    assert model.rowCount() == len(found)
    assert [model.index(0, c).data() for c in range(3)] == [found[0].keys, found[0].what,
                                                             found[0].where]


def test_about_names_the_database_once(qtbot: Any, main_window: MainWindow,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda _p, _t, text: shown.append(text)))
    main_window.show_about()
    assert shown and shown[0].count("Database:") == 1
    assert str(main_window.ctx.workspace.location()) in shown[0]


def test_every_page_has_a_section_in_the_user_guide(main_window: MainWindow) -> None:
    sections = user_guide.section_titles(user_guide.guide_text())
    assert "A panel's month" in sections
    assert set(main_window.page_titles()) <= set(sections)


def test_f1_opens_the_guide_at_the_current_pages_section(
        qtbot: Any, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[user_guide.UserGuideDialog] = []

    def keep(dialog: user_guide.UserGuideDialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(user_guide.UserGuideDialog, "exec", keep)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.show_page("Actions")
    assert main_window.guide_action.shortcut().toString() == "F1"
    assert main_window.guide_action in main_window.ui.menuHelp.actions()
    main_window.guide_action.trigger()
    assert opened and opened[0].section == "Actions"
    assert opened[0].current_heading() == "Actions"


def test_the_list_names_each_page_key_and_the_plan_buttons_keys(
        qtbot: Any, main_window: MainWindow) -> None:
    """The walk: the list said "Ctrl+1 Page 1" ... "Ctrl+9 Page 9" (which page?) and left
    out the Moderation page's Alt+Left / Alt+Right (button shortcuts, not actions)."""
    found = {(s.keys, s.where): s.what for s in shortcuts_help.collect(main_window)}
    titles = main_window.page_titles()
    assert found[("Ctrl+1", EVERYWHERE)] == f"Show {titles[0]}"
    assert found[("Ctrl+2", EVERYWHERE)] == f"Show {titles[1]}"
    assert not any(what.startswith("Page ") for what in found.values())
    assert "next" in found[("Alt+Right", "Moderation")].lower()
    assert "previous" in found[("Alt+Left", "Moderation")].lower()
