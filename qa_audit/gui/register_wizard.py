"""The "Import register" wizard: plan register or advice requests, all or nothing.

Five pages: choose the file, preview its first rows, match its columns to the
fields, check every row (nothing written; every bad row listed), import.
Reading, checking and importing run off the GUI thread (``workers.Job``), so a
50,000-row workbook shows progress and the window stays responsive.

The check page runs the same parser the import runs (``parse_register`` /
``parse_advice``) on a fresh read of the file with the chosen mapping, so a file
that passes the check is the file that gets imported; only the import page
writes, through ``register_import.import_plans`` / ``import_advice``.

Known limitation (service side): a field left at "(not in the file)" is still
filled from a column whose header is one of the field's synonyms, because
``match_headers`` has no way to say "skip this field"; the mapping page warns
when that will happen.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from qa_audit.errors import RowProblem, UserError
from qa_audit.gui import workers
from qa_audit.gui.context import AppContext
from qa_audit.gui.custom_fields_box import CustomFieldsBox
from qa_audit.importing import advice_parse, register_parse
from qa_audit.importing.tabular import (
    Table,
    cell_text,
    column_letter,
    match_headers,
    normalise_header,
    read_table,
)
from qa_audit.importing.values import neutralise_formula
from qa_audit.services import plans
from qa_audit.services.register_import import ImportResult, import_advice, import_plans

__all__ = [
    "KINDS",
    "CheckOutcome",
    "PreviewTableModel",
    "ProblemTableModel",
    "RegisterImportWizard",
    "RegisterKind",
]

log = logging.getLogger(__name__)

PREVIEW_ROWS = 20
FILE_FILTER = ("Spreadsheets (*.csv *.xlsx *.txt);;CSV files (*.csv *.txt);;"
               "Excel workbooks (*.xlsx);;All files (*)")
NOT_IN_FILE = "(not in the file)"
_ERROR_STYLE = "color: #9b1c1c;"
_OK_STYLE = "color: #14532d;"
_MAX_SHOWN_DETAILS = 15

AnyIndex = QModelIndex | QPersistentModelIndex


# ----------------------------------------------------------------- the two kinds


@dataclass(frozen=True)
class RegisterKind:
    """What one kind of import reads: its fields, labels and the import service."""

    key: str  # "plans" or "advice": also the AppContext.notify topic
    title: str
    noun: str  # what the rows are, plural
    fields: Mapping[str, Sequence[str]]
    required: tuple[str, ...]
    labels: Mapping[str, str]
    hints: Mapping[str, str]
    importer: Callable[..., ImportResult]
    done_text: str


KINDS: dict[str, RegisterKind] = {
    "plans": RegisterKind(
        key="plans",
        title="Import plan register",
        noun="plans",
        fields=register_parse.PLAN_FIELDS,
        required=register_parse.REQUIRED_FIELDS,
        labels={
            "plan_ref": "Plan reference", "issue_date": "Issue date",
            "request_date": "Request date", "plan_type": "Plan type",
            "year_group": "Year group (NCY)", "primary_need": "Primary need",
            "setting": "Setting", "setting_type": "Setting type", "team": "Team",
            "caseworker": "Caseworker", "direct_payments": "Direct payments",
        },
        hints={
            "plan_ref": "Pseudonymous reference from the case system (never the child's name)",
            "issue_date": "Date the plan (or amended plan) was issued: DD/MM/YYYY, "
                          "YYYY-MM-DD or an Excel date",
            "request_date": "Request for assessment; it must not be after the issue date",
            "plan_type": "new, amended or review; blank means new",
            "year_group": "N1, N2, R or a whole number from -2 to 14",
            "primary_need": "DfE code: SpLD MLD SLD PMLD SEMH SLCN HI VI MSI PD ASD OTH",
            "direct_payments": "yes/no, y/n, true/false or 1/0",
        },
        importer=import_plans,
        done_text="Plan register",
    ),
    "advice": RegisterKind(
        key="advice",
        title="Import advice requests",
        noun="advice requests",
        fields=advice_parse.ADVICE_FIELDS,
        required=advice_parse.REQUIRED_FIELDS,
        labels={
            "plan_ref": "Plan reference", "service": "Service",
            "requested_date": "Date requested", "received_date": "Date received",
        },
        hints={
            "plan_ref": "Must already be in the plan register",
            "service": "education, ep, paediatrics, salt, ot, physio, camhs, "
                       "health_visiting, school_nursing, social_care or other_health",
            "requested_date": "Date the advice was requested",
            "received_date": "Blank when the advice has not been returned",
        },
        importer=import_advice,
        done_text="Advice requests",
    ),
}


# ------------------------------------------------------------------ background


@dataclass
class CheckOutcome:
    """What the check page found; nothing has been written."""

    rows_read: int
    valid_rows: int
    problems: list[RowProblem]
    ignored_columns: list[str]
    new_keys: int | None = None  # plans not yet in the register (plan imports only)

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})


def _read(path: Path, progress: Callable[[int, str], None]) -> Table:
    progress(0, "Reading file")
    return read_table(path)


def _known_plan_refs(db: Any) -> set[str]:
    return {row.plan_ref for row in plans.list_plans(db)}


def check_file(kind: RegisterKind, path: Path, mapping: Mapping[str, str], db: Any,
               progress: Callable[[int, str], None],
               custom: Mapping[str, str | None] | None = None) -> CheckOutcome:
    """Read and validate the whole file exactly as the import will; write nothing.

    ``custom``: columns kept as custom plan fields (plan imports only).
    """
    progress(5, "Reading file")
    table = read_table(path)
    progress(40, "Checking rows")
    if kind.key == "plans":
        parsed = register_parse.parse_register(table, mapping, custom)
        problems = list(parsed.problems)
        progress(80, "Comparing with the register")
        known = _known_plan_refs(db)
        new = sum(1 for ref in parsed.columns["plan_ref"] if ref not in known)
        return CheckOutcome(parsed.rows_read, parsed.valid_count, problems,
                            list(parsed.ignored_columns), new)
    parsed_advice = advice_parse.parse_advice(table, mapping)
    progress(80, "Looking up plan references")
    problems = list(parsed_advice.problems)
    unknown = advice_parse.problems_for_unknown_plans(parsed_advice.rows,
                                                       _known_plan_refs(db))
    if unknown:
        problems = sorted(problems + unknown, key=lambda p: (p.row, p.column))
    bad = {p.row for p in unknown}
    valid = sum(1 for r in parsed_advice.rows if r.row not in bad)
    return CheckOutcome(parsed_advice.rows_read, valid, problems,
                        list(parsed_advice.ignored_columns))


def _run_import(kind: RegisterKind, db: Any, path: Path, *, mapping: dict[str, str],
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


# ------------------------------------------------------------------ table models


def _cell_display(cell: object) -> str:
    if isinstance(cell, dt.datetime):
        return cell.strftime("%d/%m/%Y %H:%M")
    if isinstance(cell, dt.date):
        return cell.strftime("%d/%m/%Y")
    return "" if cell is None else str(cell)


class PreviewTableModel(QAbstractTableModel):
    """The first rows of the file as read; the vertical header is the spreadsheet row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[list[object]] = []
        self._numbers: list[int] = []

    def set_rows(self, table: Table | None, limit: int = PREVIEW_ROWS) -> None:
        self.beginResetModel()
        if table is None:
            self._headers, self._rows, self._numbers = [], [], []
        else:
            self._headers = [table.header_label(i) for i in range(len(table.headers))]
            self._rows = [list(r) for r in table.rows[:limit]]
            self._numbers = list(table.row_numbers[:limit])
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._headers):
                return None
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Column {column_letter(section)}"
            return self._headers[section]
        if not 0 <= section < len(self._numbers):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Spreadsheet row {self._numbers[section]}"
        return str(self._numbers[section])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if not 0 <= index.column() < len(row):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.ToolTipRole):
            return _cell_display(row[index.column()])
        return None


class ProblemTableModel(QAbstractTableModel):
    """Every bad cell found by the check: row, column, value, reason."""

    COL_ROW = 0
    COL_COLUMN = 1
    COL_VALUE = 2
    COL_REASON = 3
    HEADERS = ("Row", "Column", "Value", "Reason")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowProblem] = []

    def set_rows(self, rows: Sequence[RowProblem]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[RowProblem]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        problem = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (str(problem.row), problem.column, problem.value, problem.reason)[column] \
                if 0 <= column < len(self.HEADERS) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(problem)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


# ------------------------------------------------------------------------ pages


def _status_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _busy_bar(parent: QWidget, name: str) -> QProgressBar:
    bar = QProgressBar(parent)
    bar.setObjectName(name)
    bar.setAccessibleName(name)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(10)
    bar.hide()
    return bar


def _drop(job: workers.Job, *slots: Callable[..., None]) -> None:
    """Cancel a job and stop listening to it, so a stale result never arrives."""
    job.cancel()
    for signal in (job.signals.progress, job.signals.finished, job.signals.failed,
                   job.signals.cancelled):
        for slot in slots:
            with contextlib.suppress(RuntimeError, TypeError):  # not connected to it
                signal.disconnect(slot)


def _compact_rows(view: QTableView) -> None:
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"


class FilePage(QWizardPage):
    """Page 1: which file (Browse…, typed path or drag and drop)."""

    def __init__(self, wizard: RegisterImportWizard) -> None:
        super().__init__(wizard)
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

        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        label = QLabel("&File:", self)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPath")
        self.path_edit.setAccessibleName("File to import")
        self.path_edit.setPlaceholderText("Type a path, choose Browse… or drop a file here")
        self.path_edit.setClearButtonEnabled(True)
        label.setBuddy(self.path_edit)
        self.browse_button = QPushButton("&Browse…", self)
        self.browse_button.setObjectName("importBrowse")
        self.browse_button.setAccessibleName("Browse for a file")
        self.browse_button.setAutoDefault(False)
        row.addWidget(label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)

        hint = QLabel(
            "Headers are matched whatever their case and spacing (e.g. <i>Person ID</i>, "
            "<i>EHCP Issue Date</i>, <i>NCY</i>); you can match any other header on page 3. "
            "Dates may be DD/MM/YYYY, YYYY-MM-DD or Excel dates.", self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.busy = _busy_bar(self, "Reading the file")
        layout.addWidget(self.busy)
        self.error_label = _status_label(self, "importFileError")
        self.error_label.setStyleSheet(_ERROR_STYLE)
        self.error_label.setAccessibleName("File problem")
        layout.addWidget(self.error_label)
        layout.addStretch(1)

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

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            self.path_edit.setText(urls[0].toLocalFile())
            event.acceptProposedAction()

    def _path_changed(self) -> None:
        self.error_label.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        path = self.path()
        return self._job is None and path is not None and path.is_file()

    # ------------------------------------------------------------ reading

    def validatePage(self) -> bool:  # noqa: N802
        path = self.path()
        if path is None or self._job is not None:
            return False
        if self._wizard.table is not None and self._wizard.path == path:
            return True  # already read (back and forth through the pages)
        self.error_label.clear()
        self.busy.show()
        self._job = workers.Job(_read, path)
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
            _drop(self._job, self._read_done, self._read_failed)
            self._finish_job()


class PreviewPage(QWizardPage):
    """Page 2: the first rows as read, so the user sees the right file and header."""

    def __init__(self, wizard: RegisterImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Preview")
        self.setSubTitle(f"The first {PREVIEW_ROWS} rows of the file, as they will be read. "
                         "Row numbers are the spreadsheet's.")
        layout = QVBoxLayout(self)
        self.summary = _status_label(self, "previewSummary")
        self.summary.setAccessibleName("File summary")
        layout.addWidget(self.summary)
        self.model = PreviewTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("previewTable")
        self.table.setAccessibleName("First rows of the file")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        _compact_rows(self.table)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:  # noqa: N802
        table = self._wizard.table
        self.model.set_rows(table)
        if table is None:
            self.summary.clear()
            return
        fmt = "Excel workbook (first sheet)" if table.format == "xlsx" else "CSV"
        if table.format == "csv":
            sep = {",": "comma", ";": "semicolon", "\t": "tab"}.get(table.delimiter or ",",
                                                                   "comma")
            fmt += f", {table.encoding or 'utf-8'}, {sep}-separated"
        shown = min(PREVIEW_ROWS, len(table))
        self.summary.setText(
            f"<b>{self._wizard.path.name if self._wizard.path else ''}</b>: "
            f"{_plural(len(table), 'data row')}, {_plural(len(table.headers), 'column')} "
            f"({fmt}). Header on row {table.header_row}; showing {shown:,}."
        )
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 240))


class MappingPage(QWizardPage):
    """Page 3: one combo per field, pre-filled from the headers (synonyms matched)."""

    def __init__(self, wizard: RegisterImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        kind = wizard.kind
        self.setTitle("Match the columns")
        keep = (" unless you keep them below as your own plan fields"
                if kind.key == "plans" else "")
        self.setSubTitle("Choose which column of the file holds each field. Fields marked "
                         f"* are required. Columns matched to no field are not imported{keep}.")
        self._table_seen: Table | None = None
        self.combos: dict[str, QComboBox] = {}
        self.examples: dict[str, QLabel] = {}

        layout = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        grid = QGridLayout(body)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)
        head_font = QFont()
        head_font.setBold(True)
        for column, text in enumerate(("Field", "Column in the file", "First value")):
            head = QLabel(text, body)
            head.setFont(head_font)
            grid.addWidget(head, 0, column)
        used_mnemonics: set[str] = set()
        for row, name in enumerate(kind.fields, start=1):
            required = name in kind.required
            text = kind.labels.get(name, name)
            label = QLabel(_with_mnemonic(text, used_mnemonics) + (" *" if required else ""),
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
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

        self._unused: list[str] = []  # labels of the columns no field uses
        self._matched: list[str] = []  # notes on fields left out whose header matches
        self.custom_box = CustomFieldsBox(self)
        self.custom_box.setVisible(False)
        self.custom_box.changed.connect(self._custom_changed)
        layout.addWidget(self.custom_box)

        self.unknown_label = _status_label(self, "unknownColumns")
        self.unknown_label.setAccessibleName("Columns not imported")
        layout.addWidget(self.unknown_label)
        self.problem_label = _status_label(self, "mappingProblem")
        self.problem_label.setStyleSheet(_ERROR_STYLE)
        self.problem_label.setAccessibleName("Mapping problem")
        layout.addWidget(self.problem_label)

    # ------------------------------------------------------------ filling

    def initializePage(self) -> None:  # noqa: N802
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
        kind = self._wizard.kind
        chosen = self.chosen()
        out = []
        missing = [kind.labels.get(f, f) for f in kind.required if f not in chosen]
        if missing:
            out.append("Choose a column for " + ", ".join(missing) + " (required).")
        by_column: dict[int, list[str]] = {}
        for name, index in chosen.items():
            by_column.setdefault(index, []).append(kind.labels.get(name, name))
        table = self._wizard.table
        for index, names in by_column.items():
            if len(names) > 1 and table is not None:
                out.append(f"Column {table.header_label(index)!r} is chosen for "
                           + " and ".join(names) + "; a column can hold only one field.")
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
                value = next((_cell_display(r[index]) for r in table.rows
                              if cell_text(r[index])), "")
            example.setText(value[:60])
        used = set(chosen.values())
        unused = [table.header_label(i) for i in range(len(table.headers)) if i not in used]
        self._unused, self._matched = unused, self._still_matched(table, chosen)
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

    def _still_matched(self, table: Table, chosen: Mapping[str, int]) -> list[str]:
        """Warn where a field left out is still filled from a column whose header matches."""
        kind = self._wizard.kind
        taken = set(chosen.values())
        notes = []
        for name, synonyms in kind.fields.items():
            if name in chosen:
                continue
            keys = {normalise_header(s) for s in (name, *synonyms)}
            for index, header in enumerate(table.headers):
                if index not in taken and header.strip() and normalise_header(header) in keys:
                    notes.append(f"Column {header.strip()!r} matches "
                                 f"{kind.labels.get(name, name)} by name and will still be "
                                 "read as it; rename it in the file to leave it out.")
        return notes

    def isComplete(self) -> bool:  # noqa: N802
        return self._wizard.table is not None and not self.problems()

    def validatePage(self) -> bool:  # noqa: N802
        self._wizard.mapping = self.mapping()
        self._wizard.custom = self.custom_box.custom() if self._wizard.kind.key == "plans" else {}
        return True


def _with_mnemonic(text: str, used: set[str]) -> str:
    """``Issue date`` -> ``&Issue date`` using a letter not yet taken on the page."""
    reserved = {"b", "n", "c", "f"}  # Back, Next, Cancel, Finish of the wizard
    for i, char in enumerate(text):
        key = char.lower()
        if char.isalpha() and key not in used and key not in reserved:
            used.add(key)
            return text[:i] + "&" + text[i:]
    return text


class CheckPage(QWizardPage):
    """Page 4: every bad row listed before anything is written."""

    def __init__(self, wizard: RegisterImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Check every row")
        self.setSubTitle("The whole file is checked with the columns you chose. "
                         "Nothing has been written to the database.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self._job: workers.Job | None = None
        self.outcome: CheckOutcome | None = None
        self.failure: str | None = None

        layout = QVBoxLayout(self)
        self.summary = _status_label(self, "checkSummary")
        self.summary.setAccessibleName("Check result")
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.summary.setFont(font)
        layout.addWidget(self.summary)
        self.busy = _busy_bar(self, "Checking the file")
        layout.addWidget(self.busy)
        self.model = ProblemTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("problemTable")
        self.table.setAccessibleName("Bad rows")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        _compact_rows(self.table)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.recheck_button = QPushButton("Check a&gain", self)
        self.recheck_button.setObjectName("recheck")
        self.recheck_button.setAccessibleName("Check the file again")
        self.recheck_button.setToolTip("Read the file again (after correcting it) and re-check")
        self.recheck_button.setAutoDefault(False)
        self.save_button = QPushButton("&Save list…", self)
        self.save_button.setObjectName("saveProblems")
        self.save_button.setAccessibleName("Save the list of bad rows as CSV")
        self.save_button.setAutoDefault(False)
        buttons.addWidget(self.recheck_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.recheck_button.clicked.connect(self.start_check)
        self.save_button.clicked.connect(self.save_problems)

    def initializePage(self) -> None:  # noqa: N802
        self.start_check()

    def cleanupPage(self) -> None:  # noqa: N802
        self.stop()

    def stop(self) -> None:
        """Abandon a running check (going back, or closing the wizard)."""
        if self._job is not None:
            _drop(self._job, self._checked, self._failed, self._cancelled)
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
        kind = self._wizard.kind
        ignored = (" Columns not imported: " + ", ".join(outcome.ignored_columns) + "."
                   if outcome.ignored_columns else "")
        if outcome.problems:
            self.summary.setStyleSheet(_ERROR_STYLE)
            self.summary.setText(
                f"<b>{_plural(outcome.bad_rows, 'bad row')}</b> "
                f"({_plural(len(outcome.problems), 'problem')}) in "
                f"{_plural(outcome.rows_read, 'row')}. <b>Nothing has been written.</b> "
                "Correct the file (or the column choices on the previous page) and choose "
                "Check again; the import is all or nothing." + ignored
            )
            self.save_button.setEnabled(True)
        else:
            self.summary.setStyleSheet(_OK_STYLE)
            new = ""
            if outcome.new_keys is not None:
                existing = outcome.valid_rows - outcome.new_keys
                new = (f" {_plural(outcome.new_keys, 'plan')} new to the register, "
                       f"{existing:,} already in it (updated where they changed).")
            self.summary.setText(
                f"All {_plural(outcome.rows_read, 'row')} are valid.{new} Nothing has been "
                f"written yet: choose Import to add the {kind.noun} to the database." + ignored
            )
        self.table.resizeColumnsToContents()
        self._end_job()

    def _failed(self, message: str, _user_error: bool) -> None:
        self.failure = message
        self.summary.setStyleSheet(_ERROR_STYLE)
        self.summary.setText(_shorten(message) + "\nNothing has been written.")
        self._end_job()

    def _cancelled(self) -> None:
        self._end_job()

    def isComplete(self) -> bool:  # noqa: N802
        return (self._job is None and self.failure is None and self.outcome is not None
                and not self.outcome.problems and self.outcome.valid_rows > 0)

    def busy_now(self) -> bool:
        return self._job is not None

    def save_problems(self) -> None:
        if not self.model.rows():
            return
        path = self._wizard.path
        suggested = str(path.with_name(path.stem + " - problems.csv")) if path else ""
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

    def __init__(self, wizard: RegisterImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Import")
        self.setSubTitle("Writing to the database in one transaction: if it is cancelled or "
                         "fails, nothing is written.")
        self._job: workers.Job | None = None
        self.result: ImportResult | None = None
        self.failure: str | None = None
        self.cancelled = False

        layout = QVBoxLayout(self)
        self.stage_label = _status_label(self, "importStage")
        self.stage_label.setAccessibleName("Import stage")
        layout.addWidget(self.stage_label)
        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.setAccessibleName("Import progress")
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton("Cancel i&mport", self)
        self.cancel_button.setObjectName("cancelImport")
        self.cancel_button.setAccessibleName("Cancel the import")
        self.cancel_button.setAutoDefault(False)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.result_label = _status_label(self, "importResult")
        self.result_label.setAccessibleName("Import result")
        font = self.result_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.result_label.setFont(font)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        self.cancel_button.clicked.connect(self.cancel)

    def initializePage(self) -> None:  # noqa: N802
        wizard = self._wizard
        if self._job is not None or self.result is not None or wizard.path is None:
            return
        self.failure, self.cancelled = None, False
        self.progress.setValue(0)
        self.stage_label.setText("Starting…")
        self.result_label.clear()
        self.cancel_button.setEnabled(True)
        self._job = workers.Job(_run_import, wizard.kind, wizard.ctx.db, wizard.path,
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
        self.result_label.setStyleSheet(_OK_STYLE)
        self.result_label.setText(text)
        self._end()
        self._wizard.ctx.notify(self._wizard.kind.key)
        self._wizard.ctx.status_message.emit(text)
        self._wizard.imported.emit(result)

    def _failed(self, message: str, _user_error: bool) -> None:
        self.failure = message
        self.stage_label.setText("Stopped.")
        self.result_label.setStyleSheet(_ERROR_STYLE)
        self.result_label.setText(_shorten(message) + "\nNothing was imported.")
        self._end()

    def _cancelled(self) -> None:
        self.cancelled = True
        self.stage_label.setText("Cancelled.")
        self.result_label.setStyleSheet("")
        self.result_label.setText("Import cancelled: nothing was written.")
        self._end()

    def isComplete(self) -> bool:  # noqa: N802
        return self._job is None

    def busy_now(self) -> bool:
        return self._job is not None


def _shorten(message: str) -> str:
    lines = message.splitlines()
    if len(lines) <= _MAX_SHOWN_DETAILS + 1:
        return message
    rest = len(lines) - _MAX_SHOWN_DETAILS - 1
    return "\n".join([*lines[:_MAX_SHOWN_DETAILS + 1], f"… and {rest:,} more"])


# ----------------------------------------------------------------------- wizard


@dataclass
class _State:
    path: Path | None = None
    table: Table | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    custom: dict[str, str | None] = field(default_factory=dict)  # custom field -> header


class RegisterImportWizard(QWizard):
    """Import a plan register (``kind="plans"``) or advice requests (``kind="advice"``).

    Non-blocking: use ``open()`` or ``show()``; ``imported`` is emitted (and
    ``ctx.notify(kind)`` called) after a successful import.
    """

    PAGE_FILE = 0
    PAGE_PREVIEW = 1
    PAGE_MAPPING = 2
    PAGE_CHECK = 3
    PAGE_IMPORT = 4

    imported = Signal(object)  # ImportResult

    def __init__(self, ctx: AppContext, kind: str = "plans", parent: QWidget | None = None,
                 path: str | Path | None = None) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        self.ctx = ctx
        self.kind = KINDS[kind]
        self._state = _State()
        self._close_when_idle = False
        self.setObjectName("registerImportWizard")
        self.setWindowTitle(self.kind.title)
        self.setAccessibleName(self.kind.title)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        # the import page has its own Cancel import button; once done only Finish makes sense
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setMinimumSize(760, 540)

        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        self.setPage(self.PAGE_FILE, self.file_page)
        self.setPage(self.PAGE_PREVIEW, self.preview_page)
        self.setPage(self.PAGE_MAPPING, self.mapping_page)
        self.setPage(self.PAGE_CHECK, self.check_page)
        self.setPage(self.PAGE_IMPORT, self.import_page)
        self.setStartId(self.PAGE_FILE)
        if path is not None:
            self.file_page.path_edit.setText(str(path))

    # ------------------------------------------------------------ state

    @property
    def path(self) -> Path | None:
        return self._state.path

    @property
    def table(self) -> Table | None:
        return self._state.table

    @property
    def mapping(self) -> dict[str, str]:
        return self._state.mapping

    @mapping.setter
    def mapping(self, value: dict[str, str]) -> None:
        self._state.mapping = dict(value)

    @property
    def custom(self) -> dict[str, str | None]:
        """Columns kept as custom plan fields: field name -> header."""
        return self._state.custom

    @custom.setter
    def custom(self, value: dict[str, str | None]) -> None:
        self._state.custom = dict(value)

    def set_table(self, path: Path, table: Table) -> None:
        self._state.path = path
        self._state.table = table

    @property
    def result(self) -> ImportResult | None:
        return self.import_page.result

    def busy(self) -> bool:
        """Whether background work (read, check or import) is running."""
        return (self.file_page.busy_now() or self.check_page.busy_now()
                or self.import_page.busy_now())

    # ------------------------------------------------------------ closing

    def reject(self) -> None:
        """Cancel: a running import is cancelled first (and rolled back), then we close."""
        if self.import_page.busy_now():
            self._close_when_idle = True
            self.import_page.cancel()
            return
        self.file_page.stop()
        self.check_page.stop()
        super().reject()

    def job_ended(self) -> None:
        if self._close_when_idle:
            self._close_when_idle = False
            super().reject()
