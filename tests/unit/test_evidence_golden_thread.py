"""Golden thread: needs in B without provision in F or an outcome in E are reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from qa_audit.evidence.documents import PlanDocument, load_document
from qa_audit.evidence.golden_thread import check_golden_thread
from qa_audit.evidence.sections import find_sections
from tests.unit.test_evidence_documents import (
    NEED_INSTRUCTIONS,
    NEED_NO_OUTCOME,
    NEED_NO_PROVISION,
    NEED_READING,
    STRENGTH,
    write_docx,
    write_pdf,
    write_txt,
)

BUILDERS: dict[str, Callable[[Path], Path]] = {
    "txt-lettered": lambda d: write_txt(d / "plan.txt"),
    "txt-numbered": lambda d: write_txt(d / "plan.txt", "numbered"),
    "docx-lettered": lambda d: write_docx(d / "plan.docx"),
    "docx-table": lambda d: write_docx(d / "plan.docx", "table"),
    "pdf-numbered": lambda d: write_pdf(d / "plan.pdf"),
}


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


@pytest.mark.parametrize("style", list(BUILDERS))
def test_unlinked_needs_are_reported_and_linked_ones_are_not(tmp_path: Path,
                                                              style: str) -> None:
    doc = load_document(BUILDERS[style](tmp_path))
    report = check_golden_thread(doc, find_sections(doc))
    needs = {n.text: n for n in report.needs}
    assert len(needs) == 4
    for text in (NEED_INSTRUCTIONS, NEED_READING, NEED_NO_OUTCOME, NEED_NO_PROVISION):
        assert any(_same(t, text) for t in needs), text
    assert not any(_same(t, STRENGTH) for t in needs), "a strength is not a need"

    assert [n.text for n in report.without_provision] == [" ".join(NEED_NO_PROVISION.split())]
    assert [n.text for n in report.without_outcome] == [" ".join(NEED_NO_OUTCOME.split())]
    reading = next(n for n in report.needs if _same(n.text, NEED_READING))
    assert reading.has_provision and reading.has_outcome
    assert reading.areas == ("cognition and learning",)
    handwriting = report.without_provision[0]
    assert handwriting.areas == ("sensory and/or physical",)
    assert handwriting.page == doc.page_of(handwriting.start)


def test_prompts_name_the_need_and_the_missing_link(tmp_path: Path) -> None:
    doc = load_document(write_txt(tmp_path / "plan.txt"))
    prompts = check_golden_thread(doc, find_sections(doc)).prompts()
    assert [p.kind for p in prompts] == ["no_provision", "no_outcome"]
    assert prompts[0].message.startswith("No provision in F found for this need "
                                         "(sensory and/or physical): “Jamie's fine motor")
    assert prompts[1].message.startswith("No outcome in E found for this need")
    assert prompts[0].need is not None and prompts[0].page == 1


def test_a_missing_section_is_a_prompt_not_a_list_of_false_alarms() -> None:
    text = ("Section B: Special educational needs\nJamie finds reading difficult.\n"
            "Section E: Outcomes\nJamie will read a short book by July.")
    doc = PlanDocument.from_pages([text], "plan.txt")
    report = check_golden_thread(doc, find_sections(doc))
    assert report.missing_sections == ("F",)
    assert report.without_provision == []
    assert report.without_outcome == []
    prompts = report.prompts()
    assert [p.kind for p in prompts] == ["section_missing"]
    assert "Section F was not found" in prompts[0].message


def test_no_section_b_means_no_needs() -> None:
    doc = PlanDocument.from_pages(["Section F: Provision\nReading, daily, with a TA."], "x.txt")
    report = check_golden_thread(doc, find_sections(doc))
    assert report.needs == ()
    assert "B" in report.missing_sections


def test_shared_salient_words_link_needs_outside_the_keyword_lists() -> None:
    text = ("Section B: Special educational needs\n"
            "Jamie struggles with origami folding and kirigami tasks in technology.\n"
            "Section E: Outcomes\n"
            "By July Jamie will complete an origami folding project independently.\n"
            "Section F: Special educational provision\n"
            "Weekly origami folding club, 30 minutes, led by a teaching assistant.\n")
    doc = PlanDocument.from_pages([text], "plan.txt")
    report = check_golden_thread(doc, find_sections(doc))
    assert len(report.needs) == 1
    assert report.without_provision == [] and report.without_outcome == []


def test_the_childs_name_alone_does_not_link() -> None:
    text = ("Section B: Special educational needs\n"
            "Jamie Testcase struggles with origami folding.\n"
            "Section E: Outcomes\nJamie Testcase will swim 25 metres.\n"
            "Section F: Special educational provision\n"
            "Jamie Testcase will have swimming lessons weekly, 30 minutes, with a coach.\n")
    doc = PlanDocument.from_pages([text], "plan.txt")
    report = check_golden_thread(doc, find_sections(doc))
    assert len(report.without_provision) == 1
    assert len(report.without_outcome) == 1


def test_an_area_label_cell_in_a_table_row_is_not_a_link() -> None:
    text = ("Section B: Special educational needs\n"
            "Communication and interaction | Jamie struggles with origami folding in class.\n"
            "Section E: Outcomes\n"
            "Communication and interaction | By July Jamie will swim 25 metres unaided.\n"
            "Section F: Special educational provision\n"
            "Communication and interaction | Swimming lessons, 30 minutes weekly, with a coach.\n")
    doc = PlanDocument.from_pages([text], "plan.txt")
    report = check_golden_thread(doc, find_sections(doc))
    assert len(report.needs) == 1
    assert report.needs[0].areas == ("communication and interaction",)
    assert len(report.without_provision) == 1
    assert len(report.without_outcome) == 1
