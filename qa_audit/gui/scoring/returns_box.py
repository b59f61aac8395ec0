"""The Scoring page's "Advice return" box: the return being scored, from the register.

Shown in the side panel, under the plan's key facts, only for a session on an
``advice_return`` rubric (issue 17). What it says is decided by
``returns_presenter``; the dates come from ``services.advice_returns``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from qa_audit.domain.items import ItemKey
from qa_audit.domain.rubric import Rubric
from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.gui.evidence.pane_view import PlanPaneView
from qa_audit.gui.generated.ui_scoring_page import Ui_ScoringPage
from qa_audit.gui.scoring import returns_presenter as present
from qa_audit.gui.scoring import returns_words
from qa_audit.services import advice_returns
from qa_audit.services.advice_returns import ReturnDetails

__all__ = ["ReturnsBox"]


class ReturnsBox(QObject):
    """``load(session, rubric)`` when a session opens, ``show_plan(ref)`` per plan."""

    def __init__(self, ctx: AppContext, ui: Ui_ScoringPage, parent: QObject,
                 pane: Callable[[], PlanPaneView] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui, self.pane = ui, pane  # the words follow the session (returns_words)
        self.returns: dict[str, list[ReturnDetails]] = {}
        self.active = False  # the session audits advice returns
        self.group = QGroupBox("Advice return", ui.sidePanel)
        self.group.setObjectName("returnGroup")
        self.label = QLabel(self.group)
        self.label.setObjectName("returnDetails")
        self.label.setAccessibleName("Advice return")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.group).addWidget(self.label)
        layout = ui.sidePanelLayout
        layout.insertWidget(layout.indexOf(ui.factsGroup) + 1, self.group)
        self.group.hide()

    def load(self, session_name: str, rubric: Rubric) -> None:
        """Read the session's sampled returns once (none unless it audits returns)."""
        self.returns = {}
        self.active = rubric.unit == advice_returns.ADVICE_RETURN
        if self.active:
            try:
                self.returns = present.by_plan(
                    advice_returns.session_returns(self.ctx.db, session_name))
            except UserError as exc:
                self.label.setText(exc.message)
        self.group.setVisible(self.active)
        if self.pane is not None:
            returns_words.apply(self.ui, self.pane(), self.active)

    def show_plan(self, item: ItemKey | None) -> None:
        """The advice return being scored (a plan: its sampled returns; None: no plan
        shown, the box empties)."""
        if not self.active:
            return
        plan_ref = item.plan_ref if item else None
        found = self.returns.get(plan_ref.casefold(), []) if plan_ref else []
        if item is not None and item.is_return:
            found = [r for r in found if r.advice_request_id == item.advice_request_id]
        label = advice_returns.service_label
        self.label.setText(present.returns_html(found, label) if plan_ref else "")
        self.label.setAccessibleDescription(present.returns_spoken(found, label))
        self.group.setTitle("Advice returns" if len(found) > 1 else "Advice return")
