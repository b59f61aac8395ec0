"""The SEND board's reports: load what they read, compute their figures once.

``timeliness`` and ``scorecard`` read plans' dates, advice requests, annual reviews
and feedback of the period in one query each (plus the trend's own loading for the
scorecard's quality figures), then hand plain records to the pure figure functions
in :mod:`qa_audit.reporting.timeliness` and :mod:`qa_audit.reporting.scorecard`.

The council's targets for the statutory measures (e.g. advice within 6 weeks: 90%,
then 98%) are the schedule stored in the database (:mod:`.board_targets`); where
no advice target is stored, the advice-return rubric's ``timeliness`` schedule of
the period applies (the one the health deep dive judges by), so the two reports
agree unless the council sets the board's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select

from qa_audit.domain.audit import AdviceRecord
from qa_audit.domain.board import BoardTargets, Narrative, NewPlanRecord, ReviewRecord
from qa_audit.domain.quarters import quarters_overlapping
from qa_audit.domain.rubric import Rubric
from qa_audit.domain.targets import TargetSchedule
from qa_audit.reporting import scorecard as scorecard_figures
from qa_audit.reporting import timeliness as timeliness_figures
from qa_audit.reporting.agreed_figures import agreed_audits
from qa_audit.reporting.redaction import redact_names
from qa_audit.services import (
    advice_returns,
    board_targets,
    period_data,
    redaction_terms,
    reports,
    rubrics,
    session_data,
)
from qa_audit.services.feedback_data import load_feedback
from qa_audit.services.scorecard_narrative import FIELDS as NARRATIVE_FIELDS
from qa_audit.services.scorecard_narrative import narratives_for
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["load_targets", "scorecard", "timeliness"]


def load_targets(db: Database, start: dt.date, end: dt.date) -> BoardTargets:
    """The council's targets from the database, the advice target defaulting to the
    period's advice-return rubric's ``timeliness`` schedule."""
    stored = board_targets.targets(db)
    rubric = advice_returns.timeliness_rubric(db, start, end)
    return stored.with_default("advice_within_6_weeks",
                               rubric.timeliness_targets if rubric else TargetSchedule())


def _new_plans(db: Database, start: dt.date, end: dt.date) -> list[NewPlanRecord]:
    p = m.Plan
    with db.read() as s:
        rows = s.execute(select(p.plan_ref, p.plan_type, p.request_date, p.issue_date,
                                p.exception)
                         .where(p.issue_date >= start, p.issue_date <= end))
        return [NewPlanRecord(*r) for r in rows]


def _reviews(db: Database, start: dt.date, end: dt.date) -> list[ReviewRecord]:
    r = m.AnnualReview
    with db.read() as s:
        rows = s.execute(select(m.Plan.plan_ref, r.due_date, r.meeting_date, r.decision,
                                r.decision_date, r.amended_issue_date, r.child_attended)
                         .join(m.Plan, m.Plan.id == r.plan_id)
                         .where(r.due_date >= start, r.due_date <= end))
        return [ReviewRecord(*row) for row in rows]


def _redacted(narratives: dict[str, Narrative], names: tuple[str, ...]) -> dict[str, Narrative]:
    """The QA lead's narratives with listed names masked (dates are kept: they are the
    board's, not a child's)."""
    return {q: replace(n, **{f: redact_names(getattr(n, f), names) for f in NARRATIVE_FIELDS})
            for q, n in narratives.items()}


def timeliness(db: Database, from_month: str, to_month: str, *,
               targets: BoardTargets | None = None,
               advice: Sequence[AdviceRecord] | None = None,
               ) -> timeliness_figures.TimelinessFigures:
    """``advice``: the period's advice requests when the caller read them already."""
    first, last, start, end = reports.period(from_month, to_month)
    if advice is None:
        advice = session_data.load_advice_requested_between(db, start, end)
    return timeliness_figures.timeliness(
        _new_plans(db, start, end), advice,
        _reviews(db, start, end), first, last,
        targets if targets is not None else load_targets(db, start, end))


def scorecard(db: Database, from_month: str, to_month: str, *, rubric_id: str | None = None,
              targets: BoardTargets | None = None) -> scorecard_figures.ScorecardFigures:
    """The scorecard of one rubric id (``rubric_id``, else the trend's choice)."""
    first, last, start, end = reports.period(from_month, to_month)
    trend = reports.trend(db, first, last, rubric_id=rubric_id)
    latest = None
    graded: list[tuple[str, bool]] = []
    if trend.rubric is not None:
        with db.read() as s:
            latest = rubrics.latest_rubric(s, trend.rubric)
        sessions = [x for x in period_data.load_period(db, start, end, reads="trend")
                    if x.rubric_id == trend.rubric]
        loaded: dict[tuple[str, int], Rubric] = {}
        with db.read() as s:
            for x in sessions:
                key = (x.rubric_id, x.rubric_version)
                if key not in loaded:
                    loaded[key] = rubrics.get_version(s, *key).rubric
        for x in sessions:
            rubric = loaded[(x.rubric_id, x.rubric_version)]
            if rubric.unit == "plan":  # a family rates its plan, not an advice return
                graded += [(ref, rubric.is_good(a.overall))
                           for ref, a in agreed_audits(x).items() if a.overall is not None]
    quarters = [q.key for q in quarters_overlapping(start, end)]
    return scorecard_figures.scorecard(
        trend, latest, _new_plans(db, start, end),
        session_data.load_advice_requested_between(db, start, end), _reviews(db, start, end),
        load_feedback(db, start, end), graded=graded,
        targets=targets if targets is not None else load_targets(db, start, end),
        narratives=_redacted(narratives_for(db, trend.rubric, quarters),
                             redaction_terms.for_reports(db)))
