"""PDF layout of the SEND board's reports: statutory timeliness and the scorecard.

Beside the four reports' layouts, both renderers build on
:class:`~qa_audit.reporting.pdf_report.ReportPdf` (styles, header and footer, tables,
pictures). The scorecard is one landscape page per rubric: every KPI by quarter,
coloured by RAG against the target in force on the quarter's last day (grey under
10 counted, with the 95% interval instead), its direction of travel against the
previous quarter, and the QA lead's narrative. Renderers compute nothing: every
figure comes from the figures objects.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from qa_audit.domain.board import BOARD_MEASURES
from qa_audit.reporting.charts_trend import MonthlySeries, draw_monthly_percent
from qa_audit.reporting.meta import ReportMeta
from qa_audit.reporting.pdf_parts import (
    DASH,
    FRAME_W,
    LIGHT,
    MARGIN,
    NAVY,
    RAG,
    RULE,
    Picture,
    fmt_pct,
    month_label,
)
from qa_audit.reporting.pdf_report import ReportPdf
from qa_audit.reporting.scorecard import Kpi, ScorecardFigures
from qa_audit.reporting.timeliness import Measure, TimelinessFigures
from qa_audit.reporting.wording import SMALL_N

__all__ = ["ScorecardPdf", "TimelinessPdf", "render_pdf"]

LAND_W, LAND_H = landscape(A4)
LAND_FRAME_W = LAND_W - 2 * MARGIN
#: RAG tints for the scorecard's cells (the text stays black and readable)
TINT = {"green": "#D6EFDF", "amber": "#FBE7C2", "red": "#F4D0CB", "grey": "#E5E7EB"}
#: direction of travel against the previous quarter: colour of the change in points
TRAVEL = {"up": "#2E7D4F", "down": "#C0392B", "same": "#6B7280"}


def _rag_text(rag: str | None) -> str:
    return (rag or DASH).upper()


class TimelinessPdf(ReportPdf):
    report_name = "Statutory timeliness"
    f: TimelinessFigures

    def subtitle(self) -> str:
        f = self.f
        return (f"{month_label(f.from_month)} to {month_label(f.to_month)}: new plans within "
                "20 weeks, advice within 6 weeks, annual reviews on time")

    def story(self) -> list[Flowable]:
        f = self.f
        out: list[Flowable] = [self.p(f.headline(), "Headline")]
        out += self.h1("Against target")
        rows = [[BOARD_MEASURES[k], m.met, m.of, fmt_pct(m.percent), fmt_pct(m.target),
                 _rag_text(m.rag), f.targets.describe(k)] for k, m in f.measures.items()]
        extra = [("TEXTCOLOR", (5, i), (5, i), RAG[m.rag])
                 for i, m in enumerate(f.measures.values(), start=1) if m.rag in RAG]
        out.append(self.table(["Measure", "On time", "Counted", "%",
                               f"Target ({month_label(f.to_month)})", "RAG", "Target schedule"],
                              rows, [3.4, 0.9, 0.9, 0.8, 1.2, 0.8, 2.4], numeric=[1, 2, 3, 4],
                              extra=extra))
        out.append(self.p("Targets are the council's, kept in the database (qa-audit targets; the "
                          "advice target defaults to the advice-return rubric's), read on the "
                          "period's last day; months read their own. On time means no later "
                          "than: 140 days from request to issue, 42 days from request to advice, "
                          "the due date for a review meeting, 28 days from meeting to decision, "
                          "56 days from decision to the amended plan.", "Note"))
        out += self._new_plans()
        out += self._advice()
        out += self._reviews()
        return out

    def _chart(self, measure: str, caption: str) -> Picture:
        got: list[Measure] = [m.measures[measure] for m in self.f.months]
        d = Picture(FRAME_W, 150)
        draw_monthly_percent(d, FRAME_W, 150, MonthlySeries(
            [m.month for m in self.f.months], [g.percent for g in got], [g.of for g in got],
            [g.target for g in got], dots=[RAG.get(g.rag or "", NAVY) for g in got]), caption)
        return d

    def _new_plans(self) -> list[Flowable]:
        n = self.f.new_plans
        out = self.h1("New plans within 20 weeks")
        out.append(self.table(
            ["Issued (new)", "With a request date", "Within 20 weeks", "%", "Exceptions",
             "Others", "Others within 20 weeks", "% excluding exceptions"],
            [[n.issued, n.with_request_date, n.within_20_weeks,
              fmt_pct(n.percent_within_20_weeks), n.exceptions, n.others,
              n.others_within_20_weeks, fmt_pct(n.percent_excluding_exceptions)]],
            [1] * 8, numeric=range(8)))
        out.append(self.p("Plans of type new issued in the period. Exceptions: plans with a "
                          "request date where the 20-week limit did not apply (Regulation "
                          "13(3)); the last column leaves them out.", "Note"))
        out.append(self._chart("within_20_weeks", "% of new plans issued within 20 weeks, "
                                                  "by month of issue"))
        return [KeepTogether(out)]  # the heading stays with its chart

    def _advice(self) -> list[Flowable]:
        a = self.f.advice
        out = self.h1("Advice within 6 weeks")
        out.append(self.table(["Requested", "Returned to date", "Within 6 weeks", "%"],
                              [[a.requested, a.returned, a.within_6_weeks,
                                fmt_pct(a.percent_within_6_weeks)]], [1] * 4, numeric=range(4)))
        out.append(self._chart("advice_within_6_weeks", "% of advice returned within 6 weeks, "
                                                        "by month of request"))
        return [KeepTogether(out)]

    def _reviews(self) -> list[Flowable]:
        r = self.f.reviews
        out = self.h1("Annual reviews")
        out.append(self.table(
            ["Due", "Held", "Held by due date", "%", "Decided within 4 weeks", "%",
             "Amended", "Amended within 8 weeks", "%", "Child took part", "%"],
            [[r.due, r.held, r.held_by_due_date, fmt_pct(r.percent_held_by_due_date),
              r.decided_within_4_weeks, fmt_pct(r.percent_decided_within_4_weeks), r.amended,
              r.amended_within_8_weeks, fmt_pct(r.percent_amended_within_8_weeks),
              r.child_attended, fmt_pct(r.percent_child_attended)]],
            [0.8, 0.8, 1, 0.8, 1.1, 0.8, 0.9, 1.1, 0.8, 1, 0.8], numeric=range(11),
            small_header=True))
        out.append(self.p("Reviews due in the period. Held by the due date: over reviews due; "
                          "decided within 4 weeks and the child taking part: over reviews held; "
                          "amended within 8 weeks: over held reviews decided amend.", "Note"))
        out.append(self._chart("reviews_held_by_due_date",
                               "% of annual reviews held by the due date, by month due"))
        out = [KeepTogether(out)]
        rows = [[month_label(m.month), m.new_plans.with_request_date,
                 fmt_pct(m.new_plans.percent_within_20_weeks), m.advice.requested,
                 fmt_pct(m.advice.percent_within_6_weeks), m.reviews.due,
                 fmt_pct(m.reviews.percent_held_by_due_date),
                 fmt_pct(m.reviews.percent_decided_within_4_weeks),
                 fmt_pct(m.reviews.percent_amended_within_8_weeks)] for m in self.f.months]
        out += self.h1("Month by month")
        out.append(self.table(["Month", "New plans", "% 20 weeks", "Advice", "% 6 weeks",
                               "Reviews due", "% held on time", "% decided 4 weeks",
                               "% amended 8 weeks"], rows, [1.2] + [1] * 8,
                              numeric=range(1, 9), small_header=True))
        return out


class ScorecardPdf(ReportPdf):
    report_name = "SEND board scorecard"
    pagesize: ClassVar[tuple[float, float]] = landscape(A4)
    f: ScorecardFigures

    def subtitle(self) -> str:
        f = self.f
        return (f"{f.rubric_name}: quarters {f.quarters[0].quarter.key} to "
                f"{f.quarters[-1].quarter.key}" if f.quarters else f.rubric_name)

    def _title_block(self) -> list[Flowable]:
        """One line: the page is the KPIs' (the header already names the period)."""
        style = ParagraphStyle("ScorecardTitle", parent=self.styles["Body"], leading=19,
                               spaceAfter=6)
        return [Paragraph(f"<font size='15' color='#1F3A5F'><b>{escape(self.report_name)}"
                          f"</b></font>&nbsp;&nbsp;<font color='#6B7280'>"
                          f"{escape(self.subtitle())}</font>", style)]

    def story(self) -> list[Flowable]:
        f = self.f
        out: list[Flowable] = [self._grid(), Spacer(1, 4)]
        out.append(self.p(
            "Each cell: % over the quarter's months in the period, n counted, and the target in "
            "force on the quarter's last day. Colour: green at or above target, amber within 10 "
            f"points, red below; grey when fewer than {SMALL_N} were counted (the 95% interval "
            "is shown instead). Beside each figure: its change in points since the previous "
            "quarter (up is better for every KPI). Plans judged good and indicators count every "
            "moderated (session, plan) pair.", "Note"))
        a = f.agreement
        if a.pairs:
            out.append(self.p(
                f"Panel grade beside the family's rating, for plans with both: {a.agree} of "
                f"{a.pairs} agree ({fmt_pct(a.percent_agree)}); good plan but rating 1-3: "
                f"{a.good_dissatisfied}; plan not good but rating 4-5: {a.not_good_satisfied}.",
                "Body"))
        out.append(self._narrative())
        return out

    def _cell(self, k: Kpi) -> Paragraph:
        if k.percent is None:
            return Paragraph(f"<font color='#6B7280'>{DASH}</font>", self.styles["CellSmall"])
        value = f"<b>{k.percent:.1f}%</b>"
        if k.direction in TRAVEL and k.change is not None:
            shown = "no change" if k.direction == "same" else f"{k.change:+.1f} pts"
            value += f" <font size='6.5' color='{TRAVEL[k.direction]}'>{shown}</font>"
        detail = f"{k.met}/{k.of}"
        if k.low is not None and k.high is not None:
            detail += f" (95%: {k.low:.0f}-{k.high:.0f}%)"
        target = "" if k.target is None else f" · target {k.target:g}%"
        return Paragraph(f"{value}<br/><font size='6.5' color='#374151'>{escape(detail)}"
                         f"{target}</font>", self.styles["CellSmall"])

    def _grid(self) -> Table:
        f = self.f
        rows = f.kpi_rows()
        header = ["KPI"] + [q.quarter.key for q in f.quarters]
        head_style = self.styles["CellHeadSmall"]
        data: list[list[Any]] = [[Paragraph(escape(h), head_style) for h in header]]
        style: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, 0), NAVY),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.white),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
        for r, (_, label, cells) in enumerate(rows, start=1):
            data.append([Paragraph(f"<b>{escape(label)}</b>", self.styles["CellSmall"])]
                        + [self._cell(k) for k in cells])
            style.append(("BACKGROUND", (0, r), (0, r), LIGHT))
            for c, k in enumerate(cells, start=1):
                if k.rag in TINT:
                    style.append(("BACKGROUND", (c, r), (c, r), colors.HexColor(TINT[k.rag])))
        quarters = max(1, len(f.quarters))
        label_w = 150.0
        widths = [label_w] + [(LAND_FRAME_W - label_w) / quarters] * len(f.quarters)
        t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        t.setStyle(TableStyle(style))
        return t

    def _narrative(self) -> Flowable:
        f = self.f
        written = [q for q in f.quarters if q.narrative and not q.narrative.empty]
        if not written:
            return self.p("No narrative has been written for these quarters yet (qa-audit "
                          "scorecard narrative, or the Scorecard page).", "Note")
        q = written[-1]
        note = q.narrative
        assert note is not None
        boxes = []
        for title, text in (("What's working well", note.working_well),
                            ("Even better if", note.even_better_if),
                            ("Next steps", note.next_steps)):
            boxes.append([self.markup(f"<b>{title}</b>", "Cell"),
                          self.p(text or DASH, "CellSmall")])
        width = LAND_FRAME_W / 3
        t = Table([boxes], colWidths=[width] * 3, hAlign="LEFT")
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOX", (0, 0), (0, 0), 0.5, RULE),
                               ("BOX", (1, 0), (1, 0), 0.5, RULE),
                               ("BOX", (2, 0), (2, 0), 0.5, RULE),
                               ("BACKGROUND", (0, 0), (-1, -1), LIGHT)]))
        return KeepTogether([self.markup(f"<b>The QA lead's narrative, {q.quarter.key}</b>",
                                         "Heading2"), t])


RENDERERS: dict[str, type[ReportPdf]] = {"timeliness": TimelinessPdf, "scorecard": ScorecardPdf}


def render_pdf(figures: Any, path: Path, meta: ReportMeta,
               progress: Callable[[float], None] | None = None) -> int:
    """Lay out the board's ``figures`` as a PDF at ``path``; returns the page count."""
    return RENDERERS[figures.kind](figures, meta).build(path, progress)


