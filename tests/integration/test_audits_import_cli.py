"""Historical scored audits: several auditors and panel rows per plan; bad files load nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import insert

from qa_audit.services.session_data import load_session
from qa_audit.storage import models as m

from .cli_helpers import db_fingerprint, run_cli

HEADER = (
    "session,plan_ref,auditor,agency,audit_date,overall,cyp_voice,cyp_voice.note,"
    "cyp_voice.agency,provision_education,provision_education.agency,pfa_aspirations,"
    "themes,strengths\n"
)


def _plans(db) -> None:
    with db.write() as s:
        s.execute(
            insert(m.Plan),
            [
                {
                    "plan_ref": "P1",
                    "issue_date": dt.date(2025, 1, 5),
                    "year_group": 10,
                    "plan_type": "new",
                    "version": 1,
                },
                {
                    "plan_ref": "P2",
                    "issue_date": dt.date(2025, 1, 9),
                    "year_group": 4,
                    "plan_type": "new",
                    "version": 1,
                },
            ],
        )


def test_import_several_auditors_and_panel_rows(capsys, tmp_path: Path, db) -> None:
    _plans(db)
    f = tmp_path / "history.csv"
    f.write_text(
        HEADER + "Jan 2025,P1,Ann,ep,20/01/2025,6,Y,,,P,ep,Y,vague_wording,Good voice\n"
        "Jan 2025,P1,Bob,health,21/01/2025,4,p,Views second-hand,sen_casework,N,ep,N,"
        "voice_missing;vague_wording,\n"
        "Jan 2025,P1,PANEL,,,5,P,,sen_casework,P,ep; HEALTH;ep,Y,vague_wording,\n"
        "Jan 2025,P2,Ann,ep,20/01/2025,7,Y,,,Y,,,,\n",
        encoding="utf-8",
    )
    r = run_cli(
        capsys,
        "--db",
        str(db.target.path),
        "audits",
        "import",
        str(f),
        "--rubric",
        "multi-agency-ehcp",
        "--json",
    )
    assert r.code == 0, r.err
    assert r.json()["added"] == 4
    data = load_session(db, "Jan 2025")
    assert data.date == dt.date(2025, 1, 20)  # earliest audit_date
    panel = [a for a in data.audits if a.is_panel]
    assert len(panel) == 1 and panel[0].overall == 5 and panel[0].auditor == "panel"
    # several agencies, ';'-separated, any case; a repeated id collapses
    assert panel[0].attributions == {"cyp_voice": ("sen_casework",),
                                     "provision_education": ("ep", "health")}
    bob = next(a for a in data.audits if a.auditor == "Bob")
    assert bob.answers["cyp_voice"] == "P" and bob.notes["cyp_voice"] == "Views second-hand"
    assert bob.theme_ids == {"voice_missing", "vague_wording"}
    # the same file again changes nothing
    r = run_cli(capsys, "--db", str(db.target.path), "audits", "import", str(f), "--json")
    assert r.code == 0, r.err
    assert r.json()["unchanged"] == 4


def test_bad_rows_load_nothing_and_every_row_is_listed(capsys, tmp_path: Path, db) -> None:
    _plans(db)
    before = db_fingerprint(db.target.path)
    f = tmp_path / "bad.csv"
    f.write_text(
        HEADER + "Jan 2025,P1,Ann,ep,20/01/2025,9,Y,,,P,ep,Y,,\n"  # row 2: grade 9
        "Jan 2025,P9,Ann,ep,20/01/2025,6,Y,,,P,ep,Y,,\n"  # row 3: unknown plan
        "Jan 2025,P2,Ann,ep,20/01/2025,6,Y,,,P,ep,Y,,\n"  # row 4: pfa on Y4
        "Jan 2025,P1,Bob,ep,20/01/2025,6,Q,,,Y,ep,Y,nope,\n",  # row 5: Q, .agency, theme
        encoding="utf-8",
    )
    r = run_cli(
        capsys,
        "--db",
        str(db.target.path),
        "audits",
        "import",
        str(f),
        "--rubric",
        "multi-agency-ehcp",
    )
    assert r.code != 0
    assert "nothing was imported" in r.err.splitlines()[0]
    for expected in (
        "row 2, column overall",
        "row 3, column plan_ref",
        "row 4, column pfa_aspirations",
        "row 5, column cyp_voice",
        "row 5, column provision_education.agency",
        "row 5, column themes",
    ):
        assert expected in r.err, expected
    assert db_fingerprint(db.target.path) == before


def test_misspelt_question_column_is_named(capsys, tmp_path: Path, db) -> None:
    _plans(db)
    f = tmp_path / "typo.csv"
    f.write_text("session,plan_ref,auditor,overall,cyp_voise\nJan,P1,Ann,5,Y\n")
    r = run_cli(
        capsys,
        "--db",
        str(db.target.path),
        "audits",
        "import",
        str(f),
        "--rubric",
        "multi-agency-ehcp",
    )
    assert r.code != 0 and "cyp_voise" in r.err


def test_rubric_cell_not_the_sessions_rubric_is_a_bad_row(capsys, tmp_path: Path, db) -> None:
    """An existing session's rubric: a 'rubric' cell naming another one is a bad row,
    reported as 'row R, column rubric' with every other problem of the file."""
    _plans(db)
    path = str(db.target.path)
    first = tmp_path / "first.csv"
    first.write_text("session,plan_ref,auditor,overall\nJan 2025,P1,Ann,5\n")
    r = run_cli(capsys, "--db", path, "audits", "import", str(first),
                "--rubric", "multi-agency-ehcp")
    assert r.code == 0, r.err
    before = db_fingerprint(db.target.path)
    f = tmp_path / "other_rubric.csv"
    f.write_text("session,rubric,plan_ref,auditor,overall,cyp_voise\n"
                 "Jan 2025,pfa-year9,P2,Ann,5,Y\n")
    r = run_cli(capsys, "--db", path, "audits", "import", str(f))
    assert r.code != 0
    assert "nothing was imported" in r.err.splitlines()[0]
    assert "row 2, column rubric" in r.err
    assert "column cyp_voise" in r.err  # the other problems are listed too
    assert db_fingerprint(db.target.path) == before


def test_reimport_matches_the_auditor_whatever_the_case(capsys, tmp_path: Path, db) -> None:
    """Key session + plan_ref + auditor: the auditor compares case-insensitively on
    re-import, as within one file, so a re-typed name updates the audit."""
    _plans(db)
    path = str(db.target.path)
    f = tmp_path / "a.csv"
    f.write_text("session,plan_ref,auditor,overall\nJan 2025,P1,Ann Lee,5\n")
    r = run_cli(capsys, "--db", path, "audits", "import", str(f), "--rubric",
                "multi-agency-ehcp", "--json")
    assert r.code == 0, r.err
    f.write_text("session,plan_ref,auditor,overall\nJan 2025,P1,ann lee,6\n")
    r = run_cli(capsys, "--db", path, "audits", "import", str(f), "--json")
    assert r.code == 0, r.err
    assert (r.json()["added"], r.json()["updated"]) == (0, 1)
    audits = load_session(db, "Jan 2025").audits
    assert len(audits) == 1 and audits[0].overall == 6
