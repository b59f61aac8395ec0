"""Reading the plan register for the Plans page a page at a time: the total, how many
plans the filter keeps, the first page of them in the table's order, and the choices.

A county register holds 60,000 plans; reading them all before showing any took over a
second (benchmarks/), so the page reads ``FIRST_PAGE`` rows and asks for more
(``read_more``) as the user scrolls. Filtering and sorting are the database's.
Runs in a worker thread (no Qt).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from qa_audit.services import plans
from qa_audit.services.plan_rows import DEFAULT_ORDER, FIRST_PAGE, PlanFilter, PlanOrder, PlanRow
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["CHOICE_FIELDS", "FIRST_PAGE", "MORE_PAGE", "RegisterRead", "filter_choices",
           "read_more", "read_register"]

#: The fields whose values the page's filter combos offer.
CHOICE_FIELDS = ("team", "primary_need", "phase")
#: Rows read each time the table scrolls to the end of what it holds.
MORE_PAGE = 500


@dataclass(frozen=True)
class RegisterRead:
    """Plans in the register, how many ``flt`` keeps, the first page of those, and
    (on a reload) the custom field names and the filter choices."""

    total: int
    matched: int
    rows: list[PlanRow]
    custom: list[str] | None
    choices: dict[str, list[str]] | None


def read_register(db: Database, flt: PlanFilter, with_choices: bool, *,
                  progress: Callable[[int, str], None], order: PlanOrder = DEFAULT_ORDER,
                  limit: int = FIRST_PAGE) -> RegisterRead:
    """The page's queries for one load (no Qt): counts, the first ``limit`` rows."""
    rows = plans.list_plans(db, flt, limit, order=order)
    progress(40, "rows")
    total = plans.count_plans(db)
    if len(rows) < limit:  # the page holds every plan the filter keeps
        matched = len(rows)
    else:
        matched = total if flt == PlanFilter() else plans.count_matching(db, flt)
    custom = choices = None
    if with_choices:
        choices = filter_choices(db)
        custom = plans.custom_field_names(db)
    progress(90, "counts")
    return RegisterRead(total, matched, rows, custom, choices)


def read_more(db: Database, flt: PlanFilter, order: PlanOrder, offset: int,
              limit: int = MORE_PAGE) -> list[PlanRow]:
    """The next rows after the first ``offset`` in the same filter and order."""
    return plans.list_plans(db, flt, limit, offset=offset, order=order)


def filter_choices(db: Database) -> dict[str, list[str]]:
    """Each choice field's values, sorted: one pass over the register, not one per field."""
    p = m.Plan
    values: dict[str, set[str]] = {name: set() for name in CHOICE_FIELDS}
    with db.read() as session:
        for combo in session.execute(
                select(p.team, p.primary_need, p.phase).distinct()).tuples():
            for name, value in zip(CHOICE_FIELDS, combo, strict=True):
                if value:
                    values[name].add(value)
    return {name: sorted(found) for name, found in values.items()}
