"""Whether a database holds the synthetic demo data.

The marker is the change-log entry ``load_demo`` writes (entity ``demo``, action
``load``): append-only and chained, so it cannot be lost or forged by an edit, and
a database filled by an older version is recognised too. The GUI shows DEMO in
the title and a banner so nobody scores real plans in synthetic data by mistake.
"""

from __future__ import annotations

from sqlalchemy import select

from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

DEMO_ENTITY = "demo"
DEMO_ACTION = "load"


def holds_demo_data(db: Database) -> bool:
    """True when demo data was ever loaded into ``db``."""
    with db.read() as session:
        found = session.scalar(
            select(m.ChangeLog.id)
            .where(m.ChangeLog.entity == DEMO_ENTITY, m.ChangeLog.action == DEMO_ACTION)
            .limit(1))
    return found is not None
