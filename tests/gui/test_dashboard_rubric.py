"""The Dashboard covers one rubric, chosen in its rubric picker; the % good chart and
the indicator chart draw the target in force each month as steps."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool

from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.dashboard_charts import HAVE_CHARTS
from qa_audit.gui.pages.dashboard_page import DashboardPage
from qa_audit.services import audits_import, reports
from qa_audit.services import rubrics as rubric_service
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests.gui.report_demo import DEMO_TODAY, demo_database
from tests.indicator_rubric import write_indicator_rubric

MA, PFA = "multi-agency-ehcp", "pfa-year9"


@pytest.fixture
def two_rubrics(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path,
                actor: Actor) -> Iterator[Database]:
    """The demo, multi-agency-ehcp v2 with indicators and a stepping target (latest
    version), and a June 2026 session on pfa-year9 with two agreed grades (7 and 3)."""
    db = demo_database(tmp_path_factory, tmp_path, actor)
    rubric_service.import_rubric_file(db, write_indicator_rubric(tmp_path), actor)
    con = sqlite3.connect(tmp_path / "demo.sqlite3")  # the copy demo_database opened
    refs = [r[0] for r in con.execute("SELECT plan_ref FROM plan ORDER BY plan_ref LIMIT 2")]
    con.close()
    csv = tmp_path / "pfa.csv"
    csv.write_text("session,rubric,plan_ref,auditor,audit_date,overall\n"
                   f"PfA review June 2026,{PFA},{refs[0]},panel,2026-06-15,7\n"
                   f"PfA review June 2026,{PFA},{refs[1]},panel,2026-06-15,3\n",
                   encoding="utf-8")
    audits_import.import_audits(db, csv, actor)
    yield db
    QThreadPool.globalInstance().waitForDone(30_000)
    db.dispose()


@pytest.fixture
def page(qtbot: Any, two_rubrics: Database, actor: Actor) -> DashboardPage:
    shown = DashboardPage(AppContext(two_rubrics, actor), today=lambda: DEMO_TODAY)
    qtbot.addWidget(shown)
    shown.resize(1280, 1100)
    with qtbot.waitSignal(shown.loaded, timeout=60_000):
        shown.show()
    return shown


def test_the_picker_changes_the_figures(qtbot: Any, page: DashboardPage,
                                        two_rubrics: Database) -> None:
    combo = page.rubric_combo
    # the demo's DCO deep dive (advice returns) is a session on a third rubric
    assert [combo.itemData(i) for i in range(combo.count())] == ["dco-health-advice", MA, PFA]
    assert combo.currentData() == MA  # the latest session in the 12 months is on MA
    assert page.figures is not None
    assert page.figures.trend.to_json() == \
        reports.trend(two_rubrics, "2025-12", "2026-11").to_json()
    assert page.figures.current is not None and page.figures.current.rubric_id == MA
    moderated_ma = page.figures.trend.plans_moderated

    with qtbot.waitSignal(page.loaded, timeout=60_000):
        combo.setCurrentIndex(combo.findData(PFA))
        combo.activated.emit(combo.findData(PFA))
    trend = page.figures.trend
    assert trend.to_json() == reports.trend(two_rubrics, "2025-12", "2026-11",
                                            rubric_id=PFA).to_json()
    assert (trend.rubric, trend.plans_moderated, trend.plans_good) == (PFA, 2, 1)
    assert trend.plans_moderated != moderated_ma
    assert page.run_chart.points == 1  # June only
    assert page.figures.current is not None and page.figures.current.session == \
        "PfA review June 2026"
    assert page.good_value.text() == "1 of 2"  # two plans: no bare percentage
    assert page.indicator_model.rowCount() == 0  # pfa-year9 declares no indicators
    assert page.figures.themes.to_json() == reports.themes(
        two_rubrics, "2025-12", "2026-11", rubric_id=PFA).to_json()  # themes follow it
    assert combo.currentData() == PFA


def test_the_indicator_chart_and_table(page: DashboardPage) -> None:
    assert page.figures is not None
    trend = page.figures.trend
    assert [i.id for i in trend.indicators] == ["health_info", "voice", "provision_quantified"]
    assert set(page.indicator_chart.lines) == {"health_info", "voice", "provision_quantified"}
    assert all(n == 11 for n in page.indicator_chart.lines.values())  # Nov not moderated
    # voice: 80% from January 2026, 90% from July: one run of steps; none in Dec 2025
    assert page.indicator_chart.target_runs["voice"] == 1
    if HAVE_CHARTS:
        names = page.indicator_chart.series_names()
        assert "Voice of the child and family" in names
        assert "Voice of the child and family: target" in names  # dashed, in its colour
    model = page.indicator_model
    assert model.rowCount() == 3
    columns = model.columns()
    row = {columns[c]: model.index(0, c).data() for c in range(len(columns))}
    total = trend.indicator_totals["health_info"]
    assert row["Indicator"] == "Good quality health information"
    assert row["Period: met of plans"] == f"{total.met} of {total.plans}"
    assert row["Target now"] == "100.0"


def test_the_run_chart_draws_the_target_in_force_each_month(page: DashboardPage) -> None:
    # the latest version's schedule: none before January 2026, 70% then, 80% from July
    targets = page.run_chart.targets
    assert targets[0] is None
    assert targets[1:7] == [70.0] * 6 and targets[7:] == [80.0] * 5
    assert page.run_chart.target_runs == 1
    assert page.run_chart.target == 80.0
