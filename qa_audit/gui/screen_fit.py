"""Keeping the main window on the screen it opens on.

A geometry remembered on a bigger screen (or a window once widened by a page) must
not open off the edge of a 1366x768 council laptop: on restore the window is
shrunk to the screen's available area and moved inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room kept for the title bar and frame, which ``geometry`` does not include.
FRAME_ALLOWANCE = QPoint(16, 40)


def clamp_rect(rect: QRect, available: QRect, frame: QPoint = FRAME_ALLOWANCE) -> QRect:
    """``rect`` (the client area) shrunk and moved so that, with its frame, it fits."""
    width = max(1, min(rect.width(), available.width() - frame.x()))
    height = max(1, min(rect.height(), available.height() - frame.y()))
    left = min(max(rect.left(), available.left() + frame.x() // 2),
               available.right() - frame.x() // 2 - width + 1)
    top = min(max(rect.top(), available.top() + frame.y() - frame.x() // 2),
              available.bottom() - frame.x() // 2 - height + 1)
    return QRect(left, top, width, height)


def available_geometry(window: QWidget) -> QRect | None:
    """The usable area of the screen under the window's centre (else the primary screen)."""
    screen = QGuiApplication.screenAt(window.geometry().center()) \
        or QGuiApplication.primaryScreen()
    return None if screen is None else screen.availableGeometry()


def clamp_to_screen(window: QWidget) -> None:
    """Shrink and move ``window`` to fit its screen (not below its own minimum size)."""
    available = available_geometry(window)
    if available is None or available.isEmpty():
        return
    fitted = clamp_rect(window.geometry(), available)
    if fitted != window.geometry():
        window.setGeometry(fitted)
