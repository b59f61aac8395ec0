"""A ``UserError`` as one clear message box (never a traceback), the same everywhere."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from qa_audit.errors import UserError

log = logging.getLogger(__name__)

_MAX_DETAIL_LINES = 12


def error_text(exc: UserError) -> str:
    """The message and (at most a dozen of) its details, as shown in a message box."""
    lines = [exc.message]
    if exc.details:
        shown = exc.details[:_MAX_DETAIL_LINES]
        lines.append("")
        lines.extend(shown)
        if len(exc.details) > len(shown):
            lines.append(f"… and {len(exc.details) - len(shown)} more")
    return "\n".join(lines)


def show_user_error(parent: QWidget | None, title: str, exc: UserError) -> None:
    """Tell the user what went wrong in words they can act on."""
    log.info("%s: %s", title, exc.message)
    QMessageBox.critical(parent, title, error_text(exc))
