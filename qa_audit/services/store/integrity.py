"""The change log's chain head, read-only, for ``db check`` and exported reports.

Reports should print ``chain_head_of(db)`` (or ``changelog.chain_head`` inside a
session): whoever holds the file can rebuild the whole chain, but not match a
head already printed on paper.
"""

from __future__ import annotations

from sqlalchemy import func, select

from qa_audit.services import changelog
from qa_audit.services.store.database import open_existing
from qa_audit.storage import models as m


def chain_head_of(db_arg: str | None, *, passphrase: str | None = None) -> tuple[str, int]:
    """(chain head hash, number of entries) of the database's change log."""
    db = open_existing(db_arg, passphrase=passphrase)
    try:
        with db.read() as s:
            return changelog.chain_head(s), s.scalar(select(func.count(m.ChangeLog.id))) or 0
    finally:
        db.dispose()
