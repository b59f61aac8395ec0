"""Which suggestions go beside which rubric question (``flags_for_question``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_audit.domain.rubric import Question, Rubric
from qa_audit.evidence import (
    PlanAnalysis,
    analyse_plan,
    flags_for_question,
    format_quote,
    load_document,
)
from qa_audit.paths import bundled
from qa_audit.rubrics.loader import load_rubric_file
from tests.unit.test_evidence_documents import VAGUE_IN_PLAN, write_txt


@pytest.fixture
def analysis(tmp_path: Path) -> PlanAnalysis:
    return analyse_plan(load_document(write_txt(tmp_path / "plan.txt")))


@pytest.fixture
def rubric() -> Rubric:
    return load_rubric_file(bundled("rubrics", "multi-agency-ehcp.yaml"))


def test_provision_question_gets_vague_wording_lines_and_unprovided_needs(analysis,
                                                                          rubric) -> None:
    flags = flags_for_question(analysis, rubric.question("provision_education"))
    vague = {f.label: f.count for f in flags if f.kind == "vague_wording"}
    assert vague == VAGUE_IN_PLAN
    assert all(f.section == "F" for f in flags if f.kind != "golden_thread")
    assert sum(f.kind == "missing_detail" for f in flags) == 5
    thread = [f for f in flags if f.kind == "golden_thread"]
    assert len(thread) == 1
    assert "No provision in F" in thread[0].detail
    first = next(f for f in flags if f.label == "access to")
    assert first.fix.startswith("Say what the child will receive")
    assert analysis.document.text[first.start:first.end].lower() == "access to"


def test_golden_thread_question_gets_both_kinds_of_prompt(analysis, rubric) -> None:
    flags = flags_for_question(analysis, rubric.question("golden_thread"))
    assert [f.kind for f in flags] == ["golden_thread", "golden_thread"]
    assert "No provision in F" in flags[0].detail
    assert "No outcome in E" in flags[1].detail


def test_health_provision_question_only_looks_at_section_g(analysis, rubric) -> None:
    assert flags_for_question(analysis, rubric.question("provision_health")) == []


def test_voice_question_gets_nothing(analysis, rubric) -> None:
    voice = next(q for q in rubric.questions() if q.evidence_section == "A")
    assert flags_for_question(analysis, voice) == []


def test_no_document_no_flags(rubric) -> None:
    assert flags_for_question(None, rubric.question("provision_education")) == []


def test_tag_only_provision_question_scans_every_provision_section(analysis) -> None:
    question = Question(id="q", text="Is provision quantified?", tags=("provision",))
    labels = {f.label for f in flags_for_question(analysis, question)
              if f.kind == "vague_wording"}
    assert labels == set(VAGUE_IN_PLAN)


def test_outcomes_question_gets_needs_without_outcomes(analysis) -> None:
    question = Question(id="q", text="Outcomes?", evidence_section="E", tags=("outcomes",))
    flags = flags_for_question(analysis, question)
    assert [f.kind for f in flags] == ["golden_thread"]
    assert "No outcome in E" in flags[0].detail


def test_override_recomputes_everything(analysis) -> None:
    g_start = analysis.sections.get("G")
    assert g_start is not None
    # Pretend F started at G's heading: F's vague wording now falls in E.
    moved = analysis.with_override("F", g_start.page,
                                   g_start.start - analysis.document.page_start(g_start.page))
    assert moved.sections.get("F").manual  # type: ignore[union-attr]
    assert moved.wording.for_sections(["F"]).hits == ()
    assert analysis.wording.for_sections(["F"]).hits != ()


def test_format_quote() -> None:
    assert format_quote("up to  5\nhours", "F", 5) == "“up to 5 hours” (Section F, p. 5)"
    assert format_quote("words", None, None) == "“words”"
    assert format_quote("words", "B", None) == "“words” (Section B)"
