"""Plan register and advice imports: all or nothing, bulk writes.

The file is read and every row validated before the database is touched; any
bad row means nothing is written and every bad row is listed. Good files are
written in one transaction with executemany (50,000 rows in seconds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import bindparam, insert, select, update

from qa_audit.errors import ImportRejected
from qa_audit.services import changelog
from qa_audit.services.actor import Actor
from qa_audit.services.advice_parse import parse_advice, problems_for_unknown_plans
from qa_audit.services.register_parse import parse_register
from qa_audit.services.tabular import read_table
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

Progress = Callable[[int, str], None]  # percent, stage

PLAN_COLUMNS = (
    "issue_date",
    "request_date",
    "plan_type",
    "year_group",
    "phase",
    "primary_need",
    "setting",
    "setting_type",
    "team",
    "caseworker",
    "direct_payments",
)


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "ignored_columns": self.ignored_columns,
        }

    def describe(self, what: str) -> str:
        text = f"{what}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged."
        if self.ignored_columns:
            text += " Columns not used: " + ", ".join(self.ignored_columns) + "."
        return text


def _noop(_pct: int, _stage: str) -> None:
    return None


def _reject(path: Path, problems: list) -> ImportRejected:  # type: ignore[type-arg]
    rows = len({p.row for p in problems})
    return ImportRejected(
        f"{path.name}: {rows} bad row{'s' if rows != 1 else ''}; nothing was imported", problems
    )


def import_plans(
    db: Database,
    path: Path,
    mapping: dict[str, str],
    actor: Actor,
    progress: Progress = _noop,
) -> ImportResult:
    path = Path(path)
    progress(5, "Reading file")
    table = read_table(path)
    progress(30, "Checking rows")
    parsed = parse_register(table, mapping)
    if parsed.problems:
        raise _reject(path, parsed.problems)
    result = ImportResult(ignored_columns=list(parsed.ignored_columns))
    progress(55, "Writing plans")
    plan = m.Plan.__table__
    with db.write() as session:
        existing = {
            row.plan_ref: row
            for row in session.execute(
                select(plan.c.id, plan.c.plan_ref, *[plan.c[c] for c in PLAN_COLUMNS])
            )
        }
        inserts, updates, changed_refs = [], [], []
        for r in parsed.rows:
            values = {c: getattr(r, c) for c in PLAN_COLUMNS}
            old = existing.get(r.plan_ref)
            if old is None:
                inserts.append(
                    {"plan_ref": r.plan_ref, "version": 1, "updated_by": actor.user, **values}
                )
            elif any(getattr(old, c) != v for c, v in values.items()):
                updates.append({"b_id": old.id, "updated_by": actor.user, **values})
                changed_refs.append(r.plan_ref)
            else:
                result.unchanged += 1
        if inserts:
            session.execute(insert(plan), inserts)
        if updates:
            stmt = (
                update(plan)
                .where(plan.c.id == bindparam("b_id"))
                .values(version=plan.c.version + 1, updated_at=m.utcnow())
            )
            session.execute(stmt, updates)
        result.added, result.updated = len(inserts), len(updates)
        progress(90, "Recording the change")
        changelog.record(
            session,
            actor,
            "plan_register",
            path.name,
            "import",
            after={
                "added": result.added,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "changed_refs": changed_refs[:500],
            },
        )
    progress(100, "Done")
    return result


def import_advice(
    db: Database,
    path: Path,
    mapping: dict[str, str],
    actor: Actor,
    progress: Progress = _noop,
) -> ImportResult:
    path = Path(path)
    progress(5, "Reading file")
    table = read_table(path)
    progress(30, "Checking rows")
    parsed = parse_advice(table, mapping)
    advice = m.AdviceRequest.__table__
    plan = m.Plan.__table__
    with db.write() as session:
        plan_ids = dict(session.execute(select(plan.c.plan_ref, plan.c.id)).tuples().all())
        problems = list(parsed.problems)
        problems += problems_for_unknown_plans(parsed.rows, set(plan_ids))
        if problems:
            problems.sort(key=lambda p: (p.row, p.column))
            raise _reject(path, problems)
        result = ImportResult(ignored_columns=list(parsed.ignored_columns))
        existing = {
            (row.plan_id, row.service, row.requested_date): row
            for row in session.execute(
                select(
                    advice.c.id,
                    advice.c.plan_id,
                    advice.c.service,
                    advice.c.requested_date,
                    advice.c.received_date,
                )
            )
        }
        inserts, updates = [], []
        for r in parsed.rows:
            key = (plan_ids[r.plan_ref], r.service, r.requested_date)
            old = existing.get(key)
            if old is None:
                inserts.append(
                    {
                        "plan_id": key[0],
                        "service": r.service,
                        "requested_date": r.requested_date,
                        "received_date": r.received_date,
                    }
                )
            elif old.received_date != r.received_date:
                updates.append({"b_id": old.id, "received_date": r.received_date})
            else:
                result.unchanged += 1
        progress(60, "Writing advice requests")
        if inserts:
            session.execute(insert(advice), inserts)
        if updates:
            session.execute(update(advice).where(advice.c.id == bindparam("b_id")), updates)
        result.added, result.updated = len(inserts), len(updates)
        changelog.record(
            session,
            actor,
            "advice",
            path.name,
            "import",
            after={"added": result.added, "updated": result.updated, "unchanged": result.unchanged},
        )
    progress(100, "Done")
    return result
