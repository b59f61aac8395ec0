"""The Exemplar library page's layout: the page scaffold over the Designer form
``forms/exemplars_page.ui`` (three tables and the approve / training buttons).

Layout only; ``pages.exemplars_page.ExemplarsPage`` subclasses ``ExemplarsView``
and adds the logic. The tables' columns are the presenter's headers, so they are
set here rather than in the form.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QWidget

from qa_audit.gui.exemplars.model import LibraryRowsModel
from qa_audit.gui.generated.ui_exemplars_page import Ui_ExemplarsBody
from qa_audit.gui.pages.exemplar_presenter import LibraryView
from qa_audit.gui.pages.scaffold import PageScaffold, read_only_table

__all__ = ["ExemplarsView"]


def _columns(table: QTableView, headers: Sequence[str], stretch: int) -> LibraryRowsModel:
    """A model with these columns on ``table``; columns as wide as their text,
    ``stretch`` taking the spare width."""
    model = LibraryRowsModel(headers, table)
    table.setModel(model)
    read_only_table(table)
    head = table.horizontalHeader()
    head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    head.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return model


class ExemplarsView(QWidget):
    """The page's widgets, laid out; no behaviour beyond what Qt gives them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exemplarsPage")
        self.setAccessibleName("Exemplar library")
        scaffold = PageScaffold(self, "Exemplar library")
        self.summary_label = QLabel(self)
        self.summary_label.setAccessibleName("Library summary")
        scaffold.add_action(self.summary_label)
        self.ui = Ui_ExemplarsBody()
        scaffold.add_form(self.ui)
        ui = self.ui
        self.message_label = ui.exemplarMessage
        self.exemplar_table, self.good_table = ui.exemplarTable, ui.goodPracticeTable
        self.training_table = ui.trainingTable
        self.approve_button, self.training_button = ui.approveExcerpt, ui.addTraining
        self.exemplar_model = _columns(self.exemplar_table, LibraryView.EXEMPLAR_HEADERS, 3)
        self.good_model = _columns(self.good_table, LibraryView.GOOD_PRACTICE_HEADERS, 4)
        self.training_model = _columns(self.training_table, LibraryView.TRAINING_HEADERS, 2)
