"""Issue 19's hooks in the GUI: re-audits marked in the sample panel and the scoring
list; the Moderation screen's feedback letter, exemplar and good-practice actions.

March's panel finds a shortfall on L01 and adds an action with a re-audit; April's
sample draws L01 on top of the random draw. Dialogs are replaced with ``monkeypatch``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from qa_audit.gui.context import AppContext
from qa_audit.gui.models.session_tables import REAUDIT_TIP, SampleTableModel
from qa_audit.gui.moderation import loop_actions
from qa_audit.gui.pages.moderation_page import ModerationPage
from qa_audit.gui.pages.scoring_page import ScoringPage
from qa_audit.gui.scoring.models import REAUDIT_MARK
from qa_audit.services import actions, exemplars, reaudits, sampling, sessions
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests.gui.conftest import insert_plans, plan

RUBRIC = "multi-agency-ehcp"
MARCH, APRIL = "March panel", "April panel"
CHAIR = "Carol Chair"
REF = "L01"


@pytest.fixture
def loop_db(db: Database, actor: Actor) -> Database:
    """L01..L08 on the register; March holds a re-audit action on L01; April is drawn."""
    insert_plans(db, [plan(f"L{i:02d}", dt.date(2026, 1, i), year_group=4, phase="primary",
                           primary_need="ASD", setting_type="mainstream",
                           direct_payments=False) for i in range(1, 9)])
    for name, date in ((MARCH, dt.date(2026, 3, 10)), (APRIL, dt.date(2026, 4, 20))):
        sessions.create_session(db, name, RUBRIC, date, actor)
        sessions.add_member(db, name, CHAIR, "sen_casework", "chair", actor)
    sampling.draw(db, MARCH, sampling.SampleSettings(size=3, seed=2, exclude_months=0), actor)
    actions.add_action(db, MARCH, "Gather and record the child's views", actor, plan_ref=REF,
                       owner="SEN team", due_date=dt.date(2026, 4, 1), reaudit=True)
    sampling.draw(db, APRIL, sampling.SampleSettings(size=2, seed=1, exclude_months=0), actor)
    assert reaudits.reaudit_plans(db, APRIL) == {REF}
    return db


def test_sample_panel_marks_the_reaudit(qtbot: Any, loop_db: Database) -> None:
    model = SampleTableModel()
    model.set_rows(sampling.sample_rows(loop_db, APRIL))
    rows = model.rows()
    i = next(n for n, r in enumerate(rows) if r.plan_ref == REF)
    assert model.index(i, model.COL_NOTE).data() == "Re-audit"
    assert model.index(i, model.COL_REF).data(Qt.ItemDataRole.ToolTipRole) == REAUDIT_TIP
    assert model.index(i, model.COL_NOTE).data(Qt.ItemDataRole.FontRole).bold()
    others = [n for n, r in enumerate(rows) if r.plan_ref != REF]
    assert others and all(model.index(n, model.COL_NOTE).data() == "" for n in others)


def test_scoring_list_marks_the_reaudit(qtbot: Any, loop_db: Database, actor: Actor) -> None:
    page = ScoringPage(AppContext(loop_db, actor), None)
    qtbot.addWidget(page)
    page.open_session(APRIL, member=CHAIR)
    model = page.plans.model
    texts = {r.plan_ref: model.index(n, 0).data() for n, r in enumerate(model.rows())}
    assert texts[REF].endswith(REAUDIT_MARK)
    assert [ref for ref, text in texts.items() if REAUDIT_MARK in text] == [REF]
    tip = model.index(model.row_of(REF), 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "re-audit" in tip
    plan_list = page.ui.planList  # sized to the marked text, so the mark is not cut off
    assert plan_list.minimumWidth() > plan_list.fontMetrics().horizontalAdvance(texts[REF])


def open_moderation(qtbot: Any, db: Database, actor: Actor) -> ModerationPage:
    page = ModerationPage(AppContext(db, actor), today=lambda: dt.date(2026, 4, 21))
    qtbot.addWidget(page)
    page.open_session(APRIL, member=CHAIR, plan_ref=REF)
    assert page.plan_ref == REF
    return page


def test_feedback_button_writes_the_letter(qtbot: Any, loop_db: Database, actor: Actor,
                                           tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "letter"
    monkeypatch.setattr(loop_actions.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(out), "PDF files (*.pdf)"))
    page = open_moderation(qtbot, loop_db, actor)
    button = page.loop_actions.feedback_button
    assert button.text() == "Feedback to caseworker…" and button.parentWidget() is not None
    with qtbot.waitSignal(page.loop_actions.feedback_written, timeout=20000) as done:
        button.click()
    assert done.args == [f"{out}.pdf"]
    reader = PdfReader(f"{out}.pdf")
    text = " ".join(p.extract_text() for p in reader.pages)
    assert 1 <= len(reader.pages) <= 2 and REF in text
    assert button.isEnabled()


def test_feedback_failure_is_shown(qtbot: Any, loop_db: Database, actor: Actor,
                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "no-such-folder" / "letter.pdf"
    monkeypatch.setattr(loop_actions.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(out), ""))
    shown: list[str] = []
    monkeypatch.setattr(loop_actions.QMessageBox, "warning",
                        lambda _p, title, text: shown.append(f"{title}: {text}"))
    page = open_moderation(qtbot, loop_db, actor)
    with qtbot.waitSignal(page.loop_actions.feedback_failed, timeout=20000):
        page.loop_actions.feedback_button.click()
    assert shown and shown[0].startswith("Feedback not written: The letter for the caseworker")
    assert not out.exists() and page.loop_actions.feedback_button.isEnabled()


def test_mark_exemplar_and_tag_good_practice(qtbot: Any, loop_db: Database, actor: Actor,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loop_actions, "ask_exemplar_reason",
                        lambda _p, _ref: "The child's voice runs through every section")
    monkeypatch.setattr(loop_actions, "ask_good_practice",
                        lambda _p, _ref, questions: (questions[0][0], "In my own words: ..."))
    page = open_moderation(qtbot, loop_db, actor)
    notified: list[str] = []
    page.ctx.data_changed.connect(notified.append)
    page.loop_actions.exemplar_button.click()
    page.loop_actions.good_practice_button.click()

    marked = exemplars.exemplars(loop_db, names=())
    assert [(e.session, e.plan_ref, e.reason, e.marked_by) for e in marked] == [
        (APRIL, REF, "The child's voice runs through every section", CHAIR)]
    tagged = exemplars.good_practice(loop_db)
    assert page.rubric is not None
    first = next(iter(page.rubric.questions())).id
    assert [(g.plan_ref, g.question_id, g.text) for g in tagged] == [
        (REF, first, "In my own words: ...")]
    assert "exemplars" in notified


def test_cancelled_dialogs_store_nothing(qtbot: Any, loop_db: Database, actor: Actor,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loop_actions, "ask_exemplar_reason", lambda _p, _ref: None)
    monkeypatch.setattr(loop_actions, "ask_good_practice", lambda _p, _ref, _q: None)
    page = open_moderation(qtbot, loop_db, actor)
    page.loop_actions.exemplar_button.click()
    page.loop_actions.good_practice_button.click()
    assert exemplars.exemplars(loop_db, names=()) == []
    assert exemplars.good_practice(loop_db) == []


def test_buttons_wait_for_a_session_with_plans(qtbot: Any, db: Database, actor: Actor) -> None:
    page = ModerationPage(AppContext(db, actor))
    qtbot.addWidget(page)
    loop = page.loop_actions
    buttons = (loop.feedback_button, loop.exemplar_button, loop.good_practice_button)
    assert page.info is None and not any(b.isEnabled() for b in buttons)
