"""The small records the key issues figures are made of (questions, agencies, themes,
grades, comments, drift, comparison), with the text helpers they share.

Split from ``key_issues`` (which re-exports every name) to keep modules small.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from qa_audit.domain.rubric import NA
from qa_audit.reporting.redaction import redact

#: Percentage points below the target that still count as amber.
AMBER_MARGIN = 10
#: Said wherever the agencies' shares are shown (PDF, spreadsheet, screen).
SHARES_NOTE = ("Shares can add up to more than 100% because one shortfall may be "
               "attributed to several agencies.")
#: Longest free text quoted in a report (a longer one is cut with an ellipsis).
MAX_TEXT = 1200


def _clip(text: str, limit: int = MAX_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clean_text(text: str | None, names: Sequence[str]) -> str:
    """User free text as a report may show it: redacted, whitespace tidied, clipped."""
    return _clip(redact(text, names)) if text and text.strip() else ""


# --------------------------------------------------------------------- figures


@dataclass(frozen=True)
class QuestionFigure:
    """Agreed answers to one question: counts per code, shortfalls among non-NA answers."""

    id: str
    text: str
    section: str
    counts: dict[str, int]
    answered: int  # answers other than NA
    shortfalls: int
    shortfall_percent: float | None
    tags: tuple[str, ...] = ()

    @property
    def na(self) -> int:
        return self.counts.get(NA, 0)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "counts": dict(self.counts),
                "shortfall_percent": self.shortfall_percent,
                "text": self.text, "answered": self.answered, "shortfalls": self.shortfalls}


def answer_columns(questions: Iterable[QuestionFigure]) -> list[str]:
    """Answer codes as table columns: in order of first appearance, NA always last
    (a rubric mixing Y/N and Y/P/N questions reads Y N P NA, not Y N NA P)."""
    codes: list[str] = []
    for q in questions:
        codes += [c for c in q.counts if c not in codes and c != NA]
    return codes + ([NA] if any(NA in q.counts for q in questions) else [])


@dataclass(frozen=True)
class AgencyFigure:
    agency: str
    label: str
    shortfalls: int
    percent_of_shortfalls: float | None

    def sentence(self) -> str:
        """E.g. "Educational psychology advice responsible for 40.0% of shortfalls (4 of 10)"."""
        pct = "-" if self.percent_of_shortfalls is None else f"{self.percent_of_shortfalls:.1f}%"
        return f"{self.label} responsible for {pct} of attributed shortfalls"

    def to_json(self) -> dict[str, Any]:
        return {"agency": self.agency, "shortfalls": self.shortfalls,
                "percent_of_shortfalls": self.percent_of_shortfalls, "label": self.label}


@dataclass(frozen=True)
class Excerpt:
    """An approved, redacted excerpt and the (pseudonymous) plan it came from."""

    plan_ref: str
    text: str
    session: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"plan_ref": self.plan_ref, "session": self.session, "text": self.text}


@dataclass(frozen=True)
class ThemeFigure:
    """A theme the panel agreed (``plans``) beside how often anyone raised it (``raised``).

    ``percent_of_agreed``: of plans with agreed (panel) scores; ``percent_raised``:
    of plans audited. One auditor's tag alone never counts towards ``plans``.
    """

    id: str
    label: str
    plans: int
    raised: int
    percent_of_agreed: float | None
    percent_raised: float | None
    excerpts: tuple[Excerpt, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "plans": self.plans, "raised": self.raised,
                "percent_of_plans_agreed": self.percent_of_agreed,
                "raised_percent_of_plans_audited": self.percent_raised,
                "excerpts": [e.to_json() for e in self.excerpts]}


@dataclass(frozen=True)
class GradeFigure:
    grade: int
    count: int
    band: str
    rag: str
    good: bool


@dataclass(frozen=True)
class PlanComment:
    """Strengths or areas for development the panel recorded for one plan."""

    plan_ref: str
    grade: int | None
    text: str
    session: str = ""
    band: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"plan_ref": self.plan_ref, "session": self.session, "grade": self.grade,
                "band": self.band, "text": self.text}


@dataclass(frozen=True)
class ActionFigure:
    plan_ref: str | None
    text: str
    owner: str
    due_date: dt.date | None
    status: str
    overdue: bool

    def to_json(self) -> dict[str, Any]:
        return {"plan_ref": self.plan_ref, "text": self.text, "owner": self.owner,
                "due_date": self.due_date.isoformat() if self.due_date else None,
                "status": self.status, "overdue": self.overdue}


@dataclass(frozen=True)
class MemberDrift:
    """One auditor's agreement with colleagues and drift from the agreed grades."""

    auditor: str
    agency: str
    plans_graded: int
    pairs: int
    exact_percent: float | None
    within_one_percent: float | None
    mean_difference_from_agreed: float | None
    plans_compared: int
    generosity: float | None = None  # the difference signed so + is more generous

    @property
    def tendency(self) -> str:
        d = self.generosity
        if d is None:
            return "no agreed grades to compare"
        if d >= 0.5:
            return "more generous than the panel"
        if d <= -0.5:
            return "more severe than the panel"
        return "in line with the panel"

    def to_json(self) -> dict[str, Any]:
        return {"auditor": self.auditor, "agency": self.agency,
                "plans_graded": self.plans_graded, "pairs": self.pairs,
                "exact_percent": self.exact_percent, "within_one_percent": self.within_one_percent,
                "mean_difference_from_agreed": self.mean_difference_from_agreed,
                "plans_compared": self.plans_compared}


@dataclass(frozen=True)
class Comparison:
    """The previous session on the same rubric: percent good then and now."""

    session: str
    date: dt.date
    plans_moderated: int
    percent_good: float | None
    change_points: float | None  # now minus then, percentage points
    verdict: str | None = None  # better | worse | the same (None: nothing to compare)

    def to_json(self) -> dict[str, Any]:
        return {"session": self.session, "date": self.date.isoformat(),
                "plans_moderated": self.plans_moderated, "percent_good": self.percent_good,
                "change_points": self.change_points, "verdict": self.verdict}
