"""What the Moderation page's helpers may use of it: the page, as a protocol.

The helpers (``agreed_panel``, ``editing``, ``input``, ``page_acts``,
``page_setup``) each do one part of the page's work and are handed the page;
typing them against this protocol instead of importing ``ModerationPage`` keeps
the imports one-way (no cycle, not even for the type checker).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QPushButton, QWidget

from qa_audit.domain.agreement import AgreementStats
from qa_audit.domain.audit import SessionData
from qa_audit.domain.items import ItemKey
from qa_audit.domain.rubric import Rubric
from qa_audit.gui.context import AppContext
from qa_audit.gui.generated.ui_moderation_page import Ui_ModerationPage
from qa_audit.gui.moderation.agreeing import AgreedChange
from qa_audit.gui.moderation.drift_chart import DriftChart
from qa_audit.gui.moderation.grid_model import ModerationGridModel
from qa_audit.gui.moderation.list_models import MemberAgreementModel, PlanListModel
from qa_audit.gui.moderation.presenter import MemberColumn, PlanModeration
from qa_audit.gui.moderation.saving import AgreedSaver, VersionBox
from qa_audit.services.sessions import MemberInfo, SessionInfo


class Panel(Protocol):
    """The agreed panel (``agreed_panel.AgreedPanel``) as the editor uses it."""

    grade_buttons: dict[int, QPushButton]

    def fill_overall(self) -> None: ...
    def remember_theme(self, theme_id: str | None) -> None: ...


class Screen(Protocol):
    """The Moderation page (``pages.moderation_page.ModerationPage``)."""

    ui: Ui_ModerationPage
    ctx: AppContext
    today: Callable[[], dt.date]
    info: SessionInfo | None
    data: SessionData | None
    rubric: Rubric | None
    members: list[MemberColumn]
    view: PlanModeration | None
    item: ItemKey | None  # the plan, or the advice return, on screen
    box: VersionBox
    stats: AgreementStats | None
    overall_rationales: dict[tuple[str, ItemKey], str]
    texts_dirty: bool
    filling: bool
    answer_keys: dict[str, dict[str, str]]
    grid_model: ModerationGridModel
    plan_model: PlanListModel
    member_model: MemberAgreementModel
    drift_chart: DriftChart
    saver: AgreedSaver
    undo_stack: QUndoStack
    agree_action: QAction
    save_finished: SignalInstance

    @property
    def plan_ref(self) -> str | None: ...

    @property
    def panel(self) -> Panel: ...

    @property
    def grade_buttons(self) -> dict[int, QPushButton]: ...

    def as_widget(self) -> QWidget:
        """The page itself, as the parent of its dialogs."""
        ...

    def apply_changes(self, item: ItemKey, changes: Sequence[AgreedChange]) -> None: ...
    def current_member(self) -> MemberInfo | None: ...
    def can_edit(self) -> bool: ...
    def edit_block_reason(self) -> str | None: ...
    def can_see_plan(self) -> Callable[[ItemKey], bool]: ...
    def plan_row(self) -> int: ...
    def agreed_grade(self) -> int | None: ...
    def moderator(self) -> str: ...
    def apply_row_filter(self) -> None: ...
    def go_to_row(self, row: int) -> None: ...
    def edit_cell(self, key: str, column: int) -> None: ...
    def edit_rationale(self, key: str) -> None: ...
    def load_plan(self, item: str | ItemKey | None, *, reload_session: bool) -> None: ...
    def refresh_after_saves(self) -> None: ...
    def show_save_state(self) -> None: ...
    def set_tab_order(self) -> None: ...
    def notify(self, *topics: str) -> None: ...



