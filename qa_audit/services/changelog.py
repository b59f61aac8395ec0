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

from sqlalchemy import insert, select
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
    os_user: str | None = None,
    proxy: bool | None = None,
) -> str:
    fields: list[object] = [prev, at.isoformat(), user, machine, entity, key, action,
                            before, after]
    if os_user is not None or proxy is not None:  # entries written since revision 0004
        fields += [os_user, bool(proxy)]
    payload = json.dumps(fields, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


HEAD_HINT = "changelog.head"  # session.info: the head already read in this transaction


def chain_head(session: Session) -> str:
    hint = session.info.get(HEAD_HINT)
    if hint is not None:
        return str(hint)
    head = session.scalar(select(ChangeLog.hash).order_by(ChangeLog.id.desc()).limit(1))
    return head or GENESIS


def remember_head(session: Session, head: str | None) -> None:
    """The chain head as read inside this write transaction (which holds the write lock,
    so nobody else can append): the next ``record`` need not read it again. Cleared when
    the transaction ends (``services.seals``)."""
    session.info[HEAD_HINT] = head or GENESIS


def entry_values(prev: str, actor: Actor, entity: str, key: str, action: str,
                 before: Mapping[str, Any] | None = None,
                 after: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The columns of one entry following ``prev`` (its hash included)."""
    at = utcnow()
    b, a = _canonical(before), _canonical(after)
    proxy = True if actor.proxy else None
    return {
        "at": at, "user_name": actor.user, "machine": actor.machine, "entity": entity,
        "entity_key": key, "action": action, "before_json": b, "after_json": a,
        "prev_hash": prev, "os_user": actor.os_user, "proxy": proxy,
        "hash": _digest(prev, at, actor.user, actor.machine, entity, key, action, b, a,
                        actor.os_user, proxy),
    }


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
    entry = ChangeLog(**entry_values(chain_head(session), actor, entity, key, action,
                                     before, after))
    session.add(entry)
    session.flush()
    if HEAD_HINT in session.info:
        session.info[HEAD_HINT] = entry.hash
    session.info[ACTOR] = actor
    return entry


ACTOR = "changelog.actor"  # session.info: who this transaction's entries are by


_INSERT = insert(ChangeLog.__table__)


def append(
    session: Session,
    actor: Actor,
    entity: str,
    key: str,
    action: str,
    after: Mapping[str, Any] | None = None,
) -> str:
    """:func:`record` as one Core INSERT, for the entry written at commit (the seal).

    The same row and chain as ``record``, without an ORM object and a unit-of-work flush
    for it: every autosave ends with one of these (``services.store.seals``). Returns
    the entry's hash (the new chain head)."""
    values = entry_values(chain_head(session), actor, entity, key, action, None, after)
    session.connection().execute(_INSERT, values)  # one compiled statement, reused
    if HEAD_HINT in session.info:
        session.info[HEAD_HINT] = values["hash"]
    session.info[ACTOR] = actor
    return str(values["hash"])


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
            e.os_user,
            e.proxy,
        )
        if e.prev_hash != prev:
            problems.append(f"change log entry {e.id} does not follow the entry before it")
        elif e.hash != expected:
            problems.append(f"change log entry {e.id} was altered after it was written")
        prev = e.hash
    return problems
