"""The Reports page's "Export answers for analysts…": the analysts' export from the GUI.

One row per agreed answer of the page's period (and its rubric choice, when one is
picked), to an ``.xlsx`` or ``.csv`` the user names, written in the background like
every other long job. pandas writes it and the desktop bundle leaves pandas out: there
the button says so before any dialog, and points to the installed command line.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from qa_audit.errors import UserError
from qa_audit.gui import workers
from qa_audit.gui.context import AppContext
from qa_audit.gui.messages import show_user_error
from qa_audit.services import answers_export, reports

__all__ = ["BUTTON_TEXT", "AnswersExport", "answers_path", "dialog_title"]

BUTTON_TEXT = "Export answers for analysts…"
_FILTERS = "Excel workbook (*.xlsx);;CSV for Power BI (*.csv)"
_OK_STYLE = "color: #1d5e20;"  # the Reports page's own status colours
_ERROR_STYLE = "color: #9b1c1c;"


class _Page(Protocol):
    """What the action reads of the Reports page (``pages.reports_page.ReportsPage``)."""

    ctx: AppContext
    from_edit: QDateEdit
    to_edit: QDateEdit
    rubric_combo: QComboBox
    folder_edit: QLineEdit
    status_label: QLabel

    def busy(self) -> bool: ...


def _month(edit: QDateEdit) -> str:
    date = edit.date()
    return f"{date.year():04d}-{date.month():02d}"


def dialog_title(first: str, last: str, rubric: str | None) -> str:
    """The file dialog's title names what is exported: the Months may be greyed out (a
    one-session report is chosen), so the user sees the period before saving."""
    return (f"Export answers for analysts: sessions dated {first} to {last}, "
            f"{f'rubric {rubric}' if rubric else 'every rubric'}")


def answers_path(chosen: str, selected_filter: str) -> Path:
    """The dialog's answer with the suffix of the chosen file type when none is typed."""
    path = Path(chosen)
    if path.suffix.lower() in (".xlsx", ".csv"):
        return path
    return path.with_name(path.name + (".csv" if "csv" in selected_filter.lower() else ".xlsx"))


class AnswersExport(QObject):
    """Owns the button (put in ``row``), the file dialog and the background job."""

    def __init__(self, page: _Page, widget: QWidget, row: QHBoxLayout) -> None:
        super().__init__(widget)
        self._page, self._widget, self._status = page, widget, page.status_label
        self.job: workers.Job | None = None
        self.last: answers_export.ExportDone | None = None
        self.button = QPushButton(BUTTON_TEXT, widget)
        self.button.setObjectName("exportAnswers")
        self.button.setAccessibleName("Export answers for analysts")
        self.button.setAutoDefault(False)
        self.button.setToolTip("One row per agreed answer of the sessions dated in the "
                               "Months above (and the Rubric, where the report offers one), "
                               "with the plan's fields, for Power BI or Excel (.xlsx or "
                               ".csv); no names")
        row.addWidget(self.button)
        self.button.clicked.connect(self.export)

    def export(self) -> bool:
        """Ask where, then write in the background; False when nothing was started."""
        if self.job is not None or self._page.busy():
            self._say("Wait for the file being written to finish, then export the answers.",
                      _ERROR_STYLE)
            return False
        if answers_export.pandas_missing():
            QMessageBox.warning(self._widget, "Analysts' export unavailable",
                                answers_export.PANDAS_MISSING)
            return False
        first, last = _month(self._page.from_edit), _month(self._page.to_edit)
        try:
            reports.period(first, last)
        except UserError as exc:
            show_user_error(self._widget, "Answers not exported", exc)
            return False
        suggested = str(Path(self._page.folder_edit.text()) / f"answers {first} to {last}.xlsx")
        rubric = self._rubric()
        chosen, selected = QFileDialog.getSaveFileName(
            self._widget, dialog_title(first, last, rubric), suggested, _FILTERS)
        if not chosen:
            return False
        job = workers.Job(answers_export.export_answers, self._page.ctx.db, first, last,
                          answers_path(chosen, selected), rubric_id=rubric)
        job.signals.finished.connect(self._done)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._ended)
        self.job = job
        self.button.setEnabled(False)
        self._say("Exporting the agreed answers…", "")
        workers.start(job)
        return True

    def _say(self, text: str, style: str) -> None:
        self._status.setStyleSheet(style)
        self._status.setText(text)

    def _rubric(self) -> str | None:
        """The page's rubric choice where the chosen report offers one, else every rubric."""
        combo = self._page.rubric_combo
        return combo.currentData() if combo.isEnabled() else None

    def _ended(self) -> None:
        self.job = None
        self.button.setEnabled(True)

    def _done(self, done: answers_export.ExportDone) -> None:
        self._ended()
        self.last = done
        self._say(f"Exported: {done.describe()}", _OK_STYLE)
        self._page.ctx.status_message.emit(f"Answers exported: {done.path}")

    def _failed(self, message: str, _user_error: bool) -> None:
        self._ended()
        self._say("The answers were not exported.", _ERROR_STYLE)
        QMessageBox.critical(self._widget, "Answers not exported", message)

    def stop(self) -> None:
        """Cancel the export and stop listening (the page is going away)."""
        if self.job is None:
            return
        self.job.cancel()
        for signal in (self.job.signals.finished, self.job.signals.failed,
                       self.job.signals.cancelled):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect()
        self.job = None
