"""What the plan document pane shows, decided without Qt.

The pane (``plan_pane.PlanDocumentPane``) holds the widgets; this module turns a
``PlanAnalysis`` into the texts, lists and rows the pane shows (the document's
name, the sections found, the wording flags and golden-thread prompts), finds
search matches, and words the pane's messages. Tested in
``tests/unit/test_plan_pane_presenter.py``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from qa_audit.evidence import TITLES, EvidenceFlag, PlanAnalysis, PlanDocument, flags_for_question

MODE_TEXT = "text"
MODE_PAGES = "pages"
#: Longest flag label shown in full in the tree (the tooltip has all of it).
LABEL_MAX = 80


class Positions:
    """Python string indexes <-> QTextDocument positions (UTF-16 units)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_qt(self, index: int) -> int:
        return index + bisect.bisect_left(self._astral, index)

    def from_qt(self, position: int) -> int:
        index = position
        for count, astral in enumerate(self._astral):
            if astral + count >= position:
                break
            index = position - (count + 1)
        return max(index, 0)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def clean_quote(text: str) -> str:
    """Selected text as one line: paragraph breaks and runs of spaces become one space."""
    return " ".join(text.replace("\u2029", " ").replace("\u2028", " ").split())


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def document_label(document: PlanDocument) -> str:
    """``<b>plan.pdf</b> · 12 pages`` (Word page counts are approximate)."""
    pages = plural(document.page_count, "page")
    if document.kind == "docx" and document.page_count > 1:
        pages += " (approx.)"
    return f"<b>{escape(document.source_name)}</b> · {pages}"


@dataclass(frozen=True)
class SectionItem:
    """One entry of the "Go to section" list."""

    letter: str
    text: str
    tooltip: str


def section_items(analysis: PlanAnalysis | None) -> list[SectionItem]:
    if analysis is None:
        return []
    items = []
    for letter in analysis.sections.letters():
        span = analysis.sections.get(letter)
        assert span is not None
        manual = " · set by hand" if span.manual else ""
        items.append(SectionItem(letter, f"{letter} – {TITLES[letter]} (p. {span.page}{manual})",
                                 span.heading))
    return items


def section_placeholder(analysis: PlanAnalysis | None) -> str:
    if analysis is not None and not analysis.sections.letters():
        return "No section headings found"
    return "Go to section…"


@dataclass(frozen=True)
class FlagRow:
    """A row of the wording-flags tree: columns, tooltip, and where it points."""

    columns: tuple[str, str, str, str]
    start: int | None
    end: int | None
    page: int | None
    phrase: str | None
    tooltip: str = ""
    fix: str = ""
    children: tuple[FlagRow, ...] = ()


@dataclass(frozen=True)
class FlagGroup:
    title: str
    rows: tuple[FlagRow, ...]


@dataclass(frozen=True)
class FlagsView:
    note: str
    groups: tuple[FlagGroup, ...] = ()


NO_TEXT_NOTE = ("<b>No text could be read from this document</b> (a scanned PDF has only "
                "pictures of pages). Sections, flags and quoting need text: ask for an "
                "accessible copy of the plan, or read the pages and type the evidence.")


def flags_view(analysis: PlanAnalysis, question: Any) -> FlagsView:
    """The flags for one question (None: every wording flag), grouped, with a note."""
    if question is not None:
        flags = flags_for_question(analysis, question)
        scope = "for this question"
    else:
        flags = analysis.wording_flags()  # golden-thread prompts have their own tab
        scope = "in the provision sections"
    if not analysis.document.text.strip():
        return FlagsView(NO_TEXT_NOTE)
    where = ("No Section F, G or H was found, so the whole document was scanned. "
             if analysis.wording.whole_document else "")
    vague = [f for f in flags if f.kind == "vague_wording"]
    lines = [f for f in flags if f.kind == "missing_detail"]
    thread = [f for f in flags if f.kind == "golden_thread"]
    note = (f"<b>Suggestions only - you decide the answer.</b> {where}"
            f"{sum(f.count for f in vague)} vague phrase(s) and {len(lines)} line(s) "
            f"missing detail {scope}.")
    groups = [_group(analysis, "Vague wording", vague, by_hit=True),
              _group(analysis, "Provision lines missing detail", lines)]
    if thread:
        groups.append(_group(analysis, "Golden thread prompts", thread))
    return FlagsView(note, tuple(groups))


def _group(analysis: PlanAnalysis, title: str, flags: list[EvidenceFlag], *,
           by_hit: bool = False) -> FlagGroup:
    rows = []
    for flag in flags:
        label = flag.label if len(flag.label) <= LABEL_MAX else flag.label[:LABEL_MAX - 1] + "…"
        hits = tuple(
            FlagRow((f"p. {hit.page}: “{hit.matched}”", "", hit.section or "–", ""),
                    hit.start, hit.end, hit.page, hit.matched)
            for hit in analysis.wording.hits
            if by_hit and hit.phrase == flag.label and hit.section == flag.section)
        rows.append(FlagRow((label, str(flag.count) if by_hit else "", flag.section or "–",
                             flag.fix), flag.start, flag.end, flag.page,
                            flag.label if by_hit else None,
                            f"{flag.label}\n\n{flag.detail}", flag.fix, hits))
    return FlagGroup(f"{title} ({sum(f.count for f in flags)})", tuple(rows))


@dataclass(frozen=True)
class PromptItem:
    """A line of the golden-thread list; ``start`` None: a message, not a link."""

    text: str
    start: int | None = None
    end: int | None = None
    page: int | None = None


def thread_items(analysis: PlanAnalysis) -> tuple[list[PromptItem], bool]:
    """The golden-thread list, and whether it holds prompts (else one message)."""
    prompts = analysis.thread.prompts()
    if not prompts:
        text = ("Every need found in Section B shares keywords with provision in F and "
                "an outcome in E." if analysis.thread.needs else
                "No needs were recognised in Section B.")
        return [PromptItem(text)], False
    items = []
    for prompt in prompts:
        page = f" (p. {prompt.page})" if prompt.page else ""
        need = prompt.need
        items.append(PromptItem(prompt.message + page, need.start if need else None,
                                need.end if need else None, need.page if need else None))
    return items, True


# ---------------------------------------------------------------- search


def find_matches(text: str, query: str) -> list[tuple[int, int]]:
    """Every match of the words of ``query`` (any case, any spacing between them)."""
    words = query.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def next_match(matches: list[tuple[int, int]], current: int, selection: tuple[int, int],
               *, forward: bool) -> int:
    """The match to show next: the one after (before) the current match when it is
    still selected, else the first after (last before) the selection."""
    if current >= 0 and matches[current] == selection:
        index = current + (1 if forward else -1)
    else:
        starts = [start for start, _end in matches]
        here = selection[1] if forward else selection[0]
        index = bisect.bisect_left(starts, here) - (0 if forward else 1)
    return index % len(matches)


def match_label(query: str, count: int, index: int) -> str:
    """``3 of 7``, ``7 matches``, ``No matches``, or nothing without a query."""
    if not query.strip():
        return ""
    if count == 0:
        return "No matches"
    return f"{index + 1} of {count}" if index >= 0 else f"{count} matches"


def quoted_status(words: int, section: str | None, page: int | None) -> str:
    where = ", ".join(x for x in (f"Section {section}" if section else "",
                                  f"p. {page}" if page else "") if x)
    return f"Quoted {words} words{' from ' + where if where else ''}."
