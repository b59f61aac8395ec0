"""Importing a rubric file from the Rubrics page: every problem with its line, or a preview.

A council officer edits rubric files by hand. A bad file comes back as a table of
(line, problem) beside the file's text, the selected problem's line highlighted,
and nothing is stored; a good file shows what it holds and what the import will do
(new rubric, unchanged, or version N+1) before the Import button stores it through
the same service as ``qa-audit rubric import``.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.gui.database_actions import show_user_error
from qa_audit.gui.models.table_base import Column, RowTableModel
from qa_audit.services import rubric_import, rubric_view
from qa_audit.services.rubric_import import FileProblem, RubricFileCheck, RubricPreview
from qa_audit.services.rubrics import RubricImportResult

log = logging.getLogger(__name__)

FILE_FILTER = "Rubric files (*.yaml *.yml);;All files (*)"
HIGHLIGHT = "#fff2a8"
PROBLEM_COLUMNS = ("Line", "Problem")
_LINE_ALIGN = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)


class ProblemModel(RowTableModel[FileProblem]):
    """The file's problems: the line (blank when none) and what is wrong there."""

    COLUMNS = (
        Column(PROBLEM_COLUMNS[0], lambda p: str(p.line) if p.line else "",
               sort=lambda p: p.line, align=_LINE_ALIGN),
        Column(PROBLEM_COLUMNS[1], lambda p: p.problem),
    )


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def numbered(text: str) -> str:
    """The file's lines with their numbers in front, as the problems table cites them."""
    lines = text.splitlines() or [""]
    width = len(str(len(lines)))
    return "\n".join(f"{n:>{width}} │ {line}" for n, line in enumerate(lines, 1))


def _bands(preview: RubricPreview) -> str:
    return "<br>".join(
        f"{_e(b.label)}: {b.from_}" + (f"–{b.to}" if b.to != b.from_ else "")
        + (" <i>(counts as good)</i>" if b.good else "")
        for b in preview.rubric.overall.bands)


def preview_html(preview: RubricPreview) -> str:
    """What the file holds and what importing it will do (all file text escaped)."""
    rubric = preview.rubric
    rows = [
        ("File", _e(preview.path)),
        ("Id", _e(rubric.id)),
        ("Title", _e(rubric.title)),
        ("Import", f"<b>{_e(preview.outcome())}</b>"),
        ("Sections", str(len(rubric.sections))),
        ("Questions", str(preview.questions)),
        ("Overall grade", _e(rubric_view.scale_text(rubric))),
        ("Bands", _bands(preview)),
        ("Target", _e(rubric_view.target_schedule_text(rubric))),
        ("Agencies", str(len(rubric.agencies))),
        ("Themes", str(len(rubric.themes))),
    ]
    parts = ["<table cellspacing='4'>"]
    parts += [f"<tr><th align='left' valign='top'>{label}</th><td>{value}</td></tr>"
              for label, value in rows]
    parts.append("</table>")
    indicators = rubric_view.indicator_summaries(rubric)
    if indicators:
        parts.append("<h3>Indicators</h3><table cellspacing='0' cellpadding='4' border='1' "
                     "style='border-collapse:collapse'><tr><th>Indicator</th>"
                     "<th>Questions</th><th>Targets</th></tr>")
        parts += [f"<tr><td>{_e(i.label)}</td><td>{_e(', '.join(i.questions))}</td>"
                  f"<td>{_e(i.targets)}</td></tr>" for i in indicators]
        parts.append("</table>")
    else:
        parts.append("<p>No indicators.</p>")
    return "".join(parts)


class RubricImportDialog(QDialog):
    """Problems (line, problem, the file with the line highlighted) or a preview and Import."""

    imported = Signal(str, int)  # rubric id and the version stored (or already stored)

    def __init__(self, ctx: AppContext, check: RubricFileCheck,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.check = check
        self.result_: RubricImportResult | None = None
        self.setObjectName("rubricImportDialog")
        self.setWindowTitle(f"Import rubric file — {check.path.name}")
        self.resize(880, 600)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("rubricImportHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._problems_page())
        self.stack.addWidget(self._preview_page())
        layout.addWidget(self.stack, 1)
        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton("&Import", self)
        self.import_button.setObjectName("rubricImportButton")
        self.import_button.setAccessibleName("Import the rubric")
        self.recheck_button = QPushButton("Check &again", self)
        self.recheck_button.setAccessibleName("Check the file again")
        self.recheck_button.setToolTip("Read the file again, e.g. after fixing it in an editor")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setAccessibleName("Close without importing")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.recheck_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.clicked.connect(self.do_import)
        self.recheck_button.clicked.connect(self.recheck)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show(check)

    # ------------------------------------------------------------ layout

    def _problems_page(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.problem_model = ProblemModel(self)
        self.problems = QTableView(splitter)
        self.problems.setObjectName("rubricProblems")
        self.problems.setAccessibleName("Problems in the rubric file")
        self.problems.setModel(self.problem_model)
        self.problems.verticalHeader().hide()
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.problems.setWordWrap(True)
        self.problems.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.problems.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_line_of(current.row()))
        self.problems.doubleClicked.connect(lambda index: self.show_line_of(index.row(), True))
        self.file_view = QPlainTextEdit(splitter)
        self.file_view.setObjectName("rubricFileText")
        self.file_view.setAccessibleName("The rubric file")
        self.file_view.setReadOnly(True)
        self.file_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.file_view.setFont(QFont("monospace"))
        self.file_view.document().setDefaultFont(QFont("monospace"))
        splitter.setSizes([220, 340])
        return splitter

    def _preview_page(self) -> QWidget:
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("rubricPreview")
        self.preview.setAccessibleName("What the rubric file holds")
        return self.preview

    # -------------------------------------------------------- controller

    def _show(self, check: RubricFileCheck) -> None:
        self.check = check
        name = _e(check.path.name)
        if check.preview is not None:
            self.heading.setText(f"<b>{name}</b> is a valid rubric. Check what it holds, "
                                 "then choose Import.")
            self.preview.setHtml(preview_html(check.preview))
            self.stack.setCurrentIndex(1)
            changed = check.preview.plan.changed
            self.import_button.setEnabled(changed)
            default = self.import_button if changed else self.close_button  # Enter
            default.setDefault(True)
            default.setFocus()
            return
        count = len(check.problems)
        noun = "problem" if count == 1 else "problems"
        self.heading.setText(
            f"<b>{name}</b> cannot be imported: {count} {noun}. Nothing was stored. "
            "Fix the file, then choose Check again." if count else
            f"{_e(check.message)}. Nothing was stored.")
        self.import_button.setEnabled(False)
        self.file_view.setPlainText(numbered(check.text))
        self.problem_model.set_rows(check.problems)
        self.stack.setCurrentIndex(0)
        self.recheck_button.setDefault(True)
        if count:
            self.problems.setCurrentIndex(self.problem_model.index(0, 0))
            self.problems.setFocus()

    def show_line_of(self, row: int, focus: bool = False) -> None:
        """Scroll the file to the problem's line and highlight it."""
        problem = self.problem_model.get_row(row)
        line = problem.line if problem is not None else 0
        block = self.file_view.document().findBlockByLineNumber(max(line - 1, 0))
        if line <= 0 or not block.isValid():
            self.file_view.setExtraSelections([])
            return
        cursor = QTextCursor(block)
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(QColor(HIGHLIGHT))
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = cursor
        self.file_view.setExtraSelections([selection])
        self.file_view.setTextCursor(cursor)
        self.file_view.centerCursor()
        if focus:  # after the double-click's own events, which focus the table
            QTimer.singleShot(0, self.file_view, self.file_view.setFocus)

    def highlighted_line(self) -> int | None:
        """The 1-based line highlighted in the file view (None when none is)."""
        selections = self.file_view.extraSelections()
        return selections[0].cursor.blockNumber() + 1 if selections else None

    def recheck(self) -> None:
        try:
            check = rubric_import.check_rubric_file(self.ctx.db, self.check.path)
        except UserError as exc:
            show_user_error(self, "Cannot check the rubric", exc)
            return
        self._show(check)

    def do_import(self) -> None:
        preview = self.check.preview
        if preview is None:
            return
        try:
            result = rubric_import.import_preview(self.ctx.db, preview, self.ctx.actor)
        except UserError as exc:  # busy or read-only database, file changed and now invalid
            show_user_error(self, "Rubric not imported", exc)
            return
        self.result_ = result
        message = (f"Stored rubric {result.id} version {result.version}." if result.created
                   else f"Rubric {result.id} version {result.version} was already stored.")
        log.info("rubric import: %s", message)
        self.ctx.status_message.emit(message)
        self.ctx.notify("rubrics")
        self.imported.emit(result.id, result.version)
        self.accept()


def choose_rubric_file(parent: QWidget | None) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(parent, "Import rubric file", "", FILE_FILTER)
    return Path(path) if path else None


def open_import_dialog(ctx: AppContext, parent: QWidget | None,
                       path: Path | None = None) -> RubricImportDialog | None:
    """Check ``path`` (asking for a file when None) and open the dialog (window-modal)."""
    path = path or choose_rubric_file(parent)
    if path is None:
        return None
    try:
        check = rubric_import.check_rubric_file(ctx.db, path)
    except UserError as exc:  # the database, not the file: busy, missing, damaged
        show_user_error(parent, "Cannot check the rubric", exc)
        return None
    if not check.ok and not check.problems:  # unreadable: one sentence is enough
        QMessageBox.warning(parent, "Cannot import rubric", f"{check.message}.")
        return None
    dialog = RubricImportDialog(ctx, check, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
