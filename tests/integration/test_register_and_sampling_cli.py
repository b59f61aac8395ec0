"""Issue 3 end to end: register import, sessions, reproducible sampling."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from qa_audit.storage import models as m

from .cli_helpers import db_fingerprint, run_cli

CASE_SYSTEM = (
    "Person ID,EHCP Issue Date,Date of Request,NCY,Primary Need,Establishment,Case Worker,"
    "Locality\n"
    "C1001,03/10/2026,01/06/2026,R,ASD,Oakfield Primary,CW 1,North\n"
    "C1002,14/09/2026,,Y7,slcn,Kingsway High,CW 2,South\n"
    "C1003,2026-08-01,2026-03-01,N1,SEMH,Larkspur Nursery,CW 1,North\n"
)


@pytest.fixture
def dbfile(db) -> str:
    return str(db.target.path)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_case_system_headers_and_map_then_reimport_counts(capsys, tmp_path, dbfile, db) -> None:
    f = write(tmp_path, "register.csv", "\ufeff" + CASE_SYSTEM)
    r = run_cli(
        capsys, "--db", dbfile, "plans", "import", str(f), "--map", "team=Locality", "--json"
    )
    assert r.code == 0, r.err
    assert r.json() == {"added": 3, "updated": 0, "unchanged": 0, "ignored_columns": []}
    with db.read() as s:
        p = s.scalar(select(m.Plan).where(m.Plan.plan_ref == "C1001"))
        assert p.issue_date == dt.date(2026, 10, 3)
        assert p.request_date == dt.date(2026, 6, 1)
        assert p.year_group == 0
        assert p.team == "North"
        assert s.scalar(select(m.Plan.primary_need).where(m.Plan.plan_ref == "C1002")) == "SLCN"
        assert s.scalar(select(m.Plan.year_group).where(m.Plan.plan_ref == "C1003")) == -2
    changed = (
        CASE_SYSTEM.replace("Kingsway High", "Meadow Bank")
        + "C1004,01/11/2026,,3,MLD,Hillcrest,CW 3,East\n"
    )
    f2 = write(tmp_path, "register2.csv", changed, encoding="cp1252")
    r = run_cli(
        capsys, "--db", dbfile, "plans", "import", str(f2), "--map", "team=Locality", "--json"
    )
    assert r.code == 0, r.err
    assert r.json() == {"added": 1, "updated": 1, "unchanged": 2, "ignored_columns": []}


def test_bad_rows_import_nothing_and_every_row_listed(capsys, tmp_path, dbfile) -> None:
    good = write(tmp_path, "ok.csv", "plan_ref,issue_date\nA1,01/01/2026\n")
    assert run_cli(capsys, "--db", dbfile, "plans", "import", str(good)).code == 0
    before = db_fingerprint(Path(dbfile))
    bad = write(
        tmp_path,
        "bad.csv",
        "plan_ref,issue_date,primary_need\n"
        "B1,31/02/2026,ASD\n"  # row 2: impossible date
        "B2,01/03/2026,XYZ\n"  # row 3: unknown need
        "B3,01/03/2026,MLD\n"  # row 4: fine
        "B3,02/03/2026,MLD\n"  # row 5: duplicate plan_ref
        ",01/03/2026,MLD\n",
    )  # row 6: missing plan_ref
    r = run_cli(capsys, "--db", dbfile, "plans", "import", str(bad))
    assert r.code != 0
    lines = r.err.strip().splitlines()
    assert "nothing was imported" in lines[0]
    body = "\n".join(lines[1:])
    assert "row 2, column issue_date" in body
    assert "row 3, column primary_need" in body
    assert "row 5, column plan_ref" in body
    assert "row 6, column plan_ref" in body
    assert "row 4," not in body
    assert "Traceback" not in r.err
    assert db_fingerprint(Path(dbfile)) == before


def test_missing_file_is_one_clear_line(capsys, tmp_path, dbfile) -> None:
    r = run_cli(capsys, "--db", dbfile, "plans", "import", str(tmp_path / "nope.csv"))
    assert r.code != 0
    assert r.err.count("\n") == 1 and "nope.csv" in r.err


def _register(db, n: int = 120, start: dt.date = dt.date(2026, 1, 1)) -> None:
    teams = ["North"] * 6 + ["South"] * 3 + ["East"]
    with db.write() as s:
        s.execute(
            insert(m.Plan),
            [
                {
                    "plan_ref": f"P{i:04d}",
                    "issue_date": start + dt.timedelta(days=i % 200),
                    "plan_type": "new",
                    "team": teams[i % 10],
                    "version": 1,
                }
                for i in range(n)
            ],
        )


def test_same_seed_same_sample_other_seed_other_sample(capsys, db, dbfile) -> None:
    _register(db)
    for name in ("S1", "S2", "S3"):
        assert (
            run_cli(
                capsys,
                "--db",
                dbfile,
                "session",
                "create",
                name,
                "--rubric",
                "multi-agency-ehcp",
                "--date",
                "2026-11-01",
            ).code
            == 0
        )
    draws = [
        run_cli(
            capsys,
            "--db",
            dbfile,
            "sample",
            "draw",
            "--session",
            name,
            "--size",
            "10",
            "--seed",
            seed,
            "--json",
        ).json()
        for name, seed in (("S1", "7"), ("S2", "7"), ("S3", "8"))
    ]
    assert draws[0]["plans"] == draws[1]["plans"]
    assert draws[0]["plans"] != draws[2]["plans"]
    assert draws[0]["eligible"] == 120 and draws[0]["seed"] == 7
    assert len(draws[0]["plans"]) == 10


def test_percent_and_stratified_allocation(capsys, db, dbfile) -> None:
    _register(db)  # North 72, South 36, East 12
    run_cli(capsys, "--db", dbfile, "session", "create", "S", "--rubric", "multi-agency-ehcp")
    r = run_cli(
        capsys,
        "--db",
        dbfile,
        "sample",
        "draw",
        "--session",
        "S",
        "--percent",
        "8.5",
        "--stratify",
        "team",
        "--seed",
        "3",
        "--json",
    )
    assert r.code == 0, r.err
    plans = r.json()["plans"]
    assert len(plans) == 11  # ceil(8.5% of 120 = 10.2)
    with db.read() as s:
        teams = [s.scalar(select(m.Plan.team).where(m.Plan.plan_ref == p)) for p in plans]
    # exact quotas 6.6 / 3.3 / 1.1 -> 6 / 3 / 1 plus the largest remainder (North .6) -> 7/3/1
    assert (teams.count("North"), teams.count("South"), teams.count("East")) == (7, 3, 1)


def test_recently_audited_plans_are_never_drawn(capsys, db, dbfile) -> None:
    _register(db, n=30)
    run_cli(
        capsys,
        "--db",
        dbfile,
        "session",
        "create",
        "Old",
        "--rubric",
        "multi-agency-ehcp",
        "--date",
        "2026-06-01",
    )
    run_cli(
        capsys,
        "--db",
        dbfile,
        "session",
        "create",
        "Ancient",
        "--rubric",
        "multi-agency-ehcp",
        "--date",
        "2024-06-01",
    )
    run_cli(
        capsys,
        "--db",
        dbfile,
        "session",
        "create",
        "New",
        "--rubric",
        "multi-agency-ehcp",
        "--date",
        "2026-11-01",
    )
    with db.write() as s:
        ids = dict(s.execute(select(m.Plan.plan_ref, m.Plan.id)).tuples().all())
        sess = {r.name: r.id for r in s.scalars(select(m.AuditSession))}
        for ref in [f"P{i:04d}" for i in range(20)]:
            s.add(m.Audit(session_id=sess["Old"], plan_id=ids[ref], auditor="A"))
        s.add(m.Audit(session_id=sess["Ancient"], plan_id=ids["P0025"], auditor="A"))
    r = run_cli(
        capsys,
        "--db",
        dbfile,
        "sample",
        "draw",
        "--session",
        "New",
        "--size",
        "10",
        "--seed",
        "1",
        "--json",
    )
    assert r.code == 0, r.err
    assert r.json()["eligible"] == 10
    assert sorted(r.json()["plans"]) == [f"P{i:04d}" for i in range(20, 30)]
    r = run_cli(
        capsys, "--db", dbfile, "sample", "draw", "--session", "New", "--size", "11", "--seed", "1"
    )
    assert r.code != 0 and "eligible" in r.err.lower()
    r = run_cli(
        capsys,
        "--db",
        dbfile,
        "sample",
        "draw",
        "--session",
        "New",
        "--size",
        "11",
        "--seed",
        "1",
        "--exclude-months",
        "0",
        "--json",
    )
    assert r.code == 0 and r.json()["eligible"] == 30


def test_withdraw_and_replace_keeps_reason(capsys, db, dbfile) -> None:
    _register(db, n=40)
    run_cli(capsys, "--db", dbfile, "session", "create", "S", "--rubric", "multi-agency-ehcp")
    first = run_cli(
        capsys,
        "--db",
        dbfile,
        "sample",
        "draw",
        "--session",
        "S",
        "--size",
        "5",
        "--seed",
        "4",
        "--stratify",
        "team",
        "--json",
    ).json()["plans"]
    r = run_cli(
        capsys,
        "--db",
        dbfile,
        "sample",
        "withdraw",
        "--session",
        "S",
        first[0],
        "--reason",
        "plan ceased",
    )
    assert r.code == 0, r.err
    with db.read() as s:
        entries = s.scalars(select(m.SampleEntry).order_by(m.SampleEntry.position)).all()
        withdrawn = [e for e in entries if e.withdrawn_at]
        assert len(withdrawn) == 1 and withdrawn[0].withdrawn_reason == "plan ceased"
        replacement = [e for e in entries if e.replaces_id == withdrawn[0].id]
        assert len(replacement) == 1
        assert replacement[0].plan.plan_ref not in first
        assert replacement[0].plan.team == withdrawn[0].plan.team  # same stratum


def test_redraw_refused_once_scoring_started(capsys, db, dbfile) -> None:
    _register(db, n=20)
    run_cli(capsys, "--db", dbfile, "session", "create", "S", "--rubric", "multi-agency-ehcp")
    plans = run_cli(
        capsys,
        "--db",
        dbfile,
        "sample",
        "draw",
        "--session",
        "S",
        "--size",
        "3",
        "--seed",
        "1",
        "--json",
    ).json()["plans"]
    with db.write() as s:
        sid = s.scalar(select(m.AuditSession.id))
        pid = s.scalar(select(m.Plan.id).where(m.Plan.plan_ref == plans[0]))
        s.add(m.Audit(session_id=sid, plan_id=pid, auditor="A"))
    r = run_cli(capsys, "--db", dbfile, "sample", "draw", "--session", "S", "--size", "3")
    assert r.code != 0 and "scoring has started" in r.err.lower()
