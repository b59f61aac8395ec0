"""A Word document's body as text, read with the standard library.

What python-docx gives for the same file (the project used it until the bundle had to
shrink: lxml and python-docx were 8 MB of it), in its own rules:

* the body's direct paragraphs and tables, in order (content controls and tracked
  insertions at body level are skipped, as python-docx skips them);
* a paragraph's text: its direct runs and hyperlinks' runs, where ``w:t`` is its text,
  ``w:tab``/``w:ptab`` a tab, ``w:br`` (a line break, not a page or column break) and
  ``w:cr`` a new line, and ``w:noBreakHyphen`` a hyphen;
* a table row: one cell per layout-grid cell, a horizontal span repeating its cell and a
  vertical continuation standing for the cell above it.

``tests/unit/test_evidence_documents.py`` reads the same documents both ways.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

__all__ = [
    "DocxUnreadable",
    "Paragraph",
    "W",
    "body_blocks",
    "paragraph_text",
    "read_body",
    "table_lines",
]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                    "officeDocument")
_MAX_XML = 200 * 1024 * 1024  # a plan's document.xml is a few MB; more is not a plan


class DocxUnreadable(Exception):
    """The file is not a Word document this reader can open (the reason is the text)."""


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: its text and its XML element (for page breaks)."""

    text: str
    element: ET.Element


def read_body(file: Path) -> ET.Element:
    """The ``w:body`` element of the document's main part."""
    try:
        with zipfile.ZipFile(file) as archive:
            name = _main_part(archive)
            info = archive.getinfo(name)
            if info.file_size > _MAX_XML:
                raise DocxUnreadable(f"its text part is {info.file_size // 2**20} MB")
            root = ET.fromstring(archive.read(name))  # noqa: S314 - expat fetches no entities
    except (zipfile.BadZipFile, KeyError, OSError, ET.ParseError) as exc:
        raise DocxUnreadable(str(exc) or type(exc).__name__) from None
    body = root.find(f"{W}body")
    if body is None:
        raise DocxUnreadable("it has no document body")
    return body


def _main_part(archive: zipfile.ZipFile) -> str:
    """The officeDocument target named in ``_rels/.rels`` (``word/document.xml``)."""
    try:
        rels = ET.fromstring(archive.read("_rels/.rels"))  # noqa: S314
    except KeyError:
        raise DocxUnreadable("it is not an Office Open XML package") from None
    for rel in rels.iter(f"{_REL}Relationship"):
        if rel.get("Type") == _OFFICE_DOCUMENT:
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    raise DocxUnreadable("it has no main document part")


def body_blocks(body: ET.Element) -> Iterator[Paragraph | str]:
    """Paragraphs, and table rows as text (cells joined by ``" | "``), in body order."""
    for child in body:
        if child.tag == f"{W}p":
            yield Paragraph(paragraph_text(child), child)
        elif child.tag == f"{W}tbl":
            yield from table_lines(child)


def paragraph_text(p: ET.Element) -> str:
    parts: list[str] = []
    for child in p:
        if child.tag == f"{W}r":
            parts.append(_run_text(child))
        elif child.tag == f"{W}hyperlink":
            parts.extend(_run_text(r) for r in child.findall(f"{W}r"))
    return "".join(parts)


def _run_text(r: ET.Element) -> str:
    out: list[str] = []
    for e in r:
        tag = e.tag
        if tag == f"{W}t":
            out.append(e.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            out.append("\t")
        elif tag == f"{W}br":
            if e.get(f"{W}type", "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag == f"{W}cr":
            out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
    return "".join(out)


def table_lines(tbl: ET.Element) -> Iterator[str]:
    """One line per row, cells joined by " | " (merged cells once, blank cells dropped)."""
    roots: dict[int, ET.Element] = {}  # grid offset -> the cell holding the content there
    for tr in tbl.findall(f"{W}tr"):
        cells: list[str] = []
        seen: set[int] = set()
        row_roots: dict[int, ET.Element] = {}
        offset = _int_val(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        for tc in tr.findall(f"{W}tc"):
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            continues = vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue"
            origin = roots.get(offset, tc) if continues else tc
            row_roots[offset] = origin
            offset += max(1, _int_val(tc.find(f"{W}tcPr/{W}gridSpan"), 1))
            if id(origin) in seen:
                continue
            seen.add(id(origin))
            text = " ".join(_cell_text(origin).split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        roots = row_roots
        if cells:
            yield " | ".join(cells)


def _int_val(element: ET.Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(f"{W}val", default))
    except ValueError:
        return default


def _cell_text(tc: ET.Element) -> str:
    """The cell's paragraphs, then its nested tables' rows (as python-docx reads them)."""
    parts = [paragraph_text(p) for p in tc.findall(f"{W}p")]
    for inner in tc.findall(f"{W}tbl"):
        parts.extend(table_lines(inner))
    return " ".join(parts)
