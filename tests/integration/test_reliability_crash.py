"""R3 and R4: kill -9 at random moments.

R3: writers saving through ``scoring.save_answer`` are killed at random moments,
dozens of times: integrity holds, every acknowledged save is present, a save cut
off mid-way is either wholly there or wholly absent (the store revision counts
exactly the saves that landed).
R4: a migration (a test-only revision that rebuilds two tables, on top of the
real ones) is killed at random moments: the database is always wholly at the
old schema or wholly at the new one, never half, and no row is lost.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from qa_audit.storage.checks import quick_check
from tests.integration.workers import migration, panel
from tests.integration.workers.runner import kill, start

pytestmark = pytest.mark.integration

R3_RUNS = 30
R3_BUDGET_S = 30.0
R4_RUNS = 12


def _wait_for(path: Path, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < end, f"worker never became ready ({path.name})"
        time.sleep(0.005)


def _state(db_path: Path) -> tuple[dict[tuple[str, str, str], tuple[str, str | None]], int]:
    con = sqlite3.connect(db_path)
    try:
        rows = con.execute(
            "SELECT a.auditor, p.plan_ref, x.question_id, x.client_id, x.value "
            "FROM answer x JOIN audit a ON a.id = x.audit_id JOIN plan p ON p.id = a.plan_id"
        ).fetchall()
        revision = con.execute("SELECT n FROM store_revision").fetchone()[0]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()
    return {(a, p, q): (cid, v) for a, p, q, cid, v in rows}, revision


def test_r3_kill_9_writers_at_random_moments(tmp_path: Path) -> None:
    cfg = panel.make_panel(tmp_path / "panel.sqlite3", members=4, plans=4, questions=5)
    cfg_path = cfg.save(tmp_path / "panel.json")
    db_path = Path(cfg.db)
    rng = random.Random(20261125)
    state, revision = _state(db_path)
    runs = acked_total = landed_unacked = 0
    budget_end = time.monotonic() + R3_BUDGET_S
    while runs < R3_RUNS and time.monotonic() < budget_end:
        runs += 1
        writers = rng.sample(cfg.members, 2)
        procs, logs = [], {}
        for name in writers:
            seed = runs * 100 + cfg.members.index(name)
            logs[name] = (tmp_path / f"ack-{runs}-{name}.jsonl", seed)
            ready = tmp_path / f"ready-{runs}-{name}"
            procs.append(start(panel.scorer, str(cfg_path), name, str(logs[name][0]), 60.0,
                               seed, str(ready)))
            _wait_for(ready)
        time.sleep(rng.uniform(0.0, 0.5))
        for proc in procs:
            kill(proc)
            assert proc.exitcode == -9

        assert quick_check(db_path, full=True) == []  # after SQLite's own journal rollback
        new_state, new_revision = _state(db_path)
        acked = 0
        for name, (log_path, seed) in logs.items():
            acks = panel.read_log(log_path)
            acked += len(acks)
            for ack in acks:  # later acks overwrite earlier ones for the same key
                state[(name, ack["plan"], ack["q"])] = (ack["cid"], ack["value"])
            in_flight = f"{name}-{seed}-{len(acks)}"
            for key, (cid, value) in new_state.items():
                if key[0] == name and cid == in_flight:  # cut off, but it had committed
                    state[key] = (cid, value)
                    acked += 1
                    landed_unacked += 1
        assert new_state == state, f"run {runs}: an acknowledged save is missing or changed"
        # all-or-nothing: the revision counts exactly the saves that landed
        assert new_revision - revision == acked, f"run {runs}: a save landed only in part"
        revision = new_revision
        acked_total += acked
    assert runs >= 12, "too few runs in the time budget"
    print(f"\nR3: {runs} kill -9 runs, {acked_total} saves landed ({landed_unacked} landed "
          "although the writer died before its acknowledgement), 0 lost, integrity ok")


def _schema(db_path: Path) -> tuple[str, set[str], set[str], int, int]:
    con = sqlite3.connect(db_path)
    try:
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        columns = {r[1] for r in con.execute("PRAGMA table_info(plan)")}
        plans = con.execute("SELECT count(*) FROM plan").fetchone()[0]
        advice = con.execute("SELECT count(*) FROM advice_request").fetchone()[0]
    finally:
        con.close()
    return version, tables, columns, plans, advice


def _seed_for_migration(db_path: Path, plans: int) -> None:
    con = sqlite3.connect(db_path)
    con.executemany(
        "INSERT INTO plan (plan_ref, issue_date, plan_type, version, updated_at) "
        "VALUES (?, '2026-01-01', 'new', 1, '2026-01-01 00:00:00')",
        [(f"M{i:06d}",) for i in range(plans)])
    con.execute(
        "INSERT INTO advice_request (plan_id, service, requested_date) "
        "SELECT id, 'ep', '2026-01-01' FROM plan")
    con.commit()
    con.close()


def test_r4_kill_9_during_migration_leaves_old_or_new_never_half(tmp_path: Path) -> None:
    from qa_audit.services.actor import Actor

    plans = 40_000
    pristine = tmp_path / "pristine.sqlite3"
    panel.new_database(pristine, Actor("setup", "pc"), shared=True).dispose()
    _seed_for_migration(pristine, plans)
    old_version, old_tables, _c, _p, _a = _schema(pristine)
    scripts = migration.make_script_dir(tmp_path / "migrations")
    db_path = tmp_path / "r4.sqlite3"

    # how long an uninterrupted upgrade takes here
    shutil.copyfile(pristine, db_path)
    t0 = time.monotonic()
    proc = start(migration.upgrade, str(db_path), str(scripts), str(tmp_path / "ready-0"))
    proc.join(60)
    duration = time.monotonic() - t0
    assert proc.exitcode == 0
    version, tables, columns, n_plans, n_advice = _schema(db_path)
    assert version == "0099" and "r4_marker" in columns
    assert (n_plans, n_advice) == (plans, plans)  # batch rebuild kept every row (FKs off)

    rng = random.Random(4)
    outcomes = {"old": 0, "new": 0}
    for run in range(1, R4_RUNS + 1):
        for leftover in tmp_path.glob("r4.sqlite3*"):
            leftover.unlink()
        shutil.copyfile(pristine, db_path)
        ready = tmp_path / f"ready-{run}"
        proc = start(migration.upgrade, str(db_path), str(scripts), str(ready))
        _wait_for(ready)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        kill(proc)
        assert quick_check(db_path, full=True) == []
        version, tables, columns, n_plans, n_advice = _schema(db_path)
        assert (n_plans, n_advice) == (plans, plans), f"run {run}: rows lost"
        assert not any(t.startswith("_alembic_tmp") for t in tables), f"run {run}: half-migrated"
        if version == old_version:
            assert "r4_marker" not in columns and tables == old_tables, f"run {run}: half"
            outcomes["old"] += 1
        else:
            assert version == "0099" and "r4_marker" in columns, f"run {run}: half"
            outcomes["new"] += 1
    assert outcomes["old"] > 0, "no kill landed inside the migration: the test proved nothing"
    print(f"\nR4: {R4_RUNS} kill -9 runs during a {duration:.2f} s migration: "
          f"{outcomes['old']} left at the old schema, {outcomes['new']} at the new, 0 half")
