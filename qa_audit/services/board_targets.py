"""The council's targets for the SEND board's measures, kept in the database.

Targets for 20-week plans, advice within 6 weeks, reviews on time and families'
satisfaction are the council's, not a rubric's. They used to be read from a
``board-targets.json`` on each computer, so two members could print the same
quarter against different targets; now every member's reports read the one
schedule stored with the panel's data (table ``board_target``, migration 0007).
Each change is in the change log with the step before and after.

A computer that still has the old file gets it imported once per database
(``import_local_file``, recorded in the change log like the redaction list's
import); steps the database already holds are kept, not overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select

from qa_audit import paths
from qa_audit.domain.board import BOARD_MEASURES, BoardTargets, target_problem
from qa_audit.errors import DatabaseError, UserError
from qa_audit.services import changelog
from qa_audit.services.actor import Actor
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["ENTITY", "TARGETS_FILE", "TargetRow", "import_file", "import_local_file",
           "list_targets", "remove_target", "set_target", "stored_targets", "targets"]

ENTITY = "board_target"
#: The per-computer file the targets used to live in (user data folder).
TARGETS_FILE = "board-targets.json"


@dataclass(frozen=True)
class TargetRow:
    """One stored step, as the CLI and the Scorecard page's editor list it."""

    kpi: str
    from_date: dt.date
    percent: float
    updated_by: str | None

    @property
    def label(self) -> str:
        return BOARD_MEASURES.get(self.kpi, self.kpi)

    def to_json(self) -> dict[str, object]:
        return {"kpi": self.kpi, "label": self.label, "from": self.from_date.isoformat(),
                "percent": self.percent, "updated_by": self.updated_by}


def _step(kpi: str, from_date: dt.date, percent: float) -> dict[str, object]:
    return {"kpi": kpi, "from": from_date.isoformat(), "percent": percent}


def list_targets(db: Database) -> list[TargetRow]:
    """Every stored step, by measure (in :data:`BOARD_MEASURES` order) then date."""
    t = m.BoardTarget
    order = {k: i for i, k in enumerate(BOARD_MEASURES)}
    with db.read() as s:
        rows = [TargetRow(*r) for r in s.execute(
            select(t.kpi, t.from_date, t.percent, t.updated_by))]
    return sorted(rows, key=lambda r: (order.get(r.kpi, len(order)), r.kpi, r.from_date))


def stored_targets(db: Database) -> BoardTargets:
    """The stored schedules (measures without steps have no target)."""
    return BoardTargets.from_steps((r.kpi, r.from_date, r.percent) for r in list_targets(db))


def set_target(db: Database, kpi: str, from_date: dt.date, percent: float,
               actor: Actor) -> bool:
    """Store ``percent`` as ``kpi``'s target from ``from_date`` (replacing a step on that
    date); True when something changed. UserError for an unknown measure or a percent
    outside 0-100."""
    problem = target_problem(kpi, percent)
    if problem:
        raise UserError(f"Target not set: {problem}.")
    t = m.BoardTarget
    with db.write() as s:
        row = s.scalar(select(t).where(t.kpi == kpi, t.from_date == from_date))
        if row is not None and row.percent == percent:
            return False
        before = None if row is None else _step(kpi, from_date, row.percent)
        if row is None:
            row = m.BoardTarget(kpi=kpi, from_date=from_date)
            s.add(row)
        row.percent, row.updated_by = float(percent), actor.user
        changelog.record(s, actor, ENTITY, f"{kpi} {from_date.isoformat()}", "set",
                         before=before, after=_step(kpi, from_date, float(percent)))
    return True


def remove_target(db: Database, kpi: str, from_date: dt.date, actor: Actor) -> bool:
    """Remove ``kpi``'s step from ``from_date`` (False: there was none)."""
    t = m.BoardTarget
    with db.write() as s:
        row = s.scalar(select(t).where(t.kpi == kpi, t.from_date == from_date))
        if row is None:
            return False
        before = _step(kpi, from_date, row.percent)
        s.execute(delete(t).where(t.id == row.id))
        changelog.record(s, actor, ENTITY, f"{kpi} {from_date.isoformat()}", "remove",
                         before=before)
    return True


def _read_file(path: Path) -> BoardTargets:
    try:
        return BoardTargets.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, AttributeError) as err:
        raise UserError(f"{path}: not a board targets file ({err}). The targets are kept in "
                        "the database now (qa-audit targets): fix or remove this file.") from None


def import_file(db: Database, path: Path, actor: Actor) -> int:
    """Add the steps of a ``board-targets.json`` the database does not hold yet (a step
    on a date already stored is kept as stored); the count added, logged."""
    found = _read_file(path)
    t = m.BoardTarget
    added = 0
    with db.write() as s:
        held = set(s.execute(select(t.kpi, t.from_date)).tuples())
        for kpi, schedule in found.schedules.items():
            for step in schedule.steps:
                problem = target_problem(kpi, step.percent)
                if problem:
                    raise UserError(f"{path}: {problem}; nothing was imported.")
                if (kpi, step.from_) in held:
                    continue
                s.add(m.BoardTarget(kpi=kpi, from_date=step.from_, percent=step.percent,
                                    updated_by=actor.user))
                held.add((kpi, step.from_))
                added += 1
        changelog.record(s, actor, ENTITY, str(path), "import", after={"added": added})
    return added


def import_local_file(db: Database, actor: Actor, path: Path | None = None) -> int:
    """Import this computer's old targets file into the database, once per database and
    file (nothing on a read-only store); the count added."""
    path = path or paths.data_dir() / TARGETS_FILE
    if db.read_only or not path.exists():
        return 0
    with db.read() as s:
        done = s.scalar(select(m.ChangeLog.id).where(
            m.ChangeLog.entity == ENTITY, m.ChangeLog.action == "import",
            m.ChangeLog.entity_key == str(path)).limit(1))
    if done is not None:
        return 0
    return import_file(db, path, actor)


def targets(db: Database, actor: Actor | None = None) -> BoardTargets:
    """The targets reports use: the stored ones, after the one-time import of a local
    file. A store that cannot take the import now (busy, a reporting role) gets it
    another time; until then the file's schedules stand in for measures with none."""
    try:
        import_local_file(db, actor or Actor.current())
    except DatabaseError:
        stored, path = stored_targets(db), paths.data_dir() / TARGETS_FILE
        found = _read_file(path).schedules
        return BoardTargets({**{k: v for k, v in found.items() if k in BOARD_MEASURES},
                             **{k: v for k, v in stored.schedules.items() if v}})
    return stored_targets(db)
