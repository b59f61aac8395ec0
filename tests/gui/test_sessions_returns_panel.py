"""The Sessions page's sampling panel for a DCO session draws advice returns (issue 17):
request dates, services and the service stratum, as ``sample draw`` offers them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt

from qa_audit.gui.pages.sessions_page import SessionsPage
from qa_audit.services import advice_returns, sampling_returns, sessions
from qa_audit.services.register_import import import_advice, import_plans
from tests.gui.test_sessions_year_groups_gui import shown_page

SESSION = "DCO Apr"
PLANS = "plan_ref,issue_date\nP1,2025-03-01\nP2,2025-03-05\nP3,2025-03-09\n"
#: eligible in January-February 2025: salt 2, paediatrics 1, ot 1 (P2 ot unreturned, P3 ep
#: not a health service, P3 camhs requested in March)
ADVICE = ("plan_ref,service,requested_date,received_date\n"
          "P1,salt,2025-01-06,2025-02-10\nP1,paediatrics,2025-01-06,2025-03-01\n"
          "P2,salt,2025-01-20,2025-02-28\nP2,ot,2025-02-03,\nP3,ot,2025-01-10,2025-02-01\n"
          "P3,ep,2025-01-10,2025-02-01\nP3,camhs,2025-03-05,2025-04-01\n")


@pytest.fixture
def page(qtbot: Any, db: Any, actor: Any, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> SessionsPage:
    for name, text, load in (("plans", PLANS, import_plans), ("advice", ADVICE, import_advice)):
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        load(db, path, {}, actor)
    sessions.create_session(db, "Panel", "multi-agency-ehcp", dt.date(2025, 4, 1), actor)
    sessions.create_session(db, SESSION, "dco-health-advice", dt.date(2025, 4, 20), actor)
    return shown_page(qtbot, db, actor, monkeypatch)


def test_a_dco_session_draws_returns_by_service(qtbot: Any, page: SessionsPage, db: Any) -> None:
    page.select_session("Panel")
    assert page.from_check.text() == "Issued &from:"
    assert page.stratify_combo.findData("team") >= 0
    assert not page.returns_mode.box.isVisible() and page.year_groups_edit.isVisible()

    page.select_session(SESSION)
    mode = page.returns_mode
    assert mode.on and mode.box.isVisible()
    assert page.from_check.text() == "Requested &from:"
    assert not page.year_groups_edit.isVisible()
    assert not any(c.isVisible() for c in page.type_checks.values())
    assert [page.stratify_combo.itemData(i) for i in range(page.stratify_combo.count())] == \
        [None, "service"]
    assert mode.checks["salt"].text() == "Speech and language therapy"

    page.from_check.setChecked(True)
    page.from_date.setDate(QDate(2025, 1, 1))
    page.to_check.setChecked(True)
    page.to_date.setDate(QDate(2025, 2, 28))
    page.size_spin.setValue(3)
    page.seed_spin.setValue(7)
    page.stratify_combo.setCurrentIndex(page.stratify_combo.findData("service"))
    qtbot.waitUntil(lambda: page.preview_message.text().startswith("4 eligible"),
                    timeout=5_000)
    assert page.preview_message.text() == ("4 eligible returns across 3 strata; 3 would be "
                                           "drawn.")
    shown = {r.stratum: (r.eligible, r.allocated) for r in page.preview_model.rows()}
    assert shown == {"Occupational therapy": (1, 1), "Paediatrics": (1, 1),
                     "Speech and language therapy": (2, 1)}

    # leaving out salt: two eligible, too few for three
    mode.checks["salt"].setChecked(False)
    qtbot.waitUntil(lambda: page.preview_model.rowCount() == 2, timeout=5_000)
    assert {r.stratum: r.eligible for r in page.preview_model.rows()} == {
        "Occupational therapy": 1, "Paediatrics": 1}
    mode.checks["salt"].setChecked(True)
    qtbot.mouseClick(page.draw_button, Qt.MouseButton.LeftButton)
    assert page.warnings == []  # type: ignore[attr-defined]
    drawn = advice_returns.session_returns(db, SESSION)
    assert sorted(r.service for r in drawn) == ["ot", "paediatrics", "salt"]
    assert all(dt.date(2025, 1, 1) <= r.requested_date <= dt.date(2025, 2, 28) for r in drawn)
    assert page.sample_message.text() == "Drew 3 of 4 eligible advice returns with seed 7."
    # how it was drawn, as for plans: seed, eligible, strata, dates, services, command
    text = page.provenance.text()
    assert "with seed 7 from 4 eligible returned advice requests: 3 advice returns" in text
    assert "stratified by service" in text and "3 in the sample now" in text
    assert "requested 01/01/2025 to 28/02/2025" in text
    assert ("--size 3 --seed 7 --stratify service --requested-from 2025-01-01 "
            "--requested-to 2025-02-28") in text  # the equivalent command
    found = sampling_returns.return_provenance(db, SESSION)
    assert found is not None and found.seed == 7 and found.settings.stratify == "service"
    assert found.settings.requested_from == dt.date(2025, 1, 1)

    # back to a plan session: its choices come back
    page.select_session("Panel")
    assert not page.returns_mode.on and page.from_check.text() == "Issued &from:"
    assert page.stratify_combo.findData("team") >= 0
    assert page.stratify_combo.findData("service") < 0


def test_no_service_ticked_stops_the_draw(qtbot: Any, page: SessionsPage) -> None:
    page.select_session(SESSION)
    for check in page.returns_mode.checks.values():
        check.setChecked(False)
    page.update_preview()
    assert page.preview_message.text() == "Choose at least one service."
    assert not page.draw_button.isEnabled()


def test_the_dco_form_names_every_service_and_shows_the_draw_made(
        qtbot: Any, page: SessionsPage, db: Any, actor: Any) -> None:
    """Walk at 1366: the eight service ticks squeezed into one row showed no names; after
    a draw the stratify box fell back to "No stratification" (the page refilled it with
    the plans' choices), and a drawn session opened later showed the default form."""
    from qa_audit.gui.screenshots import clipped_controls

    page.resize(1366 - 170, 700)  # the page beside the sidebar at 1366x768
    page.select_session(SESSION)
    mode = page.returns_mode
    qtbot.waitUntil(mode.box.isVisible, timeout=5_000)
    for check in mode.checks.values():
        assert check.width() >= check.sizeHint().width(), check.text()
    assert not [c for c in clipped_controls(page.draw_box) if "service_" in c]
    assert page.size_radio.text() == "Number of ret&urns"

    page.size_spin.setValue(3)
    page.seed_spin.setValue(7)
    page.stratify_combo.setCurrentIndex(page.stratify_combo.findData("service"))
    mode.checks["ot"].setChecked(False)
    page.draw_sample()
    page.reload()  # as after ctx.notify("sessions")
    assert page.stratify_combo.currentData() == "service"
    # each row names its return (P1's two returns were two rows alike but for the stratum)
    from qa_audit.gui.models.session_tables import SampleTableModel
    model, table = page.sample_model, page.sample_table
    assert not table.isColumnHidden(SampleTableModel.COL_RETURN)
    assert table.isColumnHidden(SampleTableModel.COL_STRATUM)  # the return says it
    assert table.horizontalHeader().visualIndex(SampleTableModel.COL_RETURN) == 2
    shown = [(model.index(r, SampleTableModel.COL_REF).data(),
              model.index(r, SampleTableModel.COL_RETURN).data()) for r in range(3)]
    labels = {"salt": "Speech and language therapy", "paediatrics": "Paediatrics",
              "camhs": "CAMHS"}
    assert shown == [(r.plan_ref, f"{labels[r.service]}, {r.requested_date:%d/%m/%Y}")
                     for r in advice_returns.session_returns(db, SESSION)]

    # a fresh look at the session (another session first): the form shows that draw
    page.select_session("Panel")
    assert page.size_radio.text() == "Number of p&lans"
    assert table.isColumnHidden(SampleTableModel.COL_RETURN)
    page.select_session(SESSION)
    assert page.stratify_combo.currentData() == "service"
    assert page.size_spin.value() == 3 and page.seed_spin.value() == 7
    assert not mode.checks["ot"].isChecked() and mode.checks["salt"].isChecked()
