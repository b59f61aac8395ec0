"""The plan document pane docked beside the scoring form: shown and hidden (F4), moved
into and out of (F6), sized, remembered in the settings, and kept on the question
being answered.

A controller only: the pane is ``gui.evidence.PlanDocumentPane``, the splitters are
in the page's Designer form. The page owns what a quote means (``quote_requested``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from qa_audit.gui.evidence.plan_pane import PlanDocumentPane
from qa_audit.gui.generated.ui_scoring_page import Ui_ScoringPage
from qa_audit.gui.scoring.evidence import hint_text, is_provision_question
from qa_audit.gui.scoring.question_widget import QuestionWidget
from qa_audit.gui.scoring.scoring_form import ScoringForm

SETTING_PLAN_PANE = "scoring/plan_pane_visible"
#: form : plan pane when no widths were stored (proportions: the splitter scales them)
DEFAULT_SPLIT = (900, 1100)
SETTING_PLAN_PANE_SIZES = "scoring/plan_pane_sizes"


def stored_sizes(value: object) -> list[int] | None:
    """Two positive widths from the settings (a list, or "a,b" from an INI file)."""
    if isinstance(value, str):
        value = value.split(",")
    try:
        sizes = [int(v) for v in value] if isinstance(value, list | tuple) else []
    except (TypeError, ValueError):
        return None
    return sizes if len(sizes) == 2 and min(sizes) > 0 else None


class PlanPaneDock(QObject):
    """Docks the plan document pane in the page's evidence splitter."""

    def __init__(self, ui: Ui_ScoringPage, settings: QSettings | None,
                 form: Callable[[], ScoringForm | None], resize: Callable[[], None],
                 focus_form: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.ui = ui
        self.action = QAction(self)  # the page's F4 action, given to setup()
        self._sizes: list[int] | None = None
        self.settings = settings
        self._form = form
        self._resize = resize
        self._focus_form = focus_form
        self.pane = PlanDocumentPane(ui.evidenceSplitter)
        ui.evidenceSplitter.addWidget(self.pane)
        self.pane.hide()

    def setup(self, action: QAction) -> None:
        """Wire the pane, the splitter and the F4 action; show it if it was left open."""
        self.action = action
        split = self.ui.evidenceSplitter
        split.setCollapsible(0, False)
        split.setCollapsible(1, True)  # drag it shut: same as hiding it
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        # With the plan open the sample list folds away (the Plan selector above still
        # switches plans); drag its edge to bring it back.
        self.ui.mainSplitter.setCollapsible(0, True)
        self.pane.analysis_changed.connect(self.refresh_hints)
        self.pane.document_opened.connect(self._on_document_opened)
        split.splitterMoved.connect(self._on_splitter_moved)
        self._sizes = stored_sizes(self.settings.value(SETTING_PLAN_PANE_SIZES)
                                   if self.settings is not None else None)
        self.ui.planPaneButton.setDefaultAction(self.action)
        self.action.toggled.connect(lambda on: self.set_visible(on, focus=on))
        stored = self.settings.value(SETTING_PLAN_PANE) if self.settings is not None else None
        if str(stored).lower() in ("true", "1"):
            self.set_visible(True)

    def visible(self) -> bool:
        return not self.pane.isHidden()

    def set_visible(self, visible: bool, *, focus: bool = False) -> None:
        """Show or hide the plan document beside the form (F4); remembered in the settings."""
        if self.action.isChecked() != visible:
            self.action.blockSignals(True)
            self.action.setChecked(visible)
            self.action.blockSignals(False)
            self.ui.planPaneButton.setChecked(visible)
        if visible:
            if self.pane.isHidden():
                self.pane.show()
                self._resize()
                self._restore_sizes()
            if focus:
                self.focus_pane()
        elif not self.pane.isHidden():
            focus_widget = QApplication.focusWidget()
            inside = focus_widget is not None and self.pane.isAncestorOf(focus_widget)
            self.pane.hide()
            self._resize()
            if inside:
                self.focus_current_question()
        if self.settings is not None:
            self.settings.setValue(SETTING_PLAN_PANE, visible)

    def focus_pane(self) -> None:
        """Put the keyboard in the plan document (or on Open plan… when none is open)."""
        if self.pane.document is None:
            self.pane.open_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.pane.stack.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_current_question(self) -> None:
        """Back to the question being answered (else the first unanswered one)."""
        form = self._form()
        if form is None:
            return
        current = form.current()
        if current is not None and current.isVisible():
            form.focus_item(current)
        else:
            self._focus_form()

    def switch_focus(self) -> None:
        """F6: from the form to the plan document and back (showing the plan if hidden)."""
        focus = QApplication.focusWidget()
        if self.visible() and focus is not None and self.pane.isAncestorOf(focus):
            self.focus_current_question()
        else:
            self.set_visible(True, focus=True)

    def sizes(self) -> list[int]:
        """Widths of the form and the plan pane."""
        return self.ui.evidenceSplitter.sizes()

    def _restore_sizes(self) -> None:
        split = self.ui.evidenceSplitter
        sizes = self._sizes
        if sizes is None:  # 9:11; not from the width, which is 0 before the page is shown
            sizes = list(DEFAULT_SPLIT)
        split.setSizes(sizes)  # proportions: Qt scales them to the width there is

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        sizes = self.ui.evidenceSplitter.sizes()
        if sizes[1] == 0:  # dragged shut
            self.set_visible(False)
            return
        self._sizes = sizes
        if self.settings is not None:
            self.settings.setValue(SETTING_PLAN_PANE_SIZES, sizes)

    def _on_document_opened(self, _name: str) -> None:
        if not self.visible():  # e.g. a file remembered for this plan reopened
            self.set_visible(True)
        form = self._form()
        current = form.current() if form is not None else None
        if isinstance(current, QuestionWidget):  # open at the current question's section
            self.pane.set_question(current.question)

    def follow_question(self, widget: object) -> None:
        """The form's current item changed: the pane follows its question."""
        self.pane.set_question(widget.question if isinstance(widget, QuestionWidget) else None)

    def show_flags_of(self, question_id: str) -> None:
        """The hint's "see plan pane" link: that question's flags in the pane."""
        form = self._form()
        if form is None:
            return
        form.focus_question(question_id)
        self.set_visible(True)
        self.pane.set_question(form.questions[question_id].question)
        self.pane.tabs.setCurrentIndex(0)

    def refresh_hints(self) -> None:
        """Show, beside each provision question, what the pane flagged in its section."""
        form = self._form()
        if form is None:
            return
        for widget in form.questions.values():
            question = widget.question
            text = None
            if widget.applicable and is_provision_question(question):
                text = hint_text(self.pane.flags_for_question(question))
            widget.set_evidence_hint(text)
