"""The plan pane: the plan being scored, open beside the questions.

The auditor opens the plan (PDF, Word or text). PDFs show as pages (QtPdf) with a
Text view beside them; Word and text files show as text. The pane finds sections
A-K (jump with the section list, or set a start by hand), highlights vague
wording in the provision sections, lists it with counts and suggested fixes,
lists golden-thread prompts, and quotes a selection as evidence (Ctrl+Shift+Q).

Keys while the focus is in the pane: Ctrl+F find, F3 / Shift+F3 next / previous
match, PgUp / PgDn previous / next page (in the document), Ctrl+Shift+Q quote the
selection. The pane claims these keys (``ShortcutOverride``); Ctrl+Q is left to
the window, so Quit works wherever the focus is.

Data protection: the document is read where it is; nothing is copied and the
path is not stored, unless the auditor ticks "Remember this file for this plan on
this computer" (default off), which keeps the path in a local file only, keyed
by an HMAC under a per-install secret (``qa_audit.evidence.remembered``).
See ``docs/evidence-pane.md``.
"""


from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QKeyCombination, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QListWidgetItem,
    QMessageBox,
    QTreeWidgetItem,
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
from qa_audit.evidence.remembered import STORE_FILE, RememberedFiles
from qa_audit.evidence.vague_wording import Lexicon
from qa_audit.gui.evidence import pane_presenter as present
from qa_audit.gui.evidence.pane_presenter import MODE_PAGES, MODE_TEXT, clean_quote
from qa_audit.gui.evidence.pane_remember import RememberedDocuments
from qa_audit.gui.evidence.pane_view import (
    ROLE_END,
    ROLE_PAGE,
    ROLE_PHRASE,
    ROLE_START,
    PlanPaneView,
)

__all__ = ["MODE_PAGES", "MODE_TEXT", "REMEMBERED_FILES", "PlanDocumentPane"]

log = logging.getLogger(__name__)

#: The local file of remembered plan documents (under the per-user data folder).
REMEMBERED_FILES = STORE_FILE
_FILTER = "Plans (*.pdf *.docx *.txt);;PDF (*.pdf);;Word documents (*.docx);;Text files (*.txt)"

_CTRL, _SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
_KEY_QUOTE = QKeyCombination(_CTRL | _SHIFT, Qt.Key.Key_Q)  # Ctrl+Q stays Quit
_KEY_FIND = QKeyCombination(_CTRL, Qt.Key.Key_F)
_KEY_NEXT = QKeyCombination(Qt.Key.Key_F3)
_KEY_PREVIOUS = QKeyCombination(_SHIFT, Qt.Key.Key_F3)
_PANE_KEYS = (_KEY_QUOTE, _KEY_FIND, _KEY_NEXT, _KEY_PREVIOUS)


class PlanDocumentPane(RememberedDocuments, PlanPaneView):
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
        self._remembered = remembered
        self._lexicon = lexicon
        self._analysis: PlanAnalysis | None = None
        self._mode = MODE_TEXT
        self._plan_key: str | None = None
        self._path: Path | None = None  # in memory only, for "remember"
        self._question: Any = None
        self._matches: list[tuple[int, int]] = []
        self._match_index = -1
        self._last_folder = ""
        self._connect()
        self._show_empty()

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
        return clean_quote(self.text_view.textCursor().selectedText())

    def quote_selection(self) -> bool:
        """Emit ``quote_requested`` for the selected words; False with a hint if none."""
        if self._analysis is None:
            self._status("Open the plan first.")
            return False
        if self._mode == MODE_PAGES:
            self._status("To quote from a PDF, switch the view to Text and select the words.")
            return False
        cursor = self.text_view.textCursor()
        text = clean_quote(cursor.selectedText())
        if not text:
            self._status("Select the words to quote first, then press Ctrl+Shift+Q.")
            return False
        offset = self._positions.from_qt(cursor.selectionStart())
        document = self._analysis.document
        section = self._analysis.sections.section_at(offset)
        page = document.page_of(offset) if document.page_count > 1 else None
        self.quote_requested.emit(text, section, page)
        self._status(present.quoted_status(len(text.split()), section, page))
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
        # Claim our keys before window shortcuts (Ctrl+Q is not ours: it quits).
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.keyCombination() in _PANE_KEYS):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
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

    def _set_analysis(self, analysis: PlanAnalysis, *, reset_view: bool) -> None:
        document = analysis.document
        first_load = reset_view or self._analysis is None
        top = None if first_load else self._offset_at_top()
        self._analysis = analysis
        if first_load:
            self._show_text(document)
            self._mode = MODE_PAGES if document.kind == "pdf" else MODE_TEXT
            self._matches, self._match_index = [], -1
        self._highlight(analysis)
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
        self._show_empty_view()
        self.remember_box.setEnabled(self._plan_key is not None)

    def _sync_view_widgets(self) -> None:
        document = self.document
        if document is None:
            self._show_empty()
        else:
            self._show_mode(document, self._mode)

    def _update_name(self) -> None:
        if self._analysis is not None:
            self.name_label.setText(present.document_label(self._analysis.document))
            self.name_label.setToolTip(self._analysis.document.source_name)

    def _fill_sections(self) -> None:
        self._show_sections(present.section_items(self._analysis),
                            present.section_placeholder(self._analysis))

    def _fill_flags(self) -> None:
        analysis = self._analysis
        self._show_flags(None if analysis is None else present.flags_view(analysis,
                                                                          self._question))

    def _fill_thread(self) -> None:
        if self._analysis is None:
            self.thread_list.clear()
            return
        self._show_thread(*present.thread_items(self._analysis))

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
        self._reveal(item.data(0, ROLE_START), item.data(0, ROLE_END),
                     item.data(0, ROLE_PAGE), item.data(0, ROLE_PHRASE))

    def _prompt_activated(self, item: QListWidgetItem) -> None:
        self._reveal(item.data(ROLE_START), item.data(ROLE_END), item.data(ROLE_PAGE), None)

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
        self._matches = present.find_matches(self._analysis.document.text, query)
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
        selection = (self._positions.from_qt(cursor.selectionStart()),
                     self._positions.from_qt(cursor.selectionEnd()))
        self._match_index = present.next_match(self._matches, self._match_index, selection,
                                               forward=forward)
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
        self.match_label.setText(present.match_label(
            self.search_edit.text(), self._pdf_search.count(),
            self.pdf_view.currentSearchResultIndex()))

    def _update_match_label(self) -> None:
        self.match_label.setText(present.match_label(self.search_edit.text(),
                                                     len(self._matches), self._match_index))

