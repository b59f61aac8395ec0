"""The Scoring page shows the advice return being scored in a DCO session (issue 17):
its service, requested and received dates and days taken, from the advice register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from qa_audit.domain.items import ItemKey
from qa_audit.evidence.remembered import RememberedFiles
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.moderation_page import ModerationPage
from qa_audit.gui.pages.scoring_page import ScoringPage
from qa_audit.services import scoring, session_data, sessions
from qa_audit.services.register_import import import_advice, import_plans
from qa_audit.services.sampling_returns import ReturnSampleSettings, draw_returns

SESSION = "DCO Apr"
PLANS = "plan_ref,issue_date\nP1,2025-03-01\nP2,2025-03-05\n"
ADVICE = ("plan_ref,service,requested_date,received_date\n"
          "P1,salt,2025-01-06,2025-02-17\nP1,paediatrics,2025-01-06,2025-03-01\n"
          "P2,ot,2025-01-20,2025-02-10\n")


@pytest.fixture
def ctx(db: Any, actor: Any, tmp_path: Path) -> AppContext:
    for name, text, load in (("plans", PLANS, import_plans), ("advice", ADVICE, import_advice)):
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        load(db, path, {}, actor)
    sessions.create_session(db, SESSION, "dco-health-advice", dt.date(2025, 4, 20), actor)
    sessions.add_member(db, SESSION, "Dana", None, "auditor", actor)
    draw_returns(db, SESSION, ReturnSampleSettings(percent=100.0, seed=1), actor)
    return AppContext(db, actor)


def open_page(qtbot: Any, ctx: AppContext, plan_ref: str) -> ScoringPage:
    page = ScoringPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    page.open_session(SESSION, member="Dana", plan_ref=plan_ref)
    return page


def test_the_side_panel_shows_the_return_being_scored(qtbot: Any, ctx: AppContext) -> None:
    page = open_page(qtbot, ctx, "P1")  # a plan ref: the plan's first sampled return
    box = page.returns_box
    assert page.plan_ref == "P1" and page.item is not None and page.item.is_return
    assert box.group.isVisible()
    assert box.group.title() == "Advice return"  # one return per item, not the plan's two
    first = page.item.service
    shown = box.label.text()
    for service, label, received, verdict in (
            ("salt", "Speech and language therapy", "17/02/2025", "42 days, within 6 weeks"),
            ("paediatrics", "Paediatrics", "01/03/2025", "54 days, late")):
        if not page.select_plan(_item(page, "P1", service)):
            assert service == first  # already shown
        shown = box.label.text()
        assert label in shown and "06/01/2025" in shown and received in shown
        assert verdict in shown
        assert f"{label}: requested 6 Jan 2025" in box.label.accessibleDescription()
    assert "Speech and language therapy" not in shown  # only the paediatrics return now

    assert page.select_plan("P2")
    assert box.group.title() == "Advice return"
    assert "Occupational therapy" in box.label.text()
    assert "21 days, within 6 weeks" in box.label.text()
    assert "Paediatrics" not in box.label.text()


def _item(page: ScoringPage, plan_ref: str, service: str) -> ItemKey:
    return next(r.key for r in page.plan_model.rows()
                if r.plan_ref == plan_ref and r.key.service == service)


def test_two_returns_of_a_plan_are_two_lines_each_saved_to_its_own_audit(
        qtbot: Any, ctx: AppContext) -> None:
    page = open_page(qtbot, ctx, "P1")
    texts = [page.plan_model.display_text(r) for r in page.plan_model.rows()]
    assert len(texts) == 3  # P1's two returns and P2's one
    assert any(t.startswith("P1 · salt 06/01/2025") for t in texts)
    assert any(t.startswith("P1 · paediatrics 06/01/2025") for t in texts)
    assert any(t.startswith("P2 · ot 20/01/2025") for t in texts)

    salt, paed = _item(page, "P1", "salt"), _item(page, "P1", "paediatrics")
    assert page.select_plan(salt) or page.item == salt
    assert page.form is not None
    page.form.questions["advice_current"].choose("Y")
    page.form.overall.choose(4)
    assert page.select_plan(paed)
    page.form.questions["advice_current"].choose("N")
    assert page.flush_saves()

    own = session_data.load_member_session(ctx.db, SESSION, "Dana").own
    assert own[salt].answers == {"advice_current": "Y"} and own[salt].overall == 4
    assert own[paed].answers == {"advice_current": "N"} and own[paed].overall is None
    assert own[salt].advice_request_id != own[paed].advice_request_id
    # back on the salt return the form shows its own answers, not the other's
    assert page.select_plan(salt)
    assert page.form.answer_state("advice_current").value == "Y"
    row = page.plan_model.rows()[page.plan_model.row_of(salt)]
    assert (row.answered, row.status) == (1, "draft")


def test_a_plan_session_shows_no_return_box(qtbot: Any, ctx: AppContext) -> None:
    sessions.create_session(ctx.db, "Panel", "multi-agency-ehcp", dt.date(2025, 4, 20),
                            ctx.actor)
    page = ScoringPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.open_session("Panel")
    assert not page.returns_box.group.isVisible()
    page.open_session(SESSION, member="Dana", plan_ref="P2")
    assert page.returns_box.group.isVisible()


def test_moderation_lists_each_return_and_agrees_it_on_its_own(qtbot: Any,
                                                               ctx: AppContext) -> None:
    """Both members scored both of P1's returns differently; the chair agrees each."""
    sessions.add_member(ctx.db, SESSION, "Chair", None, "chair", ctx.actor)
    items = session_data.load_member_session(ctx.db, SESSION, "Dana").sampled
    salt = next(i for i in items if i.service == "salt")
    paed = next(i for i in items if i.service == "paediatrics")
    for item, grade in ((salt, 4), (paed, 1)):
        scoring.save_overall(ctx.db, SESSION, item, "Dana", grade)
    sessions.set_status(ctx.db, SESSION, "moderation", ctx.actor, force=True)
    page = ModerationPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.open_session(SESSION, member="Chair", plan_ref=salt)
    labels = [page.plan_model.index(r, 0).data() for r in range(page.plan_model.rowCount())]
    assert "P1 · salt 06/01/2025" in labels and "P1 · paediatrics 06/01/2025" in labels
    assert page.item == salt
    assert page.view is not None and page.view.audits["Dana"].overall == 4  # salt's only
    assert "P1 · salt 06/01/2025" in page.ui.planTitleLabel.text()
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        page.grade_buttons[3].click()
    page.select_plan(paed)
    assert page.item == paed and page.view is not None
    assert page.view.audits["Dana"].overall == 1 and page.view.panel is None
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        page.grade_buttons[2].click()
    data = session_data.load_session(ctx.db, SESSION)
    assert {a.item: a.overall for a in data.panel_audits()} == {salt: 3, paed: 2}


def test_the_advice_document_is_remembered_per_return(qtbot: Any, ctx: AppContext,
                                                      tmp_path: Path) -> None:
    """The advice register holds no document path, so the evidence pane opens the
    advice a scorer chose to remember for that return (not for the plan's other one)."""
    page = open_page(qtbot, ctx, "P1")
    pane = page.plan_pane
    pane._remembered = RememberedFiles(tmp_path / "home")
    salt, paed = _item(page, "P1", "salt"), _item(page, "P1", "paediatrics")
    assert page.select_plan(salt)
    advice = (tmp_path / "SaLT advice.txt")
    advice.write_text("Section F: weekly speech therapy for 30 minutes.", encoding="utf-8")
    assert pane.open_document(advice)
    pane.remember_box.setChecked(True)
    assert page.select_plan(paed)  # the other return of the same plan: not its advice
    assert pane.document is None and not pane.remember_box.isChecked()
    assert page.select_plan(salt)  # back: the salt advice reopens beside the form
    assert pane.document is not None and pane.document.source_name == advice.name


def test_a_returns_session_says_returns_and_advice_not_plans(qtbot: Any, ctx: AppContext,
                                                             actor: Any) -> None:
    """The walk as a DCO: the page said "Score plans", "Plans in the sample", "Your audit
    of this plan" and the document pane "Open plan…" while the DCO scores advice."""
    page = open_page(qtbot, ctx, "P1")
    ui, pane = page.ui, page.plan_pane
    assert "Score advice returns" in ui.titleLabel.text()
    assert ui.planListLabel.text() == "Advice returns in the sa&mple"
    assert ui.progressGroup.title() == "Your audit of this return"
    assert pane.open_button.text() == "Open advice…"
    assert "advice return being scored" in pane.empty_label.text()
    assert "this return" in pane.remember_box.text()
    assert ui.planPaneButton.text() == "Show advice document"

    # a plan session on the same page: the plan words come back
    sessions.create_session(ctx.db, "Panel", "multi-agency-ehcp", dt.date(2025, 4, 1), actor)
    sessions.add_member(ctx.db, "Panel", "Dana", None, "auditor", actor)
    page.reload_sessions()
    page.open_session("Panel", member="Dana")
    assert "Score plans" in ui.titleLabel.text()
    assert ui.planListLabel.text() == "Plans in the sa&mple"
    assert pane.open_button.text() == "Open plan…"
    assert ui.planPaneButton.text() == "Show plan document"
