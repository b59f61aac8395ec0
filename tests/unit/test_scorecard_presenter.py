"""The Scorecard page's presenter, without Qt: cells, the default period, the narrative."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from qa_audit.domain.board import Narrative
from qa_audit.domain.quarters import Quarter
from qa_audit.gui.pages.scorecard_presenter import ScorecardPresenter, cell_for, default_period
from qa_audit.reporting.scorecard import Kpi, ScorecardFigures, scorecard
from qa_audit.reporting.trend import trend


def test_cells_say_the_figure_its_change_counts_and_target() -> None:
    big = Kpi("percent_good", "Plans judged good", 18, 35, 51.4, 80.0, "red",
              direction="up", change=3.1)
    assert cell_for(big).text == "51.4% (+3.1)\n18/35 · target 80%"
    assert cell_for(big).tint == "#F4D0CB"
    small = Kpi("x", "X", 4, 7, 57.1, None, None, 25.0, 84.0, "same", 0.0)
    assert cell_for(small).text == "57.1% (no change)\n4/7 (95%: 25-84%)"
    assert cell_for(small).tint is None
    empty = Kpi("x", "X", 0, 0, None, 80.0, None)
    assert cell_for(empty).text == "–"


def test_default_period_is_the_last_four_quarters() -> None:
    assert default_period(dt.date(2026, 12, 6)) == ("2026-01", "2026-12")
    assert default_period(dt.date(2026, 2, 1)) == ("2025-04", "2026-02")


def _figures(first: str, last: str, rubric: str | None) -> ScorecardFigures:
    t = trend([], {}, first, last)
    return scorecard(t, None, [], [], [], [], narratives={
        "2026-Q1": Narrative("", "2026-Q1", "Good voice", "", "Training")})


def test_presenter_shows_the_grid_and_keeps_saved_words() -> None:
    saved: list[tuple[str | None, str, Mapping[str, str]]] = []

    def save(rubric: str | None, quarter: str, texts: Mapping[str, str]) -> Narrative:
        saved.append((rubric, quarter, texts))
        return Narrative(rubric or "", quarter, **texts)

    p = ScorecardPresenter(_figures, save)
    grid = p.show("2026-02", "2026-04", None)
    assert grid.header == ("KPI", "2026-Q1", "2026-Q2")
    labels = [label for label, _ in grid.rows]
    assert labels[0] == "Plans judged good" and "Advice returned within 6 weeks" in labels
    assert all(cell.text == "–" for _, cells in grid.rows for cell in cells)
    assert p.quarters == ["2026-Q1", "2026-Q2"]
    assert p.narrative("2026-Q1").working_well == "Good voice"
    assert p.narrative("2026-Q2").empty
    p.save("2026-Q2", "Health advice", "", "Chase SaLT")
    assert saved == [(None, "2026-Q2", {"working_well": "Health advice", "even_better_if": "",
                                        "next_steps": "Chase SaLT"})]
    assert p.narrative("2026-Q2").next_steps == "Chase SaLT"
    assert Quarter.parse("2026-Q2").label == "Apr-Jun 2026"


def test_the_editor_shows_the_words_as_written_not_the_masked_copy() -> None:
    """The figures' narrative is redacted for the reports; editing and saving it must not
    write "[name]" over the QA lead's words."""
    written = Narrative("multi-agency-ehcp", "2026-Q1", working_well="Thanks to Patel")

    def load(first: str, last: str, rubric: str | None) -> ScorecardFigures:
        return replace(_figures(first, last, rubric), rubric="multi-agency-ehcp")

    p = ScorecardPresenter(load, lambda r, q, t: Narrative(r or "", q, **t),
                           lambda rubric, quarter: written)
    p.show("2026-02", "2026-04", None)
    assert p.narrative("2026-Q1").working_well == "Thanks to Patel"


def test_no_rubric_yet_asks_the_store_nothing() -> None:
    """A database with no sessions has no rubric to name: the editor shows an empty
    narrative instead of the store's "say which rubric" refusal."""
    def stored(rubric: str | None, quarter: str) -> Narrative:
        raise AssertionError("asked the store without a rubric")

    p = ScorecardPresenter(_figures, lambda r, q, t: Narrative(r or "", q, **t), stored)
    p.show("2026-02", "2026-04", None)
    assert p.narrative("2026-Q2").empty
