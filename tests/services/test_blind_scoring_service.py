"""Blind scoring in the scoring service: ``visible_audits`` returns domain records,
filtered by the one rule in ``domain.visibility`` (the Scoring and Moderation screens
ask the same rule, so they never disagree)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qa_audit.domain.audit import AuditRecord
from qa_audit.services import scoring, sessions
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests.integration.workers.panel import PanelConfig, _open, make_panel


@pytest.fixture
def panel(tmp_path: Path) -> PanelConfig:
    return make_panel(tmp_path / "qa.sqlite3", members=2, plans=1, questions=2, shared=False)


@pytest.fixture
def db(panel: PanelConfig) -> Iterator[Database]:
    database_ = _open(panel)
    yield database_
    database_.dispose()


def test_others_hidden_until_submitted_then_open_in_moderation(panel: PanelConfig,
                                                               db: Database) -> None:
    plan = panel.plans[0]
    alice, bob = panel.members
    (qid, values), *_rest = panel.questions.items()
    sessions.set_status(db, panel.session, "scoring", Actor.current())
    scoring.save_answer(db, panel.session, plan, alice, qid, values[0])
    scoring.save_answer(db, panel.session, plan, bob, qid, values[1])

    seen = scoring.visible_audits(db, panel.session, plan, alice)
    assert all(isinstance(a, AuditRecord) for a in seen)
    assert [a.auditor for a in seen] == [alice]  # blind: only her own
    assert seen[0].answers == {qid: values[0]}
    assert seen[0].plan_ref == plan and seen[0].status == "draft"

    sessions.set_status(db, panel.session, "moderation", Actor.current())
    seen = scoring.visible_audits(db, panel.session, plan, alice)
    assert sorted(a.auditor for a in seen) == sorted([alice, bob])  # the panel compares
    assert next(a for a in seen if a.auditor == bob).answers == {qid: values[1]}
