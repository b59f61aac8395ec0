"""Shared set-up and worker bodies for the reliability tests (R1-R5).

Workers run in separate processes (multiprocessing "forkserver" with the app
preloaded, so starting one costs milliseconds, not a 1.5 s import) and log every
save the services acknowledged to their own file, one JSON line each, written
only after the service call returned. The parent compares those logs with the
database afterwards: that is the application's own invariant, which an
integrity check cannot see.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import time
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa_audit.services.actor import Actor
    from qa_audit.storage.engine import Database

PRELOAD = [
    "qa_audit.services.scoring",
    "qa_audit.services.agreed",
    "qa_audit.services.actions",
    "qa_audit.storage.opening",
    "qa_audit.services.store.retry",
    "qa_audit.storage.engine",
    "tests.integration.workers.panel",
    "tests.integration.workers.migration",
]

SESSION = "Reliability panel"
RUBRIC = "multi-agency-ehcp"
CHAIR = "Chair"


@dataclass
class PanelConfig:
    db: str
    session: str
    plans: list[str]
    members: list[str]
    moderators: list[str]
    questions: dict[str, list[str]]  # question id -> valid answers (apply to every plan)
    actions: list[int] = field(default_factory=list)
    shared: bool = True

    def save(self, path: Path) -> Path:
        path.write_text(json.dumps(asdict(self)), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> PanelConfig:
        return cls(**json.loads(Path(path).read_text(encoding="utf-8")))


def make_panel(db_path: Path, *, members: int = 8, moderators: int = 0, plans: int = 6,
               questions: int = 6, actions: int = 0, shared: bool = True) -> PanelConfig:
    """A database with a session, its panel, plans and a few simple questions."""
    from qa_audit.services import actions as action_service
    from qa_audit.services import agreed, rubrics, sessions
    from qa_audit.services.actor import Actor
    from qa_audit.storage import models as m

    actor = Actor("setup", "test-pc")
    db = new_database(db_path, actor, shared=shared)
    refs = [f"R{i:04d}" for i in range(plans)]
    with db.write() as s:
        for ref in refs:
            s.add(m.Plan(plan_ref=ref, issue_date=dt.date(2026, 1, 5), plan_type="new",
                         year_group=5, phase="primary", primary_need="ASD",
                         setting_type="mainstream", direct_payments=False))
    sessions.create_session(db, SESSION, RUBRIC, dt.date(2026, 11, 1), actor)
    names = [f"Member{i}" for i in range(members)]
    sessions.add_member(db, SESSION, CHAIR, None, "chair", actor)
    for name in names:
        sessions.add_member(db, SESSION, name, None, "auditor", actor)
    mods = [CHAIR, *names[: max(0, moderators - 1)]]
    for name in mods[1:]:
        agreed.designate_moderator(db, SESSION, CHAIR, name)
    facts = {"year_group": 5, "plan_type": "new", "phase": "primary", "primary_need": "ASD",
             "setting_type": "mainstream", "direct_payments": False}
    with db.read() as s:
        rubric = rubrics.get_version(s, RUBRIC).rubric
    chosen: dict[str, list[str]] = {}
    for q in rubric.questions():
        if q.applies_when is None and q.applies_to(facts) and len(q.valid_answers()) >= 3:
            chosen[q.id] = [a for a in q.valid_answers() if a != "NA"]
        if len(chosen) == questions:
            break
    action_ids = [action_service.add_action(db, SESSION, f"Action {i}", actor,
                                            plan_ref=refs[0], owner="Casework")
                  for i in range(actions)]
    db.dispose()
    return PanelConfig(str(db_path), SESSION, refs, names, mods, chosen, action_ids, shared)


def new_database(db_path: Path, actor: Actor, *, shared: bool = False) -> Database:
    """A new database at head holding only the rubric these tests use (independent of
    whatever other rubric files are being edited in rubrics/)."""
    from qa_audit import paths
    from qa_audit.services import rubrics
    from qa_audit.storage import migrate
    from qa_audit.storage.engine import open_database
    from qa_audit.storage.opening import target_for

    db = open_database(target_for(str(db_path)), must_exist=False, force_shared=shared)
    migrate.initialise(db)
    rubrics.import_rubric_file(db, paths.bundled("rubrics", f"{RUBRIC}.yaml"), actor)
    return db


def _open(cfg: PanelConfig, busy_timeout_ms: int = 5000) -> Database:
    from qa_audit.storage.opening import open_existing

    return open_existing(cfg.db, busy_timeout_ms=busy_timeout_ms, force_shared=cfg.shared)


class AckLog:
    """Append-only JSON lines, one ``os.write`` per line on an O_APPEND descriptor, so
    lines from several writers never interleave and a kill -9 cuts at most the last one."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def write(self, **record: object) -> None:
        data = (json.dumps(record) + "\n").encode("utf-8")
        written = os.write(self._fd, data)
        assert written == len(data)

    def close(self) -> None:
        os.close(self._fd)


def read_log(path: Path) -> list[dict]:  # type: ignore[type-arg]
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.endswith("}"):  # a line cut by kill -9 was never acknowledged
            out.append(json.loads(line))
    return out


# ---------------------------------------------------------------- worker bodies


def scorer(cfg_path: str, member: str, log_path: str, seconds: float, seed: int,
           ready_path: str | None = None) -> None:
    """R1/R3: save this member's own answers as fast as possible for ``seconds``."""
    from qa_audit.services import scoring
    from qa_audit.services.store.retry import RetryPolicy, save_with_retry

    cfg = PanelConfig.load(cfg_path)
    rng = random.Random(seed)
    db = _open(cfg)
    log = AckLog(Path(log_path))
    if ready_path:
        Path(ready_path).touch()
    end = time.monotonic() + seconds
    i = 0
    policy = RetryPolicy(attempts=20, first_delay=0.05, max_delay=0.5)
    while time.monotonic() < end:
        plan = rng.choice(cfg.plans)
        qid = rng.choice(list(cfg.questions))
        value = rng.choice(cfg.questions[qid])
        note = f"note {member} {i}" if rng.random() < 0.5 else None
        cid = f"{member}-{seed}-{i}"
        save_with_retry(partial(scoring.save_answer, db, cfg.session, plan, member, qid, value,
                                note=note, client_id=cid), policy=policy)
        log.write(cid=cid, plan=plan, q=qid, value=value, note=note)
        i += 1
    log.close()
    db.dispose()


def moderator(cfg_path: str, member: str, log_path: str, seconds: float, seed: int) -> None:
    """R2: edit the same agreed answers and actions as the other moderators.

    Each edit reads the row's version first (as a screen does when it loads),
    then saves with that expected version: a conflict is logged as such.
    """
    from sqlalchemy import select

    from qa_audit.services import actions, agreed
    from qa_audit.services.actor import Actor
    from qa_audit.services.scoring import ConflictError
    from qa_audit.services.store.retry import RetryPolicy, save_with_retry
    from qa_audit.storage import models as m

    cfg = PanelConfig.load(cfg_path)
    rng = random.Random(seed)
    db = _open(cfg)
    log = AckLog(Path(log_path))
    actor = Actor(member, f"pc-{member}")
    policy = RetryPolicy(attempts=20, first_delay=0.05, max_delay=0.5)
    end = time.monotonic() + seconds
    i = 0
    while time.monotonic() < end:
        i += 1
        if cfg.actions and rng.random() < 0.3:
            action_id = rng.choice(cfg.actions)
            with db.read() as s:
                version = s.scalar(select(m.Action.version).where(m.Action.id == action_id))
            owner = f"{member}-{i}"
            time.sleep(rng.random() * 0.01)  # the user types
            try:
                new = save_with_retry(partial(actions.update_action, db, action_id, actor,
                                              expected_version=version, owner=owner),
                                      policy=policy)
            except ConflictError:
                log.write(kind="action", key=action_id, conflict=True, expected=version)
                continue
            log.write(kind="action", key=action_id, conflict=False, value=owner, version=new,
                      expected=version)
            continue
        plan = rng.choice(cfg.plans[:2])
        qid = rng.choice(list(cfg.questions)[:2])
        value = rng.choice(cfg.questions[qid])
        version = agreed.panel_version(db, cfg.session, plan)
        time.sleep(rng.random() * 0.01)
        try:
            new = save_with_retry(partial(agreed.save_agreed_answer, db, cfg.session, plan,
                                          member, qid, value, expected_version=version),
                                  policy=policy)
        except ConflictError:
            log.write(kind="answer", key=f"{plan}/{qid}", plan=plan, conflict=True,
                      expected=version)
            continue
        log.write(kind="answer", key=f"{plan}/{qid}", plan=plan, conflict=False, value=value,
                  version=new, expected=version)
    log.close()
    db.dispose()


def lock_holder(db_path: str, ready_path: str, release_path: str, max_seconds: float) -> None:
    """R5: hold the write lock (BEGIN EXCLUSIVE) until told to let go."""
    import sqlite3

    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute("BEGIN EXCLUSIVE")
    Path(ready_path).touch()
    end = time.monotonic() + max_seconds
    while not Path(release_path).exists() and time.monotonic() < end:
        time.sleep(0.01)
    con.execute("ROLLBACK")
    con.close()


def pid_file_touch(path: str) -> None:
    Path(path).write_text(str(os.getpid()), encoding="utf-8")
