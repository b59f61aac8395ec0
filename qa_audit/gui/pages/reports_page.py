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
child's name (the session name is redacted with the names list first).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qa_audit import paths
from qa_audit.errors import UserError
from qa_audit.gui import database_actions, workers
from qa_audit.gui.context import AppContext
from qa_audit.gui.models.report_models import (
    APPROVED,
    COL_TEXT,
    PENDING,
    WITHDRAWN,
    ExcerptTableModel,
    FigureRowsModel,
)
from qa_audit.reporting import xlsx as xlsx_writer
from qa_audit.reporting.redaction import load_redaction_names, redact, redaction_names_path
from qa_audit.reporting.render import GeneratedReport, ReportFigures, ReportMeta, generate
from qa_audit.services import excerpts, plans, reports, sessions
from qa_audit.services.workspace import Store as Database

log = logging.getLogger(__name__)

#: (kind, label) in the order offered.
REPORT_KINDS: tuple[tuple[str, str], ...] = (
    ("key-issues", "Key issues (one panel session)"),
    ("trend", "Trend (months, for the board)"),
    ("health", "Health advice deep dive (months)"),
    ("themes", "Themes for trainers (months)"),
)
REFRESH_ON = frozenset({"sessions", "audits", "plans"})
#: built-in plan fields the key issues report can break percent good down by
BREAKDOWN_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("No breakdown", None), ("Team", "team"), ("Phase", "phase"),
    ("Primary need", "primary_need"), ("Setting type", "setting_type"),
    ("Plan type", "plan_type"), ("Year group", "year_group"),
    ("Direct payments", "direct_payments"),
)
_OK_STYLE = "color: #1d5e20;"
_ERROR_STYLE = "color: #9b1c1c;"


# ------------------------------------------------------------------ no Qt below

@dataclass(frozen=True)
class ReportRequest:
    """What the user asked for; ``stem`` names the files (no personal data)."""

    kind: str
    folder: Path
    session: str | None = None
    from_month: str | None = None
    to_month: str | None = None
    xlsx: bool = False
    json: bool = False
    rubric: str | None = None  # the trend's one rubric (None: the latest session's)
    by: str | None = None  # key issues: break percent good down by this plan field

    @property
    def stem(self) -> str:
        if self.kind == "key-issues":
            return f"{self.kind}-{slug(self.session or 'session')}"
        scope = f"-{slug(self.rubric)}" if self.kind == "trend" and self.rubric else ""
        return f"{self.kind}{scope}-{self.from_month}-to-{self.to_month}"

    def targets(self) -> tuple[Path, Path | None, Path | None]:
        base = self.folder / self.stem
        return (base.with_suffix(".pdf"), base.with_suffix(".xlsx") if self.xlsx else None,
                base.with_suffix(".json") if self.json else None)


@dataclass(frozen=True)
class ReportOutcome:
    request: ReportRequest
    figures: ReportFigures
    files: GeneratedReport
    meta: ReportMeta


def slug(text: str, names: tuple[str, ...] | None = None) -> str:
    """A file-name part: redacted (dates and listed names masked), letters, digits and ``-``."""
    cleaned = redact(text, load_redaction_names() if names is None else names)
    cleaned = re.sub(r"\[[a-zA-Z. ]+\]", "", cleaned)  # drop the masks themselves
    return re.sub(r"[^A-Za-z0-9]+", "-", cleaned).strip("-") or "report"


def compute_figures(db: Database, request: ReportRequest) -> ReportFigures:
    if request.kind == "key-issues":
        if not request.session:
            raise UserError("Choose a session for the key issues report.")
        return reports.key_issues(db, request.session, by=request.by)
    if not request.from_month or not request.to_month:
        raise UserError("Choose the first and last month of the report.")
    if request.kind == "trend":
        return reports.trend(db, request.from_month, request.to_month, rubric_id=request.rubric)
    compute = {"health": reports.health, "themes": reports.themes}
    if request.kind not in compute:
        raise UserError(f"Unknown report {request.kind!r}.")
    return compute[request.kind](db, request.from_month, request.to_month)


def produce_report(db: Database, request: ReportRequest, *,
                   progress: Callable[[int, str], None]) -> ReportOutcome:
    """Compute the figures and write the files (run in a ``workers.Job``)."""
    progress(0, "Computing the figures")
    figures = compute_figures(db, request)
    meta = reports.report_meta(db)
    progress(10, "Laying out the PDF")
    pdf, xlsx, json_path = request.targets()
    files = generate(request.kind, figures, pdf, xlsx, json_path, meta=meta,
                     progress=lambda pct, stage: progress(10 + pct * 90 // 100, stage))
    return ReportOutcome(request, figures, files, meta)


def export_xlsx(figures: ReportFigures, meta: ReportMeta, path: Path, *,
                progress: Callable[[int, str], None]) -> Path:
    """Write the figures' workbook to ``path`` all-or-nothing (a temporary file, then moved)."""
    progress(0, "Writing the spreadsheet")
    if not path.parent.is_dir():
        raise UserError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".xlsx", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    tmp = Path(name)
    try:
        xlsx_writer.write_xlsx(figures, tmp, meta)
        progress(90, "Saving")
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    progress(100, "Done")
    return path


def default_output_folder() -> Path:
    """``Documents/QA audit reports`` when there is a Documents folder, else the data folder's."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if docs and Path(docs).is_dir():
        return Path(docs) / "QA audit reports"
    return paths.data_dir() / "reports"


def month_text(date: QDate) -> str:
    return f"{date.year():04d}-{date.month():02d}"


def write_names_file(text: str, path: Path | None = None) -> Path:
    """Save the names list (all-or-nothing); UserError when the folder cannot be written."""
    path = path or redaction_names_path()
    body = text if not text or text.endswith("\n") else text + "\n"
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".names-", suffix=".txt", dir=path.parent)
        tmp = Path(name)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(body)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise UserError(f"Cannot save the names list to {path}: {exc.strerror or exc}.") from exc
    return path


# ---------------------------------------------------------------------- the page

def _label(text: str, parent: QWidget, name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setAccessibleName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _button(text: str, parent: QWidget, name: str, tip: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setToolTip(tip)
    button.setAutoDefault(False)
    return button


def _table(parent: QWidget, name: str, accessible: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    return view


def _drop(job: workers.Job) -> None:
    """Cancel a job and stop listening to it, so a stale result never arrives."""
    job.cancel()
    for signal in (job.signals.progress, job.signals.finished, job.signals.failed,
                   job.signals.cancelled):
        with contextlib.suppress(RuntimeError, TypeError):
            signal.disconnect()


class ReportsPage(QWidget):
    """Reports, excerpt approval and the redaction names list: ``ReportsPage(ctx)``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today,
                 output_folder: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self.setObjectName("reportsPage")
        self.setAccessibleName("Reports")
        self._job: workers.Job | None = None
        self._export_job: workers.Job | None = None
        self.outcome: ReportOutcome | None = None
        self._tables: dict[str, list[dict[str, Any]]] = {}
        self.last_error: str | None = None
        self._sessions_stale = False
        self._excerpts_loaded = False
        self._own_notice = False
        self.preview_model = FigureRowsModel(self)
        self.excerpt_model = ExcerptTableModel(self)
        self._build(output_folder or default_output_folder())
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

    # ------------------------------------------------------------ layout

    def _build(self, folder: Path) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        title = QLabel("Reports", self)
        title.setObjectName("pageTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportTabs")
        self.tabs.setAccessibleName("Reports sections")
        self.tabs.addTab(self._build_generate(folder), "&Generate")
        self.tabs.addTab(self._build_excerpts(), "&Excerpts awaiting approval")
        self.tabs.addTab(self._build_names(), "Redaction &names")
        layout.addWidget(self.tabs, 1)

    def _build_generate(self, folder: Path) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("generateTab")
        outer = QVBoxLayout(tab)
        top = QHBoxLayout()
        choose = QGroupBox("Report", tab)
        form = QFormLayout(choose)
        self.kind_combo = QComboBox(choose)
        self.kind_combo.setObjectName("reportKind")
        self.kind_combo.setAccessibleName("Report")
        for kind, text in REPORT_KINDS:
            self.kind_combo.addItem(text, kind)
        form.addRow("&Report:", self.kind_combo)
        self.session_combo = QComboBox(choose)
        self.session_combo.setObjectName("reportSession")
        self.session_combo.setAccessibleName("Session")
        self.session_combo.setToolTip("The panel session the key issues report is about")
        self.session_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        form.addRow("&Session:", self.session_combo)
        self.by_combo = QComboBox(choose)
        self.by_combo.setObjectName("reportBreakdown")
        self.by_combo.setAccessibleName("Break percent good down by")
        self.by_combo.setToolTip("Key issues: percent good for each value of a plan field "
                                 "(built-in or the council's own)")
        self._fill_breakdown([])
        form.addRow("Break &down by:", self.by_combo)
        today = self._today()
        last = QDate(today.year, today.month, 1)
        self.from_edit = self._month_edit(choose, "reportFrom", "First month",
                                          last.addMonths(-11))
        self.to_edit = self._month_edit(choose, "reportTo", "Last month", last)
        period = QHBoxLayout()
        period.addWidget(self.from_edit)
        to_label = QLabel("&to", choose)
        to_label.setBuddy(self.to_edit)
        period.addWidget(to_label)
        period.addWidget(self.to_edit)
        period.addStretch(1)
        self.period_label = QLabel("&Months:", choose)
        self.period_label.setBuddy(self.from_edit)
        form.addRow(self.period_label, period)
        self.rubric_combo = QComboBox(choose)
        self.rubric_combo.setObjectName("reportRubric")
        self.rubric_combo.setAccessibleName("Rubric of the trend")
        self.rubric_combo.setToolTip("The trend covers one rubric; sessions on other rubrics "
                                     "are left out (and counted in the report)")
        self.rubric_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        form.addRow("R&ubric:", self.rubric_combo)
        top.addWidget(choose, 1)

        output = QGroupBox("Output", tab)
        oform = QFormLayout(output)
        folder_row = QHBoxLayout()
        self.folder_edit = QLineEdit(str(folder), output)
        self.folder_edit.setObjectName("reportFolder")
        self.folder_edit.setAccessibleName("Output folder")
        self.folder_edit.setToolTip("Where the PDF (and spreadsheet, figures) are written; "
                                    "created if it does not exist")
        self.browse_button = _button("&Browse…", output, "browseFolder",
                                     "Choose the output folder")
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        folder_label = QLabel("&Folder:", output)
        folder_label.setBuddy(self.folder_edit)
        oform.addRow(folder_label, folder_row)
        self.xlsx_check = QCheckBox("Also write the spreadsheet (.&xlsx)", output)
        self.xlsx_check.setObjectName("writeXlsx")
        self.xlsx_check.setAccessibleName("Also write the spreadsheet")
        self.xlsx_check.setChecked(True)
        self.json_check = QCheckBox("Also write the figures (.&json)", output)
        self.json_check.setObjectName("writeJson")
        self.json_check.setAccessibleName("Also write the figures as JSON")
        oform.addRow(self.xlsx_check)
        oform.addRow(self.json_check)
        top.addWidget(output, 1)
        outer.addLayout(top)

        run = QHBoxLayout()
        self.generate_button = _button("&Generate report", tab, "generateReport",
                                       "Compute the figures and write the files")
        self.generate_button.setDefault(True)
        self.progress_bar = QProgressBar(tab)
        self.progress_bar.setObjectName("reportProgress")
        self.progress_bar.setAccessibleName("Report progress")
        self.progress_bar.setRange(0, 100)
        self.cancel_button = _button("&Cancel", tab, "cancelReport",
                                     "Stop writing the report; no file is left behind")
        run.addWidget(self.generate_button)
        run.addWidget(self.progress_bar, 1)
        run.addWidget(self.cancel_button)
        outer.addLayout(run)
        self.status_label = _label("", tab, "Report status")
        outer.addWidget(self.status_label)

        result = QGroupBox("Result", tab)
        result.setObjectName("reportResult")
        rlay = QVBoxLayout(result)
        self.headline_label = _label("", result, "Headline")
        font = QFont(self.headline_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.headline_label.setFont(font)
        rlay.addWidget(self.headline_label)
        self.files_label = _label("", result, "Files written")
        rlay.addWidget(self.files_label)
        actions = QHBoxLayout()
        self.open_pdf_button = _button("&Open PDF", result, "openPdf",
                                       "Open the PDF in the system viewer")
        self.open_folder_button = _button("Open &folder", result, "openFolder",
                                          "Show the output folder")
        self.export_button = _button("Export &XLSX…", result, "exportXlsx",
                                     "Save the figures as a spreadsheet somewhere else")
        for b in (self.open_pdf_button, self.open_folder_button, self.export_button):
            actions.addWidget(b)
        actions.addStretch(1)
        table_label = QLabel("&Table:", result)
        self.table_combo = QComboBox(result)
        self.table_combo.setObjectName("previewTable")
        self.table_combo.setAccessibleName("Preview table")
        self.table_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        table_label.setBuddy(self.table_combo)
        actions.addWidget(table_label)
        actions.addWidget(self.table_combo)
        rlay.addLayout(actions)
        self.preview = _table(result, "reportPreview", "Report figures preview")
        self.preview.setModel(self.preview_model)
        self.preview.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive)
        rlay.addWidget(self.preview, 1)
        outer.addWidget(result, 1)
        return tab

    def _month_edit(self, parent: QWidget, name: str, accessible: str,
                    value: QDate) -> QDateEdit:
        edit = QDateEdit(value, parent)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setDisplayFormat("MMM yyyy")
        edit.setMinimumDate(QDate(1900, 1, 1))
        edit.setMaximumDate(QDate(2100, 12, 31))
        edit.setToolTip(f"{accessible} of the report period (up/down arrows change it)")
        return edit

    def _build_excerpts(self) -> QWidget:
        tab = self.excerpts_tab = QWidget(self)
        tab.setObjectName("excerptsTab")
        outer = QVBoxLayout(tab)
        head = QHBoxLayout()
        self.excerpt_count_label = _label("", tab, "Excerpt count", wrap=False)
        head.addWidget(self.excerpt_count_label)
        head.addStretch(1)
        self.refresh_excerpts_button = _button("Re&fresh", tab, "refreshExcerpts",
                                               "Reload the excerpts awaiting approval")
        head.addWidget(self.refresh_excerpts_button)
        outer.addLayout(head)
        explain = _label(
            "Reports quote an excerpt only once it is approved. The text below is the "
            "suggested redaction (dates, NHS numbers, UPNs, e-mails, phone numbers, postcodes "
            "and the names on the Redaction names tab are masked); edit it if needed, then "
            "approve. Whatever you approve is redacted again.", tab, "Excerpt help")
        explain.setStyleSheet("color: palette(dark);")
        outer.addWidget(explain)
        split = QSplitter(Qt.Orientation.Vertical, tab)
        self.excerpt_table = _table(split, "excerptTable", "Excerpts awaiting approval")
        self.excerpt_table.setModel(self.excerpt_model)
        head_view = self.excerpt_table.horizontalHeader()
        head_view.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head_view.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        metrics = self.excerpt_table.fontMetrics()
        for col, sample in enumerate(("Panel September 2026", "EHC-000000",
                                      "needs_not_identified", "S. Murray (social care)",
                                      "Awaiting approval")):
            head_view.resizeSection(col, metrics.horizontalAdvance(sample) + 24)
        split.addWidget(self.excerpt_table)
        editor = QWidget(split)
        elay = QVBoxLayout(editor)
        elay.setContentsMargins(0, 4, 0, 0)
        text_label = QLabel("&Text to quote (redacted):", editor)
        self.excerpt_edit = QPlainTextEdit(editor)
        self.excerpt_edit.setObjectName("excerptText")
        self.excerpt_edit.setAccessibleName("Text to quote")
        self.excerpt_edit.setTabChangesFocus(True)
        text_label.setBuddy(self.excerpt_edit)
        elay.addWidget(text_label)
        elay.addWidget(self.excerpt_edit, 1)
        row = QHBoxLayout()
        self.excerpt_status_label = _label("", editor, "Excerpt result")
        row.addWidget(self.excerpt_status_label, 1)
        self.approve_button = _button("&Approve for quoting", editor, "approveExcerpt",
                                      "Store this text (redacted) as the approved excerpt")
        self.withdraw_button = _button("&Withdraw approval", editor, "withdrawExcerpt",
                                       "Stop quoting the excerpt approved here")
        row.addWidget(self.approve_button)
        row.addWidget(self.withdraw_button)
        elay.addLayout(row)
        split.addWidget(editor)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        outer.addWidget(split, 1)
        return tab

    def _build_names(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("namesTab")
        outer = QVBoxLayout(tab)
        outer.addWidget(_label(
            "Names masked as [name] in approved excerpts and in every report: one name a "
            "line (children, parents, carers, staff). Text after # is a comment. The list "
            "is kept on this computer, not in the database.", tab, "Names help"))
        self.names_path_label = _label(f"File: {redaction_names_path()}", tab, "Names file")
        self.names_path_label.setStyleSheet("color: palette(dark);")
        outer.addWidget(self.names_path_label)
        names_label = QLabel("Na&mes to redact:", tab)
        self.names_edit = QPlainTextEdit(tab)
        self.names_edit.setObjectName("redactionNames")
        self.names_edit.setAccessibleName("Names to redact")
        self.names_edit.setTabChangesFocus(True)
        names_label.setBuddy(self.names_edit)
        outer.addWidget(names_label)
        outer.addWidget(self.names_edit, 1)
        row = QHBoxLayout()
        self.names_status_label = _label("", tab, "Names result")
        row.addWidget(self.names_status_label, 1)
        self.revert_names_button = _button("&Revert", tab, "revertNames",
                                           "Discard changes and reload the saved list")
        self.save_names_button = _button("&Save list", tab, "saveNames",
                                         "Save the names list")
        row.addWidget(self.revert_names_button)
        row.addWidget(self.save_names_button)
        outer.addLayout(row)
        return tab

    # ------------------------------------------------------------ generate

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def select_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))

    def _fill_breakdown(self, custom: list[str]) -> None:
        """Built-in fields, then the register's custom plan fields; keeps the choice."""
        current = self.by_combo.currentData()
        self.by_combo.blockSignals(True)
        self.by_combo.clear()
        for text, value in BREAKDOWN_CHOICES:
            self.by_combo.addItem(text, value)
        for name in custom:
            self.by_combo.addItem(f"{name} (own field)", name)
        self.by_combo.setCurrentIndex(max(self.by_combo.findData(current), 0))
        self.by_combo.blockSignals(False)

    def _kind_changed(self, *_args: object) -> None:
        by_session = self.kind() == "key-issues"
        self.by_combo.setEnabled(by_session)
        self.session_combo.setEnabled(by_session and self.session_combo.count() > 0)
        for w in (self.from_edit, self.to_edit):
            w.setEnabled(not by_session)
        self.rubric_combo.setEnabled(self.kind() == "trend")

    def reload_sessions(self) -> None:
        current = self.session_combo.currentData()
        try:
            infos = sessions.list_sessions(self.ctx.db)
            self._fill_breakdown(plans.custom_field_names(self.ctx.db))
        except UserError as exc:
            self._set_status(exc.message, error=True)
            return
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        for info in infos:  # newest first
            self.session_combo.addItem(f"{info.name} ({info.date:%d/%m/%Y}, {info.status})",
                                       info.name)
        index = self.session_combo.findData(current) if current is not None else 0
        self.session_combo.setCurrentIndex(max(index, 0))
        self.session_combo.blockSignals(False)
        if not infos:
            self.session_combo.addItem("No sessions yet", None)
        self._fill_rubrics({info.rubric_id for info in infos})
        self._kind_changed()

    def _fill_rubrics(self, ids: set[str]) -> None:
        """The trend's rubric picker: the default rule, then every rubric with sessions."""
        current = self.rubric_combo.currentData()
        self.rubric_combo.blockSignals(True)
        self.rubric_combo.clear()
        self.rubric_combo.addItem("The latest session's rubric in the period", None)
        for rid in sorted(ids):
            self.rubric_combo.addItem(rid, rid)
        self.rubric_combo.setCurrentIndex(max(0, self.rubric_combo.findData(current)))
        self.rubric_combo.blockSignals(False)

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
        folder_text = self.folder_edit.text().strip()
        if not folder_text:
            raise UserError("Choose the folder to write the report to.")
        return ReportRequest(
            kind=self.kind(), folder=Path(folder_text).expanduser(),
            session=self.session_combo.currentData() if self.kind() == "key-issues" else None,
            from_month=month_text(self.from_edit.date()),
            to_month=month_text(self.to_edit.date()),
            xlsx=self.xlsx_check.isChecked(), json=self.json_check.isChecked(),
            rubric=self.rubric_combo.currentData() if self.kind() == "trend" else None,
            by=self.by_combo.currentData() if self.kind() == "key-issues" else None)

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
        existing = [p.name for p in request.targets() if p is not None and p.exists()]
        if existing and QMessageBox.question(
                self, "Replace the report?",
                f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''} in "
                f"{request.folder}. Replace {'it' if len(existing) == 1 else 'them'}?",
        ) != QMessageBox.StandardButton.Yes:
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
        self._set_status(f"{stage}…" if stage and not stage.endswith("…") else stage)

    def _end_job(self) -> None:
        self._job = None
        self._set_busy(False)

    def _generated(self, outcome: ReportOutcome) -> None:
        self._end_job()
        self.outcome = outcome
        self.progress_bar.setValue(100)
        self._set_status(f"Written: {outcome.files.pdf.name} "
                         f"({outcome.files.pages} page{'s' * (outcome.files.pages != 1)}).",
                         ok=True)
        self._show_outcome(outcome)
        self.ctx.status_message.emit(outcome.files.describe())

    def _failed(self, message: str, user_error: bool) -> None:
        self._end_job()
        self.progress_bar.setValue(0)
        self.last_error = message
        text = message if user_error else (
            f"{message}\n\nThis is a fault in the program; the details are in the log.")
        self._set_status("The report was not written.", error=True)
        QMessageBox.critical(self, "Report not written", text)

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
                w.setEnabled(False)
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
        self.table_combo.blockSignals(True)
        self.table_combo.clear()
        if outcome is None:
            self.headline_label.setText("Generate a report to see its headline and figures here.")
            self.files_label.clear()
            self.preview_model.set_rows([])
        else:
            self.headline_label.setText(f"{outcome.figures.title}: {outcome.figures.headline()}")
            files = outcome.files
            written = [files.pdf.name] + [p.name for p in (files.xlsx, files.json) if p]
            self.files_label.setText(f"In {files.pdf.parent}: {', '.join(written)}")
            self._tables = outcome.figures.tables()
            for name, rows in self._tables.items():
                self.table_combo.addItem(f"{name} ({len(rows)})", name)
        self.table_combo.blockSignals(False)
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
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
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
        self.excerpt_model.set_rows(pending)
        self._update_excerpt_count()
        if pending:
            self.select_excerpt(pending[0].id)
        else:
            self._excerpt_selected()

    def _update_excerpt_count(self) -> None:
        waiting = self.excerpt_model.count(PENDING)
        approved = self.excerpt_model.count(APPROVED)
        text = f"{waiting:,} excerpt{'s' * (waiting != 1)} awaiting approval"
        if approved:
            text += f"; {approved} approved here"
        self.excerpt_count_label.setText(text)

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
        row = self.excerpt_model.row_at(self._current_excerpt_row())
        self.excerpt_edit.setPlainText(row.text if row else "")
        self.excerpt_edit.setEnabled(row is not None and row.status != APPROVED)
        self.approve_button.setEnabled(row is not None and row.status != APPROVED)
        self.withdraw_button.setEnabled(row is not None and row.status == APPROVED)
        self.excerpt_status_label.clear()

    def approve_selected(self) -> bool:
        row_no = self._current_excerpt_row()
        row = self.excerpt_model.row_at(row_no)
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
        for r in range(after + 1, self.excerpt_model.rowCount()):
            row = self.excerpt_model.row_at(r)
            if row is not None and row.status != APPROVED:
                status = self.excerpt_status_label.text()
                self.select_excerpt(row.excerpt.id)
                self.excerpt_status_label.setText(status)
                return

    def withdraw_selected(self) -> bool:
        row_no = self._current_excerpt_row()
        row = self.excerpt_model.row_at(row_no)
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
        path = redaction_names_path()
        try:
            text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
        except UnicodeDecodeError:
            text = path.read_bytes().decode("cp1252", errors="replace")
        except OSError as exc:
            self.names_status_label.setText(f"Cannot read {path}: {exc.strerror or exc}.")
            return
        self.names_edit.setPlainText(text)
        self.names_edit.document().setModified(False)
        self.names_status_label.setStyleSheet("")
        count = len(load_redaction_names(path)) if path.exists() else 0
        self.names_status_label.setText(f"{count} name{'s' * (count != 1)} in the list.")
        self._names_modified(False)

    def _names_modified(self, modified: bool) -> None:
        self.save_names_button.setEnabled(modified)
        self.revert_names_button.setEnabled(modified)

    def save_names(self) -> bool:
        try:
            path = write_names_file(self.names_edit.toPlainText())
        except UserError as exc:
            database_actions.show_user_error(self, "Names list not saved", exc)
            return False
        self.names_edit.document().setModified(False)
        count = len(load_redaction_names(path))
        self.names_status_label.setStyleSheet(_OK_STYLE)
        self.names_status_label.setText(f"Saved: {count} name{'s' * (count != 1)} in the list.")
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

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
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

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.stop()
        super().closeEvent(event)
