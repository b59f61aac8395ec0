"""The dashboard's health-advice panel shows the deep dive's own figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

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
    table = panel.model
    assert table.headers() == list(COLUMNS)

    def item(r: int, c: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> Any:
        return table.index(r, c).data(role)

    rows = {item(r, 0): r for r in range(table.rowCount())}
    assert list(rows) == ["CAMHS", "Speech and language therapy", "All health services"]
    salt = rows["Speech and language therapy"]
    assert item(salt, 2) == "100.0%" and item(salt, 3) == "98%"
    background = Qt.ItemDataRole.BackgroundRole
    assert item(salt, 2, background).name() == RAG_TINTS["green"]
    assert item(rows["CAMHS"], 2, background).name() == RAG_TINTS["red"]
    assert item(rows["All health services"], 0, Qt.ItemDataRole.FontRole).bold()
    assert "target 98%" in panel.headline.text()
    panel.set_figures(None)
    assert table.rowCount() == 0
