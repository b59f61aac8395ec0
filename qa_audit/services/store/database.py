"""Opening, creating, checking and backing up the database: the first thing every
command and the GUI do, so environment problems surface here as clear errors."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

# seals: registers sealing on commit
from qa_audit.services import changelog, plan_lookup, rubrics
from qa_audit.services.actor import Actor
from qa_audit.services.store import seals
from qa_audit.storage import encryption, opening
from qa_audit.storage.checks import preflight, quick_check
from qa_audit.storage.engine import Database
from qa_audit.storage.opening import MigrateResult, target_for

__all__ = ["MigrateResult", "target_for"]


def open_existing(db: str | None, *, passphrase: str | None = None) -> Database:
    """Open an initialised database for the CLI (rules: ``storage.opening.open_existing``).

    An encrypted file is opened with ``$QA_AUDIT_PASSPHRASE`` (scripts); without it the
    user is told a passphrase is needed.
    """
    return opening.open_existing(db, passphrase=passphrase, passphrase_from_env=True)


def migrate_database(db: str | None, actor: Actor, *, for_sharing: bool = False,
                     passphrase: str | None = None,
                     backup_root: Path | None = None) -> MigrateResult:
    """``qa-audit db migrate`` (see ``storage.opening.migrate_database``)."""
    del actor  # recorded by the schema's own change log when migrations write data
    return opening.migrate_database(db, for_sharing=for_sharing, passphrase=passphrase,
                                    backup_root=backup_root, first_seal=seals.seal_everything)


@dataclass
class InitResult:
    database: Database
    schema: str
    rubrics: list[rubrics.RubricImportResult] = field(default_factory=list)


def initialise(db: str | None, actor: Actor, *, passphrase: str | None = None) -> InitResult:
    """Create or upgrade (idempotent) and make the shipped rubrics available.

    ``passphrase``: create (or open) the file encrypted with SQLCipher.
    """
    database, schema = opening.create_or_upgrade(db, passphrase=passphrase,
                                                 first_seal=seals.seal_everything)
    with database.write() as orm:
        installed = rubrics.install_shipped(orm, actor)
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
        with Session(engine) as orm:
            problems.extend(verify_records(orm))
    finally:
        engine.dispose()
    return CheckReport(problems)


def verify_records(orm: Session) -> list[str]:
    """What ``db check`` verifies inside the database on every kind of store: the
    change log's chain, then the protected rows against their last sealed state."""

    problems = changelog.verify_chain(orm)
    problems.extend(seals.verify(orm))
    problems.extend(plan_lookup.case_duplicates(orm))
    return problems


def _check_encrypted(path: Path, passphrase: str) -> CheckReport:
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
        with Session(engine) as orm:
            problems.extend(verify_records(orm))
    finally:
        engine.dispose()
    return CheckReport(problems)


def _check_server(db: str | None) -> CheckReport:
    """A server has its own integrity; check the log's triggers, chain and seals."""
    database = opening.open_existing(db)
    try:
        with database.read() as orm:
            problems = _server_trigger_problems(orm)
            problems.extend(verify_records(orm))
    finally:
        database.dispose()
    return CheckReport(problems)


def _server_trigger_problems(orm: Session) -> list[str]:
    """The append-only triggers must exist and be enabled (tgenabled 'D' = disabled)."""
    found = dict(orm.execute(text(
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
    return opening.backup_to(db, dest, passphrase=passphrase)
