"""R5-R7: a lock held past the timeout, I/O errors from the drive, damaged files.

R5: another process holds the write lock: the save fails fast with "busy", the
retry loop reports "busy, retrying" and succeeds once the lock is released; if
it never is, the final error says the change is kept, not saved.
R6: the drive fails fsync now and then (FUSE ``slowfs.py``): each failure is
reported as an error, and every save that was acknowledged is in the file.
R7: zeroed header, truncated file, garbage page: refused with a clear message,
the file byte-for-byte untouched, and a restore from an automatic backup works
(the damaged file kept aside).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa_audit.errors import DatabaseBusy, DatabaseCorrupt, DatabaseError
from qa_audit.services import scoring
from qa_audit.services.store.retry import BusyNotice, RetryPolicy, save_with_retry
from qa_audit.storage import backups
from qa_audit.storage import models as m
from qa_audit.storage.checks import quick_check
from qa_audit.storage.opening import open_existing
from tests.integration.workers import panel
from tests.integration.workers.runner import kill, start
from tests.slow_share import slow_share

pytestmark = pytest.mark.integration


def _wait_for(path: Path, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < end, f"never appeared: {path}"
        time.sleep(0.005)


# ---------------------------------------------------------------- R5


def test_r5_lock_held_past_timeout_then_released(tmp_path: Path) -> None:
    cfg = panel.make_panel(tmp_path / "panel.sqlite3", members=1, plans=1, questions=1)
    qid, values = next(iter(cfg.questions.items()))
    ready, release = tmp_path / "locked", tmp_path / "release"
    db = open_existing(cfg.db, force_shared=True, busy_timeout_ms=300)  # the app is open
    holder = start(panel.lock_holder, cfg.db, str(ready), str(release), 30.0)
    try:
        _wait_for(ready)

        def save() -> None:
            scoring.save_answer(db, cfg.session, cfg.plans[0], cfg.members[0], qid, values[0],
                                client_id="edit-1")

        started = time.monotonic()
        with pytest.raises(DatabaseBusy, match="busy"):
            save()
        assert time.monotonic() - started < 3, "a busy database must not freeze the caller"

        # never released within the retries: the user is told the edit is kept
        with pytest.raises(DatabaseBusy, match="kept on screen"):
            save_with_retry(save, policy=RetryPolicy(attempts=2, first_delay=0.01))

        notices: list[BusyNotice] = []

        def on_busy(notice: BusyNotice) -> None:
            notices.append(notice)
            if len(notices) == 2:
                release.touch()  # the colleague's long save finishes

        save_with_retry(save, on_busy, policy=RetryPolicy(attempts=10, first_delay=0.05))
        assert len(notices) >= 2
        assert all("busy, retrying" in n.message.lower() for n in notices)
        with db.read() as s:
            answer = s.query(m.Answer).filter_by(question_id=qid).one()
            assert (answer.value, answer.client_id) == (values[0], "edit-1")
        db.dispose()
    finally:
        release.touch()
        holder.join(10)
        if holder.is_alive():
            kill(holder)


# ---------------------------------------------------------------- R6

@pytest.fixture
def flaky_share(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A FUSE mount that fails every 7th fsync with EIO: (mount point, backing folder)."""
    with slow_share(tmp_path, "R6", SLOWFS_LATENCY_MS="0", SLOWFS_FAIL_FSYNC_EVERY="7") as share:
        yield share


def test_r6_failing_fsync_is_reported_and_nothing_acknowledged_is_lost(
        tmp_path: Path, flaky_share: tuple[Path, Path]) -> None:
    mnt, back = flaky_share
    # set up on the local disk, then move to the flaky share (as a council would copy it)
    cfg = panel.make_panel(tmp_path / "setup.sqlite3", members=1, plans=3, questions=4)
    shutil.copyfile(cfg.db, mnt / "panel.sqlite3")
    cfg.db = str(mnt / "panel.sqlite3")
    db = open_existing(cfg.db, force_shared=True)
    acked: dict[tuple[str, str], tuple[str, str]] = {}
    errors: list[str] = []
    questions = list(cfg.questions)
    for i in range(60):
        plan, qid = cfg.plans[i % 3], questions[i % 4]
        value = cfg.questions[qid][i % 2]
        cid = f"save-{i}"
        for _attempt in range(5):  # the screen keeps the edit and saves it again
            try:
                scoring.save_answer(db, cfg.session, plan, cfg.members[0], qid, value,
                                    client_id=cid)
            except DatabaseError as exc:
                errors.append(exc.message)
                continue
            acked[(plan, qid)] = (cid, value)
            break
    db.dispose()
    assert errors, "no fsync failure was injected: the test proved nothing"
    assert all("nothing was saved" in e.lower() or "not saved" in e.lower() for e in errors), \
        errors[:3]
    subprocess.run(["fusermount", "-u", str(mnt)], check=False, capture_output=True)
    on_disk = back / "panel.sqlite3"
    assert quick_check(on_disk, full=True) == []
    import sqlite3

    con = sqlite3.connect(on_disk)
    rows = {(p, q): (cid, v) for p, q, cid, v in con.execute(
        "SELECT p.plan_ref, x.question_id, x.client_id, x.value FROM answer x "
        "JOIN audit a ON a.id = x.audit_id JOIN plan p ON p.id = a.plan_id")}
    con.close()
    assert rows == acked
    print(f"\nR6: {len(errors)} injected fsync failures reported, {len(acked)} keys saved, "
          "0 acknowledged saves lost")


# ---------------------------------------------------------------- R7


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("damage", ["zero_header", "truncate", "garbage_page"])
def test_r7_damaged_file_refused_untouched_and_restored(tmp_path: Path, damage: str) -> None:
    from qa_audit.services.actor import Actor

    db_path = tmp_path / "panel.sqlite3"
    db = panel.new_database(db_path, Actor("setup", "pc"), shared=True)
    with db.write() as s:
        s.execute(m.Plan.__table__.insert(), [
            {"plan_ref": f"P{i:05d}", "issue_date": dt.date(2026, 1, 1), "plan_type": "new",
             "version": 1, "updated_at": dt.datetime(2026, 1, 1)} for i in range(3000)])
    made = backups.maybe_backup(db)  # the app does this at open and every few hours
    assert made is not None and backups.maybe_backup(db) is None
    db.dispose()

    data = bytearray(db_path.read_bytes())
    if damage == "zero_header":
        data[:100] = bytes(100)
    elif damage == "truncate":
        data = data[: len(data) // 3]
    else:
        page = 4096
        data[page * 3: page * 4] = bytes((i * 7 + 3) % 256 for i in range(page))
    db_path.write_bytes(bytes(data))
    before = _sha(db_path)

    with pytest.raises(DatabaseCorrupt) as refused:
        open_existing(str(db_path), force_shared=True)
    assert "has not been changed" in refused.value.message
    assert "db restore" in refused.value.message
    assert _sha(db_path) == before

    found = backups.list_backups(db_path)
    assert [b.path for b in found] == [made]
    result = backups.restore(found[0].path, db_path)
    assert result.moved_aside is not None and ".damaged-" in result.moved_aside.name
    assert _sha(result.moved_aside) == before  # the damaged file is kept, never overwritten
    restored = open_existing(str(db_path), force_shared=True)
    with restored.read() as s:
        assert s.query(m.Plan).count() == 3000
    restored.dispose()


def test_r7_restore_refuses_a_damaged_backup(tmp_path: Path) -> None:
    from qa_audit.services.actor import Actor

    db_path = tmp_path / "panel.sqlite3"
    panel.new_database(db_path, Actor("setup", "pc"), shared=True).dispose()
    bad = tmp_path / "bad-backup.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    before = _sha(db_path)
    with pytest.raises(DatabaseCorrupt, match="Choose another backup"):
        backups.restore(bad, db_path)
    assert _sha(db_path) == before


def test_cli_subprocess_never_prints_a_traceback_for_a_damaged_file(tmp_path: Path) -> None:
    from qa_audit.services.actor import Actor

    db_path = tmp_path / "panel.sqlite3"
    panel.new_database(db_path, Actor("setup", "pc"), shared=True).dispose()
    data = bytearray(db_path.read_bytes())
    data[:16] = bytes(16)
    db_path.write_bytes(bytes(data))
    before = _sha(db_path)
    run = subprocess.run([sys.executable, "-m", "qa_audit", "--db", str(db_path), "db", "check"],
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert "not a readable database" in run.stderr.splitlines()[0]
    assert _sha(db_path) == before
