"""The plan document pane's decisions, without Qt: the name line, the section list,
the flags grouped for a question, golden-thread prompts, search and its label, and
the positions Qt counts in UTF-16 units. The pane itself: ``tests/gui/test_plan_pane.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_audit.domain.rubric import Rubric
from qa_audit.evidence import PlanAnalysis, PlanDocument, analyse_plan, load_document
from qa_audit.gui.evidence import pane_presenter as present
from qa_audit.paths import bundled
from qa_audit.rubrics.loader import load_rubric_file
from tests.unit.test_evidence_documents import VAGUE_IN_PLAN, write_txt


@pytest.fixture
def analysis(tmp_path: Path) -> PlanAnalysis:
    return analyse_plan(load_document(write_txt(tmp_path / "plan.txt")))


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric_file(bundled("rubrics", "multi-agency-ehcp.yaml"))


def test_document_label_escapes_the_name_and_counts_pages() -> None:
    pdf = PlanDocument.from_pages(["one", "two"], "a<b>&c.pdf", "pdf")
    assert present.document_label(pdf) == "<b>a&lt;b&gt;&amp;c.pdf</b> · 2 pages"
    word = PlanDocument.from_pages(["one", "two"], "plan.docx", "docx")
    assert present.document_label(word).endswith("2 pages (approx.)")
    one = PlanDocument.from_pages(["one"], "plan.txt", "text")
    assert present.document_label(one).endswith("1 page")


def test_sections_listed_with_titles_and_pages(analysis: PlanAnalysis) -> None:
    items = present.section_items(analysis)
    assert [i.letter for i in items] == analysis.sections.letters()
    first = items[0]
    assert first.text.startswith(f"{first.letter} – ") and "(p. " in first.text
    assert present.section_placeholder(analysis) == "Go to section…"
    assert present.section_items(None) == []
    blank = analyse_plan(PlanDocument.from_pages(["nothing here"], "x.txt"))
    assert present.section_placeholder(blank) == "No section headings found"


def test_flags_for_a_provision_question_grouped_with_their_hits(analysis: PlanAnalysis,
                                                                rubric: Rubric) -> None:
    view = present.flags_view(analysis, rubric.question("provision_education"))
    assert view.note.startswith("<b>Suggestions only - you decide the answer.</b>")
    assert "for this question" in view.note
    vague, lines, thread = view.groups
    assert vague.title == f"Vague wording ({sum(VAGUE_IN_PLAN.values())})"
    assert {r.columns[0]: int(r.columns[1]) for r in vague.rows} == VAGUE_IN_PLAN
    access = next(r for r in vague.rows if r.columns[0] == "access to")
    assert len(access.children) == VAGUE_IN_PLAN["access to"]
    assert access.children[0].columns[0].startswith("p. ")
    assert access.phrase == "access to"
    assert lines.title == "Provision lines missing detail (5)"
    assert all(r.columns[1] == "" and r.phrase is None for r in lines.rows)
    assert thread.title.startswith("Golden thread prompts")


def test_all_flags_without_a_question_and_none_for_an_empty_document(
        analysis: PlanAnalysis) -> None:
    assert "in the provision sections" in present.flags_view(analysis, None).note
    scanned = analyse_plan(PlanDocument.from_pages(["", ""], "scan.pdf", "pdf"))
    view = present.flags_view(scanned, None)
    assert view.note == present.NO_TEXT_NOTE and view.groups == ()


def test_thread_prompts_point_at_their_need(analysis: PlanAnalysis) -> None:
    items, prompts = present.thread_items(analysis)
    assert prompts and len(items) == len(analysis.thread.prompts())
    assert all(i.start is not None for i in items)
    blank = analyse_plan(PlanDocument.from_pages(["nothing here"], "x.txt"))
    items, prompts = present.thread_items(blank)
    assert prompts and items[0].text.startswith("Section B was not found")
    assert items[0].start is None  # a message: nothing to jump to


def test_search_ignores_case_and_spacing() -> None:
    text = "Access to\nspeech and ACCESS  TO therapy"
    matches = present.find_matches(text, "access to")
    assert matches == [(0, 9), (21, 31)]
    assert present.find_matches(text, "   ") == []


def test_next_match_steps_from_the_selection() -> None:
    matches = [(0, 5), (10, 15), (20, 25)]
    assert present.next_match(matches, -1, (7, 7), forward=True) == 1
    assert present.next_match(matches, -1, (7, 7), forward=False) == 0
    assert present.next_match(matches, 1, (10, 15), forward=True) == 2
    assert present.next_match(matches, 2, (20, 25), forward=True) == 0  # wraps
    assert present.next_match(matches, 0, (0, 5), forward=False) == 2


def test_match_label() -> None:
    assert present.match_label("", 3, 1) == ""
    assert present.match_label("x", 0, -1) == "No matches"
    assert present.match_label("x", 7, -1) == "7 matches"
    assert present.match_label("x", 7, 2) == "3 of 7"


def test_quote_text_and_status() -> None:
    assert present.clean_quote("one\u2029two\u2028 three   four") == "one two three four"
    assert present.quoted_status(4, "F", 3) == "Quoted 4 words from Section F, p. 3."
    assert present.quoted_status(2, None, None) == "Quoted 2 words."


def test_positions_count_astral_characters_twice() -> None:
    positions = present.Positions("a😀b😀c")
    assert [positions.to_qt(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert [positions.from_qt(p) for p in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
