"""The shared base of the reports' PDF layouts (reportlab platypus).

Each report's renderer (:mod:`~qa_audit.reporting.pdf_key_issues`,
:mod:`~qa_audit.reporting.pdf_trend`, :mod:`~qa_audit.reporting.pdf_health`,
:mod:`~qa_audit.reporting.pdf_themes`, :mod:`~qa_audit.reporting.board_pdf`)
subclasses :class:`ReportPdf`, which owns the page template (A4 portrait), the named
paragraph styles, the header (report title and database name), the footer (date
produced, change-log chain head, "Page X of Y") and the building blocks: tables that
repeat their header row and wrap every text cell that needs it in a Paragraph (a short
one is a plain string cell drawn the same way), heat-map tables, and charts
(:class:`Picture`: lines, bars and labels drawn straight onto the canvas where
reportlab's chart widgets drew them, without ``reportlab.graphics``).

Renderers only lay figures out; they compute nothing a reader could quote that the
figures object does not already hold. Every piece of user or rubric text goes
through :func:`xml.sax.saxutils.escape` before it becomes Paragraph markup (a
plain string cell is not markup and is drawn as it is). Plans appear only by their
pseudonymous reference.

Imported through :mod:`qa_audit.reporting.pdf`, which
:mod:`qa_audit.reporting.render` imports lazily (reportlab is slow to import).
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

from qa_audit.reporting.chart_labels import label_lines, line_offsets, row_height
from qa_audit.reporting.key_issues import Excerpt
from qa_audit.reporting.meta import ReportMeta
from qa_audit.reporting.pdf_parts import (
    _FIT_SLACK,
    _NOT_VERBATIM,
    _TEXT_COMMANDS,
    _TEXT_RAISE,
    BAR,
    FRAME_W,
    GREY,
    LIGHT,
    MARGIN,
    MONTHS_PER_TABLE,
    NAVY,
    RULE,
    Cell,
    Paragraph,
    Picture,
    _chunks,
    _clip,
    _mix,
    _nice_step,
    fmt_num,
    make_styles,
    month_label,
)

__all__ = ["ReportPdf"]

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
        HorizontalBarChart layout: bar 10, gap 5). A label wider than ``label_width``
        wraps over lines and every row grows to hold the longest (see chart_labels)."""
        names = [label_lines(lbl, 7, label_width - 8) for lbl in reversed(labels)]
        row = row_height(names, 7, 11, 3)
        height = max(60, row * len(values) + 38)
        d = Picture(FRAME_W, height)
        x0, y0 = label_width, 24
        plot_w, plot_h = FRAME_W - label_width - 56, row * len(values)
        values = list(reversed(values))
        texts = ([f"{v:.1f}%" for v in values] if bar_labels is None
                 else list(reversed(bar_labels)))
        ticks = range(0, 101, 20)

        def x(v: float) -> float:
            return x0 + v * plot_w / 100

        n = max(1, len(values))
        cat = plot_h / n
        unit = 11 / (5 + 10)  # the bar as thick as in a one-line row, centred in its row
        for t in ticks:
            d.line(x(t), y0, x(t), y0 + plot_h, RULE, 0.4)
        for i, v in enumerate(values):
            if v:
                d.rect(x0, y0 + i * cat + (cat - 10 * unit) / 2, x(v) - x0, 10 * unit, fill)
        for i, (v, text) in enumerate(zip(values, texts, strict=False)):
            d.text(x(v) + 3, y0 + (i + 0.5) * cat - _TEXT_RAISE * 6.5, text, 6.5)
        d.line(x0, y0, x0, y0 + plot_h)
        for i in range(len(values) + 1):
            d.line(x0, y0 + i * cat, x0 - 5, y0 + i * cat)
        for i, lines in enumerate(names):
            for line, dy in zip(lines, line_offsets(len(lines), 7), strict=True):
                d.text(x0 - 4, y0 + (i + 0.5) * cat - _TEXT_RAISE * 7 + dy, line, 7,
                       anchor="end")
        d.line(x0, y0, x0 + plot_w, y0)
        for t in ticks:
            d.line(x(t), y0, x(t), y0 - 5)
        for t in ticks:
            d.text(x(t), y0 - 5 - 7, f"{t}%", 7, anchor="middle")
        d.text(x0 + plot_w / 2, 4, caption, 7.5, GREY, "middle")
        return d
