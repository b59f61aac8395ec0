"""Automatic rotating backups, listing and restore.

Each database gets its own folder under ``paths.backup_dir()`` (named after the
file plus a short hash of its full path, so two ``audit.sqlite3`` files in
different folders never share backups). Every copy is made with the SQLite
backup API and verified with ``integrity_check`` before it counts; the ``keep``
most recent of each kind are kept.

A restore verifies the backup first, prepares the restored copy beside the
target, then moves the current (usually damaged) file aside as
``<name>.damaged-<stamp>`` together with its journal — nothing is deleted — and
only then puts the copy in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from qa_audit import paths
from qa_audit.errors import DatabaseCorrupt, DatabaseError, UserError
from qa_audit.storage import encryption
from qa_audit.storage.backup import backup_database, copy_sqlite_file
from qa_audit.storage.checks import quick_check
from qa_audit.storage.engine import Database
from qa_audit.storage.profiles import SQLITE_HEADER
from qa_audit.storage.uri import sqlite_uri

KEEP = 10
STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<kind>[a-z-]+)\.sqlite3$")
KINDS = ("scheduled", "manual", "before-upgrade", "before-restore", "before-deletion")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    kind: str
    size: int

    def describe(self) -> str:
        when = f"{self.taken_at:%Y-%m-%d %H:%M:%S}"
        return f"{when}  {self.kind:<15} {self.size:>10,} bytes  {self.path}"


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    moved_aside: Path | None


def backup_folder(db_path: Path, root: Path | None = None) -> Path:
    """This database's own folder of automatic backups (created on demand)."""
    db_path = Path(db_path).resolve()
    digest = hashlib.sha256(str(db_path).lower().encode("utf-8")).hexdigest()[:8]
    folder = (root or paths.backup_dir()) / f"{db_path.stem}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    info = folder / "database.json"
    if not info.exists():
        info.write_text(json.dumps({"database": str(db_path)}, indent=1), encoding="utf-8")
    return folder


def _path_of(db: Database | Path) -> Path:
    if isinstance(db, Database):
        if db.target.path is None:
            raise UserError("Backups of a server database are made with the server's own tools "
                            "(pg_dump); see docs/it-and-information-governance.md.")
        return db.target.path
    return Path(db)


def list_backups(db: Database | Path, *, root: Path | None = None,
                 kind: str | None = None) -> list[BackupInfo]:
    """The database's automatic backups, newest first."""
    folder = backup_folder(_path_of(db), root)
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if not match or not entry.is_file():
            continue
        if kind is not None and match["kind"] != kind:
            continue
        taken = dt.datetime.strptime(match["stamp"], STAMP)
        found.append(BackupInfo(entry, taken, match["kind"], entry.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def make_backup(db: Database, *, kind: str = "manual", keep: int = KEEP,
                root: Path | None = None, passphrase: str | None = None) -> Path:
    """A verified copy in the database's backup folder; then older ones of that kind pruned."""
    if kind not in KINDS:
        raise ValueError(kind)
    src = _path_of(db)
    folder = backup_folder(src, root)
    stamp = dt.datetime.now().strftime(STAMP)
    dest = folder / f"{src.stem}-{stamp}-{kind}.sqlite3"
    backup_database(db, dest, passphrase=passphrase)
    prune(db, keep=keep, kind=kind, root=root)
    return dest


def prune(db: Database | Path, *, keep: int = KEEP, kind: str | None = None,
          root: Path | None = None) -> list[Path]:
    """Delete all but the ``keep`` newest backups (of ``kind``, or of each kind)."""
    removed = []
    kinds = [kind] if kind else list(KINDS)
    for k in kinds:
        for old in list_backups(db, root=root, kind=k)[keep:]:
            old.path.unlink(missing_ok=True)
            removed.append(old.path)
    return removed


def maybe_backup(db: Database, every: dt.timedelta = dt.timedelta(hours=4), *,
                 keep: int = KEEP, root: Path | None = None,
                 passphrase: str | None = None) -> Path | None:
    """Make a scheduled backup when the newest one is older than ``every``.

    Call it at open and from a timer; returns the new backup or None. Server
    databases are backed up by the server's own tools (returns None).
    """
    if db.target.path is None:
        return None
    newest = list_backups(db, root=root)
    if newest and dt.datetime.now() - newest[0].taken_at < every:
        return None
    return make_backup(db, kind="scheduled", keep=keep, root=root, passphrase=passphrase)


def verify_backup(backup_path: Path, passphrase: str | None = None) -> None:
    """Refuse a backup that is missing, damaged or not a qa-audit database."""
    backup_path = Path(backup_path)
    if not backup_path.is_file():
        raise UserError(f"No backup file at {backup_path}.")
    with backup_path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if passphrase is not None:
        problems = encryption.integrity_problems(backup_path, passphrase)
        tables = encryption.table_names(backup_path, passphrase) if not problems else set()
    else:
        if header != SQLITE_HEADER:
            raise DatabaseCorrupt(
                f"The backup {backup_path.name} is not a readable database (or it is "
                "encrypted: give its passphrase). Choose another backup."
            )
        problems = quick_check(backup_path, full=True)
        tables = set()
        if not problems:
            con = sqlite3.connect(sqlite_uri(backup_path, mode="ro"), uri=True)
            try:
                tables = {r[0] for r in con.execute(
                    "SELECT name FROM sqlite_master WHERE type='table'")}
            finally:
                con.close()
    if problems:
        raise DatabaseCorrupt(
            f"The backup {backup_path.name} is damaged ({problems[0]}). Choose another backup.",
            details=problems)
    if "alembic_version" not in tables:
        raise UserError(f"{backup_path.name} is not a qa-audit database backup.")


def _companions(path: Path) -> list[tuple[Path, str]]:
    return [(path.with_name(path.name + suffix), suffix) for suffix in ("-journal", "-wal", "-shm")]


def restore(backup_path: Path, target_path: Path, *,
            passphrase: str | None = None) -> RestoreResult:
    """Put ``backup_path`` in place of ``target_path``; the current file is kept aside.

    Everyone else must have closed the database first.
    """
    backup_path = Path(backup_path).expanduser().resolve()
    target_path = Path(target_path).expanduser().resolve()
    if not target_path.parent.exists():
        raise DatabaseError(f"The folder {target_path.parent} is not reachable.")
    verify_backup(backup_path, passphrase)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    staging = target_path.with_name(f".{target_path.name}.restoring-{stamp}")
    staging.unlink(missing_ok=True)
    if passphrase is not None:
        encryption.backup(backup_path, staging, passphrase)
        problems = encryption.integrity_problems(staging, passphrase)
    else:
        copy_sqlite_file(backup_path, staging)
        problems = quick_check(staging, full=True)
    if problems:
        staging.unlink(missing_ok=True)
        raise DatabaseError(f"The restored copy failed its check ({problems[0]}); nothing changed.")
    _fsync(staging)
    moved = None
    if target_path.exists():
        label = "damaged" if _is_damaged(target_path, passphrase) else "before-restore"
        moved = target_path.with_name(f"{target_path.name}.{label}-{stamp}")
        # the journal goes with its database (a hot journal must never be separated from it)
        for companion, suffix in _companions(target_path):
            if companion.exists():
                os.replace(companion, moved.with_name(moved.name + suffix))
        os.replace(target_path, moved)
    else:
        for companion, _suffix in _companions(target_path):
            companion.unlink(missing_ok=True)
    os.replace(staging, target_path)
    return RestoreResult(restored=target_path, moved_aside=moved)


def _is_damaged(path: Path, passphrase: str | None) -> bool:
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
        if passphrase is not None:
            return bool(encryption.integrity_problems(path, passphrase, full=False))
        return header != SQLITE_HEADER or bool(quick_check(path))
    except (OSError, DatabaseError):
        return True


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
