"""Choosing, opening and creating database files from the GUI, and long work with a progress dialog.

Shared by start-up (``app.run_gui``) and the File menu (``MainWindow``) so both
explain problems the same way: a ``UserError`` becomes one clear message box
(never a traceback) and the database already open stays open. A damaged file's
recovery (restore from a backup) is in ``gui.recovery``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from qa_audit import paths
from qa_audit.errors import UserError
from qa_audit.gui import workers
from qa_audit.gui.messages import error_text, show_user_error  # noqa: F401 - pages call these here
from qa_audit.services import demo
from qa_audit.services.actor import Actor
from qa_audit.services.store.workspace import Store, Workspace

log = logging.getLogger(__name__)

FILE_FILTER = "QA audit databases (*.sqlite3 *.sqlite *.db);;All files (*)"
DEMO_SEED = 2026


def _start_folder(current: Workspace | None) -> str:
    if current is not None and current.path is not None:
        return str(current.path.parent)
    return str(paths.data_dir())


def choose_existing_file(parent: QWidget | None, current: Workspace | None = None) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, "Open database", _start_folder(current), FILE_FILTER
    )
    return Path(path) if path else None


def choose_new_file(parent: QWidget | None, current: Workspace | None = None) -> Path | None:
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
    if not Workspace.needs_passphrase(path):
        return None  # plain, new or damaged: the open itself says which
    assert path is not None
    from_env = Workspace.passphrase_from_env()
    if from_env:
        return from_env
    text, ok = QInputDialog.getText(
        parent, "Encrypted database", f"Passphrase for {path.name}:", QLineEdit.EchoMode.Password
    )
    if not ok or not text:
        raise UserError(f"{path.name} is encrypted; it was not opened without its passphrase.")
    return text


def open_existing(path: Path, parent: QWidget | None = None, *,
                  passphrase: str | None = None) -> Workspace:
    """Open an initialised database file; raises ``UserError`` saying why not.

    ``passphrase``: already known (a restored copy of the open encrypted database)."""
    if passphrase is None:
        passphrase = passphrase_for(path, parent)
    return Workspace.open(path, passphrase=passphrase)


def create_new(path: Path, actor: Actor) -> Workspace:
    """Create and initialise a new file; an existing file is never reused or overwritten."""
    return Workspace.create(path, actor)


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


def load_demo_data(parent: QWidget | None, db: Store, actor: Actor) -> str:
    """Fill an empty database with synthetic demo data; returns the summary sentence."""
    summary = run_with_progress(parent, "Creating demo data…", demo.load_demo, db, actor,
                                seed=DEMO_SEED)
    return str(summary.describe())
