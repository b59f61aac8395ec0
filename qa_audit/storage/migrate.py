"""Create or upgrade a database: new files are created and stamped at head;
older ones are backed up first, then upgraded in one exclusive transaction so a
crash leaves either the old schema or the new one, never half of each.

Upgrades happen only by explicit action (``qa-audit init`` / ``db migrate`` or
the GUI's upgrade button); opening an older file is refused with that advice,
and a file written by a newer app opens read-only.

On SQLite the migration connection runs with ``foreign_keys=OFF`` (set before
the transaction begins, as SQLite requires): Alembic's batch mode rebuilds a
table by copy, drop and rename, and with foreign keys on, dropping a parent
table would run its ``ON DELETE CASCADE`` actions. ``foreign_key_check`` runs
inside the transaction before it commits instead.

Almost every open finds the schema already current: that is answered with one
SELECT of ``alembic_version`` against ``HEAD_REVISION``, without importing
Alembic (about a tenth of a second of start-up). A test keeps the constant equal
to the migration scripts' head.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect
from sqlalchemy.exc import DBAPIError

from qa_audit import paths
from qa_audit.errors import DatabaseError
from qa_audit.storage import backups
from qa_audit.storage.engine import Database

if TYPE_CHECKING:
    from collections.abc import Callable

    from alembic.config import Config
    from sqlalchemy.engine import Connection

# Alembic reads env.py and versions/*.py as files: from source they sit beside this
# module; build.spec ships them under the same path inside the bundle.
MIGRATIONS = paths.bundled("qa_audit", "storage", "migrations")

#: The newest revision in ``migrations/versions`` (change it with each new migration;
#: ``tests/unit/test_migrate_head.py`` fails until it is).
HEAD_REVISION = "0007"


def alembic_config(script_location: Path | None = None) -> Config:
    # deferred: Alembic is heavy and needed only to migrate
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or MIGRATIONS))
    return cfg


def head_revision(script_location: Path | None = None) -> str:
    """The head of the migration scripts, as Alembic reads them."""
    # deferred: Alembic is heavy and needed only to migrate
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    # deferred: Alembic is heavy and needed only to migrate
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _stamped_at_head(db: Database) -> bool:
    """One SELECT: the file is stamped with exactly ``HEAD_REVISION`` (no Alembic)."""
    try:
        with db.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    except DBAPIError:  # no version table (empty or foreign): the full look decides
        return False
    return [tuple(row) for row in rows] == [(HEAD_REVISION,)]


def schema_state(db: Database, script_location: Path | None = None) -> str:
    """'empty', 'current', 'old', 'newer' (written by a newer app) or 'foreign'."""
    if script_location is None and _stamped_at_head(db):
        return "current"
    # deferred: Alembic is heavy and needed only to migrate
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        rev = MigrationContext.configure(conn).get_current_revision()
    if not tables:
        return "empty"
    if rev is None:
        return "foreign"
    script = ScriptDirectory.from_config(alembic_config(script_location))
    if rev == script.get_current_head():
        return "current"
    try:
        script.get_revision(rev)
    except Exception:  # noqa: BLE001 - alembic raises several types for unknown revisions
        return "newer"
    return "old"


NEWER_MESSAGE = (
    "{name} was written by a newer version of qa-audit, so this version opens it read-only: "
    "you can look and run reports, but not save. Update the app to make changes."
)


def _outside_transaction(conn: Connection, sql: str) -> None:
    """``sql`` on the DB-API connection itself, so SQLAlchemy begins no transaction."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
    finally:
        cursor.close()


#: Stores upgraded from these revisions had no seal yet: the upgrade takes the first.
UNSEALED_REVISIONS = frozenset({"0001", "0002", "0003"})


def _run(db: Database, fn: str, *args: str, script_location: Path | None = None,
         then: Callable[[Connection], None] | None = None) -> None:
    """Run an Alembic command under the write lock; ``then`` runs on the same
    connection before the commit (e.g. the first seal of an upgraded store)."""
    # deferred: Alembic is heavy and needed only to migrate
    from alembic import command

    db.ensure_writable()
    cfg = alembic_config(script_location)
    if not db.is_sqlite:
        # the server's write lock (storage.engine): no save interleaves with the upgrade
        with db.engine.execution_options(sqlite_begin="EXCLUSIVE").connect() as conn:
            cfg.attributes["connection"] = conn
            getattr(command, fn)(cfg, *args)
            if then is not None:
                then(conn)
            conn.commit()
        return
    with db.engine.execution_options(sqlite_begin="EXCLUSIVE").connect() as conn:
        # outside any transaction (SQLite ignores this pragma inside one)
        _outside_transaction(conn, "PRAGMA foreign_keys=OFF")
        cfg.attributes["connection"] = conn
        getattr(command, fn)(cfg, *args)
        if then is not None:
            then(conn)
        problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            conn.rollback()
            raise DatabaseError(
                f"The upgrade of {db.name} was abandoned: it would leave {len(problems)} "
                "broken reference(s). Nothing was changed."
            )
        conn.commit()
        _outside_transaction(conn, "PRAGMA foreign_keys=ON")


def initialise(db: Database, *, backup_to: Path | None = None,
               script_location: Path | None = None, passphrase: str | None = None,
               first_seal: Callable[[Connection], None] | None = None) -> str:
    """Bring the database to the current schema; returns what was done.

    ``first_seal`` seals a store upgraded from before seals existed, in the upgrade's
    transaction (``services.database`` passes ``seals.seal_everything``; storage does
    not import services)."""
    state = schema_state(db, script_location)
    if state == "current":
        return "already current"
    if state == "foreign":
        raise DatabaseError(f"{db.name} holds tables this app did not create; refusing to use it.")
    if state == "newer":
        raise DatabaseError(
            f"{db.name} was written by a newer version of qa-audit. Update the app to use it."
        )
    if state == "empty":
        _run(db, "upgrade", "head", script_location=script_location)
        return "created"
    if backup_to is not None and db.target.path is not None:
        backups.make_backup(db, kind="before-upgrade", root=backup_to, passphrase=passphrase)
    seal = first_seal if current_revision(db) in UNSEALED_REVISIONS else None
    _run(db, "upgrade", "head", script_location=script_location, then=seal)
    return "upgraded"
