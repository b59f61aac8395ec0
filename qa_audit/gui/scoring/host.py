"""What the Scoring page's controllers need of the page that holds them.

``ScoringPage`` satisfies this protocol; the controllers (``edits``, ``submission``,
``plan_list``) are typed against it, so they do not import the page module and the
page can import them (no import cycle).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QUndoStack

from qa_audit.domain.items import ItemKey
from qa_audit.gui.context import AppContext
from qa_audit.gui.generated.ui_scoring_page import Ui_ScoringPage
from qa_audit.gui.scoring.autosave import Autosave
from qa_audit.gui.scoring.page_presenter import ScoringPresenter
from qa_audit.gui.scoring.scoring_form import ScoringForm
from qa_audit.gui.scoring.side_panel import SidePanel
from qa_audit.services.sessions import SessionInfo


class ScoringHost(Protocol):
    """The page as its controllers see it."""

    ui: Ui_ScoringPage
    ctx: AppContext
    form: ScoringForm | None
    presenter: ScoringPresenter
    autosave: Autosave
    side: SidePanel
    undo_stack: QUndoStack
    read_only_reason: str | None
    submitted: SignalInstance
    saved: SignalInstance

    @property
    def session(self) -> SessionInfo | None: ...

    @property
    def member(self) -> str | None: ...

    @property
    def plan_ref(self) -> str | None: ...

    @property
    def item(self) -> ItemKey | None: ...

    def editable(self) -> bool: ...

    def where(self) -> tuple[str, ItemKey, str]: ...

    def update_progress(self) -> None: ...

    def flush_text_saves(self) -> None: ...

    def focus_form(self) -> None: ...

    def plan_pane_visible(self) -> bool: ...

    def load_plan(self, plan_ref: str | ItemKey) -> None: ...

    def after_status_change(self, plan: ItemKey) -> None: ...
