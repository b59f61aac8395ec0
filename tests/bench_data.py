"""Databases written by the benchmark generator (``benchmarks/generate.py``), for tests
that guard the benchmarked paths at a size a test can afford."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

from qa_audit.storage.engine import Database, open_database  # noqa: E402
from qa_audit.storage.profiles import resolve_target  # noqa: E402

__all__ = ["generate", "generated"]


def generated(path: Path, scale: generate.Scale, *, status: dict[str, str] | None = None
              ) -> Database:
    """Generate ``scale`` at ``path`` and open it; ``status``: session name -> the status
    to give it first (generated sessions are closed, and closed ones cannot change)."""
    generate.generate(path, scale)
    if status:
        con = sqlite3.connect(path)
        try:
            for name, value in status.items():
                changed = con.execute("UPDATE audit_session SET status=? WHERE name=?",
                                      (value, name)).rowcount
                assert changed == 1, name
            con.commit()
        finally:
            con.close()
    return open_database(resolve_target(str(path), path))
