"""Independent audit of key issues, trend and themes figures against CONTRACT.md v2.

Small data written for the contract's edge cases; every expected figure is worked
out by hand in the comments (not from the app's code): auditor ``panel`` in any case,
a panel row without an overall grade, NA and blank answers, a shortfall attributed to
two agencies, a question that applies only to older children (and to a plan with no
year group), sessions on the period's first and last days and just outside, a tie
between two sessions' rubrics, targets changing inside the period.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from .cli_helpers import run_cli

pytestmark = pytest.mark.integration

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
RUBRIC = Path(__file__).with_name("contract_audit_rubric.yaml")
REGISTER = ("plan_ref,issue_date,year_group\nP1,2026-01-05,10\nP2,2026-01-06,5\n"
            "P3,2026-01-07,\nP4,2026-01-08,9\n")
# One session; its date is its earliest audit_date, 2 March 2026 (UK day-first).
KEY_ISSUES = """\
Session,Plan Ref,Auditor,Agency,Audit Date,Overall,q1,q2,q2.agency,q3,q4,q4.agency,Themes,q1.note
S1,p1,Ann,ep,02/03/2026,3,Y,P,ep;health,2,N,,vague,
S1,P1,Bob,health,2026-03-03,2,y,Y,,3,Y,,,
S1,P1,Panel,,2026-03-05,3,y,p,ep;health,4,N,ep,voice,Strong voice
S1,P2,Ann,,,4,Y,,,,,,,
S1,P2,Bob,,,4,,,,,,,,
S1,P2,PANEL,,,2,na,N,social_care,NA,,,vague,
S1,P3,Ann,,,1,,,,,,,vague;voice,
S1,P3,Bob,,,3,,,,,,,,
S1,P3,panel,,,,P,Y,,1,Y,,,
S1,P4,Ann,,,2,,,,,,,voice,
S1,P4,Cat,,,,,,,,,,,
"""


def ok(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    r = run_cli(capsys, *args)
    assert r.code == 0, r.err
    return r.out


def setup(capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Any) -> str:
    path = str(db.target.path)
    ok(capsys, "--db", path, "rubric", "import", str(RUBRIC))
    f = tmp_path / "register.csv"
    f.write_text(REGISTER, encoding="utf-8")
    ok(capsys, "--db", path, "plans", "import", str(f))
    return path


def audits(capsys: pytest.CaptureFixture[str], tmp_path: Path, path: str, text: str,
           *args: str) -> dict[str, Any]:
    f = tmp_path / "audits.csv"
    f.write_text(text, encoding="utf-8")
    return json.loads(ok(capsys, "--db", path, "audits", "import", str(f), "--json", *args))


def report(capsys: pytest.CaptureFixture[str], tmp_path: Path, path: str, kind: str,
           *args: str) -> dict[str, Any]:
    js = tmp_path / f"{kind}.json"
    ok(capsys, "--db", path, "report", kind, *args, "--out", str(tmp_path / f"{kind}.pdf"),
       "--json", str(js))
    data = json.loads(js.read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    return data


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if v}


def wilson(k: int, n: int) -> tuple[float, float]:
    """The contract's Wilson score interval (z = 1.96), in percent, 1 decimal."""
    z, p = 1.96, k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(max(0.0, centre - half) * 100, 1), round(min(1.0, centre + half) * 100, 1))


def test_key_issues_by_hand(capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Any) -> None:
    path = setup(capsys, tmp_path, db)
    counted = audits(capsys, tmp_path, path, KEY_ISSUES, "--rubric", "audit-x")
    assert (counted["added"], counted["updated"], counted["unchanged"]) == (11, 0, 0)
    again = audits(capsys, tmp_path, path, KEY_ISSUES, "--rubric", "audit-x")
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 11)
    data = report(capsys, tmp_path, path, "key-issues", "--session", "S1")
    assert data["rubric"]["id"] == "audit-x" and data["rubric"]["version"] == 1
    # P1-P4 audited, no sample drawn; P1 and P2 have an agreed grade (P3's panel row has none)
    assert (data["plans_sampled"], data["plans_audited"], data["plans_moderated"]) == (4, 4, 2)
    assert data["percent_good"] == 50.0  # P1 3 (good), P2 2
    assert data["target_percent_good"] == 50.0  # in force on 2026-03-02 (75 from April)
    assert nonzero(data["grade_distribution"]) == {"2": 1, "3": 1}
    # agreed answers (the three panel rows): q1 Y, NA, P; q2 P, N, Y; q3 4, NA, 1 (below 3
    # is a shortfall); q4 N and Y (P3 has no year group, so q4 applies)
    q = {x["id"]: x for x in data["questions"]}
    assert nonzero(q["q1"]["counts"]) == {"Y": 1, "NA": 1, "P": 1}
    assert q["q1"]["shortfall_percent"] == 50.0
    assert nonzero(q["q2"]["counts"]) == {"Y": 1, "P": 1, "N": 1}
    assert q["q2"]["shortfall_percent"] == 66.7
    assert nonzero(q["q3"]["counts"]) == {"4": 1, "NA": 1, "1": 1}
    assert q["q3"]["shortfall_percent"] == 50.0
    assert nonzero(q["q4"]["counts"]) == {"N": 1, "Y": 1}
    # attributed shortfalls: P1 q2 (ep, health), P1 q4 (ep), P2 q2 (social_care) -> 3
    ag = {a["agency"]: (a["shortfalls"], a["percent_of_shortfalls"]) for a in data["agencies"]}
    assert ag == {"ep": (2, 66.7), "health": (1, 33.3), "social_care": (1, 33.3)}
    th = {t["id"]: (t["plans"], t["raised"]) for t in data["themes"]}
    assert th == {"vague": (1, 3), "voice": (1, 3)}  # agreed P2 / P1; raised P1-P3 / P1 P3 P4
    ind = {i["id"]: i for i in data["indicators"]}["core"]
    # P1 (Y, P) counted, not met; P2 (NA, N) counted, not met; target 60 from February
    assert (ind["plans"], ind["met"], ind["percent_met"], ind["target_percent"]) == (
        2, 0, 0.0, 60.0)
    # pairs: P1 Ann 3/Bob 2, P2 4/4, P3 1/3 (P4 has one grade); alpha from the krippendorff
    # package on [[3,4,1,2],[2,4,3,-]] = 0.5707
    assert data["agreement"] == {"pairs": 3, "overall_exact_percent": 33.3,
                                 "overall_within_one_percent": 66.7,
                                 "krippendorff_alpha_ordinal": 0.571}


def test_key_issues_sampled_and_identical_grades(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path, db: Any) -> None:
    """plans_sampled counts the drawn sample; alpha is null when every grade is the same."""
    path = setup(capsys, tmp_path, db)
    ok(capsys, "--db", path, "session", "create", "S2", "--rubric", "audit-x", "--date",
       "2026-05-01")
    ok(capsys, "--db", path, "sample", "draw", "--session", "S2", "--size", "3", "--seed", "1")
    audits(capsys, tmp_path, path, "session,plan_ref,auditor,overall\n"
           "S2,P1,Ann,3\nS2,P1,Bob,3\nS2,P2,Ann,3\nS2,P2,Bob,3\n")
    data = report(capsys, tmp_path, path, "key-issues", "--session", "S2")
    assert (data["plans_sampled"], data["plans_audited"], data["plans_moderated"]) == (3, 2, 0)
    assert data["percent_good"] is None and data["target_percent_good"] == 75.0
    assert data["agreement"]["pairs"] == 2
    assert data["agreement"]["overall_exact_percent"] == 100.0
    assert data["agreement"]["krippendorff_alpha_ordinal"] is None


TREND = """\
session,rubric,plan_ref,auditor,audit_date,overall,q1,q2,themes
Dec,audit-x,P1,panel,2025-12-31,1,N,N,vague
Jan A,audit-x,P1,panel,2026-01-31,3,Y,Y,vague
Jan A,audit-x,P2,PANEL,2026-01-31,1,NA,N,vague;voice
Jan A,audit-x,P3,Ann,2026-01-31,2,,,voice
Feb A,audit-x,P1,Panel,2026-02-01,4,,,vague
Apr A,audit-x,P3,panel,2026-04-30,2,P,,
Apr A,audit-x,P4,Ann,2026-04-30,3,,,voice
May,audit-x,P4,panel,2026-05-01,4,,,voice
"""
OTHER = "session,plan_ref,auditor,audit_date,overall\nApr B,P2,panel,2026-04-30,7\n"


def test_trend_months_targets_and_rubric_choice(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path, db: Any) -> None:
    path = setup(capsys, tmp_path, db)
    audits(capsys, tmp_path, path, TREND)
    audits(capsys, tmp_path, path, OTHER, "--rubric", "multi-agency-ehcp")
    # Apr A and Apr B are both dated 2026-04-30: the greatest name, Apr B, decides
    chosen = report(capsys, tmp_path, path, "trend", "--from", "2026-01", "--to", "2026-04")
    assert chosen["rubric"] == "multi-agency-ehcp"
    assert [p["plans_moderated"] for p in chosen["periods"]] == [0, 0, 0, 1]
    data = report(capsys, tmp_path, path, "trend", "--from", "2026-01", "--to", "2026-04",
                  "--rubric", "audit-x")
    assert data["rubric"] == "audit-x"
    assert data["target_percent_good"] == 75.0  # in force on 2026-04-30
    months = {p["period"]: p for p in data["periods"]}
    assert list(months) == ["2026-01", "2026-02", "2026-03", "2026-04"]
    jan, feb, mar, apr = (months[k] for k in months)
    assert (jan["plans_moderated"], jan["percent_good"]) == (2, 50.0)
    assert (jan["ci_low"], jan["ci_high"]) == wilson(1, 2)
    assert (feb["plans_moderated"], feb["percent_good"]) == (1, 100.0)
    assert (feb["ci_low"], feb["ci_high"]) == wilson(1, 1)
    assert (mar["plans_moderated"], mar["percent_good"], mar["ci_low"], mar["ci_high"]) == (
        0, None, None, None)
    assert (apr["plans_moderated"], apr["percent_good"]) == (1, 0.0)
    assert (apr["ci_low"], apr["ci_high"]) == wilson(0, 1)
    assert [p["target_percent_good"] for p in data["periods"]] == [50.0, 50.0, 50.0, 75.0]
    # core over January's moderated plans: P1 (Y, Y) met, P2 (NA, N) counted, not met
    core = jan["indicators"]["core"]
    assert (core["plans"], core["met"], core["percent_met"]) == (2, 1, 50.0)
    assert (feb["indicators"]["core"]["plans"], feb["indicators"]["core"]["percent_met"]) == (
        0, None)


def test_themes_by_month(capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Any) -> None:
    path = setup(capsys, tmp_path, db)
    audits(capsys, tmp_path, path, TREND)
    data = report(capsys, tmp_path, path, "themes", "--from", "2026-01", "--to", "2026-04")
    th = {t["id"]: t for t in data["themes"]}
    # vague, agreed: P1 and P2 in January, P1 again in February -> 2 distinct plans
    assert (th["vague"]["plans"], th["vague"]["raised"]) == (2, 2)
    assert nonzero(th["vague"]["by_month"]) == {"2026-01": 2, "2026-02": 1}
    # voice, agreed: P2 in January; raised also by Ann on P3 (Jan) and P4 (Apr); May outside
    assert (th["voice"]["plans"], th["voice"]["raised"]) == (1, 3)
    assert nonzero(th["voice"]["by_month"]) == {"2026-01": 1}


def test_rounding_half_away_and_session_plan_pairs(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path, db: Any) -> None:
    """1 of 16 = 6.25 -> 6.3 (half away from zero, not to even); the trend counts
    (session, plan) pairs, so R0 agreed in two January sessions counts twice."""
    path = str(db.target.path)
    ok(capsys, "--db", path, "rubric", "import", str(RUBRIC))
    f = tmp_path / "register.csv"
    f.write_text("plan_ref,issue_date,request_date\nR0,2026-01-10,2026-01-01\n"
                 + "".join(f"R{i},2026-01-10,2025-01-01\n" for i in range(1, 16)),
                 encoding="utf-8")
    ok(capsys, "--db", path, "plans", "import", str(f))
    audits(capsys, tmp_path, path, "session,plan_ref,auditor,audit_date,overall\n"
           + "".join(f"A,R{i},panel,2026-01-05,{3 if i == 0 else 2}\n" for i in range(16))
           + "B,R0,panel,2026-01-20,3\n", "--rubric", "audit-x")
    t = report(capsys, tmp_path, path, "timeliness", "--from", "2026-01", "--to", "2026-01")
    assert (t["new_plans"]["within_20_weeks"], t["new_plans"]["percent_within_20_weeks"]) == (
        1, 6.3)
    assert report(capsys, tmp_path, path, "key-issues", "--session", "A")["percent_good"] == 6.3
    jan = report(capsys, tmp_path, path, "trend", "--from", "2026-01", "--to",
                 "2026-01")["periods"][0]
    assert (jan["plans_moderated"], jan["percent_good"]) == (17, 11.8)
    assert (jan["ci_low"], jan["ci_high"]) == wilson(2, 17)


def test_plan_feedback_from_agreed_row_only(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path, db: Any) -> None:
    path = setup(capsys, tmp_path, db)
    audits(capsys, tmp_path, path,
           "session,plan_ref,auditor,audit_date,overall,q1,q1.note,q2,q2.agency,q2.note,q3,"
           "q4,strengths,development\n"
           "S1,P1,Ann,2026-03-02,2,N,Ann private note,N,ep,,1,N,Ann strengths,Ann dev\n"
           "S1,P1,panel,2026-03-05,2,Y,good,P,ep;health,Vague provision,4,N,Clear outcomes,"
           "Quantify provision\n", "--rubric", "audit-x")
    ok(capsys, "--db", path, "actions", "add", "--session", "S1", "--plan", "P1", "--text",
       "Rewrite F", "--owner", "Jo", "--due", "2026-04-01")
    js = tmp_path / "pf.json"
    ok(capsys, "--db", path, "report", "plan-feedback", "--session", "S1", "--plan", "p1",
       "--out", str(tmp_path / "pf.pdf"), "--json", str(js))
    data = json.loads(js.read_text(encoding="utf-8"))
    want = {"session": "S1", "plan_ref": "P1", "grade": 2, "band": "Poor",
            "strengths": "Clear outcomes", "development": "Quantify provision",
            # agreed shortfalls only: q2 P and q4 N (q1 Y and q3 4 are not shortfalls)
            "shortfalls": [{"question": "q2", "answer": "P", "note": "Vague provision",
                            "agencies": ["ep", "health"]},
                           {"question": "q4", "answer": "N", "note": None, "agencies": []}],
            "actions": [{"text": "Rewrite F", "owner": "Jo", "due": "2026-04-01"}]}
    assert {k: data.get(k) for k in want} == want
    assert "Ann" not in json.dumps(data)  # no member's scores, notes or name
