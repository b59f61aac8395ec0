"""R1 and R2: several processes saving through the app's services into one shared file.

R1: 8 members score their own audits at once for a bounded time; every save the
service acknowledged is in the file with the value last acknowledged, nothing is
duplicated, integrity holds.
R2: several moderators edit the same agreed answers and actions with the
version each screen loaded; every stale save is reported as a conflict and no
acknowledged save is lost (versions of acknowledged saves never repeat, and the
final value is the one acknowledged last).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qa_audit.storage import models as m
from qa_audit.storage.checks import quick_check
from qa_audit.storage.opening import open_existing
from tests.integration.workers import panel
from tests.integration.workers.runner import run_all

pytestmark = pytest.mark.integration

R1_SECONDS = 6.0
R2_SECONDS = 5.0


def _answers(db_path: str) -> dict[tuple[str, str, str], tuple[str | None, str | None, str | None]]:
    db = open_existing(db_path)
    try:
        with db.read() as s:
            rows = s.execute(
                select(m.Audit.auditor, m.Plan.plan_ref, m.Answer.question_id, m.Answer.value,
                       m.Answer.note, m.Answer.client_id)
                .join(m.Audit, m.Audit.id == m.Answer.audit_id)
                .join(m.Plan, m.Plan.id == m.Audit.plan_id)
                .where(m.Audit.is_panel.is_(False))).all()
            dup_answers = s.execute(
                select(m.Answer.audit_id, m.Answer.question_id, func.count())
                .group_by(m.Answer.audit_id, m.Answer.question_id)
                .having(func.count() > 1)).all()
            dup_audits = s.execute(
                select(m.Audit.session_id, m.Audit.plan_id, m.Audit.auditor, func.count())
                .group_by(m.Audit.session_id, m.Audit.plan_id, m.Audit.auditor)
                .having(func.count() > 1)).all()
    finally:
        db.dispose()
    assert dup_answers == [] and dup_audits == []
    out = {}
    for auditor, ref, qid, value, note, cid in rows:
        key = (auditor, ref, qid)
        assert key not in out, f"duplicated answer {key}"
        out[key] = (value, note, cid)
    return out


def test_r1_eight_writers_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    cfg = panel.make_panel(tmp_path / "panel.sqlite3", members=8, plans=6, questions=6)
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
    assert quick_check(Path(cfg.db), full=True) == []
    print(f"\nR1: {acked} acknowledged saves by 8 processes in {elapsed:.1f} s "
          f"({acked / R1_SECONDS:.0f} saves/s), 0 lost, 0 duplicated")


def _check_no_lost_update(successes: list[dict], final: dict[str, object]) -> None:  # type: ignore[type-arg]
    by_row: dict[object, list[dict]] = {}  # type: ignore[type-arg]
    for ack in successes:
        by_row.setdefault(ack["row"], []).append(ack)
    for row, acks in by_row.items():
        versions = Counter(a["version"] for a in acks)
        repeated = [v for v, n in versions.items() if n > 1]
        assert not repeated, f"{row}: two saves both acknowledged as version {repeated}"
        for a in acks:
            assert a["expected"] is not None and a["version"] == a["expected"] + 1, a
    last: dict[str, dict] = {}  # type: ignore[type-arg]
    for ack in successes:
        if ack["key"] not in last or ack["version"] > last[ack["key"]]["version"]:
            last[ack["key"]] = ack
    for key, ack in last.items():
        assert final[key] == ack["value"], f"{key}: lost update"


def test_r2_conflicting_edits_are_reported_never_lost(tmp_path: Path) -> None:
    from qa_audit.services import agreed

    cfg = panel.make_panel(tmp_path / "panel.sqlite3", members=4, moderators=4, plans=2,
                           questions=2, actions=2)
    # the agreed rows exist before the meeting's edits start (each screen loads a version)
    db = open_existing(cfg.db, force_shared=True)
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
    with db.read() as s:
        final_answers = {f"{ref}/{qid}": value for ref, qid, value in s.execute(
            select(m.Plan.plan_ref, m.Answer.question_id, m.Answer.value)
            .join(m.Audit, m.Audit.id == m.Answer.audit_id)
            .join(m.Plan, m.Plan.id == m.Audit.plan_id)
            .where(m.Audit.is_panel.is_(True)))}
        final_actions = {str(a.id): a.owner for a in s.scalars(select(m.Action))}
    db.dispose()
    _check_no_lost_update(answers, final_answers)
    _check_no_lost_update(actions, final_actions)
    assert conflicts > 0, "the moderators never collided: the test proved nothing"
    assert quick_check(Path(cfg.db), full=True) == []
    print(f"\nR2: {len(answers) + len(actions)} acknowledged edits, {conflicts} conflicts "
          "reported, 0 lost updates")
