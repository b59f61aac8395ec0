"""CONTRACT.md v2 "Command line": on failure a non-zero exit, a first stderr line that
says why, never a traceback for bad input, a missing file or a damaged database, and a
damaged file left byte for byte untouched (exit 70 is kept for real bugs)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from .cli_helpers import run_cli

pytestmark = pytest.mark.integration

COMMANDS = (
    ("init",),
    ("plans", "import", "{csv}"),
    ("audits", "import", "{csv}"),
    ("reviews", "import", "{csv}"),
    ("actions", "list", "--json"),
    ("rubric", "list", "--json"),
    ("report", "timeliness", "--from", "2026-01", "--to", "2026-01", "--out", "{pdf}"),
    ("db", "check"),
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(run: Any) -> None:
    assert run.code not in (0, 70), (run.code, run.err)
    assert run.err.strip() and "Traceback" not in run.err
    assert not run.err.lstrip().startswith("/")  # not a Python warning's file name


@pytest.mark.parametrize("kind", ["random", "encrypted-looking", "zeroed-header"])
def test_damaged_database_refused_untouched(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path, kind: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QA_AUDIT_PASSPHRASE", raising=False)
    db = tmp_path / "damaged.sqlite3"
    if kind == "random":
        db.write_bytes(os.urandom(100_000))  # not whole pages: damage
    elif kind == "encrypted-looking":
        db.write_bytes(os.urandom(100 * 1024))  # whole pages of noise: maybe encrypted
    else:
        db.write_bytes(b"SQLite format 3\x00" + bytes(8192))
    before = digest(db)
    csv = tmp_path / "f.csv"
    csv.write_text("plan_ref,issue_date\nA1,2026-01-01\n", encoding="utf-8")
    for command in COMMANDS:
        args = [a.format(csv=csv, pdf=tmp_path / "r.pdf") for a in command]
        run = run_cli(capsys, "--db", str(db), *args)
        refused(run)
    assert digest(db) == before


def test_missing_files_and_bad_arguments(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         db: Any) -> None:
    path = str(db.target.path)
    missing = str(tmp_path / "nope.csv")
    for command in (("plans", "import"), ("advice", "import"), ("reviews", "import"),
                    ("feedback", "import"), ("audits", "import"), ("rubric", "import")):
        run = run_cli(capsys, "--db", path, *command, missing)
        refused(run)
        assert len(run.err.strip().splitlines()) == 1
    for args in (("report", "timeliness", "--from", "2026-13", "--to", "2026-12"),
                 ("report", "trend", "--from", "2026-03", "--to", "2026-01"),
                 ("report", "scorecard", "--from", "2026-01", "--to", "2026-03", "--rubric",
                  "nope"),
                 ("report", "key-issues", "--session", "Nope"),
                 ("report", "health", "--from", "2026-01", "--to", "2026-02", "--out",
                  str(tmp_path / "no" / "such" / "x.pdf")),
                 ("sample", "draw", "--session", "Nope", "--size", "1"),
                 ("actions", "close", "999")):
        out = () if "--out" in args else ("--out", str(tmp_path / "x.pdf"))
        refused(run_cli(capsys, "--db", path, *args, *(out if args[0] == "report" else ())))
