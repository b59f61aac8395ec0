"""The Reports page's layout: the page scaffold over the Designer form ``forms/reports_page.ui``.

Layout only: ``ReportsView`` sets up the form, names its widgets the way the
controller and the tests know them, fills the fixed choices, creates the table
models and sets the tables' look. ``pages.reports_page.ReportsPage`` subclasses
it and adds the logic.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QWidget

from qa_audit.gui.generated.ui_reports_page import Ui_ReportsBody
from qa_audit.gui.models.report_models import COL_TEXT, ExcerptTableModel, FigureRowsModel
from qa_audit.gui.pages.scaffold import PageScaffold, read_only_table
from qa_audit.gui.reports.presenter import REPORT_KINDS

__all__ = ["ReportsView"]

#: Widest expected text of the excerpt table's first five columns (their starting widths).
_EXCERPT_SAMPLES = ("Panel September 2026", "EHC-000000", "needs_not_identified",
                    "S. Murray (social care)", "Awaiting approval")


class ReportsView(QWidget):
    """The page's widgets, laid out; no behaviour beyond what Qt gives them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self.setAccessibleName("Reports")
        scaffold = PageScaffold(self, "Reports")
        body = QWidget(self)
        self.ui = Ui_ReportsBody()
        self.ui.setupUi(body)
        scaffold.body.addWidget(body, 1)
        self._name_widgets()
        self.preview_model = FigureRowsModel(self)
        self.excerpt_model = ExcerptTableModel(self)
        self._finish_layout()

    def _name_widgets(self) -> None:
        ui = self.ui
        self.tabs, self.excerpts_tab = ui.reportTabs, ui.excerptsTab
        # generate
        self.kind_combo, self.session_combo = ui.reportKind, ui.reportSession
        self.by_combo, self.rubric_combo = ui.reportBreakdown, ui.reportRubric
        self.from_edit, self.to_edit, self.period_label = ui.reportFrom, ui.reportTo, ui.periodLabel
        self.folder_edit, self.browse_button = ui.reportFolder, ui.browseFolder
        self.xlsx_check, self.json_check = ui.writeXlsx, ui.writeJson
        self.generate_button, self.cancel_button = ui.generateReport, ui.cancelReport
        self.progress_bar, self.status_label = ui.reportProgress, ui.reportStatus
        self.headline_label, self.files_label = ui.headlineLabel, ui.filesLabel
        self.open_pdf_button, self.open_folder_button = ui.openPdf, ui.openFolder
        self.export_button, self.table_combo, self.preview = (ui.exportXlsx, ui.previewTable,
                                                              ui.reportPreview)
        # excerpts
        self.excerpt_count_label, self.refresh_excerpts_button = (ui.excerptCount,
                                                                  ui.refreshExcerpts)
        self.excerpt_table, self.excerpt_edit = ui.excerptTable, ui.excerptText
        self.excerpt_status_label = ui.excerptResult
        self.approve_button, self.withdraw_button = ui.approveExcerpt, ui.withdrawExcerpt
        # names
        self.names_path_label, self.names_edit = ui.namesFile, ui.redactionNames
        self.names_status_label = ui.namesResult
        self.revert_names_button, self.save_names_button = ui.revertNames, ui.saveNames

    def _finish_layout(self) -> None:
        """What the form cannot say: choices, models, fonts, column widths."""
        for kind, text in REPORT_KINDS:
            self.kind_combo.addItem(text, kind)
        font = QFont(self.headline_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.headline_label.setFont(font)

        for view in (self.preview, self.excerpt_table):
            read_only_table(view)
            view.setTabKeyNavigation(False)
        self.preview.setModel(self.preview_model)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.excerpt_table.setModel(self.excerpt_model)
        head = self.excerpt_table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        metrics = self.excerpt_table.fontMetrics()
        for col, sample in enumerate(_EXCERPT_SAMPLES):
            head.resizeSection(col, metrics.horizontalAdvance(sample) + 24)
        self.ui.excerptSplitter.setStretchFactor(0, 3)
        self.ui.excerptSplitter.setStretchFactor(1, 1)
