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


def test_actions_and_saves_find_the_plan_in_another_case(tmp_path: Path) -> None:
    from qa_audit.services import actions, scoring
    from qa_audit.services.actor import Actor
    from tests.integration.workers import panel

    cfg = panel.make_panel(tmp_path / "p.sqlite3", members=1, plans=2, questions=1,
                           shared=False)
    db = panel._open(cfg)
    qid, values = next(iter(cfg.questions.items()))
    scoring.save_answer(db, cfg.session, cfg.plans[0].lower(), cfg.members[0], qid, values[0])
    action = actions.add_action(db, cfg.session, "Redo outcomes", Actor("t", "pc"),
                                plan_ref=cfg.plans[1].lower())
    with db.read() as s:
        saved = s.execute(select(m.Plan.plan_ref, m.Answer.value)
                          .join(m.Audit, m.Audit.plan_id == m.Plan.id)
                          .join(m.Answer, m.Answer.audit_id == m.Audit.id)).all()
        plan_of_action = s.scalar(select(m.Plan.plan_ref).join(
            m.Action, m.Action.plan_id == m.Plan.id).where(m.Action.id == action))
    assert [tuple(r) for r in saved] == [(cfg.plans[0], values[0])]
    assert plan_of_action == cfg.plans[1]
    db.dispose()
