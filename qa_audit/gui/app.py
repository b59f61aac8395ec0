"""Starting the desktop app: QApplication, settings, the main window, then the database.

The window paints first: ``start_gui`` shows it with a placeholder ("Opening
…") before SQLAlchemy, Alembic or any service is imported, and opens the
database in the event loop turn after the first paint (``StartUp.open``).
``qa-audit gui`` and the cold-start benchmark both go through ``start_gui``.

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
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from qa_audit import APP_ID, APP_NAME, __version__, paths
from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.gui.main_window import MainWindow
from qa_audit.gui.messages import show_user_error
from qa_audit.gui.page_table import PAGES, icon
from qa_audit.gui.recent import startup_choice
from qa_audit.gui.settings import make_settings
from qa_audit.gui.window_title import opening_name
from qa_audit.services.actor import Actor
from qa_audit.services.store import early_check

if TYPE_CHECKING:  # the workspace (SQLAlchemy) is imported after the first paint
    from qa_audit.services.store.workspace import Store, Workspace

log = logging.getLogger(__name__)

#: The page whose first rows are shown while the database opens.
PLANS_TITLE = next(spec.title for spec in PAGES if spec.icon_name == "plans")

ORGANISATION = "qa-audit"

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    return app


def create_main_window(db: Workspace | Store, actor: Actor, settings: QSettings, *,
                       live: bool = False) -> MainWindow:
    """The main window on an open, initialised database, its current page built at once
    (tests; ``run_gui`` shows the window before the database is open: ``start_gui``).

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
                    show_user_error(parent(), APP_NAME, exc)
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


def open_startup_database(db_arg: str | None, actor: Actor,
                          parent: QWidget | None = None) -> Workspace | None:
    """Initialise (idempotent) the requested database, offering another file on failure
    (``startup_open.open_startup_database``); None when the user gives up."""
    # deferred: opening pulls in the services and SQLAlchemy, after the first paint
    from qa_audit.gui import startup_open

    return startup_open.open_startup_database(db_arg, actor, parent)


class StartUp:
    """The database half of start-up, run after the window's first paint.

    ``exit_code`` is set when the app must end (the user gave up on the database);
    ``error`` holds a bug that escaped, for ``run_gui`` to raise after the loop ends
    (as it escaped before the window existed).
    """

    def __init__(self, window: MainWindow, db_arg: str | None, demo_if_new: bool, *,
                 live: bool = True) -> None:
        self.window = window
        self.db_arg = db_arg
        self.demo_if_new = demo_if_new
        self.live = live
        self.exit_code: int | None = None
        self.error: BaseException | None = None
        #: Called once, when the first rows of the register are on screen: the preview
        #: (``register_preview``) or the first page with its data, whichever comes first.
        self.on_first_rows: list[Callable[[], None]] = []
        self._rows_shown = False
        self._preview: QWidget | None = None
        window.first_page_ready.connect(self._page_ready)

    def begin(self) -> None:
        """After the first paint: the register's newest plans when they can be read at
        once (issue 16), then, once they have painted, the open."""
        try:
            if self.window.current_page_title() == PLANS_TITLE:
                # deferred: the plan table model and sqlite3, not needed for the first paint
                from qa_audit.gui import register_preview

                self._preview = register_preview.show_first_rows(
                    self.window.placeholder, self.db_arg, self._preview_painted)
        except Exception:  # a preview never stops the open
            log.exception("the register preview failed")
            self._preview = None
        if self._preview is None:
            self.open()

    def _preview_painted(self) -> None:
        self._first_rows()
        self.open()

    def _page_ready(self) -> None:
        self._drop_preview()  # the page has its own rows now
        self._first_rows()

    def _drop_preview(self) -> None:
        if self._preview is not None:
            self._preview.hide()
            self._preview.deleteLater()
            self._preview = None

    def _first_rows(self) -> None:
        if not self._rows_shown:
            self._rows_shown = True
            for callback in self.on_first_rows:
                callback()

    def open(self) -> None:
        """Open (or create) the database, offer demo data, attach it, start the live view."""
        try:
            self._open()
        except Exception as exc:  # noqa: BLE001 - re-raised by run_gui once the loop ends
            self.error = exc
            self._end(1)

    def _open(self) -> None:
        actor = Actor.current()
        workspace = open_startup_database(self.db_arg, actor, self.window)
        if workspace is None:
            self._end(3)  # the same code as DatabaseError on the command line
            return
        if workspace.path != type(workspace).path_of(self.db_arg):  # another file was chosen
            self._drop_preview()
        if self.demo_if_new:
            # deferred: demo data needs the services (SQLAlchemy), after the first paint
            from qa_audit.gui import startup_open

            startup_open.load_demo_if_empty(self.window, workspace, actor)
        self.window.attach_database(workspace, actor)
        if self.live:
            self.window.start_live_view()

    def _end(self, code: int) -> None:
        self.exit_code = code
        QApplication.exit(code)


def start_gui(db_arg: str | None, demo_if_new: bool, settings: QSettings | None = None, *,
              live: bool = True) -> StartUp:
    """Show the main window now; open the database after its first paint.

    Without ``db_arg`` it opens the last database used (``recent.startup_choice``);
    demo data only goes into the default database when none was used before.

    The QApplication must exist (``create_application``). Shared by ``run_gui`` and
    the start-up benchmarks, so both measure the same path. ``live``: start the live
    view once the database is open (``MainWindow.start_live_view``).
    """
    settings = settings if settings is not None else make_settings()
    db_arg, demo_if_new = startup_choice(db_arg, demo_if_new, settings)
    early_check.start(db_arg)  # the file's integrity check, on the other core meanwhile
    window = MainWindow(None, settings, opening=opening_name(db_arg))
    startup = StartUp(window, db_arg, demo_if_new, live=live)
    window.show()
    window.call_after_first_paint(startup.begin)
    return startup


def run_gui(db_arg: str | None, demo_if_new: bool) -> int:
    """Open the desktop app; returns the process exit code."""
    app = create_application()
    startup: StartUp | None = None
    previous_hook = install_excepthook(lambda: None if startup is None else startup.window)
    try:
        startup = start_gui(db_arg, demo_if_new)
        code = app.exec()
        if startup.error is not None:
            raise startup.error
        return startup.exit_code if startup.exit_code is not None else code
    finally:
        if startup is not None:  # presence removed, worker thread ended before Qt goes away
            startup.window.stop_live_view()
            if not startup.window.has_database:  # the user gave up: no window left behind
                startup.window.hide()
                startup.window.deleteLater()
        sys.excepthook = previous_hook
