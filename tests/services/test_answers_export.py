"""The analysts' export (issue 18 item 5) on a tiny database, rows worked by hand
(``tests/answers_data.py``): the XLSX read back with openpyxl, the CSV with csv."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import openpyxl
import pytest

from qa_audit.errors import UserError
from qa_audit.reporting import answers_table
from qa_audit.services import answers_export, redaction_terms
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests import answers_data
from tests.answers_data import CASEWORKER, EXPECTED, MEMBER

D = dt.date


@pytest.fixture
def stored(db: Database, actor: Actor, tmp_path: Path) -> Database:
    return answers_data.build(db, actor, tmp_path)


def _key(r: answers_export.AnswerRow) -> tuple[object, ...]:
    return (r.session, r.plan_ref, r.service, r.question_id, r.value, r.value_label,
            r.shortfall, r.agencies, r.overall, r.band)


def test_one_record_per_agreed_answer_in_the_period(stored: Database) -> None:
    rows = answers_export.agreed_answers(stored, "2026-10", "2026-11")
    # Sep panel is outside the period; P2 has a member's row only; Ann's row on P1 is not
    # the agreed one; the two returns of P3 come apart, each with its service and date
    assert [_key(r) for r in rows] == EXPECTED
    first, salt = rows[0], rows[3]
    assert (first.session_date, first.rubric_id, first.rubric_version, first.section) == \
        (D(2026, 11, 10), "tiny", 1, "Provision")
    assert (first.plan.team, first.plan.year_group, first.plan.primary_need,
            first.plan.request_date, first.plan.custom) == \
        ("North", 10, "ASD", D(2026, 1, 10), {"looked_after": "yes"})
    assert first.question == "Is provision quantified?"
    assert (salt.requested_date, salt.session_date) == (D(2026, 2, 10), D(2026, 11, 20))


def test_the_period_and_the_rubric_filter(stored: Database) -> None:
    assert [(r.session, r.question_id, r.value) for r in
            answers_export.agreed_answers(stored, "2026-09", "2026-09")] == [
        ("Sep panel", "quantified", "N"), ("Sep panel", "health_provision", "N"),
        ("Sep panel", "aspirations", "no_")]
    only = answers_export.agreed_answers(stored, "2026-09", "2026-11",
                                         rubric_id="dco-health-advice")
    assert {r.session for r in only} == {"DCO Nov"} and len(only) == 2
    with pytest.raises(UserError, match="--from 2026-12 is after --to 2026-11"):
        answers_export.agreed_answers(stored, "2026-12", "2026-11")
    with pytest.raises(UserError):
        answers_export.agreed_answers(stored, "2026-10", "2026-11", rubric_id="nope")


def test_xlsx_read_back(stored: Database, tmp_path: Path) -> None:
    rows = answers_export.agreed_answers(stored, "2026-10", "2026-11")
    out = answers_table.write_answers(rows, tmp_path / "answers.xlsx")
    sheet = openpyxl.load_workbook(out).active
    assert sheet.freeze_panes == "A2"
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    head, body = table[0], table[1:]
    assert head == [*answers_table.COLUMNS, "looked_after"]
    assert "caseworker" not in head
    got = [dict(zip(head, r, strict=True)) for r in body]
    assert len(got) == 5
    p1 = got[0]
    assert (p1["session"], p1["plan_ref"], p1["team"], p1["year_group"], p1["question_id"],
            p1["value"], p1["value_label"], p1["shortfall"], p1["agencies"],
            p1["overall_grade"], p1["overall_band"], p1["looked_after"]) == \
        ("Nov panel", "P1", "North", 10, "quantified", "P", "Partly", "yes",
         "health;sen_casework", 6, "Good", "yes")
    # dates are Excel dates, not text
    assert p1["session_date"] == dt.datetime(2026, 11, 10)
    assert p1["request_date"] == dt.datetime(2026, 1, 10)
    assert sheet["B2"].number_format.lower() == "yyyy-mm-dd"
    na = got[1]
    assert (na["value"], na["value_label"], na["shortfall"], na["agencies"]) == \
        ("NA", "Not applicable", "no", None)
    paed = got[4]
    assert (paed["advice_service"], paed["advice_requested"], paed["agencies"]) == \
        ("paediatrics", dt.datetime(2026, 2, 12), "paediatrics")
    assert sheet.column_dimensions["S"].width > 10  # the question column is widened


def test_csv_read_back_with_a_bom_and_iso_dates(stored: Database, tmp_path: Path) -> None:
    rows = answers_export.agreed_answers(stored, "2026-10", "2026-11")
    out = answers_table.write_answers(rows, tmp_path / "answers.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as f:
        got = list(csv.DictReader(f))
    assert [(r["session"], r["plan_ref"], r["advice_service"], r["question_id"], r["value"],
             r["shortfall"], r["agencies"]) for r in got] == [
        ("Nov panel", "P1", "", "quantified", "P", "yes", "health;sen_casework"),
        ("Nov panel", "P1", "", "health_provision", "NA", "no", ""),
        ("Nov panel", "P1", "", "aspirations", "yes_", "no", ""),
        ("DCO Nov", "P3", "salt", "advice_current", "Y", "no", ""),
        ("DCO Nov", "P3", "paediatrics", "advice_current", "N", "yes", "paediatrics"),
    ]
    assert (got[0]["session_date"], got[0]["issue_date"], got[3]["advice_requested"]) == \
        ("2026-11-10", "2026-06-01", "2026-02-10")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_no_member_or_caseworker_name_in_the_output(stored: Database, tmp_path: Path,
                                                    suffix: str) -> None:
    rows = answers_export.agreed_answers(stored, "2026-09", "2026-11")
    out = answers_table.write_answers(rows, tmp_path / f"answers{suffix}")
    if suffix == ".csv":
        text = out.read_text(encoding="utf-8-sig")
    else:
        book = openpyxl.load_workbook(out)
        text = "\n".join(str(v) for ws in book for r in ws.iter_rows(values_only=True)
                         for v in r)
    assert "P1" in text  # the check reads the real content
    for name in (MEMBER, "Ann", CASEWORKER, "Casey", "Dee Staff", "tester"):
        assert name not in text


def test_other_suffixes_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"\.xlsx \(Excel\) or \.csv"):
        answers_table.write_answers([], tmp_path / "answers.pdf")
    assert not list(tmp_path.iterdir())


def test_missing_pandas_is_a_clear_message(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    assert answers_table.pandas_missing()
    with pytest.raises(UserError) as info:
        answers_table.write_answers([], tmp_path / "answers.xlsx")
    assert str(info.value) == answers_table.PANDAS_MISSING
    assert "left out of the desktop bundle" in str(info.value)
    assert "qa-audit report answers" in str(info.value)
    assert not list(tmp_path.iterdir())


def test_plan_text_fields_are_masked_with_the_redaction_list(stored: Database,
                                                             actor: Actor) -> None:
    redaction_terms.add_term(stored, "North", actor)
    rows = answers_export.agreed_answers(stored, "2026-10", "2026-11")
    assert {r.plan.team for r in rows if r.plan_ref == "P1"} == {"[name]"}
    assert {r.plan.team for r in rows if r.plan_ref == "P3"} == {"East"}
    assert all(r.plan.caseworker is None for r in rows)


def test_more_rows_than_a_sheet_holds_asks_for_csv(stored: Database, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    rows = answers_export.agreed_answers(stored, "2026-10", "2026-11")
    monkeypatch.setattr(answers_table, "XLSX_MAX_ROWS", 4)
    with pytest.raises(UserError, match=r"5 agreed answers are more than an Excel sheet holds "
                                        r"\(4 rows\); write a \.csv"):
        answers_table.write_answers(rows, tmp_path / "answers.xlsx")
    assert answers_table.write_answers(rows, tmp_path / "answers.csv").exists()
