"""The Sessions page: audit sessions, their panels, and their reproducible samples.

Top: every session (date, name, rubric version, status, sampled, audited) and
"New session…". Below, for the selected session: its status (planning ->
scoring -> moderation -> closed, closing asks first), a "Panel" tab (members)
and a "Sample" tab: the draw settings with a live, debounced preview of the
eligible plans per stratum and the proportional allocation, the drawn sample,
"Withdraw and replace…", and one line telling an inspector exactly how the
sample was drawn (seed, settings, eligible count, time, equivalent command).

A closed session is read-only: its controls are disabled and a banner says why.
Every ``UserError`` becomes a message box with its message, never a traceback.

This module is the controller: Qt wiring, workers and service calls. The layout
is ``sessions.view`` (over ``forms/sessions_page.ui``); the decisions are
``sessions.presenter`` (no Qt, unit-tested).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QTableView, QWidget

from qa_audit.errors import UserError
from qa_audit.gui import workers
from qa_audit.gui.context import AppContext
from qa_audit.gui.formatting import status_label
from qa_audit.gui.models.session_tables import SampleTableModel
from qa_audit.gui.pages import member_access, status_guard_dialog
from qa_audit.gui.sessions import presenter
from qa_audit.gui.sessions.dialogs import EditMemberDialog, NewSessionDialog, show_error
from qa_audit.gui.sessions.presenter import (
    CLOSED_TEXT,
    RANDOM_SEED,
    SCORING_STARTED_TEXT,
    DrawForm,
    DrawRecord,
    describe_draw,
    draw_command,
)
from qa_audit.gui.sessions.returns_provenance import returns_provenance_html
from qa_audit.gui.sessions.view import (
    SessionsView,
    fill_stratify_combo,
    fit_columns,
    to_date,
    to_qdate,
)
from qa_audit.services import plans, rubric_view, sampling, sampling_returns, sessions
from qa_audit.services.sampling import SampleSettings
from qa_audit.services.sampling_returns import ReturnProvenance
from qa_audit.services.sessions import SessionInfo

__all__ = [
    "CLOSED_TEXT",
    "RANDOM_SEED",
    "SCORING_STARTED_TEXT",
    "DrawRecord",
    "NewSessionDialog",
    "SessionsPage",
    "describe_draw",
    "draw_command",
]

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 250
#: Topics of ``AppContext.data_changed`` that change what this page shows.
REFRESH_ON = frozenset({"sessions", "plans", "audits", "rubrics"})
_ERROR_STYLE = "color: #9b1c1c;"


class SessionsPage(SessionsView):
    """Audit sessions: list, panel members, status, and the reproducible sample."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.info: SessionInfo | None = None
        self.record: DrawRecord | None = None
        self._drawn: ReturnProvenance | None = None  # a DCO session's draw
        self._agencies: dict[str, str] = {}
        self._agency_cache: dict[tuple[str, int], dict[str, str]] = {}
        self._loading = False
        self._select_next: str | None = None
        self._shows = 0  # how many times the details were filled (see select_session)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self._previews = workers.Latest(self)  # the preview count whose result is wanted
        self._previews.finished.connect(self._preview_ready)
        self._previews.failed.connect(self._preview_failed)
        self._preview_pending = False  # asked for while the page was hidden

        self._connect()
        ctx.data_changed.connect(self._on_data_changed)
        self.reload()

    def _connect(self) -> None:
        self.new_button.clicked.connect(self.new_session)
        self.session_table.selectionModel().selectionChanged.connect(self._on_session_selected)
        self.status_buttons["scoring"].clicked.connect(self.start_scoring)
        self.status_buttons["moderation"].clicked.connect(self.start_moderation)
        self.status_buttons["closed"].clicked.connect(self.close_session)
        self.add_member_button.clicked.connect(self.add_member)
        self.member_name.returnPressed.connect(self.add_member)
        self.remove_member_button.clicked.connect(self.remove_member)
        self.edit_member_button.clicked.connect(self.edit_member)
        self.member_table.doubleClicked.connect(self.edit_member)
        self.bind_member_button.clicked.connect(self.bind_member)
        self.proxy_button.clicked.connect(self.approve_proxy)
        self.member_table.selectionModel().selectionChanged.connect(self._update_enabled)
        self.sample_table.selectionModel().selectionChanged.connect(self._update_enabled)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.draw_button.clicked.connect(self.draw_sample)
        self.random_seed_button.clicked.connect(lambda: self.seed_spin.setValue(RANDOM_SEED))
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        self.size_radio.toggled.connect(self._size_mode_changed)
        for signal in (
            self.size_radio.toggled, self.size_spin.valueChanged, self.percent_spin.valueChanged,
            self.stratify_combo.currentIndexChanged, self.from_check.toggled,
            self.to_check.toggled, self.from_date.dateChanged, self.to_date.dateChanged,
            self.exclude_spin.valueChanged, self.year_groups_edit.textChanged,
            *(check.toggled for check in self.type_checks.values()),
            *(check.toggled for check in self.returns_mode.checks.values()),
        ):
            signal.connect(self.schedule_preview)
        self._size_mode_changed()

    def _size_mode_changed(self) -> None:
        by_size = self.size_radio.isChecked()
        self.size_spin.setEnabled(by_size and self._writable())
        self.percent_spin.setEnabled(not by_size and self._writable())

    # ============================================================ loading

    def reload(self) -> None:
        """Re-read the sessions, keeping the selected one when it still exists."""
        keep = self._select_next or (self.info.name if self.info else None)
        self._select_next = None
        try:
            rows = sessions.list_sessions(self.ctx.db)
        except UserError as exc:
            show_error(self, "Audit sessions", exc)
            return
        self._loading = True
        self.session_model.set_rows(rows)
        self._loading = False
        self.returns_mode.remember()
        try:
            fill_stratify_combo(self.stratify_combo, plans.custom_field_names(self.ctx.db))
        except UserError as exc:
            show_error(self, "Audit sessions", exc)
        fit_columns(self.session_table)
        self.empty_label.setVisible(not rows)
        self.splitter.setVisible(bool(rows))
        chosen = presenter.session_to_select([r.name for r in rows], keep)
        if chosen is not None:
            self.select_session(chosen)
        else:
            self._show(None)

    def select_session(self, name: str) -> None:
        row = self.session_model.row_of(name)
        if row < 0:
            return
        shown = self._shows
        self.session_table.selectRow(row)
        self.session_table.scrollTo(self.session_model.index(row, 0))
        if self._shows == shown:  # the selection did not change: refresh the details anyway
            self._show(self.session_model.row_at(row))

    def _on_session_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._loading:
            return
        rows = {i.row() for i in selected.indexes()}
        if rows:
            self._show(self.session_model.row_at(min(rows)))

    def _on_data_changed(self, what: str) -> None:
        if what in REFRESH_ON:
            self.reload()

    def _agency_labels(self, info: SessionInfo) -> dict[str, str]:
        key = (info.rubric_id, info.rubric_version)
        if key not in self._agency_cache:
            stored = rubric_view.load_rubric(self.ctx.db, info.rubric_id, info.rubric_version)
            self._agency_cache[key] = {a.id: a.label for a in stored.rubric.agencies}
        return self._agency_cache[key]

    def _show(self, info: SessionInfo | None) -> None:
        """Fill the detail area for ``info`` (or clear it)."""
        self._shows += 1
        changed_session = info is None or self.info is None or self.info.name != info.name
        self.info = info
        self.detail.setEnabled(info is not None)
        if info is None:
            self.heading.clear()
            self.member_model.set_rows([])
            self.sample_model.set_rows([])
            self.preview_model.set_rows([])
            self.provenance.clear()
            self.record = None
            self._update_enabled()
            return
        previous_record = self.record
        try:
            self._agencies = self._agency_labels(info)
            rows = sampling.sample_rows(self.ctx.db, info.name)
            self.record = presenter.draw_record(sampling.sample_provenance(self.ctx.db,
                                                                           info.name))
            self.returns_mode.set_on(sampling_returns.samples_returns(self.ctx.db, info.name))
            drawn = (sampling_returns.return_provenance(self.ctx.db, info.name)
                     if self.returns_mode.on else None)  # a DCO draw: its settings and seed
        except UserError as exc:
            show_error(self, "Audit sessions", exc)
            return
        self.heading.setText(presenter.heading_html(info))
        self.member_model.set_members(info.members, self._agencies)
        fit_columns(self.member_table)
        current_agency = self.member_agency.currentData()
        self.member_agency.clear()
        self.member_agency.addItem("(no agency)", None)
        for agency_id, label in self._agencies.items():
            self.member_agency.addItem(label, agency_id)
        index = self.member_agency.findData(current_agency)
        self.member_agency.setCurrentIndex(max(index, 0))

        self.sample_model.set_rows(rows)
        fit_columns(self.sample_table, cap=200)
        returns = self.returns_mode.on  # the return column says the service already
        self.sample_table.setColumnHidden(SampleTableModel.COL_STRATUM,
                                          returns or not any(r.stratum for r in rows))
        self.sample_table.setColumnHidden(SampleTableModel.COL_RETURN, not returns)
        self.provenance.setText(
            returns_provenance_html(info.name, drawn) if drawn is not None
            else presenter.provenance_html(self.info, self.record, self.returns_mode.on))
        if changed_session:
            self.sample_message.clear()
        if self.record is not None and (changed_session or self.record != previous_record):
            # a new draw (here, from the command line, or by a colleague): show its settings
            self.load_settings(self.record.settings, self.record.seed)
        if drawn is not None and (changed_session or drawn != self._drawn):
            # a DCO draw: the form shows how it was drawn, services ticked as drawn
            self.load_settings(presenter.plan_form_settings(drawn.settings), drawn.seed)
            self.returns_mode.tick(drawn.settings.services)
        self._drawn = drawn
        self._update_enabled()
        self.schedule_preview()

    def load_settings(self, settings: SampleSettings, seed: int | None = None) -> None:
        """Put stored draw settings into the form (so the same draw can be repeated)."""
        widgets = (self.size_radio, self.percent_radio, self.size_spin, self.percent_spin,
                   self.seed_spin, self.stratify_combo, self.from_check, self.to_check,
                   self.from_date, self.to_date, self.exclude_spin, self.year_groups_edit,
                   *self.type_checks.values())
        for widget in widgets:
            widget.blockSignals(True)
        try:
            if settings.size is not None:
                self.size_radio.setChecked(True)
                self.size_spin.setValue(settings.size)
            elif settings.percent is not None:
                self.percent_radio.setChecked(True)
                self.percent_spin.setValue(settings.percent)
            self.seed_spin.setValue(presenter.seed_shown(settings, seed))
            self.stratify_combo.setCurrentIndex(max(self.stratify_combo.findData(settings.stratify),
                                                    0))
            self.from_check.setChecked(settings.issued_from is not None)
            self.from_date.setEnabled(settings.issued_from is not None)
            if settings.issued_from:
                self.from_date.setDate(to_qdate(settings.issued_from))
            self.to_check.setChecked(settings.issued_to is not None)
            self.to_date.setEnabled(settings.issued_to is not None)
            if settings.issued_to:
                self.to_date.setDate(to_qdate(settings.issued_to))
            self.exclude_spin.setValue(settings.exclude_months)
            for plan_type, check in self.type_checks.items():
                check.setChecked(settings.plan_types is None or plan_type in settings.plan_types)
            self.year_groups_edit.setText(presenter.year_groups_text(settings.year_groups))
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._size_mode_changed()

    # ============================================================ state

    def _writable(self) -> bool:
        return self.info is not None and not self.info.read_only

    def _selected_row(self, view: QTableView) -> int:
        rows = view.selectionModel().selectedRows() if view.selectionModel() else []
        return rows[0].row() if rows else -1

    def _update_enabled(self) -> None:
        """Enable and explain the controls as the presenter decides."""
        form = self.draw_form()
        state = presenter.controls(
            self.info, member_selected=self._selected_row(self.member_table) >= 0,
            sample_row_active=self.sample_model.active_row(self._selected_row(self.sample_table)),
            form_problem=form.problem(), by_size=form.by_size)
        self.banner.setVisible(state.banner)
        for status, button in self.status_buttons.items():
            button.setEnabled(state.status_enabled[status])
            button.setToolTip(state.read_only_tip)
        for widget in (self.member_name, self.member_agency, self.member_role,
                       self.add_member_button):
            widget.setEnabled(state.add_member)
            widget.setToolTip(state.read_only_tip)
        for button in (self.remove_member_button, self.bind_member_button, self.proxy_button,
                       self.edit_member_button):
            button.setEnabled(state.member_actions)
        self.draw_box.setEnabled(state.draw_box)
        self.draw_button.setEnabled(state.draw_button)
        self.draw_note.setVisible(bool(state.draw_note))
        self.draw_note.setText(state.draw_note)
        self.draw_box.setToolTip(state.read_only_tip)
        self.withdraw_button.setEnabled(state.withdraw)
        self.withdraw_button.setToolTip(state.withdraw_tip)
        self.size_spin.setEnabled(state.size_spin)
        self.percent_spin.setEnabled(state.percent_spin)

    # ============================================================ settings & preview

    def draw_form(self) -> DrawForm:
        """The draw form's values, for the presenter."""
        return DrawForm(
            by_size=self.size_radio.isChecked(),
            size=self.size_spin.value(),
            percent=self.percent_spin.value(),
            seed=self.seed_spin.value(),
            stratify=self.stratify_combo.currentData(),
            issued_from=to_date(self.from_date) if self.from_check.isChecked() else None,
            issued_to=to_date(self.to_date) if self.to_check.isChecked() else None,
            exclude_months=self.exclude_spin.value(),
            plan_types=tuple(t for t, c in self.type_checks.items() if c.isChecked()),
            all_plan_types=tuple(self.type_checks),
            year_groups=self.year_groups_edit.text(),
            returns=self.returns_mode.on, services=self.returns_mode.ticked(),
            all_services=tuple(self.returns_mode.checks),
        )

    def current_settings(self) -> SampleSettings:
        """The draw settings the form shows (seed None = choose a random one)."""
        return self.draw_form().settings()

    def schedule_preview(self) -> None:
        """Restart the debounce timer; the preview runs once the user pauses. A count still
        running is for the previous session or settings: its result is not wanted."""
        self._previews.drop()
        self._update_enabled()
        self._preview_timer.start()

    def update_preview(self) -> None:
        """Eligible plans per stratum and the allocation the current settings would give.

        The counts are read in a ``workers.Job``: on a county register (60,000 plans)
        the query took ~0.4 s and ~50 MB, and it runs each time a session is shown. A
        hidden page (the window builds pages it does not show) counts when next shown.
        """
        self._preview_timer.stop()
        self._previews.drop()
        if not self.isVisible():  # counted when the page is shown, not for nobody
            self._preview_pending = True
            return
        self._preview_pending = False
        info = self.info
        self.preview_message.setStyleSheet("")
        if info is None or info.read_only:
            self.preview_model.set_rows([])
            self.preview_message.setText("Closed: no new draw." if info else "")
            return
        form = self.draw_form()
        problem = form.problem()
        if problem:
            self.preview_model.set_rows([])
            self._preview_problem(problem)
            return
        settings, db, name = form.settings(), self.ctx.db, info.name

        def count(progress: Callable[[int, str], None]) -> tuple[SampleSettings, dict[str, int]]:
            progress(0, "counting eligible plans")
            if form.returns:  # a DCO session draws advice returns (issue 17)
                return settings, sampling_returns.preview_returns(db, name,
                                                                  form.return_settings())
            return settings, sampling.preview_strata(db, name, settings)

        self._previews.start(workers.Job(count))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._preview_pending:
            self.schedule_preview()

    def preview_busy(self) -> bool:
        """Whether a preview is being counted in the background."""
        return self._previews.busy()

    def _preview_failed(self, message: str, _user_error: bool) -> None:
        self.preview_model.set_rows([])
        self._preview_problem(message)

    def _preview_ready(self, result: tuple[SampleSettings, dict[str, int]]) -> None:
        """Show the counts (read in a worker) and the allocation they give."""
        outcome = presenter.preview_outcome(*result, "return" if self.returns_mode.on else "plan")
        self.preview_model.set_rows(outcome.rows)
        if outcome.problem:
            self._preview_problem(outcome.message)
        else:
            self.preview_message.setText(outcome.message)

    def _preview_problem(self, message: str) -> None:
        self.preview_message.setStyleSheet(_ERROR_STYLE)
        self.preview_message.setText(message)

    # ============================================================ actions

    def new_session(self) -> None:
        dialog = NewSessionDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            name = dialog.created.name
            self._select_next = name
            self.ctx.status_message.emit(f"Session {name} created.")
            self.ctx.notify("sessions")
            self.select_session(name)
        dialog.deleteLater()

    def add_member(self) -> None:
        info = self.info
        if info is None or not self._writable():
            return
        try:
            sessions.add_member(self.ctx.db, info.name, self.member_name.text(),
                                self.member_agency.currentData(),
                                str(self.member_role.currentData()), self.ctx.actor)
        except UserError as exc:
            show_error(self, "Add panel member", exc)
            return
        self.member_name.clear()
        self.ctx.notify("sessions")
        self.member_name.setFocus()

    def edit_member(self) -> None:
        """Correct the selected member's name, agency or role (a dialog)."""
        info, row = self.info, self._selected_row(self.member_table)
        if info is None or row < 0 or not self._writable():
            return
        dialog = EditMemberDialog(self.ctx, info.name, self.member_model.row_at(row),
                                  self._agencies, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.ctx.notify("sessions")
        dialog.deleteLater()

    def remove_member(self) -> None:
        info = self.info
        row = self._selected_row(self.member_table)
        if info is None or row < 0:
            return
        name = self.member_model.row_at(row).name
        try:
            sessions.remove_member(self.ctx.db, info.name, name, self.ctx.actor)
        except UserError as exc:
            show_error(self, "Remove panel member", exc)
            return
        self.ctx.notify("sessions")

    def bind_member(self) -> None:
        """Bind the selected member to an OS account (``member_access``)."""
        info, row = self.info, self._selected_row(self.member_table)
        if info is not None and row >= 0:
            member = self.member_model.row_at(row)
            if member_access.bind_member(self, self.ctx, info.name, member.name,
                                         member.os_account):
                self.ctx.notify("sessions")

    def approve_proxy(self) -> None:
        info, row = self.info, self._selected_row(self.member_table)
        if info is not None and row >= 0:
            member_access.approve_proxy(self, self.ctx, info.name,
                                        self.member_model.row_at(row).name)

    def start_scoring(self) -> None:
        """The "Start scoring" button: the panel may score the sample."""
        self.change_status("scoring")

    def start_moderation(self) -> None:
        """The "Start moderation" button (``change_status`` asks first when plans are unscored)."""
        self.change_status("moderation")

    def close_session(self) -> None:
        """The "Close session…" button: asks first (with the counts when sampled plans are
        not moderated: ``change_status`` asks that question instead of this one)."""
        info = self.info
        if info is None:
            return
        if sessions.status_guard(self.ctx.db, info.name, "closed") is not None:
            self.change_status("closed")
            return
        answer = QMessageBox.question(
            self, "Close session", presenter.close_question(info),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.change_status("closed")

    def change_status(self, status: str) -> None:
        """Move the session on to ``status`` (the buttons' handlers decide whether to)."""
        info = self.info
        if info is None:
            return
        try:  # issue 16: plans left unscored or unmoderated are named before going ahead
            guard = sessions.status_guard(self.ctx.db, info.name, status)
        except UserError as exc:
            show_error(self, "Change status", exc)
            return
        if guard is not None and not status_guard_dialog.ask_status_guard(self, guard):
            return
        try:
            sessions.set_status(self.ctx.db, info.name, status, self.ctx.actor,
                                force=guard is not None)
        except UserError as exc:
            show_error(self, "Change status", exc)
            return
        self.ctx.status_message.emit(f"{info.name}: {status_label(status).lower()}.")
        self.ctx.notify("sessions")

    def draw_sample(self) -> None:
        info = self.info
        if info is None or not self._writable():
            return
        form = self.draw_form()
        problem = form.problem()
        if problem:
            QMessageBox.warning(self, "Draw sample", problem)
            return
        question = presenter.redraw_question(info, self.record)
        if question is not None:
            answer = QMessageBox.question(
                self, "Draw sample", question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            result = (sampling_returns.draw_returns(self.ctx.db, info.name,
                                                    form.return_settings(), self.ctx.actor)
                      if form.returns else
                      sampling.draw(self.ctx.db, info.name, form.settings(), self.ctx.actor))
        except UserError as exc:
            show_error(self, "Draw sample", exc)
            return
        self.seed_spin.blockSignals(True)
        self.seed_spin.setValue(result.seed)  # show the stored seed
        self.seed_spin.blockSignals(False)
        drawn = getattr(result, "returns", result.plans)  # a DCO session draws returns
        message = presenter.drawn_message(len(drawn), result.eligible, result.seed,
                                          "advice return" if form.returns else "plan")
        self.ctx.status_message.emit(f"{info.name}: {message}")
        self.ctx.notify("sessions")
        self.sample_message.setText(message)

    def withdraw_selected(self) -> None:
        info = self.info
        row = self._selected_row(self.sample_table)
        if info is None or not self.sample_model.active_row(row):
            return
        plan_ref = self.sample_model.row_at(row).plan_ref
        reason, ok = QInputDialog.getText(
            self, "Withdraw and replace",
            f"Why is {plan_ref} withdrawn from the sample?\n"
            "The reason is recorded for the inspector.",
        )
        if not ok:
            return
        try:
            replacement = sampling.withdraw_and_replace(self.ctx.db, info.name, plan_ref,
                                                        reason, self.ctx.actor)
        except UserError as exc:
            show_error(self, "Withdraw and replace", exc)
            return
        message = presenter.withdrawn_message(plan_ref, replacement, self.record)
        self.ctx.status_message.emit(f"{info.name}: {message}")
        self.ctx.notify("sessions")
        self.sample_message.setText(message)
