"""The QA lead's narrative beside each quarter of the scorecard, per rubric id.

"What's working well / even better if / next steps" is typed once per quarter and
stored in the database (``scorecard_narrative``), so every member's scorecard, PDF
and screen shows the same words. Saving only the fields given keeps the others;
each save is in the change log with the text before and after.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select

from qa_audit.domain.board import Narrative
from qa_audit.domain.quarters import Quarter
from qa_audit.errors import UserError
from qa_audit.services import changelog, period_data
from qa_audit.services.actor import Actor
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["FIELDS", "get_narrative", "narratives_for", "save_narrative"]

FIELDS = ("working_well", "even_better_if", "next_steps")
TEXT_MAX = 4000


def _quarter(text: str) -> str:
    try:
        return Quarter.parse(text).key
    except ValueError as err:
        raise UserError(f"--quarter: {err}.") from None


def _rubric(db: Database, rubric_id: str | None) -> str:
    chosen = rubric_id or period_data.latest_session_rubric(db)
    if not chosen:
        raise UserError("Say which rubric the narrative is for (--rubric ID): "
                        "no session exists yet to choose one from.")
    return chosen


def _of(row: m.ScorecardNarrative | None, rubric_id: str, quarter: str) -> Narrative:
    if row is None:
        return Narrative(rubric_id, quarter)
    return Narrative(rubric_id, quarter, row.working_well or "", row.even_better_if or "",
                     row.next_steps or "")


def get_narrative(db: Database, rubric_id: str | None, quarter: str) -> Narrative:
    """The narrative of one quarter (empty when none was written)."""
    key, chosen = _quarter(quarter), _rubric(db, rubric_id)
    with db.read() as s:
        row = s.scalar(select(m.ScorecardNarrative).where(
            m.ScorecardNarrative.rubric_id == chosen, m.ScorecardNarrative.quarter == key))
        return _of(row, chosen, key)


def narratives_for(db: Database, rubric_id: str | None,
                   quarters: Iterable[str]) -> dict[str, Narrative]:
    """quarter key -> narrative, for the quarters that have one."""
    if not rubric_id:
        return {}
    wanted = list(quarters)
    with db.read() as s:
        rows = s.scalars(select(m.ScorecardNarrative).where(
            m.ScorecardNarrative.rubric_id == rubric_id,
            m.ScorecardNarrative.quarter.in_(wanted)))
        return {r.quarter: _of(r, rubric_id, r.quarter) for r in rows}


def save_narrative(db: Database, rubric_id: str | None, quarter: str,
                   texts: Mapping[str, str], actor: Actor) -> Narrative:
    """Store the given fields (others kept); a blank text clears its field."""
    unknown = set(texts) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown narrative fields: {sorted(unknown)}")
    for name, text in texts.items():
        if len(text) > TEXT_MAX:
            raise UserError(f"{name.replace('_', ' ')}: longer than {TEXT_MAX} characters.")
    key, chosen = _quarter(quarter), _rubric(db, rubric_id)
    with db.write() as s:
        row = s.scalar(select(m.ScorecardNarrative).where(
            m.ScorecardNarrative.rubric_id == chosen, m.ScorecardNarrative.quarter == key))
        before = _of(row, chosen, key)
        if row is None:
            row = m.ScorecardNarrative(rubric_id=chosen, quarter=key)
            s.add(row)
        for name, text in texts.items():
            setattr(row, name, text.strip() or None)
        row.updated_by = actor.user
        s.flush()
        after = _of(row, chosen, key)
        changelog.record(s, actor, "scorecard_narrative", f"{chosen} {key}", "save",
                         before=before.to_json(), after=after.to_json())
    return after
