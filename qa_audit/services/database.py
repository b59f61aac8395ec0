"""Opening, creating, checking and backing up the database: the first thing every
command and the GUI do, so environment problems surface here as clear errors."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from qa_audit import paths
from qa_audit.errors import DatabaseError
from qa_audit.services import changelog, rubrics
from qa_audit.services.actor import Actor
from qa_audit.storage import migrate
from qa_audit.storage.backup import backup_database
from qa_audit.storage.engine import (
    Database,
    Target,
    open_database,
    preflight,
    quick_check,
    resolve_target,
)


def target_for(db: str | None) -> Target:
    return resolve_target(db, paths.default_database())


def open_existing(db: str | None, *, passphrase: str | None = None) -> Database:
    """Open an initialised database (refusals and the read-only case: ``services.opening``).

    An encrypted file is opened with ``$QA_AUDIT_PASSPHRASE`` (scripts); without it the
    user is told a passphrase is needed.
    """
    from qa_audit.services import opening
    from qa_audit.storage import encryption

    target = target_for(db)
    if (
        passphrase is None
        and target.path is not None
        and encryption.needs_passphrase(target.path)
        and encryption.looks_encrypted(target.path)
    ):
        passphrase = encryption.passphrase_from_env()
    return opening.open_existing(db, passphrase=passphrase)


@dataclass
class InitResult:
    database: Database
    schema: str
    rubrics: list[rubrics.RubricImportResult] = field(default_factory=list)


def initialise(db: str | None, actor: Actor, *, passphrase: str | None = None) -> InitResult:
    """Create or upgrade (idempotent) and make the shipped rubrics available.

    ``passphrase``: create (or open) the file encrypted with SQLCipher.
    """
    database = open_database(target_for(db), must_exist=False, passphrase=passphrase)
    schema = migrate.initialise(database, backup_to=paths.backup_dir(), passphrase=passphrase)
    with database.write() as session:
        installed = rubrics.install_shipped(session, actor)
    return InitResult(database=database, schema=schema, rubrics=installed)


@dataclass(frozen=True)
class CheckReport:
    problems: list[str]

    @property
    def healthy(self) -> bool:
        return not self.problems


def check(db: str | None) -> CheckReport:
    """Integrity, foreign keys and change-log chain, all read-only."""
    target = target_for(db)
    if target.path is None:
        raise DatabaseError("db check works on SQLite files; use the server's own tools.")
    preflight(target.path, must_exist=True)
    problems = quick_check(target.path, full=True)
    if problems:
        return CheckReport(problems)
    uri = f"{target.path.as_uri()}?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        for table, rowid, parent, _fk in con.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} points to a missing {parent} row")
    finally:
        con.close()
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True), poolclass=NullPool
    )
    try:
        with Session(engine) as session:
            problems.extend(changelog.verify_chain(session))
    finally:
        engine.dispose()
    return CheckReport(problems)


def backup(db: str | None, dest: Path) -> Path:
    database = open_database(target_for(db), must_exist=True)
    try:
        return backup_database(database, dest)
    finally:
        database.dispose()
