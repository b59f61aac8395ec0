"""The Scoring page: a panel member scores the session's sampled plans, blind.

Layout comes from ``forms/scoring_page.ui`` (selectors, plan list, form area,
side panel); the scoring form itself is generated from the session's rubric
for each plan (``qa_audit.gui.scoring``).

Every change is saved at once through ``services.scoring`` (autosave, no Save
button): answers, grades and themes as they are made, and text when typing
pauses (``TEXT_SAVE_DELAY_MS``) or the box loses focus. Saves run in the background
(``SaveQueue``: in order, the window never waits on a slow share) and leaving the
plan, session or page waits for them. A save that fails (the database is busy, the
share is gone) leaves the edit on screen and offers Retry; nothing is lost silently.
Other members' scores stay hidden until the member has submitted their own (blind
scoring). A closed session is read-only.

The plan document pane (``qa_audit.gui.evidence.plan_pane.PlanDocumentPane``) docks beside
the form in a collapsible splitter (**Show plan document**, F4; F6 moves between
the form and the plan). It follows the plan being scored and the current
question; a quote (Ctrl+Shift+Q in the pane) is added to the current question's
evidence note and saved like a typed note (Ctrl+Z takes it out again). Provision
questions show how many possible vague phrases the pane found (suggestions only).

Built as view, controllers and presenter: the layout is the Designer form; this
module wires the selectors, the plan list and the form; ``gui.scoring.autosave``,
``edits``, ``plan_pane_dock`` and ``side_panel`` are its controllers; and
``gui.scoring.page_presenter`` (no Qt) holds the page's state and decisions.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox, QFrame, QWidget

from qa_audit.domain.audit import AuditRecord
from qa_audit.domain.items import ItemKey
from qa_audit.domain.rubric import Rubric
from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.gui.evidence.plan_pane import PlanDocumentPane
from qa_audit.gui.generated.ui_scoring_page import Ui_ScoringPage
from qa_audit.gui.scoring import page_presenter as present
from qa_audit.gui.scoring.autosave import Autosave
from qa_audit.gui.scoring.commands import undo_actions
from qa_audit.gui.scoring.edits import ScoringEdits
from qa_audit.gui.scoring.member_combo import fill_member_combo
from qa_audit.gui.scoring.models import OtherScoresModel, PlanListModel, SessionProgressModel
from qa_audit.gui.scoring.page_presenter import ProgressRow, ScoringPresenter
from qa_audit.gui.scoring.plan_list import PlanList
from qa_audit.gui.scoring.plan_pane_dock import PlanPaneDock
from qa_audit.gui.scoring.returns_box import ReturnsBox
from qa_audit.gui.scoring.save_queue import SaveQueue
from qa_audit.gui.scoring.scoring_form import ScoringForm
from qa_audit.gui.scoring.side_panel import SidePanel
from qa_audit.gui.scoring.submission import Submission
from qa_audit.gui.scoring.widgets import TONES, tint
from qa_audit.services import (
    reaudits,
    rubric_view,
    sampling,
    scoring,
    session_data,
    sessions,
    submission,
)

#: Topics of ``AppContext.data_changed`` this page listens to.
REFRESH_ON = frozenset({"sessions", "audits", "plans"})


class ScoringPage(QWidget):
    """Blind scoring of a session's sample by one panel member, saved as it is made."""

    #: Delay before typed text is saved (tests set 0).
    TEXT_SAVE_DELAY_MS = 400

    #: Something was written to the database (what).
    saved = Signal(str)
    #: A save failed (the message shown to the user).
    save_failed = Signal(str)
    #: A plan was loaded into the form (plan ref).
    plan_loaded = Signal(str)
    #: The member submitted a plan (plan ref).
    submitted = Signal(str)

    def __init__(self, ctx: AppContext, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.ui = Ui_ScoringPage()
        self.ui.setupUi(self)
        self.setObjectName("scoringPage")
        self.presenter = ScoringPresenter()
        self.form: ScoringForm | None = None
        self.read_only_reason: str | None = None
        self._notifying = False
        self._shown_once = False

        self.undo_stack = QUndoStack(self)
        self.autosave = Autosave(self, self.ui, lambda: self.TEXT_SAVE_DELAY_MS)
        self.autosave.saved.connect(self.saved)
        self.autosave.saved.connect(self.refresh_progress)  # a first answer makes a draft
        self.autosave.save_failed.connect(self.save_failed)
        self.edits = ScoringEdits(self, self)
        self.submission = Submission(self, self)
        self.autosave.text_due.connect(self.edits.save_typed)
        self.plans = PlanList(self, self)
        self.side = SidePanel(self.ui, self)
        self.returns_box = ReturnsBox(ctx, self.ui, self, lambda: self.plan_pane)  # issue 17
        self.dock = PlanPaneDock(self.ui, settings, lambda: self.form, self.plans.size_panels,
                                 self.focus_form, self)
        self._setup_views()
        self._setup_actions()
        self.dock.setup(self.plan_pane_action)
        self.plan_pane.quote_requested.connect(self.edits.add_quote)
        ctx.data_changed.connect(self._on_data_changed)
        self.reload_sessions()

    # ------------------------------------------------ the presenter's state, as before

    @property
    def session(self) -> sessions.SessionInfo | None:
        return self.presenter.session

    @property
    def member(self) -> str | None:
        return self.presenter.member

    @property
    def plan_ref(self) -> str | None:
        return self.presenter.plan_ref

    @property
    def item(self) -> ItemKey | None:
        return self.presenter.item

    @property
    def rubric(self) -> Rubric | None:
        return self.presenter.rubric

    @property
    def plan_model(self) -> PlanListModel:
        return self.plans.model

    @property
    def autosaver(self) -> SaveQueue:
        return self.autosave.queue

    @property
    def save_state(self) -> str:
        """``saved``, ``saving`` or ``error``."""
        return self.autosave.state

    @property
    def plan_pane(self) -> PlanDocumentPane:
        return self.dock.pane

    @property
    def others_model(self) -> OtherScoresModel:
        return self.side.others_model

    @property
    def progress_model(self) -> SessionProgressModel:
        return self.side.progress_model

    # ================================================================ setup

    def _setup_views(self) -> None:
        ui = self.ui
        self.plans.setup()
        ui.sessionCombo.currentIndexChanged.connect(self._on_session_combo)
        ui.memberCombo.currentIndexChanged.connect(self._on_member_combo)
        ui.submitButton.clicked.connect(self.submit)
        ui.reopenButton.clicked.connect(self.reopen)
        ui.discardButton.clicked.connect(self.discard_unsaved)
        ui.messageBanner.hide()
        ui.infoBanner.hide()
        ui.reopenButton.hide()
        tint(ui.messageBanner, background=TONES["red"][0])
        tint(ui.messageLabel, "#7f1d1d")
        tint(ui.infoBanner, "#1e3a8a", "#eef4ff")
        ui.infoBanner.setMargin(6)
        ui.infoBanner.setFrameShape(QFrame.Shape.StyledPanel)
        ui.mainSplitter.setStretchFactor(0, 0)
        ui.mainSplitter.setStretchFactor(1, 3)
        ui.mainSplitter.setStretchFactor(2, 1)
        self.plans.size_panels()
        ui.submitButton.setMinimumHeight(ui.submitButton.sizeHint().height() * 3 // 2)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.plans.size_panels()
            self.side.fit_others()

    def _setup_actions(self) -> None:
        undo, redo = undo_actions(self.undo_stack, self)
        self.undo_action, self.redo_action = undo, redo

        def action(text: str, keys: list[str], slot: Callable[[], object]) -> QAction:
            act = QAction(text, self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.addAction(undo)
        self.addAction(redo)
        self.submit_action = action("Submit audit", ["Ctrl+Return", "Ctrl+Enter"], self.submit)
        self.next_plan_action = action("Next plan", ["Alt+Right", "Ctrl+PgDown"],
                                       lambda: self.step_plan(1, focus=True))
        self.prev_plan_action = action("Previous plan", ["Alt+Left", "Ctrl+PgUp"],
                                       lambda: self.step_plan(-1, focus=True))
        self.plan_pane_action = action("Show plan document", ["F4"], lambda: None)
        self.plan_pane_action.setCheckable(True)
        self.plan_pane_action.setToolTip(self.ui.planPaneButton.toolTip())
        self.switch_pane_action = action("Move between the form and the plan document",
                                         ["F6"], self.switch_focus_to_plan)

    # ============================================================ plan pane

    def plan_pane_visible(self) -> bool:
        return self.dock.visible()

    def set_plan_pane_visible(self, visible: bool, *, focus: bool = False) -> None:
        """Show or hide the plan document beside the form (F4); remembered in the settings."""
        self.dock.set_visible(visible, focus=focus)

    def plan_pane_sizes(self) -> list[int]:
        """Widths of the form and the plan pane."""
        return self.dock.sizes()

    def switch_focus_to_plan(self) -> None:
        """F6: from the form to the plan document and back (showing the plan if hidden)."""
        self.dock.switch_focus()

    def refresh_evidence_hints(self) -> None:
        self.dock.refresh_hints()

    # ============================================================== loading

    def _show_error(self, exc: UserError) -> None:
        self.autosave.show_message(exc.message, retry=False)

    def reload_sessions(self) -> None:
        """Fill the session selector (keeping the current session when it still exists)."""
        try:
            infos = sessions.list_sessions(self.ctx.db)
        except UserError as exc:
            self._show_error(exc)
            return
        current = self.presenter.set_sessions(infos)
        combo = self.ui.sessionCombo
        combo.blockSignals(True)
        combo.clear()
        for info in infos:
            combo.addItem(f"{info.name} ({info.status})", info.name)
            combo.setItemData(combo.count() - 1,
                              f"{info.name}: {info.status}, {info.sampled} plans, "
                              f"rubric {info.rubric_id} v{info.rubric_version}",
                              Qt.ItemDataRole.ToolTipRole)
        combo.blockSignals(False)
        if current is None:
            self._clear("No audit sessions yet. Create a session and draw its sample first.")
            return
        self._select_data(combo, current)
        self.open_session(current)

    @staticmethod
    def _select_data(combo: QComboBox, data: object) -> None:
        """Show the item holding ``data`` without telling anyone."""
        combo.blockSignals(True)
        combo.setCurrentIndex(combo.findData(data))
        combo.blockSignals(False)

    def open_session(self, name: str, member: str | None = None,
                     plan_ref: str | ItemKey | None = None) -> None:
        """Show a session: its panel in "I am", its sample, and a plan in the form."""
        info = self.presenter.sessions.get(name)
        if info is None:
            self.reload_sessions()
            return
        try:
            rubric = rubric_view.load_rubric(self.ctx.db, info.rubric_id,
                                             info.rubric_version).rubric
            rows = sampling.sample_rows(self.ctx.db, name)
        except UserError as exc:
            self._show_error(exc)
            return
        self.presenter.rubric = rubric
        self.presenter.session = info
        if self.ui.sessionCombo.currentData() != name:
            self._select_data(self.ui.sessionCombo, name)
        self.presenter.set_sample(rows)
        self.returns_box.load(name, rubric)
        self._fill_members(info, member)
        self.ui.helpLabel.setText(self.presenter.help_text())
        self.refresh_plans()
        if not self.presenter.sample:
            self._clear("No plans have been sampled for this session yet.")
            return
        wanted = plan_ref or self.presenter.remembered_plan()
        row = self.plan_model.row_of(wanted) if wanted else -1
        self.select_plan_row(row if row >= 0 else 0)

    def _fill_members(self, info: sessions.SessionInfo, member: str | None) -> None:
        stored = (self.settings.value(present.setting_key(info.name))
                  if self.settings is not None else None)
        fill_member_combo(self.ui.memberCombo, self.presenter, info, member, stored,
                          self.ctx.actor.user)

    def refresh_plans(self) -> None:
        """Recount the member's progress on every sampled plan and the session table."""
        p = self.presenter
        if p.session is None or p.rubric is None:
            return
        try:
            # only this member's audits: the others' are not counted here (nor shown)
            data = session_data.load_member_session(self.ctx.db, p.session.name, p.member)
            self.plans.model.set_reaudits(reaudits.reaudit_plans(self.ctx.db, p.session.name))
        except UserError as exc:
            self._show_error(exc)
            return
        p.facts = {ref: facts.as_condition_facts() for ref, facts in data.plans.items()}
        self.plans.set_rows(p.progress_rows(data.sampled, data.own))
        self.refresh_progress()

    def refresh_progress(self, *_args: object) -> None:
        """The panel's Submitted / Drafts counts, live after every save."""
        if self.presenter.session is None:
            return
        try:
            progress = submission.session_progress(self.ctx.db, self.presenter.session.name)
        except UserError as exc:
            self._show_error(exc)
            return
        self.progress_model.set_rows([ProgressRow(x.member, x.role, x.submitted, x.drafts,
                                                  x.plans) for x in progress])

    def select_plan_row(self, row: int) -> bool:
        """Show the plan in this row of the plan list (after saving what is typed)."""
        return self.plans.select_row(row)

    def select_plan(self, plan_ref: str | ItemKey) -> bool:
        return self.plans.select(plan_ref)

    def step_plan(self, delta: int, *, focus: bool = False) -> bool:
        """Previous (-1) or next (+1) plan of the sample."""
        return self.plans.step(delta, focus=focus)

    def load_plan(self, item: str | ItemKey) -> None:
        """Build the form for a plan (or advice return) with the member's saved answers."""
        p = self.presenter
        if p.session is None or p.rubric is None:
            return
        self.flush_saves()  # the form then shows what the database holds
        focus = self.plans.focus_after_load or self._form_has_focus()
        self.plans.focus_after_load = False
        self.undo_stack.clear()
        p.remember_plan(item)
        plan_ref = p.plan_ref or ""
        audits: list[AuditRecord] = []
        if p.member:
            try:
                audits = scoring.visible_audits(self.ctx.db, p.session.name, item, p.member)
            except UserError as exc:
                self._show_error(exc)
        p.take_audits(audits)
        self._show_form(p.rubric, p.facts.get(plan_ref) or {})
        self._apply_read_only()
        row = p.sample.get(plan_ref)
        self.side.show_facts(p.facts_view(plan_ref), row.issue_date if row else None)
        self.returns_box.show_plan(p.item)
        self.update_progress()
        questions = ([(w.number, w.question) for w in self.form.questions.values()
                      if w.applicable] if self.form is not None else [])
        self.side.show_others(p.others_view(audits), p.rubric, questions, p.member)
        self.ui.missingLabel.hide()
        self.plan_pane.set_question(None)
        self.plan_pane.set_plan_key(f"{p.session.name}/{p.item.log_key if p.item else ''}")
        self.refresh_evidence_hints()
        if focus:
            self.focus_form()
        self.plan_loaded.emit(plan_ref)

    def _show_form(self, rubric: Rubric, facts: dict[str, object]) -> None:
        """The form for this plan: the same widgets when the rubric is the same."""
        states = self.presenter.answer_states()
        if self.form is not None and self.form.rubric is rubric:
            form = self.form  # same rubric: reuse the widgets, only the plan changes
            form.set_facts(facts, states)
            self._fill_form(form)
            self.ui.formScroll.verticalScrollBar().setValue(0)
            return
        form = ScoringForm(rubric, facts)
        for qid, state in states.items():
            form.questions[qid].set_state(state)
        self._fill_form(form)
        self.edits.connect_form(form)
        form.current_changed.connect(self.dock.follow_question)
        form.evidence_requested.connect(self.dock.show_flags_of)
        self._replace_form(form)

    def _replace_form(self, form: QWidget) -> None:
        old = self.ui.formScroll.takeWidget()
        self.ui.formScroll.setWidget(form)
        if old is not None:
            old.hide()
            old.deleteLater()
        self.form = form if isinstance(form, ScoringForm) else None

    def _fill_form(self, form: ScoringForm) -> None:
        """The rest of the member's audit (the answers are in place already)."""
        own = self.presenter.own
        if own is None:
            return
        form.refresh_suggestions()
        form.set_grade(own.overall)
        form.set_themes({t.theme_id: t.question_id for t in own.themes})
        form.set_text("strengths", own.strengths)
        form.set_text("development", own.development)

    def _clear(self, message: str) -> None:
        self.flush_saves()
        self.undo_stack.clear()
        self.presenter.plan_ref = None
        self.presenter.own = None
        self._replace_form(QWidget())
        self.plan_pane.set_plan_key(None)
        self._show_info(message)
        self.ui.submitButton.setEnabled(False)
        self.ui.reopenButton.hide()
        self.side.clear()
        self.returns_box.show_plan(None)

    def _show_info(self, text: str) -> None:
        self.ui.infoBanner.setText(text)
        self.ui.infoBanner.show()

    # ============================================================ the form's state

    def _apply_read_only(self) -> None:
        assert self.form is not None
        controls = self.presenter.controls()
        self.read_only_reason = reason = controls.read_only_reason
        self.form.set_read_only(reason is not None)
        if reason:
            self._show_info(reason)
        else:
            self.ui.infoBanner.hide()
        self.ui.submitButton.setEnabled(controls.submit_enabled)
        self.ui.submitButton.setVisible(controls.submit_visible)
        self.ui.reopenButton.setVisible(controls.reopen_visible)
        self.submit_action.setEnabled(controls.submit_enabled)

    def update_progress(self) -> None:
        """The progress bar, status line and plan-list row after a change."""
        if self.form is None or self.plan_ref is None:
            return
        answered, applicable = self.form.answered_count(), self.form.applicable_count()
        status, row = self.presenter.plan_status(answered, applicable, self.form.grade())
        self.side.show_progress(answered, applicable, status)
        if row is not None:
            self.plan_model.update_row(row)
        if self.ui.missingLabel.isVisible():
            self.submission.show_missing(quiet=True)

    def editable(self) -> bool:
        return (self.form is not None and not self.form.read_only and self.session is not None
                and self.member is not None and self.plan_ref is not None)

    def where(self) -> tuple[str, ItemKey, str]:
        """The session, item (plan or advice return) and member of the audit on screen."""
        assert self.session is not None
        assert self.item is not None
        assert self.member
        return self.session.name, self.item, self.member

    # ============================================================== saving

    def flush_text_saves(self) -> None:
        """Queue typed notes and comments now (focus left them, plan changes, page hides)."""
        self.autosave.flush_text()

    def flush_saves(self) -> bool:
        """Save what is typed and wait for every pending save: True when none failed."""
        return self.autosave.flush()

    def retry_saves(self) -> bool:
        """Try the failed saves again and wait for them: True when everything is saved."""
        return self.autosave.retry()

    def discard_unsaved(self) -> None:
        """Forget failed saves and show what the database holds."""
        self.autosave.discard()
        if self.item:
            self.refresh_plans()
            self.load_plan(self.item)

    # ============================================================ submitting

    def submit(self) -> bool:
        """Submit the member's audit of this plan once it is complete (Ctrl+Enter)."""
        return self.submission.submit()

    def reopen(self) -> bool:
        return self.submission.reopen()

    def after_status_change(self, plan: ItemKey) -> None:
        self._notifying = True
        try:
            self.ctx.notify("audits")
        finally:
            self._notifying = False
        self.refresh_plans()
        self.load_plan(plan)

    # ============================================================ selectors

    def _on_session_combo(self, _index: int) -> None:
        name = self.ui.sessionCombo.currentData()
        if not isinstance(name, str) or (self.session and name == self.session.name):
            return
        if not self.autosave.can_leave():
            self._select_data(self.ui.sessionCombo, self.session.name if self.session else None)
            return
        self.open_session(name)

    def _on_member_combo(self, _index: int) -> None:
        name = self.ui.memberCombo.currentData()
        if not isinstance(name, str) or self.session is None or name == self.member:
            return
        if not self.autosave.can_leave():
            self._select_data(self.ui.memberCombo, self.member)
            return
        self.set_member(name)

    def set_member(self, name: str) -> None:
        """Score as this panel member ("I am"); remembered per session."""
        if self.session is None:
            return
        self.presenter.member = name
        if self.ui.memberCombo.currentData() != name:
            self._select_data(self.ui.memberCombo, name)
        self.presenter.member_choice[self.session.name] = name
        if self.settings is not None:
            self.settings.setValue(present.setting_key(self.session.name), name)
        plan = self.item
        self.ui.messageLabel.clear()  # the last member's messages are not this one's
        self.ctx.status_message.emit("")
        self.refresh_plans()
        if plan and self.plan_model.row_of(plan) >= 0:
            self.select_plan(plan)
        elif self.plan_model.rowCount():
            self.select_plan_row(0)

    def _on_data_changed(self, what: str) -> None:
        if self._notifying or what not in REFRESH_ON:
            return
        if what == "sessions":
            self.flush_saves()
            self.reload_sessions()
        else:
            self.refresh_plans()

    # ================================================================ focus

    def _form_has_focus(self) -> bool:
        focus = QApplication.focusWidget()
        return self.form is not None and focus is not None and self.form.isAncestorOf(focus)

    def focus_form(self) -> None:
        """Put the keyboard on the first unanswered question (or the grade)."""
        if self.form is not None:
            self.form.focus_first_unanswered()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once and self.form is not None:
            self._shown_once = True
            QTimer.singleShot(0, self, self._focus_if_nothing_focused)

    def _focus_if_nothing_focused(self) -> None:
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            self.focus_form()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush_text_saves()  # queued: they finish in the background
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_saves()  # a failed save stays on screen; the window asks about it
        super().closeEvent(event)
