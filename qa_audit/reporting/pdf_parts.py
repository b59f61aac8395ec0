"""The look of every PDF report: colours, page geometry, number formats, table cells
and the chart canvas (``Picture``). Shared by ``pdf`` and ``pdf_sections``, so neither
imports the other's internals.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as _RLParagraph

# ------------------------------------------------------------------ look and feel

NAVY = colors.HexColor("#1F3A5F")
GREY = colors.HexColor("#6B7280")
LIGHT = colors.HexColor("#EEF2F7")
RULE = colors.HexColor("#C9D2DE")
#: Band and RAG colours, the one map for every report: blue marks an outstanding band,
#: grey a band for plans not judged.
RAG = {"red": colors.HexColor("#C0392B"), "amber": colors.HexColor("#E08E0B"),
       "green": colors.HexColor("#2E7D4F"), "blue": colors.HexColor("#1D70B8"),
       "grey": GREY}
HEAT_BAD = colors.HexColor("#B03A2E")  # more = worse (shortfalls, themes)
HEAT_GOOD = colors.HexColor("#2E7D4F")  # more = better (advice on time)
BAR = colors.HexColor("#3B6EA8")
DASH = "–"
PHASE_LABELS = {"early_years": "Early years", "primary": "Primary", "secondary": "Secondary",
                "post16": "Post-16"}
MONTHS_PER_TABLE = 12
PAGE_W, PAGE_H = A4
MARGIN = 16 * mm
FRAME_W = PAGE_W - 2 * MARGIN


def make_styles() -> StyleSheet1:
    """The named paragraph styles every report uses."""
    sheet = StyleSheet1()
    base = ParagraphStyle("Body", fontName="Helvetica", fontSize=9.5, leading=12.5,
                          spaceAfter=4, textColor=colors.black)
    sheet.add(base)
    sheet.add(ParagraphStyle("ReportTitle", parent=base, fontName="Helvetica-Bold",
                             fontSize=19, leading=23, textColor=NAVY, spaceAfter=2))
    sheet.add(ParagraphStyle("Subtitle", parent=base, fontSize=11, leading=14, textColor=GREY,
                             spaceAfter=8))
    sheet.add(ParagraphStyle("Heading1", parent=base, fontName="Helvetica-Bold", fontSize=13,
                             leading=16, textColor=NAVY, spaceBefore=12, spaceAfter=5,
                             keepWithNext=1))
    sheet.add(ParagraphStyle("Heading2", parent=base, fontName="Helvetica-Bold", fontSize=10.5,
                             leading=13, textColor=NAVY, spaceBefore=7, spaceAfter=3,
                             keepWithNext=1))
    sheet.add(ParagraphStyle("Note", parent=base, fontSize=8, leading=10, textColor=GREY))
    sheet.add(ParagraphStyle("Bullet", parent=base, leftIndent=12, bulletIndent=3,
                             spaceAfter=2))
    sheet.add(ParagraphStyle("Quote", parent=base, fontName="Helvetica-Oblique", fontSize=9,
                             leading=11.5, leftIndent=12, rightIndent=6,
                             # reportlab takes (vertical, horizontal); the stub says float only
                             borderPadding=(3, 4),  # type: ignore[arg-type]
                             textColor=colors.HexColor("#333333"), spaceAfter=5,
                             borderColor=RULE, borderWidth=0, backColor=LIGHT))
    sheet.add(ParagraphStyle("Headline", parent=base, fontName="Helvetica-Bold", fontSize=11,
                             leading=14.5))
    sheet.add(ParagraphStyle("BigFigure", parent=base, fontName="Helvetica-Bold", fontSize=26,
                             leading=30, alignment=TA_CENTER, textColor=colors.white))
    sheet.add(ParagraphStyle("BigCaption", parent=base, fontSize=8, leading=10,
                             alignment=TA_CENTER, textColor=colors.white))
    sheet.add(ParagraphStyle("Cell", parent=base, fontSize=8, leading=9.8, spaceAfter=0))
    sheet.add(ParagraphStyle("CellNum", parent=sheet["Cell"], alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("CellHead", parent=sheet["Cell"], fontName="Helvetica-Bold",
                             textColor=colors.white))
    sheet.add(ParagraphStyle("CellHeadNum", parent=sheet["CellHead"], alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("CellSmall", parent=sheet["Cell"], fontSize=7, leading=8.5))
    sheet.add(ParagraphStyle("CellHeadSmall", parent=sheet["CellHead"], fontSize=6.8,
                             leading=8.2))
    sheet.add(ParagraphStyle("CellHeadSmallNum", parent=sheet["CellHeadSmall"],
                             alignment=TA_RIGHT))
    return sheet


def fmt_pct(value: float | None) -> str:
    return DASH if value is None else f"{value:.1f}%"


def fmt_num(value: float | int | None) -> str:
    if value is None:
        return DASH
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}"
    return f"{int(value)}"


def month_label(key: str) -> str:
    """``"2026-03"`` -> ``"Mar 26"``."""
    names = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    year, month = key.split("-")
    return f"{names[int(month) - 1]}\u00a0{year[2:]}"  # no-break space: never wraps


def _mix(base: colors.Color, share: float) -> colors.Color:
    """``base`` faded towards white: share 0 = white, 1 = base."""
    share = max(0.0, min(1.0, share))
    return colors.Color(1 - (1 - base.red) * share, 1 - (1 - base.green) * share,
                        1 - (1 - base.blue) * share)


def _nice_step(top: float, ticks: int = 5) -> float:
    if top <= 0:
        return 1
    raw = top / ticks
    power: float = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return max(1, m * power)
    return max(1, 10 * power)


def _chunks(items: Sequence[str], size: int) -> list[Sequence[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [items]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Paragraph(_RLParagraph):
    """reportlab's Paragraph, laid out once per width.

    A table wraps each cell's Paragraph to size its row, again to split the table
    across pages and again to draw it; a KeepTogether wraps its content before the
    frame does. Breaking the same text into lines for the same width gives the same
    lines, so the last result is kept and reused.
    """

    _wrapped: tuple[float, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        done = self._wrapped
        if done is not None and done[0] == availWidth and hasattr(self, "blPara"):
            return done[1], done[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, width, height) if hasattr(self, "blPara") else None
        return width, height


# ------------------------------------------------------------------ table cells

# Text a Paragraph would not draw verbatim on one line: reportlab's breaking
# whitespace other than single inner spaces, and invisible format characters.
_NOT_VERBATIM = re.compile(
    "^ | $|  |[\t\n\x0b\x0c\r\x1c-\x1f\x85\xad\u1680\u2000-\u200f\u2028-\u202f"
    "\u205f-\u2064\u3000\ufeff]")
_TEXT_COMMANDS = frozenset({"FONT", "FONTNAME", "FACE", "FONTSIZE", "SIZE", "LEADING",
                            "TEXTCOLOR", "ALIGN", "ALIGNMENT"})
_FIT_SLACK = 0.5  # points kept free so float rounding can never change a line break


@dataclass(frozen=True)
class Cell:
    """Plain text for a table cell, with the look its Paragraph markup would give it.

    ``lines``: the text's newlines are line breaks (``<br/>``); otherwise, as in any
    Paragraph, they are spaces.
    """

    text: str
    color: str | None = None
    bold: bool = False
    lines: bool = False

    def markup(self) -> str:
        """The Paragraph markup drawn when the text cannot be a plain string cell."""
        if self.lines:
            text = "<br/>".join(escape(line) for line in self.text.split("\n"))
        else:
            text = escape(self.text)
        if self.bold:
            text = f"<b>{text}</b>"
        return text if self.color is None else f"<font color='{self.color}'>{text}</font>"


# ------------------------------------------------------------------ charts

_TEXT_RAISE = 0.4  # a label centred on y has its baseline 0.4 font sizes below y


class Picture(Flowable):
    """Lines, rectangles, circles and text drawn straight onto the canvas (a chart).

    The charts were ``reportlab.graphics`` Drawings of chart widgets. Those check
    every attribute set and are expanded into a tree of shapes before drawing: for a
    report's two charts that cost more than all its tables, and importing them a
    tenth of reportlab. The bar charts below put every line, bar and label where
    reportlab's ``VerticalBarChart`` / ``HorizontalBarChart`` put them with the
    settings used here, in the same order, so the page looks the same.
    """

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self._ops: list[tuple[Any, ...]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def line(self, x1: float, y1: float, x2: float, y2: float,
             color: colors.Color = colors.black, width: float = 1,
             dash: Sequence[float] | None = None) -> None:
        self._ops.append(("line", color, width, dash, x1, y1, x2, y2))

    def polyline(self, points: Sequence[float], color: colors.Color, width: float) -> None:
        self._ops.append(("poly", color, width, None, list(points)))

    def rect(self, x: float, y: float, w: float, h: float, fill: colors.Color | None,
             stroke: colors.Color | None = None, width: float = 1) -> None:
        self._ops.append(("rect", stroke, width, None, x, y, w, h, fill))

    def circle(self, x: float, y: float, r: float, fill: colors.Color,
               stroke: colors.Color, width: float) -> None:
        self._ops.append(("circle", stroke, width, None, x, y, r, fill))

    def text(self, x: float, y: float, text: str, size: float,
             color: colors.Color = colors.black, anchor: str = "start") -> None:
        """Helvetica text with its baseline at ``y``; ``anchor`` start, middle or end."""
        if anchor != "start":
            w = stringWidth(text, "Helvetica", size)
            x -= w if anchor == "end" else w / 2
        self._ops.append(("text", None, 0, None, x, y, text, size, color))

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setLineCap(0)
        c.setLineJoin(0)
        pen: tuple[Any, ...] = ()
        for op in self._ops:
            kind, stroke, width, dash = op[:4]
            if kind != "text" and stroke is not None and pen != (stroke, width, dash):
                c.setStrokeColor(stroke)
                c.setLineWidth(width)
                c.setDash(list(dash) if dash else [])
                pen = (stroke, width, dash)
            if kind == "line":
                c.line(*op[4:8])
            elif kind == "poly":
                points = op[4]
                path = c.beginPath()
                path.moveTo(points[0], points[1])
                for i in range(2, len(points), 2):
                    path.lineTo(points[i], points[i + 1])
                c.drawPath(path, stroke=1, fill=0)
            elif kind in ("rect", "circle"):
                fill = op[-1]
                if fill is not None:
                    c.setFillColor(fill)
                if kind == "rect":
                    x, y, w, h = op[4:8]
                    c.rect(x, y, w, h, stroke=int(stroke is not None), fill=int(fill is not None))
                else:
                    cx, cy, r = op[4:7]
                    c.circle(cx, cy, r, stroke=1, fill=1)
            else:
                x, y, text, size, color = op[4:]
                c.setFillColor(color)
                c.setFont("Helvetica", size)
                c.drawString(x, y, text)
        c.restoreState()
