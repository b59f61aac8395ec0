"""PDF layout of the four reports (reportlab platypus).

One renderer class per document (:class:`KeyIssuesPdf`, :class:`TrendPdf`,
:class:`HealthPdf`, :class:`ThemesPdf`) on a shared :class:`ReportPdf` base that
owns the page template (A4 portrait), the named paragraph styles, the header
(report title and database name), the footer (date produced, change-log chain head,
"Page X of Y") and the building blocks: tables that repeat their header row and
wrap every text cell that needs it in a Paragraph (a short one is a plain string
cell drawn the same way), heat-map tables, and charts (:class:`Picture`: lines,
bars and labels drawn straight onto the canvas where reportlab's chart widgets
drew them, without ``reportlab.graphics``).

Renderers only lay figures out; they compute nothing a reader could quote that the
figures object does not already hold. Every piece of user or rubric text goes
through :func:`xml.sax.saxutils.escape` before it becomes Paragraph markup (a
plain string cell is not markup and is drawn as it is). Plans appear only by their
pseudonymous reference.

Imported lazily by :mod:`qa_audit.reporting.render` (reportlab is slow to import).
"""

from __future__ import annotations

import abc
import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from qa_audit.reporting import pdf_advice
from qa_audit.reporting.charts_trend import MonthlySeries, draw_monthly_percent
from qa_audit.reporting.health import HealthFigures, ServiceFigure
from qa_audit.reporting.key_issues import (
    SHARES_NOTE,
    Excerpt,
    KeyIssuesFigures,
    QuestionFigure,
    answer_columns,
)
from qa_audit.reporting.meta import ReportMeta
from qa_audit.reporting.pdf_groups import breakdown_section, themes_breakdown_section
from qa_audit.reporting.pdf_learning import learning_sections
from qa_audit.reporting.pdf_parts import (
    _FIT_SLACK,
    _NOT_VERBATIM,
    _TEXT_COMMANDS,
    _TEXT_RAISE,
    BAR,
    DASH,
    FRAME_W,
    GREY,
    HEAT_BAD,
    HEAT_GOOD,
    LIGHT,
    MARGIN,
    MONTHS_PER_TABLE,
    NAVY,
    PHASE_LABELS,
    RAG,
    RULE,
    Cell,
    Paragraph,
    Picture,
    _chunks,
    _clip,
    _mix,
    _nice_step,
    fmt_num,
    fmt_pct,
    make_styles,
    month_label,
)
from qa_audit.reporting.pdf_sections import (
    THEMES_NOTE,
    indicators_section,
    reaudits_section,
    theme_table,
)
from qa_audit.reporting.themes import ThemesFigures
from qa_audit.reporting.trend import TrendFigures
from qa_audit.reporting.wording import SMALL_N, is_small

__all__ = ["RENDERERS", "Cell", "HealthPdf", "KeyIssuesPdf", "Picture", "ReportPdf", "ThemesPdf",
           "TrendPdf", "render_pdf"]

def _text_columns(commands: Iterable[tuple[Any, ...]], ncols: int) -> set[int]:
    """Columns whose strings a style command would restyle (Paragraphs ignore them)."""
    cols: set[int] = set()
    for cmd in commands:
        if cmd[0] in _TEXT_COMMANDS:
            c0, c1 = cmd[1][0] % ncols, cmd[2][0] % ncols
            cols.update(range(min(c0, c1), max(c0, c1) + 1))
    return cols


# ------------------------------------------------------------------ the document


def _attach_headings(story: list[Flowable]) -> list[Flowable]:
    """Move headings into the KeepTogether block that follows them.

    reportlab's keepWithNext does not group a heading with a following KeepTogether
    (a container), so a heading could be left alone at the foot of a page.
    """
    out: list[Flowable] = []
    pending: list[Flowable] = []
    for item in story:
        # the reportlab stub leaves getKeepWithNext unannotated
        if isinstance(item, Paragraph) and item.getKeepWithNext():  # type: ignore[no-untyped-call]
            pending.append(item)
            continue
        if pending and isinstance(item, KeepTogether):
            # reportlab has no getter for a KeepTogether's flowables
            out.append(KeepTogether([*pending, *item._content]))  # type: ignore[attr-defined]
        else:
            out += [*pending, item]
        pending = []
    return out + pending


class _NumberedCanvas(pdfcanvas.Canvas):
    """Canvas that knows the page count when the document is saved ("Page X of Y")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab API
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's private page reset

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.saveState()
            self.setFont("Helvetica", 7.5)
            self.setFillColor(GREY)
            width = self._pagesize[0]  # type: ignore[attr-defined]  # reportlab's own field
            self.drawRightString(width - MARGIN, MARGIN, f"Page {self.getPageNumber()} of {total}")
            self.restoreState()
            super().showPage()
        super().save()


class _Doc(BaseDocTemplate):
    """Reports progress after each top-level block; the callback may raise to cancel."""

    def __init__(self, path: str, progress: Callable[[float], None] | None, **kw: Any) -> None:
        super().__init__(path, **kw)
        self._progress = progress
        self._total = 1
        self._done = 0

    def start(self, total: int) -> None:
        self._total = max(1, total)
        self._done = 0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab API
        self._done += 1
        if self._progress is not None:
            self._progress(min(1.0, self._done / self._total))


class ReportPdf(abc.ABC):
    """Base of every report document: page template, styles, header/footer, blocks."""

    report_name: ClassVar[str] = "Report"
    pagesize: ClassVar[tuple[float, float]] = A4  # (width, height); the scorecard's is landscape

    def __init__(self, figures: Any, meta: ReportMeta) -> None:
        self.f = figures
        self.meta = meta
        self.styles = make_styles()

    # ------------------------------------------------------------- to override

    def subtitle(self) -> str:
        return ""

    @abc.abstractmethod
    def story(self) -> list[Flowable]:
        """The document's body, after the title block."""

    # ------------------------------------------------------------------ build

    def build(self, path: Path, progress: Callable[[float], None] | None = None) -> int:
        """Write the PDF to ``path``; returns the number of pages."""
        doc = _Doc(str(path), progress, pagesize=self.pagesize, leftMargin=MARGIN,
                   rightMargin=MARGIN, topMargin=MARGIN + 8 * mm, bottomMargin=MARGIN + 6 * mm,
                   title=self.f.title, author="qa-audit", subject=self.report_name,
                   creator="qa-audit", invariant=True)
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])
        story = _attach_headings(self._title_block() + self.story())
        doc.start(len(story))
        doc.build(story, canvasmaker=_NumberedCanvas)
        return doc.page

    def _decorate(self, c: pdfcanvas.Canvas, doc: BaseDocTemplate) -> None:
        c.saveState()
        page_w, page_h = self.pagesize
        top = page_h - MARGIN
        c.setFillColor(NAVY)
        c.setFont("Helvetica-Bold", 8.5)
        c.drawString(MARGIN, top, _clip(self.f.title, 80))
        c.setFont("Helvetica", 7.5)
        c.setFillColor(GREY)
        c.drawRightString(page_w - MARGIN, top, _clip(f"Database: {self.meta.database}", 70))
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.line(MARGIN, top - 4, page_w - MARGIN, top - 4)
        bottom = MARGIN
        c.line(MARGIN, bottom + 9, page_w - MARGIN, bottom + 9)
        c.setFont("Helvetica", 7.5)
        c.drawString(MARGIN, bottom, f"Produced {self.meta.produced_text} by qa-audit. "
                                     "Plans are identified by pseudonymous reference only.")
        c.setFont("Courier", 6)
        c.drawString(MARGIN, bottom - 8, f"Change log chain head: {self.meta.chain_head}")
        c.restoreState()

    # ------------------------------------------------------------- paragraphs

    def p(self, text: str, style: str = "Body") -> Paragraph:
        """A paragraph of plain (user or rubric) text: always escaped."""
        return Paragraph(escape(text), self.styles[style])

    def markup(self, markup: str, style: str = "Body") -> Paragraph:
        """A paragraph of markup built here (every user text inside already escaped)."""
        return Paragraph(markup, self.styles[style])

    def h1(self, text: str) -> list[Flowable]:
        return [CondPageBreak(60 * mm), self.p(text, "Heading1")]

    def h2(self, text: str) -> Paragraph:
        return self.p(text, "Heading2")

    def bullets(self, items: Iterable[str]) -> list[Flowable]:
        return [Paragraph(escape(t), self.styles["Bullet"], bulletText="•") for t in items]

    def quotes(self, excerpts: Sequence[Excerpt], with_session: bool = False) -> list[Flowable]:
        out: list[Flowable] = []
        for e in excerpts:
            where = f"{e.plan_ref}, {e.session}" if with_session and e.session else e.plan_ref
            out.append(self.markup(f"“{escape(e.text)}” <font color='#6B7280' size='7.5'>"
                                   f"({escape(where)})</font>", "Quote"))
        return out

    def _title_block(self) -> list[Flowable]:
        out: list[Flowable] = [self.p(self.report_name, "ReportTitle")]
        if self.subtitle():
            out.append(self.p(self.subtitle(), "Subtitle"))
        return out

    # ----------------------------------------------------------------- tables

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        numeric: Iterable[int] = (),
        extra: Sequence[tuple[Any, ...]] = (),
        bold_last: bool = False,
        width: float = FRAME_W,
        zebra: bool = True,
        small_header: bool = False,
    ) -> Table:
        """A table over the frame width; ``widths`` are shares (they are normalised).

        Text cells become Paragraphs (so they wrap), numbers are right-aligned, the
        header row repeats on every page the table spans. A cell whose text fits on
        one line (each line, for a ``Cell`` with ``lines``) is given to the table as a
        plain string styled as its Paragraph would be: it is drawn identically, without
        parsing markup and breaking lines, which was most of the cost of a report's
        tables. Columns that ``extra`` restyles as text keep their Paragraphs.
        """
        num = set(numeric)
        total = sum(widths)
        col_w = [width * w / total for w in widths]
        head = "CellHeadSmall" if small_header else "CellHead"
        extra = list(extra)
        paragraph_only = _text_columns(extra, len(col_w))
        padding = max([3.0] + [float(c[3]) for c in extra
                               if c[0] in ("LEFTPADDING", "RIGHTPADDING")])
        room = [w - 2 * padding - _FIT_SLACK for w in col_w]
        commands: list[tuple[Any, ...]] = []

        def cell(value: Any, r: int, c: int, style_name: str) -> Any:
            """A Paragraph, or -- when the text is drawn the same -- a cheap string cell."""
            if isinstance(value, Flowable):
                return value
            if not isinstance(value, Cell):
                value = Cell(value if isinstance(value, str) else fmt_num(value))
            style = self.styles[style_name]
            if c in paragraph_only:
                return Paragraph(value.markup(), style)
            if not value.text:
                return []  # an empty Paragraph: no line, no height
            font = style.fontName
            if value.bold:  # the bold face <b> picks
                family, _bold, italic = ps2tt(font)
                font = tt2ps(family, 1, italic)
            lines = value.text.split("\n") if value.lines else [value.text]
            if any(_NOT_VERBATIM.search(line)
                   or stringWidth(line, font, style.fontSize) > room[c] for line in lines):
                return Paragraph(value.markup(), style)
            if value.bold:
                commands.append(("FONT", (c, r), (c, r), font, style.fontSize, style.leading))
            if value.color is not None:
                commands.append(("TEXTCOLOR", (c, r), (c, r), colors.HexColor(value.color)))
            return "\n".join(lines)

        data: list[list[Any]] = [[cell(h, 0, i, f"{head}Num" if i in num else head)
                                  for i, h in enumerate(header)]]
        for r, row in enumerate(rows, start=1):
            data.append([cell(v, r, i, "CellNum" if i in num else "Cell")
                         for i, v in enumerate(row)])
        t = Table(data, colWidths=col_w, repeatRows=1, hAlign="LEFT")
        head_style, body_style = self.styles[head], self.styles["Cell"]
        style: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, 0), NAVY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            # string cells drawn as their Paragraph styles would draw them
            ("FONT", (0, 0), (-1, 0), head_style.fontName, head_style.fontSize,
             head_style.leading),
            ("TEXTCOLOR", (0, 0), (-1, 0), head_style.textColor),
            ("FONT", (0, 1), (-1, -1), body_style.fontName, body_style.fontSize,
             body_style.leading),
            ("TEXTCOLOR", (0, 1), (-1, -1), body_style.textColor),
            *[("ALIGN", (c, 0), (c, -1), "RIGHT") for c in sorted(num)],
            *commands,
        ]
        if zebra:
            style += [("BACKGROUND", (0, r), (-1, r), LIGHT) for r in range(2, len(data), 2)]
        if bold_last and rows:
            style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, NAVY))
        t.setStyle(TableStyle(style + extra))
        return t

    def heat_table(
        self,
        first_header: str,
        labels: Sequence[str],
        months: Sequence[str],
        value: Callable[[int, str], float | None],
        text: Callable[[int, str], str],
        top: float,
        base: colors.Color,
        last_header: str | None = None,
        last: Callable[[int], str] | None = None,
        label_share: float = 3.2,
    ) -> list[Flowable]:
        """Rows x months tables (12 months a table), each cell shaded by value / top.

        ``text`` may return several lines separated by newlines. The ``last`` column
        (e.g. the whole period) is added to the last of the tables.
        """
        out: list[Flowable] = []
        chunks = _chunks(list(months), MONTHS_PER_TABLE)
        for index, chunk in enumerate(chunks):
            with_last = last is not None and index == len(chunks) - 1
            header = [first_header] + [month_label(m) for m in chunk]
            if with_last:
                header.append(last_header or "")
            rows: list[list[Any]] = []
            shade: list[tuple[Any, ...]] = []
            for r, label in enumerate(labels):
                row: list[Any] = [label]
                for c, m in enumerate(chunk, start=1):
                    v = value(r, m)
                    share = 0.0 if v is None or top <= 0 else v / top
                    colour = "#FFFFFF" if share > 0.55 else "#111111"
                    row.append(Cell(text(r, m), colour, lines=True))
                    if v is not None and share > 0:
                        shade.append(("BACKGROUND", (c, r + 1), (c, r + 1), _mix(base, share)))
                if with_last and last is not None:
                    row.append(Cell(last(r), bold=True))
                rows.append(row)
            widths = [label_share] + [1.0] * len(chunk) + ([1.3] if with_last else [])
            grid: list[tuple[Any, ...]] = [("LINEAFTER", (0, 0), (-1, -1), 0.3, colors.white)]
            grid += [("LEFTPADDING", (1, 0), (-1, -1), 2), ("RIGHTPADDING", (1, 0), (-1, -1), 2)]
            out += [self.table(header, rows, widths, range(1, len(header)), extra=grid + shade,
                               zebra=False, small_header=True), Spacer(1, 6)]
        return out

    # ----------------------------------------------------------------- charts

    def bar_chart_vertical(self, labels: Sequence[str], values: Sequence[int],
                           fills: Sequence[colors.Color], x_title: str,
                           y_title: str) -> Picture:
        """Counts as columns (reportlab's VerticalBarChart layout: bar 10, gap 6)."""
        width, height = FRAME_W * 0.62, 140
        d = Picture(width, height)
        x0, y0, plot_w, plot_h = 34, 30, width - 44, height - 48
        top = max([*values, 1])
        step = _nice_step(top, 4)
        v_max = math.ceil(top * 1.15 / step) * step
        ticks = [k * step for k in range(round(v_max / step) + 1)]

        def y(v: float) -> float:
            return y0 + v * plot_h / v_max

        n = max(1, len(values))
        cat = plot_w / n
        unit = cat / (6 + 10)  # group spacing + bar width, scaled to the category
        for t in ticks:
            d.line(x0, y(t), x0 + plot_w, y(t), RULE, 0.4)
        for i, (v, fill) in enumerate(zip(values, fills, strict=False)):
            if v:
                d.rect(x0 + i * cat + 3 * unit, y0, 10 * unit, y(v) - y0, fill)
        for i, v in enumerate(values):
            d.text(x0 + (i + 0.5) * cat, y(v) + 6 - _TEXT_RAISE * 7.5, f"{int(v)}", 7.5,
                   anchor="middle")
        d.line(x0, y0, x0 + plot_w, y0)
        for i in range(len(values) + 1):
            d.line(x0 + i * cat, y0, x0 + i * cat, y0 - 5)
        for i, label in enumerate(labels):
            d.text(x0 + (i + 0.5) * cat, y0 - 5 - 8, label, 8, anchor="middle")
        d.line(x0, y0, x0, y0 + plot_h)
        for t in ticks:
            d.line(x0, y(t), x0 - 5, y(t))
        for t in ticks:
            d.text(x0 - 5, y(t) - _TEXT_RAISE * 7.5, f"{int(t)}", 7.5, anchor="end")
        d.text(x0 + plot_w / 2, 4, x_title, 8, GREY, "middle")
        d.text(4, height - 10, y_title, 8, GREY)
        return d

    def bar_chart_horizontal(self, labels: Sequence[str], values: Sequence[float],
                             caption: str, fill: colors.Color = BAR,
                             label_width: float = 200,
                             bar_labels: Sequence[str] | None = None) -> Picture:
        """Percent bars, first item at the top (0-100% axis; reportlab's
        HorizontalBarChart layout: bar 10, gap 5)."""
        row = 11
        height = max(60, row * len(values) + 38)
        d = Picture(FRAME_W, height)
        x0, y0 = label_width, 24
        plot_w, plot_h = FRAME_W - label_width - 56, row * len(values)
        values = list(reversed(values))
        names = [_clip(lbl, 56) for lbl in reversed(labels)]
        texts = ([f"{v:.1f}%" for v in values] if bar_labels is None
                 else list(reversed(bar_labels)))
        ticks = range(0, 101, 20)

        def x(v: float) -> float:
            return x0 + v * plot_w / 100

        n = max(1, len(values))
        cat = plot_h / n
        unit = cat / (5 + 10)
        for t in ticks:
            d.line(x(t), y0, x(t), y0 + plot_h, RULE, 0.4)
        for i, v in enumerate(values):
            if v:
                d.rect(x0, y0 + i * cat + 2.5 * unit, x(v) - x0, 10 * unit, fill)
        for i, (v, text) in enumerate(zip(values, texts, strict=False)):
            d.text(x(v) + 3, y0 + (i + 0.5) * cat - _TEXT_RAISE * 6.5, text, 6.5)
        d.line(x0, y0, x0, y0 + plot_h)
        for i in range(len(values) + 1):
            d.line(x0, y0 + i * cat, x0 - 5, y0 + i * cat)
        for i, name in enumerate(names):
            d.text(x0 - 4, y0 + (i + 0.5) * cat - _TEXT_RAISE * 7, name, 7, anchor="end")
        d.line(x0, y0, x0 + plot_w, y0)
        for t in ticks:
            d.line(x(t), y0, x(t), y0 - 5)
        for t in ticks:
            d.text(x(t), y0 - 5 - 7, f"{t}%", 7, anchor="middle")
        d.text(x0 + plot_w / 2, 4, caption, 7.5, GREY, "middle")
        return d


# ------------------------------------------------------------------ key issues


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


# ------------------------------------------------------------------ trend


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

            out += self.heat_table("Question (% shortfall)", [_clip(q.text, 64) for q in qs],
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
                _clip(ind.label, 58), 120, half, compact=True))
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
        out += self.heat_table("Indicator", [_clip(i.label, 48) for i in inds], f.months,
                               value, text, 100.0, HEAT_GOOD, "Period", last, 4.2)
        rows = [[i.label, f.indicator_totals[i.id].plans, f.indicator_totals[i.id].met,
                 fmt_pct(f.indicator_totals[i.id].percent_met),
                 fmt_pct(f.indicator_totals[i.id].target_percent), i.targets.describe()]
                for i in inds]
        out.append(self.table(["Indicator", "Counted", "Met", "% met",
                               f"Target ({month_label(f.to_month)})", "Target schedule"],
                              rows, [3.4, 1, 0.8, 1, 1.2, 2.6], numeric=[1, 2, 3, 4]))
        return out


# ------------------------------------------------------------------ health


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


# ------------------------------------------------------------------ themes


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


RENDERERS: dict[str, type[ReportPdf]] = {
    "key-issues": KeyIssuesPdf, "trend": TrendPdf, "health": HealthPdf, "themes": ThemesPdf,
}


def render_pdf(figures: Any, path: Path, meta: ReportMeta,
               progress: Callable[[float], None] | None = None) -> int:
    """Lay out ``figures`` (of any report kind) as a PDF at ``path``; returns the page count."""
    return RENDERERS[figures.kind](figures, meta).build(path, progress)
