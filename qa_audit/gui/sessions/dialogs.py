"""The Sessions page's dialogs: a new audit session, and user errors as message boxes."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.gui.sessions.presenter import DEFAULT_RUBRIC, error_message
from qa_audit.gui.sessions.view import to_date, to_qdate
from qa_audit.services import rubric_view, sessions
from qa_audit.services.sessions import SessionInfo

__all__ = ["NewSessionDialog", "show_error"]

log = logging.getLogger(__name__)

DATE_FORMAT = "dd/MM/yyyy"


def show_error(parent: QWidget, title: str, exc: UserError) -> None:
    """A user error as a warning box (never a traceback), logged at info level."""
    log.info("%s: %s", title, exc.message)
    QMessageBox.warning(parent, title, error_message(exc))


class NewSessionDialog(QDialog):
    """Name, date and rubric (latest version) of a new audit session."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: SessionInfo | None = None
        self.setWindowTitle("New audit session")
        self.setObjectName("newSessionDialog")
        self.setAccessibleName("New audit session")
        form = QFormLayout(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("sessionName")
        self.name_edit.setAccessibleName("Session name")
        self.name_edit.setPlaceholderText("e.g. Panel November 2026")
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("Session date")
        self.date_edit.setAccessibleName("Session date")
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDate(to_qdate(dt.date.today()))
        self.rubric_combo = QComboBox(self)
        self.rubric_combo.setObjectName("sessionRubric")
        self.rubric_combo.setAccessibleName("Rubric")
        self.rubric_combo.setToolTip("The session is frozen to the rubric's latest version")
        try:
            latest = rubric_view.list_rubrics(ctx.db)
        except UserError as exc:
            latest = []
            show_error(self, "New audit session", exc)
        for summary in latest:
            self.rubric_combo.addItem(f"{summary.title} (v{summary.latest_version})", summary.id)
        self.rubric_combo.setCurrentIndex(max(self.rubric_combo.findData(DEFAULT_RUBRIC), 0))
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Date:", self.date_edit)
        form.addRow("&Rubric:", self.rubric_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Create")
        ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        rubric_id = self.rubric_combo.currentData()
        if rubric_id is None:
            QMessageBox.warning(self, "New audit session", "There are no rubrics to choose from.")
            return
        try:
            self.created = sessions.create_session(
                self.ctx.db, self.name_edit.text(), str(rubric_id), to_date(self.date_edit),
                self.ctx.actor,
            )
        except UserError as exc:
            show_error(self, "New audit session", exc)
            self.name_edit.setFocus()
            return
        super().accept()
