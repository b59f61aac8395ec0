"""The golden thread: does each need in Section B lead to provision (F) and an outcome (E)?

The DfE standardisation pilot calls a good plan one with a "golden thread between
need, provision and outcomes". This module reads Section B item by item (a
paragraph, bullet or table row), keeps the items that describe a need (they say
what the child finds difficult, cannot yet do, or needs help with), and looks for
an item in F and in E that shares with it:

* a keyword of an area of need (the four broad areas of the Code of Practice
  6.28-6.35: cognition and learning, communication and interaction, social,
  emotional and mental health, sensory and/or physical), e.g. both mention
  "reading", or both "anxiety"/"anxious"; or
* at least two salient words (longer content words that are not plan boiler-
  plate, not names, and not spread over most of the plan).

A need with no area keyword and fewer than two salient words falls back to its
area (from a sub-heading such as "Communication and interaction" in B).

The result is a list of *prompts* ("no provision found for ...") for the
"needs identified / provision linked" questions: keyword matching cannot read,
so the auditor decides.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from qa_audit.evidence.documents import PlanDocument
from qa_audit.evidence.sections import SectionMap
from qa_audit.evidence.vague_wording import provision_items

__all__ = [
    "AREAS",
    "AREA_HEADINGS",
    "GoldenThreadReport",
    "Need",
    "ThreadPrompt",
    "check_golden_thread",
]

#: Keywords per broad area of need: regular expressions matched as whole words
#: (``\\w*`` makes a prefix: ``read(?:s|ing|er)?`` finds "reading", not "ready").
AREAS: dict[str, tuple[str, ...]] = {
    "cognition and learning": (
        r"read(?:s|ing|er|ers)?", r"writ\w*", r"spell\w*", r"phonic\w*", r"literac\w*",
        r"numera\w*", r"numbers?", r"maths?", r"mathemat\w*", r"calculat\w*", r"memor\w*",
        r"processing\s+speed", r"comprehen\w*", r"dyslexi\w*", r"dyscalcul\w*", r"cognit\w*",
        r"reasoning", r"problem[\s-]solving", r"concentrat\w*", r"executive\s+function\w*",
        r"organis\w*", r"sequenc\w*", r"recall\w*", r"retain\w*", r"retention", r"decod\w*",
        r"arithmetic", r"times\s+tables?", r"mld", r"spld",
    ),
    "communication and interaction": (
        r"speech", r"language", r"communicat\w*", r"vocabular\w*", r"expressive",
        r"receptive", r"verbal\w*", r"non-verbal", r"listen\w*", r"understand\w*",
        r"interact\w*", r"conversation\w*", r"turn[\s-]tak\w*", r"eye\s+contact",
        r"autis\w*", r"asd", r"asc", r"slcn", r"dld", r"stammer\w*", r"stutter\w*",
        r"articulat\w*", r"speech\s+sounds?", r"makaton", r"pecs", r"aac", r"signing",
        r"narrative\w*", r"instructions?", r"pragmatic\w*", r"echolal\w*", r"play\s+skills",
        r"joint\s+attention", r"attention\s+and\s+listening",
    ),
    "social, emotional and mental health": (
        r"anxi\w*", r"emotion\w*", r"self[\s-]regulat\w*", r"dysregulat\w*",
        r"regulat(?:e|es|ed|ing|ion)", r"behaviou?r\w*", r"mental\s+health", r"well[\s-]?being",
        r"self[\s-]esteem", r"confiden\w*", r"adhd", r"attachment", r"trauma\w*", r"anger",
        r"angry", r"frustrat\w*", r"mood\w*", r"worr\w*", r"meltdowns?", r"shutdowns?",
        r"friendships?", r"relationships?", r"social\s+skills?", r"resilien\w*", r"panic\w*",
        r"school\s+refus\w*", r"attendance", r"impulsiv\w*", r"semh", r"calm\w*",
        r"distress\w*", r"self[\s-]harm\w*", r"transitions?",
    ),
    "sensory and/or physical": (
        r"hearing", r"deaf\w*", r"auditory", r"visual(?:ly)?\s+impair\w*", r"vision",
        r"sight\w*", r"blind\w*", r"sensory", r"motor", r"fine\s+motor", r"gross\s+motor",
        r"handwrit\w*", r"pencils?", r"mobility", r"physical\w*", r"co-?ordinat\w*",
        r"dyspraxi\w*", r"dcd", r"balance", r"toilet\w*", r"continence", r"feeding",
        r"eating", r"swallow\w*", r"cerebral\s+palsy", r"wheelchairs?", r"seating",
        r"posture", r"fatigue\w*", r"stamina", r"epilep\w*", r"seizures?", r"medical\w*",
        r"pain(?:s|ful)?", r"noise\w*", r"noisy", r"textures?", r"dressing", r"scissors",
        r"cutlery", r"physio\w*", r"hypermobil\w*", r"muscles?", r"muscular", r"grip\w*",
    ),
}

#: Sub-headings in B that name an area (later items inherit it).
AREA_HEADINGS: dict[str, re.Pattern[str]] = {
    "cognition and learning": re.compile(r"^\W*cognition\s+(?:and|&)\s+learning\W*$", re.I),
    "communication and interaction": re.compile(
        r"^\W*communication\s+(?:and|&)\s+interaction\W*$|^\W*speech,?\s+language\s+"
        r"(?:and|&)\s+communication(?:\s+needs)?\W*$", re.I),
    "social, emotional and mental health": re.compile(
        r"^\W*social,?\s+emotional\s+(?:and|&)\s+mental\s+health(?:\s*\(semh\))?\W*$|"
        r"^\W*semh\W*$", re.I),
    "sensory and/or physical": re.compile(
        r"^\W*(?:sensory\s+(?:and|&)(?:/or)?\s+(?:/\s*or\s+)?physical|physical\s+(?:and|&)"
        r"(?:/or)?\s+sensory|sensory|physical(?:\s+development)?|sensory\s+and\s+or\s+physical)"
        r"(?:\s+needs)?\W*$", re.I),
}

# One expression for every keyword: group k<N> names keyword N (one search per item).
_KEYWORD_LIST: list[tuple[str, str]] = [
    (area, kw) for area, keywords in AREAS.items() for kw in keywords]
_KEYWORDS_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<k{i}>{kw})" for i, (_a, kw) in enumerate(_KEYWORD_LIST))
    + r")(?!\w)",
    re.IGNORECASE,
)

_NEED_CUE = re.compile(
    r"\b(?:difficult(?:y|ies)?|struggl\w*|finds?\s+it\s+(?:hard|difficult|challenging|tricky)|"
    r"unable|cannot|can't|can\s+not|not\s+yet\s+(?:able|secure|consistent)|delay(?:ed|s)?|"
    r"below|behind|limited|low|poor|weak\w*|reduced|impair\w*|disorder|diagnos\w*|"
    r"needs?\s+(?:help|support|adult|prompt\w*|reminders?|encouragement|to)|requires?|"
    r"anxi\w*|dysregulat\w*|avoid\w*|reluctan\w*|challeng\w*|concern\w*|barriers?|"
    r"immature|inconsisten\w*|fatigue|pain|vulnerab\w*|at\s+risk|does\s+not|doesn't|"
    r"is\s+not\s+able|unsafe|frustrat\w*|overwhelm\w*|distress\w*)\b",
    re.IGNORECASE,
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_STOPWORD_TEXT = """
about above across actually additional after again against ahead almost along already also
although always among another around based because become becomes been before being below
between both cannot class classroom could currently daily during each either enable enjoy
enjoys every following further given great having help helps their there these thing things
think those through throughout together towards under until using various weekly where
whether which while within without would years skills skill ability able areas support
supported supports needs difficult difficulty difficulties school schools child childs
children young person people pupil pupils student students adult adults staff teacher
teachers provision provide provided outcome outcomes improve improved improving develop
developing development progress section special educational learning sessions session
minutes hours times other should shall others small group groups setting settings
currently including include includes regular access benefit opportunities appropriate
required needed time daily programme programmes strategies strategy plan plans working
works worked review reviewed annual where when what will with from into that this than
have they them then because report reports advice assessment assessed level levels
sometimes often usually finds find found very well good better really make makes
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_MIN_SALIENT = 5
_COMMON_SHARE = 0.6


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    for suffix in ("ingly", "ations", "ation", "ments", "ment", "ness", "ings", "ing",
                   "ies", "ied", "ers", "er", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class _Item:
    text: str
    start: int
    end: int
    areas: frozenset[str]
    keywords: frozenset[str]
    words: frozenset[str]


@dataclass(frozen=True)
class Need:
    """One need in Section B and where it seems to lead."""

    text: str
    start: int
    end: int
    page: int
    areas: tuple[str, ...]
    keywords: tuple[str, ...]
    provision_at: tuple[int, ...]
    outcome_at: tuple[int, ...]

    @property
    def has_provision(self) -> bool:
        return bool(self.provision_at)

    @property
    def has_outcome(self) -> bool:
        return bool(self.outcome_at)

    def summary(self, width: int = 90) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= width else text[: width - 1].rstrip() + "…"


PromptKind = Literal["no_provision", "no_outcome", "section_missing"]


@dataclass(frozen=True)
class ThreadPrompt:
    """A prompt for the auditor: a need with no provision or no outcome found."""

    kind: PromptKind
    message: str
    need: Need | None = None
    section: str | None = None

    @property
    def page(self) -> int | None:
        return None if self.need is None else self.need.page


@dataclass(frozen=True)
class GoldenThreadReport:
    """Needs found in B, each with the F and E items it links to."""

    needs: tuple[Need, ...] = ()
    missing_sections: tuple[str, ...] = ()

    @property
    def without_provision(self) -> list[Need]:
        return [] if "F" in self.missing_sections else [
            n for n in self.needs if not n.has_provision]

    @property
    def without_outcome(self) -> list[Need]:
        return [] if "E" in self.missing_sections else [
            n for n in self.needs if not n.has_outcome]

    def prompts(self, kinds: Iterable[PromptKind] = ("section_missing", "no_provision",
                                                    "no_outcome")) -> list[ThreadPrompt]:
        wanted = set(kinds)
        prompts: list[ThreadPrompt] = []
        if "section_missing" in wanted:
            for letter in self.missing_sections:
                prompts.append(ThreadPrompt(
                    "section_missing",
                    f"Section {letter} was not found, so the golden thread could not be "
                    f"checked against it; set its start by hand if it is there.",
                    section=letter))
        if "no_provision" in wanted:
            for need in self.without_provision:
                prompts.append(ThreadPrompt(
                    "no_provision",
                    f"No provision in F found for this need ({_areas(need)}): "
                    f"\u201c{need.summary()}\u201d", need, "F"))
        if "no_outcome" in wanted:
            for need in self.without_outcome:
                prompts.append(ThreadPrompt(
                    "no_outcome",
                    f"No outcome in E found for this need ({_areas(need)}): "
                    f"\u201c{need.summary()}\u201d", need, "E"))
        return prompts


def _areas(need: Need) -> str:
    return ", ".join(need.areas) if need.areas else "area not recognised"


def check_golden_thread(document: PlanDocument, sections: SectionMap) -> GoldenThreadReport:
    """Needs in B matched to provision in F and outcomes in E (see the module docstring)."""
    missing = tuple(letter for letter in ("B", "E", "F") if sections.get(letter) is None)
    if "B" in missing:
        return GoldenThreadReport((), missing)
    proper = _proper_nouns(document.text)
    needs_items = _items(document, sections, "B", proper, need_areas=True)
    outcome_items = _items(document, sections, "E", proper)
    provision_items_ = _items(document, sections, "F", proper)
    common = _common_words(needs_items + outcome_items + provision_items_)
    needs: list[Need] = []
    for item in needs_items:
        if not _NEED_CUE.search(item.text):
            continue
        needs.append(Need(
            " ".join(item.text.split()), item.start, item.end, document.page_of(item.start),
            tuple(sorted(item.areas)), tuple(sorted(item.keywords)),
            tuple(o.start for o in provision_items_ if _linked(item, o, common)),
            tuple(o.start for o in outcome_items if _linked(item, o, common)),
        ))
    return GoldenThreadReport(tuple(needs), missing)


def _items(document: PlanDocument, sections: SectionMap, letter: str, proper: set[str],
           *, need_areas: bool = False) -> list[_Item]:
    span = sections.get(letter)
    if span is None:
        return []
    text = document.text
    newline = text.find("\n", span.start, span.end)
    body = span.end if newline == -1 else newline + 1
    items: list[_Item] = []
    area_context: str | None = None
    for start, end in provision_items(text, body, span.end):
        chunk = text[start:end]
        heading_area = _area_heading(chunk)
        if heading_area is not None:
            area_context = heading_area
            continue
        # A table row's area label cell ("Communication and interaction | ...") sets the
        # area but its words are not evidence of a link (every row of that area has them).
        row_area = area_context
        content = chunk
        if "|" in chunk:
            cells = [c.strip() for c in chunk.split("|")]
            labels = [a for a in (_area_heading(c) for c in cells) if a is not None]
            row_area = labels[0] if labels else area_context
            content = " | ".join(c for c in cells if _area_heading(c) is None)
        keywords, areas = _keywords(content)
        if need_areas and not areas and row_area is not None:
            areas = {row_area}
        if len(content.split()) < 4:
            continue
        items.append(_Item(chunk, start, end, frozenset(areas), frozenset(keywords),
                           frozenset(_salient(content, proper))))
    return items


def _area_heading(text: str) -> str | None:
    text = text.strip()
    return next((area for area, pattern in AREA_HEADINGS.items() if pattern.match(text)), None)


def _keywords(text: str) -> tuple[set[str], set[str]]:
    keywords: set[str] = set()
    areas: set[str] = set()
    for match in _KEYWORDS_RE.finditer(text):
        area, keyword = _KEYWORD_LIST[int(str(match.lastgroup)[1:])]
        keywords.add(keyword)
        areas.add(area)
    return keywords, areas


def _salient(text: str, proper: set[str]) -> set[str]:
    words = set()
    for match in _WORD.finditer(text):
        word = match.group(0)
        if len(word) < _MIN_SALIENT or word.lower() in proper:
            continue
        stem = _stem(word)
        if stem in _STOPWORDS or word.lower() in _STOPWORDS:
            continue
        words.add(stem)
    return words


def _proper_nouns(text: str) -> set[str]:
    """Words that only ever appear capitalised (names of people, schools, places)."""
    capitalised: Counter[str] = Counter()
    lower: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word[0].isupper() and not word.isupper():
            capitalised[word.lower()] += 1
        elif word.islower():
            lower.add(word)
    return {w for w in capitalised if w not in lower}


def _common_words(items: list[_Item]) -> set[str]:
    if len(items) < 5:
        return set()
    counts: Counter[str] = Counter()
    for item in items:
        counts.update(item.words)
    return {w for w, n in counts.items() if n / len(items) > _COMMON_SHARE}


def _linked(need: _Item, other: _Item, common: set[str]) -> bool:
    if need.keywords & other.keywords:
        return True
    if len((need.words & other.words) - common) >= 2:
        return True
    if not need.keywords and len(need.words - common) < 2:
        return bool(need.areas & other.areas)
    return False
