"""Audits on an advice-return rubric (issue 17): each row names the advice request it
judges (``service``, ``requested_date``), which must exist; the key takes them in."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from qa_audit.storage import models as m

from .cli_helpers import db_fingerprint, run_cli

PLANS = "plan_ref,issue_date\nP1,2025-03-01\nP2,2025-03-05\n"
ADVICE = ("plan_ref,service,requested_date,received_date\n"
          "P1,salt,2025-01-06,2025-02-10\n"
          "P1,paediatrics,2025-01-06,2025-03-01\n"
          "P2,ot,2025-01-13,\n")
HEAD = ("session,plan_ref,service,requested_date,auditor,overall,"
        "not_known_handled,provision_specificity,provision_specificity.agency\n")
ROWS = ("DCO Mar,P1,salt,2025-01-06,Ann,3,NA,3,\n"
        "DCO Mar,P1,paediatrics,06/01/2025,Ann,2,Y,2,paediatrics\n"
        "DCO Mar,P1,salt,2025-01-06,panel,3,NA,3,\n")


def _setup(capsys, tmp_path: Path, db) -> str:  # type: ignore[no-untyped-def]
    path = str(db.target.path)
    (tmp_path / "plans.csv").write_text(PLANS)
    (tmp_path / "advice.csv").write_text(ADVICE)
    assert run_cli(capsys, "--db", path, "plans", "import", str(tmp_path / "plans.csv")).code == 0
    assert run_cli(capsys, "--db", path, "advice", "import",
                   str(tmp_path / "advice.csv")).code == 0
    return path


def _imp(capsys, path: str, f: Path, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "--db", path, "audits", "import", str(f),
                   "--rubric", "dco-health-advice", "--json", *extra)


def test_two_returns_of_one_plan_by_one_auditor(capsys, tmp_path: Path, db) -> None:
    path = _setup(capsys, tmp_path, db)
    f = tmp_path / "a.csv"
    f.write_text(HEAD + ROWS)
    r = _imp(capsys, path, f)
    assert r.code == 0, r.err
    assert r.json()["added"] == 3
    with db.read() as s:
        rows = s.execute(select(m.Audit.auditor, m.AdviceRequest.service, m.Audit.overall)
                         .join(m.AdviceRequest, m.AdviceRequest.id == m.Audit.advice_request_id)
                         .order_by(m.Audit.auditor, m.AdviceRequest.service)).all()
    assert [tuple(x) for x in rows] == [("Ann", "paediatrics", 2), ("Ann", "salt", 3),
                                        ("panel", "salt", 3)]
    # the same file again: every row found by its advice request, nothing changes
    r = _imp(capsys, path, f)
    assert r.code == 0, r.err
    assert (r.json()["added"], r.json()["unchanged"]) == (0, 3)


def test_refused_audit_of_a_request_that_does_not_exist_names_its_row(
        capsys, tmp_path: Path, db) -> None:
    path = _setup(capsys, tmp_path, db)
    before = db_fingerprint(db.target.path)
    f = tmp_path / "a.csv"
    f.write_text(HEAD + ROWS + "DCO Mar,P2,camhs,2025-01-13,Ann,2,NK,1,\n")
    r = _imp(capsys, path, f)
    assert r.code != 0
    assert r.err.splitlines()[0].endswith("1 bad row; nothing was imported")
    assert ("row 5, column requested_date: no advice request for plan P2 from camhs "
            "requested on 2025-01-13 in the advice register") in r.err
    assert "Traceback" not in r.err
    assert db_fingerprint(db.target.path) == before  # all or nothing


def test_advice_columns_required_there_and_refused_elsewhere(capsys, tmp_path: Path, db) -> None:
    path = _setup(capsys, tmp_path, db)
    f = tmp_path / "a.csv"
    f.write_text("session,plan_ref,auditor,overall\nDCO Mar,P1,Ann,3\n")
    r = _imp(capsys, path, f)
    assert r.code != 0
    assert "service" in r.err and "required column missing" in r.err
    f.write_text("session,plan_ref,service,requested_date,auditor,overall\n"
                 "Panel Mar,P1,salt,2025-01-06,Ann,6\n")
    r = run_cli(capsys, "--db", path, "audits", "import", str(f), "--rubric",
                "multi-agency-ehcp")
    assert r.code != 0
    assert ("row 1, column service: service is only a column on a rubric whose unit is "
            "advice_return") in r.err
    assert "row 1, column requested_date:" in r.err


def test_repeated_key_and_agreed_answers_per_return(capsys, tmp_path: Path, db) -> None:
    path = _setup(capsys, tmp_path, db)
    f = tmp_path / "a.csv"
    f.write_text(HEAD + ROWS + "DCO Mar,P1,SALT,06/01/2025,ann,2,NA,3,\n")
    r = _imp(capsys, path, f)
    assert r.code != 0
    assert ("row 5, column auditor: same session, plan_ref, service, requested_date and "
            "auditor as row 2") in r.err
    f.write_text(HEAD + ROWS)
    assert _imp(capsys, path, f).code == 0
    # the panel agreeing the paediatrics return is a new audit, not a change to salt's
    f.write_text(HEAD + "DCO Mar,P1,paediatrics,2025-01-06,panel,1,Y,1,paediatrics\n")
    r = _imp(capsys, path, f)
    assert r.code == 0, r.err
    assert r.json()["added"] == 1
    # changing the agreed salt grade is refused without --replace-agreed
    f.write_text(HEAD + "DCO Mar,P1,salt,2025-01-06,panel,1,NA,3,\n")
    r = _imp(capsys, path, f)
    assert r.code != 0
    assert "row 2, column overall: would change the panel's agreed grade from 3 to 1" in r.err
    r = _imp(capsys, path, f, "--replace-agreed")
    assert r.code == 0, r.err
    with db.read() as s:
        log = [e.before_json for e in s.scalars(select(m.ChangeLog))
               if e.action.startswith("import: replaced")]
    assert log and "DCO Mar/P1/salt/2025-01-06/panel" in log[-1]
