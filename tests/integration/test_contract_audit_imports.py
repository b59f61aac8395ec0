"""Independent audit of the import rules of CONTRACT.md v2 (plans, reviews, feedback,
audits): header synonyms and --map, date forms, encodings, yes/no spellings, keys
repeated in any case, all or nothing, re-import counts, and what a re-import of a file
lacking some columns does to the values it does not carry (docs/contract-readings.md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from qa_audit.storage import models as m

from .cli_helpers import db_fingerprint, named_cells, run_cli

pytestmark = pytest.mark.integration

RUBRIC = Path(__file__).with_name("contract_audit_rubric.yaml")


def ok(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    r = run_cli(capsys, *args)
    assert r.code == 0, r.err
    return r.out


def counts(out: str) -> tuple[int, int, int]:
    data = json.loads(out)
    return data["added"], data["updated"], data["unchanged"]


def plans(db: Any) -> dict[str, tuple[Any, ...]]:
    p = m.Plan
    with db.read() as s:
        rows = s.execute(select(p.plan_ref, p.issue_date, p.request_date, p.plan_type,
                                p.year_group, p.setting, p.team, p.caseworker,
                                p.direct_payments, p.exception)).all()
    return {r[0]: tuple(r[1:]) for r in rows}


def test_register_synonyms_encodings_and_values(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path, db: Any) -> None:
    path = str(db.target.path)
    f = tmp_path / "register.csv"
    # UTF-8 with BOM; synonyms; headers in other case, spaces, _ and -; UK dates
    f.write_bytes("\ufeffEHCP Ref,EHCP Issue Date,Date of Request,Plan_Type,NCY,"
                  "Primary Need,School,Setting-Type,TEAM,Case Worker,Direct Payments,"
                  "Exception,Colour\n"
                  "A1,03/02/2026,2025-09-16,new,N1,asd,Sché,mainstream,North,Jo,Y,no,red\n"
                  "A2,2026-02-04,,amended,14,SEMH,,,South,,false,,blue\n"
                  "A3,2026-03-31,2025-11-11,New,R,,,,,,1,TRUE,\n".encode())
    r = run_cli(capsys, "--db", path, "plans", "import", str(f), "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["ignored_columns"] == ["Colour"] and "Colour" in r.err
    assert counts(r.out) == (3, 0, 0)
    got = plans(db)
    d = dt.date
    assert got["A1"] == (d(2026, 2, 3), d(2025, 9, 16), "new", -2, "Sché", "North", "Jo",
                         True, False)
    assert got["A2"][2:4] == ("amended", 14) and got["A2"][7:] == (False, None)
    assert got["A3"][2:4] == ("new", 0) and got["A3"][7:] == (True, True)
    # Windows-1252, --map for headers no synonym covers, a ref in another case updates
    f.write_bytes("Ref No,Issued On,Need,School\na1,2026-02-03,spld,Caf\xe9\n"
                  "A4,2026-02-05,semh,\n".encode("cp1252"))
    r = run_cli(capsys, "--db", path, "plans", "import", str(f), "--json", "--map",
                "plan_ref=Ref No", "--map", "issue_date=issued on", "--map",
                "primary_need=Need")
    assert r.code == 0, r.err
    assert counts(r.out) == (1, 1, 0)
    got = plans(db)
    assert "a1" not in got and got["A1"][4] == "Café"


def test_register_excel_cells(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                              db: Any) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Person ID", "Date Issued", "Request Date", "Year Group", "Establishment",
               "Caseworker", "Direct Payments"])
    ws.append(["X1", dt.datetime(2026, 3, 2), dt.date(2025, 10, 13), 9, "Sch", "Jo", True])
    ws.append([1234, "02/03/2026", "13/10/2025", "11", None, None, 0])
    wb.create_sheet("Other").append(["not read"])
    f = tmp_path / "register.xlsx"
    wb.save(f)
    ok(capsys, "--db", str(db.target.path), "plans", "import", str(f))
    got = plans(db)
    assert got["X1"][:2] == (dt.date(2026, 3, 2), dt.date(2025, 10, 13))
    assert got["1234"][:2] == (dt.date(2026, 3, 2), dt.date(2025, 10, 13))
    assert (got["X1"][3], got["1234"][3], got["X1"][7], got["1234"][7]) == (9, 11, True, False)


def test_register_bad_rows_all_named(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                     db: Any) -> None:
    path = str(db.target.path)
    f = tmp_path / "bad.csv"
    f.write_text("plan_ref,issue_date,request_date,year_group,direct_payments\n"
                 "B1,2026-01-01,2026-01-02,5,yes\n"   # request after issue
                 "B2,2026-01-01,2026-01-01,15,maybe\n"  # request on the day is fine
                 "B3,31/02/2026,,-3,\n"
                 "B4,2026-01-01,,N3,\n"
                 "b4,2026-01-02,,,\n", encoding="utf-8")
    before = db_fingerprint(Path(path))
    r = run_cli(capsys, "--db", path, "plans", "import", str(f))
    assert r.code != 0 and "Traceback" not in r.err
    lines = r.err.strip().splitlines()
    assert "5 bad rows" in lines[0] and "nothing" in lines[0]
    assert named_cells(r.err) == [
        "row 2, column request_date", "row 3, column year_group",
        "row 3, column direct_payments", "row 4, column issue_date",
        "row 4, column year_group", "row 5, column year_group", "row 6, column plan_ref"]
    assert db_fingerprint(Path(path)) == before


def test_register_reimport_keeps_fields_without_a_column(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Any) -> None:
    """A partial file (plan_ref, issue_date, exception) updates what it carries and keeps
    the rest; an amended plan is not turned back into a new one."""
    path = str(db.target.path)
    f = tmp_path / "register.csv"
    f.write_text("plan_ref,issue_date,request_date,plan_type,team,year_group,exception\n"
                 "K1,2026-03-02,2025-10-13,amended,North,9,no\n"
                 "K2,2026-03-03,2025-10-13,new,South,,\n", encoding="utf-8")
    ok(capsys, "--db", path, "plans", "import", str(f))
    f.write_text("plan_ref,issue_date,exception\nk1,2026-03-02,yes\nK2,2026-03-03,\n",
                 encoding="utf-8")
    assert counts(ok(capsys, "--db", path, "plans", "import", str(f), "--json")) == (0, 1, 1)
    got = plans(db)
    assert got["K1"][1:5] == (dt.date(2025, 10, 13), "amended", 9, None)
    assert (got["K1"][5], got["K1"][8]) == ("North", True)
    assert got["K2"][5] == "South"
    # a blank cell in a column the file has clears the value
    f.write_text("plan_ref,issue_date,team\nK1,2026-03-02,\n", encoding="utf-8")
    assert counts(ok(capsys, "--db", path, "plans", "import", str(f), "--json")) == (0, 1, 0)
    assert plans(db)["K1"][5] is None and plans(db)["K1"][1] == dt.date(2025, 10, 13)
    # the kept request date still may not fall after the issue date
    f.write_text("plan_ref,issue_date\nK1,2025-10-12\n", encoding="utf-8")
    r = run_cli(capsys, "--db", path, "plans", "import", str(f))
    assert r.code != 0 and "row 2, column issue_date" in r.err


def register(capsys: pytest.CaptureFixture[str], tmp_path: Path, path: str) -> None:
    f = tmp_path / "register.csv"
    f.write_text("plan_ref,issue_date,year_group\nP1,2026-01-05,10\nP2,2026-01-06,5\n"
                 "P3,2026-01-07,\n", encoding="utf-8")
    ok(capsys, "--db", path, "plans", "import", str(f))


def test_reviews_and_feedback_partial_reimport(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path, db: Any) -> None:
    path = str(db.target.path)
    register(capsys, tmp_path, path)
    f = tmp_path / "reviews.csv"
    f.write_text("plan_ref,due_date,meeting_date,decision,decision_date,child_attended\n"
                 "P1,2026-05-01,2026-04-20,maintain,2026-05-01,true\n", encoding="utf-8")
    ok(capsys, "--db", path, "reviews", "import", str(f))
    f.write_text("plan_ref,due_date,meeting_date\np1,01/05/2026,2026-04-21\n",
                 encoding="utf-8")
    assert counts(ok(capsys, "--db", path, "reviews", "import", str(f), "--json")) == (0, 1, 0)
    r = m.AnnualReview
    with db.read() as s:
        got = s.execute(select(r.meeting_date, r.decision, r.decision_date,
                               r.child_attended)).one()
    assert tuple(got) == (dt.date(2026, 4, 21), "maintain", dt.date(2026, 5, 1), True)
    # the kept decision date is before the new meeting date: a bad row, nothing written
    f.write_text("plan_ref,due_date,meeting_date\nP1,2026-05-01,2026-05-02\n",
                 encoding="utf-8")
    before = db_fingerprint(Path(path))
    bad = run_cli(capsys, "--db", path, "reviews", "import", str(f))
    assert bad.code != 0 and "row 2, column decision_date" in bad.err
    assert db_fingerprint(Path(path)) == before
    fb = tmp_path / "feedback.csv"
    fb.write_text("plan_ref,respondent,date,rating,comments\n"
                  "P1,parent_carer,2026-05-01,5,Great\n", encoding="utf-8")
    ok(capsys, "--db", path, "feedback", "import", str(fb))
    fb.write_text("plan_ref,respondent,date,felt_listened_to\n"
                  "P1,parent_carer,2026-05-01,partly\n", encoding="utf-8")
    assert counts(ok(capsys, "--db", path, "feedback", "import", str(fb), "--json")) == (
        0, 1, 0)
    with db.read() as s:
        got = s.execute(select(m.Feedback.rating, m.Feedback.felt_listened_to,
                               m.Feedback.comments, m.Feedback.stage)).one()
    assert tuple(got) == (5, "partly", "Great", "new_plan")


def test_audits_import_rules(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                             db: Any) -> None:
    path = str(db.target.path)
    ok(capsys, "--db", path, "rubric", "import", str(RUBRIC))
    register(capsys, tmp_path, path)
    f = tmp_path / "audits.csv"
    f.write_text("session,plan_ref,auditor,agency,audit_date,overall,q1,q2,q2.agency,q3,q4,"
                 "themes,q9\n"
                 "S1,P1,Ann,ep,2026-03-02,5,Y,P,ep;health,2,N,vague,\n"  # overall out of range
                 "S1,P2,Ann,nope,2026-03-02,3,y,Y,ep,NA,Y,unknown,\n"  # agency, .agency, q4, theme
                 "S1,p9,Ann,,2026-03-02,3,,NA,,7,,,\n"  # not in register, NA not allowed, 7
                 "S1,P1,ann,,2026-03-02,3,,,,,,,\n"  # same key as row 2
                 "S1,P3,PANEL,,,3,,,,,Y,,\n"  # q4 applies: P3 has no year group
                 "S1,P3,panel,,,3,,,,,,,\n", encoding="utf-8")  # same key as row 6
    before = db_fingerprint(Path(path))
    r = run_cli(capsys, "--db", path, "audits", "import", str(f), "--rubric", "audit-x")
    assert r.code != 0 and db_fingerprint(Path(path)) == before
    named = named_cells(r.err)
    assert named == [
        "row 1, column q9",  # an unknown column is named
        "row 2, column overall", "row 3, column agency", "row 3, column q2.agency",
        "row 3, column q4", "row 3, column themes", "row 4, column plan_ref",
        "row 4, column q2", "row 4, column q3", "row 5, column auditor",
        "row 7, column auditor"]
    # a new session is dated by its earliest audit_date; blank dates take the session's
    f.write_text("session,rubric,plan_ref,auditor,audit_date,overall\n"
                 "S9,audit-x,P1,Dee,2026-03-09,3\nS9,audit-x,P2,Dee,01/02/2026,3\n"
                 "S9,audit-x,P3,Dee,,3\n", encoding="utf-8")
    ok(capsys, "--db", path, "audits", "import", str(f))
    with db.read() as s:
        sess = s.scalar(select(m.AuditSession).where(m.AuditSession.name == "S9"))
        assert sess is not None and sess.session_date == dt.date(2026, 2, 1)
        dates = s.execute(select(m.Plan.plan_ref, m.Audit.audit_date)
                          .join(m.Audit, m.Audit.plan_id == m.Plan.id)).all()
    assert dict(dates) == {"P1": dt.date(2026, 3, 9), "P2": dt.date(2026, 2, 1),
                           "P3": dt.date(2026, 2, 1)}
    # an existing session on another rubric is refused; service columns only on returns
    f.write_text("session,rubric,plan_ref,auditor,overall\nS9,multi-agency-ehcp,P1,Eve,5\n",
                 encoding="utf-8")
    assert run_cli(capsys, "--db", path, "audits", "import", str(f)).code != 0
    f.write_text("session,plan_ref,service,requested_date,auditor,overall\n"
                 "S9,P1,salt,2026-01-01,Eve,3\n", encoding="utf-8")
    r = run_cli(capsys, "--db", path, "audits", "import", str(f))
    assert r.code != 0 and "column service" in r.err
    # agreed grades are not replaced without --replace-agreed
    f.write_text("session,plan_ref,auditor,overall\nS9,P1,Panel,2\n", encoding="utf-8")
    ok(capsys, "--db", path, "audits", "import", str(f))
    f.write_text("session,plan_ref,auditor,overall\nS9,P1,PANEL,4\n", encoding="utf-8")
    r = run_cli(capsys, "--db", path, "audits", "import", str(f))
    assert r.code != 0 and "row 2, column overall" in r.err
    assert counts(ok(capsys, "--db", path, "audits", "import", str(f), "--replace-agreed",
                     "--json")) == (0, 1, 0)


def test_advice_return_audits(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                              db: Any) -> None:
    path = str(db.target.path)
    register(capsys, tmp_path, path)
    f = tmp_path / "advice.csv"
    f.write_text("plan_ref,service,requested_date,received_date\n"
                 "P1,salt,2026-01-05,2026-02-01\nP1,ot,2026-01-05,2026-02-01\n",
                 encoding="utf-8")
    ok(capsys, "--db", path, "advice", "import", str(f))
    f = tmp_path / "dco.csv"
    f.write_text("session,plan_ref,service,requested_date,auditor,overall\n"
                 "D,P1,salt,2026-01-05,Ann,3\n"
                 "D,P1,OT,05/01/2026,Ann,2\n"  # a second return of the plan: another key
                 "D,P1,salt,2026-01-06,Ann,2\n"  # no such request
                 "D,P1,,2026-01-05,Bob,2\n"  # service required
                 "D,P1,salt,2026-01-05,ann,4\n", encoding="utf-8")  # same key as row 2
    r = run_cli(capsys, "--db", path, "audits", "import", str(f), "--rubric",
                "dco-health-advice")
    assert r.code != 0
    named = named_cells(r.err)
    assert [n.split(",")[0] for n in named] == ["row 4", "row 5", "row 6"]
    f.write_text("session,plan_ref,service,requested_date,auditor,overall\n"
                 "D,P1,salt,2026-01-05,Ann,3\nD,P1,OT,05/01/2026,Ann,2\n", encoding="utf-8")
    assert counts(ok(capsys, "--db", path, "audits", "import", str(f), "--rubric",
                     "dco-health-advice", "--json")) == (2, 0, 0)


def test_advice_reimport_without_received_dates_keeps_returns(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Any) -> None:
    path = str(db.target.path)
    register(capsys, tmp_path, path)
    f = tmp_path / "advice.csv"
    f.write_text("plan_ref,service,requested_date,received_date\n"
                 "P1,salt,2026-01-05,2026-02-16\nP2,ot,2026-01-05,\n", encoding="utf-8")
    ok(capsys, "--db", path, "advice", "import", str(f))
    f.write_text("plan_ref,service,requested_date\nP1,salt,2026-01-05\nP1,ot,2026-01-07\n",
                 encoding="utf-8")
    assert counts(ok(capsys, "--db", path, "advice", "import", str(f), "--json")) == (1, 0, 1)
    f.write_text("plan_ref,service,requested_date,received_date\nP1,salt,2026-01-05,\n",
                 encoding="utf-8")  # a blank cell in the column: not returned after all
    assert counts(ok(capsys, "--db", path, "advice", "import", str(f), "--json")) == (0, 1, 0)
    a = m.AdviceRequest
    with db.read() as s:
        got = s.execute(select(a.service, a.received_date).order_by(a.id)).all()
    assert [tuple(r) for r in got] == [("salt", None), ("ot", None), ("ot", None)]


def test_amended_dates_sent_apart_checked_against_the_stored_decision(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Any) -> None:
    path = str(db.target.path)
    register(capsys, tmp_path, path)
    f = tmp_path / "reviews.csv"
    f.write_text("plan_ref,due_date,meeting_date,decision,decision_date\n"
                 "P1,2026-05-01,2026-04-20,amend,2026-05-01\n"
                 "P2,2026-05-01,2026-04-20,maintain,2026-05-01\n", encoding="utf-8")
    ok(capsys, "--db", path, "reviews", "import", str(f))
    f.write_text("plan_ref,due_date,amended_issue_date\nP1,2026-05-01,2026-06-01\n",
                 encoding="utf-8")
    assert counts(ok(capsys, "--db", path, "reviews", "import", str(f), "--json")) == (0, 1, 0)
    with db.read() as s:
        got = s.execute(select(m.AnnualReview.decision, m.AnnualReview.amended_issue_date)
                        .order_by(m.AnnualReview.id)).all()
    assert [tuple(r) for r in got] == [("amend", dt.date(2026, 6, 1)), ("maintain", None)]
    # before the stored decision date, on a plan kept at maintain, on a new review with no
    # decision at all: each a bad row
    f.write_text("plan_ref,due_date,amended_issue_date\nP1,2026-05-01,2026-04-30\n"
                 "P2,2026-05-01,2026-06-01\nP3,2026-05-01,2026-06-01\n", encoding="utf-8")
    r = run_cli(capsys, "--db", path, "reviews", "import", str(f))
    assert r.code != 0
    assert named_cells(r.err) == [
        "row 2, column amended_issue_date", "row 3, column amended_issue_date",
        "row 4, column amended_issue_date"]
