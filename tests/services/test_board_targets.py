"""The council's board targets in the database: set, replace, remove (each in the change
log), the target in force on a date, and the reports reading them.

Hand-computed: within_20_weeks 60% from 2025-04-01 and 80% from 2026-04-01 -> on
31/03/2026 60, on 01/04/2026 80, on 31/03/2025 none. A timeliness report of March
2026 with one plan in 140 days and one in 141: 50.0% against 60 -> amber (10 points
below is within 10); advice without a stored target: the advice-return rubric's schedule
(dco-health-advice: 98% from May 2019).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from qa_audit.errors import UserError
from qa_audit.services import board_reports, board_targets
from qa_audit.services.actor import Actor
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

D = dt.date


def _log(db: Database) -> list[tuple[str, str, str | None, str | None]]:
    with db.read() as s:
        return list(s.execute(select(m.ChangeLog.action, m.ChangeLog.entity_key,
                                     m.ChangeLog.before_json, m.ChangeLog.after_json)
                              .where(m.ChangeLog.entity == "board_target")
                              .order_by(m.ChangeLog.id)).tuples())


def test_set_replace_remove_logged_and_in_force(db: Database, actor: Actor) -> None:
    assert board_targets.set_target(db, "within_20_weeks", D(2025, 4, 1), 60, actor)
    assert board_targets.set_target(db, "within_20_weeks", D(2026, 4, 1), 75, actor)
    assert board_targets.set_target(db, "within_20_weeks", D(2026, 4, 1), 80, actor)  # replace
    assert not board_targets.set_target(db, "within_20_weeks", D(2026, 4, 1), 80, actor)
    got = board_targets.stored_targets(db)
    assert got.on("within_20_weeks", D(2025, 3, 31)) is None
    assert got.on("within_20_weeks", D(2026, 3, 31)) == 60
    assert got.on("within_20_weeks", D(2026, 4, 1)) == 80
    assert got.on("feedback_satisfied", D(2026, 4, 1)) is None
    log = _log(db)
    assert [a for a, *_ in log] == ["set", "set", "set"]
    assert json.loads(log[2][2] or "{}")["percent"] == 75  # before
    assert json.loads(log[2][3] or "{}")["percent"] == 80  # after
    assert board_targets.remove_target(db, "within_20_weeks", D(2026, 4, 1), actor)
    assert not board_targets.remove_target(db, "within_20_weeks", D(2026, 4, 1), actor)
    assert board_targets.stored_targets(db).on("within_20_weeks", D(2027, 1, 1)) == 60
    assert _log(db)[-1][0] == "remove"


@pytest.mark.parametrize(("kpi", "percent", "words"), [
    ("bogus", 50, "unknown measure"), ("within_20_weeks", 101, "from 0 to 100"),
    ("within_20_weeks", -1, "from 0 to 100"), ("within_20_weeks", float("nan"), "0 to 100")])
def test_bad_targets_refused(db: Database, actor: Actor, kpi: str, percent: float,
                             words: str) -> None:
    with pytest.raises(UserError, match=words):
        board_targets.set_target(db, kpi, D(2026, 1, 1), percent, actor)
    assert board_targets.list_targets(db) == []


def test_reports_read_the_stored_targets(db: Database, actor: Actor) -> None:
    with db.write() as s:
        s.add_all([m.Plan(plan_ref="T1", plan_type="new", request_date=D(2025, 10, 13),
                          issue_date=D(2026, 3, 2)),  # 140 days
                   m.Plan(plan_ref="T2", plan_type="new", request_date=D(2025, 10, 13),
                          issue_date=D(2026, 3, 3))])  # 141 days
    board_targets.set_target(db, "within_20_weeks", D(2025, 4, 1), 60, actor)
    f = board_reports.timeliness(db, "2026-03", "2026-03")
    got = f.measures["within_20_weeks"]
    assert (got.met, got.of, got.percent, got.target, got.rag) == (1, 2, 50.0, 60, "amber")
    # advice: no stored target -> the advice-return rubric's (98% from May 2019)
    assert f.targets.on("advice_within_6_weeks", D(2026, 3, 31)) == 98
    board_targets.set_target(db, "advice_within_6_weeks", D(2026, 1, 1), 90, actor)
    f = board_reports.timeliness(db, "2026-03", "2026-03")
    assert f.targets.on("advice_within_6_weeks", D(2026, 3, 31)) == 90


def test_a_store_that_cannot_take_the_import_uses_the_file_meanwhile(
        db: Database, actor: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    from qa_audit import paths
    from qa_audit.errors import DatabaseError

    (paths.data_dir() / board_targets.TARGETS_FILE).write_text(json.dumps(
        {"feedback_satisfied": [{"from": "2025-01-01", "percent": 75}],
         "within_20_weeks": [{"from": "2025-01-01", "percent": 10}]}))
    board_targets.set_target(db, "within_20_weeks", D(2025, 4, 1), 60, actor)

    def busy(*_: object) -> int:
        raise DatabaseError("database is busy")

    monkeypatch.setattr(board_targets, "import_local_file", busy)
    got = board_targets.targets(db)
    assert got.on("feedback_satisfied", D(2026, 1, 1)) == 75  # from the file, for now
    assert got.on("within_20_weeks", D(2026, 1, 1)) == 60  # the database's wins
