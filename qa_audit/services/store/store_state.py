"""What a look at the shared database found: its state and the poll's result.

Light on purpose (no SQLAlchemy): the main window shows these states before the
live view's worker (``services.store_watch``) is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # presence pulls in SQLAlchemy; only its record's type is needed here
    from qa_audit.services.store.presence import PresenceInfo

OK, BUSY, MISSING = "ok", "busy", "missing"

DAMAGED_TEXT = ("The database reported damage while being read. Nothing more is saved to it; "
                "close it and restore it from a backup (File > Backups…).")


@dataclass(frozen=True)
class PollResult:
    state: str  # OK, BUSY or MISSING
    message: str  # the error's own words ('' when OK)
    others_saved: bool
    others: list[PresenceInfo] | None  # None: not read this time
