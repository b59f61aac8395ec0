"""What the Scorecard page shows, without Qt: the KPI grid, the headline, and the
QA lead's narrative per quarter (tested without a window).

The figures are the report's own (:func:`qa_audit.services.board_reports.scorecard`),
so the page, the PDF, the XLSX and the JSON always agree. The presenter turns them
into rows of cell texts and RAG names; the page only paints them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from qa_audit.domain.board import Narrative
from qa_audit.domain.quarters import Quarter, quarter_of
from qa_audit.reporting.scorecard import Kpi, ScorecardFigures

__all__ = ["GridCell", "ScorecardGrid", "ScorecardPresenter", "cell_for", "default_period"]

#: RAG -> cell background (the same tints as the PDF)
TINTS = {"green": "#D6EFDF", "amber": "#FBE7C2", "red": "#F4D0CB", "grey": "#E5E7EB"}

Load = Callable[[str, str, str | None], ScorecardFigures]
Save = Callable[[str | None, str, Mapping[str, str]], Narrative]
Stored = Callable[[str | None, str], Narrative]


@dataclass(frozen=True)
class GridCell:
    text: str
    tooltip: str
    rag: str | None

    @property
    def tint(self) -> str | None:
        return TINTS.get(self.rag or "")


@dataclass(frozen=True)
class ScorecardGrid:
    header: tuple[str, ...]
    rows: tuple[tuple[str, tuple[GridCell, ...]], ...]
    headline: str
    notes: tuple[str, ...] = field(default_factory=tuple)


def cell_for(k: Kpi) -> GridCell:
    """One KPI of one quarter: "48.3% (+3.1)" over "14/29 · target 80%"."""
    if k.percent is None:
        return GridCell("–", "Nothing was counted in this quarter.", None)
    first = f"{k.percent:.1f}%"
    if k.change is not None:
        first += " (no change)" if k.direction == "same" else f" ({k.change:+.1f})"
    second = f"{k.met}/{k.of}"
    if k.low is not None and k.high is not None:
        second += f" (95%: {k.low:.0f}-{k.high:.0f}%)"
    if k.target is not None:
        second += f" · target {k.target:g}%"
    tip = (f"{k.label}: {k.met} of {k.of}"
           + ("" if k.target is None else f", target {k.target:g}% in force on the quarter's "
              "last day") + ("; too few for a RAG rating" if k.rag == "grey" else ""))
    return GridCell(f"{first}\n{second}", tip, k.rag)


def default_period(today: dt.date) -> tuple[str, str]:
    """The last four quarters up to this month: from the first month of the quarter
    three before this one, to this month."""
    q = quarter_of(today)
    first = Quarter(q.year - 1, q.number + 1) if q.number < 4 else Quarter(q.year, 1)
    return first.months()[0], f"{today.year:04d}-{today.month:02d}"


class ScorecardPresenter:
    """Loads the figures of a period and keeps the narrative being edited."""

    def __init__(self, load: Load, save: Save, stored: Stored | None = None) -> None:
        self._load = load
        self._save = save
        self._stored = stored
        self.figures: ScorecardFigures | None = None

    def show(self, from_month: str, to_month: str, rubric_id: str | None) -> ScorecardGrid:
        """Compute the period's figures (UserError for a bad period) and the grid."""
        self.figures = f = self._load(from_month, to_month, rubric_id)
        header = ("KPI", *(q.quarter.key for q in f.quarters))
        rows = tuple((label, tuple(cell_for(k) for k in cells))
                     for _, label, cells in f.kpi_rows())
        notes = []
        a = f.agreement
        if a.pairs:
            notes.append(f"Panel grade beside the family's rating: {a.agree} of {a.pairs} "
                         f"agree ({a.percent_agree:.1f}%).")
        if f.left_out:
            notes.append(f"{len(f.left_out)} session(s) on other rubrics are not included.")
        return ScorecardGrid(header, rows, f.headline(), tuple(notes))

    @property
    def quarters(self) -> list[str]:
        return [q.quarter.key for q in self.figures.quarters] if self.figures else []

    def narrative(self, quarter: str) -> Narrative:
        """The stored narrative of ``quarter`` (empty when none).

        The editor shows the words as the QA lead wrote them (``stored``): the figures'
        copy has the redaction list's names masked for the reports, and saving that copy
        back would overwrite the lead's words with "[name]"."""
        f = self.figures
        if self._stored is not None and f is not None and f.rubric:
            return self._stored(f.rubric, quarter)
        for q in f.quarters if f else ():
            if q.quarter.key == quarter and q.narrative is not None:
                return q.narrative
        return Narrative((f.rubric or "") if f else "", quarter)

    def save(self, quarter: str, working_well: str, even_better_if: str,
             next_steps: str) -> Narrative:
        """Store the three texts for the shown rubric and ``quarter``; the page then shows
        the saved words (the figures object is refreshed on the next :meth:`show`)."""
        rubric = self.figures.rubric if self.figures else None
        saved = self._save(rubric, quarter, {"working_well": working_well,
                                             "even_better_if": even_better_if,
                                             "next_steps": next_steps})
        if self.figures is not None:
            self.figures = replace(self.figures, quarters=tuple(
                replace(q, narrative=saved) if q.quarter.key == quarter else q
                for q in self.figures.quarters))
        return saved
