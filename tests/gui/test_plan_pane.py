"""The plan pane: open a synthetic plan, jump to sections, flags, search, quote as evidence."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMessageBox

from qa_audit.evidence import format_quote
from qa_audit.evidence.remembered import LEGACY_FILE, STORE_FILE, RememberedFiles
from qa_audit.gui.evidence.plan_pane import MODE_PAGES, MODE_TEXT, PlanDocumentPane
from qa_audit.paths import bundled
from qa_audit.rubrics.loader import load_rubric_file
from qa_audit.services import scoring, session_data, sessions
from qa_audit.services.actor import Actor
from qa_audit.services.sampling import SampleSettings, draw
from qa_audit.storage.engine import Database
from tests.gui.conftest import QUOTE_KEYS, DialogRecorder, claims_ctrl_q, unnamed_controls
from tests.unit.test_evidence_documents import (
    NEED_NO_OUTCOME,
    NEED_NO_PROVISION,
    VAGUE_IN_PLAN,
    write_docx,
    write_pdf,
    write_txt,
)

VAGUE_SENTENCE = "Jamie would benefit from access to a small group to practise listening skills."


@pytest.fixture
def remembered(tmp_path: Path) -> RememberedFiles:
    return RememberedFiles(tmp_path / "home")


@pytest.fixture
def pane(qtbot: Any, remembered: RememberedFiles) -> PlanDocumentPane:
    widget = PlanDocumentPane(remembered=remembered)
    qtbot.addWidget(widget)
    widget.resize(640, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def open_via_dialog(qtbot: Any, pane: PlanDocumentPane, path: Path,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(path), "")))
    with qtbot.waitSignal(pane.document_opened, timeout=5000) as blocker:
        qtbot.mouseClick(pane.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [path.name]


def select_in_text(pane: PlanDocumentPane, words: str) -> None:
    """Select the first occurrence of ``words`` in the text view (as a mouse drag would)."""
    text = pane.text_view.toPlainText()
    index = text.index(words)

    def utf16(i: int) -> int:  # Qt positions count UTF-16 units
        return len(text[:i].encode("utf-16-le")) // 2

    cursor = QTextCursor(pane.text_view.document())
    cursor.setPosition(utf16(index))
    cursor.setPosition(utf16(index + len(words)), QTextCursor.MoveMode.KeepAnchor)
    pane.text_view.setTextCursor(cursor)
    pane.text_view.setFocus()


def flag_labels(pane: PlanDocumentPane, group_prefix: str) -> dict[str, str]:
    tree = pane.flags_tree
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        if group.text(0).startswith(group_prefix):
            return {group.child(j).text(0): group.child(j).text(1)
                    for j in range(group.childCount())}
    return {}


# ------------------------------------------------------------------ tests


def test_open_docx_jump_to_f_flags_and_quote_with_ctrl_q(
        qtbot: Any, pane: PlanDocumentPane, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    open_via_dialog(qtbot, pane, write_docx(tmp_path / "plan.docx"), monkeypatch)
    assert pane.view_mode() == MODE_TEXT
    assert pane.sections_found() == list("ABCDEFGHIJK")
    assert pane.section_combo.count() == 11

    index = pane.section_combo.findData("F")
    pane.section_combo.setCurrentIndex(index)
    pane.section_combo.activated.emit(index)
    cursor = pane.text_view.textCursor()
    assert pane.analysis.sections.section_at(cursor.position()) == "F"
    assert pane.section_combo.currentData() == "F"

    labels = flag_labels(pane, "Vague wording")
    assert labels == {phrase: str(n) for phrase, n in VAGUE_IN_PLAN.items()}
    assert "Suggestions only" in pane.flags_note.text()
    assert len(flag_labels(pane, "Provision lines missing detail")) == 5
    highlighted = {s.cursor.selectedText() for s in pane.text_view.extraSelections()}
    assert {hit.matched for hit in pane.analysis.wording.hits} <= highlighted

    select_in_text(pane, VAGUE_SENTENCE)
    with qtbot.waitSignal(pane.quote_requested, timeout=2000) as blocker:
        qtbot.keyClick(pane.text_view, Qt.Key.Key_Q, QUOTE_KEYS)
    assert blocker.args == [VAGUE_SENTENCE, "F", None]  # one-page Word file: no page
    assert "Quoted 13 words from Section F" in pane.status_label.text()


def test_golden_thread_prompts_list_the_unlinked_needs(
        qtbot: Any, pane: PlanDocumentPane, tmp_path: Path) -> None:
    assert pane.open_document(write_txt(tmp_path / "plan.txt"))
    prompts = [pane.thread_list.item(i).text() for i in range(pane.thread_list.count())]
    assert len(prompts) == 2
    assert prompts[0].startswith("No provision in F") and NEED_NO_PROVISION[:30] in prompts[0]
    assert prompts[1].startswith("No outcome in E") and NEED_NO_OUTCOME[:30] in prompts[1]
    assert pane.tabs.tabText(1) == "Golden thread (2)"
    qtbot.mouseClick(pane.thread_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=pane.thread_list.visualItemRect(pane.thread_list.item(0)).center())
    assert pane.text_view.textCursor().selectedText() == NEED_NO_PROVISION


def test_quote_from_a_numbered_text_plan_carries_its_page(
        qtbot: Any, pane: PlanDocumentPane, tmp_path: Path) -> None:
    assert pane.open_document(write_txt(tmp_path / "plan.txt", "numbered"))
    assert pane.jump_to_section("F")
    assert pane.current_page() == 5
    assert pane.current_section() == "F"
    select_in_text(pane, "subject to availability")
    with qtbot.waitSignal(pane.quote_requested, timeout=2000) as blocker:
        qtbot.mouseClick(pane.quote_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["subject to availability", "F", 5]


def test_quote_lands_in_the_questions_evidence_note(
        qtbot: Any, pane: PlanDocumentPane, tmp_path: Path, plans_db: Database,
        actor: Actor, db_path: Path) -> None:
    """The wiring the scoring page does: quote -> save_answer(note=...) for the question."""
    member = "Alice Reid (SEN casework)"
    sessions.create_session(plans_db, "Evidence panel", "multi-agency-ehcp", dt.date.today(),
                            actor)
    sessions.add_member(plans_db, "Evidence panel", member, "sen_casework", "chair", actor)
    draw(plans_db, "Evidence panel", SampleSettings(size=2, seed=3, exclude_months=0), actor)
    plan_ref = session_data.load_session(plans_db, "Evidence panel").sampled[0]

    def save_quote(text: str, section: str | None, page: int | None) -> None:
        scoring.save_answer(plans_db, "Evidence panel", plan_ref, member,
                            "provision_education", "N", note=format_quote(text, section, page))

    pane.quote_requested.connect(save_quote)
    pane.set_plan_key(f"Evidence panel/{plan_ref}")
    folder = tmp_path / "Jamie Testcase"
    folder.mkdir()
    assert pane.open_document(write_pdf(folder / "Testcase EHCP final.pdf"))
    pane.set_view_mode(MODE_TEXT)
    assert pane.jump_to_section("F")
    select_in_text(pane, "Up to 5 hours per week of additional adult support")
    with qtbot.waitSignal(pane.quote_requested, timeout=2000):
        qtbot.keyClick(pane.text_view, Qt.Key.Key_Q, QUOTE_KEYS)

    audit = next(a for a in session_data.load_session(plans_db, "Evidence panel").audits
                 if a.plan_ref == plan_ref and a.auditor == member)
    assert audit.notes["provision_education"] == (
        "“Up to 5 hours per week of additional adult support” (Section F, p. 5)")
    assert audit.answers["provision_education"] == "N"
    stored = db_path.read_bytes()
    assert b"Up to 5 hours per week" in stored, "the quote itself is stored"
    for secret in (b"Testcase EHCP final", b"Jamie Testcase"):
        assert secret not in stored, "the file name or path reached the database"


def test_ctrl_shift_q_quotes_and_ctrl_q_still_quits_when_docked(
        qtbot: Any, tmp_path: Path, remembered: RememberedFiles) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    quits: list[bool] = []
    quit_action = QAction("Quit", window)
    quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    quit_action.triggered.connect(lambda: quits.append(True))
    window.addAction(quit_action)
    pane = PlanDocumentPane(remembered=remembered)
    window.setCentralWidget(pane)
    window.resize(640, 900)
    window.show()
    qtbot.waitExposed(window)
    assert pane.open_document(write_txt(tmp_path / "plan.txt"))
    select_in_text(pane, "as required")
    with qtbot.waitSignal(pane.quote_requested, timeout=2000) as blocker:
        qtbot.keyClick(pane.text_view, Qt.Key.Key_Q,
                       QUOTE_KEYS)
    assert blocker.args == ["as required", "F", None]
    assert quits == []
    quoted: list[object] = []
    pane.quote_requested.connect(lambda *args: quoted.append(args))
    assert not claims_ctrl_q(pane.text_view)  # Ctrl+Q is Quit, even in the pane
    qtbot.keyClick(pane.text_view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert quoted == []


def test_ctrl_q_without_a_selection_explains(pane: PlanDocumentPane, qtbot: Any,
                                             tmp_path: Path) -> None:
    assert pane.open_document(write_txt(tmp_path / "plan.txt"))
    pane.text_view.setFocus()
    with qtbot.assertNotEmitted(pane.quote_requested):
        qtbot.keyClick(pane.text_view, Qt.Key.Key_Q, QUOTE_KEYS)
    assert "Select the words to quote" in pane.status_label.text()


def test_search_with_ctrl_f_f3_and_shift_f3(qtbot: Any, pane: PlanDocumentPane,
                                            tmp_path: Path) -> None:
    assert pane.open_document(write_txt(tmp_path / "plan.txt"))
    pane.text_view.setFocus()
    qtbot.keyClick(pane.text_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.search_edit.hasFocus()
    qtbot.keyClicks(pane.search_edit, "speech and language")
    assert pane.match_label.text() == "3 matches"
    qtbot.keyClick(pane.search_edit, Qt.Key.Key_F3)
    assert pane.text_view.textCursor().selectedText().lower() == "speech and language"
    assert pane.match_label.text() == "1 of 3"
    qtbot.keyClick(pane.search_edit, Qt.Key.Key_F3)
    assert pane.match_label.text() == "2 of 3"
    qtbot.keyClick(pane.search_edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert pane.match_label.text() == "1 of 3"
    qtbot.keyClick(pane.search_edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert pane.match_label.text() == "3 of 3", "wraps round"
    pane.search_edit.clear()
    qtbot.keyClicks(pane.search_edit, "no such words here")
    assert pane.match_label.text() == "No matches"
    assert not pane.find_next()


def test_search_matches_across_line_breaks(pane: PlanDocumentPane, tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text("Section F: Provision\nDelivered by a speech and\nlanguage therapist.",
                    encoding="utf-8")
    assert pane.open_document(path)
    pane.search_edit.setText("and language")
    assert pane.find_next()
    assert pane.match_label.text() == "1 of 1"


def test_page_navigation_with_keys_and_spinbox(qtbot: Any, pane: PlanDocumentPane,
                                              tmp_path: Path) -> None:
    assert pane.open_document(write_txt(tmp_path / "plan.txt", "numbered"))
    assert pane.page_spin.maximum() == 6
    assert pane.current_page() == 1
    pane.text_view.setFocus()
    qtbot.keyClick(pane.text_view, Qt.Key.Key_PageDown)
    assert pane.current_page() == 2
    qtbot.keyClick(pane.text_view, Qt.Key.Key_PageDown)
    qtbot.keyClick(pane.text_view, Qt.Key.Key_PageUp)
    assert pane.current_page() == 2
    pane.page_spin.setValue(5)
    assert pane.current_page() == 5
    assert pane.current_section() == "F"
    assert pane.section_combo.currentData() == "F"


def test_pdf_page_view_navigation_search_and_text_view(
        qtbot: Any, pane: PlanDocumentPane, tmp_path: Path) -> None:
    assert pane.open_document(write_pdf(tmp_path / "plan.pdf"))
    assert pane.view_mode() == MODE_PAGES
    assert pane.stack.currentWidget() is pane.pdf_view
    assert pane.view_combo.isVisible()
    assert not pane.quote_button.isEnabled()
    assert {f.label for f in pane.analysis.wording_flags() if f.kind == "vague_wording"} == set(
        VAGUE_IN_PLAN)

    assert pane.jump_to_section("F")
    qtbot.waitUntil(lambda: pane.current_page() == 5)
    assert pane.page_spin.value() == 5
    pane.pdf_view.setFocus()
    qtbot.keyClick(pane.pdf_view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: pane.current_page() == 6)

    pane.search_edit.setText("speech and language")
    qtbot.waitUntil(lambda: pane.match_label.text() == "3 matches")
    assert pane.find_next()
    assert pane.pdf_view.currentSearchResultIndex() == 0
    assert pane.match_label.text().startswith("1 of ")

    pane.view_combo.setCurrentIndex(pane.view_combo.findData(MODE_TEXT))
    assert pane.view_mode() == MODE_TEXT
    assert pane.stack.currentWidget() is pane.text_view
    assert pane.quote_button.isEnabled()
    assert pane.match_label.text().endswith("matches")


def test_set_section_start_by_hand(qtbot: Any, pane: PlanDocumentPane, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "odd.txt"
    path.write_text("Section E: Outcomes\nJamie will read.\nWhat we will provide\n"
                    "Jamie would benefit from regular reading.\n", encoding="utf-8")
    assert pane.open_document(path)
    assert pane.sections_found() == ["E"]
    asked: list[list[str]] = []

    def get_item(_parent: Any, _title: str, _label: str, items: list[str], *_a: Any,
                 **_k: Any) -> tuple[str, bool]:
        asked.append(items)
        return next(i for i in items if i.startswith("F ")), True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    select_in_text(pane, "we will")  # the cursor's line is used
    with qtbot.waitSignal(pane.analysis_changed, timeout=2000):
        qtbot.mouseClick(pane.set_start_button, Qt.MouseButton.LeftButton)
    assert len(asked[0]) == 11
    assert pane.sections_found() == ["E", "F"]
    span = pane.analysis.sections.get("F")
    assert span is not None and span.manual and span.heading == "What we will provide"
    assert "set by hand" in pane.section_combo.itemText(pane.section_combo.findData("F"))
    assert flag_labels(pane, "Vague wording") == {"would benefit from": "1", "regular": "1"}


def test_clicking_a_flag_selects_the_phrase(qtbot: Any, pane: PlanDocumentPane,
                                            tmp_path: Path) -> None:
    assert pane.open_document(write_txt(tmp_path / "plan.txt"))
    tree = pane.flags_tree
    group = tree.topLevelItem(0)
    item = next(group.child(i) for i in range(group.childCount())
                if group.child(i).text(0) == "subject to availability")
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualItemRect(item).center())
    assert pane.text_view.textCursor().selectedText() == "subject to availability"


def test_flags_for_a_question(pane: PlanDocumentPane, tmp_path: Path) -> None:
    rubric = load_rubric_file(bundled("rubrics", "multi-agency-ehcp.yaml"))
    question = rubric.question("provision_education")
    assert pane.flags_for_question(question) == []
    assert pane.open_document(write_txt(tmp_path / "plan.txt"))
    flags = pane.flags_for_question(question)
    assert {f.label for f in flags if f.kind == "vague_wording"} == set(VAGUE_IN_PLAN)
    pane.set_question(question)
    assert "for this question" in pane.flags_note.text()
    assert flag_labels(pane, "Golden thread prompts")
    assert pane.section_combo.currentData() == "F"
    pane.set_question(rubric.question("golden_thread"))
    assert flag_labels(pane, "Vague wording") == {}
    assert len(flag_labels(pane, "Golden thread prompts")) == 2


def test_path_is_remembered_only_when_opted_in(
        pane: PlanDocumentPane, tmp_path: Path, remembered: RememberedFiles) -> None:
    plan = write_docx(tmp_path / "Jamie Testcase plan.docx")
    assert not pane.remember_box.isEnabled(), "no plan to remember it for"
    pane.set_plan_key("Panel A/P-001")
    assert pane.remember_box.isEnabled() and not pane.remember_box.isChecked()
    assert pane.open_document(plan)
    assert remembered.count() == 0

    pane.remember_box.setChecked(True)
    stored = json.loads((remembered.folder / STORE_FILE).read_text())
    assert [v["path"] for v in stored.values()] == [str(plan.resolve())]
    # keys are HMACs under this install's secret: not a plain hash of the plan key
    plain = {hashlib.sha256(t.encode()).hexdigest() for t in ("Panel A/P-001", "P-001", "p-001")}
    assert not any(k in plain or v["plan"] in plain for k, v in stored.items())
    assert "P-001" not in json.dumps(stored)

    pane.set_plan_key("Panel A/P-002")  # another child's plan: the document closes
    assert pane.document is None
    assert not pane.remember_box.isChecked()
    pane.set_plan_key("Panel A/P-001")  # back: the remembered file reopens
    assert pane.document is not None and pane.document.source_name == plan.name
    assert pane.remember_box.isChecked()

    pane.remember_box.setChecked(False)
    assert remembered.count() == 0


def test_remembered_file_that_moved_is_explained(pane: PlanDocumentPane, tmp_path: Path) -> None:
    plan = write_txt(tmp_path / "plan.txt")
    pane.set_plan_key("P-9")
    assert pane.open_document(plan)
    pane.remember_box.setChecked(True)
    pane.set_plan_key(None)
    plan.unlink()
    pane.set_plan_key("P-9")
    assert pane.document is None
    assert "was not found" in pane.status_label.text()


def test_unreadable_files_show_a_message(pane: PlanDocumentPane, tmp_path: Path,
                                         no_dialogs: DialogRecorder) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    assert not pane.open_document(bad)
    other = tmp_path / "plan.odt"
    other.write_text("x", encoding="utf-8")
    assert not pane.open_document(other)
    assert no_dialogs.kinds() == ["warning", "warning"]
    assert "bad.pdf cannot be opened" in no_dialogs.calls[0][2]
    assert "not a PDF, Word" in no_dialogs.calls[1][2]
    assert pane.document is None


def test_close_forgets_the_document(qtbot: Any, pane: PlanDocumentPane, tmp_path: Path) -> None:
    assert pane.open_document(write_txt(tmp_path / "plan.txt"))
    with qtbot.waitSignal(pane.document_closed, timeout=2000):
        qtbot.mouseClick(pane.close_button, Qt.MouseButton.LeftButton)
    assert pane.document is None
    assert pane.text_view.toPlainText() == ""
    assert pane.flags_tree.topLevelItemCount() == 0
    assert not pane.quote_button.isEnabled()


def test_every_control_has_an_accessible_name(pane: PlanDocumentPane, tmp_path: Path) -> None:
    assert pane.open_document(write_pdf(tmp_path / "plan.pdf"))
    assert unnamed_controls(pane) == []


def test_a_pdf_without_text_says_so(pane: PlanDocumentPane, tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(100, 100, 200, 300, fill=1)  # a "scanned" page: no text layer
    pdf.showPage()
    pdf.save()
    assert pane.open_document(path)
    assert "No text could be read" in pane.flags_note.text()
    assert pane.sections_found() == []


def test_offsets_survive_characters_outside_the_basic_plane(
        qtbot: Any, pane: PlanDocumentPane, tmp_path: Path) -> None:
    """Qt counts an emoji as two positions; highlights and quotes must still line up."""
    path = tmp_path / "emoji.txt"
    path.write_text("Section A: All about me\nJamie loves 🚂🚂 trains 🙂.\n"
                    "Section F: Special educational provision\n"
                    "Jamie would benefit from regular swimming.\n", encoding="utf-8")
    assert pane.open_document(path)
    highlighted = {s.cursor.selectedText() for s in pane.text_view.extraSelections()}
    assert {"would benefit from", "regular"} <= highlighted
    select_in_text(pane, "regular swimming")
    with qtbot.waitSignal(pane.quote_requested, timeout=2000) as blocker:
        qtbot.keyClick(pane.text_view, Qt.Key.Key_Q, QUOTE_KEYS)
    assert blocker.args == ["regular swimming", "F", None]


def test_forget_remembered_documents_from_the_pane(
        pane: PlanDocumentPane, tmp_path: Path, remembered: RememberedFiles,
        monkeypatch: pytest.MonkeyPatch) -> None:
    for ref in ("P-1", "P-2"):
        plan = write_txt(tmp_path / f"{ref}.txt")
        pane.set_plan_key(f"Panel A/{ref}")
        assert pane.open_document(plan)
        pane.remember_box.setChecked(True)
    assert remembered.count() == 2
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_a: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    pane.forget_button.click()
    assert "2 plans" in asked[0]
    assert remembered.count() == 0
    assert not pane.remember_box.isChecked()
    assert "Forgot 2" in pane.status_label.text()
    pane.forget_button.click()  # nothing left: said, not asked
    assert len(asked) == 1 and "remembers no plan documents" in pane.status_label.text()


def test_remembered_store_secret_legacy_and_retention(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / LEGACY_FILE).write_text("[remembered_files]\nabc=/x/Jamie plan.pdf\n")
    store = RememberedFiles(home)
    store.remember("Panel A/ABC1", "/plans/a.pdf")
    store.remember("Panel B/abc1", "/plans/b.pdf")  # plan refs compare ignoring case
    store.remember("Panel A/XYZ9", "/plans/c.pdf")
    assert not (home / LEGACY_FILE).exists(), "the reversible legacy file is removed"
    # another install (another secret) cannot read this install's keys
    other = RememberedFiles(tmp_path / "elsewhere")
    assert other.path_for("Panel A/ABC1") is None
    assert RememberedFiles(home).path_for("Panel A/ABC1") == "/plans/a.pdf"
    assert store.forget_plans(["ABC1"]) == 2
    assert store.path_for("Panel A/XYZ9") == "/plans/c.pdf" and store.count() == 1
