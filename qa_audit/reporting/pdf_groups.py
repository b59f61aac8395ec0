"""PDF tables of figures broken down by a plan field (``--by team``, ``--by caseworker``).

Every group shows its n and the 95% interval; groups are listed by name, never by
rate; small groups are labelled, not compared. Kept out of ``pdf`` (already long);
the renderer passes itself in as ``doc``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from qa_audit.reporting.groups import SMALL_GROUP
from qa_audit.reporting.pdf_learning import LoopDoc

if TYPE_CHECKING:
    from qa_audit.reporting.breakdown import Breakdown
    from qa_audit.reporting.groups import ThemesBreakdown

__all__ = ["breakdown_section", "themes_breakdown_section"]

_NOTE = ("Groups are listed by name, not ranked. The interval is the 95% Wilson interval: "
         "with few plans it is wide. A " + SMALL_GROUP.split(":")[0] + " is labelled and "
         "should not be compared with others.")


def _interval(low: float | None, high: float | None) -> str:
    return "–" if low is None or high is None else f"{low:.0f}-{high:.0f}%"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def breakdown_section(doc: LoopDoc, b: Breakdown | None) -> list[Flowable]:
    """Percent good by group (key issues or trend ``--by FIELD``)."""
    if b is None:
        return []
    label = b.field.replace("_", " ")
    out = [*doc.h1(f"Percent good by {label}")]
    if not b.groups:
        return [*out, doc.p("No plan has an agreed overall grade yet.")]
    rows = [[g.value, g.plans_moderated, g.good, _pct(g.percent_good),
             _interval(g.ci_low, g.ci_high), "small group: not compared" if g.small else ""]
            for g in b.groups]
    out.append(doc.p(_NOTE, "Note"))
    out.append(doc.table([label.capitalize(), "Plans moderated", "Good", "% good",
                          "95% interval", ""], rows, [2.6, 1.2, 0.8, 0.9, 1.1, 2.0],
                         numeric=[1, 2, 3]))
    return out


def themes_breakdown_section(doc: LoopDoc, b: ThemesBreakdown | None,
                             labels: dict[str, str]) -> list[Flowable]:
    """Agreed themes by group: each theme's share of the group's plans."""
    if b is None:
        return []
    label = b.field.replace("_", " ")
    out = [*doc.h1(f"Agreed themes by {label}"), doc.p(_NOTE, "Note")]
    for g in b.groups:
        small = f" ({SMALL_GROUP})" if g.small else ""
        out.append(doc.h2(f"{g.value}: {g.plans} plans with agreed scores{small}"))
        rows = [[labels.get(t, t), r.count, _pct(r.percent), _interval(r.ci_low, r.ci_high)]
                for t, r in g.themes if r.count]
        if rows:
            out.append(doc.table(["Theme", "Plans", "% of the group's plans", "95% interval"],
                                 rows, [4.5, 0.8, 1.5, 1.2], numeric=[1, 2]))
        else:
            out.append(doc.p("No theme agreed for this group.", "Note"))
    return out
