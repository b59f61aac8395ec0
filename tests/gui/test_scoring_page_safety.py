"""The Scoring page: crash safety, accessibility, its models and remembered choices, and a
shortfall attributed to several agencies."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from qa_audit.domain.rubric import Rubric
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.scoring_page import ScoringPage
from qa_audit.gui.scoring.answers import answer_specs
from qa_audit.gui.scoring.models import (
    OtherScoresModel,
    PlanListModel,
    SessionProgressModel,
)
from qa_audit.gui.scoring.page_presenter import PlanProgress, ProgressRow
from qa_audit.services import scoring, session_data
from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.storage.engine import Database
from tests.gui.scoring_panel import (  # noqa: F401 - fixtures by name
    ALICE,
    BOB,
    HELPER,
    SESSION,
    ctx,
    db_file,
    facts_of,
    focused,
    no_debounce,
    open_page,
    own_audit,
    reactivate,
    rubric,
    sample,
    sdb,
    template_db,
)

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
