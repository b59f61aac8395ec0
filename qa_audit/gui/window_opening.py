"""What the main window shows and waits for while its database opens.

Start-up paints the window first, with a placeholder saying which database is
opening, and opens the database in the event loop turn after that first paint
(``AfterFirstPaint``), so the user sees the window before the slow part. Qt only:
this module is imported before the first paint.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

#: If a shown window is never painted (a window manager that starts it minimised),
#: the database is opened anyway after this long.
FIRST_PAINT_FALLBACK_MS = 1000


class AfterFirstPaint(QObject):
    """Runs ``callback`` once, in the event loop turn after ``window``'s first paint.

    A queued call after the paint lets the backing store reach the screen before
    slow work (opening the database) blocks the GUI thread.
    """

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback: Callable[[], None] | None = callback
        window.installEventFilter(self)
        # a window that is not shown will not paint: no reason to wait for it
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS if window.isVisible() else 0, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


class OpeningPlaceholder(QWidget):
    """The content area while the database opens (or when a page could not be built)."""

    def __init__(self, opening: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openingPlaceholder")
        self.setAccessibleName("Opening the database")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        heading = self.heading = QLabel(
            f"Opening {opening}…" if opening else "Opening the database…", self)
        heading.setObjectName("openingHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        heading.setFont(font)
        detail = self.detail = QLabel("Your pages appear as soon as the database is open.", self)
        detail.setObjectName("openingDetail")
        detail.setEnabled(False)  # the palette's muted text colour
        for label in (heading, detail):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(2)

    def show_page_failed(self) -> None:
        """A page failed to build (the error was reported): say so instead of a stale page."""
        self.heading.setText("This page could not be shown")
        self.detail.setText("Choose it in the sidebar to try again.")
