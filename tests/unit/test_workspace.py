"""The GUI's one object for the open database (services.workspace), without Qt: open,
create, backups, closing; and the live view's look at a shared file (store_watch)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qa_audit.errors import DatabaseMissing, UserError
from qa_audit.services import plans
from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.services.store.store_state import MISSING, OK
from qa_audit.services.store.workspace import Workspace, as_workspace
from qa_audit.storage import models as m
from tests.integration.workers.panel import new_database

ANN = Actor("ann", "pc-1")
BEN = Actor("ben", "pc-2")


def test_create_refuses_an_existing_file_and_open_finds_it(tmp_path: Path) -> None:
    path = tmp_path / "qa.sqlite3"
    made = Workspace.create(path, ANN)
    assert made.path == path.resolve()
    assert (made.profile, made.read_only, made.encrypted) == ("local", False, False)
    made.close()
    with pytest.raises(UserError, match="already exists"):
        Workspace.create(path, ANN)
    opened = Workspace.open(path)
    assert plans.count_plans(opened.db) == 0
    assert opened.location() == str(path.resolve())
    opened.close()
    with pytest.raises(DatabaseMissing):
        Workspace.open(tmp_path / "none.sqlite3")


def test_backups_are_made_listed_and_restored(tmp_path: Path) -> None:
    path = tmp_path / "qa.sqlite3"
    workspace = as_workspace(database.initialise(str(path), ANN).database)
    assert as_workspace(workspace) is workspace
    first = workspace.back_up_now()
    assert [b.path for b in workspace.list_backups()] == [first]
    assert workspace.backup_folder() == first.parent
    assert Workspace.backups_of(path) == workspace.list_backups()
    assert workspace.scheduled_backup() is None  # the newest is minutes old
    workspace.close()
    result = Workspace.restore(first, path)
    assert Path(result.restored) == path
    assert result.moved_aside is not None and result.moved_aside.exists()


def test_path_of_and_needs_passphrase_for_plain_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "qa.sqlite3"
    assert Workspace.path_of(str(path)) == path.resolve()
    assert Workspace.path_of("not a url://x") is None
    assert not Workspace.needs_passphrase(None)
    assert not Workspace.needs_passphrase(path)  # not there yet: opening says so
    new_database(path, ANN).dispose()
    assert not Workspace.needs_passphrase(path)  # a plain SQLite file


def test_the_watch_sees_others_saves_presence_and_a_vanished_share(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    path = share / "qa.sqlite3"
    mine = Workspace(new_database(path, ANN, shared=True))
    theirs = Workspace.open(path)
    watch = mine.watch(ANN)
    assert watch.poll().state == OK
    other = theirs.watch(BEN)
    other.heartbeat("scoring")
    with theirs.db.write() as orm:
        orm.add(m.Plan(plan_ref="P1", issue_date=dt.date(2026, 1, 1)))
    result = watch.poll()
    assert result.state == OK and result.others_saved
    assert result.others is not None and [o.user for o in result.others] == ["ben"]
    share.rename(tmp_path / "offline")  # the network drive drops
    gone = watch.poll()
    assert gone.state == MISSING and "not reachable" in gone.message
    (tmp_path / "offline").rename(share)
    back = watch.poll()
    assert back.state == OK and back.others_saved  # back from missing: pages refresh
    other.leave()
    for w in (watch, other):
        w.close()
    theirs.close()
    mine.close()
