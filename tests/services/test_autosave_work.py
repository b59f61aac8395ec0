"""The work one autosave does besides its five statements (benchmarks/NOTES.md).

Every keystroke that changes an answer saves it, so the Python around the statements
counts too: no ORM unit-of-work flush (the seal's change-log entry is one Core INSERT,
``changelog.append``) and no statement built per save (the fast path's writes are
compiled once and bound at execution). Counted with SQLAlchemy event listeners, not
timed: a shared machine's load would make a timing assert flaky.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from qa_audit.services import changelog, scoring
from qa_audit.storage.engine import Database
from tests.integration.workers.panel import PanelConfig, _open, make_panel


@pytest.fixture
def panel(tmp_path: Path) -> PanelConfig:
    return make_panel(tmp_path / "qa.sqlite3", members=2, plans=2, questions=3, shared=False)


@pytest.fixture
def db(panel: PanelConfig) -> Iterator[Database]:
    database = _open(panel)
    yield database
    database.dispose()


def work_of(db: Database, action: Any) -> tuple[int, list[object]]:
    """ORM flushes and the statement objects (or driver SQL strings) ``action`` ran."""
    flushes: list[object] = []
    ran: list[object] = []

    def flushed(*_args: object) -> None:
        flushes.append(None)

    def executed(_conn: Any, clause: Any, *_args: object) -> None:
        ran.append(clause)

    event.listen(Session, "after_flush", flushed)
    event.listen(db.engine, "before_execute", executed)
    try:
        action()
    finally:
        event.remove(Session, "after_flush", flushed)
        event.remove(db.engine, "before_execute", executed)
    return len(flushes), ran


def same_statement(a: object, b: object) -> bool:
    return a == b if isinstance(a, str) else a is b


@pytest.mark.parametrize("change", ["update", "insert", "delete"])
def test_an_autosave_flushes_no_orm_objects_and_reuses_its_statements(
        panel: PanelConfig, db: Database, change: str) -> None:
    member, plan = panel.members[0], panel.plans[0]
    (q1, a1), (q2, a2), (q3, _a3) = panel.questions.items()
    scoring.save_answer(db, panel.session, plan, member, q1, a1[0])  # creates the audit
    scoring.save_answer(db, panel.session, plan, member, q1, a1[1])  # parses the rubric

    def measured(i: int) -> tuple[int, list[object]]:
        """Save ``i`` of two of this kind, counted."""
        if change == "update":
            return work_of(db, lambda: scoring.save_answer(
                db, panel.session, plan, member, q1, a1[i % 2]))
        qid = (q2, q3)[i]  # a new answer row each time (another question)
        if change == "insert":
            return work_of(db, lambda: scoring.save_answer(
                db, panel.session, plan, member, qid, a2[0]))
        scoring.save_answer(db, panel.session, plan, member, qid, a2[0])
        return work_of(db, lambda: scoring.save_answer(  # cleared: its row deleted
            db, panel.session, plan, member, qid, None))

    first, second = measured(0), measured(1)
    for flushes, _ran in (first, second):
        assert flushes == 0, "an autosave went through the ORM unit of work"
    ran_first, ran_second = first[1], second[1]
    assert len(ran_first) == len(ran_second) == 3  # SELECT, the write, the seal
    rebuilt = [str(a) for a, b in zip(ran_first, ran_second, strict=True)
               if not same_statement(a, b)]
    assert not rebuilt, f"statements built again for every save: {rebuilt}"
    with db.read() as s:
        assert changelog.verify_chain(s) == []  # the seals still chain


def test_the_seal_is_the_same_entry_record_would_write(db: Database) -> None:
    """``append`` (Core) and ``record`` (ORM) write the same columns: the chain's hash
    covers them, so ``db check`` reads both alike."""
    from qa_audit.services.actor import Actor
    from qa_audit.storage import models as m

    actor = Actor("tester", "test-pc")
    with db.write() as s:
        changelog.record(s, actor, "seal", "rows", "seal", after={"answer:1": "x"})
        changelog.append(s, actor, "seal", "rows", "seal", after={"answer:1": "x"})
    with db.read() as s:
        rows = s.scalars(select_last_two()).all()
        assert changelog.verify_chain(s) == []
    cols = [c.name for c in m.ChangeLog.__table__.columns
            if c.name not in ("id", "at", "prev_hash", "hash")]
    older, newer = rows[1], rows[0]
    assert [getattr(older, c) for c in cols] == [getattr(newer, c) for c in cols]
    assert newer.prev_hash == older.hash


def select_last_two() -> Any:
    from sqlalchemy import select

    from qa_audit.storage import models as m

    return select(m.ChangeLog).order_by(m.ChangeLog.id.desc()).limit(2)
