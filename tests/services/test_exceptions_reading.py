"""The contract's "exceptions" reading, on a hand-computed example, in the timeliness
report and the scorecard (CONTRACT.md v2, "Timeliness report": ``exceptions``: of the
new plans with a request date, those with ``exception`` yes; the excluding-exceptions
percent = within 20 weeks among the others / the others).

New plans issued in March 2026:
  E1 request 13/10/2025, issued 02/03/2026: 140 days, on time, exception no
  E2 request 13/10/2025, issued 03/03/2026: 141 days, late, exception blank
  E3 request 01/08/2025, issued 04/03/2026: late, exception yes
  E4 request 01/11/2025, issued 05/03/2026: 124 days, on time, exception yes
  E5 no request date, exception yes: issued, but neither dated nor an exception
  E8 request 01/12/2025, issued 10/03/2026: 99 days, on time, exception no
Not counted: E6 (amended, exception yes), E7 (issued in April).
issued 6; with a request date 5; within 20 weeks 3 (E1 E4 E8) -> 60.0%;
exceptions 2 (E3 E4); the others E1 E2 E8, within 2 -> 66.7%.
"""

from __future__ import annotations

import datetime as dt

from qa_audit.services import board_reports
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

D = dt.date


def test_exceptions_counted_among_plans_with_a_request_date(db: Database) -> None:
    rows = [("E1", "new", D(2025, 10, 13), D(2026, 3, 2), False),
            ("E2", "new", D(2025, 10, 13), D(2026, 3, 3), None),
            ("E3", "new", D(2025, 8, 1), D(2026, 3, 4), True),
            ("E4", "new", D(2025, 11, 1), D(2026, 3, 5), True),
            ("E5", "new", None, D(2026, 3, 6), True),
            ("E6", "amended", D(2025, 8, 1), D(2026, 3, 7), True),
            ("E7", "new", D(2025, 12, 1), D(2026, 4, 1), False),
            ("E8", "new", D(2025, 12, 1), D(2026, 3, 10), False)]
    with db.write() as s:
        s.add_all([m.Plan(plan_ref=ref, plan_type=kind, request_date=req, issue_date=issued,
                          exception=exc) for ref, kind, req, issued, exc in rows])
    got = board_reports.timeliness(db, "2026-03", "2026-03").to_json()["new_plans"]
    assert (got["issued"], got["with_request_date"], got["within_20_weeks"],
            got["percent_within_20_weeks"], got["exceptions"],
            got["percent_within_20_weeks_excluding_exceptions"]) == (6, 5, 3, 60.0, 2, 66.7)
    card = board_reports.scorecard(db, "2026-01", "2026-03",
                                   rubric_id="multi-agency-ehcp").to_json()
    (q1,) = card["quarters"]
    assert (q1["percent_within_20_weeks"],
            q1["percent_within_20_weeks_excluding_exceptions"]) == (60.0, 66.7)
    kpi = next(k for k in q1["kpis"] if k["id"] == "within_20_weeks")
    assert (kpi["met"], kpi["of"]) == (3, 5)
