"""The Scorecard page: the demo's KPIs by quarter, tinted by RAG, and the narrative saved
to the database and shown again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.scorecard_page import ScorecardPage
from qa_audit.services import scorecard_narrative
from qa_audit.services.demo import load_demo
from qa_audit.services.demo.board import DEMO_TARGETS
from tests.gui.conftest import unnamed_controls

TODAY = dt.date(2026, 12, 6)


def test_scorecard_page_shows_the_demo_and_saves_the_narrative(qtbot: Any,
                                                               ctx: AppContext) -> None:
    load_demo(ctx.db, ctx.actor, today=TODAY)
    page = ScorecardPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    model = page.table.model()
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    assert page.findChild(QLabel, "pageTitle").text() == "Scorecard"
    assert model.headers() == ["KPI", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]

    def cell(r: int, c: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> Any:
        return model.data(model.index(r, c), role)

    assert cell(0, 0) == "Plans judged good"
    good = page.presenter.figures.quarters[-1].kpis[0]
    assert cell(0, 4).startswith(f"{good.percent:.1f}%")
    assert cell(0, 4, Qt.ItemDataRole.ToolTipRole)
    tinted = [cell(r, c, Qt.ItemDataRole.BackgroundRole).color()
              for r in range(model.rowCount()) for c in range(1, 5)
              if cell(r, c, Qt.ItemDataRole.BackgroundRole) is not None]
    assert QColor("#F4D0CB") in tinted or QColor("#D6EFDF") in tinted
    buddies = {label.text(): label.buddy() for label in page.findChildren(QLabel)}
    assert (buddies["Fro&m"], buddies["&To"], buddies["&Rubric"]) == (
        page.from_edit, page.to_edit, page.rubric_combo)
    assert page.quarter_combo.currentText() == "2026-Q4"
    # the demo council's targets, from the database, listed in the editor and applied
    assert page.targets_box.table.model().rowCount() == len(DEMO_TARGETS)
    reviews = next(k for k in page.presenter.figures.quarters[-1].kpis
                   if k.id == "reviews_held_by_due_date")
    assert reviews.target == 80.0
    page.working_well.setPlainText("Voice of the child in most plans")
    page.next_steps.setPlainText("SMART outcomes training")
    page.save_button.click()
    stored = scorecard_narrative.get_narrative(ctx.db, None, "2026-Q4")
    assert stored.working_well == "Voice of the child in most plans"
    assert stored.next_steps == "SMART outcomes training"
    page.quarter_combo.setCurrentText("2026-Q3")
    assert page.working_well.toPlainText() == ""
    page.quarter_combo.setCurrentText("2026-Q4")
    assert page.next_steps.toPlainText() == "SMART outcomes training"
    assert unnamed_controls(page) == []


def test_a_bad_month_is_said_not_raised(qtbot: Any, ctx: AppContext) -> None:
    page = ScorecardPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.from_edit.setText("2026-13")
    page.refresh()
    assert "2026-13" in page.headline.text()
    assert page.table.model().rowCount() == 0
