"""The Sessions page: sessions, panel members, status, live preview, draw, withdraw."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from qa_audit.domain.sampling import SampleSpec, allocate, target_size
from qa_audit.gui import workers
from qa_audit.gui.context import AppContext
from qa_audit.gui.models.session_tables import SampleTableModel
from qa_audit.gui.pages import sessions_page as sp
from qa_audit.gui.pages.sessions_page import NewSessionDialog, SessionsPage
from qa_audit.services import sampling, sessions
from qa_audit.services.register_import import import_plans
from qa_audit.services.sampling import SampleSettings
from tests.gui.conftest import drain_background

SESSION = "Panel November 2026"
TEAMS = ("North", "South", "East")


def _register_rows() -> list[str]:
    rows = []
    for i in range(36):
        team = TEAMS[i % 3] if i < 30 else "North"  # North 16, South 10, East 10
        plan_type = "amended" if i % 6 == 5 else "new"
        day = 1 + i % 28
        rows.append(f"EHC-{i:04d},{day:02d}/09/2026,{day:02d}/04/2026,{i % 12},ASD,"
                    f"School {i % 4},{team},{plan_type}")
    return rows


@pytest.fixture
def ctx(db, actor, tmp_path: Path) -> AppContext:
    path = tmp_path / "register.csv"
    header = "Person ID,EHCP Issue Date,Request Date,NCY,Primary Need,Establishment,Team,Plan Type"
    path.write_text("\n".join([header, *_register_rows()]) + "\n", encoding="utf-8")
    import_plans(db, path, {}, actor)
    return AppContext(db, actor)


class Boxes:
    """Replaces the blocking message boxes and input dialog; records what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.warnings: list[str] = []
        self.questions: list[str] = []
        self.answer = QMessageBox.StandardButton.Yes
        self.reason: tuple[str, bool] = ("", False)
        monkeypatch.setattr(QMessageBox, "warning", staticmethod(self._warning))
        monkeypatch.setattr(QMessageBox, "critical", staticmethod(self._warning))
        monkeypatch.setattr(QMessageBox, "question", staticmethod(self._question))
        monkeypatch.setattr(QInputDialog, "getText", staticmethod(self._get_text))

    def _warning(self, _parent, _title, text, *_a, **_k):
        self.warnings.append(text)
        return QMessageBox.StandardButton.Ok

    def _question(self, _parent, _title, text, *_a, **_k):
        self.questions.append(text)
        return self.answer

    def _get_text(self, *_a, **_k):
        return self.reason


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


@pytest.fixture
def page(qtbot, ctx: AppContext) -> SessionsPage:
    widget = SessionsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


@pytest.fixture
def with_session(ctx: AppContext, page: SessionsPage) -> SessionsPage:
    sessions.create_session(ctx.db, SESSION, "multi-agency-ehcp", dt.date(2026, 11, 20),
                            ctx.actor)
    ctx.notify("sessions")
    return page


def sample_refs(page: SessionsPage) -> list[str]:
    return [r.plan_ref for r in page.sample_model.rows() if r.withdrawn_reason is None]


def test_new_session_dialog_creates_and_selects_the_session(qtbot, page, ctx, boxes,
                                                            monkeypatch, qtmodeltester) -> None:
    assert page.empty_label.isVisibleTo(page)

    def fill_and_accept(dialog: NewSessionDialog) -> int:
        qtbot.keyClicks(dialog.name_edit, SESSION)
        dialog.date_edit.setDate(dt.date(2026, 11, 20))
        dialog.rubric_combo.setCurrentIndex(dialog.rubric_combo.findData("multi-agency-ehcp"))
        assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isDefault()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewSessionDialog, "exec", fill_and_accept)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)

    info = sessions.get_info(ctx.db, SESSION)
    assert (info.rubric_id, info.date, info.status) == ("multi-agency-ehcp",
                                                         dt.date(2026, 11, 20), "planning")
    model = page.session_model
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert model.index(0, model.COL_DATE).data() == "20/11/2026"
    assert model.index(0, model.COL_NAME).data() == SESSION
    assert model.index(0, model.COL_RUBRIC).data() == f"multi-agency-ehcp v{info.rubric_version}"
    assert model.index(0, model.COL_STATUS).data() == "Planning"
    assert page.info is not None
    assert page.info.name == SESSION
    assert not page.empty_label.isVisibleTo(page)

    # a second session with the same name is refused with the service's message
    monkeypatch.setattr(NewSessionDialog, "exec",
                        lambda d: (d.name_edit.setText(SESSION), d.accept(), d.result())[-1])
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert any("already exists" in w for w in boxes.warnings)
    assert len(sessions.list_sessions(ctx.db)) == 1


def test_panel_members_are_added_and_removed(qtbot, with_session, ctx, boxes,
                                             qtmodeltester) -> None:
    page = with_session
    page.tabs.setCurrentIndex(1)
    agencies = [page.member_agency.itemData(i) for i in range(page.member_agency.count())]
    assert agencies[0] is None
    assert len(agencies) > 2  # the rubric's agencies

    qtbot.keyClicks(page.member_name, "A. Khan")
    page.member_agency.setCurrentIndex(1)
    page.member_role.setCurrentIndex(page.member_role.findData("chair"))
    qtbot.mouseClick(page.add_member_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.member_name, "B. Osei")
    page.member_agency.setCurrentIndex(2)
    page.member_role.setCurrentIndex(page.member_role.findData("auditor"))
    qtbot.keyClick(page.member_name, Qt.Key.Key_Return)  # Enter adds too

    members = sessions.get_info(ctx.db, SESSION).members
    assert [(m.name, m.agency, m.role) for m in members] == [
        ("A. Khan", agencies[1], "chair"), ("B. Osei", agencies[2], "auditor")]
    model = page.member_model
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(0, model.COL_AGENCY).data() == page.member_agency.itemText(1)
    assert model.index(0, model.COL_ROLE).data() == "Chair"
    assert model.index(0, model.COL_MODERATES).data() == "Yes"
    assert page.member_name.text() == ""

    qtbot.keyClicks(page.member_name, "a. khan")
    qtbot.mouseClick(page.add_member_button, Qt.MouseButton.LeftButton)
    assert len(boxes.warnings) == 1
    assert "already on this panel" in boxes.warnings[0]

    assert not page.remove_member_button.isEnabled()
    page.member_table.selectRow(1)
    assert page.remove_member_button.isEnabled()
    qtbot.mouseClick(page.remove_member_button, Qt.MouseButton.LeftButton)
    assert [m.name for m in sessions.get_info(ctx.db, SESSION).members] == ["A. Khan"]
    assert model.rowCount() == 1


def test_live_preview_shows_eligible_plans_per_stratum_and_allocation(
        qtbot, with_session, ctx, qtmodeltester) -> None:
    page = with_session
    page.size_spin.setValue(7)
    page.stratify_combo.setCurrentIndex(page.stratify_combo.findData("team"))
    # debounced: nothing is queried until the single-shot timer fires
    assert page._preview_timer.isActive()
    qtbot.waitUntil(lambda: page.preview_model.rowCount() == 3, timeout=5_000)

    model = page.preview_model
    qtmodeltester.check(model)
    shown = {r.stratum: (r.eligible, r.allocated) for r in model.rows()}
    settings = SampleSettings(size=7, stratify="team")
    counts = sampling.preview_strata(ctx.db, SESSION, settings)
    alloc = allocate(counts, 7)
    assert shown == {name: (counts[name], alloc[name]) for name in counts}
    assert shown["North"] == (16, 3)
    assert page.preview_message.text() == "36 eligible plans across 3 strata; 7 would be drawn."

    # percent of eligible, amended plans only: ceil(50% of 6) = 3
    page.percent_radio.setChecked(True)
    page.percent_spin.setValue(50)
    page.stratify_combo.setCurrentIndex(0)
    page.type_checks["new"].setChecked(False)
    page.type_checks["review"].setChecked(False)
    qtbot.waitUntil(lambda: page.preview_message.text().startswith("6 eligible"),
                    timeout=5_000)
    spec = SampleSpec(size=None, percent=50.0, stratify=None, seed=0)
    assert [(r.eligible, r.allocated) for r in model.rows()] == [(6, target_size(6, spec))]

    # asking for more than are eligible is explained, not drawn
    page.size_radio.setChecked(True)
    page.size_spin.setValue(99)
    qtbot.waitUntil(lambda: "Cannot sample 99 plans" in page.preview_message.text(),
                    timeout=5_000)
    page.type_checks["new"].setChecked(False)
    for check in page.type_checks.values():
        check.setChecked(False)
    page.update_preview()
    assert page.preview_message.text() == "Choose at least one plan type."
    assert not page.draw_button.isEnabled()


def test_draw_with_a_seed_gives_the_same_plans_as_the_service(qtbot, with_session, ctx, boxes,
                                                             qtmodeltester) -> None:
    page = with_session
    page.size_spin.setValue(6)
    page.seed_spin.setValue(12345)
    page.stratify_combo.setCurrentIndex(page.stratify_combo.findData("team"))
    qtbot.mouseClick(page.draw_button, Qt.MouseButton.LeftButton)
    assert boxes.questions == []  # no sample to replace yet
    assert boxes.warnings == []

    sessions.create_session(ctx.db, "Copy", "multi-agency-ehcp", dt.date(2026, 11, 20),
                            ctx.actor)
    expected = sampling.draw(ctx.db, "Copy", SampleSettings(size=6, seed=12345, stratify="team"),
                             ctx.actor)
    assert sorted(sample_refs(page)) == expected.plans
    qtmodeltester.check(page.sample_model)
    model = page.sample_model
    assert model.rowCount() == 6
    first = model.row_at(0)
    assert model.index(0, model.COL_ISSUED).data() == first.issue_date.strftime("%d/%m/%Y")
    assert model.index(0, model.COL_STRATUM).data() == first.stratum
    assert model.index(0, model.COL_YEAR).data() in {"R", *(f"Y{n}" for n in range(1, 12))}
    assert model.index(0, model.COL_WEEKS).data() == str(first.weeks_to_issue)
    # every plan was issued 153 days after its request (same day, April -> September):
    # late when new, never when amended
    for r in range(model.rowCount()):
        row = model.row_at(r)
        assert row.days_to_issue == 153
        colour = model.index(r, model.COL_WEEKS).data(Qt.ItemDataRole.ForegroundRole)
        tip = model.index(r, model.COL_WEEKS).data(Qt.ItemDataRole.ToolTipRole)
        if row.plan_type == "new":
            assert colour is not None and "over the 20-week limit" in tip
        else:
            assert colour is None and "for new plans" in tip
    text = page.provenance.text()
    assert "seed 12345" in text
    assert "from 36 eligible plans" in text
    assert "stratified by team" in text
    assert "--seed 12345 --stratify team" in text
    assert page.seed_spin.value() == 12345

    # drawing again asks first; "No" keeps the sample
    boxes.answer = QMessageBox.StandardButton.No
    page.seed_spin.setValue(sp.RANDOM_SEED)
    assert page.seed_spin.text() == "Random"
    qtbot.mouseClick(page.draw_button, Qt.MouseButton.LeftButton)
    assert len(boxes.questions) == 1
    assert "already has a sample of 6 plans" in boxes.questions[0]
    assert sessions.get_info(ctx.db, SESSION).seed == 12345

    # "Yes" with a random seed stores and shows the seed that was chosen
    boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(page.draw_button, Qt.MouseButton.LeftButton)
    stored = sessions.get_info(ctx.db, SESSION).seed
    assert stored is not None
    assert page.seed_spin.value() == stored
    assert f"seed {stored}" in page.provenance.text()


def test_withdraw_and_replace_records_the_reason_and_adds_a_replacement(
        qtbot, with_session, ctx, boxes) -> None:
    page = with_session
    page.size_spin.setValue(5)
    page.seed_spin.setValue(7)
    qtbot.mouseClick(page.draw_button, Qt.MouseButton.LeftButton)
    assert not page.withdraw_button.isEnabled()  # nothing selected
    withdrawn = page.sample_model.row_at(1).plan_ref
    page.sample_table.selectRow(1)
    assert page.withdraw_button.isEnabled()

    boxes.reason = ("", False)  # cancelled: nothing changes
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    assert len(sample_refs(page)) == 5

    page.sample_table.selectRow(1)
    boxes.reason = ("Plan ceased before the panel", True)
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)

    rows = sampling.sample_rows(ctx.db, SESSION)
    gone = next(r for r in rows if r.plan_ref == withdrawn)
    assert gone.withdrawn_reason == "Plan ceased before the panel"
    replacement = next(r for r in rows if r.replaces == withdrawn)
    assert replacement.withdrawn_reason is None
    assert len([r for r in rows if r.withdrawn_reason is None]) == 5
    assert page.sample_message.text() == (f"{withdrawn} withdrawn; replaced by "
                                          f"{replacement.plan_ref}.")

    model: SampleTableModel = page.sample_model
    i = next(n for n, r in enumerate(model.rows()) if r.plan_ref == withdrawn)
    assert model.index(i, model.COL_NOTE).data() == "Withdrawn: Plan ceased before the panel"
    assert model.index(i, model.COL_REF).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(i, model.COL_REF).data(Qt.ItemDataRole.FontRole).italic()
    j = next(n for n, r in enumerate(model.rows()) if r.plan_ref == replacement.plan_ref)
    assert model.index(j, model.COL_NOTE).data() == f"Replaces {withdrawn}"
    page.sample_table.selectRow(i)
    assert not page.withdraw_button.isEnabled()  # a withdrawn plan cannot be withdrawn again

    # a blank reason is the service's user error, shown in a message box
    page.sample_table.selectRow(j)
    boxes.reason = ("   ", True)
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    assert boxes.warnings and "Say why the plan is withdrawn" in boxes.warnings[-1]


def test_status_moves_forward_and_a_closed_session_is_read_only(qtbot, with_session, ctx,
                                                                boxes) -> None:
    page = with_session
    buttons = page.status_buttons
    assert all(b.isEnabled() for b in buttons.values())
    qtbot.mouseClick(buttons["scoring"], Qt.MouseButton.LeftButton)
    assert sessions.get_info(ctx.db, SESSION).status == "scoring"
    assert not buttons["scoring"].isEnabled()
    assert buttons["moderation"].isEnabled()
    assert "Scoring" in page.heading.text()

    boxes.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(buttons["closed"], Qt.MouseButton.LeftButton)
    assert "only its chair can reopen it" in boxes.questions[-1]
    assert sessions.get_info(ctx.db, SESSION).status == "scoring"
    assert not page.banner.isVisibleTo(page)

    boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(buttons["closed"], Qt.MouseButton.LeftButton)
    assert sessions.get_info(ctx.db, SESSION).status == "closed"
    assert page.banner.isVisibleTo(page)
    assert "read-only" in page.banner.text()
    for widget in (*buttons.values(), page.add_member_button, page.member_name,
                   page.remove_member_button, page.draw_button, page.draw_box,
                   page.withdraw_button):
        assert not widget.isEnabled(), widget.objectName()
    assert page.add_member_button.toolTip() == sp.CLOSED_TEXT
    # even if called directly, nothing is written
    page.draw_sample()
    page.add_member()
    assert sessions.get_info(ctx.db, SESSION).members == ()
    assert sessions.get_info(ctx.db, SESSION).seed is None
    assert boxes.warnings == []


def test_sample_drawn_elsewhere_is_described_and_its_settings_loaded(qtbot, with_session,
                                                                    ctx) -> None:
    page = with_session
    settings = SampleSettings(percent=25.0, seed=99, stratify="plan_type",
                              issued_from=dt.date(2026, 9, 1), issued_to=dt.date(2026, 9, 30),
                              exclude_months=6)
    sampling.draw(ctx.db, SESSION, settings, ctx.actor)
    ctx.notify("sessions")
    assert page.percent_radio.isChecked()
    assert page.percent_spin.value() == 25.0
    assert page.seed_spin.value() == 99
    assert page.stratify_combo.currentData() == "plan_type"
    assert page.from_check.isChecked()
    assert page.from_date.date().toPython() == dt.date(2026, 9, 1)
    assert page.exclude_spin.value() == 6
    text = page.provenance.text()
    assert "25% of the eligible plans" in text
    assert "issued 01/09/2026 to 30/09/2026" in text
    assert "--issued-from 2026-09-01 --issued-to 2026-09-30 --exclude-months 6" in text
    assert page.current_settings() == settings


def test_scoring_started_disables_redraw(qtbot, db, actor, boxes) -> None:
    from qa_audit.services.demo import load_demo

    load_demo(db, actor, today=dt.date(2026, 11, 20))
    ctx = AppContext(db, actor)
    page = SessionsPage(ctx)
    qtbot.addWidget(page)
    scored = next(s for s in sessions.list_sessions(db) if s.audited and not s.read_only)
    page.select_session(scored.name)
    assert page.info is not None
    assert page.info.name == scored.name
    assert not page.draw_button.isEnabled()
    assert page.draw_note.text() == sp.SCORING_STARTED_TEXT
    closed = next(s for s in sessions.list_sessions(db) if s.read_only)
    page.select_session(closed.name)
    assert page.info.name == closed.name
    assert not page.draw_box.isEnabled()


def test_every_input_has_an_accessible_name(with_session) -> None:
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QWidget,
    )

    def inner(widget: QWidget) -> bool:  # parts of a compound control (spin box editor...)
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QComboBox | QAbstractSpinBox) or \
                    parent.metaObject().className() == "QComboBoxPrivateContainer":
                return True
            parent = parent.parentWidget()
        return False

    kinds = (QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView)
    unnamed = [w.metaObject().className() for w in with_session.findChildren(QWidget)
               if isinstance(w, kinds) and not isinstance(w, QHeaderView)
               and not inner(w) and not w.accessibleName()]
    assert unnamed == []


def test_preview_is_counted_off_the_gui_thread(qtbot, with_session, monkeypatch) -> None:
    """The eligible-plan count reads the whole register (0.4 s for a county): a worker."""
    import threading

    page = with_session
    qtbot.waitUntil(lambda: not page.preview_busy(), timeout=5_000)
    gui_thread = threading.current_thread()
    threads: list[threading.Thread] = []
    real = sampling.preview_strata

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(sp.sampling, "preview_strata", recording)
    page.size_spin.setValue(5)
    page.update_preview()
    assert page.preview_busy()  # returned at once; the counts arrive later
    qtbot.waitUntil(lambda: not page.preview_busy(), timeout=5_000)
    assert page.preview_message.text().endswith("5 would be drawn.")
    assert threads and all(t is not gui_thread for t in threads)


def test_an_overtaken_preview_does_not_overwrite_a_newer_one(qtbot, with_session) -> None:
    page = with_session
    page.size_spin.setValue(99)
    page.update_preview()  # counting in a worker...
    for check in page.type_checks.values():  # ...when the settings stop making sense
        check.setChecked(False)
    page.update_preview()
    assert not page.preview_busy()
    drain_background()  # the dropped count ends; it must not replace the message
    assert page.preview_message.text() == "Choose at least one plan type."
    assert page.preview_model.rowCount() == 0


def test_a_hidden_page_counts_the_preview_when_shown(qtbot, with_session, monkeypatch) -> None:
    page = with_session
    qtbot.waitUntil(lambda: not page.preview_busy(), timeout=5_000)
    calls: list[str] = []
    real = sampling.preview_strata

    def recording(db, name, settings):
        calls.append(name)
        return real(db, name, settings)

    monkeypatch.setattr(sp.sampling, "preview_strata", recording)
    page.hide()
    page.size_spin.setValue(4)
    page.update_preview()
    assert not page.preview_busy()
    drain_background()
    assert calls == []  # nobody sees the preview: nothing is read
    page.show()
    qtbot.waitUntil(lambda: page.preview_message.text().endswith("4 would be drawn."),
                    timeout=5_000)
    assert calls == [SESSION]


def test_a_preview_for_the_previous_session_is_not_shown_for_the_next(
        qtbot, with_session, ctx) -> None:
    """Choosing another session while the first one's count runs: the count that ends
    (for the first session) is not shown under the second one's heading."""
    page = with_session
    sessions.create_session(ctx.db, "Panel December 2026", "multi-agency-ehcp",
                            dt.date(2026, 12, 20), ctx.actor)
    sessions.set_status(ctx.db, "Panel December 2026", "closed", ctx.actor, force=True)
    ctx.notify("sessions")
    page.select_session(SESSION)
    qtbot.waitUntil(lambda: not page.preview_busy(), timeout=5_000)
    page.preview_message.clear()
    page.update_preview()  # counting SESSION in a worker...
    assert page.preview_busy()
    page.select_session("Panel December 2026")  # ...when the user picks the closed one
    assert workers.wait_for_background(5_000)  # the count has ended...
    QApplication.processEvents()  # ...and what it sent has been delivered
    assert "would be drawn" not in page.preview_message.text()


def test_stratify_combo_offers_custom_fields_and_previews_their_strata(
        qtbot, with_session, ctx, tmp_path: Path) -> None:
    page = with_session
    assert page.stratify_combo.findData("looked_after") < 0
    path = tmp_path / "own.csv"
    # the first 12 plans get a value: yes 8, no 4; the other 24 have none
    lines = ["Person ID,EHCP Issue Date,Looked After"] + [
        f"EHC-{i:04d},{1 + i % 28:02d}/09/2026,{'yes' if i < 8 else 'no'}" for i in range(12)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_plans(ctx.db, path, {}, ctx.actor, custom={"looked_after": None})
    ctx.notify("plans")
    index = page.stratify_combo.findData("looked_after")
    assert index > 0 and "looked_after" in page.stratify_combo.itemText(index)
    page.size_spin.setValue(9)
    page.stratify_combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: page.preview_model.rowCount() == 3, timeout=5_000)
    shown = {r.stratum: (r.eligible, r.allocated) for r in page.preview_model.rows()}
    # quotas of 9 over 36: 24 -> 6.0, 8 -> 2.0, 4 -> 1.0
    assert shown == {"(not recorded)": (24, 6), "yes": (8, 2), "no": (4, 1)}


def test_a_panel_member_is_edited_in_a_dialog(qtbot, with_session, ctx, boxes,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    page = with_session
    page.tabs.setCurrentIndex(1)
    sessions.add_member(ctx.db, SESSION, "A. Kahn", None, "auditor", ctx.actor)
    ctx.notify("sessions")
    agency = page.member_agency.itemData(1)
    assert not page.edit_member_button.isEnabled()  # nothing selected
    page.member_table.selectRow(0)
    assert page.edit_member_button.isEnabled()

    def fill(dialog: sp.EditMemberDialog) -> int:
        assert dialog.name_edit.text() == "A. Kahn"
        dialog.name_edit.setText("A. Khan")  # the typo put right
        dialog.agency_combo.setCurrentIndex(dialog.agency_combo.findData(agency))
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("chair"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(sp.EditMemberDialog, "exec", fill)
    qtbot.mouseClick(page.edit_member_button, Qt.MouseButton.LeftButton)
    members = sessions.get_info(ctx.db, SESSION).members
    assert [(m.name, m.agency, m.role) for m in members] == [("A. Khan", agency, "chair")]
    assert page.member_model.index(0, page.member_model.COL_NAME).data() == "A. Khan"
    assert boxes.warnings == []
