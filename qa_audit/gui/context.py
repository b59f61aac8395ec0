"""What every page needs: the open workspace, who is using it, and a way to say
"the data changed" so other pages refresh."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from qa_audit.services.actor import Actor

if TYPE_CHECKING:  # the workspace pulls in SQLAlchemy: not before the window has painted
    from qa_audit.services.store.workspace import Store, Workspace


class AppContext(QObject):
    """Shared by the main window and its pages; replaced when another database is opened.

    ``workspace`` is the open database (backups, encryption, closing); ``db`` is the
    handle pages pass to service functions.
    """

    data_changed = Signal(str)  # what changed: "plans", "advice", "sessions", "rubrics", "audits"
    status_message = Signal(str)

    def __init__(self, workspace: Workspace | Store, actor: Actor,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        # deferred: services.workspace pulls in SQLAlchemy (a context exists only once a
        # database is open, after the first paint)
        from qa_audit.services.store.workspace import as_workspace

        self.workspace = as_workspace(workspace)
        self.actor = actor

    @property
    def db(self) -> Store:
        """The handle service functions take (``sessions.list_sessions(ctx.db)``)."""
        return self.workspace.db

    def notify(self, what: str) -> None:
        self.data_changed.emit(what)
