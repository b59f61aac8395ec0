"""The Reports page's "Export answers for analysts…" (issue 18 item 5): the file dialog
(monkeypatched), the background job, the file it writes, and the clear message when
pandas is missing (the desktop bundle)."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt, QThreadPool
from PySide6.QtWidgets import QFileDialog

from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.reports_page import ReportsPage
from qa_audit.gui.reports.answers_action import BUTTON_TEXT, answers_path, dialog_title
from qa_audit.services import answers_export
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests import answers_data
from tests.gui.conftest import DialogRecorder


@pytest.fixture(autouse=True)
def _jobs_finish() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(30_000)


@pytest.fixture
def page(qtbot: Any, db: Database, actor: Actor, tmp_path: Path) -> ReportsPage:
    answers_data.build(db, actor, tmp_path)
    widget = ReportsPage(AppContext(db, actor), output_folder=tmp_path / "out")
    qtbot.addWidget(widget)
    widget.from_edit.setDate(QDate(2026, 10, 1))
    widget.to_edit.setDate(QDate(2026, 11, 1))
    widget.show()
    return widget


def _dialog(monkeypatch: pytest.MonkeyPatch, answer: str, selected: str = "") -> list[str]:
    asked: list[str] = []

    def fake(_parent: Any, title: str, suggested: str, _filters: str) -> tuple[str, str]:
        asked.extend([title, suggested])
        return answer, selected
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def test_the_button_exports_the_period_in_the_background(
        qtbot: Any, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_dialogs: DialogRecorder) -> None:
    action = page.answers_export
    assert action.button.text() == BUTTON_TEXT and action.button.isVisibleTo(page)
    asked = _dialog(monkeypatch, str(tmp_path / "mine"), "CSV for Power BI (*.csv)")
    qtbot.mouseClick(action.button, Qt.MouseButton.LeftButton)
    assert asked == [dialog_title("2026-10", "2026-11", None),
                     str(tmp_path / "out" / "answers 2026-10 to 2026-11.xlsx")]
    assert asked[0] == ("Export answers for analysts: sessions dated 2026-10 to 2026-11, "
                        "every rubric")
    qtbot.waitUntil(lambda: action.job is None, timeout=30_000)
    assert no_dialogs.calls == []
    out = tmp_path / "mine.csv"  # the chosen type's suffix added
    with out.open(encoding="utf-8-sig", newline="") as f:
        got = [(r["session"], r["plan_ref"], r["question_id"]) for r in csv.DictReader(f)]
    assert len(got) == 5 and got[0] == ("Nov panel", "P1", "quantified")
    assert action.last is not None and action.last.answers == 5
    assert page.status_label.text() == f"Exported: {action.last.describe()}"
    assert action.button.isEnabled()


def test_an_xlsx_and_a_cancelled_dialog(qtbot: Any, page: ReportsPage, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _dialog(monkeypatch, "")
    assert not page.answers_export.export()
    _dialog(monkeypatch, str(tmp_path / "a.xlsx"), "CSV for Power BI (*.csv)")
    assert page.answers_export.export()
    qtbot.waitUntil(lambda: page.answers_export.job is None, timeout=30_000)
    rows = list(openpyxl.load_workbook(tmp_path / "a.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == 6


def test_missing_pandas_says_so_before_any_dialog(page: ReportsPage,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  no_dialogs: DialogRecorder) -> None:
    asked = _dialog(monkeypatch, "never.xlsx")
    monkeypatch.setitem(sys.modules, "pandas", None)
    assert not page.answers_export.export()
    assert asked == []
    assert no_dialogs.calls == [("warning", "Analysts' export unavailable",
                                 answers_export.PANDAS_MISSING)]
    assert "run `qa-audit report answers` from the installed command line" in \
        answers_export.PANDAS_MISSING


def test_answers_path_keeps_a_typed_suffix() -> None:
    assert answers_path("/x/a.CSV", "Excel workbook (*.xlsx)") == Path("/x/a.CSV")
    assert answers_path("/x/a", "Excel workbook (*.xlsx)") == Path("/x/a.xlsx")



def test_no_second_export_while_one_runs(page: ReportsPage,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _dialog(monkeypatch, "never.xlsx")
    monkeypatch.setattr(page, "busy", lambda: True)
    assert not page.answers_export.export()
    assert asked == [] and "Wait for the file being written" in page.status_label.text()


def test_the_rubric_chosen_for_a_period_report_filters_the_export(
        qtbot: Any, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page.select_kind("trend")
    assert page.select_rubric("dco-health-advice")
    asked = _dialog(monkeypatch, str(tmp_path / "dco.csv"))
    assert page.answers_export.export()
    qtbot.waitUntil(lambda: page.answers_export.job is None, timeout=30_000)
    assert asked[0].endswith("rubric dco-health-advice")
    with (tmp_path / "dco.csv").open(encoding="utf-8-sig", newline="") as f:
        assert [(r["advice_service"], r["value"]) for r in csv.DictReader(f)] == \
            [("salt", "Y"), ("paediatrics", "N")]
    page.select_kind("key-issues")  # no rubric choice there: every rubric
    _dialog(monkeypatch, str(tmp_path / "all.csv"))
    assert page.answers_export.export()
    qtbot.waitUntil(lambda: page.answers_export.job is None, timeout=30_000)
    assert page.answers_export.last is not None and page.answers_export.last.answers == 5
