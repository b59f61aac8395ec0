"""The plan register's rows, filter and order as plain data: no SQLAlchemy.

``services.plans`` reads them through the ORM; the Plans page's first rows at start-up
are read before SQLAlchemy is imported (``register_preview``, issue 16), and the
GUI's plan table model imports only this module, so it can show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from qa_audit.domain.plan_fields import decode_custom
from qa_audit.domain.timeliness import IssueTimeliness

__all__ = ["CUSTOM_PREFIX", "DEFAULT_ORDER", "FIRST_PAGE", "NEED_NAMES", "SORT_FIELDS",
           "PlanFilter", "PlanOrder", "PlanRow", "shared_values", "year_group_label"]

#: Rows read to show the register: a few screenfuls (and what sizes the columns).
FIRST_PAGE = 200

#: DfE primary need codes and their names (SEN2 / school census wording).
NEED_NAMES: dict[str, str] = {
    "SpLD": "specific learning difficulty",
    "MLD": "moderate learning difficulty",
    "SLD": "severe learning difficulty",
    "PMLD": "profound and multiple learning difficulty",
    "SEMH": "social, emotional and mental health",
    "SLCN": "speech, language and communication needs",
    "HI": "hearing impairment",
    "VI": "visual impairment",
    "MSI": "multi-sensory impairment",
    "PD": "physical disability",
    "ASD": "autistic spectrum disorder",
    "OTH": "other difficulty or disability",
}


def year_group_label(year_group: int | None) -> str:
    """NCY as people write it: N1, N2, R, Y1 ... Y14; blank when unknown."""
    if year_group is None:
        return ""
    return {-2: "N1", -1: "N2", 0: "R"}.get(year_group, f"Y{year_group}")


@dataclass(frozen=True, slots=True)
class PlanRow(IssueTimeliness):
    """One plan as the register screen shows it (slots: a county holds 60,000)."""

    plan_ref: str
    issue_date: dt.date
    request_date: dt.date | None
    plan_type: str
    year_group: int | None
    phase: str | None
    primary_need: str | None
    setting: str | None
    setting_type: str | None
    team: str | None
    caseworker: str | None
    direct_payments: bool | None
    audits: int
    #: the council's own fields (``plans import --field``); plans without share one empty dict
    custom: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def weeks_to_issue(self) -> int | None:
        """Whole weeks from request to issue (for display; lateness uses days)."""
        days = self.days_to_issue
        return None if days is None else days // 7

    def facts(self) -> dict[str, object]:
        """The fields rubric conditions (``applies_when``) look at."""
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
class PlanFilter:
    text: str = ""
    team: str | None = None
    primary_need: str | None = None
    phase: str | None = None
    issued_from: dt.date | None = None
    issued_to: dt.date | None = None


#: A custom plan field sorts as ``custom:NAME``.
CUSTOM_PREFIX = "custom:"
#: The fields a register can be sorted by (besides ``custom:NAME``).
SORT_FIELDS = ("plan_ref", "issue_date", "request_date", "days_to_issue", "plan_type",
               "year_group", "phase", "primary_need", "setting", "setting_type", "team",
               "caseworker", "direct_payments", "audits")


@dataclass(frozen=True)
class PlanOrder:
    """Sort by ``field`` (one of ``SORT_FIELDS`` or ``custom:NAME``)."""

    field: str = "issue_date"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.field not in SORT_FIELDS and not self.field.startswith(CUSTOM_PREFIX):
            raise ValueError(f"plans cannot be sorted by {self.field!r}")


DEFAULT_ORDER = PlanOrder()


def shared_values(rows: Iterable[tuple[Any, ...]]) -> list[PlanRow]:
    """Rows whose repeated values (team, phase, setting, dates...) are one object each.

    SQLite hands back a new string and date per cell; a county register repeats a
    handful of teams and phases and a few thousand dates over 60,000 rows, so sharing
    them keeps the Plans page's memory down (benchmarks/ ``gui_memory``).
    """
    seen: dict[Any, Any] = {}
    share = seen.setdefault
    customs: dict[str | None, dict[str, str]] = {None: {}}

    def custom_of(text: str | None) -> dict[str, str]:
        found = customs.get(text)
        if found is None:
            found = customs[text] = {k: share(v, v) for k, v in decode_custom(text).items()}
        return found

    return [
        PlanRow(ref, share(issued, issued), share(requested, requested), share(kind, kind),
                year, share(phase, phase), share(need, need), share(setting, setting),
                share(setting_type, setting_type), share(team, team),
                share(caseworker, caseworker), payments, audits, custom_of(custom))
        for (ref, issued, requested, kind, year, phase, need, setting, setting_type, team,
             caseworker, payments, audits, custom) in rows
    ]
