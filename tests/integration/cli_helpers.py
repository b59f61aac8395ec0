"""Run the CLI in-process and capture what a script would see."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from qa_audit.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def db_fingerprint(path: Path) -> str:
    """Digest of every user table's rows (the file bytes change with WAL checkpoints)."""
    con = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for t in tables:
            digest.update(t.encode())
            for row in con.execute(f'SELECT * FROM "{t}" ORDER BY 1'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        con.close()


def named_cells(err: str) -> list[str]:
    """Every "row R, column C" an import refusal names, checking that each bad row has
    one line (the contract's "one line per bad row")."""
    lines = err.strip().splitlines()[1:]
    rows = [line.split(",")[0] for line in lines]
    assert len(rows) == len(set(rows)), f"a row named on two lines: {lines}"
    return [m for line in lines for m in re.findall(r"row \d+, column [^:;]+(?=:)", line)]
