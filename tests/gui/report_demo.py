"""A demo database for the Reports and Dashboard page tests, built once per run.

``load_demo`` takes several seconds, so it fills one template file (seed 2026,
"today" 20/11/2026) and every test opens its own copy of it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from qa_audit.services import demo
from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.storage.engine import Database

DEMO_TODAY = dt.date(2026, 11, 20)
#: The newest demo session with moderated plans (November's is still being scored).
CURRENT_SESSION = "Panel October 2026"

_template: dict[str, Path] = {}


def demo_database(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path,
                  actor: Actor) -> Database:
    """A fresh copy of the demo database in ``tmp_path``."""
    if "path" not in _template:
        folder = tmp_path_factory.mktemp("demo-template")
        made = database.initialise(str(folder / "demo.sqlite3"), actor).database
        try:
            demo.load_demo(made, actor, seed=2026, today=DEMO_TODAY)
        finally:
            made.dispose()
        _template["path"] = folder / "demo.sqlite3"
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(_template["path"], copy)
    return database.open_existing(str(copy))
