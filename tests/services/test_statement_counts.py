"""Opening a session in the scoring and moderation screens issues a fixed number of
statements, whatever the number of plans (no query per plan or per answer).

Two generated databases differ only in the plans per session (5 and 30, each scored
by 5 auditors plus the agreed row); a ``before_cursor_execute`` counter wraps
``open_session`` and the two counts must be equal.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings  # noqa: TID251 - counts what a screen issues

from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.moderation_page import ModerationPage
from qa_audit.gui.pages.scoring_page import ScoringPage
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests.bench_data import generate, generated
from tests.sql_log import sent_by

SESSION = "Panel 2026-01 #1"  # the first generated session
MEMBER = "A. Patel"


@pytest.fixture(scope="module")
def dbs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, Database]]:
    folder = tmp_path_factory.mktemp("counts")
    out: dict[int, Database] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(folder / "home"))
        for plans in (5, 30):
            # a session being scored, not a closed one
            out[plans] = generated(folder / f"p{plans}.db",
                                   generate.Scale(f"p{plans}", 200, 2, plans, 1),
                                   status={SESSION: "scoring"})
        yield out
        for db in out.values():
            db.dispose()


def count_open(qtbot: Any, db: Database, screen: str, tmp_path: Path) -> int:
    ctx = AppContext(db, Actor("tester", "test-pc"))
    if screen == "scoring":
        page = ScoringPage(ctx, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    else:
        page = ModerationPage(ctx)
    qtbot.addWidget(page)
    n = len(sent_by(db, lambda: page.open_session(SESSION, member=MEMBER)))
    loaded = page.data if screen == "moderation" else page.presenter.sample
    assert loaded, f"{screen}: the session did not open"
    return n


@pytest.mark.parametrize("screen", ["scoring", "moderation"])
def test_opening_a_session_is_constant_in_the_number_of_plans(
    qtbot: Any, dbs: dict[int, Database], screen: str, tmp_path: Path
) -> None:
    small = count_open(qtbot, dbs[5], screen, tmp_path)
    large = count_open(qtbot, dbs[30], screen, tmp_path)
    assert small > 0
    assert large == small, f"{screen}: {small} statements for 5 plans, {large} for 30"
