"""Append-only, hash-chained log of who changed what.

Each entry's hash covers its content and the previous entry's hash, so editing
or deleting a row in the middle breaks the chain and ``db check`` says where.
Whoever holds the file can rebuild the whole chain, which is why reports print
the chain head: a later rebuild would not match the printed value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_audit.services.actor import Actor
from qa_audit.storage.models import ChangeLog, utcnow

GENESIS = "0" * 64


def _canonical(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, default=str, separators=(",", ":"))


def _digest(
    prev: str,
    at: dt.datetime,
    user: str,
    machine: str,
    entity: str,
    key: str,
    action: str,
    before: str | None,
    after: str | None,
) -> str:
    payload = json.dumps(
        [prev, at.isoformat(), user, machine, entity, key, action, before, after],
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def chain_head(session: Session) -> str:
    head = session.scalar(select(ChangeLog.hash).order_by(ChangeLog.id.desc()).limit(1))
    return head or GENESIS


def record(
    session: Session,
    actor: Actor,
    entity: str,
    key: str,
    action: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> ChangeLog:
    """Append one entry in the caller's transaction (so it commits with the change)."""
    prev = chain_head(session)
    at = utcnow()
    b, a = _canonical(before), _canonical(after)
    entry = ChangeLog(
        at=at,
        user_name=actor.user,
        machine=actor.machine,
        entity=entity,
        entity_key=key,
        action=action,
        before_json=b,
        after_json=a,
        prev_hash=prev,
        hash=_digest(prev, at, actor.user, actor.machine, entity, key, action, b, a),
    )
    session.add(entry)
    session.flush()
    return entry


def verify_chain(session: Session) -> list[str]:
    """Problems found in the chain; [] when every entry links and hashes correctly."""
    problems: list[str] = []
    prev = GENESIS
    for e in session.scalars(select(ChangeLog).order_by(ChangeLog.id)):
        expected = _digest(
            prev,
            e.at,
            e.user_name,
            e.machine,
            e.entity,
            e.entity_key,
            e.action,
            e.before_json,
            e.after_json,
        )
        if e.prev_hash != prev:
            problems.append(f"change log entry {e.id} does not follow the entry before it")
        elif e.hash != expected:
            problems.append(f"change log entry {e.id} was altered after it was written")
        prev = e.hash
    return problems
