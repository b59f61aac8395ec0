"""What every rendering of a report is given: its figures (any report kind) and the
facts printed on every page. Kept apart from ``render`` so the PDF and XLSX writers,
which ``render`` imports only when a file is written, do not import ``render``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["ReportFigures", "ReportMeta"]


class ReportFigures(Protocol):
    kind: str

    @property
    def title(self) -> str: ...

    def headline(self) -> str: ...

    def to_json(self) -> dict[str, Any]: ...

    def tables(self) -> dict[str, list[dict[str, Any]]]: ...


@dataclass(frozen=True)
class ReportMeta:
    """Printed on every page: which database, when, and the change-log chain head."""

    database: str
    chain_head: str
    produced: dt.datetime

    @property
    def produced_text(self) -> str:
        return f"{self.produced:%d/%m/%Y %H:%M}"
