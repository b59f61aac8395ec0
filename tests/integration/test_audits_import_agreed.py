"""Re-importing audits never replaces the panel's agreed scores unless asked, and every
replaced agreed or submitted value is in the change log with its old and new value."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from qa_audit.services.session_data import load_session
from qa_audit.storage import models as m

from .cli_helpers import db_fingerprint, run_cli
from .test_audits_import_cli import _plans

FIRST = (
    "session,plan_ref,auditor,agency,overall,cyp_voice,cyp_voice.note,provision_education,"
    "provision_education.agency,pfa_aspirations,themes,strengths\n"
    "Jan 2025,P1,Ann,ep,6,Y,Heard,P,ep,Y,vague_wording,Good\n"
    "Jan 2025,P1,panel,,7,Y,Agreed note,P,ep;health,Y,vague_wording,Agreed strengths\n"
)


def _imp(capsys, db, f: Path, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "--db", str(db.target.path), "audits", "import", str(f),
                   "--rubric", "multi-agency-ehcp", "--json", *extra)


def _panel(db):  # type: ignore[no-untyped-def]
    return next(a for a in load_session(db, "Jan 2025").audits if a.is_panel)


def _log(db, action_start: str) -> list[m.ChangeLog]:
    with db.read() as s:
        return [e for e in s.scalars(select(m.ChangeLog).order_by(m.ChangeLog.id))
                if e.action.startswith(action_start)]


def test_two_line_import_cannot_replace_agreed_grade_or_delete_answers(
        capsys, tmp_path: Path, db) -> None:
    _plans(db)
    f = tmp_path / "a.csv"
    f.write_text(FIRST)
    assert _imp(capsys, db, f).code == 0
    before = db_fingerprint(db.target.path)
    f.write_text("session,plan_ref,auditor,overall\nJan 2025,P1,Panel,1\n")
    r = _imp(capsys, db, f)
    assert r.code != 0
    assert ("row 2, column overall: would change the panel's agreed grade from 7 to 1; "
            "use --replace-agreed to replace agreed scores") in r.err
    assert db_fingerprint(db.target.path) == before
    panel = _panel(db)
    assert panel.overall == 7 and panel.answers["cyp_voice"] == "Y"


def test_every_changed_agreed_value_is_named(capsys, tmp_path: Path, db) -> None:
    _plans(db)
    f = tmp_path / "a.csv"
    f.write_text(FIRST)
    assert _imp(capsys, db, f).code == 0
    f.write_text(FIRST.replace("panel,,7,Y,Agreed note,P,ep;health",
                               "panel,,7,N,Agreed note,P,ep"))
    r = _imp(capsys, db, f)
    assert r.code != 0
    assert "row 3, column cyp_voice: would change the panel's agreed answer to cyp_voice " \
           "from Y to N" in r.err
    assert "row 3, column provision_education.agency: would change the panel's agreed " \
           "agencies of provision_education from ep;health to ep" in r.err


def test_blank_cells_keep_agreed_answers(capsys, tmp_path: Path, db) -> None:
    """A blank cell on an existing agreed row keeps the agreed value (never deletes it)."""
    _plans(db)
    f = tmp_path / "a.csv"
    f.write_text(FIRST)
    assert _imp(capsys, db, f).code == 0
    f.write_text("session,plan_ref,auditor,overall,cyp_voice\nJan 2025,P1,panel,7,\n")
    r = _imp(capsys, db, f)
    assert r.code == 0, r.err
    assert r.json()["unchanged"] == 1
    panel = _panel(db)
    assert panel.answers["cyp_voice"] == "Y" and panel.notes["cyp_voice"] == "Agreed note"
    assert panel.attributions["provision_education"] == ("ep", "health")


def test_replace_agreed_logs_every_old_and_new_value(capsys, tmp_path: Path, db) -> None:
    _plans(db)
    f = tmp_path / "a.csv"
    f.write_text(FIRST)
    assert _imp(capsys, db, f).code == 0
    f.write_text("session,plan_ref,auditor,overall\nJan 2025,P1,panel,1\n")
    r = _imp(capsys, db, f, "--replace-agreed")
    assert r.code == 0, r.err
    assert r.json()["updated"] == 1
    panel = _panel(db)
    assert panel.overall == 1 and not panel.answers  # the row replaced the agreed audit
    [entry] = _log(db, "import: replaced agreed")
    old = json.loads(entry.before_json or "{}")["Jan 2025/P1/panel"]
    new = json.loads(entry.after_json or "{}")["Jan 2025/P1/panel"]
    assert (old["overall"], new["overall"]) == (7, 1)
    assert (old["cyp_voice.value"], new["cyp_voice.value"]) == ("Y", None)
    assert (old["cyp_voice.note"], new["cyp_voice.note"]) == ("Agreed note", None)
    assert (old["provision_education.agencies"], new["provision_education.agencies"]) == (
        "ep;health", None)
    assert (old["themes"], new["themes"]) == ("vague_wording", "")
    assert (old["strengths"], new["strengths"]) == ("Agreed strengths", None)


def test_changes_to_submitted_member_audits_are_logged(capsys, tmp_path: Path, db) -> None:
    _plans(db)
    f = tmp_path / "a.csv"
    f.write_text(FIRST)
    assert _imp(capsys, db, f).code == 0
    f.write_text("session,plan_ref,auditor,agency,overall,cyp_voice\nJan 2025,P1,Ann,ep,4,N\n")
    r = _imp(capsys, db, f)
    assert r.code == 0, r.err
    [entry] = _log(db, "import: changed submitted")
    old = json.loads(entry.before_json or "{}")["Jan 2025/P1/Ann"]
    new = json.loads(entry.after_json or "{}")["Jan 2025/P1/Ann"]
    assert (old["overall"], new["overall"]) == (6, 4)
    assert (old["cyp_voice.value"], new["cyp_voice.value"]) == ("Y", "N")
    assert (old["provision_education.value"], new["provision_education.value"]) == ("P", None)


def test_plan_ref_in_another_case_is_the_same_plan(capsys, tmp_path: Path, db) -> None:
    _plans(db)
    f = tmp_path / "a.csv"
    f.write_text("session,plan_ref,auditor,overall\nJan 2025,p1,Ann,5\nJan 2025,P1,ann,6\n")
    r = _imp(capsys, db, f)
    assert r.code != 0 and "row 3, column auditor: same session, plan_ref and auditor" in r.err
    f.write_text("session,plan_ref,auditor,overall\nJan 2025,p1,Ann,5\n")
    r = _imp(capsys, db, f)
    assert r.code == 0, r.err
    assert [a.plan_ref for a in load_session(db, "Jan 2025").audits] == ["P1"]
