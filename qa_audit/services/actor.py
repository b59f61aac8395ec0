"""Who is making a change: recorded in the change log and on versioned rows."""

from __future__ import annotations

import getpass
import os
import socket
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user: str
    machine: str

    @classmethod
    def current(cls) -> Actor:
        user = os.environ.get("QA_AUDIT_USER")
        if not user:
            try:
                user = getpass.getuser()
            except (KeyError, OSError):  # no login name (some containers, services)
                user = "unknown"
        return cls(user=user, machine=socket.gethostname() or "unknown")
