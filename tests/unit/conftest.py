"""tests/unit holds pure, fast tests: no database. A test that asks for one fails here
with where it belongs (tests/services for use cases, tests/storage for the engine)."""

from __future__ import annotations

import pytest


@pytest.fixture
def db() -> None:
    pytest.fail("tests/unit is for pure tests: move a database-backed test to "
                "tests/services or tests/storage")
