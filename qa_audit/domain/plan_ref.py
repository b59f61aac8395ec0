"""Plan references compare case-insensitively: ``ABC1`` and ``abc1`` are one plan.

The stored spelling is whatever the register first gave; every lookup goes
through :func:`plan_ref_key` so that the rule lives in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def plan_ref_key(ref: str) -> str:
    """The comparison key of a plan reference (surrounding spaces and case ignored)."""
    return ref.strip().casefold()


def keyed(pairs: Iterable[tuple[str, T]]) -> dict[str, T]:
    """``{plan_ref_key(ref): value}`` for ``(ref, value)`` pairs."""
    return {plan_ref_key(ref): value for ref, value in pairs}
