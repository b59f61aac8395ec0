"""The Scorecard page's editor of the council's targets: a step set and removed through
the service (so logged), and the grid judged against it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDate

from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages import board_targets_presenter as presenter
from qa_audit.gui.pages.board_targets_box import BoardTargetsBox
from qa_audit.services import board_targets
from tests.gui.conftest import unnamed_controls


def test_presenter_reads_percentages() -> None:
    assert presenter.parse_percent(" 92.5% ") == 92.5
    with pytest.raises(UserError, match="such as 90"):
        presenter.parse_percent("ninety")
    assert presenter.kpi_choices()[0] == ("New plans issued within 20 weeks", "within_20_weeks")


def test_pages_that_show_targets_refresh_on_a_change() -> None:
    from qa_audit.gui.pages import dashboard_page, scorecard_page

    assert "targets" in dashboard_page.REFRESH_ON and "targets" in scorecard_page.REFRESH_ON


def test_box_sets_and_removes_a_step(qtbot: Any, ctx: AppContext) -> None:
    box = BoardTargetsBox(ctx)
    qtbot.addWidget(box)
    box.refresh()
    assert box.model.rowCount() == 0
    box.kpi_combo.setCurrentIndex(box.kpi_combo.findData("feedback_satisfied"))
    box.from_edit.setDate(QDate(2026, 4, 1))
    box.percent_edit.setText("75")
    with qtbot.waitSignal(ctx.data_changed, check_params_cb=lambda what: what == "targets"):
        box.set_button.click()
    assert [(r.kpi, r.from_date, r.percent) for r in board_targets.list_targets(ctx.db)] == [
        ("feedback_satisfied", dt.date(2026, 4, 1), 75.0)]
    assert [box.model.index(0, c).data() for c in range(3)] == [
        "Families and settings satisfied (rating 4 or 5)", "01/04/2026", "75%"]
    box.table.selectionModel().select(
        box.table.model().index(0, 0),
        box.table.selectionModel().SelectionFlag.ClearAndSelect
        | box.table.selectionModel().SelectionFlag.Rows)
    box.remove_button.click()
    assert board_targets.list_targets(ctx.db) == [] and box.model.rowCount() == 0
    assert unnamed_controls(box) == []
