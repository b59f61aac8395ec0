"""The Moderation page: disagreements, agreed answers and grades, permissions, conflicts,
actions from moderation, and the agreement statistics.

A small session is built through the scoring service: three members score two
plans; Bob deliberately disagrees with the others on ``cyp_voice`` and gives an
overall grade three below theirs. Dialogs are replaced with ``monkeypatch``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit
from sqlalchemy import text

from qa_audit.domain.agreement import agreement_stats
from qa_audit.domain.audit import AuditRecord, SessionData
from qa_audit.domain.rubric import Rubric
from qa_audit.gui.context import AppContext
from qa_audit.gui.moderation.drift_chart import DriftChart, PainterDriftChart
from qa_audit.gui.moderation.grid_model import (
    CHOICES_ROLE,
    DISAGREE_BACKGROUND,
    DISAGREE_ROLE,
    RATIONALE_NEEDED_ROLE,
    SHORTFALL_COLOUR,
    SHORTFALL_ROLE,
    VALUE_ROLE,
    ModerationGridModel,
)
from qa_audit.gui.moderation.list_models import MemberAgreementModel
from qa_audit.gui.moderation.presenter import (
    BLANK_LABEL,
    OVERALL_KEY,
    GridRow,
    MemberColumn,
    can_view_scores,
    drift_axis_limit,
    format_signed,
    moderation_view,
    question_label,
    scoring_members,
    split_name,
)
from qa_audit.gui.pages import moderation_dialogs
from qa_audit.gui.pages.moderation_dialogs import (
    KEEP_THEIRS,
    OVERWRITE,
    AddActionDialog,
    Conflict,
    ConflictDialog,
    NewAction,
)
from qa_audit.gui.pages.moderation_page import ModerationPage
from qa_audit.gui.scoring.agency_picker import AgencyPicker
from qa_audit.services import (
    agreed,
    plans,
    rubric_view,
    scoring,
    session_data,
    sessions,
    submission,
)
from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.storage.engine import Database
from tests.gui.conftest import insert_plans, plan, unnamed_controls

SESSION = "Moderation test panel"
CHAIR = "Carol Chair (SEN casework)"
BOB = "Bob Shah (EP)"
DEV = "Dev Rao (DCO)"
OBSERVER = "Olive Grant (parent forum)"
PLAN_A, PLAN_B = "P-101", "P-102"
DISPUTED = "cyp_voice"
TODAY = dt.date(2026, 11, 25)


# ------------------------------------------------------------------ fixtures


def score(db: Database, rubric: Rubric, plan_ref: str, member: str, grade: int,
          *, overrides: dict[str, tuple[str, str | None, str | None]] | None = None) -> None:
    """Answer every applicable question (first valid answer), grade and submit."""
    facts = plans.plan_facts(db, plan_ref)
    assert facts is not None
    overrides = overrides or {}
    for q in rubric.applicable_questions(facts):
        value, note, agencies = overrides.get(q.id, (q.valid_answers()[0], None, ()))
        scoring.save_answer(db, SESSION, plan_ref, member, q.id, value, note=note,
                            agencies=agencies)
    scoring.save_overall(db, SESSION, plan_ref, member, grade)
    submission.submit(db, SESSION, plan_ref, member)


def build_panel(db: Database, actor: Actor) -> None:
    """Two plans; Carol (chair), Bob and Dev score; Bob disagrees on cyp_voice and the grade."""
    rubric = rubric_view.load_rubric(db, "multi-agency-ehcp").rubric
    insert_plans(db, [
        plan(PLAN_A, dt.date(2026, 10, 1), year_group=4, phase="primary", primary_need="ASD",
             setting_type="mainstream", direct_payments=False),
        plan(PLAN_B, dt.date(2026, 10, 8), year_group=10, phase="secondary",
             primary_need="SEMH", setting_type="mainstream", direct_payments=False),
    ])
    sessions.create_session(db, SESSION, "multi-agency-ehcp", dt.date(2026, 11, 10), actor)
    sessions.add_member(db, SESSION, CHAIR, "sen_casework", "chair", actor)
    sessions.add_member(db, SESSION, BOB, "ep", "auditor", actor)
    sessions.add_member(db, SESSION, DEV, "health", "auditor", actor)
    sessions.add_member(db, SESSION, OBSERVER, None, "observer", actor)
    score(db, rubric, PLAN_A, CHAIR, 6)
    score(db, rubric, PLAN_A, BOB, 3, overrides={
        DISPUTED: ("N", "No views of the child anywhere in Section A.", ("ep", "health"))})
    score(db, rubric, PLAN_A, DEV, 6)
    score(db, rubric, PLAN_B, CHAIR, 5)
    score(db, rubric, PLAN_B, BOB, 5)


@pytest.fixture(scope="module")
def panel_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scored session, built once per module (each test gets a copy)."""
    folder = tmp_path_factory.mktemp("moderation-template")
    actor = Actor("tester", "test-pc")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(folder / "home"))
        path = folder / "template.sqlite3"
        db = database.initialise(str(path), actor).database
        try:
            build_panel(db, actor)
        finally:
            db.dispose()
    return path


@pytest.fixture
def panel(panel_template: Path, db_path: Path) -> Iterator[Database]:
    shutil.copyfile(panel_template, db_path)
    db = database.open_existing(str(db_path))
    yield db
    db.dispose()


@pytest.fixture
def rubric(panel: Database) -> Rubric:
    return rubric_view.load_rubric(panel, "multi-agency-ehcp").rubric


@pytest.fixture
def pctx(panel: Database, actor: Actor) -> AppContext:
    return AppContext(panel, actor)


@pytest.fixture
def other_db(db_path: Path) -> Iterator[Database]:
    """A second connection to the same file: "another process" saving meanwhile."""
    other = database.open_existing(str(db_path))
    yield other
    other.dispose()


class ConflictRecorder(list):
    """Stands in for the conflict dialog: records each conflict, answers ``answer``."""

    answer = KEEP_THEIRS

    def ask(self, _parent: Any, conflict: Conflict) -> str:
        self.append(conflict)
        return self.answer


@pytest.fixture
def conflicts(monkeypatch: pytest.MonkeyPatch) -> ConflictRecorder:
    recorder = ConflictRecorder()
    monkeypatch.setattr(moderation_dialogs, "ask_conflict", recorder.ask)
    return recorder


def open_page(qtbot: Any, ctx: AppContext, member: str = CHAIR,
              plan_ref: str = PLAN_A) -> ModerationPage:
    page = ModerationPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.open_session(SESSION, member=member, plan_ref=plan_ref)
    return page


def panel_record(db: Database, plan_ref: str = PLAN_A) -> AuditRecord | None:
    data = session_data.load_session(db, SESSION)
    return next((a for a in data.audits if a.is_panel and a.plan_ref == plan_ref), None)


def agreed_cell(page: ModerationPage, key: str = DISPUTED) -> QModelIndex:
    return page.grid_model.cell(key, page.grid_model.agreed_column)


def edit_cell(qtbot: Any, page: ModerationPage, index: QModelIndex, value: object) -> bool:
    """Set a grid cell the way the delegate does, and wait for the save to finish."""
    with qtbot.waitSignal(page.save_finished, timeout=5000) as blocker:
        assert page.grid_model.setData(index, value)
    return bool(blocker.args[0])


# ------------------------------------------------------------------ the grid


def test_grid_highlights_the_disagreement(qtbot: Any, pctx: AppContext, rubric: Rubric) -> None:
    page = open_page(qtbot, pctx)
    model = page.grid_model
    disputed = model.row_of(DISPUTED)
    bob = 1 + [m.name for m in page.members].index(BOB)
    assert model.index(disputed, 0).data(DISAGREE_ROLE) is True
    assert model.index(disputed, 0).data(Qt.ItemDataRole.BackgroundRole).color() == \
        DISAGREE_BACKGROUND
    agreed_rows = [r for r in range(model.rowCount()) if r != disputed
                   and model.row_at(r).key != OVERALL_KEY]
    assert not any(model.index(r, 0).data(DISAGREE_ROLE) for r in agreed_rows)
    # Bob's shortfall is coloured, with his note and attribution in the tooltip
    cell = model.index(disputed, bob)
    assert cell.data() == "N"
    assert cell.data(SHORTFALL_ROLE) is True
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color() == SHORTFALL_COLOUR
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "No views of the child" in tip
    assert "Attributed to: Educational psychology, Health" in tip  # both of Bob's agencies
    # grades 6, 3, 6 are more than one apart
    overall = model.row_of(OVERALL_KEY)
    assert overall == model.rowCount() - 1
    assert model.index(overall, 0).data(DISAGREE_ROLE) is True
    assert [model.index(overall, c).data() for c in range(1, 4)] == ["6", "3", "6"]
    # the observer does not get a column; rows are the applicable questions + overall
    assert [m.name for m in page.members] == [CHAIR, BOB, DEV]
    facts = session_data.load_session(pctx.db, SESSION).plans[PLAN_A].as_condition_facts()
    assert model.rowCount() == len(rubric.applicable_questions(facts)) + 1


def test_plan_list_shows_submissions_moderation_and_disagreements(qtbot: Any,
                                                                   pctx: AppContext) -> None:
    page = open_page(qtbot, pctx)
    rows = {r.plan_ref: r for r in page.plan_model.rows()}
    assert rows[PLAN_A].submitted_text == "3/3 submitted"
    assert rows[PLAN_A].disagreements == 2  # cyp_voice and the overall grade
    assert rows[PLAN_A].moderated is False
    assert rows[PLAN_B].submitted_text == "2/3 submitted"
    assert rows[PLAN_B].disagreements == 0
    index = page.plan_model.index(page.plan_model.row_of(PLAN_A), 1)
    assert index.data() == "3/3"


def test_chair_records_agreed_answer_rationale_and_grade(qtbot: Any, pctx: AppContext) -> None:
    page = open_page(qtbot, pctx)
    model = page.grid_model
    assert page.can_edit()
    assert agreed_cell(page).flags() & Qt.ItemFlag.ItemIsEditable
    choices = [value for _label, value in agreed_cell(page).data(CHOICES_ROLE)]
    assert choices == [None, "Y", "P", "N"]

    assert edit_cell(qtbot, page, agreed_cell(page), "N")
    record = panel_record(pctx.db)
    assert record is not None
    assert record.answers[DISPUTED] == "N"
    # the members' attribution carried over: Bob's two agencies
    assert record.attributions[DISPUTED] == ("ep", "health")
    # "N" differs from Carol's and Dev's "Y": a rationale is asked for, inline
    rationale = model.cell(DISPUTED, model.rationale_column)
    assert rationale.data(RATIONALE_NEEDED_ROLE) is True
    assert page.ui.gridView.state() == QAbstractItemView.State.EditingState
    assert page.ui.gridView.currentIndex() == rationale
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText("Section A has no first-person views; agreed N.")
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    record = panel_record(pctx.db)
    assert record is not None
    assert record.rationales[DISPUTED] == "Section A has no first-person views; agreed N."
    assert record.answers[DISPUTED] == "N"
    assert model.cell(DISPUTED, model.rationale_column).data(RATIONALE_NEEDED_ROLE) is False

    with qtbot.waitSignal(page.save_finished, timeout=5000):
        page.grade_buttons[5].click()
    record = panel_record(pctx.db)
    assert record is not None
    assert record.overall == 5
    assert page.grade_buttons[5].isChecked()
    assert model.cell(OVERALL_KEY, model.agreed_column).data() == "5"
    assert "Requires improvement" in page.ui.overallBandLabel.text()
    # the overall rationale is saved with the grade
    page.ui.overallRationaleEdit.setText("Provision not quantified; 5 not 6.")
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        page.ui.overallRationaleEdit.editingFinished.emit()
    assert page.view is not None
    assert page.view.overall.rationale == "Provision not quantified; 5 not 6."
    rows = {r.plan_ref: r for r in page.plan_model.rows()}
    assert rows[PLAN_A].moderated
    assert rows[PLAN_A].agreed_grade == 5


def test_agreed_shortfall_attributed_to_two_agencies_with_the_keyboard(
        qtbot: Any, pctx: AppContext) -> None:
    """Bob blamed two agencies; the agreed N starts with both, and the chair changes
    them from the keyboard in the agencies menu (Space ticks, arrows move, Esc saves)."""
    page = open_page(qtbot, pctx)
    model, grid = page.grid_model, page.ui.gridView
    assert edit_cell(qtbot, page, agreed_cell(page), "N")
    editor = QApplication.focusWidget()  # the rationale editor opens inline
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    agency = model.cell(DISPUTED, model.agency_column)
    assert agency.data() == "Educational psychology, Health"
    assert agency.data(Qt.ItemDataRole.EditRole) == ("ep", "health")

    grid.setFocus()
    grid.setCurrentIndex(model.cell(DISPUTED, model.agency_column))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    picker = QApplication.focusWidget()
    assert isinstance(picker, AgencyPicker)
    qtbot.waitUntil(picker.menu_.isVisible)
    menu = picker.menu_
    assert menu.activeAction() is picker.actions_by_id["ep"]  # the first one ticked
    qtbot.keyClick(menu, Qt.Key.Key_Space)   # untick ep
    qtbot.keyClick(menu, Qt.Key.Key_Down)    # health (stays ticked)
    qtbot.keyClick(menu, Qt.Key.Key_Down)    # social care
    qtbot.keyClick(menu, Qt.Key.Key_Space)   # tick it
    assert picker.selected() == ("health", "social_care")
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        qtbot.keyClick(menu, Qt.Key.Key_Escape)
    record = panel_record(pctx.db)
    assert record is not None
    assert record.attributions[DISPUTED] == ("health", "social_care")
    assert model.cell(DISPUTED, model.agency_column).data() == "Health, Social care"


def test_enter_edits_the_agreed_cell_with_the_keyboard(qtbot: Any, pctx: AppContext) -> None:
    page = open_page(qtbot, pctx)
    grid = page.ui.gridView
    grid.setFocus()
    index = agreed_cell(page)
    grid.setCurrentIndex(index)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert grid.state() == QAbstractItemView.State.EditingState
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    assert combo.accessibleName() == "Agreed answer"
    qtbot.waitUntil(lambda: combo.view().isVisible())  # the list opens at once
    combo.view().setCurrentIndex(combo.model().index(combo.findData("P"), 0))
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    record = panel_record(pctx.db)
    assert record is not None
    assert record.answers[DISPUTED] == "P"


def test_non_chair_sees_the_agreed_column_read_only(qtbot: Any, pctx: AppContext) -> None:
    page = open_page(qtbot, pctx, member=BOB)
    assert not page.can_edit()
    assert not agreed_cell(page).flags() & Qt.ItemFlag.ItemIsEditable
    assert not page.grid_model.setData(agreed_cell(page), "N")
    assert "only the chair" in page.ui.permissionLabel.text()
    assert CHAIR in page.ui.permissionLabel.text()
    assert not any(b.isEnabled() for b in page.grade_buttons.values())
    assert page.ui.overallRationaleEdit.isReadOnly()
    assert page.ui.strengthsEdit.isReadOnly()
    assert not page.ui.addActionButton.isEnabled()
    assert page.ui.designateButton.isHidden()
    assert not page.ui.themesList.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    # pressing Enter on the cell does not open an editor
    page.ui.gridView.setCurrentIndex(agreed_cell(page))
    qtbot.keyClick(page.ui.gridView, Qt.Key.Key_Return)
    assert page.ui.gridView.state() != QAbstractItemView.State.EditingState
    assert panel_record(pctx.db) is None


def test_chair_designates_a_member_who_can_then_record(qtbot: Any, pctx: AppContext,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_page(qtbot, pctx)
    assert page.ui.designateButton.isVisible()
    offered: list[list[str]] = []

    def ask(_parent: Any, members: Any) -> dict[str, bool]:
        offered.append([m.name for m in members])
        return {BOB: True}

    monkeypatch.setattr(moderation_dialogs, "ask_designation", ask)
    page.ui.designateButton.click()
    assert offered
    assert sessions.get_info(pctx.db, SESSION).members[1].can_moderate
    page.ui.memberCombo.setCurrentIndex(page.ui.memberCombo.findData(BOB))
    assert page.current_member().name == BOB
    assert page.can_edit()
    assert page.ui.designateButton.isHidden()  # only the chair designates
    assert "may record agreed scores" in page.ui.memberCombo.currentText()
    assert edit_cell(qtbot, page, agreed_cell(page), "P")
    record = panel_record(pctx.db)
    assert record is not None
    assert record.answers[DISPUTED] == "P"


def test_designate_dialog_reports_only_changes(qtbot: Any, pctx: AppContext) -> None:
    from qa_audit.gui.pages.moderation_dialogs import DesignateDialog

    members = sessions.get_info(pctx.db, SESSION).members
    dialog = DesignateDialog(members)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 3  # the chair is not listed
    assert dialog.changes() == {}
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.changes() == {BOB: True}


# ------------------------------------------------------------------ conflicts


def test_conflict_keep_theirs_leaves_their_value(qtbot: Any, pctx: AppContext,
                                                 other_db: Database,
                                                 conflicts: ConflictRecorder) -> None:
    agreed.designate_moderator(pctx.db, SESSION, CHAIR, BOB)
    agreed.save_agreed_answer(pctx.db, SESSION, PLAN_A, CHAIR, "parent_views", "Y")
    page = open_page(qtbot, pctx)
    loaded_version = page.version
    assert loaded_version is not None
    # meanwhile, Bob (designated) records "P" from another computer
    agreed.save_agreed_answer(other_db, SESSION, PLAN_A, BOB, DISPUTED, "P",
                               rationale="Some views, not the child's own words.",
                               expected_version=loaded_version)
    assert not edit_cell(qtbot, page, agreed_cell(page), "N")
    assert len(conflicts) == 1
    seen = conflicts[0]
    assert seen.changed_by == BOB
    assert seen.changed_at is not None
    assert seen.theirs == "P – Partly"
    assert seen.mine == "N – No"
    assert DISPUTED in seen.what
    record = panel_record(pctx.db)
    assert record is not None
    assert record.answers[DISPUTED] == "P"
    # "Keep theirs" reloaded: the grid shows their value and the new version
    assert agreed_cell(page).data(VALUE_ROLE) == "P"
    assert page.version == agreed.panel_version(pctx.db, SESSION, PLAN_A)


def test_conflict_overwrite_with_mine_saves_over_theirs(qtbot: Any, pctx: AppContext,
                                                        other_db: Database,
                                                        conflicts: ConflictRecorder) -> None:
    agreed.designate_moderator(pctx.db, SESSION, CHAIR, BOB)
    agreed.save_agreed_answer(pctx.db, SESSION, PLAN_A, CHAIR, "parent_views", "Y")
    page = open_page(qtbot, pctx)
    agreed.save_agreed_answer(other_db, SESSION, PLAN_A, BOB, DISPUTED, "P")
    conflicts.answer = OVERWRITE
    assert edit_cell(qtbot, page, agreed_cell(page), "N")
    assert len(conflicts) == 1
    record = panel_record(pctx.db)
    assert record is not None
    assert record.answers[DISPUTED] == "N"


def test_conflict_when_someone_else_started_the_agreed_row(qtbot: Any, pctx: AppContext,
                                                           other_db: Database,
                                                           conflicts: ConflictRecorder) -> None:
    """No agreed row when the page loaded; another moderator creates it meanwhile."""
    page = open_page(qtbot, pctx)
    assert page.version is None
    agreed.designate_moderator(other_db, SESSION, CHAIR, BOB)
    agreed.save_agreed_answer(other_db, SESSION, PLAN_A, BOB, DISPUTED, "P")
    assert not edit_cell(qtbot, page, agreed_cell(page), "N")
    assert len(conflicts) == 1
    assert conflicts[0].theirs == "P – Partly"
    record = panel_record(pctx.db)
    assert record is not None
    assert record.answers[DISPUTED] == "P"


def test_conflict_on_the_agreed_grade(qtbot: Any, pctx: AppContext, other_db: Database,
                                      conflicts: ConflictRecorder) -> None:
    agreed.designate_moderator(pctx.db, SESSION, CHAIR, BOB)
    agreed.save_agreed_overall(pctx.db, SESSION, PLAN_A, CHAIR, 6)
    page = open_page(qtbot, pctx)
    agreed.save_agreed_overall(other_db, SESSION, PLAN_A, BOB, 4)
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        page.grade_buttons[5].click()
    assert [c.theirs for c in conflicts] == ["4 – Requires improvement"]
    record = panel_record(pctx.db)
    assert record is not None
    assert record.overall == 4
    assert page.grade_buttons[4].isChecked()


def test_choosing_the_plan_already_shown_still_detects_a_conflict(
        qtbot: Any, pctx: AppContext, other_db: Database, conflicts: ConflictRecorder) -> None:
    """Re-selecting the shown plan does not re-read its data, so it must not take a
    newer version either: the next save would overwrite theirs unseen."""
    agreed.designate_moderator(pctx.db, SESSION, CHAIR, BOB)
    agreed.save_agreed_overall(pctx.db, SESSION, PLAN_A, CHAIR, 6)
    page = open_page(qtbot, pctx)
    page.select_plan(PLAN_A)
    agreed.save_agreed_overall(other_db, SESSION, PLAN_A, BOB, 4)
    page.select_plan(page.plan_ref)
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        page.grade_buttons[5].click()
    assert [c.theirs for c in conflicts] == ["4 – Requires improvement"]


def test_conflict_when_the_same_moderator_saved_elsewhere(qtbot: Any, pctx: AppContext,
                                                          other_db: Database,
                                                          conflicts: ConflictRecorder) -> None:
    agreed.save_agreed_answer(pctx.db, SESSION, PLAN_A, CHAIR, DISPUTED, "Y")
    page = open_page(qtbot, pctx)
    # the chair changes it on another computer, then saves from this stale screen
    agreed.save_agreed_answer(other_db, SESSION, PLAN_A, CHAIR, DISPUTED, "P")
    assert not edit_cell(qtbot, page, agreed_cell(page), "N")
    assert len(conflicts) == 1
    assert conflicts[0].changed_by == CHAIR
    record = panel_record(pctx.db)
    assert record is not None
    assert record.answers[DISPUTED] == "P"


def test_conflict_dialog_offers_keep_theirs_or_overwrite(qtbot: Any) -> None:
    conflict = Conflict("the agreed answer to cyp_voice", BOB,
                        dt.datetime(2026, 11, 25, 14, 5), "P – Partly", "N – No")
    dialog = ConflictDialog(conflict)
    qtbot.addWidget(dialog)
    assert BOB in conflict.message()
    assert dialog.keep_button.text() == "&Keep theirs"
    assert dialog.overwrite_button.text() == "&Overwrite with mine"
    assert dialog.keep_button.isDefault()
    dialog.overwrite_button.click()
    assert dialog.choice == OVERWRITE
    assert unnamed_controls(dialog) == []


# ------------------------------------------------------------------ texts, themes, actions


def test_themes_and_texts_are_saved_for_the_panel(qtbot: Any, pctx: AppContext) -> None:
    page = open_page(qtbot, pctx)
    themes = page.ui.themesList
    item = themes.item(0)
    theme_id = item.data(Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        item.setCheckState(Qt.CheckState.Checked)
    record = panel_record(pctx.db)
    assert record is not None
    assert theme_id in record.theme_ids
    page.ui.strengthsEdit.setPlainText("Clear golden thread.")
    assert page.ui.saveTextsButton.isEnabled()
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        page.ui.saveTextsButton.click()
    record = panel_record(pctx.db)
    assert record is not None
    assert record.strengths == "Clear golden thread."
    # unsaved texts are saved, not lost, when moving to the next plan
    page.ui.developmentEdit.setPlainText("Quantify Section F.")
    page.next_plan()
    assert page.plan_ref == PLAN_B
    record = panel_record(pctx.db)
    assert record is not None
    assert record.development == "Quantify Section F."


def test_add_action_from_moderation(qtbot: Any, pctx: AppContext,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_page(qtbot, pctx)
    asked: list[dict[str, Any]] = []

    def ask(_parent: Any, **kwargs: Any) -> NewAction:
        asked.append(kwargs)
        return NewAction("Return plan to caseworker to quantify Section F", "QA Lead",
                         dt.date(2026, 12, 23))

    monkeypatch.setattr(moderation_dialogs, "ask_new_action", ask)
    notices: list[str] = []
    pctx.data_changed.connect(notices.append)
    page.ui.addActionButton.click()
    assert asked[0]["plan_ref"] == PLAN_A
    assert asked[0]["today"] == TODAY
    data = session_data.load_session(pctx.db, SESSION)
    assert [(a.plan_ref, a.owner, a.due_date) for a in data.actions] == \
        [(PLAN_A, "QA Lead", dt.date(2026, 12, 23))]
    assert "QA Lead" in page.ui.actionsList.item(0).text()
    assert "actions" in notices


def test_add_action_dialog_defaults(qtbot: Any) -> None:
    dialog = AddActionDialog(PLAN_A, ["DCO", "QA Lead"], TODAY)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()  # an action needs a description
    qtbot.keyClicks(dialog.text_edit, "Chase SaLT advice")
    assert ok.isEnabled()
    qtbot.keyClicks(dialog.owner_edit, "qa")
    completer = dialog.owner_edit.completer()
    assert completer.model().stringList() == ["DCO", "QA Lead"]
    value = dialog.value()
    assert value.text == "Chase SaLT advice"
    assert value.due_date == TODAY + dt.timedelta(days=28)
    assert dialog.due_edit.displayFormat() == "dd/MM/yyyy"
    assert unnamed_controls(dialog) == []


# ------------------------------------------------------------------ agreement statistics


def test_agreement_panel_shows_the_core_figures(qtbot: Any, pctx: AppContext,
                                                rubric: Rubric) -> None:
    agreed.save_agreed_overall(pctx.db, SESSION, PLAN_A, CHAIR, 5)
    page = open_page(qtbot, pctx)
    data = session_data.load_session(pctx.db, SESSION)
    expected = agreement_stats(data.member_grades(), data.agreed_grades(),
                               (rubric.overall.min, rubric.overall.max))
    assert page.stats == expected
    assert page.ui.pairsValue.text() == str(expected.pairs)
    assert page.ui.exactValue.text().startswith(f"{expected.overall_exact_percent:.1f}%")
    assert page.ui.withinValue.text().startswith(f"{expected.overall_within_one_percent:.1f}%")
    alpha = expected.krippendorff_alpha_ordinal
    assert page.ui.alphaValue.text() == ("—" if alpha is None else f"{alpha:.3f}")
    model = page.member_model
    shown = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert set(shown) == set(expected.members)
    for name, member in expected.members.items():
        row = shown[name]
        assert model.index(row, MemberAgreementModel.COL_GRADED).data(VALUE_ROLE) == \
            member.plans_graded
        assert model.index(row, MemberAgreementModel.COL_DRIFT).data(VALUE_ROLE) == \
            member.mean_difference_from_agreed
        assert model.index(row, MemberAgreementModel.COL_DRIFT).data() == \
            format_signed(member.mean_difference_from_agreed)
    # Bob graded 3 against an agreed 5: the strictest; Carol and Dev 6: more generous
    assert expected.members[BOB].mean_difference_from_agreed == -2.0
    assert page.drift_chart.items == [(n, m.mean_difference_from_agreed)
                                      for n, m in expected.members.items()
                                      if m.mean_difference_from_agreed is not None]


def test_drift_charts_draw(qtbot: Any) -> None:
    items = [(CHAIR, 1.0), (BOB, -2.0)]
    for use_charts in (True, False):
        chart = DriftChart(use_charts=use_charts)
        qtbot.addWidget(chart)
        chart.resize(300, 160)
        chart.show()
        chart.set_items(items)
        assert not chart.grab().isNull()
        assert "−2.00" in chart.accessibleDescription()
    painter = PainterDriftChart()
    qtbot.addWidget(painter)
    painter.set_items([])
    assert not painter.grab().isNull()
    assert drift_axis_limit(items) == 2.0
    assert drift_axis_limit([]) == 0.5


# ------------------------------------------------------------------ navigation, access


def test_alt_arrows_move_between_plans(qtbot: Any, pctx: AppContext) -> None:
    page = open_page(qtbot, pctx)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.ui.gridView.setFocus()
    qtbot.keyClick(page.ui.gridView, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.plan_ref == PLAN_B)  # a button shortcut animates its click
    assert page.plan_model.row_of(PLAN_B) == page.ui.planList.currentIndex().row()
    assert not page.ui.nextPlanButton.isEnabled()
    qtbot.keyClick(page.ui.gridView, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.plan_ref == PLAN_A)


def test_choosing_a_plan_in_the_list_shows_it(qtbot: Any, pctx: AppContext) -> None:
    page = open_page(qtbot, pctx)
    page.ui.planList.setCurrentIndex(page.plan_model.index(page.plan_model.row_of(PLAN_B), 0))
    assert page.plan_ref == PLAN_B
    assert page.ui.planTitleLabel.text().startswith(PLAN_B)


def test_every_control_has_an_accessible_name(qtbot: Any, pctx: AppContext) -> None:
    page = open_page(qtbot, pctx)
    assert unnamed_controls(page) == []


def test_blind_scoring_hides_others_until_submitted(qtbot: Any, db: Database,
                                                   actor: Actor) -> None:
    rubric = rubric_view.load_rubric(db, "multi-agency-ehcp").rubric
    insert_plans(db, [plan(PLAN_A, dt.date(2026, 10, 1), year_group=4, phase="primary")])
    sessions.create_session(db, SESSION, "multi-agency-ehcp", dt.date(2026, 11, 10), actor)
    sessions.add_member(db, SESSION, CHAIR, "sen_casework", "chair", actor)
    sessions.add_member(db, SESSION, BOB, "ep", "auditor", actor)
    score(db, rubric, PLAN_A, BOB, 4)
    page = open_page(qtbot, AppContext(db, actor))
    assert page.info is not None
    assert page.info.status == "scoring"
    assert page.view is not None
    assert not page.view.visible
    assert page.grid_model.index(0, 2).data() == ""  # Bob's answer is not shown
    assert not page.can_edit()
    assert "blind" in page.ui.permissionLabel.text()


def test_blind_scoring_hides_how_far_the_others_disagree(qtbot: Any, db: Database,
                                                        actor: Actor) -> None:
    """The plan list's Differ count tells a scorer who has not submitted that the
    others are apart; it is hidden from them like the scores themselves."""
    rubric = rubric_view.load_rubric(db, "multi-agency-ehcp").rubric
    insert_plans(db, [plan(PLAN_A, dt.date(2026, 10, 1), year_group=4, phase="primary")])
    sessions.create_session(db, SESSION, "multi-agency-ehcp", dt.date(2026, 11, 10), actor)
    sessions.add_member(db, SESSION, CHAIR, "sen_casework", "chair", actor)
    sessions.add_member(db, SESSION, BOB, "ep", "auditor", actor)
    sessions.add_member(db, SESSION, DEV, "health", "auditor", actor)
    score(db, rubric, PLAN_A, BOB, 4)
    score(db, rubric, PLAN_A, DEV, 6)  # the grades differ
    # an agreed row while members still score: recording one moves the session to
    # moderation, but imported audits (or a session moved back) can hold one
    agreed.save_agreed_overall(db, SESSION, PLAN_A, CHAIR, 5)
    with db.write() as s:
        s.execute(text("UPDATE audit_session SET status = 'scoring'"))
    page = open_page(qtbot, AppContext(db, actor))
    combo = page.ui.memberCombo

    def differ() -> tuple[int | None, object, str]:
        row = page.plan_model.row_of(PLAN_A)
        summary = page.plan_model.rows()[row]
        index = page.plan_model.index(row, page.plan_model.COL_DISAGREE)
        return (summary.disagreements, index.data(),
                index.data(Qt.ItemDataRole.ToolTipRole))

    combo.setCurrentIndex(combo.findData(CHAIR))  # has not submitted
    hidden, shown, tip = differ()
    assert (hidden, shown) == (None, "—")
    assert "hidden until you submit" in tip
    assert page.stats is not None and page.stats.pairs == 0  # nor the agreement figures
    assert "leaving out 1 plan(s)" in page.ui.agreementGroup.title()
    cell = page.plan_model.index(page.plan_model.row_of(PLAN_A), page.plan_model.COL_MODERATED)
    assert cell.data() == "—"  # nor the panel's grade, recorded by someone who has seen them
    assert page.view is not None and page.view.panel is None
    assert page.agreed_grade() is None
    combo.setCurrentIndex(combo.findData(BOB))  # submitted: sees the others
    assert differ()[:2] == (1, "1")
    assert cell.data() == "5" and page.agreed_grade() == 5
    assert page.stats is not None and page.stats.pairs == 1
    assert "over every plan" in page.ui.agreementGroup.title()
    sessions.set_status(db, SESSION, "moderation", actor, force=True)
    combo.setCurrentIndex(combo.findData(CHAIR))
    page.reload()
    assert differ()[:2] == (1, "1")  # in moderation everyone sees everything


def test_closed_session_is_read_only(qtbot: Any, pctx: AppContext, actor: Actor) -> None:
    sessions.set_status(pctx.db, SESSION, "closed", actor, force=True)
    page = open_page(qtbot, pctx)
    assert not page.can_edit()
    assert "closed" in page.ui.permissionLabel.text()
    assert not page.ui.designateButton.isEnabled()
    assert "(closed)" in page.ui.sessionCombo.currentText()


def test_hidden_page_catches_up_when_shown(qtbot: Any, pctx: AppContext) -> None:
    page = open_page(qtbot, pctx)
    page.hide()
    agreed.save_agreed_overall(pctx.db, SESSION, PLAN_A, CHAIR, 4)
    pctx.notify("audits")
    assert page.view is not None
    assert page.view.overall.agreed is None  # no reload while another page is in front
    page.show()
    qtbot.waitExposed(page)
    assert page.view.overall.agreed == "4"
    assert page.version == agreed.panel_version(pctx.db, SESSION, PLAN_A)


def test_agreed_grade_in_the_grid_asks_for_a_rationale(qtbot: Any, pctx: AppContext) -> None:
    page = open_page(qtbot, pctx)
    model = page.grid_model
    overall = model.cell(OVERALL_KEY, model.agreed_column)
    choices = [value for _label, value in overall.data(CHOICES_ROLE)]
    assert choices == [None, *map(str, range(1, 9))]
    assert edit_cell(qtbot, page, overall, "5")
    record = panel_record(pctx.db)
    assert record is not None
    assert record.overall == 5
    assert page.ui.gridView.currentIndex() == model.cell(OVERALL_KEY, model.rationale_column)
    assert page.ui.gridView.state() == QAbstractItemView.State.EditingState


def test_empty_database_says_what_to_do(qtbot: Any, ctx: AppContext) -> None:
    page = ModerationPage(ctx)
    qtbot.addWidget(page)
    assert page.ui.bodyStack.currentWidget() is page.ui.emptyPage
    assert "No audit sessions" in page.ui.emptyLabel.text()


# ------------------------------------------------------------------ models and helpers


def test_models_pass_the_model_tester(qtbot: Any, qtmodeltester: Any, pctx: AppContext) -> None:
    agreed.save_agreed_answer(pctx.db, SESSION, PLAN_A, CHAIR, DISPUTED, "N",
                               rationale="Agreed no.")
    agreed.save_agreed_overall(pctx.db, SESSION, PLAN_A, CHAIR, 5)
    page = open_page(qtbot, pctx)
    qtmodeltester.check(page.grid_model)
    qtmodeltester.check(page.plan_model)
    qtmodeltester.check(page.member_model)
    page.grid_model.set_editable(False)
    qtmodeltester.check(page.grid_model)


def test_pure_helpers() -> None:
    assert split_name("L. Chen (SEN casework)") == "L. Chen\n(SEN\ncasework)"
    assert split_name("Ann") == "Ann"
    assert format_signed(0.25) == "+0.25"
    assert format_signed(-0.5) == "−0.50"
    assert format_signed(0.0) == "0.00"
    assert format_signed(None) == "—"
    own = AuditRecord(SESSION, PLAN_A, BOB, False, status="draft")
    assert can_view_scores("moderation", "auditor", None)
    assert not can_view_scores("scoring", "auditor", own)
    assert can_view_scores("scoring", "auditor",
                           AuditRecord(SESSION, PLAN_A, BOB, False, status="submitted"))
    assert not can_view_scores("scoring", "observer", None)
    assert not can_view_scores("scoring", None, None)
    row = GridRow("q", "Q", None, {"a": "Y", "b": "N"}, agreed="N",
                  attributions={"a": ("ep",), "b": ("health",), "c": ("ep",)})
    assert row.differs_from_members
    assert row.rationale_needed
    assert row.majority_attribution() == ("ep",)
    both = GridRow("q", "Q", None, {}, attributions={"a": ("ep", "health"), "b": ("health",)})
    assert both.majority_attribution() == ("health",)  # ep: 1 of 2 members, not a majority
    tie = GridRow("q", "Q", None, {}, attributions={"a": ("health",), "b": ("ep",)})
    assert tie.majority_attribution() == ("ep",)  # no majority: most named, alphabetical


def test_question_labels_are_short(rubric: Rubric) -> None:
    labels = {q.id: question_label(q) for q in rubric.questions()}
    assert labels["cyp_voice"].startswith("A: Child or young person's voice")
    assert not labels["cyp_voice"].endswith("?")


def test_scoring_members_adds_auditors_not_on_the_panel() -> None:
    class Member:
        def __init__(self, name: str, role: str) -> None:
            self.name, self.role, self.agency = name, role, None

    audits = [AuditRecord(SESSION, PLAN_A, "Imported Ivy", False),
              AuditRecord(SESSION, PLAN_A, "panel", True)]
    columns = scoring_members([Member(CHAIR, "chair"), Member(OBSERVER, "observer")], audits)
    assert columns == [MemberColumn(CHAIR, "chair"), MemberColumn("Imported Ivy", "")]


def test_moderation_view_without_facts(panel: Database, rubric: Rubric) -> None:
    data = session_data.load_session(panel, SESSION)
    view = moderation_view(data, rubric, "NOT-IN-SESSION", [MemberColumn(CHAIR)])
    assert view.facts is None
    assert view.rows[-1].key == OVERALL_KEY
    assert view.disagreement_count == 0


def test_tab_leaves_the_grid_for_the_agreed_grade(qtbot: Any, pctx: AppContext) -> None:
    """Arrows move between cells; Tab moves on: the tab bar, the grade buttons (one stop,
    arrows choose like a radio group), the rationale, the themes."""
    page = open_page(qtbot, pctx)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.ui.gridView.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == [page.ui.detailTabs.tabBar(), page.grade_buttons[1],
                    page.ui.overallRationaleEdit, page.ui.themesList]
    page.grade_buttons[1].setFocus()
    qtbot.keyClick(page.grade_buttons[1], Qt.Key.Key_Right)
    assert QApplication.focusWidget() is page.grade_buttons[2]
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        qtbot.keyClick(page.grade_buttons[2], Qt.Key.Key_Space)
    record = panel_record(pctx.db)
    assert record is not None
    assert record.overall == 2


def test_agreed_reason_column_when_the_rubric_offers_reasons(qtbot: Any) -> None:
    """Only a rubric with reasons gets the column; it offers the reasons that fit the
    agreed answer and asks for the edit like any other agreed cell."""
    from qa_audit.domain.audit import PlanFacts
    from qa_audit.paths import bundled
    from qa_audit.rubrics.loader import load_rubric_file
    from tests.unit.test_agencies_reasons import with_reasons

    rubric = with_reasons(load_rubric_file(bundled("rubrics", "multi-agency-ehcp.yaml")))
    audits = (
        AuditRecord(SESSION, PLAN_A, BOB, False, status="submitted",
                    answers={"parent_views": "NA"}, reasons={"parent_views": "family_not_engaged"}),
        AuditRecord(SESSION, PLAN_A, "panel", True, answers={"parent_views": "NA"},
                    reasons={"parent_views": "family_not_engaged"}),
    )
    data = SessionData(SESSION, dt.date(2026, 11, 10), "moderation", rubric.id, 1, (PLAN_A,),
                       audits, {PLAN_A: PlanFacts(PLAN_A, year_group=4)})
    model = ModerationGridModel()
    view = moderation_view(data, rubric, PLAN_A, [MemberColumn(BOB)])
    model.set_view(view, rubric, editable=True)
    assert model.headerData(model.reason_column, Qt.Orientation.Horizontal) == "Reason"
    assert model.rationale_column == model.reason_column + 1
    cell = model.cell("parent_views", model.reason_column)
    assert cell.data() == "The family did not engage"
    assert cell.data(CHOICES_ROLE) == [(BLANK_LABEL, None),
                                       ("The family did not engage", "family_not_engaged")]
    assert f"{BOB}: The family did not engage" in cell.data(Qt.ItemDataRole.ToolTipRole)
    with qtbot.waitSignal(model.edit_requested) as blocker:
        assert model.setData(cell, None)
    assert blocker.args == ["parent_views", "reason", None]
    # no agreed answer yet: nothing to give a reason for
    assert not model.cell("cyp_voice", model.reason_column).flags() & Qt.ItemFlag.ItemIsEditable
    plain = dataclasses.replace(rubric, sections=tuple(
        dataclasses.replace(s, questions=tuple(dataclasses.replace(q, reasons=())
                                               for q in s.questions))
        for s in rubric.sections))
    model.set_view(view, plain, editable=True)
    assert model.reason_column == -1
