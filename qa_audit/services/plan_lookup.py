"""Finding a plan by a reference typed in any case (``--plan abc1`` finds ``ABC1``)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qa_audit.domain.plan_ref import plan_ref_key
from qa_audit.storage import models as m


def stored_plan_ref(s: Session, ref: str) -> str | None:
    """The stored spelling of ``ref``, or None when no plan has it in any case.

    The exact spelling is tried first (the unique index); only a miss compares
    case-insensitively, so the usual lookup stays one index probe."""
    text = ref.strip()
    exact = s.scalar(select(m.Plan.plan_ref).where(m.Plan.plan_ref == text))
    if exact is not None:
        return exact
    key = plan_ref_key(text)
    for stored in s.scalars(select(m.Plan.plan_ref)
                            .where(func.lower(m.Plan.plan_ref) == text.lower())):
        if plan_ref_key(stored) == key:
            return stored
    return None


def plan_id(s: Session, ref: str) -> int | None:
    """The id of the plan ``ref`` names in any case, or None."""
    stored = stored_plan_ref(s, ref)
    if stored is None:
        return None
    return s.scalar(select(m.Plan.id).where(m.Plan.plan_ref == stored))


def case_duplicates(s: Session) -> list[str]:
    """``db check``: references stored twice in different case (a store written before
    references compared case-insensitively; migration 0005 leaves such stores without
    the case-insensitive unique index rather than merge plans behind anyone's back)."""
    lowered = func.lower(m.Plan.plan_ref)
    rows = s.execute(select(lowered, func.count()).group_by(lowered)
                     .having(func.count() > 1).order_by(lowered)).all()
    problems = []
    for key, count in rows:
        refs = sorted(s.scalars(select(m.Plan.plan_ref).where(lowered == key)))
        problems.append(f"plan reference {refs[0]} is stored {count} times in different "
                        f"case ({', '.join(refs)}): they are one plan; merge or rename them")
    return problems
