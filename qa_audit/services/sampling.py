"""Drawing, storing and amending a session's sample.

Everything needed to redraw the same sample (settings, seed, eligible count,
time) is stored with the session, so a panel can show an inspector exactly how
its plans were chosen.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import asdict, dataclass, field, replace

from sqlalchemy import delete, exists, null, select
from sqlalchemy.orm import Session

from qa_audit.domain.plan_fields import decode_custom
from qa_audit.domain.sampling import (
    STRATIFY_FIELDS,
    Candidate,
    SampleSpec,
    SamplingError,
    can_stratify_by,
    draw_replacement,
    draw_sample,
    new_seed,
    stratum_key,
    target_size,
)
from qa_audit.domain.timeliness import IssueTimeliness, days_to_issue
from qa_audit.errors import NotFound, UserError
from qa_audit.services import changelog, reaudits
from qa_audit.services.actor import Actor
from qa_audit.services.plan_lookup import stored_plan_ref
from qa_audit.services.plans import custom_names
from qa_audit.services.sessions import ensure_writable, find_session
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

PLAN_TYPES = ("new", "amended", "review")


@dataclass(frozen=True)
class SampleSettings:
    size: int | None = None
    percent: float | None = None
    seed: int | None = None
    stratify: str | None = None
    issued_from: dt.date | None = None
    issued_to: dt.date | None = None
    exclude_months: int = 12
    plan_types: tuple[str, ...] | None = None
    #: only plans in these NCY year groups (e.g. the transition points 5, 6, 9 and 11)
    year_groups: tuple[int, ...] | None = None

    def to_json(self) -> str:
        data = asdict(self)
        for k in ("issued_from", "issued_to"):
            data[k] = data[k].isoformat() if data[k] else None
        data["plan_types"] = list(self.plan_types) if self.plan_types else None
        data["year_groups"] = list(self.year_groups) if self.year_groups else None
        if data["year_groups"] is None:
            del data["year_groups"]  # settings stored before the option read the same
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SampleSettings:
        data = json.loads(text)
        for k in ("issued_from", "issued_to"):
            data[k] = dt.date.fromisoformat(data[k]) if data.get(k) else None
        data["plan_types"] = tuple(data["plan_types"]) if data.get("plan_types") else None
        data["year_groups"] = tuple(data["year_groups"]) if data.get("year_groups") else None
        return cls(**data)


@dataclass(frozen=True)
class DrawResult:
    session: str
    seed: int
    eligible: int
    plans: list[str]
    allocation: dict[str, int] | None
    #: plans drawn as re-audits, before and on top of the draw (also in ``plans``)
    reaudits: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "session": self.session,
            "seed": self.seed,
            "eligible": self.eligible,
            "plans": self.plans,
            "reaudits": self.reaudits,
        }


def months_before(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` earlier, clamped to the month's end (31 Mar - 1 month = 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _validate(settings: SampleSettings) -> None:
    if (settings.size is None) == (settings.percent is None):
        raise UserError("Give either a sample size or a percentage, not both.")
    if settings.stratify and not can_stratify_by(settings.stratify):
        raise UserError(
            f"Cannot stratify by {settings.stratify!r}; choose from {', '.join(STRATIFY_FIELDS)} "
            "or a custom plan field."
        )
    if settings.exclude_months < 0:
        raise UserError("The exclusion window cannot be negative.")
    if settings.issued_from and settings.issued_to and settings.issued_from > settings.issued_to:
        raise UserError("The issue-date window ends before it starts.")
    if settings.plan_types and any(t not in PLAN_TYPES for t in settings.plan_types):
        raise UserError(f"Plan types must be among {', '.join(PLAN_TYPES)}.")


def eligible_candidates(
    session: Session, row: m.AuditSession, settings: SampleSettings
) -> list[Candidate]:
    plan = m.Plan
    custom = settings.stratify is not None and settings.stratify not in STRATIFY_FIELDS
    query = select(
        plan.plan_ref, plan.team, plan.phase, plan.primary_need, plan.setting_type, plan.plan_type,
        plan.custom_fields if custom else null(), plan.year_group,
    )
    if settings.issued_from:
        query = query.where(plan.issue_date >= settings.issued_from)
    if settings.issued_to:
        query = query.where(plan.issue_date <= settings.issued_to)
    if settings.plan_types:
        query = query.where(plan.plan_type.in_(settings.plan_types))
    if settings.year_groups:
        query = query.where(plan.year_group.in_(settings.year_groups))
    if settings.exclude_months > 0:
        since = months_before(row.session_date, settings.exclude_months)
        recently_audited = (
            select(m.Audit.id)
            .join(m.AuditSession, m.AuditSession.id == m.Audit.session_id)
            .where(
                m.Audit.plan_id == plan.id,
                m.AuditSession.id != row.id,
                m.AuditSession.session_date >= since,
                m.AuditSession.session_date <= row.session_date,
            )
        )
        query = query.where(~exists(recently_audited))
    decoded: dict[str | None, dict[str, str]] = {}  # each distinct stored text read once
    return [
        Candidate(
            r[0],
            {
                **(decoded.get(r[6]) or decoded.setdefault(r[6], decode_custom(r[6]))),
                "team": r.team,
                "phase": r.phase,
                "primary_need": r.primary_need,
                "setting_type": r.setting_type,
                "plan_type": r.plan_type,
                "year_group": r.year_group,
            },
        )
        for r in session.execute(query.order_by(plan.plan_ref))
    ]


def check_stratify_field(session: Session, name: str | None) -> None:
    """A custom field to stratify by must be one some plan holds (a typo is an error)."""
    if not name or name in STRATIFY_FIELDS:
        return
    known = custom_names(session)
    if name not in known:
        offered = ", ".join(STRATIFY_FIELDS + tuple(known))
        raise UserError(f"No plan has a field {name!r} to stratify by; choose from {offered}.")


def preview_strata(db: Database, session_name: str, settings: SampleSettings) -> dict[str, int]:
    """Eligible plans per stratum (or one entry 'all'), for the live preview."""
    with db.read() as session:
        row = find_session(session, session_name)
        cands = eligible_candidates(session, row, settings)
    if not settings.stratify:
        return {"all": len(cands)}
    return dict(sorted(Counter(stratum_key(c.facts, settings.stratify) for c in cands).items()))


def _scoring_started(session: Session, row: m.AuditSession) -> bool:
    return bool(session.scalar(select(m.Audit.id).where(m.Audit.session_id == row.id).limit(1)))


#: how a sample of advice returns marks its stored settings (services.sampling_returns)
RETURNS_MARK = '"unit": "advice_return"'


def is_advice_return_session(session: Session, row: m.AuditSession) -> bool:
    """Is the session on a rubric whose ``unit`` is ``advice_return``?"""
    content = session.scalar(select(m.RubricVersion.content_json)
                             .where(m.RubricVersion.id == row.rubric_version_id))
    return bool(content) and json.loads(content or "{}").get("unit") == "advice_return"


def _refuse_returns_sample(settings_json: str | None, session: Session | None = None,
                           row: m.AuditSession | None = None) -> None:
    """Plans are not drawn for a session that audits advice returns, nor its returns
    withdrawn here (``services.sampling_returns`` draws them)."""
    if (settings_json and RETURNS_MARK in settings_json) or (
            session is not None and row is not None and is_advice_return_session(session, row)):
        raise UserError("This session audits advice returns: draw returns instead "
                        "(sample draw --requested-from/--requested-to; withdrawing a "
                        "return is not supported yet, redraw before scoring starts).")


def draw(db: Database, session_name: str, settings: SampleSettings, actor: Actor) -> DrawResult:
    _validate(settings)
    seed = settings.seed if settings.seed is not None else new_seed()
    settings = SampleSettings(**{**asdict(settings), "seed": seed})
    with db.write() as session:
        row = find_session(session, session_name)
        ensure_writable(row)
        _refuse_returns_sample(row.sample_settings_json, session, row)
        if _scoring_started(session, row):
            raise UserError(
                f"Scoring has started in {row.name!r}; its sample can no longer be "
                "redrawn (withdraw and replace single plans instead)."
            )
        check_stratify_field(session, settings.stratify)
        cands = eligible_candidates(session, row, settings)
        spec = SampleSpec(
            size=settings.size, percent=settings.percent, stratify=settings.stratify, seed=seed
        )
        # re-audits first, whatever the windows; the draw's size is then taken (as the
        # contract's rules say) from the eligible count, from the plans not re-audited
        due = reaudits.due_for(session, row)
        wanted = target_size(len(cands), spec)
        pool = [c for c in cands if c.plan_ref not in due]
        if wanted > len(pool):
            raise SamplingError(
                f"Cannot sample {wanted} plans on top of {len(due)} re-audit"
                f"{'s' * (len(due) != 1)}: only {len(pool)} other plans are eligible."
            )
        result = draw_sample(pool, replace(spec, size=wanted, percent=None))
        ids = dict(
            session.execute(
                select(m.Plan.plan_ref, m.Plan.id)
                .where(m.Plan.plan_ref.in_([*due, *result.plans]))
            )
            .tuples()
            .all()
        )
        facts = {c.plan_ref: c for c in cands}
        session.execute(delete(m.SampleEntry).where(m.SampleEntry.session_id == row.id))
        drawn = [*due, *result.plans]
        session.add_all(
            m.SampleEntry(
                session_id=row.id,
                plan_id=ids[ref],
                position=i,
                stratum=stratum_key(facts[ref].facts, settings.stratify)
                if settings.stratify and ref in facts
                else None,
                reaudit_action_id=due.get(ref),
            )
            for i, ref in enumerate(drawn, start=1)
        )
        row.sample_settings_json = settings.to_json()
        row.sample_seed = seed
        row.sample_eligible = len(cands)
        row.sample_drawn_at = m.utcnow()
        row.updated_by = actor.user
        changelog.record(
            session,
            actor,
            "sample",
            row.name,
            "draw",
            after={
                "settings": json.loads(settings.to_json()),
                "eligible": len(cands),
                "plans": drawn,
                "reaudits": list(due),
            },
        )
        session.expire(row, ["sample"])
    return DrawResult(session_name, seed, len(cands), drawn, result.allocation, list(due))


@dataclass(frozen=True)
class SampleRow(IssueTimeliness):
    position: int
    plan_ref: str
    stratum: str | None
    withdrawn_reason: str | None
    replaces: str | None
    year_group: int | None
    primary_need: str | None
    setting: str | None
    setting_type: str | None
    team: str | None
    issue_date: dt.date
    weeks_to_issue: int | None
    plan_type: str | None = None
    request_date: dt.date | None = None
    reaudit: bool = False  # drawn as a re-audit (an open --reaudit action), on top of the draw
    #: a DCO sample's advice return (its service and request date): two returns of one
    #: plan are two rows that only these tell apart
    return_service: str | None = None
    return_requested: dt.date | None = None


def sample_rows(db: Database, session_name: str) -> list[SampleRow]:
    with db.read() as session:
        row = find_session(session, session_name)
        entries = session.execute(
            select(m.SampleEntry, m.Plan)
            .join(m.Plan, m.Plan.id == m.SampleEntry.plan_id)
            .where(m.SampleEntry.session_id == row.id)
            .order_by(m.SampleEntry.position)
        ).all()
        by_id = {e.id: p.plan_ref for e, p in entries}
        asked = [e.advice_request_id for e, _p in entries if e.advice_request_id is not None]
        returns = {r.id: (r.service, r.requested_date) for r in session.execute(
            select(m.AdviceRequest.id, m.AdviceRequest.service, m.AdviceRequest.requested_date)
            .where(m.AdviceRequest.id.in_(asked)))} if asked else {}
        out = []
        for e, p in entries:
            days = days_to_issue(p.request_date, p.issue_date)
            service, requested = returns.get(e.advice_request_id, (None, None))
            out.append(
                SampleRow(
                    e.position,
                    p.plan_ref,
                    e.stratum,
                    e.withdrawn_reason,
                    by_id.get(e.replaces_id) if e.replaces_id else None,
                    p.year_group,
                    p.primary_need,
                    p.setting,
                    p.setting_type,
                    p.team,
                    p.issue_date,
                    None if days is None else days // 7,
                    p.plan_type,
                    p.request_date,
                    e.reaudit_action_id is not None,
                    service,
                    requested,
                )
            )
        return out


def withdraw_and_replace(
    db: Database, session_name: str, plan_ref: str, reason: str, actor: Actor
) -> str | None:
    """Withdraw a sampled plan (reason kept) and draw its replacement by the same rule."""
    if not reason.strip():
        raise UserError("Say why the plan is withdrawn (it is recorded for the inspector).")
    with db.write() as session:
        row = find_session(session, session_name)
        ensure_writable(row)
        if not row.sample_settings_json:
            raise UserError(f"{row.name!r} has no drawn sample.")
        _refuse_returns_sample(row.sample_settings_json)
        entry = session.scalar(
            select(m.SampleEntry)
            .join(m.Plan, m.Plan.id == m.SampleEntry.plan_id)
            .where(m.SampleEntry.session_id == row.id,
                   m.Plan.plan_ref == (stored_plan_ref(session, plan_ref) or plan_ref))
        )
        if entry is None or entry.withdrawn_at is not None:
            raise NotFound(f"{plan_ref} is not in the current sample of {row.name!r}.")
        settings = SampleSettings.from_json(row.sample_settings_json)
        cands = eligible_candidates(session, row, settings)
        in_sample = {
            p
            for (p,) in session.execute(
                select(m.Plan.plan_ref)
                .join(m.SampleEntry, m.SampleEntry.plan_id == m.Plan.id)
                .where(m.SampleEntry.session_id == row.id)
            )
        }
        spec = SampleSpec(
            size=settings.size,
            percent=settings.percent,
            stratify=settings.stratify,
            seed=settings.seed or 0,
        )
        try:
            # a re-audit was drawn on top of the sample: withdrawing it leaves the draw whole
            replacement = None if entry.reaudit_action_id is not None else draw_replacement(
                cands, in_sample, entry.stratum, spec)
        except SamplingError:
            replacement = None
        entry.withdrawn_at = m.utcnow()
        entry.withdrawn_reason = reason.strip()
        if replacement is not None:
            plan_id = session.scalar(select(m.Plan.id).where(m.Plan.plan_ref == replacement))
            last = max(e.position for e in row.sample)
            session.add(
                m.SampleEntry(
                    session_id=row.id,
                    plan_id=plan_id,
                    position=last + 1,
                    stratum=entry.stratum,
                    replaces_id=entry.id,
                )
            )
        changelog.record(
            session,
            actor,
            "sample",
            row.name,
            "withdraw",
            before={"plan": plan_ref},
            after={"reason": reason.strip(), "replacement": replacement},
        )
        return replacement


@dataclass(frozen=True)
class SampleProvenance:
    """How a session's sample was drawn: what a panel shows an inspector."""

    settings: SampleSettings | None
    seed: int | None
    eligible: int | None
    drawn_at: dt.datetime | None


def sample_provenance(db: Database, session_name: str) -> SampleProvenance:
    with db.read() as session:
        row = find_session(session, session_name)
        settings = (
            SampleSettings.from_json(row.sample_settings_json)
            if row.sample_settings_json and RETURNS_MARK not in row.sample_settings_json
            else None
        )
        return SampleProvenance(settings, row.sample_seed, row.sample_eligible,
                                row.sample_drawn_at)
