"""The panel's agreed answers counted, not listed: what period reports read of answers.

Ten years of sessions hold millions of answer rows, yet the trend, health and themes
reports only ever *count* the agreed answers of a session -- per question and raw
value, and for attributed shortfalls per agency as well. The period loader
(:func:`qa_audit.services.period_data.load_period`) has the database count them
(``GROUP BY``) and hands the counts over in a :class:`TalliedSession`, so no answer
row becomes a Python object. The reports read answers through
:func:`qa_audit.reporting.trend.agreed_tally`, which counts a plain
:class:`SessionData` the same way, so a figure does not depend on how its session
was loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from qa_audit.domain.audit import SessionData

__all__ = ["AgreedTally", "TalliedSession"]


@dataclass(frozen=True)
class AgreedTally:
    """Counts over the agreed (panel) audit row of each plan of one session.

    ``values``: (question id, raw value as stored) -> how many agreed rows gave it;
    blank (NULL) answers are not counted. ``attributed``: (question id, raw value,
    agency id) -> how many of those answers were attributed to that agency (an answer
    attributed to two agencies counts once for each). ``attributed_answers``:
    (question id, raw value) -> how many of those answers were attributed to at least
    one agency (the denominator of the agencies' shares).
    """

    values: Mapping[tuple[str, str], int] = field(default_factory=dict)
    attributed: Mapping[tuple[str, str, str], int] = field(default_factory=dict)
    attributed_answers: Mapping[tuple[str, str], int] = field(default_factory=dict)


@dataclass(frozen=True)
class TalliedSession(SessionData):
    """A session as the period reports load it: audit rows without their answers
    (except where a report reads them row by row, see the loader), plus the tally of
    the agreed answers. ``sampled`` and ``actions`` are not loaded (empty)."""

    tally: AgreedTally = field(default_factory=AgreedTally)
