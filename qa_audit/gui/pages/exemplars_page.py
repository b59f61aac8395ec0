"""The Exemplar library page: plans the panel marked as exemplars, good-practice
excerpts against rubric questions (approved and redacted before any report quotes
them), and training dates.

A thin view over :class:`~qa_audit.gui.pages.exemplar_presenter.ExemplarLibraryPresenter`,
which holds every rule and message; this module only lays out and forwards clicks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.exemplar_presenter import ExemplarLibraryPresenter, LibraryView, Row
from qa_audit.gui.pages.training_dialog import TrainingDialog

__all__ = ["ExemplarsPage"]

WAITING = QColor("#FFF4CE")  # a good-practice excerpt not yet approved for quoting


class ExemplarsPage(QWidget):
    """``ExemplarsPage(ctx)``; ``dialog`` builds the training dialog (tests replace it)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 dialog: Callable[..., TrainingDialog] = TrainingDialog) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.presenter = ExemplarLibraryPresenter(ctx.db, ctx.actor)
        self._dialog = dialog
        self.setObjectName("exemplarsPage")
        self.setAccessibleName("Exemplar library")
        self._build()
        self.approve_button.clicked.connect(self.approve_selected)
        self.training_button.clicked.connect(self.add_training)
        self.good_table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        header = QHBoxLayout()
        title = QLabel("Exemplar library", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addStretch(1)
        self.summary_label = QLabel(self)
        self.summary_label.setAccessibleName("Library summary")
        header.addWidget(self.summary_label)
        layout.addLayout(header)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("Message")
        layout.addWidget(self.message_label)

        self.exemplar_table = self._table("Exemplars", LibraryView.EXEMPLAR_HEADERS, 3)
        self.good_table = self._table("Good practice", LibraryView.GOOD_PRACTICE_HEADERS, 4)
        self.training_table = self._table("Training dates", LibraryView.TRAINING_HEADERS, 2)
        for caption, table, stretch in (
                ("Exemplars marked by the panel", self.exemplar_table, 2),
                ("Good practice by question (only approved, redacted text is quoted in "
                 "reports)", self.good_table, 3),
                ("Training dates (the themes report compares before and after)",
                 self.training_table, 1)):
            label = QLabel(f"<b>{caption}</b>", self)
            layout.addWidget(label)
            layout.addWidget(table, stretch)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.approve_button = QPushButton("&Approve excerpt", self)
        self.approve_button.setAccessibleName("Approve excerpt")
        self.approve_button.setToolTip("Approve the selected excerpt (redacted) for reports")
        self.approve_button.setEnabled(False)
        self.training_button = QPushButton("Add &training date…", self)
        self.training_button.setAccessibleName("Add training date")
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.training_button)
        layout.addLayout(buttons)

    def _table(self, name: str, headers: Sequence[str], stretch: int) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setAccessibleName(name)
        table.setHorizontalHeaderLabels(list(headers))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        head = table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return table

    # ------------------------------------------------------------ controller

    def reload(self) -> None:
        view = self.presenter.load()
        self.summary_label.setText(view.summary)
        self._fill(self.exemplar_table, view.exemplars)
        self._fill(self.good_table, view.good_practice)
        self._fill(self.training_table, view.trainings)
        self._update_buttons()

    def _fill(self, table: QTableWidget, rows: Sequence[Row]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row.cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                if row.waiting:
                    item.setBackground(QBrush(WAITING))
                table.setItem(r, c, item)

    def _selected_waiting_id(self) -> int | None:
        items = self.good_table.selectedItems()
        if not items:
            return None
        status = self.good_table.item(items[0].row(), self.good_table.columnCount() - 1)
        if status is None or not status.text().startswith("waiting"):
            return None
        return int(items[0].data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        self.approve_button.setEnabled(self._selected_waiting_id() is not None)

    def approve_selected(self) -> None:
        gp_id = self._selected_waiting_id()
        if gp_id is None:
            return
        self._done(self.presenter.approve(gp_id))

    def add_training(self) -> None:
        rubrics, questions = self.presenter.training_choices()
        dialog = self._dialog(rubrics, questions, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._done(self.presenter.add_training(dialog.rubric_id(), dialog.date_text(),
                                               dialog.title(), dialog.question_ids()))

    def _done(self, message: str) -> None:
        self.message_label.setText(message)
        self.ctx.notify("exemplars")
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()
