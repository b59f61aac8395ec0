"""Migration 0007 on a database made at revision 0002: the council's board targets get
their table, and this computer's old ``board-targets.json`` is imported once, then
read by the reports from the database."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.integration.cli_helpers import run_cli
from tests.integration.test_migration_0003 import old_db, rows

__all__ = ["old_db"]  # the fixture, used by name below


def test_upgrade_adds_the_targets_table_and_imports_the_old_file_once(
    old_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = Path(os.environ["QA_AUDIT_HOME"])
    (home / "board-targets.json").write_text(json.dumps(
        {"within_20_weeks": [{"from": "2025-04-01", "percent": 60}],
         "feedback_satisfied": [{"from": "2025-01-01", "percent": 75}]}))
    up = run_cli(capsys, "--db", str(old_db), "init")
    assert up.code == 0, up.err
    assert rows(old_db, "SELECT version_num FROM alembic_version") == [("0007",)]
    insert = ("INSERT INTO board_target (kpi, from_date, percent, version, updated_at) "
              "VALUES ('within_20_weeks', '2020-01-01', 50, 1, '2026-12-06 10:00:00.000000')")
    con = sqlite3.connect(old_db)
    try:  # one step per measure and date
        con.execute(insert)
        with pytest.raises(sqlite3.IntegrityError):
            con.execute(insert)
        con.rollback()
    finally:
        con.close()
    listed = run_cli(capsys, "--db", str(old_db), "targets", "list", "--json").json()
    assert [(t["kpi"], t["from"], t["percent"]) for t in listed] == [
        ("within_20_weeks", "2025-04-01", 60.0), ("feedback_satisfied", "2025-01-01", 75.0)]
    # the file changes later: not imported again (the database is the one list now)
    (home / "board-targets.json").write_text(json.dumps(
        {"within_20_weeks": [{"from": "2026-04-01", "percent": 99}]}))
    again = run_cli(capsys, "--db", str(old_db), "targets", "list", "--json").json()
    assert len(again) == 2
    assert rows(old_db, "SELECT action, entity_key FROM change_log "
                        "WHERE entity = 'board_target'") == [
        ("import", str(home / "board-targets.json"))]
    check = run_cli(capsys, "--db", str(old_db), "db", "check")
    assert check.code == 0, check.err + check.out
