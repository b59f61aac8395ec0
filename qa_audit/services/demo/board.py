"""Demo data for the SEND board: exceptions, annual reviews and families' feedback.

Called by :func:`qa_audit.services.demo.load_demo` inside its first write, with its
own random generator (seeded from the demo's seed) so the rest of the demo data,
which tests and screenshots rely on, is exactly as before. No real children:
plan references are the demo's, and the comments are written here, with no names.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm import Session

from qa_audit.domain.timeliness import STATUTORY_DAYS
from qa_audit.storage import models as m

__all__ = ["DEMO_TARGETS", "add_board_data"]

#: The demo council's targets for the board's measures (kept in the database like a real
#: council's; the advice target is left to the DCO rubric's schedule).
DEMO_TARGETS = (
    ("within_20_weeks", dt.date(2025, 4, 1), 60.0),
    ("within_20_weeks", dt.date(2026, 4, 1), 70.0),
    ("reviews_held_by_due_date", dt.date(2025, 1, 1), 80.0),
    ("feedback_satisfied", dt.date(2025, 1, 1), 75.0),
)

_COMMENTS = (
    ("We felt listened to and the plan describes our child well.", True),
    ("The outcomes are clear and the school understands them.", True),
    ("It took a long time and we had to chase the advice.", False),
    ("The provision is vague; we are not sure how many sessions there will be.", False),
    ("The review meeting was helpful and the young person spoke for themselves.", True),
)


def add_board_data(s: Session, plans: Sequence[Mapping[str, Any]], ids: Mapping[str, int],
                   quality: Mapping[str, float], today: dt.date, seed: int) -> tuple[int, int]:
    """Mark some late plans as exceptions; add reviews and feedback. Returns
    (reviews, responses) added."""
    rng = random.Random(seed * 7 + 18)
    exceptions = [{"b_id": ids[p["plan_ref"]]} for p in plans
                  if p["plan_type"] == "new" and p["request_date"] is not None
                  and (p["issue_date"] - p["request_date"]).days > STATUTORY_DAYS
                  and rng.random() < 0.3]
    if exceptions:
        plan = m.Plan.__table__
        s.execute(update(plan).where(plan.c.id == bindparam("b_id")).values(exception=True),
                  exceptions)
    reviews = _reviews(rng, plans, ids, today)
    responses = _feedback(rng, plans, ids, quality, today)
    if reviews:
        s.execute(insert(m.AnnualReview), reviews)
    if responses:
        s.execute(insert(m.Feedback), responses)
    s.execute(insert(m.BoardTarget), [
        {"kpi": kpi, "from_date": start, "percent": pct, "version": 1, "updated_by": "demo"}
        for kpi, start, pct in DEMO_TARGETS])
    return len(reviews), len(responses)


def _reviews(rng: random.Random, plans: Sequence[Mapping[str, Any]], ids: Mapping[str, int],
             today: dt.date) -> list[dict[str, Any]]:
    out = []
    for p in plans:
        if rng.random() > 0.45:
            continue
        due = today - dt.timedelta(days=rng.randrange(10, 365))
        row: dict[str, Any] = {"plan_id": ids[p["plan_ref"]], "due_date": due,
                               "meeting_date": None, "decision": None, "decision_date": None,
                               "amended_issue_date": None, "child_attended": None,
                               "version": 1, "updated_by": "demo"}
        if rng.random() < 0.93:
            meeting = due + dt.timedelta(days=rng.choice((-21, -14, -7, -3, 0, 0, 5, 12, 30)))
            if meeting <= today:
                decision = rng.choices(("maintain", "amend", "cease"), (55, 40, 5))[0]
                decided = meeting + dt.timedelta(days=rng.choice((7, 14, 21, 26, 28, 29, 35, 49)))
                row.update(meeting_date=meeting, child_attended=rng.random() < 0.62)
                if decided <= today:
                    row.update(decision=decision, decision_date=decided)
                    issued = decided + dt.timedelta(days=rng.choice((28, 42, 50, 56, 57, 70, 90)))
                    if decision == "amend" and issued <= today:
                        row["amended_issue_date"] = issued
        out.append(row)
    return out


def _feedback(rng: random.Random, plans: Sequence[Mapping[str, Any]], ids: Mapping[str, int],
              quality: Mapping[str, float], today: dt.date) -> list[dict[str, Any]]:
    out = []
    for p in plans:
        for respondent, share in (("parent_carer", 0.35), ("young_person", 0.12),
                                  ("setting", 0.15)):
            if rng.random() > share:
                continue
            day = p["issue_date"] + dt.timedelta(days=rng.randrange(7, 60))
            if day > today:
                continue
            q = quality[p["plan_ref"]]
            rating = None if rng.random() < 0.1 else max(1, min(5, round(rng.gauss(1 + 4 * q,
                                                                                   0.9))))
            listened = ("yes" if q > 0.7 else "partly" if q > 0.45 else "no") \
                if rng.random() < 0.85 else None
            comments = approved = None
            if respondent == "parent_carer" and rng.random() < 0.4:
                text, positive = rng.choice(_COMMENTS)
                if positive == (rating is not None and rating >= 4):
                    comments = text
                    approved = text if rng.random() < 0.6 else None
            out.append({"plan_id": ids[p["plan_ref"]], "respondent": respondent,
                        "response_date": day, "stage": "new_plan", "rating": rating,
                        "felt_listened_to": listened, "comments": comments,
                        "approved_excerpt": approved,
                        "approved_by": "QA lead" if approved else None,
                        "approved_at": dt.datetime.combine(day, dt.time(12)) if approved
                        else None, "version": 1, "updated_by": "demo"})
    return out
