"""What one audit judges in a session: a plan, or one advice return of a plan.

On a rubric whose ``unit`` is ``plan`` a session audits each sampled plan once per
auditor; on an ``advice_return`` rubric (the DCO's deep dive, issue 17) it audits each
sampled advice request, so two returns of one plan are two items, two audits per
auditor and two agreed rows. Screens and services name an item by :class:`ItemKey`;
a plain plan reference still means the plan as a whole, so plan-unit code is unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["ItemKey", "as_item", "item_suffix"]


@dataclass(frozen=True)
class ItemKey:
    """A plan (``advice_request_id`` None) or one advice request of it.

    ``service`` and ``requested_date`` only label a return on screen; identity is the
    plan reference and the request id (the label fields do not take part in ``==``)."""

    plan_ref: str
    advice_request_id: int | None = None
    service: str | None = field(default=None, compare=False)
    requested_date: dt.date | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.label

    @property
    def is_return(self) -> bool:
        return self.advice_request_id is not None

    @property
    def label(self) -> str:
        """"EHC-1" for a plan; "EHC-1 · salt 06/01/2025" for a return."""
        return self.plan_ref + item_suffix(self)

    @property
    def log_key(self) -> str:
        """The item as the change log names it: the plan ref, ``#request id`` for a return."""
        return (self.plan_ref if self.advice_request_id is None
                else f"{self.plan_ref}#{self.advice_request_id}")


def item_suffix(item: ItemKey) -> str:
    """What tells a return apart from the plan's other returns ("" for a plan)."""
    if item.advice_request_id is None:
        return ""
    if item.service is None:
        return f" · request {item.advice_request_id}"
    when = f" {item.requested_date:%d/%m/%Y}" if item.requested_date else ""
    return f" · {item.service}{when}"


def as_item(item: str | ItemKey) -> ItemKey:
    """A plan reference means the plan as a whole."""
    return item if isinstance(item, ItemKey) else ItemKey(item)
