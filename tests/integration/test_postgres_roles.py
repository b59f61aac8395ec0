"""Issue 14, item 9: on PostgreSQL the tables belong to an owner role and the app runs on
a login role that owns nothing (``scripts/postgres-roles.sql``); the login role cannot
switch the change log's triggers off, truncate, update or delete it; ``db check``
verifies the chain and the sealed rows on the server, and reports a disabled trigger."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from glob import glob
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.conftest_pg import _admin_connect, create_database, drop_database, skip_reason
from tests.integration.test_postgres_cli import run_cli

pytestmark = pytest.mark.integration

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "postgres-roles.sql"
RUBRIC = "multi-agency-ehcp"
SESSION = "Server panel"


def psql_binary() -> str | None:
    found = shutil.which("psql")
    if found:
        return found
    candidates = sorted(glob("/usr/lib/postgresql/*/bin/psql"))
    return candidates[-1] if candidates else None


@dataclass
class Roles:
    admin_url: str
    owner_url: str
    app_url: str
    database: str
    owner: str
    app: str

    def run_script(self) -> None:
        url = make_url(self.admin_url)
        suffix = self.owner.rsplit("_", 1)[1]
        done = subprocess.run(
            [str(psql_binary()), "-X", "-q", "-h", str(url.host), "-p", str(url.port),
             "-U", str(url.username), "-d", "postgres",
             "-v", f"db={self.database}", "-v", f"owner={self.owner}",
             "-v", f"owner_password=o-{suffix}", "-v", f"app={self.app}",
             "-v", f"app_password=a-{suffix}", "-f", str(SCRIPT)],
            capture_output=True, text=True, timeout=60, check=False,
            env={"PGPASSWORD": url.password or "", "PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr


@pytest.fixture
def roles() -> Iterator[Roles]:
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    if psql_binary() is None:
        pytest.skip("psql is not installed")
    admin = create_database()
    suffix = uuid.uuid4().hex[:10]
    owner, app = f"qa_owner_{suffix}", f"qa_app_{suffix}"
    url = make_url(admin)
    found = Roles(
        admin, url.set(username=owner, password=f"o-{suffix}").render_as_string(False),
        url.set(username=app, password=f"a-{suffix}").render_as_string(False),
        str(url.database), owner, app)
    try:
        yield found
    finally:
        drop_database(admin)
        with _admin_connect() as con:
            for role in (owner, app):
                con.execute(f'DROP ROLE IF EXISTS "{role}"')


def as_role(url: str, sql: str) -> str | None:
    """Run ``sql`` as the URL's login; the server's refusal, or None when it ran."""
    import psycopg

    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password,
                         dbname=u.database, autocommit=True) as con:
        try:
            con.execute(sql)  # type: ignore[arg-type]
        except psycopg.Error as exc:
            return str(exc).splitlines()[0]
    return None


def test_the_app_on_its_login_role_cannot_switch_the_change_log_off(
        roles: Roles, capsys, tmp_path: Path) -> None:
    from qa_audit.services import agreed, sessions
    from qa_audit.services.actor import Actor
    from qa_audit.storage import models as m
    from qa_audit.storage.opening import open_existing

    roles.run_script()
    r = run_cli(capsys, "--db", roles.owner_url, "init")
    assert r.code == 0, r.err
    roles.run_script()  # again: privileges on the tables init created

    # the app works on its login role: sessions, members, scores, agreed grades
    db = open_existing(roles.app_url)
    try:
        actor = Actor("setup", "test-pc")
        with db.write() as s:
            s.add(m.Plan(plan_ref="PG-0001", issue_date=dt.date(2026, 1, 5), plan_type="new"))
        sessions.create_session(db, SESSION, RUBRIC, dt.date(2026, 11, 1), actor)
        sessions.add_member(db, SESSION, "Chair", None, "chair", actor)
        agreed.save_agreed_overall(db, SESSION, "PG-0001", "Chair", 6)
    finally:
        db.dispose()
    r = run_cli(capsys, "--db", roles.app_url, "db", "check")
    assert r.code == 0, r.err
    assert "chain head" in r.out

    # the login role owns nothing and may only add to the log
    for sql in ("ALTER TABLE change_log DISABLE TRIGGER ALL",
                "ALTER TABLE change_log DISABLE TRIGGER change_log_no_update",
                "DROP TRIGGER change_log_no_delete ON change_log",
                "TRUNCATE change_log",
                "UPDATE change_log SET action = 'nothing'",
                "DELETE FROM change_log",
                "UPDATE alembic_version SET version_num = '0001'",
                "CREATE TABLE sneaky (id int)"):
        refusal = as_role(roles.app_url, sql)
        assert refusal is not None, f"the login role could run: {sql}"
        assert "must be owner" in refusal or "permission denied" in refusal, refusal

    # a data row edited on the server, bypassing the app, is caught by the seals
    assert as_role(roles.app_url, "UPDATE audit SET overall = 1 WHERE is_panel") is None
    r = run_cli(capsys, "--db", roles.app_url, "db", "check")
    assert r.code != 0
    assert "audit row" in r.err and "changed outside the app" in r.err

    # the owner can still disable a trigger: db check says so
    assert as_role(roles.owner_url,
                   "ALTER TABLE change_log DISABLE TRIGGER change_log_no_update") is None
    r = run_cli(capsys, "--db", roles.app_url, "db", "check")
    assert "change_log_no_update is disabled" in r.err
