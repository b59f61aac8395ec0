"""``qa-audit session status NAME STATUS [--force]``: the guards with counts (CONTRACT.md)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select

from qa_audit.services import agreed, plans, rubric_view, scoring, sessions, submission
from qa_audit.services.actor import Actor
from qa_audit.storage import models as m

from .cli_helpers import run_cli

SESSION = "Guarded panel"
CHAIR = "Carol Chair"


def _setup(db, capsys, actor: Actor) -> str:
    with db.write() as s:
        s.execute(insert(m.Plan), [
            {"plan_ref": f"G{i}", "issue_date": dt.date(2026, 9, 1 + i), "plan_type": "new",
             "year_group": 5, "phase": "primary", "version": 1} for i in range(3)])
    dbfile = str(db.target.path)
    assert run_cli(capsys, "--db", dbfile, "session", "create", SESSION, "--rubric",
                   "multi-agency-ehcp").code == 0
    assert run_cli(capsys, "--db", dbfile, "sample", "draw", "--session", SESSION,
                   "--size", "3", "--seed", "1").code == 0
    sessions.add_member(db, SESSION, CHAIR, None, "chair", actor)
    rubric = rubric_view.load_rubric(db, "multi-agency-ehcp").rubric
    facts = plans.plan_facts(db, "G0")
    assert facts is not None
    for q in rubric.applicable_questions(facts):
        scoring.save_answer(db, SESSION, "G0", CHAIR, q.id, q.valid_answers()[0])
    scoring.save_overall(db, SESSION, "G0", CHAIR, 5)
    submission.submit(db, SESSION, "G0", CHAIR)
    return dbfile


def test_moderation_refused_with_counts_unless_forced(capsys, db, actor) -> None:
    dbfile = _setup(db, capsys, actor)
    r = run_cli(capsys, "--db", dbfile, "session", "status", SESSION, "moderation")
    assert r.code != 0
    assert "2 of 3 sampled plans" in r.err.splitlines()[0]
    assert "--force" in r.err
    assert sessions.get_info(db, SESSION).status == "scoring"
    r = run_cli(capsys, "--db", dbfile, "session", "status", SESSION, "moderation", "--force")
    assert r.code == 0, r.err
    assert sessions.get_info(db, SESSION).status == "moderation"


def test_closing_refused_with_unmoderated_count_then_chair_reopens(capsys, db, actor) -> None:
    dbfile = _setup(db, capsys, actor)
    agreed.save_agreed_overall(db, SESSION, "G0", CHAIR, 5)
    r = run_cli(capsys, "--db", dbfile, "session", "status", SESSION, "closed")
    assert r.code != 0
    assert "2 of 3 sampled plans" in r.err and "not been moderated" in r.err
    assert run_cli(capsys, "--db", dbfile, "session", "status", SESSION, "closed",
                   "--force").code == 0
    assert sessions.get_info(db, SESSION).read_only
    sessions.reopen(db, SESSION, CHAIR, "Plan G1 was scored late", actor)
    assert sessions.get_info(db, SESSION).status == "moderation"
    with db.read() as s:
        logged = s.scalars(select(m.ChangeLog.after_json)
                           .where(m.ChangeLog.action == "reopen")).all()
    assert len(logged) == 1 and "scored late" in (logged[0] or "")
