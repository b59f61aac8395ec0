"""``qa-audit report answers`` end to end: the file, what is printed, the exit codes
(a wrong suffix, a bad period, a missing pandas)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import openpyxl
import pytest

from qa_audit.reporting.answers_table import PANDAS_MISSING
from tests import answers_data

from .cli_helpers import run_cli


def test_report_answers_writes_csv_and_xlsx(capsys, tmp_path: Path, db, actor) -> None:  # type: ignore[no-untyped-def]
    answers_data.build(db, actor, tmp_path)
    path = str(db.target.path)
    out = tmp_path / "out" / "answers.csv"
    r = run_cli(capsys, "--db", path, "report", "answers", "--from", "2026-10", "--to",
                "2026-11", "--out", str(out))
    assert r.code == 0, r.err
    assert "5 agreed answers from 2 sessions." in r.out and str(out) in r.out
    with out.open(encoding="utf-8-sig", newline="") as f:
        got = [(row["session"], row["question_id"], row["agencies"]) for row in csv.DictReader(f)]
    assert got[0] == ("Nov panel", "quantified", "health;sen_casework") and len(got) == 5

    book = tmp_path / "answers.xlsx"
    r = run_cli(capsys, "--db", path, "report", "answers", "--from", "2026-09", "--to",
                "2026-09", "--rubric", "tiny", "--out", str(book))
    assert r.code == 0, r.err
    rows = list(openpyxl.load_workbook(book).active.iter_rows(values_only=True))
    assert [x[0] for x in rows[1:]] == ["Sep panel"] * 3


def test_report_answers_refuses_clearly(capsys, tmp_path: Path, db,  # type: ignore[no-untyped-def]
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(db.target.path)
    r = run_cli(capsys, "--db", path, "report", "answers", "--from", "2026-10", "--to",
                "2026-11", "--out", str(tmp_path / "answers.pdf"))
    assert r.code == 2 and ".xlsx (Excel) or .csv" in r.err.splitlines()[0]
    r = run_cli(capsys, "--db", path, "report", "answers", "--from", "2026-12", "--to",
                "2026-11", "--out", str(tmp_path / "a.csv"))
    assert r.code == 2 and "after --to" in r.err
    monkeypatch.setitem(sys.modules, "pandas", None)
    r = run_cli(capsys, "--db", path, "report", "answers", "--from", "2026-10", "--to",
                "2026-11", "--out", str(tmp_path / "a.csv"))
    assert r.code == 2 and r.err.strip() == f"qa-audit: {PANDAS_MISSING}"
    assert not list(tmp_path.glob("*.csv"))
