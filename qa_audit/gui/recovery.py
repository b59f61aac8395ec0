"""A database file that turns out to be damaged: restore it from a backup, or choose another.

Offered at start-up (``app``) and by File > Open database… (``MainWindow``). The
backups are listed and restored through the workspace (``services.workspace``);
the restore runs behind ``database_actions.run_with_progress``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from qa_audit.errors import DatabaseCorrupt, UserError
from qa_audit.gui import backups_dialog
from qa_audit.gui.database_actions import (
    choose_existing_file,
    passphrase_for,
    run_with_progress,
    show_user_error,
)
from qa_audit.services.store.workspace import BackupInfo, RestoreResult, Workspace

log = logging.getLogger(__name__)

RESTORE, OTHER_FILE, GIVE_UP = "restore", "other", "give up"


def backups_of(path: Path) -> list[BackupInfo]:
    """The automatic backups of the database at ``path``, newest first ([] when unreadable)."""
    try:
        return Workspace.backups_of(Path(path))
    except (OSError, UserError) as exc:
        log.warning("cannot list the backups of %s: %s", path, exc)
        return []


def ask_damaged_database(parent: QWidget | None, exc: DatabaseCorrupt, path: Path,
                         found: list[BackupInfo], *, give_up: str = "Cancel") -> str:
    """The file is damaged: restore from a backup (when there are any), another file, or not.

    Returns ``RESTORE``, ``OTHER_FILE`` or ``GIVE_UP``.
    """
    if found:
        newest = found[0].taken_at
        hint = (f"There {'is' if len(found) == 1 else 'are'} {len(found)} automatic "
                f"backup{'' if len(found) == 1 else 's'} of it (newest {newest:%d %b %Y %H:%M}). "
                "Restoring keeps the damaged file beside it, renamed.")
    else:
        hint = "No automatic backups of this file were found on this computer."
    box = QMessageBox(QMessageBox.Icon.Critical, "The database is damaged",
                      f"{exc.message}\n\n{hint}", parent=parent)
    box.setAccessibleName("The database is damaged")
    if exc.details:
        box.setDetailedText("\n".join(exc.details))
    restore = None
    if found:
        restore = box.addButton("Restore from backup…", QMessageBox.ButtonRole.AcceptRole)
        restore.setAccessibleName("Restore from backup")
    other = box.addButton("Choose another file…", QMessageBox.ButtonRole.ActionRole)
    other.setAccessibleName("Choose another file")
    box.addButton(give_up, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or other)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if restore is not None and clicked is restore:
        return RESTORE
    if clicked is other:
        return OTHER_FILE
    return GIVE_UP


def restore_backup(parent: QWidget | None, backup: Path, target: Path, *,
                   passphrase: str | None = None) -> Path:
    """Put ``backup`` in place of ``target`` off the GUI thread; returns the restored path.

    The core verifies the backup first and keeps the current file aside. An encrypted
    backup is restored under ``passphrase`` (the open database's), else the user is asked.
    """
    if passphrase is None:
        passphrase = passphrase_for(Path(backup), parent)

    def work(*, progress: Callable[[int, str], None]) -> RestoreResult:
        progress(10, "Checking the backup…")
        return Workspace.restore(Path(backup), Path(target), passphrase=passphrase)

    result = run_with_progress(parent, f"Restoring {Path(target).name}…", work)
    if result.moved_aside is not None:
        log.info("restored %s from %s; the previous file is kept as %s",
                 target, backup, result.moved_aside)
    return Path(result.restored)


def recover_damaged(parent: QWidget | None, exc: DatabaseCorrupt, path: Path, *,
                    give_up: str = "Cancel") -> Path | None:
    """Offer "Restore from backup…" or another file; returns the file to open, or None."""
    found = backups_of(path)
    while True:
        choice = ask_damaged_database(parent, exc, path, found, give_up=give_up)
        if choice == RESTORE:
            chosen = backups_dialog.choose_backup(parent, path, found)
            if chosen is None:
                continue
            try:
                return restore_backup(parent, chosen.path, path)
            except UserError as err:
                show_user_error(parent, "The backup was not restored", err)
                found = backups_of(path)
                continue
        if choice == OTHER_FILE:
            return choose_existing_file(parent)
        return None
