"""The main window: a sidebar of pages over a stack, the File menu, and the open database.

Pages are listed once in ``PAGES`` (title, icon, factory taking the
``AppContext``). A page is built the first time it is shown (or asked for with
``page``), so opening the app costs one page, not all of them; a page built
later reads fresh data anyway. When another database is opened the context is
replaced and the built pages are thrown away, so no page can keep talking to the
old file. To add a page, append a ``PageSpec`` to ``PAGES``.

The window can exist before any database is open (``MainWindow(None, ...)``):
start-up paints it first, with a placeholder saying the database is opening,
and attaches the database afterwards (``attach_database``). So this module, and
everything it imports at the top, is Qt plus light ``qa_audit`` modules only;
SQLAlchemy and the rest arrive with the first database.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qa_audit import APP_NAME, __version__, paths
from qa_audit.errors import DatabaseCorrupt, UserError
from qa_audit.gui import full_text, screen_fit, workers
from qa_audit.gui.context import AppContext
from qa_audit.gui.generated.ui_main_window import Ui_MainWindow
from qa_audit.gui.recent import RecentMenu, remember_database
from qa_audit.gui.scoring import save_queue
from qa_audit.gui.settings import make_settings
from qa_audit.gui.store_status import (
    MISSING_TEXT,
    REFRESH_KINDS,
    BusyIndicator,
    DemoBanner,
    MissingBanner,
    PresenceLabel,
    ReadOnlyBanner,
    is_busy_message,
)
from qa_audit.services.actor import Actor
from qa_audit.services.store.store_state import BUSY, MISSING

if TYPE_CHECKING:  # imported when the first database is attached (they need SQLAlchemy)
    from qa_audit.gui.shared_store import SharedStoreMonitor
    from qa_audit.services.store.workspace import Store, Workspace

log = logging.getLogger(__name__)

PageFactory = Callable[[AppContext], QWidget]

SETTING_GEOMETRY = "main_window/geometry"
SETTING_PAGE = "main_window/page"
DEFAULT_SIZE = QSize(1280, 800)
MAX_PAGE_SHORTCUTS = 9
#: If a shown window is never painted (a window manager that starts it minimised),
#: the database is opened anyway after this long.
FIRST_PAINT_FALLBACK_MS = 1000

#: Keyed by ``Workspace.profile``.
PROFILE_HELP = {
    "local": "A file on this computer: fastest, for one person at a time.",
    "shared": "A file on a shared drive: several people can use it; saves wait "
              "briefly for each other.",
    "server": "A database server.",
}


@dataclass(frozen=True)
class PageSpec:
    """One sidebar entry: how to build the page for a database."""

    title: str
    icon_name: str
    factory: PageFactory


@dataclass
class _PageSlot:
    """A sidebar row and its page, built on first use (``widget`` None until then)."""

    title: str
    icon_name: str
    factory: PageFactory | None  # None: added ready-made with ``add_page``
    widget: QWidget | None = None


def page_is_loading(page: QWidget) -> bool:
    """True while a page still loads its first rows in the background.

    A page that loads off the GUI thread says so with a ``loading()`` method and a
    ``loaded`` signal emitted when the rows are shown; any other page is ready as
    soon as it is built.
    """
    loading = getattr(page, "loading", None)
    return loading is not None and hasattr(page, "loaded") and bool(loading())


class _AfterFirstPaint(QObject):
    """Runs ``callback`` once, in the event loop turn after ``window``'s first paint.

    A queued call after the paint lets the backing store reach the screen before
    slow work (opening the database) blocks the GUI thread.
    """

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback: Callable[[], None] | None = callback
        window.installEventFilter(self)
        # a window that is not shown will not paint: no reason to wait for it
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS if window.isVisible() else 0, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


def _plans_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.plans_page import PlansPage

    return PlansPage(ctx)


def _rubrics_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.rubrics_page import RubricsPage

    return RubricsPage(ctx)


def _sessions_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.sessions_page import SessionsPage

    return SessionsPage(ctx)


def _scoring_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.scoring_page import ScoringPage

    return ScoringPage(ctx, settings=make_settings())


def _moderation_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.moderation_page import ModerationPage

    return ModerationPage(ctx)


def _actions_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.actions_page import ActionsPage

    return ActionsPage(ctx)


def _reports_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.reports_page import ReportsPage

    return ReportsPage(ctx)


def _dashboard_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.dashboard_page import DashboardPage

    return DashboardPage(ctx)


def _scorecard_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.scorecard_page import ScorecardPage

    return ScorecardPage(ctx)


def _exemplars_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.exemplars_page import ExemplarsPage

    return ExemplarsPage(ctx)


#: The pages in sidebar order (Ctrl+1 is the first). Append here to add a page.
PAGES: list[PageSpec] = [
    PageSpec("Plans", "plans", _plans_page),
    PageSpec("Sessions", "sessions", _sessions_page),
    PageSpec("Scoring", "scoring", _scoring_page),
    PageSpec("Moderation", "moderation", _moderation_page),
    PageSpec("Actions", "actions", _actions_page),
    PageSpec("Reports", "reports", _reports_page),
    PageSpec("Dashboard", "dashboard", _dashboard_page),
    PageSpec("Scorecard", "scorecard", _scorecard_page),
    PageSpec("Rubrics", "rubrics", _rubrics_page),
    PageSpec("Exemplars", "exemplars", _exemplars_page),
]


def icon(name: str) -> QIcon:
    """An icon shipped in ``resources/icons`` (empty icon if the file is missing)."""
    path = paths.bundled("resources", "icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def opening_name(db_arg: str | None) -> str:
    """What start-up says it is opening, before anything can resolve the target:
    the file name, or a server URL without its user and password."""
    if db_arg is None:
        return paths.default_database().name
    if "://" in db_arg:
        scheme, rest = db_arg.split("://", 1)
        # host, port and database only: no user or password, nor query options (which
        # can carry ``?password=...``)
        return f"{scheme}://{rest.rsplit('@', 1)[-1].split('?', 1)[0]}"
    return Path(db_arg).name or db_arg


def window_title(workspace: Workspace, demo: bool = False) -> str:
    suffix = " (read-only)" if workspace.read_only else ""
    prefix = "DEMO — " if demo else ""
    return f"{prefix}{APP_NAME} — {workspace.name} ({workspace.profile}){suffix}"


def location_text(workspace: Workspace) -> str:
    """Where the data lives, for the status bar: the full path, or the URL without password."""
    return f"Database: {workspace.location()} ({workspace.profile})"


class MainWindow(QMainWindow):
    """Sidebar navigation over the pages of one open database (or of the one opening)."""

    #: Emitted with the new AppContext after another database was opened.
    context_changed = Signal(object)
    #: Emitted once, when the first database is attached and the page shown has its data.
    first_page_ready = Signal()
    #: How long a restore waits for background loads of the database to finish.
    RESTORE_WAIT_MS = 30_000

    # the live view's widgets, made with the first database (``_add_live_widgets``)
    busy_indicator: BusyIndicator
    presence_label: PresenceLabel
    missing_banner: MissingBanner
    read_only_banner: ReadOnlyBanner
    demo_banner: DemoBanner

    def __init__(self, ctx: AppContext | None, settings: QSettings,
                 pages: Sequence[PageSpec] | None = None, parent: QWidget | None = None, *,
                 opening: str = "") -> None:
        """``ctx`` None: no database yet; the window says ``opening`` is being opened
        until ``attach_database``."""
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.settings = settings
        self._page_specs: list[PageSpec] = list(PAGES if pages is None else pages)
        self._slots: list[_PageSlot] = []
        self._ctx: AppContext | None = None
        self._ready = False
        self._building = False  # no page choice is remembered while pages are (re)built
        self.store: SharedStoreMonitor | None = None  # the live view (start_live_view)
        self.setWindowIcon(icon("app"))
        self._add_banner_area()
        self._add_placeholder(opening)

        self.location_label = QLabel(self)
        self.location_label.setObjectName("databaseLocation")
        self.location_label.setAccessibleName("Open database")
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.location_label)
        full_text.full_text_status(self.statusBar())  # a long message elides, whole on hover
        self._add_backups_action()
        self.recent_menu = RecentMenu(settings, self._open_path,
                                      self.open_database_path, self)
        self.ui.menuFile.insertMenu(self.ui.actionNewDatabase, self.recent_menu)

        self.ui.navList.currentRowChanged.connect(self._on_page_selected)
        self.ui.navList.clicked.connect(self._retry_page)
        self.ui.navList.activated.connect(self._retry_page)
        self.ui.actionOpenDatabase.triggered.connect(self.open_database_dialog)
        self.ui.actionNewDatabase.triggered.connect(self.new_database_dialog)
        self.ui.actionQuit.triggered.connect(self.close)
        self.ui.actionAbout.triggered.connect(self.show_about)
        self.shortcuts_action = QAction("&Keyboard shortcuts", self)
        self.shortcuts_action.setObjectName("actionShortcuts")
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.ui.menuHelp.insertAction(self.ui.actionAbout, self.shortcuts_action)
        self.guide_action = QAction("&User guide", self)
        self.guide_action.setObjectName("actionUserGuide")
        self.guide_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.guide_action.setToolTip("The guide, at this page's section (F1)")
        self.guide_action.triggered.connect(self.show_guide)
        self.ui.menuHelp.insertAction(self.shortcuts_action, self.guide_action)
        self._add_page_shortcuts()

        self._list_pages()
        self._restore_settings()
        if ctx is None:
            self.setWindowTitle(APP_NAME)
            self._set_database_actions_enabled(False)
            if opening:
                self.statusBar().showMessage(f"Opening {opening}…")
        else:
            self.attach_database(ctx.workspace, ctx.actor, ctx=ctx)

    # ------------------------------------------------------------ pages

    @property
    def ctx(self) -> AppContext:
        """The open database's context (only once one is attached: see ``has_database``)."""
        if self._ctx is None:
            raise RuntimeError("no database is open yet")
        return self._ctx

    @property
    def has_database(self) -> bool:
        return self._ctx is not None

    @property
    def nav(self) -> QListWidget:
        """The sidebar list (one row per page)."""
        return self.ui.navList

    @property
    def stack(self) -> QStackedWidget:
        return self.ui.pageStack

    def call_after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the window has painted (at once if it is not shown)."""
        _AfterFirstPaint(self, callback)

    def is_ready(self) -> bool:
        """A database is attached and the page first shown has its data."""
        return self._ready

    def add_page(self, widget: QWidget, title: str, icon_name: str) -> int:
        """Append a ready-made page to the sidebar and the stack; returns its index
        (Ctrl+index+1)."""
        index = self._add_slot(title, icon_name, None)
        self._install(index, widget)
        if self.ui.navList.currentRow() < 0:
            self.ui.navList.setCurrentRow(0)
        return index

    def _add_slot(self, title: str, icon_name: str, factory: PageFactory | None) -> int:
        item = QListWidgetItem(icon(icon_name), title)
        index = self.ui.navList.count()
        if index < MAX_PAGE_SHORTCUTS:
            item.setToolTip(f"{title} (Ctrl+{index + 1})")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        item.setSizeHint(QSize(0, 40))
        self._slots.append(_PageSlot(title, icon_name, factory))
        self.ui.navList.addItem(item)
        return index

    def _install(self, index: int, widget: QWidget) -> None:
        slot = self._slots[index]
        widget.setProperty("pageTitle", slot.title)
        if not widget.accessibleName():
            widget.setAccessibleName(f"{slot.title} page")
        self.ui.pageStack.addWidget(widget)
        slot.widget = widget

    def _list_pages(self, select: str | None = None) -> None:
        """Sidebar rows for every page in ``PAGES`` (none built); selects ``select``."""
        self._building = True
        try:
            self._clear_pages()
            for spec in self._page_specs:
                self._add_slot(spec.title, spec.icon_name, spec.factory)
            titles = self.page_titles()
            if titles:
                self.ui.navList.setCurrentRow(titles.index(select) if select in titles else 0)
        finally:
            self._building = False

    def build_pages(self) -> None:
        """(Re)list every page in ``PAGES`` for the current context; the current one
        is built, the others when first shown."""
        self._list_pages(self.current_page_title())
        self._show_row(self.ui.navList.currentRow())

    def pages(self) -> list[QWidget]:
        """The pages built so far (a page not built yet has nothing to refresh)."""
        return [slot.widget for slot in self._slots if slot.widget is not None]

    def page(self, title: str) -> QWidget | None:
        """The page called ``title``, built now if it was not yet (None: no such page,
        or no database open yet)."""
        titles = self.page_titles()
        return self._built(titles.index(title)) if title in titles else None

    def page_titles(self) -> list[str]:
        return [slot.title for slot in self._slots]

    def built_page_titles(self) -> list[str]:
        return [slot.title for slot in self._slots if slot.widget is not None]

    def current_page_title(self) -> str | None:
        row = self.ui.navList.currentRow()
        return self._slots[row].title if 0 <= row < len(self._slots) else None

    def show_page(self, which: int | str) -> bool:
        """Switch to a page by index or title; False when there is no such page."""
        if isinstance(which, str):
            titles = self.page_titles()
            if which not in titles:
                return False
            which = titles.index(which)
        if not 0 <= which < self.ui.navList.count():
            return False
        self.ui.navList.setCurrentRow(which)
        return True

    def _built(self, row: int) -> QWidget | None:
        slot = self._slots[row]
        if slot.widget is None and slot.factory is not None and self._ctx is not None:
            self._install(row, slot.factory(self._ctx))
        return slot.widget

    def _show_row(self, row: int) -> None:
        widget: QWidget | None = None
        try:
            widget = self._built(row) if 0 <= row < len(self._slots) else None
        finally:  # a page that failed to build (the error is reported) is not left in view
            if widget is None and self._ctx is not None:
                self._placeholder_heading.setText("This page could not be shown")
                self._placeholder_detail.setText("Choose it in the sidebar to try again.")
            self.ui.pageStack.setCurrentWidget(widget if widget is not None
                                               else self.placeholder)

    def _clear_pages(self) -> None:
        save_queue.flush_all(self)  # pending autosaves land before their pages go
        self.ui.navList.blockSignals(True)
        self.ui.navList.clear()
        self.ui.navList.blockSignals(False)
        for slot in self._slots:
            if slot.widget is not None:
                self.ui.pageStack.removeWidget(slot.widget)
                slot.widget.deleteLater()
        self._slots = []

    def _on_page_selected(self, row: int) -> None:
        if self._building or not 0 <= row < len(self._slots):
            return
        self.settings.setValue(SETTING_PAGE, self._slots[row].title)
        self._show_row(row)

    def _retry_page(self, index: QModelIndex) -> None:
        """Choosing the current row again builds its page if that failed before."""
        row = index.row()
        if self._ctx is not None and 0 <= row < len(self._slots) and \
                self._slots[row].widget is None:
            self._show_row(row)

    def _add_placeholder(self, opening: str) -> None:
        """What the content area shows while the database opens."""
        self.placeholder = QWidget(self.ui.pageStack)
        self.placeholder.setObjectName("openingPlaceholder")
        self.placeholder.setAccessibleName("Opening the database")
        layout = QVBoxLayout(self.placeholder)
        layout.addStretch(1)
        heading = self._placeholder_heading = QLabel(
            f"Opening {opening}…" if opening else "Opening the database…", self.placeholder)
        heading.setObjectName("openingHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        heading.setFont(font)
        detail = self._placeholder_detail = QLabel(
            "Your pages appear as soon as the database is open.", self.placeholder)
        detail.setObjectName("openingDetail")
        detail.setEnabled(False)  # the palette's muted text colour
        for label in (heading, detail):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(2)
        self.ui.pageStack.addWidget(self.placeholder)
        self.ui.pageStack.setCurrentWidget(self.placeholder)

    def _add_page_shortcuts(self) -> None:
        for number in range(1, MAX_PAGE_SHORTCUTS + 1):
            action = QAction(f"Page {number}", self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(partial(self.show_page, number - 1))
            self.addAction(action)

    # --------------------------------------------------------- database

    def attach_database(self, db: Workspace | Store, actor: Actor, *,
                        ctx: AppContext | None = None) -> None:
        """The first database of this window (start-up): the current page is built and
        ``first_page_ready`` follows once it shows its data."""
        if self._ctx is not None:
            raise RuntimeError("a database is already open: use set_database")
        self._ctx = ctx if ctx is not None else AppContext(db, actor)
        self._ctx.setParent(self)
        self._connect_context(self._ctx)
        self._set_database_actions_enabled(True)
        self.statusBar().clearMessage()  # "Opening …"
        self._show_row(self.ui.navList.currentRow())
        page = self.ui.pageStack.currentWidget()
        if page is not self.placeholder and page_is_loading(page):
            page.loaded.connect(self._mark_ready)
        else:
            self._mark_ready()

    def _mark_ready(self) -> None:
        if not self._ready:
            self._ready = True
            self.first_page_ready.emit()

    def _open_path(self) -> Path | None:
        return None if self._ctx is None else self._ctx.workspace.path

    def _set_database_actions_enabled(self, enabled: bool) -> None:
        """Open/New/Backups start from the open database, so they wait for one."""
        for action in (self.ui.actionOpenDatabase, self.ui.actionNewDatabase,
                       self.backups_action, self.recent_menu.menuAction()):
            action.setEnabled(enabled)

    def _connect_context(self, ctx: AppContext) -> None:
        ctx.status_message.connect(self._show_status)
        self._add_live_widgets()
        workspace = ctx.workspace
        demo = workspace.holds_demo_data()
        self.setWindowTitle(window_title(workspace, demo))
        self.demo_banner.setVisible(demo)
        if demo:
            self.demo_banner.show_text(DemoBanner.TEXT)
        if workspace.path is not None:  # opened next time; servers are not remembered
            remember_database(self.settings, workspace.path)
        self.location_label.setText(location_text(workspace))
        self.location_label.setToolTip(PROFILE_HELP.get(workspace.profile, ""))
        if workspace.read_only:
            self.read_only_banner.show_text(
                workspace.read_only_reason
                or f"{workspace.name} is open read-only: nothing can be saved.")
        else:
            self.read_only_banner.hide()
        self.missing_banner.hide()
        self.busy_indicator.hide()
        self.presence_label.set_others([])

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        if is_busy_message(message):  # a page's save met a locked database
            self.show_store_state(BUSY, message)
            if self.store is not None:
                self.store.report_busy(message)

    # ------------------------------------------------------ live view

    def _add_banner_area(self) -> None:
        """Room for banners above the sidebar and pages (the Designer form stays untouched)."""
        pages = self.takeCentralWidget()
        container = QWidget(self)
        container.setObjectName("centralContainer")
        self._banner_layout = QVBoxLayout(container)
        self._banner_layout.setContentsMargins(0, 0, 0, 0)
        self._banner_layout.setSpacing(0)
        assert pages is not None  # the pages stack is the central widget until now
        self._banner_layout.addWidget(pages, 1)
        self.setCentralWidget(container)

    def _add_live_widgets(self) -> None:
        """The banners and status bar labels of the live view, made with the first
        database (not needed before the first paint)."""
        if hasattr(self, "busy_indicator"):  # annotated on the class, set here
            return
        container = self.centralWidget()
        self.missing_banner = MissingBanner(container)
        self.missing_banner.retry_button.clicked.connect(self._retry_now)
        self.read_only_banner = ReadOnlyBanner(container)
        self.demo_banner = DemoBanner(container)
        self._banner_layout.insertWidget(0, self.missing_banner)
        self._banner_layout.insertWidget(1, self.read_only_banner)
        self._banner_layout.insertWidget(2, self.demo_banner)
        # left of the location label, as they always were
        self.busy_indicator = BusyIndicator(self)
        self.statusBar().insertPermanentWidget(0, self.busy_indicator)
        self.presence_label = PresenceLabel(self)
        self.statusBar().insertPermanentWidget(1, self.presence_label)

    def _add_backups_action(self) -> None:
        self.backups_action = QAction("&Backups…", self)
        self.backups_action.setObjectName("actionBackups")
        self.backups_action.setToolTip("See this database's automatic backups, back up now "
                                       "or restore one")
        self.backups_action.triggered.connect(self.show_backups_dialog)
        self.ui.menuFile.insertAction(self.ui.actionQuit, self.backups_action)
        self.ui.menuFile.insertSeparator(self.ui.actionQuit)

    def start_live_view(self, *, timers: bool = True, backup: bool = True) -> SharedStoreMonitor:
        """Watch the open database: others' saves, presence, busy/missing, scheduled backups."""
        # deferred: the live view's worker pulls in SQLAlchemy, not before the first paint
        from qa_audit.gui.shared_store import SharedStoreMonitor

        self.stop_live_view()
        ctx = self.ctx
        store = SharedStoreMonitor(ctx.workspace, ctx.actor,
                                   activity=lambda: self.current_page_title() or "", parent=self)
        store.others_saved.connect(self._on_others_saved)
        store.presence_changed.connect(self.presence_label.set_others)
        store.state_changed.connect(self.show_store_state)
        self.store = store
        store.start(timers=timers, backup=backup)
        return store

    def stop_live_view(self) -> None:
        store, self.store = self.store, None
        if store is not None:
            store.stop()
            store.deleteLater()

    def _on_others_saved(self) -> None:
        """Tell the built pages; a page built later reads the new data anyway."""
        for what in REFRESH_KINDS:
            self.ctx.notify(what)

    def show_store_state(self, state: str, message: str) -> None:
        """Busy: the amber status bar label. Missing: the banner. OK: neither."""
        self._add_live_widgets()
        if state == BUSY:
            self.busy_indicator.show_busy(message)
            self.missing_banner.hide()
        elif state == MISSING:
            self.busy_indicator.hide()
            self.missing_banner.show_text(MISSING_TEXT, message)
        else:
            self.busy_indicator.hide()
            self.missing_banner.hide()

    def _retry_now(self) -> None:
        if self.store is not None:
            self.store.poll_now()

    def set_database(self, db: Workspace | Store, actor: Actor | None = None) -> None:
        """Switch to another open database: new context, pages rebuilt, old one closed."""
        old = self._ctx
        if old is None:
            if actor is None:
                raise ValueError("the first database needs the actor")
            self.attach_database(db, actor)
            return
        live = self.store is not None
        self.stop_live_view()
        self._ctx = AppContext(db, actor or old.actor, parent=self)
        self._connect_context(self._ctx)
        self.build_pages()  # stays on the page the user was on
        if old.db is not self._ctx.db:
            old.workspace.close()
        old.deleteLater()
        self.context_changed.emit(self._ctx)
        self._show_status(f"Opened {self._ctx.workspace.name}")
        if live:
            self.start_live_view()

    def open_database_dialog(self) -> bool:
        """File > Open database…: True when another database is now open."""
        # deferred: the file actions pull in the services (SQLAlchemy), not before first paint
        from qa_audit.gui import database_actions

        path = database_actions.choose_existing_file(self, self.ctx.workspace)
        return path is not None and self.open_database_path(path)

    def open_database_path(self, path: Path) -> bool:
        """Open the file at ``path`` instead (File > Open recent); True when it is open."""
        # deferred: the file actions pull in the services (SQLAlchemy), not before first paint
        from qa_audit.gui import database_actions, recovery

        while True:
            try:
                workspace = database_actions.open_existing(path)
            except DatabaseCorrupt as exc:
                if not recovery.backups_of(path):  # nothing to restore: say why
                    database_actions.show_user_error(self, "Cannot open the database", exc)
                    return False
                chosen = recovery.recover_damaged(self, exc, path)
                if chosen is None:
                    return False
                path = chosen
                continue
            except UserError as exc:
                database_actions.show_user_error(self, "Cannot open the database", exc)
                return False
            self.set_database(workspace)
            return True

    def show_backups_dialog(self) -> None:
        """File > Backups…: list, back up now, restore (closes and reopens the database)."""
        # deferred: the file actions pull in the services (SQLAlchemy), not before first paint
        from qa_audit.gui.backups_dialog import BackupsDialog

        workspace = self.ctx.workspace
        if workspace.path is None:
            QMessageBox.information(self, "Backups", "A server database is backed up with the "
                                    "server's own tools (pg_dump).")
            return
        dialog = BackupsDialog(workspace, self, others_here=self._others_here,
                               restore=self.restore_backup)
        dialog.exec()
        dialog.deleteLater()

    def _others_here(self) -> list[str]:
        return [] if self.store is None else sorted({info.user for info in self.store.others})

    def restore_backup(self, backup: Path) -> bool:
        """Close the database, put ``backup`` in its place (the current file is kept aside),
        and open the restored file. True when it is open."""
        # deferred: the file actions pull in the services (SQLAlchemy), not before first paint
        from qa_audit.gui import database_actions, recovery

        workspace = self.ctx.workspace
        target = workspace.path
        if target is None:
            return False
        live = self.store is not None
        self.stop_live_view()
        if not workers.wait_for_background(self.RESTORE_WAIT_MS):
            database_actions.show_user_error(self, "The backup was not restored", UserError(
                "A list, report or import is still being worked out from this database. "
                "Nothing was changed: wait for it to finish, then restore again."))
            if live:
                self.start_live_view(backup=False)
            return False
        workspace.close()
        try:
            restored = recovery.restore_backup(self, backup, target,
                                               passphrase=workspace.passphrase)
            reopened = database_actions.open_existing(restored, passphrase=workspace.passphrase)
        except UserError as exc:
            database_actions.show_user_error(self, "The backup was not restored", exc)
            if live:
                self.start_live_view(backup=False)
            return False
        self.set_database(reopened)
        if live and self.store is None:
            self.start_live_view()
        self._show_status(f"Restored {target.name} from {backup.name}")
        return True

    def new_database_dialog(self) -> bool:
        """File > New database…: create, initialise, offer demo data, switch to it."""
        # deferred: the file actions pull in the services (SQLAlchemy), not before first paint
        from qa_audit.gui import database_actions

        path = database_actions.choose_new_file(self, self.ctx.workspace)
        if path is None:
            return False
        try:
            workspace = database_actions.create_new(path, self.ctx.actor)
        except UserError as exc:
            database_actions.show_user_error(self, "Cannot create the database", exc)
            return False
        answer = QMessageBox.question(
            self, "Load demo data?",
            f"{path.name} is ready.\n\nFill it with synthetic demo data (about 400 plans, "
            "a year of panels)? Choose No for an empty database to import your own register.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                summary = database_actions.load_demo_data(self, workspace.db, self.ctx.actor)
            except UserError as exc:
                database_actions.show_user_error(self, "Demo data was not loaded", exc)
            else:
                self._show_status(summary)
        self.set_database(workspace)
        return True

    def show_guide(self) -> None:
        """Help > User guide (F1): opened at the section of the page shown."""
        from qa_audit.gui import user_guide  # deferred: only when asked for

        user_guide.show_guide(self, self.current_page_title())

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts: the list read from the real actions."""
        from qa_audit.gui import shortcuts_help  # deferred: it imports this module

        shortcuts_help.show_shortcuts(self)

    def show_about(self) -> None:
        workspace = self._ctx.workspace if self._ctx is not None else None
        where = (f"{workspace.location()} ({workspace.profile})" if workspace is not None
                 else "still opening")
        text = (
            f"<h3>{html.escape(APP_NAME)} {html.escape(__version__)}</h3>"
            "<p>Quality assurance of Education, Health and Care plans: sampling, "
            "multi-agency panel scoring, moderation and reports.</p>"
            f"<p>Database: {html.escape(where)}<br>"
            f"Your data folder: {html.escape(str(paths.data_dir()))}</p>"
        )
        QMessageBox.about(self, f"About {APP_NAME}", text)

    # --------------------------------------------------------- settings

    def _restore_settings(self) -> None:
        geometry = self.settings.value(SETTING_GEOMETRY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(DEFAULT_SIZE)
        else:  # remembered on another screen, or once widened: never off the edge
            screen_fit.clamp_to_screen(self)
        page = self.settings.value(SETTING_PAGE)
        if isinstance(page, str) and page:
            self.show_page(page)

    def save_settings(self) -> None:
        self.settings.setValue(SETTING_GEOMETRY, self.saveGeometry())
        self.settings.setValue(SETTING_PAGE, self.current_page_title() or "")
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not save_queue.flush_all(self) and QMessageBox.question(
                self, "Changes not saved",
                "Some changes could not be saved (they are still on screen). "
                "Close anyway and lose them?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            event.ignore()
            return
        self.save_settings()
        self.stop_live_view()
        super().closeEvent(event)
