"""The main window: a sidebar of pages over a stack, the File menu, and the open database.

Pages are listed once in ``PAGES`` (title, icon, factory taking the
``AppContext``). When another database is opened the context is replaced and
every page is built again from that list, so no page can keep talking to the
old file. To add a page, append a ``PageSpec`` to ``PAGES``.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
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
from qa_audit.gui import database_actions, shared_store
from qa_audit.gui.context import AppContext
from qa_audit.gui.generated.ui_main_window import Ui_MainWindow
from qa_audit.gui.shared_store import (
    BusyIndicator,
    MissingBanner,
    PresenceLabel,
    ReadOnlyBanner,
    SharedStoreMonitor,
)
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database, Profile

log = logging.getLogger(__name__)

PageFactory = Callable[[AppContext], QWidget]

SETTING_GEOMETRY = "main_window/geometry"
SETTING_PAGE = "main_window/page"
DEFAULT_SIZE = QSize(1280, 800)
MAX_PAGE_SHORTCUTS = 9

PROFILE_HELP = {
    Profile.LOCAL: "A file on this computer: fastest, for one person at a time.",
    Profile.SHARED: "A file on a shared drive: several people can use it; saves wait "
                    "briefly for each other.",
    Profile.SERVER: "A database server.",
}


@dataclass(frozen=True)
class PageSpec:
    """One sidebar entry: how to build the page for a database."""

    title: str
    icon_name: str
    factory: PageFactory


def _plans_page(ctx: AppContext) -> QWidget:
    from qa_audit.gui.pages.plans_page import PlansPage

    return PlansPage(ctx)


def _rubrics_page(ctx: AppContext) -> QWidget:
    from qa_audit.gui.pages.rubrics_page import RubricsPage

    return RubricsPage(ctx)


def _sessions_page(ctx: AppContext) -> QWidget:
    from qa_audit.gui.pages.sessions_page import SessionsPage

    return SessionsPage(ctx)


def _scoring_page(ctx: AppContext) -> QWidget:
    from qa_audit.gui.app import make_settings
    from qa_audit.gui.pages.scoring_page import ScoringPage

    return ScoringPage(ctx, settings=make_settings())


def _moderation_page(ctx: AppContext) -> QWidget:
    from qa_audit.gui.pages.moderation_page import ModerationPage

    return ModerationPage(ctx)


def _actions_page(ctx: AppContext) -> QWidget:
    from qa_audit.gui.pages.actions_page import ActionsPage

    return ActionsPage(ctx)


def _reports_page(ctx: AppContext) -> QWidget:
    from qa_audit.gui.pages.reports_page import ReportsPage

    return ReportsPage(ctx)


def _dashboard_page(ctx: AppContext) -> QWidget:
    from qa_audit.gui.pages.dashboard_page import DashboardPage

    return DashboardPage(ctx)


#: The pages in sidebar order (Ctrl+1 is the first). Append here to add a page.
PAGES: list[PageSpec] = [
    PageSpec("Plans", "plans", _plans_page),
    PageSpec("Sessions", "sessions", _sessions_page),
    PageSpec("Scoring", "scoring", _scoring_page),
    PageSpec("Moderation", "moderation", _moderation_page),
    PageSpec("Actions", "actions", _actions_page),
    PageSpec("Reports", "reports", _reports_page),
    PageSpec("Dashboard", "dashboard", _dashboard_page),
    PageSpec("Rubrics", "rubrics", _rubrics_page),
]


def icon(name: str) -> QIcon:
    """An icon shipped in ``resources/icons`` (empty icon if the file is missing)."""
    path = paths.bundled("resources", "icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def window_title(db: Database) -> str:
    suffix = " (read-only)" if db.read_only else ""
    return f"{APP_NAME} — {db.name} ({db.profile.value}){suffix}"


def location_text(db: Database) -> str:
    """Where the data lives, for the status bar: the full path, or the URL without password."""
    where = str(db.target.path) if db.target.path is not None else db.name
    return f"Database: {where} ({db.profile.value})"


class MainWindow(QMainWindow):
    """Sidebar navigation over the pages of one open database."""

    #: Emitted with the new AppContext after another database was opened.
    context_changed = Signal(object)

    def __init__(self, ctx: AppContext, settings: QSettings,
                 pages: Sequence[PageSpec] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.settings = settings
        self._page_specs: list[PageSpec] = list(PAGES if pages is None else pages)
        self._ctx = ctx
        self._building = False  # no page choice is remembered while pages are (re)built
        self.store: SharedStoreMonitor | None = None  # the live view (start_live_view)
        ctx.setParent(self)
        self.setWindowIcon(icon("app"))
        self._add_banners()

        self.busy_indicator = BusyIndicator(self)
        self.statusBar().addPermanentWidget(self.busy_indicator)
        self.presence_label = PresenceLabel(self)
        self.statusBar().addPermanentWidget(self.presence_label)
        self.location_label = QLabel(self)
        self.location_label.setObjectName("databaseLocation")
        self.location_label.setAccessibleName("Open database")
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.location_label)
        self._add_backups_action()

        self.ui.navList.currentRowChanged.connect(self._on_page_selected)
        self.ui.actionOpenDatabase.triggered.connect(self.open_database_dialog)
        self.ui.actionNewDatabase.triggered.connect(self.new_database_dialog)
        self.ui.actionQuit.triggered.connect(self.close)
        self.ui.actionAbout.triggered.connect(self.show_about)
        self._add_page_shortcuts()

        self._connect_context(ctx)
        self.build_pages()
        self._restore_settings()

    # ------------------------------------------------------------ pages

    @property
    def ctx(self) -> AppContext:
        return self._ctx

    @property
    def nav(self) -> QListWidget:
        """The sidebar list (one row per page)."""
        return self.ui.navList

    @property
    def stack(self) -> QStackedWidget:
        return self.ui.pageStack

    def add_page(self, widget: QWidget, title: str, icon_name: str) -> int:
        """Append a page to the sidebar and the stack; returns its index (Ctrl+index+1)."""
        item = QListWidgetItem(icon(icon_name), title)
        index = self.ui.navList.count()
        if index < MAX_PAGE_SHORTCUTS:
            item.setToolTip(f"{title} (Ctrl+{index + 1})")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        item.setSizeHint(QSize(0, 40))
        widget.setProperty("pageTitle", title)
        if not widget.accessibleName():
            widget.setAccessibleName(f"{title} page")
        self.ui.pageStack.addWidget(widget)
        self.ui.navList.addItem(item)
        if self.ui.navList.currentRow() < 0:
            self.ui.navList.setCurrentRow(0)
        return index

    def build_pages(self) -> None:
        """(Re)build every page in ``PAGES`` for the current context."""
        self._building = True
        try:
            self._clear_pages()
            for spec in self._page_specs:
                self.add_page(spec.factory(self._ctx), spec.title, spec.icon_name)
        finally:
            self._building = False

    def pages(self) -> list[QWidget]:
        return [self.ui.pageStack.widget(i) for i in range(self.ui.pageStack.count())]

    def page(self, title: str) -> QWidget | None:
        for widget in self.pages():
            if widget.property("pageTitle") == title:
                return widget
        return None

    def page_titles(self) -> list[str]:
        return [str(w.property("pageTitle")) for w in self.pages()]

    def current_page_title(self) -> str | None:
        widget = self.ui.pageStack.currentWidget()
        return None if widget is None else str(widget.property("pageTitle"))

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

    def _clear_pages(self) -> None:
        self.ui.navList.blockSignals(True)
        self.ui.navList.clear()
        self.ui.navList.blockSignals(False)
        while self.ui.pageStack.count():
            widget = self.ui.pageStack.widget(0)
            self.ui.pageStack.removeWidget(widget)
            widget.deleteLater()

    def _on_page_selected(self, row: int) -> None:
        if 0 <= row < self.ui.pageStack.count():
            self.ui.pageStack.setCurrentIndex(row)
            if not self._building:
                self.settings.setValue(SETTING_PAGE, self.current_page_title())

    def _add_page_shortcuts(self) -> None:
        for number in range(1, MAX_PAGE_SHORTCUTS + 1):
            action = QAction(f"Page {number}", self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(partial(self.show_page, number - 1))
            self.addAction(action)

    # --------------------------------------------------------- database

    def _connect_context(self, ctx: AppContext) -> None:
        ctx.status_message.connect(self._show_status)
        db = ctx.db
        self.setWindowTitle(window_title(db))
        self.location_label.setText(location_text(db))
        self.location_label.setToolTip(PROFILE_HELP.get(db.profile, ""))
        if db.read_only:
            self.read_only_banner.show_text(
                db.read_only_reason or f"{db.name} is open read-only: nothing can be saved.")
        else:
            self.read_only_banner.hide()
        self.missing_banner.hide()
        self.busy_indicator.hide()
        self.presence_label.set_others([])

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        if shared_store.is_busy_message(message):  # a page's save met a locked database
            self.show_store_state(shared_store.BUSY, message)
            if self.store is not None:
                self.store.report_busy(message)

    # ------------------------------------------------------ live view

    def _add_banners(self) -> None:
        """Banners above the sidebar and pages (the Designer form stays untouched)."""
        pages = self.takeCentralWidget()
        container = QWidget(self)
        container.setObjectName("centralContainer")
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.missing_banner = MissingBanner(container)
        self.missing_banner.retry_button.clicked.connect(self._retry_now)
        self.read_only_banner = ReadOnlyBanner(container)
        layout.addWidget(self.missing_banner)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(pages, 1)
        self.setCentralWidget(container)

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
        self.stop_live_view()
        store = SharedStoreMonitor(self._ctx.db, self._ctx.actor,
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
        for what in shared_store.REFRESH_KINDS:
            self._ctx.notify(what)

    def show_store_state(self, state: str, message: str) -> None:
        """Busy: the amber status bar label. Missing: the banner. OK: neither."""
        if state == shared_store.BUSY:
            self.busy_indicator.show_busy(message)
            self.missing_banner.hide()
        elif state == shared_store.MISSING:
            self.busy_indicator.hide()
            self.missing_banner.show_text(shared_store.MISSING_TEXT, message)
        else:
            self.busy_indicator.hide()
            self.missing_banner.hide()

    def _retry_now(self) -> None:
        if self.store is not None:
            self.store.poll_now()

    def set_database(self, db: Database, actor: Actor | None = None) -> None:
        """Switch to another open database: new context, pages rebuilt, old engine closed."""
        live = self.store is not None
        self.stop_live_view()
        old = self._ctx
        current = self.current_page_title()
        self._ctx = AppContext(db, actor or old.actor, parent=self)
        self._connect_context(self._ctx)
        self.build_pages()
        if current:
            self.show_page(current)
        if old.db is not db:
            old.db.dispose()
        old.deleteLater()
        self.context_changed.emit(self._ctx)
        self._show_status(f"Opened {db.name}")
        if live:
            self.start_live_view()

    def open_database_dialog(self) -> bool:
        """File > Open database…: True when another database is now open."""
        path = database_actions.choose_existing_file(self, self._ctx.db)
        if path is None:
            return False
        while True:
            try:
                db = database_actions.open_existing(path)
            except DatabaseCorrupt as exc:
                if not database_actions.backups_of(path):  # nothing to restore: say why
                    database_actions.show_user_error(self, "Cannot open the database", exc)
                    return False
                chosen = database_actions.recover_damaged(self, exc, path)
                if chosen is None:
                    return False
                path = chosen
                continue
            except UserError as exc:
                database_actions.show_user_error(self, "Cannot open the database", exc)
                return False
            self.set_database(db)
            return True

    def show_backups_dialog(self) -> None:
        """File > Backups…: list, back up now, restore (closes and reopens the database)."""
        from qa_audit.gui.backups_dialog import BackupsDialog

        db = self._ctx.db
        if db.target.path is None:
            QMessageBox.information(self, "Backups", "A server database is backed up with the "
                                    "server's own tools (pg_dump).")
            return
        dialog = BackupsDialog(db, self, others_here=self._others_here,
                               restore=self.restore_backup)
        dialog.exec()
        dialog.deleteLater()

    def _others_here(self) -> list[str]:
        return [] if self.store is None else sorted({info.user for info in self.store.others})

    def restore_backup(self, backup: Path) -> bool:
        """Close the database, put ``backup`` in its place (the current file is kept aside),
        and open the restored file. True when it is open."""
        db = self._ctx.db
        target = db.target.path
        if target is None:
            return False
        live = self.store is not None
        self.stop_live_view()
        db.dispose()
        try:
            restored = database_actions.restore_backup(self, backup, target)
            new_db = database_actions.open_existing(restored)
        except UserError as exc:
            database_actions.show_user_error(self, "The backup was not restored", exc)
            if live:
                self.start_live_view(backup=False)
            return False
        self.set_database(new_db)
        if live and self.store is None:
            self.start_live_view()
        self._show_status(f"Restored {target.name} from {backup.name}")
        return True

    def new_database_dialog(self) -> bool:
        """File > New database…: create, initialise, offer demo data, switch to it."""
        path = database_actions.choose_new_file(self, self._ctx.db)
        if path is None:
            return False
        try:
            db = database_actions.create_new(path, self._ctx.actor)
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
                summary = database_actions.load_demo_data(self, db, self._ctx.actor)
            except UserError as exc:
                database_actions.show_user_error(self, "Demo data was not loaded", exc)
            else:
                self._show_status(summary)
        self.set_database(db)
        return True

    def show_about(self) -> None:
        db = self._ctx.db
        text = (
            f"<h3>{html.escape(APP_NAME)} {html.escape(__version__)}</h3>"
            "<p>Quality assurance of Education, Health and Care plans: sampling, "
            "multi-agency panel scoring, moderation and reports.</p>"
            f"<p>Database: {html.escape(location_text(db))}<br>"
            f"Your data folder: {html.escape(str(paths.data_dir()))}</p>"
        )
        QMessageBox.about(self, f"About {APP_NAME}", text)

    # --------------------------------------------------------- settings

    def _restore_settings(self) -> None:
        geometry = self.settings.value(SETTING_GEOMETRY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(DEFAULT_SIZE)
        page = self.settings.value(SETTING_PAGE)
        if isinstance(page, str) and page:
            self.show_page(page)

    def save_settings(self) -> None:
        self.settings.setValue(SETTING_GEOMETRY, self.saveGeometry())
        self.settings.setValue(SETTING_PAGE, self.current_page_title() or "")
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_settings()
        self.stop_live_view()
        super().closeEvent(event)
