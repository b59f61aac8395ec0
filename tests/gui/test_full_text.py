"""No silent truncation (issue 16 item 5): a long text is either shown whole or cut
with a mark and given whole in the tooltip -- in each place the user found text cut
off: the moderation session drop-down and grid question labels, the scoring pickers,
rubric codes and grade bands, and the status bar."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QMainWindow,
    QTableView,
    QTreeWidgetItem,
    QWidget,
)

from qa_audit.gui import full_text
from qa_audit.gui.context import AppContext
from qa_audit.gui.full_text import (
    ElidedLabel,
    cell_elided,
    combo_elides,
    fit_combo,
    tip_when_elided,
    wrap_column,
    wrapped_lines,
)
from qa_audit.gui.moderation.grid_model import ModerationGridModel
from qa_audit.gui.pages.moderation_page import ModerationPage
from qa_audit.gui.pages.rubrics_page import RubricsPage
from qa_audit.gui.pages.scoring_page import ScoringPage
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests import moderation_data

LONG = ("Multi-agency panel, autumn term 2026, secondary phase, direct payments and "
        "personal budgets sample")


def _fits(widget: QWidget, text: str, room: int) -> bool:
    return widget.fontMetrics().horizontalAdvance(text) <= room


def _tooltip_over(view: Any, index: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    """The tooltip the view's event filter shows over ``index`` ("" when it leaves
    the hover to Qt: the text fits)."""
    shown: list[str] = []
    monkeypatch.setattr(full_text.QToolTip, "showText",
                        lambda _pos, text, *_args: shown.append(text))
    pos = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    monkeypatch.undo()
    return shown[-1] if shown else ""


# ------------------------------------------------------------------ the pieces


def test_elided_label_shows_the_whole_text_in_its_tooltip_only_when_cut(qtbot: Any) -> None:
    label = ElidedLabel(LONG)
    qtbot.addWidget(label)
    label.setToolTip("what this is")
    label.show()
    label.resize(120, 30)
    assert label.is_elided() and label.shown_text().endswith("…")
    assert _fits(label, label.shown_text(), 120)
    assert label.text() == LONG  # what it says, as on any label
    assert label.toolTip() == f"{LONG}\n\nwhat this is"
    assert label.minimumSizeHint().width() < 120 < label.sizeHint().width()
    label.resize(label.sizeHint().width(), 30)
    assert not label.is_elided() and label.shown_text() == LONG
    assert label.toolTip() == "what this is"


def test_wrapped_lines_keep_every_word_within_the_width(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    metrics = widget.fontMetrics()
    width = metrics.averageCharWidth() * 20
    lines = wrapped_lines(metrics, LONG, width)
    assert " ".join(lines) == LONG
    assert len(lines) > 2 and all(metrics.horizontalAdvance(x) <= width for x in lines)
    capped = wrapped_lines(metrics, LONG, width, 2)
    assert len(capped) == 2 and capped[0] == lines[0] and capped[1].endswith("…")


def test_a_fitted_combo_elides_with_tooltips_and_a_wide_popup(qtbot: Any) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.setToolTip("The session")
    fit_combo(combo, 12)
    combo.addItems(["Short", LONG])
    combo.resize(combo.sizeHint())
    combo.show()
    assert combo.sizeHint().width() < combo.fontMetrics().horizontalAdvance(LONG)
    assert [combo.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(2)] == ["Short", LONG]
    assert combo.view().minimumWidth() > combo.fontMetrics().horizontalAdvance(LONG)
    assert combo.toolTip() == "The session"  # "Short" fits
    combo.setCurrentIndex(1)
    assert combo_elides(combo)
    assert combo.toolTip().startswith(LONG) and "The session" in combo.toolTip()
    combo.setItemText(1, "Renamed")  # a tooltip it set follows the item's text
    assert combo.itemData(1, Qt.ItemDataRole.ToolTipRole) == "Renamed"
    combo.grab()  # paints the elided text without a warning


def test_cut_cells_get_their_text_as_tooltip_and_wrapped_rows_grow(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    model = QStandardItemModel(2, 2)
    model.setItem(0, 0, QStandardItem(LONG))
    model.setItem(1, 0, QStandardItem("Short"))
    own = QStandardItem("Short too")
    own.setToolTip("the model's own")
    model.setItem(0, 1, own)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setWordWrap(False)
    view.setColumnWidth(0, 120)
    view.setColumnWidth(1, 120)
    view.resize(400, 200)
    view.show()
    tip_when_elided(view)
    assert cell_elided(view, model.index(0, 0))
    assert _tooltip_over(view, model.index(0, 0), monkeypatch) == LONG
    assert _tooltip_over(view, model.index(1, 0), monkeypatch) == ""  # fits: no tooltip
    assert not cell_elided(view, model.index(1, 0))
    assert _tooltip_over(view, model.index(0, 1), monkeypatch) == ""  # the model's, by Qt

    one_line = view.rowHeight(0)
    wrap_column(view, 0)
    assert view.rowHeight(0) > 2 * one_line  # the long text's lines all fit
    assert not cell_elided(view, model.index(0, 0))
    tall = view.rowHeight(0)
    view.setColumnWidth(0, 240)  # wider column: fewer lines, row measured again
    assert view.rowHeight(0) < tall


def test_status_bar_elides_a_long_message_and_gives_it_whole_on_hover(qtbot: Any) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(400, 200)
    window.show()
    bar = window.statusBar()
    full_text.full_text_status(bar)
    bar.showMessage("Saved.")
    assert bar.toolTip() == ""
    message = "Could not save: " + LONG * 2
    bar.showMessage(message)
    assert bar.toolTip() == message
    assert bar.currentMessage() == message
    bar.grab()  # paints it elided, without a warning


# ------------------------------------------------------------------ the places


@pytest.fixture
def long_session(db: Database, actor: Actor, monkeypatch: pytest.MonkeyPatch) -> AppContext:
    monkeypatch.setattr(moderation_data, "SESSION", LONG)
    moderation_data.build(db, actor)
    return AppContext(db, actor)


def test_moderation_session_combo_and_question_labels(qtbot: Any,
                                                      long_session: AppContext) -> None:
    page = ModerationPage(long_session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.open_session(LONG, member=moderation_data.CHAIR, plan_ref=moderation_data.PLAN)
    assert page.width() <= 1366  # the long name did not widen the page
    combo = page.ui.sessionCombo
    assert combo.currentData() == LONG
    assert combo_elides(combo)
    assert combo.toolTip().startswith(combo.currentText())
    assert combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole) == \
        combo.currentText()

    grid, model = page.ui.gridView, page.grid_model
    column = ModerationGridModel.COL_QUESTION
    assert grid.wordWrap()
    wrapped = 0
    for row in range(model.rowCount()):
        index = model.index(row, column)
        lines = wrapped_lines(grid.fontMetrics(), index.data(), grid.columnWidth(column))
        wrapped += len(lines) > 1
        assert not cell_elided(grid, index), index.data()  # every line fits in its row
    assert wrapped >= 5  # long labels take several lines instead of one cut line
    assert all(grid.rowHeight(r) >= grid.verticalHeader().defaultSectionSize()
               for r in range(model.rowCount()))


def test_scoring_pickers_elide_with_the_name_in_the_tooltip(
        qtbot: Any, long_session: AppContext) -> None:
    page = ScoringPage(long_session)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.open_session(LONG, member=moderation_data.CHAIR)
    combo = page.ui.sessionCombo
    assert combo.currentData() == LONG
    assert page.width() <= 1280
    text = combo.currentText()
    assert LONG in text
    if combo_elides(combo):
        assert combo.toolTip().startswith(text)
    assert LONG in combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole)


def test_rubric_codes_and_grade_bands_cut_show_whole_on_hover(
        qtbot: Any, db: Database, actor: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    page = RubricsPage(AppContext(db, actor))
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    tree = page.tree
    assert tree.textElideMode() != Qt.TextElideMode.ElideNone  # a cut code shows "…"
    code = "a_very_long_question_code_that_no_column_of_150_pixels_can_hold"
    item = QTreeWidgetItem(tree, ["A question", code, ""])
    tree.scrollToItem(item)
    index = tree.indexFromItem(item, 1)
    assert cell_elided(tree, index)
    assert _tooltip_over(tree, index, monkeypatch) == code

    bands = page.bands_table
    band = page.band_model.rows()[0]
    assert band.description
    bands.setColumnWidth(0, 20)  # squeezed: the band's name cannot fit
    page.band_model.replace_row(0, dataclasses.replace(
        band, label="A band name far longer than its column"))
    index = bands.model().index(0, 0)
    assert cell_elided(bands, index)
    tip = _tooltip_over(bands, index, monkeypatch)  # the name first, then the band's description
    assert tip.startswith("A band name far longer than its column\n\n")
    assert band.description in tip


def test_the_main_windows_status_bar_elides_long_messages(main_window: Any) -> None:
    main_window.resize(800, 600)
    main_window.show()
    bar = main_window.statusBar()
    message = "Saved on the shared drive, but " + LONG * 3
    main_window._show_status(message)
    assert bar.currentMessage() == message
    assert bar.toolTip() == message  # cut at the window's edge: whole on hover
    bar.grab()


def test_every_read_only_table_shows_a_cut_cell_whole(qtbot: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from qa_audit.gui.pages.scaffold import read_only_table

    view = QTableView()
    qtbot.addWidget(view)
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem(LONG))
    view.setModel(model)
    read_only_table(view)
    view.setColumnWidth(0, 100)
    view.show()
    assert _tooltip_over(view, model.index(0, 0), monkeypatch) == LONG


def test_every_table_of_a_built_page_shows_a_cut_cell_whole(main_window: Any) -> None:
    """The window hooks each page as it builds it: the Dashboard's tables, the
    Scorecard's, the health and timeliness panels' ... none is left out."""
    from PySide6.QtWidgets import QAbstractItemView

    checked = 0
    for title in main_window.page_titles():
        assert main_window.show_page(title)
        page = main_window.ui.pageStack.currentWidget()
        for view in page.findChildren(QAbstractItemView):
            if view.window() is not main_window:
                continue  # a combo box's popup list (its items carry their own tooltips)
            assert view.findChild(full_text._ElidedTips) is not None, f"{title}: {view}"
            checked += 1
    assert checked >= 10


def test_a_long_database_path_in_the_status_bar_elides(main_window: Any) -> None:
    """The permanent location label shrinks below a long path (the window does not
    widen for it) and its tooltip holds the path and the profile's explanation."""
    main_window.resize(900, 600)
    main_window.show()
    label = main_window.location_label
    explained = label.toolTip()
    path = ("Database: \\\\council-fs01\\send\\qa\\" + "panels\\" * 30
            + "audit.sqlite3 (shared)")
    label.setText(path)
    main_window.statusBar().layout().activate()
    assert main_window.minimumSizeHint().width() <= 900  # a QLabel's would be the path's
    assert label.is_elided() and label.text() == path
    assert label.toolTip().startswith(path) and label.toolTip().endswith(explained)
