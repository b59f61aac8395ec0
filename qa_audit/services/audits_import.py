"""Historical scored audits (councils moving from Excel): all or nothing.

The rubric is the session's (an existing session keeps the rubric it was created
on), else ``--rubric``, else the file's ``rubric`` column. Sessions the file names
that do not exist yet are created, dated by their earliest ``audit_date``.
Re-importing a row for the same session, plan and auditor replaces that audit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from qa_audit.domain.rubric import Rubric
from qa_audit.errors import ImportRejected, NotFound, UserError
from qa_audit.services import changelog, rubrics
from qa_audit.services.actor import Actor
from qa_audit.services.audits_parse import AuditRow, parse_audits, peek_audit_file, rubric_inputs
from qa_audit.services.register_import import ImportResult, Progress, _noop
from qa_audit.services.scoring import plan_facts as plan_condition_facts
from qa_audit.services.tabular import read_table
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database


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


def import_audits(
    db: Database,
    path: Path,
    actor: Actor,
    *,
    session_name: str | None = None,
    rubric_id: str | None = None,
    progress: Progress = _noop,
) -> ImportResult:
    path = Path(path)
    progress(5, "Reading file")
    table = read_table(path)
    preview = peek_audit_file(table)
    with db.write() as s:
        rubric, version_pk = _choose_rubric(
            s, list(preview.sessions), session_name, rubric_id, preview.rubrics
        )
        progress(20, "Checking rows")
        plans = {p.plan_ref: p for p in s.scalars(select(m.Plan))} if len(table) else {}

        def facts(ref: str) -> dict[str, object] | None:
            p = plans.get(ref)
            if p is None:
                return None
            return plan_condition_facts(p)

        parsed = parse_audits(
            table, plan_facts=facts, session=session_name, **rubric_inputs(rubric)
        )
        if parsed.problems:
            bad = len({p.row for p in parsed.problems})
            raise ImportRejected(
                f"{path.name}: {bad} bad row{'s' if bad != 1 else ''}; nothing was imported",
                parsed.problems,
            )
        progress(50, "Writing audits")
        result = ImportResult()
        sessions = _sessions_for(s, parsed.rows, version_pk, actor)
        for i, row in enumerate(parsed.rows):
            if i % 200 == 0:
                progress(50 + int(45 * i / max(1, len(parsed.rows))), "Writing audits")
            outcome = _upsert(s, sessions[row.session], plans[row.plan_ref], row, rubric)
            setattr(result, outcome, getattr(result, outcome) + 1)
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
            },
        )
    progress(100, "Done")
    return result


def _sessions_for(
    s: Session, rows: list[AuditRow], version_pk: int, actor: Actor
) -> dict[str, m.AuditSession]:
    by_name: dict[str, list[AuditRow]] = defaultdict(list)
    for r in rows:
        by_name[r.session].append(r)
    out = {}
    for name, members in by_name.items():
        row = s.scalar(
            select(m.AuditSession)
            .options(selectinload(m.AuditSession.members))
            .where(m.AuditSession.name == name)
        )
        if row is None:
            dates = [r.audit_date for r in members if r.audit_date]
            row = m.AuditSession(
                name=name,
                session_date=min(dates) if dates else dt.date.today(),
                rubric_version_id=version_pk,
                status="moderation",
                updated_by=actor.user,
            )
            s.add(row)
            s.flush()
            changelog.record(
                s,
                actor,
                "session",
                name,
                "create (import)",
                after={"date": row.session_date.isoformat()},
            )
        elif row.status == "closed":
            raise UserError(f"Session {name!r} is closed; its audits cannot be changed.")
        known = {p.name.casefold() for p in row.members}
        for r in members:
            if not r.is_panel and r.auditor.casefold() not in known:
                row.members.append(m.PanelMember(name=r.auditor, agency=r.agency, role="auditor"))
                known.add(r.auditor.casefold())
        s.flush()
        out[name] = row
    return out


def _snapshot(a: m.Audit) -> tuple:  # type: ignore[type-arg]
    return (
        a.agency,
        a.audit_date,
        a.overall,
        a.strengths,
        a.development,
        sorted(
            (x.question_id, x.value, x.note, x.reason,
             ";".join(sorted(t.agency for t in x.attributions)))
            for x in a.answers
        ),
        sorted(t.theme_id for t in a.themes),
    )


def _upsert(
    s: Session, session_row: m.AuditSession, plan: m.Plan, row: AuditRow, rubric: Rubric
) -> str:
    # the key's auditor compares case-insensitively, as it does within one file
    audit = next(
        (
            a
            for a in s.scalars(
                select(m.Audit).where(
                    m.Audit.session_id == session_row.id, m.Audit.plan_id == plan.id
                )
            )
            if a.auditor.casefold() == row.auditor.casefold()
        ),
        None,
    )
    outcome = "updated"
    if audit is None:
        member = next(
            (p for p in session_row.members if p.name.casefold() == row.auditor.casefold()), None
        )
        audit = m.Audit(
            session_id=session_row.id,
            plan_id=plan.id,
            auditor=row.auditor,
            is_panel=row.is_panel,
            member_id=member.id if member else None,
            updated_by="import",
        )
        s.add(audit)
        outcome = "added"
    before = _snapshot(audit) if outcome == "updated" else None
    audit.agency = row.agency
    audit.audit_date = row.audit_date or session_row.session_date
    audit.overall = row.overall
    audit.strengths, audit.development = row.strengths, row.development
    audit.status = "submitted"
    audit.submitted_at = audit.submitted_at or m.utcnow()
    existing = {a.question_id: a for a in audit.answers}
    for qid in set(existing) - set(row.answers) - set(row.notes):
        audit.answers.remove(existing.pop(qid))
    for qid in set(row.answers) | set(row.notes):
        ans = existing.get(qid)
        if ans is None:
            ans = m.Answer(question_id=qid)
            audit.answers.append(ans)
        ans.value = row.answers.get(qid)
        ans.note = row.notes.get(qid)
        ans.reason = row.reasons.get(qid)
        m.set_attributions(ans, row.attributions.get(qid, ()))
    current = {t.theme_id: t for t in audit.themes}
    for tid in set(current) - set(row.themes):
        audit.themes.remove(current[tid])
    suggested = {
        t: q.id
        for q in rubric.questions()
        for t in q.suggested_themes
        if row.answers.get(q.id) and q.is_shortfall(row.answers[q.id])
    }
    for tid in row.themes:
        if tid not in current:
            qid = suggested.get(tid)
            audit.themes.append(
                m.ThemeTag(
                    theme_id=tid, question_id=qid, excerpt=row.notes.get(qid) if qid else None
                )
            )
    if before is not None and _snapshot(audit) == before:
        return "unchanged"
    return outcome
