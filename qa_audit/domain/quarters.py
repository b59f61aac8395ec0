"""Calendar quarters (``YYYY-Qn``), the SEND board's reporting period.

A scorecard covers every calendar quarter that overlaps the months asked for,
and each quarter's figures count only its months inside that period
(CONTRACT.md v2, "Scorecard"); its targets are those in force on the quarter's
own last day, even when the period ends earlier.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Quarter", "quarter_of", "quarters_overlapping"]

_KEY = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1-4: Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec

    @property
    def key(self) -> str:
        return f"{self.year:04d}-Q{self.number}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        if self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.number + 1, 1) - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        """E.g. "Apr-Jun 2026" (how boards name a quarter)."""
        return f"{self.first_day:%b}-{self.last_day:%b} {self.year}"

    def months(self) -> list[str]:
        """The quarter's three months as ``YYYY-MM``."""
        first = 3 * self.number - 2
        return [f"{self.year:04d}-{m:02d}" for m in range(first, first + 3)]

    def clipped(self, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
        """The days of the quarter inside start..end (the quarter's counted span)."""
        return max(self.first_day, start), min(self.last_day, end)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = _KEY.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a quarter in the form YYYY-Qn (e.g. 2026-Q2)")
        return cls(int(match[1]), int(match[2]))


def quarter_of(day: dt.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def quarters_overlapping(start: dt.date, end: dt.date) -> list[Quarter]:
    """Every quarter with at least one day in start..end, oldest first."""
    out: list[Quarter] = []
    q = quarter_of(start)
    while q.first_day <= end:
        out.append(q)
        q = Quarter(q.year + 1, 1) if q.number == 4 else Quarter(q.year, q.number + 1)
    return out
