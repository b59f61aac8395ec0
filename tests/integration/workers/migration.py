"""R4 worker: upgrade a database with a given Alembic script folder (killed mid-way)."""

from __future__ import annotations

from pathlib import Path

HEAVY_REVISION = '''"""test only: rebuild two tables (batch mode copies every row)

Revision ID: 0099
Revises: {down}
"""

from alembic import op
import sqlalchemy as sa

revision = "0099"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("r4_marker", sa.String(20), nullable=True))
    op.execute("UPDATE plan SET r4_marker = 'migrated'")
    with op.batch_alter_table("advice_request", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("r4_note", sa.Text(), nullable=True))


def downgrade() -> None:
    pass
'''


def make_script_dir(dest: Path) -> Path:
    """The app's migrations plus one heavy test-only revision on top of head."""
    import shutil

    from qa_audit.storage import migrate

    shutil.copytree(migrate.MIGRATIONS, dest, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate.head_revision()
    (dest / "versions" / "0099_test_rebuild.py").write_text(
        HEAVY_REVISION.replace("{down}", head), encoding="utf-8")
    return dest


def upgrade(db_path: str, script_dir: str, ready_path: str) -> None:
    from qa_audit.storage import migrate
    from qa_audit.storage.engine import open_database
    from qa_audit.storage.opening import target_for

    db = open_database(target_for(db_path), must_exist=True, force_shared=True)
    Path(ready_path).touch()
    migrate.initialise(db, script_location=Path(script_dir))
    db.dispose()
