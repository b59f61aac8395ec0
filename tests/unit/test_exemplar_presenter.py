"""The Exemplar library page's presenter, without Qt: what the tables show (redacted
text only), approval, marking and training dates, refusals given as messages."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from qa_audit.errors import UserError
from qa_audit.gui.pages.exemplar_presenter import (
    ExemplarLibraryPresenter,
    parse_questions,
    parse_uk_date,
)
from qa_audit.services import exemplars, sessions
from qa_audit.services.actor import Actor
from qa_audit.services.sampling import SampleSettings, draw
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

RUBRIC = "multi-agency-ehcp"


@pytest.fixture
def presenter(db: Database, actor: Actor) -> ExemplarLibraryPresenter:
    with db.write() as s:
        s.execute(insert(m.Plan), [{"plan_ref": f"X{i}", "issue_date": dt.date(2026, 1, i),
                                    "updated_by": "test"} for i in (1, 2)])
    sessions.create_session(db, "June", RUBRIC, dt.date(2026, 6, 1), actor)
    draw(db, "June", SampleSettings(size=2, seed=1, exclude_months=0), actor)
    return ExemplarLibraryPresenter(db, actor, names=lambda: ["Jordan Bloggs"])


def test_view_shows_only_redacted_text_and_approval(presenter: ExemplarLibraryPresenter,
                                                    db: Database, actor: Actor) -> None:
    assert presenter.mark("June", "X1", "Jordan Bloggs's outcomes are SMART") == \
        "X1 is in the exemplar library."
    gp = exemplars.add_good_practice(db, "June", "X2", "cyp_voice",
                                     "Jordan Bloggs chose the photos, 03/10/2026", actor)
    view = presenter.load()
    assert view.exemplars[0].cells[:2] == ("June", "X1")
    assert view.exemplars[0].cells[3] == "[name]'s outcomes are SMART"
    [row] = view.good_practice
    assert row.waiting and row.cells[4] == "[name] chose the photos, [date]"
    assert "1 waiting for approval" in view.summary
    assert presenter.approve(gp) == "Approved for quoting: [name] chose the photos, [date]"
    [row] = presenter.load().good_practice
    assert not row.waiting and row.cells[5] == f"approved by {actor.user}"


def test_refusals_are_messages(presenter: ExemplarLibraryPresenter) -> None:
    assert "Say why" in presenter.mark("June", "X1", " ")
    assert "is not a date" in presenter.add_training(RUBRIC, "31/02/2026", "T", "cyp_voice")
    assert "no question" in presenter.add_training(RUBRIC, "01/02/2026", "T", "nope")
    assert "at least one" in presenter.add_training(RUBRIC, "01/02/2026", "T", "")
    message = presenter.add_training(RUBRIC, "01/02/2026", "Voice", "cyp_voice, parent_views")
    assert message.startswith("Training on 01/02/2026 recorded")
    [row] = presenter.load().trainings
    assert row.cells == ("01/02/2026", RUBRIC, "Voice", "cyp_voice, parent_views")


def test_training_choices_list_rubric_questions(presenter: ExemplarLibraryPresenter) -> None:
    rubrics, questions = presenter.training_choices()
    assert (RUBRIC, "Multi-agency EHC plan quality audit") in rubrics
    assert ("cyp_voice" in dict(questions[RUBRIC]))


def test_parsers() -> None:
    assert parse_uk_date("03/10/2026") == dt.date(2026, 10, 3)
    assert parse_uk_date("2026-10-03") == dt.date(2026, 10, 3)
    with pytest.raises(UserError):
        parse_uk_date("10/2026")
    assert parse_questions("a, b;c  a") == ["a", "b", "c"]
