"""Alembic environment: runs inside the app with the app's own connection."""

from __future__ import annotations

from alembic import context

from qa_audit.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the app runs migrations
    raise RuntimeError("qa-audit migrations run through qa_audit.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
