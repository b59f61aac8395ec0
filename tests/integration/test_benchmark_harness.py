"""The benchmark harness itself: deterministic data, honest ratios, the CI guard.

Nothing here times anything; it checks the machinery the figures in
``benchmarks/RESULTS.md`` rest on: the generator writes the same rows for the same
arguments, the regression guard fires only beyond 1.5x a ratio target, the scaling
exponent is computed correctly, and the child processes receive the start stamp the
cold-start figure is measured from.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402
import run  # noqa: E402

TINY = generate.Scale("tiny", 60, 2, 5, 1)
TABLES = ("plan", "audit_session", "sample_entry", "audit", "answer")


def _digest(path: Path) -> dict[str, str]:
    con = sqlite3.connect(path)
    try:
        out = {}
        for table in TABLES:
            rows = con.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            out[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return out
    finally:
        con.close()


def test_generator_is_deterministic_and_counts_match(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_AUDIT_HOME", str(tmp_path / "home"))
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    counts = generate.generate(a, TINY)
    generate.generate(str(b), TINY)  # a str path works too
    assert _digest(a) == _digest(b)
    con = sqlite3.connect(a)
    try:
        plans = con.execute("SELECT count(*) FROM plan").fetchone()[0]
        audits = con.execute("SELECT count(*) FROM audit").fetchone()[0]
    finally:
        con.close()
    assert plans == counts["plans"] == TINY.plans
    assert audits == counts["audits"] >= TINY.audits  # + the fixed Bench sessions


def test_register_csv_is_deterministic(tmp_path: Path) -> None:
    generate.write_register(tmp_path / "a.csv", 200)
    generate.write_register(str(tmp_path / "b.csv"), 200)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert len((tmp_path / "a.csv").read_text(encoding="utf-8").splitlines()) == 201


def test_scales_match_the_issue() -> None:
    large = generate.scale("large")
    assert large.plans == 60_000 and large.sessions == 120 and large.years == 10
    assert 99_000 <= large.audits <= 101_000
    assert generate.scale("small").plans == 600
    assert generate.scale("100x").plans == 60_000


def _figure(value: float, base: float, target: float) -> run.Figure:
    fig = run.Figure("f", [value], ratio_target=target)
    fig.baseline = run.Figure("b", [base])
    return fig


def test_guard_fails_only_beyond_half_again_the_ratio_target() -> None:
    assert not _figure(4.4, 1.0, 3).guard_failed()  # missed (4.4x > 3x) but within 50%
    assert _figure(4.4, 1.0, 3).verdict() == "**missed**"
    assert _figure(4.6, 1.0, 3).guard_failed()
    assert _figure(2.9, 1.0, 2).guard_failed() is False
    assert _figure(3.1, 1.0, 2).guard_failed()
    no_base = run.Figure("abs", [10_000.0], abs_target=300)
    assert not no_base.guard_failed()  # absolute targets are reported, never fail CI
    assert no_base.verdict() == "**missed**"


def test_growth_exponent() -> None:
    assert run.growth(1_000, 10_000, 50, 500) == pytest.approx(1.0)
    assert run.growth(1_000, 10_000, 50, 5_000) == pytest.approx(2.0)
    assert run.growth(1_000, 100_000, 10, 100) == pytest.approx(0.5)
    assert math.isfinite(run.growth(2, 20, 1, 1))


def test_children_get_the_start_stamp(tmp_path: Path) -> None:
    runner = run.Runner(tmp_path, reps=1, verbose=False)
    code = ("import json, os, time; t0 = float(os.environ['QA_AUDIT_BENCH_T0']); "
            "print(json.dumps({'ms': (time.time() - t0) * 1000, "
            "'home': os.environ['QA_AUDIT_HOME']}))")
    got = runner.once([sys.executable, "-c", code])
    assert 0 <= got["ms"] < 60_000
    assert got["home"] == str(tmp_path / "home")


def test_results_file_lists_every_figure_and_verdict(tmp_path: Path) -> None:
    met = _figure(2.0, 1.0, 3)
    met.name = "ratio met"
    missed = run.Figure("absolute missed", [900.0], abs_target=300, target="<= 300 ms")
    info = {"mode": "quick", "seconds": 12.0, "machine": {"cores": "2"}, "data": {},
            "curve": [{"scale": "1x", "audits": 100, "answers": 2_000, "report_ms": 10.0,
                       "report_spread": (9.0, 11.0), "query_ms": 2.0, "query_spread": (2, 2)},
                      {"scale": "10x", "audits": 1_000, "answers": 20_000, "report_ms": 80.0,
                       "report_spread": (80, 80), "query_ms": 20.0,
                       "query_spread": (20, 20)}]}
    path = tmp_path / "RESULTS.md"
    run.write_results(path, [met, missed], info)
    text = path.read_text(encoding="utf-8")
    assert "| ratio met |" in text and "| 2.00x |" in text
    row = next(line for line in text.splitlines() if line.startswith("| absolute missed"))
    assert row.endswith("**missed** |")
    curve = next(line for line in text.splitlines() if line.startswith("| 10x"))
    assert "| 0.90 |" in curve and "| 1.00 |" in curve  # report 8x for 10x audits; query 10x
    json.dumps(info)  # the info the suite writes is plain data


def test_peak_memory_is_the_childs_own_not_its_parents(tmp_path: Path) -> None:
    """run.py holds the generated county (~700 MB) when it starts the memory figure;
    ``ru_maxrss`` would hand that peak to the child. The figure must not inherit it."""
    bench = str(ROOT / "benchmarks")
    child = (f"import sys; sys.path.insert(0, {bench!r}); import measure; "
             "print(measure.peak_rss_mb())")
    parent = ("import subprocess, sys; big = b'x' * (400 * 1024 * 1024); "
              f"subprocess.run([sys.executable, '-c', {child!r}], check=True)")
    done = subprocess.run([sys.executable, "-c", parent], capture_output=True, text=True,
                          check=True, cwd=tmp_path)
    assert 0 < float(done.stdout.strip()) < 200, done.stdout
