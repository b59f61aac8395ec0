"""Who is making a change: recorded in the change log and on versioned rows.

``user`` is the name the change is made as (a panel member, or the login for work
that is not a member's); ``os_user`` is the OS account really running the app,
read from the OS itself (not from environment variables a process can set), so
the change log shows both; ``proxy`` marks an account acting for a bound member
with the chair's approval (``domain.permissions``).
"""

from __future__ import annotations

import functools
import getpass
import os
import socket
from dataclasses import dataclass, field, replace


@functools.lru_cache(maxsize=1)
def _login_from_os() -> str:
    try:
        if os.name == "nt":
            return os.getlogin()  # GetUserNameW: the account of this process
        import pwd  # deferred: Unix only

        return pwd.getpwuid(os.geteuid()).pw_name
    except (KeyError, OSError, ImportError):  # no passwd entry (some containers)
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "unknown"


def os_account() -> str:
    """The OS login name of this process (tests replace this function)."""
    return _login_from_os()


@dataclass(frozen=True)
class Actor:
    user: str
    machine: str
    os_user: str = field(default_factory=lambda: os_account())  # noqa: PLW0108 - looked up per call, so tests can replace it
    proxy: bool = False

    @classmethod
    def current(cls) -> Actor:
        user = os.environ.get("QA_AUDIT_USER") or os_account()
        return cls(user=user, machine=socket.gethostname() or "unknown")

    def acting_as(self, member: str, *, proxy: bool = False) -> Actor:
        """The same person and machine acting as panel member ``member``."""
        return replace(self, user=member, proxy=proxy)
