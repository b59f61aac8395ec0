"""Remembering which file holds a plan's document, on this computer only (opt-in).

Data protection: the path is kept only when the auditor ticks "Remember this file
for this plan on this computer", in a local file keyed by an HMAC under a
per-install secret (``qa_audit.evidence.remembered``), never in the database.
Part of ``plan_pane.PlanDocumentPane`` (this class is one of its bases).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox, QWidget

from qa_audit.evidence.remembered import RememberedFiles


class RememberedDocuments(QWidget):
    """The pane's "remember this file" box and "forget remembered documents" button.

    The widgets used here are made by ``pane_view.PlanPaneView``, the pane's other
    base: declared here, so mypy checks that both bases agree on their types.
    """

    remember_box: QCheckBox
    status_label: QLabel
    _remembered: RememberedFiles | None
    _plan_key: str | None
    _path: Path | None

    def _status(self, text: str) -> None:
        """One line under the pane saying what just happened."""
        self.status_label.setText(text)

    def remembered_path(self, key: str) -> str | None:
        return self._store().path_for(key)

    def forget_all_files(self) -> int:
        """Forget every remembered plan file on this computer; returns how many."""
        n = self._store().forget_all()
        self.remember_box.blockSignals(True)
        self.remember_box.setChecked(False)
        self.remember_box.blockSignals(False)
        return n

    def confirm_forget_all(self) -> None:
        n = self._store().count()
        if n == 0:
            self._status("This computer remembers no plan documents.")
            return
        answer = QMessageBox.question(
            self, "Forget remembered documents",
            f"This computer remembers the document of {n} plan{'s' * (n != 1)}. Forget them "
            "all? The documents themselves are not touched; you will open them by hand.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            gone = self.forget_all_files()
            self._status(f"Forgot {gone} remembered document{'s' * (gone != 1)}.")

    def _store(self) -> RememberedFiles:
        if self._remembered is None:
            self._remembered = RememberedFiles()
        return self._remembered

    def _remember_toggled(self, checked: bool) -> None:
        if self._plan_key is None:
            return
        if checked and self._path is not None:
            self._remember(self._path)
            self._status("This file will reopen for this plan on this computer.")
        elif not checked:
            self._store().forget(self._plan_key)
            self._status("This computer no longer remembers the file for this plan.")

    def _remember(self, file: Path) -> None:
        if self._plan_key is None:
            return
        self._store().remember(self._plan_key, file.resolve())
