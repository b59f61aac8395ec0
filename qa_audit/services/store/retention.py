"""Retention: delete a plan's audits (and optionally the plan) when they are due for deletion.

One transaction per database with ``secure_delete`` on, so freed pages are
overwritten rather than left readable in the file. The change log records that
a deletion happened (which plan references, how many rows), never the deleted
content. ``also_backups`` applies the same deletion to every automatic backup
of the database, so a later restore cannot bring the data back; backups made
by hand elsewhere (``db backup DEST``) are the council's to delete.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Result, delete, func, select, update
from sqlalchemy.orm import Session

from qa_audit.errors import NotFound, UserError
from qa_audit.evidence.remembered import RememberedFiles
from qa_audit.services import changelog
from qa_audit.services.actor import Actor
from qa_audit.services.store import seals
from qa_audit.storage import backups, migrate, opening
from qa_audit.storage import models as m
from qa_audit.storage.checks import quick_check
from qa_audit.storage.engine import Database
from qa_audit.storage.translate import translate_errors


@dataclass
class RetentionResult:
    plan_refs: list[str]
    audits: int
    actions: int
    sample_entries: int
    plans: int
    backups_cleaned: list[Path] = field(default_factory=list)
    documents_forgotten: int = 0  # remembered plan documents on this computer

    def describe(self) -> str:
        text = (f"Deleted {self.audits} audit(s), {self.actions} action(s) and "
                f"{self.sample_entries} sample entr(ies) of {len(self.plan_refs)} plan(s)")
        if self.plans:
            text += f", and {self.plans} plan(s) with their advice records"
        if self.backups_cleaned:
            text += f"; also removed from {len(self.backups_cleaned)} automatic backup(s)"
        if self.documents_forgotten:
            text += (f"; this computer forgot {self.documents_forgotten} remembered plan "
                     "document(s)")
        return text + "."


def _plan_ids(s: Session, plan_refs: list[str], issued_before: dt.date | None) -> dict[int, str]:
    query = select(m.Plan.id, m.Plan.plan_ref)
    if plan_refs and issued_before:
        query = query.where(m.Plan.plan_ref.in_(plan_refs) | (m.Plan.issue_date < issued_before))
    elif plan_refs:
        query = query.where(m.Plan.plan_ref.in_(plan_refs))
    elif issued_before:
        query = query.where(m.Plan.issue_date < issued_before)
    else:
        raise UserError("Name the plans (plan references) or give --issued-before DATE.")
    return dict(s.execute(query).tuples().all())


def _rowcount(result: Result[Any]) -> int:
    """Rows a DELETE touched (a DML statement's result is a CursorResult)."""
    return cast("CursorResult[Any]", result).rowcount


def _delete_in_session(s: Session, ids: list[int], delete_plans: bool, *,
                       seal: bool = True) -> tuple[int, ...]:
    """``seal``: record the deleted rows in the change log's seals (not in a backup whose
    change log predates them)."""
    if s.get_bind().dialect.name == "sqlite":
        s.connection().exec_driver_sql("PRAGMA secure_delete=ON")
    if seal:
        _seal_deletions(s, ids)
    audits = s.scalar(select(func.count()).select_from(m.Audit)
                      .where(m.Audit.plan_id.in_(ids))) or 0
    s.execute(delete(m.Audit).where(m.Audit.plan_id.in_(ids)))  # answers, tags cascade
    actions = _rowcount(s.execute(delete(m.Action).where(m.Action.plan_id.in_(ids))))
    entry_ids = select(m.SampleEntry.id).where(m.SampleEntry.plan_id.in_(ids))
    s.execute(update(m.SampleEntry).where(m.SampleEntry.replaces_id.in_(entry_ids))
              .values(replaces_id=None))
    entries = _rowcount(s.execute(delete(m.SampleEntry).where(m.SampleEntry.plan_id.in_(ids))))
    plans = 0
    if delete_plans:
        s.execute(delete(m.AdviceRequest).where(m.AdviceRequest.plan_id.in_(ids)))
        plans = _rowcount(s.execute(delete(m.Plan).where(m.Plan.id.in_(ids))))
    return audits, actions, entries, plans


def _seal_deletions(s: Session, plan_ids: list[int]) -> None:
    """The audits, answers, attributions and tags the cascade removes, as deleted by the app."""
    audit_ids = select(m.Audit.id).where(m.Audit.plan_id.in_(plan_ids))
    answer_ids = select(m.Answer.id).where(m.Answer.audit_id.in_(audit_ids))
    for kind, query in (
        ("audit", audit_ids),
        ("answer", answer_ids),
        ("attribution", select(m.ShortfallAttribution.id)
         .where(m.ShortfallAttribution.answer_id.in_(answer_ids))),
        ("theme", select(m.ThemeTag.id).where(m.ThemeTag.audit_id.in_(audit_ids))),
    ):
        seals.touch_many(s, kind, s.scalars(query).all(), deleted=True)


def delete_plan_audits(db: Database, plan_refs: list[str], actor: Actor, *,
                       issued_before: dt.date | None = None, delete_plans: bool = False,
                       also_backups: bool = False, backup_root: Path | None = None,
                       passphrase: str | None = None) -> RetentionResult:
    passphrase = passphrase if passphrase is not None else db.passphrase
    with db.write() as s:
        found = _plan_ids(s, list(plan_refs), issued_before)
        missing = sorted(set(plan_refs) - set(found.values()))
        if missing:
            raise NotFound(f"No plan {missing[0]!r} in the register; nothing was deleted.",
                           details=[f"not found: {r}" for r in missing[1:]])
        ids = sorted(found)
        audits, actions, entries, plans = _delete_in_session(s, ids, delete_plans)
        changelog.record(s, actor, "retention", ",".join(sorted(found.values()))[:200],
                         "delete-plans" if delete_plans else "delete-audits",
                         after={"plans": len(ids), "audits": audits, "actions": actions})
    result = RetentionResult(sorted(found.values()), audits, actions, entries, plans)
    if db.is_sqlite and db.target.path is not None:
        _vacuum(db)
        if also_backups:
            result.backups_cleaned = _clean_backups(db, result.plan_refs, delete_plans,
                                                    backup_root, passphrase)
    # the path of a deleted plan's document must not outlive its audits on this computer

    result.documents_forgotten = RememberedFiles().forget_plans(result.plan_refs)
    return result


def _vacuum(db: Database) -> None:
    """VACUUM (outside any transaction) so no deleted row survives in a free page."""
    with translate_errors(db):
        raw = db.engine.raw_connection()
        try:
            raw.cursor().execute("VACUUM")
        finally:
            raw.close()


def _clean_backups(db: Database, plan_refs: list[str], delete_plans: bool,
                   root: Path | None, passphrase: str | None) -> list[Path]:
    cleaned: list[Path] = []
    assert db.target.path is not None
    if not plan_refs:
        return cleaned  # nothing matched: nothing to take out of the backups either
    for info in backups.list_backups(db, root=root):
        copy = opening.open_backup_copy(info.path, passphrase=passphrase)
        try:
            current = migrate.schema_state(copy) == "current"
            with copy.write(touch=False) as s:
                ids = sorted(_plan_ids(s, plan_refs, None))
                if ids:
                    _delete_in_session(s, ids, delete_plans,
                                       seal=current)
            _vacuum(copy)
        finally:
            copy.dispose()
        if passphrase is None and quick_check(info.path, full=True):
            raise UserError(f"The backup {info.path.name} failed its check after cleaning.")
        cleaned.append(info.path)
    return cleaned
