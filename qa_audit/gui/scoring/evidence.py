"""What the scoring form shows from the plan pane: which questions get a hint, and its text.

Qt-free helpers for the scoring page (``qa_audit.gui.pages.scoring_page``), which
docks the plan pane (``qa_audit.gui.evidence.plan_pane.PlanDocumentPane``) beside the form.
Everything here is a suggestion: the auditor decides the answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from qa_audit.evidence import PROVISION_SECTIONS, EvidenceFlag

__all__ = ["append_quote", "hint_text", "is_provision_question", "remove_quote"]


def is_provision_question(question: Any) -> bool:
    """Tagged ``provision``, or about Section F, G or H (H1 / H2 count as H)."""
    section = (getattr(question, "evidence_section", None) or "").strip().upper()
    section = "H" if section in ("H1", "H2") else section
    return section in PROVISION_SECTIONS or "provision" in (getattr(question, "tags", ()) or ())


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def hint_text(flags: Iterable[EvidenceFlag]) -> str | None:
    """``"3 possible vague phrases, 1 provision line missing detail"``; None when nothing.

    Vague phrases are counted per occurrence (a phrase used twice counts 2), as in
    the pane's "Wording flags" tab.
    """
    vague = lines = thread = 0
    for flag in flags:
        if flag.kind == "vague_wording":
            vague += flag.count
        elif flag.kind == "missing_detail":
            lines += 1
        elif flag.kind == "golden_thread":
            thread += 1
    parts = []
    if vague:
        parts.append(_plural(vague, "possible vague phrase"))
    if lines:
        parts.append(_plural(lines, "provision line") + " missing detail")
    if thread:
        parts.append(_plural(thread, "golden-thread prompt"))
    return ", ".join(parts) or None


def append_quote(note: str | None, quote: str) -> str | None:
    """The note with ``quote`` on a new line after what is there (None: already in it)."""
    current = (note or "").rstrip()
    if quote in current:
        return None
    return f"{current}\n{quote}" if current else quote


def remove_quote(note: str | None, quote: str) -> str | None:
    """The note without ``quote`` (the last occurrence and the line break before it)."""
    current = note or ""
    index = current.rfind(quote)
    if index < 0:
        return note
    before, after = current[:index], current[index + len(quote):]
    if before.endswith("\n"):
        before = before[:-1]
    elif after.startswith("\n"):
        after = after[1:]
    return (before + after).strip() or None
