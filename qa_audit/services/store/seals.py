"""Seals: tamper evidence for the rows a grade depends on, not just for the log.

Every transaction that writes an audit, answer, shortfall attribution or theme
row appends one change-log entry (entity ``seal``) holding the SHA-256 digest of
each row it wrote, keyed ``"<kind>:<id>"`` (``null``: the app deleted it). The
entry is in the hash chain, so a digest cannot be changed without breaking the
chain. ``verify`` replays the seals and recomputes the digests of the rows as
they stand: a row edited, deleted or inserted with another tool (a raw
``UPDATE`` in the sqlite3 shell) no longer matches its last seal, or has none.

Rows are found without each service's help: ORM changes are collected after
every flush, and Core statements that write these tables call ``touch`` (the
autosave fast path, retention). A digest covers the row's non-null columns, so a
later migration that adds a nullable column does not unseal every row; one that
fills a new column must reseal (``seal_everything``).

Limit (see docs/it-and-information-governance.md): someone with the file who
rewrites the rows, their seals and every later entry consistently is not caught
here; the chain head printed on earlier reports is the defence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import socket
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from itertools import chain
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    RowMapping,
    Table,
    event,
    insert,
    select,
)
from sqlalchemy.orm import Session

from qa_audit.services import changelog
from qa_audit.services.actor import Actor
from qa_audit.storage import models as m

ENTITY = "seal"
PROTECTED: dict[str, Table] = {
    "audit": m.Audit.__table__,
    "answer": m.Answer.__table__,
    "attribution": m.ShortfallAttribution.__table__,
    "theme": m.ThemeTag.__table__,
}
_KIND: dict[type, str] = {m.Audit: "audit", m.Answer: "answer",
                          m.ShortfallAttribution: "attribution", m.ThemeTag: "theme"}
_PENDING = "seals.pending"  # session.info: {(kind, id): row mapping or None = read it}
_RANGES = "seals.ranges"  # session.info: [(kind, low id, high id)]: every row there is new
_DESCRIBE = {"audit": "audit", "answer": "answer", "attribution": "shortfall attribution",
             "theme": "theme tag"}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def digest(kind: str, row: Mapping[str, Any] | RowMapping) -> str:
    """SHA-256 of the row's non-null columns (names sorted) and its kind."""
    return _digest_pairs(kind, ((c.name, row.get(c.name)) for c in PROTECTED[kind].columns))


_DATES = (dt.datetime, dt.date)


def _digest_pairs(kind: str, pairs: Iterable[tuple[str, Any]]) -> str:
    """The digest of (column, value) pairs: non-null ones, sorted by column name, each
    written ``name=repr(value)`` (dates in ISO form) -- a fixed, cheap encoding, since a
    bulk import seals about 100,000 rows inside its write transaction."""
    parts = [kind]
    for name, v in sorted(p for p in pairs if p[1] is not None):
        parts.append(f"{name}={(v.isoformat() if isinstance(v, _DATES) else v)!r}")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@cache
def _layout(kind: str) -> tuple[tuple[int, str, bool], ...]:
    """The table's columns in digest order: (position, ``name=``, is a date)."""
    cols = list(PROTECTED[kind].columns)
    return tuple((i, f"{cols[i].name}=", isinstance(cols[i].type, Date | DateTime))
                 for i in sorted(range(len(cols)), key=lambda i: cols[i].name))


def _digest_tuple(kind: str, layout: tuple[tuple[int, str, bool], ...],
                  values: Sequence[Any]) -> str:
    """``_digest_pairs`` of a row read as a tuple, with the column order worked out once
    per table (the same digest; a bulk import's seal hashes ~100,000 rows)."""
    parts = [kind]
    for i, prefix, is_date in layout:
        v = values[i]
        if v is not None:
            parts.append(prefix + repr(v.isoformat() if is_date else v))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def touch(session: Session, kind: str, row_id: int, row: Mapping[str, Any] | None = None,
          *, deleted: bool = False) -> None:
    """A Core statement wrote (or ``deleted``) this row: seal it when the transaction
    commits. ``row``: its full new values when the caller has them (saves a read)."""
    pending = session.info.setdefault(_PENDING, {})
    pending[(kind, int(row_id))] = {} if deleted else (dict(row) if row is not None else None)


def touch_range(session: Session, kind: str, low: int, high: int) -> None:
    """A bulk insert wrote every ``kind`` row with an id from ``low`` to ``high``: seal
    them at commit, read by range (no per-row bookkeeping for 100,000 rows)."""
    if low <= high:
        session.info.setdefault(_RANGES, []).append((kind, low, high))


def touch_many(session: Session, kind: str, ids: Iterable[int], *, deleted: bool) -> None:
    for row_id in ids:
        touch(session, kind, row_id, deleted=deleted)


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _ctx: object) -> None:
    """ORM writes of protected rows, whichever service made them."""
    pending = None
    deleted = session.deleted  # (each of these properties is computed when read)
    marks: Iterable[tuple[Any, dict[str, Any] | None]] = chain(((o, None) for o in session.new),
                  ((o, None) for o in session.dirty if session.is_modified(o)),
                  ((o, {}) for o in deleted))
    for obj, mark in marks:
        kind = _KIND.get(type(obj))
        if kind is None or obj.id is None:
            continue
        if pending is None:
            pending = session.info.setdefault(_PENDING, {})
        pending[(kind, obj.id)] = mark


@event.listens_for(Session, "before_commit")
def _seal_on_commit(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()  # the last ORM changes join the pending set
    pending = session.info.pop(_PENDING, None)
    ranges = session.info.pop(_RANGES, None)
    if not pending and not ranges:
        session.info.pop(changelog.HEAD_HINT, None)
        return
    state = _digests(session.connection(), pending or {}, ranges or ())
    actor = session.info.get(changelog.ACTOR) or Actor.current()
    changelog.append(session, actor, ENTITY, "rows", "seal", after=state)
    session.info.pop(changelog.HEAD_HINT, None)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_RANGES, None)
    session.info.pop(changelog.HEAD_HINT, None)


def acting(session: Session, actor: Actor) -> None:
    """Who this transaction's seal is by (when it records no other entry first)."""
    session.info[changelog.ACTOR] = actor


def _digests(conn: Connection, pending: Mapping[tuple[str, int], Any],
             ranges: Iterable[tuple[str, int, int]] = ()) -> dict[str, str | None]:
    """``"kind:id"`` -> digest of the row as it now stands (None: it no longer exists)."""
    state: dict[str, str | None] = {}
    to_read: dict[str, list[int]] = {}
    for (kind, row_id), row in pending.items():
        if row == {}:
            state[f"{kind}:{row_id}"] = None
        elif row is not None:
            state[f"{kind}:{row_id}"] = digest(kind, row)
        else:
            to_read.setdefault(kind, []).append(row_id)
    for kind, low, high in ranges:
        at = [c.name for c in PROTECTED[kind].columns].index("id")
        layout = _layout(kind)
        for values in _rows_between(conn, kind, low, high):
            state[f"{kind}:{values[at]}"] = _digest_tuple(kind, layout, values)
    for kind, ids in to_read.items():
        found = {}
        wanted = set(ids)
        # runs of consecutive ids (a bulk import's rows) are read with one range query
        # each, not 500 ids at a time
        at = [c.name for c in PROTECTED[kind].columns].index("id")
        layout = _layout(kind)
        for low, high in _runs(sorted(wanted)):
            for values in _rows_between(conn, kind, low, high):
                if values[at] in wanted:
                    found[values[at]] = _digest_tuple(kind, layout, values)
        for row_id in ids:
            state[f"{kind}:{row_id}"] = found.get(row_id)
    return state


def _rows_between(conn: Connection, kind: str, low: int, high: int) -> Iterable[Sequence[Any]]:
    """The rows with ids from ``low`` to ``high`` as tuples in column order, values as
    SQLAlchemy gives them. On SQLite they are read through the driver and converted here
    (dates, times, booleans): SQLAlchemy's per-row processing was most of a bulk seal."""
    table = PROTECTED[kind]
    if conn.dialect.name != "sqlite":
        return conn.execute(select(table).where(table.c.id.between(low, high))).tuples()
    names = ", ".join(c.name for c in table.columns)
    raw = conn.exec_driver_sql(
        f"SELECT {names} FROM {table.name} WHERE id BETWEEN ? AND ?", (low, high)).fetchall()
    convert = _converters(kind)
    if not convert:
        return raw
    out = []
    for row in raw:
        values = list(row)
        for i, fn in convert:
            if values[i] is not None:
                values[i] = fn(values[i])
        out.append(values)
    return out


@cache
def _converters(kind: str) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """(position, function) for the columns whose stored SQLite value is not what
    SQLAlchemy returns: DATE and DATETIME text, BOOLEAN 0/1."""
    out: list[tuple[int, Callable[[Any], Any]]] = []
    for i, c in enumerate(PROTECTED[kind].columns):
        if isinstance(c.type, DateTime):
            out.append((i, _parsed(dt.datetime.fromisoformat)))
        elif isinstance(c.type, Date):
            out.append((i, _parsed(dt.date.fromisoformat)))
        elif isinstance(c.type, Boolean):
            out.append((i, bool))
    return tuple(out)


def _parsed(parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    """``parse`` for text; anything it cannot read is kept as stored (its digest then
    differs from the seal's, and ``db check`` names the row)."""
    def convert(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return parse(value)
        except ValueError:
            return value
    return convert


def _runs(ids: list[int], gap: int = 64) -> list[tuple[int, int]]:
    """Sorted ids as (low, high) ranges, joining ids less than ``gap`` apart."""
    runs: list[tuple[int, int]] = []
    for i in ids:
        if runs and i - runs[-1][1] < gap:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def current_digests(conn: Connection) -> dict[str, str]:
    """Every protected row's digest, read now."""
    out = {}
    for kind, table in PROTECTED.items():
        at = [c.name for c in table.columns].index("id")
        layout = _layout(kind)
        for values in conn.execute(select(table)).tuples():
            out[f"{kind}:{values[at]}"] = _digest_tuple(kind, layout, values)
    return out


def sealed_state(conn: Connection) -> tuple[dict[str, str], int]:
    """The last sealed digest of every row the app says exists, and the seals read."""
    state: dict[str, str] = {}
    count = 0
    log = m.ChangeLog.__table__
    rows = conn.execute(select(log.c.after_json).where(log.c.entity == ENTITY)
                        .order_by(log.c.id))
    for (after,) in rows:
        count += 1
        for key, value in json.loads(after or "{}").items():
            if value is None:
                state.pop(key, None)
            else:
                state[key] = value
    return state, count


def verify(session: Session) -> list[str]:
    """Rows changed, deleted or inserted since the app last sealed them; [] when none."""
    conn = session.connection()
    sealed, _count = sealed_state(conn)
    now = current_digests(conn)
    problems = []
    wrong = sorted((k for k in set(sealed) | set(now) if sealed.get(k) != now.get(k)),
                   key=_order)
    where = _where(conn, [k for k in wrong if k in now])
    for key in wrong:
        kind, row_id = key.split(":")
        what = f"{_DESCRIBE[kind]} row {row_id}{where.get(key, '')}"
        if key not in now:
            problems.append(f"{what} was deleted outside the app (its last saved state is "
                            "in the change log)")
        elif key not in sealed:
            problems.append(f"{what} was written outside the app (the change log has no "
                            "saved state for it)")
        elif sealed[key] != now[key]:
            problems.append(f"{what} was changed outside the app since it was last saved")
    return problems


def _where(conn: Connection, keys: list[str]) -> dict[str, str]:
    """`` (session S, plan P, auditor A[, question Q])`` for rows that still exist."""
    ids: dict[str, list[int]] = {}
    for key in keys:
        kind, row_id = key.split(":")
        ids.setdefault(kind, []).append(int(row_id))
    au, an, sa, tt = (PROTECTED[k] for k in ("audit", "answer", "attribution", "theme"))
    s, p = m.AuditSession.__table__, m.Plan.__table__
    audit_cols = (s.c.name, p.c.plan_ref, au.c.auditor)
    base = au.join(s, s.c.id == au.c.session_id).join(p, p.c.id == au.c.plan_id)
    queries = {
        "audit": select(au.c.id, *audit_cols).select_from(base),
        "answer": select(an.c.id, *audit_cols, an.c.question_id)
        .select_from(base.join(an, an.c.audit_id == au.c.id)),
        "attribution": select(sa.c.id, *audit_cols, an.c.question_id)
        .select_from(base.join(an, an.c.audit_id == au.c.id)
                     .join(sa, sa.c.answer_id == an.c.id)),
        "theme": select(tt.c.id, *audit_cols).select_from(base.join(tt, tt.c.audit_id == au.c.id)),
    }
    out = {}
    for kind, wanted in ids.items():
        table = PROTECTED[kind]
        for row in conn.execute(queries[kind].where(table.c.id.in_(wanted[:1000]))):
            question = f", question {row[4]}" if len(row) > 4 else ""
            out[f"{kind}:{row[0]}"] = (f" (session {row[1]!r}, plan {row[2]}, "
                                       f"auditor {row[3]}{question})")
    return out


def _order(key: str) -> tuple[int, int]:
    kind, row_id = key.split(":")
    return list(PROTECTED).index(kind), int(row_id)


def seal_everything(conn: Connection, reason: str = "upgrade") -> None:
    """One seal of every protected row as it stands (the upgrade that starts sealing)."""
    state: dict[str, str | None] = dict(current_digests(conn))
    if not state:
        return
    log = m.ChangeLog.__table__
    head = conn.execute(select(log.c.hash).order_by(log.c.id.desc()).limit(1)).scalar()
    actor = Actor(f"qa-audit {reason}", socket.gethostname() or "unknown")
    conn.execute(insert(log).values(changelog.entry_values(
        head or changelog.GENESIS, actor, ENTITY, "rows", "seal", after=state)))
