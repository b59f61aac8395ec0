"""What the Scorecard page's targets editor shows and accepts, without Qt.

The council's targets for the board's measures are dated steps in the database
(:mod:`qa_audit.services.board_targets`); the editor lists them and sets or
removes one step at a time. Tested without a window.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_audit.domain.board import BOARD_MEASURES
from qa_audit.errors import UserError
from qa_audit.services.board_targets import TargetRow

__all__ = ["HEADER", "kpi_choices", "parse_percent", "table_rows"]

HEADER = ("Measure", "From", "Target", "Set by")


def kpi_choices() -> list[tuple[str, str]]:
    """(label, measure id) for the measure picker, in the board's order."""
    return [(label, kpi) for kpi, label in BOARD_MEASURES.items()]


def table_rows(rows: Sequence[TargetRow]) -> list[tuple[str, str, str, str]]:
    return [(r.label, f"{r.from_date:%d/%m/%Y}", f"{r.percent:g}%", r.updated_by or "")
            for r in rows]


def parse_percent(text: str) -> float:
    """"90", "90%" or "92.5" -> the number (UserError otherwise; the range is the
    service's rule)."""
    cleaned = text.strip().rstrip("%").strip()
    try:
        return float(cleaned)
    except ValueError:
        raise UserError(f"A target is a percent such as 90, not {text.strip()!r}.") from None
