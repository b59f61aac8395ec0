"""Scored-audits file parsing and validation (rubric reached through callbacks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest

from qa_audit.errors import UserError
from qa_audit.importing.audits_parse import (
    AuditRow,
    parse_audits,
    peek_audit_file,
)
from qa_audit.importing.audits_rubric import rubric_inputs
from qa_audit.importing.tabular import read_table

# A small rubric: q1 choice (Y good; P, N shortfalls; NA allowed), q2 scale 1-4 (good from 3),
# q3 choice Y/N that applies only to secondary-age plans (year_group >= 7).
CHOICES = {"q1": {"Y": False, "P": True, "N": True}, "q3": {"Y": False, "N": True}}


def validate_answer(qid: str, raw: str, facts: Mapping[str, Any]) -> tuple[Any, str | None]:
    text = raw.strip()
    if qid == "q2":
        if text not in {"1", "2", "3", "4"}:
            return None, "must be 1 to 4"
        return text, None
    codes = {c.casefold(): c for c in CHOICES[qid]}
    if qid == "q1" and text.casefold() == "na":
        return "NA", None
    if text.casefold() not in codes:
        return None, f"must be one of {', '.join(CHOICES[qid])}"
    year_group = facts.get("year_group")
    if qid == "q3" and year_group is not None and year_group < 7:
        return None, "q3 does not apply to this plan"
    return codes[text.casefold()], None


def is_shortfall(qid: str, value: Any) -> bool:
    if qid == "q2":
        return int(value) < 3
    return CHOICES[qid].get(value, False)


PLANS = {"P1": {"year_group": 9}, "P2": {"year_group": 3}, "P3": {}}


def parse(table, **overrides):
    kwargs: dict[str, Any] = {
        "question_ids": {"q1", "q2", "q3"},
        "validate_answer": validate_answer,
        "agency_ids": {"education", "health", "social_care"},
        "theme_ids": {"outcomes", "voice", "health_advice"},
        "grade_range": (1, 4),
        "is_shortfall": is_shortfall,
        "plan_facts": PLANS.get,
        "rubric": "ehcp-qa",
    }
    kwargs.update(overrides)
    return parse_audits(table, **kwargs)


def csv_table(tmp_path: Path, text: str):
    path = tmp_path / "audits.csv"
    path.write_bytes(text.encode())
    return read_table(path)


HEADER = ("session,rubric,plan_ref,auditor,agency,audit_date,overall,q1,q1.note,q1.agency,"
          "q2,q2.agency,q3,themes,strengths,development\n")


def test_valid_rows(tmp_path: Path) -> None:
    text = HEADER + (
        "Oct 2026,ehcp-qa,P1,Jane  Smith,Education,03/10/2026,3,p,Outcomes vague,Health,"
        "2,education,y,outcomes; Voice,Clear voice,Outcomes\n"
        "Oct 2026,,P1,PANEL,,,2,N,,,4,,N,,,\n"
        "Oct 2026,EHCP-QA,P2,Jane Smith,health,2026-10-04,,,,,,,,,,\n"
    )
    parsed = parse(csv_table(tmp_path, text))
    assert parsed.problems == []
    first, panel, third = parsed.rows
    assert first == AuditRow(
        session="Oct 2026", rubric="ehcp-qa", plan_ref="P1", auditor="Jane Smith",
        is_panel=False, agency="education", audit_date=dt.date(2026, 10, 3), overall=3,
        answers={"q1": "P", "q2": "2", "q3": "Y"}, notes={"q1": "Outcomes vague"},
        attributions={"q1": ("health",), "q2": ("education",)}, themes=("outcomes", "voice"),
        strengths="Clear voice", development="Outcomes", row=2,
    )
    assert (panel.auditor, panel.is_panel, panel.overall, panel.agency) == ("panel", True, 2, None)
    assert panel.answers == {"q1": "N", "q2": "4", "q3": "N"}
    assert (third.rubric, third.overall, third.answers, third.themes) == ("ehcp-qa", None, {}, ())
    assert (third.strengths, third.development) == (None, None)
    assert parsed.question_columns == {"q1": "q1", "q2": "q2", "q3": "q3"}


def test_headers_match_case_insensitively(tmp_path: Path) -> None:
    text = "Session,Plan Ref,Auditor,Audit Date,Q1,Q1.Note,Q1.AGENCY,Overall Grade\n" \
           "S1,P1,Ann,03/10/2026,n,note,EDUCATION,1\n"
    parsed = parse(csv_table(tmp_path, text))
    assert parsed.problems == []
    [row] = parsed.rows
    assert (row.answers, row.notes, row.attributions, row.overall) == (
        {"q1": "N"}, {"q1": "note"}, {"q1": ("education",)}, 1)
    assert parsed.header_of["plan_ref"] == "Plan Ref"


def test_unknown_column_is_an_error_naming_it(tmp_path: Path) -> None:
    text = "session,plan_ref,auditor,q1,q4,qq1.note,Comments\nS1,P1,Ann,Y,Y,x,y\n"
    parsed = parse(csv_table(tmp_path, text))
    assert [(p.row, p.column) for p in parsed.problems] == [
        (1, "q4"), (1, "qq1.note"), (1, "Comments")]
    assert all("unknown column" in p.reason for p in parsed.problems)
    assert "did you mean 'q1.note'" in parsed.problems[1].reason
    assert "rubric ehcp-qa" in parsed.problems[0].reason


def test_required_columns(tmp_path: Path) -> None:
    parsed = parse(csv_table(tmp_path, "session,q1\nS1,Y\n"))
    assert [(p.row, p.column) for p in parsed.problems] == [(1, "plan_ref"), (1, "auditor")]
    assert "--map" not in parsed.problems[0].reason
    parsed = parse(csv_table(tmp_path, "plan_ref,auditor\nP1,Ann\n"))
    assert [(p.row, p.column) for p in parsed.problems] == [(1, "session")]
    assert "--session" in parsed.problems[0].reason


def test_default_session(tmp_path: Path) -> None:
    text = "session,plan_ref,auditor\n,P1,Ann\nOct 2026,P2,Ann\nOther,P3,Ann\n"
    parsed = parse(csv_table(tmp_path, text), session="Oct 2026")
    assert [(p.row, p.column) for p in parsed.problems] == [(4, "session")]
    assert "differs from --session" in parsed.problems[0].reason
    assert [(r.session, r.plan_ref) for r in parsed.rows] == [("Oct 2026", "P1"),
                                                              ("Oct 2026", "P2")]
    parsed = parse(csv_table(tmp_path, "plan_ref,auditor\nP1,Ann\n"), session="S9")
    assert parsed.problems == []
    assert parsed.rows[0].session == "S9"


def test_blank_session_without_default(tmp_path: Path) -> None:
    parsed = parse(csv_table(tmp_path, "session,plan_ref,auditor\n,P1,Ann\n"))
    assert [(p.row, p.column) for p in parsed.problems] == [(2, "session")]


def test_bad_cells_all_reported(tmp_path: Path) -> None:
    text = HEADER + (
        "S1,ehcp-qa,P1,Ann,education,03/10/2026,3,Y,,,,,,,,\n"             # 2 ok
        "S1,other-rubric,P9,,army,31/02/2026,5,X,,,7,,Z,outcomes;nonsense;junk,,\n"  # 3
        "\n"                                                                 # 4 blank
        "S1,,P1,ann,,,,,,,,,,,,\n"                                           # 5 dup of 2
        "S1,,P2,Bob,,,,,,,,,Y,,,\n"                                          # 6 q3 not applicable
        "S1,,P1,Cy,,,2.5,Y,,health,3,health,,,,\n"                           # 7 agency on good
        "S1,,P1,Di,,,,,,health,,,,,,\n"                                      # 8 agency, no answer
        "S1,,P1,Ed,,,,N,,martians,,,,,,\n"                                   # 9 unknown agency
    )
    parsed = parse(csv_table(tmp_path, text))
    got = [(p.row, p.column) for p in parsed.problems]
    assert got == [
        (3, "rubric"), (3, "plan_ref"), (3, "auditor"), (3, "agency"), (3, "audit_date"),
        (3, "overall"), (3, "q1"), (3, "q2"), (3, "q3"), (3, "themes"),
        (5, "auditor"),
        (6, "q3"),
        (7, "overall"), (7, "q1.agency"), (7, "q2.agency"),
        (8, "q1.agency"),
        (9, "q1.agency"),
    ]
    reasons = {(p.row, p.column): p.reason for p in parsed.problems}
    assert "one rubric per import file" in reasons[3, "rubric"]
    assert reasons[3, "plan_ref"] == "plan_ref is not in the plan register"
    assert "blank" in reasons[3, "auditor"]
    assert "unknown agency" in reasons[3, "agency"]
    assert "28 days" in reasons[3, "audit_date"]
    assert reasons[3, "overall"] == "overall grade must be a whole number from 1 to 4"
    assert reasons[3, "q1"] == "must be one of Y, P, N"
    assert "'nonsense', 'junk'" in reasons[3, "themes"]
    assert reasons[5, "auditor"] == "same session, plan_ref and auditor as row 2"
    assert reasons[6, "q3"] == "q3 does not apply to this plan"
    assert "not a shortfall" in reasons[7, "q1.agency"]
    assert "not a shortfall" in reasons[7, "q2.agency"]
    assert "is blank" in reasons[8, "q1.agency"]
    assert "unknown agency" in reasons[9, "q1.agency"]
    assert [r.row for r in parsed.rows] == [2]


def test_panel_rows_and_duplicates(tmp_path: Path) -> None:
    text = "session,plan_ref,auditor,overall\nS1,P1,panel,3\nS1,P1,Panel,2\nS2,P1,PANEL,4\n"
    parsed = parse(csv_table(tmp_path, text))
    assert [(p.row, p.column) for p in parsed.problems] == [(3, "auditor")]
    assert [(r.session, r.auditor, r.is_panel) for r in parsed.rows] == [
        ("S1", "panel", True), ("S2", "panel", True)]


def test_answer_validation_uses_empty_facts_for_unknown_plan(tmp_path: Path) -> None:
    seen: list[Mapping[str, Any]] = []

    def spy(qid: str, raw: str, facts: Mapping[str, Any]) -> tuple[Any, str | None]:
        seen.append(facts)
        return validate_answer(qid, raw, facts)

    parsed = parse(csv_table(tmp_path, "session,plan_ref,auditor,q1\nS1,NOPE,Ann,Q\n"),
                   validate_answer=spy)
    assert [(p.column, p.reason) for p in parsed.problems] == [
        ("plan_ref", "plan_ref is not in the plan register"), ("q1", "must be one of Y, P, N")]
    assert seen == [{}]


def test_plan_facts_looked_up_once_per_plan(tmp_path: Path) -> None:
    calls: list[str] = []

    def facts(ref: str) -> Mapping[str, Any] | None:
        calls.append(ref)
        return PLANS.get(ref)

    text = "session,plan_ref,auditor\n" + "".join(f"S1,P1,A{i}\n" for i in range(5))
    parsed = parse(csv_table(tmp_path, text), plan_facts=facts)
    assert parsed.problems == []
    assert calls == ["P1"]


def test_rubric_taken_from_file_when_not_given(tmp_path: Path) -> None:
    text = "session,rubric,plan_ref,auditor\nS1,r1,P1,Ann\nS1,,P2,Ann\nS1,r2,P3,Ann\n"
    parsed = parse(csv_table(tmp_path, text), rubric=None)
    assert [(p.row, p.column) for p in parsed.problems] == [(4, "rubric")]
    assert [r.rubric for r in parsed.rows] == ["r1", "r1"]


def test_peek_audit_file(tmp_path: Path) -> None:
    text = ("Session,Rubric,plan_ref,auditor\n"
            "Oct 2026,ehcp-qa,P1,A\n,,P2,B\nNov  2026,ehcp-qa,P3,C\n")
    preview = peek_audit_file(csv_table(tmp_path, text))
    assert preview.sessions == ("Oct 2026", "Nov 2026")
    assert preview.rubrics == ("ehcp-qa",)
    assert preview.has_session_column
    assert preview.has_rubric_column
    preview = peek_audit_file(csv_table(tmp_path, "plan_ref,auditor\nP1,A\n"))
    assert (preview.sessions, preview.rubrics, preview.has_session_column) == ((), (), False)


def test_xlsx_audit_file(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["session", "plan_ref", "auditor", "audit_date", "overall", "q2", "q2.agency"])
    ws.append(["S1", "P1", "Ann", dt.date(2026, 10, 3), 4, 1, "health"])
    ws.append([])
    ws.append(["S1", "P2", "Ann", dt.datetime(2026, 10, 3), 2.0, 5, None])
    path = tmp_path / "audits.xlsx"
    wb.save(path)
    parsed = parse(read_table(path))
    assert [(p.row, p.column, p.reason) for p in parsed.problems] == [(4, "q2", "must be 1 to 4")]
    [row] = parsed.rows
    assert (row.audit_date, row.overall, row.answers, row.attributions) == (
        dt.date(2026, 10, 3), 4, {"q2": "1"}, {"q2": ("health",)})


def test_theme_separators_and_repeats(tmp_path: Path) -> None:
    text = 'session,plan_ref,auditor,themes\nS1,P1,Ann,"VOICE;outcomes, voice\nhealth_advice"\n'
    parsed = parse(csv_table(tmp_path, text))
    assert parsed.problems == []
    assert parsed.rows[0].themes == ("voice", "outcomes", "health_advice")


# -------------------------------------------------------------- rubric adapter


def fake_rubric() -> SimpleNamespace:
    def question(qid: str, codes: dict[str, bool], applies_to=lambda facts: True):
        def normalise_answer(raw: str) -> str | None:
            return {c.casefold(): c for c in codes}.get(raw.strip().casefold())

        return SimpleNamespace(
            id=qid, applies_when="year_group >= 7" if qid == "b" else None,
            normalise_answer=normalise_answer, valid_answers=lambda: list(codes),
            applies_to=applies_to, is_shortfall=lambda value: codes[value],
        )

    questions = [
        question("a", {"Y": False, "N": True}),
        question("b", {"Y": False, "N": True},
                 applies_to=lambda facts: facts.get("year_group", 99) >= 7),
    ]
    return SimpleNamespace(
        id="mini", questions=lambda: iter(questions),
        agencies=[SimpleNamespace(id="education")], themes=[SimpleNamespace(id="voice")],
        overall=SimpleNamespace(min=1, max=4),
    )


def test_rubric_inputs_adapter(tmp_path: Path) -> None:
    inputs = rubric_inputs(fake_rubric())
    assert inputs["grade_range"] == (1, 4)
    assert inputs["rubric"] == "mini"
    text = ("session,plan_ref,auditor,a,a.agency,b,themes\n"
            "S1,P1,Ann,n,education,y,voice\nS1,P2,Ann,x,,y,\n")
    parsed = parse_audits(csv_table(tmp_path, text), plan_facts=PLANS.get, **inputs)
    assert [(p.row, p.column, p.reason) for p in parsed.problems] == [
        (3, "a", "not a valid answer to a (use Y, N)"),
        (3, "b", "b does not apply to this plan (year_group >= 7)"),
    ]
    [row] = parsed.rows
    assert (row.answers, row.attributions, row.themes) == (
        {"a": "N", "b": "Y"}, {"a": ("education",)}, ("voice",))


def test_rubric_inputs_needs_questions() -> None:
    empty = SimpleNamespace(id="e", questions=lambda: iter(()), agencies=[], themes=[],
                            overall=SimpleNamespace(min=1, max=4))
    with pytest.raises(UserError, match="no questions"):
        rubric_inputs(empty)
