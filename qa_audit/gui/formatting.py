"""How the GUI writes dates and codes, with no Qt: shared by table models and presenters."""

from __future__ import annotations

import datetime as dt
import html

__all__ = [
    "PHASE_LABELS",
    "STATUS_LABELS",
    "cell_display",
    "escape",
    "format_date",
    "phase_label",
    "status_label",
]

PHASE_LABELS = {
    "early_years": "Early years",
    "primary": "Primary",
    "secondary": "Secondary",
    "post16": "Post-16",
}


def format_date(value: dt.date | None) -> str:
    """UK style, the way every council report writes dates."""
    return value.strftime("%d/%m/%Y") if value else ""


def phase_label(phase: str | None) -> str:
    """``post16`` -> ``Post-16``; unknown codes are tidied, not hidden."""
    if not phase:
        return ""
    return PHASE_LABELS.get(phase, phase.replace("_", " ").capitalize())


def escape(text: str) -> str:
    """Text safe inside a rich-text label (quotes kept as typed)."""
    return html.escape(text, quote=False)


STATUS_LABELS = {
    "planning": "Planning",
    "scoring": "Scoring",
    "moderation": "Moderation",
    "closed": "Closed",
}


def status_label(status: str) -> str:
    """An audit session's status as the page names it."""
    return STATUS_LABELS.get(status, status.capitalize())


def cell_display(cell: object) -> str:
    """A cell as read from a file, dates the UK way."""
    if isinstance(cell, dt.datetime):
        return cell.strftime("%d/%m/%Y %H:%M")
    if isinstance(cell, dt.date):
        return cell.strftime("%d/%m/%Y")
    return "" if cell is None else str(cell)
