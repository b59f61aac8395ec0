"""Painting the first main window imports none of the heavy report libraries.

A fresh interpreter (a subprocess, so nothing imported by other tests counts) builds
the main window offscreen on a generated database, waits for its first paint and
lists which of pandas, reportlab, openpyxl and matplotlib are in ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

HEAVY = ("pandas", "reportlab", "openpyxl", "matplotlib")


def test_first_window_does_not_import_heavy_libraries(tmp_path: Path) -> None:
    pytest.importorskip("PySide6")
    db = tmp_path / "lazy.db"
    generate.generate(db, generate.Scale("lazy", 100, 2, 5, 1))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QA_AUDIT_HOME": str(tmp_path / "h")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "measure.py"), "cold_start", str(db)],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    line = [x for x in done.stdout.splitlines() if x.startswith("{")][-1]
    assert json.loads(line)["heavy"] == []


def test_the_check_sees_an_eager_import() -> None:
    """The same listing does see a module that was imported."""
    code = ("import sys, json; import pandas; "
            f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["pandas"]
