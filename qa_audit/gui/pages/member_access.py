"""The sessions page's "Bind to account…" and "Approve proxy…": which OS account acts as
a panel member, and which other accounts the chair lets act for them. The rules live in
``domain.permissions`` and ``services.panel_access``; this only asks and reports."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.services import panel_access
from qa_audit.services.actor import os_account


def bind_member(parent: QWidget, ctx: AppContext, session: str, member: str,
                bound_to: str | None) -> bool:
    """Ask for the account (blank: unbind) and bind; True when something changed."""
    text, ok = QInputDialog.getText(
        parent, "Bind to an OS account",
        f"Windows account that acts as {member} (only it, or a proxy the chair approves, "
        "may save or see this member's scores; leave blank to unbind):",
        QLineEdit.EchoMode.Normal, bound_to or os_account())
    if not ok:
        return False
    account = text.strip() or None
    if account == bound_to:
        return False
    try:
        panel_access.bind(ctx.db, session, member, account)
    except UserError as exc:
        _show(parent, "Bind to an OS account", exc)
        return False
    ctx.status_message.emit(f"{member} is bound to {account}." if account
                            else f"{member} is no longer bound to an account.")
    return True


def approve_proxy(parent: QWidget, ctx: AppContext, session: str, member: str) -> bool:
    """Ask for another account that may act as ``member`` (the chair's act)."""
    text, ok = QInputDialog.getText(
        parent, "Approve a proxy",
        f"Windows account that may act as {member} (recorded as a proxy):",
        QLineEdit.EchoMode.Normal, "")
    if not ok or not text.strip():
        return False
    try:
        panel_access.approve_proxy(ctx.db, session, member, text.strip())
    except UserError as exc:
        _show(parent, "Approve a proxy", exc)
        return False
    ctx.status_message.emit(f"{text.strip()} may act as {member} (as a proxy).")
    return True


def _show(parent: QWidget, title: str, exc: UserError) -> None:
    QMessageBox.warning(parent, title, exc.message)
