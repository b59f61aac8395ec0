"""Reading CSV/XLSX import files and matching their headers."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from qa_audit.errors import UserError
from qa_audit.importing.tabular import (
    Table,
    column_letter,
    match_headers,
    normalise_header,
    parse_map_args,
    read_table,
)


def write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def write_xlsx(tmp_path: Path, rows: list[list[object]], name: str = "book.xlsx",
               sheets: int = 1) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "First"
    for row in rows:
        ws.append(row)
    for k in range(1, sheets):
        other = wb.create_sheet(f"Other{k}")
        other.append(["other", "sheet"])
    path = tmp_path / name
    wb.save(path)
    return path


# ------------------------------------------------------------------------ CSV


def test_csv_utf8_with_bom(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "r.csv", "\ufeffPlan Ref,Setting\r\nA1,Café Nursery\r\n"
                       .encode())
    table = read_table(path)
    assert table.headers == ["Plan Ref", "Setting"]  # no BOM on the first header
    assert table.rows == [["A1", "Café Nursery"]]
    assert table.encoding == "utf-8"
    assert table.format == "csv"


def test_csv_utf8_without_bom(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "r.csv", "ref,setting\nA1,Zoë’s School\n".encode())
    assert read_table(path).rows == [["A1", "Zoë’s School"]]


def test_csv_windows_1252(tmp_path: Path) -> None:
    text = "ref,setting,fee\nA1,École St Mary’s,£100\n"
    path = write_bytes(tmp_path, "r.csv", text.encode("cp1252"))
    table = read_table(path)
    assert table.encoding == "cp1252"
    assert table.rows == [["A1", "École St Mary’s", "£100"]]


def test_csv_windows_1252_after_a_utf8_bom(tmp_path: Path) -> None:
    """A BOM does not end up in the first header when the text is not UTF-8 after all."""
    text = "plan_ref,setting\nA1,École\n"
    path = write_bytes(tmp_path, "r.csv", b"\xef\xbb\xbf" + text.encode("cp1252"))
    table = read_table(path)
    assert table.encoding == "cp1252"
    assert table.headers == ["plan_ref", "setting"]
    assert table.rows == [["A1", "École"]]


def test_csv_utf16_excel_unicode_text(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "r.txt", "ref\tsetting\r\nA1\tÉcole\r\n".encode("utf-16"))
    table = read_table(path)
    assert table.delimiter == "\t"
    assert table.rows == [["A1", "École"]]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiter_sniffing(tmp_path: Path, delimiter: str) -> None:
    text = delimiter.join(["ref", "date", "note"]) + "\n" + delimiter.join(
        ["A1", "03/10/2026", '"x, y; z"']) + "\n"
    table = read_table(write_bytes(tmp_path, "r.csv", text.encode()))
    assert table.delimiter == delimiter
    assert table.headers == ["ref", "date", "note"]
    assert table.rows == [["A1", "03/10/2026", "x, y; z"]]


def test_csv_quoted_delimiters_in_header_do_not_fool_sniffing(tmp_path: Path) -> None:
    text = '"Name; with; semis",ref\nx,1\n'
    table = read_table(write_bytes(tmp_path, "r.csv", text.encode()))
    assert table.delimiter == ","
    assert table.headers == ["Name; with; semis", "ref"]


def test_csv_excel_sep_line(tmp_path: Path) -> None:
    table = read_table(write_bytes(tmp_path, "r.csv", b"sep=;\r\nref;note\r\nA1;x,y\r\n"))
    assert table.delimiter == ";"
    assert table.headers == ["ref", "note"]
    assert table.rows == [["A1", "x,y"]]
    assert table.row_numbers == [2]


def test_csv_single_column(tmp_path: Path) -> None:
    table = read_table(write_bytes(tmp_path, "r.csv", b"ref\nA1\nA2\n"))
    assert table.headers == ["ref"]
    assert table.rows == [["A1"], ["A2"]]


def test_blank_rows_skipped_numbering_kept(tmp_path: Path) -> None:
    text = "ref,setting\nA1,x\n\n,\n  ,  \nA2,y\n\nA3,z\n"
    table = read_table(write_bytes(tmp_path, "r.csv", text.encode()))
    assert [r[0] for r in table.rows] == ["A1", "A2", "A3"]
    assert [table.row_number(i) for i in range(len(table))] == [2, 6, 8]
    assert table.row_numbers == [2, 6, 8]


def test_multiline_cell_counts_as_one_row(tmp_path: Path) -> None:
    text = 'ref,note\nA1,"line one\nline two"\nA2,x\n'
    table = read_table(write_bytes(tmp_path, "r.csv", text.encode()))
    assert table.rows == [["A1", "line one\nline two"], ["A2", "x"]]
    assert table.row_numbers == [2, 3]


def test_leading_blank_lines_before_header(tmp_path: Path) -> None:
    table = read_table(write_bytes(tmp_path, "r.csv", b"\n\nref,x\nA1,1\n"))
    assert table.header_row == 3
    assert table.headers == ["ref", "x"]
    assert table.row_numbers == [4]


def test_ragged_rows_are_padded_and_extra_data_gets_a_blank_header(tmp_path: Path) -> None:
    text = "ref,a,b\nA1\nA2,1,2,surprise\nA3,1,2,,,\n"
    table = read_table(write_bytes(tmp_path, "r.csv", text.encode()))
    assert table.headers == ["ref", "a", "b", ""]
    assert table.rows == [["A1", "", "", ""], ["A2", "1", "2", "surprise"], ["A3", "1", "2", ""]]
    assert table.header_label(3) == "column D (no header)"


def test_trailing_empty_columns_dropped(tmp_path: Path) -> None:
    table = read_table(write_bytes(tmp_path, "r.csv", b"ref,a,,\nA1,1,,\n"))
    assert table.headers == ["ref", "a"]
    assert table.rows == [["A1", "1"]]


def test_header_only_gives_no_rows(tmp_path: Path) -> None:
    table = read_table(write_bytes(tmp_path, "r.csv", b"ref,a\n"))
    assert table.headers == ["ref", "a"]
    assert table.rows == []


def test_cells_are_strings_not_numbers(tmp_path: Path) -> None:
    table = read_table(write_bytes(tmp_path, "r.csv", b"ref,ncy,n\n007,7,NA\n"))
    assert table.rows == [["007", "7", "NA"]]


# --------------------------------------------------------------------- errors


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.csv"
    with pytest.raises(UserError, match=r"not found.*nope\.csv"):
        read_table(path)


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="folder"):
        read_table(tmp_path)


@pytest.mark.parametrize("data", [b"", b"   \n\n", b",,,\n,,\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    path = write_bytes(tmp_path, "empty.csv", data)
    with pytest.raises(UserError, match=r"empty\.csv is empty"):
        read_table(path)


def test_binary_file(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "pic.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UserError, match=r"pic\.csv is not a CSV or XLSX"):
        read_table(path)


def test_old_xls(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(UserError, match=r"old\.xls.*97-2003"):
        read_table(path)


def test_html_saved_as_xls(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "export.xls", b"<html><body><table><tr><td>x</td></tr>")
    with pytest.raises(UserError, match=r"export\.xls is a web page"):
        read_table(path)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    with pytest.raises(UserError, match=r"doc\.xlsx is not an Excel workbook"):
        read_table(path)


def test_truncated_xlsx(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path, [["a"], ["b"]])
    path = write_bytes(tmp_path, "broken.xlsx", good.read_bytes()[:200])
    with pytest.raises(UserError, match=r"broken\.xlsx"):
        read_table(path)


def test_undecodable_text(tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1252 and invalid UTF-8
    path = write_bytes(tmp_path, "odd.csv", b"ref,x\nA1,\x81\x8d\n")
    with pytest.raises(UserError, match=r"odd\.csv is not UTF-8 or Windows-1252"):
        read_table(path)


# ----------------------------------------------------------------------- XLSX


def test_xlsx_dates_are_dates(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [
        ["Person ID", "EHCP Issue Date", "NCY", "Score", "Flag", "Request", "Ratio", "Time"],
        ["P1", dt.date(2026, 10, 3), 7, 3.0, True, dt.datetime(2026, 1, 2, 0, 0), 0.25,
         dt.datetime(2026, 1, 2, 9, 30)],
        [12345, "03/10/2026", -1, 2.5, False, None, None, None],
    ])
    table = read_table(path)
    assert table.format == "xlsx"
    assert table.headers == ["Person ID", "EHCP Issue Date", "NCY", "Score", "Flag", "Request",
                             "Ratio", "Time"]
    first, second = table.rows
    assert first[1] == dt.date(2026, 10, 3)
    assert type(first[1]) is dt.date
    assert first[2:5] == ["7", "3", "TRUE"]
    assert type(first[5]) is dt.date
    assert first[6] == "0.25"
    assert first[7] == dt.datetime(2026, 1, 2, 9, 30)
    assert second == ["12345", "03/10/2026", "-1", "2.5", "FALSE", "", "", ""]


def test_xlsx_blank_rows_keep_numbering(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "ref", "date"
    ws["A2"], ws["B2"] = "P1", dt.date(2026, 1, 5)
    ws["A5"], ws["B5"] = "P2", dt.date(2026, 1, 6)
    ws["A6"] = "   "
    ws["A8"] = "P3"
    ws["D20"].number_format = "0.00"  # formatted but empty: not a column, not a row
    path = tmp_path / "gaps.xlsx"
    wb.save(path)
    table = read_table(path)
    assert table.headers == ["ref", "date"]
    assert table.row_numbers == [2, 5, 8]
    assert table.rows[2] == ["P3", ""]


def test_xlsx_first_sheet_by_default_other_by_name(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [["ref"], ["P1"]], sheets=2)
    assert read_table(path).rows == [["P1"]]
    assert read_table(path, sheet="Other1").headers == ["other", "sheet"]
    assert read_table(path, sheet=1).headers == ["other", "sheet"]
    with pytest.raises(UserError, match="no sheet named"):
        read_table(path, sheet="Missing")
    with pytest.raises(UserError, match="no sheet number 5"):
        read_table(path, sheet=4)


def test_xlsx_empty_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [], name="blank.xlsx")
    with pytest.raises(UserError, match=r"blank\.xlsx is empty"):
        read_table(path)


def test_xlsx_extension_is_not_needed(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [["ref"], ["P1"]], name="upload.bin")
    assert read_table(path).format == "xlsx"


def test_xlsx_formula_without_cached_value_reads_blank(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [["ref", "sum"], ["P1", "=1+1"]])
    assert read_table(path).rows == [["P1", ""]]


# -------------------------------------------------------------------- headers


@pytest.mark.parametrize(
    ("header", "expected"),
    [("Plan Ref", "planref"), (" plan_ref ", "planref"), ("PLAN-REF", "planref"),
     ("EHCP Issue Date", "ehcpissuedate"), ("q1.note", "q1.note"), ("Q1 .Note", "q1.note")],
)
def test_normalise_header(header: str, expected: str) -> None:
    assert normalise_header(header) == expected


FIELDS = {
    "plan_ref": ["Person ID", "Child ID"],
    "issue_date": ["Date Issued", "EHCP Issue Date"],
    "team": [],
}


def test_match_headers_synonyms_and_field_names() -> None:
    match = match_headers(["PERSON ID", "ehcp-issue-date", "Team", "Notes"], FIELDS,
                          required=["plan_ref", "issue_date"])
    assert match.column_of == {"plan_ref": 0, "issue_date": 1, "team": 2}
    assert match.unknown == ["Notes"]
    assert match.unknown_columns == [3]
    assert match.missing_required == []
    assert match.problems == []


def test_match_headers_missing_required() -> None:
    match = match_headers(["Person ID"], FIELDS, required=["plan_ref", "issue_date"])
    assert match.missing_required == ["issue_date"]
    [problem] = match.problems
    assert (problem.row, problem.column) == (1, "issue_date")
    assert "required column missing" in problem.reason
    assert "--map issue_date=HEADER" in problem.reason


def test_match_headers_two_headers_for_one_field() -> None:
    match = match_headers(["Person ID", "Child ID", "Date Issued"], FIELDS,
                          required=["plan_ref"])
    assert "plan_ref" not in match.column_of
    assert [p.column for p in match.problems] == ["Person ID", "Child ID"]
    assert all("more than one column is for plan_ref" in p.reason for p in match.problems)
    assert match.missing_required == []  # reported as the conflict, not as missing


def test_match_headers_header_matching_two_fields() -> None:
    fields = {"a": ["Date"], "b": ["Date"]}
    match = match_headers(["Date"], fields)
    [problem] = match.problems
    assert problem.column == "Date"
    assert "more than one field (a, b)" in problem.reason


def test_match_headers_mapping_overrides_synonyms() -> None:
    headers = ["Child ID", "Person ID", "Final Date"]
    match = match_headers(headers, FIELDS, {"plan_ref": "Child ID", "issue_date": "final date"},
                          required=["plan_ref", "issue_date"])
    assert match.column_of == {"plan_ref": 0, "issue_date": 2}
    # "Person ID" no longer competes for plan_ref: it is just an unknown column
    assert match.unknown == ["Person ID"]
    assert match.problems == []


def test_match_headers_mapping_can_take_another_fields_synonym() -> None:
    match = match_headers(["Date Issued", "Ref"], FIELDS,
                          {"team": "Date Issued", "plan_ref": "Ref"})
    assert match.column_of == {"team": 0, "plan_ref": 1}
    assert "issue_date" not in match.column_of


def test_match_headers_mapping_errors() -> None:
    with pytest.raises(UserError, match="unknown field 'colour'"):
        match_headers(["a"], FIELDS, {"colour": "a"})
    with pytest.raises(UserError, match="no column 'Ref No'"):
        match_headers(["a", "b"], FIELDS, {"plan_ref": "Ref No"})
    with pytest.raises(UserError, match="both"):
        match_headers(["a"], FIELDS, {"plan_ref": "a", "team": "a"})


def test_match_headers_blank_header_with_data_is_unknown() -> None:
    match = match_headers(["Person ID", ""], FIELDS)
    assert match.unknown == ["column B (no header)"]


def test_parse_map_args() -> None:
    assert parse_map_args(["plan_ref=Child Ref", " issue_date = Date of Plan "]) == {
        "plan_ref": "Child Ref", "issue_date": "Date of Plan"}
    assert parse_map_args(None) == {}
    assert parse_map_args({"a": "b"}) == {"a": "b"}
    with pytest.raises(UserError, match="FIELD=HEADER"):
        parse_map_args(["plan_ref"])
    with pytest.raises(UserError, match="FIELD=HEADER"):
        parse_map_args(["=x"])
    with pytest.raises(UserError, match="twice"):
        parse_map_args(["a=x", "a=y"])


def test_column_letter() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


def test_table_is_plain_data() -> None:
    table = Table(headers=["a"], rows=[["1"]], row_numbers=[2])
    assert len(table) == 1
    assert table.row_number(0) == 2


def test_large_csv_reads_whole(tmp_path: Path) -> None:
    lines = ["Person ID,EHCP Issue Date,NCY,Primary Need,Establishment,Caseworker"]
    lines += [f"P{i},03/10/2026,{i % 15},ASD,School {i % 300},Worker {i % 40}"
              for i in range(50_000)]
    path = write_bytes(tmp_path, "big.csv", ("\n".join(lines) + "\n").encode())
    table = read_table(path)
    assert len(table) == 50_000
    assert table.row_number(49_999) == 50_001
