"""The sampled session with a panel that the Scoring page tests share, and their helpers."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from qa_audit.domain.rubric import Rubric
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.scoring_page import ScoringPage
from qa_audit.gui.scoring import save_queue
from qa_audit.services import demo, rubric_view, scoring, session_data, sessions, submission
from qa_audit.services.actor import Actor
from qa_audit.services.sampling import SampleSettings, draw
from qa_audit.services.store import database
from qa_audit.storage.engine import Database

SESSION = "Test panel"
ALICE = "Alice Reid (SEN casework)"
BOB = "Bob Shah (EP)"
OLIVE = "Olive Grant (DCO)"
HELPER = Path(__file__).with_name("scoring_crash_helper.py")


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo data plus a fresh session 'Test panel' (Alice chair, Bob auditor, Olive observer)."""
    folder = tmp_path_factory.mktemp("scoring-template")
    actor = Actor("tester", "test-pc")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(folder / "home"))
        path = folder / "template.sqlite3"
        db = database.initialise(str(path), actor).database
        try:
            demo.load_demo(db, actor, seed=2026)
            sessions.create_session(db, SESSION, "multi-agency-ehcp", dt.date.today(), actor)
            sessions.add_member(db, SESSION, ALICE, "sen_casework", "chair", actor)
            sessions.add_member(db, SESSION, BOB, "ep", "auditor", actor)
            sessions.add_member(db, SESSION, OLIVE, "health", "observer", actor)
            draw(db, SESSION, SampleSettings(size=4, seed=7, exclude_months=0), actor)
        finally:
            db.dispose()
    return path


@pytest.fixture
def db_file(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "audit.sqlite3"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def sdb(db_file: Path) -> Iterator[Database]:
    db = database.open_existing(str(db_file))
    yield db
    db.dispose()


@pytest.fixture
def ctx(sdb: Database) -> AppContext:
    return AppContext(sdb, Actor("tester", "test-pc"))


@pytest.fixture
def rubric(sdb: Database) -> Rubric:
    return rubric_view.load_rubric(sdb, "multi-agency-ehcp").rubric


@pytest.fixture(autouse=True)
def no_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ScoringPage, "TEXT_SAVE_DELAY_MS", 0)


def facts_of(db: Database, plan_ref: str) -> dict[str, object]:
    return session_data.load_session(db, SESSION).plans[plan_ref].as_condition_facts()


def sample(db: Database) -> list[str]:
    return list(session_data.load_session(db, SESSION).sampled)


def plan_with_skipped_question(db: Database, rubric: Rubric) -> str:
    """A sampled plan where at least one question does not apply (fewest applicable)."""
    refs = sample(db)
    return min(refs, key=lambda r: len(rubric.applicable_questions(facts_of(db, r))))


def wait_for_saves() -> None:
    """Let the pages' background saves land, without running window-system events (on
    the offscreen platform those can move the focus): wait for the workers, deliver
    their queued results (which start the next save), until every queue is idle."""
    pool = QThreadPool.globalInstance()
    while not save_queue.all_idle():
        assert pool.waitForDone(30_000), "a background save never finished"
        QCoreApplication.sendPostedEvents()


def own_audit(db: Database, plan_ref: str, member: str):
    wait_for_saves()  # the page saves in the background
    data = session_data.load_session(db, SESSION)
    return next((a for a in data.audits
                 if a.plan_ref == plan_ref and a.auditor == member and not a.is_panel), None)


def score_by_service(db: Database, rubric: Rubric, plan_ref: str, member: str,
                     value: str = "Y", grade: int = 6, *, submit: bool = True) -> None:
    for q in rubric.applicable_questions(facts_of(db, plan_ref)):
        scoring.save_answer(db, SESSION, plan_ref, member, q.id, value)
    scoring.save_overall(db, SESSION, plan_ref, member, grade)
    if submit:
        submission.submit(db, SESSION, plan_ref, member)


def open_page(qtbot, ctx: AppContext, member: str = ALICE, plan_ref: str | None = None,
              settings: QSettings | None = None) -> ScoringPage:
    page = ScoringPage(ctx, settings)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.open_session(SESSION, member=member, plan_ref=plan_ref)
    return page


def reactivate(qtbot, page: ScoringPage) -> None:
    """Offscreen Qt can leave a closed popup menu as the active window once events run
    (waiting for a background save runs them): give the page the keyboard back."""
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)


def focused() -> object:
    return QApplication.focusWidget()
