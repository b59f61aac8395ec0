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


# ------------------------------------------------------------------ blind scoring, moderation

#: Session statuses in which blind scoring is over: everyone may see every score.
UNBLINDED_STATUSES = frozenset({"moderation", "closed"})


def can_see_scores(session_status: str, role: str | None, own_submitted: bool) -> bool:
    """Blind scoring: may a member see the other members' (and the panel's) scores of a plan?

    Once the session is in moderation (or closed) the panel discusses every plan
    openly, so everyone on it sees every score. Before that, a scorer sees the
    others' scores of a plan only after submitting their own, and an observer (who
    does not score) and someone not on the panel not at all. The one rule: the
    scoring service and the moderation screen both call it.
    """
    if session_status in UNBLINDED_STATUSES:
        return role is not None
    if role is None or role == "observer":
        return False
    return own_submitted


def can_moderate(role: str | None, designated: bool) -> bool:
    """Records the panel's agreed scores: the chair, or a member the chair designated."""
    return role == "chair" or (role is not None and designated)


def moderation_block(session_status: str | None, role: str | None, designated: bool,
                     sees_scores: bool, chair: str | None = None) -> str | None:
    """Why a member cannot record agreed scores now, as one sentence (None: they can)."""
    if session_status is None:
        return "Choose a session."
    if session_status == "closed":
        return "This session is closed: the agreed scores are read-only."
    if role is None:
        return "Choose who you are (\u201cI am\u201d) to record agreed scores."
    if not can_moderate(role, designated):
        who = f"the chair ({chair})" if chair else "the chair"
        return (f"Read-only: only {who}, or a member the chair designates, records the "
                "panel's agreed scores.")
    if not sees_scores:
        return ("Scoring is blind: submit your own scores for this plan (or move the "
                "session to moderation) to see the others' and record agreed scores.")
    return None


def may_reopen(role: str | None) -> bool:
    """Only the chair reopens a closed session (with a reason, in the change log)."""
    return role == "chair"
