"""Start the database's integrity check before the app opens it (``storage.precheck``).

The GUI calls ``start`` with ``--db`` as soon as it knows it, before the window is
built: the check then runs on the other core while the window paints and the
services load, and the open uses its result. Imports no SQLAlchemy.
"""

from __future__ import annotations

from pathlib import Path

from qa_audit.storage import precheck

__all__ = ["start"]


def start(db_arg: str | None) -> bool:
    """Begin checking the file ``db_arg`` names (a path; not a server URL, not the
    default, which the open resolves itself); returns whether a check started."""
    if not db_arg or "://" in db_arg:
        return False
    try:
        path = Path(db_arg).expanduser().resolve()
    except (OSError, RuntimeError):
        return False
    return precheck.start(path)
