"""How a headline percentage is worded: honest about small numbers.

"67% good" over six plans reads like a finding, yet the true rate could lie
anywhere from 30% to 90%. So wherever a headline states the share of moderated
plans judged good (key issues, trend, dashboard tiles), fewer than
:data:`SMALL_N` plans give the count first and the 95% Wilson interval in words,
and no red/amber/green colour (grey instead): a board should not act on a colour
six plans gave. Every renderer (PDF, XLSX, JSON extras, screen) words it here.

Pure Python: no Qt, no reportlab.
"""

from __future__ import annotations

from qa_audit.domain.figures import percent, round_half_away, wilson_interval

__all__ = ["GREY", "SMALL_N", "headline_percent", "headline_rag", "is_small"]

#: Below this many moderated plans a percentage is stated with its interval, uncoloured.
SMALL_N = 10
#: The RAG shown instead of red/amber/green when too few plans were moderated.
GREY = "grey"


def is_small(n: int) -> bool:
    """True when ``n`` plans (more than none) are too few for a bare percentage."""
    return 0 < n < SMALL_N


def headline_percent(good: int, n: int, noun: str = "moderated plans",
                     judged: str = "judged good") -> str:
    """The headline for ``good`` of ``n``, e.g.

    * n = 6: "4 of 6 moderated plans judged good (67%; with so few plans the true
      rate could be anywhere from 30% to 90%)";
    * n = 10 and more: "60.0% of moderated plans judged good (6 of 10)";
    * n = 0: "no moderated plans".

    No full stop: callers add a target or a period after it.
    """
    if n <= 0:
        return f"no {noun}"
    shown = percent(good, n)
    if is_small(n):
        low, high = wilson_interval(good, n)
        return (f"{good} of {n} {noun} {judged} ({_whole(shown)}%; with so few plans the "
                f"true rate could be anywhere from {_whole(low)}% to {_whole(high)}%)")
    return f"{shown:.1f}% of {noun} {judged} ({good} of {n})"


def _whole(value: float | None) -> str:
    """A percentage to whole numbers, halves away from zero (as every figure is rounded)."""
    return "–" if value is None else f"{round_half_away(value, 0):.0f}"


def headline_rag(rag: str | None, n: int) -> str | None:
    """The colour to show for a RAG rating over ``n`` plans: grey when ``n`` is small."""
    if rag is None:
        return None
    return GREY if is_small(n) else rag
