"""Opening a database: the one way in, and the explicit actions that change how it is stored.

``open_existing`` is the one function that opens a database for use (the CLI through
``services.database``, the GUI through ``services.workspace``):

* a damaged file, a cloud-synchronised folder, a shared file in WAL mode: refused
  with a clear message, the file untouched (``storage.checks``, ``storage.profiles``);
* an empty or older schema: refused with the command that fixes it (migrations
  happen only by explicit action);
* a schema written by a newer app: opened **read-only** with a message
  (``Database.read_only_reason``); every write raises ``DatabaseReadOnly``.

``create_or_upgrade`` is ``qa-audit init`` (a new file, or an idempotent upgrade);
``migrate_database`` is the explicit action (``qa-audit db migrate``): it backs the
file up, converts a shared file from WAL to a rollback journal when needed,
and upgrades the schema in one exclusive transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection

from qa_audit import paths
from qa_audit.errors import DatabaseError
from qa_audit.storage import backups, encryption, migrate
from qa_audit.storage.backup import backup_database, copy_sqlite_file
from qa_audit.storage.checks import preflight
from qa_audit.storage.engine import Database, open_database, reopen_read_only
from qa_audit.storage.profiles import (
    BUSY_TIMEOUT_MS,
    Profile,
    Target,
    choose_profile,
    convert_to_rollback_journal,
    file_in_wal_mode,
    refuse_cloud_folder,
    resolve_target,
)

#: Seals an upgraded store's rows in the upgrade's transaction (``migrate.initialise``).
FirstSeal = Callable[[Connection], None]


def target_for(db: str | None) -> Target:
    return resolve_target(db, paths.default_database())


def open_existing(db: str | None, *, passphrase: str | None = None,
                  passphrase_from_env: bool = False,
                  force_shared: bool | None = None,
                  busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Database:
    """Open a database that must already be initialised (newer schema: read-only).

    ``passphrase_from_env``: an encrypted file opened without a passphrase uses
    ``$QA_AUDIT_PASSPHRASE`` (scripts); without it the user is told one is needed.
    """
    target = target_for(db)
    if (
        passphrase is None
        and passphrase_from_env
        and target.path is not None
        and encryption.needs_passphrase(target.path)
        and encryption.looks_encrypted(target.path)
    ):
        passphrase = encryption.passphrase_from_env()
    database = open_database(target, must_exist=True, force_shared=force_shared,
                             passphrase=passphrase, busy_timeout_ms=busy_timeout_ms)
    state = migrate.schema_state(database)
    if state == "current":
        return database
    if state == "newer":
        return reopen_read_only(database, migrate.NEWER_MESSAGE.format(name=database.name))
    database.dispose()
    if state == "empty":
        raise DatabaseError(f"{database.name} is empty. Run 'qa-audit init' first.")
    if state == "old":
        raise DatabaseError(
            f"{database.name} uses an older layout. Run 'qa-audit db migrate' (or 'qa-audit "
            "init') to back it up and upgrade it; ask everyone else to close it first."
        )
    raise DatabaseError(
        f"{database.name} holds tables this app did not create; refusing to use it."
    )



def open_backup_copy(path: Path, *, passphrase: str | None = None) -> Database:
    """A backup copy opened for maintenance (retention deletes from it), whatever its schema.

    Unlike ``open_existing`` an older layout is not refused (a backup keeps the layout
    it was taken with: the caller asks ``migrate.schema_state``); it is opened as a
    local file, as backups live on this computer.
    """
    return open_database(resolve_target(str(path), path), must_exist=True, force_shared=False,
                         passphrase=passphrase)

@dataclass
class MigrateResult:
    schema: str  # "already current", "upgraded", "created"
    converted_journal: bool = False
    backups: list[Path] = field(default_factory=list)

    def describe(self) -> str:
        parts = []
        if self.converted_journal:
            parts.append("switched to a rollback journal (safe on a shared drive)")
        parts.append(f"schema {self.schema}")
        text = "; ".join(parts)
        if self.backups:
            text += f". Backed up first to {self.backups[0]}"
        return text + "."


def create_or_upgrade(db: str | None, *, passphrase: str | None = None,
                      first_seal: FirstSeal | None = None) -> tuple[Database, str]:
    """Create the database (or upgrade it, idempotently): the open database and what was done.

    ``passphrase``: create (or open) the file encrypted with SQLCipher. ``first_seal``:
    see ``migrate.initialise``.
    """
    database = open_database(target_for(db), must_exist=False, passphrase=passphrase)
    schema = migrate.initialise(database, backup_to=paths.backup_dir(), passphrase=passphrase,
                                first_seal=first_seal)
    return database, schema


def backup_to(db: str | None, dest: Path, *, passphrase: str | None = None) -> Path:
    """A verified copy; an encrypted database's copy is encrypted with ``passphrase``."""
    database = open_database(target_for(db), must_exist=True, passphrase=passphrase)
    try:
        return backup_database(database, dest)
    finally:
        database.dispose()


def migrate_database(db: str | None, *, for_sharing: bool = False,
                     passphrase: str | None = None, backup_root: Path | None = None,
                     first_seal: FirstSeal | None = None) -> MigrateResult:
    """The explicit upgrade: backup, WAL -> rollback journal (shared), schema upgrade.

    ``for_sharing`` converts a local WAL file before it is moved to a shared drive.
    """
    target = target_for(db)
    result = MigrateResult(schema="already current")
    root = backup_root or paths.backup_dir()
    if target.path is not None:
        refuse_cloud_folder(target.path)
        shared = choose_profile(target) is Profile.SHARED
        if (shared or for_sharing) and passphrase is None and file_in_wal_mode(target.path):
            preflight(target.path, must_exist=True)
            folder = backups.backup_folder(target.path, root)
            dest = folder / f"{target.path.stem}-{_stamp()}-before-upgrade.sqlite3"
            copy_sqlite_file(target.path, dest)
            result.backups.append(dest)
            result.converted_journal = convert_to_rollback_journal(target.path)
    database = open_database(target, must_exist=True, force_shared=True if for_sharing else None,
                             passphrase=passphrase)
    try:
        state = migrate.schema_state(database)
        if state == "old":
            before = set(backups.list_backups(database, root=root))
            result.schema = migrate.initialise(database, backup_to=root, passphrase=passphrase,
                                               first_seal=first_seal)
            result.backups.extend(b.path for b in set(backups.list_backups(database, root=root))
                                  - before)
        elif state in {"empty", "current"}:
            result.schema = migrate.initialise(database, passphrase=passphrase)
        else:
            migrate.initialise(database)  # raises the precise message
    finally:
        database.dispose()
    return result


def _stamp() -> str:
    return dt.datetime.now().strftime(backups.STAMP)
