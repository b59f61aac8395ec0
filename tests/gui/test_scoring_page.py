"""The Scoring page: keyboard-only scoring, blind scoring, autosave, undo and submit
(the session is built in tests/gui/scoring_panel.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from qa_audit.domain.rubric import Rubric
from qa_audit.errors import DatabaseBusy
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.scoring_page import ScoringPage
from qa_audit.gui.scoring.question_widget import QuestionWidget
from qa_audit.gui.scoring.scoring_form import OverallGradeWidget
from qa_audit.services import scoring, sessions
from qa_audit.storage.engine import Database
from tests.gui.scoring_panel import (  # noqa: F401 - fixtures by name
    ALICE,
    BOB,
    OLIVE,
    SESSION,
    ctx,
    db_file,
    facts_of,
    focused,
    no_debounce,
    open_page,
    own_audit,
    plan_with_skipped_question,
    reactivate,
    rubric,
    sample,
    score_by_service,
    sdb,
    template_db,
)

# ------------------------------------------------------------------ keyboard


def test_full_audit_with_the_keyboard_alone(qtbot, ctx: AppContext, sdb: Database,
                                            rubric: Rubric) -> None:
    plan = plan_with_skipped_question(sdb, rubric)
    page = open_page(qtbot, ctx)
    assert page.session is not None
    assert page.session.name == SESSION
    # Choose the plan from the plan list with the keyboard, Enter starts scoring it.
    page.ui.planList.setFocus()
    row = page.plan_model.row_of(plan)
    for _ in range(row):
        qtbot.keyClick(page.ui.planList, Qt.Key.Key_Down)
    assert page.plan_ref == plan
    qtbot.keyClick(page.ui.planList, Qt.Key.Key_Return)
    assert page.form is not None
    applicable = list(rubric.applicable_questions(facts_of(sdb, plan)))
    skipped = [q.id for q in rubric.questions() if q not in applicable]
    assert skipped, "the chosen plan has a question that does not apply"
    for qid in skipped:
        widget = page.form.questions[qid]
        assert not widget.applicable
        assert "Not applicable to this plan (applies when" in widget.na_label.text()
        assert widget.focusPolicy() == Qt.FocusPolicy.NoFocus

    cycle = ["y", "p", "n"]
    expected: dict[str, str] = {}
    visited = []
    for i, question in enumerate(applicable):
        current = focused()
        assert isinstance(current, QuestionWidget), f"focus on {current!r}"
        assert current.question.id == question.id  # skips questions that do not apply
        assert current.is_current()  # drawn with the focus frame
        visited.append(current.question.id)
        key = cycle[i % 3]
        qtbot.keyClick(current, key)
        expected[question.id] = key.upper()
    assert visited == [q.id for q in applicable]

    # Go back to the second question (a P shortfall) with K, Enter goes to the attribution.
    overall = focused()
    assert isinstance(overall, OverallGradeWidget)
    for _ in range(len(applicable) - 1):
        qtbot.keyClick(focused(), Qt.Key.Key_K)
    second = focused()
    assert isinstance(second, QuestionWidget)
    assert second.question.id == applicable[1].id
    qtbot.keyClick(second, Qt.Key.Key_Return)
    assert focused() is second.agency_picker
    qtbot.keyClick(second.agency_picker, Qt.Key.Key_Down)  # opens the agencies
    menu = second.agency_picker.menu_
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_Space)  # ticks the first agency, menu stays open
    assert menu.isVisible()
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    agency = rubric.agencies[0].id
    assert second.agency_picker.selected() == (agency,)
    second.agency_picker.setFocus()
    qtbot.keyClick(second.agency_picker, Qt.Key.Key_Tab)
    assert focused() is second.note_edit
    qtbot.keyClicks(second.note_edit, "Outcomes are aims")
    qtbot.keyClick(second.note_edit, Qt.Key.Key_Escape)
    assert focused() is second
    qtbot.waitUntil(lambda: page.save_state == "saved")
    reactivate(qtbot, page)
    # J back down to the overall grade, a digit grades it.
    for _ in range(len(applicable) - 1):
        qtbot.keyClick(focused(), Qt.Key.Key_J)
    assert focused() is page.form.overall
    qtbot.keyClick(page.form.overall, Qt.Key.Key_6)
    assert page.form.grade() == 6
    # Ctrl+Enter submits.
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    audit = own_audit(sdb, plan, ALICE)
    assert audit is not None
    assert audit.status == "submitted"
    assert audit.answers == expected
    assert audit.overall == 6
    assert audit.attributions == {applicable[1].id: (agency,)}
    assert audit.notes == {applicable[1].id: "Outcomes are aims"}
    assert page.form.read_only
    assert page.plan_model.rows()[page.plan_model.row_of(plan)].status == "submitted"


def test_plan_switching_keys(qtbot, ctx: AppContext, sdb: Database) -> None:
    refs = sample(sdb)
    page = open_page(qtbot, ctx, plan_ref=refs[0])
    page.focus_form()
    qtbot.keyClick(focused(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.plan_ref == refs[1]
    assert isinstance(focused(), QuestionWidget)  # the keyboard lands in the new form
    qtbot.keyClick(focused(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.plan_ref == refs[2]
    qtbot.keyClick(focused(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(focused(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert page.plan_ref == refs[0]
    assert page.ui.planCombo.currentIndex() == 0
    assert page.ui.planList.currentIndex().row() == 0


# ------------------------------------------------------------------ blind scoring


def test_blind_until_own_submission(qtbot, qtmodeltester, ctx: AppContext,
                                    sdb: Database, rubric: Rubric) -> None:
    plan = sample(sdb)[0]
    score_by_service(sdb, rubric, plan, BOB, value="N", grade=2)
    page = open_page(qtbot, ctx, plan_ref=plan)

    hidden = page.ui.othersHiddenLabel.text()
    assert "hidden until you submit yours" in hidden
    assert page.ui.othersTable.isHidden()
    assert page.others_model.columnCount() == 0
    assert BOB not in page.others_model.auditors()

    # Alice answers everything on screen, then submits with the button.
    assert page.form is not None
    for qid, widget in page.form.questions.items():
        if widget.applicable:
            qtbot.mouseClick(page.form.questions[qid].button("Y"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.form.overall.button(7), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.ui.submitButton, Qt.MouseButton.LeftButton)

    assert own_audit(sdb, plan, ALICE).status == "submitted"
    assert page.ui.othersTable.isVisible()
    assert BOB in page.others_model.auditors()
    qtmodeltester.check(page.others_model)
    bob_col = page.others_model.auditors().index(BOB)
    assert page.others_model.headerData(bob_col, Qt.Orientation.Horizontal) == "Bob Shah"
    first = page.others_model.index(0, bob_col)
    assert page.others_model.data(first) == "N"
    grade_row = page.others_model.rowCount() - 1
    assert page.others_model.data(page.others_model.index(grade_row, bob_col)) == "2"
    assert page.others_model.data(page.others_model.index(grade_row, 0)) == "7"


def test_observer_cannot_score_and_stays_blind_while_scoring(qtbot, ctx: AppContext,
                                                             sdb: Database,
                                                             rubric: Rubric) -> None:
    plan = sample(sdb)[0]
    score_by_service(sdb, rubric, plan, BOB)
    page = open_page(qtbot, ctx, member=OLIVE, plan_ref=plan)
    assert page.form is not None
    assert page.form.read_only
    assert "observer" in page.ui.infoBanner.text()
    assert page.ui.othersTable.isHidden()
    assert not page.ui.submitButton.isEnabled()


# ------------------------------------------------------------------ autosave, undo


def test_undo_and_redo_change_the_saved_value(qtbot, ctx: AppContext,
                                              sdb: Database, rubric: Rubric) -> None:
    plan = sample(sdb)[0]
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    qid = next(q.id for q in rubric.applicable_questions(facts_of(sdb, plan)))
    widget = page.form.questions[qid]

    def saved() -> dict[str, str]:
        audit = own_audit(sdb, plan, ALICE)
        return {} if audit is None else audit.answers

    qtbot.mouseClick(widget.button("Y"), Qt.MouseButton.LeftButton)
    assert saved()[qid] == "Y"
    qtbot.mouseClick(widget.button("N"), Qt.MouseButton.LeftButton)
    assert saved()[qid] == "N"
    widget.agency_picker.toggle_agency("health")
    assert own_audit(sdb, plan, ALICE).attributions == {qid: ("health",)}

    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # attribution
    assert own_audit(sdb, plan, ALICE).attributions == {}
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # N -> Y
    assert saved()[qid] == "Y"
    assert widget.button("Y").isChecked()
    assert not widget.agency_picker.isVisible()
    qtbot.keyClick(widget, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert saved()[qid] == "N"
    qtbot.keyClick(widget, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # redo attribution
    assert own_audit(sdb, plan, ALICE).attributions == {qid: ("health",)}
    assert widget.agency_picker.selected() == ("health",)

    # The grade and theme tags undo too.
    qtbot.mouseClick(page.form.overall.button(4), Qt.MouseButton.LeftButton)
    chip = page.form.themes_widget.chips["vague_wording"]
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    audit = own_audit(sdb, plan, ALICE)
    assert audit.overall == 4
    assert audit.theme_ids == {"vague_wording"}
    page.undo_action.trigger()
    assert own_audit(sdb, plan, ALICE).theme_ids == set()
    assert not chip.isChecked()
    page.undo_action.trigger()
    assert own_audit(sdb, plan, ALICE).overall is None
    page.redo_action.trigger()
    assert own_audit(sdb, plan, ALICE).overall == 4


def test_question_chip_tags_theme_with_its_question(qtbot, ctx: AppContext,
                                                    sdb: Database) -> None:
    plan = sample(sdb)[0]
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    widget = page.form.questions["provision_education"]
    qtbot.mouseClick(widget.button("P"), Qt.MouseButton.LeftButton)
    assert widget.chip_row.isVisible()
    assert page.form.themes_widget.chips["vague_wording"].suggested
    qtbot.mouseClick(widget.chips["vague_wording"], Qt.MouseButton.LeftButton)
    data = own_audit(sdb, plan, ALICE)
    assert [(t.theme_id, t.question_id) for t in data.themes] == [
        ("vague_wording", "provision_education")]
    assert page.form.themes_widget.chips["vague_wording"].isChecked()


def test_text_saves_after_debounce_and_on_focus_out(qtbot, ctx: AppContext,
                                                    sdb: Database,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    plan = sample(sdb)[0]
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    strengths = page.form.comments.edits["strengths"]
    strengths.setFocus()
    qtbot.keyClicks(strengths, "Clear golden thread")

    def strengths_saved() -> bool:
        audit = own_audit(sdb, plan, ALICE)
        return audit is not None and audit.strengths == "Clear golden thread"

    qtbot.waitUntil(strengths_saved)
    assert page.save_state == "saved"

    # With a long debounce, leaving the box saves at once.
    monkeypatch.setattr(ScoringPage, "TEXT_SAVE_DELAY_MS", 60_000)
    development = page.form.comments.edits["development"]
    development.setFocus()
    qtbot.keyClicks(development, "Quantify section F")
    assert page.save_state == "saving"
    assert own_audit(sdb, plan, ALICE).development is None
    page.form.overall.setFocus()
    assert own_audit(sdb, plan, ALICE).development == "Quantify section F"
    assert page.save_state == "saved"


def test_save_error_keeps_the_edit_and_retry_saves_it(qtbot, ctx: AppContext,
                                                      sdb: Database,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    plan = sample(sdb)[0]
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    real = scoring.save_answer

    def busy(*_args: object, **_kwargs: object) -> None:
        raise DatabaseBusy("The database is busy: another user is saving.")

    monkeypatch.setattr(scoring, "save_answer", busy)
    widget = page.form.questions["cyp_voice"]
    with qtbot.waitSignal(page.save_failed):
        qtbot.mouseClick(widget.button("N"), Qt.MouseButton.LeftButton)
    assert widget.button("N").isChecked()  # the edit stays on screen
    assert page.save_state == "error"
    assert page.ui.messageBanner.isVisible()
    assert "busy" in page.ui.messageLabel.text()
    assert page.ui.retryButton.isVisible()
    # Leaving the plan is refused while the change is unsaved.
    other = sample(sdb)[1]
    assert not page.select_plan(other)
    assert page.plan_ref == plan

    monkeypatch.setattr(scoring, "save_answer", real)
    qtbot.mouseClick(page.ui.retryButton, Qt.MouseButton.LeftButton)
    assert own_audit(sdb, plan, ALICE).answers == {"cyp_voice": "N"}
    assert page.save_state == "saved"
    assert not page.ui.messageBanner.isVisible()
    assert page.select_plan(other)


# ------------------------------------------------------------------ submit


def test_submit_lists_what_is_missing_and_does_not_submit(qtbot, ctx: AppContext,
                                                          sdb: Database,
                                                          rubric: Rubric) -> None:
    plan = sample(sdb)[0]
    applicable = rubric.applicable_questions(facts_of(sdb, plan))
    missing = applicable[3]
    for q in applicable:
        if q is not missing:
            scoring.save_answer(sdb, SESSION, plan, ALICE, q.id, "Y")
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    qtbot.mouseClick(page.ui.submitButton, Qt.MouseButton.LeftButton)

    text = page.ui.missingLabel.text()
    assert page.ui.missingLabel.isVisible()
    number = page.form.questions[missing.id].number
    assert f"Q{number}:" in text
    assert missing.text.split(" - ")[0][:30] in text.replace("&#x27;", "'")
    assert "overall grade" in text
    assert text.count("<li>") == 2
    assert focused() is page.form.questions[missing.id]
    assert own_audit(sdb, plan, ALICE).status == "draft"

    # Answering it updates the list; the grade is the last thing missing.
    qtbot.keyClick(focused(), Qt.Key.Key_Y)
    assert page.ui.missingLabel.text().count("<li>") == 1
    qtbot.keyClick(page.form.overall, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert focused() is page.form.overall
    assert own_audit(sdb, plan, ALICE).status == "draft"


def test_reopen_makes_the_audit_editable_again(qtbot, ctx: AppContext,
                                               sdb: Database, rubric: Rubric) -> None:
    plan = sample(sdb)[0]
    score_by_service(sdb, rubric, plan, ALICE)
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    assert page.form.read_only
    assert page.ui.reopenButton.isVisible()
    qtbot.mouseClick(page.ui.reopenButton, Qt.MouseButton.LeftButton)
    assert own_audit(sdb, plan, ALICE).status == "draft"
    assert not page.form.read_only
    assert page.ui.othersTable.isHidden()


def test_closed_session_is_read_only(qtbot, ctx: AppContext, sdb: Database) -> None:
    closed = next(s for s in sessions.list_sessions(sdb) if s.status == "closed")
    page = ScoringPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.open_session(closed.name)
    assert page.form is not None
    assert page.form.read_only
    assert "closed" in page.ui.infoBanner.text()
    assert not page.ui.submitButton.isEnabled()
    widget = next(w for w in page.form.questions.values() if w.applicable)
    before = widget.value
    qtbot.keyClick(widget, Qt.Key.Key_N if before != "N" else Qt.Key.Key_Y)
    assert widget.value == before
    assert all(not b.isEnabled() for b in widget.buttons())
