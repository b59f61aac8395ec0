"""Plan register and advice imports: all or nothing, bulk writes.

The file is read and every row validated before the database is touched; any
bad row means nothing is written and every bad row is listed. Good files are
written in one transaction with one executemany per statement; on SQLite the
plan register goes straight to the driver (see ``_write_sqlite``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Dialect,
    Insert,
    Update,
    bindparam,
    insert,
    literal_column,
    select,
    update,
)

from qa_audit.domain.plan_fields import (
    decode_custom,
    encode_custom,
    fields_a_reimport_replaces,
    merge_custom,
)
from qa_audit.domain.plan_ref import keyed, plan_ref_key
from qa_audit.errors import ImportRejected, RowProblem
from qa_audit.importing.advice_parse import parse_advice, problems_for_unknown_plans
from qa_audit.importing.register_parse import ParsedRegister, parse_register
from qa_audit.importing.tabular import gc_paused, read_table
from qa_audit.services import changelog
from qa_audit.services.actor import Actor
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

Progress = Callable[[int, str], None]  # percent, stage

PLAN_COLUMNS = (
    "issue_date",
    "request_date",
    "plan_type",
    "year_group",
    "phase",
    "primary_need",
    "setting",
    "setting_type",
    "team",
    "caseworker",
    "direct_payments",
    "exception",
)


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "ignored_columns": self.ignored_columns,
        }

    def describe(self, what: str) -> str:
        text = f"{what}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged."
        if self.ignored_columns:
            text += " Columns not used: " + ", ".join(self.ignored_columns) + "."
        return text


def _noop(_pct: int, _stage: str) -> None:
    return None


def _reject(path: Path, problems: list[RowProblem]) -> ImportRejected:
    rows = len({p.row for p in problems})
    return ImportRejected(
        f"{path.name}: {rows} bad row{'s' if rows != 1 else ''}; nothing was imported", problems
    )


def import_plans(
    db: Database,
    path: Path,
    mapping: dict[str, str],
    actor: Actor,
    progress: Progress = _noop,
    custom: Mapping[str, str | None] | None = None,
) -> ImportResult:
    """Validate the whole register file, then add and update its plans in one transaction.

    ``custom``: the council's own fields to keep (``--field NAME[=HEADER]``: name ->
    header or None). A plan's other stored custom fields are kept; a blank cell
    removes that field from the plan.
    """
    with gc_paused():
        return _import_plans(db, Path(path), mapping, actor, progress, dict(custom or {}))


def _import_plans(
    db: Database, path: Path, mapping: dict[str, str], actor: Actor, progress: Progress,
    custom: dict[str, str | None],
) -> ImportResult:
    progress(5, "Reading file")
    table = read_table(path)
    progress(30, "Checking rows")
    parsed = parse_register(table, mapping, custom)
    del table  # the cells are no longer needed: free them before writing
    if parsed.problems:
        raise _reject(path, parsed.problems)
    result = ImportResult(ignored_columns=list(parsed.ignored_columns))
    progress(55, "Writing plans")
    plan = m.Plan.__table__
    columns = parsed.columns
    refs: list[str] = columns["plan_ref"]
    # custom fields: one more column, the merged JSON, compared and written like the others
    names = (*PLAN_COLUMNS, "custom_fields") if custom else PLAN_COLUMNS
    with db.write() as session:
        conn = session.connection()
        existing = {  # a second spelling of a ref updates the plan (keeps its spelling)
            plan_ref_key(row[1]): (row[0], row[2:])
            for row in conn.execute(
                select(plan.c.id, plan.c.plan_ref, *[plan.c[c] for c in names])
            )
        }
        if custom:
            columns = {**columns, "custom_fields": _custom_json(parsed.custom, refs, existing)}
        inserts: list[int] = []  # positions in the parsed columns
        updates: list[tuple[int, int]] = []  # (position, plan id)
        # a re-import replaces only the fields the file has a column for
        replaced = fields_a_reimport_replaces(set(parsed.header_of))
        compared = [i for i, c in enumerate(names) if c in replaced or c == "custom_fields"]
        updated_names = tuple(names[i] for i in compared)
        if existing:
            values = zip(*(columns[names[i]] for i in compared), strict=True)
            for n, (ref, new) in enumerate(zip(refs, values, strict=True)):
                old = existing.get(plan_ref_key(ref))
                if old is None:
                    inserts.append(n)
                elif tuple(old[1][i] for i in compared) != new:
                    updates.append((n, old[0]))
                else:
                    result.unchanged += 1
            if "request_date" not in replaced:
                _check_kept_request_dates(path, parsed, columns, updates, existing)
        else:
            inserts = list(range(len(refs)))
        write = _write_sqlite if conn.dialect.name == "sqlite" else _write_core
        now = m.utcnow()
        write(conn, columns, inserts, [], actor.user, now, names)
        write(conn, columns, [], updates, actor.user, now, updated_names)
        result.added, result.updated = len(inserts), len(updates)
        progress(90, "Recording the change")
        changelog.record(
            session,
            actor,
            "plan_register",
            path.name,
            "import",
            after={
                "added": result.added,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "changed_refs": [refs[n] for n, _ in updates[:500]],
                **({"custom_fields": sorted(custom)} if custom else {}),
            },
        )
    progress(100, "Done")
    return result


_Columns = dict[str, list[Any]]


def _check_kept_request_dates(path: Path, parsed: ParsedRegister, columns: _Columns,
                              updates: list[tuple[int, int]],
                              existing: dict[str, tuple[int, Sequence[Any]]]) -> None:
    """A file without request dates must not move an issue date before a kept one."""
    at = PLAN_COLUMNS.index("request_date")
    problems = []
    for n, _ in updates:
        issued = columns["issue_date"][n]
        kept = existing[plan_ref_key(columns["plan_ref"][n])][1][at]
        if kept is not None and kept > issued:
            problems.append(RowProblem(
                columns["row"][n],
                parsed.header_of["issue_date"], issued.isoformat(),
                f"issue_date is before the stored request_date ({kept.isoformat()}), which "
                "this file (no request_date column) keeps"))
    if problems:
        raise _reject(path, problems)


def _custom_json(custom: dict[str, list[str | None]], refs: list[str],
                 existing: dict[str, tuple[int, Sequence[Any]]]) -> list[str | None]:
    """Each row's stored custom-field JSON: the plan's stored fields with this file's
    fields replaced (kept on re-import; a blank cell removes the field)."""
    names = list(custom)
    out: list[str | None] = []
    for n, ref in enumerate(refs):
        old = existing.get(plan_ref_key(ref))
        stored = decode_custom(old[1][-1]) if old is not None else {}
        out.append(encode_custom(merge_custom(stored, {k: custom[k][n] for k in names})))
    return out


def _insert_statement(columns: tuple[str, ...] = PLAN_COLUMNS) -> Insert:
    plan = m.Plan.__table__
    names = ("plan_ref", *columns, "version", "updated_at", "updated_by")
    return insert(plan).values({name: bindparam(name, type_=plan.c[name].type)
                                for name in names})


def _update_statement(columns: tuple[str, ...] = PLAN_COLUMNS) -> Update:
    plan = m.Plan.__table__
    names = (*columns, "updated_at", "updated_by")
    return (
        update(plan)
        .where(plan.c.id == bindparam("b_id", type_=plan.c.id.type))
        .values(version=plan.c.version + literal_column("1"),
                **{name: bindparam(name, type_=plan.c[name].type) for name in names})
    )


def _write_core(conn: Connection, columns: _Columns, inserts: list[int],
                updates: list[tuple[int, int]], user: str, now: dt.datetime,
                written: tuple[str, ...] = PLAN_COLUMNS) -> None:
    """Portable writes (any database SQLAlchemy supports), one executemany each."""
    names = ("plan_ref", *written)
    if inserts:
        conn.execute(_insert_statement(written), [
            {**{c: columns[c][n] for c in names},
             "version": 1, "updated_at": now, "updated_by": user}
            for n in inserts
        ])
    if updates:
        conn.execute(_update_statement(written), [
            {**{c: columns[c][n] for c in written},
             "updated_at": now, "updated_by": user, "b_id": plan_id}
            for n, plan_id in updates
        ])


def _write_sqlite(conn: Connection, columns: _Columns, inserts: list[int],
                  updates: list[tuple[int, int]], user: str, now: dt.datetime,
                  written: tuple[str, ...] = PLAN_COLUMNS) -> None:
    """SQLite writes straight to the driver, one executemany each.

    Same statements and stored values as :func:`_write_core`, but the values
    are converted to SQLite's storage form (ISO date text, 0/1) once per
    distinct value, not once per cell through SQLAlchemy's per-row parameter
    processing, which took most of a 50,000-row import.
    """
    dialect = conn.dialect
    if inserts:
        sql, order = _compiled(_insert_statement(written), dialect)
        constants = {"version": 1, "updated_at": now, "updated_by": user}
        conn.exec_driver_sql(sql, _driver_rows(dialect, order, columns, inserts, constants))
    if updates:
        sql, order = _compiled(_update_statement(written), dialect)
        constants = {"updated_at": now, "updated_by": user}
        ids = {"b_id": [plan_id for _, plan_id in updates]}
        positions = [n for n, _ in updates]
        conn.exec_driver_sql(
            sql, _driver_rows(dialect, order, {**columns, **ids}, positions, constants,
                              direct=frozenset(ids)))


def _compiled(stmt: Insert | Update, dialect: Dialect) -> tuple[str, list[str]]:
    """The statement's SQL for ``dialect`` and its parameter names in order."""
    compiled = stmt.compile(dialect=dialect)
    if compiled.positiontup is None:
        raise RuntimeError(f"{dialect.name} does not use positional parameters")
    return compiled.string, list(compiled.positiontup)


def _driver_rows(dialect: Dialect, order: list[str], columns: _Columns, positions: list[int],
                 constants: dict[str, object], direct: frozenset[str] = frozenset(),
                 ) -> list[tuple[object, ...]]:
    """Parameter tuples in ``order``: ``columns`` at ``positions`` (``direct`` ones
    already in order, one per position), and ``constants`` the same on every row,
    each converted with the column type's bind processor once per distinct value."""
    plan = m.Plan.__table__
    everything = len(positions) == len(columns["plan_ref"])  # positions ascend, no repeats
    lists: list[Iterable[object]] = []
    for name in order:
        processor = (plan.c[name].type.dialect_impl(dialect).bind_processor(dialect)
                     if name in plan.c else None)
        if name in constants:
            value = constants[name]
            lists.append(repeat(processor(value) if processor else value))
            continue
        values = columns[name]
        if name not in direct and not everything:
            values = [values[n] for n in positions]
        if processor is not None:
            stored = {value: processor(value) for value in set(values)}
            values = list(map(stored.__getitem__, values))
        lists.append(values)
    return list(zip(*lists, strict=False))  # constants repeat without end


def import_advice(
    db: Database,
    path: Path,
    mapping: dict[str, str],
    actor: Actor,
    progress: Progress = _noop,
) -> ImportResult:
    """Add and update advice requests; a file without a received_date column keeps the
    stored returns (docs/contract-readings.md)."""
    path = Path(path)
    progress(5, "Reading file")
    table = read_table(path)
    progress(30, "Checking rows")
    parsed = parse_advice(table, mapping)
    advice = m.AdviceRequest.__table__
    plan = m.Plan.__table__
    with db.write() as session:
        plan_ids = keyed(session.execute(select(plan.c.plan_ref, plan.c.id)).tuples().all())
        problems = list(parsed.problems)
        problems += problems_for_unknown_plans(parsed.rows, set(plan_ids))
        if problems:
            problems.sort(key=lambda p: (p.row, p.column))
            raise _reject(path, problems)
        result = ImportResult(ignored_columns=list(parsed.ignored_columns))
        existing = {
            (row.plan_id, row.service, row.requested_date): row
            for row in session.execute(
                select(
                    advice.c.id,
                    advice.c.plan_id,
                    advice.c.service,
                    advice.c.requested_date,
                    advice.c.received_date,
                )
            )
        }
        inserts, updates = [], []
        for r in parsed.rows:
            key = (plan_ids[plan_ref_key(r.plan_ref)], r.service, r.requested_date)
            old = existing.get(key)
            if old is None:
                inserts.append(
                    {
                        "plan_id": key[0],
                        "service": r.service,
                        "requested_date": r.requested_date,
                        "received_date": r.received_date,
                    }
                )
            elif "received_date" not in parsed.header_of:
                result.unchanged += 1  # a list of requests only: returns kept
            elif old.received_date != r.received_date:
                updates.append({"b_id": old.id, "received_date": r.received_date})
            else:
                result.unchanged += 1
        progress(60, "Writing advice requests")
        if inserts:
            session.execute(insert(advice), inserts)
        if updates:
            session.execute(update(advice).where(advice.c.id == bindparam("b_id")), updates)
        result.added, result.updated = len(inserts), len(updates)
        changelog.record(
            session,
            actor,
            "advice",
            path.name,
            "import",
            after={"added": result.added, "updated": result.updated, "unchanged": result.unchanged},
        )
    progress(100, "Done")
    return result
