"""One engine factory, two profiles: a local file and a file on a shared drive.

Local (WAL) is fast for one person. Shared uses a rollback journal because WAL
needs shared memory on one host, ``synchronous=FULL`` so a commit survives a
power cut, a ``busy_timeout`` so a colleague's short write does not fail ours,
and ``BEGIN IMMEDIATE`` for writes so a read never has to upgrade to a write
lock (which fails with SQLITE_BUSY whatever the timeout).

Before any engine touches a file it is checked read-only: a damaged file is
refused and left byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from qa_audit.errors import DatabaseBusy, DatabaseCorrupt, DatabaseError, DatabaseMissing

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


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
        return self.url.render_as_string(hide_password=True)


def resolve_target(db: str | os.PathLike[str] | None, default: Path) -> Target:
    """Turn ``--db`` (path or SQLAlchemy URL) into a target."""
    raw = os.fspath(db) if db is not None else os.environ.get("QA_AUDIT_DB") or os.fspath(default)
    if "://" in raw:
        try:
            url = make_url(raw)
        except Exception as exc:  # noqa: BLE001 - any parse failure is the user's URL
            raise DatabaseError(f"Not a valid database URL: {raw}") from exc
        path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
        return Target(url=url, path=path.resolve() if path else None)
    path = Path(raw).expanduser().resolve()
    return Target(url=URL.create("sqlite", database=str(path)), path=path)


def looks_shared(path: Path) -> bool:
    """Network paths: UNC (``\\\\server\\share``) or a Windows mapped network drive."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if os.name == "nt" and len(text) > 1 and text[1] == ":":  # pragma: no cover - Windows only
        import ctypes

        drive_remote = 4
        return ctypes.windll.kernel32.GetDriveTypeW(text[:2] + "\\") == drive_remote
    return False


def choose_profile(target: Target, force_shared: bool | None = None) -> Profile:
    if not target.is_sqlite:
        return Profile.SERVER
    if force_shared is None:
        force_shared = os.environ.get("QA_AUDIT_SHARED", "") in {"1", "yes", "true"}
    if force_shared or (target.path is not None and looks_shared(target.path)):
        return Profile.SHARED
    return Profile.LOCAL


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
        raise DatabaseMissing(f"The database file cannot be read: {path} ({exc.strerror}).") from exc
    if header != SQLITE_HEADER:
        raise DatabaseCorrupt(
            f"{path.name} is not a readable database (its header is damaged or it is another "
            "kind of file). It has not been changed. Restore it from a backup "
            "(qa-audit db backup makes them; the app keeps copies in its backups folder)."
        )
    problems = quick_check(path)
    if problems:
        raise DatabaseCorrupt(
            f"{path.name} is damaged ({problems[0]}). It has not been changed. "
            "Restore it from a backup.",
            details=problems,
        )
    return True


def _readonly_connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def quick_check(path: Path, *, full: bool = False) -> list[str]:
    """Run quick_check (or integrity_check) read-only; [] when healthy."""
    pragma = "integrity_check" if full else "quick_check"
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
        return [message]
    return [] if rows == ["ok"] else rows


def _install_sqlite_events(engine: Engine, profile: Profile) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con: sqlite3.Connection, _record: object) -> None:
        dbapi_con.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_con.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        mode = cur.execute("PRAGMA journal_mode").fetchone()[0].lower()
        if profile is Profile.SHARED:
            if mode == "wal":
                cur.execute("PRAGMA journal_mode=DELETE")
            cur.execute("PRAGMA synchronous=FULL")
        else:
            if mode != "wal":
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001 - SQLAlchemy Connection
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


@dataclass
class Database:
    """An open database: engine, profile and session factories for reads and writes."""

    target: Target
    profile: Profile
    engine: Engine

    def __post_init__(self) -> None:
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write = sessionmaker(writer, expire_on_commit=False)

    @property
    def name(self) -> str:
        return self.target.display_name

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with translate_errors(self), self._read() as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: committed whole, or rolled back whole."""
        with translate_errors(self), self._write() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


@contextlib.contextmanager
def translate_errors(db: Database) -> Iterator[None]:
    """Turn driver errors about the environment into words a user understands."""
    try:
        yield
    except OperationalError as exc:
        raise _environment_error(db, exc) from exc
    except sqlite3.OperationalError as exc:
        raise _environment_error(db, exc) from exc


def _environment_error(db: Database, exc: Exception) -> DatabaseError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusy(
            "The database is busy: another user is saving. Your change was not saved yet; "
            "try again in a moment."
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(f"The database {db.name} is read-only for you: nothing was saved.")
    if "unable to open" in text or "disk i/o" in text:
        return DatabaseMissing(
            f"The database {db.name} cannot be reached (is the network drive connected?). "
            "Nothing was saved."
        )
    if "malformed" in text or "not a database" in text:
        return DatabaseCorrupt(f"The database {db.name} is damaged. Restore it from a backup.")
    return DatabaseError(f"Database error on {db.name}: {exc}")


def open_database(
    target: Target, *, must_exist: bool = True, force_shared: bool | None = None
) -> Database:
    """Check the file, then build an engine with the right profile."""
    profile = choose_profile(target, force_shared)
    if target.is_sqlite and target.path is not None:
        preflight(target.path, must_exist=must_exist)
        engine = create_engine(target.url, poolclass=NullPool)
        _install_sqlite_events(engine, profile)
    else:
        engine = create_engine(target.url, pool_pre_ping=True)
    return Database(target=target, profile=profile, engine=engine)
