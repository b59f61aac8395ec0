"""The Plans page: search as you type (debounced), combo filters, count, empty state."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QToolBar

from qa_audit.gui.context import AppContext
from qa_audit.gui.models.plan_table import COL_REF
from qa_audit.gui.pages import plans_page
from qa_audit.gui.pages.plans_page import EMPTY_MESSAGE, PlansPage, count_text
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests.gui.conftest import DialogRecorder, insert_plans, plan, unnamed_controls


@pytest.fixture
def page(qtbot: Any, plans_db: Database, actor: Actor) -> PlansPage:
    widget = PlansPage(AppContext(plans_db, actor))
    qtbot.addWidget(widget)
    return widget


def shown_refs(page: PlansPage) -> list[str]:
    proxy = page.proxy
    return sorted(proxy.data(proxy.index(r, COL_REF)) for r in range(proxy.rowCount()))


def choose(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    assert index > 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def test_count_text() -> None:
    assert count_text(412, 37) == "412 plans, 37 shown"
    assert count_text(1, 1) == "1 plan, 1 shown"
    assert count_text(1250, 0) == "1,250 plans, 0 shown"


def test_shows_every_plan_with_count(page: PlansPage) -> None:
    assert shown_refs(page) == ["P-001", "P-002", "P-003", "P-004", "P-005", "P-006"]
    assert page.count_label.text() == "6 plans, 6 shown"
    assert page.body.currentWidget() is page.table


def test_newest_issued_first(page: PlansPage) -> None:
    assert page.proxy.data(page.proxy.index(0, COL_REF)) == "P-005"


def test_search_filters_as_you_type(qtbot: Any, page: PlansPage) -> None:
    qtbot.keyClicks(page.search, "sam lee")
    qtbot.waitUntil(lambda: shown_refs(page) == ["P-002", "P-005"], timeout=3000)
    assert page.count_label.text() == "6 plans, 2 shown"


def test_search_is_debounced(qtbot: Any, page: PlansPage, monkeypatch: pytest.MonkeyPatch) -> None:
    queries: list[str] = []
    real = plans_page.plans.list_plans

    def counting(db: Database, flt: Any = None, limit: int | None = None) -> Any:
        queries.append(flt.text)
        return real(db, flt, limit)

    monkeypatch.setattr(plans_page.plans, "list_plans", counting)
    qtbot.keyClicks(page.search, "P-00")
    qtbot.waitUntil(lambda: queries == ["P-00"], timeout=3000)


def test_combo_filters(qtbot: Any, page: PlansPage) -> None:
    choose(page.team_combo, "North")
    assert shown_refs(page) == ["P-001", "P-003"]
    choose(page.need_combo, "ASD")
    assert shown_refs(page) == ["P-001"]
    page.clear_button.click()
    assert len(shown_refs(page)) == 6
    choose(page.phase_combo, "early_years")
    assert shown_refs(page) == ["P-003", "P-005"]
    assert page.phase_combo.currentText() == "Early years"


def test_text_and_combo_together(qtbot: Any, page: PlansPage) -> None:
    choose(page.team_combo, "South")
    qtbot.keyClicks(page.search, "Kingsway")
    qtbot.waitUntil(lambda: shown_refs(page) == ["P-002"], timeout=3000)


def test_no_match_keeps_table_and_says_so(qtbot: Any, page: PlansPage) -> None:
    qtbot.keyClicks(page.search, "no such plan")
    qtbot.waitUntil(lambda: page.count_label.text() == "6 plans, 0 shown", timeout=3000)
    assert page.body.currentWidget() is page.table


def test_empty_register_shows_guidance(qtbot: Any, db: Database, actor: Actor) -> None:
    page = PlansPage(AppContext(db, actor))
    qtbot.addWidget(page)
    assert page.body.currentWidget() is page.empty_state
    assert page.empty_label.text() == EMPTY_MESSAGE
    assert page.count_label.text() == "0 plans, 0 shown"


def test_refreshes_when_plans_change(qtbot: Any, page: PlansPage) -> None:
    insert_plans(page.ctx.db, [plan("P-100", dt.date(2026, 4, 1), team="Post-16")])
    page.ctx.notify("plans")
    assert "P-100" in shown_refs(page)
    assert page.team_combo.findData("Post-16") > 0


def test_ignores_unrelated_changes(page: PlansPage, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(page, "reload", lambda: calls.append("reload"))
    page.ctx.notify("rubrics")
    assert calls == []


def test_keeps_filter_choice_across_refresh(page: PlansPage) -> None:
    choose(page.team_combo, "South")
    page.ctx.notify("plans")
    assert page.team_combo.currentData() == "South"
    assert shown_refs(page) == ["P-002", "P-005"]


def test_demo_button_loads_and_notifies(qtbot: Any, db: Database, actor: Actor,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    page = PlansPage(AppContext(db, actor))
    qtbot.addWidget(page)

    def fake_demo(_parent: Any, demo_db: Database, _actor: Actor) -> str:
        insert_plans(demo_db, [plan("DEMO-1", dt.date(2026, 1, 1))])
        return "Demo data loaded"

    monkeypatch.setattr(plans_page.database_actions, "load_demo_data", fake_demo)
    with qtbot.waitSignal(page.ctx.status_message):
        page.demo_button.click()
    assert shown_refs(page) == ["DEMO-1"]
    assert page.body.currentWidget() is page.table


def test_database_problem_is_shown_not_raised(page: PlansPage, no_dialogs: DialogRecorder,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from qa_audit.errors import DatabaseBusy

    def busy(*_args: Any, **_kwargs: Any) -> Any:
        raise DatabaseBusy("The database is busy: another user is saving.")

    monkeypatch.setattr(plans_page.plans, "count_plans", busy)
    page.refresh()
    assert not page.problem_label.isHidden()
    assert "busy" in page.problem_label.text()


def test_toolbar_is_there_for_more_actions(page: PlansPage) -> None:
    assert isinstance(page.toolbar, QToolBar)


def test_every_control_has_an_accessible_name(page: PlansPage) -> None:
    assert unnamed_controls(page) == []
