"""The File menu's database steps: open (recovering a damaged file), create, restore a backup.

Each returns the workspace now open (None: nothing changed, the reason already
shown); the main window switches to it and looks after its live view. Imported
when a step is first used: the file actions pull in the services (SQLAlchemy).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from qa_audit.errors import DatabaseCorrupt, UserError
from qa_audit.gui import database_actions, recovery, workers
from qa_audit.services.actor import Actor
from qa_audit.services.store.workspace import Workspace


def open_path(parent: QWidget, path: Path) -> Workspace | None:
    """The database at ``path``; a damaged one is offered a backup to restore."""
    while True:
        try:
            return database_actions.open_existing(path)
        except DatabaseCorrupt as exc:
            if not recovery.backups_of(path):  # nothing to restore: say why
                database_actions.show_user_error(parent, "Cannot open the database", exc)
                return None
            chosen = recovery.recover_damaged(parent, exc, path)
            if chosen is None:
                return None
            path = chosen
        except UserError as exc:
            database_actions.show_user_error(parent, "Cannot open the database", exc)
            return None


def restore(parent: QWidget, workspace: Workspace, backup: Path, *,
            wait_ms: int) -> Workspace | None:
    """Close ``workspace``, put ``backup`` in its place (the current file is kept aside)
    and open the restored file. Refused while background loads still read it."""
    target = workspace.path
    if target is None:
        return None
    if not workers.wait_for_background(wait_ms):
        database_actions.show_user_error(parent, "The backup was not restored", UserError(
            "A list, report or import is still being worked out from this database. "
            "Nothing was changed: wait for it to finish, then restore again."))
        return None
    workspace.close()
    try:
        restored = recovery.restore_backup(parent, backup, target,
                                           passphrase=workspace.passphrase)
        return database_actions.open_existing(restored, passphrase=workspace.passphrase)
    except UserError as exc:
        database_actions.show_user_error(parent, "The backup was not restored", exc)
        return None


def create(parent: QWidget, current: Workspace, actor: Actor,
           status: Callable[[str], None]) -> Workspace | None:
    """Ask for a new file, create and initialise it, offer demo data (``status`` says
    what was loaded)."""
    path = database_actions.choose_new_file(parent, current)
    if path is None:
        return None
    try:
        workspace = database_actions.create_new(path, actor)
    except UserError as exc:
        database_actions.show_user_error(parent, "Cannot create the database", exc)
        return None
    answer = QMessageBox.question(
        parent, "Load demo data?",
        f"{path.name} is ready.\n\nFill it with synthetic demo data (about 400 plans, "
        "a year of panels)? Choose No for an empty database to import your own register.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer == QMessageBox.StandardButton.Yes:
        try:
            summary = database_actions.load_demo_data(parent, workspace.db, actor)
        except UserError as exc:
            database_actions.show_user_error(parent, "Demo data was not loaded", exc)
        else:
            status(summary)
    return workspace
