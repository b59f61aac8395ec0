"""The plan document pane's widgets and how they paint a document: the view.

``PlanPaneView`` builds the layout (buttons, section and page selectors, find box,
the text and PDF views, the flags and golden-thread tabs) and shows what it is
given: the highlighted text, the sections, the flags, the prompts. What to show and
when is decided by ``plan_pane.PlanDocumentPane`` (the controller, a subclass) and
``pane_presenter`` (no Qt).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextLength,
)
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QListWidgetItem,
    QTextEdit,
    QTreeWidgetItem,
    QWidget,
)

from qa_audit.errors import UserError
from qa_audit.evidence import PlanAnalysis, PlanDocument
from qa_audit.gui.evidence.pane_presenter import (
    MODE_PAGES,
    MODE_TEXT,
    FlagRow,
    FlagsView,
    Positions,
    PromptItem,
    SectionItem,
)
from qa_audit.gui.generated.ui_plan_pane import Ui_PlanPane

_VAGUE_BG = QColor("#ffd966")
_VAGUE_FG = QColor("#000000")
_LINE_UNDERLINE = QColor("#d9480f")
ROLE_START = Qt.ItemDataRole.UserRole
ROLE_END = Qt.ItemDataRole.UserRole + 1
ROLE_PAGE = Qt.ItemDataRole.UserRole + 2
ROLE_PHRASE = Qt.ItemDataRole.UserRole + 3

#: Pixels left above a line scrolled to the top of the text view.
_TOP_MARGIN = 4


class PlanPaneView(QWidget):
    """The pane's widgets; the controller subclass wires them."""

    # typed here (the Designer form's are not): ``pane_remember`` uses them too
    remember_box: QCheckBox
    status_label: QLabel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planDocumentPane")
        self._positions = Positions("")
        self._pdf = QPdfDocument(self)
        self._pdf_search = QPdfSearchModel(self)
        self._pdf_search.setDocument(self._pdf)
        self._build()

    # ================================================================ layout

    def _build(self) -> None:
        """The Designer form (``forms/plan_pane.ui``), the settings it cannot hold, and
        the widgets under the names the controller and the tests use."""
        ui = self.ui = Ui_PlanPane()
        ui.setupUi(self)
        self.open_button = ui.openPlanButton
        self.close_button = ui.closePlanButton
        self.name_label = ui.planNameLabel
        self.remember_box = ui.rememberFileBox
        self.forget_button = ui.forgetRememberedButton
        self.section_combo = ui.sectionCombo
        self.set_start_button = ui.setSectionStartButton
        self.page_spin = ui.pageSpin
        self.page_count_label = ui.pageCountLabel
        self.view_combo = ui.viewCombo
        self.search_edit = ui.searchEdit
        self.previous_button = ui.findPreviousButton
        self.next_button = ui.findNextButton
        self.match_label = ui.matchLabel
        self.text_view = ui.planTextView
        self.pdf_view = ui.planPdfView
        self.empty_label = ui.emptyLabel
        self.stack = ui.stack
        self.flags_tree = ui.flagsTree
        self.flags_note = ui.flagsNote
        self.thread_list = ui.goldenThreadList
        self.tabs = ui.evidenceTabs
        self.splitter = ui.splitter
        self.quote_button = ui.quoteButton
        self.status_label = ui.paneStatus

        self.view_combo.addItem("Pages", MODE_PAGES)
        self.view_combo.addItem("Text", MODE_TEXT)
        self.text_view.document().setDocumentMargin(12)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.setDocument(self._pdf)
        self.pdf_view.setSearchModel(self._pdf_search)
        header = self.flags_tree.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.flags_tree.setColumnWidth(0, 220)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([6000, 4000])  # proportions: Qt scales them to fit
        self.text_view.installEventFilter(self)
        self.text_view.viewport().installEventFilter(self)
        self.pdf_view.installEventFilter(self)

    def sizeHint(self) -> Any:
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), 520))
        hint.setHeight(max(hint.height(), 720))
        return hint


    def _load_pdf(self, file: Path) -> PlanDocument:
        """Open a PDF in the page view and read its text, page by page."""
        if not file.is_file():
            raise UserError(f"{file.name} cannot be found (was it moved or renamed?).")
        self._pdf.close()
        error = self._pdf.load(str(file))
        if error != QPdfDocument.Error.None_:
            self._pdf.close()
            reasons = {
                QPdfDocument.Error.IncorrectPassword: "it is password-protected",
                QPdfDocument.Error.UnsupportedSecurityScheme: "it is protected",
                QPdfDocument.Error.FileNotFound: "it cannot be found",
                QPdfDocument.Error.InvalidFileFormat: "it is not a readable PDF",
                QPdfDocument.Error.DataNotYetAvailable: "it is not available yet",
            }
            raise UserError(f"{file.name} cannot be opened: {reasons.get(error, 'unknown error')}.")
        pages = [self._pdf.getAllText(page).text() for page in range(self._pdf.pageCount())]
        return PlanDocument.from_pages(pages, file.name, "pdf")

    # ============================================================ showing

    def _enable_document_widgets(self, enabled: bool) -> None:
        for widget in (self.close_button, self.section_combo, self.set_start_button,
                       self.search_edit, self.previous_button, self.next_button,
                       self.quote_button):
            widget.setEnabled(enabled)

    def _show_empty_view(self) -> None:
        self.stack.setCurrentWidget(self.empty_label)
        self.section_combo.clear()
        self.flags_tree.clear()
        self.thread_list.clear()
        self.flags_note.setText("Open a plan to see suggestions.")
        self.name_label.setText("No plan open")
        self.page_count_label.setText("")
        self.match_label.setText("")
        self._enable_document_widgets(False)
        self.page_spin.setEnabled(False)
        self.view_combo.setVisible(False)

    def _show_mode(self, document: PlanDocument, mode: str) -> None:
        self._enable_document_widgets(True)
        self.page_spin.setEnabled(document.page_count > 1)
        self.view_combo.setVisible(document.kind == "pdf")
        self.view_combo.blockSignals(True)
        self.view_combo.setCurrentIndex(self.view_combo.findData(mode))
        self.view_combo.blockSignals(False)
        self.stack.setCurrentWidget(self.pdf_view if mode == MODE_PAGES else self.text_view)
        self.quote_button.setEnabled(mode == MODE_TEXT)

    def _show_text(self, document: PlanDocument) -> None:
        """A newly opened document's text, its page breaks and page count."""
        self._positions = Positions(document.text)
        self.text_view.setPlainText(document.text)
        self._mark_page_breaks(document)
        self._pad_text_end()
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(document.page_count)
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        self.page_count_label.setText(f"of {document.page_count}")

    def _show_sections(self, items: list[SectionItem], placeholder: str) -> None:
        combo = self.section_combo
        combo.blockSignals(True)
        combo.clear()
        for item in items:
            combo.addItem(item.text, item.letter)
            combo.setItemData(combo.count() - 1, item.tooltip, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(-1)
        combo.blockSignals(False)
        combo.setPlaceholderText(placeholder)

    def _show_flags(self, view: FlagsView | None) -> None:
        self.flags_tree.clear()
        if view is None:
            return
        self.flags_note.setText(view.note)
        for group in view.groups:
            top = QTreeWidgetItem([group.title, "", "", ""])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.flags_tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for row in group.rows:
                top.addChild(_flag_item(row))
        if view.groups:
            self.flags_tree.expandToDepth(0)

    def _show_thread(self, items: list[PromptItem], prompts: bool) -> None:
        self.thread_list.clear()
        for prompt in items:
            item = QListWidgetItem(prompt.text)
            if not prompts:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            elif prompt.start is not None:
                item.setData(ROLE_START, prompt.start)
                item.setData(ROLE_END, prompt.end)
                item.setData(ROLE_PAGE, prompt.page)
            self.thread_list.addItem(item)
        if prompts:
            self.tabs.setTabText(1, f"Golden thread ({len(items)})")

    def _sync_page_spin(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page)
        self.page_spin.blockSignals(False)

    def _sync_section_combo(self, letter: str | None) -> None:
        index = self.section_combo.findData(letter) if letter else -1
        self.section_combo.blockSignals(True)
        self.section_combo.setCurrentIndex(index)
        self.section_combo.blockSignals(False)

    # ============================================================ the text view

    def _highlight(self, analysis: PlanAnalysis | None) -> None:
        """Section headings in bold, lines missing detail underlined, vague words marked."""
        selections: list[QTextEdit.ExtraSelection] = []
        if analysis is not None:
            heading = QTextCharFormat()
            heading.setFontWeight(QFont.Weight.Bold)
            heading.setForeground(QBrush(self.palette().link().color()))
            for span in analysis.sections:
                end = analysis.document.text.find("\n", span.start)
                selections.append(self._selection(span.start, end if end != -1 else span.end,
                                                  heading))
            line_format = QTextCharFormat()
            line_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            line_format.setUnderlineColor(_LINE_UNDERLINE)
            for line in analysis.wording.lines:
                selections.append(self._selection(line.start, line.end, line_format))
            vague = QTextCharFormat()
            vague.setBackground(QBrush(_VAGUE_BG))
            vague.setForeground(QBrush(_VAGUE_FG))
            for hit in analysis.wording.hits:
                selections.append(self._selection(hit.start, hit.end, vague))
        self.text_view.setExtraSelections(selections)

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text_view.document())
        cursor.setPosition(self._positions.to_qt(start))
        cursor.setPosition(self._positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _pad_text_end(self) -> None:
        """Blank space after the last line, so any heading can be scrolled to the top."""
        root = self.text_view.document().rootFrame()
        fmt = root.frameFormat()
        pad = max(self.text_view.viewport().height() - 3 * self.text_view.fontMetrics()
                  .lineSpacing(), 0)
        if int(fmt.bottomMargin()) != pad:
            fmt.setBottomMargin(pad)
            root.setFrameFormat(fmt)

    def _mark_page_breaks(self, document: PlanDocument) -> None:
        """A horizontal rule on the blank line between two pages."""
        qdoc = self.text_view.document()
        rule = QTextBlockFormat()
        rule.setProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
                         QTextLength(QTextLength.Type.PercentageLength, 100))
        for page in range(2, document.page_count + 1):
            block = qdoc.findBlock(self._positions.to_qt(document.page_start(page) - 1))
            if block.isValid() and not block.text():
                cursor = QTextCursor(block)
                cursor.mergeBlockFormat(rule)

    def _show_range(self, start: int, end: int, *, top: bool = False) -> None:
        """Select ``[start, end)`` in the text view and scroll it into view."""
        cursor = QTextCursor(self.text_view.document())
        cursor.setPosition(self._positions.to_qt(start))
        if end > start:
            cursor.setPosition(self._positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.text_view.setTextCursor(cursor)
        bar = self.text_view.verticalScrollBar()
        rect = self.text_view.cursorRect(cursor)
        if top:
            bar.setValue(bar.value() + rect.top() - _TOP_MARGIN)
        else:
            viewport = self.text_view.viewport().height()
            if rect.top() < 0 or rect.bottom() > viewport:
                bar.setValue(bar.value() + rect.center().y() - viewport // 3)
        self._text_scrolled()

    def _text_scrolled(self, _value: int = 0) -> None:
        """The text view scrolled (the controller keeps the selectors in step)."""

    def _offset_at_top(self) -> int:
        probe = _TOP_MARGIN + self.text_view.fontMetrics().lineSpacing() // 2
        cursor = self.text_view.cursorForPosition(QPoint(8, probe))
        return self._positions.from_qt(cursor.position())


def _flag_item(row: FlagRow) -> QTreeWidgetItem:
    item = QTreeWidgetItem(list(row.columns))
    if row.tooltip:
        item.setToolTip(0, row.tooltip)
        item.setToolTip(3, row.fix)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignCenter)
    item.setData(0, ROLE_START, row.start)
    item.setData(0, ROLE_END, row.end)
    item.setData(0, ROLE_PAGE, row.page)
    item.setData(0, ROLE_PHRASE, row.phrase)
    for child in row.children:
        item.addChild(_flag_item(child))
    return item
