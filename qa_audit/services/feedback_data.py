"""Loading families' and settings' responses for reports: never their comments.

The scorecard reads the responses of its period, the key issues report those about
its session's plans; both get each response's approved excerpt only, redacted
again with the panel's list when loaded, so a name added to the list after the
approval is still masked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select

from qa_audit.domain.board import FeedbackRecord
from qa_audit.reporting.figure_records import clean_text
from qa_audit.services import redaction_terms
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["load_feedback"]


def load_feedback(db: Database, start: dt.date | None = None, end: dt.date | None = None, *,
                  plan_refs: Iterable[str] | None = None) -> list[FeedbackRecord]:
    """Responses dated start..end (either bound may be open), or about ``plan_refs``;
    comments never leave the database, only the approved excerpt, redacted again with
    the panel's list (a name added after the approval is still masked)."""
    f = m.Feedback
    names = redaction_terms.for_reports(db)
    query = (select(m.Plan.plan_ref, f.respondent, f.response_date, f.stage, f.rating,
                    f.felt_listened_to, f.approved_excerpt)
             .join(m.Plan, m.Plan.id == f.plan_id)
             .order_by(f.response_date, m.Plan.plan_ref))
    if start is not None:
        query = query.where(f.response_date >= start)
    if end is not None:
        query = query.where(f.response_date <= end)
    if plan_refs is not None:
        query = query.where(func.lower(m.Plan.plan_ref).in_({r.lower() for r in plan_refs}))
    with db.read() as s:
        rows = s.execute(query)
        return [FeedbackRecord(ref, who, day, stage, rating, listened,
                               clean_text(excerpt, names) or None)
                for ref, who, day, stage, rating, listened, excerpt in rows]
