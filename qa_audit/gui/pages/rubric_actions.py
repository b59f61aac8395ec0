"""The Rubrics page's buttons: import a file, add from the council library, compare versions.

Kept apart from the page (which only browses) so each dialog is built on demand and
the page module stays small. Ctrl+I imports a file while the page is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.rubric_compare_dialog import RubricCompareDialog
from qa_audit.gui.pages.rubric_import_dialog import RubricImportDialog, open_import_dialog
from qa_audit.gui.pages.rubric_library_dialog import RubricLibraryDialog

IMPORT_SHORTCUT = "Ctrl+I"


class RubricActions(QWidget):
    """A row of buttons; ``current_rubric`` says which rubric the page shows (for Compare)."""

    imported = Signal(str, int)  # a rubric version was imported (from a file or the library)

    def __init__(self, ctx: AppContext, current_rubric: Callable[[], str | None],
                 parent: QWidget | None = None, library_folder: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_rubric = current_rubric
        self.library_folder = library_folder  # None: the shipped council library
        self.dialog: RubricImportDialog | RubricLibraryDialog | RubricCompareDialog | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.import_button = self._button(
            "&Import rubric file…", "importRubricFile",
            f"Check a rubric file and store it as a new rubric or version ({IMPORT_SHORTCUT})",
            self.import_file)
        self.library_button = self._button(
            "Add from council &library…", "addFromLibrary",
            "Add one of the councils' frameworks shipped with the application",
            self.add_from_library)
        self.compare_button = self._button(
            "Co&mpare versions…", "compareVersions",
            "Show what changed between two versions of a rubric", self.compare)
        for button in (self.import_button, self.library_button, self.compare_button):
            row.addWidget(button)
        shortcut = QAction("Import rubric file", self)
        shortcut.setShortcut(QKeySequence(IMPORT_SHORTCUT))
        # a window shortcut of the page: it works while the Rubrics page is the one shown
        # (hidden pages' shortcuts do not fire), wherever the focus is in the window
        shortcut.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.triggered.connect(lambda *_: self.import_file())
        (parent or self).addAction(shortcut)
        self.shortcut = shortcut

    def _button(self, text: str, name: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolTip(tip)
        button.clicked.connect(lambda *_: slot())
        return button

    def import_file(self, path: Path | None = None) -> None:
        """Ask for a file (unless given), check it, and open the problems or the preview."""
        dialog = open_import_dialog(self.ctx, self.window(), path)
        if dialog is not None:
            dialog.imported.connect(self.imported)
        self.dialog = dialog

    def add_from_library(self) -> None:
        dialog = RubricLibraryDialog(self.ctx, self.window(), self.library_folder)
        dialog.imported.connect(self.imported)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog

    def compare(self) -> None:
        dialog = RubricCompareDialog(self.ctx, self.current_rubric(), self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
