"""PDF sections of the DCO's deep dive per advice return (issue 17).

Kept out of ``pdf`` (already long): the health renderer passes itself in as ``doc``
so these sections use its styles, tables and pictures. Figures come from
:class:`qa_audit.reporting.health.HealthFigures`; nothing is computed here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether

from qa_audit.reporting.health import SERVICE_LABELS, HealthFigures, ServiceFigure
from qa_audit.reporting.pdf_parts import BAR, DASH, GREY, NAVY, RAG, Cell, fmt_pct
from qa_audit.reporting.pdf_sections import Y0, label_row, percent_rows, row_labels


class AdviceDoc(Protocol):
    """What these sections use of the renderer (``pdf.HealthPdf``) that passes itself in."""

    def p(self, text: str, style: str = "Body") -> Flowable: ...

    def h1(self, text: str) -> list[Flowable]: ...

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Any]],
              widths: Sequence[float], numeric: Iterable[int] = (),
              extra: Sequence[tuple[Any, ...]] = (), bold_last: bool = False,
              width: float = ..., zebra: bool = True, small_header: bool = False
              ) -> Flowable: ...


__all__ = ["AdviceDoc", "exceptions_section", "months_section", "quality_chart", "quality_section"]

#: how many exceptions the PDF lists (all of them are in the XLSX and JSON)
MAX_EXCEPTIONS = 40
_INTERVAL = colors.HexColor("#111827")


def _interval(low: float | None, high: float | None) -> str:
    return DASH if low is None or high is None else f"{low:.0f}-{high:.0f}%"


def _rows(f: HealthFigures) -> list[ServiceFigure]:
    """Health services, their total, then other advice (the report's usual order)."""
    return ([s for s in f.services if s.is_health]
            + ([f.health_total] if f.health_total else [])
            + [s for s in f.services if not s.is_health])


def quality_chart(doc: AdviceDoc, services: Sequence[ServiceFigure]) -> Flowable:
    """% good per service as bars, the 95% Wilson interval as a black whisker."""
    names, row = row_labels([s.label for s in reversed(services)], 170)
    y0 = Y0
    d, x = percent_rows(len(services), 170, 90, row)
    x0, plot_w = x(0), x(100) - x(0)
    for i, s in enumerate(reversed(services)):
        q = s.quality
        yb = y0 + i * row + 3
        if q.percent_good:
            d.rect(x0, yb, x(q.percent_good) - x0, row - 6, BAR)
        low, high = q.interval
        if low is not None and high is not None:
            mid = yb + (row - 6) / 2
            d.line(x(low), mid, x(high), mid, _INTERVAL, 0.9)
            d.line(x(low), mid - 3, x(low), mid + 3, _INTERVAL, 0.9)
            d.line(x(high), mid - 3, x(high), mid + 3, _INTERVAL, 0.9)
        shown = ("none audited" if q.percent_good is None
                 else f"{q.percent_good:.1f}% ({q.good}/{q.audited})")
        label_row(d, x, yb, names[i], shown, row)
    d.line(x0, y0, x0 + plot_w, y0)
    d.text(x0 + plot_w / 2, 3, "% of audited returns with an agreed grade in a good band; "
           "whisker = 95% interval", 7.5, GREY, "middle")
    return d


def quality_section(doc: AdviceDoc, f: HealthFigures) -> list[Flowable]:
    """Each service's agreed quality beside its timeliness and multi-agency shortfalls."""
    out = doc.h1("Quality of advice returns, by service")
    rows = _rows(f)
    if not any(s.audited for s in rows):
        return [*out, doc.p("No advice return requested in this period has an agreed grade "
                            "yet (advice-return audits moderated by the panel).")]
    rubric = f" on rubric {f.quality_rubric}" if f.quality_rubric else ""
    note = doc.p(
        f"Audited = requests of the period whose return the panel agreed a grade for{rubric} "
        "(a return audited in several sessions counts once, with its latest agreed grade). "
        "Good = agreed grade in a good band. Not known = the service returned \"not known\" "
        "without assessing. Multi-agency = agreed shortfalls in plan audits attributed to "
        "the service, for comparison.", "Note")
    table_rows: list[list[Any]] = []
    for s in rows:
        q = s.quality
        table_rows.append([s.label, s.requested, fmt_pct(s.percent_within_6_weeks), q.audited,
                           q.good, fmt_pct(q.percent_good), _interval(*q.interval),
                           q.not_known, s.exceptions, s.multi_agency_shortfalls])
    table = doc.table(["Service", "Requested", "% within 6 weeks", "Audited", "Good",
                       "% good", "95% interval", "Not known", "Exceptions",
                       "Multi-agency shortfalls"],
                      table_rows, [2.5, 1, 1.1, 0.9, 0.8, 0.9, 1.1, 0.9, 1, 1.2],
                      numeric=range(1, 10), small_header=True)
    chart = quality_chart(doc, [s for s in rows if s.audited])
    return [KeepTogether([*out, chart, note]), table]


def months_section(doc: AdviceDoc, f: HealthFigures) -> list[Flowable]:
    """Service by month of request: timeliness against the target in force, quality."""
    cells = [(s, m, t) for s in _rows(f) for m, t in s.by_month.items() if t.requested]
    if not cells:
        return []
    out = doc.h1("Each service by month of request")
    out.append(doc.p(
        f"Target: the share returned within 6 weeks in force on the month's last day "
        f"({f.timeliness_targets.describe()}). Exceptions: requests not returned within "
        "6 weeks. Quality: agreed grades of that month's requests, with the 95% interval.",
        "Note"))
    rows: list[list[Any]] = []
    starts: list[tuple[Any, ...]] = []
    for n, (s, m, t) in enumerate(cells):
        first = n == 0 or cells[n - 1][0] is not s
        if first and n:
            starts.append(("LINEABOVE", (0, n + 1), (-1, n + 1), 0.8, NAVY))
        met = t.met
        pct: Any = fmt_pct(t.percent_within_6_weeks)
        if met is not None:
            colour = RAG["green" if met else "red"].hexval().replace("0x", "#")
            pct = Cell(pct, color=colour, bold=True)
        q = t.quality
        rows.append([s.label if first else "", m, t.requested, t.within_6_weeks, pct,
                     "none" if t.target_percent is None else f"{t.target_percent:g}%",
                     t.exceptions, q.audited, fmt_pct(q.percent_good), _interval(*q.interval),
                     q.not_known])
    out.append(doc.table(["Service", "Month", "Requested", "Within 6 weeks", "% within",
                          "Target", "Exceptions", "Audited", "% good", "95% interval",
                          "Not known"], rows, [2.4, 1, 1, 1, 0.9, 0.8, 1, 0.9, 0.9, 1, 0.9],
                         numeric=range(2, 11), small_header=True, extra=starts))
    return out


def exceptions_section(doc: AdviceDoc, f: HealthFigures) -> list[Flowable]:
    """The requests that missed 6 weeks, oldest first within each service."""
    if not f.exception_list:
        return []
    out = doc.h1("Exceptions: advice not returned within 6 weeks")
    shown = f.exception_list[:MAX_EXCEPTIONS]
    more = len(f.exception_list) - len(shown)
    out.append(doc.p(
        f"{len(f.exception_list)} request{'s' * (len(f.exception_list) != 1)} missed the 6 "
        "weeks (days: to the return, or to the day this report was produced while "
        "outstanding)" + (f"; the first {len(shown)} are listed, all of them are in the "
                          "workbook and the JSON." if more else "."), "Note"))
    rows = [[e.plan_ref, SERVICE_LABELS.get(e.service, e.service), f"{e.requested_date:%d/%m/%Y}",
             f"{e.received_date:%d/%m/%Y}" if e.received_date else DASH + " outstanding",
             e.days] for e in shown]
    out.append(doc.table(["Plan", "Service", "Requested", "Returned", "Days"], rows,
                         [1.6, 2.8, 1.2, 1.6, 0.8], numeric=[4]))
    return out
