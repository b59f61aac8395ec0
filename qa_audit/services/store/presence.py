"""Who else has the database open: heartbeat rows with expiry.

Each running app calls ``heartbeat`` every ``HEARTBEAT_EVERY`` (30 s) with what
the user is doing ("scoring P00123"); ``who_else`` lists the others seen within
``within`` (90 s by default). Heartbeats are bookkeeping writes: they do not
bump the store revision, so they do not make everyone's screens refresh.

The times are each PC's own clock (UTC), so a PC whose clock is minutes wrong
may show up late or not at all; councils' PCs normally keep time via the domain.
Qt-free: the GUI calls these from a timer in a worker thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from qa_audit.services.actor import Actor
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

HEARTBEAT_EVERY = dt.timedelta(seconds=30)
STALE_AFTER = dt.timedelta(seconds=90)
FORGET_AFTER = dt.timedelta(days=1)


@dataclass(frozen=True)
class PresenceInfo:
    user: str
    machine: str
    activity: str | None
    seen_at: dt.datetime  # naive UTC

    def describe(self) -> str:
        doing = f": {self.activity}" if self.activity else ""
        return f"{self.user} on {self.machine}{doing}"


def heartbeat(db: Database, actor: Actor, activity: str | None = None, *,
              now: dt.datetime | None = None) -> bool:
    """Record that ``actor`` is here now; False (and nothing written) when read-only."""
    if db.read_only:
        return False
    now = now or m.utcnow()
    activity = (activity or "")[:200] or None
    for _ in range(2):  # a same-user race on a server: the second try updates
        try:
            with db.write(touch=False) as s:
                row = s.scalar(select(m.Presence).where(m.Presence.user_name == actor.user,
                                                        m.Presence.machine == actor.machine))
                if row is None:
                    s.add(m.Presence(user_name=actor.user, machine=actor.machine,
                                     activity=activity, seen_at=now))
                else:
                    row.activity, row.seen_at = activity, now
                s.execute(delete(m.Presence).where(m.Presence.seen_at < now - FORGET_AFTER))
            return True
        except IntegrityError:
            continue
    return False


def who_else(db: Database, actor: Actor | None = None,
             within: dt.timedelta = STALE_AFTER, *,
             now: dt.datetime | None = None) -> list[PresenceInfo]:
    """Everyone seen within ``within``, except ``actor`` (this user on this PC)."""
    now = now or m.utcnow()
    with db.read() as s:
        rows = s.scalars(select(m.Presence).where(m.Presence.seen_at >= now - within)
                         .order_by(m.Presence.user_name, m.Presence.machine)).all()
    return [PresenceInfo(r.user_name, r.machine, r.activity, r.seen_at) for r in rows
            if actor is None or (r.user_name, r.machine) != (actor.user, actor.machine)]


def leave(db: Database, actor: Actor) -> None:
    """Remove ``actor``'s heartbeat (call when closing the database)."""
    if db.read_only:
        return
    with db.write(touch=False) as s:
        s.execute(delete(m.Presence).where(m.Presence.user_name == actor.user,
                                           m.Presence.machine == actor.machine))
