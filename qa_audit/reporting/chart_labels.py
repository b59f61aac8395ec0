"""Chart labels in the PDFs wrap over lines instead of being cut (issue 16 item 5).

A label is broken at spaces into lines no wider than its slot (reportlab's
``simpleSplit``, measured with ``stringWidth`` in the font the charts draw with); a
word wider than the slot on its own is broken between characters. Nothing is left
out: joined with spaces the lines give the label back. A chart gives each row the
height its longest label needs, and keeps its old, one-line layout when every label
fits on one line.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

__all__ = ["FONT", "LEADING", "label_lines", "line_offsets", "row_height"]

FONT = "Helvetica"
#: line spacing of a wrapped label, in font sizes
LEADING = 1.15


def _break_word(word: str, size: float, width: float) -> list[str]:
    """A word too wide for ``width`` in pieces that fit (at least one character each)."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and stringWidth(current + ch, FONT, size) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    return [*pieces, current] if current else pieces


def label_lines(text: str, size: float, width: float) -> list[str]:
    """``text`` as lines at most ``width`` points wide in Helvetica ``size``."""
    text = " ".join(text.split())
    if not text:
        return [""]
    if stringWidth(text, FONT, size) <= width:
        return [text]
    lines: list[str] = []
    for line in simpleSplit(text, FONT, size, width):
        if stringWidth(line, FONT, size) <= width:
            lines.append(line)
        else:  # simpleSplit leaves a word wider than the slot whole
            for word in line.split(" "):
                lines.extend(_break_word(word, size, width))
    return lines


def row_height(labels: Sequence[Sequence[str]], size: float, one_line: float,
               padding: float) -> float:
    """The height of a chart row holding the longest of ``labels`` (each a list of
    lines): ``one_line`` when all are one line, else their lines plus ``padding``."""
    most = max((len(lines) for lines in labels), default=1)
    return one_line if most <= 1 else max(one_line, most * size * LEADING + padding)


def line_offsets(count: int, size: float) -> list[float]:
    """Baseline offsets of ``count`` lines centred on one line's baseline, top line first."""
    step = size * LEADING
    return [((count - 1) / 2 - k) * step for k in range(count)]
