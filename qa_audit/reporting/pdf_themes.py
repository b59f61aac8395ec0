"""PDF layout of the themes for training report."""

from __future__ import annotations

from reportlab.platypus import (
    Flowable,
    KeepTogether,
)

from qa_audit.reporting.pdf_groups import themes_breakdown_section
from qa_audit.reporting.pdf_learning import learning_sections
from qa_audit.reporting.pdf_parts import (
    DASH,
    HEAT_BAD,
    fmt_pct,
    month_label,
)
from qa_audit.reporting.pdf_report import ReportPdf
from qa_audit.reporting.themes import ThemesFigures


class ThemesPdf(ReportPdf):
    report_name = "Themes for training"
    f: ThemesFigures

    def subtitle(self) -> str:
        f = self.f
        return (f"{month_label(f.from_month)} to {month_label(f.to_month)}: "
                f"{len(f.sessions)} session{'s' * (len(f.sessions) != 1)}, "
                f"{f.plans_audited} plans audited.")

    def story(self) -> list[Flowable]:
        f = self.f
        out: list[Flowable] = [self.p(f.headline(), "Headline")]
        out += self.h1("How often each theme was recorded")
        if not f.themes:
            out.append(self.p("No themes were recorded in this period."))
        else:
            out.append(self.p("Distinct plans whose agreed (panel) scores record the theme, by "
                              "month of the session; the Raised column counts plans where any "
                              "auditor recorded it. Darker = more plans.", "Note"))
            top = max(max(t.by_month.values(), default=0) for t in f.themes)
            labels = [t.label for t in f.themes] + ["Plans with agreed scores"]
            themes = f.themes

            def value(r: int, m: str) -> float | None:
                if r == len(themes):
                    return None
                return float(themes[r].by_month.get(m, 0))

            def text(r: int, m: str) -> str:
                n = f.plans_agreed_by_month.get(m, 0) if r == len(themes) else \
                    themes[r].by_month.get(m, 0)
                return str(n) if n else ""

            def last(r: int) -> str:
                if r == len(themes):
                    return str(f.plans_agreed)
                return f"{themes[r].plans} (raised {themes[r].raised})"

            out += self.heat_table("Theme", labels, f.months, value, text, float(top),
                                   HEAT_BAD, "Period", last)
            out += self.h1("Themes in detail")
            for t in f.themes:
                block: list[Flowable] = [self.h2(
                    f"{t.label}: agreed in {t.plans} plan{'s' * (t.plans != 1)} "
                    f"({fmt_pct(t.percent_of_agreed)} of plans with agreed scores); raised "
                    f"by an auditor in {t.raised}")]
                if t.description:
                    block.append(self.p(t.description, "Note"))
                if t.questions:
                    block.append(self.markup("<b>Rubric questions</b>", "Body"))
                    block += self.bullets(f"{text} [{qid}]" if text else qid
                                          for qid, text in t.questions)
                if t.excerpts:
                    block.append(self.markup("<b>From the audits</b> (approved, redacted)",
                                             "Body"))
                    block += self.quotes(t.excerpts, True)
                else:
                    block.append(self.p("No approved excerpt for this theme yet.", "Note"))
                out.append(KeepTogether(block))  # splits normally when taller than a page
        out += themes_breakdown_section(self, f.breakdown, {t.id: t.label for t in f.themes})
        out += learning_sections(self, f)
        out += self.h1("Good practice exemplars")
        if f.exemplars:
            out.append(self.p("Plans whose agreed grade is in the rubric's best band, with the "
                              "strengths the panel recorded.", "Note"))
            out.append(self.table(["Session", "Plan", "Grade", "Strengths"],
                                  [[e.session, e.plan_ref, f"{e.grade} ({e.band})",
                                    e.text or DASH] for e in f.exemplars],
                                  [1.8, 1.3, 1.3, 5.5]))
        else:
            out.append(self.p("No plan reached its rubric's best band in this period."))
        return out
