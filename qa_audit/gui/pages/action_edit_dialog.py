"""Adding an action from the Actions page, and editing one (text, owner, due date).

The moderation page's "Add action…" dialog (``moderation_dialogs.AddActionDialog``)
with what the Actions page must ask besides: which session and plan a new action
belongs to, and whether the plan is to be audited again. Saving goes through the
same services the CLI's ``actions add`` uses (``services.actions``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QWidget

from qa_audit.domain.audit import ActionRecord
from qa_audit.gui.pages.moderation_dialogs import AddActionDialog, to_qdate


class ActionEditDialog(AddActionDialog):
    """``record`` None: a new action (session, plan, re-audit asked); else edit it."""

    def __init__(self, session_names: Sequence[str], owners: Sequence[str], today: dt.date,
                 record: ActionRecord | None = None, parent: QWidget | None = None) -> None:
        super().__init__(None, owners, today, parent)
        self.record = record
        form = self.findChild(QFormLayout)
        assert form is not None  # the base dialog lays its fields out in a form
        self.session_combo = QComboBox(self)
        self.session_combo.setObjectName("actionSession")
        self.session_combo.setAccessibleName("Session")
        for name in session_names:
            self.session_combo.addItem(name, name)
        self.plan_edit = QLineEdit(self)
        self.plan_edit.setObjectName("actionPlan")
        self.plan_edit.setAccessibleName("Plan reference")
        self.plan_edit.setPlaceholderText("Optional: the plan it is about, e.g. EHC-123456")
        self.reaudit_check = QCheckBox("Audit this plan again in a later panel", self)
        self.reaudit_check.setObjectName("actionReaudit")
        form.insertRow(0, "&Session:", self.session_combo)
        form.insertRow(1, "&Plan:", self.plan_edit)
        form.addRow("", self.reaudit_check)
        if record is not None:
            self.setWindowTitle(f"Edit action {record.id}")
            self.setAccessibleName("Edit action")
            self.text_edit.setPlainText(record.text)
            self.owner_edit.setText(record.owner or "")
            if record.due_date is not None:
                self.due_edit.setDate(to_qdate(record.due_date))
            self.session_combo.addItem(record.session, record.session)
            self.session_combo.setCurrentIndex(self.session_combo.findData(record.session))
            self.plan_edit.setText(record.plan_ref or "")
            self.reaudit_check.setChecked(record.reaudit)
            for fixed in (self.session_combo, self.plan_edit, self.reaudit_check):
                fixed.setEnabled(False)  # what the action is about does not change
                fixed.setToolTip("Fixed once the action is recorded")
            self.buttons.button(self.buttons.StandardButton.Ok).setText("Save")

    def session_name(self) -> str | None:
        data = self.session_combo.currentData()
        return None if data is None else str(data)

    def plan_ref(self) -> str | None:
        return self.plan_edit.text().strip() or None

    def reaudit(self) -> bool:
        return self.reaudit_check.isChecked()
