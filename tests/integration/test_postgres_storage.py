"""The storage layer on SQLite and on a real PostgreSQL server (issue 6, item 9).

Each case runs twice through ``storage_url``: a SQLite file and a fresh
PostgreSQL database (skipped with the reason when no test server is running).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError

from qa_audit.errors import DatabaseBusy, DatabaseError, DatabaseMissing
from qa_audit.services import actions, agreed, changelog, scoring
from qa_audit.services.actor import Actor
from qa_audit.services.scoring import ConflictError
from qa_audit.services.store.live import DataVersionWatcher
from qa_audit.storage import migrate
from qa_audit.storage import models as m
from qa_audit.storage.engine import open_database
from qa_audit.storage.opening import open_existing, target_for
from qa_audit.storage.profiles import Profile
from qa_audit.storage.translate import DatabaseReadOnly
from tests.conftest_pg import pg_url, storage_url  # noqa: F401 - fixtures
from tests.integration.workers import panel

pytestmark = pytest.mark.integration

ACTOR = Actor("tester", "test-pc")
TABLES = {"plan", "audit", "answer", "change_log", "action", "audit_session", "presence",
          "rubric", "rubric_version", "store_revision", "alembic_version"}


def test_migrations_create_downgrade_and_upgrade_again(storage_url: str) -> None:
    db = open_database(target_for(storage_url), must_exist=False)
    try:
        assert migrate.schema_state(db) == "empty"
        assert migrate.initialise(db) == "created"
        assert migrate.schema_state(db) == "current"
        assert migrate.current_revision(db) == migrate.head_revision()
        with db.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= TABLES - {"alembic_version"}
        migrate._run(db, "downgrade", "base")
        with db.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        migrate._run(db, "upgrade", "head")
        assert migrate.schema_state(db) == "current"
        assert migrate.initialise(db) == "already current"
    finally:
        db.dispose()


def test_server_profile_and_empty_database_refused(storage_url: str) -> None:
    db = open_database(target_for(storage_url), must_exist=False)
    expected = Profile.LOCAL if db.is_sqlite else Profile.SERVER
    assert db.profile is expected
    db.dispose()
    if storage_url.startswith("postgresql"):
        with pytest.raises(DatabaseError, match=r"is empty\. Run 'qa-audit init' first"):
            open_existing(storage_url)


def test_change_log_is_append_only(storage_url: str) -> None:
    db = open_database(target_for(storage_url), must_exist=False)
    try:
        migrate.initialise(db)
        with db.write() as s:
            changelog.record(s, ACTOR, "plan", "R1", "set", before=None, after={"x": 1})
            changelog.record(s, ACTOR, "plan", "R1", "set", before={"x": 1}, after={"x": 2})
        for sql in ("UPDATE change_log SET user_name = 'mallory'", "DELETE FROM change_log"):
            with pytest.raises(DBAPIError, match="append-only"), db.write() as s:
                s.execute(text(sql))
        with db.read() as s:
            assert s.scalar(select(m.ChangeLog.user_name).limit(1)) == "tester"
            assert changelog.verify_chain(s) == []
    finally:
        db.dispose()


def _small_panel(url: str, tmp_path: Path) -> panel.PanelConfig:
    return panel.make_panel(url, members=2, moderators=2, plans=1, questions=2,  # type: ignore[arg-type]
                            actions=1)


def test_stale_saves_are_conflicts_never_overwrites(storage_url: str,
                                                    tmp_path: Path) -> None:
    cfg = _small_panel(storage_url, tmp_path)
    ref = cfg.plans[0]
    q1 = next(iter(cfg.questions))
    first, second = cfg.questions[q1][0], cfg.questions[q1][1]
    a = open_existing(cfg.db)
    b = open_existing(cfg.db)
    try:
        # both screens load "no agreed row yet"; the chair saves first
        seen_by_b = agreed.panel_version(b, cfg.session, ref) or 0
        v1 = agreed.save_agreed_answer(a, cfg.session, ref, panel.CHAIR, q1, first,
                                        expected_version=0)
        with pytest.raises(ConflictError) as info:
            agreed.save_agreed_answer(b, cfg.session, ref, cfg.moderators[1], q1, second,
                                       expected_version=seen_by_b)
        assert info.value.changed_by == panel.CHAIR
        assert agreed.panel_version(a, cfg.session, ref) == v1
        # the loser reloads and saves on top: accepted
        v2 = agreed.save_agreed_answer(b, cfg.session, ref, cfg.moderators[1], q1, second,
                                        expected_version=v1)
        assert v2 == v1 + 1

        action_id = cfg.actions[0]
        with a.read() as s:
            version = s.scalar(select(m.Action.version).where(m.Action.id == action_id))
        new = actions.update_action(a, action_id, ACTOR, expected_version=version, owner="A")
        with pytest.raises(ConflictError):
            actions.update_action(b, action_id, ACTOR, expected_version=version, owner="B")
        with b.read() as s:
            row = s.get(m.Action, action_id)
            assert (row.owner, row.version) == ("A", new)
    finally:
        a.dispose()
        b.dispose()


def test_live_watcher_tells_others_saves_from_own(storage_url: str,
                                                  tmp_path: Path) -> None:
    cfg = _small_panel(storage_url, tmp_path)
    mine, theirs = open_existing(cfg.db), open_existing(cfg.db)
    q1 = next(iter(cfg.questions))
    try:
        with DataVersionWatcher(mine) as watcher:
            assert watcher.poll() is False  # baseline
            scoring.save_answer(mine, cfg.session, cfg.plans[0], cfg.members[0], q1,
                                cfg.questions[q1][0])
            assert watcher.poll() is False  # my own save
            scoring.save_answer(theirs, cfg.session, cfg.plans[0], cfg.members[1], q1,
                                cfg.questions[q1][1])
            assert watcher.poll() is True  # a colleague's
            assert watcher.poll() is False
    finally:
        mine.dispose()
        theirs.dispose()


def test_server_writes_wait_for_each_other_then_report_busy(pg_url: str,
                                                            tmp_path: Path) -> None:
    cfg = _small_panel(pg_url, tmp_path)
    holder = open_existing(cfg.db)
    waiter = open_existing(cfg.db, busy_timeout_ms=300)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with holder.write() as s:
            s.add(m.Presence(user_name="x", machine="y", seen_at=m.utcnow()))
            s.flush()  # the transaction (and the write lock) starts with the first statement
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert holding.wait(10)
        started = time.monotonic()
        with pytest.raises(DatabaseBusy, match="busy"), waiter.write() as s:
            s.add(m.Presence(user_name="z", machine="y", seen_at=m.utcnow()))
        assert time.monotonic() - started < 5
        with waiter.read() as s:  # readers are never blocked by a writer
            assert s.scalar(select(m.Plan.plan_ref)) == cfg.plans[0]
    finally:
        release.set()
        thread.join(10)
        holder.dispose()
    with waiter.write() as s:  # the lock cleared: the retry succeeds
        s.add(m.Presence(user_name="z", machine="y", seen_at=m.utcnow()))
    waiter.dispose()


def test_newer_schema_on_server_opens_read_only(pg_url: str) -> None:
    db = open_database(target_for(pg_url), must_exist=False)
    migrate.initialise(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.dispose()
    opened = open_existing(pg_url)
    try:
        assert opened.read_only
        with pytest.raises(DatabaseReadOnly, match="newer version"), opened.write():
            pass
    finally:
        opened.dispose()


@pytest.mark.parametrize(("change", "message"), [
    ({"port": 1}, "cannot be reached"),
    ({"database": "qa_no_such_database"}, "has no database named 'qa_no_such_database'"),
    ({"username": "qa_no_such_role"}, "refused the login"),
])
def test_server_problems_are_explained(pg_url: str, change: dict[str, object],
                                       message: str) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(pg_url).set(**change).render_as_string(hide_password=False)
    with pytest.raises(DatabaseError, match=message) as info:
        open_existing(url)
    if "port" in change:
        assert isinstance(info.value, DatabaseMissing)
