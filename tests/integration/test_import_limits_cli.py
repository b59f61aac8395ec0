"""Bounded imports through the command line (issue 14): exit codes and messages a
script sees, and a closed pipe that stays silent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.cli_helpers import run_cli
from tests.unit.test_import_limits import JAPANESE, zip_bomb


def test_shift_jis_register_exits_2_naming_the_encoding(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.sqlite")
    assert run_cli(capsys, "--db", db, "init").code == 0
    path = tmp_path / "sjis.csv"
    path.write_bytes(("plan_ref,issue_date,setting\n" + JAPANESE).encode("shift_jis"))
    got = run_cli(capsys, "--db", db, "plans", "import", str(path))
    assert got.code == 2
    assert "Shift-JIS (Japanese)" in got.err.splitlines()[0]
    assert "bug" not in got.err


def test_zip_bomb_audits_file_exits_2_quickly(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "x.sqlite")
    assert run_cli(capsys, "--db", db, "init").code == 0
    monkeypatch.setenv("QA_AUDIT_IMPORT_MAX_UNZIPPED_MB", "4")
    got = run_cli(capsys, "--db", db, "audits", "import", str(zip_bomb(tmp_path / "b.xlsx", 8)))
    assert got.code == 2 and "QA_AUDIT_IMPORT_MAX_UNZIPPED_MB" in got.err
    assert len(got.err.splitlines()) == 1  # one sentence, not millions of row errors


def test_closed_pipe_is_silent(tmp_path: Path) -> None:
    """`qa-audit ... | head -c 50`: the reader goes away; no 'This is a bug', exit 0."""
    db = tmp_path / "p.sqlite"
    env = {"QA_AUDIT_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "qa_audit", "--db", str(db)]
    subprocess.run([*cmd, "init"], env=env, check=True, capture_output=True)
    proc = subprocess.Popen([*cmd, "rubric", "show", "multi-agency-ehcp", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            bufsize=0)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(20)
    proc.stdout.close()  # as head does after its first bytes
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert "bug" not in err and "Traceback" not in err and "BrokenPipe" not in err
