"""What every page needs: the open database, who is using it, and a way to say
"the data changed" so other pages refresh."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from qa_audit.services.actor import Actor

if TYPE_CHECKING:  # the engine pulls in SQLAlchemy: not before the window has painted
    from qa_audit.storage.engine import Database


class AppContext(QObject):
    """Shared by the main window and its pages; replaced when another database is opened."""

    data_changed = Signal(str)  # what changed: "plans", "advice", "sessions", "rubrics", "audits"
    status_message = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor

    def notify(self, what: str) -> None:
        self.data_changed.emit(what)
