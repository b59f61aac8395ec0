"""The standard-library Word reader gives what python-docx gives for the same file:
merged cells across and down, nested tables, hyperlinks, tabs, line and page breaks."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from qa_audit.evidence.documents import DocumentError, load_document
from qa_audit.evidence.docx_text import DocxUnreadable, body_blocks, read_body


def _reference(path: Path) -> list[str]:
    """Blocks as python-docx reads them (the reader this module replaced)."""
    out: list[str] = []

    def lines(table: Table) -> list[str]:
        rows = []
        for row in table.rows:
            cells: list[str] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                parts = [p.text for p in cell.paragraphs]
                for inner in cell.tables:
                    parts.extend(lines(inner))
                text = " ".join(" ".join(parts).split())
                if text and (not cells or cells[-1] != text):
                    cells.append(text)
            if cells:
                rows.append(" | ".join(cells))
        return rows

    for item in docx.Document(str(path)).iter_inner_content():
        if isinstance(item, Paragraph):
            out.append(item.text)
        else:
            out.extend(lines(item))
    return out


def _ours(path: Path) -> list[str]:
    return [b if isinstance(b, str) else b.text for b in body_blocks(read_body(path))]


def _hyperlink(paragraph: Paragraph, text: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), "rId99")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _tricky(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("Section F: Special educational provision", level=1)
    p = d.add_paragraph("Speech and language therapy\tweekly")
    p.add_run().add_break()  # a line break: "\n"
    p.add_run("30 minutes, see ")
    _hyperlink(p, "the provision map")
    p.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)  # a page break: no text
    p.add_run("by the SALT")
    t = d.add_table(rows=4, cols=4)
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    t.cell(0, 0).merge(t.cell(0, 1))  # across
    t.cell(1, 2).merge(t.cell(3, 2))  # down three rows
    t.cell(2, 0).text = ""  # a blank cell is dropped
    inner = t.cell(3, 3).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "nested a"
    inner.cell(0, 1).text = "nested b"
    d.add_paragraph("After the table")
    body = d.element.body
    body.insert(len(body) - 1, copy.deepcopy(t._tbl))  # the same table again
    d.save(str(path))
    return path


def test_tricky_document_reads_as_python_docx_reads_it(tmp_path: Path) -> None:
    path = _tricky(tmp_path / "plan.docx")
    ours = _ours(path)
    assert ours == _reference(path)
    assert "Speech and language therapy\tweekly\n30 minutes, see the provision mapby the SALT" \
        in ours
    assert any("r1c2" in line and line.startswith("r1c0") for line in ours)


def test_not_a_word_document_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "plan.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DocxUnreadable):
        read_body(bad)
    with pytest.raises(DocumentError, match=r"plan\.docx is not a readable Word document"):
        load_document(bad)
