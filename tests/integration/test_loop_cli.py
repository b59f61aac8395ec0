"""Issue 19 must-show: one plan followed through the whole loop from the command line.

Shortfall agreed in March; an action with --reaudit; April's sample draws the plan
despite the 12-month exclusion window, on top of --size; April re-scores it; the
action shows the re-audit's session and grade; April's key issues report shows
before and after; the action is closed. Plus the caseworker's letter, checked for
other members' scores and for names on the redaction list.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from .cli_helpers import run_cli

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
RUBRIC = "multi-agency-ehcp"
HEADER = ("session,plan_ref,auditor,agency,audit_date,overall,cyp_voice,cyp_voice.note,"
          "cyp_voice.agency,strengths,development")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def loop_db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
    db = str(tmp_path / "loop.sqlite3")
    assert run_cli(capsys, "--db", db, "init").code == 0
    plans = "plan_ref,issue_date,team,caseworker\n" + "".join(
        f"L{i:02d},2026-01-{i:02d},{'North' if i % 2 else 'South'},Casey Jones\n"
        for i in range(1, 13))
    r = run_cli(capsys, "--db", db, "plans", "import", str(_write(tmp_path / "p.csv", plans)))
    assert r.code == 0, r.err
    march = [HEADER,
             "March,L01,Alice Smith,health,2026-03-10,3,N,Alice's own note,,,",
             "March,L01,Bob Brown,ep,2026-03-10,5,P,,,,",
             "March,L01,panel,,2026-03-10,4,N,No views of Jordan Bloggs at all,"
             "health;social_care,Clear outcomes for Jordan Bloggs,Gather the child's views",
             "March,L02,panel,,2026-03-10,7,Y,,,Strong,"]
    r = run_cli(capsys, "--db", db, "audits", "import",
                str(_write(tmp_path / "march.csv", "\n".join(march) + "\n")),
                "--rubric", RUBRIC)
    assert r.code == 0, r.err
    return db


def test_one_plan_through_the_whole_loop(capsys, tmp_path: Path, loop_db: str) -> None:
    db = loop_db
    r = run_cli(capsys, "--db", db, "actions", "add", "--session", "March", "--plan", "l01",
                "--text", "Return to caseworker: gather and record the child's views",
                "--owner", "SEN team", "--due", "2026-04-01", "--reaudit")
    assert r.code == 0, r.err
    listed = run_cli(capsys, "--db", db, "actions", "list", "--json").json()
    assert listed == [{"id": 1, "session": "March", "plan_ref": "L01",
                       "text": "Return to caseworker: gather and record the child's views",
                       "owner": "SEN team", "due": "2026-04-01", "status": "open",
                       "reaudit": True, "reaudit_session": None, "reaudit_grade": None}]

    # a session dated before March, or on another rubric, does not take the re-audit
    assert run_cli(capsys, "--db", db, "session", "create", "Feb", "--rubric", RUBRIC,
                   "--date", "2026-02-15").code == 0
    early = run_cli(capsys, "--db", db, "sample", "draw", "--session", "Feb", "--size", "2",
                    "--seed", "1", "--json").json()
    assert early["reaudits"] == []

    # April: L01 was audited in March, inside the 12-month window, yet is drawn on top
    assert run_cli(capsys, "--db", db, "session", "create", "April", "--rubric", RUBRIC,
                   "--date", "2026-04-20").code == 0
    r = run_cli(capsys, "--db", db, "sample", "draw", "--session", "April", "--size", "3",
                "--seed", "7", "--exclude-months", "12", "--json")
    assert r.code == 0, r.err
    sample = r.json()
    jsonschema.validate(sample, json.loads((SCHEMAS / "sample.schema.json").read_text()))
    assert sample["reaudits"] == ["L01"]
    assert sample["plans"][0] == "L01" and len(sample["plans"]) == 4
    assert "L02" not in sample["plans"]  # the window still applies to everyone else
    assert sample["eligible"] == 10  # L03..L12; the re-audit is outside the rules
    shown = run_cli(capsys, "--db", db, "sample", "show", "--session", "April").out
    assert "L01" in shown

    # re-scored in April: the action now shows the re-audit's session and grade
    april = [HEADER, "April,L01,panel,,2026-04-21,6,Y,Views now in the child's words,,Voice,"]
    r = run_cli(capsys, "--db", db, "audits", "import",
                str(_write(tmp_path / "april.csv", "\n".join(april) + "\n")))
    assert r.code == 0, r.err
    action = run_cli(capsys, "--db", db, "actions", "list", "--json").json()[0]
    assert (action["reaudit_session"], action["reaudit_grade"]) == ("April", 6)

    # April's key issues report: before and after
    out = tmp_path / "april.json"
    r = run_cli(capsys, "--db", db, "report", "key-issues", "--session", "April",
                "--out", str(tmp_path / "april.pdf"), "--json", str(out))
    assert r.code == 0, r.err
    figures = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(figures, json.loads((SCHEMAS / "key-issues.schema.json").read_text()))
    assert figures["reaudits"] == [{"plan_ref": "L01", "previous_session": "March",
                                    "previous_grade": 4, "grade": 6}]
    pdf_text = "".join(p.extract_text() for p in PdfReader(tmp_path / "april.pdf").pages)
    assert "Re-audited plans" in pdf_text and "March" in pdf_text

    # the next session does not draw it again, and closing ends the loop
    assert run_cli(capsys, "--db", db, "session", "create", "May", "--rubric", RUBRIC,
                   "--date", "2026-05-20").code == 0
    may = run_cli(capsys, "--db", db, "sample", "draw", "--session", "May", "--size", "2",
                  "--seed", "3", "--exclude-months", "0", "--json").json()
    assert may["reaudits"] == []
    r = run_cli(capsys, "--db", db, "actions", "close", "1")
    assert r.code == 0, r.err
    assert run_cli(capsys, "--db", db, "actions", "list", "--json").json()[0]["status"] == "done"


def test_closed_action_is_not_drawn(capsys, loop_db: str) -> None:
    db = loop_db
    assert run_cli(capsys, "--db", db, "actions", "add", "--session", "March", "--plan", "L01",
                   "--text", "Re-audit", "--reaudit").code == 0
    assert run_cli(capsys, "--db", db, "actions", "close", "1").code == 0
    assert run_cli(capsys, "--db", db, "session", "create", "April", "--rubric", RUBRIC,
                   "--date", "2026-04-20").code == 0
    sample = run_cli(capsys, "--db", db, "sample", "draw", "--session", "April", "--size", "2",
                     "--json").json()
    assert sample["reaudits"] == [] and "L01" not in sample["plans"]


@pytest.mark.parametrize(("args", "first_line"), [
    (["--session", "Nope", "--plan", "L01", "--text", "x"], "No audit session named 'Nope'"),
    (["--session", "March", "--plan", "ZZ9", "--text", "x"], "No plan 'ZZ9'"),
    (["--session", "March", "--plan", "L01", "--text", "x", "--due", "31/02/2026"],
     "not a date"),
])
def test_actions_add_errors(capsys, loop_db: str, args: list[str], first_line: str) -> None:
    r = run_cli(capsys, "--db", loop_db, "actions", "add", *args)
    assert r.code != 0
    assert first_line in r.err.splitlines()[0]
    assert "Traceback" not in r.err


def test_actions_close_unknown_id(capsys, loop_db: str) -> None:
    r = run_cli(capsys, "--db", loop_db, "actions", "close", "99")
    assert r.code != 0 and "No action with id 99" in r.err.splitlines()[0]


def test_plan_feedback_letter(capsys, tmp_path: Path, loop_db: str,
                              isolated_home: Path) -> None:
    db = loop_db
    from qa_audit.reporting.redaction import redaction_names_path

    redaction_names_path().parent.mkdir(parents=True, exist_ok=True)
    redaction_names_path().write_text("Jordan Bloggs\nCasey Jones\nSEN Lead Sam\n",
                                      encoding="utf-8")
    assert run_cli(capsys, "--db", db, "actions", "add", "--session", "March", "--plan", "L01",
                   "--text", "Ask SEN Lead Sam to add the child's views", "--owner",
                   "Casey Jones", "--due", "2026-04-01").code == 0
    pdf, js = tmp_path / "letter.pdf", tmp_path / "letter.json"
    r = run_cli(capsys, "--db", db, "report", "plan-feedback", "--session", "March",
                "--plan", "L01", "--out", str(pdf), "--json", str(js))
    assert r.code == 0, r.err
    data = json.loads(js.read_text(encoding="utf-8"))
    assert {k: data[k] for k in ("session", "plan_ref", "grade", "band")} == {
        "session": "March", "plan_ref": "L01", "grade": 4, "band": data["band"]}
    assert data["band"]
    assert data["shortfalls"] == [{"question": "cyp_voice", "answer": "N",
                                   "note": "No views of [name] at all",
                                   "agencies": ["health", "social_care"]}]
    assert data["actions"] == [{"text": "Ask [name] to add the child's views",
                                "owner": "[name]", "due": "2026-04-01"}]
    assert data["strengths"] == "Clear outcomes for [name]"
    reader = PdfReader(pdf)
    assert 1 <= len(reader.pages) <= 2
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "No views of [name] at all" in text and "Agreed grade: 4" in text
    for name in ("Jordan", "Bloggs", "Casey", "Sam", "Alice", "Bob"):
        assert name not in text
    assert "Alice's own note" not in text
    assert "grade: 3" not in text.lower() and "grade: 5" not in text.lower()


def test_plan_feedback_plan_not_in_session(capsys, tmp_path: Path, loop_db: str) -> None:
    r = run_cli(capsys, "--db", loop_db, "report", "plan-feedback", "--session", "March",
                "--plan", "L09", "--out", str(tmp_path / "x.pdf"))
    assert r.code != 0 and "neither sampled nor audited" in r.err.splitlines()[0]
