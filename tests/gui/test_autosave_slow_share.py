"""Issue 14 item 7 on a real slow share: the scoring page's database sits on a FUSE
mount (``slowfs``) that adds 1 s to every fsync, in the shared-drive profile (rollback
journal, ``synchronous=FULL``: each commit waits for its fsyncs). The window keeps
running while the save waits; the largest event-loop stall is measured and bounded."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qa_audit.gui.context import AppContext
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from qa_audit.storage.opening import open_existing
from tests.gui.scoring_panel import (  # noqa: F401 - fixtures
    ALICE,
    no_debounce,
    open_page,
    own_audit,
    sample,
    template_db,
)
from tests.gui.test_autosave_background import StallMeter
from tests.slow_share import slow_share

FSYNC_MS = 1000


@pytest.fixture
def share_db(template_db: Path, tmp_path: Path) -> Iterator[Database]:
    with slow_share(tmp_path, "the slow-share stall test", SLOWFS_LATENCY_MS="0",
                    SLOWFS_FSYNC_MS=str(FSYNC_MS)) as (mnt, back):
        # as a council would put it on the share: a copy in rollback-journal mode
        local = back / "panel.sqlite3"
        shutil.copyfile(template_db, local)
        con = sqlite3.connect(local)
        con.execute("PRAGMA journal_mode=DELETE")
        con.close()
        db = open_existing(str(mnt / "panel.sqlite3"), force_shared=True)
        try:
            yield db
        finally:
            db.dispose()


def test_the_window_keeps_running_while_a_save_waits_on_slow_fsyncs(
        qtbot, share_db: Database) -> None:
    ctx = AppContext(share_db, Actor("tester", "test-pc"))
    plan = sample(share_db)[0]
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    meter = StallMeter()
    meter.start()
    clicked = time.monotonic()
    qtbot.mouseClick(page.form.questions["cyp_voice"].button("Y"), Qt.MouseButton.LeftButton)
    assert page.ui.saveStatusLabel.text() == "Saving 1 change…"
    qtbot.waitUntil(lambda: page.autosaver.idle, timeout=30_000)
    took = time.monotonic() - clicked
    largest = meter.stop()
    print(f"\nsave on a share with {FSYNC_MS} ms per fsync took {took:.2f} s; "
          f"largest event-loop stall {largest * 1000:.0f} ms")
    assert took >= FSYNC_MS / 1000  # the share really was slow: the commit waited
    assert largest < 0.25, f"the event loop stalled for {largest:.3f} s"
    assert own_audit(share_db, plan, ALICE).answers == {"cyp_voice": "Y"}
    assert page.save_state == "saved"
