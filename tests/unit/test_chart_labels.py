"""PDF chart labels wrap over lines instead of being cut (issue 16 item 5).

Measured with reportlab's own ``stringWidth``: every line drawn left of a bar fits
its slot, the lines give the label back whole, rows are tall enough that lines do not
run into the next row, and the whole label is in the PDF's text (``pdftotext``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from qa_audit.reporting import chart_labels, pdf_sections
from qa_audit.reporting import pdf_parts as parts
from qa_audit.reporting.chart_labels import LEADING, label_lines, line_offsets, row_height
from qa_audit.reporting.charts_trend import MonthlySeries, draw_monthly_percent
from tests.unit.test_report_output import Doc

QUESTIONS = [
    "Are the outcomes aspirational and about the difference for the child, set to the end "
    "of the key stage or phase, and do they prepare for adulthood across employment, "
    "independent living, community inclusion and health?",
    "Is special educational provision in Section F detailed, specific and quantified, "
    "without vague wording such as 'access to' or 'opportunities for'?",
    "Short question?",
    "A_label_with_one_word_far_too_long_for_any_slot_in_the_chart_so_it_must_break_somewhere",
]


def _texts(picture: parts.Picture) -> list[tuple[float, float, str, float]]:
    """(x, y, text, size) of each text drawn on ``picture``."""
    return [(op[4], op[5], op[6], op[7]) for op in picture._ops if op[0] == "text"]


def test_label_lines_fit_the_width_and_give_the_label_back() -> None:
    for text in QUESTIONS:
        for width in (60.0, 130.0, 192.0):
            lines = label_lines(text, 7, width)
            assert all(stringWidth(line, chart_labels.FONT, 7) <= width for line in lines)
            if " " in text:
                assert " ".join(lines) == text
            else:
                assert "".join(lines) == text
    assert label_lines("Short question?", 7, 192) == ["Short question?"]
    assert row_height([["one"], ["one"]], 7, 11, 3) == 11  # the one-line layout is kept
    assert row_height([["a", "b", "c"]], 7, 11, 3) == pytest.approx(3 * 7 * LEADING + 3)
    assert line_offsets(1, 7) == [0.0]
    assert line_offsets(3, 10) == pytest.approx([10 * LEADING, 0.0, -10 * LEADING])


def test_horizontal_bar_chart_labels_fit_their_slot_and_are_whole() -> None:
    doc = Doc()
    label_width = 200.0
    picture = doc.bar_chart_horizontal(QUESTIONS, [80.0, 60.0, 40.0, 20.0], "Share")
    labels = [t for t in _texts(picture) if t[3] == 7 and t[1] > 20]  # not the % ticks
    slot = label_width - 4  # labels end 4 points left of the plot
    for x, _y, text, size in labels:
        assert x >= 0
        assert x + stringWidth(text, "Helvetica", size) <= slot + 0.01, text
    drawn = " ".join(t[2] for t in sorted(labels, key=lambda t: -t[1]))
    for question in QUESTIONS[:3]:
        assert question in drawn  # every word, in order, nothing cut
    # rows: the lines of one label stay within its row
    rows = [label_lines(q, 7, label_width - 8) for q in QUESTIONS]
    row = row_height(rows, 7, 11, 3)
    assert max(len(r) for r in rows) * 7 * LEADING <= row
    assert picture.height >= row * len(QUESTIONS) + 38


def test_percent_rows_labels_wrap_in_taller_rows() -> None:
    names, row = pdf_sections.row_labels(QUESTIONS, 190)
    assert row > pdf_sections.ROW
    picture, x = pdf_sections.percent_rows(len(QUESTIONS), 190, 70, row)
    for i, lines in enumerate(names):
        pdf_sections.label_row(picture, x, pdf_sections.Y0 + i * row + 3, lines, "50%", row)
    labels = [t for t in _texts(picture) if t[3] == pdf_sections.LABEL_SIZE]
    assert all(t[0] >= 0 and t[0] + stringWidth(t[2], "Helvetica", t[3]) <= x(0) - 4 + 0.01
               for t in labels)
    assert sorted(line for lines in names for line in lines) == sorted(t[2] for t in labels)
    one_line, one_row = pdf_sections.row_labels(["Health", "Social care"], 190)
    assert one_row == pdf_sections.ROW and one_line == [["Health"], ["Social care"]]


def test_a_trend_chart_caption_wraps_under_the_plot() -> None:
    picture = parts.Picture(200, 120)
    series = MonthlySeries(["2026-01", "2026-02"], [50.0, 60.0], [10, 12], [None, None])
    draw_monthly_percent(picture, 200, 120, series, QUESTIONS[0], compact=True)
    caption = [t for t in _texts(picture) if t[3] == 6.5]
    assert len(caption) > 1
    assert " ".join(t[2] for t in sorted(caption, key=lambda t: -t[1])) == QUESTIONS[0]
    assert all(t[0] + stringWidth(t[2], "Helvetica", 6.5) <= 200 - 8 + 0.01 for t in caption)


def test_the_pdf_holds_every_label_whole(tmp_path: Path) -> None:
    """Rendered, looked at with pdftoppm (``chart.png`` beside the PDF) and read back
    with pdftotext (in drawing order): each long label is in the text, word for word."""
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftotext, pdftoppm) is not installed")
    doc = Doc()
    blocks: list[Any] = [doc.bar_chart_horizontal(QUESTIONS[:3], [80.0, 60.0, 40.0], "Share")]
    path = tmp_path / "chart.pdf"
    Doc(blocks).build(path)
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", str(path),
                    str(tmp_path / "chart")], check=True, capture_output=True)
    assert (tmp_path / "chart.png").stat().st_size > 0
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    words = text.split()
    for question in QUESTIONS[:3]:
        wanted = question.split()
        assert any(words[i:i + len(wanted)] == wanted for i in range(len(words))), question
