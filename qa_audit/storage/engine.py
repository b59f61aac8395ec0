"""The open database: one engine factory for the three profiles, and the handle services use.

``open_database`` checks the file first (``storage.checks``, the refusals of
``storage.profiles``) and then builds the engine with the profile's pragmas;
``Database`` gives the services their read and write units of work, with driver
errors put into words (``storage.translate``) and the store revision bumped on
every save so other members' screens refresh.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from qa_audit.errors import DatabaseError, DatabaseMissing
from qa_audit.storage import encryption
from qa_audit.storage.checks import preflight
from qa_audit.storage.profiles import (
    BUSY_TIMEOUT_MS,
    Profile,
    Target,
    choose_profile,
    install_sqlite_events,
    refuse_cloud_folder,
    refuse_wal_on_share,
)
from qa_audit.storage.translate import DatabaseReadOnly, translate_errors
from qa_audit.storage.uri import sqlite_uri

REVISION_TABLE = "store_revision"


@dataclass
class Database:
    """An open database: engine, profile and session factories for reads and writes.

    ``read_only`` databases refuse ``write()`` with ``DatabaseReadOnly`` whose
    message is ``read_only_reason``.
    """

    target: Target
    profile: Profile
    engine: Engine
    read_only: bool = False
    read_only_reason: str | None = None
    encrypted: bool = False
    # how to reopen an encrypted file read-only (holds the key in memory only)
    _read_only_creator: Callable[[], Any] | None = field(default=None, repr=False)
    # the key an encrypted file was opened with, in memory only: backups are made under it
    passphrase: str | None = field(default=None, repr=False)
    _has_revision: bool | None = field(default=None, repr=False)
    # store revisions this process wrote (services.live tells them from others' saves)
    own_revisions: deque[int] = field(default_factory=lambda: deque(maxlen=4096), repr=False)

    def __post_init__(self) -> None:
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write = sessionmaker(writer, expire_on_commit=False)

    @property
    def name(self) -> str:
        return self.target.display_name

    @property
    def is_sqlite(self) -> bool:
        return self.target.is_sqlite

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with translate_errors(self), self._read() as orm:
            yield orm

    def ensure_writable(self) -> None:
        if self.read_only:
            raise DatabaseReadOnly(
                self.read_only_reason or f"{self.name} is open read-only: nothing was saved."
            )

    @contextlib.contextmanager
    def write(self, *, touch: bool = True) -> Iterator[Session]:
        """One unit of work: committed whole, or rolled back whole.

        ``touch`` bumps the store revision that ``services.live`` watches, so
        other members' screens refresh; bookkeeping writes (presence) pass False.
        """
        self.ensure_writable()
        revision = None
        with translate_errors(self), self._write() as orm:
            with orm.begin():
                yield orm
                if touch and self._revision_table(orm):
                    revision = _bump_revision(orm.connection())
            if revision is not None:
                self.own_revisions.append(int(revision))

    def _revision_table(self, orm: Session) -> bool:
        if self._has_revision is None:
            present = inspect(orm.connection()).has_table(REVISION_TABLE)
            if not present:
                return False  # not cached: a migration may add it later in this process
            self._has_revision = True
        return self._has_revision

    def dispose(self) -> None:
        self.engine.dispose()


_BUMP = f"UPDATE {REVISION_TABLE} SET n = n + 1 WHERE id = 1"


def _bump_revision(conn: Connection) -> int | None:
    """Bump the store revision inside the caller's write; returns the new value.

    One statement (``RETURNING``) where the database has it (SQLite 3.35+,
    PostgreSQL): every save pays for this, so it is issued straight on the
    connection rather than through the ORM session."""
    if conn.dialect.update_returning:
        return conn.exec_driver_sql(_BUMP + " RETURNING n").scalar()
    conn.exec_driver_sql(_BUMP)
    return conn.exec_driver_sql(f"SELECT n FROM {REVISION_TABLE} WHERE id = 1").scalar()



Creator = Callable[[], Any]


def open_database(
    target: Target,
    *,
    must_exist: bool = True,
    force_shared: bool | None = None,
    read_only: bool = False,
    read_only_reason: str | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    passphrase: str | None = None,
) -> Database:
    """Check the file, then build an engine with the right profile.

    Refuses (with the file untouched): a damaged file, a folder synchronised by
    a cloud client, a shared file in WAL mode. ``passphrase`` opens a SQLCipher
    database (see ``storage.encryption``).
    """
    profile = choose_profile(target, force_shared)
    if not (target.is_sqlite and target.path is not None):
        engine = create_server_engine(target, busy_timeout_ms=busy_timeout_ms)
        return Database(target=target, profile=profile, engine=engine, read_only=read_only,
                        read_only_reason=read_only_reason)
    path = target.path
    refuse_cloud_folder(path)
    if passphrase is not None:
        exists = encryption.preflight_encrypted(path, passphrase, must_exist=must_exist)
        creator = encryption.creator(path, passphrase, read_only=read_only,
                                     busy_timeout_ms=busy_timeout_ms)
        encrypted = True
    else:
        encryption.refuse_without_passphrase(path)
        exists = preflight(path, must_exist=must_exist)
        creator = _plain_creator(path, read_only=read_only, busy_timeout_ms=busy_timeout_ms)
        encrypted = False
    if profile is Profile.SHARED and exists:
        refuse_wal_on_share(path)
    # SQLCipher's DBAPI module for an encrypted file, so its errors map to SQLAlchemy's
    module = {"module": encryption.dbapi()} if encrypted else {}
    engine = create_engine(URL.create("sqlite"), creator=creator, poolclass=NullPool, **module)
    install_sqlite_events(engine, profile, create_wal=profile is Profile.LOCAL and not exists,
                           busy_timeout_ms=busy_timeout_ms, read_only=read_only)
    reopen = (encryption.creator(path, passphrase, read_only=True,
                                 busy_timeout_ms=busy_timeout_ms)
              if passphrase is not None else None)
    return Database(target=target, profile=profile, engine=engine, read_only=read_only,
                    read_only_reason=read_only_reason, encrypted=encrypted,
                    _read_only_creator=reopen, passphrase=passphrase)


# one application-wide key for pg_advisory_xact_lock: "qa-audit" as a signed 64-bit number
SERVER_WRITE_LOCK = int.from_bytes(b"qa-audit", "big", signed=True)


def create_server_engine(target: Target, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """The SERVER profile (PostgreSQL through ``postgresql+psycopg://``).

    Writes are serialised like SQLite's ``BEGIN IMMEDIATE``: a write transaction
    first takes one transaction-level advisory lock (released at commit or
    rollback, also when the client dies), so the services' read-check-write units
    of work behave exactly as on a file, while readers are never blocked (MVCC).
    ``lock_timeout`` bounds the wait like ``busy_timeout`` (the error becomes
    ``DatabaseBusy``), and an unreachable server fails within ``connect_timeout``.
    """
    connect_args: dict[str, Any] = {}
    backend = target.url.get_backend_name()
    if backend == "postgresql" and target.url.get_driver_name() == "psycopg":
        connect_args = {"connect_timeout": 10,
                        "options": f"-c lock_timeout={int(busy_timeout_ms)}",
                        "application_name": "qa-audit"}
    try:
        engine = create_engine(target.url, pool_pre_ping=True, connect_args=connect_args)
    except ModuleNotFoundError as exc:
        raise DatabaseError(
            f"The driver for {target.url.drivername} is not installed ({exc.name}). For "
            "PostgreSQL install the server extra: pip install 'qa-audit[server]' "
            "(psycopg 3)."
        ) from exc
    if backend != "postgresql":
        raise DatabaseError(
            f"{target.display_name}: qa-audit works with a SQLite file or a PostgreSQL server "
            "(postgresql+psycopg://user@host/database), not with "
            f"{target.url.get_backend_name()}."
        )
    preflight_server(engine, target)

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # a SQLAlchemy Connection
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        if mode in {"IMMEDIATE", "EXCLUSIVE"}:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SERVER_WRITE_LOCK})")

    return engine


def preflight_server(engine: Engine, target: Target) -> None:
    """Connect once, so an unreachable server, a wrong password or a missing database
    is reported in words at open, not as a driver traceback at the first query."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except DBAPIError as exc:
        engine.dispose()
        detail = (str(exc.orig or exc).strip().splitlines() or [""])[0]
        lowered = str(exc).lower()
        where = target.display_name
        if "does not exist" in lowered and "database" in lowered:
            raise DatabaseMissing(
                f"The server has no database named '{target.url.database}' ({where}). Ask "
                "IT to create it (an empty database owned by the app's login), then run "
                f"'qa-audit --db URL init'."
            ) from exc
        if any(word in lowered for word in ("password", "authentication", "pg_hba")) \
                or ("role" in lowered and "does not exist" in lowered):
            raise DatabaseError(
                f"The server refused the login for {where}: check the user name and password "
                f"(the server said: {detail})."
            ) from exc
        raise DatabaseMissing(
            f"The database server {where} cannot be reached (is it running, and is this PC "
            f"allowed to connect?). Nothing was changed. The driver said: {detail}"
        ) from exc


def _plain_creator(path: Path, *, read_only: bool, busy_timeout_ms: int) -> Creator:
    timeout = busy_timeout_ms / 1000

    def connect() -> sqlite3.Connection:
        if read_only:
            return sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=timeout,
                                   check_same_thread=False)
        return sqlite3.connect(str(path), timeout=timeout, check_same_thread=False)

    return connect


def reopen_read_only(db: Database, reason: str) -> Database:
    """The same target opened read-only (e.g. its schema is newer than this app)."""
    db.dispose()
    if db.target.path is None:
        return Database(target=db.target, profile=db.profile, engine=db.engine, read_only=True,
                        read_only_reason=reason)
    if db.encrypted and db._read_only_creator is not None:
        engine = create_engine(URL.create("sqlite"), poolclass=NullPool,
                               creator=db._read_only_creator, module=encryption.dbapi())
    else:
        engine = create_engine(URL.create("sqlite"), poolclass=NullPool,
                               creator=_plain_creator(db.target.path, read_only=True,
                                                      busy_timeout_ms=BUSY_TIMEOUT_MS))
    install_sqlite_events(engine, db.profile, create_wal=False, busy_timeout_ms=BUSY_TIMEOUT_MS,
                           read_only=True)
    return Database(target=db.target, profile=db.profile, engine=engine, read_only=True,
                    read_only_reason=reason, encrypted=db.encrypted,
                    _read_only_creator=db._read_only_creator, passphrase=db.passphrase)

