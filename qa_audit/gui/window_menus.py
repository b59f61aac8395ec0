"""The main window's menus and shortcuts: File (Open recent, Backups…), Help, Ctrl+1..9.

The Designer form (``forms/main_window.ui``) holds the fixed actions (Open, New,
Quit, About); the ones built here are added beside them. The window passes the
handlers, so this module knows nothing of the window itself. Qt and light modules
only: the menus exist before the first paint.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidget, QMainWindow

from qa_audit import APP_NAME, __version__, paths
from qa_audit.gui.generated.ui_main_window import Ui_MainWindow
from qa_audit.gui.page_table import MAX_PAGE_SHORTCUTS
from qa_audit.gui.recent import RecentMenu

if TYPE_CHECKING:  # only named in annotations (the workspace needs SQLAlchemy)
    from qa_audit.services.store.workspace import Workspace


def add_file_menu(window: QMainWindow, ui: Ui_MainWindow, settings: QSettings, *,
                  open_dialog: Callable[[], bool], open_path: Callable[[Path], bool],
                  new_dialog: Callable[[], bool], backups: Callable[[], None],
                  current_path: Callable[[], Path | None]) -> tuple[QAction, RecentMenu]:
    """File > Open…, Open recent, New…, Backups…, Quit; returns (Backups, Open recent)."""
    backups_action = QAction("&Backups…", window)
    backups_action.setObjectName("actionBackups")
    backups_action.setToolTip("See this database's automatic backups, back up now "
                              "or restore one")
    backups_action.triggered.connect(backups)
    ui.menuFile.insertAction(ui.actionQuit, backups_action)
    ui.menuFile.insertSeparator(ui.actionQuit)
    recent_menu = RecentMenu(settings, current_path, open_path, window)
    ui.menuFile.insertMenu(ui.actionNewDatabase, recent_menu)
    ui.actionOpenDatabase.triggered.connect(open_dialog)
    ui.actionNewDatabase.triggered.connect(new_dialog)
    ui.actionQuit.triggered.connect(window.close)
    return backups_action, recent_menu


def add_help_menu(window: QMainWindow, ui: Ui_MainWindow, *, about: Callable[[], None],
                  shortcuts: Callable[[], None],
                  guide: Callable[[], None]) -> tuple[QAction, QAction]:
    """Help > User guide (F1), Keyboard shortcuts, About; returns (shortcuts, guide)."""
    ui.actionAbout.triggered.connect(about)
    shortcuts_action = QAction("&Keyboard shortcuts", window)
    shortcuts_action.setObjectName("actionShortcuts")
    shortcuts_action.triggered.connect(shortcuts)
    ui.menuHelp.insertAction(ui.actionAbout, shortcuts_action)
    guide_action = QAction("&User guide", window)
    guide_action.setObjectName("actionUserGuide")
    guide_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
    guide_action.setToolTip("The guide, at this page's section (F1)")
    guide_action.triggered.connect(guide)
    ui.menuHelp.insertAction(shortcuts_action, guide_action)
    return shortcuts_action, guide_action


def add_page_shortcuts(window: QMainWindow, show_page: Callable[[int], object],
                       nav: QListWidget) -> list[QAction]:
    """Ctrl+1 .. Ctrl+9: the page in that sidebar row (nothing when there is none);
    each action is named after its page ("Show Plans"), renamed when the sidebar's
    rows change, so Help > Keyboard shortcuts says where each key goes."""
    actions = []
    for number in range(1, MAX_PAGE_SHORTCUTS + 1):
        action = QAction(f"Page {number}", window)
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(partial(show_page, number - 1))
        window.addAction(action)
        actions.append(action)

    def name(*_args: object) -> None:
        if not shiboken6.isValid(nav):
            return  # the window is going: its list's model reports its rows removed
        for row, action in enumerate(actions):
            item = nav.item(row)
            action.setText(f"Show {item.text()}" if item is not None else f"Page {row + 1}")

    model = nav.model()
    for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
        signal.connect(name)
    name()
    return actions


def about_text(workspace: Workspace | None) -> str:
    """Help > About: the version, the open database and the data folder."""
    where = (f"{workspace.location()} ({workspace.profile})" if workspace is not None
             else "still opening")
    return (
        f"<h3>{html.escape(APP_NAME)} {html.escape(__version__)}</h3>"
        "<p>Quality assurance of Education, Health and Care plans: sampling, "
        "multi-agency panel scoring, moderation and reports.</p>"
        f"<p>Database: {html.escape(where)}<br>"
        f"Your data folder: {html.escape(str(paths.data_dir()))}</p>"
    )
