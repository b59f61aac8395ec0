"""PDF layout of the quality trend report (monthly charts and tables)."""

from __future__ import annotations

from reportlab.platypus import (
    Flowable,
    Table,
    TableStyle,
)

from qa_audit.reporting.charts_trend import MonthlySeries, draw_monthly_percent
from qa_audit.reporting.pdf_groups import breakdown_section
from qa_audit.reporting.pdf_parts import (
    DASH,
    FRAME_W,
    HEAT_BAD,
    HEAT_GOOD,
    NAVY,
    PHASE_LABELS,
    RAG,
    Picture,
    fmt_pct,
    month_label,
)
from qa_audit.reporting.pdf_report import ReportPdf
from qa_audit.reporting.trend import TrendFigures
from qa_audit.reporting.wording import SMALL_N


class TrendPdf(ReportPdf):
    report_name = "Quality trend report"
    f: TrendFigures

    def subtitle(self) -> str:
        f = self.f
        return (f"{f.rubric_name}, {month_label(f.from_month)} to {month_label(f.to_month)}. "
                f"{f.scope_note()}")

    def story(self) -> list[Flowable]:
        f = self.f
        out: list[Flowable] = [self.p(f.headline(), "Headline")]
        out += self.h1("Plans judged good, month by month")
        out.append(self.series_chart(MonthlySeries(
            f.months, [p.percent_good for p in f.periods],
            [p.plans_moderated for p in f.periods], [p.target_percent_good for p in f.periods],
            [p.ci_low for p in f.periods], [p.ci_high for p in f.periods],
            [RAG.get(p.rag or "", NAVY) for p in f.periods]),
            "% of moderated plans judged good, with 95% interval", 200))
        out.append(self.p("Points: % of moderated plans judged good (a plan moderated in two "
                          "sessions counts twice). Whiskers: 95% Wilson score interval. "
                          "Green steps: the target in force each month (none drawn where no "
                          "target was in force). Months without moderated plans are blank; "
                          f"grey points: fewer than {SMALL_N} plans, too few for a RAG rating.",
                          "Note"))
        rows = [[month_label(p.period), ", ".join(p.sessions) or DASH, p.plans_moderated,
                 p.plans_good, fmt_pct(p.percent_good),
                 DASH if p.ci_low is None else f"{p.ci_low:.1f}-{p.ci_high:.1f}%",
                 fmt_pct(p.target_percent_good), (p.rag or DASH).upper()] for p in f.periods]
        extra = [("TEXTCOLOR", (7, i), (7, i), RAG[p.rag])
                 for i, p in enumerate(f.periods, start=1) if p.rag in RAG]
        out.append(self.table(["Month", "Sessions", "Moderated", "Good", "% good", "95% CI",
                               "Target", "RAG"], rows, [1, 3.2, 1.1, 0.9, 1, 1.4, 0.9, 0.9],
                              numeric=[2, 3, 4, 5, 6], extra=extra))
        out += self._indicators()
        out += self.h1("Shortfalls by question, month by month")
        if f.questions:
            out.append(self.p("Agreed answers only: shortfalls as a share of answers other than "
                              "N/A. Darker = more shortfalls.", "Note"))
            qs = f.questions

            def value(r: int, m: str) -> float | None:
                return qs[r].by_month[m].shortfall_percent

            def text(r: int, m: str) -> str:
                v = value(r, m)
                return "" if v is None else f"{v:.0f}"

            out += self.heat_table("Question (% shortfall)", [q.text for q in qs],
                                   f.months, value, text, 100.0, HEAT_BAD, "Period",
                                   lambda r: fmt_pct(qs[r].overall.shortfall_percent), 4.2)
        else:
            out.append(self.p("No agreed answers in this period."))
        out += breakdown_section(self, f.breakdown)
        out += self.h1("Plans judged good by team, phase and primary need")
        out.append(self.p("Moderated plans over the whole period.", "Note"))
        titles = {"team": "Team", "phase": "Phase", "primary_need": "Primary need"}
        for dim, groups in f.groups.items():
            out.append(self.h2(titles.get(dim, dim)))
            if groups:
                out.append(self.table(
                    [titles.get(dim, dim), "Moderated", "Good", "% good"],
                    [[PHASE_LABELS.get(g.group, g.group) if dim == "phase" else g.group,
                      g.plans_moderated, g.plans_good, fmt_pct(g.percent_good)]
                     for g in groups], [4, 1.2, 1, 1.2], numeric=[1, 2, 3]))
            else:
                out.append(self.p("No moderated plans.", "Note"))
        return out

    def series_chart(self, series: MonthlySeries, caption: str, height: float,
                     width: float = FRAME_W, compact: bool = False) -> Picture:
        d = Picture(width, height)
        draw_monthly_percent(d, width, height, series, caption, compact=compact)
        return d

    def _indicators(self) -> list[Flowable]:
        """One small chart per indicator against its own target steps, then the table."""
        f = self.f
        out = self.h1("Indicators, month by month")
        if not f.indicators:
            out.append(self.p(f"{f.rubric_name} declares no indicators.", "Note"))
            return out
        out.append(self.p("Each indicator over the moderated plans of the month: counted when "
                          "one of its questions has an agreed answer other than N/A, met when "
                          "none is a shortfall. Green steps: the indicator's own target in "
                          "force each month.", "Note"))
        half = FRAME_W / 2 - 3
        pictures = []
        for ind in f.indicators:
            got = [p.indicators[ind.id] for p in f.periods]
            pictures.append(self.series_chart(MonthlySeries(
                f.months, [g.percent_met for g in got], [g.plans for g in got],
                [g.target_percent for g in got],
                dots=[RAG.get(g.rag or "", NAVY) for g in got]),
                ind.label, 120, half, compact=True))  # the caption wraps
        grid = [pictures[i:i + 2] + [""] * (2 - len(pictures[i:i + 2]))
                for i in range(0, len(pictures), 2)]
        charts = Table(grid, colWidths=[FRAME_W / 2] * 2)
        charts.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        out.append(charts)
        inds = f.indicators

        def value(r: int, m: str) -> float | None:
            return f.periods[f.months.index(m)].indicators[inds[r].id].percent_met

        def text(r: int, m: str) -> str:
            g = f.periods[f.months.index(m)].indicators[inds[r].id]
            return "" if g.percent_met is None else f"{g.percent_met:.0f}%\n{g.met}/{g.plans}"

        def last(r: int) -> str:
            t = f.indicator_totals[inds[r].id]
            return f"{fmt_pct(t.percent_met)}\n{t.met}/{t.plans}"

        out.append(self.p("Indicators per month: % met, then met / counted plans.", "Note"))
        out += self.heat_table("Indicator", [i.label for i in inds], f.months,
                               value, text, 100.0, HEAT_GOOD, "Period", last, 4.2)
        rows = [[i.label, f.indicator_totals[i.id].plans, f.indicator_totals[i.id].met,
                 fmt_pct(f.indicator_totals[i.id].percent_met),
                 fmt_pct(f.indicator_totals[i.id].target_percent), i.targets.describe()]
                for i in inds]
        out.append(self.table(["Indicator", "Counted", "Met", "% met",
                               f"Target ({month_label(f.to_month)})", "Target schedule"],
                              rows, [3.4, 1, 0.8, 1, 1.2, 2.6], numeric=[1, 2, 3, 4]))
        return out
