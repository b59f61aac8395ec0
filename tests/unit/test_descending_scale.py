"""Grades numbered either way: a 1-4 scale where 1 is Outstanding works in every figure.

Data: ``tests/descending_scale.py`` (the session is described there). Expected
figures worked out by hand:

* June agreed grades P1 1, P2 2, P3 3, P4 1, P5 4; good = grades 1-2 (Outstanding,
  Good): P1, P2, P4 = 3 of 5 = 60.0%; target 75, more than 10 below: red.
* Distribution worst to best: 4: 1, 3: 1, 2: 1, 1: 2.
* Exemplars = the best band (Outstanding, grade 1): P1 and P4.
* Alice - agreed: P1 0, P2 +1, P3 +1, P4 +1 = +0.75 a plan: higher numbers are
  worse grades, so Alice is *more severe*; Bob: 0, -1, -1, 0 = -0.5: *more generous*.
* March: P6 3, P7 2 = 50% good; June 60%: +10.0 points, better.
* April: 2, 2, 2, 3, 3 = 60% good, like June, but mean 2.4 against June's 2.2:
  June's grades fell, so June is better.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import statistics
import subprocess
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from qa_audit.domain.agreement import agreement_stats
from qa_audit.domain.rubric import Rubric
from qa_audit.reporting.key_issues import KeyIssuesFigures, key_issues
from qa_audit.reporting.pdf_parts import RAG
from qa_audit.reporting.render import ReportMeta, generate
from qa_audit.reporting.themes import themes
from qa_audit.rubrics.loader import load_rubric_text
from tests import descending_scale as ds

TODAY = dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return ds.ofsted()


@pytest.fixture(scope="module")
def figures(rubric: Rubric) -> KeyIssuesFigures:
    return key_issues(ds.june(rubric), rubric, previous=ds.march(rubric), today=TODAY)


def test_the_rubric_knows_which_end_is_best(rubric: Rubric) -> None:
    assert rubric.best_is_low and rubric.best_grade == 1
    assert rubric.best_band().label == "Outstanding" and rubric.best_band().rag == "blue"
    assert rubric.grade_order() == [4, 3, 2, 1]
    assert rubric.scale_text() == "1-4 (1 = best)" and rubric.good_text() == "1-2"
    assert rubric.steps_from_best(1) == 0 and rubric.steps_from_best(4) == 3
    assert rubric.generosity(0.75) == -0.75  # a higher number is a worse grade
    assert rubric.compare_grades(2.2, 2.4) == "better"
    assert rubric.compare_grades(2.4, 2.2) == "worse"
    assert rubric.compare_grades(2, 2) == "the same"


def test_an_ascending_scale_is_unchanged() -> None:
    up = ds.not_judged()
    assert up.scale_text() == "0-4 (4 = best)" and up.good_text() == "3-4"
    assert up.grade_order() == [0, 1, 2, 3, 4]
    assert up.generosity(0.75) == 0.75
    assert up.compare_grades(3, 2) == "better"
    assert up.band_for(0).rag == "grey" and not up.is_good(0)


def test_percent_good_counts_the_low_grades(figures: KeyIssuesFigures) -> None:
    assert (figures.plans_moderated, figures.plans_good, figures.percent_good) == (5, 3, 60.0)
    # 60% is red against the target, but 5 plans are too few for a colour (wording.py)
    assert figures.rag == "grey"


def test_grade_distribution_runs_worst_to_best(figures: KeyIssuesFigures) -> None:
    assert [(g.grade, g.count, g.band, g.rag) for g in figures.grades] == [
        (4, 1, "Inadequate", "red"), (3, 1, "Requires improvement", "amber"),
        (2, 1, "Good", "green"), (1, 2, "Outstanding", "blue")]
    assert list(figures.to_json()["grade_distribution"].items()) == [
        ("4", 1), ("3", 1), ("2", 1), ("1", 2)]
    sheet = figures.tables()["Grades"]
    assert [(r["grade"], r["colour"]) for r in sheet] == [
        (4, "red"), (3, "amber"), (2, "green"), (1, "blue")]


def test_exemplars_are_the_grade_one_plans(figures: KeyIssuesFigures) -> None:
    assert [(e.plan_ref, e.grade, e.band) for e in figures.exemplars] == [
        ("P1", 1, "Outstanding"), ("P4", 1, "Outstanding")]
    assert figures.exemplars[0].text == "Exceptional co-production."


def test_member_drift_direction_follows_the_scale(figures: KeyIssuesFigures) -> None:
    members = {m.auditor: m for m in figures.members}
    assert members["Alice"].mean_difference_from_agreed == 0.75
    assert members["Alice"].tendency == "more severe than the panel"
    assert members["Bob"].mean_difference_from_agreed == -0.5
    assert members["Bob"].tendency == "more generous than the panel"


def test_previous_session_comparison_says_better_when_grades_fall(
        rubric: Rubric, figures: KeyIssuesFigures) -> None:
    assert figures.previous is not None
    assert (figures.previous.change_points, figures.previous.verdict) == (10.0, "better")
    june, april = ds.june(rubric), ds.april(rubric)
    tie = key_issues(june, rubric, previous=april, today=TODAY).previous
    assert tie is not None and (tie.change_points, tie.verdict) == (0.0, "better")
    back = key_issues(april, rubric, previous=june, today=TODAY).previous
    assert back is not None and back.verdict == "worse"
    assert figures.to_json()["previous_session"]["verdict"] == "better"


def test_agreement_is_the_same_on_the_mirrored_scale(rubric: Rubric) -> None:
    june = ds.june(rubric)
    grades: dict[str, dict[str, int | None]] = {}
    for a in june.member_audits():
        grades.setdefault(a.plan_ref, {})[a.auditor] = a.overall
    agreed = {ref: a.overall for ref, a in
              ((a.plan_ref, a) for a in june.audits if a.is_panel) if a.overall is not None}
    mirror = {p: {who: None if g is None else 5 - g for who, g in row.items()}
              for p, row in grades.items()}
    one = agreement_stats(grades, agreed, (1, 4))
    other = agreement_stats(mirror, {p: 5 - g for p, g in agreed.items()}, (1, 4))
    assert one.krippendorff_alpha_ordinal == other.krippendorff_alpha_ordinal
    assert (one.exact, one.within_one, one.pairs) == (1, 2, 4)
    assert (one.exact, one.within_one) == (other.exact, other.within_one)


def test_themes_report_lists_grade_one_exemplars_first(rubric: Rubric) -> None:
    up = ds.not_judged()
    # the same grades read on an ascending 0-4 scale, where 4 (P5) is best
    other = dataclasses.replace(ds.june(up), name="Ascending", rubric_id=up.id)
    found = themes([ds.june(rubric), other], {(rubric.id, 1): rubric, (up.id, 1): up},
                   "2026-06", "2026-06")
    assert [(e.session, e.plan_ref, e.grade) for e in found.exemplars] == [
        ("Ascending", "P5", 4), (ds.JUNE, "P1", 1), (ds.JUNE, "P4", 1)]


def test_pdf_and_workbook_show_grades_worst_to_best(
        tmp_path: Path, figures: KeyIssuesFigures) -> None:
    meta = ReportMeta("test.db", "0" * 64, dt.datetime(2026, 6, 30, 9, 0))
    out = generate("key-issues", figures, tmp_path / "k.pdf", tmp_path / "k.xlsx",
                   tmp_path / "k.json", meta=meta)
    text = subprocess.run(["pdftotext", "-layout", str(out.pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    legend = [text.index(f"■ {label}") for label in
              ("Inadequate", "Requires", "Good", "Outstanding")]
    assert legend == sorted(legend)
    assert "best band (Outstanding)" in text
    assert "more severe than the panel" in text
    assert ": better." in " ".join(text.split("Previous session", 1)[1][:300].split())
    book = openpyxl.load_workbook(tmp_path / "k.xlsx", read_only=True)
    rows = list(book["Grades"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [4, 3, 2, 1]
    data = json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))
    assert list(data["grade_distribution"]) == ["4", "3", "2", "1"]
    schema = json.loads((Path(__file__).resolve().parents[1] / "schemas" /
                         "key-issues.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_reports_have_a_colour_for_every_band_colour() -> None:
    from qa_audit.domain.rubric import RAG_VALUES

    assert set(RAG_VALUES) <= set(RAG)
    assert RAG["blue"] != RAG["green"] and RAG["grey"] not in (RAG["red"], RAG["blue"])


def test_demo_gives_good_plans_low_numbers_on_a_scale_where_one_is_best(rubric: Rubric) -> None:
    from qa_audit.services.demo import _Scorer

    scorer = _Scorer(rubric, random.Random(7))
    good = [scorer.grade(0.95, 0.0) for _ in range(40)]
    poor = [scorer.grade(0.10, 0.0) for _ in range(40)]
    assert statistics.mean(good) < 1.5 and statistics.mean(poor) > 3.5
    assert all(rubric.is_good(g) for g in good)


def test_a_not_judged_band_is_never_the_best_and_comes_first() -> None:
    low = load_rubric_text(ds.NOT_JUDGED_LOW_YAML, "not-judged-low.yaml")
    assert low.best_grade == 1 and low.best_band().label == "Outstanding"
    assert low.grade_order() == [0, 4, 3, 2, 1]  # not judged, then worst to best
    assert [b.label for b in low.bands_worst_first()] == [
        "Not judged", "Inadequate", "Requires improvement", "Good", "Outstanding"]
    assert low.scale_text() == "0-4 (1 = best)"
    up = ds.not_judged()
    assert up.best_grade == 4 and up.grade_order() == [0, 1, 2, 3, 4]
    june = ds.june(low)
    june = dataclasses.replace(june, audits=(*june.audits, ds.audit(ds.JUNE, "P9", "panel", 0)))
    figures = key_issues(june, low, today=TODAY)
    assert [e.plan_ref for e in figures.exemplars] == ["P1", "P4"]  # grade 1, not 0
    # now 3 good (P1, P2, P4) of 6 = 50%, as a panel that agreed 1 and 3: a tie. Judged
    # grades only, June's mean is 2.2 against 2.0: worse (P9's 0 would have made it 1.83)
    then = dataclasses.replace(ds.march(low), audits=(ds.audit(ds.MARCH, "P6", "panel", 1),
                                                      ds.audit(ds.MARCH, "P7", "panel", 3)))
    previous = key_issues(june, low, previous=then, today=TODAY).previous
    assert previous is not None and previous.change_points == 0.0
    assert previous.verdict == "worse"
    assert [g.grade for g in figures.grades] == [0, 4, 3, 2, 1]
    assert {m.auditor: m.tendency for m in figures.members}["Alice"] == \
        "more severe than the panel"
