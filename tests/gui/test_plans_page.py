"""The Plans page: search as you type (debounced), combo filters, count, empty state,
and loading in the background (a county register is 60,000 plans)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QToolBar

from qa_audit.gui.context import AppContext
from qa_audit.gui.models.plan_table import COL_ISSUED, COL_REF, PlanTableModel
from qa_audit.gui.pages import plans_page
from qa_audit.gui.pages.plans_page import EMPTY_MESSAGE, PlansPage, count_text
from qa_audit.services import plan_register
from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.storage.engine import Database
from tests.gui.conftest import (
    DialogRecorder,
    drain_background,
    insert_plans,
    plan,
    unnamed_controls,
)


def settle(qtbot: Any, page: PlansPage) -> None:
    """Wait for the background load; results arrive only through the event loop, so
    checking ``loading()`` first cannot miss the signal."""
    if page.loading():
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            pass


@pytest.fixture
def page(qtbot: Any, plans_db: Database, actor: Actor) -> PlansPage:
    widget = PlansPage(AppContext(plans_db, actor))
    qtbot.addWidget(widget)
    settle(qtbot, widget)
    return widget


def shown_refs(page: PlansPage) -> list[str]:
    model = page.table.model()
    return sorted(model.data(model.index(r, COL_REF)) for r in range(model.rowCount()))


def choose(qtbot: Any, page: PlansPage, combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    assert index > 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)
    settle(qtbot, page)


def test_count_text() -> None:
    assert count_text(412, 37) == "412 plans, 37 shown"
    assert count_text(1, 1) == "1 plan, 1 shown"
    assert count_text(1250, 0) == "1,250 plans, 0 shown"


def test_shows_every_plan_with_count(page: PlansPage) -> None:
    assert shown_refs(page) == ["P-001", "P-002", "P-003", "P-004", "P-005", "P-006"]
    assert page.count_label.text() == "6 plans, 6 shown"
    assert page.body.currentWidget() is page.table


def test_newest_issued_first(page: PlansPage) -> None:
    model = page.table.model()
    assert model.data(model.index(0, COL_REF)) == "P-005"


def test_header_click_sorts_and_keeps_the_selection(qtbot: Any, page: PlansPage) -> None:
    model = page.table.model()
    # select through the selection model: ``selectRow`` follows the keyboard modifiers Qt
    # believes are held, which an earlier test's simulated Ctrl+Shift can leave behind
    page.table.selectionModel().select(
        model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)  # P-005, the newest
    page.table.sortByColumn(COL_REF, Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(r, COL_REF)) for r in range(3)] == ["P-001", "P-002",
                                                                      "P-003"]
    selected = page.table.selectionModel().selectedRows()
    assert [model.data(i) for i in selected] == ["P-005"]
    choose(qtbot, page, page.team_combo, "North")  # a new load keeps the chosen order
    assert [model.data(model.index(r, COL_REF)) for r in range(2)] == ["P-001", "P-003"]


def test_search_filters_as_you_type(qtbot: Any, page: PlansPage) -> None:
    qtbot.keyClicks(page.search, "sam lee")
    qtbot.waitUntil(lambda: shown_refs(page) == ["P-002", "P-005"], timeout=3000)
    assert page.count_label.text() == "6 plans, 2 shown"


def test_search_is_debounced(qtbot: Any, page: PlansPage, monkeypatch: pytest.MonkeyPatch) -> None:
    queries: list[str] = []
    real = plans_page.plans.list_plans

    def counting(db: Database, flt: Any = None, limit: int | None = None, **kw: Any) -> Any:
        queries.append(flt.text)
        return real(db, flt, limit, **kw)

    monkeypatch.setattr(plans_page.plans, "list_plans", counting)
    qtbot.keyClicks(page.search, "P-00")
    qtbot.waitUntil(lambda: queries == ["P-00"], timeout=3000)


def test_combo_filters(qtbot: Any, page: PlansPage) -> None:
    choose(qtbot, page, page.team_combo, "North")
    assert shown_refs(page) == ["P-001", "P-003"]
    choose(qtbot, page, page.need_combo, "ASD")
    assert shown_refs(page) == ["P-001"]
    page.clear_button.click()
    settle(qtbot, page)
    assert len(shown_refs(page)) == 6
    choose(qtbot, page, page.phase_combo, "early_years")
    assert shown_refs(page) == ["P-003", "P-005"]
    assert page.phase_combo.currentText() == "Early years"


def test_text_and_combo_together(qtbot: Any, page: PlansPage) -> None:
    choose(qtbot, page, page.team_combo, "South")
    qtbot.keyClicks(page.search, "Kingsway")
    qtbot.waitUntil(lambda: shown_refs(page) == ["P-002"], timeout=3000)


def test_no_match_keeps_table_and_says_so(qtbot: Any, page: PlansPage) -> None:
    qtbot.keyClicks(page.search, "no such plan")
    qtbot.waitUntil(lambda: page.count_label.text() == "6 plans, 0 shown", timeout=3000)
    assert page.body.currentWidget() is page.table


def test_empty_register_shows_guidance(qtbot: Any, db: Database, actor: Actor) -> None:
    page = PlansPage(AppContext(db, actor))
    qtbot.addWidget(page)
    assert not page.loading()  # nothing to load: no worker, the guidance shows at once
    assert page.body.currentWidget() is page.empty_state
    assert page.empty_label.text() == EMPTY_MESSAGE
    assert page.count_label.text() == "0 plans, 0 shown"


def test_refreshes_when_plans_change(qtbot: Any, page: PlansPage) -> None:
    insert_plans(page.ctx.db, [plan("P-100", dt.date(2026, 4, 1), team="Post-16")])
    page.ctx.notify("plans")
    settle(qtbot, page)
    assert "P-100" in shown_refs(page)
    assert page.team_combo.findData("Post-16") > 0


def test_ignores_unrelated_changes(page: PlansPage, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(page, "reload", lambda: calls.append("reload"))
    page.ctx.notify("rubrics")
    assert calls == []


def test_keeps_filter_choice_across_refresh(qtbot: Any, page: PlansPage) -> None:
    choose(qtbot, page, page.team_combo, "South")
    page.ctx.notify("plans")
    settle(qtbot, page)
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
    settle(qtbot, page)
    assert shown_refs(page) == ["DEMO-1"]
    assert page.body.currentWidget() is page.table


def test_database_problem_is_shown_not_raised(qtbot: Any, page: PlansPage,
                                              no_dialogs: DialogRecorder,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from qa_audit.errors import DatabaseBusy

    def busy(*_args: Any, **_kwargs: Any) -> Any:
        raise DatabaseBusy("The database is busy: another user is saving.")

    monkeypatch.setattr(plans_page.plans, "count_plans", busy)
    page.refresh()  # in the worker
    settle(qtbot, page)
    assert not page.problem_label.isHidden()
    assert "busy" in page.problem_label.text()
    assert page.busy_bar.isHidden()
    page.reload()  # on the GUI thread (the quick count that spots an empty register)
    assert not page.loading()
    assert "busy" in page.problem_label.text()
    assert no_dialogs.calls == []


def test_rows_load_off_the_gui_thread(qtbot: Any, plans_db: Database, actor: Actor,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    gui_thread = threading.current_thread()
    threads: list[threading.Thread] = []
    real = plans_page.plans.list_plans

    def recording(db: Database, flt: Any = None, limit: int | None = None, **kw: Any) -> Any:
        threads.append(threading.current_thread())
        return real(db, flt, limit, **kw)

    monkeypatch.setattr(plans_page.plans, "list_plans", recording)
    page = PlansPage(AppContext(plans_db, actor))
    qtbot.addWidget(page)
    assert page.loading()  # the constructor did not wait for rows
    assert page.count_label.text() == plans_page.LOADING_MESSAGE
    assert not page.busy_bar.isHidden()
    settle(qtbot, page)
    assert not page.loading() and page.model.rowCount() == 6
    assert page.busy_bar.isHidden()
    assert threads and all(t is not gui_thread for t in threads)


def test_a_newer_request_wins_over_a_running_load(qtbot: Any, page: PlansPage) -> None:
    page.refresh()
    choose(qtbot, page, page.team_combo, "North")  # drops the load just started
    assert not page.loading()
    assert shown_refs(page) == ["P-001", "P-003"]
    drain_background()  # the dropped job ends (it must not overwrite the rows)
    assert shown_refs(page) == ["P-001", "P-003"]


def _data_calls(qtbot: Any, db: Database, actor: Actor, count: int) -> int:
    """``data()`` calls while a page of ``count`` plans loads, shows and sorts."""
    insert_plans(db, [plan(f"B-{i:05d}", dt.date(2020, 1, 1) + dt.timedelta(days=i % 2000),
                           team=f"Team {i % 7}", setting=f"School {i % 300}")
                      for i in range(count)])
    calls = 0
    real = PlanTableModel.data

    def counting(self: PlanTableModel, index: Any, role: int = 0) -> Any:
        nonlocal calls
        calls += 1
        return real(self, index, role)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(PlanTableModel, "data", counting)
        page = PlansPage(AppContext(db, actor))
        qtbot.addWidget(page)
        page.resize(900, 500)
        page.show()
        settle(qtbot, page)
        page.table.sortByColumn(COL_REF, Qt.SortOrder.AscendingOrder)
        settle(qtbot, page)  # more rows than a page: the database sorts (a new first page)
        page.table.sortByColumn(COL_ISSUED, Qt.SortOrder.DescendingOrder)
        settle(qtbot, page)
        QApplication.processEvents()
        assert page.model.rowCount() == min(count, plan_register.FIRST_PAGE)
        page.close()
    return calls


def test_no_per_row_measuring_or_proxy_sorting(qtbot: Any, tmp_path: Path,
                                              actor: Actor) -> None:
    """Loading, showing and sorting ask ``data()`` about the visible cells only: a sort
    proxy or a measure of every row grows with the register (60,000 rows: seconds)."""
    sizes = {}
    for count in (600, 3000):  # both more than a first page: read alike
        made = database.initialise(str(tmp_path / f"p{count}.sqlite3"), actor).database
        try:
            sizes[count] = _data_calls(qtbot, made, actor, count)
        finally:
            made.dispose()
    assert 0 < sizes[3000] <= sizes[600] + 100, sizes


def test_toolbar_is_there_for_more_actions(page: PlansPage) -> None:
    assert isinstance(page.toolbar, QToolBar)


def test_every_control_has_an_accessible_name(page: PlansPage) -> None:
    assert unnamed_controls(page) == []


def test_searching_before_the_first_load_ends_still_fills_the_filters(
        qtbot: Any, plans_db: Database, actor: Actor) -> None:
    """A user who types a plan ref as soon as the page opens (the search fires before the
    register has loaded) still gets the team/need/phase choices: the dropped first load
    was the one that read them."""
    page = PlansPage(AppContext(plans_db, actor))
    qtbot.addWidget(page)
    assert page.loading()
    page.search.setText("P-00")
    page.refresh()  # the debounce timer ends (or Enter) while the first load runs
    settle(qtbot, page)
    assert page.team_combo.findData("North") > 0
    assert page.need_combo.count() > 1 and page.phase_combo.count() > 1


def test_a_failed_first_load_does_not_still_say_loading(
        qtbot: Any, plans_db: Database, actor: Actor, no_dialogs: DialogRecorder,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from qa_audit.errors import DatabaseBusy

    def busy(*_args: Any, **_kwargs: Any) -> Any:
        raise DatabaseBusy("The database is busy: another user is saving.")

    monkeypatch.setattr(plans_page.plans, "list_plans", busy)
    page = PlansPage(AppContext(plans_db, actor))
    qtbot.addWidget(page)
    settle(qtbot, page)
    assert "busy" in page.problem_label.text()
    assert page.count_label.text() != plans_page.LOADING_MESSAGE


def test_custom_fields_show_as_columns_and_are_searched(qtbot: Any, plans_db: Database,
                                                        actor: Actor) -> None:
    from sqlalchemy import update

    from qa_audit.storage import models as m

    with plans_db.write() as s:
        s.execute(update(m.Plan).where(m.Plan.plan_ref == "P-001")
                  .values(custom_fields='{"social_care_status":"Child in need"}'))
    widget = PlansPage(AppContext(plans_db, actor))
    qtbot.addWidget(widget)
    settle(qtbot, widget)
    model = widget.table.model()
    column = model.columnCount() - 1
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Social care status"
    values = {model.data(model.index(r, COL_REF)): model.data(model.index(r, column))
              for r in range(model.rowCount())}
    assert values["P-001"] == "Child in need"
    assert {v for ref, v in values.items() if ref != "P-001"} == {""}
    qtbot.keyClicks(widget.search, "child in")
    qtbot.waitUntil(lambda: shown_refs(widget) == ["P-001"], timeout=3000)
