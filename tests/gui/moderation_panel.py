"""The small moderation panel the Moderation page tests share: three members score two
plans; Bob deliberately disagrees with the others on ``cyp_voice`` and gives an overall
grade three below theirs."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex

from qa_audit.domain.audit import AuditRecord
from qa_audit.domain.rubric import Rubric
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages import moderation_dialogs
from qa_audit.gui.pages.moderation_dialogs import (
    KEEP_THEIRS,
    Conflict,
)
from qa_audit.gui.pages.moderation_page import ModerationPage
from qa_audit.services import (
    plans,
    rubric_view,
    scoring,
    session_data,
    sessions,
    submission,
)
from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.storage.engine import Database
from tests.gui.conftest import insert_plans, plan

SESSION = "Moderation test panel"
CHAIR = "Carol Chair (SEN casework)"
BOB = "Bob Shah (EP)"
DEV = "Dev Rao (DCO)"
OBSERVER = "Olive Grant (parent forum)"
PLAN_A, PLAN_B = "P-101", "P-102"
DISPUTED = "cyp_voice"
TODAY = dt.date(2026, 11, 25)


# ------------------------------------------------------------------ fixtures


def score(db: Database, rubric: Rubric, plan_ref: str, member: str, grade: int,
          *, overrides: dict[str, tuple[str, str | None, str | None]] | None = None) -> None:
    """Answer every applicable question (first valid answer), grade and submit."""
    facts = plans.plan_facts(db, plan_ref)
    assert facts is not None
    overrides = overrides or {}
    for q in rubric.applicable_questions(facts):
        value, note, agencies = overrides.get(q.id, (q.valid_answers()[0], None, ()))
        scoring.save_answer(db, SESSION, plan_ref, member, q.id, value, note=note,
                            agencies=agencies)
    scoring.save_overall(db, SESSION, plan_ref, member, grade)
    submission.submit(db, SESSION, plan_ref, member)


def build_panel(db: Database, actor: Actor) -> None:
    """Two plans; Carol (chair), Bob and Dev score; Bob disagrees on cyp_voice and the grade."""
    rubric = rubric_view.load_rubric(db, "multi-agency-ehcp").rubric
    insert_plans(db, [
        plan(PLAN_A, dt.date(2026, 10, 1), year_group=4, phase="primary", primary_need="ASD",
             setting_type="mainstream", direct_payments=False),
        plan(PLAN_B, dt.date(2026, 10, 8), year_group=10, phase="secondary",
             primary_need="SEMH", setting_type="mainstream", direct_payments=False),
    ])
    sessions.create_session(db, SESSION, "multi-agency-ehcp", dt.date(2026, 11, 10), actor)
    sessions.add_member(db, SESSION, CHAIR, "sen_casework", "chair", actor)
    sessions.add_member(db, SESSION, BOB, "ep", "auditor", actor)
    sessions.add_member(db, SESSION, DEV, "health", "auditor", actor)
    sessions.add_member(db, SESSION, OBSERVER, None, "observer", actor)
    score(db, rubric, PLAN_A, CHAIR, 6)
    score(db, rubric, PLAN_A, BOB, 3, overrides={
        DISPUTED: ("N", "No views of the child anywhere in Section A.", ("ep", "health"))})
    score(db, rubric, PLAN_A, DEV, 6)
    score(db, rubric, PLAN_B, CHAIR, 5)
    score(db, rubric, PLAN_B, BOB, 5)


@pytest.fixture(scope="module")
def panel_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scored session, built once per module (each test gets a copy)."""
    folder = tmp_path_factory.mktemp("moderation-template")
    actor = Actor("tester", "test-pc")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(folder / "home"))
        path = folder / "template.sqlite3"
        db = database.initialise(str(path), actor).database
        try:
            build_panel(db, actor)
        finally:
            db.dispose()
    return path


@pytest.fixture
def panel(panel_template: Path, db_path: Path) -> Iterator[Database]:
    shutil.copyfile(panel_template, db_path)
    db = database.open_existing(str(db_path))
    yield db
    db.dispose()


@pytest.fixture
def rubric(panel: Database) -> Rubric:
    return rubric_view.load_rubric(panel, "multi-agency-ehcp").rubric


@pytest.fixture
def pctx(panel: Database, actor: Actor) -> AppContext:
    return AppContext(panel, actor)


@pytest.fixture
def other_db(db_path: Path) -> Iterator[Database]:
    """A second connection to the same file: "another process" saving meanwhile."""
    other = database.open_existing(str(db_path))
    yield other
    other.dispose()


class ConflictRecorder(list):
    """Stands in for the conflict dialog: records each conflict, answers ``answer``."""

    answer = KEEP_THEIRS

    def ask(self, _parent: Any, conflict: Conflict) -> str:
        self.append(conflict)
        return self.answer


@pytest.fixture
def conflicts(monkeypatch: pytest.MonkeyPatch) -> ConflictRecorder:
    recorder = ConflictRecorder()
    monkeypatch.setattr(moderation_dialogs, "ask_conflict", recorder.ask)
    return recorder


def open_page(qtbot: Any, ctx: AppContext, member: str = CHAIR,
              plan_ref: str = PLAN_A) -> ModerationPage:
    page = ModerationPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.open_session(SESSION, member=member, plan_ref=plan_ref)
    return page


def panel_record(db: Database, plan_ref: str = PLAN_A) -> AuditRecord | None:
    data = session_data.load_session(db, SESSION)
    return next((a for a in data.audits if a.is_panel and a.plan_ref == plan_ref), None)


def agreed_cell(page: ModerationPage, key: str = DISPUTED) -> QModelIndex:
    return page.grid_model.cell(key, page.grid_model.agreed_column)


def edit_cell(qtbot: Any, page: ModerationPage, index: QModelIndex, value: object) -> bool:
    """Set a grid cell the way the delegate does, and wait for the save to finish."""
    with qtbot.waitSignal(page.save_finished, timeout=5000) as blocker:
        assert page.grid_model.setData(index, value)
    return bool(blocker.args[0])
