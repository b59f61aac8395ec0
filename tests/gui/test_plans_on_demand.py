"""Issue 16 item 8: the Plans page reads the register a page at a time.

The first load holds one page (``plan_register.FIRST_PAGE``) of a larger register;
scrolling to the end (``fetchMore``) reads the next in the background; a sort while
only some rows are held is the database's, with the same keys as the table's own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from qa_audit.gui.context import AppContext
from qa_audit.gui.models.plan_table import (
    BUILTIN_COLUMNS,
    COL_ISSUED,
    COL_REF,
    PlanTableModel,
    order_rows,
)
from qa_audit.gui.pages.plans_page import PlansPage
from qa_audit.services import plan_register, plans
from qa_audit.services.actor import Actor
from qa_audit.services.plan_order import SORT_FIELDS
from qa_audit.services.plans import PlanFilter
from qa_audit.storage.engine import Database
from tests.gui.conftest import insert_plans, plan

MANY = plan_register.FIRST_PAGE * 2 + 50


def varied(i: int) -> dict[str, Any]:
    """Plans with repeated dates and blanks, so ties and blanks are sorted too."""
    return plan(f"V-{(i * 37) % 1000:04d}", dt.date(2024, 1, 1) + dt.timedelta(days=i % 40),
                request_date=None if i % 5 == 0 else dt.date(2023, 6, 1)
                + dt.timedelta(days=i % 90),
                plan_type=("new", "amended", "Transfer")[i % 3],
                year_group=None if i % 7 == 0 else i % 14 - 2,
                phase=(None, "primary", "secondary", "early_years", "post16")[i % 5],
                primary_need=(None, "ASD", "SLCN", "semh")[i % 4],
                setting=None if i % 6 == 0 else f"School {'abcXYZ'[i % 6]}{i % 3}",
                setting_type=(None, "mainstream", "Special")[i % 3],
                team=(None, "North", "south", "East")[i % 4],
                caseworker=None if i % 9 == 0 else f"Worker {i % 11}",
                direct_payments=(None, True, False)[i % 3])


@pytest.fixture
def many_db(db: Database) -> Database:
    insert_plans(db, [varied(i) for i in range(MANY)])
    return db


def settle(qtbot: Any, page: PlansPage) -> None:
    if page.loading():
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            pass


def refs(model: PlanTableModel) -> list[str]:
    return [model.row_at(r).plan_ref for r in range(model.rowCount())]


def test_first_load_holds_one_page_then_fetches_more(qtbot: Any, many_db: Database,
                                                     actor: Actor) -> None:
    page = PlansPage(AppContext(many_db, actor))
    qtbot.addWidget(page)
    settle(qtbot, page)
    model = page.model
    assert model.rowCount() == plan_register.FIRST_PAGE < MANY
    assert model.matched() == MANY and model.canFetchMore()
    assert page.count_label.text() == f"{MANY} plans, {MANY} shown"
    first = refs(model)
    with qtbot.waitSignal(model.rowsInserted, timeout=10_000):
        model.fetchMore()
    assert model.rowCount() == MANY  # the rest (fewer than a page)
    assert not model.canFetchMore()
    every = refs(model)
    assert every[:len(first)] == first and len(set(every)) == MANY
    whole = plans.list_plans(many_db)  # the register's own order, all at once
    assert every == [r.plan_ref for r in whole]


def test_a_sort_while_partly_held_reads_the_first_page_in_that_order(
        qtbot: Any, many_db: Database, actor: Actor) -> None:
    page = PlansPage(AppContext(many_db, actor))
    qtbot.addWidget(page)
    settle(qtbot, page)
    page.table.sortByColumn(COL_REF, Qt.SortOrder.AscendingOrder)
    assert page.loading()  # the database sorts: a new first page
    settle(qtbot, page)
    every = sorted(r.plan_ref for r in plans.list_plans(many_db))
    assert refs(page.model) == every[:plan_register.FIRST_PAGE]


def test_model_asks_for_more_only_when_it_holds_part(qtbot: Any, many_db: Database) -> None:
    rows = plans.list_plans(many_db)
    model = PlanTableModel()
    model.sort(COL_ISSUED, Qt.SortOrder.DescendingOrder)
    asked: list[int] = []
    model.more_wanted.connect(asked.append)
    model.set_page(rows[:10], len(rows), [])
    assert model.rowCount() == 10 < len(rows)
    model.fetchMore()
    model.fetchMore()  # one question at a time
    assert asked == [10]
    model.append_rows(rows[10:20])
    assert model.rowCount() == 20 and model.canFetchMore()
    with qtbot.waitSignal(model.sort_wanted):
        model.sort(COL_REF, Qt.SortOrder.AscendingOrder)
    assert refs(model) == [r.plan_ref for r in rows[:20]]  # not sorted in memory: part only
    model.set_rows(rows[:5])  # every row held: sorted in memory
    assert not model.canFetchMore()


def test_sort_fields_follow_the_columns() -> None:
    assert len(SORT_FIELDS) == len(BUILTIN_COLUMNS)


def test_the_database_sorts_as_the_table_does(qtbot: Any, many_db: Database) -> None:
    """Every column, both ways: the database's order is the table's in-memory order."""
    whole = plans.list_plans(many_db)
    for column in range(len(BUILTIN_COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model = PlanTableModel()
            model.sort(column, order)
            by_sql = plans.list_plans(many_db, PlanFilter(), order=model.order())
            expected = order_rows(whole, column, order)
            assert [r.plan_ref for r in by_sql] == [r.plan_ref for r in expected], (column,
                                                                                    order)


def test_a_filtered_page_counts_what_it_keeps(many_db: Database) -> None:
    flt = PlanFilter(team="North")
    read = plan_register.read_register(many_db, flt, True, progress=lambda *_: None, limit=50)
    kept = plans.list_plans(many_db, flt)
    assert (read.total, read.matched, len(read.rows)) == (MANY, len(kept), 50)
    assert [r.plan_ref for r in read.rows] == [r.plan_ref for r in kept[:50]]
    assert read.choices is not None and read.choices["team"] == ["East", "North", "south"]


def test_a_custom_field_sorts_in_the_database_as_text(qtbot: Any, many_db: Database) -> None:
    from sqlalchemy import update

    from qa_audit.storage import models as m

    with many_db.write() as session:  # text values, some blank: compared as the table does
        for i, value in enumerate(("beta", "Alpha", "", "gamma")):
            session.execute(update(m.Plan).where(m.Plan.id % 4 == i)
                            .values(custom_fields=f'{{"status": "{value}"}}' if value else None))
    whole = plans.list_plans(many_db)
    model = PlanTableModel()
    model.set_page(whole[:10], len(whole), plans.custom_field_names(many_db))
    column = len(BUILTIN_COLUMNS)  # the custom column
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(column, order)
        by_sql = plans.list_plans(many_db, PlanFilter(), order=model.order())
        expected = order_rows(whole, column, order, ["status"])
        assert [r.plan_ref for r in by_sql] == [r.plan_ref for r in expected]
