"""Which plan-list line the Moderation page shows, decided without Qt.

A line is an item (:class:`~qa_audit.domain.items.ItemKey`): a plan, or on a DCO
session one advice return of it. Callers may still name a plan by its reference;
on a DCO session that means the plan's first sampled return.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from qa_audit.domain.audit import SessionData
from qa_audit.domain.items import ItemKey, as_item
from qa_audit.gui.moderation.presenter import PlanSummary, can_view_scores
from qa_audit.services.sessions import MemberInfo

__all__ = ["choose_item", "item_visibility", "key_of"]


def key_of(rows: Sequence[PlanSummary], wanted: str | ItemKey | None) -> ItemKey | None:
    """The listed item for a plan ref or item key (not listed: the key as given)."""
    if wanted is None:
        return None
    key = as_item(wanted)
    found = next((r.key for r in rows if r.key == key), None)
    if found is None and not key.is_return:
        found = next((r.key for r in rows if r.plan_ref == key.plan_ref), None)
    return found or key


def choose_item(rows: Sequence[PlanSummary], wanted: str | ItemKey | None,
                current: ItemKey | None) -> ItemKey | None:
    """The line to show on opening a session: the one asked for, else ``current`` (the
    line shown before, None when the session changed), else the first not yet
    moderated, else the first; None when the list is empty."""
    listed = [r.key for r in rows]
    for candidate in (key_of(rows, wanted), current):
        if candidate is not None and candidate in listed:
            return candidate
    if not rows:
        return None
    return next((r.key for r in rows if not r.moderated), listed[0])


def item_visibility(data: SessionData | None, status: str, member: MemberInfo | None
                    ) -> Callable[[ItemKey], bool]:
    """Blind scoring per item for ``member`` (``domain.permissions``): their own audit of
    that plan, or of that advice return, decides."""
    own = {a.item: a for a in (data.audits if data else ())
           if member is not None and not a.is_panel and a.auditor == member.name}
    role = member.role if member else None
    return lambda item: can_view_scores(status, role, own.get(item))
