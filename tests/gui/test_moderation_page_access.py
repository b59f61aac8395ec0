"""The Moderation page: agreement statistics, navigation, blind scoring and access, the
grid models and pure helpers (the panel is built in tests/gui/moderation_panel.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication
from sqlalchemy import text

from qa_audit.domain.agreement import agreement_stats
from qa_audit.domain.audit import AuditRecord, SessionData
from qa_audit.domain.rubric import Rubric
from qa_audit.gui.context import AppContext
from qa_audit.gui.moderation.drift_chart import DriftChart, PainterDriftChart
from qa_audit.gui.moderation.grid_model import (
    CHOICES_ROLE,
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
from qa_audit.gui.pages.moderation_page import ModerationPage
from qa_audit.services import (
    agreed,
    rubric_view,
    session_data,
    sessions,
)
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests.gui.conftest import insert_plans, plan, unnamed_controls
from tests.gui.moderation_panel import (  # noqa: F401 - fixtures by name
    BOB,
    CHAIR,
    DEV,
    DISPUTED,
    OBSERVER,
    PLAN_A,
    PLAN_B,
    SESSION,
    conflicts,
    edit_cell,
    open_page,
    other_db,
    panel,
    panel_record,
    panel_template,
    pctx,
    rubric,
    score,
)

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
