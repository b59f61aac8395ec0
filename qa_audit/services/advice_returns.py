"""Advice returns audited on an ``advice_return`` rubric: loading and details.

Reads in a fixed number of statements (no query per return) and hands back domain
records (:mod:`qa_audit.domain.advice_returns`), never ORM objects.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from qa_audit.domain.advice_returns import SIX_WEEKS_DAYS, AgreedReturn, days_taken
from qa_audit.domain.rubric import Rubric
from qa_audit.errors import NotFound
from qa_audit.reporting.health import SERVICE_LABELS
from qa_audit.services import rubrics
from qa_audit.services.sessions import find_session
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["ADVICE_RETURN", "ReturnDetails", "advice_return_rubric_ids", "load_agreed_returns",
           "return_details", "service_label", "session_returns", "timeliness_rubric"]

ADVICE_RETURN = "advice_return"


def service_label(service: str) -> str:
    """A service's name as the health report prints it ("salt": Speech and language
    therapy), for the screens that show a return."""
    return SERVICE_LABELS.get(service, service)


def _unit(content_json: str) -> str:
    return str(json.loads(content_json).get("unit", "plan"))


def advice_return_rubric_ids(db: Database) -> list[str]:
    """Ids of stored rubrics whose latest version audits advice returns, sorted."""
    with db.read() as s:
        found = {}
        for rid, content in s.execute(
                select(m.RubricVersion.rubric_id, m.RubricVersion.content_json)
                .order_by(m.RubricVersion.version)):
            found[rid] = _unit(content)
    return sorted(rid for rid, unit in found.items() if unit == ADVICE_RETURN)


def load_agreed_returns(db: Database, start: dt.date, end: dt.date) -> list[AgreedReturn]:
    """The panel's agreed, graded audits of advice requests requested start..end, in
    sessions on any ``advice_return`` rubric (whatever the session's date)."""
    a, r, p = m.Audit, m.AdviceRequest, m.Plan
    agreed = (a.is_panel.is_(True), a.overall.is_not(None), a.advice_request_id.is_not(None),
              r.requested_date >= start, r.requested_date <= end)
    with db.read() as s:  # two statements whatever the number of returns
        rows = s.execute(
            select(a.id, p.plan_ref, r.service, r.requested_date, m.AuditSession.name,
                   m.AuditSession.session_date, m.RubricVersion.rubric_id,
                   m.RubricVersion.version, a.overall)
            .join(r, r.id == a.advice_request_id)
            .join(p, p.id == r.plan_id)
            .join(m.AuditSession, m.AuditSession.id == a.session_id)
            .join(m.RubricVersion, m.RubricVersion.id == m.AuditSession.rubric_version_id)
            .where(*agreed)
        ).all()
        answers: dict[int, dict[str, str]] = defaultdict(dict)
        for audit_id, qid, value in s.execute(
                select(m.Answer.audit_id, m.Answer.question_id, m.Answer.value)
                .join(a, a.id == m.Answer.audit_id)
                .join(r, r.id == a.advice_request_id)
                .where(*agreed, m.Answer.value.is_not(None))):
            answers[audit_id][qid] = value
    return [AgreedReturn(row.plan_ref, row.service, row.requested_date, row.name,
                         row.session_date, row.rubric_id, row.version, row.overall,
                         answers.get(row.id, {})) for row in rows]


def timeliness_rubric(db: Database, start: dt.date, end: dt.date) -> Rubric | None:
    """The advice-return rubric whose ``timeliness`` targets the health report uses: the
    rubric of the latest advice-return session dated start..end (ties: the greatest
    name), else ``dco-health-advice`` when stored, else the first advice-return rubric
    by id; its latest version (targets may change without losing history)."""
    ids = advice_return_rubric_ids(db)
    if not ids:
        return None
    with db.read() as s:
        chosen = s.scalar(
            select(m.RubricVersion.rubric_id)
            .join(m.AuditSession, m.AuditSession.rubric_version_id == m.RubricVersion.id)
            .where(m.RubricVersion.rubric_id.in_(ids),
                   m.AuditSession.session_date >= start, m.AuditSession.session_date <= end)
            .order_by(m.AuditSession.session_date.desc(), m.AuditSession.name.desc())
            .limit(1))
        if chosen is None:
            chosen = "dco-health-advice" if "dco-health-advice" in ids else ids[0]
        return rubrics.latest_rubric(s, chosen)


@dataclass(frozen=True)
class ReturnDetails:
    """What the scoring screen shows beside the form of an advice-return audit."""

    plan_ref: str
    service: str
    requested_date: dt.date
    received_date: dt.date | None
    days_taken: int | None  # None while outstanding
    within_6_weeks: bool
    due_date: dt.date  # 42 days after the request
    advice_request_id: int | None = None

    @property
    def summary(self) -> str:
        """E.g. "salt: requested 6 Jan 2025, returned 10 Feb 2025 (35 days, within 6 weeks)"."""
        asked = f"{self.service}: requested {_day(self.requested_date)}"
        if self.received_date is None:
            return f"{asked}, not returned (due {_day(self.due_date)})"
        late = "within 6 weeks" if self.within_6_weeks else "late"
        return f"{asked}, returned {_day(self.received_date)} ({self.days_taken} days, {late})"


def _day(d: dt.date) -> str:
    """6 Jan 2025 (no platform-specific strftime flag: Windows has no %-d)."""
    return f"{d.day} {d:%b %Y}"


_DETAIL_COLUMNS = (m.Plan.plan_ref, m.AdviceRequest.service, m.AdviceRequest.requested_date,
                   m.AdviceRequest.received_date, m.AdviceRequest.id)


def _details(row: Any) -> ReturnDetails:
    days = days_taken(row.requested_date, row.received_date)
    return ReturnDetails(row.plan_ref, row.service, row.requested_date, row.received_date,
                         days, days is not None and days <= SIX_WEEKS_DAYS,
                         row.requested_date + dt.timedelta(days=SIX_WEEKS_DAYS), row.id)


def return_details(db: Database, plan_ref: str, service: str,
                   requested_date: dt.date) -> ReturnDetails:
    """The advice request's dates and days taken (NotFound when there is no such request)."""
    r = m.AdviceRequest
    with db.read() as s:
        row = s.execute(
            select(*_DETAIL_COLUMNS).join(m.Plan, m.Plan.id == r.plan_id)
            .where(func.lower(m.Plan.plan_ref) == plan_ref.strip().lower(), r.service == service,
                   r.requested_date == requested_date)).first()
    if row is None:
        raise NotFound(f"No advice request for plan {plan_ref} from {service} requested on "
                       f"{requested_date.isoformat()}.")
    return _details(row)


def session_returns(db: Database, session_name: str) -> list[ReturnDetails]:
    """The advice returns in a session's sample (withdrawn excluded), in sample order,
    with their dates: what the scoring screen lists for a DCO session."""
    r = m.AdviceRequest
    with db.read() as s:
        row = find_session(s, session_name)
        rows = s.execute(
            select(*_DETAIL_COLUMNS)
            .join(m.SampleEntry, m.SampleEntry.advice_request_id == r.id)
            .join(m.Plan, m.Plan.id == r.plan_id)
            .where(m.SampleEntry.session_id == row.id, m.SampleEntry.withdrawn_at.is_(None))
            .order_by(m.SampleEntry.position)).all()
    return [_details(x) for x in rows]
