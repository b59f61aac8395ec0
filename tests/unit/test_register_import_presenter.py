"""The register import wizard's presenter: mapping problems and what the pages say, no Qt."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from qa_audit.errors import RowProblem
from qa_audit.gui.register_import import presenter as p
from qa_audit.importing.tabular import Table

PLANS = p.KINDS["plans"]


def table(headers: list[str], rows: int = 3, *, encoding: str | None = None,
          delimiter: str | None = None) -> Table:
    data: list[list[str | dt.date]] = [[f"{h}{i}" for h in headers] for i in range(rows)]
    return Table(headers, data, list(range(2, rows + 2)),
                 encoding=encoding, delimiter=delimiter)


def test_the_presenter_imports_no_qt() -> None:
    code = ("import sys, qa_audit.gui.register_import.presenter; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_required_fields_and_one_field_per_column() -> None:
    names = {0: "Person ID", 1: "Issued"}
    problems = p.mapping_problems(PLANS, {"plan_ref": 0, "team": 0}, names.__getitem__)
    assert problems == [
        "Choose a column for Issue date (required).",
        "Column 'Person ID' is chosen for Plan reference and Team; a column can hold only "
        "one field."]
    assert p.mapping_problems(PLANS, {"plan_ref": 0, "issue_date": 1}, names.__getitem__) == []


def test_a_field_left_out_is_still_read_from_a_matching_header() -> None:
    notes = p.still_matched(PLANS, ["Person ID", "Issue date", "Team"],
                            {"plan_ref": 0, "issue_date": 1})
    assert notes == ["Column 'Team' matches Team by name and will still be read as it; "
                     "rename it in the file to leave it out."]
    assert p.still_matched(PLANS, ["Person ID", "Team"], {"plan_ref": 0, "team": 1}) == []


def test_mnemonics_skip_the_wizard_buttons_and_letters_taken() -> None:
    used: set[str] = set()
    assert p.with_mnemonic("Plan reference", used) == "&Plan reference"
    assert p.with_mnemonic("Primary need", used) == "P&rimary need"
    assert p.with_mnemonic("Caseworker", used) == "C&aseworker"  # C is Cancel
    assert p.with_mnemonic("bnc", {"x"}) == "bnc"


def test_summaries() -> None:
    csv_table = table(["Person ID", "Issued"], encoding="utf-8", delimiter=";")
    assert p.file_summary(csv_table, "plans.csv", 3) == (
        "<b>plans.csv</b>: 3 data rows, 2 columns (CSV, utf-8, semicolon-separated). "
        "Header on row 1; showing 3.")
    bad = p.CheckOutcome(10, 8, [RowProblem(3, "Issue date", "x", "not a date"),
                                 RowProblem(3, "Team", "", "blank")], ["Notes"])
    text = p.check_summary(bad, "plans")
    assert text.startswith("<b>1 bad row</b> (2 problems) in 10 rows.")
    assert text.endswith("Columns not imported: Notes.")
    good = p.check_summary(p.CheckOutcome(4, 4, [], [], new_keys=3), "plans")
    assert good.startswith("All 4 rows are valid. 3 plans new to the register, 1 already in it")
    assert p.import_ready(p.CheckOutcome(4, 4, [], []), None)
    assert not p.import_ready(p.CheckOutcome(4, 0, [], []), None)
    assert not p.import_ready(p.CheckOutcome(4, 4, [], []), "file vanished")
    assert not p.import_ready(None, None)


def test_problems_file_and_long_messages() -> None:
    assert p.problems_file(Path("/data/plans.csv")) == "/data/plans - problems.csv"
    assert p.problems_file(None) == ""
    long = "\n".join(f"line {i}" for i in range(40))
    short = p.shorten(long).splitlines()
    assert len(short) == 17 and short[-1] == "… and 24 more"
    assert p.shorten("one\ntwo") == "one\ntwo"
