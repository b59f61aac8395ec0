"""Audits as plain data: what one auditor (or the panel) said about one plan.

Reports, agreement statistics and the moderation screen all read these objects,
never the ORM, so a figure is computed the same way wherever it appears.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from qa_audit.domain.items import ItemKey

PANEL = "panel"


@dataclass(frozen=True)
class ThemeRecord:
    theme_id: str
    question_id: str | None = None
    excerpt: str | None = None
    approved_excerpt: str | None = None  # redacted and approved for quoting in reports


@dataclass(frozen=True)
class AuditRecord:
    session: str
    plan_ref: str
    auditor: str
    is_panel: bool
    agency: str | None = None
    audit_date: dt.date | None = None
    overall: int | None = None
    status: str = "draft"  # draft | submitted
    overall_rationale: str | None = None  # agreed grade: why it differs from a member's
    answers: dict[str, str] = field(default_factory=dict)  # question id -> code / "NA" / "3"
    notes: dict[str, str] = field(default_factory=dict)
    # question id -> the agencies (rubric ids) a shortfall is attributed to, in order
    attributions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)  # question id -> reason code
    rationales: dict[str, str] = field(default_factory=dict)
    themes: tuple[ThemeRecord, ...] = ()
    strengths: str | None = None
    development: str | None = None
    advice_request_id: int | None = None  # the return judged (``advice_return`` rubrics)

    @property
    def theme_ids(self) -> set[str]:
        return {t.theme_id for t in self.themes}

    @property
    def item(self) -> ItemKey:
        """What this audit judges: the plan, or one advice return of it."""
        return ItemKey(self.plan_ref, self.advice_request_id)


@dataclass(frozen=True)
class PlanFacts:
    plan_ref: str
    issue_date: dt.date | None = None
    request_date: dt.date | None = None
    plan_type: str | None = None
    year_group: int | None = None
    phase: str | None = None
    primary_need: str | None = None
    setting_type: str | None = None
    team: str | None = None
    direct_payments: bool | None = None
    caseworker: str | None = None  # for learning by caseworker (never a condition)
    #: the council's own fields (``plans import --field``): name -> text
    custom: Mapping[str, str] = field(default_factory=dict, hash=False)

    def as_condition_facts(self) -> dict[str, object]:
        """What ``applies_when`` reads: the built-in fields and every custom field."""
        return {
            **self.custom,
            "year_group": self.year_group,
            "plan_type": self.plan_type,
            "phase": self.phase,
            "primary_need": self.primary_need,
            "setting_type": self.setting_type,
            "direct_payments": self.direct_payments,
        }


@dataclass(frozen=True)
class ActionRecord:
    id: int
    session: str
    plan_ref: str | None
    text: str
    owner: str | None
    due_date: dt.date | None
    status: str  # open | done | cancelled
    reaudit: bool = False  # the plan is to be audited again (CONTRACT.md, re-audits)
    reaudit_session: str | None = None  # the later session that agreed its grade
    reaudit_grade: int | None = None

    def to_json(self) -> dict[str, object]:
        """The ``actions list --json`` shape (CONTRACT.md v2)."""
        return {"id": self.id, "session": self.session, "plan_ref": self.plan_ref,
                "text": self.text, "owner": self.owner,
                "due": self.due_date.isoformat() if self.due_date else None,
                "status": self.status, "reaudit": self.reaudit,
                "reaudit_session": self.reaudit_session, "reaudit_grade": self.reaudit_grade}

    def overdue(self, today: dt.date) -> bool:
        return self.status == "open" and self.due_date is not None and self.due_date < today


@dataclass(frozen=True)
class SessionData:
    """Everything about one session a report or screen needs, loaded in a few queries."""

    name: str
    date: dt.date
    status: str
    rubric_id: str
    rubric_version: int
    sampled: tuple[str, ...]  # plan refs in the drawn sample (withdrawn excluded)
    audits: tuple[AuditRecord, ...]
    plans: dict[str, PlanFacts]
    actions: tuple[ActionRecord, ...] = ()
    #: the sampled items in sample order: plans, or on an ``advice_return`` rubric the
    #: advice returns (two returns of one plan are two items; ``sampled`` has the plan once)
    sampled_items: tuple[ItemKey, ...] = ()

    def panel_audits(self) -> list[AuditRecord]:
        return [a for a in self.audits if a.is_panel]

    def member_audits(self) -> list[AuditRecord]:
        return [a for a in self.audits if not a.is_panel]

    def member_grades(self) -> dict[str, dict[str, int | None]]:
        """plan_ref -> auditor -> overall grade, individual auditors only (agreement input)."""
        grades: dict[str, dict[str, int | None]] = {}
        for a in self.member_audits():
            grades.setdefault(a.plan_ref, {})[a.auditor] = a.overall
        return grades

    def agreed_grades(self) -> dict[str, int]:
        """plan_ref -> the panel's agreed overall grade, where one was recorded."""
        return {a.plan_ref: a.overall for a in self.panel_audits() if a.overall is not None}


@dataclass(frozen=True)
class AdviceRecord:
    plan_ref: str
    service: str
    requested_date: dt.date
    received_date: dt.date | None

    def within_weeks(self, weeks: int = 6) -> bool:
        return (
            self.received_date is not None
            and (self.received_date - self.requested_date).days <= weeks * 7
        )
