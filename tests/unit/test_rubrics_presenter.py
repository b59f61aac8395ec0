"""The Rubrics page's presenter: rubric text as escaped HTML and the page's lines, no Qt."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

from qa_audit.gui.rubrics import presenter as p
from qa_audit.rubrics.loader import load_rubric_file, shipped_rubric_files
from qa_audit.services.rubric_view import RubricSummary


def test_the_presenter_imports_no_qt() -> None:
    code = ("import sys, qa_audit.gui.rubrics.presenter; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_council_text_is_escaped_everywhere() -> None:
    rubric = load_rubric_file(shipped_rubric_files()[0])
    evil = dataclasses.replace(rubric, title="<script>x</script>", description="a & b\n\nc")
    overview = p.detail_html(evil, 3, "rubric", None)
    assert "<script>" not in overview and "&lt;script&gt;" in overview
    assert "<p>a &amp; b</p><p>c</p>" in overview and "version 3" in overview
    question = rubric.sections[0].questions[0]
    shown = p.detail_html(rubric, 1, "question", question)
    assert shown == p.question_html(rubric, question)
    assert p.problem_html("<b>busy</b>") == "<p style='color:#9b1c1c'>&lt;b&gt;busy&lt;/b&gt;</p>"


def test_summaries_versions_and_bands() -> None:
    rubric = load_rubric_file(shipped_rubric_files()[0])
    questions = sum(len(s.questions) for s in rubric.sections)
    assert p.rubric_summary(rubric).startswith(f"{len(rubric.sections)} sections, {questions} ")
    summary = RubricSummary("r", "Rubric", 3, (1, 2, 3))
    assert p.version_choices(summary) == [("Version 3 (latest)", 3), ("Version 2", 2),
                                          ("Version 1", 1)]
    assert p.list_label(summary) == "Rubric\nr · v3"
    band = rubric.overall.bands[0]
    label, grades, rag, good = p.band_cells(band)
    assert label == band.label and rag == band.rag.capitalize()
    assert good == ("Yes" if band.good else "No")
    assert grades == (str(band.from_) if band.from_ == band.to else f"{band.from_}–{band.to}")
    assert p.target_text(rubric).count("\n") == 1
