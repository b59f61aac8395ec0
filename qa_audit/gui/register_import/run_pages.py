"""The "Import register" wizard's last two pages: check every row, then import (in workers).

Layouts: the Designer forms ``forms/register_check_page.ui`` and ``register_import_page.ui``.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QWizard,
    QWizardPage,
)

from qa_audit.gui import workers
from qa_audit.gui.generated.ui_register_check_page import Ui_RegisterCheckPage
from qa_audit.gui.generated.ui_register_import_page import Ui_RegisterImportPage
from qa_audit.gui.models.register_tables import ProblemTableModel
from qa_audit.gui.register_import.file_pages import (
    ERROR_STYLE,
    OK_STYLE,
    ImportWizard,
    compact_rows,
    drop_job,
)
from qa_audit.gui.register_import.presenter import (
    CheckOutcome,
    RegisterKind,
    check_file,
    check_summary,
    import_ready,
    problems_file,
    shorten,
)
from qa_audit.importing.values import neutralise_formula
from qa_audit.services.register_import import ImportResult

__all__ = ["CheckPage", "ImportPage", "run_import"]


def run_import(kind: RegisterKind, db: Any, path: Path, *, mapping: dict[str, str],
                actor: Any, progress: Callable[[int, str], None],
                custom: dict[str, str | None] | None = None) -> ImportResult:
    def report(percent: int, stage: str) -> None:
        if percent >= 100:
            # Already committed: a late cancel must not turn a finished import into
            # "cancelled".
            with contextlib.suppress(workers.Cancelled):
                progress(percent, stage)
            return
        progress(percent, stage)

    if custom:
        return kind.importer(db, path, mapping, actor, report, custom=custom)
    return kind.importer(db, path, mapping, actor, report)


class CheckPage(QWizardPage):
    """Page 4: every bad row listed before anything is written."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()  # the wizard adopts the page (setPage)
        self._wizard = wizard
        self.ui = Ui_RegisterCheckPage()
        self.ui.setupUi(self)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self._job: workers.Job | None = None
        self.outcome: CheckOutcome | None = None
        self.failure: str | None = None
        ui = self.ui
        self.summary, self.busy, self.table = ui.checkSummary, ui.checkingBusy, ui.problemTable
        self.recheck_button, self.save_button = ui.recheck, ui.saveProblems
        self.busy.hide()
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.summary.setFont(font)
        self.model = ProblemTableModel(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        compact_rows(self.table)
        self.recheck_button.clicked.connect(self.start_check)
        self.save_button.clicked.connect(self.save_problems)

    def initializePage(self) -> None:
        self.start_check()

    def cleanupPage(self) -> None:
        self.stop()

    def stop(self) -> None:
        """Abandon a running check (going back, or closing the wizard)."""
        if self._job is not None:
            drop_job(self._job, self._checked, self._failed, self._cancelled)
            self._end_job()

    def start_check(self) -> None:
        path = self._wizard.path
        if path is None or self._job is not None:
            return
        self.outcome, self.failure = None, None
        self.model.set_rows([])
        self.summary.setStyleSheet("")
        self.summary.setText(f"Checking {path.name}…")
        self.busy.show()
        self.recheck_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self._job = workers.Job(check_file, self._wizard.kind, path, dict(self._wizard.mapping),
                                self._wizard.ctx.db, custom=dict(self._wizard.custom))
        self._job.signals.finished.connect(self._checked)
        self._job.signals.failed.connect(self._failed)
        self._job.signals.cancelled.connect(self._cancelled)
        self.completeChanged.emit()
        workers.start(self._job)

    def _end_job(self) -> None:
        self._job = None
        self.busy.hide()
        self.recheck_button.setEnabled(True)
        self.completeChanged.emit()

    def _checked(self, outcome: CheckOutcome) -> None:
        self.outcome = outcome
        self.model.set_rows(outcome.problems)
        self.summary.setStyleSheet(ERROR_STYLE if outcome.problems else OK_STYLE)
        self.summary.setText(check_summary(outcome, self._wizard.kind.noun))
        self.save_button.setEnabled(bool(outcome.problems))
        self.table.resizeColumnsToContents()
        self._end_job()

    def _failed(self, message: str, _user_error: bool) -> None:
        self.failure = message
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setText(shorten(message) + "\nNothing has been written.")
        self._end_job()

    def _cancelled(self) -> None:
        self._end_job()

    def isComplete(self) -> bool:
        return self._job is None and import_ready(self.outcome, self.failure)

    def busy_now(self) -> bool:
        return self._job is not None

    def save_problems(self) -> None:
        if not self.model.rows():
            return
        path = self._wizard.path
        suggested = problems_file(path)
        target, _filter = QFileDialog.getSaveFileName(self, "Save the list of bad rows",
                                                      suggested, "CSV files (*.csv)")
        if not target:
            return
        try:
            with open(target, "w", newline="", encoding="utf-8-sig") as handle:
                writer = csv.writer(handle)
                writer.writerow(ProblemTableModel.HEADERS)
                for p in self.model.rows():
                    writer.writerow([p.row, neutralise_formula(p.column),
                                     neutralise_formula(p.value), neutralise_formula(p.reason)])
        except OSError as err:
            QMessageBox.warning(self, "Save the list of bad rows",
                                f"Cannot write {target}: {err.strerror or err}")


class ImportPage(QWizardPage):
    """Page 5: the import itself, with progress and cancel, then a summary."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()  # the wizard adopts the page (setPage)
        self._wizard = wizard
        self.ui = Ui_RegisterImportPage()
        self.ui.setupUi(self)
        self._job: workers.Job | None = None
        self.result: ImportResult | None = None
        self.failure: str | None = None
        self.cancelled = False
        ui = self.ui
        self.stage_label, self.progress = ui.importStage, ui.importProgress
        self.cancel_button, self.result_label = ui.cancelImport, ui.importResult
        font = self.result_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.result_label.setFont(font)
        self.cancel_button.clicked.connect(self.cancel)

    def initializePage(self) -> None:
        wizard = self._wizard
        if self._job is not None or self.result is not None or wizard.path is None:
            return
        self.failure, self.cancelled = None, False
        self.progress.setValue(0)
        self.stage_label.setText("Starting…")
        self.result_label.clear()
        self.cancel_button.setEnabled(True)
        self._job = workers.Job(run_import, wizard.kind, wizard.ctx.db, wizard.path,
                                mapping=dict(wizard.mapping), actor=wizard.ctx.actor,
                                custom=dict(wizard.custom))
        self._job.signals.progress.connect(self._progress)
        self._job.signals.finished.connect(self._done)
        self._job.signals.failed.connect(self._failed)
        self._job.signals.cancelled.connect(self._cancelled)
        workers.start(self._job)
        self.completeChanged.emit()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.stage_label.setText("Cancelling…")

    def _progress(self, percent: int, stage: str) -> None:
        self.progress.setValue(percent)
        self.stage_label.setText(stage)

    def _end(self) -> None:
        self._job = None
        self.cancel_button.setEnabled(False)
        self.completeChanged.emit()
        self._wizard.job_ended()

    def _done(self, result: ImportResult) -> None:
        self.result = result
        self.progress.setValue(100)
        self.stage_label.setText("Done.")
        text = result.describe(self._wizard.kind.done_text)
        self.result_label.setStyleSheet(OK_STYLE)
        self.result_label.setText(text)
        self._end()
        self._wizard.ctx.notify(self._wizard.kind.key)
        self._wizard.ctx.status_message.emit(text)
        self._wizard.imported.emit(result)

    def _failed(self, message: str, _user_error: bool) -> None:
        self.failure = message
        self.stage_label.setText("Stopped.")
        self.result_label.setStyleSheet(ERROR_STYLE)
        self.result_label.setText(shorten(message) + "\nNothing was imported.")
        self._end()

    def _cancelled(self) -> None:
        self.cancelled = True
        self.stage_label.setText("Cancelled.")
        self.result_label.setStyleSheet("")
        self.result_label.setText("Import cancelled: nothing was written.")
        self._end()

    def isComplete(self) -> bool:
        return self._job is None

    def busy_now(self) -> bool:
        return self._job is not None
