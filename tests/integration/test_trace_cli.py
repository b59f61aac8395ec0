"""Issue 14, items 1 and 3 from the command line: every ``db`` command on an encrypted
file (passphrase from ``QA_AUDIT_PASSPHRASE``), and ``db check`` catching rows edited
with an ordinary SQLite tool."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from qa_audit.services import agreed, rubrics, sessions
from qa_audit.services.actor import Actor
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database
from qa_audit.storage.opening import open_existing
from qa_audit.storage.profiles import SQLITE_HEADER

from .cli_helpers import run_cli

KEY = "council 'panel' passphrase"
RUBRIC = "multi-agency-ehcp"


@pytest.fixture
def encrypted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> str:
    pytest.importorskip("sqlcipher3", reason="sqlcipher3 is not installed")
    monkeypatch.setenv("QA_AUDIT_PASSPHRASE", KEY)
    path = str(tmp_path / "secret.sqlite3")
    assert run_cli(capsys, "--db", path, "init", "--encrypt").code == 0
    db = open_existing(path, passphrase=KEY)
    try:
        score_one_plan(db, "ENC-0001")
    finally:
        db.dispose()
    return path


def score_one_plan(db: Database, plan_ref: str) -> None:
    """A session whose chair agrees a grade and answers one question (small and quick)."""
    actor = Actor("setup", "test-pc")
    with db.write() as s:
        s.add(m.Plan(plan_ref=plan_ref, issue_date=dt.date(2026, 1, 5), plan_type="new"))
    sessions.create_session(db, "Encrypted panel", RUBRIC, dt.date(2026, 11, 1), actor)
    sessions.add_member(db, "Encrypted panel", "Chair", None, "chair", actor)
    with db.read() as s:
        rubric = rubrics.get_version(s, RUBRIC).rubric
    question = next(q for q in rubric.questions() if q.applies_when is None)
    agreed.save_agreed_answer(db, "Encrypted panel", plan_ref, "Chair", question.id,
                               question.valid_answers()[0])
    agreed.save_agreed_overall(db, "Encrypted panel", plan_ref, "Chair", 5)


def test_every_db_command_works_on_an_encrypted_file(
        capsys, encrypted: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r = run_cli(capsys, "--db", encrypted, "db", "check")
    assert r.code == 0, r.err
    assert "healthy" in r.out and "chain head" in r.out
    head = r.out.split("chain head ")[1].strip()
    with monkeypatch.context() as mp:  # no passphrase: "encrypted", never "damaged"
        mp.delenv("QA_AUDIT_PASSPHRASE")
        r = run_cli(capsys, "--db", encrypted, "db", "check")
        assert r.code != 0
        assert "QA_AUDIT_PASSPHRASE" in r.err and "damaged" not in r.err.splitlines()[0]

    dest = tmp_path / "copy.sqlite3"
    r = run_cli(capsys, "--db", encrypted, "db", "backup", str(dest))
    assert r.code == 0, r.err
    assert dest.read_bytes()[:16] != SQLITE_HEADER  # the copy is encrypted too
    assert b"change_log" not in dest.read_bytes()

    r = run_cli(capsys, "--db", encrypted, "db", "backups", "--now")
    assert r.code == 0, r.err
    made = Path(r.out.split("verified: ")[1].splitlines()[0])
    assert made.read_bytes()[:16] != SQLITE_HEADER

    r = run_cli(capsys, "--db", encrypted, "db", "migrate")
    assert r.code == 0, r.err
    assert "already current" in r.out

    r = run_cli(capsys, "--db", encrypted, "db", "delete-plan-audits", "ENC-0001", "--yes",
                "--also-backups")
    assert r.code == 0, r.err
    r = run_cli(capsys, "--db", encrypted, "db", "check")
    assert r.code == 0, r.err  # the deletion was sealed: no "deleted outside the app"

    # restore round trip: the encrypted copy goes back, the check is healthy, the head
    # is the one printed before the deletion
    r = run_cli(capsys, "--db", encrypted, "db", "restore", str(dest))
    assert r.code == 0, r.err
    r = run_cli(capsys, "--db", encrypted, "db", "check")
    assert r.code == 0, r.err
    assert r.out.split("chain head ")[1].strip() == head


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data once per module (it takes seconds); each test edits a copy."""
    from qa_audit.services import demo
    from qa_audit.services.actor import Actor
    from qa_audit.services.store import database

    folder = tmp_path_factory.mktemp("trace")
    path = folder / "template.sqlite3"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(folder / "home"))
        db = database.initialise(str(path), Actor.current()).database
        demo.load_demo(db, Actor.current(), seed=1)
        db.dispose()
    return path


@pytest.fixture
def demo_file(demo_template: Path, tmp_path: Path, capsys) -> Path:
    path = tmp_path / "plain.sqlite3"
    shutil.copyfile(demo_template, path)
    r = run_cli(capsys, "--db", str(path), "db", "check")
    assert r.code == 0, r.err
    return path


def raw(path: Path, sql: str) -> None:
    """What an ordinary SQLite tool does: no app, no triggers of ours, no change log."""
    con = sqlite3.connect(path)
    try:
        con.execute(sql)
        con.commit()
    finally:
        con.close()


def one(path: Path, sql: str) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


EDITS = [  # (what, SQL an ordinary tool runs, what db check must say)
    ("agreed grade", "UPDATE audit SET overall = CASE overall WHEN 1 THEN 2 ELSE 1 END "
     "WHERE id = {agreed}", "audit row {agreed} was changed outside the app"),
    ("answer", "UPDATE answer SET value = 'edited' WHERE id = {answer}",
     "answer row {answer} was changed outside the app"),
    ("deleted answer", "DELETE FROM answer WHERE id = {answer2}",
     "answer row {answer2} was deleted outside the app"),
    ("deleted audit", "DELETE FROM audit WHERE id = {audit}",
     "audit row {audit} was deleted outside the app"),
    ("attribution", "UPDATE shortfall_attribution SET agency = 'la' WHERE id = {attribution}",
     "shortfall attribution row {attribution} was changed outside the app"),
    ("theme", "DELETE FROM theme_tag WHERE id = {theme}",
     "theme tag row {theme} was deleted outside the app"),
    ("inserted answer", "INSERT INTO answer (audit_id, question_id, value) "
     "VALUES ({agreed}, 'made_up', 'Y')", "was written outside the app"),
]


def test_db_check_catches_direct_sql_edits_of_every_protected_table(
        capsys, demo_file: Path) -> None:
    ids = {
        "agreed": one(demo_file, "SELECT min(id) FROM audit WHERE is_panel = 1 "
                                 "AND overall IS NOT NULL"),
        "audit": one(demo_file, "SELECT max(id) FROM audit WHERE is_panel = 0"),
        "answer": one(demo_file, "SELECT min(id) FROM answer"),
        "answer2": one(demo_file, "SELECT min(id) + 1 FROM answer"),
        "attribution": one(demo_file, "SELECT min(id) FROM shortfall_attribution "
                                      "WHERE agency != 'la'"),
        "theme": one(demo_file, "SELECT min(id) FROM theme_tag"),
    }
    head = run_cli(capsys, "--db", str(demo_file), "db", "check").out.split("chain head ")[1]
    for _what, sql, _expected in EDITS:
        raw(demo_file, sql.format(**ids))
    r = run_cli(capsys, "--db", str(demo_file), "db", "check")
    assert r.code != 0
    assert r.err.startswith("qa-audit: Database check failed")
    lines = r.err.splitlines()
    for what, _sql, expected in EDITS:
        row, _, verdict = expected.format(**ids).partition(" was ")
        # e.g. "audit row 5 (session 'Panel January 2026', plan EHC-305320, auditor panel)
        # was changed outside the app since it was last saved"
        assert any(f"{row} " in line and f"was {verdict}" in line for line in lines), \
            (what, r.err)
    assert "auditor panel" in r.err  # where the row belongs is named
    # the log itself was not touched: its chain still verifies, with the same head
    assert "change log entry" not in r.err
    with sqlite3.connect(demo_file) as con:
        last = con.execute("SELECT hash FROM change_log ORDER BY id DESC LIMIT 1").fetchone()
    assert last[0] == head.strip()


def test_an_upgraded_file_is_sealed_as_it_stood_and_later_edits_are_caught(
        capsys, tmp_path: Path) -> None:
    """Migration 0004 seals the rows of a file written before seals existed."""
    old = tmp_path / "council.sqlite"
    with gzip.open(Path(__file__).parents[1] / "data" / "made-by-0002.sqlite.gz") as src:
        old.write_bytes(src.read())
    assert run_cli(capsys, "--db", str(old), "init").code == 0
    with sqlite3.connect(old) as con:
        seal = con.execute("SELECT user_name, after_json FROM change_log "
                           "WHERE entity = 'seal'").fetchall()
        audits = con.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    assert len(seal) == 1 and seal[0][0] == "qa-audit upgrade"
    assert sum(k.startswith("audit:") for k in json.loads(seal[0][1])) == audits
    r = run_cli(capsys, "--db", str(old), "db", "check")
    assert r.code == 0, r.err
    raw(old, "UPDATE answer SET note = 'rewritten' WHERE id = (SELECT min(id) FROM answer)")
    r = run_cli(capsys, "--db", str(old), "db", "check")
    assert r.code != 0 and "was changed outside the app" in r.err


def test_imported_audits_are_sealed(capsys, tmp_path: Path, db: Database) -> None:
    """Every path that writes protected rows seals them: an audits import (added, then
    updated) leaves a healthy check. (Core writes there must call ``seals.touch``.)"""
    with db.write() as s:
        s.add(m.Plan(plan_ref="P1", issue_date=dt.date(2025, 1, 5), year_group=10,
                     plan_type="new"))
    header = "session,plan_ref,auditor,agency,overall,cyp_voice,cyp_voice.agency,themes\n"
    f = tmp_path / "history.csv"
    for rows in ("Jan 2025,P1,Ann,ep,6,Y,,vague_wording\nJan 2025,P1,PANEL,,5,P,ep,\n",
                 "Jan 2025,P1,Ann,ep,4,N,health,voice_missing\n"):
        f.write_text(header + rows, encoding="utf-8")
        r = run_cli(capsys, "--db", str(db.target.path), "audits", "import", str(f),
                    "--rubric", RUBRIC)
        assert r.code == 0, r.err
        r = run_cli(capsys, "--db", str(db.target.path), "db", "check")
        assert r.code == 0, r.err
    with sqlite3.connect(str(db.target.path)) as con:
        sealed = [json.loads(a) for (a,) in con.execute(
            "SELECT after_json FROM change_log WHERE entity = 'seal'")]
    assert any(k.startswith("attribution:") for seal in sealed for k in seal)
    assert any(k.startswith("theme:") for seal in sealed for k in seal)
