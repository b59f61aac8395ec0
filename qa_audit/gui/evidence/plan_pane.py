"""The plan pane: the plan being scored, open beside the questions.

The auditor opens the plan (PDF, Word or text). PDFs show as pages (QtPdf) with a
Text view beside them; Word and text files show as text. The pane finds sections
A-K (jump with the section list, or set a start by hand), highlights vague
wording in the provision sections, lists it with counts and suggested fixes,
lists golden-thread prompts, and quotes a selection as evidence (Ctrl+Q).

Keys while the focus is in the pane: Ctrl+F find, F3 / Shift+F3 next / previous
match, PgUp / PgDn previous / next page (in the document), Ctrl+Q quote the
selection. The pane claims these keys (``ShortcutOverride``) so window shortcuts
such as Quit (Ctrl+Q) do not fire while it has the focus.

Data protection: the document is read where it is; nothing is copied and the
path is not stored, unless the auditor ticks "Remember this file for this plan on
this computer" (default off), which keeps the path in a local file only, keyed
by an HMAC under a per-install secret (``qa_audit.evidence.remembered``).
See ``docs/evidence-pane.md``.
"""

from __future__ import annotations

import bisect
import logging
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QKeyCombination, QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
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
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_audit.errors import UserError
from qa_audit.evidence import (
    LETTERS,
    TITLES,
    EvidenceFlag,
    PlanAnalysis,
    PlanDocument,
    analyse_plan,
    flags_for_question,
    kind_of,
    load_document,
    load_lexicon,
)
from qa_audit.evidence.golden_thread import ThreadPrompt
from qa_audit.evidence.remembered import STORE_FILE, RememberedFiles
from qa_audit.evidence.vague_wording import Lexicon

__all__ = ["REMEMBERED_FILES", "PlanDocumentPane"]

log = logging.getLogger(__name__)

#: The local file of remembered plan documents (under the per-user data folder).
REMEMBERED_FILES = STORE_FILE
_FILTER = "Plans (*.pdf *.docx *.txt);;PDF (*.pdf);;Word documents (*.docx);;Text files (*.txt)"

_VAGUE_BG = QColor("#ffd966")
_VAGUE_FG = QColor("#000000")
_LINE_UNDERLINE = QColor("#d9480f")
_ROLE_START = Qt.ItemDataRole.UserRole
_ROLE_END = Qt.ItemDataRole.UserRole + 1
_ROLE_PAGE = Qt.ItemDataRole.UserRole + 2
_ROLE_PHRASE = Qt.ItemDataRole.UserRole + 3

_CTRL, _SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
_KEY_QUOTE = QKeyCombination(_CTRL, Qt.Key.Key_Q)
_KEY_FIND = QKeyCombination(_CTRL, Qt.Key.Key_F)
_KEY_NEXT = QKeyCombination(Qt.Key.Key_F3)
_KEY_PREVIOUS = QKeyCombination(_SHIFT, Qt.Key.Key_F3)
_PANE_KEYS = (_KEY_QUOTE, _KEY_FIND, _KEY_NEXT, _KEY_PREVIOUS)

#: Pixels left above a line scrolled to the top of the text view.
_TOP_MARGIN = 4

MODE_TEXT = "text"
MODE_PAGES = "pages"


class _Positions:
    """Python string indexes <-> QTextDocument positions (UTF-16 units)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_qt(self, index: int) -> int:
        return index + bisect.bisect_left(self._astral, index)

    def from_qt(self, position: int) -> int:
        index = position
        for count, astral in enumerate(self._astral):
            if astral + count >= position:
                break
            index = position - (count + 1)
        return max(index, 0)


class PlanDocumentPane(QWidget):
    """The plan document beside the scoring form.

    Signals:
        quote_requested(text, section, page): the auditor quoted the selected words
            (section letter A-K or None; 1-based page or None for one-page text).
        document_opened(name): a document was opened (file name only).
        document_closed(): the document was closed.
        analysis_changed(): sections, flags or prompts changed (re-ask for flags).
    """

    quote_requested = Signal(str, object, object)
    document_opened = Signal(str)
    document_closed = Signal()
    analysis_changed = Signal()

    def __init__(self, parent: QWidget | None = None, *,
                 remembered: RememberedFiles | None = None,
                 lexicon: Lexicon | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planDocumentPane")
        self._remembered = remembered
        self._lexicon = lexicon
        self._analysis: PlanAnalysis | None = None
        self._positions = _Positions("")
        self._mode = MODE_TEXT
        self._plan_key: str | None = None
        self._path: Path | None = None  # in memory only, for "remember"
        self._question: Any = None
        self._matches: list[tuple[int, int]] = []
        self._match_index = -1
        self._last_folder = ""
        self._pdf = QPdfDocument(self)
        self._pdf_search = QPdfSearchModel(self)
        self._pdf_search.setDocument(self._pdf)
        self._build()
        self._connect()
        self._show_empty()

    # ================================================================ layout

    def _build(self) -> None:
        self.open_button = QPushButton("Open plan…")
        self.open_button.setObjectName("openPlanButton")
        self.open_button.setToolTip("Open the plan being scored (PDF, Word .docx or text)")
        self.open_button.setAccessibleName("Open plan document")
        self.close_button = QToolButton()
        self.close_button.setObjectName("closePlanButton")
        self.close_button.setText("Close")
        self.close_button.setToolTip("Close the plan document")
        self.close_button.setAccessibleName("Close plan document")
        self.name_label = QLabel()
        self.name_label.setObjectName("planNameLabel")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.remember_box = QCheckBox("Remember this file for this plan on this computer")
        self.remember_box.setObjectName("rememberFileBox")
        self.remember_box.setAccessibleName("Remember this file for this plan on this computer")
        self.remember_box.setToolTip(
            "Off by default. When ticked, the file's location (which may contain names) is "
            "kept in a file on this computer only - never in the audit database - "
            "so the plan reopens next time. Untick to forget it.")
        self.forget_button = QToolButton()
        self.forget_button.setObjectName("forgetRememberedButton")
        self.forget_button.setText("Forget remembered documents…")
        self.forget_button.setAccessibleName("Forget remembered documents")
        self.forget_button.setToolTip(
            "Forget every plan document this computer remembers, for every plan")

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.open_button)
        top.addWidget(self.name_label, 1)
        top.addWidget(self.close_button)

        self.section_combo = QComboBox()
        self.section_combo.setObjectName("sectionCombo")
        self.section_combo.setPlaceholderText("Go to section…")
        self.section_combo.setAccessibleName("Go to section")
        self.section_combo.setToolTip("Jump to a section of the plan (only sections found)")
        self.section_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.section_combo.setMinimumContentsLength(16)
        self.set_start_button = QToolButton()
        self.set_start_button.setObjectName("setSectionStartButton")
        self.set_start_button.setText("Set section start here…")
        self.set_start_button.setAccessibleName("Set section start here")
        self.set_start_button.setToolTip(
            "The section list is wrong or a section is missing? Put the cursor on the "
            "section's first line (or show its page) and say which section starts there.")
        self.page_spin = QSpinBox()
        self.page_spin.setObjectName("pageSpin")
        self.page_spin.setAccessibleName("Page")
        self.page_spin.setToolTip("Page (PgUp / PgDn in the document)")
        self.page_spin.setMinimum(1)
        self.page_count_label = QLabel()
        self.view_combo = QComboBox()
        self.view_combo.setObjectName("viewCombo")
        self.view_combo.setAccessibleName("View")
        self.view_combo.addItem("Pages", MODE_PAGES)
        self.view_combo.addItem("Text", MODE_TEXT)
        self.view_combo.setToolTip(
            "Pages: the PDF as printed. Text: its words, with vague wording highlighted "
            "and selectable for quoting.")

        nav = QHBoxLayout()
        nav.setContentsMargins(0, 0, 0, 0)
        nav.addWidget(self.section_combo, 1)
        nav.addWidget(self.set_start_button)
        page_label = QLabel("Page")
        page_label.setBuddy(self.page_spin)
        nav.addWidget(page_label)
        nav.addWidget(self.page_spin)
        nav.addWidget(self.page_count_label)
        nav.addWidget(self.view_combo)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText("Find in plan (Ctrl+F)")
        self.search_edit.setAccessibleName("Find in plan")
        self.search_edit.setClearButtonEnabled(True)
        self.previous_button = QToolButton()
        self.previous_button.setObjectName("findPreviousButton")
        self.previous_button.setText("Previous")
        self.previous_button.setToolTip("Previous match (Shift+F3)")
        self.previous_button.setAccessibleName("Previous match")
        self.next_button = QToolButton()
        self.next_button.setObjectName("findNextButton")
        self.next_button.setText("Next")
        self.next_button.setToolTip("Next match (F3)")
        self.next_button.setAccessibleName("Next match")
        self.match_label = QLabel()
        self.match_label.setObjectName("matchLabel")
        find = QHBoxLayout()
        find.setContentsMargins(0, 0, 0, 0)
        find.addWidget(self.search_edit, 1)
        find.addWidget(self.previous_button)
        find.addWidget(self.next_button)
        find.addWidget(self.match_label)

        self.text_view = QTextBrowser()
        self.text_view.setObjectName("planTextView")
        self.text_view.setAccessibleName("Plan text")
        self.text_view.setOpenLinks(False)
        self.text_view.setUndoRedoEnabled(False)
        self.text_view.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.text_view.document().setDocumentMargin(12)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setObjectName("planPdfView")
        self.pdf_view.setAccessibleName("Plan pages")
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.setDocument(self._pdf)
        self.pdf_view.setSearchModel(self._pdf_search)
        self.empty_label = QLabel(
            "Open the plan being scored to see it here.\n\nPDF, Word (.docx) or text. "
            "Nothing is copied: the file stays where it is.")
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.text_view)
        self.stack.addWidget(self.pdf_view)

        self.flags_tree = QTreeWidget()
        self.flags_tree.setObjectName("flagsTree")
        self.flags_tree.setAccessibleName("Wording flags")
        self.flags_tree.setColumnCount(4)
        self.flags_tree.setHeaderLabels(["Flag", "Count", "Section", "Suggested fix"])
        self.flags_tree.setRootIsDecorated(True)
        self.flags_tree.setUniformRowHeights(True)
        self.flags_tree.setWordWrap(False)
        header = self.flags_tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.flags_tree.setColumnWidth(0, 220)
        self.flags_note = QLabel()
        self.flags_note.setObjectName("flagsNote")
        self.flags_note.setWordWrap(True)
        flags_page = QWidget()
        flags_layout = QVBoxLayout(flags_page)
        flags_layout.setContentsMargins(4, 4, 4, 4)
        flags_layout.addWidget(self.flags_note)
        flags_layout.addWidget(self.flags_tree, 1)

        self.thread_list = QListWidget()
        self.thread_list.setObjectName("goldenThreadList")
        self.thread_list.setAccessibleName("Golden thread prompts")
        self.thread_list.setWordWrap(True)
        self.thread_list.setAlternatingRowColors(True)
        thread_note = QLabel("Needs in Section B with no matching provision (F) or outcome (E), "
                             "found by shared keywords. Prompts only: check the plan.")
        thread_note.setWordWrap(True)
        thread_page = QWidget()
        thread_layout = QVBoxLayout(thread_page)
        thread_layout.setContentsMargins(4, 4, 4, 4)
        thread_layout.addWidget(thread_note)
        thread_layout.addWidget(self.thread_list, 1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("evidenceTabs")
        self.tabs.setAccessibleName("Evidence suggestions")
        self.tabs.addTab(flags_page, "Wording flags")
        self.tabs.addTab(thread_page, "Golden thread")

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([6000, 4000])  # proportions: Qt scales them to fit

        self.quote_button = QPushButton("Quote selection as evidence (Ctrl+Q)")
        self.quote_button.setObjectName("quoteButton")
        self.quote_button.setAccessibleName("Quote selection as evidence")
        self.quote_button.setToolTip(
            "Adds the selected words, with their section and page, as the evidence note "
            "of the current question. Notes are redacted before any report uses them.")
        self.status_label = QLabel()
        self.status_label.setObjectName("paneStatus")
        self.status_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.quote_button)
        bottom.addWidget(self.status_label, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        remember_row = QHBoxLayout()
        remember_row.setContentsMargins(0, 0, 0, 0)
        remember_row.addWidget(self.remember_box, 1)
        remember_row.addWidget(self.forget_button)
        layout.addLayout(remember_row)
        layout.addLayout(nav)
        layout.addLayout(find)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

        self.text_view.installEventFilter(self)
        self.text_view.viewport().installEventFilter(self)
        self.pdf_view.installEventFilter(self)

    def _connect(self) -> None:
        self.open_button.clicked.connect(self.open_file_dialog)
        self.close_button.clicked.connect(self.close_document)
        self.remember_box.toggled.connect(self._remember_toggled)
        self.forget_button.clicked.connect(self.confirm_forget_all)
        self.section_combo.activated.connect(self._section_chosen)
        self.set_start_button.clicked.connect(self.choose_section_start)
        self.page_spin.valueChanged.connect(self._page_chosen)
        self.view_combo.currentIndexChanged.connect(
            lambda _i: self.set_view_mode(self.view_combo.currentData()))
        self.search_edit.textChanged.connect(self._search_changed)
        self.search_edit.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.text_view.verticalScrollBar().valueChanged.connect(self._text_scrolled)
        self.text_view.selectionChanged.connect(self._selection_changed)
        self.pdf_view.pageNavigator().currentPageChanged.connect(self._pdf_page_changed)
        self._pdf_search.countChanged.connect(self._pdf_count_changed)
        self.flags_tree.itemActivated.connect(self._flag_activated)
        self.flags_tree.itemClicked.connect(self._flag_activated)
        self.thread_list.itemActivated.connect(self._prompt_activated)
        self.thread_list.itemClicked.connect(self._prompt_activated)
        self.quote_button.clicked.connect(self.quote_selection)

    def sizeHint(self) -> Any:  # noqa: N802
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), 520))
        hint.setHeight(max(hint.height(), 720))
        return hint

    # ============================================================ public API

    @property
    def document(self) -> PlanDocument | None:
        return None if self._analysis is None else self._analysis.document

    @property
    def analysis(self) -> PlanAnalysis | None:
        return self._analysis

    def view_mode(self) -> str:
        return self._mode

    def open_file_dialog(self) -> bool:
        """Ask for a plan file and open it; False when cancelled or unreadable."""
        path, _filter = QFileDialog.getOpenFileName(
            self, "Open the plan being scored", self._last_folder, _FILTER)
        if not path:
            return False
        self._last_folder = str(Path(path).parent)  # this session only
        return self.open_document(path)

    def open_document(self, path: str | Path) -> bool:
        """Open a plan document; shows a message and returns False when it cannot."""
        file = Path(path)
        try:
            kind = kind_of(file)
            if kind == "pdf":
                document = self._load_pdf(file)
            else:
                self._pdf.close()
                document = load_document(file)
            analysis = analyse_plan(document, self._lexicon_or_default())
        except UserError as exc:
            QMessageBox.warning(self, "Cannot open the plan", str(exc))
            return False
        self._path = file
        self._set_analysis(analysis, reset_view=True)
        if self.remember_box.isChecked():
            self._remember(file)
        self.document_opened.emit(document.source_name)
        return True

    def close_document(self) -> None:
        """Close the document (nothing of it is kept)."""
        had = self._analysis is not None
        self._analysis = None
        self._path = None
        self._pdf.close()
        self._pdf_search.setSearchString("")
        self.text_view.clear()
        self._show_empty()
        if had:
            self.document_closed.emit()
            self.analysis_changed.emit()

    def set_plan_key(self, key: str | None) -> None:
        """Tell the pane which plan is being scored (e.g. ``"<session>/<plan ref>"``).

        Changing plan closes the open document (it belongs to another child). When
        the auditor chose to remember a file for the new plan and it still exists,
        it is opened.
        """
        if key == self._plan_key:
            return
        self.close_document()
        self._plan_key = key
        self.remember_box.setEnabled(key is not None)
        remembered = self.remembered_path(key) if key is not None else None
        self.remember_box.blockSignals(True)
        self.remember_box.setChecked(remembered is not None)
        self.remember_box.blockSignals(False)
        if remembered is None:
            return
        if Path(remembered).is_file():
            self.open_document(remembered)
        else:
            self._status("The file remembered for this plan was not found (moved, renamed "
                         "or on a drive that is not connected). Open it again.")

    def remembered_path(self, key: str) -> str | None:
        return self._store().path_for(key)

    def forget_all_files(self) -> int:
        """Forget every remembered plan file on this computer; returns how many."""
        n = self._store().forget_all()
        self.remember_box.blockSignals(True)
        self.remember_box.setChecked(False)
        self.remember_box.blockSignals(False)
        return n

    def confirm_forget_all(self) -> None:
        n = self._store().count()
        if n == 0:
            self._status("This computer remembers no plan documents.")
            return
        answer = QMessageBox.question(
            self, "Forget remembered documents",
            f"This computer remembers the document of {n} plan{'s' * (n != 1)}. Forget them "
            "all? The documents themselves are not touched; you will open them by hand.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            gone = self.forget_all_files()
            self._status(f"Forgot {gone} remembered document{'s' * (gone != 1)}.")

    def sections_found(self) -> list[str]:
        return [] if self._analysis is None else self._analysis.sections.letters()

    def jump_to_section(self, letter: str) -> bool:
        """Show the start of a section (A-K, H1/H2 mean H); False if it was not found."""
        if self._analysis is None:
            return False
        span = self._analysis.sections.get(letter)
        if span is None:
            self._status(f"Section {letter.upper()} was not found in this plan. Use "
                         "“Set section start here…” if it is there.")
            return False
        if self._mode == MODE_PAGES:
            self.go_to_page(span.page)
        else:
            self._show_range(span.start, span.start, top=True)
        self._sync_section_combo(span.letter)
        return True

    def go_to_page(self, page: int) -> None:
        """Show a 1-based page (clamped)."""
        document = self.document
        if document is None:
            return
        page = min(max(page, 1), document.page_count)
        if self._mode == MODE_PAGES:
            self.pdf_view.pageNavigator().jump(page - 1, QPointF(0, 0),
                                               self.pdf_view.zoomFactor())
        else:
            start = document.page_start(page)
            self._show_range(start, start, top=True)
        self._sync_page_spin(page)

    def current_page(self) -> int | None:
        if self.document is None:
            return None
        if self._mode == MODE_PAGES:
            return self.pdf_view.pageNavigator().currentPage() + 1
        return self.document.page_of(self._offset_at_top())

    def current_section(self) -> str | None:
        """The section shown at the top of the view (or holding the cursor)."""
        if self._analysis is None:
            return None
        if self._mode == MODE_PAGES:
            page = self.current_page() or 1
            return self._analysis.sections.section_at(self._analysis.document.page_start(page))
        return self._analysis.sections.section_at(self._offset_at_top())

    def set_section_start(self, letter: str, offset: int | None = None) -> bool:
        """Set where a section starts: a document offset, or the cursor / current page."""
        if self._analysis is None:
            return False
        document = self._analysis.document
        if offset is None:
            if self._mode == MODE_PAGES:
                offset = document.page_start(self.current_page() or 1)
            else:
                cursor = self.text_view.textCursor()
                offset = self._positions.from_qt(cursor.selectionStart())
                block_start = document.text.rfind("\n", 0, offset) + 1
                offset = block_start
        page = document.page_of(offset)
        try:
            analysis = self._analysis.with_override(letter, page,
                                                    offset - document.page_start(page))
        except ValueError as exc:
            self._status(str(exc))
            return False
        self._set_analysis(analysis, reset_view=False)
        self._status(f"Section {letter.upper()} now starts on page {page}.")
        return True

    def choose_section_start(self) -> bool:
        """Ask which section starts at the cursor (or at the current page)."""
        if self._analysis is None:
            return False
        items = [f"{letter} – {TITLES[letter]}" for letter in LETTERS]
        current = self.current_section()
        index = LETTERS.index(current) if current in LETTERS else 0
        item, ok = QInputDialog.getItem(
            self, "Set section start",
            "Which section starts here?\n(The text view uses the line with the cursor; the "
            "page view the top of the page shown.)", items, index, False)
        if not ok or not item:
            return False
        return self.set_section_start(item.split(" ", 1)[0])

    def flags_for_question(self, question: Any) -> list[EvidenceFlag]:
        """Suggestions for one rubric question (empty when no document is open)."""
        return flags_for_question(self._analysis, question)

    def set_question(self, question: Any) -> None:
        """Show the flags for this question (None: all flags) and jump to its section."""
        self._question = question
        self._fill_flags()
        letter = getattr(question, "evidence_section", None)
        if letter and self._analysis is not None and self._analysis.sections.get(letter):
            self.jump_to_section(letter)

    def selected_text(self) -> str:
        if self._mode == MODE_PAGES:
            return ""
        return _clean_quote(self.text_view.textCursor().selectedText())

    def quote_selection(self) -> bool:
        """Emit ``quote_requested`` for the selected words; False with a hint if none."""
        if self._analysis is None:
            self._status("Open the plan first.")
            return False
        if self._mode == MODE_PAGES:
            self._status("To quote from a PDF, switch the view to Text and select the words.")
            return False
        cursor = self.text_view.textCursor()
        text = _clean_quote(cursor.selectedText())
        if not text:
            self._status("Select the words to quote first, then press Ctrl+Q.")
            return False
        offset = self._positions.from_qt(cursor.selectionStart())
        document = self._analysis.document
        section = self._analysis.sections.section_at(offset)
        page = document.page_of(offset) if document.page_count > 1 else None
        self.quote_requested.emit(text, section, page)
        where = ", ".join(x for x in (f"Section {section}" if section else "",
                                      f"p. {page}" if page else "") if x)
        self._status(f"Quoted {len(text.split())} words{' from ' + where if where else ''}.")
        return True

    def set_view_mode(self, mode: str) -> None:
        """``"pages"`` (PDFs only) or ``"text"``; keeps the current page."""
        if mode not in (MODE_TEXT, MODE_PAGES):
            raise ValueError(mode)
        document = self.document
        if mode == MODE_PAGES and (document is None or document.kind != "pdf"):
            mode = MODE_TEXT
        if mode == self._mode and document is not None:
            self._sync_view_widgets()
            return
        page = self.current_page() if document is not None else None
        self._mode = mode
        self._sync_view_widgets()
        if page is not None:
            self.go_to_page(page)
        self._search_changed(self.search_edit.text())

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def find_next(self) -> bool:
        return self._find(forward=True)

    def find_previous(self) -> bool:
        return self._find(forward=False)

    # ====================================================== keys and events

    def event(self, event: QEvent) -> bool:
        # Claim our keys before window shortcuts (Quit is Ctrl+Q in the main window).
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.keyCombination() in _PANE_KEYS):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        combination = event.keyCombination()
        if combination == _KEY_QUOTE:
            self.quote_selection()
        elif combination == _KEY_FIND:
            self.focus_search()
        elif combination == _KEY_NEXT:
            self.find_next()
        elif combination == _KEY_PREVIOUS:
            self.find_previous()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and watched is self.text_view.viewport():
            self._pad_text_end()
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and watched in (self.text_view, self.pdf_view)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)):
            document = self.document
            if document is not None and document.page_count > 1:
                step = -1 if event.key() == Qt.Key.Key_PageUp else 1
                self.go_to_page((self.current_page() or 1) + step)
                return True
        return super().eventFilter(watched, event)

    # ============================================================ internals

    def _lexicon_or_default(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = load_lexicon()
        return self._lexicon

    def _load_pdf(self, file: Path) -> PlanDocument:
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

    def _set_analysis(self, analysis: PlanAnalysis, *, reset_view: bool) -> None:
        document = analysis.document
        first_load = reset_view or self._analysis is None
        top = None if first_load else self._offset_at_top()
        self._analysis = analysis
        if first_load:
            self._positions = _Positions(document.text)
            self.text_view.setPlainText(document.text)
            self._mark_page_breaks(document)
            self._pad_text_end()
            self._mode = MODE_PAGES if document.kind == "pdf" else MODE_TEXT
            self.page_spin.blockSignals(True)
            self.page_spin.setMaximum(document.page_count)
            self.page_spin.setValue(1)
            self.page_spin.blockSignals(False)
            self.page_count_label.setText(f"of {document.page_count}")
            self._matches, self._match_index = [], -1
        self._highlight()
        self._fill_sections()
        self._fill_flags()
        self._fill_thread()
        self._sync_view_widgets()
        self._update_name()
        if first_load:
            self.go_to_page(1)
            self._search_changed(self.search_edit.text())
        elif top is not None and self._mode == MODE_TEXT:
            self._show_range(top, top, top=True)
        self.analysis_changed.emit()

    def _show_empty(self) -> None:
        self._mode = MODE_TEXT
        self.stack.setCurrentWidget(self.empty_label)
        self.section_combo.clear()
        self.flags_tree.clear()
        self.thread_list.clear()
        self.flags_note.setText("Open a plan to see suggestions.")
        self.name_label.setText("No plan open")
        self.page_count_label.setText("")
        self.match_label.setText("")
        for widget in (self.close_button, self.section_combo, self.set_start_button,
                       self.page_spin, self.search_edit, self.previous_button,
                       self.next_button, self.quote_button):
            widget.setEnabled(False)
        self.view_combo.setVisible(False)
        self.remember_box.setEnabled(self._plan_key is not None)

    def _sync_view_widgets(self) -> None:
        document = self.document
        if document is None:
            self._show_empty()
            return
        for widget in (self.close_button, self.section_combo, self.set_start_button,
                       self.search_edit, self.previous_button, self.next_button,
                       self.quote_button):
            widget.setEnabled(True)
        self.page_spin.setEnabled(document.page_count > 1)
        self.view_combo.setVisible(document.kind == "pdf")
        self.view_combo.blockSignals(True)
        self.view_combo.setCurrentIndex(self.view_combo.findData(self._mode))
        self.view_combo.blockSignals(False)
        self.stack.setCurrentWidget(self.pdf_view if self._mode == MODE_PAGES else self.text_view)
        self.quote_button.setEnabled(self._mode == MODE_TEXT)

    def _update_name(self) -> None:
        analysis = self._analysis
        if analysis is None:
            return
        document = analysis.document
        pages = f"{document.page_count} page{'s' if document.page_count != 1 else ''}"
        if document.kind == "docx" and document.page_count > 1:
            pages += " (approx.)"
        self.name_label.setText(f"<b>{_escape(document.source_name)}</b> · {pages}")
        self.name_label.setToolTip(document.source_name)

    def _fill_sections(self) -> None:
        analysis = self._analysis
        self.section_combo.blockSignals(True)
        self.section_combo.clear()
        if analysis is not None:
            for letter in analysis.sections.letters():
                span = analysis.sections.get(letter)
                assert span is not None
                manual = " · set by hand" if span.manual else ""
                self.section_combo.addItem(
                    f"{letter} – {TITLES[letter]} (p. {span.page}{manual})", letter)
                self.section_combo.setItemData(self.section_combo.count() - 1, span.heading,
                                               Qt.ItemDataRole.ToolTipRole)
        self.section_combo.setCurrentIndex(-1)
        self.section_combo.blockSignals(False)
        if analysis is not None and not analysis.sections.letters():
            self.section_combo.setPlaceholderText("No section headings found")
        else:
            self.section_combo.setPlaceholderText("Go to section…")

    def _fill_flags(self) -> None:
        self.flags_tree.clear()
        analysis = self._analysis
        if analysis is None:
            return
        if self._question is not None:
            flags = flags_for_question(analysis, self._question)
            scope = "for this question"
        else:
            flags = analysis.wording_flags()  # golden-thread prompts have their own tab
            scope = "in the provision sections"
        if not analysis.document.text.strip():
            self.flags_note.setText(
                "<b>No text could be read from this document</b> (a scanned PDF has only "
                "pictures of pages). Sections, flags and quoting need text: ask for an "
                "accessible copy of the plan, or read the pages and type the evidence.")
            return
        wording = analysis.wording
        where = ("No Section F, G or H was found, so the whole document was scanned. "
                 if wording.whole_document else "")
        vague = [f for f in flags if f.kind == "vague_wording"]
        lines = [f for f in flags if f.kind == "missing_detail"]
        thread = [f for f in flags if f.kind == "golden_thread"]
        self.flags_note.setText(
            f"<b>Suggestions only - you decide the answer.</b> {where}"
            f"{sum(f.count for f in vague)} vague phrase(s) and {len(lines)} line(s) "
            f"missing detail {scope}.")
        self._add_group("Vague wording", vague, by_hit=True)
        self._add_group("Provision lines missing detail", lines)
        if thread:
            self._add_group("Golden thread prompts", thread)
        self.flags_tree.expandToDepth(0)

    def _add_group(self, title: str, flags: list[EvidenceFlag], *, by_hit: bool = False) -> None:
        group = QTreeWidgetItem([f"{title} ({sum(f.count for f in flags)})", "", "", ""])
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        self.flags_tree.addTopLevelItem(group)
        group.setFirstColumnSpanned(True)
        analysis = self._analysis
        for flag in flags:
            label = flag.label if len(flag.label) <= 80 else flag.label[:79] + "…"
            item = QTreeWidgetItem([label, str(flag.count) if by_hit else "",
                                    flag.section or "–", flag.fix])
            item.setToolTip(0, f"{flag.label}\n\n{flag.detail}")
            item.setToolTip(3, flag.fix)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignCenter)
            item.setData(0, _ROLE_START, flag.start)
            item.setData(0, _ROLE_END, flag.end)
            item.setData(0, _ROLE_PAGE, flag.page)
            item.setData(0, _ROLE_PHRASE, flag.label if by_hit else None)
            group.addChild(item)
            if by_hit and analysis is not None:
                for hit in analysis.wording.hits:
                    if hit.phrase == flag.label and hit.section == flag.section:
                        child = QTreeWidgetItem([f"p. {hit.page}: “{hit.matched}”", "",
                                                 hit.section or "–", ""])
                        child.setData(0, _ROLE_START, hit.start)
                        child.setData(0, _ROLE_END, hit.end)
                        child.setData(0, _ROLE_PAGE, hit.page)
                        child.setData(0, _ROLE_PHRASE, hit.matched)
                        item.addChild(child)

    def _fill_thread(self) -> None:
        self.thread_list.clear()
        analysis = self._analysis
        if analysis is None:
            return
        prompts: list[ThreadPrompt] = analysis.thread.prompts()
        if not prompts:
            text = ("Every need found in Section B shares keywords with provision in F and "
                    "an outcome in E." if analysis.thread.needs else
                    "No needs were recognised in Section B.")
            item = QListWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.thread_list.addItem(item)
            return
        for prompt in prompts:
            page = f" (p. {prompt.page})" if prompt.page else ""
            item = QListWidgetItem(prompt.message + page)
            if prompt.need is not None:
                item.setData(_ROLE_START, prompt.need.start)
                item.setData(_ROLE_END, prompt.need.end)
                item.setData(_ROLE_PAGE, prompt.need.page)
            self.thread_list.addItem(item)
        self.tabs.setTabText(1, f"Golden thread ({len(prompts)})")

    def _highlight(self) -> None:
        analysis = self._analysis
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

    def _offset_at_top(self) -> int:
        probe = _TOP_MARGIN + self.text_view.fontMetrics().lineSpacing() // 2
        cursor = self.text_view.cursorForPosition(QPoint(8, probe))
        return self._positions.from_qt(cursor.position())

    def _text_scrolled(self, _value: int = 0) -> None:
        if self._analysis is None or self._mode != MODE_TEXT:
            return
        offset = self._offset_at_top()
        self._sync_page_spin(self._analysis.document.page_of(offset))
        self._sync_section_combo(self._analysis.sections.section_at(offset))

    def _pdf_page_changed(self, page: int) -> None:
        if self._analysis is None or self._mode != MODE_PAGES:
            return
        self._sync_page_spin(page + 1)
        start = self._analysis.document.page_start(page + 1)
        self._sync_section_combo(self._analysis.sections.section_at(start))

    def _sync_page_spin(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page)
        self.page_spin.blockSignals(False)

    def _sync_section_combo(self, letter: str | None) -> None:
        index = self.section_combo.findData(letter) if letter else -1
        self.section_combo.blockSignals(True)
        self.section_combo.setCurrentIndex(index)
        self.section_combo.blockSignals(False)

    def _section_chosen(self, index: int) -> None:
        letter = self.section_combo.itemData(index)
        if letter:
            self.jump_to_section(letter)

    def _page_chosen(self, page: int) -> None:
        self.go_to_page(page)

    def _selection_changed(self) -> None:
        if self._mode == MODE_TEXT and self._analysis is not None:
            has = self.text_view.textCursor().hasSelection()
            self.quote_button.setDefault(has)

    def _flag_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self._reveal(item.data(0, _ROLE_START), item.data(0, _ROLE_END),
                     item.data(0, _ROLE_PAGE), item.data(0, _ROLE_PHRASE))

    def _prompt_activated(self, item: QListWidgetItem) -> None:
        self._reveal(item.data(_ROLE_START), item.data(_ROLE_END), item.data(_ROLE_PAGE), None)

    def _reveal(self, start: Any, end: Any, page: Any, phrase: str | None) -> None:
        if self._analysis is None or start is None:
            return
        if self._mode == MODE_PAGES:
            self.go_to_page(int(page or self._analysis.document.page_of(int(start))))
            if phrase:  # the page view cannot colour words: search for them instead
                self.search_edit.setText(" ".join(phrase.split()))
            return
        self._show_range(int(start), int(end if end is not None else start))

    # ---------------------------------------------------------------- search

    def _search_changed(self, query: str) -> None:
        query = query.strip()
        self._matches, self._match_index = [], -1
        if self._mode == MODE_PAGES:
            self._pdf_search.setSearchString(query)
            self.pdf_view.setCurrentSearchResultIndex(-1)
            self._pdf_count_changed()
            return
        if not query or self._analysis is None:
            self.match_label.setText("")
            return
        pattern = re.compile(r"\s+".join(re.escape(w) for w in query.split()), re.IGNORECASE)
        self._matches = [(m.start(), m.end())
                         for m in pattern.finditer(self._analysis.document.text)]
        self._update_match_label()

    def _find(self, *, forward: bool) -> bool:
        if self._analysis is None:
            return False
        if self._mode == MODE_PAGES:
            return self._find_in_pdf(forward=forward)
        if not self._matches:
            self._search_changed(self.search_edit.text())
        if not self._matches:
            self._update_match_label()
            return False
        cursor = self.text_view.textCursor()
        here = self._positions.from_qt(cursor.selectionEnd() if forward
                                       else cursor.selectionStart())
        starts = [start for start, _end in self._matches]
        if self._match_index >= 0 and self._matches[self._match_index] == (
                self._positions.from_qt(cursor.selectionStart()),
                self._positions.from_qt(cursor.selectionEnd())):
            index = self._match_index + (1 if forward else -1)
        elif forward:
            index = bisect.bisect_left(starts, here)
        else:
            index = bisect.bisect_left(starts, here) - 1
        self._match_index = index % len(self._matches)
        start, end = self._matches[self._match_index]
        self._show_range(start, end)
        self._update_match_label()
        return True

    def _find_in_pdf(self, *, forward: bool) -> bool:
        count = self._pdf_search.count()
        if count == 0:
            self._pdf_count_changed()
            return False
        index = self.pdf_view.currentSearchResultIndex()
        index = (index + (1 if forward else -1)) % count if index >= 0 else (
            0 if forward else count - 1)
        self.pdf_view.setCurrentSearchResultIndex(index)
        link = self._pdf_search.resultAtIndex(index)
        self.pdf_view.pageNavigator().jump(link)
        self.match_label.setText(f"{index + 1} of {count}")
        return True

    def _pdf_count_changed(self) -> None:
        if self._mode != MODE_PAGES:
            return
        query = self.search_edit.text().strip()
        count = self._pdf_search.count()
        if not query:
            self.match_label.setText("")
        elif count == 0:
            self.match_label.setText("No matches")
        else:
            index = self.pdf_view.currentSearchResultIndex()
            self.match_label.setText(f"{index + 1} of {count}" if index >= 0 else
                                     f"{count} matches")

    def _update_match_label(self) -> None:
        if not self.search_edit.text().strip():
            self.match_label.setText("")
        elif not self._matches:
            self.match_label.setText("No matches")
        elif self._match_index < 0:
            self.match_label.setText(f"{len(self._matches)} matches")
        else:
            self.match_label.setText(f"{self._match_index + 1} of {len(self._matches)}")

    # ------------------------------------------------------------- remember

    def _store(self) -> RememberedFiles:
        if self._remembered is None:
            self._remembered = RememberedFiles()
        return self._remembered

    def _remember_toggled(self, checked: bool) -> None:
        if self._plan_key is None:
            return
        if checked and self._path is not None:
            self._remember(self._path)
            self._status("This file will reopen for this plan on this computer.")
        elif not checked:
            self._store().forget(self._plan_key)
            self._status("This computer no longer remembers the file for this plan.")

    def _remember(self, file: Path) -> None:
        if self._plan_key is None:
            return
        self._store().remember(self._plan_key, file.resolve())

    def _status(self, text: str) -> None:
        self.status_label.setText(text)


def _clean_quote(text: str) -> str:
    """Selected text as one line: paragraph breaks and runs of spaces become one space."""
    return " ".join(text.replace("\u2029", " ").replace("\u2028", " ").split())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
