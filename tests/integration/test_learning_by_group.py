"""Issue 19: key issues, trend and themes by team or caseworker, with n and the
interval; groups listed by name (never ranked) and small groups labelled."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from pypdf import PdfReader

from .cli_helpers import run_cli

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def _setup(capsys, tmp_path: Path) -> str:
    db = str(tmp_path / "g.sqlite3")
    assert run_cli(capsys, "--db", db, "init").code == 0
    plans = tmp_path / "p.csv"
    # Zed: 12 plans (10 good), Amy: 3 plans (0 good)
    plans.write_text("plan_ref,issue_date,team,caseworker\n"
                     + "".join(f"Z{i:02d},2026-01-01,North,Zed\n" for i in range(12))
                     + "".join(f"A{i},2026-01-01,South,Amy\n" for i in range(3)))
    assert run_cli(capsys, "--db", db, "plans", "import", str(plans)).code == 0
    rows = ["session,plan_ref,auditor,audit_date,overall,themes"]
    rows += [f"June,Z{i:02d},panel,2026-06-10,{7 if i < 10 else 3},"
             f"{'voice_missing' if i >= 10 else ''}" for i in range(12)]
    rows += [f"June,A{i},panel,2026-06-10,2,voice_missing" for i in range(3)]
    audits = tmp_path / "a.csv"
    audits.write_text("\n".join(rows) + "\n")
    r = run_cli(capsys, "--db", db, "audits", "import", str(audits), "--rubric",
                "multi-agency-ehcp")
    assert r.code == 0, r.err
    return db


def test_breakdowns_by_caseworker_and_team(capsys, tmp_path: Path) -> None:
    db = _setup(capsys, tmp_path)
    out = {}
    for kind, args in (("key-issues", ["--session", "June", "--by", "caseworker"]),
                       ("trend", ["--from", "2026-06", "--to", "2026-06", "--by", "caseworker"]),
                       ("themes", ["--from", "2026-06", "--to", "2026-06", "--by", "team"])):
        js, pdf = tmp_path / f"{kind}.json", tmp_path / f"{kind}.pdf"
        r = run_cli(capsys, "--db", db, "report", kind, *args, "--out", str(pdf),
                    "--json", str(js))
        assert r.code == 0, r.err
        out[kind] = json.loads(js.read_text(encoding="utf-8"))
        schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text())
        jsonschema.validate(out[kind], schema)
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
        assert "small group" in text and "95% interval" in text
    for kind in ("key-issues", "trend"):
        groups = out[kind]["breakdown"]["groups"]
        # by name, not by rate: Amy (0%) before Zed (83.3%)
        assert [(g["value"], g["plans_moderated"], g["good"], g["small"]) for g in groups] == [
            ("Amy", 3, 0, True), ("Zed", 12, 10, False)]
        zed = groups[1]
        assert zed["percent_good"] == 83.3 and zed["ci_low"] < 83.3 < zed["ci_high"]
    themes = out["themes"]["breakdown"]
    assert themes["field"] == "team"
    north, south = themes["groups"]
    assert (north["value"], north["plans"], north["small"]) == ("North", 12, False)
    assert [(t["id"], t["plans"], t["percent"]) for t in south["themes"]] == [
        ("voice_missing", 3, 100.0)]
    assert south["small"] is True


def test_unknown_breakdown_field(capsys, tmp_path: Path) -> None:
    db = _setup(capsys, tmp_path)
    r = run_cli(capsys, "--db", db, "report", "trend", "--from", "2026-06", "--to", "2026-06",
                "--by", "shoe_size", "--out", str(tmp_path / "t.pdf"))
    assert r.code != 0 and "shoe_size" in r.err.splitlines()[0]
