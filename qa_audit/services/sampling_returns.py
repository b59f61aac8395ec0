"""The DCO's samples: advice returns drawn for a session on an ``advice_return`` rubric.

The same seeded, reproducible rule as plan samples (:mod:`qa_audit.domain.sampling`),
over advice requests instead of plans:

* eligible: requests that have been returned (a return is what is audited), requested
  within ``requested_from``/``requested_to`` (inclusive; default unbounded), from the
  ``services`` asked for (default: every health service), excluding requests audited in
  another session dated within the last ``exclude_months`` months of this session's
  date (default 12; 0 disables). Requests merely sampled elsewhere stay eligible.
* ``stratify="service"``: proportional allocation over services by largest remainder,
  at least one return per service when the size allows (the domain's rule).
* a request's sampling key is ``plan_ref|service|YYYY-MM-DD``, so the order does not
  depend on database ids. Drawing again replaces the sample until scoring starts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import asdict, dataclass, field

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from qa_audit.domain.sampling import Candidate, SampleSpec, draw_sample, new_seed, stratum_key
from qa_audit.errors import UserError
from qa_audit.importing.values import SERVICES
from qa_audit.reporting.health import HEALTH_SERVICES
from qa_audit.services import changelog
from qa_audit.services.actor import Actor
from qa_audit.services.sampling import (
    RETURNS_MARK,
    DrawResult,
    is_advice_return_session,
    months_before,
)
from qa_audit.services.sessions import ensure_writable, find_session
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["RETURN_SERVICES", "DrawnReturn", "ReturnDrawResult", "ReturnProvenance",
           "ReturnSampleSettings", "draw_returns", "preview_returns", "return_provenance",
           "samples_returns"]

#: the only field a sample of returns may be stratified by
STRATIFY_RETURNS = ("service",)
#: the services a sample of returns is drawn from unless told otherwise
RETURN_SERVICES: tuple[str, ...] = tuple(sorted(HEALTH_SERVICES))


@dataclass(frozen=True)
class ReturnSampleSettings:
    size: int | None = None
    percent: float | None = None
    seed: int | None = None
    stratify: str | None = None  # "service" or None
    requested_from: dt.date | None = None
    requested_to: dt.date | None = None
    exclude_months: int = 12
    services: tuple[str, ...] | None = None  # None: every health service

    def to_json(self) -> str:
        data = asdict(self)
        for k in ("requested_from", "requested_to"):
            data[k] = data[k].isoformat() if data[k] else None
        data["services"] = list(self.services) if self.services else None
        return json.dumps({"unit": "advice_return", **data}, sort_keys=True)

    def as_json(self) -> dict[str, object]:
        """The settings as the sample JSON shows them (``settings``: how it was drawn)."""
        data: dict[str, object] = json.loads(self.to_json())
        del data["unit"]
        return data

    @classmethod
    def from_json(cls, text: str) -> ReturnSampleSettings:
        """The settings a draw stored (``to_json``)."""
        data = json.loads(text)
        data.pop("unit", None)
        for k in ("requested_from", "requested_to"):
            data[k] = dt.date.fromisoformat(data[k]) if data.get(k) else None
        data["services"] = tuple(data["services"]) if data.get("services") else None
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})

    def validate(self) -> None:
        if (self.size is None) == (self.percent is None):
            raise UserError("Give either a sample size or a percentage, not both.")
        if self.stratify and self.stratify not in STRATIFY_RETURNS:
            raise UserError(f"A sample of advice returns is stratified by service only, "
                            f"not {self.stratify!r}.")
        if self.exclude_months < 0:
            raise UserError("The exclusion window cannot be negative.")
        if (self.requested_from and self.requested_to
                and self.requested_from > self.requested_to):
            raise UserError("The request-date window ends before it starts.")
        unknown = [s for s in self.services or () if s not in SERVICES]
        if unknown:
            raise UserError(f"Unknown service {', '.join(unknown)}; choose from "
                            f"{', '.join(SERVICES)}.")


@dataclass(frozen=True)
class DrawnReturn:
    plan_ref: str
    service: str
    requested_date: dt.date

    @property
    def key(self) -> str:
        return f"{self.plan_ref}|{self.service}|{self.requested_date.isoformat()}"

    def to_json(self) -> dict[str, str]:
        return {"plan_ref": self.plan_ref, "service": self.service,
                "requested_date": self.requested_date.isoformat()}


@dataclass(frozen=True)
class ReturnDrawResult(DrawResult):
    """A drawn sample of returns; ``plans`` lists their plans (first appearance order)."""

    returns: list[DrawnReturn] = field(default_factory=list)
    settings: ReturnSampleSettings | None = None  # as stored with the draw (seed included)

    def as_json(self) -> dict[str, object]:
        """The contract's sample JSON, with ``returns`` and the draw's ``settings``."""
        out = {**super().as_json(), "returns": [r.to_json() for r in self.returns]}
        if self.settings is not None:
            out["settings"] = self.settings.as_json()
        return out


@dataclass(frozen=True)
class ReturnProvenance:
    """How a session's sample of advice returns was drawn (the sessions page shows it)."""

    settings: ReturnSampleSettings
    seed: int
    eligible: int | None
    drawn_at: dt.datetime | None  # UTC, naive (as stored)
    sampled: int  # returns in the sample now (withdrawn ones not counted)


def return_provenance(db: Database, session_name: str) -> ReturnProvenance | None:
    """The stored draw of a session of advice returns (None: none drawn, or plans)."""
    with db.read() as session:
        row = find_session(session, session_name)
        text = row.sample_settings_json
        if not text or RETURNS_MARK not in text:
            return None
        settings = ReturnSampleSettings.from_json(text)
        sampled = sum(1 for e in row.sample if e.withdrawn_at is None)
        seed = row.sample_seed if row.sample_seed is not None else settings.seed
        return ReturnProvenance(settings, int(seed or 0), row.sample_eligible,
                                row.sample_drawn_at, sampled)


def samples_returns(db: Database, session_name: str) -> bool:
    """Does this session sample advice returns (its rubric's unit is advice_return)?"""
    with db.read() as session:
        return is_advice_return_session(session, find_session(session, session_name))


def _eligible(session: Session, row: m.AuditSession, settings: ReturnSampleSettings
              ) -> dict[str, tuple[int, int, DrawnReturn]]:
    """key -> (advice request id, plan id, the return), see the module docstring."""
    r = m.AdviceRequest
    services = settings.services or tuple(sorted(HEALTH_SERVICES))
    query = (select(r.id, r.plan_id, m.Plan.plan_ref, r.service, r.requested_date)
             .join(m.Plan, m.Plan.id == r.plan_id)
             .where(r.received_date.is_not(None), r.service.in_(services)))
    if settings.requested_from:
        query = query.where(r.requested_date >= settings.requested_from)
    if settings.requested_to:
        query = query.where(r.requested_date <= settings.requested_to)
    if settings.exclude_months > 0:
        since = months_before(row.session_date, settings.exclude_months)
        recently_audited = (
            select(m.Audit.id)
            .join(m.AuditSession, m.AuditSession.id == m.Audit.session_id)
            .where(m.Audit.advice_request_id == r.id, m.AuditSession.id != row.id,
                   m.AuditSession.session_date >= since,
                   m.AuditSession.session_date <= row.session_date))
        query = query.where(~exists(recently_audited))
    out = {}
    for rid, pid, ref, service, requested in session.execute(query):
        drawn = DrawnReturn(ref, service, requested)
        out[drawn.key] = (rid, pid, drawn)
    return out


def preview_returns(db: Database, session_name: str, settings: ReturnSampleSettings
                    ) -> dict[str, int]:
    """Eligible returns per service (or one entry 'all'), for the sampling panel's preview."""
    with db.read() as session:
        pool = _eligible(session, find_session(session, session_name), settings)
    if not settings.stratify:
        return {"all": len(pool)}
    return dict(sorted(Counter(v[2].service for v in pool.values()).items()))


def draw_returns(db: Database, session_name: str, settings: ReturnSampleSettings,
                 actor: Actor) -> ReturnDrawResult:
    """Draw and store the advice returns a DCO session audits (module docstring)."""
    settings.validate()
    seed = settings.seed if settings.seed is not None else new_seed()
    settings = ReturnSampleSettings(**{**asdict(settings), "seed": seed})
    with db.write() as session:
        row = find_session(session, session_name)
        ensure_writable(row)
        if not is_advice_return_session(session, row):
            raise UserError(f"{row.name!r} audits whole plans, not advice returns; draw "
                            "plans (--issued-from/--issued-to) instead.")
        if session.scalar(select(m.Audit.id).where(m.Audit.session_id == row.id).limit(1)):
            raise UserError(f"Scoring has started in {row.name!r}; its sample can no longer "
                            "be redrawn.")
        pool = _eligible(session, row, settings)
        result = draw_sample(
            [Candidate(k, {"service": v[2].service}) for k, v in pool.items()],
            SampleSpec(size=settings.size, percent=settings.percent,
                       stratify=settings.stratify, seed=seed))
        session.execute(delete(m.SampleEntry).where(m.SampleEntry.session_id == row.id))
        session.add_all(
            m.SampleEntry(session_id=row.id, plan_id=pool[k][1], advice_request_id=pool[k][0],
                          position=i,
                          stratum=stratum_key({"service": pool[k][2].service}, "service")
                          if settings.stratify else None)
            for i, k in enumerate(result.plans, start=1))
        row.sample_settings_json = settings.to_json()
        row.sample_seed = seed
        row.sample_eligible = result.eligible
        row.sample_drawn_at = m.utcnow()
        row.updated_by = actor.user
        returns = [pool[k][2] for k in result.plans]
        changelog.record(session, actor, "sample", row.name, "draw",
                         after={"settings": json.loads(settings.to_json()),
                                "eligible": result.eligible, "returns": result.plans})
        session.expire(row, ["sample"])
    plans = list(dict.fromkeys(r.plan_ref for r in returns))
    return ReturnDrawResult(session_name, seed, result.eligible, plans, result.allocation,
                            returns=returns, settings=settings)
