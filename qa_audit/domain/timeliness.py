"""The statutory time limits, stated once: 20-week plans, 6-week advice, reviews.

A new plan must be issued within 20 weeks of the request for assessment
(SEND Regulations 2014, reg. 13). Counted in days, not whole weeks: a plan
issued 141 days after the request is late even though 141 // 7 is 20. The
limit is about new plans only; an amended plan or a review is never flagged.

The other limits the SEND board reads (CONTRACT.md v2, "Timeliness report"), all
counted in days and inclusive ("no more than"): advice returned within 6 weeks
(42 days) of the request; an annual review held by its due date; the local
authority's decision within 4 weeks (28 days) of the review meeting; an amended
plan issued within 8 weeks (56 days) of the decision.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["ADVICE_DAYS", "AMENDED_ISSUE_DAYS", "REVIEW_DECISION_DAYS", "STATUTORY_DAYS",
           "STATUTORY_WEEKS", "IssueTimeliness", "advice_within_6_weeks",
           "amended_within_8_weeks", "days_to_issue", "decided_within_4_weeks",
           "describe_days", "held_by_due_date", "is_late_new_plan", "issued_within_20_weeks",
           "timeliness_text", "within_days"]

STATUTORY_WEEKS = 20
#: A new plan issued more than this many days after the request is late.
STATUTORY_DAYS = STATUTORY_WEEKS * 7
#: Advice returned no later than this many days after the request is on time (6 weeks).
ADVICE_DAYS = 6 * 7
#: A review decision no later than this many days after the meeting is on time (4 weeks).
REVIEW_DECISION_DAYS = 4 * 7
#: An amended plan issued no later than this many days after the decision is on time.
AMENDED_ISSUE_DAYS = 8 * 7


def within_days(start: dt.date | None, end: dt.date | None, limit: int) -> bool:
    """True when both dates are known and ``end`` is no more than ``limit`` days after
    ``start`` (a missing date is never on time: nothing happened yet, or it is unknown)."""
    return start is not None and end is not None and (end - start).days <= limit


def issued_within_20_weeks(request_date: dt.date | None, issue_date: dt.date | None) -> bool:
    """Issued no more than 140 days after the request (141 is late)."""
    return within_days(request_date, issue_date, STATUTORY_DAYS)


def advice_within_6_weeks(requested: dt.date | None, received: dt.date | None) -> bool:
    """Advice returned no more than 42 days after the request (not returned: not on time)."""
    return within_days(requested, received, ADVICE_DAYS)


def held_by_due_date(due: dt.date | None, meeting: dt.date | None) -> bool:
    """An annual review meeting held on or before the day the review was due."""
    return due is not None and meeting is not None and meeting <= due


def decided_within_4_weeks(meeting: dt.date | None, decision: dt.date | None) -> bool:
    """The decision no more than 28 days after the review meeting (29 is late)."""
    return within_days(meeting, decision, REVIEW_DECISION_DAYS)


def amended_within_8_weeks(decision: dt.date | None, amended_issue: dt.date | None) -> bool:
    """The amended plan issued no more than 56 days after the decision (57 is late)."""
    return within_days(decision, amended_issue, AMENDED_ISSUE_DAYS)


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
