"""Advice requests/returns parsing and validation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from qa_audit.importing.advice_parse import (
    ADVICE_FIELDS,
    AdviceRow,
    parse_advice,
    problems_for_unknown_plans,
)
from qa_audit.importing.tabular import read_table


def csv_file(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "advice.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_synonym_headers_and_services(tmp_path: Path) -> None:
    text = (
        "\ufeffPerson ID,Service,Date Requested,Date Returned\n"
        "C1,SaLT,01/09/2026,20/09/2026\n"
        "C1,Educational Psychology,01/09/2026,\n"
        "C2,Health Visiting,2026-09-02,2026-09-02\n"
        "C2,Community Paediatrics,02/09/2026,\n"
    )
    parsed = parse_advice(read_table(csv_file(tmp_path, text)))
    assert parsed.problems == []
    assert parsed.ignored_columns == []
    assert parsed.rows == [
        AdviceRow("C1", "salt", dt.date(2026, 9, 1), dt.date(2026, 9, 20), 2),
        AdviceRow("C1", "ep", dt.date(2026, 9, 1), None, 3),
        AdviceRow("C2", "health_visiting", dt.date(2026, 9, 2), dt.date(2026, 9, 2), 4),
        AdviceRow("C2", "paediatrics", dt.date(2026, 9, 2), None, 5),
    ]
    assert parsed.rows[0].key == ("C1", "salt", dt.date(2026, 9, 1))


def test_other_synonyms(tmp_path: Path) -> None:
    for requested, received in [("Requested", "Received"), ("Request Date", "Returned"),
                                ("requested_date", "received_date")]:
        text = f"Plan Ref,service,{requested},{received}\nC1,ot,01/09/2026,02/09/2026\n"
        parsed = parse_advice(read_table(csv_file(tmp_path, text)))
        assert parsed.problems == [], (requested, received)
        assert parsed.rows[0].received_date == dt.date(2026, 9, 2)


def test_bad_rows(tmp_path: Path) -> None:
    text = (
        "EHCP Ref,Service,Requested,Received,Comment\n"
        "C1,salt,01/09/2026,20/08/2026,x\n"      # 2 received before requested
        "C1,dentist,01/09/2026,,\n"               # 3 unknown service
        "\n"                                      # 4 blank
        "C2,ot,,,\n"                              # 5 requested blank
        "C3,physio,01/09/2026,,\n"                # 6 ok
        "C3,Physiotherapy,01/09/2026,05/09/2026,\n"  # 7 same key as 6
        ",camhs,31/09/2026,,\n"                   # 8 blank ref + impossible date
    )
    parsed = parse_advice(read_table(csv_file(tmp_path, text)))
    got = [(p.row, p.column, p.reason) for p in parsed.problems]
    assert [(r, c) for r, c, _ in got] == [
        (2, "Received"), (3, "Service"), (5, "Requested"), (7, "EHCP Ref"),
        (8, "EHCP Ref"), (8, "Requested"),
    ]
    reasons = {(r, c): reason for r, c, reason in got}
    assert "before requested_date" in reasons[2, "Received"]
    assert "unknown service" in reasons[3, "Service"]
    assert "blank" in reasons[5, "Requested"]
    assert reasons[7, "EHCP Ref"] == "same plan_ref, service and requested_date as row 6"
    assert "September 2026 has 30 days" in reasons[8, "Requested"]
    assert parsed.ignored_columns == ["Comment"]
    assert [r.row for r in parsed.rows] == [6]


def test_missing_columns_and_map(tmp_path: Path) -> None:
    text = "Child,Who,When\nC1,salt,01/09/2026\n"
    table = read_table(csv_file(tmp_path, text))
    parsed = parse_advice(table)
    assert [(p.row, p.column) for p in parsed.problems] == [
        (1, "plan_ref"), (1, "service"), (1, "requested_date")]
    parsed = parse_advice(table, {"plan_ref": "Child", "service": "Who",
                                  "requested_date": "When"})
    assert parsed.problems == []
    assert parsed.rows == [AdviceRow("C1", "salt", dt.date(2026, 9, 1), None, 2)]


def test_xlsx_dates(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["plan_ref", "service", "requested_date", "received_date"])
    ws.append(["C1", "Speech and Language Therapy", dt.date(2026, 9, 1),
               dt.datetime(2026, 10, 1, 0, 0)])
    path = tmp_path / "advice.xlsx"
    wb.save(path)
    parsed = parse_advice(read_table(path))
    assert parsed.problems == []
    assert parsed.rows == [AdviceRow("C1", "salt", dt.date(2026, 9, 1), dt.date(2026, 10, 1), 2)]


def test_problems_for_unknown_plans(tmp_path: Path) -> None:
    text = "Child ID,Service,Requested\nC1,salt,01/09/2026\nC9,ot,01/09/2026\n\nC8,ep,01/09/2026\n"
    parsed = parse_advice(read_table(csv_file(tmp_path, text)))
    assert parsed.problems == []
    problems = problems_for_unknown_plans(parsed.rows, {"C1"})
    assert [(p.row, p.column, p.value) for p in problems] == [
        (3, "Child ID", "C9"), (5, "Child ID", "C8")]
    assert str(problems[0]) == "row 3, column Child ID: plan_ref is not in the plan register ('C9')"
    assert problems_for_unknown_plans(parsed.rows, {"C1", "C8", "C9"}) == []


def test_advice_fields_cover_contract() -> None:
    assert set(ADVICE_FIELDS) == {"plan_ref", "service", "requested_date", "received_date"}
    assert {"Date Requested", "Requested", "Request Date"} <= set(ADVICE_FIELDS["requested_date"])
    assert {"Date Received", "Received", "Returned", "Date Returned"} <= set(
        ADVICE_FIELDS["received_date"])
