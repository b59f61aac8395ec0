"""Reading and writing stored audits in bulk for the scored-audits import.

``read_*`` take the snapshot the import compares with (plain records, no ORM
objects); :func:`write` executes the decided changes inside the caller's write
transaction with one executemany per statement, and logs every changed value of
an agreed or submitted audit with its old and new value.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import (
    Connection,
    Table,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.orm import Session, selectinload

from qa_audit.errors import UserError
from qa_audit.importing.audits_diff import Change, StoredAnswer, StoredAudit, Target
from qa_audit.importing.audits_parse import AuditRow
from qa_audit.services import changelog
from qa_audit.services.actor import Actor
from qa_audit.services.store import seals
from qa_audit.storage import models as m

_A, _ANS = m.Audit.__table__, m.Answer.__table__
_ATT, _TAG = m.ShortfallAttribution.__table__, m.ThemeTag.__table__


@dataclass(frozen=True)
class SessionInfo:
    id: int
    name: str
    date: dt.date
    status: str


@dataclass
class Decision:
    """What the import does with one row: ``outcome`` is added, updated or unchanged."""

    row: AuditRow
    plan_id: int
    stored: StoredAudit | None
    target: Target
    changes: list[Change]
    outcome: str
    suggested: dict[str, str] = field(default_factory=dict)  # theme id -> question id
    advice_request_id: int | None = None  # the return audited (advice_return rubrics)


def read_sessions(s: Session, names: Iterable[str]) -> dict[str, SessionInfo]:
    wanted = list(names)
    if not wanted:
        return {}
    t = m.AuditSession.__table__
    rows = s.execute(select(t.c.id, t.c.name, t.c.session_date, t.c.status)
                     .where(t.c.name.in_(wanted)))
    return {r.name.casefold(): SessionInfo(r.id, r.name, r.session_date, r.status)
            for r in rows}


#: a stored audit's key: (session id, plan id, advice request id or None, auditor casefold)
AuditKey = tuple[int, int, int | None, str]


def read_audits(s: Session, session_ids: list[int]) -> dict[AuditKey, StoredAudit]:
    """The stored audits of these sessions by :data:`AuditKey` (the advice request is
    None for an audit of a whole plan)."""
    if not session_ids:
        return {}
    out: dict[AuditKey, StoredAudit] = {}
    by_id: dict[int, StoredAudit] = {}
    for r in s.execute(select(_A.c.id, _A.c.version, _A.c.session_id, _A.c.plan_id,
                              _A.c.auditor, _A.c.is_panel, _A.c.status, _A.c.agency,
                              _A.c.audit_date, _A.c.overall, _A.c.strengths,
                              _A.c.development, _A.c.advice_request_id)
                       .where(_A.c.session_id.in_(session_ids))):
        audit = StoredAudit(r.id, r.version, bool(r.is_panel), r.status, r.agency,
                            r.audit_date, r.overall, r.strengths, r.development)
        key = (r.session_id, r.plan_id, r.advice_request_id, r.auditor.casefold())
        out[key] = by_id[r.id] = audit
    if not by_id:
        return out
    in_sessions = select(_A.c.id).where(_A.c.session_id.in_(session_ids))
    agencies: dict[int, list[str]] = defaultdict(list)
    for answer_id, agency in s.execute(
            select(_ATT.c.answer_id, _ATT.c.agency)
            .join(_ANS, _ANS.c.id == _ATT.c.answer_id)
            .where(_ANS.c.audit_id.in_(in_sessions)).order_by(_ATT.c.id)):
        agencies[answer_id].append(agency)
    for r in s.execute(select(_ANS.c.id, _ANS.c.audit_id, _ANS.c.question_id, _ANS.c.value,
                              _ANS.c.note, _ANS.c.reason)
                       .where(_ANS.c.audit_id.in_(in_sessions))):
        by_id[r.audit_id].answers[r.question_id] = StoredAnswer(
            r.id, r.value, r.note, r.reason, tuple(agencies.get(r.id, ())))
    for r in s.execute(select(_TAG.c.id, _TAG.c.audit_id, _TAG.c.theme_id)
                       .where(_TAG.c.audit_id.in_(in_sessions))):
        by_id[r.audit_id].themes[r.theme_id] = r.id
    return out


def _sessions(s: Session, decisions: list[Decision], version_pk: int,
              actor: Actor) -> dict[str, m.AuditSession]:
    """The file's sessions by name casefold, created when missing, with new auditors
    added as members (a few rows: the ORM is fine here)."""
    by_name: dict[str, list[AuditRow]] = defaultdict(list)
    for d in decisions:
        by_name[d.row.session.casefold()].append(d.row)
    out = {}
    for key, rows in by_name.items():
        row = s.scalar(select(m.AuditSession).options(selectinload(m.AuditSession.members))
                       .where(m.AuditSession.name == rows[0].session))
        if row is None:
            dates = [r.audit_date for r in rows if r.audit_date]
            row = m.AuditSession(name=rows[0].session,
                                 session_date=min(dates) if dates else dt.date.today(),
                                 rubric_version_id=version_pk, status="moderation",
                                 updated_by=actor.user)
            s.add(row)
            s.flush()
            changelog.record(s, actor, "session", row.name, "create (import)",
                             after={"date": row.session_date.isoformat()})
        elif row.status == "closed":
            raise UserError(f"Session {row.name!r} is closed; its audits cannot be changed.")
        known = {p.name.casefold() for p in row.members}
        for r in rows:
            if not r.is_panel and r.auditor.casefold() not in known:
                row.members.append(m.PanelMember(name=r.auditor, agency=r.agency,
                                                 role="auditor"))
                known.add(r.auditor.casefold())
        s.flush()
        out[key] = row
    return out


def write(s: Session, decisions: list[Decision], version_pk: int, actor: Actor,
          file_name: str, replace_agreed: bool) -> list[str]:
    """Write every added or updated audit; returns the sessions' names."""
    sessions = _sessions(s, decisions, version_pk, actor)
    conn = s.connection()
    now = m.utcnow()
    added = [d for d in decisions if d.outcome == "added"]
    updated = [d for d in decisions if d.outcome == "updated"]
    before = _protected_rows(conn, [d.stored.id for d in updated if d.stored is not None])
    ids: list[int] = []
    if added:
        members = {(sid, p.name.casefold()): p.id
                   for sid, row in ((r.id, r) for r in sessions.values()) for p in row.members}
        rows = []
        for d in added:
            sid = sessions[d.row.session.casefold()].id
            rows.append(_audit_values(d.target, now) | {
                "session_id": sid, "plan_id": d.plan_id, "auditor": d.row.auditor,
                "advice_request_id": d.advice_request_id,
                "is_panel": d.row.is_panel, "member_id": members.get(
                    (sid, d.row.auditor.casefold())),
                "submitted_at": now, "version": 1})
        conn.execute(insert(_A), rows)  # plain executemany; RETURNING goes row by row
        wanted = {(d.row.session.casefold(), d.plan_id, d.advice_request_id,
                   d.row.auditor.casefold()): n for n, d in enumerate(added)}
        names = {row.id: key for key, row in sessions.items()}
        ids = [0] * len(added)
        for r in conn.execute(select(_A.c.id, _A.c.session_id, _A.c.plan_id,
                                     _A.c.advice_request_id, _A.c.auditor)
                              .where(_A.c.session_id.in_(list(names)))):
            n = wanted.get((names[r.session_id], r.plan_id, r.advice_request_id,
                            r.auditor.casefold()))
            if n is not None:
                ids[n] = r.id
    if updated:
        conn.execute(
            update(_A).where(_A.c.id == bindparam("b_id"))
            .values(version=_A.c.version + literal_column("1"),
                    **{k: bindparam(k) for k in _audit_values(updated[0].target, now)}),
            # an updated decision always has its stored row
            [_audit_values(d.target, now) | {"b_id": d.stored.id}  # type: ignore[union-attr]
             for d in updated])
        for part in _chunks([d.stored.id for d in updated if d.stored is not None]):
            conn.execute(update(_A).where(_A.c.id.in_(part), _A.c.submitted_at.is_(None))
                         .values(submitted_at=now))
    # SQLite gives a bulk insert's rows the ids above the largest (the write lock is
    # held): every child row with a higher id is this import's, sealed by range
    by_range = conn.dialect.name == "sqlite"
    tops = _top_ids(conn) if by_range else {}
    _write_children(conn, [(audit_id, d) for audit_id, d in zip(ids, added, strict=True)]
                    + [(d.stored.id, d) for d in updated if d.stored is not None])
    # these Core statements bypass the ORM: seal every row they may have written or
    # deleted, so `db check` does not take the import for an edit outside the app
    touched = ids + [d.stored.id for d in updated if d.stored is not None]
    if by_range:
        # ``before``: the updated audits' children as they were (changed, kept or gone)
        written = [("audit", i) for i in touched]
        for kind, top in _top_ids(conn).items():
            seals.touch_range(s, kind, tops[kind] + 1, top)
    else:
        written = _protected_rows(conn, touched)
    for kind, row_id in [*before, *written]:
        seals.touch(s, kind, row_id)  # read at commit; a row now gone is sealed deleted
    _log_changed_values(s, actor, file_name, updated)
    return sorted(r.name for r in sessions.values())


def _log_changed_values(s: Session, actor: Actor, file_name: str,
                        updated: list[Decision]) -> None:
    """One change-log entry holding every changed value of the agreed and submitted
    audits, old in ``before`` and new in ``after``, keyed ``session/plan_ref/auditor``
    then ``field`` or ``question.field`` (one entry: thousands of entries would make
    the write long)."""
    before: dict[str, dict[str, object]] = {}
    after: dict[str, dict[str, object]] = {}
    agreed = False
    for d in updated:
        stored = d.stored
        if stored is None or not d.changes or not (stored.is_panel
                                                   or stored.status == "submitted"):
            continue
        agreed = agreed or stored.is_panel
        key = d.row.label
        before[key] = {_label(c): c.old for c in d.changes}
        after[key] = {_label(c): c.new for c in d.changes}
    if before:
        changelog.record(s, actor, "audits", file_name,
                         "import: replaced agreed and submitted values" if agreed
                         else "import: changed submitted values",
                         before=before, after=after)


def _insert_plain(conn: Connection, table: Table, rows: list[dict[str, object]]) -> None:
    """One executemany of rows whose values need no conversion (text, integers, NULL):
    on SQLite straight to the driver, which skips SQLAlchemy's per-row parameter
    processing (most of the write's time for 70,000 answers)."""
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        return
    names = list(rows[0])
    sql = (f"INSERT INTO {table.name} ({', '.join(names)}) "
           f"VALUES ({', '.join('?' for _ in names)})")
    conn.exec_driver_sql(sql, [tuple(r[n] for n in names) for r in rows])


def _protected_rows(conn: Connection, audit_ids: list[int]) -> list[tuple[str, int]]:
    """(kind, id) of the audits and every answer, attribution and theme row under them."""
    out: list[tuple[str, int]] = [("audit", i) for i in audit_ids]
    for part in _chunks(audit_ids):
        out += [("answer", i) for i in conn.scalars(
            select(_ANS.c.id).where(_ANS.c.audit_id.in_(part)))]
        out += [("attribution", i) for i in conn.scalars(
            select(_ATT.c.id).join(_ANS, _ANS.c.id == _ATT.c.answer_id)
            .where(_ANS.c.audit_id.in_(part)))]
        out += [("theme", i) for i in conn.scalars(
            select(_TAG.c.id).where(_TAG.c.audit_id.in_(part)))]
    return out


def _top_ids(conn: Connection) -> dict[str, int]:
    """The largest id of each child table (0 when empty)."""
    return {kind: int(conn.scalar(select(func.max(table.c.id))) or 0)
            for kind, table in (("answer", _ANS), ("attribution", _ATT), ("theme", _TAG))}


def _chunks(ids: list[int], size: int = 5000) -> list[list[int]]:
    """Id lists short enough for one ``IN (...)`` on any database."""
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def _label(c: Change) -> str:
    return f"{c.question}.{c.field}" if c.question else c.field


def _audit_values(t: Target, now: dt.datetime) -> dict[str, object]:
    return {"agency": t.agency, "audit_date": t.audit_date, "overall": t.overall,
            "strengths": t.strengths, "development": t.development, "status": "submitted",
            "updated_at": now, "updated_by": "import"}


def _write_children(conn: Connection, audits: list[tuple[int, Decision]]) -> None:
    """Answers, attributions and theme tags: changed rows updated in place, so what the
    import does not carry (rationales, approved excerpts) stays."""
    new_answers: list[dict[str, object]] = []
    # (audit id, question id) and the agencies of each new answer, in step with new_answers
    new_answer_agencies: list[tuple[tuple[int, str], tuple[str, ...]]] = []
    changed: list[dict[str, object]] = []
    gone: list[int] = []
    reattribute: dict[int, tuple[str, ...]] = {}
    tags: list[dict[str, object]] = []
    untag: list[int] = []
    for audit_id, d in audits:
        stored = d.stored.answers if d.stored else {}
        for qid, prior in stored.items():
            if qid not in d.target.answers:
                gone.append(prior.id)
        for qid, new in d.target.answers.items():
            old = stored.get(qid)
            if old is None:
                new_answers.append({"audit_id": audit_id, "question_id": qid,
                                    "value": new.value, "note": new.note, "reason": new.reason})
                new_answer_agencies.append(((audit_id, qid), new.agencies))
                continue
            if (old.value, old.note, old.reason) != (new.value, new.note, new.reason):
                changed.append({"b_id": old.id, "value": new.value, "note": new.note,
                                "reason": new.reason})
            if old.agencies != new.agencies:
                reattribute[old.id] = new.agencies
        themes = d.stored.themes if d.stored else {}
        untag += [tag_id for tid, tag_id in themes.items() if tid not in d.target.themes]
        for tid in d.target.themes:
            if tid not in themes:
                from_qid = d.suggested.get(tid)
                tags.append({"audit_id": audit_id, "theme_id": tid, "question_id": from_qid,
                             "excerpt": d.target.answers[from_qid].note
                             if from_qid and from_qid in d.target.answers else None})
    for part in _chunks(gone):
        conn.execute(delete(_ATT).where(_ATT.c.answer_id.in_(part)))
        conn.execute(delete(_ANS).where(_ANS.c.id.in_(part)))
    if changed:
        conn.execute(update(_ANS).where(_ANS.c.id == bindparam("b_id"))
                     .values(value=bindparam("value"), note=bindparam("note"),
                             reason=bindparam("reason")), changed)
    attributions: list[dict[str, object]] = []
    if reattribute:
        for part in _chunks(list(reattribute)):
            conn.execute(delete(_ATT).where(_ATT.c.answer_id.in_(part)))
        attributions += [{"answer_id": a, "agency": g}
                         for a, agencies in reattribute.items() for g in agencies]
    if new_answers:
        _insert_plain(conn, _ANS, new_answers)
        attributed = {key: agencies for key, agencies in new_answer_agencies if agencies}
        for part in _chunks(sorted({audit_id for audit_id, _ in attributed})):
            for r in conn.execute(select(_ANS.c.id, _ANS.c.audit_id, _ANS.c.question_id)
                                  .where(_ANS.c.audit_id.in_(part))):
                attributions += [{"answer_id": r.id, "agency": g}
                                 for g in attributed.get((r.audit_id, r.question_id), ())]
    if attributions:
        _insert_plain(conn, _ATT, attributions)
    for part in _chunks(untag):
        conn.execute(delete(_TAG).where(_TAG.c.id.in_(part)))
    if tags:
        _insert_plain(conn, _TAG, tags)
