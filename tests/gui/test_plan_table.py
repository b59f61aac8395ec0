"""The plan table model: Qt's model contract, UK display formats, sorting by value."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from qa_audit.gui.models.plan_table import (
    COL_AUDITS,
    COL_DIRECT_PAYMENTS,
    COL_ISSUED,
    COL_PHASE,
    COL_REF,
    COL_REQUESTED,
    COL_WEEKS,
    COL_YEAR,
    HEADERS,
    PLAN_ROW_ROLE,
    SORT_ROLE,
    PlanTableModel,
    display_text,
    order_rows,
    sort_key,
)
from qa_audit.services.plans import PlanRow


def row(ref: str, issue: dt.date, **fields: Any) -> PlanRow:
    values: dict[str, Any] = {
        "plan_ref": ref, "issue_date": issue, "request_date": None, "plan_type": "new",
        "year_group": None, "phase": None, "primary_need": None, "setting": None,
        "setting_type": None, "team": None, "caseworker": None, "direct_payments": None,
        "audits": 0,
    }
    values.update(fields)
    return PlanRow(**values)


ROWS = [
    row("A", dt.date(2026, 2, 5), request_date=dt.date(2025, 8, 14), year_group=-2,
        direct_payments=True, phase="early_years", audits=2),
    row("B", dt.date(2026, 1, 10), year_group=0, direct_payments=False, phase="post16"),
    row("C", dt.date(2025, 12, 25), request_date=dt.date(2025, 9, 1), year_group=11),
    row("D", dt.date(2026, 1, 9), year_group=-1),
]


@pytest.fixture
def model(qtbot: Any) -> PlanTableModel:
    model = PlanTableModel()
    model.set_rows(ROWS)
    return model


def text(model: PlanTableModel, r: int, c: int) -> str:
    return model.data(model.index(r, c))


def test_model_passes_qt_model_tester(qtmodeltester: Any, model: PlanTableModel) -> None:
    qtmodeltester.check(model)


def test_empty_model_passes_qt_model_tester(qtmodeltester: Any) -> None:
    qtmodeltester.check(PlanTableModel())


def test_set_rows_resets(qtbot: Any, model: PlanTableModel) -> None:
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(ROWS[:1])
    assert model.rowCount() == 1
    assert model.columnCount() == len(HEADERS)


def test_dates_are_uk_style(model: PlanTableModel) -> None:
    assert text(model, 0, COL_ISSUED) == "05/02/2026"
    assert text(model, 0, COL_REQUESTED) == "14/08/2025"
    assert text(model, 1, COL_REQUESTED) == ""


def test_year_groups_as_written_in_schools(model: PlanTableModel) -> None:
    assert [text(model, r, COL_YEAR) for r in range(4)] == ["N1", "R", "Y11", "N2"]


def test_direct_payments_yes_no_blank(model: PlanTableModel) -> None:
    assert [text(model, r, COL_DIRECT_PAYMENTS) for r in range(3)] == ["Yes", "No", ""]


def test_phase_labels(model: PlanTableModel) -> None:
    assert text(model, 0, COL_PHASE) == "Early years"
    assert text(model, 1, COL_PHASE) == "Post-16"


def test_weeks_over_twenty_are_highlighted(model: PlanTableModel) -> None:
    late = model.index(0, COL_WEEKS)  # 14/08/2025 -> 05/02/2026: 25 weeks
    on_time = model.index(2, COL_WEEKS)  # 01/09/2025 -> 25/12/2025: 16 weeks
    assert model.data(late) == "25"
    assert isinstance(model.data(late, Qt.ItemDataRole.BackgroundRole), QBrush)
    assert "20-week" in model.data(late, Qt.ItemDataRole.ToolTipRole)
    assert model.data(on_time) == "16"
    assert model.data(on_time, Qt.ItemDataRole.BackgroundRole) is None


def test_row_role_gives_the_plan(model: PlanTableModel) -> None:
    assert model.data(model.index(2, COL_REF), PLAN_ROW_ROLE) is ROWS[2]


def refs(model: PlanTableModel) -> list[str]:
    return [text(model, r, COL_REF) for r in range(model.rowCount())]


def test_dates_sort_as_dates_not_text(model: PlanTableModel) -> None:
    model.sort(COL_ISSUED, Qt.SortOrder.AscendingOrder)
    # as text "05/02/2026" < "09/01/2026" < "10/01/2026" < "25/12/2025" would be A, D, B, C
    assert refs(model) == ["C", "D", "B", "A"]


def test_year_group_and_numbers_sort_by_value(model: PlanTableModel) -> None:
    model.sort(COL_YEAR, Qt.SortOrder.AscendingOrder)
    assert [text(model, r, COL_YEAR) for r in range(4)] == ["N1", "N2", "R", "Y11"]
    model.sort(COL_AUDITS, Qt.SortOrder.DescendingOrder)
    assert text(model, 0, COL_REF) == "A"


def test_equal_keys_keep_the_query_order_both_ways(qtbot: Any) -> None:
    """Stable like the proxy it replaces: ties stay in the register query's order, and
    a later sort starts from that order, not from the previous sort's."""
    model = PlanTableModel()
    model.set_rows(ROWS)
    model.sort(COL_AUDITS, Qt.SortOrder.DescendingOrder)  # A has 2, the rest 0
    assert refs(model) == ["A", "B", "C", "D"]
    model.sort(COL_YEAR, Qt.SortOrder.AscendingOrder)
    model.sort(COL_AUDITS, Qt.SortOrder.AscendingOrder)
    assert refs(model) == ["B", "C", "D", "A"]


def test_new_rows_follow_the_current_sort(model: PlanTableModel) -> None:
    model.sort(COL_REF, Qt.SortOrder.DescendingOrder)
    model.set_rows(ROWS[:3])
    assert refs(model) == ["C", "B", "A"]
    assert model.sorting() == (COL_REF, Qt.SortOrder.DescendingOrder)
    presorted = order_rows(ROWS, COL_REF, Qt.SortOrder.DescendingOrder)
    model.set_rows(ROWS, presorted)  # sorted by the loading worker: used as given
    assert refs(model) == ["D", "C", "B", "A"]


def test_sort_moves_persistent_indexes_with_their_rows(model: PlanTableModel) -> None:
    kept = QPersistentModelIndex(model.index(1, COL_YEAR))  # B, "R"
    model.sort(COL_ISSUED, Qt.SortOrder.AscendingOrder)  # C, D, B, A
    assert kept.row() == 2 and kept.column() == COL_YEAR
    assert kept.data() == "R"


def test_model_passes_qt_model_tester_after_sorting(qtmodeltester: Any,
                                                   model: PlanTableModel) -> None:
    model.sort(COL_WEEKS, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_sort_role_matches_the_sort_key(model: PlanTableModel) -> None:
    for column in range(len(HEADERS)):
        for r in range(model.rowCount()):
            index = model.index(r, column)
            assert model.data(index, SORT_ROLE) == sort_key(model.row_at(r), column)
            assert model.data(index) == display_text(model.row_at(r), column)


# ------------------------------------------------- 20-week flag and custom fields

LATE_ROWS = [
    row("N140", dt.date(2026, 5, 21), request_date=dt.date(2026, 1, 1)),   # 140 days
    row("N141", dt.date(2026, 5, 22), request_date=dt.date(2026, 1, 1)),   # 141 days
    row("AM300", dt.date(2026, 10, 28), request_date=dt.date(2026, 1, 1), plan_type="amended"),
]


def test_late_flag_is_beyond_140_days_and_new_plans_only(qtbot: Any) -> None:
    model = PlanTableModel()
    model.set_rows(LATE_ROWS)
    flagged = {model.data(model.index(r, COL_REF)):
               model.data(model.index(r, COL_WEEKS), Qt.ItemDataRole.BackgroundRole) is not None
               for r in range(model.rowCount())}
    assert flagged == {"N140": False, "N141": True, "AM300": False}
    tips = {model.data(model.index(r, COL_REF)):
            model.data(model.index(r, COL_WEEKS), Qt.ItemDataRole.ToolTipRole)
            for r in range(model.rowCount())}
    assert tips["N141"] == "141 days (20 weeks 1 day): over the 20-week limit"
    assert tips["N140"] == "140 days (20 weeks): within 20 weeks"


def test_custom_fields_are_extra_sortable_columns(qtbot: Any) -> None:
    rows = [
        row("A", dt.date(2026, 1, 1), custom={"looked_after": "yes", "band": "10"}),
        row("B", dt.date(2026, 1, 2), custom={"band": "9"}),
        row("C", dt.date(2026, 1, 3)),
    ]
    model = PlanTableModel()
    model.set_rows(rows)
    assert model.custom_fields() == ["band", "looked_after"]
    assert model.columnCount() == len(HEADERS) + 2
    band, looked = len(HEADERS), len(HEADERS) + 1
    horizontal = Qt.Orientation.Horizontal
    assert model.headerData(looked, horizontal) == "Looked after"
    assert "looked_after" in model.headerData(looked, horizontal, Qt.ItemDataRole.ToolTipRole)
    by_ref = {model.data(model.index(r, COL_REF)): r for r in range(3)}
    assert model.data(model.index(by_ref["A"], looked)) == "yes"
    assert model.data(model.index(by_ref["C"], looked)) == ""
    model.sort(band, Qt.SortOrder.AscendingOrder)  # blanks first, then 9 before 10 (numbers)
    assert [model.data(model.index(r, COL_REF)) for r in range(3)] == ["C", "B", "A"]
    assert order_rows(rows, band, Qt.SortOrder.DescendingOrder)[0].plan_ref == "A"
