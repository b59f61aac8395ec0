"""Feedback to a plan's caseworker: the panel's agreed findings on one plan.

``report plan-feedback`` (CONTRACT.md v2) is a short letter, so it reads the
panel's agreed (moderated) row only: no individual member's score, grade or name
can reach it. Every free text (strengths, development, notes, actions and their
owners) is redacted with the names list, as excerpts are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from qa_audit.domain.audit import ActionRecord, AuditRecord, PlanFacts
from qa_audit.domain.rubric import NA, Rubric
from qa_audit.reporting.figure_records import clean_text

__all__ = ["FeedbackAction", "FeedbackShortfall", "PlanFeedbackFigures", "plan_feedback"]


@dataclass(frozen=True)
class FeedbackShortfall:
    """One agreed answer that fell short, with the panel's note and the agencies."""

    question: str
    question_text: str
    section: str
    answer: str
    answer_label: str
    note: str | None
    agencies: tuple[str, ...]
    agency_labels: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"question": self.question, "answer": self.answer, "note": self.note,
                "agencies": list(self.agencies)}


@dataclass(frozen=True)
class FeedbackAction:
    text: str
    owner: str | None
    due: dt.date | None
    status: str
    reaudit: bool

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "owner": self.owner,
                "due": self.due.isoformat() if self.due else None}


@dataclass(frozen=True)
class PlanFeedbackFigures:
    session: str
    session_date: dt.date
    plan_ref: str
    team: str | None
    rubric_title: str
    grade: int | None
    band: str | None
    good: bool | None
    strengths: str
    development: str
    shortfalls: tuple[FeedbackShortfall, ...]
    actions: tuple[FeedbackAction, ...]
    moderated: bool  # the panel has an agreed row for the plan

    kind = "plan-feedback"

    @property
    def title(self) -> str:
        return f"Feedback on plan {self.plan_ref}"

    def headline(self) -> str:
        if self.grade is None:
            return f"The panel has not yet agreed a grade for plan {self.plan_ref}."
        return (f"The panel agreed grade {self.grade} ({self.band}) for plan {self.plan_ref}, "
                f"with {len(self.shortfalls)} shortfall{'s' * (len(self.shortfalls) != 1)}.")

    def to_json(self) -> dict[str, Any]:
        return {"session": self.session, "plan_ref": self.plan_ref, "grade": self.grade,
                "band": self.band, "strengths": self.strengths,
                "development": self.development,
                "shortfalls": [s.to_json() for s in self.shortfalls],
                "actions": [a.to_json() for a in self.actions]}

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "Summary": [{"figure": "session", "value": self.session},
                        {"figure": "plan", "value": self.plan_ref},
                        {"figure": "grade", "value": self.grade},
                        {"figure": "band", "value": self.band},
                        {"figure": "strengths", "value": self.strengths},
                        {"figure": "development", "value": self.development}],
            "Shortfalls": [{"question": s.question, "text": s.question_text,
                            "answer": s.answer_label, "note": s.note,
                            "agencies": ", ".join(s.agency_labels)} for s in self.shortfalls],
            "Actions": [{**a.to_json(), "status": a.status} for a in self.actions],
        }


def plan_feedback(session: str, session_date: dt.date, plan_ref: str, rubric: Rubric,
                  agreed: AuditRecord | None, facts: PlanFacts | None,
                  actions: Iterable[ActionRecord], names: Iterable[str] = ()
                  ) -> PlanFeedbackFigures:
    """The letter's figures from the panel's agreed row ``agreed`` (None: not moderated).

    ``actions``: the session's actions on this plan (cancelled ones are left out).
    """
    names = tuple(names)
    if agreed is not None and not agreed.is_panel:
        raise ValueError("plan feedback reads the panel's agreed row only")
    grade = agreed.overall if agreed else None
    band = rubric.band_for(grade) if grade is not None else None
    labels = {a.id: a.label for a in rubric.agencies}
    shortfalls = []
    if agreed is not None:
        for section in rubric.sections:
            for q in section.questions:
                raw = agreed.answers.get(q.id)
                code = q.normalise_answer(str(raw)) if raw and str(raw).strip() else None
                if code is None or code == NA or not q.is_shortfall(code):
                    continue
                option = q.option(code) if q.type == "choice" else None
                agencies = tuple(a for a in agreed.attributions.get(q.id, ()) if a)
                shortfalls.append(FeedbackShortfall(
                    q.id, q.text, section.title, code, option.label if option else code,
                    clean_text(agreed.notes.get(q.id), names) or None, agencies,
                    tuple(labels.get(a, a) for a in agencies)))
    acts = tuple(
        FeedbackAction(clean_text(a.text, names), clean_text(a.owner, names) or None,
                       a.due_date, a.status, a.reaudit)
        for a in actions if a.plan_ref == plan_ref and a.status != "cancelled")
    return PlanFeedbackFigures(
        session=session, session_date=session_date, plan_ref=plan_ref,
        team=clean_text(facts.team, names) or None if facts else None,
        rubric_title=rubric.title, grade=grade, band=band.label if band else None,
        good=band.good if band else None,
        strengths=clean_text(agreed.strengths, names) if agreed else "",
        development=clean_text(agreed.development, names) if agreed else "",
        shortfalls=tuple(shortfalls), actions=acts, moderated=agreed is not None)
