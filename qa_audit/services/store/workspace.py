"""The open database as the GUI sees it: the one object between the GUI and storage.

A ``Workspace`` opens and closes a database, backs it up and restores it, knows
whether it is encrypted, read-only or shared, and hands out the watcher for
others' saves and presence (``StoreWatch``). The GUI keeps one in ``AppContext``
and never imports ``qa_audit.storage``, SQLAlchemy or sqlite3 itself (an import
contract in ``pyproject.toml`` checks it).

``workspace.db`` is the handle the GUI passes, unopened, to the service functions
(``sessions.list_sessions(ctx.db)``); its type is ``Store`` for annotations.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypeAlias

from qa_audit.errors import DatabaseError, UserError
from qa_audit.services.actor import Actor
from qa_audit.services.demo import marker as demo_marker
from qa_audit.services.store import database as database_service
from qa_audit.services.store.store_watch import StoreWatch
from qa_audit.storage import backups, encryption, opening
from qa_audit.storage.backups import BackupInfo, RestoreResult
from qa_audit.storage.engine import Database

#: The handle service functions take (the GUI passes it on and never opens it).
Store: TypeAlias = Database

__all__ = ["BackupInfo", "RestoreResult", "Store", "Workspace", "as_workspace"]


class Workspace:
    """One open database: what it is, its backups, and closing it."""

    def __init__(self, db: Store) -> None:
        self.db = db

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, db: str | Path | None, *, passphrase: str | None = None) -> Workspace:
        """An initialised database (a newer schema opens read-only, with the reason)."""
        arg = None if db is None else str(db)
        return cls(database_service.open_existing(arg, passphrase=passphrase))

    @classmethod
    def open_or_initialise(cls, db: str | None, actor: Actor, *,
                           passphrase: str | None = None) -> Workspace:
        """Initialise (idempotent); a file written by a newer app opens read-only instead."""
        try:
            return cls(database_service.initialise(db, actor, passphrase=passphrase).database)
        except DatabaseError as exc:
            if type(exc) is not DatabaseError:  # missing, busy, damaged...: say so
                raise
            try:  # e.g. a newer schema: ``open_existing`` opens it read-only with the reason
                return cls(opening.open_existing(db, passphrase=passphrase))
            except UserError:
                raise exc from None

    @classmethod
    def create(cls, path: Path, actor: Actor) -> Workspace:
        """A new initialised file; an existing file is never reused or overwritten."""
        if path.exists() and path.stat().st_size > 0:
            raise UserError(
                f"{path.name} already exists. Choose another name, or use File > Open "
                "database… to open it."
            )
        return cls(database_service.initialise(str(path), actor).database)

    @staticmethod
    def path_of(db: str | None) -> Path | None:
        """The file ``--db`` (or the default) names; None for a server or a bad URL."""
        try:
            return opening.target_for(db).path
        except UserError:
            return None

    @staticmethod
    def needs_passphrase(path: Path | None) -> bool:
        """The file is encrypted (plain, new and damaged files: False; opening says which)."""
        return path is not None and encryption.needs_passphrase(path) \
            and encryption.looks_encrypted(path)

    @staticmethod
    def passphrase_from_env() -> str | None:
        return encryption.passphrase_from_env()

    def close(self) -> None:
        self.db.dispose()

    # ------------------------------------------------------------ what it is

    @property
    def name(self) -> str:
        return self.db.name

    @property
    def path(self) -> Path | None:
        """The SQLite file (None for a server)."""
        return self.db.target.path

    @property
    def profile(self) -> str:
        """``local``, ``shared`` or ``server``."""
        return self.db.profile.value

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    @property
    def read_only_reason(self) -> str | None:
        return self.db.read_only_reason

    @property
    def encrypted(self) -> bool:
        return self.db.encrypted

    @property
    def passphrase(self) -> str | None:
        """The key an encrypted file was opened with (memory only; None when plain)."""
        return self.db.passphrase

    def holds_demo_data(self) -> bool:
        """Synthetic demo data was loaded here (marked DEMO in the window)."""
        return demo_marker.holds_demo_data(self.db)

    def location(self) -> str:
        """The full path, or the server without its password."""
        return str(self.path) if self.path is not None else self.name

    # ------------------------------------------------------------ backups

    def list_backups(self) -> list[BackupInfo]:
        return backups.list_backups(self.db)

    def backup_folder(self) -> Path | None:
        return backups.backup_folder(self.path) if self.path is not None else None

    def back_up_now(self) -> Path:
        """A manual backup, verified."""
        return backups.make_backup(self.db, kind="manual")

    def scheduled_backup(self, every: dt.timedelta = dt.timedelta(hours=4)) -> Path | None:
        """A backup when the newest is older than ``every`` (None: not needed, or a server)."""
        if self.path is None:
            return None
        return backups.maybe_backup(self.db, every)

    @staticmethod
    def backups_of(path: Path) -> list[BackupInfo]:
        """The automatic backups of the file at ``path`` (a damaged file cannot be opened)."""
        return backups.list_backups(Path(path))

    @staticmethod
    def restore(backup: Path, target: Path, *, passphrase: str | None = None) -> RestoreResult:
        """Put ``backup`` in place of ``target`` (closed first by the caller); verified first,
        the current file kept aside."""
        return backups.restore(Path(backup), Path(target), passphrase=passphrase)

    # ------------------------------------------------------------ liveness and presence

    def watch(self, actor: Actor) -> StoreWatch:
        """Others' saves, reachability, locks and presence (for one worker thread)."""
        return StoreWatch(self.db, actor)


def as_workspace(db: Workspace | Store) -> Workspace:
    """``db`` itself, or an open handle wrapped (tests and callers that hold a handle)."""
    return db if isinstance(db, Workspace) else Workspace(db)
