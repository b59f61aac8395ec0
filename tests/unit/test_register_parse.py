"""Plan register parsing and validation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from qa_audit.errors import UserError
from qa_audit.importing.register_parse import PLAN_FIELDS, PlanRow, parse_register
from qa_audit.importing.tabular import parse_map_args, read_table


def csv_file(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "plans.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(parsed) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.reason) for p in parsed.problems]


CASE_SYSTEM = (
    "Person ID,EHCP Issue Date,Date of Request,NCY,Primary Need,Establishment,Caseworker,"
    "Team,Direct Payments,Plan Type,Setting Type\n"
    "C001,03/10/2026,01/06/2026,R,ASD,Oak Primary,J Smith,North,yes,new,Mainstream\n"
    "C002,2026-09-01,,Y7,semh,Elm Academy,A Jones,South,N,Amended,Academy\n"
    "C003,1/9/2026,,N1,,,,,,,\n"
)


def test_case_system_headers_and_values(tmp_path: Path) -> None:
    parsed = parse_register(read_table(csv_file(tmp_path, "\ufeff" + CASE_SYSTEM)))
    assert parsed.problems == []
    assert parsed.ignored_columns == []
    first, second, third = parsed.rows
    assert first == PlanRow(
        plan_ref="C001", issue_date=dt.date(2026, 10, 3), request_date=dt.date(2026, 6, 1),
        plan_type="new", year_group=0, phase="early_years", primary_need="ASD",
        setting="Oak Primary", setting_type="Mainstream", team="North", caseworker="J Smith",
        direct_payments=True, row=2,
    )
    assert (second.primary_need, second.year_group, second.phase, second.plan_type,
            second.direct_payments) == ("SEMH", 7, "secondary", "amended", False)
    assert third == PlanRow(
        plan_ref="C003", issue_date=dt.date(2026, 9, 1), request_date=None, plan_type="new",
        year_group=-2, phase="early_years", primary_need=None, setting=None, setting_type=None,
        team=None, caseworker=None, direct_payments=None, row=4,
    )
    assert parsed.header_of["plan_ref"] == "Person ID"


def test_canonical_field_names_match_case_and_spacing(tmp_path: Path) -> None:
    text = "PLAN_REF,Issue-Date,year group,PRIMARY NEED\nA1,03/10/2026,11,spld\n"
    parsed = parse_register(read_table(csv_file(tmp_path, text)))
    assert parsed.problems == []
    [row] = parsed.rows
    assert (row.plan_ref, row.year_group, row.phase, row.primary_need) == (
        "A1", 11, "secondary", "SpLD")


def test_cp1252_setting_name(tmp_path: Path) -> None:
    text = "Plan Ref,Date Issued,School\nA1,03/10/2026,École St Mary’s (£)\n"
    parsed = parse_register(read_table(csv_file(tmp_path, text, "cp1252")))
    assert parsed.problems == []
    assert parsed.rows[0].setting == "École St Mary’s (£)"


def test_xlsx_with_real_date_cells(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Child ID", "Date Issued", "Request Date", "Year Group", "Primary Need", "School"])
    ws.append(["X1", dt.date(2026, 10, 3), dt.datetime(2026, 5, 1), 7, "PMLD", "Birch"])
    ws.append([])
    ws.append([4711, dt.datetime(2026, 2, 28, 0, 0), None, "R", "ASD", None])
    ws.append(["X3", 46298, None, 15, "XYZ", None])  # a number, not a date cell
    path = tmp_path / "register.xlsx"
    wb.save(path)
    parsed = parse_register(read_table(path))
    assert problems_of(parsed) == [
        (5, "Date Issued", parsed.problems[0].reason),
        (5, "Year Group", "year group must be N1, N2, R or a whole number from -2 to 14"),
        (5, "Primary Need", parsed.problems[2].reason),
    ]
    assert "number, not a date" in parsed.problems[0].reason
    assert "unknown primary need" in parsed.problems[2].reason
    first, second = parsed.rows
    assert (first.plan_ref, first.issue_date, first.request_date, first.year_group) == (
        "X1", dt.date(2026, 10, 3), dt.date(2026, 5, 1), 7)
    assert (second.plan_ref, second.issue_date, second.row) == ("4711", dt.date(2026, 2, 28), 4)


def test_map_names_other_headers(tmp_path: Path) -> None:
    text = "Ref No,Final Plan Issued,Worker,Ref Alt\nA1,03/10/2026,Sam,zzz\n"
    mapping = parse_map_args(["plan_ref=Ref No", "issue_date=Final Plan Issued",
                              "caseworker=worker"])
    parsed = parse_register(read_table(csv_file(tmp_path, text)), mapping)
    assert parsed.problems == []
    assert parsed.ignored_columns == ["Ref Alt"]
    [row] = parsed.rows
    assert (row.plan_ref, row.issue_date, row.caseworker) == ("A1", dt.date(2026, 10, 3), "Sam")


def test_map_errors_are_user_errors(tmp_path: Path) -> None:
    table = read_table(csv_file(tmp_path, "Ref No,Date Issued\nA1,03/10/2026\n"))
    with pytest.raises(UserError, match="no column 'Reference'"):
        parse_register(table, {"plan_ref": "Reference"})
    with pytest.raises(UserError, match="unknown field 'ref'"):
        parse_register(table, {"ref": "Ref No"})


def test_missing_required_columns(tmp_path: Path) -> None:
    parsed = parse_register(read_table(csv_file(tmp_path, "Ref No,School\nA1,x\n")))
    assert [(p.row, p.column) for p in parsed.problems] == [(1, "plan_ref"), (1, "issue_date")]
    assert all("required column missing" in p.reason for p in parsed.problems)
    assert parsed.rows == []
    assert parsed.ignored_columns == ["Ref No"]


def test_unknown_columns_are_ignored_and_listed(tmp_path: Path) -> None:
    text = "Plan Ref,Issue Date,Colour,\nA1,03/10/2026,red,extra\n"
    parsed = parse_register(read_table(csv_file(tmp_path, text)))
    assert parsed.problems == []
    assert parsed.ignored_columns == ["Colour", "column D (no header)"]


def test_bad_rows_all_reported_with_true_row_numbers(tmp_path: Path) -> None:
    text = (
        "Person ID,EHCP Issue Date,Request Date,NCY,Primary Need,Direct Payments,Plan Type\n"
        "A1,03/10/2026,,5,ASD,yes,new\n"          # 2 ok
        "A2,31/02/2026,,5,XYZ,yes,new\n"          # 3 bad date + bad need
        "\n"                                      # 4 blank
        ",03/10/2026,,5,ASD,,\n"                  # 5 missing plan ref
        "A1,03/10/2026,,5,ASD,,\n"                # 6 duplicate of row 2
        "A5,03/10/2026,04/10/2026,5,ASD,,\n"      # 7 request after issue
        "A6,,,15,MLD,maybe,ceased\n"              # 8 blank issue, bad NCY, DP, type
        ",,,,,,\n"                                # 9 blank
        "A1,03/10/2026,,,,,\n"                    # 10 duplicate again
        "A8,03/10/2026,03/10/2026,N2,,,\n"        # 11 ok (same-day request)
    )
    parsed = parse_register(read_table(csv_file(tmp_path, text)))
    got = problems_of(parsed)
    assert [(r, c) for r, c, _ in got] == [
        (3, "EHCP Issue Date"), (3, "Primary Need"),
        (5, "Person ID"),
        (6, "Person ID"),
        (7, "Request Date"),
        (8, "EHCP Issue Date"), (8, "NCY"), (8, "Direct Payments"), (8, "Plan Type"),
        (10, "Person ID"),
    ]
    reasons = {(r, c): reason for r, c, reason in got}
    assert "February 2026 has 28 days" in reasons[3, "EHCP Issue Date"]
    assert "unknown primary need" in reasons[3, "Primary Need"]
    assert "blank" in reasons[5, "Person ID"]
    assert reasons[6, "Person ID"] == "plan_ref repeated (first on row 2)"
    assert reasons[10, "Person ID"] == "plan_ref repeated (first on row 2)"
    assert "after issue_date" in reasons[7, "Request Date"]
    assert "blank" in reasons[8, "EHCP Issue Date"]
    assert parsed.problems[0].value == "31/02/2026"
    assert str(parsed.problems[0]).startswith("row 3, column EHCP Issue Date: ")
    assert [r.plan_ref for r in parsed.rows] == ["A1", "A8"]
    assert parsed.rows[1].row == 11
    assert parsed.rows_read == 8


def test_plan_ref_rules(tmp_path: Path) -> None:
    long_ref = "R" * 65
    text = f"Plan Ref,Issue Date\n  A1  ,03/10/2026\n{long_ref},03/10/2026\n{'R' * 64},03/10/2026\n"
    parsed = parse_register(read_table(csv_file(tmp_path, text)))
    assert problems_of(parsed) == [(3, "Plan Ref", "plan_ref is longer than 64 characters")]
    assert [r.plan_ref for r in parsed.rows] == ["A1", "R" * 64]


def test_overlong_text_is_a_bad_cell(tmp_path: Path) -> None:
    text = f"Plan Ref,Issue Date,Team\nA1,03/10/2026,{'t' * 300}\n"
    parsed = parse_register(read_table(csv_file(tmp_path, text)))
    assert problems_of(parsed) == [(2, "Team", "longer than 255 characters")]


def test_two_columns_for_one_field(tmp_path: Path) -> None:
    text = "Person ID,Child ID,Issue Date\nA1,B1,03/10/2026\n"
    parsed = parse_register(read_table(csv_file(tmp_path, text)))
    assert [(p.row, p.column) for p in parsed.problems] == [(1, "Person ID"), (1, "Child ID")]
    assert parsed.rows == []


def test_plan_fields_cover_contract_synonyms() -> None:
    contract = {
        "plan_ref": ["Person ID", "Child ID", "EHCP Ref"],
        "issue_date": ["Date Issued", "EHCP Issue Date", "Issue Date"],
        "request_date": ["Request Date", "Date of Request"],
        "year_group": ["NCY", "Year Group"],
        "primary_need": ["Primary Need"],
        "setting": ["Establishment", "School"],
        "caseworker": ["Caseworker", "Case Worker"],
    }
    for field_name, synonyms in contract.items():
        assert set(synonyms) <= set(PLAN_FIELDS[field_name])
    assert set(PLAN_FIELDS) == {
        "plan_ref", "issue_date", "request_date", "plan_type", "year_group", "primary_need",
        "setting", "setting_type", "team", "caseworker", "direct_payments", "exception"}


def test_fifty_thousand_rows_parse_whole(tmp_path: Path) -> None:
    """Every row of a county-sized register comes through (speed is in benchmarks/)."""
    needs = ["ASD", "SEMH", "SLCN", "MLD", "SpLD"]
    lines = ["Person ID,EHCP Issue Date,Date of Request,NCY,Primary Need,Establishment,"
             "Caseworker,Team,Direct Payments"]
    lines += [
        f"P{i:06d},{1 + i % 28:02d}/{1 + i % 12:02d}/2025,01/01/2025,{i % 15 - 1},"
        f"{needs[i % 5]},School {i % 300},Worker {i % 40},Team {i % 4},{'yes' if i % 2 else 'no'}"
        for i in range(50_000)
    ]
    path = csv_file(tmp_path, "\n".join(lines) + "\n", name="big.csv")
    parsed = parse_register(read_table(path))
    assert parsed.problems == []
    assert len(parsed.rows) == 50_000
    assert parsed.rows[-1].plan_ref == "P049999"


# ------------------------------------------------------------ custom plan fields


def test_field_arguments() -> None:
    from qa_audit.importing.register_parse import parse_field_args

    assert parse_field_args(["looked_after", 'social_care_status=CSC Status']) == {
        "looked_after": None, "social_care_status": "CSC Status"}
    assert parse_field_args(None) == {}
    for bad, words in (("team", "built-in"), ("Looked After", "lower-case"), ("123", "lower-case"),
                       ("x=", "header after = is empty"), ("=Header", "lower-case")):
        with pytest.raises(UserError, match=words):
            parse_field_args([bad])
    with pytest.raises(UserError, match="twice"):
        parse_field_args(["a", "a=B"])


def test_custom_columns_are_parsed_and_kept_apart(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Person ID,Issue Date,Looked-After,CSC Status,Other\n"
                    "A,2026-01-01, yes ,CIN,1\nB,2026-01-02,,CP,2\nC,bad date,no,,3\n",
                    encoding="utf-8")
    parsed = parse_register(read_table(path), {},
                            {"looked_after": None, "social_care_status": "CSC Status"})
    assert [p.row for p in parsed.problems] == [4]  # the bad date; C is left out
    assert parsed.custom == {"looked_after": ["yes", None],
                             "social_care_status": ["CIN", "CP"]}
    assert parsed.ignored_columns == ["Other"]
    assert parsed.header_of["looked_after"] == "Looked-After"
    with pytest.raises(UserError, match="no column matching 'colour'"):
        parse_register(read_table(path), {}, {"colour": None})


def test_common_case_system_headers_locality_and_coordinator(tmp_path: Path) -> None:
    text = ("Person ID,EHCP Issue Date,Locality,EHC Coordinator,Plan Type\n"
            "C001,03/10/2026,North East,J Smith,Annual review amendment\n")
    parsed = parse_register(read_table(csv_file(tmp_path, text)))
    assert parsed.problems == [] and parsed.ignored_columns == []
    assert parsed.header_of["team"] == "Locality"
    row = parsed.rows[0]
    assert (row.team, row.caseworker, row.plan_type) == ("North East", "J Smith", "amended")
