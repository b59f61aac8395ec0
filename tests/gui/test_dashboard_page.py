"""The Dashboard page: the same figures objects as the reports, computed in the background."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool

from qa_audit.gui.context import AppContext
from qa_audit.gui.pages import dashboard_page
from qa_audit.gui.pages.dashboard_page import (
    HAVE_CHARTS,
    RAG_COLOURS,
    TOP_QUESTIONS,
    DashboardPage,
    last_months,
)
from qa_audit.services import dashboard_data, period_data, reports
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests.gui.conftest import unnamed_controls
from tests.gui.report_demo import CURRENT_SESSION, DEMO_TODAY, demo_database


@pytest.fixture(autouse=True)
def _jobs_finish() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(30_000)


@pytest.fixture
def demo_db(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path,
            actor: Actor) -> Iterator[Database]:
    db = demo_database(tmp_path_factory, tmp_path, actor)
    yield db
    QThreadPool.globalInstance().waitForDone(30_000)
    db.dispose()


def _page(qtbot: Any, db: Database, actor: Actor) -> DashboardPage:
    page = DashboardPage(AppContext(db, actor), today=lambda: DEMO_TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    return page


@pytest.fixture
def loaded(qtbot: Any, demo_db: Database, actor: Actor) -> DashboardPage:
    page = _page(qtbot, demo_db, actor)
    with qtbot.waitSignal(page.loaded, timeout=60_000):
        page.show()
    return page


def test_last_months() -> None:
    assert last_months(DEMO_TODAY) == ("2025-12", "2026-11")
    assert last_months(DEMO_TODAY.replace(month=1)) == ("2025-02", "2026-01")


def test_the_page_paints_at_once_with_a_loading_state(qtbot: Any, demo_db: Database,
                                                      actor: Actor) -> None:
    page = _page(qtbot, demo_db, actor)
    assert page.figures is None
    assert not page.busy()  # nothing is computed until the page is shown
    with qtbot.waitSignal(page.loaded, timeout=60_000):
        page.show()
        assert page.busy()
        assert page.busy_bar.isVisible()
        assert page.status_label.text() == "Loading figures…"
        assert not page.refresh_button.isEnabled()
    assert not page.busy_bar.isVisible()
    assert page.refresh_button.isEnabled()


def test_headline_is_the_key_issues_figures_of_the_current_session(
        loaded: DashboardPage, demo_db: Database) -> None:
    expected = reports.key_issues(demo_db, CURRENT_SESSION)
    assert loaded.figures is not None
    current = loaded.figures.current
    assert current is not None
    assert current.session == CURRENT_SESSION  # November has no moderated plan yet
    assert current.to_json() == expected.to_json()
    assert expected.percent_good is not None
    # 8 plans: the count and the interval in words, no bare percentage, no RAG colour
    assert expected.plans_moderated < 10
    assert loaded.good_value.text() == f"{expected.plans_good} of {expected.plans_moderated}"
    assert "with so few plans the true rate could be anywhere from" in \
        loaded.good_note.text()
    assert loaded.plans_value.text() == str(expected.plans_moderated)
    assert f"of {expected.plans_audited} audited, {expected.plans_sampled} sampled" in \
        loaded.plans_note.text()
    alpha = expected.agreement.krippendorff_alpha_ordinal
    assert alpha is not None
    assert loaded.agree_value.text() == f"{alpha:.2f}"
    assert expected.rag == "grey"
    assert RAG_COLOURS["grey"] in loaded.good_card.styleSheet()
    assert RAG_COLOURS["red"] not in loaded.good_card.styleSheet()
    assert f"target {expected.target_percent_good:g}%" in loaded.good_note.text()
    assert loaded.good_value.accessibleDescription() == expected.headline()
    assert CURRENT_SESSION in loaded.subtitle.text()


def test_charts_show_the_trend_grades_and_shortfalls(
        loaded: DashboardPage, demo_db: Database) -> None:
    trend = reports.trend(demo_db, "2025-12", "2026-11")
    current = reports.key_issues(demo_db, CURRENT_SESSION)
    assert loaded.figures is not None
    assert loaded.figures.trend.to_json() == trend.to_json()

    with_data = [p for p in trend.periods if p.percent_good is not None]
    assert len(trend.periods) == 12
    assert len(with_data) == 11  # November 2026 is not moderated yet
    assert loaded.run_chart.points == len(with_data)
    assert loaded.run_chart.series_points() == len(with_data)
    assert loaded.run_chart.error_bars == len(with_data)
    assert loaded.run_chart.target == trend.target_percent_good

    assert loaded.grade_chart.bars == len(current.grades)
    assert loaded.grade_chart.categories() == len(current.grades)

    worst = current.questions_worst_first()[:TOP_QUESTIONS]
    assert loaded.shortfall_chart.bars == len(worst) == TOP_QUESTIONS
    if HAVE_CHARTS:  # drawn bottom-up, so the worst question is the last bar
        assert loaded.shortfall_chart.bar_values() == \
            [q.shortfall_percent for q in reversed(worst)]


def test_top_themes_come_from_the_themes_figures(qtmodeltester: Any, loaded: DashboardPage,
                                                 demo_db: Database) -> None:
    # the dashboard's themes follow its trend's one rubric (the demo's DCO session of
    # advice returns is on another)
    assert loaded.figures is not None
    themes = reports.themes(demo_db, "2025-12", "2026-11", rubric_id=loaded.figures.trend.rubric)
    model = loaded.theme_model
    assert model.rowCount() == min(8, len(themes.themes))
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == \
        [t.label for t in themes.themes[: model.rowCount()]]
    assert model.index(0, 1).data() == str(themes.themes[0].plans)
    qtmodeltester.check(model)


def test_refreshes_on_audit_changes_when_visible(qtbot: Any, loaded: DashboardPage) -> None:
    first = loaded.figures
    with qtbot.waitSignal(loaded.loaded, timeout=60_000):
        loaded.ctx.notify("audits")
    assert loaded.figures is not first
    with qtbot.assertNotEmitted(loaded.loaded):
        loaded.ctx.notify("rubrics")  # not a topic the dashboard shows
        assert not loaded.busy()


def test_when_hidden_it_refreshes_when_next_shown(qtbot: Any, loaded: DashboardPage) -> None:
    loaded.hide()
    loaded.ctx.notify("sessions")
    assert not loaded.busy()
    with qtbot.waitSignal(loaded.loaded, timeout=60_000):
        loaded.show()


def test_an_empty_database_says_there_is_nothing_yet(qtbot: Any, db: Database,
                                                     actor: Actor) -> None:
    page = _page(qtbot, db, actor)
    with qtbot.waitSignal(page.loaded, timeout=60_000):
        page.show()
    assert page.figures is not None
    assert page.figures.current is None
    assert page.good_value.text() == "–"
    assert "No plan has an agreed grade yet" in page.status_label.text()
    assert page.run_chart.points == 0
    assert page.grade_chart.bars == 0


def test_a_failure_is_shown_on_the_page(qtbot: Any, db: Database, actor: Actor,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from qa_audit.errors import UserError

    def busy_database(*_args: Any, **_kwargs: Any) -> Any:
        raise UserError("The database is busy; try again in a moment.")

    monkeypatch.setattr(dashboard_data, "current_session_figures", busy_database)
    page = _page(qtbot, db, actor)
    with qtbot.waitSignal(page.load_failed, timeout=60_000):
        page.show()
    assert "The database is busy" in page.status_label.text()
    assert page.refresh_button.isEnabled()


def test_health_panel_shows_the_dcos_figures_of_the_same_months(
        loaded: DashboardPage, demo_db: Database) -> None:
    """Issue 17: the demo's DCO returns, per health service, as ``report health`` of the
    dashboard's 12 months gives them, beside the Timeliness panel."""
    from qa_audit.reporting.health_panel import health_panel_rows

    figures = loaded.figures
    assert figures is not None and figures.health is not None
    expected = reports.health(demo_db, figures.from_month, figures.to_month, today=DEMO_TODAY)
    assert figures.health.to_json() == expected.to_json()
    rows = health_panel_rows(expected)
    total = rows[-1]
    assert total.is_total and total.audited > 0  # the demo's moderated advice returns
    panel = loaded.health_panel
    table = panel.model
    assert table.rowCount() == len(rows) > 1
    assert [table.index(r, 0).data() for r in range(table.rowCount())] == [r.label for r in rows]
    last = table.rowCount() - 1
    assert table.index(last, 4).data() == str(total.audited)
    assert table.index(last, 5).data() == f"{total.percent_good:.1f}%"
    assert panel.headline.text() == expected.headline()
    grid = loaded.ui.chartGrid  # placed beside the Timeliness panel, on its row
    assert grid.getItemPosition(grid.indexOf(loaded.ui.healthBox))[:2] == (3, 1)
    assert grid.getItemPosition(grid.indexOf(loaded.timeliness_panel))[:2] == (3, 0)


def test_every_control_has_an_accessible_name(loaded: DashboardPage) -> None:
    assert unnamed_controls(loaded) == []


def test_the_period_is_loaded_once_for_trend_and_themes(
        demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The trend and the themes come from one load of the 12 months (reports.dashboard),
    with the same figures the two reports give one by one; advice is read once, for both
    the Timeliness and the health-advice panels."""
    from qa_audit.services import session_data

    calls: list[str] = []
    real = period_data.load_period
    real_advice = session_data.load_advice_requested_between
    monkeypatch.setattr(period_data, "load_period",
                        lambda *a, **k: calls.append("period") or real(*a, **k))
    monkeypatch.setattr(session_data, "load_sessions_between",
                        lambda *a, **k: pytest.fail("the row-by-row load is not for the dashboard"))
    monkeypatch.setattr(session_data, "load_advice_requested_between",
                        lambda *a, **k: calls.append("advice") or real_advice(*a, **k))
    figures = dashboard_page.dashboard_figures(demo_db, DEMO_TODAY, progress=lambda *_: None)
    assert sorted(calls) == ["advice", "period"]
    monkeypatch.undo()
    assert figures.trend.to_json() == reports.trend(demo_db, "2025-12", "2026-11").to_json()
    assert figures.themes.to_json() == reports.themes(
        demo_db, "2025-12", "2026-11", rubric_id=figures.trend.rubric).to_json()


def test_timeliness_panel_shows_the_timeliness_report_of_the_same_months(
        loaded: DashboardPage, demo_db: Database) -> None:
    from qa_audit.services import board_reports

    figures = loaded.figures
    assert figures is not None and figures.timeliness is not None
    expected = board_reports.timeliness(demo_db, figures.from_month, figures.to_month)
    assert figures.timeliness.to_json() == expected.to_json()
    panel = loaded.timeliness_panel
    assert panel.model.rowCount() == len(expected.measures)
    first = expected.measures["within_20_weeks"]
    assert panel.model.index(0, 2).data() == str(first.of)
    assert panel.lines["within_20_weeks"] > 0


@pytest.mark.skipif(not HAVE_CHARTS, reason="the wrapped axis labels are QtCharts'")
def test_shortfall_chart_wraps_question_labels_and_names_each_bar_whole(
        loaded: DashboardPage, demo_db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No silent truncation (issue 16 item 5): a label's lines each fit the axis's
    width, they spell the question (or end in "…"), and hovering a bar shows it whole."""
    import html

    from PySide6.QtGui import QFontMetrics

    from qa_audit.gui.dashboard import session_charts

    chart = loaded.shortfall_chart
    worst = reports.key_issues(demo_db, CURRENT_SESSION).questions_worst_first()[:TOP_QUESTIONS]
    chart.view.resize(700, chart.view.minimumHeight())
    chart.fit_labels()
    labels = chart.axis_labels()
    assert len(labels) == len(worst)
    # as many lines as one bar's height holds, so QtCharts hides none for overlapping
    assert chart.label_lines() >= 2
    axis = chart.view.chart().axes()[0]  # type: ignore[attr-defined]
    metrics = QFontMetrics(axis.labelsFont())
    room = metrics.averageCharWidth() * session_charts.LABEL_CHARS
    several = 0
    for label, q in zip(labels, reversed(worst), strict=True):
        lines = [html.unescape(line) for line in label.strip().split("<br>")]
        several += len(lines) > 1
        assert len(lines) <= chart.label_lines()
        assert all(metrics.horizontalAdvance(line) <= room for line in lines)
        whole = " ".join(q.text.split())
        assert " ".join(lines) == whole or (
            lines[-1].endswith("…") and whole.startswith(" ".join(lines)[:-1]))
    assert several >= 1  # the demo's questions are longer than one line
    assert [t.split("\n")[0] for t in chart.tips] == [q.text for q in reversed(worst)]

    shown: list[str] = []
    monkeypatch.setattr(session_charts.QToolTip, "showText",
                        lambda _pos, text, *_args: shown.append(text))
    series = chart.view.chart().series()[0]  # type: ignore[attr-defined]
    series.hovered.emit(True, 0, series.barSets()[0])
    assert shown == [chart.tips[0]]
    chart.view.grab().save(str(tmp_path / "shortfall.png"))
    # legend names QtCharts shortens (the indicators' at the side) are whole on hover
    for view in (loaded.run_chart.view, loaded.indicator_chart.view, chart.view):
        assert view.chart().legend().showToolTips()  # type: ignore[attr-defined]
