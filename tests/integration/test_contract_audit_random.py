"""Timeliness, scorecard and health figures on seeded random data against a small
oracle written here from CONTRACT.md v2's words alone (the hand-computed edge cases are
in test_contract_audit_board.py; this one looks for what those did not think of).

Dates are drawn around the period's edges and the 42/140/28/56-day limits on purpose.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from .cli_helpers import run_cli

pytestmark = pytest.mark.integration

RUBRIC = Path(__file__).with_name("contract_audit_rubric.yaml")
SERVICES = ("education", "ep", "paediatrics", "salt", "ot", "camhs")
HEALTH = ("paediatrics", "salt", "ot", "camhs")
FIRST, LAST = "2026-02", "2026-07"  # Q1 partly, Q2 whole, Q3 partly


def pct(num: int, den: int) -> float | None:
    """Exact ratio in percent, 1 decimal, half away from zero; null on 0."""
    if den == 0:
        return None
    return math.floor(Fraction(1000 * num, den) + Fraction(1, 2)) / 10


def month_of(d: dt.date) -> str:
    return d.strftime("%Y-%m")


def months(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def quarter_of(month: str) -> str:
    y, m = map(int, month.split("-"))
    return f"{y}-Q{(m - 1) // 3 + 1}"


def near(rng: random.Random, day: dt.date, limit: int) -> dt.date:
    """A date ``limit`` days after ``day``, give or take one, or well away."""
    return day + dt.timedelta(days=rng.choice((limit - 1, limit, limit + 1,
                                               rng.randint(0, 3 * limit))))


def edge_day(rng: random.Random) -> dt.date:
    """Days spread over Dec 2025 - Sep 2026, often a month's first or last day."""
    y, m = rng.choice([(2025, 12)] + [(2026, k) for k in range(1, 10)])
    end = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, rng.choice((1, end, rng.randint(1, end))))


def build(seed: int) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    plans, advice, reviews, feedback, panel = [], [], [], [], []
    for i in range(60):
        issue = edge_day(rng)
        request = issue - dt.timedelta(days=rng.choice((139, 140, 141, 60, 200)))
        plans.append({"plan_ref": f"R{i:02d}", "issue_date": issue,
                      "request_date": request if rng.random() < 0.85 else None,
                      "plan_type": rng.choice(("new", "new", "new", "amended", "review")),
                      "exception": rng.choice((True, False, None))})
    for p in plans:
        for service in rng.sample(SERVICES, rng.randint(0, 3)):
            req = edge_day(rng)
            got = near(rng, req, 42) if rng.random() < 0.8 else None
            advice.append({"plan_ref": p["plan_ref"], "service": service,
                           "requested_date": req, "received_date": got})
        if rng.random() < 0.7:
            due = edge_day(rng)
            meeting = due + dt.timedelta(days=rng.choice((-3, 0, 1, 10))) \
                if rng.random() < 0.8 else None
            decision = rng.choice((None, "maintain", "amend", "cease")) if meeting else None
            decided = near(rng, meeting, 28) if meeting and decision else None
            amended = near(rng, decided, 56) if decision == "amend" and decided \
                and rng.random() < 0.8 else None
            reviews.append({"plan_ref": p["plan_ref"], "due_date": due,
                            "meeting_date": meeting, "decision": decision,
                            "decision_date": decided, "amended_issue_date": amended,
                            "child_attended": rng.choice((True, False, None))
                            if meeting else None})
        for respondent in rng.sample(("parent_carer", "young_person", "setting"),
                                     rng.randint(0, 2)):
            feedback.append({"plan_ref": p["plan_ref"], "respondent": respondent,
                             "date": edge_day(rng), "rating": rng.choice((None, 1, 3, 4, 5))})
    for n in range(8):
        day = edge_day(rng)
        for p in rng.sample(plans, 5):
            panel.append({"session": f"S{n}", "date": day, "plan_ref": p["plan_ref"],
                          "overall": rng.randint(1, 4), "q1": rng.choice(("Y", "P", "NA", "")),
                          "q2": rng.choice(("Y", "N", ""))})
    return {"plans": plans, "advice": advice, "reviews": reviews, "feedback": feedback,
            "panel": panel}


def cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    return v.isoformat() if isinstance(v, dt.date) else str(v)


def write_csv(path: Path, rows: list[dict[str, Any]], keys: list[str]) -> str:
    path.write_text(",".join(keys) + "\n" + "".join(
        ",".join(cell(r[k]) for k in keys) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def in_months(d: dt.date | None, wanted: set[str]) -> bool:
    return d is not None and month_of(d) in wanted


def timeliness(data: dict[str, list[dict[str, Any]]], wanted: set[str]) -> dict[str, Any]:
    new = [p for p in data["plans"] if p["plan_type"] == "new"
           and in_months(p["issue_date"], wanted)]
    with_req = [p for p in new if p["request_date"]]
    ok20 = [p for p in with_req if (p["issue_date"] - p["request_date"]).days <= 140]
    others = [p for p in with_req if p["exception"] is not True]
    adv = [a for a in data["advice"] if in_months(a["requested_date"], wanted)]
    ok6 = [a for a in adv if a["received_date"]
           and (a["received_date"] - a["requested_date"]).days <= 42]
    due = [r for r in data["reviews"] if in_months(r["due_date"], wanted)]
    held = [r for r in due if r["meeting_date"]]
    by_due = [r for r in held if r["meeting_date"] <= r["due_date"]]
    decided = [r for r in held if r["decision_date"]
               and (r["decision_date"] - r["meeting_date"]).days <= 28]
    amended = [r for r in held if r["decision"] == "amend"]
    amended8 = [r for r in amended if r["amended_issue_date"] and r["decision_date"]
                and (r["amended_issue_date"] - r["decision_date"]).days <= 56]
    child = [r for r in held if r["child_attended"] is True]
    return {
        "new_plans": {"issued": len(new), "with_request_date": len(with_req),
                      "within_20_weeks": len(ok20),
                      "percent_within_20_weeks": pct(len(ok20), len(with_req)),
                      "exceptions": len(with_req) - len(others),
                      "percent_within_20_weeks_excluding_exceptions": pct(
                          len([p for p in others if p in ok20]), len(others))},
        "advice": {"requested": len(adv), "within_6_weeks": len(ok6),
                   "percent_within_6_weeks": pct(len(ok6), len(adv))},
        "reviews": {"due": len(due), "held": len(held), "held_by_due_date": len(by_due),
                    "percent_held_by_due_date": pct(len(by_due), len(due)),
                    "decided_within_4_weeks": len(decided),
                    "percent_decided_within_4_weeks": pct(len(decided), len(held)),
                    "amended": len(amended), "amended_within_8_weeks": len(amended8),
                    "percent_amended_within_8_weeks": pct(len(amended8), len(amended)),
                    "child_attended": len(child),
                    "percent_child_attended": pct(len(child), len(held))},
    }


def subset(got: dict[str, Any], want: dict[str, Any]) -> dict[str, Any]:
    return {k: (subset(got.get(k, {}), v) if isinstance(v, dict) else got.get(k, "<missing>"))
            for k, v in want.items()}


@pytest.mark.parametrize("seed", [11, 29])
def test_random_board_figures(capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Any,
                              seed: int) -> None:
    data = build(seed)
    path = str(db.target.path)

    def ok(*args: str) -> None:
        r = run_cli(capsys, "--db", path, *args)
        assert r.code == 0, r.err

    ok("rubric", "import", str(RUBRIC))
    ok("plans", "import", write_csv(tmp_path / "p.csv", data["plans"], [
        "plan_ref", "issue_date", "request_date", "plan_type", "exception"]))
    ok("advice", "import", write_csv(tmp_path / "a.csv", data["advice"], [
        "plan_ref", "service", "requested_date", "received_date"]))
    ok("reviews", "import", write_csv(tmp_path / "r.csv", data["reviews"], [
        "plan_ref", "due_date", "meeting_date", "decision", "decision_date",
        "amended_issue_date", "child_attended"]))
    ok("feedback", "import", write_csv(tmp_path / "f.csv", data["feedback"], [
        "plan_ref", "respondent", "date", "rating"]))
    audits = [{**r, "auditor": "panel", "audit_date": r["date"]} for r in data["panel"]]
    ok("audits", "import", write_csv(tmp_path / "s.csv", audits, [
        "session", "plan_ref", "auditor", "audit_date", "overall", "q1", "q2"]),
       "--rubric", "audit-x")
    period = set(months(FIRST, LAST))

    js = tmp_path / "t.json"
    ok("report", "timeliness", "--from", FIRST, "--to", LAST, "--out", str(tmp_path / "t.pdf"),
       "--json", str(js))
    want = timeliness(data, period)
    assert subset(json.loads(js.read_text(encoding="utf-8")), want) == want

    js = tmp_path / "h.json"
    ok("report", "health", "--from", FIRST, "--to", LAST, "--out", str(tmp_path / "h.pdf"),
       "--json", str(js))
    got = {s["service"]: s for s in json.loads(js.read_text(encoding="utf-8"))["services"]}
    expected: dict[str, dict[str, Any]] = {}
    for service in sorted({a["service"] for a in data["advice"]
                           if in_months(a["requested_date"], period)}):
        rows = [a for a in data["advice"] if a["service"] == service
                and in_months(a["requested_date"], period)]
        back = [a for a in rows if a["received_date"]]
        ok6 = [a for a in back if (a["received_date"] - a["requested_date"]).days <= 42]
        expected[service] = {"requested": len(rows), "returned": len(back),
                             "outstanding": len(rows) - len(back),
                             "within_6_weeks": len(ok6),
                             "percent_within_6_weeks": pct(len(ok6), len(rows)),
                             "audited": 0, "good": 0, "percent_good": None}
    assert list(got) == list(expected)
    assert {k: subset(v, expected[k]) for k, v in got.items()} == expected

    js = tmp_path / "s.json"
    ok("report", "scorecard", "--from", FIRST, "--to", LAST, "--rubric", "audit-x", "--out",
       str(tmp_path / "s.pdf"), "--json", str(js))
    quarters = json.loads(js.read_text(encoding="utf-8"))["quarters"]
    by_quarter: dict[str, set[str]] = {}
    for month in sorted(period):
        by_quarter.setdefault(quarter_of(month), set()).add(month)
    assert [q["quarter"] for q in quarters] == list(by_quarter)
    for q in quarters:
        wanted = by_quarter[q["quarter"]]
        fig = timeliness(data, wanted)
        graded = [r for r in data["panel"] if month_of(r["date"]) in wanted]
        rated = [f for f in data["feedback"] if in_months(f["date"], wanted)]
        with_rating = [f for f in rated if f["rating"] is not None]
        want_q = {
            "plans_moderated": len(graded),
            "percent_good": pct(sum(r["overall"] >= 3 for r in graded), len(graded)),
            "percent_within_20_weeks": fig["new_plans"]["percent_within_20_weeks"],
            "percent_advice_within_6_weeks": fig["advice"]["percent_within_6_weeks"],
            "percent_reviews_held_by_due_date": fig["reviews"]["percent_held_by_due_date"],
            "feedback_responses": len(rated),
            "percent_feedback_satisfied": pct(sum(f["rating"] >= 4 for f in with_rating),
                                              len(with_rating)),
        }
        assert subset(q, want_q) == want_q, q["quarter"]
