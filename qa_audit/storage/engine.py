"""One engine factory, three profiles: a local file, a file on a shared drive, a server.

Local (WAL) is fast for one person. Shared uses a rollback journal because WAL
needs shared memory on one host, ``synchronous=FULL`` so a commit survives a
power cut, a ``busy_timeout`` so a colleague's short write does not fail ours,
and ``BEGIN IMMEDIATE`` for writes so a read never has to upgrade to a write
lock (which fails with SQLITE_BUSY whatever the timeout).

Before any engine touches a file it is checked read-only: a damaged file is
refused and left byte-for-byte as it was; a file in a folder synchronised by a
cloud client is refused; a shared file still in WAL mode is refused with the
explicit conversion (``qa-audit db migrate``) offered, never converted silently.
Nothing here changes a file's journal mode behind the user's back: only a new
local file is created in WAL mode.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sqlite3
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from qa_audit.errors import DatabaseBusy, DatabaseCorrupt, DatabaseError, DatabaseMissing
from qa_audit.storage import encryption, precheck
from qa_audit.storage.uri import sqlite_uri

SQLITE_HEADER = b"SQLite format 3\x00"
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
BUSY_TIMEOUT_MS = 5000
REVISION_TABLE = "store_revision"


class DatabaseReadOnly(DatabaseError):
    """The database is open read-only (written by a newer app, or no write permission)."""


class UnsafeLocation(DatabaseError):
    """The file is somewhere SQLite cannot keep it safe (a cloud-synchronised folder)."""


class SharedFileInWal(DatabaseError):
    """A file on a shared drive is in WAL mode, which does not work across computers."""


class Profile(enum.StrEnum):
    LOCAL = "local"
    SHARED = "shared"
    SERVER = "server"


@dataclass(frozen=True)
class Target:
    """Where the database is: a SQLite file path or a server URL."""

    url: URL
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        # without query options too: ``?password=...`` is not hidden by hide_password
        return self.url.set(query={}).render_as_string(hide_password=True)


def resolve_target(db: str | os.PathLike[str] | None, default: Path) -> Target:
    """Turn ``--db`` (path or SQLAlchemy URL) into a target."""
    raw = os.fspath(db) if db is not None else os.environ.get("QA_AUDIT_DB") or os.fspath(default)
    if "://" in raw:
        try:
            url = make_url(raw)
        except Exception as exc:  # any parse failure is the user's URL
            raise DatabaseError(f"Not a valid database URL: {raw}") from exc
        path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
        return Target(url=url, path=path.resolve() if path else None)
    path = Path(raw).expanduser().resolve()
    return Target(url=URL.create("sqlite", database=str(path)), path=path)


# ---------------------------------------------------------------- where the file is

# Linux file system types that are network file systems (for `looks_shared`).
_NETWORK_FS = {"cifs", "smb3", "smbfs", "nfs", "nfs4", "afs", "9p", "fuse.sshfs", "davfs",
               "fuse.davfs2", "ncpfs", "ceph", "glusterfs", "fuse.glusterfs"}

# Folder names used by cloud sync clients (compared case-insensitively, whole names).
_CLOUD_FOLDERS = {
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "com~apple~clouddocs": "iCloud Drive",
}


def cloud_sync_client(path: Path) -> str | None:
    """The cloud sync client whose folder holds ``path`` (None when it is not in one).

    OneDrive folders are named ``OneDrive`` or ``OneDrive - Organisation``;
    Dropbox ``Dropbox`` or ``Dropbox (Team)``; Google Drive ``Google Drive``,
    ``GoogleDrive`` or ``My Drive``; iCloud ``iCloud Drive`` / ``iCloudDrive``.
    """
    for part in PurePath(path).parent.parts:
        name = part.strip().lower()
        if name.startswith("onedrive"):
            return "OneDrive"
        if name.startswith("dropbox ("):
            return "Dropbox"
        if name in _CLOUD_FOLDERS:
            return _CLOUD_FOLDERS[name]
        if name.startswith(("googledrive-", "google drive (")):
            return "Google Drive"
    return None


def _linux_fs_type(path: Path) -> str | None:
    """File system type of the mount holding ``path`` from /proc/mounts (Linux only)."""
    try:
        lines = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    best, best_type = "", None
    text_path = str(path)
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount = fields[1].replace("\\040", " ")
        if (text_path == mount or text_path.startswith(mount.rstrip("/") + "/")) \
                and len(mount) > len(best):
            best, best_type = mount, fields[2]
    return best_type


def looks_shared(path: Path) -> bool:
    """Network paths: UNC, a Windows mapped network drive, or a Linux network mount."""
    text_path = str(path)
    if text_path.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32" and len(text_path) > 1 and text_path[1] == ":":  # pragma: no cover
        import ctypes  # deferred: Windows only

        drive_remote = 4
        return ctypes.windll.kernel32.GetDriveTypeW(text_path[:2] + "\\") == drive_remote
    if os.name == "posix":
        fs_type = _linux_fs_type(path)
        return fs_type in _NETWORK_FS
    return False  # pragma: no cover


def choose_profile(target: Target, force_shared: bool | None = None) -> Profile:
    if not target.is_sqlite:
        return Profile.SERVER
    if force_shared is None:
        force_shared = os.environ.get("QA_AUDIT_SHARED", "") in {"1", "yes", "true"}
    if force_shared or (target.path is not None and looks_shared(target.path)):
        return Profile.SHARED
    return Profile.LOCAL


def refuse_cloud_folder(path: Path) -> None:
    client = cloud_sync_client(path)
    if client is None:
        return
    raise UnsafeLocation(
        f"{path.name} is in a folder synchronised by {client} ({path.parent}). Sync clients "
        "copy a database file while someone is saving and ignore the locks that keep it "
        "safe, which corrupts it or creates conflicting copies. Move the database to a "
        "folder that is not synchronised: a network drive on a Windows file server for a "
        "panel, or a local folder for one person."
    )


def file_in_wal_mode(path: Path) -> bool:
    """Whether an existing SQLite file is in WAL mode (header bytes 18-19 are 2)."""
    try:
        with path.open("rb") as fh:
            header = fh.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[:16] == SQLITE_HEADER and header[18] == 2


def refuse_wal_on_share(path: Path) -> None:
    if not file_in_wal_mode(path):
        return
    raise SharedFileInWal(
        f"{path.name} is on a shared drive but is in WAL mode, which only works when every "
        "user is on the same computer: on a network drive it can lose or corrupt saves. "
        "Nothing has been changed. When nobody else has it open, convert it once with "
        f"'qa-audit --db \"{path}\" db migrate' (it is backed up first)."
    )


# ---------------------------------------------------------------- read-only checks


def preflight(path: Path, *, must_exist: bool) -> bool:
    """Check a SQLite file without writing to it. Returns whether it exists."""
    folder = path.parent
    if not folder.exists():
        raise DatabaseMissing(
            f"The folder holding the database is not reachable: {folder}. "
            "If it is on a network drive, check the connection and try again."
        )
    if not path.exists() or path.stat().st_size == 0:
        if must_exist:
            raise DatabaseMissing(
                f"No database at {path}. Run 'qa-audit --db \"{path}\" init' to create one."
            )
        return False
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseMissing(
            f"The database file cannot be read: {path} ({exc.strerror})."
        ) from exc
    if header != SQLITE_HEADER:
        raise DatabaseCorrupt(
            f"{path.name} is not a readable database (its header is damaged or it is another "
            "kind of file). It has not been changed. Restore it from a backup: "
            f"'qa-audit --db \"{path}\" db backups' lists the automatic copies and "
            "'db restore BACKUP' puts one back (the damaged file is kept beside it)."
        )
    problems = quick_check(path)
    if problems:
        raise DatabaseCorrupt(
            f"{path.name} is damaged ({problems[0]}). It has not been changed. Restore it "
            f"from a backup: 'qa-audit --db \"{path}\" db backups' lists the automatic copies "
            "and 'db restore BACKUP' puts one back (the damaged file is kept beside it).",
            details=problems,
        )
    return True


def _readonly_connect(path: Path, timeout: float = BUSY_TIMEOUT_MS / 1000) -> sqlite3.Connection:
    return sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=timeout)


def has_hot_journal(path: Path) -> bool:
    """A non-empty rollback journal beside the file: a save was cut off (crash, kill, power)."""
    journal = path.with_name(path.name + "-journal")
    try:
        if journal.stat().st_size == 0:
            return False
        with journal.open("rb") as fh:
            journal_magic = fh.read(len(JOURNAL_MAGIC))
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError:
        return False
    # only an intact database with an intact journal is recovered; anything else is
    # refused as damaged and left exactly as it is
    return journal_magic == JOURNAL_MAGIC and header == SQLITE_HEADER


def recover_hot_journal(path: Path) -> None:
    """Let SQLite roll back an interrupted save (a read-only connection cannot).

    This is SQLite's own crash recovery: the journal holds the pages as they
    were before the interrupted transaction, and they are put back. It runs
    under SQLite's locks, so it is safe while others have the file open.
    """
    try:
        con = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return  # the read-only check that follows reports what is wrong


def quick_check(path: Path, *, full: bool = False) -> list[str]:
    """Run quick_check (or integrity_check) read-only; [] when healthy."""
    pragma = "integrity_check" if full else "quick_check"
    if has_hot_journal(path):
        recover_hot_journal(path)
    elif not full and precheck.passed(path):  # checked in the background at start-up
        return []
    try:
        con = _readonly_connect(path)
        try:
            rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        message = str(exc)
        if "locked" in message or "busy" in message:
            raise DatabaseBusy(
                "The database is busy: another user is saving. Try again in a moment."
            ) from exc
        if "unable to open" in message or "disk i/o" in message.lower():
            raise DatabaseMissing(
                f"The database file {path.name} cannot be reached ({message}). If it is on a "
                "network drive, check the connection and try again."
            ) from exc
        return [message]
    return [] if rows == ["ok"] else rows


# ---------------------------------------------------------------- engine


def _install_sqlite_events(engine: Engine, profile: Profile, *, create_wal: bool,
                           busy_timeout_ms: int, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con: sqlite3.Connection, _record: object) -> None:
        dbapi_con.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_con.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        if not read_only:
            mode = cur.execute("PRAGMA journal_mode").fetchone()[0].lower()
            if profile is Profile.SHARED:
                if mode == "wal":  # checked at open; a colleague converted it since
                    cur.close()
                    raise sqlite3.OperationalError("shared database switched to WAL mode")
                cur.execute("PRAGMA synchronous=FULL")
            else:
                if create_wal and mode != "wal":
                    cur.execute("PRAGMA journal_mode=WAL")
                    mode = "wal"
                cur.execute("PRAGMA synchronous=NORMAL" if mode == "wal"
                            else "PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # a SQLAlchemy Connection
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


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


@contextlib.contextmanager
def translate_errors(db: Database) -> Iterator[None]:
    """Turn driver errors about the environment into words a user understands."""
    try:
        yield
    except IntegrityError:
        raise
    except DBAPIError as exc:
        translated = _environment_error(db, exc)
        if translated is None:
            raise
        raise translated from exc
    except sqlite3.DatabaseError as exc:
        translated = _environment_error(db, exc)
        if translated is None:
            raise
        raise translated from exc
    except Exception as exc:
        if not (db.encrypted and isinstance(exc, encryption.driver_errors())):
            raise
        translated = _environment_error(db, exc)
        if translated is None:
            raise
        raise translated from exc


def _environment_error(db: Database, exc: Exception) -> DatabaseError | None:
    text_ = str(exc).lower()
    if "locked" in text_ or "busy" in text_ or "could not obtain lock" in text_ \
            or "lock timeout" in text_ or "deadlock detected" in text_ \
            or "could not serialize" in text_:
        return DatabaseBusy(
            "The database is busy: another user is saving. Your change was not saved yet; "
            "try again in a moment."
        )
    if "switched to wal" in text_:
        return SharedFileInWal(
            f"{db.name} was switched to WAL mode by another app; that is unsafe on a shared "
            "drive. Nothing was saved. Convert it back with 'qa-audit db migrate'."
        )
    if "readonly" in text_ or "read-only" in text_:
        return DatabaseReadOnly(f"The database {db.name} is read-only for you: nothing was saved.")
    if "disk i/o" in text_:
        return DatabaseMissing(
            f"The drive holding {db.name} reported an error while reading or saving (disk I/O "
            "error). Nothing was saved; your change is kept. Check the network connection and "
            "try again."
        )
    if "unable to open" in text_ or "could not connect" in text_ \
            or "connection refused" in text_ or "server closed the connection" in text_ \
            or "terminating connection" in text_ or "connection is closed" in text_:
        return DatabaseMissing(
            f"The database {db.name} cannot be reached (is the network drive or server "
            "connected?). Nothing was saved."
        )
    if "malformed" in text_ or "not a database" in text_:
        return DatabaseCorrupt(
            f"The database {db.name} is damaged. Nothing was saved. Restore it from a backup "
            "('qa-audit db backups' lists them)."
        )
    if isinstance(exc, OperationalError | sqlite3.OperationalError):
        return DatabaseError(f"Database error on {db.name}: {exc}")
    return None


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
    _install_sqlite_events(engine, profile, create_wal=profile is Profile.LOCAL and not exists,
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
    _install_sqlite_events(engine, db.profile, create_wal=False, busy_timeout_ms=BUSY_TIMEOUT_MS,
                           read_only=True)
    return Database(target=db.target, profile=db.profile, engine=engine, read_only=True,
                    read_only_reason=reason, encrypted=db.encrypted,
                    _read_only_creator=db._read_only_creator, passphrase=db.passphrase)


def convert_to_rollback_journal(path: Path) -> bool:
    """Switch a file from WAL to a rollback journal (for use on a shared drive).

    Needs everyone else to have closed it (WAL mode can only be left by the
    last connection); returns whether anything changed.
    """
    if not file_in_wal_mode(path):
        return False
    con = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0].lower()
    except sqlite3.OperationalError as exc:
        raise DatabaseBusy(
            f"{path.name} is in use by someone else, so it cannot be converted now. Ask "
            "everyone to close it, then try again."
        ) from exc
    finally:
        con.close()
    if mode != "delete":
        raise DatabaseBusy(
            f"{path.name} is still open elsewhere (it stayed in {mode} mode). Ask everyone to "
            "close it, then try again."
        )
    return True
