"""Vague wording in provision: every lexicon phrase found, no false hits on specific provision."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from qa_audit.evidence.documents import PlanDocument, load_document
from qa_audit.evidence.sections import find_sections
from qa_audit.evidence.vague_wording import (
    LexiconError,
    WordingReport,
    find_phrases,
    lexicon_from_dict,
    load_lexicon,
    missing_details,
    scan_provision,
)
from qa_audit.paths import bundled
from tests.unit.test_evidence_documents import (
    SPECIFIC_LINES,
    VAGUE_IN_PLAN,
    VAGUE_LINES,
    write_docx,
    write_pdf,
    write_txt,
)

BUILDERS: dict[str, Callable[[Path], Path]] = {
    "txt-lettered": lambda d: write_txt(d / "plan.txt"),
    "docx-table": lambda d: write_docx(d / "plan.docx", "table"),
    "pdf-numbered": lambda d: write_pdf(d / "plan.pdf"),
}

#: Every phrase the issue and RUBRIC-SOURCES.md name (lexicon spelling).
REQUIRED_PHRASES = {
    "access to", "would benefit from", "regular", "up to", "or equivalent",
    "opportunities for", "as appropriate", "as required", "as advised", "as needed",
    "such as", "e.g.", "etc.", "key adult", "small group", "subject to availability",
    "as resources allow", "quality first teaching",
}

# Specific provision: frequency, duration and who (and a group size where a group is named).
SPECIFIC = (
    *SPECIFIC_LINES,
    "Speech and language therapy: 30 minutes, 3 times weekly, delivered by a speech and "
    "language therapist.",
    "Precision teaching of sight words, 10 minutes daily, delivered by a trained teaching "
    "assistant.",
    "Occupational therapy programme for fine motor skills, 20 minutes twice weekly, delivered "
    "by a TA trained by the occupational therapist.",
    "A social skills group of no more than 4 pupils, 30 minutes each week, led by the SENCo.",
    "A small group of up to 4 pupils for maths, 45 minutes 4 times a week, taught by a "
    "qualified teacher.",
    "Jamie will have a 10-minute movement break every lesson, supervised by his teaching "
    "assistant.",
    "Physiotherapy exercises, 15 minutes each morning, delivered by a teaching assistant "
    "trained by the physiotherapist.",
    "Full-time support from a trained teaching assistant throughout the school day, including "
    "break and lunchtime.",
    "The SENCo will review the provision with parents once each term for 1 hour.",
    "A 6-week block of Lego therapy in a small group (max 3), one hour per week, led by an "
    "ELSA.",
    "Short breaks: 6 hours per month with a support worker from the family support service.",
)


def _plan(provision: str, *, before: str = "", after: str = "") -> PlanDocument:
    text = (f"Section B: Special educational needs\n{before}\n"
            f"Section F: Special educational provision\n{provision}\n"
            f"Section I: Placement\n{after}\nOakfield Primary School.")
    return PlanDocument.from_pages([text], "plan.txt")


def _scan(provision: str, **kwargs: str) -> WordingReport:
    doc = _plan(provision, **kwargs)
    return scan_provision(doc, find_sections(doc))


@pytest.mark.parametrize("style", list(BUILDERS))
def test_every_vague_phrase_in_the_plan_is_found_with_its_count(tmp_path: Path,
                                                                 style: str) -> None:
    doc = load_document(BUILDERS[style](tmp_path))
    report = scan_provision(doc, find_sections(doc))
    counts = {(row.phrase, row.section): row.count for row in report.counts()}
    assert counts == {(phrase, "F"): n for phrase, n in VAGUE_IN_PLAN.items()}
    assert report.scanned == ("F", "G", "H")
    for hit in report.hits:
        assert doc.text[hit.start:hit.end] == hit.matched


@pytest.mark.parametrize("style", list(BUILDERS))
def test_specific_provision_in_the_plan_is_not_flagged(tmp_path: Path, style: str) -> None:
    doc = load_document(BUILDERS[style](tmp_path))
    report = scan_provision(doc, find_sections(doc))
    flagged = [" ".join(doc.text[h.start:h.end].split()) for h in report.hits]
    flagged += [line.text for line in report.lines]
    for specific in SPECIFIC_LINES:
        for text in flagged:
            assert specific[:40] not in text, (specific, text)
    vague_starts = {" ".join(v.split())[:30] for v in VAGUE_LINES}
    assert len(report.lines) == len(VAGUE_LINES)
    for line in report.lines:
        assert any(start in line.text for start in vague_starts), line.text


def test_every_lexicon_phrase_and_variant_is_found() -> None:
    lexicon = load_lexicon()
    spellings = [(entry.phrase, s) for entry in lexicon.entries
                 for s in (entry.phrase, *entry.variants)]
    provision = "\n".join(f"Jamie will receive {spelling} help." for _p, spelling in spellings)
    report = _scan(provision)
    found = {(h.phrase, h.matched.casefold()) for h in report.hits}
    for phrase, spelling in spellings:
        assert (phrase, spelling.casefold()) in found, f"{spelling!r} ({phrase}) not found"
    assert len(report.hits) == len(spellings), "a spelling was counted twice"


def test_shipped_lexicon_has_every_named_phrase_and_its_sources() -> None:
    lexicon = load_lexicon()
    phrases = {e.phrase for e in lexicon.entries}
    assert phrases >= REQUIRED_PHRASES
    assert lexicon.sections == ("F", "G", "H")
    for entry in lexicon.entries:
        assert entry.why and entry.fix, entry.phrase
    header = bundled("rubrics", "vague-wording.yaml").read_text(encoding="utf-8")
    for source in ("9.69", "IPSEA", "Devon", "Tribunal"):
        assert source in header


def test_phrases_match_across_line_breaks_and_in_any_case() -> None:
    report = _scan("Jamie WOULD\nBenefit   from ACCESS\nto speech therapy and\nsmall\ngroup work.")
    assert {h.phrase for h in report.hits} == {"would benefit from", "access to", "small group"}


@pytest.mark.parametrize("text", [
    "The room is accessible to wheelchair users, 30 minutes daily, led by a TA.",
    "An irregular verb is taught by the class teacher for 10 minutes daily.",
    "The setup took 10 minutes daily with a TA.",
    "Etched prints are used by the art therapist 30 minutes weekly.",
    "Shoulder exercises, 10 minutes daily, delivered by a physiotherapist.",
    "A considerable amount of praise from the TA, 5 minutes daily.",
])
def test_only_whole_phrases_match(text: str) -> None:
    assert _scan(text).hits == ()


@pytest.mark.parametrize(("text", "phrase"), [
    ("Work in a small group of 4 pupils.", None),
    ("Work in a small group (max 6).", None),
    ("Work in small groups of no more than 3 pupils.", None),
    ("Work in a small group of up to 4.", None),
    ("Work in a small group of up to 4 pupils.", None),
    ("Work in a small group.", "small group"),
    ("Up to 10 hours of support.", "up to"),
    ("Support from a key adult (teaching assistant).", None),
    ("Support from a key adult, a trained TA.", None),
    ("Support from a key adult.", "key adult"),
    ("Taught by his regular class teacher.", None),
    ("Regular support.", "regular"),
])
def test_unless_patterns_make_phrases_specific(text: str, phrase: str | None) -> None:
    report = _scan(text)
    assert [h.phrase for h in report.hits] == ([] if phrase is None else [phrase])


@pytest.mark.parametrize("text", SPECIFIC)
def test_no_false_hits_on_specific_provision(text: str) -> None:
    report = _scan(text)
    assert report.hits == ()
    assert report.lines == (), report.lines[0].missing if report.lines else None


@pytest.mark.parametrize(("text", "missing"), [
    ("Jamie will have speech and language therapy.", ("frequency", "duration", "who delivers")),
    ("Speech and language therapy, 3 times weekly, by a speech and language therapist.",
     ("duration",)),
    ("Speech and language therapy for 30 minutes by a speech and language therapist.",
     ("frequency",)),
    ("Speech and language therapy, 30 minutes 3 times weekly.", ("who delivers",)),
    ("Phonics in a group, 20 minutes daily, with a TA.", ("group size",)),
    ("Phonics in a group of 3, 20 minutes daily, with a TA.", ()),
    ("Phonics 1:1, 20 minutes fortnightly, with an HLTA.", ()),
    ("Reading support for 6 weeks, each morning, with a trained adult.", ()),
    ("An hour per week of maths tuition with a specialist teacher.", ()),
])
def test_missing_details(text: str, missing: tuple[str, ...]) -> None:
    assert missing_details(text) == missing


def test_wrapped_provision_lines_are_checked_as_one_item() -> None:
    report = _scan("Speech and language therapy to develop vocabulary, 30 minutes, 3 times\n"
                   "weekly, delivered by a speech and language\ntherapist.")
    assert report.lines == ()


def test_only_provision_sections_are_scanned() -> None:
    report = _scan("Speech and language therapy, 30 minutes weekly, by a speech and language "
                   "therapist.", before="The EP said Jamie would benefit from access to therapy.",
                   after="Regular transport such as a taxi.")
    assert report.hits == ()


def test_health_and_social_care_provision_are_scanned() -> None:
    text = ("Section F: Special educational provision\nDaily reading, 20 minutes, with a TA.\n"
            "Section G: Health provision\nPhysiotherapy as required.\n"
            "Section H1: Social care provision\nShort breaks subject to availability.\n"
            "Section H2: Other social care provision\nA key adult at home.\n"
            "Section I: Placement\nAccess to a mainstream school.")
    doc = PlanDocument.from_pages([text], "plan.txt")
    report = scan_provision(doc, find_sections(doc))
    assert [(h.phrase, h.section) for h in report.hits] == [
        ("as required", "G"), ("subject to availability", "H"), ("key adult", "H")]
    assert report.for_sections(["G"]).phrases() == {"as required"}
    assert report.count_of("key adult", "H") == 1


def test_whole_document_is_scanned_when_no_provision_section_is_found() -> None:
    doc = PlanDocument.from_pages(["Jamie would benefit from regular support."], "plan.txt")
    report = scan_provision(doc, find_sections(doc))
    assert report.whole_document
    assert {(h.phrase, h.section) for h in report.hits} == {
        ("would benefit from", None), ("regular", None)}


def test_hits_record_their_page() -> None:
    doc = PlanDocument.from_pages(
        ["Section F: Special educational provision\nDaily reading with a TA, 20 minutes.",
         "Continued: regular maths support."], "plan.pdf", "pdf")
    report = scan_provision(doc, find_sections(doc))
    assert [(h.phrase, h.page) for h in report.hits] == [("regular", 2)]


def test_lexicon_errors_are_reported_with_their_entry() -> None:
    with pytest.raises(LexiconError) as caught:
        lexicon_from_dict({"entries": [
            {"phrase": "access to", "why": "x", "fix": "y"},
            {"phrase": "access to", "why": "x", "fix": "y"},
            {"phrase": "small group", "why": "x", "unless": "(unclosed"},
            {"why": "no phrase"},
        ], "sections": ["F", "Z"]})
    details = "\n".join(caught.value.details)
    assert "entries[2] (access to): phrase appears twice" in details
    assert "entries[3] (small group): fix is missing" in details
    assert re.search(r"entries\[3\] \(small group\): unless is not a valid regular", details)
    assert "entries[4]: phrase is missing" in details
    assert "sections: must be a list" in details


def test_a_custom_lexicon_file_can_be_loaded(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("sections: [F]\nentries:\n  - phrase: in due course\n    why: when?\n"
                    "    fix: give a date\n", encoding="utf-8")
    lexicon = load_lexicon(path)
    text = "Section F: Provision\nTherapy will start in due\ncourse."
    doc = PlanDocument.from_pages([text], "plan.txt")
    assert [e.phrase for e, _s, _e in find_phrases(doc.text, lexicon)] == ["in due course"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries: [", encoding="utf-8")
    with pytest.raises(LexiconError, match="not valid YAML"):
        load_lexicon(bad)
