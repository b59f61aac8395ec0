"""Painting the first main window imports nothing heavy; opening does only what it needs.

A fresh interpreter (a subprocess, so nothing imported by other tests counts) starts
the app the way ``qa-audit gui`` does (``benchmarks/measure.py cold_start``) on a
generated database and lists which heavy modules were in ``sys.modules`` at the
main window's first paint: not the storage layer (SQLAlchemy, Alembic), nor numpy
and krippendorff, nor the report and chart libraries. It also waits for the first
page to be ready, so the database really was opened after that paint.

Opening a database already at the current schema does not import Alembic, and
the agreement figures import numpy only for a value exactly on a rounding boundary.
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

HEAVY = ("pandas", "reportlab", "openpyxl", "xlsxwriter", "matplotlib")
BEFORE_PAINT = ("sqlalchemy", "alembic", "numpy", "krippendorff", *HEAVY, "PySide6.QtCharts")


def imported(code: str, modules: tuple[str, ...]) -> list[str]:
    """Run ``code`` in a fresh interpreter; which of ``modules`` it imported."""
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(m for m in {modules!r} " \
            "if m in sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_first_window_does_not_import_heavy_libraries(tmp_path: Path) -> None:
    pytest.importorskip("PySide6")
    db = tmp_path / "lazy.db"
    generate.generate(db, generate.Scale("lazy", 100, 2, 5, 1))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QA_AUDIT_HOME": str(tmp_path / "h")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "measure.py"), "cold_start", str(db)],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    line = json.loads([x for x in done.stdout.splitlines() if x.startswith("{")][-1])
    assert line["heavy"] == []
    assert line["ms"] is not None and line["ready_ms"] is not None  # painted, then opened
    # issue 16: the register's first rows showed before the page, without SQLAlchemy
    assert line["ms"] <= line["rows_ms"] <= line["ready_ms"]
    assert line["rows_sqlalchemy"] is False


def test_the_first_paint_check_covers_the_storage_layer() -> None:
    """cold_start lists everything this module guards (a shorter list would pass idly)."""
    source = (ROOT / "benchmarks" / "measure.py").read_text(encoding="utf-8")
    for module in BEFORE_PAINT:
        assert f'"{module}"' in source


def test_the_main_window_module_imports_only_qt_and_light_modules() -> None:
    assert imported("import qa_audit.gui.app, qa_audit.gui.main_window", BEFORE_PAINT) == []


def test_a_database_at_head_opens_without_alembic(tmp_path: Path) -> None:
    from qa_audit.services.actor import Actor
    from qa_audit.services.store import database

    path = tmp_path / "head.sqlite3"
    database.initialise(str(path), Actor("t", "pc")).database.dispose()
    code = ("from qa_audit.services.store import database\n"
            "from qa_audit.services.actor import Actor\n"
            f"r = database.initialise({str(path)!r}, Actor('t', 'pc'))\n"
            "assert r.schema == 'already current', r.schema")
    assert imported(code, ("alembic",)) == []
    # a new file does need Alembic (the check sees it)
    new = code.replace(str(path), str(tmp_path / "new.sqlite3")).replace(
        "'already current'", "'created'")
    assert imported(new, ("alembic",)) == ["alembic"]


def test_agreement_imports_numpy_only_on_a_rounding_boundary() -> None:
    """Alpha is computed in plain Python; numpy only for a value exactly on a half."""
    code = ("from qa_audit.domain.agreement import krippendorff_alpha_ordinal as a\n"
            "assert a({'p1': {'x': 1, 'y': 2}, 'p2': {'x': 3, 'y': 3}}, (1, 4)) is not None")
    assert imported(code, ("numpy", "krippendorff")) == []


def test_the_check_sees_an_eager_import() -> None:
    """The same listing does see a module that was imported."""
    code = ("import sys, json; import pandas; "
            f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["pandas"]
