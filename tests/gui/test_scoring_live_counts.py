"""Small things on the Scoring page: the panel's Drafts count is live after a save,
and switching member clears the last member's messages."""

from __future__ import annotations

from PySide6.QtCore import Qt

from qa_audit.domain.rubric import Rubric
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.scoring_page import ScoringPage
from qa_audit.storage.engine import Database
from tests.gui import scoring_panel as base
from tests.gui.scoring_panel import ALICE, BOB, facts_of, open_page, own_audit, sample

# the Scoring page tests' fixtures (a sampled session with a panel), by name
template_db, db_file, sdb, ctx = base.template_db, base.db_file, base.sdb, base.ctx
rubric, no_debounce = base.rubric, base.no_debounce


def drafts_of(page: ScoringPage, member: str) -> str:
    model = page.progress_model
    row = next(r for r in range(model.rowCount())
               if str(model.index(r, 0).data()).startswith(member))
    return str(model.index(row, 2).data())


def test_drafts_count_goes_up_with_the_first_answer(qtbot, ctx: AppContext, sdb: Database,
                                                    rubric: Rubric) -> None:
    plan = next(ref for ref in sample(sdb) if own_audit(sdb, ref, ALICE) is None)
    page = open_page(qtbot, ctx, plan_ref=plan)
    assert page.form is not None
    before = int(drafts_of(page, ALICE))
    qid = next(q.id for q in rubric.applicable_questions(facts_of(sdb, plan)))
    qtbot.mouseClick(page.form.questions[qid].button("Y"), Qt.MouseButton.LeftButton)
    assert own_audit(sdb, plan, ALICE) is not None  # saved (waits for the background save)
    qtbot.waitUntil(lambda: int(drafts_of(page, ALICE)) == before + 1)


def test_switching_member_clears_the_last_members_messages(qtbot, ctx: AppContext) -> None:
    page = open_page(qtbot, ctx)
    page.ui.messageLabel.setText("Submitted your audit of P-1.")
    said: list[str] = []
    ctx.status_message.connect(said.append)
    page.set_member(BOB)
    assert page.ui.messageLabel.text() == ""
    assert said[:1] == [""]  # the status bar's message is cleared first
