"""Create or upgrade a database: new files are created and stamped at head;
older ones are backed up first, then upgraded in one exclusive transaction so a
crash leaves either the old schema or the new one, never half of each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from qa_audit.errors import DatabaseError
from qa_audit.storage.engine import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def schema_state(db: Database) -> str:
    """'empty', 'current', 'old', 'newer' (written by a newer app) or 'foreign'."""
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        rev = MigrationContext.configure(conn).get_current_revision()
    if not tables:
        return "empty"
    if rev is None:
        return "foreign"
    script = ScriptDirectory.from_config(alembic_config())
    if rev == script.get_current_head():
        return "current"
    try:
        script.get_revision(rev)
    except Exception:  # noqa: BLE001 - alembic raises several types for unknown revisions
        return "newer"
    return "old"


def _run(db: Database, fn: str, *args: str) -> None:
    cfg = alembic_config()
    with db.engine.execution_options(sqlite_begin="EXCLUSIVE").connect() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, fn)(cfg, *args)
        conn.commit()


def initialise(db: Database, *, backup_to: Path | None = None) -> str:
    """Bring the database to the current schema; returns what was done."""
    state = schema_state(db)
    if state == "current":
        return "already current"
    if state == "foreign":
        raise DatabaseError(f"{db.name} holds tables this app did not create; refusing to use it.")
    if state == "newer":
        raise DatabaseError(
            f"{db.name} was written by a newer version of qa-audit. Update the app to use it."
        )
    if state == "empty":
        _run(db, "upgrade", "head")
        return "created"
    if backup_to is not None and db.target.path is not None:
        from qa_audit.storage.backup import backup_database

        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_database(db, backup_to / f"{db.target.path.stem}-before-upgrade-{stamp}.sqlite3")
    _run(db, "upgrade", "head")
    return "upgraded"
