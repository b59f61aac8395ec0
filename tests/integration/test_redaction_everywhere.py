"""Every report masks the names on the database's redaction list, in each of its files.

A made-up name is written into every kind of free text a report may quote
(approved theme and feedback excerpts, exemplar reasons, good practice, actions,
strengths, notes, the scorecard narrative). Before the name is listed each report
shows it somewhere (so the check below is not vacuous); once ``redaction add`` puts
it in the database, no PDF (read with pdftotext), JSON or XLSX of any report holds
it. The old per-computer names file is imported once and then decides nothing.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from qa_audit.reporting.redaction import redaction_names_path
from qa_audit.services.actor import Actor
from tests.gui.report_demo import CURRENT_SESSION, demo_database
from tests.integration.cli_helpers import run_cli

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is not installed")

NAME, OTHER = "Zebedee", "Quillfeather"
PERIOD = ["--from", "2026-01", "--to", "2026-11"]

# report -> (arguments, writes a spreadsheet)
REPORTS: dict[str, tuple[list[str], bool]] = {
    "key-issues": (["--session", CURRENT_SESSION], True),
    "themes": (PERIOD, True),
    "health": (PERIOD, True),
    "scorecard": (PERIOD, True),
    "plan-feedback": (["--session", CURRENT_SESSION, "--plan", "<plan>"], False),
}

_FREE_TEXT = [("theme_tag", "approved_excerpt"), ("exemplar", "reason"),
              ("good_practice", "approved_text"), ("action", "text"),
              ("audit", "strengths"), ("audit", "development"), ("answer", "note"),
              ("feedback", "approved_excerpt")]


@pytest.fixture
def demo_file(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path,
              isolated_home: Path) -> Path:
    """A demo copy whose free text names :data:`NAME` everywhere a report may quote."""
    db = demo_database(tmp_path_factory, tmp_path, Actor.current())
    db.dispose()
    path = tmp_path / "demo.sqlite3"
    con = sqlite3.connect(path)
    try:
        for table, column in _FREE_TEXT:
            con.execute(f"UPDATE {table} SET {column} = {column} || ' ask {NAME} {OTHER} "
                        f"first' WHERE {column} IS NOT NULL AND {column} != ''")
        con.commit()
    finally:
        con.close()
    return path


def _plan(path: Path) -> str:
    """A plan of the session with an agreed row (the letter quotes only that)."""
    con = sqlite3.connect(path)
    try:
        row = con.execute(
            "SELECT p.plan_ref FROM audit a JOIN plan p ON p.id = a.plan_id "
            "JOIN audit_session s ON s.id = a.session_id WHERE s.name = ? "
            "AND a.strengths IS NOT NULL ORDER BY a.auditor = 'panel' DESC, p.plan_ref",
            (CURRENT_SESSION,)).fetchone()
    finally:
        con.close()
    return str(row[0])


def _texts(capsys: Any, db: Path, kind: str, folder: Path) -> dict[str, str]:
    """The report's files as text: pdf (pdftotext), json and xlsx (every cell)."""
    args, has_xlsx = REPORTS[kind]
    args = [_plan(db) if a == "<plan>" else a for a in args]
    folder.mkdir()
    pdf, js, xlsx = folder / "r.pdf", folder / "r.json", folder / "r.xlsx"
    extra = ["--xlsx", str(xlsx)] if has_xlsx else []
    r = run_cli(capsys, "--db", str(db), "report", kind, *args, "--out", str(pdf),
                "--json", str(js), *extra)
    assert r.code == 0, r.err
    out = {"pdf": subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                 capture_output=True, text=True).stdout,
           "json": js.read_text(encoding="utf-8")}
    if has_xlsx:
        book = load_workbook(xlsx, read_only=True)
        out["xlsx"] = "\n".join(str(v) for sheet in book.worksheets
                                for row in sheet.iter_rows(values_only=True)
                                for v in row if v is not None)
        book.close()
    return out


@pytest.mark.parametrize("kind", list(REPORTS))
def test_a_term_added_in_the_database_is_masked_in_every_file(
        capsys: Any, tmp_path: Path, demo_file: Path, kind: str) -> None:
    if kind == "scorecard":
        r = run_cli(capsys, "--db", str(demo_file), "scorecard", "narrative", "--quarter",
                    "2026-Q3", "--working-well", f"{NAME} said the panel listened")
        assert r.code == 0, r.err
    before = _texts(capsys, demo_file, kind, tmp_path / "before")
    assert any(NAME in text for text in before.values())  # the name is quoted somewhere

    r = run_cli(capsys, "--db", str(demo_file), "redaction", "add", NAME)
    assert r.code == 0, r.err
    after = _texts(capsys, demo_file, kind, tmp_path / "after")
    for file_kind, text in after.items():
        assert NAME not in text, f"{kind} {file_kind} quotes a listed name"
    assert any("[name]" in text for text in after.values())


def test_the_old_names_file_decides_nothing_once_imported(
        capsys: Any, tmp_path: Path, demo_file: Path) -> None:
    redaction_names_path().write_text(f"{NAME}\n{OTHER}\n", encoding="utf-8")
    r = run_cli(capsys, "--db", str(demo_file), "redaction", "list")
    assert r.code == 0 and r.out.split() == [NAME, OTHER]  # imported once
    r = run_cli(capsys, "--db", str(demo_file), "redaction", "remove", NAME)
    assert r.code == 0, r.err
    texts = _texts(capsys, demo_file, "key-issues", tmp_path / "out")
    assert NAME in texts["json"]  # still on the file, but the database no longer lists it
    assert OTHER not in texts["json"] and "[name]" in texts["json"]
    r = run_cli(capsys, "--db", str(demo_file), "redaction", "list", "--json")
    assert r.json() == [OTHER]
