"""The exemplar library's part of the themes report, loaded beside its figures.

Kept apart from :mod:`qa_audit.services.reports` so that module stays about report
use cases; the pairing and before/after rules are in :mod:`qa_audit.reporting.learning`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from qa_audit.domain.audit import SessionData
from qa_audit.domain.rubric import Rubric
from qa_audit.reporting.key_issues import PlanComment
from qa_audit.reporting.learning import recurring_shortfalls, training_figures
from qa_audit.reporting.themes import ThemesFigures
from qa_audit.reporting.trend import sessions_in
from qa_audit.services import exemplars
from qa_audit.storage.engine import Database

__all__ = ["with_library"]


def with_library(db: Database, figures: ThemesFigures, sessions: Sequence[SessionData],
                 rubrics: dict[tuple[str, int], Rubric], rubric_id: str | None,
                 names: Sequence[str]) -> ThemesFigures:
    """``figures`` with recurring shortfalls paired with approved good practice, the
    training dates' before/after rates and the exemplars the panel marked, all over the
    report's sessions."""
    chosen = sessions_in(sessions, figures.from_month, figures.to_month, rubric_id)
    in_report = {s.rubric_id for s in chosen}
    names_in = {s.name for s in chosen}
    good = [g for g in exemplars.approved_good_practice(db, names) if g.rubric_id in in_report]
    events = [t for t in exemplars.trainings(db) if t.rubric_id in in_report]
    band = {(s.name, ref): (rubrics[(s.rubric_id, s.rubric_version)], grade)
            for s in chosen for ref, grade in s.agreed_grades().items()}
    marked = []
    for e in exemplars.exemplars(db, names):
        if e.session not in names_in:
            continue
        rubric, grade = band.get((e.session, e.plan_ref), (None, None))
        label = rubric.band_for(grade).label if rubric and grade is not None else ""
        marked.append(PlanComment(e.plan_ref, grade, e.reason, e.session, label))
    return replace(figures, recurring=tuple(recurring_shortfalls(chosen, rubrics, good, names)),
                   training=tuple(training_figures(chosen, rubrics, events)),
                   marked_exemplars=tuple(marked))
