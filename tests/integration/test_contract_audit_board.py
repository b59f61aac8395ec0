"""Independent audit of the timeliness report and the scorecard against CONTRACT.md v2.

Every expected figure below is worked out by hand from the contract's words (not from
the app's code): 140 vs 141 days, 42 vs 43, 28 vs 29, 56 vs 57, the period's first and
last days, plan types, quarters that only partly lie in the period.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from .cli_helpers import run_cli

pytestmark = pytest.mark.integration

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
RUBRIC = Path(__file__).with_name("contract_audit_rubric.yaml")
D = dt.date.fromisoformat


def ago(issue: str, days: int) -> str:
    return (D(issue) - dt.timedelta(days=days)).isoformat()


def after(day: str, days: int) -> str:
    return (D(day) + dt.timedelta(days=days)).isoformat()


# New plans. Timeliness period 2026-01..2026-03.
REGISTER = [
    # ref, issue, request, type, exception
    ("N1", "2026-01-01", ago("2026-01-01", 140), "new", "no"),     # first day; 140: on time
    ("N2", "2026-03-31", ago("2026-03-31", 141), "new", "yes"),    # last day; 141: late, exc.
    ("N3", "2026-02-10", "", "new", "yes"),                        # no request date
    ("N4", "2026-02-11", ago("2026-02-11", 100), "New", "n"),      # on time
    ("N5", "2026-02-12", ago("2026-02-12", 200), "new", ""),       # late
    ("N6", "2025-12-31", ago("2025-12-31", 10), "new", ""),        # before the period
    ("N7", "2026-04-01", ago("2026-04-01", 10), "new", ""),        # after the period
    ("A1", "2026-02-01", ago("2026-02-01", 300), "amended", "no"),  # not a new plan
    ("N8", "2026-03-01", ago("2026-03-01", 141), "", "false"),     # type blank = new; late
]
ADVICE = [
    # ref, service, requested, received
    ("N1", "salt", "2026-01-05", after("2026-01-05", 42)),  # 42: within
    ("N1", "ot", "2026-01-05", after("2026-01-05", 43)),    # 43: not
    ("N4", "ep", "2026-03-31", ""),                         # outstanding
    ("N4", "salt", "2025-12-31", "2026-01-01"),             # before the period
    ("N5", "camhs", "2026-02-01", "2026-02-01"),            # same day: within
]
REVIEWS = [
    # ref, due, meeting, decision, decision_date, amended_issue, child
    ("N1", "2026-01-10", "2026-01-10", "amend", after("2026-01-10", 28),
     after(after("2026-01-10", 28), 56), "yes"),
    ("N4", "2026-02-10", "2026-02-11", "amend", after("2026-02-11", 29),
     after(after("2026-02-11", 29), 57), "no"),
    ("N5", "2026-03-31", "", "", "", "", ""),
    ("N8", "2026-03-15", "2026-03-01", "maintain", "", "", ""),
    ("N2", "2026-04-01", "2026-04-01", "", "", "", "y"),
    ("N3", "2026-02-20", "2026-02-20", "amend", "2026-02-21", "", ""),
]
FEEDBACK = [
    # ref, respondent, date, rating
    ("N1", "parent_carer", "2026-02-01", "5"),
    ("N1", "young_person", "2026-03-31", "3"),
    ("N4", "setting", "2026-03-01", ""),
    ("N4", "parent_carer", "2026-01-15", "4"),  # January: before the scorecard's period
    ("N5", "parent_carer", "2026-04-30", "4"),
    ("N5", "setting", "2026-05-01", "1"),       # after the period
]
AUDITS = ("session,plan_ref,auditor,audit_date,overall,q1,q2\n"
          "Feb panel,N1,Ann,2026-02-15,2,Y,Y\n"
          "Feb panel,N1,PANEL,2026-02-16,3,Y,Y\n"
          "Feb panel,N4,panel,,2,NA,P\n"
          "Feb panel,N5,Ann,,4,Y,Y\n"            # not moderated
          "Apr panel,N1,Panel,2026-04-30,4,N,Y\n"  # same plan, later session: counted again
          "Jan panel,N5,panel,2026-01-20,1,N,N\n"  # January: outside the scorecard period
          "May panel,N5,panel,2026-05-01,4,Y,Y\n")  # May: outside


def csv(head: str, rows: list[tuple[str, ...]]) -> str:
    return head + "\n" + "\n".join(",".join(r) for r in rows) + "\n"


def ok(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    r = run_cli(capsys, *args)
    assert r.code == 0, r.err
    return r.out


def load(capsys: pytest.CaptureFixture[str], tmp_path: Path, path: str) -> None:
    files = {
        ("plans", "import"): csv("plan_ref,issue_date,request_date,plan_type,exception",
                                 REGISTER),
        ("advice", "import"): csv("plan_ref,service,requested_date,received_date", ADVICE),
        ("reviews", "import"): csv("plan_ref,due_date,meeting_date,decision,decision_date,"
                                   "amended_issue_date,child_attended", REVIEWS),
        ("feedback", "import"): csv("plan_ref,respondent,date,rating", FEEDBACK),
    }
    ok(capsys, "--db", path, "rubric", "import", str(RUBRIC))
    for command, text in files.items():
        f = tmp_path / f"{command[0]}.csv"
        f.write_text(text, encoding="utf-8")
        ok(capsys, "--db", path, *command, str(f))
    f = tmp_path / "audits.csv"
    f.write_text(AUDITS, encoding="utf-8")
    ok(capsys, "--db", path, "audits", "import", str(f), "--rubric", "audit-x")


def sub(got: dict[str, Any], want: dict[str, Any]) -> dict[str, Any]:
    """The contract says "at least": compare the keys it names."""
    return {k: got.get(k, "<missing>") for k in want}


def report(capsys: pytest.CaptureFixture[str], tmp_path: Path, path: str, kind: str,
           *args: str) -> dict[str, Any]:
    js = tmp_path / f"{kind}.json"
    ok(capsys, "--db", path, "report", kind, *args, "--out", str(tmp_path / f"{kind}.pdf"),
       "--json", str(js))
    data = json.loads(js.read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    return data


@pytest.fixture
def store(capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Any) -> str:
    path = str(db.target.path)
    load(capsys, tmp_path, path)
    return path


def test_timeliness_boundaries(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                               store: str) -> None:
    data = report(capsys, tmp_path, store, "timeliness", "--from", "2026-01", "--to", "2026-03")
    # issued: N1 N2 N3 N4 N5 N8 (6); with a request date: all but N3 (5); within 140 days:
    # N1 (140), N4 -> 2 of 5 = 40.0; exceptions among those: N2 -> 1; the others N1 N4 N5 N8:
    # 2 of 4 = 50.0
    assert sub(data["new_plans"], want := {
        "issued": 6, "with_request_date": 5, "within_20_weeks": 2,
        "percent_within_20_weeks": 40.0, "exceptions": 1,
        "percent_within_20_weeks_excluding_exceptions": 50.0}) == want
    # requested in the period: N1 salt (42 days), N1 ot (43), N4 ep (none), N5 camhs (0)
    want = {"requested": 4, "within_6_weeks": 2, "percent_within_6_weeks": 50.0}
    assert sub(data["advice"], want) == want
    # due in the period: N1 N4 N5 N8 N3 (5); held 4; by the due date N1 N8 N3 (3, 60.0);
    # decided within 28 days: N1 (28), N3 (1) of 4 held = 50.0 (N4 29 days, N8 none);
    # amended N1 N4 N3 (3); within 56 days: N1 -> 33.3; child attended: N1 of 4 -> 25.0
    want = {
        "due": 5, "held": 4, "held_by_due_date": 3, "percent_held_by_due_date": 60.0,
        "decided_within_4_weeks": 2, "percent_decided_within_4_weeks": 50.0,
        "amended": 3, "amended_within_8_weeks": 1, "percent_amended_within_8_weeks": 33.3,
        "child_attended": 1, "percent_child_attended": 25.0}
    assert sub(data["reviews"], want) == want


def test_timeliness_empty_period_gives_nulls(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path, store: str) -> None:
    data = report(capsys, tmp_path, store, "timeliness", "--from", "2024-01", "--to", "2024-02")
    assert data["new_plans"]["percent_within_20_weeks"] is None
    assert data["new_plans"]["percent_within_20_weeks_excluding_exceptions"] is None
    assert data["advice"]["percent_within_6_weeks"] is None
    assert data["reviews"]["percent_held_by_due_date"] is None
    assert data["reviews"]["percent_decided_within_4_weeks"] is None


def test_scorecard_quarters_partly_in_the_period(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path, store: str) -> None:
    data = report(capsys, tmp_path, store, "scorecard", "--from", "2026-02", "--to", "2026-04",
                  "--rubric", "audit-x")
    assert data["rubric"] == "audit-x"
    q1, q2 = data["quarters"]
    assert (q1["quarter"], q2["quarter"]) == ("2026-Q1", "2026-Q2")
    # Q1 = February and March only. Quality: Feb panel N1 3 (good), N4 2 -> 1 of 2;
    # the January session is outside. Target on 2026-03-31: 50.
    assert (q1["plans_moderated"], q1["percent_good"], q1["target_percent_good"]) == (
        2, 50.0, 50.0)
    # indicator core (q1, q2): N1 Y/Y met; N4 NA/P counted, not met; target 60 from Feb
    want = {"plans": 2, "met": 1, "percent_met": 50.0, "target_percent": 60.0}
    assert sub(q1["indicators"]["core"], want) == want
    # new plans issued Feb-Mar with a request date: N2 late, N4 on time, N5 late, N8 late
    assert q1["percent_within_20_weeks"] == 25.0
    # advice requested Feb-Mar: N5 camhs within, N4 ep outstanding
    assert q1["percent_advice_within_6_weeks"] == 50.0
    # reviews due Feb-Mar: N4 late, N5 not held, N8 early, N3 on the day -> 2 of 4
    assert q1["percent_reviews_held_by_due_date"] == 50.0
    # responses dated Feb-Mar: 5, 3, (none) -> 3 responses, 1 of 2 rated satisfied
    assert (q1["feedback_responses"], q1["percent_feedback_satisfied"]) == (3, 50.0)
    # Q2 = April only: N1 agreed 4 again in a later session; target on 2026-06-30: 75
    assert (q2["plans_moderated"], q2["percent_good"], q2["target_percent_good"]) == (
        1, 100.0, 75.0)
    want = {"plans": 1, "met": 0, "percent_met": 0.0, "target_percent": 60.0}
    assert sub(q2["indicators"]["core"], want) == want
    assert q2["percent_within_20_weeks"] == 100.0  # N7, 10 days
    assert q2["percent_advice_within_6_weeks"] is None
    assert q2["percent_reviews_held_by_due_date"] == 100.0  # N2 due and held 2026-04-01
    assert (q2["feedback_responses"], q2["percent_feedback_satisfied"]) == (1, 100.0)
