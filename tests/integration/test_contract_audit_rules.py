"""Independent audit of CONTRACT.md v2 rules beyond the figures: ``applies_when`` on
built-in and custom plan fields (any case, numbers as numbers, a missing field applies),
strata ties, ``session status`` guards, rubric versions and the target schedule the
reports take from the latest version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .cli_helpers import named_cells, run_cli

pytestmark = pytest.mark.integration

HERE = Path(__file__).parent
RUBRIC = HERE / "contract_audit_rubric.yaml"
CONDITIONS = HERE / "contract_audit_conditions.yaml"


def ok(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    r = run_cli(capsys, *args)
    assert r.code == 0, r.err
    return r.out


def write(tmp_path: Path, name: str, text: str) -> str:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return str(f)


def test_applies_when(capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Any) -> None:
    path = str(db.target.path)
    ok(capsys, "--db", path, "rubric", "import", str(CONDITIONS))
    ok(capsys, "--db", path, "plans", "import", write(
        tmp_path, "r.csv", "plan_ref,issue_date,year_group,looked_after,score,"
        "direct_payments,plan_type\n"
        "C1,2026-01-01,N1,YES,10,no,amended\n"    # N1 = -2; 10 >= 9 as numbers
        "C2,2026-01-01,R,No,8,yes,new\n"          # R = 0
        "C3,2026-01-01,1,,,,new\n"                # custom fields missing: they apply
        "C4,2026-01-01,9,yes,abc,true,review\n"), "--field", "looked_after", "--field", "score")
    # la: looked_after == yes; num: score >= 9; eyrs: year_group <= 0;
    # dp: direct_payments == yes or plan_type in [Amended, review]; ph: phase == secondary
    r = run_cli(capsys, "--db", path, "audits", "import", write(
        tmp_path, "a.csv", "session,plan_ref,auditor,overall,la,num,eyrs,dp,ph\n"
        "S,C1,A,3,Y,Y,Y,Y,\n"
        "S,C2,A,3,Y,Y,Y,Y,\n"
        "S,C3,A,3,Y,Y,Y,Y,Y\n"
        "S,C4,A,3,Y,Y,Y,Y,Y\n"), "--rubric", "cond-x")
    assert r.code != 0
    named = named_cells(r.err)
    assert named == ["row 3, column la", "row 3, column num", "row 4, column eyrs",
                     "row 4, column ph", "row 5, column eyrs"]


def test_strata_ties_and_status_guards(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       db: Any) -> None:
    path = str(db.target.path)
    ok(capsys, "--db", path, "rubric", "import", str(RUBRIC))
    ok(capsys, "--db", path, "plans", "import", write(
        tmp_path, "t.csv", "plan_ref,issue_date,team\nG1,2026-01-01,gamma\n"
        "B1,2026-01-01,beta\nA1,2026-01-01,alpha\nA2,2026-01-01,alpha\n"
        "B2,2026-01-01,beta\nG2,2026-01-01,gamma\n"))
    ok(capsys, "--db", path, "session", "create", "T", "--rubric", "audit-x", "--date",
       "2026-02-01")
    # size 2 < 3 strata: quotas 2/3 each, all remainders equal -> alpha and beta by name
    for seed in ("1", "2", "3"):
        drawn = json.loads(ok(capsys, "--db", path, "sample", "draw", "--session", "T",
                              "--size", "2", "--seed", seed, "--stratify", "team", "--json"))
        assert sorted(ref[0] for ref in drawn["plans"]) == ["A", "B"]
    ok(capsys, "--db", path, "session", "status", "T", "scoring")
    r = run_cli(capsys, "--db", path, "session", "status", "T", "moderation")
    assert r.code != 0 and "2 of 2" in r.err.splitlines()[0]
    plans = drawn["plans"]
    ok(capsys, "--db", path, "audits", "import", write(
        tmp_path, "a.csv", f"session,plan_ref,auditor,overall\nT,{plans[0]},Ann,3\n"))
    r = run_cli(capsys, "--db", path, "session", "status", "T", "moderation")
    assert r.code != 0 and "1 of 2" in r.err.splitlines()[0]
    r = run_cli(capsys, "--db", path, "session", "status", "T", "closed")
    assert r.code != 0 and "2 of 2" in r.err.splitlines()[0]
    ok(capsys, "--db", path, "session", "status", "T", "moderation", "--force")


def test_rubric_versions_and_latest_schedule(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path, db: Any) -> None:
    path = str(db.target.path)
    ok(capsys, "--db", path, "rubric", "import", str(RUBRIC))
    ok(capsys, "--db", path, "plans", "import", write(
        tmp_path, "r.csv", "plan_ref,issue_date\nP1,2026-01-01\n"))
    ok(capsys, "--db", path, "audits", "import", write(
        tmp_path, "a.csv", "session,plan_ref,auditor,audit_date,overall\n"
        "Apr,P1,panel,2026-04-30,3\n"), "--rubric", "audit-x")
    v2 = RUBRIC.read_text(encoding="utf-8").replace("percent: 75}", "percent: 90}")
    made = json.loads(ok(capsys, "--db", path, "rubric", "import",
                         write(tmp_path, "v2.yaml", v2), "--json"))
    assert (made["version"], made["created"]) == (2, True)
    again = json.loads(ok(capsys, "--db", path, "rubric", "import",
                          write(tmp_path, "v2.yaml", v2), "--json"))
    assert (again["version"], again["created"]) == (2, False)
    listed = {r["id"]: r["version"] for r in json.loads(ok(capsys, "--db", path, "rubric",
                                                           "list", "--json"))}
    assert listed["audit-x"] == 2
    v1 = json.loads(ok(capsys, "--db", path, "rubric", "show", "audit-x", "--version", "1",
                       "--json"))
    assert v1["version"] == 1 and v1["overall"]["targets"][-1]["percent"] == 75.0
    # the session stays on version 1; its target comes from version 2's schedule
    js = tmp_path / "k.json"
    ok(capsys, "--db", path, "report", "key-issues", "--session", "Apr", "--out",
       str(tmp_path / "k.pdf"), "--json", str(js))
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["rubric"]["version"] == 1 and data["target_percent_good"] == 90.0
    assert run_cli(capsys, "--db", path, "rubric", "show", "audit-x", "--version", "3").code != 0


def test_bands_from_the_sessions_version(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         db: Any) -> None:
    """Version 2 moves grade 3 out of the good band: sessions on version 1 keep their
    own bands in key issues, trend and scorecard alike (only targets come from the
    latest version)."""
    path = str(db.target.path)
    ok(capsys, "--db", path, "rubric", "import", str(RUBRIC))
    ok(capsys, "--db", path, "plans", "import", write(
        tmp_path, "r.csv", "plan_ref,issue_date\nP1,2026-01-01\nP2,2026-01-01\n"))
    ok(capsys, "--db", path, "audits", "import", write(
        tmp_path, "a.csv", "session,plan_ref,auditor,audit_date,overall\n"
        "M,P1,panel,2026-03-01,3\nM,P2,panel,2026-03-01,4\n"), "--rubric", "audit-x")
    v2 = RUBRIC.read_text(encoding="utf-8").replace(
        "{label: Poor, from: 1, to: 2,", "{label: Poor, from: 1, to: 3,").replace(
        "{label: Good, from: 3, to: 4,", "{label: Good, from: 4, to: 4,")
    ok(capsys, "--db", path, "rubric", "import", write(tmp_path, "v2.yaml", v2))
    got = []
    for kind, args in (("key-issues", ("--session", "M")),
                       ("trend", ("--from", "2026-03", "--to", "2026-03", "--rubric",
                                  "audit-x")),
                       ("scorecard", ("--from", "2026-03", "--to", "2026-03", "--rubric",
                                      "audit-x"))):
        js = tmp_path / f"{kind}.json"
        ok(capsys, "--db", path, "report", kind, *args, "--out", str(tmp_path / "x.pdf"),
           "--json", str(js))
        data = json.loads(js.read_text(encoding="utf-8"))
        got.append(data["percent_good"] if kind == "key-issues" else
                   (data.get("periods") or data.get("quarters"))[0]["percent_good"])
    assert got == [100.0, 100.0, 100.0]


def test_target_in_force_on_the_session_date(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path, db: Any) -> None:
    """Schedule 50 from 2026-01-01, 75 from 2026-04-01; indicator 60 from 2026-02-01."""
    path = str(db.target.path)
    ok(capsys, "--db", path, "rubric", "import", str(RUBRIC))
    ok(capsys, "--db", path, "plans", "import", write(
        tmp_path, "r.csv", "plan_ref,issue_date\nP1,2025-01-01\n"))
    for day, target, indicator in (("2026-03-31", 50.0, 60.0), ("2026-04-01", 75.0, 60.0),
                                   ("2026-01-31", 50.0, None), ("2025-12-31", None, None)):
        ok(capsys, "--db", path, "session", "create", day, "--rubric", "audit-x", "--date",
           day)
        ok(capsys, "--db", path, "audits", "import", write(
            tmp_path, "a.csv", f"session,plan_ref,auditor,overall\n{day},P1,panel,3\n"))
        js = tmp_path / "k.json"
        ok(capsys, "--db", path, "report", "key-issues", "--session", day, "--out",
           str(tmp_path / "k.pdf"), "--json", str(js))
        data = json.loads(js.read_text(encoding="utf-8"))
        assert (data["target_percent_good"], data["indicators"][0]["target_percent"]) == (
            target, indicator), day
