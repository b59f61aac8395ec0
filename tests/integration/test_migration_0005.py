"""Migration 0005 on a database made at revision 0002: plan references become unique
whatever their case, unless the store already holds two spellings of one reference --
then nothing is merged behind anyone's back, and ``db check`` names them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.integration.cli_helpers import run_cli
from tests.integration.test_migration_0003 import old_db, rows

__all__ = ["old_db"]  # the fixture, used by name below


def _add_plan(path: Path, ref: str) -> None:
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute(
                "INSERT INTO plan (plan_ref, issue_date, plan_type, version, updated_at) "
                "VALUES (?, '2026-09-01', 'new', 1, '2026-12-06 10:00:00.000000')", (ref,))
    finally:
        con.close()


def _indexes(path: Path) -> set[str]:
    return {name for (name,) in rows(path, "SELECT name FROM sqlite_master WHERE type='index'")}


def test_upgrade_makes_references_unique_in_any_case(
    old_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    up = run_cli(capsys, "--db", str(old_db), "init")
    assert up.code == 0, up.err
    assert {"uq_plan_ref_lower", "uq_audit_plan_auditor", "uq_audit_return_auditor"} \
        <= _indexes(old_db)
    with pytest.raises(sqlite3.IntegrityError):
        _add_plan(old_db, "mig001")  # MIG001 exists
    check = run_cli(capsys, "--db", str(old_db), "db", "check")
    assert check.code == 0, check.err + check.out


def test_upgrade_keeps_case_duplicates_and_check_names_them(
    old_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_plan(old_db, "mig001")
    up = run_cli(capsys, "--db", str(old_db), "init")
    assert up.code == 0, up.err
    assert "uq_plan_ref_lower" not in _indexes(old_db)
    assert rows(old_db, "SELECT plan_ref FROM plan WHERE lower(plan_ref) = 'mig001' "
                        "ORDER BY plan_ref") == [("MIG001",), ("mig001",)]
    check = run_cli(capsys, "--db", str(old_db), "db", "check")
    assert check.code != 0
    assert "MIG001 is stored 2 times in different case (MIG001, mig001)" in check.out + check.err
