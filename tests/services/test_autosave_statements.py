"""Autosave of one answer: a fixed, small number of statements, and exactly the same
rows as the ORM path it short-cuts.

``scoring.save_answer`` takes a Core fast path for the usual save (the member's draft
audit exists): one joined SELECT, one write, one store-revision bump, and one change-log
INSERT sealing the answer's new state (``services.seals``: the chain head comes with the
SELECT, the digest from the values written, so tamper evidence costs one statement). Everything else
(first save of a plan, attributions, closed sessions, submitted audits) goes through
the ORM path. These tests pin the statement count, and replay the same edits with
the fast path switched off to show both leave identical rows and raise identical
errors, including for state changed by another connection between two saves.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from qa_audit.errors import ReadOnlySession, UserError
from qa_audit.services import scoring, sessions
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests.integration.workers.panel import PanelConfig, _open, make_panel
from tests.sql_log import sent_by

SETUP = Actor("setup", "test-pc")


@pytest.fixture
def panel(tmp_path: Path) -> PanelConfig:
    return make_panel(tmp_path / "qa.sqlite3", members=2, plans=2, questions=3, shared=False)


@pytest.fixture
def db(panel: PanelConfig) -> Iterator[Database]:
    database = _open(panel)
    yield database
    database.dispose()


def statements(db: Database, fn: Callable[[], object]) -> list[str]:
    return [s.sql for s in sent_by(db, fn)]


def test_an_autosave_is_one_select_one_write_and_the_revision_bump(
        panel: PanelConfig, db: Database) -> None:
    member, plan = panel.members[0], panel.plans[0]
    qid, answers = next(iter(panel.questions.items()))
    scoring.save_answer(db, panel.session, plan, member, qid, answers[0])  # creates the audit
    scoring.save_answer(db, panel.session, plan, member, qid, answers[2])  # parses the rubric
    before = db.own_revisions[-1]

    sql = statements(db, lambda: scoring.save_answer(db, panel.session, plan, member, qid,
                                                     answers[1]))

    assert [s.split()[0] for s in sql] == ["BEGIN", "SELECT", "UPDATE", "UPDATE", "INSERT"], sql
    assert sql[2].startswith("UPDATE answer ")
    assert "store_revision" in sql[3]
    assert sql[4].startswith("INSERT INTO change_log ")
    assert db.own_revisions[-1] == before + 1  # other screens still see the save
    # a new answer on the same audit: an INSERT instead of the UPDATE, nothing more
    other = list(panel.questions)[1]
    sql = statements(db, lambda: scoring.save_answer(db, panel.session, plan, member, other,
                                                     panel.questions[other][0]))
    assert [s.split()[0] for s in sql] == ["BEGIN", "SELECT", "INSERT", "UPDATE", "INSERT"], sql


# columns that hold the time of writing (and the change-log hashes that cover it)
TIMES = {"created_at", "updated_at", "submitted_at", "at", "prev_hash", "hash"}


def dump(path: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row the two paths could write, without the times they were written at."""
    con = sqlite3.connect(path)
    try:
        out = {}
        for table in ("audit_session", "panel_member", "audit", "answer",
                      "shortfall_attribution", "change_log", "store_revision"):
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")
                    if r[1] not in TIMES]
            out[table] = con.execute(
                f"SELECT {', '.join(cols)} FROM {table} ORDER BY id").fetchall()
        # seals: the same rows sealed (an audit's digest covers its time of writing)
        out["seals"] = [sorted(json.loads(after).items()) for (after,) in con.execute(
            "SELECT after_json FROM change_log WHERE entity = 'seal' ORDER BY id")]
        out["seals"] = [[(k, v if not k.startswith("audit:") or v is None else "audit")
                         for k, v in seal] for seal in out["seals"]]
        out["change_log"] = [r for r in out["change_log"] if "seal" not in r]
        return out
    finally:
        con.close()


def replay(panel: PanelConfig, db: Database) -> list[str]:
    """A member's edits, including retries, clears, errors and others' changes."""
    (m1, m2), (p1, p2) = panel.members, panel.plans
    (q1, a1), (q2, a2), (q3, a3) = panel.questions.items()
    session = panel.session
    outcomes: list[str] = []

    def save(member: str, plan: str, qid: str, value: str | None, **kw: object) -> None:
        try:
            scoring.save_answer(db, session, plan, member, qid, value, **kw)  # type: ignore[arg-type]
            outcomes.append("ok")
        except UserError as exc:
            outcomes.append(f"{type(exc).__name__}: {exc}")

    save(m1, p1, q1, a1[0])                        # first save: creates the audit
    save(m1, p1, q1, a1[1])                        # changes it
    save(m1, p1, q1, a1[1].lower())                # normalised, same value
    save(m1, p1, q2, None, note="see section F")   # a note without an answer
    save(m1, p1, q2, a2[0], note="see section F")
    save(m1, p1, q2, None)                         # cleared: the row goes
    save(m1, p1, q2, None)                         # clearing nothing
    save(m1, p1, q3, a1[0] + "?")                  # not an answer: refused
    save(m1, p1, "no_such_question", a1[0])        # not in the rubric: refused
    save(m1, p1, q3, a3[0], note="first note")
    save(m1, p1, q3, a3[1], note="first note")     # the answer changes, the note stays
    save(m1, p1, q3, a3[1], note="second note")    # the note changes
    save(m1, p1, q1, a1[2], client_id="edit-1")
    save(m1, p1, q1, a1[0], client_id="edit-1")    # a retry of a save that landed
    save(m2, p1, q1, a1[0], agencies=("health", "ep"))  # agencies: the ORM path
    save(m2, p1, q1, a1[0])                        # saved bare: the agencies go
    save(m2, p2, q1, a1[0])
    save("Nobody", p1, q1, a1[0])                  # not on the panel
    save(m1, "NO-SUCH-PLAN", q1, a1[0])
    # another member's connection changes state between two saves
    con = sqlite3.connect(panel.db)
    con.execute("UPDATE audit SET updated_by='Chair' WHERE auditor=?", (m2,))
    con.commit()
    save(m2, p2, q2, a2[1])                        # last updated by someone else
    con.execute("UPDATE audit SET status='submitted' WHERE auditor=?", (m1,))
    con.commit()
    save(m1, p1, q1, a1[1])                        # submitted: refused
    con.execute("UPDATE audit SET status='draft' WHERE auditor=?", (m1,))
    con.commit()
    con.close()
    save(m1, p1, q1, a1[1])                        # reopened
    sessions.set_status(db, session, "closed", SETUP, force=True)
    save(m1, p1, q1, a1[0])                        # closed: refused
    return outcomes


def test_the_fast_path_writes_exactly_what_the_orm_path_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = {}
    for fast in (True, False):
        panel = make_panel(tmp_path / f"{fast}.sqlite3", members=2, plans=2, questions=3,
                           shared=False)
        db = _open(panel)
        with monkeypatch.context() as mp:
            taken: list[bool] = []
            real = scoring._fast_save_answer

            def spy(*args: object, _real: Callable[..., bool] = real,
                    _taken: list[bool] = taken) -> bool:
                _taken.append(_real(*args))
                return _taken[-1]

            mp.setattr(scoring, "_fast_save_answer", spy if fast else lambda *_a: False)
            outcomes = replay(panel, db)
        db.dispose()
        if fast:
            assert sum(taken) >= 8, taken  # the usual saves did take the fast path
        results[fast] = (outcomes, dump(panel.db))

    fast_outcomes, fast_rows = results[True]
    orm_outcomes, orm_rows = results[False]
    assert fast_outcomes == orm_outcomes
    assert any(o.startswith("ReadOnlySession") for o in fast_outcomes)
    assert any("submitted" in o for o in fast_outcomes)
    assert fast_rows == orm_rows


def test_a_session_closed_elsewhere_is_seen_by_the_next_save(
        panel: PanelConfig, db: Database) -> None:
    """Nothing about the session's state is cached between saves."""
    member, plan = panel.members[0], panel.plans[0]
    qid, answers = next(iter(panel.questions.items()))
    scoring.save_answer(db, panel.session, plan, member, qid, answers[0])
    scoring.save_answer(db, panel.session, plan, member, qid, answers[1])
    con = sqlite3.connect(panel.db)
    con.execute("UPDATE audit_session SET status='closed' WHERE name=?", (panel.session,))
    con.commit()
    con.close()
    with pytest.raises(ReadOnlySession):
        scoring.save_answer(db, panel.session, plan, member, qid, answers[0])
    con = sqlite3.connect(panel.db)
    try:
        assert con.execute("SELECT value FROM answer").fetchall() == [(answers[1],)]
    finally:
        con.close()
