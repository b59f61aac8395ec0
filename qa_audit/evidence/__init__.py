"""Evidence from the plan itself: text, sections, vague wording, the golden thread.

Qt-free. The GUI's plan pane (``qa_audit.gui.evidence``) shows what this package
computes; the scoring page asks :func:`flags_for_question` for the suggestions
that belong beside one rubric question.

    document = load_document(path)          # PlanDocument (no path kept)
    analysis = analyse_plan(document)       # sections + wording + golden thread
    flags = flags_for_question(analysis, question)

Everything here is a suggestion for the auditor, never an answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal, Protocol

from qa_audit.evidence.documents import (
    DocumentError,
    PlanDocument,
    kind_of,
    load_document,
)
from qa_audit.evidence.golden_thread import GoldenThreadReport, check_golden_thread
from qa_audit.evidence.sections import LETTERS, TITLES, SectionMap, SectionSpan, find_sections
from qa_audit.evidence.vague_wording import (
    Lexicon,
    LexiconError,
    WordingReport,
    load_lexicon,
    scan_provision,
)

__all__ = [
    "LETTERS",
    "PROVISION_SECTIONS",
    "TITLES",
    "DocumentError",
    "EvidenceFlag",
    "FlagKind",
    "LexiconError",
    "PlanAnalysis",
    "PlanDocument",
    "SectionMap",
    "SectionSpan",
    "analyse_plan",
    "flags_for_question",
    "format_quote",
    "kind_of",
    "load_document",
    "load_lexicon",
]

PROVISION_SECTIONS = ("F", "G", "H")

FlagKind = Literal["vague_wording", "missing_detail", "golden_thread"]


class QuestionLike(Protocol):
    """What :func:`flags_for_question` reads from a rubric question."""

    id: str
    tags: tuple[str, ...]
    evidence_section: str | None


@dataclass(frozen=True)
class EvidenceFlag:
    """One suggestion to show beside a question (and to jump to in the pane).

    ``label`` is the phrase or the line concerned, ``detail`` why it was flagged,
    ``fix`` a suggested fix, ``count`` how many times it occurs (vague phrases),
    ``start``/``end`` its first occurrence in the document text.
    """

    kind: FlagKind
    section: str | None
    label: str
    detail: str
    fix: str
    count: int = 1
    page: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class PlanAnalysis:
    """The sections of one document and what was found in them."""

    document: PlanDocument
    sections: SectionMap
    wording: WordingReport
    thread: GoldenThreadReport
    lexicon: Lexicon

    def with_override(self, letter: str, page: int, offset: int = 0) -> PlanAnalysis:
        """Everything recomputed with one section's start set by hand."""
        return self.with_sections(self.sections.with_override(letter, page, offset))

    def with_sections(self, sections: SectionMap) -> PlanAnalysis:
        return replace(
            self,
            sections=sections,
            wording=scan_provision(self.document, sections, self.lexicon),
            thread=check_golden_thread(self.document, sections),
        )

    def section_at(self, offset: int) -> str | None:
        return self.sections.section_at(offset)

    def wording_flags(self, letters: Iterable[str] | None = None) -> list[EvidenceFlag]:
        """Vague phrases (one flag per phrase and section, with its count), then lines."""
        report = self.wording if letters is None else self.wording.for_sections(letters)
        flags = [
            EvidenceFlag("vague_wording", row.section, row.phrase, row.entry.why,
                         row.entry.fix, row.count, row.hits[0].page, row.hits[0].start,
                         row.hits[0].end)
            for row in report.counts()
        ]
        flags.extend(
            EvidenceFlag("missing_detail", line.section, line.text,
                         "No " + ", no ".join(line.missing) + " stated.",
                         line.fix[:1].upper() + line.fix[1:] + ".", 1, line.page,
                         line.start, line.end)
            for line in report.lines
        )
        return flags

    def thread_flags(self, *, provision: bool = True, outcomes: bool = True) -> list[EvidenceFlag]:
        kinds: list[Literal["section_missing", "no_provision", "no_outcome"]] = [
            "section_missing"]
        if provision:
            kinds.append("no_provision")
        if outcomes:
            kinds.append("no_outcome")
        flags = []
        for prompt in self.thread.prompts(kinds):
            need = prompt.need
            fix = {
                "no_provision": "Check Section F for provision that meets this need.",
                "no_outcome": "Check Section E for an outcome about this need.",
                "section_missing": "Use \u201cSet section start here\u201d in the plan pane.",
            }[prompt.kind]
            flags.append(EvidenceFlag(
                "golden_thread", "B" if need is not None else prompt.section,
                need.summary() if need is not None else f"Section {prompt.section}",
                prompt.message, fix, 1, prompt.page,
                None if need is None else need.start, None if need is None else need.end))
        return flags


def format_quote(text: str, section: str | None, page: int | None) -> str:
    """An evidence note from a quote: ``“words” (Section F, p. 5)``.

    The note is stored as the answer's evidence; reports only use it after the
    redaction rules (``qa_audit.reporting.redaction``) have masked personal data.
    """
    where = ", ".join(part for part in (f"Section {section}" if section else "",
                                        f"p. {page}" if page else "") if part)
    quote = f"\u201c{' '.join(text.split())}\u201d"
    return f"{quote} ({where})" if where else quote


def analyse_plan(document: PlanDocument, lexicon: Lexicon | None = None,
                 sections: SectionMap | None = None) -> PlanAnalysis:
    """Find the sections (unless given), scan provision, check the golden thread."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    sections = sections if sections is not None else find_sections(document)
    return PlanAnalysis(document, sections, scan_provision(document, sections, lexicon),
                        check_golden_thread(document, sections), lexicon)


def flags_for_question(analysis: PlanAnalysis | None,
                       question: QuestionLike) -> list[EvidenceFlag]:
    """The suggestions that belong beside one rubric question (empty without a document).

    * A provision question (``evidence_section`` F, G or H; or tagged ``provision``
      with no section): vague phrases and lines missing detail in that section (all
      provision sections when it names none). For F also needs with no provision.
    * A golden-thread question (tagged ``needs`` and ``provision`` or ``outcomes``),
      or a needs question about Section B: needs with no provision / no outcome.
    * An outcomes question (tagged ``outcomes`` or about E) that is not one of
      those: needs with no outcome.
    """
    if analysis is None:
        return []
    section = (question.evidence_section or "").strip().upper() or None
    section = "H" if section in ("H1", "H2") else section
    tags = set(question.tags or ())
    flags: list[EvidenceFlag] = []
    provision_question = section in PROVISION_SECTIONS or (section is None and "provision" in tags)
    thread_question = "needs" in tags and bool(tags & {"provision", "outcomes"})
    needs_b = section == "B" and "needs" in tags
    if provision_question:
        flags.extend(analysis.wording_flags([section] if section else PROVISION_SECTIONS))
        if section in (None, "F") and not thread_question:
            flags.extend(analysis.thread_flags(provision=True, outcomes=False))
    if thread_question or needs_b:
        flags.extend(analysis.thread_flags(provision=True, outcomes=True))
    elif not provision_question and (section == "E" or "outcomes" in tags):
        flags.extend(analysis.thread_flags(provision=False, outcomes=True))
    return flags
