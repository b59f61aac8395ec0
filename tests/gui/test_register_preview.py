"""Issue 16 item 8: the register's newest plans show while the database opens.

``services.register_preview`` reads them with ``sqlite3`` once the background
integrity check (``storage.precheck``) passed; the start-up puts them on the opening
placeholder, opens the database after they painted, and the Plans page replaces them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from qa_audit.gui import app as app_module
from qa_audit.services import plans, register_preview
from qa_audit.services.actor import Actor
from qa_audit.services.plan_rows import FIRST_PAGE
from qa_audit.services.store import database, early_check
from qa_audit.storage import precheck
from tests.gui.conftest import insert_plans, plan


def county(path: Path, actor: Actor, count: int) -> None:
    made = database.initialise(str(path), actor).database
    try:
        insert_plans(made, [plan(f"C-{i:05d}", dt.date(2020, 1, 1) + dt.timedelta(days=i % 900),
                                 team=("North", None)[i % 2], direct_payments=(None, True)[i % 2],
                                 request_date=(None, dt.date(2019, 6, 1))[i % 2])
                            for i in range(count)])
    finally:
        made.dispose()


def test_preview_reads_what_the_register_query_reads(tmp_path: Path, actor: Actor) -> None:
    path = tmp_path / "county.sqlite3"
    county(path, actor, FIRST_PAGE + 30)
    assert early_check.start(str(path))
    preview = register_preview.first_rows(str(path), 50)
    assert preview is not None and preview.total == FIRST_PAGE + 30
    made = database.initialise(str(path), actor).database  # the open takes the check's result
    try:
        assert preview.rows == plans.list_plans(made, limit=50)  # same values, same types
    finally:
        made.dispose()
    assert not precheck.passed(path.resolve())  # used once, by that open


def test_the_preview_waits_for_no_check_but_skips_a_file_found_damaged(
        tmp_path: Path, actor: Actor) -> None:
    """The check takes most of a second on a county file: the read-only preview does not
    wait for it, but a file it has already found damaged is not previewed."""
    path = tmp_path / "county.sqlite3"
    county(path, actor, 20)
    key = path.resolve()
    check = precheck._Check(key)  # a check still running
    precheck._checks[key] = check
    try:
        preview = register_preview.first_rows(str(path), 10)
        assert preview is not None and preview.total == 20
        check.clean = False
        check.done.set()  # it ended and found a problem
        assert register_preview.first_rows(str(path), 10) is None
    finally:
        precheck._checks.pop(key, None)


def test_no_preview_of_a_server_or_a_damaged_file(tmp_path: Path) -> None:
    assert register_preview.first_rows("postgresql://u@host/db", 10) is None
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4096)
    early_check.start(str(broken))
    assert register_preview.first_rows(str(broken), 10) is None


def test_start_up_shows_the_newest_plans_before_the_page(qtbot: Any, tmp_path: Path,
                                                         actor: Actor) -> None:
    path = tmp_path / "county.sqlite3"
    county(path, actor, FIRST_PAGE + 30)
    events: list[str] = []
    startup = app_module.start_gui(str(path), demo_if_new=False, live=False)
    window = startup.window
    qtbot.addWidget(window)
    startup.on_first_rows.append(lambda: events.append(
        f"rows shown, database {'open' if window.has_database else 'not open'}"))
    window.first_page_ready.connect(lambda: events.append("page ready"))
    with qtbot.waitSignal(window.first_page_ready, timeout=20_000):
        pass
    assert events == ["rows shown, database not open", "page ready"]
    table = window.findChild(QWidget, "registerPreviewTable")
    assert table is None or not table.isVisible()  # the Plans page took over
    window.ctx.db.dispose()


def test_the_preview_goes_when_another_file_is_opened_instead(
        qtbot: Any, tmp_path: Path, actor: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    """The previewed file failed to open and the user chose another: its rows go at once."""
    path, other = tmp_path / "county.sqlite3", tmp_path / "other.sqlite3"
    county(path, actor, 10)
    database.initialise(str(other), actor).database.dispose()
    seen: list[bool] = []

    def open_other(_arg: Any, who: Actor, parent: Any = None) -> Any:
        seen.append(parent.findChild(QWidget, "registerPreview").isVisible())
        return startup_open.open_or_initialise(str(other), who)

    from qa_audit.gui import startup_open

    monkeypatch.setattr(startup_open, "open_startup_database", open_other)
    startup = app_module.start_gui(str(path), demo_if_new=False, live=False)
    window = startup.window
    qtbot.addWidget(window)
    attach = window.attach_database

    def attaching(*args: Any, **kwargs: Any) -> None:  # the other file's page comes next
        preview = window.findChild(QWidget, "registerPreview")
        seen.append(preview is not None and preview.isVisible())
        attach(*args, **kwargs)

    monkeypatch.setattr(window, "attach_database", attaching)
    qtbot.waitUntil(lambda: window.has_database, timeout=20_000)
    assert seen == [True, False]  # up while the first file opened, gone before the other's
    window.ctx.db.dispose()
