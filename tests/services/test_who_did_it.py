"""Issue 14, item 4: the change log records the OS account and machine beside the member
acted as; a member bound to an OS account can be acted as by another account only
through a proxy the chair approved, and that is recorded as a proxy."""

from __future__ import annotations

import json
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa_audit.domain.permissions import may_act_as
from qa_audit.services import actor as actor_module
from qa_audit.services import changelog, panel_access, scoring, sessions
from qa_audit.services.actor import Actor
from qa_audit.services.panel_access import NotYourAccount
from qa_audit.services.store import database
from qa_audit.storage.engine import Database
from tests.integration.workers.panel import CHAIR, PanelConfig, _open, make_panel


@pytest.fixture
def panel(tmp_path: Path) -> PanelConfig:
    return make_panel(tmp_path / "qa.sqlite3", members=2, plans=2, questions=2, shared=False)


@pytest.fixture
def db(panel: PanelConfig) -> Iterator[Database]:
    database_ = _open(panel)
    yield database_
    database_.dispose()


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Who the OS says is signed in: ``login[0] = "bob"`` switches account."""
    who = ["alice"]
    monkeypatch.setattr(actor_module, "os_account", lambda: who[0])
    yield who


def log_rows(path: str) -> list[dict[str, object]]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute("SELECT * FROM change_log ORDER BY id")]
    finally:
        con.close()


def answers(path: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT audit_id, question_id, value FROM answer ORDER BY id").fetchall()
    finally:
        con.close()


def test_every_entry_records_the_os_account_beside_the_member_acted_as(
        panel: PanelConfig, db: Database, login: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_AUDIT_USER", "Someone Else")  # a claim, not an account
    sessions.set_status(db, panel.session, "scoring", Actor.current())
    (qid, values), member = next(iter(panel.questions.items())), panel.members[0]
    scoring.save_answer(db, panel.session, panel.plans[0], member, qid, values[0])  # ORM path
    scoring.save_answer(db, panel.session, panel.plans[0], member, qid, values[1])  # fast path
    rows = log_rows(panel.db)
    status, *seals = rows[-3:]
    assert (status["user_name"], status["os_user"]) == ("Someone Else", "alice")
    assert status["machine"] == (socket.gethostname() or "unknown")
    for seal in seals:
        assert seal["entity"] == "seal"
        assert (seal["user_name"], seal["os_user"], seal["proxy"]) == (member, "alice", None)
    with db.read() as s:
        assert changelog.verify_chain(s) == []  # the new columns are in each entry's hash


def test_a_bound_member_is_acted_as_only_by_their_account_or_an_approved_proxy(
        panel: PanelConfig, db: Database, login: list[str]) -> None:
    member, plan = panel.members[0], panel.plans[0]
    qid, values = next(iter(panel.questions.items()))
    login[0] = "chair.account"
    panel_access.bind(db, panel.session, CHAIR, "chair.account")  # the chair binds itself
    panel_access.bind(db, panel.session, member, "alice")
    login[0] = "alice"
    scoring.save_answer(db, panel.session, plan, member, qid, values[0])
    scoring.save_answer(db, panel.session, plan, member, qid, values[1])  # fast path too
    saved = answers(panel.db)

    login[0] = "bob"
    for attempt in (
        lambda: scoring.save_answer(db, panel.session, plan, member, qid, values[2]),
        lambda: scoring.save_overall(db, panel.session, plan, member, 3),
        lambda: scoring.visible_audits(db, panel.session, plan, member),  # no peeking either
        lambda: panel_access.approve_proxy(db, panel.session, member, "bob"),  # not the chair
        lambda: panel_access.bind(db, panel.session, member, "bob"),
    ):
        with pytest.raises(NotYourAccount, match=r"alice|chair"):
            attempt()
    assert answers(panel.db) == saved  # nothing was written

    login[0] = "chair.account"
    panel_access.approve_proxy(db, panel.session, member, "bob")
    login[0] = "bob"
    scoring.save_answer(db, panel.session, plan, member, qid, values[2])
    seal = log_rows(panel.db)[-1]
    assert (seal["entity"], seal["user_name"], seal["os_user"], seal["proxy"]) == (
        "seal", member, "bob", 1)
    assert answers(panel.db)[-1][2] == values[2]
    approval = next(r for r in log_rows(panel.db) if r["entity"] == "proxy")
    assert approval["user_name"] == CHAIR and approval["os_user"] == "chair.account"
    assert json.loads(str(approval["after_json"]))["os_account"] == "bob"

    # revoked: refused again
    login[0] = "chair.account"
    panel_access.approve_proxy(db, panel.session, member, "bob", revoke=True)
    login[0] = "bob"
    with pytest.raises(NotYourAccount):
        scoring.save_answer(db, panel.session, plan, member, qid, values[0])
    assert [(a.member, a.os_account) for a in panel_access.access(db, panel.session)][:2] == [
        (CHAIR, "chair.account"), (member, "alice")]
    assert database.check(panel.db).healthy


def test_unbound_members_are_acted_as_by_anyone_as_before(
        panel: PanelConfig, db: Database, login: list[str]) -> None:
    login[0] = "anyone"
    qid, values = next(iter(panel.questions.items()))
    scoring.save_answer(db, panel.session, panel.plans[0], panel.members[1], qid, values[0])
    assert log_rows(panel.db)[-1]["proxy"] is None


def test_the_rule() -> None:
    assert may_act_as("A", None, "x").allowed
    assert may_act_as("A", "DOMAIN\\Alice", "domain\\alice").allowed  # Windows: any case
    refused = may_act_as("A", "alice", "bob")
    assert not refused.allowed and "alice" in refused.reason and "bob" in refused.reason
    proxy = may_act_as("A", "alice", "bob", ["BOB"])
    assert proxy.allowed and proxy.proxy
