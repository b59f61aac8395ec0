"""Excerpts awaiting approval and what the Reports page did with each (no Qt: presenters use it)."""

from __future__ import annotations

from dataclasses import dataclass

from qa_audit.services.excerpts import PendingExcerpt

__all__ = ["APPROVED", "PENDING", "WITHDRAWN", "ExcerptRow"]

PENDING, APPROVED, WITHDRAWN = "Awaiting approval", "Approved", "Withdrawn"


@dataclass(frozen=True)
class ExcerptRow:
    """A pending excerpt and what happened to it on this page."""

    excerpt: PendingExcerpt
    status: str = PENDING
    approved_text: str | None = None

    @property
    def text(self) -> str:
        """What a report would quote (approved) or the suggested redaction (pending)."""
        return self.approved_text if self.approved_text is not None else self.excerpt.suggested
