"""The hot queries use indexes: no full SCAN of ``audit`` or ``answer``.

The statements are not copied here: they are captured (``before_cursor_execute``)
while the real services run -- loading a session, loading a year of sessions, the
tallied period load of the dashboard and the reports, and listing the plans eligible
for a sample -- and each one is then put through ``EXPLAIN QUERY PLAN`` on a database
built by the benchmark generator (no ``ANALYZE``, as a user's file would be).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import select

from qa_audit.services import period_data, sampling, session_data
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database
from tests.bench_data import generate, generated
from tests.sql_log import sent_by

BIG_TABLES = ("audit", "answer")


@pytest.fixture(scope="module")
def bench_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp("plans")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(folder / "home"))
        db = generated(folder / "bench.db", generate.Scale("test", 300, 6, 8, 1))
        yield db
        db.dispose()


def captured(db: Database, action: Callable[[], object]) -> list[tuple[str, tuple]]:
    statements = [(s.sql, tuple(s.params or ())) for s in sent_by(db, action) if s.is_select]
    assert statements, "the action issued no SELECT"
    return statements


def full_scans(db: Database, statements: list[tuple[str, tuple]]) -> list[str]:
    assert db.target.path is not None
    con = sqlite3.connect(db.target.path)
    try:
        bad = []
        for sql, params in statements:
            for *_ids, detail in con.execute("EXPLAIN QUERY PLAN " + sql, params):
                words = detail.split()
                if words[:1] == ["SCAN"] and words[1] in BIG_TABLES:
                    bad.append(f"{detail}  <-  {' '.join(sql.split())[:200]}")
        return bad
    finally:
        con.close()


def test_session_load_uses_indexes(bench_db: Database) -> None:
    stmts = captured(bench_db, lambda: session_data.load_session(bench_db, generate.BENCH_60))
    assert full_scans(bench_db, stmts) == []


def test_dashboard_and_trend_load_uses_indexes(bench_db: Database) -> None:
    stmts = captured(bench_db, lambda: session_data.load_sessions_between(
        bench_db, dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    assert full_scans(bench_db, stmts) == []


@pytest.mark.parametrize("reads", period_data.PERIOD_READS)
def test_period_report_load_uses_indexes(bench_db: Database, reads: str) -> None:
    """The tallied load of the trend / health / themes reports and the dashboard
    (counts by GROUP BY over the panel's answers, the plans the panel audited)."""
    stmts = captured(bench_db, lambda: period_data.load_period(
        bench_db, dt.date(2017, 1, 1), dt.date(2026, 12, 31), reads=reads))
    assert any("GROUP BY" in sql for sql, _ in stmts)
    assert full_scans(bench_db, stmts) == []


def test_sampling_eligibility_uses_indexes(bench_db: Database) -> None:
    def eligible() -> None:
        with bench_db.read() as s:
            row = s.scalar(select(m.AuditSession).where(m.AuditSession.name == generate.BENCH_12))
            sampling.eligible_candidates(s, row, sampling.SampleSettings(
                size=10, issued_from=dt.date(2026, 6, 1), issued_to=dt.date(2026, 11, 30),
                exclude_months=12))

    assert full_scans(bench_db, captured(bench_db, eligible)) == []


def test_the_check_finds_a_full_scan(bench_db: Database) -> None:
    """The detector itself works: a filter on an unindexed column is a full scan."""
    assert full_scans(bench_db, [("SELECT id FROM answer WHERE note = ?", ("x",))])
