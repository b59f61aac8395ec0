"""The plan pane docked in the Scoring page: quotes into evidence notes, flag hints, F4/F6.

The plans here are synthetic (written by the tests, no real plans): a two-page
text file (pages split by a form feed) and the same plan as a Word document.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication

from qa_audit.evidence import format_quote
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.scoring_page import ScoringPage
from qa_audit.gui.scoring.evidence import (
    append_quote,
    hint_text,
    is_provision_question,
    remove_quote,
)
from qa_audit.services import scoring, session_data, sessions, submission
from qa_audit.services.actor import Actor
from qa_audit.services.sampling import SampleSettings, draw
from qa_audit.storage.engine import Database
from tests.gui.conftest import QUOTE_KEYS, claims_ctrl_q
from tests.gui.scoring_panel import wait_for_saves

SESSION = "Evidence panel"
CHAIR = "Alice Reid (SEN casework)"
OBSERVER = "Olive Grant (DCO)"
PROVISION_Q = "provision_education"  # evidence_section F, tagged provision
VOICE_Q = "cyp_voice"  # evidence_section A

VAGUE_LINE = "Sam would benefit from regular access to a reading intervention."
OTHER_VAGUE = "Additional adult support in lessons as appropriate."
SPECIFIC_LINE = ("Speech and language therapy to develop understanding of instructions: "
                 "30 minutes, 3 times weekly, delivered by a speech and language therapist.")
#: phrases of the shipped lexicon in Section F above ("would benefit from", "regular",
#: "access to", "as appropriate"); both vague lines also lack frequency and duration.
VAGUE_COUNT = 4
LINES_MISSING_DETAIL = 2

PAGES = [
    ["Education, Health and Care Plan",
     "Section A - Views, interests and aspirations",
     "Sam enjoys football and wants to work with animals.", "",
     "Section B - Special educational needs",
     "Sam finds it difficult to follow spoken instructions in class.",
     "Sam struggles with reading unfamiliar words.", "",
     "Section C - Health needs", "No health needs related to SEN.", "",
     "Section D - Social care needs", "No social care needs have been identified.", "",
     "Section E - Outcomes",
     "By the end of Year 6, Sam will follow two-step spoken instructions without prompting.",
     "By the end of Year 6, Sam will read age-appropriate texts with 90% accuracy."],
    ["Section F - Special educational provision",
     SPECIFIC_LINE, VAGUE_LINE, OTHER_VAGUE, "",
     "Section G - Health provision", "None.", "",
     "Section H1 - Social care provision", "None.", "",
     "Section I - Placement", "Brookside Primary School (mainstream).", "",
     "Section J - Personal budget", "No personal budget has been requested.", "",
     "Section K - Advice and information", "Educational psychology advice, May 2026."],
]


def write_plan_txt(path: Path) -> Path:
    path.write_text("\f".join("\n".join(page) for page in PAGES), encoding="utf-8")
    return path


def write_plan_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for page in PAGES:
        for line in page:
            if line.startswith("Section "):
                document.add_heading(line, level=1)
            elif line:
                document.add_paragraph(line)
    document.save(str(path))
    return path


# ------------------------------------------------------------------ fixtures


@pytest.fixture(autouse=True)
def no_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ScoringPage, "TEXT_SAVE_DELAY_MS", 0)


@pytest.fixture
def panel_db(plans_db: Database, actor: Actor) -> Database:
    sessions.create_session(plans_db, SESSION, "multi-agency-ehcp", dt.date.today(), actor)
    sessions.add_member(plans_db, SESSION, CHAIR, "sen_casework", "chair", actor)
    sessions.add_member(plans_db, SESSION, OBSERVER, "health", "observer", actor)
    draw(plans_db, SESSION, SampleSettings(size=3, seed=3, exclude_months=0), actor)
    return plans_db


@pytest.fixture
def page_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "qa-audit.ini"), QSettings.Format.IniFormat)


def open_page(qtbot: Any, db: Database, actor: Actor, settings: QSettings | None = None,
              member: str = CHAIR) -> ScoringPage:
    page = ScoringPage(AppContext(db, actor), settings)
    qtbot.addWidget(page)
    page.resize(1400, 850)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.open_session(SESSION, member=member)
    assert page.form is not None
    return page


def select_in_pane(page: ScoringPage, words: str) -> None:
    """Select ``words`` in the pane's text view, as a mouse drag would, and focus it."""
    view = page.plan_pane.text_view
    text = view.toPlainText()
    index = text.index(words)
    cursor = QTextCursor(view.document())
    cursor.setPosition(index)  # the synthetic plans are plain ASCII: UTF-16 = str index
    cursor.setPosition(index + len(words), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()


def stored_note(db: Database, plan_ref: str, question: str) -> str | None:
    wait_for_saves()  # the page saves in the background
    data = session_data.load_session(db, SESSION)
    audit = next((a for a in data.audits if a.plan_ref == plan_ref and a.auditor == CHAIR
                  and not a.is_panel), None)
    return None if audit is None else audit.notes.get(question)


# ------------------------------------------------------------------ tests


def test_ctrl_shift_q_in_the_docked_pane_adds_the_quote_to_the_current_note(
        qtbot: Any, panel_db: Database, actor: Actor, tmp_path: Path) -> None:
    page = open_page(qtbot, panel_db, actor)
    assert page.form is not None and page.plan_ref is not None
    widget = page.form.questions[PROVISION_Q]
    page.form.focus_question(PROVISION_Q)
    assert not page.plan_pane_visible()
    qtbot.keyClick(widget, Qt.Key.Key_F4)
    assert page.plan_pane_visible()
    assert page.ui.planPaneButton.isChecked()
    assert page.plan_pane.isAncestorOf(QApplication.focusWidget())  # F4 went to the plan
    assert page.plan_pane.open_document(write_plan_txt(tmp_path / "plan.txt"))
    # The current question is still the provision one: the pane is at its section (F).
    assert page.plan_pane.current_section() == "F"

    # A note typed first stays; the quote is added after it.
    widget.open_details()
    qtbot.keyClicks(widget.note_edit, "Provision is partly vague.")
    select_in_pane(page, VAGUE_LINE)
    with qtbot.waitSignal(page.saved, timeout=5000):
        qtbot.keyClick(page.plan_pane.text_view, Qt.Key.Key_Q, QUOTE_KEYS)
    quote = format_quote(VAGUE_LINE, "F", 2)
    assert quote == f"“{VAGUE_LINE}” (Section F, p. 2)"
    expected = f"Provision is partly vague.\n{quote}"
    assert stored_note(panel_db, page.plan_ref, PROVISION_Q) == expected
    assert widget.note_edit.toPlainText() == expected
    assert widget.details.isVisible() and widget.note_edit.isVisible()
    assert page.save_state == "saved"

    # A second quote is appended, not replacing; the same quote twice is not repeated.
    select_in_pane(page, OTHER_VAGUE)
    qtbot.keyClick(page.plan_pane.text_view, Qt.Key.Key_Q, QUOTE_KEYS)
    both = f"{expected}\n{format_quote(OTHER_VAGUE, 'F', 2)}"
    assert stored_note(panel_db, page.plan_ref, PROVISION_Q) == both
    qtbot.keyClick(page.plan_pane.text_view, Qt.Key.Key_Q, QUOTE_KEYS)
    assert stored_note(panel_db, page.plan_ref, PROVISION_Q) == both

    # Undo takes the last quote out again, in the database too.
    page.undo_action.trigger()
    assert stored_note(panel_db, page.plan_ref, PROVISION_Q) == expected
    assert widget.note_edit.toPlainText() == expected
    page.redo_action.trigger()
    assert stored_note(panel_db, page.plan_ref, PROVISION_Q) == both
    # Undo takes out only the quote: words typed after it stay.
    widget.note_edit.appendPlainText("Checked with the SENCo.")
    page.undo_action.trigger()
    kept = f"{expected}\nChecked with the SENCo."
    assert widget.note_edit.toPlainText() == kept
    assert stored_note(panel_db, page.plan_ref, PROVISION_Q) == kept


def test_ctrl_shift_q_quotes_and_ctrl_q_quits(qtbot: Any, panel_db: Database, actor: Actor,
                                            tmp_path: Path) -> None:
    """Ctrl+Shift+Q quotes in the docked pane; Ctrl+Q stays the window's Quit."""
    page = open_page(qtbot, panel_db, actor)
    quits: list[bool] = []
    quit_action = QAction("Quit", page)
    quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    quit_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    quit_action.triggered.connect(lambda: quits.append(True))
    page.addAction(quit_action)
    assert page.form is not None and page.plan_ref is not None
    page.form.focus_question(VOICE_Q)
    page.set_plan_pane_visible(True)
    assert page.plan_pane.open_document(write_plan_docx(tmp_path / "plan.docx"))
    words = "Sam enjoys football"
    select_in_pane(page, words)
    qtbot.keyClick(page.plan_pane.text_view, Qt.Key.Key_Q, QUOTE_KEYS)
    assert quits == []
    assert stored_note(panel_db, page.plan_ref, VOICE_Q) == f"“{words}” (Section A)"
    assert not claims_ctrl_q(page.plan_pane.text_view)  # left to the window's Quit


def test_provision_questions_show_the_vague_wording_count(
        qtbot: Any, panel_db: Database, actor: Actor, tmp_path: Path) -> None:
    page = open_page(qtbot, panel_db, actor)
    assert page.form is not None
    provision = page.form.questions[PROVISION_Q]
    voice = page.form.questions[VOICE_Q]
    assert provision.evidence_label.isHidden() and provision.evidence_hint() == ""

    with qtbot.waitSignal(page.plan_pane.analysis_changed, timeout=5000):
        assert page.plan_pane.open_document(write_plan_docx(tmp_path / "plan.docx"))
    assert page.plan_pane_visible(), "opening a plan shows the pane"
    expected = (f"{VAGUE_COUNT} possible vague phrases, "
                f"{LINES_MISSING_DETAIL} provision lines missing detail")
    assert provision.evidence_hint() == expected
    assert provision.evidence_label.isVisible()
    assert "see plan pane" in provision.evidence_label.text()
    assert "you decide" in provision.evidence_label.toolTip()
    # Same count as the pane's own list for that question.
    flags = page.plan_pane.flags_for_question(provision.question)
    assert sum(f.count for f in flags if f.kind == "vague_wording") == VAGUE_COUNT
    # Not a provision question: no hint. Section G has no vague wording: no hint either.
    assert voice.evidence_hint() == "" and voice.evidence_label.isHidden()
    assert page.form.questions["provision_health"].evidence_hint() == ""

    # The hint's link shows that question's flags in the pane.
    page.set_plan_pane_visible(False)
    page.form.focus_question(VOICE_Q)
    provision.evidence_label.linkActivated.emit("plan-pane")
    assert page.plan_pane_visible()
    assert page.form.current() is provision
    assert page.plan_pane.tabs.currentIndex() == 0
    assert page.plan_pane.current_section() == "F"

    # Flags follow the analysis: a manual section start, then closing the plan.
    with qtbot.waitSignal(page.plan_pane.analysis_changed, timeout=5000):
        page.plan_pane.close_document()
    assert provision.evidence_hint() == "" and provision.evidence_label.isHidden()


def test_plan_change_gives_the_pane_the_plan_and_closes_the_last_document(
        qtbot: Any, panel_db: Database, actor: Actor, tmp_path: Path) -> None:
    page = open_page(qtbot, panel_db, actor)
    first = page.plan_ref
    assert page.plan_pane._plan_key == f"{SESSION}/{first}"
    assert page.plan_pane.remember_box.isEnabled()
    assert page.plan_pane.open_document(write_plan_txt(tmp_path / "plan.txt"))
    with qtbot.waitSignal(page.plan_pane.document_closed, timeout=5000):
        assert page.step_plan(1)
    assert page.plan_ref != first
    assert page.plan_pane._plan_key == f"{SESSION}/{page.plan_ref}"
    assert page.plan_pane.document is None
    assert page.form is not None
    assert page.form.questions[PROVISION_Q].evidence_hint() == ""


def test_question_focus_moves_the_pane_to_its_section(
        qtbot: Any, panel_db: Database, actor: Actor, tmp_path: Path) -> None:
    page = open_page(qtbot, panel_db, actor)
    assert page.form is not None
    page.set_plan_pane_visible(True)
    assert page.plan_pane.open_document(write_plan_txt(tmp_path / "plan.txt"))
    page.form.focus_question("outcomes_smart")  # evidence_section E
    assert page.plan_pane.current_section() == "E"
    page.form.focus_question(PROVISION_Q)
    assert page.plan_pane.current_section() == "F"
    assert page.plan_pane.current_page() == 2


def test_quote_needs_an_editable_current_question(
        qtbot: Any, panel_db: Database, actor: Actor, tmp_path: Path) -> None:
    page = open_page(qtbot, panel_db, actor, member=OBSERVER)
    assert page.form is not None and page.form.read_only
    page.form.focus_question(PROVISION_Q)
    page.set_plan_pane_visible(True)
    assert page.plan_pane.open_document(write_plan_txt(tmp_path / "plan.txt"))
    select_in_pane(page, VAGUE_LINE)
    qtbot.keyClick(page.plan_pane.text_view, Qt.Key.Key_Q, QUOTE_KEYS)
    assert page.ui.messageBanner.isVisible()
    assert "not added" in page.ui.messageLabel.text()
    assert page.form.questions[PROVISION_Q].note_edit.toPlainText() == ""
    assert page.undo_stack.count() == 0


def test_quote_is_refused_after_submitting(qtbot: Any, panel_db: Database, actor: Actor,
                                           tmp_path: Path) -> None:
    page = open_page(qtbot, panel_db, actor)
    assert page.plan_ref is not None and page.rubric is not None
    plan_ref = page.plan_ref
    facts = session_data.load_session(panel_db, SESSION).plans[plan_ref].as_condition_facts()
    for question in page.rubric.applicable_questions(facts):
        scoring.save_answer(panel_db, SESSION, plan_ref, CHAIR, question.id,
                            question.options[0].code if question.options else
                            str(question.max), note="Typed." if question.id == PROVISION_Q
                            else None)
    scoring.save_overall(panel_db, SESSION, plan_ref, CHAIR, page.rubric.overall.max)
    submission.submit(panel_db, SESSION, plan_ref, CHAIR)
    page.load_plan(plan_ref)
    assert page.form is not None and page.form.read_only
    page.set_plan_pane_visible(True)
    assert page.plan_pane.open_document(write_plan_txt(tmp_path / "plan.txt"))
    page.form.focus_question(PROVISION_Q)
    select_in_pane(page, VAGUE_LINE)
    qtbot.keyClick(page.plan_pane.text_view, Qt.Key.Key_Q, QUOTE_KEYS)
    assert stored_note(panel_db, plan_ref, PROVISION_Q) == "Typed."
    assert "not added" in page.ui.messageLabel.text()
    assert "Reopen" in page.ui.messageLabel.text()


def test_f4_f6_and_splitter_sizes_are_remembered(
        qtbot: Any, panel_db: Database, actor: Actor, page_settings: QSettings) -> None:
    page = open_page(qtbot, panel_db, actor, page_settings)
    assert page.form is not None
    page.focus_form()
    assert not page.plan_pane_visible()
    qtbot.mouseClick(page.ui.planPaneButton, Qt.MouseButton.LeftButton)
    assert page.plan_pane_visible()
    # F6 moves between the form and the plan.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert page.form.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert page.plan_pane.isAncestorOf(QApplication.focusWidget())

    split = page.ui.evidenceSplitter
    total = sum(split.sizes())
    split.setSizes([total * 3 // 10, total - total * 3 // 10])
    split.splitterMoved.emit(total * 3 // 10, 1)  # as a drag of the handle reports it
    wanted = split.sizes()
    page.close()

    again = open_page(qtbot, panel_db, actor, page_settings)
    assert again.plan_pane_visible(), "shown last time, so shown again"
    assert again.ui.planPaneButton.isChecked()
    sizes = again.plan_pane_sizes()
    assert abs(sizes[0] / sum(sizes) - wanted[0] / sum(wanted)) < 0.02

    # Dragging the pane shut hides it (and F4 brings it back).
    split = again.ui.evidenceSplitter
    split.setSizes([sum(split.sizes()), 0])
    split.splitterMoved.emit(sum(split.sizes()), 1)
    assert not again.plan_pane_visible()
    assert not again.ui.planPaneButton.isChecked()
    assert again.form is not None
    again.focus_form()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)
    assert again.plan_pane_visible()
    assert min(again.plan_pane_sizes()) > 0
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)
    assert not again.plan_pane_visible()
    assert again.form.isAncestorOf(QApplication.focusWidget()), "focus back on the form"


def test_hint_and_quote_helpers() -> None:
    from qa_audit.domain.rubric import Question

    def question(section: str | None, *tags: str) -> Question:
        return Question(id="q", text="Q?", type="choice", evidence_section=section,
                        tags=tuple(tags))

    assert is_provision_question(question("F"))
    assert is_provision_question(question("H2"))
    assert is_provision_question(question("K", "provision"))
    assert not is_provision_question(question("A", "voice"))
    assert hint_text([]) is None
    assert append_quote(None, "“a”") == "“a”"
    assert append_quote("Typed.\n", "“a”") == "Typed.\n“a”"
    assert append_quote("Typed.\n“a”", "“a”") is None
    assert remove_quote("Typed.\n“a”\nMore.", "“a”") == "Typed.\nMore."
    assert remove_quote("“a”\nMore.", "“a”") == "More."
    assert remove_quote("“a”", "“a”") is None
    assert remove_quote("Typed.", "“a”") == "Typed."


def test_a_pane_left_open_without_a_drag_gives_the_form_its_share(
        qtbot: Any, panel_db: Database, actor: Actor, page_settings: QSettings) -> None:
    """The walk at 1366: with the pane remembered open (F4 last time, no drag, so no
    stored widths) the page opened with the form squeezed to its minimum (~90 px)
    beside it: the default split was worked out before the splitter had a width."""
    page_settings.setValue("scoring/plan_pane_visible", True)
    page = open_page(qtbot, panel_db, actor, page_settings)
    assert page.plan_pane_visible()
    form, pane = page.plan_pane_sizes()
    assert form / (form + pane) > 0.35, (form, pane)
