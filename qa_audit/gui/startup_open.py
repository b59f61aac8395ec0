"""The database half of start-up: open (or create) the requested database, recover a
damaged file, offer demo data. Imported after the window's first paint (it pulls in
the services and SQLAlchemy); ``app.StartUp`` calls it.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QWidget

from qa_audit.errors import DatabaseCorrupt, UserError
from qa_audit.gui import database_actions, recovery
from qa_audit.services import plans
from qa_audit.services.actor import Actor
from qa_audit.services.store.workspace import Workspace

log = logging.getLogger(__name__)


def open_or_initialise(arg: str | None, actor: Actor) -> Workspace:
    """Initialise (idempotent); a file written by a newer app opens read-only instead."""
    passphrase = database_actions.passphrase_for(Workspace.path_of(arg))
    return Workspace.open_or_initialise(arg, actor, passphrase=passphrase)


def open_startup_database(db_arg: str | None, actor: Actor,
                          parent: QWidget | None = None) -> Workspace | None:
    """Initialise (idempotent) the requested database, offering another file on failure.

    A damaged file with automatic backups offers "Restore from backup…" first.
    Returns None when the user gives up.
    """
    arg = db_arg
    while True:
        try:
            return open_or_initialise(arg, actor)
        except DatabaseCorrupt as exc:
            log.warning("damaged database %s: %s", arg, exc.message)
            path = Workspace.path_of(arg)
            if path is not None and recovery.backups_of(path):
                chosen = recovery.recover_damaged(parent, exc, path, give_up="Quit")
            else:
                chosen = database_actions.ask_startup_failure(exc, parent)
        except UserError as exc:
            log.warning("cannot open database %s: %s", arg, exc.message)
            chosen = database_actions.ask_startup_failure(exc, parent)
        if chosen is None:
            return None
        arg = str(chosen)


def load_demo_if_empty(parent: QWidget | None, workspace: Workspace, actor: Actor) -> None:
    """``qa-audit gui --demo``: fill a database that has no plans yet with demo data."""
    if plans.count_plans(workspace.db) != 0:
        return
    try:
        summary = database_actions.load_demo_data(parent, workspace.db, actor)
    except UserError as exc:
        database_actions.show_user_error(parent, "Demo data was not loaded", exc)
    else:
        log.info(summary)
