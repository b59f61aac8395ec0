"""Historical scored audits (councils moving from Excel): all or nothing.

The rubric is the session's (an existing session keeps the rubric it was created
on), else ``--rubric``, else the file's ``rubric`` column. Sessions the file names
that do not exist yet are created, dated by their earliest ``audit_date``.
Re-importing a row for the same session, plan and auditor updates that audit;
the panel's agreed audits are protected (``importing.audits_diff``).

Short write transactions: the file is read, parsed and compared with a snapshot
of the database (one short read) with no lock held; then one write transaction
checks the store revision and, if anyone saved meanwhile, re-reads the touched
audits and redoes the comparison inside the write (the parse stays valid unless
the sessions or plans it used changed, which redoes everything), then writes
with one executemany per statement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_audit.domain.plan_ref import plan_ref_key
from qa_audit.domain.rubric import Rubric
from qa_audit.errors import ImportRejected, NotFound, UserError
from qa_audit.importing.audits_diff import StoredAudit, agreed_problems, changes, target
from qa_audit.importing.audits_parse import (
    AuditFilePreview,
    ParsedAudits,
    parse_audits,
    peek_audit_file,
)
from qa_audit.importing.audits_rubric import rubric_inputs
from qa_audit.importing.tabular import Table, read_table
from qa_audit.services import audits_write, changelog, rubrics
from qa_audit.services.actor import Actor
from qa_audit.services.audits_write import Decision, SessionInfo
from qa_audit.services.register_import import ImportResult, Progress, _noop
from qa_audit.services.scoring import plan_facts as plan_condition_facts
from qa_audit.storage import models as m
from qa_audit.storage.engine import REVISION_TABLE, Database


def _choose_rubric(
    s: Session,
    file_sessions: list[str],
    session_arg: str | None,
    rubric_arg: str | None,
    file_rubrics: tuple[str, ...],
) -> tuple[Rubric, int]:
    names = set(file_sessions) | ({session_arg} if session_arg else set())
    existing = list(s.scalars(select(m.AuditSession).where(m.AuditSession.name.in_(names))))
    version_pks = {row.rubric_version_id for row in existing}
    if len(version_pks) > 1:
        raise UserError(
            "The sessions in this file use different rubrics; import them one "
            "session at a time with --session."
        )
    if version_pks:
        stored = rubrics.by_version_pk(s, version_pks.pop())
        # --rubric is a command-line mistake; a 'rubric' cell naming another rubric
        # is a bad row, reported by parse_audits with the file's other problems.
        if rubric_arg and rubric_arg.casefold() != stored.id.casefold():
            raise UserError(
                f"Session {existing[0].name!r} is scored on rubric {stored.id}, not {rubric_arg}."
            )
        return stored.rubric, stored.version_pk
    rubric_id = rubric_arg or (file_rubrics[0] if file_rubrics else None)
    if rubric_id is None:
        raise UserError(
            "Say which rubric these audits were scored on: give --rubric ID or a 'rubric' column."
        )
    try:
        stored = rubrics.get_version(s, rubric_id)
    except NotFound:
        known = {r.id.casefold(): r for r in rubrics.latest_versions(s)}
        if rubric_id.casefold() not in known:
            raise
        stored = known[rubric_id.casefold()]
    return stored.rubric, stored.version_pk


@dataclass
class _Snapshot:
    """What the comparison used from the database (read in one short transaction)."""

    revision: int | None
    rubric: Rubric
    version_pk: int
    plans: dict[str, Any]  # plan_ref_key -> row (id, plan_ref, version, facts' columns)
    sessions: dict[str, SessionInfo]  # session name casefold -> stored session
    audits: dict[audits_write.AuditKey, StoredAudit]
    plan_versions: dict[int, int] = field(default_factory=dict)
    #: (plan id, service, requested date) -> advice request id (advice_return rubrics only)
    advice: dict[tuple[int, str, dt.date], int] = field(default_factory=dict)


_PLAN_COLUMNS = ("id", "plan_ref", "version", "year_group", "plan_type", "phase",
                 "primary_need", "setting_type", "direct_payments", "custom_fields")


def _revision(s: Session) -> int | None:
    if not s.connection().dialect.has_table(s.connection(), REVISION_TABLE):
        return None
    return cast(int | None, s.connection().exec_driver_sql(
        f"SELECT n FROM {REVISION_TABLE} WHERE id = 1").scalar())


def _read(s: Session, preview: AuditFilePreview, session_name: str | None,
          rubric_id: str | None) -> _Snapshot:
    revision = _revision(s)
    rubric, version_pk = _choose_rubric(
        s, list(preview.sessions), session_name, rubric_id, preview.rubrics)
    plan = m.Plan.__table__
    plans = {plan_ref_key(r.plan_ref): r
             for r in s.execute(select(*[plan.c[c] for c in _PLAN_COLUMNS]))}
    names = set(preview.sessions) | ({session_name} if session_name else set())
    sessions = audits_write.read_sessions(s, names)
    audits = audits_write.read_audits(s, [i.id for i in sessions.values()])
    advice: dict[tuple[int, str, dt.date], int] = {}
    if rubric.unit == "advice_return":
        t = m.AdviceRequest.__table__
        advice = {(r.plan_id, r.service, r.requested_date): r.id for r in s.execute(
            select(t.c.id, t.c.plan_id, t.c.service, t.c.requested_date))}
    return _Snapshot(revision, rubric, version_pk, plans, sessions, audits, advice=advice)


@dataclass
class _Plan:
    parsed: ParsedAudits
    decisions: list[Decision]
    result: ImportResult


def _parse(table: Table, snap: _Snapshot, session_name: str | None) -> ParsedAudits:
    def facts(ref: str) -> dict[str, object] | None:
        p = snap.plans.get(plan_ref_key(ref))
        if p is None:
            return None
        snap.plan_versions[p.id] = p.version
        return plan_condition_facts(cast(m.Plan, p))

    def advice_request(ref: str, service: str, requested: dt.date) -> bool:
        p = snap.plans.get(plan_ref_key(ref))
        return p is not None and (p.id, service, requested) in snap.advice

    return parse_audits(table, plan_facts=facts, session=session_name,
                        advice_request=advice_request
                        if snap.rubric.unit == "advice_return" else None,
                        **rubric_inputs(snap.rubric))


def _decide(path: Path, parsed: ParsedAudits, snap: _Snapshot,
            replace_agreed: bool) -> _Plan:
    """Compare every row with the snapshot; refuse changes to agreed scores."""
    problems = list(parsed.problems)
    decisions: list[Decision] = []
    result = ImportResult()
    new_dates = _new_session_dates(parsed)
    by_theme: dict[str, list[Any]] = {}  # theme id -> the questions suggesting it
    for q in snap.rubric.questions():
        for t in q.suggested_themes:
            by_theme.setdefault(t, []).append(q)
    for row in parsed.rows:
        info = snap.sessions.get(row.session.casefold())
        plan_id = snap.plans[plan_ref_key(row.plan_ref)].id
        request_id = (snap.advice[(plan_id, row.service, row.requested_date)]
                      if row.service is not None and row.requested_date is not None else None)
        stored = (snap.audits.get((info.id, plan_id, request_id, row.auditor.casefold()))
                  if info is not None else None)
        session_date = info.date if info is not None else new_dates[row.session.casefold()]
        new = target(row, stored, session_date,
                     keep_blanks=row.is_panel and not replace_agreed)
        found = changes(stored, new) if stored is not None else []
        if stored is not None and stored.is_panel and not replace_agreed:
            problems.extend(agreed_problems(row, found, parsed))
        if stored is None:
            outcome = "added"
        elif found or stored.status != "submitted":
            outcome = "updated"
        else:
            outcome = "unchanged"
        setattr(result, outcome, getattr(result, outcome) + 1)
        suggested = {t: q.id for t in row.themes for q in by_theme.get(t, ())
                     if row.answers.get(q.id) and q.is_shortfall(row.answers[q.id])}
        decisions.append(Decision(row, plan_id, stored, new, found, outcome, suggested,
                                  request_id))
    if problems:
        problems.sort(key=lambda p: p.row)
        bad = len({p.row for p in problems})
        raise ImportRejected(
            f"{path.name}: {bad} bad row{'s' if bad != 1 else ''}; nothing was imported",
            problems,
        )
    return _Plan(parsed, decisions, result)


def _new_session_dates(parsed: ParsedAudits) -> dict[str, dt.date]:
    """A new session's date: its earliest audit_date, else today (by name casefold)."""
    dates: dict[str, list[dt.date]] = {}
    for r in parsed.rows:
        dates.setdefault(r.session.casefold(), []).extend([r.audit_date] if r.audit_date else [])
    return {key: min(found) if found else dt.date.today() for key, found in dates.items()}


def import_audits(
    db: Database,
    path: Path,
    actor: Actor,
    *,
    session_name: str | None = None,
    rubric_id: str | None = None,
    replace_agreed: bool = False,
    progress: Progress = _noop,
) -> ImportResult:
    """Validate the file and compare it with the store without a lock, then write it
    in one short transaction (see the module docstring)."""
    path = Path(path)
    progress(5, "Reading file")
    table = read_table(path)
    preview = peek_audit_file(table)
    with db.read() as s:
        snap = _read(s, preview, session_name, rubric_id)
    progress(20, "Checking rows")
    parsed = _parse(table, snap, session_name)
    plan = _decide(path, parsed, snap, replace_agreed)
    progress(60, "Writing audits")
    with db.write() as s:
        if snap.revision is None or _revision(s) != snap.revision:
            # someone saved meanwhile: compare again with what is stored now
            fresh = _read(s, preview, session_name, rubric_id)
            same_inputs = (fresh.version_pk == snap.version_pk
                           and _session_keys(fresh) == _session_keys(snap)
                           and fresh.advice == snap.advice
                           and all(_plan_version(fresh, r.plan_ref)
                                   == snap.plan_versions.get(plan.decisions[i].plan_id)
                                   for i, r in enumerate(parsed.rows)))
            if not same_inputs:
                parsed = _parse(table, fresh, session_name)
            if not same_inputs or fresh.audits != snap.audits:
                plan = _decide(path, parsed, fresh, replace_agreed)
            snap = fresh
        sessions = audits_write.write(s, plan.decisions, snap.version_pk, actor, path.name,
                                      replace_agreed)
        result = plan.result
        changelog.record(
            s,
            actor,
            "audits",
            path.name,
            "import",
            after={
                "added": result.added,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "sessions": sorted(sessions),
                **({"replace_agreed": True} if replace_agreed else {}),
            },
        )
    progress(100, "Done")
    return result


def _plan_version(snap: _Snapshot, ref: str) -> int | None:
    row = snap.plans.get(plan_ref_key(ref))
    return None if row is None else int(row.version)


def _session_keys(snap: _Snapshot) -> dict[str, tuple[int, str]]:
    return {k: (v.id, v.status) for k, v in snap.sessions.items()}
