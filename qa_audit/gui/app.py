"""Starting the desktop app: QApplication, settings, the database, then the main window.

Problems with the database file (missing share, damaged file, too new) are
user errors: they are explained in a message box that offers another file.
Anything else that escapes a slot is a bug: ``install_excepthook`` logs it with
its traceback and tells the user where the log is, instead of letting Qt abort.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from qa_audit import APP_ID, APP_NAME, __version__, paths
from qa_audit.errors import DatabaseCorrupt, DatabaseError, UserError
from qa_audit.gui import database_actions
from qa_audit.gui.context import AppContext
from qa_audit.gui.main_window import MainWindow, icon
from qa_audit.services import database as database_service
from qa_audit.services import opening, plans
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.ini"
ORGANISATION = "qa-audit"

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def make_settings() -> QSettings:
    """Settings in an ini file in the data folder, so ``QA_AUDIT_HOME`` isolates them."""
    return QSettings(str(paths.data_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    return app


def create_main_window(db: Database, actor: Actor, settings: QSettings, *,
                       live: bool = False) -> MainWindow:
    """The main window on an open, initialised database (used by ``run_gui`` and tests).

    ``live`` starts the live view at once (others' saves, presence, busy/missing,
    scheduled backups); tests usually start it themselves with ``start_live_view``.
    """
    window = MainWindow(AppContext(db, actor), settings)
    if live:
        window.start_live_view()
    return window


def install_excepthook(parent: Callable[[], QWidget | None] = lambda: None) -> ExceptHook:
    """Route uncaught exceptions to the log and a dialog; returns the previous hook."""
    previous = sys.excepthook
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        if isinstance(exc, UserError):  # should have been caught, but it is still not a bug
            log.warning("user error escaped a handler: %s", exc.message)
            if not showing:
                showing = True
                try:
                    database_actions.show_user_error(parent(), APP_NAME, exc)
                finally:
                    showing = False
            return
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if showing:  # an error while showing the last one: the log has it
            return
        showing = True
        try:
            QMessageBox.critical(
                parent(), f"{APP_NAME}: unexpected error",
                f"Something went wrong that should not have ({kind.__name__}: {exc}).\n\n"
                "This is a bug. Your saved work is safe; the last action may not have "
                f"finished. Details are in {paths.log_dir() / 'qa-audit.log'}.",
            )
        finally:
            showing = False

    sys.excepthook = hook
    return previous


def _open_or_initialise(arg: str | None, actor: Actor) -> Database:
    """Initialise (idempotent); a file written by a newer app opens read-only instead."""
    passphrase = database_actions.passphrase_for(_damaged_path(arg))
    try:
        return database_service.initialise(arg, actor, passphrase=passphrase).database
    except DatabaseError as exc:
        if type(exc) is not DatabaseError:  # missing, busy, damaged...: say so
            raise
        try:  # e.g. a newer schema: ``open_existing`` opens it read-only with the reason
            return opening.open_existing(arg, passphrase=passphrase)
        except UserError:
            raise exc from None


def _damaged_path(arg: str | None) -> Path | None:
    try:
        return opening.target_for(arg).path
    except UserError:
        return None


def open_startup_database(db_arg: str | None, actor: Actor) -> Database | None:
    """Initialise (idempotent) the requested database, offering another file on failure.

    A damaged file with automatic backups offers "Restore from backup…" first.
    Returns None when the user gives up.
    """
    arg = db_arg
    while True:
        try:
            return _open_or_initialise(arg, actor)
        except DatabaseCorrupt as exc:
            log.warning("damaged database %s: %s", arg, exc.message)
            path = _damaged_path(arg)
            if path is not None and database_actions.backups_of(path):
                chosen = database_actions.recover_damaged(None, exc, path, give_up="Quit")
            else:
                chosen = database_actions.ask_startup_failure(exc)
        except UserError as exc:
            log.warning("cannot open database %s: %s", arg, exc.message)
            chosen = database_actions.ask_startup_failure(exc)
        if chosen is None:
            return None
        arg = str(chosen)


def run_gui(db_arg: str | None, demo_if_new: bool) -> int:
    """Open the desktop app; returns the process exit code."""
    app = create_application()
    window: MainWindow | None = None
    previous_hook = install_excepthook(lambda: window)
    try:
        actor = Actor.current()
        db = open_startup_database(db_arg, actor)
        if db is None:
            return 3  # the same code as DatabaseError on the command line
        if demo_if_new and plans.count_plans(db) == 0:
            try:
                summary = database_actions.load_demo_data(None, db, actor)
            except UserError as exc:
                database_actions.show_user_error(None, "Demo data was not loaded", exc)
            else:
                log.info(summary)
        window = create_main_window(db, actor, make_settings(), live=True)
        window.show()
        return app.exec()
    finally:
        if window is not None:  # presence removed, worker thread ended before Qt goes away
            window.stop_live_view()
        sys.excepthook = previous_hook
