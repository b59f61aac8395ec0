"""File > Backups…: the open database's automatic backups, "Back up now" and "Restore…";
and the chooser offered when a database file turns out to be damaged.

The copies are made and checked through the workspace (``services.workspace``:
backup API, verified with ``integrity_check``); a restore keeps the current file aside.
Long work runs behind ``database_actions.run_with_progress`` so the window stays painted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.errors import UserError
from qa_audit.gui import database_actions
from qa_audit.gui.models.table_base import NUMBER, Column, RowTableModel
from qa_audit.gui.pages.scaffold import read_only_table
from qa_audit.services.store.workspace import BackupInfo, Store, Workspace, as_workspace

log = logging.getLogger(__name__)

KIND_LABELS = {
    "scheduled": "Automatic",
    "manual": "Made by hand",
    "before-upgrade": "Before an upgrade",
    "before-restore": "Before a restore",
    "before-deletion": "Before a deletion",
}
COL_TAKEN, COL_KIND, COL_SIZE = range(3)
HEADERS = ("Taken", "Kind", "Size")


def human_size(size: int) -> str:
    """``1.2 MB``, ``845 KB``, ``12 bytes``."""
    if size < 1024:
        return f"{size} bytes"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    return f"{size} bytes"  # pragma: no cover - unreachable


def _path_tip(info: BackupInfo) -> str:
    return str(info.path)


class BackupModel(RowTableModel[BackupInfo]):
    """Date and time, kind, size; the file's path as every cell's tooltip."""

    COLUMNS = (
        Column(HEADERS[COL_TAKEN], lambda b: f"{b.taken_at:%a %d %b %Y %H:%M:%S}",
               sort=lambda b: b.taken_at, cell_tip=_path_tip),
        Column(HEADERS[COL_KIND], lambda b: KIND_LABELS.get(b.kind, b.kind), cell_tip=_path_tip),
        Column(HEADERS[COL_SIZE], lambda b: human_size(b.size), sort=lambda b: b.size,
               align=NUMBER, cell_tip=_path_tip),
    )


class BackupTable(QTableView):
    """Backups newest first: date and time, kind, size (the path in the tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupTable")
        self.setAccessibleName("Backups, newest first")
        self.backup_model = BackupModel(self)
        self.setModel(self.backup_model)
        read_only_table(self)
        self.horizontalHeader().setSectionResizeMode(COL_TAKEN, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(
            COL_KIND, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(
            COL_SIZE, QHeaderView.ResizeMode.ResizeToContents)

    def set_backups(self, found: list[BackupInfo]) -> None:
        self.backup_model.set_rows(sorted(found, key=lambda b: b.taken_at, reverse=True))
        if found:
            self.selectRow(0)

    def backups(self) -> list[BackupInfo]:
        return self.backup_model.rows()

    def selected(self) -> BackupInfo | None:
        rows = self.selectionModel().selectedRows()
        return self.backup_model.get_row(rows[0].row()) if rows else None


class ChooseBackupDialog(QDialog):
    """Which backup should replace the damaged file?"""

    def __init__(self, path: Path, found: list[BackupInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Restore {path.name} from a backup")
        self.setAccessibleName("Choose a backup to restore")
        self.resize(560, 320)
        layout = QVBoxLayout(self)
        intro = QLabel(f"Choose the copy to put back in place of <b>{path.name}</b>. The damaged "
                       "file is not deleted: it is kept beside it, renamed "
                       "“…damaged-<i>date</i>”. Saves made after the backup was taken are "
                       "not in it.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = BackupTable(self)
        self.table.set_backups(found)
        self.table.doubleClicked.connect(self.accept)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton("Restore this backup",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreBackupButton")
        self.restore_button.setAccessibleName("Restore the selected backup")
        self.restore_button.setEnabled(bool(found))
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> BackupInfo | None:
        return self.table.selected()


def choose_backup(parent: QWidget | None, path: Path,
                  found: list[BackupInfo]) -> BackupInfo | None:
    """Ask which backup to restore (None: cancelled)."""
    dialog = ChooseBackupDialog(path, found, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()
    finally:
        dialog.deleteLater()


def confirm_restore(parent: QWidget | None, info: BackupInfo, db_name: str,
                    others: list[str]) -> bool:
    """Restoring replaces everyone's data with the backup: say so and ask."""
    warning = ""
    if others:
        warning = (f"\n\n{', '.join(others)} {'is' if len(others) == 1 else 'are'} working in "
                   "this database now: ask them to close it first, or their next saves fail.")
    answer = QMessageBox.question(
        parent, "Restore this backup?",
        f"Replace {db_name} with the backup taken {info.taken_at:%d %b %Y at %H:%M}?\n\n"
        "Everything saved since then is not in the backup. The current file is kept beside "
        "it, renamed, and the database is closed and opened again." + warning,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class BackupsDialog(QDialog):
    """The open database's backups, with "Back up now" and "Restore…"."""

    def __init__(self, workspace: Workspace | Store, parent: QWidget | None = None, *,
                 restore: Callable[[Path], bool] | None = None,
                 others_here: Callable[[], list[str]] = list) -> None:
        super().__init__(parent)
        self.workspace = as_workspace(workspace)
        self._restore = restore
        self._others_here = others_here
        self.restored = False
        self.setWindowTitle(f"Backups of {self.workspace.name}")
        self.setAccessibleName("Backups")
        self.resize(620, 380)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("backupSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = BackupTable(self)
        layout.addWidget(self.table)

        row = QHBoxLayout()
        self.backup_button = QPushButton("Back up now", self)
        self.backup_button.setObjectName("backupNowButton")
        self.backup_button.setAccessibleName("Back up now")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("Restore…", self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setAccessibleName("Restore the selected backup")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_button.setEnabled(restore is not None)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        close = QPushButton("Close", self)
        close.setObjectName("closeBackupsButton")
        close.setAccessibleName("Close")
        close.clicked.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        try:
            found = self.workspace.list_backups()
        except (OSError, UserError) as exc:
            log.warning("cannot list backups: %s", exc)
            found = []
        self.table.set_backups(found)
        folder = self.workspace.backup_folder()
        self.summary.setText(
            f"{len(found)} backup{'' if len(found) == 1 else 's'} of {self.workspace.name}, "
            "kept in "
            f"{folder}. One is made when the database is opened and every 4 hours while it is "
            "open; each copy is checked before it counts.")
        self.restore_button.setEnabled(self._restore is not None and bool(found))

    def back_up_now(self) -> Path | None:
        def work(*, progress: Callable[[int, str], None]) -> Path:
            progress(0, "Copying and checking…")
            return self.workspace.back_up_now()

        try:
            path = database_actions.run_with_progress(self, "Backing up…", work)
        except UserError as exc:
            database_actions.show_user_error(self, "The backup was not made", exc)
            return None
        self.reload()
        return Path(path)

    def restore_selected(self) -> bool:
        info = self.table.selected()
        if info is None or self._restore is None:
            return False
        if not confirm_restore(self, info, self.workspace.name, self._others_here()):
            return False
        if self._restore(info.path):
            self.restored = True
            self.accept()
            return True
        self.reload()
        return False
