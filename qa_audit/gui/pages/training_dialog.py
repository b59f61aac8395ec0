"""Entering a training date: which rubric, when, what it was called, which questions.

The themes report then compares those questions' agreed shortfall rates before and
after the date. The dialog only collects the answers; the Exemplar library page
hands them to the presenter, which checks them through the service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

__all__ = ["TrainingDialog"]


class TrainingDialog(QDialog):
    """``TrainingDialog(rubrics, questions_of)``: ``rubrics`` are (id, title) pairs;
    ``questions_of(rubric_id)`` gives that rubric's (question id, text) pairs."""

    def __init__(self, rubrics: Sequence[tuple[str, str]],
                 questions_of: dict[str, list[tuple[str, str]]],
                 parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a training date")
        self.setAccessibleName("Add a training date")
        self._questions_of = questions_of
        form = QFormLayout(self)
        self.rubric_combo = QComboBox(self)
        self.rubric_combo.setAccessibleName("Rubric")
        for rid, title in rubrics:
            self.rubric_combo.addItem(f"{title} ({rid})", rid)
        form.addRow("&Rubric:", self.rubric_combo)
        self.date_edit = QDateEdit(self)
        self.date_edit.setAccessibleName("Training date")
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        day = today or dt.date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        form.addRow("&Date:", self.date_edit)
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName("Training title")
        self.title_edit.setPlaceholderText("e.g. Capturing the child's voice")
        form.addRow("&Title:", self.title_edit)
        self.question_list = QListWidget(self)
        self.question_list.setAccessibleName("Questions the training covered")
        form.addRow("&Questions:", self.question_list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.rubric_combo.currentIndexChanged.connect(self._fill_questions)
        self._fill_questions()

    def _fill_questions(self) -> None:
        self.question_list.clear()
        for qid, text in self._questions_of.get(self.rubric_id(), []):
            item = QListWidgetItem(f"{text} [{qid}]", self.question_list)
            item.setData(Qt.ItemDataRole.UserRole, qid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)

    def rubric_id(self) -> str:
        return str(self.rubric_combo.currentData() or "")

    def date_text(self) -> str:
        return self.date_edit.date().toString("dd/MM/yyyy")

    def title(self) -> str:
        return self.title_edit.text()

    def question_ids(self) -> list[str]:
        out = []
        for i in range(self.question_list.count()):
            item = self.question_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out
