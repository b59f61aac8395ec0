"""Sections A-K located by their headings in several council template styles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from qa_audit.evidence.documents import PlanDocument, load_document
from qa_audit.evidence.sections import LETTERS, find_sections, is_heading
from tests.unit.test_evidence_documents import (
    NEED_READING,
    write_docx,
    write_pdf,
    write_txt,
)

STYLES: dict[str, tuple[Callable[[Path], Path], dict[str, int]]] = {
    # style -> (builder, expected start page of some sections)
    "txt-lettered": (lambda d: write_txt(d / "plan.txt"), {"A": 1, "F": 1, "K": 1}),
    "txt-numbered": (lambda d: write_txt(d / "plan.txt", "numbered"), {"A": 2, "F": 5, "K": 6}),
    "docx-lettered": (lambda d: write_docx(d / "plan.docx"), {"A": 1, "F": 1}),
    "docx-table": (lambda d: write_docx(d / "plan.docx", "table"), {"A": 2, "F": 3, "G": 4}),
    "pdf-numbered": (lambda d: write_pdf(d / "plan.pdf"), {"A": 2, "B": 3, "F": 5, "K": 6}),
}


@pytest.mark.parametrize("style", list(STYLES))
def test_every_section_is_found_in_order(tmp_path: Path, style: str) -> None:
    build, pages = STYLES[style]
    doc = load_document(build(tmp_path))
    sections = find_sections(doc)
    assert sections.letters() == list(LETTERS)
    starts = [sections.get(letter).start for letter in LETTERS]  # type: ignore[union-attr]
    assert starts == sorted(starts), "sections out of order (a contents list was taken?)"
    for letter, page in pages.items():
        assert sections.get(letter).page == page, letter  # type: ignore[union-attr]


@pytest.mark.parametrize("style", list(STYLES))
def test_section_text_holds_its_own_content_only(tmp_path: Path, style: str) -> None:
    doc = load_document(STYLES[style][0](tmp_path))
    sections = find_sections(doc)
    f_text = " ".join(sections.text_of("F").split()).lower()
    assert "speech and language therapist" in f_text
    assert "paediatrician" not in f_text  # that is Section G
    assert "decode unfamiliar words" not in f_text  # that is Section B
    b_text = " ".join(sections.text_of("B").split())
    assert " ".join(NEED_READING.split()) in b_text
    assert sections.section_at(doc.text.index("paediatrician")) == "G"


@pytest.mark.parametrize(("heading", "letter"), [
    ("Section A", "A"),
    ("SECTION F:", "F"),
    ("Part F", "F"),
    ("section f - special educational provision", "F"),
    ("F: Special educational provision", "F"),
    ("F - Provision", "F"),
    ("F. Special Educational Provision", "F"),
    ("F | Special educational provision", "F"),
    ("Section A – The views, interests and aspirations of the child and their parents", "A"),
    ("Special educational provision", "F"),
    ("SPECIAL EDUCATIONAL PROVISION", "F"),
    ("6. Special educational provision", "F"),
    ("1. Views and aspirations", "A"),
    ("All about me", "A"),
    ("B: Special Educational Needs (SEN)", "B"),
    ("Health care needs", "C"),
    ("Section D: Social care needs", "D"),
    ("E – Outcomes", "E"),
    ("Health provision", "G"),
    ("H1: Social care provision under s2 CSDPA 1970", "H"),
    ("H2: Any other social care provision", "H"),
    ("Section I: The name and type of school", "I"),
    ("J - Personal budget (including direct payments)", "J"),
    ("  • Section K: Advice and information", "K"),
    ("APPENDICES", "K"),
])
def test_heading_variants(heading: str, letter: str) -> None:
    doc = PlanDocument.from_pages([f"Cover page\n{heading}\nSome text of the section."], "x.txt")
    assert is_heading(heading)
    assert find_sections(doc).letters() == [letter]


@pytest.mark.parametrize("line", [
    "The special educational provision below will be reviewed termly.",
    "See Section F for the provision.",
    "Section F of this plan sets out the support.",
    "Outcomes will be reviewed annually.",
    "A: Jamie will read 20 common words by July.",
    "Health needs are described in the advice, which is attached.",
    "E.g. a visual timetable and a now-and-next board.",
    "Jamie enjoys views of the sea and talking about trains.",
])
def test_sentences_are_not_headings(line: str) -> None:
    doc = PlanDocument.from_pages([f"Cover page\n{line}\nMore text."], "x.txt")
    assert not is_heading(line)
    assert find_sections(doc).letters() == []


def test_letter_alone_with_title_on_the_next_line() -> None:
    doc = PlanDocument.from_pages(["E\nOutcomes\nJamie will read.\nF\nSpecial educational "
                                   "provision\nDaily reading."], "x.txt")
    sections = find_sections(doc)
    assert sections.letters() == ["E", "F"]
    assert sections.text_of("F").startswith("F\nSpecial educational provision")


def test_contents_list_with_page_numbers_is_skipped() -> None:
    contents = "\n".join(["Contents", "Section A  2", "Section B  2", "Section E  3",
                          "Section F  3"])
    plan = ("Section A: Views\nLikes trains.\nSection B: Needs\nReading is hard.\n"
            "Section E: Outcomes\nWill read.\nSection F: Provision\nDaily reading.")
    doc = PlanDocument.from_pages([contents, plan], "x.txt")
    sections = find_sections(doc)
    assert sections.letters() == ["A", "B", "E", "F"]
    assert all(span.page == 2 for span in sections)


def test_manual_override_moves_a_section_start() -> None:
    doc = PlanDocument.from_pages(
        ["Section E: Outcomes\nJamie will read.", "Provision we agreed\nDaily reading, 20 "
         "minutes, with a TA.\nSection G: Health provision\nNone."], "x.txt")
    sections = find_sections(doc)
    assert sections.letters() == ["E", "G"]
    assert "Daily reading" in sections.text_of("E")

    fixed = sections.with_override("F", page=2, offset=0)
    assert fixed.letters() == ["E", "F", "G"]
    span = fixed.get("F")
    assert span is not None
    assert span.manual
    assert span.page == 2
    assert span.heading == "Provision we agreed"
    assert fixed.text_of("F").startswith("Provision we agreed")
    assert "Daily reading" not in fixed.text_of("E")
    assert fixed.section_at(doc.text.index("Daily reading")) == "F"
    assert sections.get("F") is None, "the original map is unchanged"

    offset = doc.pages[1].index("Daily")
    moved = fixed.with_override("F", 2, offset)
    assert moved.get("F").start == doc.page_start(2) + offset  # type: ignore[union-attr]
    assert fixed.without("F").letters() == ["E", "G"]


def test_override_accepts_h1_and_rejects_other_letters() -> None:
    doc = PlanDocument.from_pages(["text one\ntext two"], "x.txt")
    sections = find_sections(doc)
    assert sections.with_override("h1", 1, 0).letters() == ["H"]
    with pytest.raises(ValueError, match="not an EHC plan section"):
        sections.with_override("Z", 1, 0)
