"""The statutory 20-week limit for a new EHC plan, stated once.

A new plan must be issued within 20 weeks of the request for assessment
(SEND Regulations 2014, reg. 13). Counted in days, not whole weeks: a plan
issued 141 days after the request is late even though 141 // 7 is 20. The
limit is about new plans only; an amended plan or a review is never flagged.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["STATUTORY_DAYS", "STATUTORY_WEEKS", "IssueTimeliness", "days_to_issue",
           "describe_days", "is_late_new_plan", "timeliness_text"]

STATUTORY_WEEKS = 20
#: A new plan issued more than this many days after the request is late.
STATUTORY_DAYS = STATUTORY_WEEKS * 7


def days_to_issue(request_date: dt.date | None, issue_date: dt.date | None) -> int | None:
    """Days from the request to the issue, or None when either date is missing."""
    if request_date is None or issue_date is None:
        return None
    return (issue_date - request_date).days


def is_late_new_plan(plan_type: str | None, request_date: dt.date | None,
                     issue_date: dt.date | None) -> bool | None:
    """True when a new plan was issued more than 140 days after the request.

    False for an amended plan or a review (the limit does not apply) and for a new
    plan issued on time; None for a new plan without both dates (cannot tell).
    A blank plan type is a new plan, as the register import defaults it.
    """
    if (plan_type or "new").strip().lower() != "new":
        return False
    days = days_to_issue(request_date, issue_date)
    if days is None:
        return None
    return days > STATUTORY_DAYS


def describe_days(days: int) -> str:
    """``141`` -> ``141 days (20 weeks 1 day)``."""
    weeks, rest = divmod(days, 7)
    parts = [f"{weeks} week{'s' if weeks != 1 else ''}"]
    if rest:
        parts.append(f"{rest} day{'s' if rest != 1 else ''}")
    return f"{days} day{'s' if days != 1 else ''} ({' '.join(parts)})"


def timeliness_text(plan_type: str | None, request_date: dt.date | None,
                    issue_date: dt.date | None) -> str:
    """One line for a screen: days and weeks, and against the limit where it applies."""
    days = days_to_issue(request_date, issue_date)
    if days is None:
        return "No request date recorded"
    late = is_late_new_plan(plan_type, request_date, issue_date)
    if late:
        return f"{describe_days(days)}: over the {STATUTORY_WEEKS}-week limit"
    if late is False and (plan_type or "new").strip().lower() == "new":
        return f"{describe_days(days)}: within {STATUTORY_WEEKS} weeks"
    return f"{describe_days(days)} (the {STATUTORY_WEEKS}-week limit is for new plans)"


class IssueTimeliness:
    """The rule above as properties of a row with ``plan_type``, ``request_date`` and
    ``issue_date`` (the plan and sample rows screens show); adds no instance storage."""

    __slots__ = ()
    plan_type: str | None
    request_date: dt.date | None
    issue_date: dt.date

    @property
    def days_to_issue(self) -> int | None:
        return days_to_issue(self.request_date, self.issue_date)

    @property
    def late(self) -> bool:
        """A new plan issued more than 140 days after the request."""
        return bool(is_late_new_plan(self.plan_type, self.request_date, self.issue_date))

    def timeliness(self) -> str:
        """Days and weeks to issue, against the 20-week limit where it applies."""
        return timeliness_text(self.plan_type, self.request_date, self.issue_date)
