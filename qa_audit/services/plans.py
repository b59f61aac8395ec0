"""Reading the plan register for views: one query per screen, no N+1.

The rows (``PlanRow``) and the filter are in ``plan_rows`` (no SQLAlchemy there).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from qa_audit.domain.plan_fields import decode_custom, with_custom
from qa_audit.services.plan_lookup import stored_plan_ref
from qa_audit.services.plan_order import order_by
from qa_audit.services.plan_rows import DEFAULT_ORDER, PlanFilter, PlanOrder, PlanRow, shared_values
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["PlanFilter", "PlanRow", "count_matching", "count_plans", "custom_field_names",
           "custom_names", "distinct_values", "list_plans", "plan_facts"]


def list_plans(
    db: Database, flt: PlanFilter | None = None, limit: int | None = None, *,
    offset: int = 0, order: PlanOrder = DEFAULT_ORDER,
) -> list[PlanRow]:
    """The plans ``flt`` keeps, in ``order``; ``offset``/``limit`` read one page of them
    (the Plans page reads a county register a page at a time)."""
    flt = flt or PlanFilter()
    p = m.Plan
    # per row, not a GROUP BY of every audit: a page of 200 counts 200 plans' audits
    audits = (
        select(func.count(func.distinct(m.Audit.session_id)))
        .where(m.Audit.plan_id == p.id)
        .scalar_subquery()
    )
    query = _filtered(
        select(
            p.plan_ref,
            p.issue_date,
            p.request_date,
            p.plan_type,
            p.year_group,
            p.phase,
            p.primary_need,
            p.setting,
            p.setting_type,
            p.team,
            p.caseworker,
            p.direct_payments,
            audits,
            p.custom_fields,
        ),
        flt,
    )
    if limit:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    with db.read() as session:
        query = query.order_by(*order_by(order, audits, session.get_bind().dialect.name))
        return shared_values(session.execute(query.execution_options(yield_per=2000)).tuples())


def count_matching(db: Database, flt: PlanFilter) -> int:
    """How many plans ``flt`` keeps (the Plans page's "N shown")."""
    query = _filtered(select(func.count()).select_from(m.Plan), flt)
    with db.read() as session:
        return session.scalar(query) or 0


def _filtered(query: Select[Any], flt: PlanFilter) -> Select[Any]:
    """``query`` (over ``plan``) kept to the plans ``flt`` selects."""
    p = m.Plan
    if flt.text.strip():
        like = f"%{flt.text.strip()}%"
        query = query.where(
            or_(
                p.plan_ref.ilike(like),
                p.setting.ilike(like),
                p.caseworker.ilike(like),
                p.team.ilike(like),
                p.custom_fields.ilike(like),
            )
        )
    for column, value in (
        (p.team, flt.team),
        (p.primary_need, flt.primary_need),
        (p.phase, flt.phase),
    ):
        if value:
            query = query.where(column == value)
    if flt.issued_from:
        query = query.where(p.issue_date >= flt.issued_from)
    if flt.issued_to:
        query = query.where(p.issue_date <= flt.issued_to)
    return query


def custom_field_names(db: Database) -> list[str]:
    """Names of the custom plan fields any plan holds, sorted (for pickers and columns).

    Reads each distinct stored JSON text once: a register repeats a few combinations.
    """
    with db.read() as session:
        return custom_names(session)


def custom_names(session: Session) -> list[str]:
    """:func:`custom_field_names` inside an open session."""
    names: set[str] = set()
    for text in session.scalars(
        select(m.Plan.custom_fields).where(m.Plan.custom_fields.is_not(None)).distinct()
    ):
        names.update(decode_custom(text))
    return sorted(names)


def distinct_values(db: Database, field: str) -> list[str]:
    column = getattr(m.Plan, field)
    with db.read() as session:
        return [v for v in session.scalars(select(column).distinct().order_by(column)) if v]


def count_plans(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(m.Plan)) or 0


def plan_facts(db: Database, plan_ref: str) -> dict[str, object] | None:
    with db.read() as session:
        stored = stored_plan_ref(session, plan_ref)  # any case
        p = session.scalar(select(m.Plan).where(m.Plan.plan_ref == stored)) if stored else None
        if p is None:
            return None
        return with_custom({
            "year_group": p.year_group,
            "plan_type": p.plan_type,
            "phase": p.phase,
            "primary_need": p.primary_need,
            "setting_type": p.setting_type,
            "direct_payments": p.direct_payments,
        }, p.custom_fields)
