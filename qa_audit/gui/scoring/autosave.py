"""Autosave on the Scoring page: saves queued in the background, typed text saved when
typing pauses, the status line, and the banner that offers Retry after a failure.

The page asks this controller to save (``save``, ``text_changed``) and to wait
(``flush``, ``can_leave``); the wording comes from ``page_presenter``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from qa_audit.gui.generated.ui_scoring_page import Ui_ScoringPage
from qa_audit.gui.scoring import page_presenter as present
from qa_audit.gui.scoring.save_queue import SaveQueue
from qa_audit.gui.scoring.widgets import TONES, font_with, tint

_STATE_COLOURS = {"saving": "#1e3a8a", "saved": TONES["green"][1], "error": TONES["red"][1]}


class Autosave(QObject):
    """Queues the page's saves and shows how they are going."""

    #: Something was written to the database (what).
    saved = Signal(str)
    #: A save failed (the message shown to the user).
    save_failed = Signal(str)
    #: Typed text is due to be saved: the page queues it (kind, name) pairs.
    text_due = Signal(object)

    def __init__(self, page: QWidget, ui: Ui_ScoringPage, delay_ms: Callable[[], int]) -> None:
        super().__init__(page)
        self.page = page
        self.ui = ui
        self._delay_ms = delay_ms
        self.pending_text: set[tuple[str, str]] = set()
        self.queue = SaveQueue(page)
        self.queue.saved.connect(self._on_saved)
        self.queue.failed.connect(self._on_failed)
        self.queue.busy.connect(lambda text: self.set_status(text, "saving"))
        self.queue.changed.connect(self.show_state)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.flush_text)
        ui.retryButton.clicked.connect(self.retry)
        ui.dismissButton.clicked.connect(self.hide_message)

    # ------------------------------------------------------------ saving

    def save(self, key: Hashable, op: Callable[[], None], what: str) -> bool:
        """Queue the save (it runs in the background, in order); True: it was queued."""
        self.queue.submit(key, op, what)
        return True

    def text_changed(self, key: tuple[str, str]) -> None:
        """Typing: save when it pauses."""
        self.pending_text.add(key)
        self.show_state()
        self.timer.start(max(0, int(self._delay_ms())))

    def take_text(self, kind: str, name: str) -> None:
        """This text is being saved now (it is no longer waiting for a pause)."""
        self.pending_text.discard((kind, name))

    def flush_text(self) -> None:
        """Queue typed notes and comments now (focus left them, plan changes, page hides)."""
        self.timer.stop()
        pending, self.pending_text = self.pending_text, set()
        if pending:
            self.text_due.emit(sorted(pending))

    def flush(self) -> bool:
        """Save what is typed and wait for every pending save: True when none failed."""
        self.flush_text()
        return self.queue.flush(self.page)

    def retry(self) -> bool:
        """Try the failed saves again and wait for them: True when everything is saved."""
        self.flush_text()
        return self.queue.retry_and_flush(self.page)

    def can_leave(self) -> bool:
        """Save what is typed and wait; refuse to leave while a failed save is not retried."""
        if self.flush() or self.queue.retry_and_flush(self.page):
            return True
        self.show_unsaved()
        return False

    def discard(self) -> None:
        """Wait for the saves under way, then forget the failed ones."""
        self.queue.flush(self.page)
        self.queue.discard()
        self.hide_message()
        self.set_status("Unsaved changes discarded", "saved")

    # ------------------------------------------------------------ showing

    def show_state(self) -> None:
        """The status label: what is still being saved, or that everything is."""
        unsaved = len(self.queue.unsaved()) if self.queue.has_failures else None
        pending = self.queue.pending + len(self.pending_text)
        self.set_status(*present.save_status(pending, unsaved,
                                             dt.datetime.now().strftime("%H:%M:%S")))

    def set_status(self, text: str, state: str) -> None:
        label: QLabel = self.ui.saveStatusLabel
        label.setText(text)
        tint(label, _STATE_COLOURS.get(state, "#1f2937"))
        label.setFont(font_with(bold=state == "error"))
        label.setProperty("saveState", state)
        label.setAccessibleDescription(text)

    @property
    def state(self) -> str:
        """``saved``, ``saving`` or ``error``."""
        return str(self.ui.saveStatusLabel.property("saveState") or "saved")

    def show_unsaved(self) -> None:
        self.show_state()
        self.show_message(present.unsaved_message(self.queue.last_error or "",
                                                  self.queue.unsaved()), retry=True)

    def show_message(self, text: str, *, retry: bool) -> None:
        self.ui.messageLabel.setText(text)
        self.ui.retryButton.setVisible(retry)
        self.ui.discardButton.setVisible(retry)
        self.ui.dismissButton.setVisible(not retry)
        self.ui.messageBanner.show()

    def hide_message(self) -> None:
        if not self.queue.has_failures:
            self.ui.messageBanner.hide()

    def _on_saved(self, what: str) -> None:
        if self.queue.has_failures:
            self.show_unsaved()
        else:
            self.hide_message()
        self.saved.emit(what)

    def _on_failed(self, message: str) -> None:
        if self.queue.has_failures:
            self.show_unsaved()
        self.save_failed.emit(message)
