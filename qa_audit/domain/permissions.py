"""Who may act as a panel member: the rule that makes blind scoring hold on a shared drive.

A member may be bound to an OS account. Unbound, anyone using the app may act as
them (the panel's roles are then advisory, as before). Bound, only that account
may, or another account the chair has approved as a proxy; every change made
through a proxy is recorded as such in the change log.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass


def same_account(a: str, b: str) -> bool:
    """Windows account names are case-insensitive; compare them so everywhere."""
    return a.casefold() == b.casefold()


@dataclass(frozen=True)
class Acting:
    """The outcome for one OS account acting as one member."""

    allowed: bool
    proxy: bool = False
    reason: str = ""


def may_act_as(member: str, bound_to: str | None, os_account: str,
               proxies: Collection[str] = ()) -> Acting:
    """Whether ``os_account`` may act as ``member`` (bound to ``bound_to``, with the
    chair-approved ``proxies``)."""
    if bound_to is None or same_account(bound_to, os_account):
        return Acting(True)
    if any(same_account(p, os_account) for p in proxies):
        return Acting(True, proxy=True)
    return Acting(False, reason=(
        f"{member} is bound to the OS account {bound_to!r}; you are signed in as "
        f"{os_account!r}. Nothing was saved. Sign in as {bound_to!r}, or ask the chair to "
        f"approve {os_account!r} as a proxy for {member}."))
