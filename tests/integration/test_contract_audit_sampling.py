"""Independent audit of sample draw, actions/re-audits and the health deep dive against
CONTRACT.md v2, with the expected values worked out by hand in the comments."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from .cli_helpers import db_fingerprint, run_cli

pytestmark = pytest.mark.integration

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
RUBRIC = Path(__file__).with_name("contract_audit_rubric.yaml")
# 12 plans: North N1-N7 (January), South S1-S3 (February), West W1 (March), X1 no team
REGISTER = ("plan_ref,issue_date,team\n"
            + "".join(f"N{i},2026-01-0{i},North\n" for i in range(1, 8))
            + "".join(f"S{i},2026-02-0{i},South\n" for i in range(1, 4))
            + "W1,2026-03-01,West\nX1,2025-12-31,\n")


def ok(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    r = run_cli(capsys, *args)
    assert r.code == 0, r.err
    return r.out


def validate(data: object, schema: str) -> None:
    spec = json.loads((SCHEMAS / f"{schema}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(spec).validate(data)


@pytest.fixture
def store(capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Any) -> str:
    path = str(db.target.path)
    ok(capsys, "--db", path, "rubric", "import", str(RUBRIC))
    f = tmp_path / "register.csv"
    f.write_text(REGISTER, encoding="utf-8")
    ok(capsys, "--db", path, "plans", "import", str(f))
    # N1 audited exactly 12 months before 2026-06-15, N2 a day earlier, N3 after that date
    for name, date, ref in (("Old", "2025-06-15", "N1"), ("Older", "2025-06-14", "N2"),
                            ("Later", "2026-07-01", "N3")):
        ok(capsys, "--db", path, "session", "create", name, "--rubric", "audit-x", "--date", date)
        f = tmp_path / f"{name}.csv"
        f.write_text(f"session,plan_ref,auditor,overall\n{name},{ref},Ann,3\n", encoding="utf-8")
        ok(capsys, "--db", path, "audits", "import", str(f))
    ok(capsys, "--db", path, "session", "create", "New", "--rubric", "audit-x", "--date",
       "2026-06-15")
    return path


def draw(capsys: pytest.CaptureFixture[str], path: str, *args: str) -> dict[str, Any]:
    data = json.loads(ok(capsys, "--db", path, "sample", "draw", "--session", "New", *args,
                         "--json"))
    validate(data, "sample")
    return data


def test_eligibility_percent_and_window(capsys: pytest.CaptureFixture[str],
                                        store: str) -> None:
    # plans merely sampled in another session stay eligible
    ok(capsys, "--db", store, "session", "create", "Drawn", "--rubric", "audit-x", "--date",
       "2026-06-01")
    ok(capsys, "--db", store, "sample", "draw", "--session", "Drawn", "--size", "6")
    # 12 plans less N1 (audited in a session dated 12 months before, inside the window);
    # N2 (a day earlier) and N3 (a later session) stay eligible -> 11; ceil(50% of 11) = 6
    data = draw(capsys, store, "--percent", "50", "--seed", "5")
    assert (data["session"], data["seed"], data["eligible"], len(data["plans"])) == (
        "New", 5, 11, 6)
    assert "N1" not in data["plans"]
    # inclusive issue window: N2-N7, S1, S2 -> 8; ceil(4.0) = 4
    data = draw(capsys, store, "--percent", "50", "--seed", "5", "--issued-from", "2026-01-02",
                "--issued-to", "2026-02-02")
    assert (data["eligible"], len(data["plans"])) == (8, 4)
    assert set(data["plans"]) <= {"N2", "N3", "N4", "N5", "N6", "N7", "S1", "S2"}
    # --exclude-months 0: every plan
    assert draw(capsys, store, "--size", "1", "--exclude-months", "0")["eligible"] == 12
    # the same settings and seed give the same sample
    assert draw(capsys, store, "--size", "5", "--seed", "9")["plans"] == draw(
        capsys, store, "--size", "5", "--seed", "9")["plans"]
    # no seed: one is chosen, printed and stored
    assert isinstance(draw(capsys, store, "--size", "2")["seed"], int)
    r = run_cli(capsys, "--db", store, "sample", "draw", "--session", "New", "--size", "12")
    assert r.code != 0 and r.err.strip() and "Traceback" not in r.err


def team_counts(plans: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for ref in plans:
        out[ref[0]] = out.get(ref[0], 0) + 1
    return out


def test_stratified_largest_remainder(capsys: pytest.CaptureFixture[str], store: str) -> None:
    # eligible strata: North 6 (N2-N7), South 3, West 1, no team 1 (X1) = 11
    # size 5: every non-empty stratum gets one (4), the fifth by largest remainder of
    # 5 x 6/11 = 2.73, 1.36, 0.45, 0.45 -> North 2, South 1, West 1, none 1
    data = draw(capsys, store, "--size", "5", "--seed", "5", "--stratify", "team")
    assert team_counts(data["plans"]) == {"N": 2, "S": 1, "W": 1, "X": 1}
    # size 3 cannot give one to each of four: 3 x 6/11 = 1.64, 0.82, 0.27, 0.27 -> floors
    # 1, 0, 0, 0; two more by largest remainder: South (0.82), North (0.64) -> 2, 1
    data = draw(capsys, store, "--size", "3", "--seed", "5", "--stratify", "team")
    assert team_counts(data["plans"]) == {"N": 2, "S": 1}


def test_redraw_refused_once_scoring_started(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path, store: str) -> None:
    first = draw(capsys, store, "--size", "2", "--seed", "1")
    f = tmp_path / "s.csv"
    f.write_text(f"session,plan_ref,auditor,overall\nNew,{first['plans'][0]},Ann,3\n",
                 encoding="utf-8")
    ok(capsys, "--db", store, "audits", "import", str(f))
    before = db_fingerprint(Path(store))
    r = run_cli(capsys, "--db", store, "sample", "draw", "--session", "New", "--size", "3")
    assert r.code != 0 and len(r.err.strip().splitlines()) == 1
    assert db_fingerprint(Path(store)) == before


def test_actions_and_reaudit(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                             store: str) -> None:
    # N3 was audited in 'Later' (1 July 2026); its re-audit action is for the next sample
    # of a later session on the same rubric, exclusion window or not
    ok(capsys, "--db", store, "actions", "add", "--session", "Old", "--plan", "n1", "--text",
       "Quantify section F", "--owner", "Jo", "--due", "2026-07-01", "--reaudit")
    ok(capsys, "--db", store, "actions", "add", "--session", "Old", "--plan", "N2", "--text",
       "Letter")
    assert run_cli(capsys, "--db", store, "actions", "add", "--session", "Old", "--plan", "ZZ9",
                   "--text", "x").code != 0
    listed = json.loads(ok(capsys, "--db", store, "actions", "list", "--json"))
    assert listed == [
        {"id": listed[0]["id"], "session": "Old", "plan_ref": "N1", "text": "Quantify section F",
         "owner": "Jo", "due": "2026-07-01", "status": "open", "reaudit": True,
         "reaudit_session": None, "reaudit_grade": None},
        {"id": listed[1]["id"], "session": "Old", "plan_ref": "N2", "text": "Letter",
         "owner": None, "due": None, "status": "open", "reaudit": False,
         "reaudit_session": None, "reaudit_grade": None}]
    ok(capsys, "--db", store, "actions", "close", str(listed[1]["id"]))
    # New (15 June 2026) would exclude N1 (audited 12 months before): the re-audit ignores it
    data = draw(capsys, store, "--size", "2", "--seed", "4")
    assert data["reaudits"] == ["N1"] and "N1" in data["plans"] and len(data["plans"]) == 3
    assert data["eligible"] == 11  # the size draw's pool: N1 is inside the window
    f = tmp_path / "agreed.csv"
    f.write_text("session,plan_ref,auditor,overall\nNew,N1,PANEL,4\n", encoding="utf-8")
    ok(capsys, "--db", store, "audits", "import", str(f))
    listed = json.loads(ok(capsys, "--db", store, "actions", "list", "--json"))
    assert (listed[0]["reaudit_session"], listed[0]["reaudit_grade"]) == ("New", 4)
    assert listed[1]["status"] == "done"
    js = tmp_path / "ki.json"
    ok(capsys, "--db", store, "report", "key-issues", "--session", "New", "--out",
       str(tmp_path / "ki.pdf"), "--json", str(js))
    # Old's N1 was graded by Ann only: no agreed previous grade
    assert json.loads(js.read_text(encoding="utf-8"))["reaudits"] == [
        {"plan_ref": "N1", "previous_session": "Old", "previous_grade": None, "grade": 4}]


ADVICE = ("plan_ref,service,requested_date,received_date\n"
          "N1,SALT,2026-01-05,2026-02-16\n"        # 42 days: within
          "n1,ot,05/01/2026,\n"                    # outstanding
          "N2,paediatrics,2026-01-31,2026-03-14\n"  # 42 days, returned after the period
          "N2,ep,2026-02-01,2026-02-01\n"          # not a health service: still listed
          "N3,salt,2026-02-28,2026-04-12\n"        # 43 days: late
          "N4,salt,2025-12-31,2026-01-02\n"        # requested before the period
          "N5,salt,2026-03-01,2026-03-02\n")       # after the period
DCO = ("session,plan_ref,service,requested_date,auditor,audit_date,overall\n"
       "DCO,N1,salt,2026-01-05,panel,2026-03-10,3\n"
       "DCO,N3,salt,2026-02-28,Panel,2026-03-10,1\n"
       "DCO,N3,salt,2026-02-28,Ann,2026-03-10,4\n"
       "DCO,N4,salt,2025-12-31,panel,2026-03-10,4\n"
       "DCO,N2,paediatrics,2026-01-31,Ann,2026-03-10,3\n")


def test_health_deep_dive(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                          store: str) -> None:
    f = tmp_path / "advice.csv"
    f.write_text(ADVICE, encoding="utf-8")
    ok(capsys, "--db", store, "advice", "import", str(f))
    f = tmp_path / "dco.csv"
    f.write_text(DCO, encoding="utf-8")
    ok(capsys, "--db", store, "audits", "import", str(f), "--rubric", "dco-health-advice")
    js = tmp_path / "h.json"
    ok(capsys, "--db", store, "report", "health", "--from", "2026-01", "--to", "2026-02",
       "--out", str(tmp_path / "h.pdf"), "--json", str(js))
    data = json.loads(js.read_text(encoding="utf-8"))
    validate(data, "health")
    assert [s["service"] for s in data["services"]] == ["ep", "ot", "paediatrics", "salt"]
    keys = ("requested", "returned", "outstanding", "within_6_weeks", "percent_within_6_weeks",
            "audited", "good", "percent_good")
    got = {s["service"]: [s[k] for k in keys] for s in data["services"]}
    assert got == {
        "ep": [1, 1, 0, 1, 100.0, 0, 0, None],
        "ot": [1, 0, 1, 0, 0.0, 0, 0, None],
        "paediatrics": [1, 1, 0, 1, 100.0, 0, 0, None],  # audited by Ann only
        "salt": [2, 2, 0, 1, 50.0, 2, 1, 50.0],          # N1 3 good, N3 1; N4 outside
    }


def test_advice_bad_rows(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                         store: str) -> None:
    f = tmp_path / "advice.csv"
    f.write_text("Child ID,Service,Requested Date,Received Date\n"
                 "N1,SALT,2026-01-05,2026-02-16\n"
                 "n1,salt,05/01/2026,\n"          # same key, other case and date format
                 "N2,ot,2026-01-05,2026-01-04\n"  # received before requested
                 "ZZ9,ot,2026-01-05,\n"           # not in the register
                 "N3,dentist,2026-01-05,\n", encoding="utf-8")
    before = db_fingerprint(Path(store))
    r = run_cli(capsys, "--db", store, "advice", "import", str(f))
    assert r.code != 0
    lines = r.err.strip().splitlines()
    assert "4 bad rows" in lines[0]
    assert [line.split(":")[0] for line in lines[1:]] == [
        "row 3, column Child ID", "row 4, column Received Date", "row 5, column Child ID",
        "row 6, column Service"]
    assert db_fingerprint(Path(store)) == before
