"""Moderation at the speed of talk (issue 16): a plan agreed with keys only, counted.

Three members score one plan to which all 22 questions apply; they differ on 4
questions and on the grade. The chair agrees it from the keyboard alone: "agree
where unanimous", "disagreements only", one key per disagreement (the grid moves
down by itself only because the key asked it to), one digit for the grade. Every
key press goes through ``press`` and is counted; the stored agreed answers and
grade are read back through the services.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from qa_audit.domain.audit import AuditRecord
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.moderation_page import ModerationPage
from qa_audit.services import session_data
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests.moderation_data import AGREED_GRADE, BOB, CHAIR, DIFFER, PLAN, SESSION, build


class Keys:
    """Presses keys on whatever has the focus, and counts them."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.count = 0

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              text: str = "") -> None:
        target = QApplication.focusWidget()
        assert target is not None
        self.count += 1
        self.qtbot.keyClick(target, key, modifiers)


@pytest.fixture
def keys_ctx(db: Database, actor: Actor) -> AppContext:
    build(db, actor)
    return AppContext(db, actor)


def open_page(qtbot: Any, ctx: AppContext) -> ModerationPage:
    page = ModerationPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.open_session(SESSION, member=CHAIR, plan_ref=PLAN)
    return page


def agreed(db: Database) -> AuditRecord | None:
    data = session_data.load_session(db, SESSION)
    return next((a for a in data.audits if a.is_panel and a.plan_ref == PLAN), None)


def test_a_plan_with_four_disagreements_is_agreed_in_at_most_15_keystrokes(
        qtbot: Any, keys_ctx: AppContext) -> None:
    page = open_page(qtbot, keys_ctx)
    assert page.view is not None
    assert sum(1 for r in page.view.rows if r.disagree and not r.is_overall) == 4
    page.ui.sessionCombo.setFocus()  # wherever the user happens to be on the page
    keys = Keys(qtbot)
    resets: list[bool] = []
    page.grid_model.modelReset.connect(lambda: resets.append(True))

    keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
               | Qt.KeyboardModifier.ShiftModifier)          # agree where unanimous
    keys.press(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # disagreements only
    assert QApplication.focusWidget() is page.ui.gridView
    for _ in DIFFER:  # the rows shown, top to bottom: the key agrees and moves down
        row = page.grid_model.row_at(page.ui.gridView.currentIndex().row())
        keys.press(getattr(Qt.Key, f"Key_{DIFFER[row.key][1]}"))
    assert page.grid_model.row_at(page.ui.gridView.currentIndex().row()).is_overall
    keys.press(getattr(Qt.Key, f"Key_{AGREED_GRADE}"))       # the agreed grade

    assert "Saving" in page.ui.saveStateLabel.text() or page.saver.idle
    qtbot.waitUntil(lambda: page.saver.idle, timeout=10000)
    assert keys.count <= 15
    assert keys.count == 7
    assert not resets, "the grid was reset after an edit"
    record = agreed(keys_ctx.db)
    assert record is not None
    expected = {q: DIFFER[q][1] if q in DIFFER else "Y"
                for q in (r.key for r in page.view.rows if not r.is_overall)}
    assert record.answers == expected
    assert record.overall == AGREED_GRADE
    assert record.attributions["parent_views"] == ("health",)  # the members' attribution
    assert page.ui.saveStateLabel.text() == "All agreed changes saved"
    assert "Saving" not in page.ui.saveStateLabel.text()


def test_agree_where_unanimous_is_one_undo_step(qtbot: Any, keys_ctx: AppContext) -> None:
    page = open_page(qtbot, keys_ctx)
    page.ui.gridView.setFocus()
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
               | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: page.saver.idle, timeout=10000)
    record = agreed(keys_ctx.db)
    assert record is not None
    assert len(record.answers) == 18
    assert record.overall is None  # the grades differ
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.saver.idle, timeout=10000)
    record = agreed(keys_ctx.db)
    assert record is not None
    assert record.answers == {}
    assert page.view is not None
    assert all(r.agreed is None for r in page.view.rows)


def test_an_edit_never_scrolls_or_moves_the_cursor_by_itself(qtbot: Any,
                                                             keys_ctx: AppContext) -> None:
    page = open_page(qtbot, keys_ctx)
    page.resize(1280, 560)  # short enough to scroll
    grid, model = page.ui.gridView, page.grid_model
    grid.setFocus()
    grid.setCurrentIndex(model.index(12, model.agreed_column))
    grid.scrollTo(model.index(12, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    assert grid.verticalScrollBar().value() > 0
    scroll = grid.verticalScrollBar().value()
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        qtbot.keyClick(grid, Qt.Key.Key_Y)
    assert grid.currentIndex().row() == 13  # one down, as the key asked: no further
    assert grid.currentIndex().column() == model.agreed_column
    assert grid.verticalScrollBar().value() == scroll
    assert not resets
    # a pick from the Agreed cell's list (the delegate's path) does not move it either
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        assert model.setData(model.index(13, model.agreed_column), "Y")
    assert grid.currentIndex().row() == 13
    assert not resets
    record = agreed(keys_ctx.db)
    assert record is not None
    assert record.answers[model.row_at(12).key] == "Y"


def test_rationale_and_attribution_keys(qtbot: Any, keys_ctx: AppContext) -> None:
    page = open_page(qtbot, keys_ctx)
    grid, model = page.ui.gridView, page.grid_model
    grid.setFocus()
    row = model.row_of("parent_views")
    grid.setCurrentIndex(model.index(row, model.agreed_column))
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        qtbot.keyClick(grid, Qt.Key.Key_N)
    grid.setCurrentIndex(model.index(row, model.agreed_column))
    qtbot.keyClick(grid, Qt.Key.Key_R)
    assert grid.currentIndex() == model.index(row, model.rationale_column)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not grid
    qtbot.keyClicks(editor, "No parents' views in Section B")
    with qtbot.waitSignal(page.save_finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    grid.setCurrentIndex(model.index(row, model.agreed_column))
    qtbot.keyClick(grid, Qt.Key.Key_T)
    assert grid.currentIndex() == model.index(row, model.agency_column)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    record = agreed(keys_ctx.db)
    assert record is not None
    assert record.rationales["parent_views"] == "No parents' views in Section B"


def test_a_stray_letter_never_jumps_to_another_row(qtbot: Any, keys_ctx: AppContext) -> None:
    """Qt's keyboard search used to move the cursor to a row starting with the letter."""
    page = open_page(qtbot, keys_ctx)
    page.ui.memberCombo.setCurrentIndex(page.ui.memberCombo.findData(BOB))  # read-only
    grid, model = page.ui.gridView, page.grid_model
    grid.setFocus()
    grid.setCurrentIndex(model.index(5, 0))
    for key in (Qt.Key.Key_A, Qt.Key.Key_D, Qt.Key.Key_Y):
        qtbot.keyClick(grid, key)
    assert grid.currentIndex().row() == 5
    assert agreed(keys_ctx.db) is None


def test_the_status_line_counts_down_as_rows_are_agreed(qtbot: Any,
                                                        keys_ctx: AppContext) -> None:
    """The "agree where unanimous" summary is replaced by the count left after each keyed
    row, not left up with a count that is out of date."""
    page = open_page(qtbot, keys_ctx)
    said: list[str] = []
    keys_ctx.status_message.connect(said.append)
    page.ui.gridView.setFocus()
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
               | Qt.KeyboardModifier.ShiftModifier)
    assert said[-1].startswith("Agreed 18 rows") and "5 left to discuss" in said[-1]
    keys.press(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    row = page.grid_model.row_at(page.ui.gridView.currentIndex().row())
    keys.press(getattr(Qt.Key, f"Key_{DIFFER[row.key][1]}"))
    assert said[-1] == "4 rows left to discuss."
    qtbot.waitUntil(lambda: page.saver.idle, timeout=10000)
