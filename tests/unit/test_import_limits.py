"""Bounded imports (issue 14): every hostile or broken file is refused quickly, with a
sentence naming the limit or the encoding, and nothing is read whole."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from qa_audit.errors import ImportRejected, RowProblem, UserError
from qa_audit.importing.import_limits import ImportLimits, foreign_encoding
from qa_audit.importing.tabular import read_table


def test_file_over_the_size_limit_is_refused_before_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:  # a sparse 3 MB file: refusing it must not read it
        fh.truncate(3 * 1024 * 1024)
    monkeypatch.setenv("QA_AUDIT_IMPORT_MAX_FILE_MB", "2")
    with pytest.raises(UserError, match=r"3\.0 MB: larger than the import limit of 2 MB "
                                        r"\(QA_AUDIT_IMPORT_MAX_FILE_MB\)"):
        read_table(path)


def test_one_line_file_stops_at_the_cell_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "oneline.csv"
    path.write_bytes(b"plan_ref,issue_date," + b"x" * 2_000_000)  # no newline at all
    monkeypatch.setenv("QA_AUDIT_IMPORT_MAX_CELL_CHARS", "1000")
    with pytest.raises(UserError, match=r"a cell is longer than 1,000 characters"):
        read_table(path)


def test_row_limit_names_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "many.csv"
    path.write_text("plan_ref\n" + "".join(f"P{i}\n" for i in range(30)))
    monkeypatch.setenv("QA_AUDIT_IMPORT_MAX_ROWS", "20")
    with pytest.raises(UserError, match=r"more than 20 rows.*QA_AUDIT_IMPORT_MAX_ROWS"):
        read_table(path)
    monkeypatch.setenv("QA_AUDIT_IMPORT_MAX_ROWS", "30")
    assert len(read_table(path)) == 30  # exactly at the limit is fine


def test_bad_limit_setting_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_AUDIT_IMPORT_MAX_ROWS", "lots")
    with pytest.raises(UserError, match="QA_AUDIT_IMPORT_MAX_ROWS='lots' is not a number"):
        ImportLimits.from_env()


def zip_bomb(path: Path, inflated_mb: int) -> Path:
    """A structurally valid workbook whose one sheet inflates to ``inflated_mb`` MB."""
    book = openpyxl.Workbook()
    book.active.append(["plan_ref"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                row = b'<row><c t="inlineStr"><is><t>A</t></is></c></row>'
                filler = row * (inflated_mb * 1024 * 1024 // len(row))
                data = data.replace(b"</sheetData>", filler + b"</sheetData>")
            dst.writestr(info.filename, data)
    return path


def test_xlsx_zip_bomb_is_refused_from_the_archive_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = zip_bomb(tmp_path / "bomb.xlsx", inflated_mb=8)
    assert path.stat().st_size < 200_000  # small on disk
    monkeypatch.setenv("QA_AUDIT_IMPORT_MAX_UNZIPPED_MB", "4")
    with pytest.raises(UserError, match=r"unpacks to [\d.]+ MB .*QA_AUDIT_IMPORT_MAX_UNZIPPED_MB"):
        read_table(path)


def test_garbled_xlsx_xml_is_a_user_error(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["plan_ref"])
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "garbled.xlsx"
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2] + b"<<&&not xml"
            dst.writestr(info.filename, data)
    with pytest.raises(UserError, match=r"cannot be read|not an Excel workbook"):
        read_table(path)


JAPANESE = "計画番号,発行日\nＡ１,２０２６年\n学校名,東京都立特別支援学校\n"


def test_shift_jis_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "sjis.csv"
    path.write_bytes(("plan_ref,issue_date,setting\n" + JAPANESE).encode("shift_jis"))
    with pytest.raises(UserError, match=r"looks like Shift-JIS \(Japanese\) text"):
        read_table(path)


@pytest.mark.parametrize("text", [
    "plan_ref,setting\nP1,Café Zoë’s school — £5\nP2,Ærø Ñandú façade naïve\n",
    "plan_ref,name\nP1,Zoë Müller\nP2,Éléonore Dupré-Lefèvre\nP3,São João\n",
    "plan_ref,note\n" + "P1,Müller’s “quoted” résumé – fine\n" * 50,
])
def test_windows_1252_is_still_read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "w.csv"
    path.write_bytes(text.encode("cp1252"))
    assert foreign_encoding(text.encode("cp1252")) is None
    table = read_table(path)
    assert table.encoding == "cp1252" and table.rows[0][1] == text.split("\n")[1].split(",")[1]


def test_cyrillic_windows_1251_is_named() -> None:
    sample = "plan_ref,school\nP1,Специальная школа номер один\n".encode("cp1251")
    assert foreign_encoding(sample) == "Windows-1251 (Cyrillic)"


def test_multiline_quoted_cells_and_crlf_split_between_chunks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_AUDIT_IMPORT_MAX_CELL_CHARS", "100000")
    # a CRLF falling on the 64 KiB read boundary, and a quoted cell over two lines
    first = "plan_ref,note\r\n"
    pad = "P0," + "x" * (65536 - len(first) - 4) + "\r\n"
    text = first + pad + 'P1,"two\nlines"\r\nP2,end\r\n'
    path = tmp_path / "chunks.csv"
    path.write_bytes(text.encode("utf-8"))
    table = read_table(path)
    assert [r[0] for r in table.rows] == ["P0", "P1", "P2"]
    assert table.rows[1][1] == "two\nlines"
    assert table.row_numbers == [2, 3, 4]  # a quoted cell over two lines is one row


def test_at_most_100_bad_rows_are_listed() -> None:
    problems = [RowProblem(i + 2, "issue_date", "x", "not a date") for i in range(250)]
    exc = ImportRejected("plans.csv: 250 bad rows; nothing was imported", problems)
    assert len(exc.details) == 101
    assert exc.details[-1].startswith("... and 150 more bad rows not listed")
    assert len(exc.problems) == 250

