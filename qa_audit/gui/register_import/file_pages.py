"""The "Import register" wizard's first three pages: choose the file, preview it, match columns.

Each page's layout is a Designer form (``forms/register_file_page.ui``,
``register_preview_page.ui``, ``register_mapping_page.ui``); the texts that name the
kind of register, and the mapping page's one row per field, are added here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QWizardPage,
)

from qa_audit.errors import UserError
from qa_audit.gui import workers
from qa_audit.gui.context import AppContext
from qa_audit.gui.custom_fields_box import CustomFieldsBox
from qa_audit.gui.formatting import cell_display
from qa_audit.gui.generated.ui_register_file_page import Ui_RegisterFilePage
from qa_audit.gui.generated.ui_register_mapping_page import Ui_RegisterMappingPage
from qa_audit.gui.generated.ui_register_preview_page import Ui_RegisterPreviewPage
from qa_audit.gui.models.register_tables import PREVIEW_ROWS, PreviewTableModel
from qa_audit.gui.register_import.presenter import (
    NOT_IN_FILE,
    RegisterKind,
    file_summary,
    mapping_problems,
    read_file,
    still_matched,
    with_mnemonic,
)
from qa_audit.importing.tabular import Table, cell_text, match_headers

__all__ = ["ERROR_STYLE", "OK_STYLE", "FilePage", "ImportWizard", "MappingPage", "PreviewPage"]

FILE_FILTER = ("Spreadsheets (*.csv *.xlsx *.txt);;CSV files (*.csv *.txt);;"
               "Excel workbooks (*.xlsx);;All files (*)")
ERROR_STYLE = "color: #9b1c1c;"
OK_STYLE = "color: #14532d;"


class ImportWizard(Protocol):
    """What the pages use of the wizard (``register_wizard.RegisterImportWizard``)."""

    ctx: AppContext
    kind: RegisterKind
    mapping: dict[str, str]
    custom: dict[str, str | None]
    imported: SignalInstance  # emitted with the ImportResult

    @property
    def path(self) -> Path | None: ...

    @property
    def table(self) -> Table | None: ...

    def set_table(self, path: Path, table: Table) -> None: ...

    def next(self) -> None: ...

    def job_ended(self) -> None: ...


def drop_job(job: workers.Job, *slots: Callable[..., None]) -> None:
    """Cancel a job and stop listening to it, so a stale result never arrives."""
    job.cancel()
    for signal in (job.signals.progress, job.signals.finished, job.signals.failed,
                   job.signals.cancelled):
        for slot in slots:
            with contextlib.suppress(RuntimeError, TypeError):  # not connected to it
                signal.disconnect(slot)


def compact_rows(view: QTableView) -> None:
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)


class FilePage(QWizardPage):
    """Page 1: which file (Browse…, typed path or drag and drop)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()  # the wizard adopts the page (setPage)
        self._wizard = wizard
        kind = wizard.kind
        self.setTitle("Choose the file")
        self.setSubTitle(
            f"A CSV or Excel (.xlsx) export of {kind.noun} from your case management system. "
            "Only the first sheet of a workbook is read. Nothing is written until the last step."
        )
        self.setAcceptDrops(True)
        self._job: workers.Job | None = None
        self._reading: Path | None = None
        self.ui = Ui_RegisterFilePage()
        self.ui.setupUi(self)
        self.path_edit, self.browse_button = self.ui.importPath, self.ui.importBrowse
        self.busy, self.error_label = self.ui.readingBusy, self.ui.importFileError
        self.busy.hide()

        self.browse_button.clicked.connect(self.browse)
        self.path_edit.textChanged.connect(self._path_changed)

    # ------------------------------------------------------------ choosing

    def path(self) -> Path | None:
        text = self.path_edit.text().strip().strip('"')
        return Path(text).expanduser() if text else None

    def browse(self) -> None:
        current = self.path()
        start = str(current.parent) if current is not None else str(Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self._wizard.kind.title, start, FILE_FILTER
        )
        if chosen:
            self.path_edit.setText(chosen)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            self.path_edit.setText(urls[0].toLocalFile())
            event.acceptProposedAction()

    def _path_changed(self) -> None:
        self.error_label.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        path = self.path()
        return self._job is None and path is not None and path.is_file()

    # ------------------------------------------------------------ reading

    def validatePage(self) -> bool:
        path = self.path()
        if path is None or self._job is not None:
            return False
        if self._wizard.table is not None and self._wizard.path == path:
            return True  # already read (back and forth through the pages)
        self.error_label.clear()
        self.busy.show()
        self._job = workers.Job(read_file, path)
        self._job.signals.finished.connect(self._read_done)
        self._job.signals.failed.connect(self._read_failed)
        self._reading = path
        self.completeChanged.emit()
        workers.start(self._job)
        return False

    def _finish_job(self) -> None:
        self._job = None
        self.busy.hide()
        self.completeChanged.emit()

    def _read_done(self, table: Table) -> None:
        self._finish_job()
        if self._reading is None:
            return
        self._wizard.set_table(self._reading, table)
        self._wizard.next()

    def _read_failed(self, message: str, _user_error: bool) -> None:
        self._finish_job()
        self.error_label.setText(message)

    def busy_now(self) -> bool:
        return self._job is not None

    def stop(self) -> None:
        if self._job is not None:
            drop_job(self._job, self._read_done, self._read_failed)
            self._finish_job()


class PreviewPage(QWizardPage):
    """Page 2: the first rows as read, so the user sees the right file and header."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()  # the wizard adopts the page (setPage)
        self._wizard = wizard
        self.ui = Ui_RegisterPreviewPage()
        self.ui.setupUi(self)
        self.setSubTitle(f"The first {PREVIEW_ROWS} rows of the file, as they will be read. "
                         "Row numbers are the spreadsheet's.")
        self.summary, self.table = self.ui.previewSummary, self.ui.previewTable
        self.model = PreviewTableModel(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        compact_rows(self.table)

    def initializePage(self) -> None:
        table = self._wizard.table
        self.model.show_table(table)
        if table is None:
            self.summary.clear()
            return
        name = self._wizard.path.name if self._wizard.path else ""
        self.summary.setText(file_summary(table, name, min(PREVIEW_ROWS, len(table))))
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 240))


class MappingPage(QWizardPage):
    """Page 3: one combo per field, pre-filled from the headers (synonyms matched)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()  # the wizard adopts the page (setPage)
        self._wizard = wizard
        kind = wizard.kind
        self.ui = Ui_RegisterMappingPage()
        self.ui.setupUi(self)
        keep = (" unless you keep them below as your own plan fields"
                if kind.key == "plans" else "")
        self.setSubTitle("Choose which column of the file holds each field. Fields marked "
                         f"* are required. Columns matched to no field are not imported{keep}.")
        self._table_seen: Table | None = None
        self.combos: dict[str, QComboBox] = {}
        self.examples: dict[str, QLabel] = {}
        self._add_field_rows(kind)

        self._unused: list[str] = []  # labels of the columns no field uses
        self._matched: list[str] = []  # notes on fields left out whose header matches
        self.custom_box: CustomFieldsBox = self.ui.customFields
        self.custom_box.setVisible(False)
        self.custom_box.changed.connect(self._custom_changed)
        self.unknown_label, self.problem_label = self.ui.unknownColumns, self.ui.mappingProblem

    def _add_field_rows(self, kind: RegisterKind) -> None:
        """One row per field of ``kind`` under the form's three headings: the label (bold
        when required), the column combo and the first value."""
        body, grid = self.ui.mappingBody, self.ui.mappingGrid
        used_mnemonics: set[str] = set()
        for row, name in enumerate(kind.fields, start=1):
            required = name in kind.required
            text = kind.labels.get(name, name)
            label = QLabel(with_mnemonic(text, used_mnemonics) + (" *" if required else ""),
                           body)
            if required:
                font = label.font()
                font.setBold(True)
                label.setFont(font)
            combo = QComboBox(body)
            combo.setObjectName(f"map_{name}")
            combo.setAccessibleName(f"Column for {text}" + (" (required)" if required else ""))
            tip = kind.hints.get(name, "")
            combo.setToolTip(f"{text} ({name})" + (f": {tip}" if tip else ""))
            label.setToolTip(combo.toolTip())
            label.setBuddy(combo)
            example = QLabel(body)
            example.setObjectName(f"example_{name}")
            example.setTextFormat(Qt.TextFormat.PlainText)
            example.setAccessibleName(f"First value for {text}")
            grid.addWidget(label, row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(example, row, 2)
            self.combos[name] = combo
            self.examples[name] = example
            combo.currentIndexChanged.connect(self._changed)
        grid.setRowStretch(len(kind.fields) + 1, 1)

    # ------------------------------------------------------------ filling

    def initializePage(self) -> None:
        table = self._wizard.table
        if table is None or table is self._table_seen:
            self._changed()
            return  # keep the user's choices when coming back to this page
        self._table_seen = table
        kind = self._wizard.kind
        labels = [table.header_label(i) for i in range(len(table.headers))]
        try:
            match = match_headers(table.headers, kind.fields, {}, required=kind.required,
                                  map_hint=False)
            found = match.column_of
        except UserError:
            found = {}
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IN_FILE, None)
            for index, label in enumerate(labels):
                combo.addItem(label, index)
            combo.setCurrentIndex(0 if name not in found else found[name] + 1)
            combo.blockSignals(False)
        self._changed()

    def chosen(self) -> dict[str, int]:
        """field -> column index, for the fields that have a column."""
        out = {}
        for name, combo in self.combos.items():
            index = combo.currentData()
            if index is not None:
                out[name] = int(index)
        return out

    def mapping(self) -> dict[str, str]:
        """field -> header as written in the file (``--map FIELD=HEADER``)."""
        table = self._wizard.table
        if table is None:
            return {}
        return {name: table.headers[i].strip() for name, i in self.chosen().items()}

    def problems(self) -> list[str]:
        kind, table = self._wizard.kind, self._wizard.table
        out = mapping_problems(kind, self.chosen(), table.header_label if table else None)
        if kind.key == "plans":
            out += self.custom_box.problems()
        return out

    def _changed(self) -> None:
        table = self._wizard.table
        if table is None:
            return
        chosen = self.chosen()
        for name, example in self.examples.items():
            index = chosen.get(name)
            value = ""
            if index is not None:
                value = next((cell_display(r[index]) for r in table.rows
                              if cell_text(r[index])), "")
            example.setText(value[:60])
        used = set(chosen.values())
        unused = [table.header_label(i) for i in range(len(table.headers)) if i not in used]
        self._unused = unused
        self._matched = still_matched(self._wizard.kind, table.headers, chosen)
        if self._wizard.kind.key == "plans":
            self.custom_box.set_columns([table.headers[i].strip()
                                         for i in range(len(table.headers))
                                         if i not in used and table.headers[i].strip()])
        self._custom_changed()

    def _custom_changed(self) -> None:
        """Notes and problems again (a column ticked or a field name typed)."""
        kept = self.custom_box.kept_headers() if self._wizard.kind.key == "plans" else set()
        unused = [label for label in self._unused if label not in kept]
        notes = ["Not imported: " + ", ".join(unused) + "."] if unused else []
        self.unknown_label.setText(" ".join(notes + self._matched))
        self.problem_label.setText(" ".join(self.problems()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._wizard.table is not None and not self.problems()

    def validatePage(self) -> bool:
        self._wizard.mapping = self.mapping()
        self._wizard.custom = self.custom_box.custom() if self._wizard.kind.key == "plans" else {}
        return True
