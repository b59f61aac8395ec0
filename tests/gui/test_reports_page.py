"""The Reports page: generating in the background, cancelling, opening, exporting,
approving excerpts and editing the redaction names list."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from qa_audit.gui.context import AppContext
from qa_audit.gui.models.report_models import APPROVED, PENDING, WITHDRAWN
from qa_audit.gui.pages import reports_page
from qa_audit.gui.pages.reports_page import ReportRequest, ReportsPage, slug
from qa_audit.reporting.redaction import redaction_names_path
from qa_audit.services import redaction_terms, report_output, reports
from qa_audit.services.actor import Actor
from qa_audit.storage import models as m
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


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "reports out"


@pytest.fixture
def page(qtbot: Any, demo_db: Database, actor: Actor, out: Path) -> ReportsPage:
    widget = ReportsPage(AppContext(demo_db, actor), today=lambda: DEMO_TODAY,
                         output_folder=out)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def _generate(qtbot: Any, page: ReportsPage) -> None:
    assert page.generate()
    assert page.busy()
    qtbot.waitUntil(lambda: not page.busy(), timeout=60_000)


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _json_round_trip(data: dict[str, Any]) -> Any:
    return json.loads(json.dumps(data, default=str))


def test_key_issues_report_writes_pdf_xlsx_and_the_same_figures_as_json(
        qtbot: Any, qtmodeltester: Any, page: ReportsPage, demo_db: Database, out: Path,
        no_dialogs: Any) -> None:
    page.select_kind("key-issues")
    assert page.session_combo.currentData() == "Panel November 2026"  # newest first
    assert page.select_session(CURRENT_SESSION)
    page.xlsx_check.setChecked(True)
    page.json_check.setChecked(True)
    _generate(qtbot, page)

    assert no_dialogs.calls == []
    stem = "key-issues-Panel-October-2026"
    assert _files(out) == [f"{stem}.json", f"{stem}.pdf", f"{stem}.xlsx"]
    assert (out / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
    assert (out / f"{stem}.xlsx").read_bytes().startswith(b"PK")  # a zip: the workbook
    written = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
    assert written.pop("report")["kind"] == "key-issues"
    expected = reports.key_issues(demo_db, CURRENT_SESSION)
    assert written == _json_round_trip(expected.to_json())

    # the result: headline and the figures' own tables
    assert page.outcome is not None
    assert expected.headline() in page.headline_label.text()
    assert page.progress_bar.value() == 100
    assert page.open_pdf_button.isEnabled()
    tables = expected.tables()
    assert [page.table_combo.itemData(i) for i in range(page.table_combo.count())] == \
        list(tables)
    assert page.preview_model.rowCount() == len(tables["Summary"])
    page.table_combo.setCurrentIndex(page.table_combo.findData("Questions"))
    assert page.preview_model.rowCount() == len(tables["Questions"])
    qtmodeltester.check(page.preview_model)


def test_without_the_tick_boxes_only_the_pdf_is_written(
        qtbot: Any, page: ReportsPage, out: Path) -> None:
    page.select_session(CURRENT_SESSION)
    page.xlsx_check.setChecked(False)
    page.json_check.setChecked(False)
    _generate(qtbot, page)
    assert _files(out) == ["key-issues-Panel-October-2026.pdf"]


def test_trend_report_for_a_period(qtbot: Any, page: ReportsPage, demo_db: Database,
                                   out: Path) -> None:
    page.select_kind("trend")
    assert not page.session_combo.isEnabled()
    assert page.from_edit.isEnabled()
    assert (page.request().from_month, page.request().to_month) == ("2025-12", "2026-11")
    page.set_period("2026-01", "2026-06")
    page.json_check.setChecked(True)
    _generate(qtbot, page)
    written = json.loads((out / "trend-2026-01-to-2026-06.json").read_text(encoding="utf-8"))
    written.pop("report")
    assert written == _json_round_trip(reports.trend(demo_db, "2026-01", "2026-06").to_json())


def test_trend_rubric_picker(qtbot: Any, page: ReportsPage, demo_db: Database,
                             out: Path) -> None:
    """The trend's rubric: the latest session's by default, or one picked (only for
    the trend); the file name and the figures follow it."""
    page.select_kind("key-issues")
    assert not page.rubric_combo.isEnabled()
    page.select_kind("trend")
    assert page.rubric_combo.isEnabled()
    combo = page.rubric_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [None, "dco-health-advice",
                                                                 "multi-agency-ehcp"]
    assert page.request().rubric is None
    assert page.select_rubric("multi-agency-ehcp")
    page.set_period("2026-01", "2026-03")
    page.json_check.setChecked(True)
    _generate(qtbot, page)
    written = json.loads((out / "trend-multi-agency-ehcp-2026-01-to-2026-03.json")
                         .read_text(encoding="utf-8"))
    assert written["rubric"] == written["rubric_requested"] == "multi-agency-ehcp"


def test_cancel_leaves_no_file(qtbot: Any, page: ReportsPage, out: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancelled while the PDF is half laid out: nothing (not even a temporary file) stays."""
    reached, release = threading.Event(), threading.Event()
    real = report_output.generate

    def gated(*args: Any, progress: Any, **kwargs: Any) -> Any:
        def step(pct: int, stage: str) -> None:
            if pct >= 30 and not reached.is_set():
                reached.set()
                release.wait(30)
            progress(pct, stage)
        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(report_output, "generate", gated)
    page.select_session(CURRENT_SESSION)
    page.json_check.setChecked(True)
    assert page.generate()
    qtbot.waitUntil(reached.is_set, timeout=60_000)
    assert page.cancel_button.isEnabled()
    assert not page.generate_button.isEnabled()
    page.cancel()
    release.set()
    qtbot.waitUntil(lambda: not page.busy(), timeout=60_000)
    assert "Cancelled" in page.status_label.text()
    assert page.outcome is None
    assert _files(out) == []
    assert page.generate_button.isEnabled()


def test_an_existing_report_is_replaced_only_when_the_user_agrees(
        qtbot: Any, page: ReportsPage, out: Path, no_dialogs: Any) -> None:
    out.mkdir()
    old = out / "key-issues-Panel-October-2026.pdf"
    old.write_bytes(b"old")
    page.select_session(CURRENT_SESSION)
    page.xlsx_check.setChecked(False)
    assert not page.generate()  # the recorder answers No
    assert no_dialogs.kinds() == ["question"]
    assert old.read_bytes() == b"old"


def test_user_errors_are_messages_not_tracebacks(qtbot: Any, page: ReportsPage,
                                                 no_dialogs: Any) -> None:
    page.folder_edit.clear()
    assert not page.generate()
    assert no_dialogs.calls[-1][:2] == ("critical", "Report not written")
    assert "folder" in no_dialogs.calls[-1][2]

    page.folder_edit.setText(str(Path(page.folder_edit.text() or ".").resolve()))
    page.select_kind("themes")
    page.set_period("2026-06", "2026-01")
    assert not page.generate()
    assert "after" in no_dialogs.calls[-1][2]
    assert "Traceback" not in no_dialogs.calls[-1][2]


def test_a_failing_job_is_reported_in_words(qtbot: Any, page: ReportsPage, no_dialogs: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from qa_audit.errors import UserError

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise UserError("Cannot write the report: disk full.")

    monkeypatch.setattr(report_output, "generate", refuse)
    page.select_session(CURRENT_SESSION)
    _generate(qtbot, page)
    assert no_dialogs.calls == [("critical", "Report not written",
                                 "Cannot write the report: disk full.")]
    assert page.last_error == "Cannot write the report: disk full."


def test_open_pdf_open_folder_and_export_xlsx(qtbot: Any, page: ReportsPage, out: Path,
                                              tmp_path: Path, no_dialogs: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    page.select_session(CURRENT_SESSION)
    page.xlsx_check.setChecked(False)
    _generate(qtbot, page)
    page.open_pdf_button.click()
    page.open_folder_button.click()
    assert [Path(p) for p in opened] == [out / "key-issues-Panel-October-2026.pdf", out]

    target = tmp_path / "elsewhere"
    target.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *_a, **_k: (str(target / "board pack"), "")))
    assert page.export_spreadsheet()
    qtbot.waitUntil(lambda: not page.busy(), timeout=60_000)
    assert _files(target) == ["board pack.xlsx"]
    assert (target / "board pack.xlsx").read_bytes().startswith(b"PK")
    assert no_dialogs.calls == []


def test_file_names_hold_no_personal_data(monkeypatch: pytest.MonkeyPatch) -> None:
    assert slug("Panel October 2026", ()) == "Panel-October-2026"
    assert slug("Review of Jamie Smith 03/04/2026", ("Jamie Smith",)) == "Review-of"
    request = ReportRequest("key-issues", Path("x"), session="Panel October 2026")
    assert request.targets()[0].name == "key-issues-Panel-October-2026.pdf"
    assert ReportRequest("health", Path("x"), from_month="2026-01", to_month="2026-03",
                         xlsx=True).targets()[1].name == "health-2026-01-to-2026-03.xlsx"


# ---------------------------------------------------------------- excerpts


def _approved(db: Database, tag_id: int) -> str | None:
    with db.read() as s:
        return s.scalar(select(m.ThemeTag.approved_excerpt).where(m.ThemeTag.id == tag_id))


def test_approving_an_excerpt_stores_the_redacted_text(
        qtbot: Any, qtmodeltester: Any, page: ReportsPage, demo_db: Database,
        no_dialogs: Any) -> None:
    redaction_names_path().parent.mkdir(parents=True, exist_ok=True)
    redaction_names_path().write_text("Jamie Smith\n", encoding="utf-8")
    page.tabs.setCurrentWidget(page.excerpts_tab)  # loads the list on first view
    model = page.excerpt_model
    assert model.rowCount() > 0
    assert "awaiting approval" in page.excerpt_count_label.text()
    qtmodeltester.check(model)
    first = model.row_at(0)
    assert first is not None
    assert page.excerpt_edit.toPlainText() == first.excerpt.suggested

    page.excerpt_edit.clear()
    qtbot.keyClicks(page.excerpt_edit, "Jamie Smith's views (03/04/2026) are not recorded.")
    qtbot.mouseClick(page.approve_button, reports_page.Qt.MouseButton.LeftButton)
    stored = "[name]'s views ([date]) are not recorded."
    assert _approved(demo_db, first.excerpt.id) == stored
    assert model.row_at(0).status == APPROVED
    assert model.row_at(0).text == stored
    assert no_dialogs.calls == []
    # the next excerpt awaiting approval is selected
    assert page.excerpt_table.currentIndex().row() == 1

    assert page.select_excerpt(first.excerpt.id)
    assert page.withdraw_button.isEnabled()
    assert not page.approve_button.isEnabled()
    page.withdraw_button.click()
    assert _approved(demo_db, first.excerpt.id) is None
    assert model.row_at(0).status == WITHDRAWN
    assert page.approve_button.isEnabled()
    qtmodeltester.check(model)


def test_an_empty_approval_is_refused_with_a_message(qtbot: Any, page: ReportsPage,
                                                     demo_db: Database, no_dialogs: Any) -> None:
    page.reload_excerpts()
    first = page.excerpt_model.row_at(0)
    assert first is not None
    page.excerpt_edit.setPlainText("   ")
    assert not page.approve_selected()
    assert no_dialogs.kinds() == ["critical"]
    assert _approved(demo_db, first.excerpt.id) is None
    assert page.excerpt_model.row_at(0).status == PENDING


def test_redaction_names_editor_saves_the_list_in_the_database(
        qtbot: Any, page: ReportsPage, demo_db: Database, no_dialogs: Any) -> None:
    page.tabs.setCurrentIndex(2)
    assert page.names_edit.toPlainText() == ""
    assert "database" in page.names_path_label.text()
    assert not page.save_names_button.isEnabled()
    qtbot.keyClicks(page.names_edit, "Jamie Smith")
    assert page.save_names_button.isEnabled()
    page.names_edit.appendPlainText("# staff\nAlex Kay")
    page.save_names_button.click()
    assert redaction_terms.list_terms(demo_db) == ["Jamie Smith", "Alex Kay"]
    assert not redaction_names_path().exists()  # nothing kept per computer
    with demo_db.read() as s:
        logged = s.execute(select(m.ChangeLog.entity_key, m.ChangeLog.action, m.ChangeLog.user_name)
                           .where(m.ChangeLog.entity == "redaction_term")).all()
    assert sorted(logged) == [("Alex Kay", "add", "tester"), ("Jamie Smith", "add", "tester")]
    assert "2 added, 0 removed" in page.names_status_label.text()
    assert page.names_edit.toPlainText() == "Jamie Smith\nAlex Kay\n"
    assert not page.save_names_button.isEnabled()

    page.names_edit.selectAll()
    qtbot.keyClicks(page.names_edit, "Alex Kay")
    page.save_names_button.click()
    assert redaction_terms.list_terms(demo_db) == ["Alex Kay"]
    assert "0 added, 1 removed" in page.names_status_label.text()
    qtbot.keyClicks(page.names_edit, "changed")
    assert page.revert_names_button.isEnabled()
    page.revert_names_button.click()
    assert page.names_edit.toPlainText() == "Alex Kay\n"
    # a report's file names leave out a listed name
    page.session_combo.setCurrentIndex(0)
    assert page.request().names == ("Alex Kay",)
    assert no_dialogs.calls == []


def test_every_control_has_an_accessible_name(page: ReportsPage) -> None:
    assert unnamed_controls(page) == []


def test_sessions_refresh_when_they_change(qtbot: Any, page: ReportsPage, demo_db: Database,
                                          actor: Actor) -> None:
    from qa_audit.services import sessions

    count = page.session_combo.count()
    sessions.create_session(demo_db, "Panel December 2026", "multi-agency-ehcp", None, actor)
    page.ctx.notify("sessions")
    assert page.session_combo.count() == count + 1


def test_key_issues_breakdown_by_a_plan_field_on_screen(
        qtbot: Any, page: ReportsPage, demo_db: Database, no_dialogs: Any) -> None:
    page.select_kind("key-issues")
    assert page.select_session(CURRENT_SESSION)
    assert page.by_combo.isEnabled()
    page.by_combo.setCurrentIndex(page.by_combo.findData("team"))
    _generate(qtbot, page)
    assert no_dialogs.calls == []
    expected = reports.key_issues(demo_db, CURRENT_SESSION, by="team")
    assert page.outcome is not None
    assert page.outcome.figures.to_json()["breakdown"] == expected.to_json()["breakdown"]
    page.table_combo.setCurrentIndex(page.table_combo.findData("Breakdown"))
    rows = expected.tables()["Breakdown"]
    assert rows and page.preview_model.rowCount() == len(rows)
    assert sum(r["plans moderated"] for r in rows) == expected.plans_moderated
    page.select_kind("trend")
    assert not page.by_combo.isEnabled()


@pytest.mark.parametrize("kind", ["timeliness", "scorecard"])
def test_the_board_reports_are_written_from_the_page(
        qtbot: Any, page: ReportsPage, demo_db: Database, out: Path, kind: str) -> None:
    """The walk as a QA lead: the timeliness and scorecard PDFs were CLI-only (the
    Reports page did not offer them); the page writes the CLI's figures."""
    from qa_audit.services import board_reports

    page.select_kind(kind)
    assert page.kind() == kind
    assert page.from_edit.isEnabled() and not page.session_combo.isEnabled()
    assert page.rubric_combo.isEnabled() == (kind == "scorecard")
    if kind == "scorecard":
        assert page.select_rubric("multi-agency-ehcp")
    page.set_period("2026-01", "2026-06")
    page.json_check.setChecked(True)
    _generate(qtbot, page)
    stem = f"{kind}{'-multi-agency-ehcp' if kind == 'scorecard' else ''}-2026-01-to-2026-06"
    assert (out / f"{stem}.pdf").stat().st_size > 0
    written = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
    written.pop("report")
    expected = (board_reports.scorecard(demo_db, "2026-01", "2026-06",
                                        rubric_id="multi-agency-ehcp")
                if kind == "scorecard"
                else board_reports.timeliness(demo_db, "2026-01", "2026-06"))
    assert written == _json_round_trip(expected.to_json())
    assert page.headline_label.text().endswith(expected.headline())
