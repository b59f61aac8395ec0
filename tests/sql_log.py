"""The SQL a piece of code sends, for tests that count statements or explain them.

Counting what a screen or service sends is how the tests catch N+1 queries and
full-table scans; one recorder keeps those tests reading the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event

from qa_audit.storage.engine import Database


@dataclass(frozen=True)
class Sent:
    sql: str  # whitespace collapsed to single spaces
    params: Any
    many: bool

    @property
    def is_select(self) -> bool:
        return self.sql.upper().startswith("SELECT")


def sent_by(db: Database, action: Callable[[], object]) -> list[Sent]:
    """Every statement ``action`` sent to ``db``'s engine, in order."""
    seen: list[Sent] = []

    def record(_conn: Any, _cursor: Any, sql: str, params: Any, _context: Any,
               many: bool) -> None:
        seen.append(Sent(" ".join(sql.split()), params, many))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen
