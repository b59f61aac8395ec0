"""The order of the plan register, worked out by the database (the Plans page's sort).

The Plans page shows a county register (60,000 plans) a page at a time, so its sort
must happen where the rows are: ``ORDER BY`` with the same keys the table's in-memory
sort uses (``gui.models.plan_table``): dates and numbers by value, blanks first,
text case-insensitively; ties keep the register's own order (newest issued first,
then plan ref), as Python's stable sort does.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, case, cast, func
from sqlalchemy.sql.elements import ColumnElement

from qa_audit.services.plan_rows import (
    CUSTOM_PREFIX,
    DEFAULT_ORDER,
    SORT_FIELDS,
    PlanOrder,
)
from qa_audit.storage import models as m

__all__ = ["CUSTOM_PREFIX", "DEFAULT_ORDER", "SORT_FIELDS", "PlanOrder", "order_by"]

_TEXT = frozenset({"plan_ref", "plan_type", "phase", "primary_need", "setting",
                   "setting_type", "team", "caseworker"})


def _key(field: str, audits: ColumnElement[Any], dialect: str) -> ColumnElement[Any]:
    """The value ``field`` sorts by: blanks first in either dialect (COALESCE, not NULLS
    FIRST, which SQLite and PostgreSQL place differently by default)."""
    p = m.Plan
    if field in _TEXT:
        return func.lower(func.coalesce(getattr(p, field), ""))
    if field == "issue_date":
        return p.issue_date.expression
    if field == "request_date":  # no request date sorts first, as 0 does in the table
        return case((p.request_date.is_(None), 0), else_=1)
    if field == "days_to_issue":
        days = (func.julianday(p.issue_date) - func.julianday(p.request_date)
                if dialect == "sqlite" else p.issue_date - p.request_date)
        return func.coalesce(days, -1)
    if field == "year_group":
        return func.coalesce(p.year_group, -99)
    if field == "direct_payments":
        return case((p.direct_payments.is_(None), -1), (p.direct_payments.is_(True), 1), else_=0)
    if field == "audits":
        return audits
    name = field.removeprefix(CUSTOM_PREFIX)
    value = (func.json_extract(p.custom_fields, f'$."{name}"') if dialect == "sqlite"
             else func.json_extract_path_text(cast(p.custom_fields, JSON), name))
    # blanks first, then text case-insensitively (the table also orders numbers by
    # value when every row is loaded; in SQL they sort as text)
    return func.lower(func.coalesce(cast(value, m.Plan.custom_fields.type), ""))


def order_by(order: PlanOrder, audits: ColumnElement[Any], dialect: str) -> list[Any]:
    """``ORDER BY`` terms: the key, then the register's own order for ties."""
    p = m.Plan
    terms: list[Any] = []
    if order != DEFAULT_ORDER:
        key = _key(order.field, audits, dialect)
        terms.append(key.desc() if order.descending else key.asc())
        if order.field == "request_date":  # dated requests by date within the key
            terms.append(p.request_date.desc() if order.descending else p.request_date.asc())
    return [*terms, p.issue_date.desc(), p.plan_ref]
