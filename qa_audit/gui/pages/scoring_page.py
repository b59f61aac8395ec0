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

The plan document pane (``qa_audit.gui.evidence.PlanDocumentPane``) docks beside
the form in a collapsible splitter (**Show plan document**, F4; F6 moves between
the form and the plan). It follows the plan being scored and the current
question; a quote (Ctrl+Q in the pane) is added to the current question's
evidence note and saved like a typed note (Ctrl+Z takes it out again). Provision
questions show how many possible vague phrases the pane found (suggestions only).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import uuid
from collections.abc import Callable, Hashable
from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QHideEvent,
    QKeySequence,
    QPalette,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QWidget,
)

from qa_audit.domain.audit import AuditRecord, ThemeRecord
from qa_audit.domain.rubric import Rubric
from qa_audit.errors import UserError
from qa_audit.evidence import format_quote
from qa_audit.gui.context import AppContext
from qa_audit.gui.evidence import PlanDocumentPane
from qa_audit.gui.generated.ui_scoring_page import Ui_ScoringPage
from qa_audit.gui.models.plan_table import format_date
from qa_audit.gui.scoring.commands import (
    AddQuoteCommand,
    SetAnswerCommand,
    SetAttributionCommand,
    SetGradeCommand,
    SetReasonCommand,
    Themes,
    ToggleThemeCommand,
    toggled,
    undo_actions,
)
from qa_audit.gui.scoring.evidence import append_quote, hint_text, is_provision_question
from qa_audit.gui.scoring.models import (
    DRAFT,
    NOT_STARTED,
    SUBMITTED,
    OtherScoresModel,
    PlanListModel,
    PlanProgress,
    ProgressRow,
    SessionProgressModel,
)
from qa_audit.gui.scoring.question_widget import (
    TONES,
    AnswerState,
    QuestionWidget,
    font_with,
    na_key,
    tint,
)
from qa_audit.gui.scoring.save_queue import SaveQueue
from qa_audit.gui.scoring.scoring_form import COMMENT_FIELDS, ScoringForm
from qa_audit.services import rubric_view, sampling, scoring, session_data, sessions
from qa_audit.services.rubric_view import NEED_NAMES, year_group_label
from qa_audit.services.sampling import SampleRow
from qa_audit.services.sessions import SessionInfo

log = logging.getLogger(__name__)

#: Topics of ``AppContext.data_changed`` this page listens to.
REFRESH_ON = frozenset({"sessions", "audits", "plans"})
SETTING_MEMBER = "scoring/member/{session}"
SETTING_PLAN_PANE = "scoring/plan_pane_visible"
SETTING_PLAN_PANE_SIZES = "scoring/plan_pane_sizes"
OPEN_STATUSES = ("planning", "scoring")


def _setting_key(session: str) -> str:
    return SETTING_MEMBER.format(session=session.replace("/", "_"))


def _record(audit: object, plan_ref: str, session: str) -> AuditRecord:
    """An ORM audit row from ``scoring.visible_audits`` as plain domain data."""
    answers = list(audit.answers)  # type: ignore[attr-defined]
    return AuditRecord(
        session=session, plan_ref=plan_ref,
        auditor=audit.auditor, is_panel=audit.is_panel,  # type: ignore[attr-defined]
        agency=audit.agency, overall=audit.overall,  # type: ignore[attr-defined]
        status=audit.status,  # type: ignore[attr-defined]
        answers={a.question_id: a.value for a in answers if a.value},
        notes={a.question_id: a.note for a in answers if a.note},
        attributions={a.question_id: tuple(x.agency for x in a.attributions)
                      for a in answers if a.attributions},
        reasons={a.question_id: a.reason for a in answers if a.reason},
        themes=tuple(ThemeRecord(t.theme_id, t.question_id)
                     for t in audit.themes),  # type: ignore[attr-defined]
        strengths=audit.strengths, development=audit.development,  # type: ignore[attr-defined]
    )


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

        self.form: ScoringForm | None = None
        self.rubric: Rubric | None = None
        self.session: SessionInfo | None = None
        self.member: str | None = None
        self.plan_ref: str | None = None
        self.own: AuditRecord | None = None
        self.read_only_reason: str | None = None
        self._sessions: dict[str, SessionInfo] = {}
        self._sample: dict[str, SampleRow] = {}
        self._facts: dict[str, dict[str, object]] = {}
        self._member_choice: dict[str, str] = {}
        self._plan_choice: dict[tuple[str, str], str] = {}
        self._pending_text: set[tuple[str, str]] = set()
        self._notifying = False
        self._shown_once = False
        self._focus_form_after_load = False

        self.undo_stack = QUndoStack(self)
        self.autosaver = SaveQueue(self)
        self.autosaver.saved.connect(self._on_saved)
        self.autosaver.failed.connect(self._on_save_failed)
        self.autosaver.busy.connect(lambda text: self._set_status(text, "saving"))
        self.autosaver.changed.connect(self._show_save_state)
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.timeout.connect(self.flush_text_saves)

        self.plan_model = PlanListModel(self)
        self.progress_model = SessionProgressModel(self)
        self.others_model = OtherScoresModel(self)
        self.plan_pane = PlanDocumentPane(self.ui.evidenceSplitter)
        self.ui.evidenceSplitter.addWidget(self.plan_pane)
        self.plan_pane.hide()
        self._setup_views()
        self._setup_actions()
        self._setup_plan_pane()
        ctx.data_changed.connect(self._on_data_changed)
        self.reload_sessions()

    # ================================================================ setup

    def _setup_views(self) -> None:
        ui = self.ui
        ui.planList.setModel(self.plan_model)
        ui.planCombo.setModel(self.plan_model)
        ui.planList.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        ui.planList.selectionModel().currentRowChanged.connect(self._on_plan_list_row)
        ui.planList.activated.connect(lambda _i: self.focus_form())
        ui.planCombo.currentIndexChanged.connect(self._on_plan_combo_row)
        ui.sessionCombo.currentIndexChanged.connect(self._on_session_combo)
        ui.memberCombo.currentIndexChanged.connect(self._on_member_combo)
        ui.prevPlanButton.clicked.connect(lambda: self.step_plan(-1))
        ui.nextPlanButton.clicked.connect(lambda: self.step_plan(1))
        ui.submitButton.clicked.connect(self.submit)
        ui.reopenButton.clicked.connect(self.reopen)
        ui.retryButton.clicked.connect(self.retry_saves)
        ui.discardButton.clicked.connect(self.discard_unsaved)
        ui.dismissButton.clicked.connect(self._hide_message)
        for table, model in ((ui.othersTable, self.others_model),
                             (ui.sessionTable, self.progress_model)):
            table.setModel(model)
            table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents)
            table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        for table in (ui.othersTable, ui.sessionTable):
            table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        # Everyone's answers: sized once per plan (_fit_others_table), not by the headers
        # on every layout pass -- ResizeToContents re-measured each of its cells ten
        # times while the page settled, a third of the time to open a plan.
        for header in (ui.othersTable.horizontalHeader(), ui.othersTable.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Member names are long: that column takes what is left (elided, full name in the
        # tooltip) so the counts always show without scrolling.
        ui.sessionTable.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        ui.sessionTable.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        ui.sessionTable.verticalHeader().hide()
        ui.othersTable.hide()
        ui.messageBanner.hide()
        ui.infoBanner.hide()
        ui.missingLabel.hide()
        ui.reopenButton.hide()
        tint(ui.messageBanner, background=TONES["red"][0])
        tint(ui.messageLabel, "#7f1d1d")
        tint(ui.infoBanner, "#1e3a8a", "#eef4ff")
        ui.infoBanner.setMargin(6)
        ui.infoBanner.setFrameShape(QFrame.Shape.StyledPanel)
        tint(ui.missingLabel, TONES["red"][1])
        ui.mainSplitter.setStretchFactor(0, 0)
        ui.mainSplitter.setStretchFactor(1, 3)
        ui.mainSplitter.setStretchFactor(2, 1)
        self._size_panels()
        ui.submitButton.setMinimumHeight(ui.submitButton.sizeHint().height() * 3 // 2)

    def _size_panels(self) -> None:
        """Give the plan list room for its text at any text size (e.g. 200%)."""
        plan_list = self.ui.planList
        metrics = plan_list.fontMetrics()
        texts = [r.text for r in self.plan_model.rows()] or ["EHC-000000   00/00 answered"]
        text = max(metrics.horizontalAdvance(t) for t in texts)
        icon = max(plan_list.iconSize().width(), metrics.height())
        style = plan_list.style()
        scrollbar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, plan_list)
        list_width = (text + icon + metrics.averageCharWidth() * 3 + scrollbar
                      + 2 * plan_list.frameWidth() + 12)
        plan_list.setMinimumWidth(list_width)
        side = metrics.averageCharWidth() * 40
        total = max(self.ui.mainSplitter.width(), list_width + side + 500)
        if self.plan_pane_visible():
            list_width = 0  # folded away while the plan document is open
            side = max(side, min(self.ui.sidePanel.sizeHint().width(), side * 5 // 4))
        self.ui.mainSplitter.setSizes([list_width, total - list_width - side, side])

    def _plan_list_width(self, rows: list[PlanProgress]) -> int:
        metrics = self.ui.planList.fontMetrics()
        return max(metrics.horizontalAdvance(r.text) for r in rows)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_panels()
            self._fit_others_table()

    def _fit_others_table(self) -> None:
        """Size everyone's-answers columns and rows to their contents (once per change)."""
        table = self.ui.othersTable
        if self.others_model.columnCount() == 0:
            return
        table.resizeColumnsToContents()
        table.resizeRowsToContents()

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

    def _setup_plan_pane(self) -> None:
        """Dock the plan document pane beside the form (hidden until asked for)."""
        split = self.ui.evidenceSplitter
        split.setCollapsible(0, False)
        split.setCollapsible(1, True)  # drag it shut: same as hiding it
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        # With the plan open the sample list folds away (the Plan selector above still
        # switches plans); drag its edge to bring it back.
        self.ui.mainSplitter.setCollapsible(0, True)
        self.plan_pane.quote_requested.connect(self._on_quote_requested)
        self.plan_pane.analysis_changed.connect(self.refresh_evidence_hints)
        self.plan_pane.document_opened.connect(self._on_document_opened)
        split.splitterMoved.connect(self._on_evidence_splitter_moved)
        self._pane_sizes: list[int] | None = self._stored_sizes()
        self.ui.planPaneButton.setDefaultAction(self.plan_pane_action)
        self.plan_pane_action.toggled.connect(
            lambda on: self.set_plan_pane_visible(on, focus=on))
        stored = self.settings.value(SETTING_PLAN_PANE) if self.settings is not None else None
        if str(stored).lower() in ("true", "1"):
            self.set_plan_pane_visible(True)

    def plan_pane_visible(self) -> bool:
        return not self.plan_pane.isHidden()

    def set_plan_pane_visible(self, visible: bool, *, focus: bool = False) -> None:
        """Show or hide the plan document beside the form (F4); remembered in the settings."""
        action = self.plan_pane_action
        if action.isChecked() != visible:
            action.blockSignals(True)
            action.setChecked(visible)
            action.blockSignals(False)
            self.ui.planPaneButton.setChecked(visible)
        if visible:
            if self.plan_pane.isHidden():
                self.plan_pane.show()
                self._size_panels()
                self._restore_pane_sizes()
            if focus:
                self.focus_plan_pane()
        elif not self.plan_pane.isHidden():
            focus_widget = QApplication.focusWidget()
            inside = focus_widget is not None and self.plan_pane.isAncestorOf(focus_widget)
            self.plan_pane.hide()
            self._size_panels()
            if inside:
                self.focus_current_question()
        if self.settings is not None:
            self.settings.setValue(SETTING_PLAN_PANE, visible)

    def focus_plan_pane(self) -> None:
        """Put the keyboard in the plan document (or on Open plan… when none is open)."""
        pane = self.plan_pane
        if pane.document is None:
            pane.open_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            shown = pane.stack.currentWidget()
            if shown is not None:
                shown.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_current_question(self) -> None:
        """Back to the question being answered (else the first unanswered one)."""
        if self.form is None:
            return
        current = self.form.current()
        if current is not None and current.isVisible():
            self.form.focus_item(current)
        else:
            self.focus_form()

    def switch_focus_to_plan(self) -> None:
        """F6: from the form to the plan document and back (showing the plan if hidden)."""
        focus = QApplication.focusWidget()
        if self.plan_pane_visible() and focus is not None and self.plan_pane.isAncestorOf(focus):
            self.focus_current_question()
        else:
            self.set_plan_pane_visible(True, focus=True)

    def _stored_sizes(self) -> list[int] | None:
        if self.settings is None:
            return None
        value = self.settings.value(SETTING_PLAN_PANE_SIZES)
        if isinstance(value, str):
            value = value.split(",")
        try:
            sizes = [int(v) for v in value] if isinstance(value, (list, tuple)) else []
        except (TypeError, ValueError):
            return None
        return sizes if len(sizes) == 2 and min(sizes) > 0 else None

    def plan_pane_sizes(self) -> list[int]:
        """Widths of the form and the plan pane."""
        return self.ui.evidenceSplitter.sizes()

    def _restore_pane_sizes(self) -> None:
        split = self.ui.evidenceSplitter
        sizes = self._pane_sizes
        if sizes is None:
            total = max(sum(split.sizes()), split.width(), 2)
            sizes = [total * 9 // 20, total - total * 9 // 20]
        split.setSizes(sizes)  # proportions: Qt scales them to the width there is

    def _on_evidence_splitter_moved(self, _pos: int, _index: int) -> None:
        sizes = self.ui.evidenceSplitter.sizes()
        if sizes[1] == 0:  # dragged shut
            self.set_plan_pane_visible(False)
            return
        self._pane_sizes = sizes
        if self.settings is not None:
            self.settings.setValue(SETTING_PLAN_PANE_SIZES, sizes)

    def _on_document_opened(self, _name: str) -> None:
        if not self.plan_pane_visible():  # e.g. a file remembered for this plan reopened
            self.set_plan_pane_visible(True)
        current = self.form.current() if self.form is not None else None
        if isinstance(current, QuestionWidget):  # open at the current question's section
            self.plan_pane.set_question(current.question)

    def _on_current_changed(self, widget: object) -> None:
        self.plan_pane.set_question(widget.question if isinstance(widget, QuestionWidget)
                                    else None)

    def _on_evidence_requested(self, question_id: str) -> None:
        """The hint's "see plan pane" link: that question's flags in the pane."""
        if self.form is None:
            return
        self.form.focus_question(question_id)
        self.set_plan_pane_visible(True)
        self.plan_pane.set_question(self.form.questions[question_id].question)
        self.plan_pane.tabs.setCurrentIndex(0)

    def refresh_evidence_hints(self) -> None:
        """Show, beside each provision question, what the pane flagged in its section."""
        if self.form is None:
            return
        for widget in self.form.questions.values():
            question = widget.question
            text = None
            if widget.applicable and is_provision_question(question):
                text = hint_text(self.plan_pane.flags_for_question(question))
            widget.set_evidence_hint(text)

    def _on_quote_requested(self, text: str, section: object, page: object) -> None:
        """Add the quote to the current question's evidence note and save it."""
        form = self.form
        current = form.current() if form is not None else None
        if form is None or not isinstance(current, QuestionWidget):
            self._show_message("Choose the question first (click it, or J/K), then quote: "
                               "the quote goes into that question's evidence note.",
                               retry=False)
            return
        if not self._editable():
            reason = self.read_only_reason or "this audit cannot be changed."
            self._show_message(f"The quote was not added: {reason}", retry=False)
            return
        if not current.applicable:
            self._show_message(f"Question {current.number} does not apply to this plan, so "
                               "the quote was not added.", retry=False)
            return
        quote = format_quote(text, None if section is None else str(section),
                             None if page is None else int(str(page)))
        qid = current.question.id
        if append_quote(current.state().note, quote) is None:
            self.ctx.status_message.emit(
                f"That quote is already in the evidence note of Q{current.number}.")
            return
        self.undo_stack.push(AddQuoteCommand(self, qid, quote))
        # Scroll to the whole note (not just its cursor) once the layout has made room.
        QTimer.singleShot(0, current, lambda: self._show_details_of(current))
        self.ctx.status_message.emit(
            f"Quote added to the evidence note of Q{current.number} (Ctrl+Z to undo).")

    # ============================================================== loading

    def reload_sessions(self) -> None:
        """Fill the session selector (keeping the current session when it still exists)."""
        try:
            infos = sessions.list_sessions(self.ctx.db)
        except UserError as exc:
            self._show_message(exc.message, retry=False)
            return
        self._sessions = {s.name: s for s in infos}
        current = self.session.name if self.session else None
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
        if not infos:
            self._clear("No audit sessions yet. Create a session and draw its sample first.")
            return
        if current not in self._sessions:
            open_ones = [s for s in infos if s.status in OPEN_STATUSES]
            current = (open_ones[0] if open_ones else infos[0]).name
        combo.blockSignals(True)
        combo.setCurrentIndex(combo.findData(current))
        combo.blockSignals(False)
        self.open_session(current)

    def open_session(self, name: str, member: str | None = None,
                     plan_ref: str | None = None) -> None:
        """Show a session: its panel in "I am", its sample, and a plan in the form."""
        info = self._sessions.get(name)
        if info is None:
            self.reload_sessions()
            return
        try:
            self.rubric = rubric_view.load_rubric(self.ctx.db, info.rubric_id,
                                                  info.rubric_version).rubric
            rows = sampling.sample_rows(self.ctx.db, name)
        except UserError as exc:
            self._show_message(exc.message, retry=False)
            return
        self.session = info
        combo = self.ui.sessionCombo
        if combo.currentData() != name:
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(name))
            combo.blockSignals(False)
        self._sample = {r.plan_ref: r for r in rows if r.withdrawn_reason is None}
        self._fill_members(info, member)
        self._update_help()
        self.refresh_plans()
        if not self._sample:
            self._clear("No plans have been sampled for this session yet.")
            return
        wanted = plan_ref or self._plan_choice.get((name, self.member or ""))
        row = self.plan_model.row_of(wanted) if wanted else -1
        self.select_plan_row(row if row >= 0 else 0)

    def _fill_members(self, info: SessionInfo, member: str | None) -> None:
        combo = self.ui.memberCombo
        combo.blockSignals(True)
        combo.clear()
        for m in info.members:
            suffix = "" if m.role == "auditor" else f" — {m.role}"
            combo.addItem(f"{m.name}{suffix}", m.name)
        names = [m.name for m in info.members]
        choice = member or self._member_choice.get(info.name)
        if choice is None and self.settings is not None:
            stored = self.settings.value(_setting_key(info.name))
            choice = stored if isinstance(stored, str) else None
        if choice not in names:
            user = self.ctx.actor.user.casefold()
            choice = next((m.name for m in info.members if m.name.casefold().startswith(user)),
                          None)
        if choice not in names:
            choice = next((m.name for m in info.members if m.role != "observer"),
                          names[0] if names else None)
        combo.setCurrentIndex(combo.findData(choice) if choice else -1)
        combo.blockSignals(False)
        self.member = choice

    def refresh_plans(self) -> None:
        """Recount the member's progress on every sampled plan and the session table."""
        if self.session is None or self.rubric is None:
            return
        try:
            # only this member's audits: the others' are not counted here (nor shown)
            data = session_data.load_member_session(self.ctx.db, self.session.name,
                                                    self.member)
            progress = scoring.session_progress(self.ctx.db, self.session.name)
        except UserError as exc:
            self._show_message(exc.message, retry=False)
            return
        self._facts = {ref: facts.as_condition_facts() for ref, facts in data.plans.items()}
        rows = [self._progress(ref, data.own.get(ref)) for ref in data.sampled
                if ref in self._sample]
        self._set_plan_rows(rows)
        if rows and self.ui.planList.minimumWidth() < self._plan_list_width(rows):
            self._size_panels()
        self.progress_model.set_rows([ProgressRow(p.member, p.role, p.submitted, p.drafts,
                                                  p.plans) for p in progress])

    def _progress(self, plan_ref: str, audit: AuditRecord | None) -> PlanProgress:
        assert self.rubric is not None
        applicable = self.rubric.applicable_questions(self._facts.get(plan_ref, {}))
        if audit is None:
            return PlanProgress(plan_ref, 0, len(applicable), NOT_STARTED)
        answered = sum(1 for q in applicable if audit.answers.get(q.id))
        status = SUBMITTED if audit.status == SUBMITTED else DRAFT
        return PlanProgress(plan_ref, answered, len(applicable), status,
                            audit.overall is not None)

    def _set_plan_rows(self, rows: list[PlanProgress]) -> None:
        selection = self.ui.planList.selectionModel()
        selection.blockSignals(True)
        self.ui.planCombo.blockSignals(True)
        self.plan_model.set_rows(rows)
        row = self.plan_model.row_of(self.plan_ref) if self.plan_ref else -1
        self._show_row(row)
        self.ui.planCombo.blockSignals(False)
        selection.blockSignals(False)

    def _show_row(self, row: int) -> None:
        self.ui.planCombo.setCurrentIndex(row)
        index = self.plan_model.index(row, 0) if row >= 0 else QModelIndex()
        self.ui.planList.selectionModel().setCurrentIndex(
            index, self.ui.planList.selectionModel().SelectionFlag.ClearAndSelect)

    def select_plan_row(self, row: int) -> bool:
        """Show the plan in this row of the plan list (after saving what is typed)."""
        if not 0 <= row < self.plan_model.rowCount():
            return False
        if not self._can_leave():
            self._restore_plan_selection()
            return False
        selection = self.ui.planList.selectionModel()
        selection.blockSignals(True)
        self.ui.planCombo.blockSignals(True)
        self._show_row(row)
        self.ui.planCombo.blockSignals(False)
        selection.blockSignals(False)
        self.load_plan(self.plan_model.rows()[row].plan_ref)
        return True

    def select_plan(self, plan_ref: str) -> bool:
        return self.select_plan_row(self.plan_model.row_of(plan_ref))

    def step_plan(self, delta: int, *, focus: bool = False) -> bool:
        """Previous (-1) or next (+1) plan of the sample."""
        row = self.plan_model.row_of(self.plan_ref) if self.plan_ref else -1
        target = row + delta
        if not 0 <= target < self.plan_model.rowCount():
            return False
        self._focus_form_after_load = focus
        return self.select_plan_row(target)

    def _restore_plan_selection(self) -> None:
        row = self.plan_model.row_of(self.plan_ref) if self.plan_ref else -1
        selection = self.ui.planList.selectionModel()
        selection.blockSignals(True)
        self.ui.planCombo.blockSignals(True)
        self._show_row(row)
        self.ui.planCombo.blockSignals(False)
        selection.blockSignals(False)

    def load_plan(self, plan_ref: str) -> None:
        """Build the form for a plan and fill it with the member's saved answers."""
        if self.session is None or self.rubric is None:
            return
        self.flush_saves()  # the form then shows what the database holds
        focus = self._focus_form_after_load or self._form_has_focus()
        self._focus_form_after_load = False
        self.undo_stack.clear()
        self.plan_ref = plan_ref
        if self.member:
            self._plan_choice[(self.session.name, self.member)] = plan_ref
        audits: list[AuditRecord] = []
        if self.member:
            try:
                rows = scoring.visible_audits(self.ctx.db, self.session.name, plan_ref,
                                              self.member)
            except UserError as exc:
                self._show_message(exc.message, retry=False)
                rows = []
            audits = [_record(a, plan_ref, self.session.name) for a in rows]
        self.own = next((a for a in audits if a.auditor == self.member and not a.is_panel),
                        None)
        facts = self._facts.get(plan_ref)
        if facts is None:
            facts = {}
        states = self._answer_states(self.own)
        if self.form is not None and self.form.rubric is self.rubric:
            form = self.form  # same rubric: reuse the widgets, only the plan changes
            form.set_facts(facts, states)
            self._fill_form(form, self.own)
            self.ui.formScroll.verticalScrollBar().setValue(0)
        else:
            form = ScoringForm(self.rubric, facts)
            for qid, state in states.items():
                form.questions[qid].set_state(state)
            self._fill_form(form, self.own)
            self._connect_form(form)
            old = self.ui.formScroll.takeWidget()
            self.ui.formScroll.setWidget(form)
            if old is not None:
                old.hide()
                old.deleteLater()
            self.form = form
        self._apply_read_only()
        self._show_facts(plan_ref)
        self._update_progress()
        self._show_others(audits)
        self.ui.missingLabel.hide()
        self.plan_pane.set_question(None)
        self.plan_pane.set_plan_key(f"{self.session.name}/{plan_ref}")
        self.refresh_evidence_hints()
        if focus:
            self.focus_form()
        self.plan_loaded.emit(plan_ref)

    def _answer_states(self, own: AuditRecord | None) -> dict[str, AnswerState]:
        """The member's saved answers as form states (question id -> state)."""
        if own is None or self.rubric is None:
            return {}
        known = {q.id for q in self.rubric.questions()}
        return {qid: AnswerState(own.answers.get(qid), own.attributions.get(qid, ()),
                                 own.notes.get(qid), own.reasons.get(qid))
                for qid in set(own.answers) | set(own.notes) if qid in known}

    def _fill_form(self, form: ScoringForm, own: AuditRecord | None) -> None:
        """The rest of the member's audit (the answers are in place already)."""
        if own is None:
            return
        form.refresh_suggestions()
        form.set_grade(own.overall)
        form.set_themes({t.theme_id: t.question_id for t in own.themes})
        form.set_text("strengths", own.strengths)
        form.set_text("development", own.development)

    def _connect_form(self, form: ScoringForm) -> None:
        form.answer_chosen.connect(self._on_answer_chosen)
        form.agency_chosen.connect(self._on_agency_chosen)
        form.reason_chosen.connect(self._on_reason_chosen)
        form.theme_toggled.connect(self._on_theme_toggled)
        form.grade_chosen.connect(self._on_grade_chosen)
        form.note_edited.connect(lambda qid: self._text_changed(("note", qid)))
        form.note_finished.connect(lambda _qid: self.flush_text_saves())
        form.text_edited.connect(lambda field: self._text_changed(("text", field)))
        form.text_finished.connect(lambda _field: self.flush_text_saves())
        form.current_changed.connect(self._on_current_changed)
        form.evidence_requested.connect(self._on_evidence_requested)

    def _clear(self, message: str) -> None:
        self.flush_saves()
        self.undo_stack.clear()
        self.plan_ref = None
        self.own = None
        old = self.ui.formScroll.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()
        self.form = None
        self.ui.formScroll.setWidget(QWidget())
        self.plan_pane.set_plan_key(None)
        self._show_info(message)
        self.ui.submitButton.setEnabled(False)
        self.ui.reopenButton.hide()
        for label in (self.ui.factPlanRef, self.ui.factYear, self.ui.factNeed,
                      self.ui.factSetting, self.ui.factTeam, self.ui.factIssued,
                      self.ui.factWeeks, self.ui.planStatusLabel):
            label.clear()
        self.ui.planProgress.setMaximum(1)
        self.ui.planProgress.setValue(0)
        self.others_model.set_data(None, [], [], None)
        self.ui.othersTable.hide()

    # ============================================================ side panel

    def _member_role(self) -> str | None:
        if self.session is None:
            return None
        return next((m.role for m in self.session.members if m.name == self.member), None)

    def _apply_read_only(self) -> None:
        assert self.form is not None
        assert self.session is not None
        reason = None
        role = self._member_role()
        if self.session.read_only:
            reason = (f"{self.session.name} is closed: its scores can be read but no longer "
                      "changed.")
        elif self.member is None:
            reason = "This session has no panel members yet: add them before scoring."
        elif role == "observer":
            reason = f"{self.member} is an observer and does not score plans."
        elif self.own is not None and self.own.status == SUBMITTED:
            reason = ("You have submitted this audit, so it is read-only. Reopen it to change "
                      "your scores.")
        self.read_only_reason = reason
        self.form.set_read_only(reason is not None)
        if reason:
            self._show_info(reason)
        else:
            self.ui.infoBanner.hide()
        can_change = not self.session.read_only and role not in (None, "observer")
        submitted = self.own is not None and self.own.status == SUBMITTED
        self.ui.submitButton.setEnabled(can_change and not submitted)
        self.ui.submitButton.setVisible(not submitted)
        self.ui.reopenButton.setVisible(can_change and submitted)
        self.submit_action.setEnabled(can_change and not submitted)

    def _show_facts(self, plan_ref: str) -> None:
        ui = self.ui
        row = self._sample.get(plan_ref)
        ui.factPlanRef.setText(plan_ref)
        if row is None:
            return
        ui.factYear.setText(year_group_label(row.year_group) or "not recorded")
        need = row.primary_need or ""
        name = NEED_NAMES.get(need)
        ui.factNeed.setText(f"{need} – {name}" if name else (need or "not recorded"))
        ui.factSetting.setText(row.setting_type or "not recorded")
        ui.factTeam.setText(row.team or "not recorded")
        ui.factIssued.setText(format_date(row.issue_date))
        if row.request_date is None:
            ui.factWeeks.setText("request date not recorded")
            self._plain(ui.factWeeks)
        elif row.late:
            ui.factWeeks.setText(row.timeliness())
            tint(ui.factWeeks, TONES["red"][1])
            ui.factWeeks.setFont(font_with(bold=True))
        else:
            ui.factWeeks.setText(row.timeliness())
            self._plain(ui.factWeeks)

    @staticmethod
    def _plain(label: QLabel) -> None:
        label.setPalette(QPalette())
        label.setFont(QFont())

    def _update_progress(self) -> None:
        if self.form is None or self.plan_ref is None:
            return
        answered, applicable = self.form.answered_count(), self.form.applicable_count()
        bar = self.ui.planProgress
        # QProgressBar.setValue repaints at once, which paints the whole window while a
        # plan is still being loaded; with updates off it is painted once, with the rest.
        bar.setUpdatesEnabled(False)
        bar.setMaximum(max(applicable, 1))
        bar.setValue(answered)
        bar.setFormat(f"{answered} of {applicable} answered")
        bar.setUpdatesEnabled(True)
        grade = self.form.grade()
        if grade is not None and self.rubric is not None:
            band = self.rubric.band_for(grade)
            grade_text = f"Overall grade {grade} ({band.label})."
        else:
            grade_text = "No overall grade yet."
        if self.own is not None and self.own.status == SUBMITTED:
            status = "Submitted."
        elif answered or grade is not None or self.own is not None:
            status = "Draft: saved as you go."
        else:
            status = "Not started."
        self.ui.planStatusLabel.setText(f"{status} {grade_text}")
        status_code = (SUBMITTED if self.own is not None and self.own.status == SUBMITTED
                       else DRAFT if answered or grade is not None or self.own is not None
                       else NOT_STARTED)
        self.plan_model.update_row(PlanProgress(self.plan_ref, answered, applicable,
                                                status_code, grade is not None))
        if self.ui.missingLabel.isVisible():
            self._show_missing(quiet=True)

    def _blind(self) -> bool:
        """True while other members' scores must stay hidden from this member."""
        if self.member is None or self.session is None:
            return True
        if self._member_role() == "observer":
            return self.session.status not in ("moderation", "closed")
        return self.own is None or self.own.status != SUBMITTED

    def _show_others(self, audits: list[AuditRecord]) -> None:
        ui = self.ui
        assert self.rubric is not None
        assert self.form is not None
        if self._blind():
            self.others_model.set_data(None, [], [], None)
            ui.othersTable.hide()
            ui.othersHiddenLabel.setText(
                "Other members' scores are hidden until you submit yours.")
            ui.othersHiddenLabel.show()
            return
        others = [a for a in audits if a.auditor != self.member or a.is_panel]
        if not others:
            ui.othersHiddenLabel.setText("No other member has scored this plan yet.")
            ui.othersHiddenLabel.show()
            ui.othersTable.hide()
            self.others_model.set_data(None, [], [], None)
            return
        questions = [(w.number, w.question) for w in self.form.questions.values()
                     if w.applicable]
        self.others_model.set_data(self.rubric, questions, audits, self.member)
        self._fit_others_table()
        drafts = [a.auditor for a in others if not a.is_panel and a.status != SUBMITTED]
        note = f" Still in draft: {', '.join(drafts)}." if drafts else ""
        ui.othersHiddenLabel.setText(f"Everyone's scores for this plan side by side.{note}")
        ui.othersHiddenLabel.show()
        ui.othersTable.show()

    def _update_help(self) -> None:
        keys: dict[str, str] = {}
        has_na = has_scale = False
        if self.rubric is not None:
            for q in self.rubric.questions():
                has_na = has_na or q.allows_na
                if q.type == "scale":
                    has_scale = True
                for opt in q.options:
                    if opt.key:
                        keys.setdefault(opt.key.upper(), opt.label)
                if q.allows_na and (k := na_key(q)):
                    keys.setdefault(k, "N/A")
        answer_keys = ", ".join(f"<b>{html.escape(k)}</b> {html.escape(v)}"
                                for k, v in keys.items())
        grades = ""
        if self.rubric is not None:
            best = f" ({self.rubric.best_grade} = best)" if self.rubric.best_is_low else ""
            grades = (f"<b>{self.rubric.overall.min}</b>–<b>{self.rubric.overall.max}</b> "
                      f"grade{best}")
            if has_scale:
                grades = "digits: scale level or grade"
        parts = [
            "<b>J</b>/<b>K</b> or <b>↓</b>/<b>↑</b> next/previous question",
            f"{answer_keys} answer and move on" if answer_keys else "",
            grades,
            "<b>Backspace</b> clear",
            "<b>Enter</b> attribution &amp; note, <b>Esc</b> back",
            "<b>F1</b> guidance",
            "<b>Ctrl+Z</b> undo, <b>Ctrl+Shift+Z</b> redo",
            "<b>Ctrl+Enter</b> submit",
            "<b>Alt+←/→</b> previous/next plan",
            "<b>F4</b> plan document, <b>F6</b> form ⇄ plan, <b>Ctrl+Q</b> (in the plan) "
            "quote as evidence",
        ]
        self.ui.helpLabel.setText("Keys: " + " · ".join(p for p in parts if p))

    # ============================================================== editing

    def _editable(self) -> bool:
        return (self.form is not None and not self.form.read_only and self.session is not None
                and self.member is not None and self.plan_ref is not None)

    def _on_answer_chosen(self, question_id: str, value: object) -> None:
        if not self._editable():
            return
        assert self.form is not None
        widget = self.form.questions[question_id]
        before = widget.state()
        code = None if value is None else str(value)
        agencies = before.agencies if widget.is_shortfall(code) else ()
        fits = any(r.code == before.reason for r in widget.reasons_offered(code))
        after = AnswerState(code, agencies, before.note, before.reason if fits else None)
        self.undo_stack.push(SetAnswerCommand(self, question_id, before, after))

    def _on_agency_chosen(self, question_id: str, agencies: object) -> None:
        if not self._editable():
            return
        assert self.form is not None
        before = self.form.answer_state(question_id)
        chosen = tuple(str(a) for a in agencies) if isinstance(agencies, tuple | list) else ()
        after = replace(before, agencies=chosen)
        if after != before:
            self.undo_stack.push(SetAttributionCommand(self, question_id, before, after))
        else:
            self.form.set_answer_state(question_id, before)

    def _on_reason_chosen(self, question_id: str, reason: object) -> None:
        if not self._editable():
            return
        assert self.form is not None
        before = self.form.answer_state(question_id)
        after = replace(before, reason=None if reason is None else str(reason))
        if after != before:
            self.undo_stack.push(SetReasonCommand(self, question_id, before, after))

    def _on_theme_toggled(self, theme_id: str, question_id: object, on: bool) -> None:
        if not self._editable():
            return
        assert self.form is not None
        before = self.form.themes()
        after = toggled(before, theme_id, None if question_id is None else str(question_id), on)
        if after != before:
            self.undo_stack.push(ToggleThemeCommand(self, theme_id, before, after))
        else:
            self.form.set_themes(before)

    def _on_grade_chosen(self, grade: object) -> None:
        if not self._editable():
            return
        assert self.form is not None
        after = None if grade is None else int(str(grade))
        self.undo_stack.push(SetGradeCommand(self, self.form.grade(), after))

    # ScoringTarget: the undo commands call these on redo and undo.

    def apply_answer(self, question_id: str, state: AnswerState) -> None:
        """Show an answer and save it (the note typed on screen is kept as it is)."""
        if self.form is None:
            return
        note = self.form.answer_state(question_id).note
        self.form.set_answer_state(question_id, replace(state, note=note))
        self._update_progress()
        self._save_answer(question_id)

    def _show_details_of(self, widget: QuestionWidget) -> None:
        if self.form is not None and widget.details.isVisible():
            self.form.ensure_visible(widget.details)

    def note_of(self, question_id: str) -> str | None:
        """The evidence note as it is on screen (typing included)."""
        if self.form is None:
            return None
        return self.form.answer_state(question_id).note

    def apply_note(self, question_id: str, note: str | None) -> None:
        """Show an evidence note (a quote added, or undone) and save it like a typed one."""
        if self.form is None:
            return
        state = self.form.answer_state(question_id)
        self.form.set_answer_state(question_id, replace(state, note=note or None))
        self._update_progress()
        self._save_answer(question_id)

    def apply_grade(self, grade: int | None) -> None:
        if self.form is None:
            return
        self.form.set_grade(grade)
        self._update_progress()
        session, plan, member = self._where()
        db = self.ctx.db  # the database of the edit, even if another is opened meanwhile
        self._save(("grade", session, plan, member),
                   lambda: scoring.save_overall(db, session, plan, member, grade),
                   f"overall grade of {plan}")

    def apply_themes(self, themes: Themes) -> None:
        if self.form is None:
            return
        chosen = dict(themes)
        self.form.set_themes(chosen)
        session, plan, member = self._where()
        db = self.ctx.db  # the database of the edit, even if another is opened meanwhile
        self._save(("themes", session, plan, member),
                   lambda: scoring.set_themes(db, session, plan, member, chosen),
                   f"themes of {plan}")

    # ============================================================== saving

    def _where(self) -> tuple[str, str, str]:
        assert self.session is not None
        assert self.plan_ref is not None
        assert self.member
        return self.session.name, self.plan_ref, self.member

    def _save_answer(self, question_id: str) -> bool:
        assert self.form is not None
        self._pending_text.discard(("note", question_id))
        state = self.form.answer_state(question_id)
        session, plan, member = self._where()
        client_id = uuid.uuid4().hex
        db = self.ctx.db  # the database of the edit, even if another is opened meanwhile

        def op() -> None:
            scoring.save_answer(db, session, plan, member, question_id, state.value,
                                note=state.note, agencies=state.agencies,
                                reason=state.reason, client_id=client_id)

        return self._save(("answer", session, plan, member, question_id), op,
                          f"answer to {question_id} on {plan}")

    def _save_text(self, field: str) -> bool:
        assert self.form is not None
        text = self.form.text(field)
        session, plan, member = self._where()
        db = self.ctx.db  # the database of the edit, even if another is opened meanwhile
        return self._save(
            ("text", session, plan, member, field),
            lambda: scoring.save_texts(db, session, plan, member, **{field: text}),
            f"{'strengths' if field == 'strengths' else 'areas for development'} of {plan}")

    def _save(self, key: Hashable, op: Callable[[], None], what: str) -> bool:
        """Queue the save (it runs in the background, in order); True: it was queued."""
        self.autosaver.submit(key, op, what)
        return True

    def _text_changed(self, key: tuple[str, str]) -> None:
        if not self._editable():
            return
        self._pending_text.add(key)
        if key[0] == "note" and self.form is not None:
            self.form.questions[key[1]].set_state(self.form.answer_state(key[1]))
        self._show_save_state()
        self._text_timer.start(max(0, int(self.TEXT_SAVE_DELAY_MS)))

    def flush_text_saves(self) -> None:
        """Queue typed notes and comments now (focus left them, plan changes, page hides)."""
        self._text_timer.stop()
        pending, self._pending_text = self._pending_text, set()
        if not pending or not self._editable():
            return
        for kind, name in sorted(pending):
            if kind == "note":
                self._save_answer(name)
            elif name in COMMENT_FIELDS:
                self._save_text(name)

    def flush_saves(self) -> bool:
        """Save what is typed and wait for every pending save: True when none failed."""
        self.flush_text_saves()
        return self.autosaver.flush(self)

    def _show_save_state(self) -> None:
        """The status label: what is still being saved, or that everything is."""
        pending = self.autosaver.pending + len(self._pending_text)
        if self.autosaver.has_failures:
            count = len(self.autosaver.unsaved())
            self._set_status(f"Not saved: {count} change{'s' if count != 1 else ''} "
                             "kept on screen (Retry)", "error")
        elif pending:
            self._set_status(f"Saving {pending} change{'s' if pending != 1 else ''}…",
                             "saving")
        else:
            stamp = dt.datetime.now().strftime("%H:%M:%S")
            self._set_status(f"All changes saved ({stamp})", "saved")

    def _on_saved(self, what: str) -> None:
        if self.autosaver.has_failures:
            self._show_unsaved()
        else:
            self._hide_message()
        self.saved.emit(what)

    def _on_save_failed(self, message: str) -> None:
        if self.autosaver.has_failures:
            self._show_unsaved()
        self.save_failed.emit(message)

    def _show_unsaved(self) -> None:
        items = self.autosaver.unsaved()
        what = "; ".join(items[:3]) + ("…" if len(items) > 3 else "")
        self._show_save_state()
        self._show_message(f"Not saved: {self.autosaver.last_error} Your change stays on screen "
                           f"({what}). Retry when the problem is fixed.", retry=True)

    def retry_saves(self) -> bool:
        """Try the failed saves again and wait for them: True when everything is saved."""
        self.flush_text_saves()
        return self.autosaver.retry_and_flush(self)

    def discard_unsaved(self) -> None:
        """Forget failed saves and show what the database holds."""
        self.autosaver.flush(self)
        self.autosaver.discard()
        self._hide_message()
        self._set_status("Unsaved changes discarded", "saved")
        if self.plan_ref:
            self.refresh_plans()
            self.load_plan(self.plan_ref)

    def _can_leave(self) -> bool:
        """Save what is typed and wait; refuse to leave while a failed save is not retried."""
        if self.flush_saves():
            return True
        if self.autosaver.retry_and_flush(self):
            return True
        self._show_unsaved()
        return False

    def _set_status(self, text: str, state: str) -> None:
        colour = {"saving": "#1e3a8a", "saved": TONES["green"][1], "error": TONES["red"][1]}
        label = self.ui.saveStatusLabel
        label.setText(text)
        tint(label, colour.get(state, "#1f2937"))
        label.setFont(font_with(bold=state == "error"))
        label.setProperty("saveState", state)
        label.setAccessibleDescription(text)

    @property
    def save_state(self) -> str:
        """``saved``, ``saving`` or ``error``."""
        return str(self.ui.saveStatusLabel.property("saveState") or "saved")

    # ============================================================ messages

    def _show_message(self, text: str, *, retry: bool) -> None:
        self.ui.messageLabel.setText(text)
        self.ui.retryButton.setVisible(retry)
        self.ui.discardButton.setVisible(retry)
        self.ui.dismissButton.setVisible(not retry)
        self.ui.messageBanner.show()

    def _hide_message(self) -> None:
        if not self.autosaver.has_failures:
            self.ui.messageBanner.hide()

    def _show_info(self, text: str) -> None:
        self.ui.infoBanner.setText(text)
        self.ui.infoBanner.show()

    # ============================================================ submitting

    def missing(self) -> scoring.Completeness | None:
        if self.form is None or self.rubric is None or self.plan_ref is None:
            return None
        return scoring.completeness(self.rubric, self._facts.get(self.plan_ref, {}),
                                    self.form.answers(), self.form.grade())

    def _show_missing(self, *, quiet: bool = False) -> scoring.Completeness | None:
        check = self.missing()
        if check is None or self.form is None:
            return None
        label = self.ui.missingLabel
        if check.complete:
            label.setText("Everything is answered: ready to submit (Ctrl+Enter).")
            tint(label, TONES["green"][1])
            label.show()
            return check
        items = []
        for qid in check.missing_questions:
            widget = self.form.questions[qid]
            items.append(f"<li>Q{widget.number}: {html.escape(widget.question.text)}</li>")
        if check.missing_overall:
            items.append("<li>the overall grade</li>")
        count = len(check.missing_questions) + int(check.missing_overall)
        head = "Not submitted yet. Still missing" if not quiet else "Still missing"
        label.setText(f"<b>{head} ({count}):</b><ul style='margin-left:-20px'>"
                      f"{''.join(items)}</ul>")
        tint(label, TONES["red"][1])
        label.setAccessibleDescription(self.missing_text(check))
        label.show()
        return check

    def missing_text(self, check: scoring.Completeness) -> str:
        """What is missing as one sentence (for screen readers and the status bar)."""
        assert self.form is not None
        parts = [f"Q{self.form.questions[q].number} ({q})" for q in check.missing_questions]
        if check.missing_overall:
            parts.append("the overall grade")
        return "Still missing: " + ", ".join(parts) + "."

    def submit(self) -> bool:
        """Submit the member's audit of this plan once it is complete (Ctrl+Enter)."""
        if not self._editable() or not self.ui.submitButton.isEnabled():
            return False
        assert self.form is not None
        if not self.flush_saves() and not self.autosaver.retry_and_flush(self):
            self._show_unsaved()
            return False
        check = self._show_missing()
        if check is None:
            return False
        if not check.complete:
            self.ctx.status_message.emit(self.missing_text(check))
            if check.missing_questions:
                self.form.focus_question(check.missing_questions[0])
            else:
                self.form.focus_item(self.form.overall)
            return False
        session, plan, member = self._where()
        try:
            scoring.submit(self.ctx.db, session, plan, member)
        except UserError as exc:
            self._show_message(exc.message, retry=False)
            return False
        self.ui.missingLabel.hide()
        self._set_status(f"Submitted {plan}", "saved")
        self.ctx.status_message.emit(f"Submitted your audit of {plan}.")
        self._after_status_change(plan)
        self.submitted.emit(plan)
        self.saved.emit(f"submission of {plan}")
        return True

    def reopen(self) -> bool:
        if self.session is None or self.plan_ref is None or not self.member:
            return False
        session, plan, member = self._where()
        try:
            scoring.reopen(self.ctx.db, session, plan, member)
        except UserError as exc:
            self._show_message(exc.message, retry=False)
            return False
        self._after_status_change(plan)
        return True

    def _after_status_change(self, plan: str) -> None:
        self._notify("audits")
        self.refresh_plans()
        self.load_plan(plan)

    def _notify(self, what: str) -> None:
        self._notifying = True
        try:
            self.ctx.notify(what)
        finally:
            self._notifying = False

    # ============================================================ selectors

    def _on_session_combo(self, _index: int) -> None:
        name = self.ui.sessionCombo.currentData()
        if not isinstance(name, str) or (self.session and name == self.session.name):
            return
        if not self._can_leave():
            self.ui.sessionCombo.blockSignals(True)
            self.ui.sessionCombo.setCurrentIndex(
                self.ui.sessionCombo.findData(self.session.name if self.session else None))
            self.ui.sessionCombo.blockSignals(False)
            return
        self.open_session(name)

    def _on_member_combo(self, _index: int) -> None:
        name = self.ui.memberCombo.currentData()
        if not isinstance(name, str) or self.session is None or name == self.member:
            return
        if not self._can_leave():
            self.ui.memberCombo.blockSignals(True)
            self.ui.memberCombo.setCurrentIndex(self.ui.memberCombo.findData(self.member))
            self.ui.memberCombo.blockSignals(False)
            return
        self.set_member(name)

    def set_member(self, name: str) -> None:
        """Score as this panel member ("I am"); remembered per session."""
        if self.session is None:
            return
        self.member = name
        combo = self.ui.memberCombo
        if combo.currentData() != name:
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(name))
            combo.blockSignals(False)
        self._member_choice[self.session.name] = name
        if self.settings is not None:
            self.settings.setValue(_setting_key(self.session.name), name)
        plan = self.plan_ref
        self.refresh_plans()
        if plan and self.plan_model.row_of(plan) >= 0:
            self.select_plan(plan)
        elif self.plan_model.rowCount():
            self.select_plan_row(0)

    def _on_plan_list_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() != self.plan_model.row_of(self.plan_ref or ""):
            self.select_plan_row(current.row())

    def _on_plan_combo_row(self, row: int) -> None:
        if row >= 0 and row != self.plan_model.row_of(self.plan_ref or ""):
            self.select_plan_row(row)

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

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._shown_once and self.form is not None:
            self._shown_once = True
            QTimer.singleShot(0, self, self._focus_if_nothing_focused)

    def _focus_if_nothing_focused(self) -> None:
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            self.focus_form()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self.flush_text_saves()  # queued: they finish in the background
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.flush_saves()  # a failed save stays on screen; the window asks about it
        super().closeEvent(event)
