"""The Moderation page: disagreements, agreed answers and grades, permissions, conflicts,
actions from moderation, and the agreement statistics.

A small session is built through the scoring service: three members score two
plans; Bob deliberately disagrees with the others on ``cyp_voice`` and gives an
overall grade three below theirs. Dialogs are replaced with ``monkeypatch``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit

from qa_audit.domain.rubric import Rubric
from qa_audit.gui.context import AppContext
from qa_audit.gui.moderation.grid_model import (
    CHOICES_ROLE,
    DISAGREE_BACKGROUND,
    DISAGREE_ROLE,
    RATIONALE_NEEDED_ROLE,
    SHORTFALL_COLOUR,
    SHORTFALL_ROLE,
    VALUE_ROLE,
)
from qa_audit.gui.moderation.presenter import (
    OVERALL_KEY,
)
from qa_audit.gui.pages import moderation_dialogs
from qa_audit.gui.pages.moderation_dialogs import (
    OVERWRITE,
    AddActionDialog,
    Conflict,
    ConflictDialog,
    NewAction,
)
from qa_audit.gui.scoring.agency_picker import AgencyPicker
from qa_audit.services import (
    agreed,
    session_data,
    sessions,
)
from qa_audit.storage.engine import Database
from tests.gui.conftest import unnamed_controls
from tests.gui.moderation_panel import (  # noqa: F401 - fixtures by name
    BOB,
    CHAIR,
    DEV,
    DISPUTED,
    PLAN_A,
    PLAN_B,
    SESSION,
    TODAY,
    ConflictRecorder,
    agreed_cell,
    conflicts,
    edit_cell,
    open_page,
    other_db,
    panel,
    panel_record,
    panel_template,
    pctx,
    rubric,
)

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
