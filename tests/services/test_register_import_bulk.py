"""The plan register import stays a bulk operation (benchmark: 50,000 rows).

Guards for the things that made it fast: one executemany per statement whatever
the number of rows, each distinct cell parsed once, no per-row ``PlanRow``
objects on the import path, the cyclic garbage collector paused while rows are
built, and the SQLite driver path storing exactly what the portable SQLAlchemy
path stores (checked on PostgreSQL too when a test server is available).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text

from qa_audit.errors import ImportRejected
from qa_audit.importing import register_parse
from qa_audit.importing.tabular import gc_paused, read_table
from qa_audit.services import register_import
from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database
from tests.conftest_pg import pg_url, storage_url  # noqa: F401 - fixtures

HEADER = ("Person ID,Date Issued,Request Date,Plan Type,NCY,Primary Need,School,"
          "Setting Type,Team,Case Worker,Direct Payments")
NEEDS = ("ASD", "semh", "SLCN", "MLD", "SpLD")


def register(path: Path, n: int, *, start: int = 0, twist: int = 0) -> Path:
    """``n`` valid rows; ``twist`` changes every third row's team (for updates)."""
    lines = [HEADER]
    for i in range(start, start + n):
        team = f"Team {i % 4}" + (f" v{twist}" if twist and i % 3 == 0 else "")
        request = "" if i % 5 == 0 else f"{1 + i % 28:02d}/01/2025"
        lines.append(
            f"P{i:06d},{1 + i % 28:02d}/{1 + i % 12:02d}/2025,{request},"
            f"{('New', 'amended', 'Review', '')[i % 4]},{('R', 'N1', '7', '')[i % 4]},"
            f"{NEEDS[i % 5]},School {i % 30},mainstream,{team},CW {i % 7},"
            f"{('yes', 'No', '')[i % 3]}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


_PLAN_WRITES = ('INSERT INTO "PLAN"', 'UPDATE "PLAN"', "INSERT INTO PLAN ", "UPDATE PLAN ")


class Statements:
    """Cursor executions on a database, with whether each was an executemany."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.seen: list[tuple[str, bool, int]] = []

    def __enter__(self) -> Statements:
        event.listen(self.db.engine, "before_cursor_execute", self._on)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.db.engine, "before_cursor_execute", self._on)

    def _on(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
            executemany: bool) -> None:
        rows = len(parameters) if executemany else 1
        self.seen.append((" ".join(statement.split()).upper(), executemany, rows))

    def on_plan(self) -> list[tuple[str, bool, int]]:
        return [(s.split()[0], many, rows) for s, many, rows in self.seen
                if s.startswith(_PLAN_WRITES)]


def stored_plans(db: Database) -> list[tuple[Any, ...]]:
    plan = m.Plan.__table__
    columns = [c for c in plan.c if c.name not in ("id", "updated_at")]
    with db.read() as session:
        return [tuple(r) for r in session.execute(select(*columns).order_by(plan.c.plan_ref))]


def last_log(db: Database) -> dict[str, Any]:
    with db.read() as session:
        after = session.scalar(select(m.ChangeLog.after_json).order_by(m.ChangeLog.id.desc())
                               .limit(1))
    return json.loads(after)


def test_one_executemany_per_statement_whatever_the_size(db: Database, actor: Actor,
                                                         tmp_path: Path) -> None:
    with Statements(db) as small:
        register_import.import_plans(db, register(tmp_path / "a.csv", 12), {}, actor)
    with Statements(db) as large:
        result = register_import.import_plans(
            db, register(tmp_path / "b.csv", 900, twist=1), {}, actor)
    assert small.on_plan() == [("INSERT", True, 12)]
    # 12 plans known (4 of them changed by the twist), 888 new
    assert (result.added, result.updated, result.unchanged) == (888, 4, 8)
    assert large.on_plan() == [("INSERT", True, 888), ("UPDATE", True, 4)]
    assert len(large.seen) == len(small.seen) + 1  # the UPDATE; nothing per row


def test_each_distinct_cell_is_parsed_once(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    calls: list[object] = []
    parse, shown = register_parse._PARSERS["issue_date"]

    def counting(raw: object) -> object:
        calls.append(raw)
        return parse(raw)

    monkeypatch.setitem(register_parse._PARSERS, "issue_date", (counting, shown))
    table = read_table(register(tmp_path / "r.csv", 2000))
    parsed = register_parse.parse_register(table)
    assert parsed.problems == []
    distinct = {row[1] for row in table.rows}
    assert len(distinct) < 400
    assert sorted(calls) == sorted(distinct)


def test_import_builds_no_row_objects(db: Database, actor: Actor, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("the import path built a PlanRow per row")

    monkeypatch.setattr(register_parse, "PlanRow", refuse)
    result = register_import.import_plans(db, register(tmp_path / "r.csv", 50), {}, actor)
    assert result.added == 50


def test_rows_are_built_on_demand_and_match_the_columns(tmp_path: Path) -> None:
    parsed = register_parse.parse_register(read_table(register(tmp_path / "r.csv", 8)))
    assert "rows" not in vars(parsed)
    assert parsed.valid_count == 8
    first = parsed.rows[0]
    assert first == register_parse.PlanRow(
        plan_ref="P000000", issue_date=dt.date(2025, 1, 1), request_date=None,
        plan_type="new", year_group=0, phase="early_years", primary_need="ASD",
        setting="School 0", setting_type="mainstream", team="Team 0", caseworker="CW 0",
        direct_payments=True, row=2)
    assert [r.row for r in parsed.rows] == parsed.columns["row"] == list(range(2, 10))


def test_problems_follow_the_files_column_order(tmp_path: Path) -> None:
    """Within a row, bad cells are listed left to right as the file has them."""
    path = tmp_path / "r.csv"
    path.write_text(
        "Direct Payments,Team,NCY,Date Issued,Person ID,Request Date\n"
        f"maybe,{'t' * 300},99,31/02/2026,,01/01/2026\n"
        "yes,North,7,01/03/2026,A1,02/03/2026\n"
        "no,North,7,01/03/2026,A1,\n",
        encoding="utf-8")
    parsed = register_parse.parse_register(read_table(path))
    assert [(p.row, p.column) for p in parsed.problems] == [
        (2, "Direct Payments"), (2, "Team"), (2, "NCY"), (2, "Date Issued"), (2, "Person ID"),
        (3, "Request Date"),
        (4, "Person ID"),
    ]
    assert parsed.problems[1].value == "t" * 40 + "…"
    assert parsed.problems[-1].reason == "plan_ref repeated (first on row 3)"
    assert parsed.rows == []


def test_a_bad_last_row_rejects_a_large_file_whole(db: Database, actor: Actor,
                                                   tmp_path: Path) -> None:
    path = register(tmp_path / "r.csv", 3000)
    with path.open("a", encoding="utf-8") as f:
        f.write("P000001,01/01/2025,,,,,,,,,\n")
    with pytest.raises(ImportRejected) as caught:
        register_import.import_plans(db, path, {}, actor)
    assert [str(p) for p in caught.value.problems] == [
        "row 3002, column Person ID: plan_ref repeated (first on row 3) ('P000001')"]
    assert stored_plans(db) == []


def test_collector_is_paused_while_rows_are_built_and_restored(
        db: Database, actor: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = register_import.parse_register

    def spy(*args: Any) -> register_parse.ParsedRegister:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(register_import, "parse_register", spy)
    assert gc.isenabled()
    register_import.import_plans(db, register(tmp_path / "r.csv", 10), {}, actor)
    assert seen == [False]
    assert gc.isenabled()
    bad = tmp_path / "bad.csv"
    bad.write_text("Person ID,Date Issued\nA,x\n", encoding="utf-8")
    with pytest.raises(ImportRejected):
        register_import.import_plans(db, bad, {}, actor)
    assert gc.isenabled()


def test_gc_paused_nests_and_keeps_a_disabled_collector_disabled() -> None:
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.fixture
def imported(storage_url: str, actor: Actor,
             tmp_path: Path) -> Iterator[dict[str, Any]]:
    """Three imports (new, changed, unchanged) on ``storage_url`` through the path
    that database normally takes, then again through the portable Core path."""
    out: dict[str, Any] = {}
    for way in ("native", "core"):
        url = storage_url
        if way == "core":
            if storage_url.startswith("postgresql"):
                break  # PostgreSQL always takes the Core path
            url = str(tmp_path / "core.sqlite3")
        db = database.initialise(url, actor).database
        try:
            with pytest.MonkeyPatch.context() as mp:
                if way == "core":
                    mp.setattr(register_import, "_write_sqlite", register_import._write_core)
                counts = [
                    register_import.import_plans(db, register(tmp_path / f"{way}{i}.csv",
                                                              60, twist=i), {}, actor).as_json()
                    for i in (0, 1, 1)
                ]
            with db.read() as session:
                raw = session.execute(text(
                    "SELECT plan_ref, CAST(issue_date AS TEXT), CAST(request_date AS TEXT), "
                    "CAST(direct_payments AS INTEGER), version FROM plan ORDER BY plan_ref"
                )).all()
            out[way] = {"counts": counts, "plans": stored_plans(db), "raw": raw,
                        "log": last_log(db)}
            if way == "native":
                out["sqlite"] = not storage_url.startswith("postgresql")
        finally:
            db.dispose()
    yield out


def test_stored_values_are_the_same_on_every_path(imported: dict[str, Any]) -> None:
    native = imported["native"]
    assert [c["added"] for c in native["counts"]] == [60, 0, 0]
    assert [c["updated"] for c in native["counts"]] == [0, 20, 0]
    assert [c["unchanged"] for c in native["counts"]] == [0, 40, 60]
    assert native["log"] == {"added": 0, "updated": 0, "unchanged": 60, "changed_refs": []}
    first = native["plans"][0]
    assert first[:3] == ("P000000", dt.date(2025, 1, 1), None)
    assert native["raw"][1][:4] == ("P000001", "2025-02-02", "2025-01-02", 0)
    assert {r[4] for r in native["raw"]} == {1, 2}
    if imported["sqlite"]:
        assert imported["core"]["plans"] == native["plans"]
        assert imported["core"]["raw"] == native["raw"]
        assert imported["core"]["counts"] == native["counts"]


def test_updated_at_is_stored_as_sqlalchemy_stores_it(db: Database, actor: Actor,
                                                      tmp_path: Path) -> None:
    register_import.import_plans(db, register(tmp_path / "r.csv", 5), {}, actor)
    with db.read() as session:
        stamps = session.execute(text("SELECT updated_at FROM plan")).scalars().all()
        typed = session.execute(select(m.Plan.updated_at)).scalars().all()
    assert all(len(s) == len("2026-01-01 00:00:00.000000") for s in stamps)
    assert all(isinstance(t, dt.datetime) for t in typed)
