"""The Moderation page's controller: the panel agrees each plan's answers and grade.

View: ``forms/moderation_page.ui``. What the screen shows is worked out without
Qt in ``gui/moderation/presenter.py`` and ``agreeing.py``; this class wires the
two together. Left: the session's plans. Centre: members' answers beside the
agreed column, where a key letter (Y/P/N/A, as on the Scoring page) records the
agreed answer and moves down, a digit the agreed grade, R opens the rationale and
T the attribution; "Agree where unanimous" (Ctrl+Shift+A) agrees every open row
the submitted members agree on; "Disagreements only" (Ctrl+D) hides the rest.
Every change is undoable (Ctrl+Z) and is saved off the GUI thread in order
(``editing`` / ``saving``); the grid is updated in place, never reset, so it
neither scrolls nor moves the cursor by itself. A save that meets someone else's
asks the user (keep theirs or overwrite); nothing is overwritten silently.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import QPushButton, QWidget

from qa_audit.domain import permissions
from qa_audit.domain.agreement import AgreementStats
from qa_audit.domain.audit import SessionData
from qa_audit.domain.items import ItemKey
from qa_audit.domain.rubric import Rubric
from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.gui.generated.ui_moderation_page import Ui_ModerationPage
from qa_audit.gui.moderation import agreeing, page_acts
from qa_audit.gui.moderation.agreed_panel import AgreedPanel, show_agreement
from qa_audit.gui.moderation.agreeing import AgreedChange
from qa_audit.gui.moderation.delegate import AgreedDelegate, GridKeys
from qa_audit.gui.moderation.drift_chart import DriftChart
from qa_audit.gui.moderation.editing import AgreedEditor
from qa_audit.gui.moderation.grid_model import ROW_KEY_ROLE, ModerationGridModel
from qa_audit.gui.moderation.input import AgreedInput
from qa_audit.gui.moderation.items import choose_item, item_visibility, key_of
from qa_audit.gui.moderation.list_models import MemberAgreementModel, PlanListModel
from qa_audit.gui.moderation.loop_actions import LoopActions
from qa_audit.gui.moderation.page_setup import apply_permissions, setup_views, size_grid
from qa_audit.gui.moderation.presenter import (
    MemberColumn,
    PlanModeration,
    cell_detail,
    member_label,
    moderation_view,
    plan_summaries,
    plan_title,
    scoring_members,
)
from qa_audit.gui.moderation.saving import AgreedSaver, VersionBox
from qa_audit.gui.scoring.commands import undo_actions
from qa_audit.gui.scoring.question_widget import answer_specs
from qa_audit.services import rubric_view, session_data, sessions
from qa_audit.services.sessions import MemberInfo, SessionInfo

#: Topics of ``AppContext.data_changed`` that change what this page shows.
REFRESH_ON = frozenset({"audits", "sessions", "plans", "actions"})
_STATUS_LABELS = {"planning": "planning", "scoring": "scoring", "moderation": "in moderation",
                  "closed": "closed"}


class ModerationPage(QWidget):
    """Moderate one session's plans: ``ModerationPage(ctx)``."""

    #: Emitted after every save's outcome (True when it was saved).
    save_finished = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.ui = Ui_ModerationPage()
        self.ui.setupUi(self)
        self.setObjectName("moderationPage")
        self.sessions: list[SessionInfo] = []
        self.info: SessionInfo | None = None
        self.data: SessionData | None = None
        self.rubric: Rubric | None = None
        self.members: list[MemberColumn] = []
        self.view: PlanModeration | None = None
        self.item: ItemKey | None = None  # the plan, or the advice return, on screen
        self.box = VersionBox(None)
        self.stats: AgreementStats | None = None
        self._member_by_session: dict[str, str] = {}
        self.overall_rationales: dict[tuple[str, ItemKey], str] = {}
        self.texts_dirty = False
        self._own_notice = False
        self._stale = False
        self.filling = False
        self.answer_keys: dict[str, dict[str, str]] = {}

        self.grid_model = ModerationGridModel(self)
        self.plan_model = PlanListModel(self)
        self.member_model = MemberAgreementModel(self)
        self.delegate = AgreedDelegate(self)
        self.panel = AgreedPanel(self)
        self.drift_chart = DriftChart(self.ui.driftChartHost)
        self.ui.driftChartLayout.addWidget(self.drift_chart)
        self.saver = AgreedSaver(self)
        self.editor = AgreedEditor(self)
        self.undo_stack = QUndoStack(self)
        setup_views(self.ui, self.plan_model, self.grid_model, self.delegate, self.member_model)
        self.input = AgreedInput(self, self.editor)
        self.ui.gridView.installEventFilter(GridKeys(self.ui.gridView, self.input.on_grid_key))
        self._add_actions()
        self._connect()
        self.loop_actions = LoopActions(self)  # feedback letter, exemplar, good practice
        self.reload()

    @property
    def version(self) -> int | None:
        """The agreed row's version as this screen knows it (None: no agreed row seen)."""
        return self.box.version

    def as_widget(self) -> QWidget:
        return self

    @property
    def grade_buttons(self) -> dict[int, QPushButton]:
        return self.panel.grade_buttons

    # ------------------------------------------------------------ set-up

    def _add_actions(self) -> None:
        undo, redo = undo_actions(self.undo_stack, self)
        self.agree_action = QAction("Agree where unanimous", self)
        self.agree_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.agree_action.triggered.connect(self.input.agree_unanimous)
        self.only_action = QAction("Disagreements only", self)
        self.only_action.setShortcut(QKeySequence("Ctrl+D"))
        self.only_action.triggered.connect(self.ui.disagreementsOnlyCheck.toggle)
        for action in (undo, redo, self.agree_action, self.only_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def _connect(self) -> None:
        ui = self.ui
        ui.sessionCombo.currentIndexChanged.connect(self._on_session_chosen)
        ui.memberCombo.currentIndexChanged.connect(self._on_member_chosen)
        ui.designateButton.clicked.connect(lambda: page_acts.designate(self))
        ui.reopenButton.clicked.connect(lambda: page_acts.reopen_session(self))
        ui.planList.selectionModel().currentRowChanged.connect(self._on_plan_row)
        ui.previousPlanButton.clicked.connect(self.previous_plan)
        ui.nextPlanButton.clicked.connect(self.next_plan)
        # queued: the change is recorded once the delegate's editor has closed
        self.grid_model.edit_requested.connect(self.input.on_edit_requested,
                                               Qt.ConnectionType.QueuedConnection)
        self.panel.grade_group.idClicked.connect(self.input.on_grade_clicked)
        ui.overallRationaleEdit.editingFinished.connect(self.input.on_overall_rationale)
        ui.themesList.itemChanged.connect(self.input.on_theme_toggled)
        ui.gridView.selectionModel().currentChanged.connect(self._show_cell_detail)
        ui.strengthsEdit.textChanged.connect(self.input.on_texts_edited)
        ui.developmentEdit.textChanged.connect(self.input.on_texts_edited)
        ui.saveTextsButton.clicked.connect(self.input.save_texts)
        ui.addActionButton.clicked.connect(lambda: page_acts.add_action(self))
        ui.agreeUnanimousButton.clicked.connect(self.input.agree_unanimous)
        ui.disagreementsOnlyCheck.toggled.connect(self._on_only_toggled)
        self.saver.done.connect(self.editor.on_outcome)
        self.saver.queue.changed.connect(self.show_save_state)
        ui.saveStateLabel.linkActivated.connect(lambda _link: self.saver.queue.retry())
        self.ctx.data_changed.connect(self._on_data_changed)

    def set_tab_order(self) -> None:
        """Top to bottom, left to right; the grade buttons sit after the tab bar."""
        ui = self.ui
        order: list[QWidget] = [
            ui.sessionCombo, ui.memberCombo, ui.designateButton, ui.reopenButton, ui.planList,
            ui.previousPlanButton, ui.nextPlanButton, ui.agreeUnanimousButton,
            ui.disagreementsOnlyCheck, ui.gridView, ui.detailTabs.tabBar(),
            *self.grade_buttons.values(), ui.overallRationaleEdit, ui.themesList,
            ui.strengthsEdit, ui.developmentEdit, ui.saveTextsButton, ui.actionsList,
            ui.addActionButton, ui.memberAgreementTable,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------ who

    def current_member(self) -> MemberInfo | None:
        if self.info is None:
            return None
        name = self.ui.memberCombo.currentData()
        return next((m for m in self.info.members if m.name == name), None)

    @property
    def chair(self) -> MemberInfo | None:
        if self.info is None:
            return None
        return next((m for m in self.info.members if m.role == "chair"), None)

    @property
    def plan_ref(self) -> str | None:
        return self.item.plan_ref if self.item else None

    def moderator(self) -> str:
        member = self.current_member()
        assert member is not None
        return member.name

    def scores_visible(self) -> bool:
        """Whether the current member may see the others' scores of the plan shown."""
        return self.info is not None and self.can_see_plan()(self.item or ItemKey(""))

    def edit_block_reason(self) -> str | None:
        """Why the agreed column is read-only for the current member (None: editable)."""
        member, chair = self.current_member(), self.chair
        return permissions.moderation_block(
            self.info.status if self.info else None, member.role if member else None,
            bool(member and member.can_moderate), self.scores_visible(),
            chair.name if chair else None)

    def can_edit(self) -> bool:
        return self.edit_block_reason() is None and self.plan_ref is not None

    def can_see_plan(self) -> Callable[[ItemKey], bool]:
        """Blind scoring per item for the current member (``domain.permissions``)."""
        return item_visibility(self.data, self.info.status if self.info else "",
                               self.current_member())

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        """Re-read the sessions, keep the current choice where it still exists."""
        try:
            self.sessions = sessions.list_sessions(self.ctx.db)
        except UserError as exc:
            self._show_problem(exc)
            return
        current = self.ui.sessionCombo.currentData()
        with QSignalBlocker(self.ui.sessionCombo):
            self.ui.sessionCombo.clear()
            for s in self.sessions:
                self.ui.sessionCombo.addItem(
                    f"{s.name} ({_STATUS_LABELS.get(s.status, s.status)})", s.name)
            names = [s.name for s in self.sessions]
            if current not in names:
                current = next((s.name for s in self.sessions if s.status == "moderation"),
                               names[0] if names else None)
            if current is not None:
                self.ui.sessionCombo.setCurrentIndex(names.index(current))
        self.ui.bodyStack.setCurrentWidget(self.ui.contentPage if self.sessions
                                           else self.ui.emptyPage)
        if current is None:
            self.info = self.data = None
            apply_permissions(self)
            return
        self.open_session(current)

    def open_session(self, name: str, *, member: str | None = None,
                     plan_ref: str | ItemKey | None = None) -> None:
        """Show a session: its members, plans and agreement, then a plan (default: the
        current one when the session is unchanged, else the first not yet moderated)."""
        self._leave_plan()
        if member is not None:
            self._member_by_session[name] = member
        try:
            info = sessions.get_info(self.ctx.db, name)
            data, versions = session_data.load_session_with_panel_versions(self.ctx.db, name)
            rubric = rubric_view.load_rubric(self.ctx.db, data.rubric_id,
                                             data.rubric_version).rubric
        except UserError as exc:
            self._show_problem(exc)
            return
        changed = self.info is None or self.info.name != name
        self.info, self.data, self.rubric = info, data, rubric
        self.answer_keys = {q.id: {s.key: s.value for s in answer_specs(q) if s.key}
                      for q in rubric.questions()}
        index = self.ui.sessionCombo.findData(name)
        if index >= 0 and index != self.ui.sessionCombo.currentIndex():
            with QSignalBlocker(self.ui.sessionCombo):
                self.ui.sessionCombo.setCurrentIndex(index)
        self._fill_members()
        self.panel.build_grade_buttons()
        self.members = scoring_members(info.members, data.audits)
        self._fill_plans()
        show_agreement(self)
        plan = choose_item(self.plan_model.rows(), plan_ref, None if changed else self.item)
        self._update_session_label()
        self._mark_plan_row(plan)
        self.item = plan
        self.box = VersionBox(versions.get(plan) if plan else None)
        self._show_plan()

    def refresh(self) -> None:
        """Re-read the current session (after another page's change)."""
        if self.info is None:
            self.reload()
            return
        self.load_plan(self.item, reload_session=True)

    def refresh_after_saves(self) -> None:
        """Once no save is pending: the session read again, the grid updated in place."""
        if self.saver.idle:
            self.load_plan(self.item, reload_session=True)

    def _leave_plan(self) -> None:
        """Before showing another plan or session: unsaved texts saved, every pending
        save finished, and the undo history (of the plan left) cleared."""
        self.input.flush_texts()
        self.saver.queue.flush(self)
        self.undo_stack.clear()

    def _fill_members(self) -> None:
        assert self.info is not None
        combo = self.ui.memberCombo
        wanted = self._member_by_session.get(self.info.name) or combo.currentData()
        names = [m.name for m in self.info.members]
        if wanted not in names:
            wanted = self._default_member()
        with QSignalBlocker(combo):
            combo.clear()
            for m in self.info.members:
                combo.addItem(member_label(m.name, m.role, m.can_moderate), m.name)
            if wanted in names:
                combo.setCurrentIndex(names.index(wanted))
                self._member_by_session[self.info.name] = wanted

    def _default_member(self) -> str | None:
        assert self.info is not None
        user = self.ctx.actor.user.casefold()
        for m in self.info.members:
            if m.name.casefold() == user or m.name.casefold().startswith(user + " "):
                return m.name
        chair = self.chair
        if chair:
            return chair.name
        return self.info.members[0].name if self.info.members else None

    def _fill_plans(self) -> None:
        assert self.data is not None
        assert self.rubric is not None
        rows = plan_summaries(self.data, self.rubric, self.members, self.can_see_plan())
        with QSignalBlocker(self.ui.planList.selectionModel()):
            self.plan_model.set_rows(rows, self.rubric)
        self.ui.planList.resizeColumnsToContents()
        if self.item is not None:
            self._mark_plan_row(self.item)

    def _mark_plan_row(self, plan_ref: ItemKey | None) -> None:
        row = self.plan_model.row_of(plan_ref) if plan_ref else -1
        selection = self.ui.planList.selectionModel()
        with QSignalBlocker(selection):
            if row < 0:
                selection.clear()
                return
            index = self.plan_model.index(row, 0)
            selection.setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self.ui.planList.scrollTo(index)

    def select_plan(self, plan_ref: str | ItemKey | None) -> None:
        """Show one plan or advice return (saving what is pending for the one left)."""
        item = key_of(self.plan_model.rows(), plan_ref)
        if item != self.item:
            self._leave_plan()
        self._mark_plan_row(item)
        self.load_plan(item, reload_session=item != self.item)

    def load_plan(self, plan_ref: str | ItemKey | None, *, reload_session: bool) -> None:
        if self.info is None:
            return
        name, item = self.info.name, key_of(self.plan_model.rows(), plan_ref)
        same = item == self.item
        try:
            if reload_session:
                # versions and data in one snapshot (versions read first): a save made
                # by someone else meanwhile shows as a conflict, never a silent overwrite
                self.info = sessions.get_info(self.ctx.db, name)
                self.data, versions = session_data.load_session_with_panel_versions(
                    self.ctx.db, name)
                version = versions.get(item) if item else None
            else:
                # the plan already shown keeps the version its data was read with (a
                # fresh one would let a save from stale data overwrite someone else's)
                version = self.box.version
        except UserError as exc:
            self._show_problem(exc)
            return
        self.item = item
        if same:
            self.box.version = version
        else:
            self.box = VersionBox(version)
        if reload_session:
            self.members = scoring_members(self.info.members, self.data.audits if self.data else ())
            self._refresh_member_labels()
            self._update_session_label()
            self._fill_plans()
            show_agreement(self)
        self._show_plan(in_place=same)

    def _update_session_label(self) -> None:
        assert self.info is not None
        index = self.ui.sessionCombo.findData(self.info.name)
        if index >= 0:
            self.ui.sessionCombo.setItemText(
                index, f"{self.info.name} "
                f"({_STATUS_LABELS.get(self.info.status, self.info.status)})")

    def _refresh_member_labels(self) -> None:
        assert self.info is not None
        combo = self.ui.memberCombo
        for i in range(combo.count()):
            m = next((m for m in self.info.members if m.name == combo.itemData(i)), None)
            if m is not None:
                combo.setItemText(i, member_label(m.name, m.role, m.can_moderate))

    # ------------------------------------------------------------ showing a plan

    def _show_plan(self, *, in_place: bool = False) -> None:
        """The plan's grid and agreed panel; ``in_place`` (the same plan, re-read) updates
        the grid's rows without a reset, keeping the cursor and scroll position."""
        ui = self.ui
        if self.data is None or self.rubric is None or self.item is None:
            self.view = None
            self.grid_model.set_view(None, None, False)
            ui.planTitleLabel.setText("No plans in this session's sample yet."
                                      if self.info else "")
            self._fill_agreed_panel()
            apply_permissions(self)
            return
        key = (self.data.name, self.item)
        self.view = moderation_view(self.data, self.rubric, key[1], self.members,
                                    visible=self.scores_visible(),
                                    overall_rationale=self.overall_rationales.get(key))
        current_key, current_col = self._current_cell()
        if in_place:
            self.grid_model.update_view(self.view, self.rubric, self.can_edit())
        else:
            self.grid_model.set_view(self.view, self.rubric, self.can_edit())
            size_grid(self.ui.gridView, self.grid_model)
        summary = next((r for r in self.plan_model.rows() if r.key == self.item), None)
        ui.planTitleLabel.setText(plan_title(self.view, summary, rubric_view.year_group_label))
        self._fill_agreed_panel()
        apply_permissions(self)
        self.apply_row_filter()
        if not in_place:
            self._restore_cell(current_key, current_col)

    def _current_cell(self) -> tuple[str | None, int]:
        index = self.ui.gridView.currentIndex()
        return (index.data(ROW_KEY_ROLE), index.column()) if index.isValid() else (None, -1)

    def _restore_cell(self, key: str | None, column: int) -> None:
        if key is None or column < 0:
            return
        index = self.grid_model.cell(key, min(column, self.grid_model.columnCount() - 1))
        if index.isValid():
            self.ui.gridView.setCurrentIndex(index)

    def apply_row_filter(self) -> None:
        """Hide the rows "Disagreements only" leaves out (the model is never filtered)."""
        rows = self.view.rows if self.view else ()
        shown = agreeing.shown_rows(rows, self.ui.disagreementsOnlyCheck.isChecked())
        for i, visible in enumerate(shown):
            if self.ui.gridView.isRowHidden(i) == visible:
                self.ui.gridView.setRowHidden(i, not visible)

    def _on_only_toggled(self, _on: bool) -> None:
        self.apply_row_filter()
        grid = self.ui.gridView
        index = grid.currentIndex()
        if self.view is not None and (not index.isValid() or grid.isRowHidden(index.row())):
            shown = agreeing.shown_rows(self.view.rows, True)
            self.go_to_row(agreeing.next_shown(shown, -1))

    def go_to_row(self, row: int) -> None:
        """Put the cursor on a row's agreed cell (the user asked: an action or a key)."""
        if 0 <= row < self.grid_model.rowCount():
            grid = self.ui.gridView
            grid.setCurrentIndex(self.grid_model.index(row, self.grid_model.agreed_column))
            grid.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_cell_detail(self, index: QModelIndex, _previous: QModelIndex) -> None:
        """The full question, and the notes behind the current cell, for keyboard users."""
        if not index.isValid() or self.view is None:
            self.ui.cellDetailLabel.clear()
            return
        model = self.grid_model
        self.ui.cellDetailLabel.setText(cell_detail(
            model.row_at(index.row()), model.member_at(index.column()),
            index.column() == model.rationale_column, model.agencies_text))

    def edit_rationale(self, key: str) -> None:
        """Put the cursor in a row's rationale cell and open its editor."""
        self.edit_cell(key, self.grid_model.rationale_column)

    def edit_cell(self, key: str, column: int) -> None:
        index = self.grid_model.cell(key, column)
        if not index.isValid():
            return
        self.ui.gridView.setCurrentIndex(index)
        if index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.ui.gridView.edit(index)

    def _fill_agreed_panel(self) -> None:
        self.filling = True
        try:
            self.panel.fill(texts=not self.texts_dirty)
        finally:
            self.filling = False
        self.ui.saveTextsButton.setEnabled(self.texts_dirty and self.can_edit())

    def agreed_grade(self) -> int | None:
        agreed = self.view.overall.agreed if self.view else None
        return int(agreed) if agreed else None

    def show_save_state(self) -> None:
        """Pending saves are never invisible; failed ones offer Retry."""
        queue = self.saver.queue
        text = agreeing.pending_text(queue.pending, len(queue.unsaved()))
        self.ui.saveStateLabel.setText(f'{text} · <a href="retry">Retry</a>'
                                       if queue.has_failures else text)

    # ------------------------------------------------------------ agreeing

    def apply_changes(self, plan_ref: ItemKey, changes: Sequence[AgreedChange]) -> None:
        """The undo commands' target: show and save."""
        self.editor.apply(plan_ref, changes)

    # ------------------------------------------------------------ actions, designation

    # ------------------------------------------------------------ agreement, navigation

    def plan_row(self) -> int:
        return self.plan_model.row_of(self.item) if self.item else -1

    def next_plan(self) -> None:
        row = self.plan_row()
        if row + 1 < self.plan_model.rowCount():
            self.select_plan(self.plan_model.rows()[row + 1].key)

    def previous_plan(self) -> None:
        row = self.plan_row()
        if row > 0:
            self.select_plan(self.plan_model.rows()[row - 1].key)

    def _on_plan_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            ref = self.plan_model.rows()[current.row()].key
            if ref != self.item:
                self.select_plan(ref)

    def _on_session_chosen(self, _index: int) -> None:
        name = self.ui.sessionCombo.currentData()
        if name:
            self.open_session(name)

    def _on_member_chosen(self, _index: int) -> None:
        self._leave_plan()
        if self.info is not None and self.ui.memberCombo.currentData():
            self._member_by_session[self.info.name] = self.ui.memberCombo.currentData()
        if self.data is not None and self.rubric is not None:
            self._fill_plans()  # what the plan list and agreement may show depends on
            show_agreement(self)  # who is looking
        self._show_plan()

    def _on_data_changed(self, what: str) -> None:
        if self._own_notice or what not in REFRESH_ON:
            return
        if not self.isVisible():  # another page is saving: catch up when shown
            self._stale = True
            return
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.ui.planList.resizeColumnsToContents()  # the text's width changed

    def notify(self, *topics: str) -> None:
        self._own_notice = True
        try:
            for topic in topics:
                self.ctx.notify(topic)
        finally:
            self._own_notice = False

    def _show_problem(self, exc: UserError) -> None:
        self.ui.permissionLabel.setText(exc.message)
        self.ui.permissionLabel.setVisible(True)
        self.ctx.status_message.emit(exc.message)

