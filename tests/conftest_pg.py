"""Fixtures that run storage tests against SQLite and a real PostgreSQL server.

``.ci/postgres.sh`` starts a throw-away server on loopback and writes
``QA_AUDIT_TEST_PG_URL`` (a superuser URL) to ``.ci/pg.env``, which
``scripts/run-tests.sh`` sources. Without it the PostgreSQL cases skip with the
reason. Every PostgreSQL test gets its own database, created fresh from
``template0`` and dropped afterwards, so tests never see each other's rows.

Use ``storage_url`` (parametrised: ``sqlite`` and ``postgres``) for a test that
must hold on both, or ``pg_url`` for one that is about PostgreSQL only.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ENV = "QA_AUDIT_TEST_PG_URL"
_ENV_FILE = Path(__file__).resolve().parent.parent / ".ci" / "pg.env"


def server_url() -> str | None:
    """The test server's admin URL (environment first, then ``.ci/pg.env``)."""
    url = os.environ.get(PG_ENV)
    if not url and _ENV_FILE.is_file():
        for line in _ENV_FILE.read_text(encoding="utf-8").splitlines():
            if line.startswith(PG_ENV + "="):
                url = line.split("=", 1)[1].strip()
    return url or None


def skip_reason() -> str | None:
    if server_url() is None:
        return (f"no PostgreSQL test server: {PG_ENV} is unset (run 'bash .ci/postgres.sh' "
                "and source .ci/pg.env, as scripts/run-tests.sh does)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'psycopg[binary]>=3.1,<4')"
    return None


def _admin_connect():  # type: ignore[no-untyped-def]
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server_url() or "")
    return psycopg.connect(host=url.host, port=url.port, user=url.username,
                           password=url.password, dbname=url.database or "postgres",
                           autocommit=True, connect_timeout=10)


def create_database() -> str:
    """A new, empty database on the test server; returns its SQLAlchemy URL."""
    from sqlalchemy.engine import make_url

    name = "qa_test_" + uuid.uuid4().hex[:16]
    with _admin_connect() as con:
        con.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    url = make_url(server_url() or "").set(drivername="postgresql+psycopg", database=name)
    return url.render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    with _admin_connect() as con:
        # the tests' own connections may still be pooled in a worker that died
        con.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
        con.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database (skips when there is no test server)."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    url = create_database()
    try:
        yield url
    finally:
        drop_database(url)


@pytest.fixture(params=["sqlite", "postgres"])
def storage_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The ``--db`` value of a new, empty database: a SQLite file, then PostgreSQL."""
    if request.param == "sqlite":
        yield str(tmp_path / "audit.sqlite3")
        return
    yield request.getfixturevalue("pg_url")
