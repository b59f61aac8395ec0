"""The period reports' reads (trend, dashboard, health, themes, scorecard): sessions dated
in a period with the panel's agreed answers counted by the database, and which rubrics
have sessions. Split from ``session_data``, which loads one session for the screens."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, literal, select
from sqlalchemy.orm import Session

from qa_audit.domain.audit import (
    AuditRecord,
    PlanFacts,
    SessionData,
    ThemeRecord,
)
from qa_audit.domain.tally import AgreedTally, TalliedSession
from qa_audit.reporting.key_issues import agreed_audits
from qa_audit.services import rubrics

#: What :func:`_load` reads of the members' (non-panel) audit rows. ``"all"``: every
#: answer (screens, key issues). ``"themes"``: the rows, their themes and strengths, but
#: answers only where a report can read them -- the panel's rows, and members' rows
#: carrying a theme recorded without a question (the health report checks those
#: answers). ``"none"``: the panel's rows only (the trend report reads nothing else).
from qa_audit.services.session_data import _PLAN_FACTS, _chunks, plan_facts
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

# ------------------------------------------------------------ period reports

#: What :func:`load_period` reads. ``"trend"``: the panel's rows and the plans they
#: audited (the trend report reads nothing else). ``"reports"``: every audit row with
#: its themes, as the health and themes reports (and the dashboard) read them.
PERIOD_READS = ("trend", "reports")

def load_period(db: Database, start: dt.date, end: dt.date, *,
                reads: str = "reports") -> list[TalliedSession]:
    """Sessions dated start..end inclusive, oldest first, as the period reports read them.

    Unlike :func:`load_sessions_between`, answers are not fetched row by row: the
    database counts the agreed ones (:class:`TalliedSession`), in a fixed number of
    statements per 900 sessions, whatever the number of answers. Audit rows carry
    their answers only where a report reads them row by row: rows with a theme
    recorded without a question (the health report checks those answers). Texts no
    period report prints (raw excerpts, notes, rationales, development points) are
    not fetched, nor, for ``"trend"``, audit dates and strengths; ``plans`` holds the
    plans the panel audited.
    """
    if reads not in PERIOD_READS:
        raise ValueError(f"reads must be one of {PERIOD_READS}, not {reads!r}")
    with db.read() as session:
        rows = session.execute(
            select(m.AuditSession.id, m.AuditSession.name, m.AuditSession.session_date,
                   m.AuditSession.status, m.AuditSession.rubric_version_id)
            .where(m.AuditSession.session_date >= start, m.AuditSession.session_date <= end)
            .order_by(m.AuditSession.session_date, m.AuditSession.name)
        ).all()
        if not rows:
            return []
        return _load_period(session, rows, reads == "trend")


def _load_period(session: Session, rows: Sequence[Any], panel_only: bool) -> list[TalliedSession]:
    core = session.connection()
    ids = [r.id for r in rows]
    names = {r.id: r.name for r in rows}
    a = m.Audit
    # rows are unpacked by position below: attribute access on a Row costs ten times more
    cols = [a.id, a.session_id, a.plan_id, a.auditor, a.is_panel, a.overall, m.Plan.plan_ref,
            a.advice_request_id, a.agency, a.status, a.audit_date, a.strengths]
    audit_rows: list[Any] = []
    plans: dict[int, PlanFacts] = {}
    for chunk in _chunks(ids, 900):
        panel = a.is_panel.is_(True)
        query = (select(*(cols[:10] if panel_only else cols))
                 .join(m.Plan, m.Plan.id == a.plan_id)
                 .where(a.session_id.in_(chunk))
                 .order_by(a.session_id, m.Plan.plan_ref, a.advice_request_id, a.is_panel,
                           a.auditor))
        audit_rows += core.execute(query.where(panel) if panel_only else query).all()
        # facts of the plans the panel audited (the trend's groups), not of every plan
        for pid, *facts in core.execute(
            select(m.Plan.id, *_PLAN_FACTS).where(m.Plan.id.in_(
                select(a.plan_id).where(a.session_id.in_(chunk), panel)))
        ).all():
            plans[pid] = plan_facts(facts)

    themes: dict[int, list[ThemeRecord]] = defaultdict(list)
    answers: dict[int, dict[str, str]] = defaultdict(dict)
    if not panel_only:
        t = m.ThemeTag
        for chunk in _chunks(ids, 900):
            for aid, theme_id, qid, approved in core.execute(
                select(t.audit_id, t.theme_id, t.question_id, t.approved_excerpt)
                .join(a, a.id == t.audit_id)
                .where(a.session_id.in_(chunk))
                .order_by(t.audit_id, t.theme_id)
            ).all():
                themes[aid].append(ThemeRecord(theme_id, qid, None, approved))
        loose = sorted({aid for aid, tags in themes.items()
                        if any(tag.question_id is None for tag in tags)})
        for chunk in _chunks(loose, 900):
            for aid, qid, value in core.execute(
                select(m.Answer.audit_id, m.Answer.question_id, m.Answer.value)
                .where(m.Answer.audit_id.in_(chunk), m.Answer.value.is_not(None))
            ).all():
                answers[aid][qid] = value

    per_session: dict[int, list[AuditRecord]] = defaultdict(list)
    session_plans: dict[int, dict[str, PlanFacts]] = defaultdict(dict)
    audit_ids: dict[int, int] = {}  # id(record) -> audit id
    no_themes: tuple[ThemeRecord, ...] = ()
    for aid, sid, pid, auditor, is_panel, overall, ref, request, agency, status, *more \
            in audit_rows:
        audit_date, strengths = more or (None, None)
        record = AuditRecord(
            session=names[sid], plan_ref=ref, advice_request_id=request, auditor=auditor,
            is_panel=is_panel, agency=agency,
            audit_date=audit_date, overall=overall, status=status,
            answers=answers.get(aid) or {}, strengths=strengths,
            themes=tuple(themes[aid]) if aid in themes else no_themes)
        audit_ids[id(record)] = aid
        per_session[sid].append(record)
        if is_panel:
            session_plans[sid][ref] = plans[pid]

    # the agreed row of each plan, by the very rule the reports use; the database then
    # counts the answers of exactly those rows
    agreed: list[int] = []
    others: list[int] = []
    for records in per_session.values():
        chosen = {id(rec) for rec in agreed_audits(
            SessionData("", dt.date.min, "", "", 0, (), tuple(records), {})).values()}
        for rec in records:
            if rec.is_panel:
                (agreed if id(rec) in chosen else others).append(audit_ids[id(rec)])
    tallies = _agreed_tallies(core, ids, agreed, others, with_agency=not panel_only)

    stored_by_pk: dict[int, rubrics.StoredRubric] = {}
    out = []
    for r in rows:
        stored = stored_by_pk.get(r.rubric_version_id)
        if stored is None:
            stored = stored_by_pk[r.rubric_version_id] = rubrics.by_version_pk(
                session, r.rubric_version_id)
        values, attributed, answer_counts = tallies.get(r.id, ({}, {}, {}))
        out.append(TalliedSession(
            name=r.name, date=r.session_date, status=r.status, rubric_id=stored.id,
            rubric_version=stored.version, sampled=(),
            audits=tuple(per_session.get(r.id, ())), plans=session_plans.get(r.id, {}),
            tally=AgreedTally(values, attributed, answer_counts),
        ))
    return out


#: (values, attributed, attributed answers): the three counts of an AgreedTally
_Tallies = tuple[dict[tuple[str, str], int], dict[tuple[str, str, str], int],
                 dict[tuple[str, str], int]]


def _agreed_tallies(core: Any, session_ids: list[int], agreed: list[int], others: list[int],
                    *, with_agency: bool) -> dict[int, _Tallies]:
    """session id -> (values, attributed, attributed answers) counts of the agreed rows'
    answers (GROUP BY; see :class:`AgreedTally`).

    Normally every panel row is the agreed one (one panel row a plan) and the count
    runs over a session's panel rows; when a plan has a second panel row, the count
    runs over the agreed rows' ids instead. An answer may be attributed to several
    agencies, so each answer's agencies are joined into one text (a correlated
    subquery on the attribution's index) and the answers are grouped by it: one pass
    over the answers gives all three counts (three grouped selects over the same
    answers, one for each count, took twice as long: the dashboard, benchmarks/).
    """
    a, ans, sa = m.Audit, m.Answer, m.ShortfallAttribution
    scopes: list[ColumnElement[bool]]
    if others:
        scopes = [ans.audit_id.in_(chunk) for chunk in _chunks(sorted(agreed), 900)]
    else:
        scopes = [(a.session_id.in_(chunk)) & a.is_panel.is_(True)
                  for chunk in _chunks(session_ids, 900)]
    agencies: Any = literal("")
    if with_agency:  # agency ids are letters, digits, _ and -: a comma never is one
        agencies = (select(func.aggregate_strings(sa.agency, _AGENCIES))
                    .where(sa.answer_id == ans.id).scalar_subquery())
    out: dict[int, _Tallies] = {}
    for scope in scopes:
        per_answer = (select(a.session_id.label("sid"), ans.question_id.label("qid"),
                             ans.value.label("value"), agencies.label("agencies"))
                      .select_from(ans).join(a, a.id == ans.audit_id)
                      .where(scope, ans.value.is_not(None)).subquery())
        c = per_answer.c
        for sid, qid, value, joined, n in core.execute(
                select(c.sid, c.qid, c.value, c.agencies, func.count())
                .group_by(c.sid, c.qid, c.value, c.agencies)).all():
            values, attributed, answers = out.setdefault(sid, ({}, {}, {}))
            values[(qid, value)] = values.get((qid, value), 0) + n
            if joined:
                answers[(qid, value)] = answers.get((qid, value), 0) + n
                for agency in joined.split(_AGENCIES):
                    akey = (qid, value, agency)
                    attributed[akey] = attributed.get(akey, 0) + n
    return out


#: Separator of an answer's agencies in :func:`_agreed_tallies`.
_AGENCIES = ","


def count_agreed_answers(db: Database, start: dt.date, end: dt.date, rubric_id: str,
                         questions: Iterable[str]) -> dict[str, list[tuple[dict[str, str], int]]]:
    """session name -> [(agreed answers to ``questions``, how many plans gave exactly
    those)] over the items (plans, or advice returns) with an agreed grade in sessions
    on ``rubric_id`` dated start..end: one statement.

    The trend's indicators judge each moderated plan's answers to a few questions. Ten
    years hold tens of thousands of such plans but few distinct combinations of
    answers, so the database joins each graded panel row's answers into one text (one
    row per audit, no answer row fetched) and the combinations are counted here. The
    agreed row is the panel row with a grade, the least (auditor, id) when a plan has
    two, as ``key_issues.agreed_audits`` picks it.
    """
    wanted = sorted(set(questions))
    if not wanted:
        return {}
    a, ans, s = m.Audit, m.Answer, m.AuditSession
    with db.read() as session:
        rows = session.connection().execute(
            # grouped by the audit id alone (a sort on more columns cost more than the
            # join); the session's name is one value per group
            select(func.min(s.name), a.plan_id, a.advice_request_id, a.auditor, a.id,
                   func.aggregate_strings(ans.question_id + _KEY + ans.value, _PAIR))
            .select_from(ans)
            .join(a, a.id == ans.audit_id)
            .join(s, s.id == a.session_id)
            .join(m.RubricVersion, m.RubricVersion.id == s.rubric_version_id)
            .where(s.session_date >= start, s.session_date <= end,
                   m.RubricVersion.rubric_id == rubric_id, a.is_panel.is_(True),
                   a.overall.is_not(None), ans.value.is_not(None),
                   ans.question_id.in_(wanted))
            .group_by(a.id)
        ).all()
    # one agreed row per item: a plan, or one advice return of it
    agreed: dict[tuple[str, int, int | None], tuple[str, int, str]] = {}
    for name, plan_id, request_id, auditor, audit_id, combo in rows:
        held = agreed.get((name, plan_id, request_id))
        if held is None or (auditor, audit_id) < held[:2]:
            agreed[(name, plan_id, request_id)] = (auditor, audit_id, combo)
    counted: dict[str, dict[str, int]] = {}
    for (name, _plan, _request), (_auditor, _id, combo) in agreed.items():
        per = counted.setdefault(name, {})
        per[combo] = per.get(combo, 0) + 1
    return {name: [(dict(pair.split(_KEY, 1) for pair in combo.split(_PAIR)), n)
                   for combo, n in per.items()] for name, per in counted.items()}


#: Separators of :func:`count_agreed_answers`' joined answers (ASCII unit and record
#: separators: never in a question id or an answer code).
_KEY, _PAIR = "\x1f", "\x1e"


def rubrics_with_sessions(db: Database) -> list[tuple[str, str]]:
    """(rubric id, latest version's title) of every rubric id some session is on, by id."""
    with db.read() as session:
        ids = session.scalars(
            select(m.RubricVersion.rubric_id).distinct()
            .join(m.AuditSession, m.AuditSession.rubric_version_id == m.RubricVersion.id)
            .order_by(m.RubricVersion.rubric_id)
        ).all()
        return [(rid, rubrics.latest_rubric(session, rid).title) for rid in ids]


def latest_session_rubric(db: Database) -> str | None:
    """The rubric id of the newest session of all (ties: the greatest name), or None when
    there is no session: the trend's rubric when its period holds no session."""
    with db.read() as session:
        return session.scalar(
            select(m.RubricVersion.rubric_id)
            .join(m.AuditSession, m.AuditSession.rubric_version_id == m.RubricVersion.id)
            .order_by(m.AuditSession.session_date.desc(), m.AuditSession.name.desc())
            .limit(1))
