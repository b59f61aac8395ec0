"""PDF layout of the health advice deep dive (per service and month)."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
)

from qa_audit.reporting import pdf_advice
from qa_audit.reporting.health import HealthFigures, ServiceFigure
from qa_audit.reporting.key_issues import SHARES_NOTE
from qa_audit.reporting.pdf_parts import (
    DASH,
    HEAT_GOOD,
    NAVY,
    Paragraph,
    fmt_pct,
    month_label,
)
from qa_audit.reporting.pdf_report import ReportPdf
from qa_audit.reporting.pdf_sections import theme_table


class HealthPdf(ReportPdf):
    report_name = "Health advice deep dive"
    f: HealthFigures

    def subtitle(self) -> str:
        f = self.f
        return (f"Advice requested {month_label(f.from_month)} to {month_label(f.to_month)}; "
                f"{len(f.sessions)} audit session{'s' * (len(f.sessions) != 1)} in the period. "
                f"Returns counted to {f.produced_on:%d/%m/%Y}.")

    def story(self) -> list[Flowable]:
        f = self.f
        out: list[Flowable] = [self.p(f.headline(), "Headline")]
        out += self._services()
        out += pdf_advice.quality_section(self, f)
        out += self._by_month()
        out += pdf_advice.months_section(self, f)
        out += self._quality()
        out += self._attribution()
        out += self._themes()
        out += pdf_advice.exceptions_section(self, f)
        return out

    def _service_row(self, s: ServiceFigure) -> list[Any]:
        return [s.label, s.requested, s.returned, s.outstanding, s.overdue, s.within_6_weeks,
                fmt_pct(s.percent_within_6_weeks),
                DASH if s.median_days_to_return is None else f"{s.median_days_to_return:g}"]

    def _services(self) -> list[Flowable]:
        f = self.f
        out = self.h1("Advice returned within 6 weeks, by service")
        if not f.services:
            return [*out, self.p("No advice was requested in this period.")]
        out.append(self.p("Within 6 weeks = returned no later than 42 days after the request; "
                          "the percentage is of all requests, so outstanding ones count against "
                          "the service. Overdue = still outstanding after 6 weeks.", "Note"))
        rows = [self._service_row(s) for s in f.services if s.is_health]
        extra: list[tuple[Any, ...]] = []
        if f.health_total:
            rows.append([Paragraph("<b>All health services</b>", self.styles["Cell"]),
                         *self._service_row(f.health_total)[1:]])
            extra += [("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.8, NAVY),
                      ("LINEBELOW", (0, len(rows)), (-1, len(rows)), 0.8, NAVY)]
        others = [s for s in f.services if not s.is_health]
        if others:
            rows.append([Paragraph("<i>Other advice, for comparison</i>", self.styles["Cell"]),
                         *[""] * 7])
            rows += [self._service_row(s) for s in others]
        out.append(self.table(["Service", "Requested", "Returned", "Outstanding", "Overdue",
                               "Within 6 weeks", "% within 6 weeks", "Median days"],
                              rows, [3, 1, 1, 1.1, 1, 1.1, 1.2, 1],
                              numeric=range(1, 8), extra=extra))
        ranked = sorted(f.services, key=lambda s: -(s.percent_within_6_weeks or 0.0))
        out.append(Spacer(1, 4))
        out.append(self.bar_chart_horizontal([s.label for s in ranked],
                                             [s.percent_within_6_weeks or 0.0 for s in ranked],
                                             "Requests returned within 6 weeks", HEAT_GOOD, 130))
        return out

    def _by_month(self) -> list[Flowable]:
        f = self.f
        if not f.services:
            return []
        out = self.h1("% within 6 weeks by month of request")
        out.append(self.p("Each cell: % of that month's requests returned within 6 weeks, of "
                          "how many requests. Darker = better.", "Note"))
        rows = ([s for s in f.services if s.is_health]
                + ([f.health_total] if f.health_total else [])
                + [s for s in f.services if not s.is_health])

        def value(r: int, m: str) -> float | None:
            return rows[r].by_month[m].percent_within_6_weeks

        def text(r: int, m: str) -> str:
            cell = rows[r].by_month[m]
            if not cell.requested:
                return ""
            return f"{cell.percent_within_6_weeks:.0f}%\nof {cell.requested}"

        out += self.heat_table("Service", [s.label for s in rows], f.months, value, text, 100.0,
                               HEAT_GOOD, "Period",
                               lambda r: fmt_pct(rows[r].percent_within_6_weeks), 2.4)
        return out

    def _quality(self) -> list[Flowable]:
        f = self.f
        out = self.h1("Health content of audited plans (multi-agency audits)")
        if not f.questions or not f.health_answers:
            return [*out, self.p("No agreed answers to health questions in sessions of this "
                                 "period.")]
        out.append(self.p(
            f"Agreed answers to the rubric questions about health, in {len(f.sessions)} "
            f"session{'s' * (len(f.sessions) != 1)} ({f.plans_audited} plans audited): "
            f"{fmt_pct(f.health_shortfall_percent)} shortfalls ({f.health_shortfalls} of "
            f"{f.health_answers} answers other than N/A)."))
        qs = sorted(f.questions, key=lambda q: -(q.shortfall_percent or -1.0))
        out.append(self.table(["Question", "Answers (not N/A)", "N/A", "Shortfalls", "Shortfall"],
                              [[Paragraph(f"{escape(q.text)} <font color='#6B7280' size='6.5'>"
                                          f"[{escape(q.id)}]</font>", self.styles["Cell"]),
                                q.answered, q.na, q.shortfalls, fmt_pct(q.shortfall_percent)]
                               for q in qs], [6, 1.2, 0.8, 1.1, 1.1], numeric=[1, 2, 3, 4]))
        return out

    def _attribution(self) -> list[Flowable]:
        f = self.f
        out = self.h1("Shortfalls attributed to health")
        if not f.attributed_shortfalls:
            return [*out, self.p("No agreed shortfall was attributed to an agency in this "
                                 "period.")]
        out.append(self.p(
            f"{f.health_attributed_shortfalls} of {f.attributed_shortfalls} attributed agreed "
            f"shortfalls ({fmt_pct(f.percent_attributed_to_health)}) were attributed to health."))
        out += self.bullets(f"{a.sentence()} ({a.shortfalls} of {f.attributed_shortfalls})."
                            for a in f.agencies)
        out.append(self.p(SHARES_NOTE))
        if f.attribution_by_question:
            labels = {a.agency: a.label for a in f.agencies}
            out.append(self.table(["Question", "Agency", "Shortfalls"],
                                  [[Paragraph(f"{escape(text)} <font color='#6B7280' size='6.5'>"
                                              f"[{escape(q)}]</font>", self.styles["Cell"]),
                                    labels.get(a, a), n]
                                   for q, text, a, n in f.attribution_by_question],
                                  [6, 2, 1], numeric=[2]))
        return out

    def _themes(self) -> list[Flowable]:
        f = self.f
        out = self.h1("Health themes")
        if not f.themes:
            return [*out, self.p("No health-related themes were recorded in this period.")]
        out.append(self.p("Themes recorded against a health question, or alongside a health "
                          "shortfall the theme describes. Quotes are approved, redacted "
                          "excerpts.", "Note"))
        header, rows, widths = theme_table(f.themes)
        out.append(self.table(header, rows, widths, numeric=[1, 2, 3, 4]))
        for t in f.themes:
            if t.excerpts:
                out.append(KeepTogether([self.h2(t.label), *self.quotes(t.excerpts, True)]))
        return out
