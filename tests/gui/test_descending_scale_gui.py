"""The scoring form, moderation grid and drift views on a 1-4 scale where 1 is Outstanding,
and blue/grey band colours (data: ``tests/descending_scale.py``)."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel

from qa_audit.domain.agreement import agreement_stats
from qa_audit.domain.rubric import RAG_VALUES, Rubric
from qa_audit.gui.band_colours import RAG_COLOURS, RAG_TINTS, band_colour, band_tint
from qa_audit.gui.moderation.drift_chart import DriftChart
from qa_audit.gui.moderation.grid_model import (
    GENEROUS_COLOUR,
    STRICTER_TEXT_COLOUR,
    ModerationGridModel,
)
from qa_audit.gui.moderation.list_models import MemberAgreementModel
from qa_audit.gui.moderation.presenter import MemberColumn, moderation_view
from qa_audit.gui.scoring.scoring_form import OverallGradeWidget, ScoringForm
from qa_audit.gui.scoring.widgets import TONES
from tests import descending_scale as ds


def _grid(rubric: Rubric, plan: str, data: Any = None) -> ModerationGridModel:
    data = data or ds.june(rubric)
    members = [MemberColumn("Alice"), MemberColumn("Bob")]
    model = ModerationGridModel()
    model.set_view(moderation_view(data, rubric, plan, members), rubric, True)
    return model


def _overall_agreed(model: ModerationGridModel, role: int) -> Any:
    return model.data(model.index(model.rowCount() - 1, model.agreed_column), role)


def test_every_band_colour_has_a_gui_colour_and_a_scoring_tone() -> None:
    assert set(RAG_VALUES) <= set(RAG_COLOURS) and set(RAG_VALUES) <= set(RAG_TINTS)
    assert set(RAG_VALUES) <= set(TONES)
    assert band_colour("blue") == QColor(RAG_COLOURS["blue"])
    assert band_tint("grey") == QColor(RAG_TINTS["grey"]) and band_tint("purple") is None


def test_scoring_form_grade_buttons_on_a_scale_where_one_is_best(qtbot: Any) -> None:
    rubric = ds.ofsted()
    form = ScoringForm(rubric, {})
    qtbot.addWidget(form)
    widget = form.overall
    assert isinstance(widget, OverallGradeWidget)
    assert [b.property("grade") for b in widget.buttons()] == [1, 2, 3, 4]
    assert [widget.button(g).tone for g in (1, 2, 3, 4)] == ["blue", "green", "amber", "red"]
    hint = " ".join(label.text() for label in widget.findChildren(QLabel))
    assert "1-4 (1 = best); 1-2 is a good plan" in hint
    chosen: list[object] = []
    widget.grade_chosen.connect(chosen.append)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_1)
    assert chosen == [1]


def test_scoring_form_colours_a_not_judged_band_grey(qtbot: Any) -> None:
    widget = OverallGradeWidget(ds.not_judged().overall)
    qtbot.addWidget(widget)
    assert widget.button(0).tone == "grey" and widget.button(4).tone == "blue"
    chosen: list[object] = []
    widget.grade_chosen.connect(chosen.append)
    qtbot.keyClick(widget, Qt.Key.Key_0)
    assert chosen == [0]


def test_moderation_grid_tints_the_agreed_grade_by_band(qtbot: Any) -> None:
    rubric = ds.ofsted()
    model = _grid(rubric, "P1")  # agreed 1: Outstanding, blue
    label = model.data(model.index(model.rowCount() - 1, 0), Qt.ItemDataRole.DisplayRole)
    assert label == "Overall grade (1–4, 1 = best)"
    brush = _overall_agreed(model, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(brush, QBrush) and brush.color() == QColor(RAG_TINTS["blue"])
    alice = model.data(model.index(model.rowCount() - 1, 1), Qt.ItemDataRole.BackgroundRole)
    assert alice.color() == QColor(RAG_TINTS["blue"])  # Alice gave 1 too

    up = ds.not_judged()
    data = ds.june(up)
    data = dataclasses.replace(data, audits=(*data.audits, ds.audit(ds.JUNE, "P9", "panel", 0)),
                               plans={**data.plans, "P9": data.plans["P1"]})
    grey = _grid(up, "P9", data)
    assert _overall_agreed(grey, Qt.ItemDataRole.BackgroundRole).color() == \
        QColor(RAG_TINTS["grey"])


def test_member_drift_on_a_scale_where_one_is_best(qtbot: Any) -> None:
    rubric = ds.ofsted()
    june = ds.june(rubric)
    stats = agreement_stats(june.member_grades(), june.agreed_grades(), (1, 4))
    model = MemberAgreementModel()
    model.set_stats(stats, rubric)
    rows = {model.data(model.index(r, model.COL_MEMBER)): r for r in range(model.rowCount())}
    alice = model.index(rows["Alice"], model.COL_DRIFT)
    bob = model.index(rows["Bob"], model.COL_DRIFT)
    assert model.data(alice) == "+0.75"  # gives 3 where the panel agreed 2: harsher
    assert "stricter" in model.data(alice, Qt.ItemDataRole.ToolTipRole)
    assert model.data(alice, Qt.ItemDataRole.ForegroundRole).color() == STRICTER_TEXT_COLOUR
    assert "more generous" in model.data(bob, Qt.ItemDataRole.ToolTipRole)
    assert model.data(bob, Qt.ItemDataRole.ForegroundRole).color() == GENEROUS_COLOUR

    chart = DriftChart(use_charts=True)
    qtbot.addWidget(chart)
    chart.resize(300, 160)
    chart.show()
    chart.set_items([("Alice", 0.75), ("Bob", -0.5)], rubric)
    generous, stricter = chart.chart_view.chart().series()[0].barSets()
    # categories run bottom-up: Bob, then Alice
    assert [generous.at(i) for i in range(2)] == [-0.5, 0.0]
    assert [stricter.at(i) for i in range(2)] == [0.0, 0.75]
    assert "− means more generous" in chart.toolTip()
