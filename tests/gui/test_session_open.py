"""Opening a session in the scoring and moderation screens: what is read, and what is redone.

Guards for the "open a 60 plans x 5 auditors session" figure. Each test names the
structural choice it protects: the moderation screen reads the session once (not
again to show its first plan), the scoring screen reads only the member's own
audits, the plan list is summarised without building every plan's grid, the
everyone's-answers table works each cell out once, switching plans does not hide
and re-show what both plans show, and the loads pause the cyclic garbage collector.
The data comes from the benchmark generator (members scored and submitted, one
agreed row per plan), at a size a test can afford.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QHeaderView, QWidget

from qa_audit.domain.audit import AuditRecord
from qa_audit.domain.items import ItemKey
from qa_audit.domain.rubric import Rubric
from qa_audit.errors import NotFound
from qa_audit.gui.context import AppContext
from qa_audit.gui.moderation import presenter
from qa_audit.gui.moderation.presenter import moderation_view, plan_summaries, scoring_members
from qa_audit.gui.pages.moderation_page import ModerationPage
from qa_audit.gui.pages.scoring_page import ScoringPage
from qa_audit.gui.scoring.answers import AnswerState
from qa_audit.gui.scoring.models import OtherScoresModel
from qa_audit.gui.scoring.scoring_form import ScoringForm
from qa_audit.services import agreed, rubric_view, session_data, sessions
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database
from tests.bench_data import generate, generated

SESSION = "Panel 2026-01 #1"  # the first generated session
OTHER = generate.BENCH_12
MEMBER = "A. Patel"  # the chair: scored and submitted every plan
PLANS = 12


@pytest.fixture(scope="module")
def gen_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Two sessions of 12 plans, each scored by five members plus the agreed row."""
    folder = tmp_path_factory.mktemp("open")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(folder / "home"))
        # being moderated, so its scores can still change
        db = generated(folder / "open.db", generate.Scale("open", 200, 2, PLANS, 1),
                       status={SESSION: "moderation"})
        yield db
        db.dispose()


@pytest.fixture
def gctx(gen_db: Database) -> AppContext:
    return AppContext(gen_db, Actor("tester", "test-pc"))


@pytest.fixture
def rubric(gen_db: Database) -> Rubric:
    data = session_data.load_session(gen_db, SESSION)
    return rubric_view.load_rubric(gen_db, data.rubric_id, data.rubric_version).rubric


class Calls:
    """Counts calls of module functions while still running them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._mp = monkeypatch
        self.counts: dict[str, int] = {}

    def spy(self, module: object, name: str) -> None:
        real: Callable[..., Any] = getattr(module, name)
        key = f"{getattr(module, '__name__', module)}.{name}"
        self.counts[key] = 0

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.counts[key] += 1
            return real(*args, **kwargs)

        self._mp.setattr(module, name, counted)

    def reset(self) -> None:
        self.counts = dict.fromkeys(self.counts, 0)

    def __getitem__(self, key: str) -> int:
        return self.counts[key]


def make_page(qtbot: Any, gctx: AppContext, screen: str, tmp_path: Path) -> QWidget:
    if screen == "scoring":
        page: QWidget = ScoringPage(gctx, QSettings(str(tmp_path / "s.ini"),
                                                    QSettings.Format.IniFormat))
    else:
        page = ModerationPage(gctx)
    qtbot.addWidget(page)
    return page


# ------------------------------------------------------------------ what is read


@pytest.mark.parametrize("screen", ["scoring", "moderation"])
def test_building_a_page_lists_the_sessions_once(qtbot: Any, gctx: AppContext, screen: str,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    calls = Calls(monkeypatch)
    calls.spy(sessions, "list_sessions")
    make_page(qtbot, gctx, screen, tmp_path)
    assert calls["qa_audit.services.sessions.list_sessions"] == 1


def test_moderation_reads_the_session_once_to_open_it(qtbot: Any, gctx: AppContext,
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    page = make_page(qtbot, gctx, "moderation", tmp_path)
    assert isinstance(page, ModerationPage)
    calls = Calls(monkeypatch)
    calls.spy(session_data, "load_session")
    calls.spy(session_data, "load_session_with_panel_versions")
    calls.spy(sessions, "get_info")
    calls.spy(agreed, "panel_version")
    page.open_session(OTHER, member=MEMBER)
    calls.reset()
    page.open_session(SESSION, member=MEMBER)
    assert page.plan_ref is not None
    assert calls["qa_audit.services.session_data.load_session_with_panel_versions"] == 1
    assert calls["qa_audit.services.session_data.load_session"] == 0
    assert calls["qa_audit.services.sessions.get_info"] == 1
    assert calls["qa_audit.services.agreed.panel_version"] == 0
    # the version the first plan's saves will carry is that plan's, as the service has it
    assert page.version == agreed.panel_version(gctx.db, SESSION, page.plan_ref)
    assert page.version is not None

    # moving to another plan still reads the session afresh (with that plan's version)
    other = next(r.plan_ref for r in page.plan_model.rows() if r.plan_ref != page.plan_ref)
    calls.reset()
    page.select_plan(other)
    assert calls["qa_audit.services.session_data.load_session_with_panel_versions"] == 1
    assert page.version == agreed.panel_version(gctx.db, SESSION, other)


def test_scoring_reads_only_the_members_own_audits(qtbot: Any, gctx: AppContext,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    page = make_page(qtbot, gctx, "scoring", tmp_path)
    assert isinstance(page, ScoringPage)
    calls = Calls(monkeypatch)
    calls.spy(session_data, "load_session")
    calls.spy(session_data, "load_member_session")
    page.open_session(SESSION, member=MEMBER)
    assert page.plan_ref is not None
    assert calls["qa_audit.services.session_data.load_session"] == 0
    assert calls["qa_audit.services.session_data.load_member_session"] == 1
    assert page.plan_model.rowCount() == PLANS
    form = page.form
    assert page.step_plan(1)  # the next plan: same rubric, so the same widgets
    assert page.form is form


@pytest.mark.parametrize("member", [MEMBER, "J. Okafor", "Nobody on the panel", None])
def test_member_session_is_the_members_part_of_the_full_load(gen_db: Database,
                                                            member: str | None) -> None:
    full = session_data.load_session(gen_db, SESSION)
    part = session_data.load_member_session(gen_db, SESSION, member)
    assert part.sampled == full.sampled_items
    assert tuple(item.plan_ref for item in part.sampled) == full.sampled  # a plan session
    assert part.plans == {ref: full.plans[ref] for ref in full.sampled}
    mine: dict[ItemKey, AuditRecord] = {a.item: a for a in full.audits
                                        if a.auditor == member and not a.is_panel}
    assert part.own == mine
    assert bool(mine) == (member in (MEMBER, "J. Okafor"))


def test_panel_versions_are_the_services_versions(gen_db: Database) -> None:
    data, versions = session_data.load_session_with_panel_versions(gen_db, SESSION)
    assert data == session_data.load_session(gen_db, SESSION)
    expected = {ItemKey(ref): agreed.panel_version(gen_db, SESSION, ref) for ref in data.sampled}
    assert versions == {ref: v for ref, v in expected.items() if v is not None}
    assert len(versions) == PLANS


@pytest.mark.parametrize("load", [
    session_data.load_session_with_panel_versions,
    lambda db, name: session_data.load_member_session(db, name, MEMBER),
])
def test_loads_pause_the_collector_and_always_restore_it(
        gen_db: Database, load: Callable[[Database, str], object],
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real_find = session_data.find_session

    def find(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return real_find(*args)

    monkeypatch.setattr(session_data, "find_session", find)
    assert gc.isenabled()
    load(gen_db, SESSION)
    assert seen == [False]
    assert gc.isenabled()
    with pytest.raises(NotFound):
        load(gen_db, "No such session")
    assert gc.isenabled()


# ------------------------------------------------------------------ what is redone


def test_plan_list_is_summarised_without_building_each_plans_grid(
        gen_db: Database, rubric: Rubric, monkeypatch: pytest.MonkeyPatch) -> None:
    data = session_data.load_session(gen_db, SESSION)
    members = scoring_members(sessions.get_info(gen_db, SESSION).members, data.audits)
    views = {ref: moderation_view(data, rubric, ref, members) for ref in data.sampled}

    def no_grid(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("plan_summaries built a plan's whole grid")

    monkeypatch.setattr(presenter, "moderation_view", no_grid)
    rows = plan_summaries(data, rubric, members)
    assert [r.plan_ref for r in rows] == list(data.sampled)
    for row in rows:
        view = views[row.plan_ref]
        assert row.disagreements == view.disagreement_count
        assert row.started == len(view.audits)
        assert row.agreed_grade == (view.panel.overall if view.panel else None)
    assert any(r.disagreements for r in rows), "the data should have disagreements"


def test_other_scores_cells_are_worked_out_once_per_plan(gen_db: Database,
                                                         rubric: Rubric) -> None:
    data = session_data.load_session(gen_db, SESSION)
    ref = data.sampled[0]
    audits = [a for a in data.audits if a.plan_ref == ref]
    questions = list(enumerate(rubric.applicable_questions(
        data.plans[ref].as_condition_facts()), start=1))
    model = OtherScoresModel()
    worked: list[tuple[int, str]] = []
    real = model._cell

    def cell(row: int, audit: AuditRecord) -> tuple[str, str | None, str]:
        worked.append((row, audit.auditor))
        return real(row, audit)

    model._cell = cell  # type: ignore[method-assign]
    model.set_data(rubric, questions, audits, MEMBER)
    cells = model.rowCount() * model.columnCount()
    assert cells > 0
    for _ in range(3):  # as the view does: every role of every cell, pass after pass
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                for role in range(14):
                    model.data(model.index(r, c), role)
    assert len(worked) == cells
    mine = next(a for a in audits if a.auditor == MEMBER and not a.is_panel)
    assert model.auditors()[0] == MEMBER
    assert model.data(model.index(0, 0)) == (mine.answers.get(questions[0][1].id) or "")

    # new data: worked out again, and the cells show the new data
    changed = [replace(a, overall=None) if a is mine else a for a in audits]
    worked.clear()
    model.set_data(rubric, questions, changed, MEMBER)
    grade = model.index(model.rowCount() - 1, model.auditors().index(MEMBER))
    assert model.data(grade) == ""
    assert len(worked) == 1


def test_others_table_is_sized_to_its_contents_once(qtbot: Any, gctx: AppContext,
                                                    tmp_path: Path) -> None:
    page = make_page(qtbot, gctx, "scoring", tmp_path)
    assert isinstance(page, ScoringPage)
    page.resize(1300, 900)
    page.show()
    page.open_session(SESSION, member=MEMBER)  # submitted: everyone's answers show
    table = page.ui.othersTable
    assert not table.isHidden()
    for header in (table.horizontalHeader(), table.verticalHeader()):
        assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    header = table.horizontalHeader()
    for column in range(page.others_model.columnCount()):
        fit = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) == fit


def test_plan_list_columns_fit_their_contents(qtbot: Any, gctx: AppContext,
                                              tmp_path: Path) -> None:
    page = make_page(qtbot, gctx, "moderation", tmp_path)
    assert isinstance(page, ModerationPage)
    page.open_session(SESSION, member=MEMBER)
    view = page.ui.planList
    header = view.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    for column in range(page.plan_model.columnCount() - 1):  # the last one stretches
        fit = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) == fit


class _Hides(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide:
            self.count += 1
        return False


def test_switching_plans_does_not_hide_and_reshow_what_both_show(qtbot: Any,
                                                                 rubric: Rubric) -> None:
    facts: dict[str, object] = {}
    form = ScoringForm(rubric, facts)
    qtbot.addWidget(form)
    form.show()
    widget = next(w for w in form.questions.values()
                  if w.applicable and w.question.type == "choice"
                  and any(o.shortfall for o in w.question.options))
    shortfall = next(o.code for o in widget.question.options if o.shortfall)
    qid = widget.question.id
    state = AnswerState(shortfall, (), "Seen in section F.")
    form.set_facts(facts, {qid: state})
    assert widget.details.isVisible()
    hides = _Hides()
    widget.details.installEventFilter(hides)

    form.set_facts(facts, {qid: state})  # the next plan: the same shortfall
    assert hides.count == 0
    assert widget.details.isVisible()
    assert widget.state() == state

    form.set_facts(facts)  # a plan not yet scored: everything blank
    assert hides.count == 1
    assert widget.state() == AnswerState()
