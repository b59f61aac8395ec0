"""Issue 19: the curated exemplar library in the themes report -- exemplars marked with a
reason, approved and redacted good practice paired with a recurring shortfall on the
same question, and a training date's before/after shortfall rates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from qa_audit.errors import NotFound, UserError
from qa_audit.services import exemplars
from qa_audit.services.actor import Actor
from qa_audit.services.store import database

from .cli_helpers import run_cli

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
RUBRIC = "multi-agency-ehcp"
NAMES = ("Jordan Bloggs",)


@pytest.fixture
def library_db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
    db = str(tmp_path / "lib.sqlite3")
    assert run_cli(capsys, "--db", db, "init").code == 0
    plans = tmp_path / "p.csv"
    plans.write_text("plan_ref,issue_date\n" + "".join(f"E{i},2025-12-0{i}\n"
                                                         for i in range(1, 6)))
    assert run_cli(capsys, "--db", db, "plans", "import", str(plans)).code == 0
    rows = ["session,plan_ref,auditor,audit_date,overall,cyp_voice",
            "Jan,E1,panel,2026-01-15,3,N", "Jan,E2,panel,2026-01-15,4,P",
            "Mar,E3,panel,2026-03-15,4,N", "Mar,E4,panel,2026-03-15,7,Y",
            "Mar,E5,panel,2026-03-15,8,Y"]
    audits = tmp_path / "a.csv"
    audits.write_text("\n".join(rows) + "\n")
    r = run_cli(capsys, "--db", db, "audits", "import", str(audits), "--rubric", RUBRIC)
    assert r.code == 0, r.err
    return db


def test_library_in_the_themes_report(capsys, tmp_path: Path, library_db: str) -> None:
    db = database.open_existing(library_db)
    me = Actor.current()
    exemplars.mark_exemplar(db, "Mar", "E5", "Jordan Bloggs's views run through every outcome",
                            me)
    gp = exemplars.add_good_practice(db, "Mar", "E4", "cyp_voice",
                                     "Jordan Bloggs told us on 03/10/2026: 'I like trains'", me)
    waiting = exemplars.good_practice(db, names=NAMES)
    assert [g.approved for g in waiting] == [False]
    assert exemplars.approved_good_practice(db, NAMES) == []  # nothing quoted before approval
    approved = exemplars.approve_good_practice(db, gp, None, me, names=NAMES)
    assert approved == "[name] told us on [date]: 'I like trains'"
    exemplars.add_training(db, RUBRIC, dt.date(2026, 2, 1), "Capturing the child's voice",
                           ["cyp_voice"], me)

    from qa_audit.services import reports

    figures = reports.themes(db, "2026-01", "2026-03", names=NAMES)
    data = figures.to_json()
    jsonschema.validate(data, json.loads((SCHEMAS / "themes.schema.json").read_text()))
    [recurring] = data["recurring_shortfalls"]
    assert (recurring["question"], recurring["plans"], recurring["n"]) == ("cyp_voice", 3, 5)
    assert [g["text"] for g in recurring["good_practice"]] == [approved]
    [training] = data["training"]
    [q] = training["questions"]
    assert (q["before"]["shortfalls"], q["before"]["n"]) == (2, 2)
    assert (q["after"]["shortfalls"], q["after"]["n"]) == (1, 3)
    assert q["before"]["percent"] == 100.0 and q["after"]["percent"] == 33.3
    assert data["marked_exemplars"][0]["text"] == "[name]'s views run through every outcome"

    pdf = tmp_path / "themes.pdf"
    r = run_cli(capsys, "--db", library_db, "report", "themes", "--from", "2026-01", "--to",
                "2026-03", "--out", str(pdf))
    assert r.code == 0, r.err
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "Recurring shortfalls and good practice" in text
    assert "Before and after training" in text and "Capturing the child's voice" in text
    assert "I like trains" in text


def test_library_refuses_bad_input(library_db: str) -> None:
    db = database.open_existing(library_db)
    me = Actor.current()
    with pytest.raises(UserError):
        exemplars.mark_exemplar(db, "Mar", "E5", "  ", me)
    with pytest.raises(NotFound):
        exemplars.mark_exemplar(db, "Mar", "E1", "not in March", me)
    with pytest.raises(NotFound):
        exemplars.add_good_practice(db, "Mar", "E4", "no_such_question", "text", me)
    with pytest.raises(NotFound):
        exemplars.add_training(db, RUBRIC, dt.date(2026, 2, 1), "T", ["nope"], me)


def test_library_from_the_command_line(capsys, library_db: str) -> None:
    db = library_db
    r = run_cli(capsys, "--db", db, "exemplars", "mark", "--session", "Mar", "--plan", "e5",
                "--reason", "Voice runs through")
    assert r.code == 0, r.err
    r = run_cli(capsys, "--db", db, "exemplars", "add-practice", "--session", "Mar", "--plan",
                "E4", "--question", "cyp_voice", "--text", "Seen on 03/10/2026")
    assert r.code == 0, r.err
    assert run_cli(capsys, "--db", db, "exemplars", "approve-practice", "1").code == 0
    r = run_cli(capsys, "--db", db, "exemplars", "add-training", "--rubric", RUBRIC, "--date",
                "2026-02-01", "--title", "Voice", "--question", "cyp_voice")
    assert r.code == 0, r.err
    data = run_cli(capsys, "--db", db, "exemplars", "list", "--json").json()
    assert [e["plan_ref"] for e in data["exemplars"]] == ["E5"]
    assert [(g["approved"], g["text"]) for g in data["good_practice"]] == [
        (True, "Seen on [date]")]
    assert data["training"][0]["question_ids"] == ["cyp_voice"]
    r = run_cli(capsys, "--db", db, "exemplars", "add-training", "--rubric", RUBRIC, "--date",
                "2026-02-31", "--title", "Voice", "--question", "cyp_voice")
    assert r.code != 0 and "not a date" in r.err.splitlines()[0]
