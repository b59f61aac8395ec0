"""Issue 2 end to end: init, demo, rubric list/show/validate/import, db check/backup."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import jsonschema
import pytest

from qa_audit.paths import bundled

from .cli_helpers import run_cli

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text())


@pytest.fixture
def fresh(tmp_path: Path) -> str:
    return str(tmp_path / "x.sqlite3")


def test_init_demo_and_rubric_list(capsys, fresh: str) -> None:
    assert run_cli(capsys, "--db", fresh, "init").code == 0
    assert run_cli(capsys, "--db", fresh, "init").code == 0  # idempotent
    r = run_cli(capsys, "--db", fresh, "demo")
    assert r.code == 0, r.err
    assert "400 plans" in r.out
    r = run_cli(capsys, "--db", fresh, "rubric", "list", "--json")
    listing = r.json()
    jsonschema.validate(listing, schema("rubric-list"))
    assert {x["id"] for x in listing} == {"multi-agency-ehcp", "dco-health-advice", "pfa-year9",
                                          "annual-review"}
    for rubric_id in ("multi-agency-ehcp", "dco-health-advice", "pfa-year9", "annual-review"):
        shown = run_cli(capsys, "--db", fresh, "rubric", "show", rubric_id, "--json").json()
        jsonschema.validate(shown, schema("rubric"))
        assert shown["id"] == rubric_id and shown["version"] == 1
    ma = run_cli(capsys, "--db", fresh, "rubric", "show", "multi-agency-ehcp", "--json").json()
    assert (ma["overall"]["min"], ma["overall"]["max"]) == (1, 8)
    assert [b["from"] for b in ma["overall"]["bands"] if b["good"]] == [6]
    r = run_cli(capsys, "--db", fresh, "demo")
    assert r.code != 0 and "already holds plans" in r.err


def test_rubric_import_of_changed_content_is_a_new_version(
    capsys, fresh: str, tmp_path: Path
) -> None:
    run_cli(capsys, "--db", fresh, "init")
    text = bundled("rubrics", "pfa-year9.yaml").read_text(encoding="utf-8")
    same = tmp_path / "same.yaml"
    same.write_text(text, encoding="utf-8")
    r = run_cli(capsys, "--db", fresh, "rubric", "import", str(same), "--json")
    assert r.json() == {"id": "pfa-year9", "version": 1, "created": False}
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        re.sub(r"(?m)^title: (.*)$", r"title: \1 (revised)", text, count=1), encoding="utf-8"
    )
    r = run_cli(capsys, "--db", fresh, "rubric", "import", str(changed), "--json")
    assert r.code == 0, r.err
    assert r.json() == {"id": "pfa-year9", "version": 2, "created": True}
    listed = {x["id"]: x for x in run_cli(capsys, "--db", fresh, "rubric", "list", "--json").json()}
    assert listed["pfa-year9"]["version"] == 2
    assert listed["pfa-year9"]["title"].endswith("(revised)")
    old = run_cli(capsys, "--db", fresh, "rubric", "show", "pfa-year9", "--version", "1", "--json")
    assert old.json()["version"] == 1 and not old.json()["title"].endswith("(revised)")


def _base() -> str:
    return bundled("rubrics", "dco-health-advice.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "mutate", "needle"),
    [
        ("invalid-yaml", lambda t: t + "\n  bad: [unclosed\n", ":"),
        ("unknown-type", lambda t: t.replace("type: scale", "type: essay", 1), "essay"),
        ("unknown-key", lambda t: t.replace("title:", "titel:", 1), "titel"),
    ],
)
def test_rubric_validate_broken_files(
    capsys, tmp_path: Path, name: str, mutate, needle: str
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(mutate(_base()), encoding="utf-8")
    r = run_cli(capsys, "rubric", "validate", str(path))
    assert r.code != 0
    assert f"{name}.yaml" in r.err
    assert needle in r.err
    assert "Traceback" not in r.err


def test_db_check_healthy_then_corrupt_untouched(capsys, fresh: str) -> None:
    run_cli(capsys, "--db", fresh, "init")
    assert run_cli(capsys, "--db", fresh, "db", "check").code == 0
    path = Path(fresh)
    data = bytearray(path.read_bytes())
    data[0:16] = b"not a database!!"
    path.write_bytes(bytes(data))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    r = run_cli(capsys, "--db", fresh, "db", "check")
    assert r.code != 0
    assert "damaged" in r.err or "not a readable database" in r.err
    assert "Traceback" not in r.err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    r = run_cli(capsys, "--db", fresh, "rubric", "list")
    assert r.code != 0 and hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_db_backup(capsys, fresh: str, tmp_path: Path) -> None:
    run_cli(capsys, "--db", fresh, "init")
    dest = tmp_path / "b.sqlite3"
    assert run_cli(capsys, "--db", fresh, "db", "backup", str(dest)).code == 0
    assert run_cli(capsys, "--db", str(dest), "db", "check").code == 0
    r = run_cli(capsys, "--db", fresh, "db", "backup", str(dest))
    assert r.code != 0 and "already exists" in r.err


def test_every_command_has_help(capsys) -> None:
    for args in (
        ["--help"],
        ["init", "--help"],
        ["rubric", "show", "--help"],
        ["sample", "draw", "--help"],
        ["plans", "import", "--help"],
        ["db", "check", "--help"],
        ["audits", "import", "--help"],
    ):
        r = run_cli(capsys, *args)
        assert r.code == 0 and "usage" in r.out.lower()


def test_version(capsys) -> None:
    r = run_cli(capsys, "--version")
    assert r.code == 0 and r.out.startswith("qa-audit ")


def test_encrypted_database_through_the_cli(capsys, fresh: str, monkeypatch) -> None:
    pytest.importorskip("sqlcipher3")
    monkeypatch.setenv("QA_AUDIT_PASSPHRASE", "correct horse")
    assert run_cli(capsys, "--db", fresh, "init", "--encrypt").code == 0
    assert not Path(fresh).read_bytes().startswith(b"SQLite format 3")
    assert run_cli(capsys, "--db", fresh, "rubric", "list", "--json").code == 0
    monkeypatch.setenv("QA_AUDIT_PASSPHRASE", "wrong")
    r = run_cli(capsys, "--db", fresh, "rubric", "list")
    assert r.code != 0 and "passphrase does not open" in r.err
    monkeypatch.delenv("QA_AUDIT_PASSPHRASE")
    r = run_cli(capsys, "--db", fresh, "rubric", "list")
    assert r.code != 0 and "is encrypted" in r.err
