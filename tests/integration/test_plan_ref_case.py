"""Plan references compare case-insensitively: ``ABC1`` and ``abc1`` are one plan."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from qa_audit.storage import models as m

from .cli_helpers import run_cli


def _refs(db) -> list[str]:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return list(s.scalars(select(m.Plan.plan_ref).order_by(m.Plan.id)))


def test_register_second_spelling_updates_the_stored_plan(capsys, tmp_path: Path, db) -> None:
    path = str(db.target.path)
    f = tmp_path / "r.csv"
    f.write_text("plan_ref,issue_date,team\nABC1,2025-01-05,North\n")
    assert run_cli(capsys, "--db", path, "plans", "import", str(f)).code == 0
    f.write_text("plan_ref,issue_date,team\nabc1,2025-01-05,South\n")
    r = run_cli(capsys, "--db", path, "plans", "import", str(f), "--json")
    assert r.code == 0, r.err
    assert (r.json()["added"], r.json()["updated"]) == (0, 1)
    assert _refs(db) == ["ABC1"]  # the stored spelling is kept
    with db.read() as s:
        assert s.scalar(select(m.Plan.team)) == "South"


def test_register_two_spellings_in_one_file_are_a_repeated_key(capsys, tmp_path: Path,
                                                               db) -> None:
    f = tmp_path / "r.csv"
    f.write_text("plan_ref,issue_date\nABC1,2025-01-05\nabc1,2025-01-06\n")
    r = run_cli(capsys, "--db", str(db.target.path), "plans", "import", str(f))
    assert r.code != 0
    assert "row 3, column plan_ref: plan_ref repeated (first on row 2)" in r.err
    assert _refs(db) == []


def test_advice_finds_the_plan_in_another_case(capsys, tmp_path: Path, db) -> None:
    path = str(db.target.path)
    f = tmp_path / "r.csv"
    f.write_text("plan_ref,issue_date\nABC1,2025-01-05\n")
    assert run_cli(capsys, "--db", path, "plans", "import", str(f)).code == 0
    a = tmp_path / "a.csv"
    a.write_text("plan_ref,service,requested_date,received_date\n"
                 "abc1,ep,2024-11-01,2024-11-20\nABC1,EP,2024-11-01,\n")
    r = run_cli(capsys, "--db", path, "advice", "import", str(a))
    assert r.code != 0 and "row 3" in r.err  # the same key twice
    a.write_text("plan_ref,service,requested_date,received_date\nabc1,ep,2024-11-01,\n")
    r = run_cli(capsys, "--db", path, "advice", "import", str(a), "--json")
    assert r.code == 0, r.err
    assert r.json()["added"] == 1
