"""The Exemplar library page: the three tables, approving a waiting excerpt, and the
training-date dialog feeding the presenter."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.exemplars_page import ExemplarsPage
from qa_audit.gui.pages.training_dialog import TrainingDialog
from qa_audit.services import exemplars, sessions
from qa_audit.services.actor import Actor
from qa_audit.services.sampling import SampleSettings, draw
from qa_audit.storage.engine import Database
from tests.gui.conftest import SAMPLE_PLANS, insert_plans, unnamed_controls

RUBRIC = "multi-agency-ehcp"


def _library(db: Database, actor: Actor) -> int:
    insert_plans(db, SAMPLE_PLANS)
    sessions.create_session(db, "June", RUBRIC, dt.date(2026, 6, 1), actor)
    draw(db, "June", SampleSettings(size=3, seed=2, exclude_months=0), actor)
    refs = [p["plan_ref"] for p in SAMPLE_PLANS]
    from qa_audit.services.sampling import sample_rows

    drawn = [r.plan_ref for r in sample_rows(db, "June")]
    assert len(drawn) == 3 and set(drawn) <= set(refs)
    exemplars.mark_exemplar(db, "June", drawn[0], "Outcomes follow the child's own words", actor)
    return exemplars.add_good_practice(db, "June", drawn[1], "cyp_voice",
                                       "Views gathered with symbols on 03/10/2026", actor)


def test_page_lists_and_approves(qtbot, db: Database, actor: Actor) -> None:
    _library(db, actor)
    page = ExemplarsPage(AppContext(db, actor))
    qtbot.addWidget(page)
    assert page.exemplar_model.rowCount() == 1
    assert page.exemplar_model.index(0, 3).data() == "Outcomes follow the child's own words"
    assert page.good_model.index(0, 4).data() == "Views gathered with symbols on [date]"
    assert page.good_model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert not page.approve_button.isEnabled()
    page.good_table.selectRow(0)
    assert page.approve_button.isEnabled()
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    assert page.message_label.text().startswith("Approved for quoting")
    assert page.good_model.index(0, 5).data().startswith("approved by")
    assert page.good_model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert unnamed_controls(page) == []


def test_training_dialog_records_a_date(qtbot, db: Database, actor: Actor) -> None:
    _library(db, actor)

    class Answered(TrainingDialog):
        def exec(self) -> int:  # type: ignore[override]
            self.rubric_combo.setCurrentIndex(self.rubric_combo.findData(RUBRIC))
            self.title_edit.setText("Capturing the child's voice")
            for i in range(self.question_list.count()):
                item = self.question_list.item(i)
                if item.data(Qt.ItemDataRole.UserRole) == "cyp_voice":
                    item.setCheckState(Qt.CheckState.Checked)
            return int(QDialog.DialogCode.Accepted.value)

    page = ExemplarsPage(AppContext(db, actor),
                         dialog=lambda *a: Answered(*a, today=dt.date(2026, 2, 1)))
    qtbot.addWidget(page)
    page.add_training()
    assert page.message_label.text().startswith("Training on 01/02/2026 recorded")
    assert page.training_model.rowCount() == 1
    assert page.training_model.index(0, 0).data() == "01/02/2026"
    assert page.training_model.index(0, 3).data() == "cyp_voice"
    [event] = exemplars.trainings(db)
    assert event.question_ids == ("cyp_voice",)
