"""Loading sessions as plain domain data, in a fixed small number of queries.

Reports and screens call these instead of touching the ORM, so they never issue
a query per plan or per answer (no N+1, whatever the session size).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, null, select
from sqlalchemy.orm import Session

from qa_audit.domain.audit import (
    ActionRecord,
    AdviceRecord,
    AuditRecord,
    PlanFacts,
    SessionData,
    ThemeRecord,
)
from qa_audit.domain.items import ItemKey
from qa_audit.domain.plan_fields import decode_custom
from qa_audit.gc_pause import gc_paused
from qa_audit.services import rubrics
from qa_audit.services.sessions import find_session
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

#: What :func:`_load` reads of the members' (non-panel) audit rows. ``"all"``: every
#: answer (screens, key issues). ``"themes"``: the rows, their themes and strengths, but
#: answers only where a report can read them -- the panel's rows, and members' rows
#: carrying a theme recorded without a question (the health report checks those
#: answers). ``"none"``: the panel's rows only (the trend report reads nothing else).
MEMBERS = ("all", "themes", "none")


def _record(session_name: str, a: Any, answers: dict[int, list[Any]],
            themes: dict[int, list[ThemeRecord]]) -> AuditRecord:
    """An audit row (columns of ``_AUDIT_COLS``) with its answer rows (``_ANSWER_COLS``)
    and themes, as the domain record.

    The answer rows are outer-joined with the attributions, so an answer attributed
    to two agencies comes as two rows (same answer, one agency each)."""
    got = answers.get(a.id, ())
    attributed: dict[str, list[str]] = {}
    for x in got:
        if x[5]:
            held = attributed.setdefault(x[1], [])
            if x[5] not in held:
                held.append(x[5])
    return AuditRecord(
        session=session_name,
        plan_ref=a.plan_ref,
        auditor=a.auditor,
        is_panel=a.is_panel,
        agency=a.agency,
        audit_date=a.audit_date,
        overall=a.overall,
        overall_rationale=a.overall_rationale,
        status=a.status,
        answers={x[1]: x[2] for x in got if x[2] is not None},
        notes={x[1]: x[3] for x in got if x[3]},
        attributions={qid: tuple(sorted(agencies)) for qid, agencies in attributed.items()},
        reasons={x[1]: x[6] for x in got if x[6]},
        rationales={x[1]: x[4] for x in got if x[4]},
        themes=tuple(themes.get(a.id, ())),
        strengths=a.strengths,
        development=a.development,
        advice_request_id=a.advice_request_id,
    )


_AUDIT_COLS = (m.Audit.id, m.Audit.session_id, m.Audit.plan_id, m.Audit.auditor,
               m.Audit.is_panel, m.Audit.agency, m.Audit.audit_date, m.Audit.overall,
               m.Audit.overall_rationale, m.Audit.status, m.Audit.strengths,
               m.Audit.development, m.Plan.plan_ref, m.Audit.advice_request_id)
_ANSWER_COLS = (m.Answer.audit_id, m.Answer.question_id, m.Answer.value, m.Answer.note,
                m.Answer.rationale, m.ShortfallAttribution.agency, m.Answer.reason)
_THEME_COLS = (m.ThemeTag.audit_id, m.ThemeTag.theme_id, m.ThemeTag.question_id,
               m.ThemeTag.excerpt, m.ThemeTag.approved_excerpt)


#: The plan columns :func:`plan_facts` reads, in order.
_PLAN_FACTS = (m.Plan.plan_ref, m.Plan.issue_date, m.Plan.request_date, m.Plan.plan_type,
               m.Plan.year_group, m.Plan.phase, m.Plan.primary_need, m.Plan.setting_type,
               m.Plan.team, m.Plan.direct_payments, m.Plan.caseworker, m.Plan.custom_fields)


def plan_facts(row: Any) -> PlanFacts:
    """A plan row of :data:`_PLAN_FACTS` as its facts, custom fields decoded."""
    *builtin, custom = row
    # builtin is every PlanFacts field before custom (mypy cannot count a starred row)
    return PlanFacts(*builtin, custom=decode_custom(custom))  # type: ignore[misc]


def _load(session: Session, rows: list[m.AuditSession], members: str = "all") -> list[SessionData]:
    if not rows:
        return []
    if members not in MEMBERS:
        raise ValueError(f"members must be one of {MEMBERS}, not {members!r}")
    ids = [r.id for r in rows]
    # plain column rows on the Core connection, not ORM instances nor ORM-executed
    # column selects: the ORM's row processing cost seconds per year of data
    # (benchmarks/RESULTS.md)
    core = session.connection()
    audit_query = (
        select(*_AUDIT_COLS)
        .join(m.Plan, m.Plan.id == m.Audit.plan_id)
        .where(m.Audit.session_id.in_(ids))
        .order_by(m.Audit.session_id, m.Plan.plan_ref,
                  m.Audit.advice_request_id, m.Audit.is_panel, m.Audit.auditor)
    )
    if members == "none":
        audit_query = audit_query.where(m.Audit.is_panel.is_(True))
    audit_rows = core.execute(audit_query).all()
    answers: dict[int, list[Any]] = defaultdict(list)
    themes: dict[int, list[ThemeRecord]] = defaultdict(list)
    answer_cols: tuple[Any, ...] = _ANSWER_COLS
    if members == "all":
        for chunk in _chunks([row.id for row in audit_rows], 900):
            for ans in core.execute(
                select(*answer_cols)
                .outerjoin(m.ShortfallAttribution,
                           m.ShortfallAttribution.answer_id == m.Answer.id)
                .where(m.Answer.audit_id.in_(chunk))
            ).all():
                answers[ans[0]].append(ans)
    else:
        # by session, not by audit id: one statement per 900 sessions, and only the rows
        # a period report reads (see MEMBERS); period reports never read notes or
        # rationales, so those (long) texts are not fetched
        answer_cols = (m.Answer.audit_id, m.Answer.question_id, m.Answer.value,
                       null().label("note"), null().label("rationale"),
                       m.ShortfallAttribution.agency, m.Answer.reason)
        wanted: ColumnElement[bool] = m.Audit.is_panel.is_(True)
        if members == "themes":
            wanted = wanted | m.Audit.id.in_(
                select(m.ThemeTag.audit_id).where(m.ThemeTag.question_id.is_(None)))
        for chunk in _chunks(ids, 900):
            for ans in core.execute(
                select(*answer_cols)
                .join(m.Audit, m.Audit.id == m.Answer.audit_id)
                .outerjoin(m.ShortfallAttribution,
                           m.ShortfallAttribution.answer_id == m.Answer.id)
                .where(m.Audit.session_id.in_(chunk), wanted)
            ).all():
                answers[ans[0]].append(ans)
    if members == "none":
        for chunk in _chunks([row.id for row in audit_rows], 900):
            for t in core.execute(
                select(*_THEME_COLS)
                .where(m.ThemeTag.audit_id.in_(chunk))
                .order_by(m.ThemeTag.audit_id, m.ThemeTag.theme_id)
            ).all():
                themes[t[0]].append(ThemeRecord(t[1], t[2], t[3], t[4]))
    else:
        for chunk in _chunks(ids, 900):
            for t in core.execute(
                select(*_THEME_COLS)
                .join(m.Audit, m.Audit.id == m.ThemeTag.audit_id)
                .where(m.Audit.session_id.in_(chunk))
                .order_by(m.ThemeTag.audit_id, m.ThemeTag.theme_id)
            ).all():
                themes[t[0]].append(ThemeRecord(t[1], t[2], t[3], t[4]))
    plan_ids = {row.plan_id for row in audit_rows}
    samples = core.execute(
        select(m.SampleEntry.session_id, m.SampleEntry.plan_id, m.Plan.plan_ref,
               *_REQUEST_COLS)
        .join(m.Plan, m.Plan.id == m.SampleEntry.plan_id)
        .outerjoin(m.AdviceRequest, m.AdviceRequest.id == m.SampleEntry.advice_request_id)
        .where(m.SampleEntry.session_id.in_(ids), m.SampleEntry.withdrawn_at.is_(None))
        .order_by(m.SampleEntry.position)
    ).all()
    plan_ids |= {x[1] for x in samples}
    plans: dict[int, PlanFacts] = {}
    p = m.Plan
    for chunk in _chunks(sorted(plan_ids), 900):
        for row in core.execute(
            select(p.id, *_PLAN_FACTS).where(p.id.in_(chunk))
        ).all():
            plans[row[0]] = plan_facts(row[1:])
    actions = session.execute(
        select(m.Action, m.Plan.plan_ref)
        .outerjoin(m.Plan, m.Plan.id == m.Action.plan_id)
        .where(m.Action.session_id.in_(ids))
        .order_by(m.Action.due_date, m.Action.id)
    ).all()
    names = {r.id: r.name for r in rows}
    per_session: dict[int, list[AuditRecord]] = defaultdict(list)
    for arow in audit_rows:
        per_session[arow.session_id].append(
            _record(names[arow.session_id], arow, answers, themes))
    sampled: dict[int, list[str]] = defaultdict(list)
    items: dict[int, list[ItemKey]] = defaultdict(list)
    session_plans: dict[int, dict[str, PlanFacts]] = defaultdict(dict)
    for sid, pid, ref, *request in samples:
        if ref not in sampled[sid]:  # two returns of one plan: the plan once
            sampled[sid].append(ref)
        items[sid].append(_item(ref, *request))
        session_plans[sid][ref] = plans[pid]
    for arow in audit_rows:
        session_plans[arow.session_id][arow.plan_ref] = plans[arow.plan_id]
    acts: dict[int, list[ActionRecord]] = defaultdict(list)
    for act, ref in actions:
        acts[act.session_id].append(
            ActionRecord(
                act.id, names[act.session_id], ref, act.text, act.owner, act.due_date, act.status,
                bool(act.reaudit),
            )
        )
    stored_by_pk: dict[int, rubrics.StoredRubric] = {}
    out = []
    for r in rows:
        stored = stored_by_pk.get(r.rubric_version_id)
        if stored is None:
            stored = stored_by_pk[r.rubric_version_id] = rubrics.by_version_pk(
                session, r.rubric_version_id)
        out.append(
            SessionData(
                name=r.name,
                date=r.session_date,
                status=r.status,
                rubric_id=stored.id,
                rubric_version=stored.version,
                sampled=tuple(sampled.get(r.id, ())),
                audits=tuple(per_session.get(r.id, ())),
                plans=session_plans.get(r.id, {}),
                actions=tuple(acts.get(r.id, ())),
                sampled_items=tuple(items.get(r.id, ())),
            )
        )
    return out


#: The advice request a sample entry names (all None for a plan), for :func:`_item`.
_REQUEST_COLS = (m.SampleEntry.advice_request_id, m.AdviceRequest.service,
                 m.AdviceRequest.requested_date)


def _item(plan_ref: str, request_id: int | None, service: str | None,
          requested: dt.date | None) -> ItemKey:
    return ItemKey(plan_ref, request_id, service, requested)


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def load_session(db: Database, name: str) -> SessionData:
    with db.read() as session:
        return _load(session, [find_session(session, name)])[0]


def load_session_with_panel_versions(db: Database, name: str
                                     ) -> tuple[SessionData, dict[ItemKey, int]]:
    """The session, and the version of each item's agreed (panel) row, as one snapshot.

    The moderation screen saves with the version it loaded: reading both in one read
    transaction (versions first) means a save made by someone else in between shows
    as a conflict, never as a silent overwrite, without a second load of the session.
    """
    with gc_paused(), db.read() as session:
        row = find_session(session, name)
        versions: dict[ItemKey, int] = {}
        for plan_ref, request, version in session.connection().execute(
            select(m.Plan.plan_ref, m.Audit.advice_request_id, m.Audit.version)
            .join(m.Plan, m.Plan.id == m.Audit.plan_id)
            .where(m.Audit.session_id == row.id, m.Audit.is_panel.is_(True))
            .order_by(m.Audit.id)
        ).all():
            versions.setdefault(ItemKey(plan_ref, request), version)
        return _load(session, [row])[0], versions


@dataclass(frozen=True)
class MemberSession:
    """What the scoring screen's plan list needs of a session for one member."""

    sampled: tuple[ItemKey, ...]  # sampled items in sample order (withdrawn excluded)
    plans: dict[str, PlanFacts]  # plan ref -> facts of the sampled plans
    own: dict[ItemKey, AuditRecord]  # item -> the member's own (non-panel) audit


def load_member_session(db: Database, name: str, member: str | None) -> MemberSession:
    """The sample and one member's own audits, in four statements whatever its size.

    The scoring screen counts the member's progress on every plan: reading the other
    members' audits and answers too (:func:`load_session`) cost most of opening a
    session. Records are as :func:`load_session` builds them.
    """
    with gc_paused(), db.read() as session:
        row = find_session(session, name)
        core = session.connection()
        sample = core.execute(
            select(*_PLAN_FACTS, *_REQUEST_COLS)
            .join(m.SampleEntry, m.SampleEntry.plan_id == m.Plan.id)
            .outerjoin(m.AdviceRequest, m.AdviceRequest.id == m.SampleEntry.advice_request_id)
            .where(m.SampleEntry.session_id == row.id, m.SampleEntry.withdrawn_at.is_(None))
            .order_by(m.SampleEntry.position)
        ).all()
        own: dict[ItemKey, AuditRecord] = {}
        if member is not None:
            a = m.Audit
            mine = (a.session_id == row.id, a.auditor == member, a.is_panel.is_(False))
            audits = core.execute(
                select(*_AUDIT_COLS)
                .join(m.Plan, m.Plan.id == a.plan_id)
                .where(*mine)
                .order_by(m.Plan.plan_ref)
            ).all()
            answers: dict[int, list[Any]] = defaultdict(list)
            for ans in core.execute(
                select(*_ANSWER_COLS)
                .join(a, a.id == m.Answer.audit_id)
                .outerjoin(m.ShortfallAttribution,
                           m.ShortfallAttribution.answer_id == m.Answer.id)
                .where(*mine)
            ).all():
                answers[ans[0]].append(ans)
            themes: dict[int, list[ThemeRecord]] = defaultdict(list)
            for t in core.execute(
                select(*_THEME_COLS)
                .join(a, a.id == m.ThemeTag.audit_id)
                .where(*mine)
                .order_by(m.ThemeTag.audit_id, m.ThemeTag.theme_id)
            ).all():
                themes[t[0]].append(ThemeRecord(t[1], t[2], t[3], t[4]))
            for x in audits:
                record = _record(row.name, x, answers, themes)
                own[record.item] = record
        width = len(_PLAN_FACTS)
        return MemberSession(
            sampled=tuple(_item(r[0], *r[width:]) for r in sample),
            plans={r[0]: plan_facts(r[:width]) for r in sample},
            own=own,
        )


def load_sessions_between(db: Database, start: dt.date, end: dt.date, *,
                          members: str = "all") -> list[SessionData]:
    """Sessions dated start..end inclusive, oldest first; ``members`` says how much of
    the members' audit rows to read (see :data:`MEMBERS`)."""
    with db.read() as session:
        rows = list(
            session.scalars(
                select(m.AuditSession)
                .where(m.AuditSession.session_date >= start, m.AuditSession.session_date <= end)
                .order_by(m.AuditSession.session_date, m.AuditSession.name)
            )
        )
        return _load(session, rows, members)


def previous_session(db: Database, name: str, members: str = "all") -> SessionData | None:
    """The session before this one on the same rubric, for comparison in reports.

    ``members`` as for :func:`load_sessions_between`: a comparison of agreed grades
    reads the panel's rows only (``"none"``).
    """
    with db.read() as session:
        current = find_session(session, name)
        rubric_id = session.scalar(
            select(m.RubricVersion.rubric_id).where(m.RubricVersion.id == current.rubric_version_id)
        )
        prev = session.scalar(
            select(m.AuditSession)
            .join(m.RubricVersion, m.RubricVersion.id == m.AuditSession.rubric_version_id)
            .where(
                m.RubricVersion.rubric_id == rubric_id,
                m.AuditSession.id != current.id,
                m.AuditSession.session_date <= current.session_date,
            )
            .order_by(m.AuditSession.session_date.desc(), m.AuditSession.id.desc())
            .limit(1)
        )
        return _load(session, [prev], members)[0] if prev else None


def load_advice_requested_between(db: Database, start: dt.date, end: dt.date) -> list[AdviceRecord]:
    with db.read() as session:
        rows = session.execute(
            select(
                m.Plan.plan_ref,
                m.AdviceRequest.service,
                m.AdviceRequest.requested_date,
                m.AdviceRequest.received_date,
            )
            .join(m.Plan, m.Plan.id == m.AdviceRequest.plan_id)
            .where(m.AdviceRequest.requested_date >= start, m.AdviceRequest.requested_date <= end)
            .order_by(m.AdviceRequest.service, m.AdviceRequest.requested_date)
        )
        return [AdviceRecord(*r) for r in rows]
