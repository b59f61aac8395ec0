"""The command line against PostgreSQL: init, demo and a report, with the same figures
as the same demo data in a SQLite file (the SQL the services emit is portable)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest_pg import pg_url  # noqa: F401 - fixture
from tests.integration.cli_helpers import Run

pytestmark = pytest.mark.integration

SESSION = "Panel October 2026"


def run_cli(_capsys: object, *args: str) -> Run:
    """The installed command in its own process, as a script would run it (a server's
    pooled connections then end with the process, as they do for a user)."""
    done = subprocess.run([sys.executable, "-m", "qa_audit.cli", *args], capture_output=True,
                          text=True, timeout=120, check=False)
    return Run(done.returncode, done.stdout, done.stderr)


def _figures(out: Path) -> dict[str, object]:
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    data.pop("report", None)  # when and from which database it was made
    return data


def test_init_demo_and_key_issues_on_postgres_match_sqlite(
    pg_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    figures = {}
    for name, db in (("postgres", pg_url), ("sqlite", str(tmp_path / "audit.sqlite3"))):
        init = run_cli(capsys, "--db", db, "init")
        assert init.code == 0, init.err
        assert ": created." in init.out
        again = run_cli(capsys, "--db", db, "init")
        assert (again.code, "already current" in again.out) == (0, True), again.err
        demo = run_cli(capsys, "--db", db, "demo", "--seed", "7")
        assert demo.code == 0, demo.err
        assert "400 plans" in demo.out
        listed = run_cli(capsys, "--db", db, "session", "list")
        assert listed.code == 0 and SESSION in listed.out, listed.err
        out = tmp_path / f"key-issues-{name}.pdf"
        report = run_cli(capsys, "--db", db, "report", "key-issues", "--session", SESSION,
                         "--out", str(out), "--json", str(out.with_suffix(".json")))
        assert report.code == 0, report.err
        assert out.read_bytes().startswith(b"%PDF")
        figures[name] = _figures(out)
    assert figures["postgres"] == figures["sqlite"]
    assert figures["postgres"]["plans_sampled"]


def test_server_database_problems_are_one_clear_line(
    pg_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    empty = run_cli(capsys, "--db", pg_url, "session", "list")
    assert empty.code != 0
    assert "is empty. Run 'qa-audit init' first" in empty.err
    refused = run_cli(capsys, "--db", "postgresql+psycopg://postgres@127.0.0.1:1/x", "init")
    assert refused.code != 0
    assert "cannot be reached" in refused.err and "unexpected" not in refused.err
    other = run_cli(capsys, "--db", "mysql+pymysql://u@127.0.0.1/x", "init")
    assert other.code != 0 and "unexpected" not in other.err, other.err
