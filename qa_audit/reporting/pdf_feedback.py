"""The caseworker's feedback letter as a PDF (one to two pages).

Written for a caseworker, not a panel: plain headings, the grade and its band,
what worked, what to develop, each agreed shortfall with the panel's note and the
agencies involved, then the actions with their due dates. Laid out with the same
page frame and styles as every report (:class:`~qa_audit.reporting.pdf_report.ReportPdf`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, KeepTogether

from qa_audit.reporting.meta import ReportMeta
from qa_audit.reporting.pdf_parts import DASH
from qa_audit.reporting.pdf_report import ReportPdf
from qa_audit.reporting.plan_feedback import PlanFeedbackFigures

__all__ = ["PlanFeedbackPdf", "render_pdf"]


class PlanFeedbackPdf(ReportPdf):
    report_name = "Feedback from the quality assurance panel"
    f: PlanFeedbackFigures

    def subtitle(self) -> str:
        f = self.f
        team = f", team {f.team}" if f.team else ""
        return (f"Plan {f.plan_ref}{team}. Audited in {f.session} "
                f"({f.session_date:%d/%m/%Y}) against {f.rubric_title}.")

    def story(self) -> list[Flowable]:
        f = self.f
        out: list[Flowable] = [self.p(
            "To the caseworker of this plan. The audit panel has moderated this plan; this "
            "letter gives its agreed findings only, so you can see what worked, what to "
            "develop and what has been agreed to happen next.", "Body")]
        if f.grade is None:
            out.append(self.p(f.headline(), "Headline"))
        else:
            verdict = "a good plan" if f.good else "not yet good"
            out.append(self.markup(
                f"Agreed grade: <b>{f.grade}</b> ({escape(f.band or '')}): {verdict}.",
                "Headline"))
        out += self.h1("What worked well")
        out.append(self.p(f.strengths or "The panel recorded no strengths for this plan."))
        out += self.h1("What to develop")
        out.append(self.p(f.development or "The panel recorded nothing further to develop."))
        out += self.h1("Where the plan fell short")
        if not f.shortfalls:
            out.append(self.p("The panel agreed no shortfall against the rubric's questions."))
        for s in f.shortfalls:
            agencies = (f" &nbsp; <b>Agencies involved:</b> {escape(', '.join(s.agency_labels))}"
                        if s.agency_labels else "")
            block: list[Flowable] = [
                self.h2(f"{s.question_text} [{s.question}]"),
                self.markup(f"<b>Agreed answer:</b> {escape(s.answer_label)}{agencies}")]
            if s.note:
                block.append(self.markup(f"<b>Panel's note:</b> {escape(s.note)}"))
            out.append(KeepTogether(block))
        out += self.h1("Actions")
        if f.actions:
            out.append(self.table(
                ["Action", "Owner", "Due", "Status"],
                [[a.text + (" (the plan will be audited again)" if a.reaudit else ""),
                  a.owner or DASH, f"{a.due:%d/%m/%Y}" if a.due else DASH, a.status]
                 for a in f.actions], [5.5, 1.8, 1.2, 1.0]))
        else:
            out.append(self.p("The panel agreed no action on this plan."))
        out.append(self.p("Built from the panel's agreed scores only; individual auditors' "
                          "scores are not shown. Names and personal details are redacted.",
                          "Note"))
        return out


def render_pdf(figures: Any, path: Path, meta: ReportMeta,
               progress: Callable[[float], None] | None = None) -> int:
    """Lay out the letter at ``path``; returns the page count."""
    return PlanFeedbackPdf(figures, meta).build(path, progress)
