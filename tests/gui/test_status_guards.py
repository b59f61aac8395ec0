"""Guards with counts in the GUI (issue 16): the Sessions page asks before starting
moderation with unscored plans or closing with unmoderated ones, naming the counts;
the chair reopens a closed session from the Moderation page with a reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from qa_audit.domain.session_guards import StatusGuard
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages import status_guard_dialog
from qa_audit.gui.pages.moderation_page import ModerationPage
from qa_audit.gui.pages.sessions_page import SessionsPage
from qa_audit.services import agreed, plans, rubric_view, scoring, sessions, submission
from qa_audit.services.sampling import SampleSettings, draw
from qa_audit.storage import models as m
from tests.gui.conftest import insert_plans, plan

SESSION = "Guarded panel"
CHAIR = "Carol Chair"


@pytest.fixture
def guarded(ctx: AppContext) -> AppContext:
    """Three sampled plans; the chair has scored and submitted one."""
    db, actor = ctx.db, ctx.actor
    insert_plans(db, [plan(f"G-{i}", dt.date(2026, 9, 1 + i), year_group=5, phase="primary")
                      for i in range(3)])
    sessions.create_session(db, SESSION, "multi-agency-ehcp", dt.date(2026, 11, 20), actor)
    draw(db, SESSION, SampleSettings(size=3, seed=1), actor)
    sessions.add_member(db, SESSION, CHAIR, None, "chair", actor)
    rubric = rubric_view.load_rubric(db, "multi-agency-ehcp").rubric
    facts = plans.plan_facts(db, "G-0")
    assert facts is not None
    for q in rubric.applicable_questions(facts):
        scoring.save_answer(db, SESSION, "G-0", CHAIR, q.id, "Y")
    scoring.save_overall(db, SESSION, "G-0", CHAIR, 5)
    submission.submit(db, SESSION, "G-0", CHAIR)
    return ctx


class Asked(list):
    answer = False

    def ask(self, _parent: Any, guard: StatusGuard) -> bool:
        self.append(guard)
        return self.answer


def test_starting_moderation_asks_naming_the_unscored_count(
        qtbot: Any, guarded: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = Asked()
    monkeypatch.setattr(status_guard_dialog, "ask_status_guard", asked.ask)
    page = SessionsPage(guarded)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.status_buttons["moderation"], Qt.MouseButton.LeftButton)
    assert [g.unscored for g in asked] == [2]
    assert "2 of 3 sampled plans" in asked[0].question
    assert sessions.get_info(guarded.db, SESSION).status == "scoring"  # said no
    asked.answer = True
    qtbot.mouseClick(page.status_buttons["moderation"], Qt.MouseButton.LeftButton)
    assert sessions.get_info(guarded.db, SESSION).status == "moderation"
    qtbot.mouseClick(page.status_buttons["closed"], Qt.MouseButton.LeftButton)
    assert asked[-1].target == "closed"
    assert asked[-1].unmoderated == 3
    assert "3 of 3 sampled plans" in asked[-1].question
    assert sessions.get_info(guarded.db, SESSION).read_only


def test_the_guard_box_names_the_counts_and_defaults_to_cancel(qtbot: Any) -> None:
    guard = StatusGuard(SESSION, "moderation", 10, 8, 10)
    box = status_guard_dialog.status_guard_box(None, guard)
    qtbot.addWidget(box)
    assert "8 of 10 sampled plans" in box.text()
    assert box.defaultButton() is box.button(box.StandardButton.Cancel)


def test_chair_reopens_a_closed_session_with_a_reason(
        qtbot: Any, guarded: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    sessions.set_status(guarded.db, SESSION, "closed", guarded.actor, force=True)
    monkeypatch.setattr(status_guard_dialog, "ask_reopen_reason",
                        lambda _parent, _name: "G-1 was scored after the meeting")
    page = ModerationPage(guarded)
    qtbot.addWidget(page)
    page.show()
    page.open_session(SESSION, member=CHAIR)
    assert page.ui.reopenButton.isVisibleTo(page)
    qtbot.mouseClick(page.ui.reopenButton, Qt.MouseButton.LeftButton)
    assert sessions.get_info(guarded.db, SESSION).status == "moderation"
    assert not page.ui.reopenButton.isVisibleTo(page)
    with guarded.db.read() as s:
        logged = s.scalars(select(m.ChangeLog.after_json)
                           .where(m.ChangeLog.action == "reopen")).all()
    assert len(logged) == 1
    assert "scored after the meeting" in (logged[0] or "")


def test_an_agreed_score_does_not_start_moderation_while_plans_are_unscored(
        guarded: AppContext) -> None:
    """Recording the first agreed score used to move the session on by itself, ending
    blind scoring for plans nobody had scored; now only the chair's choice does."""
    agreed.save_agreed_answer(guarded.db, SESSION, "G-0", CHAIR, "cyp_voice", "Y")
    assert sessions.get_info(guarded.db, SESSION).status == "scoring"
