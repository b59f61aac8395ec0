"""The Sessions page's sampling panel chooses year groups (issue 18: transition points)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.sessions_page import SessionsPage
from qa_audit.services import sampling, sessions
from qa_audit.services.register_import import import_plans
from qa_audit.services.sampling import SampleSettings

SESSION = "Reviews at transition"


@pytest.fixture
def page(qtbot, db, actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SessionsPage:
    """36 plans, three in each year group R to 11, and a session to sample them for."""
    rows = [f"EHC-{i:04d},{1 + i % 28:02d}/09/2026,{i % 12},Team {i % 2}" for i in range(36)]
    path = tmp_path / "register.csv"
    path.write_text("\n".join(["Person ID,EHCP Issue Date,NCY,Team", *rows]) + "\n",
                    encoding="utf-8")
    import_plans(db, path, {}, actor)
    sessions.create_session(db, SESSION, "multi-agency-ehcp", dt.date(2026, 11, 20), actor)
    return shown_page(qtbot, db, actor, monkeypatch)


def shown_page(qtbot: Any, db: Any, actor: Any, monkeypatch: pytest.MonkeyPatch
               ) -> SessionsPage:
    """The page, shown; message boxes are recorded in its ``warnings``, not opened."""
    warnings: list[str] = []
    for box in ("warning", "critical"):
        monkeypatch.setattr(QMessageBox, box, staticmethod(
            lambda _p, _t, text, *_a, **_k: warnings.append(text)))
    widget = SessionsPage(AppContext(db, actor))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.warnings = warnings  # type: ignore[attr-defined]
    return widget


def test_year_groups_filter_the_preview_and_the_draw(qtbot, page: SessionsPage, db,
                                                     actor) -> None:
    assert page.year_groups_edit.accessibleName() == "Year groups"
    page.size_spin.setValue(8)
    page.seed_spin.setValue(77)
    page.stratify_combo.setCurrentIndex(page.stratify_combo.findData("year_group"))
    assert page.stratify_combo.currentText() == "Year group"
    page.year_groups_edit.setText("5, 6, 9, 11")
    qtbot.waitUntil(lambda: page.preview_message.text().startswith("12 eligible"),
                    timeout=5_000)
    shown = {r.stratum: (r.eligible, r.allocated) for r in page.preview_model.rows()}
    assert shown == {"5": (3, 2), "6": (3, 2), "9": (3, 2), "11": (3, 2)}
    assert page.preview_message.text() == "12 eligible plans across 4 strata; 8 would be drawn."

    qtbot.mouseClick(page.draw_button, Qt.MouseButton.LeftButton)
    assert page.warnings == []  # type: ignore[attr-defined]
    wanted = SampleSettings(size=8, seed=77, stratify="year_group", year_groups=(5, 6, 9, 11))
    stored = sampling.sample_provenance(db, SESSION).settings
    assert stored == wanted
    years = {r.year_group for r in sampling.sample_rows(db, SESSION)}
    assert years == {5, 6, 9, 11}
    text = page.provenance.text()
    assert "year groups: 5, 6, 9, 11" in text
    assert "--year-group 5 --year-group 6 --year-group 9 --year-group 11" in text

    # another session's stored draw fills the box back in
    page.year_groups_edit.clear()
    page.load_settings(wanted, 77)
    assert page.year_groups_edit.text() == "5, 6, 9, 11"
    assert page.current_settings() == wanted


def test_a_bad_year_group_is_explained_and_stops_the_draw(qtbot, page: SessionsPage) -> None:
    page.size_spin.setValue(2)
    page.year_groups_edit.setText("5, 15")
    page.update_preview()
    assert "'15' is not a year group" in page.preview_message.text()
    assert not page.draw_button.isEnabled()
    page.year_groups_edit.setText("R")
    qtbot.waitUntil(lambda: page.preview_message.text().startswith("3 eligible"),
                    timeout=5_000)
    assert page.draw_button.isEnabled()
