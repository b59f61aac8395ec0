"""Help > Keyboard shortcuts: one list, read from the window's real actions.

Every ``QAction`` with a shortcut under the main window (its menus, its own
actions, and every page's), and every page button given its own shortcut (the
Moderation page's Previous and Next plan: Alt+Left and Alt+Right), is listed
with where it works: "Everywhere" for the window's, the page's title for a page's.
Keys only clash when two actions that can fire together share one: the window's
with each other or with one page's (``clashes``, checked by a test), since a
hidden page's actions do not fire.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.gui.models.table_base import Column, RowTableModel
from qa_audit.gui.pages.scaffold import read_only_table

EVERYWHERE = "Everywhere"


class PagedWindow(Protocol):
    """What is read of the main window (not imported: it opens this module)."""

    def page_titles(self) -> list[str]: ...

    def page(self, title: str) -> QWidget | None: ...

    def findChildren(self, kind: type[QAction]) -> list[QAction]: ...


@dataclass(frozen=True)
class Shortcut:
    keys: str  # portable text, e.g. "Ctrl+Shift+Q"
    what: str
    where: str


def _entries(actions: list[QAction], where: str) -> list[Shortcut]:
    found = []
    for action in actions:
        for sequence in action.shortcuts():
            keys = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            what = action.text().replace("&", "").rstrip("…").strip() or action.toolTip()
            if keys:
                found.append(Shortcut(keys, what, where))
    return found


def _button_entries(page: QWidget, where: str) -> list[Shortcut]:
    """Buttons with a shortcut of their own (not an ``&`` mnemonic), named by their
    accessible name or their text without arrows."""
    found = []
    for button in page.findChildren(QAbstractButton):
        keys = button.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        if keys and "&" not in button.text():
            what = button.accessibleName() or button.text().strip(" ◀▶←→")
            found.append(Shortcut(keys, what, where))
    return found


def collect(window: PagedWindow) -> list[Shortcut]:
    """The shortcuts of the window and of every page (each page is built if it was not)."""
    built = {title: window.page(title) for title in window.page_titles()}
    pages = {title: page for title, page in built.items() if page is not None}
    on_pages = {id(action) for page in pages.values() for action in page.findChildren(QAction)}
    everywhere = [a for a in window.findChildren(QAction) if id(a) not in on_pages]
    found = _entries(everywhere, EVERYWHERE)
    for title, page in pages.items():
        found += _entries(page.findChildren(QAction), title) + _button_entries(page, title)
    return sorted(set(found), key=lambda s: (s.where != EVERYWHERE, s.where, s.keys))


def clashes(shortcuts: list[Shortcut]) -> dict[str, list[Shortcut]]:
    """Keys used twice where both can fire: in the window, or the window and one page."""
    by_scope: dict[tuple[str, str], list[Shortcut]] = defaultdict(list)
    pages = {s.where for s in shortcuts if s.where != EVERYWHERE}
    for s in shortcuts:
        scopes = pages if s.where == EVERYWHERE else {s.where}
        for scope in scopes or {EVERYWHERE}:
            by_scope[(scope, s.keys)].append(s)
    return {f"{keys} ({scope})": found for (scope, keys), found in by_scope.items()
            if len({(f.what, f.where) for f in found}) > 1}


class ShortcutsModel(RowTableModel[Shortcut]):
    """Keys, what they do, where they work."""

    COLUMNS = (
        Column("Keys", lambda s: s.keys),
        Column("What it does", lambda s: s.what),
        Column("Where", lambda s: s.where),
    )


class ShortcutsDialog(QDialog):
    """The list, sorted by where the keys work."""

    def __init__(self, shortcuts: list[Shortcut], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("shortcutsDialog")
        layout = QVBoxLayout(self)
        self.model = ShortcutsModel(self)
        self.model.set_rows(shortcuts)
        self.table = QTableView(self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setModel(self.model)
        read_only_table(self.table)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 520)


def show_shortcuts(window: QWidget) -> None:
    dialog = ShortcutsDialog(collect(window), window)  # type: ignore[arg-type]
    dialog.exec()
    dialog.deleteLater()
