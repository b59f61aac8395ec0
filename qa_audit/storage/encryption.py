"""Encryption at rest with SQLCipher (``sqlcipher3``): NOT IMPLEMENTED YET.

The storage layer already threads a ``passphrase`` through opening, backups and
restore; this module is where the SQLCipher connection factory, the
wrong-passphrase vs not-encrypted distinction (the ``SQLite format 3`` header)
and encrypted backups go. Until then every entry point refuses clearly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from qa_audit.errors import UserError

_MESSAGE = ("Encrypted databases are not supported by this version of qa-audit yet; "
            "keep the database on an encrypted drive (BitLocker) instead.")


def _refuse() -> UserError:
    return UserError(_MESSAGE)


def preflight_encrypted(path: Path, passphrase: str, *, must_exist: bool) -> bool:
    raise _refuse()


def creator(path: Path, passphrase: str, *, read_only: bool,
            busy_timeout_ms: int) -> Callable[[], Any]:
    raise _refuse()


def backup(src: Path, dest: Path, passphrase: str) -> None:
    raise _refuse()


def integrity_problems(path: Path, passphrase: str, *, full: bool = True) -> list[str]:
    raise _refuse()


def table_names(path: Path, passphrase: str) -> set[str]:
    raise _refuse()
