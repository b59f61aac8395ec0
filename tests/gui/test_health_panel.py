"""The dashboard's health-advice panel shows the deep dive's own figures."""

from __future__ import annotations

import datetime as dt

from qa_audit.domain.audit import AdviceRecord
from qa_audit.gui.band_colours import RAG_TINTS
from qa_audit.gui.pages.health_panel import COLUMNS, HealthPanel
from qa_audit.paths import bundled
from qa_audit.reporting import health as health_figures
from qa_audit.rubrics.loader import load_rubric_file

D = dt.date


def test_panel_rows_and_target_tint(qtbot) -> None:  # type: ignore[no-untyped-def]
    dco = load_rubric_file(bundled("rubrics", "dco-health-advice.yaml"))
    advice = [AdviceRecord("ab1", "salt", D(2025, 1, 6), D(2025, 2, 10)),
              AdviceRecord("ab2", "camhs", D(2025, 1, 9), None)]
    figures = health_figures.health(advice, [], {}, "2025-01", "2025-01", today=D(2025, 4, 1),
                                    timeliness=dco)
    panel = HealthPanel()
    qtbot.addWidget(panel)
    panel.set_figures(figures)
    table = panel.table
    assert [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())] == \
        list(COLUMNS)
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    assert list(rows) == ["CAMHS", "Speech and language therapy", "All health services"]
    salt = rows["Speech and language therapy"]
    assert table.item(salt, 2).text() == "100.0%" and table.item(salt, 3).text() == "98%"
    assert table.item(salt, 2).background().color().name() == RAG_TINTS["green"]
    assert table.item(rows["CAMHS"], 2).background().color().name() == RAG_TINTS["red"]
    assert "target 98%" in panel.headline.text()
    panel.set_figures(None)
    assert table.rowCount() == 0
