"""The Scoring page: keyboard-only scoring, blind scoring, autosave, undo, submit, crash safety."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QPushButton

from qa_audit.domain.rubric import Rubric
from qa_audit.errors import DatabaseBusy
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.scoring_page import ScoringPage
from qa_audit.gui.scoring import save_queue
from qa_audit.gui.scoring.answers import answer_specs
from qa_audit.gui.scoring.models import (
    OtherScoresModel,
    PlanListModel,
    SessionProgressModel,
)
from qa_audit.gui.scoring.page_presenter import PlanProgress, ProgressRow
from qa_audit.gui.scoring.question_widget import QuestionWidget
from qa_audit.gui.scoring.scoring_form import OverallGradeWidget
from qa_audit.services import demo, rubric_view, scoring, session_data, sessions, submission
from qa_audit.services.actor import Actor
from qa_audit.services.sampling import SampleSettings, draw
from qa_audit.services.store import database
from qa_audit.storage.engine import Database

SESSION = "Test panel"
ALICE = "Alice Reid (SEN casework)"
BOB = "Bob Shah (EP)"
OLIVE = "Olive Grant (DCO)"
HELPER = Path(__file__).with_name("scoring_crash_helper.py")


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo data plus a fresh session 'Test panel' (Alice chair, Bob auditor, Olive observer)."""
    folder = tmp_path_factory.mktemp("scoring-template")
    actor = Actor("tester", "test-pc")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(folder / "home"))
        path = folder / "template.sqlite3"
        db = database.initialise(str(path), actor).database
        try:
            demo.load_demo(db, actor, seed=2026)
            sessions.create_session(db, SESSION, "multi-agency-ehcp", dt.date.today(), actor)
            sessions.add_member(db, SESSION, ALICE, "sen_casework", "chair", actor)
            sessions.add_member(db, SESSION, BOB, "ep", "auditor", actor)
            sessions.add_member(db, SESSION, OLIVE, "health", "observer", actor)
            draw(db, SESSION, SampleSettings(size=4, seed=7, exclude_months=0), actor)
        finally:
            db.dispose()
    return path


@pytest.fixture
def db_file(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "audit.sqlite3"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def sdb(db_file: Path) -> Iterator[Database]:
    db = database.open_existing(str(db_file))
    yield db
    db.dispose()


@pytest.fixture
def ctx(sdb: Database) -> AppContext:
    return AppContext(sdb, Actor("tester", "test-pc"))


@pytest.fixture
def rubric(sdb: Database) -> Rubric:
    return rubric_view.load_rubric(sdb, "multi-agency-ehcp").rubric


@pytest.fixture(autouse=True)
def no_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ScoringPage, "TEXT_SAVE_DELAY_MS", 0)


def facts_of(db: Database, plan_ref: str) -> dict[str, object]:
    return session_data.load_session(db, SESSION).plans[plan_ref].as_condition_facts()


def sample(db: Database) -> list[str]:
    return list(session_data.load_session(db, SESSION).sampled)


def plan_with_skipped_question(db: Database, rubric: Rubric) -> str:
    """A sampled plan where at least one question does not apply (fewest applicable)."""
    refs = sample(db)
    return min(refs, key=lambda r: len(rubric.applicable_questions(facts_of(db, r))))


def wait_for_saves() -> None:
    """Let the pages' background saves land, without running window-system events (on
    the offscreen platform those can move the focus): wait for the workers, deliver
    their queued results (which start the next save), until every queue is idle."""
    pool = QThreadPool.globalInstance()
    while not save_queue.all_idle():
        assert pool.waitForDone(30_000), "a background save never finished"
        QCoreApplication.sendPostedEvents()


def own_audit(db: Database, plan_ref: str, member: str):
    wait_for_saves()  # the page saves in the background
    data = session_data.load_session(db, SESSION)
    return next((a for a in data.audits
                 if a.plan_ref == plan_ref and a.auditor == member and not a.is_panel), None)


def score_by_service(db: Database, rubric: Rubric, plan_ref: str, member: str,
                     value: str = "Y", grade: int = 6, *, submit: bool = True) -> None:
    for q in rubric.applicable_questions(facts_of(db, plan_ref)):
        scoring.save_answer(db, SESSION, plan_ref, member, q.id, value)
    scoring.save_overall(db, SESSION, plan_ref, member, grade)
    if submit:
        submission.submit(db, SESSION, plan_ref, member)


def open_page(qtbot, ctx: AppContext, member: str = ALICE, plan_ref: str | None = None,
              settings: QSettings | None = None) -> ScoringPage:
    page = ScoringPage(ctx, settings)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.open_session(SESSION, member=member, plan_ref=plan_ref)
    return page


def reactivate(qtbot, page: ScoringPage) -> None:
    """Offscreen Qt can leave a closed popup menu as the active window once events run
    (waiting for a background save runs them): give the page the keyboard back."""
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)


def focused() -> object:
    return QApplication.focusWidget()


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


# ------------------------------------------------------------------ crash safety


def test_answer_is_on_disk_once_the_page_has_flushed(qtbot, ctx: AppContext,
                                                     db_file: Path, sdb: Database) -> None:
    plan = sample(sdb)[0]
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    widget = page.form.questions["cyp_voice"]
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_P)
    assert page.flush_saves()  # what closing the page or window does
    other = database.open_existing(str(db_file))  # as another process would
    try:
        audit = next(a for a in session_data.load_session(other, SESSION).audits
                     if a.plan_ref == plan and a.auditor == ALICE)
        assert audit.answers == {"cyp_voice": "P"}
    finally:
        other.dispose()


@pytest.mark.integration
def test_answer_survives_a_hard_kill(db_file: Path, tmp_path: Path) -> None:
    db = database.open_existing(str(db_file))
    try:
        plan = next(iter(session_data.load_session(db, SESSION).sampled))
    finally:
        db.dispose()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QA_AUDIT_HOME=str(tmp_path / "home"))
    result = subprocess.run(
        [sys.executable, str(HELPER), str(db_file), SESSION, BOB, plan, "needs_education", "n"],
        env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 9, result.stderr
    db = database.open_existing(str(db_file))
    try:
        audit = next(a for a in session_data.load_session(db, SESSION).audits
                     if a.plan_ref == plan and a.auditor == BOB)
        assert audit.answers == {"needs_education": "N"}
    finally:
        db.dispose()


# ------------------------------------------------------------------ accessibility


def test_accessible_names_on_every_control(qtbot, ctx: AppContext, sdb: Database) -> None:
    page = open_page(qtbot, ctx, plan_ref=sample(sdb)[0])
    assert page.form is not None
    widget = page.form.questions["needs_education"]
    assert widget.button("Y").accessibleName() == "Y Yes for question needs_education"
    assert widget.button("P").accessibleName() == "P Partly for question needs_education"
    assert widget.accessibleName().startswith("Question ")
    assert "Keys: Y Yes, P Partly, N No" in widget.accessibleDescription()
    assert page.form.questions["parent_views"].button("NA").accessibleName() == \
        "A N/A for question parent_views"
    assert page.form.overall.button(6).accessibleName() == "Grade 6 Good"
    unnamed = [w for w in page.findChildren(QPushButton) if not w.accessibleName()]
    assert unnamed == []
    for w in (page.ui.sessionCombo, page.ui.memberCombo, page.ui.planCombo, page.ui.planList,
              page.ui.submitButton, page.ui.othersTable, page.ui.sessionTable,
              widget.agency_picker, widget.note_edit, page.form.comments.edits["strengths"]):
        assert w.accessibleName(), w.objectName()
    # The tooltip of an answer carries the rubric's descriptor.
    q = next(x for x in page.form.rubric.questions() if x.id == "needs_education")
    assert widget.button("Y").toolTip() == q.options[0].descriptor


def test_scale_answers_are_coloured_by_band(rubric: Rubric) -> None:
    dco = Rubric.from_dict({**rubric.to_dict(), "sections": [{
        "id": "s", "title": "S", "questions": [{
            "id": "spec", "text": "How specific?", "type": "scale", "min": 1, "max": 4,
            "good_from": 3, "levels": {"1": "Unusable - nothing", "3": "Useful - most"}}]}]})
    specs = answer_specs(dco.question("spec"))
    assert [(s.key, s.tone) for s in specs] == [("1", "red"), ("2", "amber"), ("3", "green"),
                                                ("4", "green")]
    assert specs[0].text == "1  Unusable"
    assert specs[0].tooltip == "Level 1: Unusable - nothing"


def test_buttons_fit_their_text_at_200_percent(qtbot, ctx: AppContext, sdb: Database) -> None:
    page = open_page(qtbot, ctx, plan_ref=sample(sdb)[0])
    assert page.form is not None
    font = page.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    page.setFont(font)
    page.resize(1900, 1200)
    QApplication.processEvents()
    buttons = [b for w in page.form.questions.values() for b in w.buttons()]
    buttons += page.form.overall.buttons() + list(page.form.themes_widget.chips.values())
    assert buttons
    for button in buttons:
        assert button.font().pointSizeF() == pytest.approx(font.pointSizeF())
        needed = button.fontMetrics().horizontalAdvance(button.text())
        assert button.sizeHint().width() >= needed, button.text()
        if button.isVisible():
            assert button.width() >= needed, button.text()


# ------------------------------------------------------------------ models, settings


def test_models(qtmodeltester) -> None:
    plans = PlanListModel()
    plans.set_rows([PlanProgress("EHC-1", 3, 12, "draft"), PlanProgress("EHC-2", 0, 12,
                                                                       "not started"),
                    PlanProgress("EHC-3", 12, 12, "submitted", True)])
    qtmodeltester.check(plans)
    assert plans.data(plans.index(0, 0)) == "EHC-1   3/12 answered"
    progress = SessionProgressModel()
    progress.set_rows([ProgressRow("A", "chair", 2, 1, 10), ProgressRow("B", "auditor", 0, 0, 10)])
    qtmodeltester.check(progress)
    assert progress.data(progress.index(0, 1)) == "2 / 10"
    qtmodeltester.check(OtherScoresModel())


def test_member_choice_is_remembered_per_session(qtbot, ctx: AppContext,
                                                 tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    page = open_page(qtbot, ctx, settings=settings)
    page.ui.memberCombo.setCurrentIndex(page.ui.memberCombo.findData(BOB))
    assert page.member == BOB
    again = ScoringPage(ctx, settings)
    qtbot.addWidget(again)
    again.open_session(SESSION)
    assert again.member == BOB
    assert again.ui.memberCombo.currentData() == BOB


def test_plan_list_shows_progress(qtbot, ctx: AppContext, sdb: Database,
                                  rubric: Rubric) -> None:
    plan = sample(sdb)[1]
    scoring.save_answer(sdb, SESSION, plan, ALICE, "cyp_voice", "Y")
    page = open_page(qtbot, ctx, plan_ref=plan)
    applicable = len(rubric.applicable_questions(facts_of(sdb, plan)))
    row = page.plan_model.rows()[page.plan_model.row_of(plan)]
    assert (row.answered, row.applicable, row.status) == (1, applicable, "draft")
    assert page.ui.planProgress.value() == 1
    assert page.ui.planProgress.maximum() == applicable
    assert page.ui.factPlanRef.text() == plan
    assert page.progress_model.rowCount() == 3


def test_guidance_na_and_clear_keys(qtbot, ctx: AppContext, sdb: Database) -> None:
    plan = sample(sdb)[0]
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    widget = page.form.questions["parent_views"]
    widget.setFocus()
    assert not widget.guidance_label.isVisible()
    qtbot.keyClick(widget, Qt.Key.Key_F1)
    assert widget.guidance_label.isVisible()
    assert widget.guidance_label.text() == widget.question.guidance
    qtbot.keyClick(widget, Qt.Key.Key_F1)
    assert not widget.guidance_label.isVisible()

    qtbot.keyClick(widget, Qt.Key.Key_A)  # N/A, then on to the next question
    assert own_audit(sdb, plan, ALICE).answers == {"parent_views": "NA"}
    assert focused() is not widget
    qtbot.keyClick(focused(), Qt.Key.Key_K)
    assert focused() is widget
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    audit = own_audit(sdb, plan, ALICE)
    assert audit is None or "parent_views" not in audit.answers
    assert widget.value is None
    # A question without N/A ignores the N/A key.
    voice = page.form.questions["cyp_voice"]
    voice.setFocus()
    qtbot.keyClick(voice, Qt.Key.Key_A)
    assert voice.value is None
    assert "Keys:" in page.ui.helpLabel.text()


# ------------------------------------------------- several agencies and reasons


def test_a_shortfall_attributed_to_two_agencies_with_a_reason(qtbot, ctx: AppContext,
                                                              sdb: Database) -> None:
    """Tick two agencies in the picker's menu and pick a reason: both are saved, shown
    again on reopening, and Ctrl+Z takes them back one at a time."""
    from sqlalchemy import update

    from qa_audit.services import rubrics
    from qa_audit.storage import models as m
    from tests.unit.test_agencies_reasons import with_reasons

    # the session moves to a version of its rubric offering reasons (nothing scored yet)
    with sdb.write() as s:
        base = rubrics.get_version(s, "multi-agency-ehcp").rubric
        rubrics.store_rubric(s, with_reasons(base), "test", Actor("tester", "test-pc"))
        version = rubrics.get_version(s, "multi-agency-ehcp").version_pk
        s.execute(update(m.AuditSession).where(m.AuditSession.name == SESSION)
                  .values(rubric_version_id=version))
    plan = sample(sdb)[0]
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    widget = page.form.questions["cyp_voice"]
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_N)  # a shortfall: the agencies and reasons show
    assert widget.agency_picker.isVisible() and widget.reason_combo.isVisible()
    assert [widget.reason_combo.itemData(i) for i in range(widget.reason_combo.count())] == \
        [None, "family_not_engaged"]

    picker = widget.agency_picker
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    qtbot.waitUntil(picker.menu_.isVisible)
    qtbot.keyClick(picker.menu_, Qt.Key.Key_Down)   # sen_casework -> ep
    qtbot.keyClick(picker.menu_, Qt.Key.Key_Space)  # tick ep
    qtbot.keyClick(picker.menu_, Qt.Key.Key_Down)   # health
    qtbot.keyClick(picker.menu_, Qt.Key.Key_Space)  # tick health
    qtbot.keyClick(picker.menu_, Qt.Key.Key_Escape)
    assert "Educational psychology, Health" in picker.text()
    widget.reason_combo.setCurrentIndex(1)
    widget.reason_combo.activated.emit(1)
    qtbot.waitUntil(lambda: page.save_state == "saved")
    audit = own_audit(sdb, plan, ALICE)
    assert audit.attributions == {"cyp_voice": ("ep", "health")}
    assert audit.reasons == {"cyp_voice": "family_not_engaged"}

    reactivate(qtbot, page)
    # undo: the reason, then health
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert own_audit(sdb, plan, ALICE).reasons == {}
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert own_audit(sdb, plan, ALICE).attributions == {"cyp_voice": ("ep",)}
    assert widget.agency_picker.selected() == ("ep",)
    qtbot.keyClick(widget, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # redo health
    qtbot.keyClick(widget, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # and the reason

    # reopened, the form shows what was saved
    page.close()
    again = open_page(qtbot, ctx, plan_ref=plan)
    assert again.form is not None
    shown = again.form.questions["cyp_voice"]
    assert shown.agency_picker.selected() == ("ep", "health")
    assert shown.reason_combo.currentData() == "family_not_engaged"
