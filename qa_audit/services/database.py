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

# seals: registers sealing on commit
from qa_audit.services import changelog, plan_lookup, rubrics, seals
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


def check(db: str | None, *, passphrase: str | None = None) -> CheckReport:
    """Integrity, foreign keys, the change-log chain and the sealed rows, all read-only.

    ``passphrase``: an encrypted file is checked under its key. A server is checked
    through its own connection (the chain, the seals and the log's triggers).
    """
    target = target_for(db)
    if target.path is None:
        return _check_server(db)
    if passphrase is not None:
        return _check_encrypted(target.path, passphrase)
    from qa_audit.storage import encryption

    encryption.refuse_without_passphrase(target.path)
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
            problems.extend(verify_records(session))
    finally:
        engine.dispose()
    return CheckReport(problems)


def verify_records(session: Session) -> list[str]:
    """What ``db check`` verifies inside the database on every kind of store: the
    change log's chain, then the protected rows against their last sealed state."""

    problems = changelog.verify_chain(session)
    problems.extend(seals.verify(session))
    problems.extend(plan_lookup.case_duplicates(session))
    return problems


def _check_encrypted(path: Path, passphrase: str) -> CheckReport:
    from qa_audit.storage import encryption

    problems = encryption.integrity_problems(path, passphrase, full=True)
    if problems:
        return CheckReport(problems)
    problems = encryption.foreign_key_problems(path, passphrase)
    engine = create_engine(
        "sqlite://", poolclass=NullPool, module=encryption.dbapi(),
        creator=encryption.creator(path, passphrase, read_only=True,
                                   busy_timeout_ms=5000),
    )
    try:
        with Session(engine) as session:
            problems.extend(verify_records(session))
    finally:
        engine.dispose()
    return CheckReport(problems)


def _check_server(db: str | None) -> CheckReport:
    """A server has its own integrity; check the log's triggers, chain and seals."""
    from qa_audit.services.opening import open_existing as open_initialised

    database = open_initialised(db)
    try:
        with database.read() as session:
            problems = _server_trigger_problems(session)
            problems.extend(verify_records(session))
    finally:
        database.dispose()
    return CheckReport(problems)


def _server_trigger_problems(session: Session) -> list[str]:
    """The append-only triggers must exist and be enabled (tgenabled 'D' = disabled)."""
    from sqlalchemy import text

    found = dict(session.execute(text(
        "SELECT tgname, tgenabled FROM pg_trigger "
        "WHERE tgrelid = 'change_log'::regclass AND NOT tgisinternal")).tuples().all())
    problems = []
    for name in ("change_log_no_update", "change_log_no_delete"):
        if name not in found:
            problems.append(f"the change log's trigger {name} is missing: the log is not "
                            "append-only")
        elif found[name] == "D":
            problems.append(f"the change log's trigger {name} is disabled: the log is not "
                            "append-only")
    return problems


def backup(db: str | None, dest: Path, *, passphrase: str | None = None) -> Path:
    """A verified copy; an encrypted database's copy is encrypted with ``passphrase``."""
    database = open_database(target_for(db), must_exist=True, passphrase=passphrase)
    try:
        return backup_database(database, dest)
    finally:
        database.dispose()
