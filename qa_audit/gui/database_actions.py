"""Choosing, opening and creating database files from the GUI, and long work with a progress dialog.

Shared by start-up (``app.run_gui``) and the File menu (``MainWindow``) so both
explain problems the same way: a ``UserError`` becomes one clear message box
(never a traceback) and the database already open stays open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from qa_audit import paths
from qa_audit.errors import DatabaseCorrupt, UserError
from qa_audit.gui import workers
from qa_audit.services import database as database_service
from qa_audit.services.actor import Actor
from qa_audit.storage import backups
from qa_audit.storage.backups import BackupInfo
from qa_audit.storage.engine import Database

log = logging.getLogger(__name__)

FILE_FILTER = "QA audit databases (*.sqlite3 *.sqlite *.db);;All files (*)"
DEMO_SEED = 2026
_MAX_DETAIL_LINES = 12


def error_text(exc: UserError) -> str:
    """The message and (at most a dozen of) its details, as shown in a message box."""
    lines = [exc.message]
    if exc.details:
        shown = exc.details[:_MAX_DETAIL_LINES]
        lines.append("")
        lines.extend(shown)
        if len(exc.details) > len(shown):
            lines.append(f"… and {len(exc.details) - len(shown)} more")
    return "\n".join(lines)


def show_user_error(parent: QWidget | None, title: str, exc: UserError) -> None:
    """Tell the user what went wrong in words they can act on."""
    log.info("%s: %s", title, exc.message)
    QMessageBox.critical(parent, title, error_text(exc))


def _start_folder(current: Database | None) -> str:
    if current is not None and current.target.path is not None:
        return str(current.target.path.parent)
    return str(paths.data_dir())


def choose_existing_file(parent: QWidget | None, current: Database | None = None) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, "Open database", _start_folder(current), FILE_FILTER
    )
    return Path(path) if path else None


def choose_new_file(parent: QWidget | None, current: Database | None = None) -> Path | None:
    """Ask where to create a database; adds ``.sqlite3`` when no extension was typed."""
    suggested = str(Path(_start_folder(current)) / "qa-audit-new.sqlite3")
    path, _filter = QFileDialog.getSaveFileName(
        parent, "New database", suggested, FILE_FILTER,
        options=QFileDialog.Option.DontConfirmOverwrite,  # we refuse existing files ourselves
    )
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(".sqlite3")


def passphrase_for(path: Path | None, parent: QWidget | None = None) -> str | None:
    """The SQLCipher passphrase of an encrypted file: asked for, never stored."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from qa_audit.storage import encryption

    if path is None or not (encryption.needs_passphrase(path) and encryption.looks_encrypted(path)):
        return None  # plain, new or damaged: the open itself says which
    from_env = encryption.passphrase_from_env()
    if from_env:
        return from_env
    text, ok = QInputDialog.getText(
        parent, "Encrypted database", f"Passphrase for {path.name}:", QLineEdit.EchoMode.Password
    )
    if not ok or not text:
        raise UserError(f"{path.name} is encrypted; it was not opened without its passphrase.")
    return text


def open_existing(path: Path, parent: QWidget | None = None, *,
                  passphrase: str | None = None) -> Database:
    """Open an initialised database file; raises ``UserError`` saying why not.

    ``passphrase``: already known (a restored copy of the open encrypted database)."""
    if passphrase is None:
        passphrase = passphrase_for(path, parent)
    return database_service.open_existing(str(path), passphrase=passphrase)


def create_new(path: Path, actor: Actor) -> Database:
    """Create and initialise a new file; an existing file is never reused or overwritten."""
    if path.exists() and path.stat().st_size > 0:
        raise UserError(
            f"{path.name} already exists. Choose another name, or use File > Open database… "
            "to open it."
        )
    return database_service.initialise(str(path), actor).database


def ask_startup_failure(exc: UserError, parent: QWidget | None = None) -> Path | None:
    """At start-up the database cannot be used: offer another file or quit.

    ``parent``: the main window, already showing "Opening…", so the box sits on it.
    """
    box = QMessageBox(QMessageBox.Icon.Critical, "Cannot open the database", exc.message,
                      parent=parent)
    if exc.details:
        box.setDetailedText("\n".join(exc.details))
    choose = box.addButton("Choose another file…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(choose)
    box.exec()
    if box.clickedButton() is not choose:
        return None
    return choose_existing_file(parent)


# ------------------------------------------------------------ a damaged file

RESTORE, OTHER_FILE, GIVE_UP = "restore", "other", "give up"


def backups_of(path: Path) -> list[BackupInfo]:
    """The automatic backups of the database at ``path``, newest first ([] when unreadable)."""
    try:
        return backups.list_backups(Path(path))
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

    def work(*, progress: Callable[[int, str], None]) -> backups.RestoreResult:
        progress(10, "Checking the backup…")
        return backups.restore(Path(backup), Path(target), passphrase=passphrase)

    result = run_with_progress(parent, f"Restoring {Path(target).name}…", work)
    if result.moved_aside is not None:
        log.info("restored %s from %s; the previous file is kept as %s",
                 target, backup, result.moved_aside)
    return Path(result.restored)


def recover_damaged(parent: QWidget | None, exc: DatabaseCorrupt, path: Path, *,
                    give_up: str = "Cancel") -> Path | None:
    """Offer "Restore from backup…" or another file; returns the file to open, or None."""
    from qa_audit.gui import backups_dialog

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


class _Waiter(QObject):
    """Receives a job's signals in the GUI thread and ends the local event loop."""

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self.loop = QEventLoop()
        self.dialog = dialog
        self.done = False
        self.result: Any = None
        self.error: str | None = None

    @Slot(int, str)
    def progress(self, percent: int, stage: str) -> None:
        self.dialog.setValue(max(0, min(100, percent)))
        if stage:
            self.dialog.setLabelText(stage)

    @Slot(object)
    def finished(self, result: object) -> None:
        self.result = result
        self._end()

    @Slot(str, bool)
    def failed(self, message: str, _is_user_error: bool) -> None:
        self.error = message
        self._end()

    @Slot()
    def cancelled(self) -> None:
        self.error = "Cancelled."
        self._end()

    def _end(self) -> None:
        self.done = True
        self.loop.quit()


def run_with_progress(parent: QWidget | None, label: str, fn: Callable[..., Any],
                      *args: Any, **kwargs: Any) -> Any:
    """Run ``fn(*args, progress=..., **kwargs)`` off the GUI thread behind a modal progress dialog.

    The window stays painted while it works. Raises ``UserError`` with the
    job's message when it fails (bugs are already logged with a traceback by
    the worker). No cancel button: the work it is used for writes in steps
    that must not be abandoned half-way.
    """
    dialog = QProgressDialog(label, "", 0, 100, parent)
    dialog.setWindowTitle("Please wait")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName("Progress")
    dialog.setValue(0)
    dialog.show()
    waiter = _Waiter(dialog)
    job = workers.Job(fn, *args, **kwargs)
    job.signals.progress.connect(waiter.progress)
    job.signals.finished.connect(waiter.finished)
    job.signals.failed.connect(waiter.failed)
    job.signals.cancelled.connect(waiter.cancelled)
    workers.start(job)
    try:
        if not waiter.done:
            waiter.loop.exec()
    finally:
        dialog.close()
        dialog.deleteLater()
    if waiter.error is not None:
        raise UserError(waiter.error)
    return waiter.result


def load_demo_data(parent: QWidget | None, db: Database, actor: Actor) -> str:
    """Fill an empty database with synthetic demo data; returns the summary sentence."""
    from qa_audit.services import demo

    summary = run_with_progress(parent, "Creating demo data…", demo.load_demo, db, actor,
                                seed=DEMO_SEED)
    return str(summary.describe())
