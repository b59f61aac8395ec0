"""Dialogs of moderation and actions: save conflicts, a new action, designating moderators.

Each dialog has a module-level ``ask_*`` function that builds it, runs it and
returns plain values. Pages call them through this module (``moderation_dialogs.
ask_conflict(...)``) so tests can replace them with ``monkeypatch`` and never
block on a modal window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qa_audit.services.sessions import MemberInfo

KEEP_THEIRS = "theirs"
OVERWRITE = "mine"
#: Default time allowed for an action agreed at moderation.
ACTION_DUE_DAYS = 28


def local_time_text(when: dt.datetime | None) -> str:
    """A stored UTC time as the user's local ``14:05 on 03/11/2026``."""
    if when is None:
        return "an unknown time"
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone().strftime("%H:%M on %d/%m/%Y")


# ------------------------------------------------------------------ conflicts


@dataclass(frozen=True)
class Conflict:
    """Someone else saved the same thing since this screen loaded it."""

    what: str  # "the agreed answer to cyp_voice"
    changed_by: str | None
    changed_at: dt.datetime | None
    theirs: str
    mine: str

    def message(self) -> str:
        who = self.changed_by or "Someone else"
        return (f"{who} changed {self.what} at {local_time_text(self.changed_at)}, "
                "after this screen loaded it. Nothing has been overwritten.")


class ConflictDialog(QDialog):
    """Their value against yours: keep theirs (reload) or overwrite with yours."""

    def __init__(self, conflict: Conflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changed by someone else")
        self.setAccessibleName("Save conflict")
        self.choice = KEEP_THEIRS
        layout = QVBoxLayout(self)
        message = QLabel(conflict.message(), self)
        message.setWordWrap(True)
        message.setAccessibleName("What happened")
        layout.addWidget(message)
        form = QFormLayout()
        theirs = QLabel(conflict.theirs or "(blank)", self)
        theirs.setAccessibleName("Their value")
        theirs.setTextFormat(Qt.TextFormat.PlainText)
        mine = QLabel(conflict.mine or "(blank)", self)
        mine.setAccessibleName("Your value")
        mine.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(f"{conflict.changed_by or 'Their'} value:", theirs)
        form.addRow("Your value:", mine)
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.keep_button = QPushButton("&Keep theirs", self)
        self.keep_button.setAccessibleName("Keep theirs")
        self.keep_button.setToolTip("Discard your change and show the saved value")
        self.overwrite_button = QPushButton("&Overwrite with mine", self)
        self.overwrite_button.setAccessibleName("Overwrite with mine")
        self.overwrite_button.setToolTip("Save your value over theirs")
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.overwrite_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.setDefault(True)
        self.keep_button.clicked.connect(self.reject)
        self.overwrite_button.clicked.connect(self._overwrite)
        layout.addWidget(buttons)

    def _overwrite(self) -> None:
        self.choice = OVERWRITE
        self.accept()


def ask_conflict(parent: QWidget | None, conflict: Conflict) -> str:
    """``KEEP_THEIRS`` or ``OVERWRITE`` (closing the dialog keeps theirs)."""
    dialog = ConflictDialog(conflict, parent)
    dialog.exec()
    return dialog.choice


# ------------------------------------------------------------------ actions


@dataclass(frozen=True)
class NewAction:
    text: str
    owner: str | None
    due_date: dt.date | None


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class AddActionDialog(QDialog):
    """What must happen, who owns it, and by when (default four weeks)."""

    def __init__(self, plan_ref: str | None, owners: Sequence[str], today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add action for {plan_ref}" if plan_ref else "Add action")
        self.setAccessibleName("Add action")
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setAccessibleName("Action")
        self.text_edit.setPlaceholderText("e.g. Return plan to caseworker to quantify Section F")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(80)
        self.owner_edit = QLineEdit(self)
        self.owner_edit.setAccessibleName("Owner")
        self.owner_edit.setPlaceholderText("Role or name, e.g. SEN Team Manager (North)")
        completer = QCompleter(list(owners), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.owner_edit.setCompleter(completer)
        self.due_edit = QDateEdit(self)
        self.due_edit.setAccessibleName("Due date")
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("dd/MM/yyyy")
        self.due_edit.setDate(to_qdate(today + dt.timedelta(days=ACTION_DUE_DAYS)))
        action_label = QLabel("&Action:", self)
        action_label.setBuddy(self.text_edit)
        owner_label = QLabel("&Owner:", self)
        owner_label.setBuddy(self.owner_edit)
        due_label = QLabel("&Due:", self)
        due_label.setBuddy(self.due_edit)
        form.addRow(action_label, self.text_edit)
        form.addRow(owner_label, self.owner_edit)
        form.addRow(due_label, self.due_edit)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add action")
        ok.setAccessibleName("Add action")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.text_edit.toPlainText().strip()))

    def value(self) -> NewAction:
        return NewAction(self.text_edit.toPlainText().strip(),
                         self.owner_edit.text().strip() or None,
                         from_qdate(self.due_edit.date()))


def ask_new_action(parent: QWidget | None, *, plan_ref: str | None, owners: Sequence[str],
                   today: dt.date) -> NewAction | None:
    dialog = AddActionDialog(plan_ref, owners, today, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.value()


# ------------------------------------------------------------------ moderators


class DesignateDialog(QDialog):
    """The chair ticks the members who may also record agreed scores."""

    def __init__(self, members: Sequence[MemberInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Designate moderators")
        self.setAccessibleName("Designate moderators")
        layout = QVBoxLayout(self)
        hint = QLabel("Tick the members who may record the panel's agreed scores "
                      "(the chair always can).", self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Members who may record agreed scores")
        self._before: dict[str, bool] = {}
        for m in members:
            if m.role == "chair":
                continue
            item = QListWidgetItem(f"{m.name} ({m.role})", self.list)
            item.setData(Qt.ItemDataRole.UserRole, m.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if m.can_moderate else
                               Qt.CheckState.Unchecked)
            self._before[m.name] = m.can_moderate
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def changes(self) -> dict[str, bool]:
        out = {}
        for i in range(self.list.count()):
            item = self.list.item(i)
            name = item.data(Qt.ItemDataRole.UserRole)
            allowed = item.checkState() == Qt.CheckState.Checked
            if allowed != self._before.get(name):
                out[name] = allowed
        return out


def ask_designation(parent: QWidget | None,
                    members: Sequence[MemberInfo]) -> dict[str, bool] | None:
    """member name -> may moderate, for the members whose permission changed; None = cancelled."""
    dialog = DesignateDialog(members, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.changes()
