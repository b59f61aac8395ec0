"""``list_sessions`` and ``get_info`` are summary queries (GROUP BY counts, members in one
query) and must return exactly what the former per-session ORM computation returned.

The reference below is that former computation, kept here to compare against: each
session's members and whole sample loaded as ORM objects, the rubric parsed, the
audited plans counted one query per session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from qa_audit.services import demo, rubrics, sessions
from qa_audit.services.actor import Actor
from qa_audit.services.sessions import MemberInfo, SessionInfo
from qa_audit.services.store import database
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database
from tests.sql_log import sent_by

TODAY = dt.date(2026, 11, 20)


def _reference_info(session: Session, row: m.AuditSession) -> SessionInfo:
    stored = rubrics.by_version_pk(session, row.rubric_version_id)
    audited = session.scalar(
        select(func.count(func.distinct(m.Audit.plan_id))).where(m.Audit.session_id == row.id)
    ) or 0
    return SessionInfo(
        row.id, row.name, row.session_date, stored.id, stored.version, row.status,
        tuple(MemberInfo(p.id, p.name, p.agency, p.role, p.can_moderate or p.role == "chair")
              for p in row.members),
        sum(1 for e in row.sample if e.withdrawn_at is None), audited,
        row.sample_seed, row.sample_eligible,
    )


def reference_list(db: Database) -> list[SessionInfo]:
    with db.read() as session:
        rows = session.scalars(
            select(m.AuditSession)
            .options(selectinload(m.AuditSession.members), selectinload(m.AuditSession.sample))
            .order_by(m.AuditSession.session_date.desc(), m.AuditSession.name)
        ).all()
        return [_reference_info(session, r) for r in rows]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Demo data plus the awkward cases: a withdrawn sample entry, an empty session and
    a member allowed to moderate who is not the chair."""
    folder = tmp_path_factory.mktemp("summaries")
    actor = Actor("tester", "test-pc")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(folder / "home"))
        made = database.initialise(str(folder / "demo.sqlite3"), actor).database
        demo.load_demo(made, actor, seed=2026, today=TODAY)
        first = sessions.list_sessions(made)[0]
        sessions.create_session(made, "Empty panel", first.rubric_id, TODAY, actor)
        with made.write() as s:
            entry = s.scalars(select(m.SampleEntry).order_by(m.SampleEntry.id)).first()
            assert entry is not None
            entry.withdrawn_at = dt.datetime(2026, 11, 1, 9, 0)
            entry.withdrawn_reason = "test"
            s.execute(update(m.PanelMember).where(m.PanelMember.role == "auditor",
                                                  m.PanelMember.id % 3 == 0)
                      .values(can_moderate=True))
        yield made
        made.dispose()


def test_list_sessions_equals_the_per_session_computation(demo_db: Database) -> None:
    expected = reference_list(demo_db)
    assert len(expected) > 3
    assert any(not i.members and not i.sampled for i in expected)  # the empty panel
    assert any(i.audited and i.sampled for i in expected)
    assert sessions.list_sessions(demo_db) == expected


def test_get_info_equals_the_per_session_computation(demo_db: Database) -> None:
    for info in reference_list(demo_db):
        assert sessions.get_info(demo_db, info.name) == info


def test_get_info_unknown_name_still_explains(demo_db: Database) -> None:
    from qa_audit.errors import NotFound

    with pytest.raises(NotFound, match="Recent sessions"):
        sessions.get_info(demo_db, "No such panel")


def test_list_sessions_statements_do_not_grow_with_sessions(demo_db: Database) -> None:
    """A fixed number of statements whatever the number of sessions (no query per session)."""
    counts = []
    for extra in (0, 5):
        actor = Actor("tester", "test-pc")
        rubric_id = sessions.list_sessions(demo_db)[0].rubric_id
        for i in range(extra):
            sessions.create_session(demo_db, f"Extra {i}", rubric_id, TODAY, actor)
            sessions.add_member(demo_db, f"Extra {i}", "B. Jones", None, "auditor", actor)
        listed: list = []
        n = len(sent_by(demo_db, lambda out=listed: out.extend(sessions.list_sessions(demo_db))))
        assert listed == reference_list(demo_db)
        counts.append(n)
    assert counts[0] == counts[1], f"{counts[0]} statements, then {counts[1]} with 5 more"
