"""The databases used lately: the one the app opens next time, and File > Open recent.

Kept in the app's settings file (``settings.make_settings``), newest first, as full
paths (server databases are not listed: their URL may hold a password). Start-up
opens the newest that still exists, so a panel comes back to its own database,
not to the demo; ``--demo`` fills the default database only when none was used yet.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from qa_audit import paths

SETTING_RECENT = "databases/recent"
MAX_RECENT = 8
MISSING_SUFFIX = " (not found)"


def recent_databases(settings: QSettings) -> list[str]:
    """The remembered database files, newest first (missing ones included)."""
    value = settings.value(SETTING_RECENT)
    if isinstance(value, str):  # an ini list of one reads back as a string
        value = [value]
    if not isinstance(value, list):
        return []
    return [str(item) for item in value if str(item)][:MAX_RECENT]


def _store(settings: QSettings, items: list[str]) -> None:
    settings.setValue(SETTING_RECENT, items[:MAX_RECENT])
    settings.sync()


def remember_database(settings: QSettings, path: Path) -> None:
    """``path`` was opened: it goes to the top of the list (and is opened next time)."""
    text = str(Path(path).resolve())
    _store(settings, [text, *(item for item in recent_databases(settings) if item != text)])


def forget_missing(settings: QSettings) -> list[str]:
    """Drop the files that are no longer there; returns the ones dropped."""
    items = recent_databases(settings)
    missing = [item for item in items if not Path(item).exists()]
    _store(settings, [item for item in items if item not in missing])
    return missing


def last_database(settings: QSettings) -> str | None:
    """The newest remembered file that still exists (None: none used yet)."""
    return next((item for item in recent_databases(settings) if Path(item).exists()), None)


def startup_choice(db_arg: str | None, demo_if_new: bool,
                   settings: QSettings) -> tuple[str | None, bool]:
    """What start-up opens and whether it may load demo data.

    ``--db`` (or ``$QA_AUDIT_DB``) wins. Otherwise the last database used, never
    with demo data; only when none was used yet the default database, filled with
    demo data if asked.
    """
    if db_arg is None:
        db_arg = os.environ.get("QA_AUDIT_DB") or None
    if db_arg is not None:
        return db_arg, demo_if_new
    last = last_database(settings)
    if last is not None:
        return last, False
    return None, demo_if_new


def menu_name(path: Path, shared_name: bool) -> str:
    """The file's name, with its folder when another recent file has the same name
    (every council's shared drive has a ``qa-audit.sqlite3``)."""
    if not shared_name or path.parent == path:
        return path.name
    return f"{path.name} (in {path.parent.name or path.parent})"


def has_any_database(settings: QSettings) -> bool:
    """A database was used before (the default file exists, or a remembered one does)."""
    return paths.default_database().exists() or last_database(settings) is not None


class RecentMenu(QMenu):
    """File > Open recent: the other remembered databases, rebuilt each time it opens.

    A file that is no longer there is listed disabled, marked "(not found)", and
    "Remove missing files" drops them from the list.
    """

    def __init__(self, settings: QSettings, current: Callable[[], Path | None],
                 open_path: Callable[[Path], object], parent: QWidget | None = None) -> None:
        super().__init__("Open &recent", parent)
        self.setObjectName("menuRecent")
        self._settings = settings
        self._current = current
        self._open_path = open_path
        self.aboutToShow.connect(self.refresh)

    def refresh(self) -> None:
        self.clear()
        current = self._current()
        here = str(current.resolve()) if current is not None else None
        items = [item for item in recent_databases(self._settings) if item != here]
        any_missing = False
        names = [Path(item).name.casefold() for item in items]
        for number, item in enumerate(items, start=1):
            path = Path(item)
            exists = path.exists()
            any_missing = any_missing or not exists
            label = f"&{number} {menu_name(path, names.count(path.name.casefold()) > 1)}" + (
                "" if exists else MISSING_SUFFIX)
            action = QAction(label, self)
            action.setToolTip(item if exists else f"{item} is no longer there")
            action.setStatusTip(action.toolTip())
            action.setData(item)
            action.setEnabled(exists)
            action.triggered.connect(partial(self._open_path, path))
            self.addAction(action)
        if not items:
            empty = self.addAction("No other databases used yet")
            empty.setEnabled(False)
        if any_missing:
            self.addSeparator()
            self.addAction("Remove missing files from the list", self._remove_missing)
        self.setToolTipsVisible(True)

    def _remove_missing(self) -> None:
        forget_missing(self._settings)
        self.refresh()

    def file_actions(self) -> list[QAction]:
        """The actions naming a database (tests, the shortcut list)."""
        return [action for action in self.actions() if action.data()]


if __name__ == "__main__":  # scripts/run-app.sh: exit 0 when a database was used before
    import sys

    from qa_audit.gui.settings import make_settings

    sys.exit(0 if has_any_database(make_settings()) else 1)
