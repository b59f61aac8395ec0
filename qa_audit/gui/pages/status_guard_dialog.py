"""Asking before a session moves on with plans left undone (the status guards).

The counts come from ``services.sessions.status_guard`` (the rule is in
``domain.session_guards``); this module only words the question. ``ask_status_guard``
is called through the module so tests can replace it and never block.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from qa_audit.domain.session_guards import StatusGuard

_TITLES = {"moderation": "Start moderation", "closed": "Close session"}
_GO = {"moderation": "Start moderation anyway", "closed": "Close anyway"}


def status_guard_box(parent: QWidget | None, guard: StatusGuard) -> QMessageBox:
    """The question, naming the counts; "Cancel" is the default (Enter does not go ahead)."""
    box = QMessageBox(QMessageBox.Icon.Warning, _TITLES.get(guard.target, "Change status"),
                      guard.question, QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("statusGuardBox")
    go = box.addButton(_GO.get(guard.target, "Go ahead"), QMessageBox.ButtonRole.AcceptRole)
    go.setObjectName("statusGuardGo")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def ask_status_guard(parent: QWidget | None, guard: StatusGuard) -> bool:
    """True when the user chose to go ahead despite the counts."""
    box = status_guard_box(parent, guard)
    box.exec()
    return box.clickedButton() is box.findChild(QWidget, "statusGuardGo")


def ask_reopen_reason(parent: QWidget | None, session: str) -> str | None:
    """The chair's reason for reopening a closed session (None: cancelled)."""
    text, ok = QInputDialog.getText(
        parent, "Reopen session",
        f"Why reopen {session}? The reason is kept in the change log.")
    return text.strip() or None if ok else None
