"""A 1-4 rubric where 1 is Outstanding, end to end through the command line:
import it, show it, import audits on it and read the key issues figures."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from tests import descending_scale as ds

from .cli_helpers import run_cli

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def test_descending_rubric_from_import_to_key_issues(capsys, tmp_path: Path) -> None:
    db = str(tmp_path / "x.sqlite3")
    assert run_cli(capsys, "--db", db, "init").code == 0
    rubric_file = tmp_path / "ofsted.yaml"
    rubric_file.write_text(ds.OFSTED_YAML, encoding="utf-8")
    assert run_cli(capsys, "--db", db, "rubric", "import", str(rubric_file)).code == 0
    shown = run_cli(capsys, "--db", db, "rubric", "show", "ofsted-four")
    assert "Overall 1-4 (1 = best): 1 Outstanding (good), 2 Good (good)" in shown.out
    data = run_cli(capsys, "--db", db, "rubric", "show", "ofsted-four", "--json").json()
    jsonschema.validate(data, json.loads((SCHEMAS / "rubric.schema.json").read_text()))
    assert data["overall"]["best"] == "low"

    plans = tmp_path / "plans.csv"
    plans.write_text("plan_ref,issue_date\n" + "".join(f"P{i},2026-05-0{i}\n"
                                                         for i in range(1, 6)))
    assert run_cli(capsys, "--db", db, "plans", "import", str(plans)).code == 0
    # agreed 1, 2, 3, 1, 4; Alice 1, 3, 4, 2 on P1-P4 (as in tests/descending_scale.py)
    rows = ["session,plan_ref,auditor,agency,audit_date,overall,child_voice"]
    for ref, alice, agreed in (("P1", 1, 1), ("P2", 3, 2), ("P3", 4, 3), ("P4", 2, 1),
                               ("P5", None, 4)):
        if alice is not None:
            rows.append(f"June,{ref},Alice,health,2026-06-10,{alice},Y")
            rows.append(f"June,{ref},Bob,health,2026-06-10,{agreed},Y")
        rows.append(f"June,{ref},panel,,2026-06-10,{agreed},Y")
    audits = tmp_path / "audits.csv"
    audits.write_text("\n".join(rows) + "\n")
    r = run_cli(capsys, "--db", db, "audits", "import", str(audits), "--rubric", "ofsted-four")
    assert r.code == 0, r.err
    out = tmp_path / "k.json"
    r = run_cli(capsys, "--db", db, "report", "key-issues", "--session", "June",
                "--out", str(tmp_path / "k.pdf"), "--json", str(out))
    assert r.code == 0, r.err
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["percent_good"] == 60.0  # grades 1, 2, 1 of 1, 2, 3, 1, 4
    assert list(figures["grade_distribution"].items()) == [("4", 1), ("3", 1), ("2", 1),
                                                            ("1", 2)]
    assert [e["plan_ref"] for e in figures["exemplars"]] == ["P1", "P4"]
    alice = next(m for m in figures["agreement_by_auditor"] if m["auditor"] == "Alice")
    assert alice["mean_difference_from_agreed"] == 0.75  # + on a 1-best scale: harsher
