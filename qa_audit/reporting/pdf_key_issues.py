"""PDF layout of the key issues report (one section per question, excerpts, agreement)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from qa_audit.reporting.key_issues import (
    SHARES_NOTE,
    KeyIssuesFigures,
    QuestionFigure,
    answer_columns,
)
from qa_audit.reporting.pdf_grade_rating import feedback_beside_grades_section
from qa_audit.reporting.pdf_groups import breakdown_section
from qa_audit.reporting.pdf_parts import (
    BAR,
    DASH,
    FRAME_W,
    LIGHT,
    NAVY,
    RAG,
    Paragraph,
    _mix,
    fmt_pct,
)
from qa_audit.reporting.pdf_report import ReportPdf
from qa_audit.reporting.pdf_sections import (
    THEMES_NOTE,
    indicators_section,
    reaudits_section,
    theme_table,
)
from qa_audit.reporting.wording import SMALL_N, is_small


class KeyIssuesPdf(ReportPdf):
    report_name = "Key issues report"
    f: KeyIssuesFigures

    def subtitle(self) -> str:
        f = self.f
        return (f"{f.session}, panel of {f.session_date:%d %B %Y}. Rubric: {f.rubric_title} "
                f"({f.rubric_id} v{f.rubric_version}). Session status: {f.session_status}.")

    def story(self) -> list[Flowable]:
        out = self._headline()
        out += self._grades()
        out += indicators_section(self, self.f.indicators)
        out += self._questions()
        out += self._agencies()
        out += self._reasons()
        out += self._breakdown()
        out += self._themes()
        out += self._strengths()
        out += self._actions()
        out += reaudits_section(self, self.f.reaudits)
        out += feedback_beside_grades_section(self, self.f.family_feedback,
                                              self.f.grade_and_rating)
        out += self._agreement()
        if self.f.unmoderated:
            out += self.h1("Plans audited but not yet moderated")
            out.append(self.p(", ".join(self.f.unmoderated)))
        return out

    def _headline(self) -> list[Flowable]:
        f = self.f
        colour = RAG.get(f.rag or "", NAVY)
        small = is_small(f.plans_moderated)  # the count, not a bare percentage
        big = [self.p(f"{f.plans_good} of {f.plans_moderated}" if small
                      else fmt_pct(f.percent_good), "BigFigure"),
               self.p("moderated plans judged good" if small
                      else "of moderated plans judged good", "BigCaption")]
        lines = [f"<b>{escape(f.headline())}</b>"]
        if f.target_percent_good is not None:
            rag = {"green": "GREEN: at or above target",
                   "amber": "AMBER: below target by 10 points or less",
                   "red": "RED: more than 10 points below target",
                   "grey": f"none: fewer than {SMALL_N} plans moderated"}.get(f.rag or "",
                                                                           "no RAG yet")
            lines.append(f"Target {f.target_percent_good:g}% good. RAG: "
                         f"<font color='{colour.hexval().replace('0x', '#')}'><b>{rag}</b></font>")
        lines.append(f"Plans sampled {f.plans_sampled}, audited {f.plans_audited}, "
                     f"moderated {f.plans_moderated}.")
        if f.previous is not None:
            prev = f.previous
            change = ("" if prev.change_points is None
                      else f" ({prev.change_points:+.1f} points)")
            verdict = {"better": ": better", "worse": ": worse",
                       "the same": ": no change"}.get(prev.verdict or "", "")
            lines.append(f"Previous session, {escape(prev.session)} "
                         f"({prev.date:%d/%m/%Y}): {fmt_pct(prev.percent_good)} good of "
                         f"{prev.plans_moderated} moderated; now {fmt_pct(f.percent_good)}"
                         f"{change}{verdict}.")
        else:
            lines.append("No earlier session on this rubric to compare with.")
        right = [self.markup(line, "Body") for line in lines]
        box = Table([[big, right]], colWidths=[FRAME_W * 0.3, FRAME_W * 0.7])
        box.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (0, 0), colour),
            ("BACKGROUND", (1, 0), (1, 0), LIGHT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]))
        return [box, Spacer(1, 4)]

    def _grades(self) -> list[Flowable]:
        f = self.f
        out = self.h1("Agreed overall grades")
        if not f.plans_moderated:
            return [*out, self.p("No plan has an agreed overall grade yet.")]
        chart = self.bar_chart_vertical([str(g.grade) for g in f.grades],
                                        [g.count for g in f.grades],
                                        [RAG.get(g.rag, BAR) for g in f.grades],
                                        f"Agreed overall grade ({f.grades[-1].grade} = best)",
                                        "Plans")
        bands: dict[str, list[Any]] = {}  # worst band first, as the grades run
        for g in f.grades:
            b = bands.setdefault(g.band, [g.grade, g.grade, 0, g.rag, g.good])
            b[0], b[1] = min(b[0], g.grade), max(b[1], g.grade)
            b[2] += g.count
        legend_rows = [[Paragraph(f"<font color='{RAG.get(rag, BAR).hexval().replace('0x', '#')}'>"
                                  f"■</font> {escape(label)}", self.styles["Cell"]),
                        f"{lo}-{hi}" if lo != hi else str(lo), "yes" if good else "no", n]
                       for label, (lo, hi, n, rag, good) in bands.items()]
        legend = self.table(["Band", "Grades", "Good", "Plans"], legend_rows,
                            [2.3, 1.25, 1, 1], numeric=[3], width=FRAME_W * 0.37)
        side = Table([[chart, legend]], colWidths=[FRAME_W * 0.63, FRAME_W * 0.37])
        side.hAlign = "LEFT"
        side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        return [*out, side]

    def _question_rows(
        self, questions: Sequence[QuestionFigure]
    ) -> tuple[list[str], list[list[Any]], list[float], list[int]]:
        codes = answer_columns(questions)
        as_columns = len(codes) <= 6
        header = ["Question"] + (codes if as_columns else ["Answers"]) + ["Shortfall"]
        rows = []
        for q in questions:
            text = Paragraph(f"{escape(q.text)} <font color='#6B7280' size='6.5'>"
                             f"[{escape(q.id)}]</font>", self.styles["Cell"])
            if as_columns:
                counts: list[Any] = [q.counts.get(c, 0) if c in q.counts else DASH for c in codes]
            else:
                counts = [", ".join(f"{c}: {n}" for c, n in q.counts.items() if n) or DASH]
            rows.append([text, *counts, fmt_pct(q.shortfall_percent)])
        widths = [6.0] + ([0.7] * len(codes) if as_columns else [2.5]) + [1.1]
        numeric = list(range(1, len(header))) if as_columns else [len(header) - 1]
        return header, rows, widths, numeric

    def _questions(self) -> list[Flowable]:
        f = self.f
        out = self.h1("Where plans fell short")
        worst = f.questions_worst_first()
        if not worst:
            return [*out, self.p("No agreed answers have been recorded yet.")]
        note = self.p("Agreed answers only. Shortfall = answers the rubric marks as a "
                      "shortfall, as a share of the answers other than N/A (n).", "Note")
        chart = self.bar_chart_horizontal(
            [q.text for q in worst], [q.shortfall_percent or 0.0 for q in worst],
            "Share of agreed answers that were a shortfall",
            bar_labels=[f"{fmt_pct(q.shortfall_percent)} (n={q.answered})" for q in worst])
        out.append(KeepTogether([note, chart]))
        header, rows, widths, numeric = self._question_rows(worst)
        out.append(self.table(header, rows, widths, numeric))
        return out

    def _agencies(self) -> list[Flowable]:
        f = self.f
        out = self.h1("Shortfalls by contributing agency")
        with_any = [a for a in f.agencies if a.shortfalls]
        if not with_any:
            return [*out, self.p("No agreed shortfall was attributed to an agency.")]
        out += self.bullets(f"{a.sentence()} ({a.shortfalls} of {f.attributed_shortfalls})."
                            for a in with_any)
        out.append(self.p(SHARES_NOTE))
        return out

    def _reasons(self) -> list[Flowable]:
        """Why the panel said questions fell short or did not apply (rubric reason codes)."""
        if not self.f.reasons:
            return []
        return [*self.h1("Reasons given"), self.table(
            ["Question", "Reason", "Answers"],
            [[Paragraph(f"{escape(r.question_text)} <font color='#6B7280' size='6.5'>"
                        f"[{escape(r.question)}]</font>", self.styles["Cell"]), r.label, r.count]
             for r in self.f.reasons], [5, 3, 1], numeric=[2])]

    def _breakdown(self) -> list[Flowable]:
        return breakdown_section(self, self.f.breakdown)

    def _themes(self) -> list[Flowable]:
        f = self.f
        out = self.h1("Themes")
        if not f.themes:
            return [*out, self.p("No themes were recorded in this session.")]
        out.append(self.p(THEMES_NOTE, "Note"))
        header, rows, widths = theme_table(f.themes)
        out.append(self.table(header, rows, widths, numeric=[1, 2, 3, 4]))
        for t in [t for t in f.themes if t.plans][:5]:
            block: list[Flowable] = [self.h2(f"{t.label}: agreed in {t.plans} "
                                             f"plan{'s' * (t.plans != 1)}")]
            block += self.quotes(t.excerpts) or [
                self.p("No approved excerpt for this theme yet.", "Note")]
            out.append(KeepTogether(block))
        return out

    def _strengths(self) -> list[Flowable]:
        f = self.f
        out = self.h1("Strengths and exemplar plans")
        top = next((g.band for g in reversed(f.grades)), "")  # grades run worst to best
        if f.exemplars:
            out.append(self.p(f"Exemplars: plans whose agreed grade is in the best band ({top}).",
                              "Note"))
            out.append(self.table(["Plan", "Grade", "Strengths"],
                                  [[e.plan_ref, e.grade, e.text or DASH] for e in f.exemplars],
                                  [1.4, 0.7, 7], numeric=[1]))
        else:
            out.append(self.p(f"No plan's agreed grade is in the best band ({top}) this time."))
        others = [s for s in f.strengths if s.plan_ref not in {e.plan_ref for e in f.exemplars}]
        if others:
            out.append(self.h2("Other strengths the panel recorded"))
            out.append(self.table(["Plan", "Grade", "Strengths"],
                                  [[s.plan_ref, s.grade, s.text] for s in others],
                                  [1.4, 0.7, 7], numeric=[1]))
        if f.development:
            out += self.h1("Areas for development")
            out.append(self.table(["Plan", "Grade", "Areas for development"],
                                  [[d.plan_ref, d.grade, d.text] for d in f.development],
                                  [1.4, 0.7, 7], numeric=[1]))
        return out

    def _actions(self) -> list[Flowable]:
        f = self.f
        out = self.h1("Actions")
        if not f.actions:
            return [*out, self.p("No actions were recorded for this session.")]
        rows = []
        extra = []
        for i, a in enumerate(f.actions, start=1):
            status = a.status + (" (overdue)" if a.overdue else "")
            rows.append([a.plan_ref or DASH, a.text, a.owner or DASH,
                         f"{a.due_date:%d/%m/%Y}" if a.due_date else DASH, status])
            if a.overdue:
                extra.append(("BACKGROUND", (4, i), (4, i), _mix(RAG["red"], 0.25)))
        overdue = sum(a.overdue for a in f.actions)
        out.append(self.p(f"{len(f.actions)} action{'s' * (len(f.actions) != 1)}, "
                          f"{sum(a.status == 'open' for a in f.actions)} open, "
                          f"{overdue} overdue.", "Note"))
        out.append(self.table(["Plan", "Action", "Owner", "Due", "Status"], rows,
                              [1.3, 4.8, 2, 1.1, 1.2], extra=extra))
        return out

    def _agreement(self) -> list[Flowable]:
        f = self.f
        a = f.agreement
        out = self.h1("Agreement between auditors")
        if not a.pairs:
            return [*out, self.p("No plan was graded by two auditors, so agreement cannot be "
                                 "measured.")]
        alpha = DASH if a.krippendorff_alpha_ordinal is None else \
            f"{a.krippendorff_alpha_ordinal:.3f}"
        out.append(self.p(
            f"{a.pairs} pairs of auditors graded the same plan: {fmt_pct(a.overall_exact_percent)} "
            f"gave the same overall grade and {fmt_pct(a.overall_within_one_percent)} were within "
            f"one grade. Krippendorff's alpha (ordinal): {alpha}. The panel's agreed grades are "
            "not part of these figures."))
        rows = [[m.auditor, m.agency or DASH, m.plans_graded, fmt_pct(m.exact_percent),
                 fmt_pct(m.within_one_percent),
                 DASH if m.mean_difference_from_agreed is None
                 else f"{m.mean_difference_from_agreed:+.2f}", m.tendency]
                for m in f.members]
        out.append(self.table(["Auditor", "Agency", "Plans graded", "Same grade",
                               "Within one", "Mean vs agreed", "Drift"], rows,
                              [2.3, 2, 1, 1, 1, 1.1, 2.2], numeric=[2, 3, 4, 5]))
        best = f.grades[-1].grade  # the grades run worst to best (not judged first)
        plus = ("more severe" if len(f.grades) > 1 and best < f.grades[-2].grade
                else "more generous")
        out.append(self.p(f"Mean vs agreed: the auditor's grade minus the panel's agreed grade, "
                          f"on average. {best} is the best grade, so + means {plus}.", "Note"))
        return out
