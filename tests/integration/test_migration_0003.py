"""Migration 0003 on a database made by the code before it (tests/data/made-by-0002.sqlite.gz:
``init``, a three-plan register and a scored-audits file with attributions, written by the
app at revision 0002). Nothing committed may be lost, the change log must still verify,
and the new features must work on the upgraded file."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from qa_audit.storage.migrate import HEAD_REVISION
from tests.integration.cli_helpers import run_cli

OLD = Path(__file__).resolve().parents[1] / "data" / "made-by-0002.sqlite.gz"


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    path = tmp_path / "council.sqlite"
    with gzip.open(OLD, "rb") as src, path.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    return path


def rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_old_file_is_refused_until_upgraded_then_keeps_everything(
    old_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert rows(old_db, "SELECT version_num FROM alembic_version") == [("0002",)]
    before_attr = rows(old_db, "SELECT answer_id, agency FROM shortfall_attribution ORDER BY 1")
    before_answers = rows(old_db, "SELECT id, question_id, value, note FROM answer ORDER BY 1")
    before_log = rows(old_db, "SELECT id, hash FROM change_log ORDER BY 1")
    assert len(before_attr) == 4 and len(before_log) == 6

    # an ordinary command on the old file is refused, with the way forward named
    refused = run_cli(capsys, "--db", str(old_db), "rubric", "list", "--json")
    assert refused.code != 0 and "init" in refused.err

    up = run_cli(capsys, "--db", str(old_db), "init")
    assert up.code == 0, up.err
    assert rows(old_db, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    # every committed row is still there, unchanged
    assert rows(old_db, "SELECT answer_id, agency FROM shortfall_attribution ORDER BY 1") \
        == before_attr
    assert rows(old_db, "SELECT id, question_id, value, note FROM answer ORDER BY 1") \
        == before_answers
    assert rows(old_db, "SELECT id, hash FROM change_log ORDER BY 1")[: len(before_log)] \
        == before_log
    assert run_cli(capsys, "--db", str(old_db), "db", "check").code == 0
    # new columns exist and start empty
    assert rows(old_db, "SELECT COUNT(*) FROM plan WHERE custom_fields IS NOT NULL") == [(0,)]
    assert rows(old_db, "SELECT COUNT(*) FROM answer WHERE reason IS NOT NULL") == [(0,)]
    # the key issues report still reads the old audits, in the v2 shape
    out = old_db.parent / "ki.json"
    rep = run_cli(capsys, "--db", str(old_db), "report", "key-issues", "--session",
                  "Migration panel", "--out", str(old_db.parent / "ki.pdf"), "--json", str(out))
    assert rep.code == 0, rep.err
    data = json.loads(out.read_text())
    assert data["plans_moderated"] == 2 and data["percent_good"] == 50.0
    agencies = {a["agency"]: a["shortfalls"] for a in data["agencies"]}
    assert agencies["ep"] == 1 and agencies["health"] == 1
    assert {t["id"]: (t["plans"], t["raised"]) for t in data["themes"]} == {
        "provision_not_quantified": (1, 1), "vague_wording": (0, 1)}


def test_upgraded_file_takes_two_agencies_per_shortfall(old_db: Path, actor) -> None:
    from qa_audit.services.store import database

    db = database.initialise(str(old_db), actor).database
    try:
        with db.engine.begin() as conn:
            answer_id = conn.exec_driver_sql(
                "SELECT answer_id FROM shortfall_attribution WHERE agency = 'ep' LIMIT 1"
            ).scalar_one()
            conn.exec_driver_sql(
                "INSERT INTO shortfall_attribution (answer_id, agency) VALUES (?, 'health')",
                (answer_id,),
            )
        with db.engine.connect() as conn:
            got = conn.exec_driver_sql(
                "SELECT agency FROM shortfall_attribution WHERE answer_id = ? ORDER BY agency",
                (answer_id,),
            ).scalars().all()
        assert got == ["ep", "health"]
        # the same agency twice on one answer is still refused
        with pytest.raises(Exception, match="UNIQUE"), db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO shortfall_attribution (answer_id, agency) VALUES (?, 'ep')",
                (answer_id,),
            )
    finally:
        db.dispose()
