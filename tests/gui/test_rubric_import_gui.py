"""Importing, adding from the council library and comparing versions on the Rubrics page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.rubric_compare_dialog import (
    COL_A,
    COL_B,
    COL_CHANGE,
    RubricCompareDialog,
)
from qa_audit.gui.pages.rubric_import_dialog import RubricImportDialog
from qa_audit.gui.pages.rubric_library_dialog import RubricLibraryDialog
from qa_audit.gui.pages.rubrics_page import RubricsPage
from qa_audit.services import rubric_view, rubrics
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests.gui.conftest import DialogRecorder, unnamed_controls
from tests.services.test_rubric_import_service import BROKEN
from tests.unit.test_rubric_diff import changed_text
from tests.unit.test_rubric_loader import GOOD

SHOTS = Path("/work/notes/shots")


def shot(widget: Any, name: str) -> None:
    """Keep a picture for the closing note when the notes folder exists (not in CI)."""
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        widget.grab().save(str(SHOTS / name))


@pytest.fixture
def page(qtbot: Any, ctx: AppContext) -> RubricsPage:
    widget = RubricsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 820)
    widget.show()
    return widget


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(path), "")))


def import_dialog(page: RubricsPage) -> RubricImportDialog:
    dialog = page.actions_bar.dialog
    assert isinstance(dialog, RubricImportDialog)
    return dialog


def test_importing_a_valid_file_stores_a_new_version(
        qtbot: Any, page: RubricsPage, db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(GOOD, encoding="utf-8")
    choose_file(monkeypatch, path)
    before = [s.id for s in page.summaries]
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.keyClick(page.tree, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = import_dialog(page)
    assert dialog.stack.currentWidget() is dialog.preview
    text = dialog.preview.toPlainText()
    assert "tiny" in text and "Tiny rubric" in text
    assert "New rubric: it will be stored as version 1." in text
    assert dialog.import_button.isEnabled() and dialog.import_button.isDefault()
    shot(dialog, "rubrics-import-preview.png")
    qtbot.keyClick(dialog.import_button, Qt.Key.Key_Return)  # the default button
    assert dialog.result() == dialog.DialogCode.Accepted
    assert rubric_view.load_rubric(db, "tiny").version == 1
    assert [s.id for s in page.summaries] == sorted([*before, "tiny"])  # the page reloaded
    # the same file again: unchanged, Import disabled; a changed file: version 2
    page.actions_bar.import_file(path)
    assert "Unchanged" in import_dialog(page).preview.toPlainText()
    assert not import_dialog(page).import_button.isEnabled()
    import_dialog(page).reject()
    path.write_text(changed_text(), encoding="utf-8")
    page.actions_bar.import_file(path)
    assert "stored as version 2" in import_dialog(page).preview.toPlainText()
    import_dialog(page).import_button.click()
    assert rubric_view.load_rubric(db, "tiny").version == 2
    assert (page.current_rubric_id(), page.version) == ("tiny", 2)  # shown after import


def test_invalid_file_shows_every_problem_and_stores_nothing(
        qtbot: Any, page: RubricsPage, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    before = rubric_view.list_rubrics(db)
    page.actions_bar.import_file(path)
    dialog = import_dialog(page)
    assert dialog.stack.currentIndex() == 0
    assert not dialog.import_button.isEnabled()
    model = dialog.problems.model()
    rows = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    assert len(rows) == 3
    assert [line for line, _p in rows] == ["7", "11", "39"]
    assert "eight" in rows[0][1] and "purple" in rows[1][1] and "xyz" in rows[2][1]
    assert "3 problems" in dialog.heading.text() and "Nothing was stored" in dialog.heading.text()
    shown = dialog.file_view.toPlainText().splitlines()
    assert len(shown) == len(BROKEN.splitlines())
    assert shown[6] == " 7 │   max: eight"  # numbered as the table cites them
    assert dialog.highlighted_line() == 7  # the first problem is selected
    qtbot.keyClick(dialog.problems, Qt.Key.Key_Down)
    assert dialog.highlighted_line() == 11
    rect = dialog.problems.visualRect(model.index(2, 1))
    for click in (qtbot.mouseClick, qtbot.mouseDClick):  # Qt 6's test double-click
        click(dialog.problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.highlighted_line() == 39
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.file_view)
    shot(dialog, "rubrics-import-problems.png")
    assert rubric_view.list_rubrics(db) == before
    # fixed in an editor, then checked again: the preview
    path.write_text(GOOD, encoding="utf-8")
    dialog.recheck_button.click()
    assert dialog.stack.currentIndex() == 1 and dialog.import_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == dialog.DialogCode.Rejected
    assert rubric_view.list_rubrics(db) == before


def test_unreadable_file_says_so_in_plain_words(
        page: RubricsPage, tmp_path: Path, no_dialogs: DialogRecorder) -> None:
    page.actions_bar.import_file(tmp_path / "gone.yaml")
    assert page.actions_bar.dialog is None
    assert no_dialogs.kinds() == ["warning"]
    assert "cannot read the file" in no_dialogs.calls[0][2]


def test_busy_database_on_import_is_explained(
        page: RubricsPage, tmp_path: Path, no_dialogs: DialogRecorder, db: Database,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from qa_audit.errors import DatabaseBusy
    from qa_audit.services import rubric_import

    path = tmp_path / "tiny.yaml"
    path.write_text(GOOD, encoding="utf-8")
    page.actions_bar.import_file(path)
    dialog = import_dialog(page)

    def busy(*_args: Any) -> None:
        raise DatabaseBusy("The database is busy: another user is saving. Try again.")

    monkeypatch.setattr(rubric_import, "import_preview", busy)
    dialog.import_button.click()
    assert no_dialogs.kinds() == ["critical"]
    assert "busy" in no_dialogs.calls[0][2]
    assert dialog.isVisible()  # still there to try again
    assert "tiny" not in [s.id for s in rubric_view.list_rubrics(db)]


def test_compare_shows_a_changed_target_and_an_added_question(
        qtbot: Any, page: RubricsPage, db: Database, actor: Actor) -> None:
    from qa_audit.rubrics.loader import load_rubric_text

    with db.write() as session:
        rubrics.store_rubric(session, load_rubric_text(GOOD), GOOD, actor)
        rubrics.store_rubric(session, load_rubric_text(changed_text()), changed_text(), actor)
    page.reload()
    page.select_rubric("tiny")
    page.actions_bar.compare_button.click()
    dialog = page.actions_bar.dialog
    assert isinstance(dialog, RubricCompareDialog)
    assert dialog.rubric_combo.currentData() == "tiny"
    assert (dialog.a_combo.currentData(), dialog.b_combo.currentData()) == (1, 2)
    rows = dialog.rows()
    assert ("Target", "overall target always", "80%", "90%", "Changed") in rows
    added = [r for r in rows if r[1] == "parents_views"]
    assert added and added[0][0] == "Question" and added[0][COL_CHANGE] == "Added"
    assert "Are the parents' views recorded?" in added[0][3]
    assert "1 added" in dialog.summary.text()
    shot(dialog, "rubrics-compare.png")
    dialog.choose("tiny", 2, 1)  # the other way round: the question was removed
    assert next(r for r in dialog.rows() if r[1] == "parents_views")[COL_CHANGE] == "Removed"
    removed = next(i for i, r in enumerate(dialog.rows()) if r[1] == "parents_views")
    colour = [dialog.model.index(removed, c).data(Qt.ItemDataRole.BackgroundRole)
              for c in (COL_A, COL_B, COL_CHANGE)]
    assert colour[1] is None and colour[0].color().name() == colour[2].color().name() == "#f6d7d2"
    dialog.choose("tiny", 2, 2)
    assert dialog.rows() == [] and "two different versions" in dialog.summary.text()
    assert unnamed_controls(dialog) == []


def test_library_dialog_imports_the_chosen_file(
        qtbot: Any, page: RubricsPage, db: Database, tmp_path: Path) -> None:
    library = tmp_path / "councils"
    library.mkdir()
    (library / "medway-performance.yaml").write_text(
        GOOD.replace("id: tiny", "id: medway-qa").replace("Tiny rubric", "Medway plan audit"))
    (library / "thurrock-qa.yaml").write_text(
        GOOD.replace("id: tiny", "id: thurrock-qa").replace("Tiny rubric", "Thurrock QA"))
    page.actions_bar.library_folder = library
    page.actions_bar.library_button.click()
    dialog = page.actions_bar.dialog
    assert isinstance(dialog, RubricLibraryDialog)
    model = dialog.table.model()
    table = [tuple(model.index(r, c).data() for c in range(4)) for r in range(model.rowCount())]
    assert table == [("Medway plan audit", "Medway", "medway-qa", "Not imported"),
                     ("Thurrock QA", "Thurrock", "thurrock-qa", "Not imported")]
    shot(dialog, "rubrics-library.png")
    dialog.select("thurrock-qa")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter: the default button
    preview = dialog.import_dialog
    assert preview is not None
    assert "Thurrock QA" in preview.preview.toPlainText()
    preview.import_button.click()
    assert rubric_view.load_rubric(db, "thurrock-qa").version == 1
    assert "medway-qa" not in [s.id for s in rubric_view.list_rubrics(db)]
    assert model.index(1, 3).data() == "Imported (version 1)"  # the list refreshed
    assert page.current_rubric_id() == "thurrock-qa"  # the page shows what was imported
    assert unnamed_controls(dialog) == []


def test_page_controls_are_named(page: RubricsPage) -> None:
    assert unnamed_controls(page) == []
    assert page.actions_bar.import_button.text().startswith("&Import")


def test_page_shows_indicators_targets_and_which_grade_is_best(
        qtbot: Any, page: RubricsPage, tmp_path: Path) -> None:
    from tests.unit.test_rubric_format2 import MEDWAY_LIKE

    path = tmp_path / "ofsted.yaml"
    path.write_text(MEDWAY_LIKE, encoding="utf-8")
    page.actions_bar.import_file(path)
    dialog = import_dialog(page)
    text = dialog.preview.toPlainText()
    assert "Grades 1–4, 1 = best" in text
    assert "Good quality health information" in text and "100% from 1 Apr 2018" in text
    shot(dialog, "rubrics-import-preview-format2.png")
    dialog.import_button.click()
    page.select_rubric("ofsted-style")
    assert page.rubric is not None and page.rubric.id == "ofsted-style"
    assert "1 = best" in page.target_label.text()
    assert "75% from 1 Apr 2019, 100% from 1 Apr 2020" in page.target_label.text()
    box = page.indicators_box
    model = box.table.model()
    rows = [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]
    assert rows == [("Good quality health information", "health_advice\nhealth_provision",
                     "100% from 1 Apr 2018"),
                    ("Voice of the child", "child_voice", "No target")]
    assert box.table.isVisibleTo(page) and not box.none_label.isVisibleTo(page)
    bands = page.bands_table.model()
    assert (bands.index(0, 2).data(), bands.index(0, 0).data()) == ("Blue", "Outstanding")
    assert "Voice of the child" in page.detail.toPlainText()  # the overview lists them too
    qtbot.waitUntil(lambda: box.height() >= box.sizeHint().height())  # laid out
    shot(page, "rubrics-page-indicators.png")
    page.select_rubric(page.summaries[0].id)  # a format-1 rubric without indicators
    if not page.rubric.indicators:
        assert box.none_label.isVisibleTo(page) and not box.table.isVisibleTo(page)


def test_ctrl_i_imports_only_while_the_rubrics_page_shows(
        qtbot: Any, main_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (asked.append("asked"), ("", ""))[1]))
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    assert main_window.show_page("Rubrics")
    main_window.nav.setFocus()  # the focus in the sidebar, not on the page
    qtbot.keyClick(main_window.nav, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["asked"]  # cancelled: nothing else happens
    assert main_window.show_page(0)
    if main_window.current_page_title() != "Rubrics":
        qtbot.keyClick(main_window.nav, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        assert asked == ["asked"]
