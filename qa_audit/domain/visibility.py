"""Blind scoring: when one panel member may see the other members' scores.

The one copy of the rule. The scoring service filters what it returns with it,
and the Scoring and Moderation screens ask it what to show, so they never disagree.
"""

from __future__ import annotations

#: Session statuses in which the panel compares scores openly.
OPEN_STATUSES = frozenset({"moderation", "closed"})
SUBMITTED = "submitted"
OBSERVER = "observer"


def can_see_others(session_status: str, role: str | None, own_status: str | None) -> bool:
    """Whether a member (``role``; None: not on the panel) whose own audit has
    ``own_status`` (None: not started) may see everyone else's scores.

    Once a session is in moderation (or closed) the panel compares scores openly,
    so everyone sees them. Before that a scorer sees them only after submitting
    their own, and an observer (who does not score) or a non-member not at all.
    """
    if session_status in OPEN_STATUSES:
        return True
    if role is None or role == OBSERVER:
        return False
    return own_status == SUBMITTED
