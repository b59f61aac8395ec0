"""One read of the plan register for the Plans page: the total, the filtered rows, the choices.

Runs in a worker thread; the page sorts the rows itself (the sort is the table's).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from qa_audit.services import plans
from qa_audit.services.plans import PlanFilter, PlanRow
from qa_audit.storage.engine import Database

__all__ = ["CHOICE_FIELDS", "RegisterRead", "read_register"]

#: The fields whose values the page's filter combos offer.
CHOICE_FIELDS = ("team", "primary_need", "phase")


@dataclass(frozen=True)
class RegisterRead:
    """Plans in the register, the rows ``flt`` keeps, and (on a reload) the filter choices."""

    total: int
    rows: list[PlanRow]
    choices: dict[str, list[str]] | None


def read_register(db: Database, flt: PlanFilter, with_choices: bool, *,
                  progress: Callable[[int, str], None]) -> RegisterRead:
    """The page's queries (no sorting, no Qt)."""
    choices = None
    if with_choices:
        choices = {field: plans.distinct_values(db, field) for field in CHOICE_FIELDS}
        progress(10, "choices")
    total = plans.count_plans(db)
    rows = plans.list_plans(db, flt)
    progress(80, "rows")
    return RegisterRead(total, rows, choices)
