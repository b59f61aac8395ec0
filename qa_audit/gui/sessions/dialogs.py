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
from qa_audit.services.sessions import ROLES, MemberInfo, SessionInfo

__all__ = ["EditMemberDialog", "NewSessionDialog", "show_error"]

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


class EditMemberDialog(QDialog):
    """A panel member's name, agency and role, corrected (``sessions.update_member``)."""

    def __init__(self, ctx: AppContext, session_name: str, member: MemberInfo,
                 agencies: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.session_name, self.member = ctx, session_name, member
        self.updated: MemberInfo | None = None
        self.setWindowTitle(f"Edit panel member: {member.name}")
        self.setObjectName("editMemberDialog")
        form = QFormLayout(self)
        self.name_edit = QLineEdit(member.name, self)
        self.name_edit.setObjectName("editMemberName")
        self.name_edit.setAccessibleName("Member name")
        self.agency_combo = QComboBox(self)
        self.agency_combo.setObjectName("editMemberAgency")
        self.agency_combo.setAccessibleName("Agency")
        self.agency_combo.addItem("(no agency)", "")
        for agency_id, label in agencies.items():
            self.agency_combo.addItem(label, agency_id)
        self.agency_combo.setCurrentIndex(max(self.agency_combo.findData(member.agency or ""), 0))
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("editMemberRole")
        self.role_combo.setAccessibleName("Role")
        for role in ROLES:
            self.role_combo.addItem(role.capitalize(), role)
        self.role_combo.setCurrentIndex(max(self.role_combo.findData(member.role), 0))
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Agency:", self.agency_combo)
        form.addRow("&Role:", self.role_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(380)

    def accept(self) -> None:
        try:
            self.updated = sessions.update_member(
                self.ctx.db, self.session_name, self.member.name, self.ctx.actor,
                new_name=self.name_edit.text(), agency=str(self.agency_combo.currentData()),
                role=str(self.role_combo.currentData()))
        except UserError as exc:
            show_error(self, "Edit panel member", exc)
            return
        super().accept()
