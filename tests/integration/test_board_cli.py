"""The board's commands end to end: plans import's exception, reviews and feedback imports
(all or nothing, every bad row named, keys, re-import counts), report timeliness and
report scorecard (JSON against the contract's schemas), the scorecard narrative."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from sqlalchemy import select

from qa_audit.storage import models as m

from .cli_helpers import db_fingerprint, run_cli

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"

REGISTER = ("Child ID,Date Issued,Request Date,Plan Type,Exception\n"
            "AB1,2026-03-02,2025-10-13,new,no\n"  # 140 days
            "AB2,2026-03-03,2025-10-13,new,\n"  # 141 days
            "AB3,2026-03-04,2025-08-01,new,yes\n"  # late, exception
            "AB4,2026-04-10,,new,n\n")


def _setup(capsys, tmp_path: Path, db) -> str:  # type: ignore[no-untyped-def]
    path = str(db.target.path)
    f = tmp_path / "register.csv"
    f.write_text(REGISTER)
    r = run_cli(capsys, "--db", path, "plans", "import", str(f))
    assert r.code == 0, r.err
    return path


def test_plans_import_reads_exception(capsys, tmp_path: Path, db) -> None:
    _setup(capsys, tmp_path, db)
    with db.read() as s:
        got = dict(s.execute(select(m.Plan.plan_ref, m.Plan.exception)).tuples().all())
    assert got == {"AB1": False, "AB2": None, "AB3": True, "AB4": False}
    bad = tmp_path / "bad.csv"
    bad.write_text("plan_ref,issue_date,exception\nAB9,2026-01-01,perhaps\n")
    r = run_cli(capsys, "--db", str(db.target.path), "plans", "import", str(bad))
    assert r.code != 0 and "row 2, column exception: must be yes or no" in r.err


def test_reviews_bad_rows_write_nothing_and_are_all_named(capsys, tmp_path: Path, db) -> None:
    path = _setup(capsys, tmp_path, db)
    f = tmp_path / "reviews.csv"
    f.write_text(
        "plan_ref,due_date,meeting_date,decision,decision_date,amended_issue_date,"
        "child_attended\n"
        "AB1,2026-05-01,2026-04-20,amend,2026-05-18,2026-07-13,yes\n"  # good
        "AB2,2026-05-01,2026-05-02,maintain,2026-05-01,,\n"  # decision before meeting
        "ab1,01/05/2026,,,,,\n"  # same key as row 2 (case, date format)
        "ZZ9,2026-05-01,,,,,\n"  # not in the register
        "AB3,2026-05-01,2026-05-01,cease,2026-05-02,2026-05-03,\n"  # amended without amend
        "AB4,2026-05-01,2026-05-01,amend,2026-05-10,2026-05-09,maybe\n"  # two bad cells
        "AB4,,,,,,\n")  # due date blank
    before = db_fingerprint(Path(path))
    r = run_cli(capsys, "--db", path, "reviews", "import", str(f))
    assert r.code != 0
    lines = r.err.strip().splitlines()
    assert lines[0].endswith("reviews.csv: 6 bad rows; nothing was imported")
    assert lines[1:] == [
        "row 3, column decision_date: decision_date is before meeting_date (2026-05-02) "
        "('2026-05-01')",
        "row 4, column plan_ref: same plan_ref and due_date as row 2 ('ab1')",
        "row 5, column plan_ref: plan_ref is not in the plan register ('ZZ9')",
        "row 6, column amended_issue_date: amended_issue_date is only given with decision "
        "amend (decision is cease) ('2026-05-03')",
        # one line per bad row: its bad cells joined by "; "
        "row 7, column amended_issue_date: amended_issue_date is before decision_date "
        "(2026-05-10) ('2026-05-09'); row 7, column child_attended: must be yes or no "
        "('maybe')",
        "row 8, column due_date: due_date is blank (required)",
    ]
    assert db_fingerprint(Path(path)) == before


def test_reviews_import_and_reimport_counts(capsys, tmp_path: Path, db) -> None:
    path = _setup(capsys, tmp_path, db)
    f = tmp_path / "reviews.csv"
    head = "EHCP Ref,Review Due,Meeting Date,Outcome,Decision Date,Amended Plan Issued,CYP\n"
    f.write_text(head + "AB1,2026-05-01,2026-04-20,amend,2026-05-18,2026-07-13,yes\n"
                        "AB2,2026-05-02,2026-05-02,maintain,2026-05-30,,no\n")
    r = run_cli(capsys, "--db", path, "reviews", "import", str(f), "--map",
                "child_attended=CYP", "--json")
    assert r.code == 0, r.err
    assert (r.json()["added"], r.json()["updated"], r.json()["unchanged"]) == (2, 0, 0)
    f.write_text(head + "ab1,2026-05-01,2026-04-20,amend,2026-05-18,2026-07-14,yes\n"
                        "AB2,2026-05-02,2026-05-02,maintain,2026-05-30,,no\n"
                        "AB3,2026-06-01,,,,,\n")
    r = run_cli(capsys, "--db", path, "reviews", "import", str(f), "--map",
                "child_attended=CYP", "--json")
    assert r.code == 0, r.err
    assert (r.json()["added"], r.json()["updated"], r.json()["unchanged"]) == (1, 1, 1)
    with db.read() as s:
        rows = s.execute(select(m.AnnualReview.amended_issue_date, m.AnnualReview.version)
                         .order_by(m.AnnualReview.id)).all()
    assert [(str(d), v) for d, v in rows] == [("2026-07-14", 2), ("None", 1), ("None", 1)]


def test_feedback_bad_rows_and_comments(capsys, tmp_path: Path, db) -> None:
    path = _setup(capsys, tmp_path, db)
    f = tmp_path / "feedback.csv"
    f.write_text("plan_ref,respondent,date,stage,rating,felt_listened_to,comments\n"
                 "AB1,Parent/Carer,2026-04-02,new plan,5,yes,Lovely plan\n"
                 "AB1,parent_carer,02/04/2026,,4,,\n"  # same key as row 2
                 "AB2,grandparent,2026-04-03,,0,often,\n"
                 "AB2,setting,,,,,\n")
    before = db_fingerprint(Path(path))
    r = run_cli(capsys, "--db", path, "feedback", "import", str(f))
    assert r.code != 0
    assert r.err.strip().splitlines()[1:] == [
        "row 3, column plan_ref: same plan_ref, respondent and date as row 2 ('AB1')",
        "row 4, column respondent: respondent must be one of parent_carer, young_person, "
        "setting ('grandparent'); row 4, column rating: rating must be 1 to 5 "
        "(5 = very satisfied) ('0'); row 4, column felt_listened_to: felt_listened_to must "
        "be one of yes, partly, no ('often')",
        "row 5, column date: date is blank (required)",
    ]
    assert db_fingerprint(Path(path)) == before
    f.write_text("plan_ref,respondent,date,stage,rating,felt_listened_to,comments\n"
                 "AB1,Parent/Carer,2026-04-02,new plan,5,yes,Lovely plan\n"
                 "AB2,young person,2026-04-03,review,,partly,\n")
    r = run_cli(capsys, "--db", path, "feedback", "import", str(f), "--json")
    assert r.code == 0, r.err
    assert r.json()["added"] == 2
    with db.write() as s:  # someone approved a redacted excerpt of the comments
        row = s.scalar(select(m.Feedback).where(m.Feedback.comments.is_not(None)))
        row.approved_excerpt, row.approved_by = "Lovely plan", "lead"
    f.write_text("plan_ref,respondent,date,stage,rating,felt_listened_to,comments\n"
                 "AB1,Parent/Carer,2026-04-02,new plan,5,yes,\"Lovely plan, thank you Sam\"\n")
    r = run_cli(capsys, "--db", path, "feedback", "import", str(f), "--json")
    assert r.code == 0, r.err
    assert (r.json()["updated"], r.json()["unchanged"]) == (1, 0)
    with db.read() as s:
        row = s.scalar(select(m.Feedback).where(m.Feedback.comments.is_not(None)))
        assert row.stage == "new_plan" and row.rating == 5
        assert row.approved_excerpt is None  # approved for other words: no longer quoted


def test_reports_validate_and_show_the_figures(capsys, tmp_path: Path, db) -> None:
    path = _setup(capsys, tmp_path, db)
    f = tmp_path / "reviews.csv"
    f.write_text("plan_ref,due_date,meeting_date,decision,decision_date\n"
                 "AB1,2026-03-10,2026-03-10,maintain,2026-04-07\n"  # 28 days
                 "AB2,2026-03-10,2026-03-11,maintain,2026-04-09\n")  # a day late, 29 days
    assert run_cli(capsys, "--db", path, "reviews", "import", str(f)).code == 0
    fb = tmp_path / "fb.csv"
    fb.write_text("plan_ref,respondent,date,rating\nAB1,parent_carer,2026-03-31,4\n"
                  "AB2,parent_carer,2026-04-01,\nAB3,setting,2026-04-02,2\n")
    assert run_cli(capsys, "--db", path, "feedback", "import", str(fb)).code == 0
    out, js, xl = tmp_path / "t.pdf", tmp_path / "t.json", tmp_path / "t.xlsx"
    r = run_cli(capsys, "--db", path, "report", "timeliness", "--from", "2026-03", "--to",
                "2026-04", "--out", str(out), "--json", str(js), "--xlsx", str(xl))
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(b"%PDF") and xl.exists()
    data = json.loads(js.read_text())
    jsonschema.validate(data, json.loads((SCHEMAS / "timeliness.schema.json").read_text()))
    assert data["new_plans"]["issued"] == 4 and data["new_plans"]["with_request_date"] == 3
    assert data["new_plans"]["within_20_weeks"] == 1
    assert data["new_plans"]["exceptions"] == 1
    assert data["new_plans"]["percent_within_20_weeks_excluding_exceptions"] == 50.0
    assert (data["reviews"]["held_by_due_date"], data["reviews"]["decided_within_4_weeks"]) == (
        1, 1)
    r = run_cli(capsys, "--db", path, "scorecard", "narrative", "--quarter", "2026-Q1",
                "--rubric", "multi-agency-ehcp", "--working-well", "Voice of the child")
    assert r.code == 0, r.err
    out, js = tmp_path / "s.pdf", tmp_path / "s.json"
    r = run_cli(capsys, "--db", path, "report", "scorecard", "--from", "2026-03", "--to",
                "2026-04", "--rubric", "multi-agency-ehcp", "--out", str(out), "--json",
                str(js))
    assert r.code == 0, r.err
    data = json.loads(js.read_text())
    jsonschema.validate(data, json.loads((SCHEMAS / "scorecard.schema.json").read_text()))
    q1, q2 = data["quarters"]
    assert (q1["quarter"], q1["feedback_responses"], q1["percent_feedback_satisfied"]) == (
        "2026-Q1", 1, 100.0)
    assert (q2["feedback_responses"], q2["percent_feedback_satisfied"]) == (2, 0.0)
    assert q1["narrative"]["working_well"] == "Voice of the child"
    assert q1["percent_within_20_weeks"] == 33.3
    r = run_cli(capsys, "--db", path, "scorecard", "narrative", "--quarter", "2026-Q5")
    assert r.code != 0 and "2026-Q5" in r.err


def test_sample_by_year_group_and_transition_points(capsys, tmp_path: Path, db) -> None:
    path = str(db.target.path)
    f = tmp_path / "register.csv"
    rows = [f"Y{yg}-{n},2026-01-10,{yg}" for yg in (4, 5, 6, 9, 11) for n in range(4)]
    f.write_text("plan_ref,issue_date,year_group\n" + "\n".join(rows) + "\n")
    assert run_cli(capsys, "--db", path, "plans", "import", str(f)).code == 0
    assert run_cli(capsys, "--db", path, "session", "create", "Reviews", "--rubric",
                   "annual-review", "--date", "2026-02-01").code == 0
    r = run_cli(capsys, "--db", path, "sample", "draw", "--session", "Reviews", "--size", "8",
                "--seed", "7", "--stratify", "year_group", "--year-group", "5",
                "--year-group", "6", "--year-group", "9", "--year-group", "11", "--json")
    assert r.code == 0, r.err
    data = r.json()
    assert data["eligible"] == 16  # Year 4 left out
    by_year: dict[str, int] = {}
    for ref in data["plans"]:
        by_year[ref.split("-")[0]] = by_year.get(ref.split("-")[0], 0) + 1
    assert by_year == {"Y5": 2, "Y6": 2, "Y9": 2, "Y11": 2}  # proportional: 2 of 4 each
    r = run_cli(capsys, "--db", path, "sample", "draw", "--session", "Reviews", "--size", "2",
                "--year-group", "Year 12")
    assert r.code != 0
