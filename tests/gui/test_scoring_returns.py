"""The Scoring page shows the advice return being scored in a DCO session (issue 17):
its service, requested and received dates and days taken, from the advice register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.scoring_page import ScoringPage
from qa_audit.services import sessions
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


def test_the_side_panel_shows_each_sampled_return_of_the_plan(qtbot: Any,
                                                              ctx: AppContext) -> None:
    page = open_page(qtbot, ctx, "P1")
    box = page.returns_box
    assert page.plan_ref == "P1"
    assert box.group.isVisible()
    assert box.group.title() == "Advice returns"  # two returns of P1 are in the sample
    text = box.label.text()
    assert "Speech and language therapy" in text and "Paediatrics" in text
    assert "06/01/2025" in text and "17/02/2025" in text
    assert "42 days, within 6 weeks" in text  # 6 Jan -> 17 Feb
    assert "54 days, late" in text  # 6 Jan -> 1 Mar
    assert "Speech and language therapy: requested 6 Jan 2025" in \
        box.label.accessibleDescription()

    assert page.select_plan("P2")
    assert box.group.title() == "Advice return"
    assert "Occupational therapy" in box.label.text()
    assert "21 days, within 6 weeks" in box.label.text()
    assert "Paediatrics" not in box.label.text()


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
