"""Where sections A-K of an EHC plan are, found by their headings.

The SEND Regulations 2014 (reg. 12) fix the sections of a plan; councils' templates
spell the headings differently. A heading is recognised in any of these forms,
in any case, with or without numbering or bullets in front:

* ``Section F``, ``SECTION F:``, ``Part F - Special educational provision``,
  ``Section H1``;
* ``F:``, ``F -``, ``F.``, ``F)`` or ``F |`` (a table's letter cell) followed by
  words a section title uses (``F: Provision``), or a letter alone on its line
  with the title on the next line;
* the title alone: ``Special educational provision``, ``SOCIAL CARE NEEDS``,
  ``6. Special educational provision``, ``Section A - The views, interests and
  aspirations of the child and their parents``.

A title alone only counts on a short line that does not read as a sentence, so
"The special educational provision below will be reviewed." is not a heading.
Headings in a contents list (dot leaders, trailing page numbers, or several
headings in a few lines when the same sections appear again later) are skipped.
When a letter has several candidates the most explicit form wins, and among
those the first one after the previous section's heading.

H1 and H2 are both part of H. A section ends where the next found section
begins. When a template defeats this, :meth:`SectionMap.with_override` sets a
section's start by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from qa_audit.evidence.documents import PlanDocument

__all__ = [
    "LETTERS",
    "TITLES",
    "SectionMap",
    "SectionSpan",
    "find_sections",
    "is_heading",
]

LETTERS = ("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K")

#: Statutory titles (reg. 12), shown in the pane's section list.
TITLES = {
    "A": "Views, interests and aspirations",
    "B": "Special educational needs",
    "C": "Health needs",
    "D": "Social care needs",
    "E": "Outcomes",
    "F": "Special educational provision",
    "G": "Health provision",
    "H": "Social care provision (H1/H2)",
    "I": "Placement",
    "J": "Personal budget",
    "K": "Advice and information",
}

_POSSESSIVE = r"(?:'s|’s|s'|s’)?"
_CHILD = rf"(?:the\s+)?(?:child|young\s+person|pupil|learner|student){_POSSESSIVE}"
# Title patterns, matched at the start of a heading's text (after any letter/number).
_TITLE_PATTERNS: dict[str, str] = {
    "A": (
        rf"(?:{_CHILD}\s+(?:and\s+(?:their\s+)?(?:parents?|family)\W*\s+)?)?"
        r"(?:(?:the\s+)?views?|interests?|aspirations?|wishes)\b"
        r"|all\s+about\s+me\b|about\s+me\b|(?:my|our)\s+(?:views|story|aspirations)\b"
        r"|one[- ]page\s+profile\b|pen\s+portrait\b"
    ),
    "B": (
        r"(?:(?:the\s+)?(?:child|young\s+person)"
        + _POSSESSIVE
        + r"\s+)?(?:special\s+educational\s+needs?|sen(?:d)?\s+needs?\b|sen\b|"
        r"educational\s+needs|learning\s+needs)"
    ),
    "C": r"(?:the\s+child" + _POSSESSIVE + r"\s+)?health(?:\s*care)?\s+needs?",
    "D": r"(?:the\s+child" + _POSSESSIVE + r"\s+)?social\s+care\s+needs?",
    "E": r"(?:the\s+)?(?:desired\s+|agreed\s+|intended\s+)?outcomes?\b",
    "F": r"(?:the\s+)?special\s+educational\s+provision|educational\s+provision",
    "G": r"(?:the\s+)?health(?:\s*care)?\s+provision",
    "H": r"(?:the\s+)?(?:other\s+)?social\s+care\s+provision",
    "I": (
        r"(?:the\s+)?(?:name\s+and\s+type\s+of\s+(?:the\s+)?(?:school|setting|institution)"
        r"|(?:educational\s+)?placement\b|school\s+or\s+other\s+institution"
        r"|name\s+of\s+(?:the\s+)?(?:school|setting))"
    ),
    "J": r"(?:the\s+)?(?:personal\s+budget|direct\s+payments?)",
    "K": (
        r"(?:the\s+)?(?:advice\s+and\s+information|advice\s+received|information\s+and\s+advice"
        r"|appendi(?:x|ces)\b|list\s+of\s+advice)"
    ),
}
_TITLE_RES = {k: re.compile(v, re.IGNORECASE) for k, v in _TITLE_PATTERNS.items()}

# Words any section title uses: the gate for the bare-letter form ("F: Provision").
_TITLE_WORDS = re.compile(
    r"\b(?:views?|interests?|aspirations?|wishes|about\s+me|needs?|health|social|care|"
    r"outcomes?|provision|placement|school|setting|institution|budget|payments?|"
    r"advice|information|appendi(?:x|ces)|educational|special)\b",
    re.IGNORECASE,
)

_BULLET = r"[\s\u2022\u25aa\u25cf\u25e6\u2023\u2043\-\*>#]*"
_NUMBER = r"(?:\(?\d{1,2}(?:\.\d{1,2})*[.):]?\s+)?"
_SEP = r"[\s]*[:.\-–—)|]+[\s]*"
_LETTER = r"(?P<letter>H[12](?:\s*/\s*H?[12])?|[A-K])"
_SECTION_FORM = re.compile(
    rf"^{_BULLET}{_NUMBER}(?:section|part)\s+{_LETTER}(?![A-Za-z0-9])(?P<rest>.*)$",
    re.IGNORECASE,
)
_LETTER_FORM = re.compile(rf"^{_BULLET}{_LETTER}(?P<sep>{_SEP})(?P<rest>.*)$")
_LETTER_ALONE = re.compile(rf"^{_BULLET}{_LETTER}\s*[:.\-–—)|]?\s*$")
_NUMBERED = re.compile(rf"^{_BULLET}\(?\d{{1,2}}[.):]?\s+(?P<rest>.*)$")
_PLAIN = re.compile(rf"^{_BULLET}(?P<rest>.*)$")
_LEADING_SEP = re.compile(r"^\s*[:.\-–—)|]")
_SENTENCE_END = re.compile(r"[.;,!?]\s*$")

# Strength of a heading form: the more explicit, the more it is trusted.
_STRONG, _MEDIUM, _WEAK = 3, 2, 1
_MAX_HEADING = 140
_MAX_TITLE_TAIL = 90
_TIGHT_GAP = 160


@dataclass(frozen=True)
class SectionSpan:
    """Where one section is: ``[start, end)`` offsets in the document text.

    ``heading`` is the heading line as written; ``page`` is the 1-based page the
    section starts on; ``manual`` is True when the auditor set the start by hand.
    """

    letter: str
    start: int
    end: int
    page: int
    heading: str = ""
    manual: bool = False

    @property
    def title(self) -> str:
        return TITLES[self.letter]

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(frozen=True)
class _Candidate:
    letter: str
    start: int
    strength: int
    heading: str
    toc: bool = False


class SectionMap:
    """The sections found in one document, in document order (immutable)."""

    def __init__(self, document: PlanDocument, starts: dict[str, tuple[int, str, bool]]) -> None:
        self.document = document
        self._starts = dict(starts)
        ordered = sorted(self._starts.items(), key=lambda item: (item[1][0], item[0]))
        spans: dict[str, SectionSpan] = {}
        total = len(document.text)
        for index, (letter, (start, heading, manual)) in enumerate(ordered):
            end = ordered[index + 1][1][0] if index + 1 < len(ordered) else total
            spans[letter] = SectionSpan(letter, start, max(end, start), document.page_of(start),
                                        heading, manual)
        self._spans = spans

    def __iter__(self) -> Iterator[SectionSpan]:
        return iter(self._spans.values())

    def __len__(self) -> int:
        return len(self._spans)

    def __contains__(self, letter: object) -> bool:
        return isinstance(letter, str) and _key(letter) in self._spans

    def get(self, letter: str) -> SectionSpan | None:
        """The span of a section (``"H1"``/``"H2"`` mean H), or None when it was not found."""
        return self._spans.get(_key(letter))

    def letters(self) -> list[str]:
        """Letters of the found sections, in alphabetical (statutory) order."""
        return [letter for letter in LETTERS if letter in self._spans]

    def text_of(self, letter: str) -> str:
        span = self.get(letter)
        return "" if span is None else self.document.text[span.start:span.end]

    def section_at(self, offset: int) -> str | None:
        """The letter of the section holding ``offset`` (None before the first one)."""
        for span in self._spans.values():
            if span.contains(offset):
                return span.letter
        return None

    def with_override(self, letter: str, page: int, offset: int = 0) -> SectionMap:
        """A copy where ``letter`` starts at ``offset`` characters into 1-based ``page``.

        The section then runs to the next section's start; the other sections keep
        their starts (one that started inside the moved section now ends there).
        """
        key = _key(letter)
        if key not in LETTERS:
            raise ValueError(f"{letter!r} is not an EHC plan section (A-K)")
        start = self.document.offset_of(page, offset)
        line_end = self.document.text.find("\n", start)
        heading = self.document.text[start:line_end if line_end != -1 else None].strip()
        starts = dict(self._starts)
        starts[key] = (start, heading[:_MAX_HEADING], True)
        return SectionMap(self.document, starts)

    def without(self, letter: str) -> SectionMap:
        """A copy without this section (e.g. a heading that was wrongly recognised)."""
        starts = dict(self._starts)
        starts.pop(_key(letter), None)
        return SectionMap(self.document, starts)

    def spans(self) -> list[SectionSpan]:
        return list(self._spans.values())

    def __repr__(self) -> str:
        inside = ", ".join(f"{s.letter}@{s.start}(p{s.page})" for s in self._spans.values())
        return f"SectionMap({inside})"


def _key(letter: str) -> str:
    key = letter.strip().upper()
    return "H" if key.startswith("H") else key


# ----------------------------------------------------------------- detection


def find_sections(document: PlanDocument) -> SectionMap:
    """Locate sections A-K by their headings (see the module docstring)."""
    candidates = _merge_split_headings(list(_candidates(document)), document.text)
    _mark_contents_lists(candidates)
    chosen: dict[str, tuple[int, str, bool]] = {}
    previous_start = -1
    for letter in LETTERS:
        pool = [c for c in candidates if c.letter == letter]
        if not pool:
            continue
        usable = [c for c in pool if not c.toc] or pool
        best = max(c.strength for c in usable)
        usable = [c for c in usable if c.strength == best]
        after = [c for c in usable if c.start > previous_start]
        pick = (after or usable)[0]
        chosen[letter] = (pick.start, pick.heading, False)
        previous_start = max(previous_start, pick.start)
    return SectionMap(document, chosen)


def is_heading(line: str) -> bool:
    """Whether one line reads as a section heading (any form, any letter)."""
    line = line.strip()
    return bool(line) and _classify(line, [], 0) is not None


def _candidates(document: PlanDocument) -> Iterator[_Candidate]:
    lines = list(document.lines())
    for index, (offset, raw) in enumerate(lines):
        line = raw.strip()
        if not line or len(line) > _MAX_HEADING + 40:
            continue
        found = _classify(line, lines, index)
        if found is not None:
            letter, strength = found
            yield _Candidate(_key(letter), offset + (len(raw) - len(raw.lstrip())),
                             strength, line[:_MAX_HEADING], _toc_like(line))


_CONTENTS_ENTRY = re.compile(
    r"(?:\.{3,}|…{2,}|\s{2,}|\s(?:p\.?|page))\s*\d{1,3}\s*$|[A-Za-z)]\s+\d{1,3}\s*$"
    r"|\|\s*\d{1,3}\s*$",
    re.IGNORECASE,
)


def _toc_like(line: str) -> bool:
    """Dot leaders or a page number after the title: a contents entry."""
    return bool(_CONTENTS_ENTRY.search(line))


def _classify(line: str, lines: list[tuple[int, str]], index: int) -> tuple[str, int] | None:
    """(letter, strength) when ``line`` is a section heading, else None."""
    match = _SECTION_FORM.match(line)
    if match:
        letter = _key(match.group("letter"))
        rest = match.group("rest")
        if not rest.strip() or _LEADING_SEP.match(rest) or _title_letter(rest.strip()):
            return letter, _STRONG
        return None
    match = _LETTER_FORM.match(line)
    if match:
        letter = match.group("letter")
        rest = match.group("rest").strip()
        if rest and _TITLE_WORDS.search(rest[:60]) and _heading_like(rest):
            return letter, _MEDIUM
        if not rest and _next_line_is_title(letter, lines, index):
            return letter, _MEDIUM
    match = _LETTER_ALONE.match(line)
    if match and _next_line_is_title(match.group("letter"), lines, index):
        return match.group("letter"), _MEDIUM
    numbered = _NUMBERED.match(line)
    # _PLAIN matches every line (an optional bullet, then anything)
    text = numbered.group("rest") if numbered else _PLAIN.match(line).group("rest")  # type: ignore[union-attr]
    titled = _title_letter(text.strip())
    if titled is not None and _heading_like(text):
        return titled, _MEDIUM if numbered else _WEAK
    return None


def _title_letter(text: str) -> str | None:
    """The section whose title ``text`` starts with (a short tail allowed), or None."""
    best: tuple[int, str] | None = None
    for letter, pattern in _TITLE_RES.items():
        match = pattern.match(text)
        if match and len(text) - match.end() <= _MAX_TITLE_TAIL and (
                best is None or match.end() > best[0]):
            best = (match.end(), letter)
    return None if best is None else best[1]


def _heading_like(text: str) -> bool:
    """Short and not a sentence (a colon at the end is fine)."""
    text = text.strip()
    if not text or len(text) > _MAX_HEADING:
        return False
    if _SENTENCE_END.search(text) and not text.endswith(("etc.", "e.g.")):
        return False
    # A heading is not a clause: "Outcomes will be reviewed" has a verb after the title.
    return not re.search(r"\b(?:will|must|should|is|are|was|were|has|have|can)\b",
                         text, re.IGNORECASE)


def _next_line_is_title(letter: str, lines: list[tuple[int, str]], index: int) -> bool:
    for _offset, raw in lines[index + 1:index + 3]:
        following = raw.strip()
        if not following:
            continue
        return _title_letter(following) == _key(letter) and _heading_like(following)
    return False


def _merge_split_headings(candidates: list[_Candidate], text: str) -> list[_Candidate]:
    """Drop the title line of a heading split over two lines ("F" then "Special ...")."""
    kept: list[_Candidate] = []
    for candidate in candidates:
        previous = kept[-1] if kept else None
        if (previous is not None and previous.letter == candidate.letter
                and candidate.strength < previous.strength
                and "\n" not in text[previous.start:candidate.start].strip()):
            continue
        kept.append(candidate)
    return kept


def _mark_contents_lists(candidates: list[_Candidate]) -> None:
    """Flag headings that sit in a contents list (in place).

    A run of three or more headings each within a few lines of the next is a
    contents list when most of its letters appear again later in the document;
    the entries whose letter appears again are flagged (the real heading that
    may directly follow the list is not).
    """
    runs: list[list[int]] = []
    for index, candidate in enumerate(candidates):
        if runs and candidate.start - candidates[runs[-1][-1]].start <= _TIGHT_GAP:
            runs[-1].append(index)
        else:
            runs.append([index])
    for run in runs:
        if len(run) < 3:
            continue
        again = [i for i in run
                 if any(c.letter == candidates[i].letter for c in candidates[i + 1:])]
        if len(again) * 2 >= len(run):
            for i in again:
                candidates[i] = replace(candidates[i], toc=True)
