"""A plan document as plain text, page by page, read without keeping a copy.

The auditor opens the plan being scored (a PDF, a Word document or a text file)
beside the questions. This module turns it into a :class:`PlanDocument`: a tuple
of page texts and the file's *name* (never its folder, never a copy of its
bytes). Nothing here writes anywhere; the caller decides whether the path may be
remembered (see ``docs/evidence-pane.md``).

Offsets used across ``qa_audit.evidence`` are indexes into :attr:`PlanDocument.text`,
the pages joined by :data:`PAGE_SEPARATOR`. Page numbers are 1-based, as a reader
would cite them ("p. 4").

* PDF: one page of text per PDF page (``pypdf``; the GUI reads the same pages
  with QtPdf and builds the document with :meth:`PlanDocument.from_pages`).
* DOCX: paragraphs and tables in body order (``docx_text``, as python-docx reads them); a table row
  becomes one line with its cells joined by ``" | "``, so a provision table row
  (need | provision | frequency | who) is one line. Word has no fixed pages: a
  page starts at each page break Word recorded when it last laid the file out
  (or at hard page breaks when it recorded none), so DOCX page numbers are
  approximate.
* Text: UTF-8 (with or without BOM), falling back to Windows-1252; a form feed
  starts a new page.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree as ET

from qa_audit.errors import UserError
from qa_audit.evidence.docx_text import DocxUnreadable, W, body_blocks, read_body

__all__ = [
    "PAGE_SEPARATOR",
    "SUPPORTED_SUFFIXES",
    "DocumentError",
    "DocumentKind",
    "PlanDocument",
    "kind_of",
    "load_document",
    "normalise_text",
]

DocumentKind = Literal["pdf", "docx", "text"]

#: What joins two pages in :attr:`PlanDocument.text` (a blank line).
PAGE_SEPARATOR = "\n\n"

SUPPORTED_SUFFIXES: dict[str, DocumentKind] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "text",
    ".text": "text",
}

_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u00ad": "",  # soft hyphen
    "\u200b": "", "\ufeff": "",
    "\t": " ",
})
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x0b|\x85")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\x7f]")


class DocumentError(UserError):
    """The plan document cannot be read (missing, unsupported, damaged, protected)."""


def normalise_text(text: str) -> str:
    """One page's text in the form every evidence check expects.

    Line breaks become ``\\n``; ligatures, non-breaking and zero-width spaces are
    replaced; soft hyphens and control characters go; trailing spaces and runs of
    blank lines shrink; the page is stripped. The result is what the pane shows,
    so offsets computed on it are offsets in the view.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text).translate(_LIGATURES)
    text = _CONTROL.sub("", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


@dataclass(frozen=True)
class PlanDocument:
    """The text of one plan, page by page, and the name of the file it came from.

    ``source_name`` is the file name only (it may still name the child, so it is
    shown on screen and never written to the database).
    """

    pages: tuple[str, ...]
    source_name: str
    kind: DocumentKind = "text"
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pages = tuple(self.pages) or ("",)
        object.__setattr__(self, "pages", pages)
        starts = []
        position = 0
        for page in pages:
            starts.append(position)
            position += len(page) + len(PAGE_SEPARATOR)
        object.__setattr__(self, "_starts", tuple(starts))

    @classmethod
    def from_pages(cls, pages: Iterable[str], source_name: str,
                   kind: DocumentKind = "text") -> PlanDocument:
        """A document from raw page texts (normalised here; blank pages are kept)."""
        return cls(tuple(normalise_text(p) for p in pages), Path(source_name).name, kind)

    @cached_property
    def text(self) -> str:
        """Every page, joined by :data:`PAGE_SEPARATOR`; all offsets index this."""
        return PAGE_SEPARATOR.join(self.pages)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def page_start(self, page: int) -> int:
        """Offset of the first character of a 1-based page (clamped to the document)."""
        index = min(max(page, 1), self.page_count) - 1
        return self._starts[index]

    def page_end(self, page: int) -> int:
        """Offset just past the last character of a 1-based page."""
        index = min(max(page, 1), self.page_count) - 1
        return self._starts[index] + len(self.pages[index])

    def page_of(self, offset: int) -> int:
        """The 1-based page holding ``offset`` (a separator belongs to the page before)."""
        return max(bisect.bisect_right(self._starts, max(offset, 0)), 1)

    def offset_of(self, page: int, offset_in_page: int = 0) -> int:
        """Document offset of a position given as (1-based page, offset within that page)."""
        start = self.page_start(page)
        return start + min(max(offset_in_page, 0), self.page_end(page) - start)

    def lines(self, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
        """``(offset, line)`` for each line starting in ``[start, end)``."""
        text = self.text
        end = len(text) if end is None else end
        position = text.rfind("\n", 0, start) + 1 if start > 0 else 0
        while position < end:
            newline = text.find("\n", position)
            if newline == -1:
                newline = len(text)
            if position >= start:
                yield position, text[position:newline]
            position = newline + 1


# --------------------------------------------------------------------- loading


def kind_of(path: str | Path) -> DocumentKind:
    """The document kind from the file name; DocumentError for other files."""
    suffix = Path(path).suffix.lower()
    try:
        return SUPPORTED_SUFFIXES[suffix]
    except KeyError:
        raise DocumentError(
            f"{Path(path).name} is not a PDF, Word (.docx) or text file.") from None


def load_document(path: str | Path) -> PlanDocument:
    """Read a plan document; DocumentError (a UserError) when it cannot be read.

    The path is used to open the file and is not kept: the result holds only the
    file name and the text.
    """
    file = Path(path)
    kind = kind_of(file)
    if not file.is_file():
        raise DocumentError(f"{file.name} cannot be found (was it moved or renamed?).")
    try:
        if kind == "pdf":
            pages = _pdf_pages(file)
        elif kind == "docx":
            pages = _docx_pages(file)
        else:
            pages = _text_pages(file)
    except DocumentError:
        raise
    except PermissionError:
        raise DocumentError(f"{file.name} cannot be opened: permission denied "
                            "(is it open in another program?).") from None
    except OSError as exc:
        raise DocumentError(f"{file.name} cannot be read: {exc.strerror or exc}.") from None
    return PlanDocument.from_pages(pages, file.name, kind)


def _text_pages(file: Path) -> list[str]:
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.split("\f")


def _pdf_pages(file: Path) -> list[str]:
    # deferred: pypdf is loaded only when a PDF is read
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    # pypdf reports recoverable oddities of real-world PDFs as warnings; the text
    # is still usable, so they must not stop the auditor (or fail a strict test run).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)
        try:
            reader = PdfReader(file, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError(
                    f"{file.name} is password-protected; open it in a PDF reader, "
                    "save an unprotected copy for the audit, then open that.")
            return [page.extract_text() or "" for page in reader.pages]
        except DocumentError:
            raise
        except (PdfReadError, PyPdfError, ValueError, KeyError) as exc:
            raise DocumentError(f"{file.name} is not a readable PDF ({exc}).") from None
        except NotImplementedError as exc:  # e.g. an encryption scheme pypdf lacks
            raise DocumentError(f"{file.name} cannot be read: {exc}.") from None


def _docx_pages(file: Path) -> list[str]:
    try:
        body = read_body(file)
    except DocxUnreadable as exc:
        raise DocumentError(f"{file.name} is not a readable Word document ({exc}).") from None
    rendered = any(True for _ in body.iter(f"{W}lastRenderedPageBreak"))
    pages: list[list[str]] = [[]]
    for block in body_blocks(body):
        if isinstance(block, str):
            pages[-1].append(block)
            continue
        before, after = _page_breaks(block.element, rendered=rendered)
        if before and pages[-1]:
            pages.append([])
        pages[-1].append(block.text)
        if after:
            pages.append([])
    return ["\n".join(lines) for lines in pages]


def _page_breaks(p: ET.Element, *, rendered: bool) -> tuple[bool, bool]:
    """Whether a page starts before and/or after this paragraph.

    A break before any text in the paragraph starts the page before it; a break
    after some text starts the next page after it (an approximation: Word may
    split a paragraph across pages).
    """
    before = False
    after = False
    ppr = p.find(f"{W}pPr")
    if ppr is not None and ppr.find(f"{W}pageBreakBefore") is not None:
        before = True
    seen_text = False
    for element in p.iter():
        tag = element.tag
        if tag == f"{W}t" and element.text:
            seen_text = True
        elif (rendered and tag == f"{W}lastRenderedPageBreak") or (
                not rendered and tag == f"{W}br" and element.get(f"{W}type") == "page"):
            if seen_text:
                after = True
            else:
                before = True
    return before, after

