"""Loading what the caseworker's feedback letter needs (``report plan-feedback``).

Only the panel's agreed row of the plan is handed to the figures: members' rows
are dropped here, so no individual score can reach the letter whatever the layout.
"""

from __future__ import annotations

from collections.abc import Iterable

from qa_audit.errors import NotFound
from qa_audit.reporting.agreed_figures import agreed_audits
from qa_audit.reporting.plan_feedback import PlanFeedbackFigures, plan_feedback
from qa_audit.services import redaction_terms, rubrics, session_data
from qa_audit.services.plan_lookup import stored_plan_ref
from qa_audit.storage.engine import Database

__all__ = ["feedback", "redaction_names"]


def redaction_names(db: Database, names: Iterable[str] | None = None) -> tuple[str, ...]:
    """The database's redaction list (the one every report uses), plus ``names``."""
    return redaction_terms.for_reports(db, names)


def feedback(db: Database, session_name: str, plan_ref: str, *,
             names: Iterable[str] | None = None) -> PlanFeedbackFigures:
    """The letter's figures for ``plan_ref`` in ``session_name`` (NotFound when the plan is
    neither sampled nor audited there)."""
    data = session_data.load_session(db, session_name)
    with db.read() as s:
        ref = stored_plan_ref(s, plan_ref) or plan_ref.strip()
        rubric = rubrics.get_version(s, data.rubric_id, data.rubric_version).rubric
    if ref not in data.sampled and ref not in {a.plan_ref for a in data.audits}:
        raise NotFound(f"Plan {plan_ref!r} is neither sampled nor audited in {session_name!r}.")
    return plan_feedback(data.name, data.date, ref, rubric, agreed_audits(data).get(ref),
                         data.plans.get(ref), data.actions, redaction_names(db, names))
