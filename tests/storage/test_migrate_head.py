"""``migrate.HEAD_REVISION`` answers "is this file current?" without Alembic, so it
must stay equal to the head of the migration scripts."""

from __future__ import annotations

from qa_audit.storage import migrate
from qa_audit.storage.engine import Database


def test_head_constant_is_the_scripts_head() -> None:
    assert migrate.head_revision() == migrate.HEAD_REVISION


def test_a_file_at_head_is_current(db: Database) -> None:
    assert migrate.current_revision(db) == migrate.HEAD_REVISION
    assert migrate.schema_state(db) == "current"
    assert migrate.initialise(db) == "already current"


def test_a_file_at_an_older_revision_is_not_taken_for_current(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    assert migrate.schema_state(db) == "old"


def test_a_file_from_a_newer_app_is_not_taken_for_current(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    assert migrate.schema_state(db) == "newer"
