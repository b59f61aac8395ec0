"""PDF sections shared by several reports: indicators against targets, agreed themes.

Kept out of ``pdf`` (already long) and imported by it; the renderer passes itself
in as ``doc`` so these sections use the same styles and tables, and the look
(colours, ``Picture``) comes from ``pdf_parts``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether

from qa_audit.reporting.chart_labels import label_lines, line_offsets, row_height
from qa_audit.reporting.indicator_figures import IndicatorFigure
from qa_audit.reporting.pdf_parts import (
    BAR,
    DASH,
    FRAME_W,
    GREY,
    RAG,
    RULE,
    Cell,
    Picture,
    fmt_pct,
)

if TYPE_CHECKING:
    from qa_audit.domain.reaudit import SessionReaudit
    from qa_audit.reporting.key_issues import ThemeFigure


class SectionDoc(Protocol):
    """What these sections use of the renderer (``pdf.ReportPdf``) that passes itself in."""

    def p(self, text: str, style: str = "Body") -> Flowable: ...

    def h1(self, text: str) -> list[Flowable]: ...

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Any]],
              widths: Sequence[float], numeric: Iterable[int] = ()) -> Flowable: ...


__all__ = ["ROW", "THEMES_NOTE", "Y0", "indicators_chart", "indicators_section", "label_row",
           "percent_rows", "reaudits_section", "row_labels", "theme_table"]

THEMES_NOTE = (
    "Agreed: plans whose agreed (panel) scores record the theme, as a share of plans with "
    "agreed scores. Raised: plans where any auditor recorded it, even if the panel did not "
    "agree; shown for context only, it is not the panel's finding."
)
_TARGET = colors.HexColor("#111827")


def theme_table(themes: Sequence[ThemeFigure]) -> tuple[list[str], list[list[Any]], list[float]]:
    """Header, rows and widths of the agreed-beside-raised themes table."""
    rows = [[t.label, t.plans, fmt_pct(t.percent_of_agreed), t.raised, fmt_pct(t.percent_raised)]
            for t in themes]
    header = ["Theme", "Agreed (plans)", "% of plans with agreed scores",
              "Raised by an auditor (plans)", "Raised: % of plans audited"]
    return header, rows, [5, 1.2, 1.5, 1.5, 1.5]


#: the row height of :func:`percent_rows` charts; their plot starts this far up
ROW, Y0 = 16, 24


#: the font size of a :func:`percent_rows` row's label
LABEL_SIZE = 7.5


def row_labels(labels: Sequence[str], label_w: float) -> tuple[list[list[str]], float]:
    """Each label's lines in a :func:`percent_rows` chart ``label_w`` wide on the left
    (wrapped, never cut), and the row height that holds the longest (``ROW`` when all
    fit on one line)."""
    lines = [label_lines(label, LABEL_SIZE, label_w - 8) for label in labels]
    return lines, row_height(lines, LABEL_SIZE, ROW, 6)


def percent_rows(count: int, label_w: float, right_w: float, row: float = ROW
                 ) -> tuple[Picture, Callable[[float], float]]:
    """A picture for ``count`` rows of % bars (labels left, figures right) with its
    0-100% grid, and the x of a percent; row ``i`` from the bottom sits at Y0 + i*row."""
    d = Picture(FRAME_W, row * count + 40)
    plot_w = FRAME_W - label_w - right_w

    def x(v: float) -> float:
        return label_w + v * plot_w / 100

    for t in range(0, 101, 20):
        d.line(x(t), Y0, x(t), Y0 + row * count, RULE, 0.4)
        d.text(x(t), Y0 - 11, f"{t}%", 7, anchor="middle")
    return d, x


def label_row(d: Picture, x: Callable[[float], float], yb: float, label: Sequence[str],
              figure: str, row: float = ROW) -> None:
    """A :func:`percent_rows` row's label lines (left of the plot, centred on the bar
    from ``yb``, ``row - 6`` high) and figure (right of it)."""
    mid = yb + 3 + (row - ROW) / 2
    d.text(x(100) + 6, mid, figure, 7)
    for line, dy in zip(label, line_offsets(len(label), LABEL_SIZE), strict=True):
        d.text(x(0) - 4, mid + dy, line, LABEL_SIZE, anchor="end")


def indicators_chart(doc: SectionDoc, indicators: Sequence[IndicatorFigure]) -> Flowable:
    """% met per indicator as bars coloured by RAG, the target a black tick on each bar."""
    names, row = row_labels([ind.label for ind in reversed(indicators)], 190)
    y0 = Y0
    d, x = percent_rows(len(indicators), 190, 70, row)
    x0, plot_w = x(0), x(100) - x(0)
    for i, ind in enumerate(reversed(indicators)):
        yb = y0 + i * row + 3
        value = ind.percent_met
        if value:
            d.rect(x0, yb, x(value) - x0, row - 6, RAG.get(ind.rag or "", BAR))
        if ind.target_percent is not None:
            d.line(x(ind.target_percent), yb - 2, x(ind.target_percent), yb + row - 4, _TARGET, 1.6)
        shown = "no plans counted" if value is None else f"{value:.1f}% ({ind.met}/{ind.plans})"
        label_row(d, x, yb, names[i], shown, row)
    d.line(x0, y0, x0 + plot_w, y0)
    d.text(x0 + plot_w / 2, 3, "% of counted plans meeting the indicator; black tick = target "
           "in force", 7.5, GREY, "middle")
    return d


def indicators_section(doc: SectionDoc, indicators: Sequence[IndicatorFigure]) -> list[Flowable]:
    """The key issues report's indicators: a chart and a table, or nothing without any."""
    if not indicators:
        return []
    out: list[Flowable] = []
    intro = doc.h1("Indicators")
    intro.append(doc.p("Each indicator is a headline measure over one or more questions. A "
                     "moderated plan is counted when at least one of its questions has an agreed "
                     "answer other than N/A, and meets the indicator when none of its agreed "
                     "answers is a shortfall. Targets are those in force on the panel's date.",
                     "Note"))
    rows = []
    for ind in indicators:
        rag = (ind.rag or "").upper() or ("no target" if ind.target_percent is None else "-")
        colour = RAG.get(ind.rag or "")
        cell: Any = rag
        if colour is not None:
            cell = Cell(rag, color=colour.hexval().replace("0x", "#"), bold=True)
        target = "none" if ind.target_percent is None else f"{ind.target_percent:g}%"
        rows.append([ind.label, ind.plans, ind.met, fmt_pct(ind.percent_met), target, cell])
    table = doc.table(["Indicator", "Plans counted", "Met", "% met", "Target", "RAG"], rows,
                      [5, 1.2, 0.9, 1.1, 1.1, 1.1], numeric=[1, 2, 3, 4])
    out.append(KeepTogether([*intro, indicators_chart(doc, indicators), table]))
    return out


def reaudits_section(doc: SectionDoc, reaudits: Sequence[SessionReaudit]) -> list[Flowable]:
    """Plans audited again after a --reaudit action: the agreed grade before and after."""
    if not reaudits:
        return []
    rows = [[r.plan_ref, r.previous_session, DASH if r.previous_grade is None else r.previous_grade,
             DASH if r.grade is None else r.grade, r.change or "not yet moderated"]
            for r in reaudits]
    return [*doc.h1("Re-audited plans: before and after"),
            doc.p("Plans drawn again because an earlier panel asked for a re-audit; the agreed "
                  "grade then and now.", "Note"),
            doc.table(["Plan", "Asked for in", "Grade before", "Grade now", "Change"], rows,
                      [1.3, 2.4, 1.1, 1.1, 1.6], numeric=[2, 3])]
