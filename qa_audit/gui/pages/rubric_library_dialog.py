"""Adding a council's framework from the shipped library of rubric files.

The five seed councils' frameworks ship as rubric files; a new user picks theirs
here (title, council, id and whether this database already holds it) and goes on
to the same preview and Import as a file chosen from disk.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.gui.models.table_base import Column, RowTableModel
from qa_audit.gui.pages.rubric_import_dialog import RubricImportDialog, open_import_dialog
from qa_audit.gui.pages.scaffold import read_only_table
from qa_audit.services import rubric_library
from qa_audit.services.rubric_library import LibraryRubric


def _tip(entry: LibraryRubric) -> str:
    return entry.problem or str(entry.path)


class LibraryModel(RowTableModel[LibraryRubric]):
    """Title, council, id, whether imported; the file's problem (or path) as tooltip."""

    COLUMNS = (
        Column("Title", lambda e: e.title, cell_tip=_tip),
        Column("Council", lambda e: e.council, cell_tip=_tip),
        Column("Id", lambda e: e.id, cell_tip=_tip),
        Column("In this database", lambda e: e.status, cell_tip=_tip),
    )


class RubricLibraryDialog(QDialog):
    """The library's rubrics; Enter (the default button) or a double-click opens the preview."""

    imported = Signal(str, int)  # passed on from the import preview

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 folder: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.folder = folder
        self.entries: list[LibraryRubric] = []
        self.import_dialog: RubricImportDialog | None = None
        self.setObjectName("rubricLibraryDialog")
        self.setWindowTitle("Add a rubric from the council library")
        self.resize(860, 420)
        layout = QVBoxLayout(self)
        intro = QLabel("Councils' own audit frameworks, shipped with the application. "
                       "Choose one to see what it holds before importing it.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = LibraryModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("libraryTable")
        self.table.setAccessibleName("Council rubrics")
        self.table.setModel(self.model)
        read_only_table(self.table)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda *_: self.preview_selected())
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setObjectName("libraryMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.preview_button = QPushButton("&Preview and import…", self)
        self.preview_button.setObjectName("libraryPreview")
        self.preview_button.setAccessibleName("Preview and import the chosen rubric")
        self.preview_button.setDefault(True)
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview_selected)
        layout.addWidget(buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._on_current())
        ctx.data_changed.connect(self._on_data_changed)
        self.reload()

    def reload(self) -> None:
        keep = self.current_entry()
        try:
            self.entries = rubric_library.list_library(self.ctx.db, self.folder)
        except UserError as exc:
            self.entries = []
            self.message.setText(exc.message)
        self.model.set_rows(self.entries)
        if not self.entries:
            self.message.setText("The council library is empty: no rubric files were found.")
        paths = [e.path for e in self.entries]
        row = paths.index(keep.path) if keep is not None and keep.path in paths else 0
        if self.entries:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.setFocus()
        self._on_current()

    def current_entry(self) -> LibraryRubric | None:
        return self.model.get_row(self.table.currentIndex().row())

    def select(self, rubric_id: str) -> None:
        ids = [e.id for e in self.entries]
        self.table.setCurrentIndex(self.model.index(ids.index(rubric_id), 0))

    def _on_current(self) -> None:
        entry = self.current_entry()
        self.preview_button.setEnabled(entry is not None)
        if entry is not None:
            self.message.setText(entry.problem or f"File: {entry.path.name}")

    def _on_data_changed(self, what: str) -> None:
        if what == "rubrics":
            self.reload()

    def preview_selected(self) -> None:
        """Open the import preview (or the file's problems) for the chosen rubric."""
        entry = self.current_entry()
        if entry is None:
            return
        self.import_dialog = open_import_dialog(self.ctx, self, entry.path)
        if self.import_dialog is not None:
            self.import_dialog.imported.connect(self.imported)
