"""The Rubrics page shows the shipped rubrics in full, older versions, and escapes all text."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from qa_audit.domain.rubric import Rubric
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.rubrics_page import (
    COL_CODE,
    COL_SHORTFALL,
    ITEM_ROLE,
    RubricsPage,
    detail_html,
    question_html,
)
from qa_audit.rubrics.loader import shipped_rubric_files
from qa_audit.services import rubric_view, rubrics
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests.gui.conftest import unnamed_controls


@pytest.fixture
def page(qtbot: Any, db: Database, actor: Actor) -> RubricsPage:
    widget = RubricsPage(AppContext(db, actor))
    qtbot.addWidget(widget)
    return widget


def top_items(page: RubricsPage) -> list[QTreeWidgetItem]:
    return [page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())]


def items_of_kind(page: RubricsPage, kind: str) -> list[QTreeWidgetItem]:
    found: list[QTreeWidgetItem] = []

    def walk(item: QTreeWidgetItem) -> None:
        if item.data(0, ITEM_ROLE)[0] == kind:
            found.append(item)
        for i in range(item.childCount()):
            walk(item.child(i))

    for item in top_items(page):
        walk(item)
    return found


def store_changed_version(db: Database, actor: Actor, rubric: Rubric) -> None:
    with db.write() as session:
        rubrics.store_rubric(session, rubric, "changed in a test", actor)


def test_lists_every_shipped_rubric(page: RubricsPage) -> None:
    shipped = len(shipped_rubric_files())
    assert shipped >= 1
    assert page.rubric_list.count() == shipped
    assert page.rubric_list.currentRow() == 0


@pytest.mark.parametrize("row", [0, 1, 2])
def test_tree_shows_sections_questions_and_answers(page: RubricsPage, db: Database,
                                                   row: int) -> None:
    if row >= page.rubric_list.count():
        pytest.skip("fewer shipped rubrics")
    page.rubric_list.setCurrentRow(row)
    rubric = rubric_view.load_rubric(db, page.summaries[row].id).rubric
    assert page.rubric is rubric or page.rubric == rubric
    sections = items_of_kind(page, "section")
    assert [s.text(0) for s in sections] == [s.title for s in rubric.sections]
    questions = items_of_kind(page, "question")
    assert [q.text(COL_CODE) for q in questions] == [q.id for q in rubric.questions()]
    options = items_of_kind(page, "option")
    expected = [(o.code, o.shortfall) for q in rubric.questions() for o in q.options]
    assert [(o.text(COL_CODE), o.text(COL_SHORTFALL) == "Shortfall") for o in options] == expected
    assert all(not o.icon(COL_SHORTFALL).isNull() for o in options)


def test_bands_target_agencies_and_themes(page: RubricsPage) -> None:
    rubric = page.rubric
    assert rubric is not None
    bands = rubric.overall.bands
    model = page.bands_table.model()
    assert model.rowCount() == len(bands)
    for row, band in enumerate(bands):
        assert model.index(row, 0).data() == band.label
        assert model.index(row, 2).data() == band.rag.capitalize()
        assert not model.index(row, 2).data(Qt.ItemDataRole.DecorationRole).isNull()
        assert model.index(row, 3).data() == ("Yes" if band.good else "No")
    if rubric.overall.target_percent_good is not None:
        assert f"{rubric.overall.target_percent_good:g}%" in page.target_label.text()
    agencies = items_of_kind(page, "agency")
    assert [a.text(COL_CODE) for a in agencies] == [a.id for a in rubric.agencies]
    themes = items_of_kind(page, "theme")
    assert [t.text(COL_CODE) for t in themes] == [t.id for t in rubric.themes]


def test_selecting_a_question_shows_its_detail(page: RubricsPage) -> None:
    question_item = items_of_kind(page, "question")[0]
    page.tree.setCurrentItem(question_item)
    question = question_item.data(0, ITEM_ROLE)[1]
    text = page.detail.toPlainText()
    assert question.text in text
    assert "Applies" in text
    for option in question.options:
        assert option.label in text


def test_conditional_question_is_explained_in_plain_words(page: RubricsPage) -> None:
    for row in range(page.rubric_list.count()):
        page.rubric_list.setCurrentRow(row)
        conditional = [i for i in items_of_kind(page, "question")
                       if i.data(0, ITEM_ROLE)[1].applies_when]
        if conditional:
            page.tree.setCurrentItem(conditional[0])
            question = conditional[0].data(0, ITEM_ROLE)[1]
            assert rubric_view.describe_condition(question.applies_when) \
                in page.detail.toPlainText()
            return
    pytest.skip("no shipped rubric has a conditional question")


def test_older_versions_can_be_viewed(page: RubricsPage, db: Database, actor: Actor) -> None:
    rubric = page.rubric
    assert rubric is not None
    changed = dataclasses.replace(rubric, title=rubric.title + " (revised)")
    store_changed_version(db, actor, changed)
    page.ctx.notify("rubrics")
    assert page.version_combo.count() == 2
    assert page.version_combo.currentData() == 2
    assert page.rubric is not None and page.rubric.title.endswith("(revised)")
    page.version_combo.setCurrentIndex(page.version_combo.findData(1))
    assert page.version == 1
    assert page.rubric.title == rubric.title


def test_all_rubric_text_is_escaped(page: RubricsPage) -> None:
    rubric = page.rubric
    assert rubric is not None
    section = rubric.sections[0]
    question = dataclasses.replace(section.questions[0], text="<img src=x onerror=alert(1)>",
                                   guidance="<b>not bold</b>")
    html = question_html(rubric, question)
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html
    evil = dataclasses.replace(rubric, title="<script>x</script>", description="a & b")
    overview = detail_html(evil, 1, "rubric", None)
    assert "<script>" not in overview
    assert "a &amp; b" in overview


def test_empty_database_says_how_to_add_rubrics(qtbot: Any, db: Database, actor: Actor,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rubric_view, "list_rubrics", lambda _db: [])
    page = RubricsPage(AppContext(db, actor))
    qtbot.addWidget(page)
    assert "No rubrics" in page.detail.toPlainText()


def test_every_control_has_an_accessible_name(page: RubricsPage) -> None:
    assert unnamed_controls(page) == []
