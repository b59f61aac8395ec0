"""Encryption at rest with SQLCipher (``sqlcipher3``, SQLCipher 4: AES-256, PBKDF2 key).

An encrypted database is an ordinary qa-audit SQLite file whose every page is
encrypted; the app reads it through SQLCipher with the passphrase the user
types when it is opened. The passphrase is never written anywhere by the app:
the GUI asks for it at open (``needs_passphrase`` tells it when), scripts may
pass it in the ``QA_AUDIT_PASSPHRASE`` environment variable, and it is never
taken from the command line (process lists, shell history).

Telling the cases apart (each gets its own message):

* a plain SQLite file starts with ``SQLite format 3``: opened with a passphrase
  it is ``NotEncrypted`` (open it without one);
* an encrypted file with the wrong passphrase fails SQLCipher's HMAC on page 1:
  ``WrongPassphrase``;
* the right passphrase but damaged pages: ``DatabaseCorrupt`` (restore a backup);
* an encrypted file opened without a passphrase: ``PassphraseNeeded``.

Backups of an encrypted database are made with the SQLite backup API between two
SQLCipher connections under the same key, so every copy is encrypted too, and
are verified with ``integrity_check`` under that key.

API for the GUI: ``needs_passphrase(path)``, then ``storage.opening.open_existing(path,
passphrase=...)``; ``available()`` says whether ``sqlcipher3`` is installed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from qa_audit.errors import (
    DatabaseBusy,
    DatabaseCorrupt,
    DatabaseError,
    DatabaseMissing,
    UserError,
)
from qa_audit.storage.uri import sqlite_uri

SQLITE_HEADER = b"SQLite format 3\x00"
PASSPHRASE_ENV = "QA_AUDIT_PASSPHRASE"  # noqa: S105 - a variable name, not a secret
_TIMEOUT_S = 5.0


class PassphraseNeeded(DatabaseError):
    """The file is encrypted and no passphrase was given."""


class WrongPassphrase(DatabaseError):
    """The passphrase does not open this encrypted file."""


class NotEncrypted(DatabaseError):
    """A passphrase was given for a file that is not encrypted."""


def _dbapi() -> Any:
    try:
        from sqlcipher3 import dbapi2  # deferred: an optional extra, loaded only when used
    except ImportError as exc:
        raise UserError(
            "Encrypted databases need the sqlcipher3 package, which is not installed: "
            "pip install sqlcipher3 (or keep the database on an encrypted drive, e.g. "
            "BitLocker)."
        ) from exc
    return dbapi2


def available() -> bool:
    try:
        _dbapi()
    except UserError:
        return False
    return True


def dbapi() -> Any:
    """The DBAPI module SQLAlchemy must use for encrypted files (so errors map correctly)."""
    return _dbapi()


def driver_errors() -> tuple[type[BaseException], ...]:
    """SQLCipher's own exception base classes (empty when it is not installed)."""
    try:
        from sqlcipher3 import dbapi2  # deferred: an optional extra, loaded only when used
    except ImportError:
        return ()
    return (dbapi2.DatabaseError,)


# ---------------------------------------------------------------- what the file is


def _header(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER))


def needs_passphrase(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` exists, is not empty and is not a plain SQLite file.

    (A plain file whose header was destroyed also answers True; opening it with
    any passphrase then fails, and opening says so.)
    """
    path = Path(path)
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        return _header(path) != SQLITE_HEADER
    except OSError:
        return False


def _quote(passphrase: str) -> str:
    if not passphrase:
        raise UserError("The passphrase must not be empty.")
    if "\x00" in passphrase:
        raise UserError("The passphrase must not contain a NUL character.")
    return "'" + passphrase.replace("'", "''") + "'"


def _connect(path: Path, passphrase: str, *, read_only: bool,
             timeout: float = _TIMEOUT_S) -> Any:
    """A SQLCipher connection with the key applied (not yet checked)."""
    db = _dbapi()
    if read_only:
        con = db.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=timeout,
                         check_same_thread=False)
    else:
        con = db.connect(str(path), timeout=timeout, check_same_thread=False)
    try:
        with contextlib.suppress(db.DatabaseError):  # older SQLCipher: no log setting
            con.execute("PRAGMA cipher_log_level = NONE")  # no HMAC noise on stderr
        con.execute(f"PRAGMA key = {_quote(passphrase)}")
    except BaseException:
        con.close()
        raise
    return con


@contextlib.contextmanager
def _opened(path: Path, passphrase: str, *, read_only: bool = True) -> Iterator[Any]:
    con = _connect(path, passphrase, read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def _check_key(con: Any, path: Path) -> None:
    """Read page 1 under the key: wrong passphrase and plain file are told apart."""
    db = _dbapi()
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except db.DatabaseError as exc:
        message = str(exc).lower()
        if "locked" in message or "busy" in message:
            raise _busy(path) from exc
        if "unable to open" in message or "disk i/o" in message:
            raise DatabaseMissing(
                f"The database file {path.name} cannot be reached ({exc}). If it is on a "
                "network drive, check the connection and try again."
            ) from exc
        raise WrongPassphrase(
            f"The passphrase does not open {path.name}. Check it (passphrases are case-"
            "sensitive) and try again. Nothing has been changed. (If you are sure it is "
            "right, the start of the file is damaged: restore a backup.)"
        ) from exc


def _busy(path: Path) -> DatabaseError:
    return DatabaseBusy(
        f"{path.name} is busy: another user is saving. Try again in a moment."
    )


def _refuse_plain(path: Path) -> None:
    if _header(path) == SQLITE_HEADER:
        raise NotEncrypted(
            f"{path.name} is not encrypted: open it without a passphrase. (To encrypt an "
            "existing database, create an encrypted one with 'init --encrypt' and import "
            "into it; the plain file is never converted in place.)"
        )


# ---------------------------------------------------------------- the storage hooks


def preflight_encrypted(path: Path, passphrase: str, *, must_exist: bool) -> bool:
    """Check an encrypted file read-only (the key, then quick_check). Returns whether it
    exists; a new file is created encrypted by the first connection."""
    _dbapi()
    folder = path.parent
    if not folder.exists():
        raise DatabaseMissing(
            f"The folder holding the database is not reachable: {folder}. "
            "If it is on a network drive, check the connection and try again."
        )
    if not path.exists() or path.stat().st_size == 0:
        if must_exist:
            raise DatabaseMissing(
                f"No database at {path}. Run 'qa-audit --db \"{path}\" init --encrypt' to "
                "create an encrypted one."
            )
        _quote(passphrase)  # refuse an empty passphrase before anything is created
        return False
    _refuse_plain(path)
    _recover_hot_journal(path, passphrase)
    problems = integrity_problems(path, passphrase, full=False)
    if problems:
        raise _damaged(path, problems)
    return True


def _damaged(path: Path, problems: list[str]) -> DatabaseCorrupt:
    return DatabaseCorrupt(
        f"{path.name} is damaged ({problems[0]}); the passphrase is right. It has not been "
        f"changed. Restore it from a backup: 'qa-audit --db \"{path}\" db backups' lists the "
        "automatic copies and 'db restore BACKUP' puts one back.",
        details=problems,
    )


def _recover_hot_journal(path: Path, passphrase: str) -> None:
    """SQLite's own crash recovery of an interrupted save (needs a writable connection)."""
    journal = path.with_name(path.name + "-journal")
    try:
        if not journal.exists() or journal.stat().st_size == 0:
            return
    except OSError:
        return
    with contextlib.suppress(Exception), _opened(path, passphrase, read_only=False) as con:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()


def creator(path: Path, passphrase: str, *, read_only: bool,
            busy_timeout_ms: int) -> Callable[[], Any]:
    """Connection factory for SQLAlchemy (``create_engine(..., creator=..., module=dbapi())``)."""
    _quote(passphrase)
    timeout = busy_timeout_ms / 1000

    def connect() -> Any:
        con = _connect(path, passphrase, read_only=read_only, timeout=timeout)
        if path.exists() and path.stat().st_size > 0:
            try:
                _check_key(con, path)
            except BaseException:
                con.close()
                raise
        return con

    return connect


def integrity_problems(path: Path, passphrase: str, *, full: bool = True) -> list[str]:
    """``integrity_check`` (or ``quick_check``) under the key; [] when healthy.

    Raises ``NotEncrypted`` / ``WrongPassphrase`` rather than reporting them as damage.
    """
    path = Path(path)
    if not path.is_file():
        raise DatabaseMissing(f"No database file at {path}.")
    _refuse_plain(path)
    db = _dbapi()
    pragma = "integrity_check" if full else "quick_check"
    with _opened(path, passphrase) as con:
        _check_key(con, path)
        try:
            rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
        except db.DatabaseError as exc:
            if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                raise _busy(path) from exc
            return [str(exc)]
    return [] if rows == ["ok"] else rows


def foreign_key_problems(path: Path, passphrase: str) -> list[str]:
    """``foreign_key_check`` under the key, in the words ``db check`` uses."""
    with _opened(Path(path), passphrase) as con:
        _check_key(con, Path(path))
        return [f"{table} row {rowid} points to a missing {parent} row"
                for table, rowid, parent, _fk in con.execute("PRAGMA foreign_key_check")]


def table_names(path: Path, passphrase: str) -> set[str]:
    with _opened(Path(path), passphrase) as con:
        _check_key(con, Path(path))
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def backup(src: Path, dest: Path, passphrase: str) -> None:
    """Online copy of the encrypted ``src`` into a new ``dest``, encrypted with the same key.

    Verify it with ``integrity_problems(dest, passphrase)`` (callers do).
    """
    src, dest = Path(src), Path(dest)
    _refuse_plain(src)
    db = _dbapi()
    try:
        with _opened(src, passphrase) as source:
            _check_key(source, src)
            target = _connect(dest, passphrase, read_only=False)
            try:
                source.backup(target)
            finally:
                target.close()
    except db.DatabaseError as exc:
        dest.unlink(missing_ok=True)
        raise DatabaseError(f"The backup failed: {exc}. Nothing was written to {dest}.") from exc
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    if dest.exists() and _header(dest) == SQLITE_HEADER:  # never a plain copy
        dest.unlink()
        raise DatabaseError("The backup copy came out unencrypted; it was deleted.")


# ---------------------------------------------------------------- for the GUI and CLI


def passphrase_from_env() -> str | None:
    """``QA_AUDIT_PASSPHRASE`` (for scripts and scheduled tasks), else None."""
    return os.environ.get(PASSPHRASE_ENV) or None


def refuse_without_passphrase(path: Path) -> None:
    """Called before opening without a passphrase: an encrypted file gets its own message."""
    if needs_passphrase(path) and looks_encrypted(path):
        raise PassphraseNeeded(
            f"{path.name} is encrypted: open it with its passphrase (the app asks for it; "
            f"scripts set {PASSPHRASE_ENV}). Nothing has been changed. If this database was "
            "never encrypted, the start of the file is damaged: restore a backup."
        )


def looks_encrypted(path: Path) -> bool:
    """Not a SQLite header, yet shaped like a database: whole pages, random first bytes.

    A zeroed or text header, or a size that is not whole pages, is damage instead.
    """
    try:
        size = path.stat().st_size
        header = _header(path)
    except OSError:
        return False
    if size < 512 or size % 512:
        return False
    if header == SQLITE_HEADER or len(set(header)) < 8:  # zeroed / repeated bytes
        return False
    return not all(32 <= b < 127 or b in (9, 10, 13) for b in header)  # not text


def is_sqlcipher_connection(con: Any) -> bool:
    return not isinstance(con, sqlite3.Connection) and type(con).__module__.startswith(
        "sqlcipher3")
