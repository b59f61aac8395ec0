"""Trend charts for the PDF: a monthly percentage against the target in force each month.

The % good chart and each indicator's chart are the same picture: points per
month (a gap where nothing was counted), optional 95% intervals as whiskers, and
the target as a **step line** -- the target in force on each month's last day,
drawn across that month, stepping where the schedule steps and left out where no
target was in force (CONTRACT.md v2: a board must see March 2020 against March
2020's target, not today's).

Drawing goes through :class:`ChartCanvas` (``pdf.Picture`` satisfies it), so this
module does not import the PDF module and adds no import cycle.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from reportlab.lib import colors

__all__ = ["ChartCanvas", "MonthlySeries", "draw_monthly_percent", "target_steps"]

NAVY = colors.HexColor("#1F3A5F")
GREY = colors.HexColor("#6B7280")
RULE = colors.HexColor("#C9D2DE")
TARGET = colors.HexColor("#2E7D4F")


class ChartCanvas(Protocol):
    def line(self, x1: float, y1: float, x2: float, y2: float,
             color: colors.Color = ..., width: float = ...,
             dash: Sequence[float] | None = ...) -> None: ...

    def polyline(self, points: Sequence[float], color: colors.Color, width: float) -> None: ...

    def rect(self, x: float, y: float, w: float, h: float, fill: colors.Color | None,
             stroke: colors.Color | None = ..., width: float = ...) -> None: ...

    def circle(self, x: float, y: float, r: float, fill: colors.Color,
               stroke: colors.Color, width: float) -> None: ...

    def text(self, x: float, y: float, text: str, size: float,
             color: colors.Color = ..., anchor: str = ...) -> None: ...


@dataclass(frozen=True)
class MonthlySeries:
    """One chart's figures, one entry per month (all sequences the same length)."""

    months: Sequence[str]  # "YYYY-MM"
    values: Sequence[float | None]  # percent, None where nothing was counted
    counts: Sequence[int]  # the denominator of each month (printed as n=)
    targets: Sequence[float | None]  # the target in force on each month's last day
    low: Sequence[float | None] | None = None  # 95% interval, when drawn
    high: Sequence[float | None] | None = None
    dots: Sequence[colors.Color] | None = None  # per-month dot colour (RAG)


def target_steps(targets: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """Runs of consecutive months with a target: [[(month index, target), ...], ...].

    Each run is one step line; a month without a target breaks it (a gap)."""
    runs: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for i, t in enumerate(targets):
        if t is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((i, t))
    if current:
        runs.append(current)
    return runs


def _label(month: str) -> str:
    year, number = (int(p) for p in month.split("-"))
    return f"{dt.date(year, number, 1):%b %y}"


def draw_monthly_percent(d: ChartCanvas, width: float, height: float, s: MonthlySeries,
                         caption: str, *, compact: bool = False) -> None:
    """Draw ``s`` on ``d`` (a ``width`` x ``height`` picture): grid, months, the values
    with their intervals, and the target step line."""
    left, right, top_pad = (30, 8, 16) if compact else (38, 12, 14)
    bottom: float = 30 if compact else 42
    font = 6 if compact else 7
    # deferred: reportlab's font metrics are for the PDF only (the dashboard imports this
    # module for target_steps)
    from qa_audit.reporting.chart_labels import LEADING, label_lines

    # the caption wraps under the plot; the plot gives up the room its extra lines need
    captions = label_lines(caption, font + 0.5, width - left - right)
    caption_step = (font + 0.5) * LEADING
    bottom += (len(captions) - 1) * caption_step
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    n = max(1, len(s.months))

    def y(v: float) -> float:
        return bottom + max(0.0, min(100.0, v)) / 100 * plot_h

    def x(i: float) -> float:
        return left + (i + 0.5) * plot_w / n

    for pct in range(0, 101, 25 if compact else 20):
        d.line(left, y(pct), left + plot_w, y(pct), RULE, 0.4)
        d.text(left - 3, y(pct) - 2.5, f"{pct}%", font, GREY, "end")
    d.rect(left, bottom, plot_w, plot_h, None, RULE, 0.6)

    for run in target_steps(s.targets):  # the target in force, month by month
        points: list[float] = []
        for i, t in run:
            points += [x(i - 0.5), y(t), x(i + 0.5), y(t)]
        d.polyline(points, TARGET, 1.1)
        changes = [run[0]] + [b for a, b in itertools.pairwise(run) if a[1] != b[1]]
        for i, t in changes:
            d.text(x(i - 0.5) + 2, y(t) + 2.5, f"target {t:g}%", font - 0.5, TARGET)

    every = max(1, math.ceil(n / (6 if compact else 12)))
    for i, month in enumerate(s.months):
        if i % every == 0:
            d.text(x(i), bottom - 10, _label(month), font, colors.black, "middle")
            if not compact:
                d.text(x(i), bottom - 20, f"n={s.counts[i]}", 6, GREY, "middle")

    segment: list[float] = []
    for i, v in enumerate(s.values):
        if v is None:
            if len(segment) >= 4:
                d.polyline(segment, NAVY, 1.2)
            segment = []
            continue
        segment += [x(i), y(v)]
    if len(segment) >= 4:
        d.polyline(segment, NAVY, 1.2)
    cap = min(4.0, plot_w / n / 4)
    for i, v in enumerate(s.values):
        if v is None:
            continue
        lo = s.low[i] if s.low is not None else None
        hi = s.high[i] if s.high is not None else None
        if lo is not None and hi is not None:
            d.line(x(i), y(lo), x(i), y(hi), GREY, 0.8)
            for w in (lo, hi):
                d.line(x(i) - cap, y(w), x(i) + cap, y(w), GREY, 0.8)
        fill = s.dots[i] if s.dots is not None else NAVY
        d.circle(x(i), y(v), 2.2 if compact else 3, fill, colors.white, 0.6)
    for k, line in enumerate(captions):
        d.text(left, (5 if compact else 6) + (len(captions) - 1 - k) * caption_step, line,
               font + 0.5, GREY)
