"""Rotating verified backups, restore keeping the damaged file, retention deletions,
and the db commands (check prints the chain head; backups, restore, migrate)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from qa_audit.errors import UserError
from qa_audit.services.actor import Actor
from qa_audit.services.store import retention
from qa_audit.storage import backups, opening
from qa_audit.storage import models as m
from tests.integration.cli_helpers import run_cli
from tests.integration.workers.panel import make_panel, new_database

ANN = Actor("ann", "pc-1")


def test_rotation_keeps_the_newest_per_kind_and_database(tmp_path: Path) -> None:
    db = new_database(tmp_path / "a.sqlite3", ANN)
    (tmp_path / "sub").mkdir()
    other = new_database(tmp_path / "sub" / "a.sqlite3", ANN)
    made = [backups.make_backup(db, kind="scheduled", keep=3) for _ in range(5)]
    backups.make_backup(db, kind="before-upgrade", keep=3)
    listed = backups.list_backups(db)
    assert [b.path for b in listed if b.kind == "scheduled"] == made[:1:-1]
    assert {b.kind for b in listed} == {"scheduled", "before-upgrade"}
    assert backups.list_backups(other) == []  # same file name, different folder
    for b in listed:
        con = sqlite3.connect(b.path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    assert backups.maybe_backup(db, every=dt.timedelta(hours=4)) is None
    assert backups.maybe_backup(db, every=dt.timedelta(0)) is not None
    db.dispose()
    other.dispose()


def test_restore_keeps_the_replaced_file_and_its_journal(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    db = new_database(path, ANN, shared=True)
    backup = backups.make_backup(db)
    with db.write() as s:
        s.add(m.Plan(plan_ref="LATER", issue_date=dt.date(2026, 1, 1)))
    db.dispose()
    journal = path.with_name(path.name + "-journal")
    journal.write_bytes(b"")  # an empty (not hot) journal left beside it
    result = backups.restore(backup, path)
    assert result.moved_aside is not None and ".before-restore-" in result.moved_aside.name
    assert result.moved_aside.exists()
    assert Path(str(result.moved_aside) + "-journal").exists() and not journal.exists()
    db = opening.open_existing(str(path))
    with db.read() as s:
        assert s.query(m.Plan).count() == 0
    db.dispose()
    with pytest.raises(UserError, match="No backup file"):
        backups.restore(tmp_path / "nope.sqlite3", path)


def test_retention_deletes_audits_here_and_in_the_automatic_backups(tmp_path: Path) -> None:
    from qa_audit.services import scoring

    cfg = make_panel(tmp_path / "p.sqlite3", members=1, plans=2, questions=1, actions=1)
    db = opening.open_existing(cfg.db, force_shared=True)
    qid, values = next(iter(cfg.questions.items()))
    for ref in cfg.plans:
        scoring.save_answer(db, cfg.session, ref, cfg.members[0], qid, values[0],
                            note=f"evidence about {ref}")
    backups.make_backup(db, kind="scheduled")
    from qa_audit.evidence.remembered import RememberedFiles

    remembered = RememberedFiles()  # this computer's (QA_AUDIT_HOME in tests)
    remembered.remember(f"{cfg.session}/{cfg.plans[0]}", tmp_path / "deleted child.pdf")
    remembered.remember(f"{cfg.session}/{cfg.plans[1]}", tmp_path / "kept.pdf")
    result = retention.delete_plan_audits(db, [cfg.plans[0]], ANN, delete_plans=True,
                                          also_backups=True)
    assert (result.audits, result.actions, result.plans) == (1, 1, 1)
    # the deleted plan's remembered document is forgotten too; the other stays
    assert result.documents_forgotten == 1 and "forgot 1 remembered" in result.describe()
    assert remembered.path_for(f"{cfg.session}/{cfg.plans[0]}") is None
    assert remembered.path_for(f"{cfg.session}/{cfg.plans[1]}") == str(tmp_path / "kept.pdf")
    assert len(result.backups_cleaned) == 1
    for path in [Path(cfg.db), result.backups_cleaned[0]]:
        con = sqlite3.connect(path)
        refs = [r[0] for r in con.execute("SELECT plan_ref FROM plan")]
        audits = con.execute("SELECT count(*) FROM audit").fetchone()[0]
        assert refs == [cfg.plans[1]] and audits == 1
        con.close()
        data = path.read_bytes()  # secure_delete + VACUUM: no readable remnant in free pages
        assert f"evidence about {cfg.plans[0]}".encode() not in data
        assert f"evidence about {cfg.plans[1]}".encode() in data
    with pytest.raises(UserError, match="No plan"):
        retention.delete_plan_audits(db, ["NOPE"], ANN)
    db.dispose()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run qa-audit with the db commands registered (as cli/entry.py does after one line)."""
    from qa_audit.cli import db as cli_db
    from qa_audit.cli import entry as cli_module

    original = cli_module.build_parser

    def build() -> object:
        parser = original()
        db_parser = parser._subparsers._group_actions[0].choices["db"]  # type: ignore[union-attr]
        dsub = db_parser._subparsers._group_actions[0]  # type: ignore[union-attr]
        if "restore" not in dsub.choices:

            def add(name, handler, help_text, parent):
                p = parent.add_parser(name, help=help_text, description=help_text)
                p.set_defaults(handler=handler)
                return p

            cli_db.register(dsub, add)
        return parser

    cli_module.build_parser = build  # type: ignore[assignment]
    yield lambda *args: run_cli(capsys, *args)
    cli_module.build_parser = original  # type: ignore[assignment]


def test_db_commands(cli, tmp_path: Path) -> None:
    path = tmp_path / "qa.sqlite3"
    new_database(path, ANN).dispose()
    run = cli("--db", str(path), "db", "check")
    assert run.code == 0, run.err
    assert "chain head" in run.out and len(run.out.split("chain head ")[1].strip()) == 64
    run = cli("--db", str(path), "db", "backups", "--now")
    assert run.code == 0 and "verified" in run.out and "manual" in run.out
    backup = backups.list_backups(path)[0].path
    run = cli("--db", str(path), "db", "migrate", "--for-sharing")
    assert run.code == 0 and "rollback journal" in run.out, run.err
    path.write_bytes(b"\0" * 4096)
    run = cli("--db", str(path), "db", "check")
    assert run.code != 0 and "db restore" in run.err.splitlines()[0]
    run = cli("--db", str(path), "db", "restore", str(backup))
    assert run.code == 0 and "damaged" in run.out, run.err
    assert cli("--db", str(path), "db", "check").code == 0
    run = cli("--db", str(path), "db", "delete-plan-audits", "X")
    assert run.code != 0 and "--yes" in run.err
