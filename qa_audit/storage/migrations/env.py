"""Alembic environment: runs inside the app with the app's own connection."""

from __future__ import annotations

import warnings

from alembic import context
from sqlalchemy.exc import SAWarning

from qa_audit.storage.models import Base

# SQLite batch mode reflects tables that reference ``plan``; SQLAlchemy cannot reflect the
# expression index ``uq_plan_ref_lower`` and says so. The index is not part of the tables
# batch mode rebuilds, so the warning carries no risk here.
warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based",
                        category=SAWarning)

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
