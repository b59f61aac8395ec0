"""Where a database is and how it is opened there: a local file, a file on a shared drive, a server.

Local (WAL) is fast for one person. Shared uses a rollback journal because WAL
needs shared memory on one host, ``synchronous=FULL`` so a commit survives a
power cut, a ``busy_timeout`` so a colleague's short write does not fail ours,
and ``BEGIN IMMEDIATE`` for writes so a read never has to upgrade to a write
lock (which fails with SQLITE_BUSY whatever the timeout): the pragmas are set per
connection by ``install_sqlite_events``.

A file in a folder synchronised by a cloud client is refused; a shared file still
in WAL mode is refused with the explicit conversion (``qa-audit db migrate``)
offered, never converted silently. Nothing here changes a file's journal mode
behind the user's back: only a new local file is created in WAL mode.
"""

from __future__ import annotations

import enum
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath

from sqlalchemy import Engine, event
from sqlalchemy.engine import URL, make_url

from qa_audit.errors import DatabaseBusy, DatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


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



# ---------------------------------------------------------------- pragmas per profile


def install_sqlite_events(engine: Engine, profile: Profile, *, create_wal: bool,
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
