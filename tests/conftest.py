"""Every test runs with its own data folder, database and user identity."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.storage.engine import Database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("QA_AUDIT_HOME", str(home))
    monkeypatch.setenv("QA_AUDIT_USER", "tester")
    monkeypatch.delenv("QA_AUDIT_DB", raising=False)
    monkeypatch.delenv("QA_AUDIT_SHARED", raising=False)
    return home


@pytest.fixture
def actor() -> Actor:
    return Actor(user="tester", machine="test-pc")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "audit.sqlite3"


@pytest.fixture
def db(db_path: Path, actor: Actor) -> Database:
    """A new database at the current schema with the shipped rubrics."""
    result = database.initialise(str(db_path), actor)
    yield result.database
    result.database.dispose()
