"""Annual reviews of a plan: the values and the date rules, stated once.

CONTRACT.md v2, "Annual reviews": a decision date before the meeting, or an
amended plan issued before the decision, cannot be right; an amended plan is
only issued after a decision to amend. The time limits are in
:mod:`qa_audit.domain.timeliness`.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["DECISIONS", "date_problems"]

DECISIONS = ("maintain", "amend", "cease")


def date_problems(meeting: dt.date | None, decision: str | None,
                  decision_date: dt.date | None,
                  amended_issue_date: dt.date | None) -> list[tuple[str, str]]:
    """(field, reason) for each rule a review's dates break (empty when they are sound).

    A decision date on the meeting day is fine, as is an amended plan issued on the
    decision day; a decision date without a meeting is allowed (the review's meeting
    may simply not be recorded), so only an earlier one is refused."""
    out: list[tuple[str, str]] = []
    if meeting is not None and decision_date is not None and decision_date < meeting:
        out.append(("decision_date",
                    f"decision_date is before meeting_date ({meeting.isoformat()})"))
    if amended_issue_date is not None:
        if decision != "amend":
            shown = f"decision is {decision}" if decision else "no decision is given"
            out.append(("amended_issue_date",
                        f"amended_issue_date is only given with decision amend ({shown})"))
        elif decision_date is not None and amended_issue_date < decision_date:
            out.append(("amended_issue_date", "amended_issue_date is before decision_date "
                        f"({decision_date.isoformat()})"))
    return out
