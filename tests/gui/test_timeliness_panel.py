"""The Dashboard's Timeliness panel shows the timeliness report's own figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from qa_audit.domain.board import BoardTargets, NewPlanRecord
from qa_audit.gui.band_colours import RAG_COLOURS
from qa_audit.gui.pages.timeliness_panel import TimelinessPanel
from qa_audit.reporting.timeliness import timeliness

D = dt.date


def test_panel_draws_each_month_and_the_table(qtbot: Any) -> None:
    plans = [NewPlanRecord("A", "new", D(2025, 10, 13), D(2026, 3, 2), None),  # 140 days
             NewPlanRecord("B", "new", D(2025, 10, 13), D(2026, 3, 3), None),  # 141 days
             NewPlanRecord("C", "new", D(2026, 1, 1), D(2026, 4, 1), None)]
    targets = BoardTargets.from_json({"within_20_weeks": [{"from": "2026-01-01",
                                                           "percent": 90}]})
    f = timeliness(plans, [], [], "2026-03", "2026-05", targets)
    panel = TimelinessPanel()
    qtbot.addWidget(panel)
    panel.show_figures(f)
    assert panel.lines == {"within_20_weeks": 2, "advice_within_6_weeks": 0,
                           "reviews_held_by_due_date": 0}
    assert panel.model.index(0, 0).data() == "New plans issued within 20 weeks"
    assert [panel.model.index(0, c).data() for c in range(1, 5)] == ["2", "3", "66.7%", "90%"]
    assert panel.model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole) == QColor(
        RAG_COLOURS[f.measures["within_20_weeks"].rag])
    assert "Mar 26 50%" in panel.view.accessibleDescription()
