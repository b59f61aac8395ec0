"""The Plans page's detail: the Reviews tab follows the plan chosen in the register
(issue 18, "a Reviews tab on the plan's detail")."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import insert, select

from qa_audit.gui.context import AppContext
from qa_audit.gui.models.plan_table import COL_REF
from qa_audit.gui.pages.plan_detail import NO_PLAN_TEXT
from qa_audit.gui.pages.plans_page import PlansPage
from qa_audit.storage import models as m
from tests.gui.conftest import insert_plans, plan, unnamed_controls

D = dt.date


@pytest.fixture
def page(qtbot: Any, ctx: AppContext) -> PlansPage:
    """Two plans; AB1 has one annual review (held on its due date, decided 29 days on)."""
    insert_plans(ctx.db, [plan("AB1", D(2025, 5, 1)), plan("CD2", D(2025, 6, 1))])
    with ctx.db.write() as s:
        pid = s.scalar(select(m.Plan.id).where(m.Plan.plan_ref == "AB1"))
        s.execute(insert(m.AnnualReview), [
            {"plan_id": pid, "due_date": D(2026, 5, 1), "meeting_date": D(2026, 5, 1),
             "decision": "maintain", "decision_date": D(2026, 5, 30), "version": 1}])
    widget = PlansPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    if widget.loading():
        with qtbot.waitSignal(widget.loaded, timeout=10_000):
            pass
    return widget


def select_ref(page: PlansPage, ref: str) -> None:
    model = page.table.model()
    row = next(r for r in range(model.rowCount())
               if model.data(model.index(r, COL_REF)) == ref)
    page.table.selectRow(row)


def test_the_reviews_tab_follows_the_selected_plan(qtbot: Any, page: PlansPage) -> None:
    detail = page.detail
    assert detail.isVisible()
    assert detail.tabText(0).replace("&", "") == "Reviews and feedback"
    assert detail.heading.text() == NO_PLAN_TEXT
    assert detail.reviews.plan_ref is None
    assert not detail.reviews.add_button.isEnabled()

    select_ref(page, "AB1")
    assert detail.reviews.plan_ref == "AB1"
    assert detail.heading.text() == "Plan AB1"
    assert detail.reviews.reviews_model.rowCount() == 1
    assert detail.reviews.reviews_model.index(0, 6).data() == ("held by the due date; decided "
                                                        "after 4 weeks")
    assert detail.reviews.add_button.isEnabled()

    select_ref(page, "CD2")
    assert detail.reviews.plan_ref == "CD2"
    assert detail.reviews.reviews_model.rowCount() == 0

    # a search that matches nothing: no plan is chosen, and the detail steps aside
    page.search.setText("no such plan")
    page.refresh()
    if page.loading():
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            pass
    assert page.model.rowCount() == 0
    assert detail.reviews.plan_ref is None
    assert not detail.isVisible()
    assert unnamed_controls(detail) == []


def test_an_empty_register_shows_no_detail(qtbot: Any, ctx: AppContext) -> None:
    widget = PlansPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.body.currentWidget() is widget.empty_state
    assert not widget.detail.isVisible()
