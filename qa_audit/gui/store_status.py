"""How the main window shows the shared database's state: the busy label, the
"cannot be reached" and read-only banners, and who else is here.

Light (Qt and ``services.store_state`` only), so the window imports it at start;
the live view that feeds it is ``gui.shared_store``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

if TYPE_CHECKING:  # presence pulls in SQLAlchemy; only its record's type is needed here
    from qa_audit.services.store.presence import PresenceInfo

#: what the pages are told changed when another member saved
REFRESH_KINDS = ("audits", "sessions", "actions")

BUSY_TEXT = "Database busy, retrying…"
MISSING_TEXT = ("The network drive holding the database cannot be reached. Your unsaved edits "
                "are kept on screen; saving resumes when it is back.")

#: words in a status message that mean a save met a locked database
_BUSY_WORDS = ("database busy", "database is busy", "stayed busy")


def is_busy_message(message: str) -> bool:
    lowered = message.lower()
    return any(word in lowered for word in _BUSY_WORDS)


def describe_others(others: list[PresenceInfo]) -> str:
    """``Also here: A. Patel (scoring), R. Hughes`` (one entry per person), or ''."""
    seen: dict[str, str | None] = {}
    for info in others:
        if info.user not in seen or (seen[info.user] is None and info.activity):
            seen[info.user] = info.activity
    if not seen:
        return ""
    parts = [f"{user} ({activity.lower()})" if activity else user
             for user, activity in seen.items()]
    return "Also here: " + ", ".join(parts)


# ---------------------------------------------------------------- widgets


def _icon_label(parent: QWidget, pixmap: QStyle.StandardPixmap) -> QLabel:
    label = QLabel(parent)
    size = parent.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    label.setPixmap(parent.style().standardIcon(pixmap).pixmap(size, size))
    return label


class BusyIndicator(QFrame):
    """Status bar: an amber "Database busy, retrying…" while someone holds the lock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databaseBusy")
        self.setAccessibleName("Database busy")
        self.setStyleSheet("#databaseBusy { background: #ffe8a3; border-radius: 3px; }"
                           "#databaseBusy QLabel { color: #5a4300; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(_icon_label(self, QStyle.StandardPixmap.SP_BrowserReload))
        self.label = QLabel(BUSY_TEXT, self)
        self.label.setObjectName("databaseBusyText")
        self.label.setAccessibleName("Database busy")
        layout.addWidget(self.label)
        self.hide()

    def show_busy(self, message: str) -> None:
        self.label.setText(BUSY_TEXT)
        self.setToolTip(message or BUSY_TEXT)
        self.setAccessibleDescription(message or BUSY_TEXT)
        self.show()

    def text(self) -> str:
        """What the indicator says ('' while hidden)."""
        return "" if self.isHidden() else self.label.text()


class Banner(QFrame):
    """A non-modal strip above the pages (share unreachable, read-only)."""

    def __init__(self, name: str, colours: tuple[str, str], pixmap: QStyle.StandardPixmap,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        background, border = colours
        self.setObjectName(name)
        self.setStyleSheet(f"#{name} {{ background: {background}; "
                           f"border-bottom: 1px solid {border}; }}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(_icon_label(self, pixmap))
        self.label = QLabel(self)
        self.label.setObjectName(f"{name}Text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_text(self, text: str, detail: str = "") -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.setToolTip(detail)
        self.show()

    def text(self) -> str:
        return self.label.text()


class MissingBanner(Banner):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("shareMissingBanner", ("#fde2e1", "#d9534f"),
                         QStyle.StandardPixmap.SP_MessageBoxWarning, parent)
        self.setAccessibleName("Database not reachable")
        self.retry_button = QPushButton("Try again now", self)
        self.retry_button.setObjectName("shareRetryButton")
        self.retry_button.setAccessibleName("Try to reach the database again now")
        layout = self.layout()
        assert layout is not None  # the banner base class lays the banner out
        layout.addWidget(self.retry_button)


class ReadOnlyBanner(Banner):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("readOnlyBanner", ("#e3ecfa", "#6f8fbf"),
                         QStyle.StandardPixmap.SP_MessageBoxInformation, parent)
        self.setAccessibleName("Read-only database")


class DemoBanner(Banner):
    """Synthetic demo data is open: say so, so nobody scores real plans in it."""

    TEXT = ("DEMO database: synthetic plans for practice and training. Use File > New "
            "database… or File > Open database… for your panel's own data.")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("demoBanner", ("#fdecc8", "#c98a00"),
                         QStyle.StandardPixmap.SP_MessageBoxWarning, parent)
        self.setAccessibleName("Demo database")


class PresenceLabel(QLabel):
    """Status bar: who else is working in the database now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databasePresence")
        self.setAccessibleName("Who else is here")
        self.hide()

    def set_others(self, others: list[PresenceInfo]) -> None:
        text = describe_others(others)
        self.setText(text)
        self.setToolTip("\n".join(info.describe() for info in others))
        self.setAccessibleDescription(text or "Nobody else")
        self.setVisible(bool(text))
