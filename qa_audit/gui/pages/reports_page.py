"""The Reports page: write a report in the background, approve excerpts, edit the names list.

Three tabs:

* **Generate** -- choose the report (key issues for one session; trend, health deep
  dive or themes for a period of months), the output folder and whether to write
  the spreadsheet and the figures JSON beside the PDF. The figures are computed by
  ``services.reports`` and written by ``reporting.render.generate`` in a
  ``workers.Job`` with a progress bar; Cancel stops it and, because ``generate``
  writes all-or-nothing, leaves no file. Afterwards: Open PDF, Open folder, Export
  XLSX… and a preview of the headline and the very tables the spreadsheet holds.
* **Excerpts awaiting approval** -- the redacted suggestion of each pending excerpt,
  editable; Approve stores it (redacted again by the service), Withdraw takes an
  approval made here back.
* **Redaction names** -- the user's list of names masked in excerpts (one a line).

File names hold the report kind and the session name or period only, never a
child's name (``services.report_output``).

This module is the controller: Qt wiring, workers and service calls. The layout
is ``reports.view`` (over ``forms/reports_page.ui``); the decisions are
``reports.presenter`` (no Qt, unit-tested).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QWidget

from qa_audit import paths
from qa_audit.errors import UserError
from qa_audit.gui import database_actions, workers
from qa_audit.gui.context import AppContext
from qa_audit.gui.models.report_models import APPROVED, PENDING, WITHDRAWN
from qa_audit.gui.reports import presenter
from qa_audit.gui.reports.answers_action import AnswersExport
from qa_audit.gui.reports.presenter import BREAKDOWN_CHOICES, REPORT_KINDS
from qa_audit.gui.reports.view import ReportsView
from qa_audit.services import excerpts, plans, redaction_terms, reports, sessions
from qa_audit.services.report_output import (
    ReportOutcome,
    ReportRequest,
    export_xlsx,
    produce_report,
    slug,
)

__all__ = [
    "BREAKDOWN_CHOICES",
    "REPORT_KINDS",
    "Qt",
    "ReportOutcome",
    "ReportRequest",
    "ReportsPage",
    "default_output_folder",
    "month_text",
    "slug",
]

log = logging.getLogger(__name__)

REFRESH_ON = frozenset({"sessions", "audits", "plans"})
_OK_STYLE = "color: #1d5e20;"
_ERROR_STYLE = "color: #9b1c1c;"


def default_output_folder() -> Path:
    """``Documents/QA audit reports`` when there is a Documents folder, else the data folder's."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if docs and Path(docs).is_dir():
        return Path(docs) / "QA audit reports"
    return paths.data_dir() / "reports"


def month_text(date: QDate) -> str:
    return f"{date.year():04d}-{date.month():02d}"


def _refill(combo: QComboBox, choices: Sequence[tuple[str, Any]], *, keep: bool = True) -> None:
    """Replace a combo's items without signals; keep the chosen value when still offered."""
    current = combo.currentData() if keep else None
    combo.blockSignals(True)
    combo.clear()
    for text, value in choices:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(combo.findData(current), 0) if keep else 0)
    combo.blockSignals(False)


def _drop(job: workers.Job) -> None:
    """Cancel a job and stop listening to it, so a stale result never arrives."""
    job.cancel()
    for signal in (job.signals.progress, job.signals.finished, job.signals.failed,
                   job.signals.cancelled):
        with contextlib.suppress(RuntimeError, TypeError):
            signal.disconnect()


class ReportsPage(ReportsView):
    """Reports, excerpt approval and the redaction names list: ``ReportsPage(ctx)``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today,
                 output_folder: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self._job: workers.Job | None = None
        self._export_job: workers.Job | None = None
        self.outcome: ReportOutcome | None = None
        self._tables: dict[str, list[dict[str, Any]]] = {}
        self.last_error: str | None = None
        self._sessions_stale = False
        self._excerpts_loaded = False
        self._own_notice = False
        self._names: tuple[str, ...] = ()
        self._set_initial_values(output_folder or default_output_folder())
        self.answers_export = AnswersExport(self, self, self.ui.runRow)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.browse_button.clicked.connect(self.browse_folder)
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_pdf_button.clicked.connect(self.open_pdf)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.export_button.clicked.connect(self.export_spreadsheet)
        self.table_combo.currentIndexChanged.connect(self._show_table)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.excerpt_table.selectionModel().currentRowChanged.connect(self._excerpt_selected)
        self.approve_button.clicked.connect(self.approve_selected)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.refresh_excerpts_button.clicked.connect(self.reload_excerpts)
        self.save_names_button.clicked.connect(self.save_names)
        self.revert_names_button.clicked.connect(self.load_names)
        self.names_edit.modificationChanged.connect(self._names_modified)
        ctx.data_changed.connect(self._on_data_changed)
        self.reload_sessions()
        self.load_names()
        self._kind_changed()
        self._set_busy(False)
        self._show_outcome(None)

    def _set_initial_values(self, folder: Path) -> None:
        """The last twelve months, the default folder, the names file's path."""
        self._fill_breakdown([])
        today = self._today()
        last = QDate(today.year, today.month, 1)
        self.from_edit.setDate(last.addMonths(-11))
        self.to_edit.setDate(last)
        self.folder_edit.setText(str(folder))
        self.names_path_label.setText(presenter.NAMES_WHERE)

    # ------------------------------------------------------------ generate

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def select_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))

    def _fill_breakdown(self, custom: list[str]) -> None:
        """Built-in fields, then the register's custom plan fields; keeps the choice."""
        _refill(self.by_combo, presenter.breakdown_choices(custom))

    def _kind_changed(self, *_args: object) -> None:
        self._apply_kind(presenter.kind_controls(
            self.kind(), has_sessions=self.session_combo.count() > 0))

    def _apply_kind(self, state: presenter.KindControls) -> None:
        self.by_combo.setEnabled(state.breakdown)
        self.session_combo.setEnabled(state.session)
        for w in (self.from_edit, self.to_edit):
            w.setEnabled(state.months)
        self.rubric_combo.setEnabled(state.rubric)

    def reload_sessions(self) -> None:
        try:
            infos = sessions.list_sessions(self.ctx.db)
            self._fill_breakdown(plans.custom_field_names(self.ctx.db))
        except UserError as exc:
            self._set_status(exc.message, error=True)
            return
        _refill(self.session_combo, presenter.session_choices(infos))
        _refill(self.rubric_combo, presenter.rubric_choices(infos))
        self._kind_changed()

    def select_rubric(self, rubric_id: str | None) -> bool:
        index = self.rubric_combo.findData(rubric_id)
        if index >= 0:
            self.rubric_combo.setCurrentIndex(index)
        return index >= 0

    def select_session(self, name: str) -> bool:
        index = self.session_combo.findData(name)
        if index >= 0:
            self.session_combo.setCurrentIndex(index)
        return index >= 0

    def set_period(self, from_month: str, to_month: str) -> None:
        for edit, text in ((self.from_edit, from_month), (self.to_edit, to_month)):
            year, month = (int(p) for p in text.split("-"))
            edit.setDate(QDate(year, month, 1))

    def request(self) -> ReportRequest:
        """The request the Generate tab shows; UserError when no folder is given."""
        return presenter.ReportForm(
            kind=self.kind(), folder=self.folder_edit.text(),
            session=self.session_combo.currentData(),
            from_month=month_text(self.from_edit.date()),
            to_month=month_text(self.to_edit.date()),
            xlsx=self.xlsx_check.isChecked(), json=self.json_check.isChecked(),
            rubric=self.rubric_combo.currentData(), by=self.by_combo.currentData(),
        ).request(self._names)

    def browse_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for reports",
                                                  self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)

    def busy(self) -> bool:
        return self._job is not None or self._export_job is not None

    def generate(self) -> bool:
        """Start writing the chosen report; False when it could not start."""
        if self.busy():
            return False
        try:
            request = self.request()
            if request.kind != "key-issues":
                reports.period(request.from_month or "", request.to_month or "")
            request.folder.mkdir(parents=True, exist_ok=True)
        except UserError as exc:
            database_actions.show_user_error(self, "Report not written", exc)
            return False
        except OSError as exc:
            database_actions.show_user_error(self, "Report not written", UserError(
                f"Cannot create the folder {self.folder_edit.text()}: {exc.strerror or exc}."))
            return False
        question = presenter.replace_question(request)
        if question is not None and QMessageBox.question(
                self, "Replace the report?", question) != QMessageBox.StandardButton.Yes:
            return False
        self.last_error = None
        self._show_outcome(None)
        self.progress_bar.setValue(0)
        self._set_status("Starting…")
        job = workers.Job(produce_report, self.ctx.db, request)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._generated)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._cancelled)
        self._job = job
        self._set_busy(True)
        workers.start(job)
        return True

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self._set_status("Cancelling…")

    def _progress(self, percent: int, stage: str) -> None:
        self.progress_bar.setValue(max(0, min(100, percent)))
        self._set_status(presenter.stage_text(stage))

    def _end_job(self) -> None:
        self._job = None
        self._set_busy(False)

    def _generated(self, outcome: ReportOutcome) -> None:
        self._end_job()
        self.outcome = outcome
        self.progress_bar.setValue(100)
        self._set_status(presenter.written_text(outcome), ok=True)
        self._show_outcome(outcome)
        self.ctx.status_message.emit(outcome.files.describe())

    def _failed(self, message: str, user_error: bool) -> None:
        self._end_job()
        self.progress_bar.setValue(0)
        self.last_error = message
        self._set_status("The report was not written.", error=True)
        QMessageBox.critical(self, "Report not written",
                             presenter.failure_text(message, user_error))

    def _cancelled(self) -> None:
        self._end_job()
        self.progress_bar.setValue(0)
        self._set_status("Cancelled: no file was written.")

    def _set_busy(self, busy: bool) -> None:
        self.generate_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy and self._job is not None)
        self.progress_bar.setVisible(busy or self.progress_bar.value() > 0)
        for w in (self.kind_combo, self.folder_edit, self.browse_button, self.xlsx_check,
                  self.json_check):
            w.setEnabled(not busy)
        if not busy:
            self._kind_changed()
        else:
            for w in (self.session_combo, self.from_edit, self.to_edit, self.rubric_combo):
                w.setEnabled(False)  # locked while writing
        has = self.outcome is not None
        self.export_button.setEnabled(has and not busy)

    def _set_status(self, text: str, *, ok: bool = False, error: bool = False) -> None:
        self.status_label.setStyleSheet(_OK_STYLE if ok else _ERROR_STYLE if error else "")
        self.status_label.setText(text)

    def _show_outcome(self, outcome: ReportOutcome | None) -> None:
        self.outcome = outcome
        has = outcome is not None
        for b in (self.open_pdf_button, self.open_folder_button, self.export_button,
                  self.table_combo):
            b.setEnabled(has)
        shown = presenter.outcome_view(outcome)
        self.headline_label.setText(shown.headline)
        self.files_label.setText(shown.files)
        if outcome is None:
            self.preview_model.set_rows([])
        else:
            self._tables = outcome.figures.tables()
        _refill(self.table_combo, shown.tables, keep=False)
        if has:
            self.table_combo.setCurrentIndex(0)
            self._show_table()

    def _show_table(self, *_args: object) -> None:
        if self.outcome is None:
            return
        name = self.table_combo.currentData()
        self.preview_model.set_rows(self._tables.get(name, []))
        self.preview.resizeColumnsToContents()
        head = self.preview.horizontalHeader()
        for col in range(self.preview_model.columnCount()):
            head.resizeSection(col, min(head.sectionSize(col), 360))

    def open_pdf(self) -> bool:
        if self.outcome is None:
            return False
        return self._open(self.outcome.files.pdf)

    def open_folder(self) -> bool:
        if self.outcome is None:
            return False
        return self._open(self.outcome.files.pdf.parent)

    def _open(self, path: Path) -> bool:
        if not path.exists():
            QMessageBox.warning(self, "Cannot open", f"{path} no longer exists.")
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.warning(self, "Cannot open",
                                f"No program on this computer opened {path}.")
            return False
        return True

    def export_spreadsheet(self) -> bool:
        """Save the figures' workbook where the user chooses (in the background)."""
        if self.outcome is None or self.busy():
            return False
        suggested = str(self.outcome.files.pdf.with_suffix(".xlsx"))
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Export spreadsheet", suggested, "Excel workbooks (*.xlsx)")
        if not chosen:
            return False
        path = presenter.xlsx_path(chosen)
        job = workers.Job(export_xlsx, self.outcome.figures, self.outcome.meta, path)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._exported)
        job.signals.failed.connect(self._export_failed)
        job.signals.cancelled.connect(self._export_failed)
        self._export_job = job
        self._set_busy(True)
        workers.start(job)
        return True

    def _exported(self, path: Path) -> None:
        self._export_job = None
        self._set_busy(False)
        self._set_status(f"Spreadsheet saved: {path}", ok=True)
        self.ctx.status_message.emit(f"Spreadsheet saved: {path}")

    def _export_failed(self, message: str = "Cancelled.", _user_error: bool = True) -> None:
        self._export_job = None
        self._set_busy(False)
        self.last_error = message
        self._set_status("The spreadsheet was not saved.", error=True)
        QMessageBox.critical(self, "Spreadsheet not saved", message)

    # ------------------------------------------------------------ excerpts

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.excerpts_tab and not self._excerpts_loaded:
            self.reload_excerpts()

    def reload_excerpts(self) -> None:
        try:
            pending = excerpts.pending_excerpts(self.ctx.db)
        except UserError as exc:
            self.excerpt_status_label.setText(exc.message)
            return
        self._excerpts_loaded = True
        self.excerpt_model.set_excerpts(pending)
        self._update_excerpt_count()
        if pending:
            self.select_excerpt(pending[0].id)
        else:
            self._excerpt_selected()

    def _update_excerpt_count(self) -> None:
        self.excerpt_count_label.setText(presenter.excerpt_count_text(
            self.excerpt_model.count(PENDING), self.excerpt_model.count(APPROVED)))

    def select_excerpt(self, excerpt_id: int) -> bool:
        row = self.excerpt_model.row_of(excerpt_id)
        if row < 0:
            return False
        self.excerpt_table.selectionModel().setCurrentIndex(
            self.excerpt_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        return True

    def _current_excerpt_row(self) -> int:
        index = self.excerpt_table.selectionModel().currentIndex()
        return index.row() if index.isValid() else -1

    def _excerpt_selected(self, *_args: object) -> None:
        state = presenter.excerpt_controls(self.excerpt_model.get_row(self._current_excerpt_row()))
        self.excerpt_edit.setPlainText(state.text)
        self.excerpt_edit.setEnabled(state.editable)
        self.approve_button.setEnabled(state.editable)
        self.withdraw_button.setEnabled(state.withdraw)
        self.excerpt_status_label.clear()

    def approve_selected(self) -> bool:
        row_no = self._current_excerpt_row()
        row = self.excerpt_model.get_row(row_no)
        if row is None:
            return False
        try:
            done = excerpts.approve_excerpt(self.ctx.db, row.excerpt.id,
                                            self.excerpt_edit.toPlainText(), self.ctx.actor)
        except UserError as exc:
            database_actions.show_user_error(self, "Excerpt not approved", exc)
            return False
        self.excerpt_model.mark(row_no, APPROVED, done.text)
        self._excerpt_selected()
        self.excerpt_status_label.setStyleSheet(_OK_STYLE)
        self.excerpt_status_label.setText(f"Approved for quoting ({done.plan_ref}): {done.text}")
        self._update_excerpt_count()
        self._notify("audits")
        self._select_next_pending(row_no)
        return True

    def _select_next_pending(self, after: int) -> None:
        following = presenter.next_pending(list(self.excerpt_model.rows()), after)
        if following is not None:
            status = self.excerpt_status_label.text()
            self.select_excerpt(following)
            self.excerpt_status_label.setText(status)

    def withdraw_selected(self) -> bool:
        row_no = self._current_excerpt_row()
        row = self.excerpt_model.get_row(row_no)
        if row is None or row.status != APPROVED:
            return False
        try:
            excerpts.withdraw_excerpt(self.ctx.db, row.excerpt.id, self.ctx.actor)
        except UserError as exc:
            database_actions.show_user_error(self, "Approval not withdrawn", exc)
            return False
        self.excerpt_model.mark(row_no, WITHDRAWN)
        self._excerpt_selected()
        self.excerpt_status_label.setStyleSheet("")
        self.excerpt_status_label.setText("Withdrawn: reports will no longer quote it.")
        self._update_excerpt_count()
        self._notify("audits")
        return True

    def _notify(self, what: str) -> None:
        self._own_notice = True
        try:
            self.ctx.notify(what)
        finally:
            self._own_notice = False

    # ------------------------------------------------------------ names list

    def load_names(self) -> None:
        """The database's redaction list, one term a line (the old file imported once)."""
        try:
            self._names = redaction_terms.for_reports(self.ctx.db, actor=self.ctx.actor)
        except UserError as exc:
            self.names_status_label.setText(str(exc))
            return
        self.names_edit.setPlainText("".join(f"{name}\n" for name in self._names))
        self.names_edit.document().setModified(False)
        self.names_status_label.setStyleSheet("")
        self.names_status_label.setText(presenter.names_count_text(len(self._names)))
        self._names_modified(False)

    def _names_modified(self, modified: bool) -> None:
        self.save_names_button.setEnabled(modified)
        self.revert_names_button.setEnabled(modified)

    def save_names(self) -> bool:
        """Store the edited list: each name added or removed is logged with who."""
        lines = [line.split("#", 1)[0] for line in self.names_edit.toPlainText().splitlines()]
        try:
            added, removed = redaction_terms.replace_terms(self.ctx.db, lines, self.ctx.actor)
        except UserError as exc:
            database_actions.show_user_error(self, "Names list not saved", exc)
            return False
        self.load_names()
        self.names_status_label.setStyleSheet(_OK_STYLE)
        self.names_status_label.setText(
            presenter.names_saved_text(len(self._names), added, removed))
        if self._excerpts_loaded:  # the suggestions depend on the list
            self.reload_excerpts()
        return True

    # ------------------------------------------------------------ refresh

    def _on_data_changed(self, what: str) -> None:
        if self._own_notice or what not in REFRESH_ON:
            return
        if not self.isVisible():
            self._sessions_stale = True
            return
        self._refresh_data()

    def _refresh_data(self) -> None:
        self.reload_sessions()
        if self._excerpts_loaded and not self.excerpt_model.count(APPROVED):
            self.reload_excerpts()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._sessions_stale:
            self._sessions_stale = False
            self._refresh_data()

    def stop(self) -> None:
        """Cancel running work and stop listening to it (the page is going away)."""
        for job in (self._job, self._export_job):
            if job is not None:
                _drop(job)
        self._job = self._export_job = None
        self.answers_export.stop()

    def closeEvent(self, event: Any) -> None:
        self.stop()
        super().closeEvent(event)
