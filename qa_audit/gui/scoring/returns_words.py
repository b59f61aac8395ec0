"""The Scoring page's words on a DCO session: advice returns, not plans (issue 17).

A session on an ``advice_return`` rubric scores returns, and the document opened
beside the form is the advice; the page and the document pane said "plan"
throughout ("Score plans", "Open plan…", "Remember this file for this plan").
``apply`` swaps the visible words both ways (a plan session gets its own back).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QToolButton, QWidget

from qa_audit.gui.evidence.pane_view import PlanPaneView
from qa_audit.gui.generated.ui_scoring_page import Ui_ScoringPage

__all__ = ["PLAN_WORDS", "RETURN_WORDS", "Words", "apply"]

Words = dict[str, str]

PLAN_WORDS: Words = {
    "title": "Score plans", "list": "Plans in the sa&mple", "list_name": "Plans in the sample",
    "progress": "Your audit of this plan", "open": "Open plan…",
    "open_tip": "Open the plan being scored (PDF, Word .docx or text)",
    "open_name": "Open plan document", "pane_button": "Show plan document",
    "remember": "Remember this file for this plan on this computer",
    "empty": "Open the plan being scored to see it here.\n"
             "PDF, Word (.docx) or text. Nothing is copied: the file stays where it is.",
}
RETURN_WORDS: Words = {
    "title": "Score advice returns", "list": "Advice returns in the sa&mple",
    "list_name": "Advice returns in the sample", "progress": "Your audit of this return",
    "open": "Open advice…", "open_tip": "Open the advice return being scored (PDF, Word "
    ".docx or text)", "open_name": "Open advice document", "pane_button": "Show advice document",
    "remember": "Remember this file for this return on this computer",
    "empty": "Open the advice return being scored to see it here.\n"
             "PDF, Word (.docx) or text. Nothing is copied: the file stays where it is.",
}
_TITLE = '<span style="font-size:x-large; font-weight:600">{}</span>'


def apply(ui: Ui_ScoringPage, pane: PlanPaneView, returns: bool) -> None:
    """The words of a returns session (``returns``) or a plan session."""
    w = RETURN_WORDS if returns else PLAN_WORDS
    title: QLabel = ui.titleLabel
    title.setText(_TITLE.format(w["title"]))
    title.setAccessibleName(w["title"])
    ui.planListLabel.setText(w["list"])
    ui.planList.setAccessibleName(w["list_name"])
    group: QGroupBox = ui.progressGroup
    group.setTitle(w["progress"])
    button: QToolButton = ui.planPaneButton
    action = button.defaultAction()  # F4's action: the button shows its text
    (action or button).setText(w["pane_button"])
    button.setAccessibleName(w["pane_button"])
    _set(pane.open_button, w["open"], w["open_tip"], w["open_name"])
    pane.remember_box.setText(w["remember"])
    pane.remember_box.setAccessibleName(w["remember"])
    pane.empty_label.setText(w["empty"])


def _set(button: QWidget, text: str, tip: str, name: str) -> None:
    assert isinstance(button, QAbstractButton)
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(name)
