"""R1 and R2 on PostgreSQL: the same worker processes and checks as on a shared file
(``test_reliability_concurrency``), against a fresh database on a real server."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import select

from qa_audit.storage import models as m
from qa_audit.storage.opening import open_existing
from tests.conftest_pg import pg_url  # noqa: F401 - fixture
from tests.integration.test_reliability_concurrency import _answers, _check_no_lost_update
from tests.integration.workers import panel
from tests.integration.workers.runner import run_all

pytestmark = pytest.mark.integration

R1_SECONDS = 6.0
R2_SECONDS = 5.0


def _chain_ok(url: str) -> None:
    from qa_audit.services import changelog

    db = open_existing(url)
    try:
        with db.read() as s:
            assert changelog.verify_chain(s) == []
    finally:
        db.dispose()


def test_r1_eight_writers_on_postgres_lose_and_duplicate_nothing(
    pg_url: str,
    tmp_path: Path,
) -> None:
    cfg = panel.make_panel(pg_url, members=8, plans=6, questions=6)  # type: ignore[arg-type]
    cfg_path = cfg.save(tmp_path / "panel.json")
    logs = {name: tmp_path / f"ack-{name}.jsonl" for name in cfg.members}
    jobs = [(panel.scorer, (str(cfg_path), name, str(logs[name]), R1_SECONDS, seed))
            for seed, name in enumerate(cfg.members)]
    started = time.monotonic()
    codes = run_all(jobs, deadline=R1_SECONDS + 40)
    elapsed = time.monotonic() - started
    assert codes == [0] * len(jobs), "a writer failed or overran its deadline"

    expected: dict[tuple[str, str, str], tuple[str | None, str | None, str | None]] = {}
    acked = 0
    for name, path in logs.items():
        for ack in panel.read_log(path):
            expected[(name, ack["plan"], ack["q"])] = (ack["value"], ack["note"], ack["cid"])
            acked += 1
    assert acked > 8 * 10, "the writers hardly saved anything"
    assert _answers(cfg.db) == expected  # every acknowledged save present, nothing extra
    _chain_ok(cfg.db)
    print(f"\nR1 (PostgreSQL): {acked} acknowledged saves by 8 processes in {elapsed:.1f} s "
          f"({acked / R1_SECONDS:.0f} saves/s), 0 lost, 0 duplicated")


def test_r2_conflicting_edits_on_postgres_are_reported_never_lost(
    pg_url: str,
    tmp_path: Path,
) -> None:
    from qa_audit.services import agreed

    cfg = panel.make_panel(pg_url, members=4, moderators=4, plans=2,  # type: ignore[arg-type]
                           questions=2, actions=2)
    db = open_existing(cfg.db)
    for ref in cfg.plans:
        qid = next(iter(cfg.questions))
        agreed.save_agreed_answer(db, cfg.session, ref, panel.CHAIR, qid,
                                   cfg.questions[qid][0])
    db.dispose()
    cfg_path = cfg.save(tmp_path / "panel.json")
    logs = {name: tmp_path / f"ack-{name}.jsonl" for name in cfg.moderators}
    jobs = [(panel.moderator, (str(cfg_path), name, str(logs[name]), R2_SECONDS, seed))
            for seed, name in enumerate(cfg.moderators)]
    codes = run_all(jobs, deadline=R2_SECONDS + 40)
    assert codes == [0] * len(jobs)

    answers, actions, conflicts = [], [], 0
    for path in logs.values():
        for ack in panel.read_log(path):
            if ack["conflict"]:
                conflicts += 1
                continue
            if ack["kind"] == "answer":
                answers.append({**ack, "row": ack["plan"]})
            else:
                actions.append({**ack, "row": ack["key"], "key": str(ack["key"])})
    db = open_existing(cfg.db)
    try:
        with db.read() as s:
            final_answers = {f"{ref}/{qid}": value for ref, qid, value in s.execute(
                select(m.Plan.plan_ref, m.Answer.question_id, m.Answer.value)
                .join(m.Audit, m.Audit.id == m.Answer.audit_id)
                .join(m.Plan, m.Plan.id == m.Audit.plan_id)
                .where(m.Audit.is_panel.is_(True)))}
            final_actions = {str(a.id): a.owner for a in s.scalars(select(m.Action))}
    finally:
        db.dispose()
    _check_no_lost_update(answers, final_answers)
    _check_no_lost_update(actions, final_actions)
    assert conflicts > 0, "the moderators never collided: the test proved nothing"
    _chain_ok(cfg.db)
    print(f"\nR2 (PostgreSQL): {len(answers) + len(actions)} acknowledged edits, {conflicts} "
          "conflicts reported, 0 lost updates")
