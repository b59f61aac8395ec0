"""The report writers' fast paths keep their output: the XLSX (XlsxWriter, not
openpyxl) and the PDF tables' plain string cells (drawn as their Paragraphs were)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from reportlab.lib import colors
from reportlab.platypus import Paragraph, Table

from qa_audit.reporting import pdf_parts as parts
from qa_audit.reporting import pdf_report, xlsx
from qa_audit.reporting.render import ReportMeta

ROOT = Path(__file__).resolve().parents[2]
META = ReportMeta("county.db", "ab" * 32, dt.datetime(2026, 3, 4, 9, 30))


class Figures:
    """The smallest object :func:`xlsx.write_xlsx` and the PDF base class accept."""

    kind = "key-issues"
    title = "Key issues: Panel"

    def __init__(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        self._tables = tables

    def headline(self) -> str:
        return "50.0% of moderated plans judged good"

    def to_json(self) -> dict[str, Any]:
        return {}

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return self._tables


ROWS = [
    {"plan": "P-001", "note": "=HYPERLINK(\"http://x\")", "n": 3, "share": 12.5,
     "good": True, "date": dt.date(2026, 1, 2), "url": "http://example.org", "code": "0123"},
    {"plan": "P-002", "note": "", "n": None, "share": 0.0, "good": False,
     "date": dt.datetime(2026, 1, 2, 10, 30), "url": "-1", "extra": "@SUM(A1)"},
]


# ------------------------------------------------------------------ XLSX


def test_workbook_keeps_sheets_cells_widths_header_and_formula_guard(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    xlsx.write_xlsx(Figures({"Data": ROWS, "Data?": [], "Empty": []}), path, META)

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["About", "Data", "Data (2)", "Empty"]
    about = book["About"]
    assert [c.value for c in about[1]] == ["item", "value"]
    assert about["B2"].value == "Key issues: Panel"

    ws = book["Data"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header == ["plan", "note", "n", "share", "good", "date", "url", "code", "extra"]
    for cell in ws[1]:
        assert cell.font.b
        assert (cell.border.left.style, cell.border.top.style) == ("thin", "thin")
        assert (cell.alignment.horizontal, cell.alignment.vertical) == ("center", "top")
    first = dict(zip(header, ws[2], strict=True))
    assert first["note"].value == "'=HYPERLINK(\"http://x\")"  # text, never a formula
    assert first["note"].data_type == "s"
    assert first["url"].value == "http://example.org" and first["url"].hyperlink is None
    assert first["code"].value == "0123"  # a string that looks like a number stays text
    assert (first["n"].value, first["share"].value, first["good"].value) == (3, 12.5, True)
    assert first["date"].value == dt.datetime(2026, 1, 2)
    assert first["date"].number_format == "yyyy-mm-dd"
    second = dict(zip(header, ws[3], strict=True))
    assert second["note"].value is None and second["n"].value is None  # empty cells
    assert second["url"].value == "'-1"
    assert second["extra"].value == "'@SUM(A1)"
    assert second["date"].number_format == "yyyy-mm-dd h:mm:ss"
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    # the longest text + 2, at least 8, at most 60 (stored exactly, not padded)
    assert widths["A"] == 8 and widths["B"] == len("'=HYPERLINK(\"http://x\")") + 2
    assert widths["G"] == len("http://example.org") + 2
    assert [c.value for c in book["Empty"][1]] == ["(no rows)"]


def test_workbook_errors_are_os_errors(tmp_path: Path) -> None:
    """The callers turn OSError into a UserError; XlsxWriter's own error must not leak."""
    with pytest.raises(FileNotFoundError):
        xlsx.write_xlsx(Figures({"Data": ROWS}), tmp_path / "missing" / "r.xlsx", META)


def test_workbook_does_not_import_openpyxl(tmp_path: Path) -> None:
    """openpyxl's import was most of a report's XLSX time: the writer must not need it."""
    code = (
        "import sys, datetime as dt\n"
        "from pathlib import Path\n"
        "from qa_audit.reporting import xlsx\n"
        "from qa_audit.reporting.render import ReportMeta\n"
        "class F:\n"
        "    kind, title = 'trend', 'Trend'\n"
        "    def headline(self): return 'h'\n"
        "    def tables(self): return {'Data': [{'a': 1, 'b': '=x', 'c': dt.date(2026, 1, 2)}]}\n"
        "meta = ReportMeta('db', 'head', dt.datetime(2026, 1, 1))\n"
        f"xlsx.write_xlsx(F(), Path({str(tmp_path / 'w.xlsx')!r}), meta)\n"
        "print(sorted(m for m in ('openpyxl', 'pandas') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


# ------------------------------------------------------------------ PDF tables


class Doc(pdf_report.ReportPdf):
    report_name = "Table test"

    def __init__(self, blocks: list[Any] | None = None) -> None:
        super().__init__(Figures({}), META)
        self.blocks = blocks or []

    def story(self) -> list[Any]:
        return self.blocks


LONG = "Is the child's voice heard in every section of the plan, clearly and in their words?"
#: the longest label a chart draws as reportlab's widgets did (longer ones wrap, see
#: tests/unit/test_chart_labels.py)
ONE_LINE = "Is the child's voice heard in every section of the plan?"


def _cells(t: Table) -> list[list[Any]]:
    return t._cellvalues


def test_short_cells_are_strings_and_text_that_would_wrap_stays_a_paragraph() -> None:
    doc = Doc()
    t = doc.table(["Question", "N", "%"],
                  [[LONG * 2, 3, "12.5%"], ["Short", 10, parts.DASH], [" padded", 1.5, "a  b"],
                   ["two\nlines", 0, ""]], [6, 1, 1], numeric=[1, 2])
    cells = _cells(t)
    assert cells[0] == ["Question", "N", "%"]  # header: strings
    assert isinstance(cells[1][0], Paragraph)  # wraps: stays a Paragraph
    assert cells[1][1:] == ["3", "12.5%"]
    assert cells[2] == ["Short", "10", parts.DASH]
    assert isinstance(cells[3][0], Paragraph)  # Paragraph strips the leading space
    assert cells[3][1] == "1.5"
    assert isinstance(cells[3][2], Paragraph)  # ... and collapses double spaces
    assert isinstance(cells[4][0], Paragraph)  # a newline is a space in a Paragraph
    assert cells[4][2] == []  # an empty Paragraph: no line, no height
    styles = t._cellStyles
    assert styles[2][1].alignment == "RIGHT" and styles[2][0].alignment == "LEFT"
    assert (styles[0][0].fontname, styles[0][0].color) == ("Helvetica-Bold", colors.white)
    assert (styles[2][0].fontname, styles[2][0].fontsize, styles[2][0].leading) == (
        "Helvetica", 8, 9.8)


def test_columns_restyled_as_text_by_extra_commands_keep_paragraphs() -> None:
    """A TEXTCOLOR would colour a string cell but not a Paragraph: keep the look."""
    t = Doc().table(["Month", "RAG"], [["Jan\u00a026", "RED"]], [1, 1],
                    extra=[("TEXTCOLOR", (1, 1), (1, 1), colors.red)])
    cells = _cells(t)
    assert cells[1][0] == "Jan\u00a026"  # a no-break space never wraps
    assert isinstance(cells[0][1], Paragraph) and isinstance(cells[1][1], Paragraph)


def test_heat_cells_carry_their_colour_weight_and_lines() -> None:
    out = Doc().heat_table("Theme", ["Late advice"], ["2026-01", "2026-02"],
                           lambda r, m: 90.0 if m == "2026-01" else None,
                           lambda r, m: "90%\nof 10" if m == "2026-01" else "",
                           100.0, parts.HEAT_BAD, "Period", lambda r: "90.0%")
    t = out[0]
    cells, styles = _cells(t), t._cellStyles
    assert cells[1] == ["Late advice", "90%\nof 10", [], "90.0%"]
    assert styles[1][1].color == colors.HexColor("#FFFFFF")
    assert styles[1][3].fontname == "Helvetica-Bold"
    assert parts.Cell("a\nb", "#FFFFFF", lines=True).markup() == \
        "<font color='#FFFFFF'>a<br/>b</font>"
    assert parts.Cell("x & y", bold=True).markup() == "<b>x &amp; y</b>"


def _render(doc: Doc, path: Path) -> bytes:
    doc.build(path)
    prefix = path.with_suffix("")
    subprocess.run([shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "150", "-f", "1",
                    "-l", "1", str(path), str(prefix)], check=True, capture_output=True)
    from PIL import Image

    png = next(path.parent.glob(f"{prefix.name}*.png"))
    return Image.open(png).convert("RGB").tobytes()


def test_string_cells_draw_exactly_as_their_paragraphs(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Page pixels of the fast tables equal those of all-Paragraph tables (as before)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")

    def blocks() -> list[Any]:
        doc = Doc()
        rows = [[LONG, 3, "12.5%", parts.DASH], ["Short – “quoted”", 10, "100.0%", "AMBER"],
                ["Jan\u00a026", 0.5, "", "x & <y>"]]
        out: list[Any] = [doc.table(["Question", "Yes", "Shortfall", "RAG"], rows,
                                    [6, 1, 1.2, 1], numeric=[1, 2], bold_last=True)]
        out += doc.heat_table("Service", ["Paediatrics", "SaLT"], ["2026-01", "2026-02"],
                              lambda r, m: 80.0 if r == 0 else 20.0,
                              lambda r, m: "80%\nof 5" if r == 0 else "20%",
                              100.0, parts.HEAT_GOOD, "Period", lambda r: "50.0%")
        return out

    fast_blocks = blocks()
    monkeypatch.setattr(pdf_report, "_FIT_SLACK", 1e9)  # nothing fits: every cell a Paragraph
    slow_blocks = blocks()
    assert not any(isinstance(c, str) for t in slow_blocks if isinstance(t, Table)
                   for row in t._cellvalues for c in row)
    assert sum(isinstance(c, str) for t in fast_blocks if isinstance(t, Table)
               for row in t._cellvalues for c in row) > 20
    assert _render(Doc(fast_blocks), tmp_path / "fast.pdf") == \
        _render(Doc(slow_blocks), tmp_path / "slow.pdf")


# ------------------------------------------------------------------ PDF charts


def _widget_bar_charts() -> list[Any]:
    """The charts as reportlab's chart widgets drew them before :class:`parts.Picture`."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String

    values = [1, 5, 2, 0, 1]
    fills = [parts.RAG["red"]] * 2 + [parts.RAG["amber"], parts.BAR, parts.BAR]
    width, height = parts.FRAME_W * 0.62, 140
    v = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34, 30, width - 44, height - 48
    chart.data = [values]
    chart.categoryAxis.categoryNames = [str(i) for i in range(1, 6)]
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 6, 2
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = parts.RULE
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.bars.strokeColor = None
    chart.barWidth, chart.groupSpacing = 10, 6
    for i, fill in enumerate(fills):
        chart.bars[(0, i)].fillColor = fill
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = "Helvetica"
    chart.barLabels.fontSize = 7.5
    chart.barLabels.nudge = 6
    v.add(chart)
    v.add(String(chart.x + chart.width / 2, 4, "Grade", fontName="Helvetica", fontSize=8,
                 fillColor=parts.GREY, textAnchor="middle"))
    v.add(String(4, height - 10, "Plans", fontName="Helvetica", fontSize=8, fillColor=parts.GREY))

    def horizontal(labels: list[str], shares: list[float], bar_labels: list[str] | None,
                   label_width: float) -> Drawing:
        h = Drawing(parts.FRAME_W, max(60, 11 * len(shares) + 38))
        c = HorizontalBarChart()
        c.x, c.y = label_width, 24
        c.width, c.height = parts.FRAME_W - label_width - 56, 11 * len(shares)
        c.data = [list(reversed(shares))]
        c.categoryAxis.categoryNames = [parts._clip(x, 56) for x in reversed(labels)]
        c.categoryAxis.labels.fontName = "Helvetica"
        c.categoryAxis.labels.fontSize = 7
        c.categoryAxis.labels.boxAnchor = "e"
        c.categoryAxis.labels.dx = -4
        c.valueAxis.valueMin, c.valueAxis.valueMax, c.valueAxis.valueStep = 0, 100, 20
        c.valueAxis.labelTextFormat = "%d%%"
        c.valueAxis.labels.fontName = "Helvetica"
        c.valueAxis.labels.fontSize = 7
        c.valueAxis.visibleGrid = 1
        c.valueAxis.gridStrokeColor = parts.RULE
        c.valueAxis.gridStrokeWidth = 0.4
        c.bars.strokeColor = None
        c.bars[0].fillColor = parts.BAR
        if bar_labels is None:
            c.barLabelFormat = "%.1f%%"
        else:
            c.barLabelFormat = "values"
            c.barLabelArray = [list(reversed(bar_labels))]
        c.barLabels.fontName = "Helvetica"
        c.barLabels.fontSize = 6.5
        c.barLabels.boxAnchor = "w"
        c.barLabels.dx = 3
        c.barLabels.nudge = 0
        h.add(c)
        h.add(String(c.x + c.width / 2, 4, "Share", fontName="Helvetica", fontSize=7.5,
                     fillColor=parts.GREY, textAnchor="middle"))
        return h

    return [v, horizontal([ONE_LINE, "Short", "None"], [91.7, 33.3, 0.0], None, 200),
            horizontal(["A", "B"], [50.0, 12.5], ["50.0% (n=2)", "12.5% (n=8)"], 130)]


def test_charts_draw_exactly_as_reportlabs_chart_widgets(tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    doc = Doc()
    values = [1, 5, 2, 0, 1]
    fills = [parts.RAG["red"]] * 2 + [parts.RAG["amber"], parts.BAR, parts.BAR]
    pictures = [
        doc.bar_chart_vertical([str(i) for i in range(1, 6)], values, fills, "Grade", "Plans"),
        doc.bar_chart_horizontal([ONE_LINE, "Short", "None"], [91.7, 33.3, 0.0], "Share"),
        doc.bar_chart_horizontal(["A", "B"], [50.0, 12.5], "Share", parts.BAR, 130,
                                 ["50.0% (n=2)", "12.5% (n=8)"]),
    ]
    assert all(isinstance(p, parts.Picture) for p in pictures)
    assert _render(Doc(pictures), tmp_path / "new.pdf") == \
        _render(Doc(_widget_bar_charts()), tmp_path / "old.pdf")


def test_the_pdf_layout_does_not_import_reportlab_graphics() -> None:
    """The chart widgets' import was a tenth of reportlab's: the charts do without it."""
    code = ("import sys\nimport qa_audit.reporting.pdf\n"
            "print(sorted(m for m in sys.modules if m.startswith('reportlab.graphics')))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
