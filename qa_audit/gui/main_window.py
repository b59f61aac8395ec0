"""The main window: a sidebar of pages over a stack, the File menu, and the open database.

The pages are listed in ``page_table.PAGES``; a page is built the first time it
is shown (or asked for with ``page``), so opening the app costs one page, not all
of them; a page built later reads fresh data anyway. When another database is
opened the context is replaced and the built pages are thrown away, so no page can
keep talking to the old file. The menus are built by ``window_menus``, the title
and DEMO mark by ``window_title``, the File menu's database steps are in
``window_files``.

The window can exist before any database is open (``MainWindow(None, ...)``):
start-up paints it first, with a placeholder saying the database is opening
(``window_opening``), and attaches the database afterwards (``attach_database``).
So this module, and everything it imports at the top, is Qt plus light
``qa_audit`` modules only; SQLAlchemy and the rest arrive with the first database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QModelIndex,
    QSettings,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qa_audit import APP_NAME
from qa_audit.gui import full_text, screen_fit, window_menus, window_title
from qa_audit.gui.context import AppContext
from qa_audit.gui.generated.ui_main_window import Ui_MainWindow
from qa_audit.gui.page_table import (
    MAX_PAGE_SHORTCUTS,
    PAGES,
    PageFactory,
    PageSlot,
    PageSpec,
    icon,
    page_is_loading,
)
from qa_audit.gui.recent import remember_database
from qa_audit.gui.scoring import save_queue
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
from qa_audit.gui.window_opening import AfterFirstPaint, OpeningPlaceholder
from qa_audit.services.actor import Actor
from qa_audit.services.store.store_state import BUSY, MISSING

if TYPE_CHECKING:  # imported when the first database is attached (they need SQLAlchemy)
    from qa_audit.gui.shared_store import SharedStoreMonitor
    from qa_audit.services.store.workspace import Store, Workspace

log = logging.getLogger(__name__)

SETTING_GEOMETRY = "main_window/geometry"
SETTING_PAGE = "main_window/page"
DEFAULT_SIZE = QSize(1280, 800)


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
        self._slots: list[PageSlot] = []
        self._ctx: AppContext | None = None
        self._ready = False
        self._building = False  # no page choice is remembered while pages are (re)built
        self.store: SharedStoreMonitor | None = None  # the live view (start_live_view)
        self.setWindowIcon(icon("app"))
        self._add_banner_area()
        self.placeholder = OpeningPlaceholder(opening, self.ui.pageStack)
        self.ui.pageStack.addWidget(self.placeholder)
        self.ui.pageStack.setCurrentWidget(self.placeholder)

        self.location_label = full_text.ElidedLabel("", self)  # a long path elides
        self.location_label.setObjectName("databaseLocation")
        self.location_label.setAccessibleName("Open database")
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.location_label)
        full_text.full_text_status(self.statusBar())  # a long message elides, whole on hover
        self.backups_action, self.recent_menu = window_menus.add_file_menu(
            self, self.ui, settings, open_dialog=self.open_database_dialog,
            open_path=self.open_database_path, new_dialog=self.new_database_dialog,
            backups=self.show_backups_dialog, current_path=self._open_path)
        self.shortcuts_action, self.guide_action = window_menus.add_help_menu(
            self, self.ui, about=self.show_about, shortcuts=self.show_shortcuts,
            guide=self.show_guide)
        window_menus.add_page_shortcuts(self, self.show_page, self.ui.navList)
        self.ui.navList.currentRowChanged.connect(self._on_page_selected)
        self.ui.navList.clicked.connect(self._retry_page)
        self.ui.navList.activated.connect(self._retry_page)

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
        AfterFirstPaint(self, callback)

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
        self._slots.append(PageSlot(title, icon_name, factory))
        self.ui.navList.addItem(item)
        return index

    def _install(self, index: int, widget: QWidget) -> None:
        slot = self._slots[index]
        widget.setProperty("pageTitle", slot.title)
        if not widget.accessibleName():
            widget.setAccessibleName(f"{slot.title} page")
        self.ui.pageStack.addWidget(widget)
        full_text.tip_cut_cells(widget)  # a table cell too narrow: its text whole on hover
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
                self.placeholder.show_page_failed()
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
        window_title.show_database(self, workspace, location=self.location_label,
                                   demo_banner=self.demo_banner,
                                   read_only_banner=self.read_only_banner)
        if workspace.path is not None:  # opened next time; servers are not remembered
            remember_database(self.settings, workspace.path)
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
        from qa_audit.gui import window_files

        workspace = window_files.open_path(self, path)
        if workspace is None:
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
        from qa_audit.gui import window_files

        workspace = self.ctx.workspace
        target = workspace.path
        if target is None:
            return False
        live = self.store is not None
        self.stop_live_view()
        reopened = window_files.restore(self, workspace, backup, wait_ms=self.RESTORE_WAIT_MS)
        if reopened is None:
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
        from qa_audit.gui import window_files

        workspace = window_files.create(self, self.ctx.workspace, self.ctx.actor,
                                        self._show_status)
        if workspace is None:
            return False
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
        QMessageBox.about(self, f"About {APP_NAME}", window_menus.about_text(workspace))

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
