"""The register's first rows at start-up, read before SQLAlchemy is imported (issue 16).

Opening a county database costs the services' import (SQLAlchemy alone is about three
times a bare Qt import) and the open's checks; the Plans page's first rows do not need
them. While the app opens the file, it shows the newest plans read here with the
standard library's ``sqlite3``, read-only, in the register's own order
(``plans.list_plans``'s default): only a plain SQLite file, and nothing at all when the
query fails (an older schema, a lock, an encrypted or damaged file): the open then
shows them. The open's background integrity check (``storage.precheck``) is not waited
for: on a county file it takes most of a second, and a read-only query cannot harm the
file (SQLite reports a damaged page as an error, caught here). A file the check has
already found damaged gets no preview; one it finds damaged later is refused by the
open, which replaces the preview with the refusal.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from qa_audit.services.plan_rows import PlanRow, shared_values
from qa_audit.storage import precheck
from qa_audit.storage.uri import sqlite_uri

__all__ = ["Preview", "first_rows"]

#: The columns of ``plans.list_plans``, in its order (the audits: sessions that scored
#: the plan), newest issued first then plan ref: its default order.
_FIRST_ROWS = """
SELECT plan_ref, issue_date, request_date, plan_type, year_group, phase, primary_need,
       setting, setting_type, team, caseworker, direct_payments,
       (SELECT count(DISTINCT audit.session_id) FROM audit WHERE audit.plan_id = plan.id),
       custom_fields
FROM plan ORDER BY issue_date DESC, plan_ref LIMIT ?
"""


@dataclass(frozen=True)
class Preview:
    """How many plans the register holds and the newest ``len(rows)`` of them."""

    total: int
    rows: list[PlanRow]


def first_rows(db_arg: str | None, limit: int) -> Preview | None:
    """The newest ``limit`` plans of the file ``db_arg`` names, or None (not a checked
    plain SQLite file, or it could not be read: the open will say why)."""
    if not db_arg or "://" in db_arg:
        return None
    try:
        path = Path(db_arg).expanduser().resolve()
        if precheck.found_damaged(path):
            return None
        con = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=0.5)
        try:
            total = con.execute("SELECT count(*) FROM plan").fetchone()[0]
            rows = con.execute(_FIRST_ROWS, (limit,)).fetchall()
        finally:
            con.close()
        return Preview(int(total), shared_values(_typed(r) for r in rows))
    except (OSError, RuntimeError, sqlite3.Error, ValueError, TypeError):
        return None


def _typed(row: tuple[object, ...]) -> tuple[object, ...]:
    """SQLite's text dates and 0/1 flags as the ORM types them."""
    values = list(row)
    for i in (1, 2):  # issue_date, request_date
        values[i] = None if values[i] is None else _date(values[i])
    if values[11] is not None:
        values[11] = bool(values[11])
    return tuple(values)


def _date(value: object) -> dt.date:
    return dt.date.fromisoformat(str(value)[:10])
