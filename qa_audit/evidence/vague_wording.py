"""Vague wording and unquantified lines in the provision sections of a plan.

Code of Practice 9.69: provision "must be detailed and specific and should
normally be quantified". Two checks, both *suggestions* for the auditor:

1. **Lexicon phrases** (``rubrics/vague-wording.yaml``): each phrase is matched
   as whole words, in any case, across line breaks (a space in a phrase matches
   any run of whitespace or a hyphen). An entry's ``unless`` / ``unless_before``
   expressions drop hits whose context makes them specific ("small group of 4").
2. **Provision lines missing detail**: each provision item (a paragraph, bullet,
   table row or wrapped sentence) that reads as provision is checked for a
   frequency ("3 times weekly", "daily", "per week", "each term", "fortnightly"),
   a duration ("30 minutes", "1 hour", "for 6 weeks"), who delivers it (a role:
   "speech and language therapist", "TA", "SENCo", "trained adult"...) and, when
   it mentions a group, the group size. "Throughout the school day", "in all
   lessons" and "full-time" count as both frequency and duration.

Sections F, G and H are scanned (the lexicon's ``sections``); when none of them
was found, the whole document is scanned and hits carry no section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from qa_audit.errors import UserError
from qa_audit.evidence.documents import PlanDocument
from qa_audit.evidence.sections import LETTERS, SectionMap, is_heading
from qa_audit.paths import bundled

__all__ = [
    "DEFAULT_LEXICON",
    "MISSING_FIXES",
    "Lexicon",
    "LexiconEntry",
    "LexiconError",
    "PhraseCount",
    "ProvisionLine",
    "VagueHit",
    "WordingReport",
    "find_phrases",
    "load_lexicon",
    "missing_details",
    "provision_items",
    "scan_provision",
]

DEFAULT_LEXICON = ("rubrics", "vague-wording.yaml")

#: How far around a hit the ``unless`` expressions look (characters).
_CONTEXT = 80


class LexiconError(UserError):
    """The vague-wording lexicon file is malformed; ``details`` says where."""


# -------------------------------------------------------------------- lexicon


def _phrase_pattern(phrase: str) -> str:
    words = phrase.split()
    return r"(?:\s+|\s*[-‐‑–]\s*)".join(re.escape(w) for w in words)


@dataclass(frozen=True)
class LexiconEntry:
    """One vague phrase, its variants, why it is vague and a suggested fix."""

    phrase: str
    why: str
    fix: str
    variants: tuple[str, ...] = ()
    unless: str | None = None
    unless_before: str | None = None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        spellings = sorted({self.phrase, *self.variants}, key=len, reverse=True)
        body = "|".join(_phrase_pattern(s) for s in spellings)
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)

    @cached_property
    def unless_re(self) -> re.Pattern[str] | None:
        return re.compile(self.unless, re.IGNORECASE) if self.unless else None

    @cached_property
    def unless_before_re(self) -> re.Pattern[str] | None:
        if not self.unless_before:
            return None
        return re.compile(rf"(?:{self.unless_before})\Z", re.IGNORECASE)

    def excused(self, text: str, start: int, end: int) -> bool:
        """Whether the context of a hit at ``[start, end)`` makes it specific."""
        if self.unless_re is not None and self.unless_re.match(text[end:end + _CONTEXT]):
            return True
        before = self.unless_before_re
        window = text[max(0, start - _CONTEXT):start]
        return before is not None and before.search(window) is not None


@dataclass(frozen=True)
class Lexicon:
    """The vague-wording lexicon: entries, the sections scanned, and its sources."""

    entries: tuple[LexiconEntry, ...]
    sections: tuple[str, ...] = ("F", "G", "H")
    title: str = "Vague wording in provision"

    def entry(self, phrase: str) -> LexiconEntry:
        for entry in self.entries:
            if entry.phrase.casefold() == phrase.casefold():
                return entry
        raise KeyError(phrase)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read and check a lexicon file (default: the shipped ``rubrics/vague-wording.yaml``)."""
    file = Path(path) if path is not None else bundled(*DEFAULT_LEXICON)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LexiconError(f"The vague-wording lexicon {file.name} cannot be read: "
                           f"{exc.strerror or exc}.") from None
    except yaml.YAMLError as exc:
        raise LexiconError(f"The vague-wording lexicon {file.name} is not valid YAML.",
                           [str(exc)]) from None
    return lexicon_from_dict(data, file.name)


def lexicon_from_dict(data: Any, name: str = "lexicon") -> Lexicon:
    """A :class:`Lexicon` from parsed YAML; LexiconError lists every problem."""
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise LexiconError(f"The vague-wording lexicon {name} must be a mapping.")
    sections = data.get("sections", ["F", "G", "H"])
    if not isinstance(sections, list) or not all(
            isinstance(s, str) and s.upper() in LETTERS for s in sections):
        problems.append("sections: must be a list of section letters A-K")
        sections = ["F", "G", "H"]
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise LexiconError(f"The vague-wording lexicon {name} has no entries.")
    entries: list[LexiconEntry] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_entries, start=1):
        where = f"entries[{index}]"
        if not isinstance(raw, Mapping):
            problems.append(f"{where}: must be a mapping with phrase, why and fix")
            continue
        phrase = raw.get("phrase")
        if not isinstance(phrase, str) or not phrase.strip():
            problems.append(f"{where}: phrase is missing")
            continue
        where = f"{where} ({phrase})"
        if phrase.casefold() in seen:
            problems.append(f"{where}: phrase appears twice")
        seen.add(phrase.casefold())
        variants = raw.get("variants") or []
        if not isinstance(variants, list) or not all(
                isinstance(v, str) and v.strip() for v in variants):
            problems.append(f"{where}: variants must be a list of phrases")
            variants = []
        for key in ("why", "fix"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                problems.append(f"{where}: {key} is missing")
        for key in ("unless", "unless_before"):
            value = raw.get(key)
            if value is None:
                continue
            try:
                re.compile(str(value))
            except re.error as exc:
                problems.append(f"{where}: {key} is not a valid regular expression ({exc})")
        entries.append(LexiconEntry(
            phrase=phrase.strip(),
            why=" ".join(str(raw.get("why", "")).split()),
            fix=" ".join(str(raw.get("fix", "")).split()),
            variants=tuple(v.strip() for v in variants),
            unless=None if raw.get("unless") is None else str(raw["unless"]),
            unless_before=None if raw.get("unless_before") is None else str(raw["unless_before"]),
        ))
    if problems:
        raise LexiconError(f"The vague-wording lexicon {name} has {len(problems)} problem(s).",
                           problems)
    return Lexicon(tuple(entries), tuple(s.upper() for s in sections),
                   str(data.get("title") or "Vague wording in provision"))


# ------------------------------------------------------------------- results


@dataclass(frozen=True)
class VagueHit:
    """One lexicon phrase found: ``[start, end)`` in the document text."""

    entry: LexiconEntry
    matched: str
    start: int
    end: int
    section: str | None
    page: int

    @property
    def phrase(self) -> str:
        return self.entry.phrase


@dataclass(frozen=True)
class ProvisionLine:
    """A provision item that lacks some of: frequency, duration, who, group size."""

    text: str
    start: int
    end: int
    section: str | None
    page: int
    missing: tuple[str, ...]

    @property
    def fix(self) -> str:
        return "; ".join(MISSING_FIXES[m] for m in self.missing)


@dataclass(frozen=True)
class PhraseCount:
    """How often one phrase occurs in one section, with its hits in order."""

    entry: LexiconEntry
    section: str | None
    hits: tuple[VagueHit, ...]

    @property
    def count(self) -> int:
        return len(self.hits)

    @property
    def phrase(self) -> str:
        return self.entry.phrase


@dataclass(frozen=True)
class WordingReport:
    """Everything the provision scan found; ``whole_document`` when no F/G/H was found."""

    hits: tuple[VagueHit, ...] = ()
    lines: tuple[ProvisionLine, ...] = ()
    scanned: tuple[str, ...] = ()
    whole_document: bool = False

    def counts(self) -> list[PhraseCount]:
        """One row per (phrase, section), in order of the first hit."""
        groups: dict[tuple[str, str | None], list[VagueHit]] = {}
        for hit in sorted(self.hits, key=lambda h: h.start):
            groups.setdefault((hit.entry.phrase, hit.section), []).append(hit)
        return [PhraseCount(hits[0].entry, section, tuple(hits))
                for (_phrase, section), hits in groups.items()]

    def count_of(self, phrase: str, section: str | None = None) -> int:
        return sum(1 for h in self.hits if h.entry.phrase.casefold() == phrase.casefold()
                   and (section is None or h.section == section))

    def phrases(self) -> set[str]:
        return {h.entry.phrase for h in self.hits}

    def for_sections(self, letters: Iterable[str]) -> WordingReport:
        wanted = {_section_key(letter) for letter in letters}
        return WordingReport(
            tuple(h for h in self.hits if h.section in wanted or h.section is None),
            tuple(ln for ln in self.lines if ln.section in wanted or ln.section is None),
            tuple(s for s in self.scanned if s in wanted),
            self.whole_document,
        )


def _section_key(letter: str) -> str:
    key = letter.strip().upper()
    return "H" if key in ("H1", "H2") else key


# ------------------------------------------------------------------ scanning


def find_phrases(text: str, lexicon: Lexicon, start: int = 0,
                 end: int | None = None) -> list[tuple[LexiconEntry, int, int]]:
    """``(entry, start, end)`` for every unexcused phrase in ``text[start:end]``, in order."""
    end = len(text) if end is None else end
    found: list[tuple[LexiconEntry, int, int]] = []
    for entry in lexicon.entries:
        for match in entry.pattern.finditer(text, start, end):
            if not entry.excused(text, match.start(), match.end()):
                found.append((entry, match.start(), match.end()))
    # Longest first at each position; a hit inside a longer one is the same wording
    # ("could" inside "could benefit from") and is dropped.
    found.sort(key=lambda item: (item[1], -item[2]))
    kept: list[tuple[LexiconEntry, int, int]] = []
    reach = -1
    for item in found:
        if item[2] <= reach:
            continue
        kept.append(item)
        reach = max(reach, item[2])
    return kept


def scan_provision(document: PlanDocument, sections: SectionMap,
                   lexicon: Lexicon | None = None,
                   letters: Sequence[str] | None = None) -> WordingReport:
    """Lexicon hits and lines missing detail in the provision sections."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    wanted = [_section_key(x) for x in (letters if letters is not None else lexicon.sections)]
    spans = [s for s in (sections.get(letter) for letter in wanted) if s is not None]
    text = document.text
    whole = not spans
    regions: list[tuple[str | None, int, int]] = (
        [(None, 0, len(text))] if whole else [(s.letter, s.start, s.end) for s in spans])
    hits: list[VagueHit] = []
    lines: list[ProvisionLine] = []
    for letter, start, end in regions:
        for entry, hit_start, hit_end in find_phrases(text, lexicon, start, end):
            hits.append(VagueHit(entry, text[hit_start:hit_end], hit_start, hit_end, letter,
                                 document.page_of(hit_start)))
        body_start = start if whole else _after_heading(text, start, end)
        for item_start, item_end in provision_items(text, body_start, end):
            item = text[item_start:item_end]
            if not _reads_as_provision(item):
                continue
            missing = missing_details(item)
            if missing:
                lines.append(ProvisionLine(" ".join(item.split()), item_start, item_end, letter,
                                           document.page_of(item_start), missing))
    hits.sort(key=lambda h: h.start)
    return WordingReport(tuple(hits), tuple(lines),
                         tuple(s.letter for s in spans), whole)


def _after_heading(text: str, start: int, end: int) -> int:
    newline = text.find("\n", start, end)
    return end if newline == -1 else newline + 1


# ------------------------------------------------------- provision items

_BULLET_START = re.compile(
    r"^\s*(?:[\u2022\u25aa\u25cf\u25e6\u2023\u2043\-\*–•]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}\))\s+",
    re.IGNORECASE,
)
_CONNECTOR_END = re.compile(
    r"(?:[,\-–&/(]|\b(?:a|an|the|and|or|of|by|to|with|for|in|on|at|per|from|into|who|which|"
    r"that|their|his|her|its|than|including|between|up|each|every|times|minutes|hours))\s*$",
    re.IGNORECASE,
)
_SENTENCE_CLOSE = re.compile(r"[.:;!?]\s*$")


def provision_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` of each item: paragraphs, bullets, table rows, wrapped sentences.

    Lines are joined when a sentence was wrapped (the next line starts in lower
    case, or the previous one ends mid-phrase or is long with no full stop); blank
    lines, bullets, numbered lines and table rows (``" | "``) start new items.
    """
    items: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    previous = ""
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        line_end = end if newline == -1 else newline
        line = text[position:line_end]
        stripped = line.strip()
        if not stripped:
            if current:
                items.append(current)
            current, previous = None, ""
        else:
            lead = position + len(line) - len(line.lstrip())
            tail = position + len(line.rstrip())
            if current is not None and _continues(previous, stripped):
                current = (current[0], tail)
            else:
                if current:
                    items.append(current)
                current = (lead, tail)
            previous = stripped
        position = line_end + 1
    if current:
        items.append(current)
    return items


def _continues(previous: str, line: str) -> bool:
    if not previous or "|" in previous or "|" in line or _BULLET_START.match(line):
        return False
    if _SENTENCE_CLOSE.search(previous):
        return False
    return (line[0].islower() or line[0].isdigit() or bool(_CONNECTOR_END.search(previous))
            or len(previous) >= 60)


_PROVISION_CUE = re.compile(
    r"\b(?:support(?:ed|s)?|programmes?|programs?|therap(?:y|ies)|interventions?|sessions?|"
    r"teach(?:ing)?|taught|tuition|tutoring|access|receive[sd]?|provided?|provision of|"
    r"deliver(?:ed|s)?|work(?:s|ing)?\s+with|groups?|1:1|one[- ]to[- ]one|adults?|"
    r"assistants?|staff|help(?:ed)?|check[- ]ins?|mentoring|equipment|training|trained|"
    r"short\s+breaks?|respite|care(?:r|rs)?|exercises|practice|practise|pre[- ]teach(?:ing)?|"
    r"over[- ]learning|input|opportunit(?:y|ies)|will\s+(?:have|be\s+given|use|attend)|"
    r"benefit)\b",
    re.IGNORECASE,
)


def _reads_as_provision(item: str) -> bool:
    """Long enough, not a heading or an introduction, and about provision."""
    words = item.split()
    if len(words) < 5 or item.rstrip().endswith(":") or (
            "\n" not in item and is_heading(item)):
        return False
    return bool(_PROVISION_CUE.search(item))


# ----------------------------------------------------- detail detection

_NUM = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
        r"twenty|thirty|forty|sixty|ninety)")
_PERIOD = (r"(?:school\s+day|day|week|fortnight|month|half[- ]term|term|academic\s+year|year|"
           r"lesson|session|morning|afternoon|break(?:\s*time)?|lunch(?:\s*time)?)")
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri)days?"
_CONTINUOUS = (
    r"throughout\s+the\s+(?:school\s+)?day|across\s+the\s+(?:school\s+)?day|all\s+day|"
    r"at\s+all\s+times|in\s+all\s+lessons|(?:in|during|for)\s+every\s+lesson|all\s+lessons|"
    r"full[- ]time|whole\s+(?:school\s+)?day|(?:each|every)\s+(?:school\s+)?day|"
    r"all\s+(?:unstructured|social)\s+times|"
    r"(?:for|in|during)\s+all\s+(?:\w+\s+)?(?:work|tasks|lessons|subjects|activities)"
)
_FREQUENCY = re.compile(
    rf"\b(?:daily|weekly|fortnightly|monthly|termly|half[- ]termly|annually|annual|yearly|"
    rf"twice|thrice|"
    rf"(?:each|every|per|a|an|once\s+a|once\s+per|once\s+each|once\s+every)\s+(?:other\s+)?{_PERIOD}|"
    rf"every\s+{_NUM}\s+(?:days|weeks|months|terms|lessons|sessions|minutes)|"
    rf"{_NUM}\s*(?:x|times)\b(?:\s*(?:a|per|each|every)\s+{_PERIOD})?|"
    rf"x\s*\d+\b|"
    rf"(?:on|every)\s+{_WEEKDAY}|{_WEEKDAY}\s+(?:and|&)\s+{_WEEKDAY}|"
    rf"(?:at|during)\s+(?:every\s+|each\s+|all\s+)?(?:break|lunch|morning\s+break|"
    rf"unstructured\s+times?|break\s*times?|lunch\s*times?|registration|transitions?)|"
    rf"(?:before|after)\s+(?:school|lunch|break)|on\s+arrival|at\s+the\s+start\s+"
    rf"(?:and\s+end\s+)?of\s+(?:each|every|the)\s+(?:school\s+)?day|"
    rf"{_CONTINUOUS})\b",
    re.IGNORECASE,
)
_DURATION = re.compile(
    rf"\b(?:\d+(?:\.\d+)?\s*(?:[-–]|to)?\s*(?:\d+(?:\.\d+)?\s*)?(?:minutes?|mins?|hours?|hrs?)\b|"
    rf"(?:{_NUM}|half\s+an|an|a\s+half|quarter\s+of\s+an|forty[- ]five|one\s+and\s+a\s+half)"
    rf"[- ]\s*(?:minutes?|mins?|hours?)\b|"
    rf"(?:half\s+an|an|one)\s+hour\b|"
    rf"for\s+(?:a|an|one|the|\d+|{_NUM})\s+(?:(?:school|academic)\s+)?"
    rf"(?:weeks?|terms?|half[- ]terms?|months?|years?|sessions?|lessons?)\b|"
    rf"\d+\s*[- ]?(?:week|session|term|lesson)\s+(?:block|programme|program|course|"
    rf"intervention)\b|"
    rf"(?:single|double)\s+(?:lessons?|periods?)\b|"
    rf"(?:{_NUM}|a|one)\s+(?:lessons?|periods?)\b|"
    rf"{_CONTINUOUS})",
    re.IGNORECASE,
)
_ROLES = (
    r"speech\s+(?:and|&)\s+language\s+therap(?:ist|y\s+assistant)s?|"
    r"(?:speech\s+and\s+language\s+|occupational\s+|play\s+|music\s+|art\s+|drama\s+|"
    r"family\s+)?therapists?|therapy\s+assistants?|"
    r"(?:higher\s+level\s+)?teaching\s+assistants?|learning\s+support\s+assistants?|"
    r"(?:specialist|advisory|qualified|class|subject|form|specialist\s+literacy|"
    r"specialist\s+maths|peripatetic|visiting)\s+teachers?|teachers?\s+of\s+the\s+(?:deaf|"
    r"visually\s+impaired|hearing\s+impaired)|qualified\s+teachers?\s+of\s+\w+(?:\s+\w+)?|"
    r"teachers?|tutors?|educational\s+psychologists?|psychologists?|physiotherapists?|"
    r"physios?|occupational\s+therapists?|SENC[Oo]s?|SENDC[Oo]s?|sencos?|"
    r"learning\s+mentors?|mentors?|counsell?ors?|school\s+nurses?|nurses?|"
    r"paediatricians?|doctors?|dietitians?|dieticians?|orthoptists?|audiologists?|"
    r"(?:emotional\s+literacy\s+support\s+assistants?)|"
    r"trained\s+(?:adults?|members?\s+of\s+staff|staff|practitioners?)|"
    r"(?:staff|adults?)\s+(?:who\s+(?:are|have\s+been|is|has\s+been)\s+)?trained\s+in|"
    r"(?:family\s+)?support\s+workers?|social\s+workers?|personal\s+assistants?|"
    r"early\s+years\s+practitioners?|practitioners?|key\s+workers?|"
    r"mobility\s+(?:officers?|specialists?|instructors?|and\s+habilitation\s+\w+)|"
    r"habilitation\s+(?:officers?|specialists?)|short\s+breaks?\s+(?:providers?|services?)|"
    r"(?:the\s+)?(?:autism|communication|sensory|hearing|vision|visual\s+impairment|"
    r"outreach|inclusion|behaviour)\s+(?:advisory\s+)?(?:team|service)"
)
_ROLE = re.compile(rf"\b(?:{_ROLES})\b", re.IGNORECASE)
# Acronyms are case-sensitive ("salt" and "pa" are words).
_ROLE_ACRONYM = re.compile(
    r"\b(?:TAs?|HLTAs?|LSAs?|SLTs?|SaLTs?|SALTs?|EPs?|OTs?|PAs?|ELSAs?|SENCOs?|SENCos?|"
    r"SENDCos?|ToDs?|QTVIs?|QToDs?|QTMSIs?|CAMHS|CYPMHS|EWMHS|SEMH\s+practitioners?)\b"
)
_GROUP = re.compile(r"\bgroups?\b", re.IGNORECASE)
_NOT_A_TEACHING_GROUP = re.compile(
    r"\b(?:year|age|peer|key\s+stage|tutor|form|support|steering|parent|working|user)\s+groups?\b",
    re.IGNORECASE,
)
_SIZE_WORD = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_GROUP_SIZE = re.compile(
    rf"\bgroups?\s+(?:work\s+)?(?:size\s+)?(?:of\s+|\(\s*|:\s*)?(?:up\s+to\s+|no\s+more\s+than\s+|"
    rf"not\s+more\s+than\s+|a\s+maximum\s+of\s+|maximum\s+(?:of\s+)?|max\.?\s*(?:of\s+)?|"
    rf"between\s+)?{_SIZE_WORD}\b|"
    rf"\b{_SIZE_WORD}\s*(?:[-–]|to)?\s*(?:{_SIZE_WORD}\s*)?(?:other\s+)?(?:pupils|children|"
    rf"students|peers|learners|young\s+people)\b|"
    rf"\((?:max(?:imum)?\.?\s*|up\s+to\s+|no\s+more\s+than\s+)?\d+(?:\s*[-–]\s*\d+)?"
    rf"(?:\s*(?:pupils|children|students|peers|learners))?\)|"
    rf"\b1\s*:\s*\d+\b|\bone[- ]to[- ](?:one|two|three|four)\b|"
    rf"\b(?:max(?:imum)?\.?|group\s+size)\s*(?:of\s+|:\s*)?{_SIZE_WORD}\b|"
    rf"\b(?:in\s+)?(?:a\s+)?pairs?\b",
    re.IGNORECASE,
)

#: What to add for each missing detail (shown as the suggested fix).
MISSING_FIXES = {
    "frequency": "say how often (e.g. \"3 times weekly\", \"daily\")",
    "duration": "say for how long (e.g. \"30 minutes\", \"for 6 weeks\")",
    "who delivers": "say who delivers it and their expertise (e.g. \"a speech and language "
                    "therapist\", \"a trained TA\")",
    "group size": "give the group size (e.g. \"a group of no more than 4 pupils\")",
}


def missing_details(item: str) -> tuple[str, ...]:
    """Which of frequency, duration, who delivers, group size an item does not state."""
    missing: list[str] = []
    if not _FREQUENCY.search(item):
        missing.append("frequency")
    if not _DURATION.search(item):
        missing.append("duration")
    if not (_ROLE.search(item) or _ROLE_ACRONYM.search(item)):
        missing.append("who delivers")
    if _mentions_group(item) and not _GROUP_SIZE.search(item):
        missing.append("group size")
    return tuple(missing)


def _mentions_group(item: str) -> bool:
    groups = len(_GROUP.findall(item))
    return groups > len(_NOT_A_TEACHING_GROUP.findall(item))
