"""The Scoring page's decisions, without Qt: who scores, read-only and why, blind
scoring, progress, the side panel's texts and the save status.

The page itself is driven in ``tests/gui/test_scoring_page.py``; here each rule is
checked on plain data, and the presenter modules are checked to load no Qt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys

import pytest

from qa_audit.domain import permissions
from qa_audit.domain.audit import AuditRecord
from qa_audit.domain.items import ItemKey
from qa_audit.domain.rubric import Rubric
from qa_audit.gui.scoring import answers
from qa_audit.gui.scoring import page_presenter as present
from qa_audit.gui.scoring.answers import AnswerState
from qa_audit.gui.scoring.page_presenter import (
    DRAFT,
    NOT_STARTED,
    SUBMITTED,
    PlanProgress,
    ScoringPresenter,
)
from qa_audit.paths import bundled
from qa_audit.rubrics.loader import load_rubric_file
from qa_audit.services.sampling import SampleRow
from qa_audit.services.sessions import MemberInfo, SessionInfo
from qa_audit.services.submission import Completeness

ALICE, BOB, OLIVE = "Alice Ng", "Bob Shah", "Olive Observer"
PLAN = "EHC-000001"


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric_file(bundled("rubrics", "multi-agency-ehcp.yaml"))


def info(status: str = "scoring", name: str = "Panel A") -> SessionInfo:
    members = (MemberInfo(1, "Chair Person", "la", "chair", True),
               MemberInfo(2, ALICE, "education", "auditor", False),
               MemberInfo(3, BOB, "health", "auditor", False),
               MemberInfo(4, OLIVE, None, "observer", False))
    return SessionInfo(1, name, dt.date(2026, 1, 1), "multi-agency-ehcp", 1, status,
                       members, 3, 0, 1, 10)


def audit(who: str, status: str = DRAFT, answers_: dict[str, str] | None = None,
          overall: int | None = None, panel: bool = False) -> AuditRecord:
    return AuditRecord("Panel A", PLAN, who, panel, status=status, overall=overall,
                       answers=answers_ or {})


def presenter(rubric: Rubric, status: str = "scoring", member: str | None = ALICE,
              own: AuditRecord | None = None) -> ScoringPresenter:
    p = ScoringPresenter(session=info(status), rubric=rubric, member=member, plan_ref=PLAN)
    p.own = own
    return p


# ------------------------------------------------------------------ the one rule


@pytest.mark.parametrize(("status", "role", "own", "sees"), [
    ("scoring", "auditor", None, False),
    ("scoring", "auditor", DRAFT, False),
    ("scoring", "auditor", SUBMITTED, True),
    ("scoring", "chair", SUBMITTED, True),
    ("scoring", "observer", None, False),
    ("scoring", None, None, False),
    ("moderation", "observer", None, True),
    ("moderation", "auditor", DRAFT, True),
    ("closed", "auditor", None, True),
])
def test_blind_scoring_rule(status: str, role: str | None, own: str | None,
                            sees: bool) -> None:
    assert permissions.can_see_scores(status, role, own == "submitted") is sees


def test_others_hidden_until_the_member_submits(rubric: Rubric) -> None:
    audits = [audit(ALICE), audit(BOB, SUBMITTED)]
    p = presenter(rubric, own=audits[0])
    view = p.others_view(audits)
    assert not view.show_table and view.audits == ()
    assert "hidden until you submit yours" in view.text

    submitted = [audit(ALICE, SUBMITTED), audit(BOB)]
    p.take_audits(submitted)
    view = p.others_view(submitted)
    assert view.show_table and view.audits == tuple(submitted)
    assert f"Still in draft: {BOB}." in view.text


def test_observer_sees_others_only_in_moderation(rubric: Rubric) -> None:
    audits = [audit(BOB, SUBMITTED)]
    assert not presenter(rubric, member=OLIVE).others_view(audits).show_table
    assert presenter(rubric, "moderation", member=OLIVE).others_view(audits).show_table


def test_no_one_else_yet(rubric: Rubric) -> None:
    own = audit(ALICE, SUBMITTED)
    view = presenter(rubric, own=own).others_view([own])
    assert not view.show_table
    assert view.text == "No other member has scored this plan yet."


# ------------------------------------------------------------------ choosing


def test_session_kept_else_first_open_one(rubric: Rubric) -> None:
    p = ScoringPresenter()
    closed, open_ = info("closed", "Old"), info("scoring", "New")
    assert p.set_sessions([closed, open_]) == "New"
    p.session = closed
    assert p.set_sessions([closed, open_]) == "Old"  # the current one stays
    assert p.set_sessions([]) is None


def test_member_asked_remembered_account_then_first_scorer() -> None:
    p = ScoringPresenter()
    session = info()
    assert p.pick_member(session, BOB, None, "x") == BOB
    assert p.pick_member(session, None, ALICE, "x") == ALICE  # from the settings
    p.member_choice[session.name] = BOB
    assert p.pick_member(session, None, ALICE, "x") == BOB  # chosen in this run first
    p.member_choice.clear()
    assert p.pick_member(session, None, "Nobody", "bob") == BOB  # the OS account
    assert p.pick_member(session, None, None, "zzz") == "Chair Person"
    assert p.pick_member(dataclasses.replace(session, members=()), None, None, "z") is None


def test_plan_choice_remembered_per_member(rubric: Rubric) -> None:
    p = presenter(rubric)
    p.remember_plan("EHC-000002")
    p.member = BOB
    assert p.remembered_plan() is None
    p.member = ALICE
    assert p.remembered_plan() == ItemKey("EHC-000002")


# ------------------------------------------------------------------ read-only


def test_controls_for_a_draft_a_submission_an_observer_and_a_closed_session(
        rubric: Rubric) -> None:
    draft = presenter(rubric, own=audit(ALICE)).controls()
    assert draft.read_only_reason is None
    assert (draft.submit_enabled, draft.submit_visible, draft.reopen_visible) == (
        True, True, False)

    done = presenter(rubric, own=audit(ALICE, SUBMITTED)).controls()
    assert "Reopen it" in (done.read_only_reason or "")
    assert (done.submit_enabled, done.submit_visible, done.reopen_visible) == (
        False, False, True)

    observer = presenter(rubric, member=OLIVE).controls()
    assert "observer" in (observer.read_only_reason or "")
    assert not observer.submit_enabled and not observer.reopen_visible

    closed = presenter(rubric, "closed", own=audit(ALICE, SUBMITTED)).controls()
    assert "is closed" in (closed.read_only_reason or "")
    assert not closed.reopen_visible

    nobody = presenter(rubric, member=None).controls()
    assert "no panel members" in (nobody.read_only_reason or "")


# ------------------------------------------------------------------ progress


def test_plan_progress_counts_applicable_answers(rubric: Rubric) -> None:
    p = presenter(rubric)
    applicable = rubric.applicable_questions({})
    first = applicable[0].id
    assert p.plan_progress(PLAN, None) == PlanProgress(PLAN, 0, len(applicable), NOT_STARTED)
    row = p.plan_progress(PLAN, audit(ALICE, SUBMITTED, {first: "Y", "nope": "Y"}, 7))
    assert row == PlanProgress(PLAN, 1, len(applicable), SUBMITTED, True)


def test_status_line_and_row(rubric: Rubric) -> None:
    p = presenter(rubric)
    text, row = p.plan_status(0, 10, None)
    assert text == "Not started. No overall grade yet."
    assert row == PlanProgress(PLAN, 0, 10, NOT_STARTED, False)
    text, row = p.plan_status(3, 10, rubric.overall.max)
    band = rubric.band_for(rubric.overall.max).label
    assert text == f"Draft: saved as you go. Overall grade {rubric.overall.max} ({band})."
    assert row is not None and row.status == DRAFT and row.graded
    p.own = audit(ALICE, SUBMITTED)
    assert p.plan_status(10, 10, None)[0].startswith("Submitted.")


def test_answer_states_only_for_known_questions(rubric: Rubric) -> None:
    qid = next(iter(rubric.questions())).id
    own = dataclasses.replace(audit(ALICE, answers_={qid: "N", "gone": "Y"}),
                              notes={qid: "p.3"}, attributions={qid: ("health",)})
    states = presenter(rubric, own=own).answer_states()
    assert states == {qid: AnswerState("N", ("health",), "p.3", None)}


# ------------------------------------------------------------------ side panel


def sample_row(**changes: object) -> SampleRow:
    row = SampleRow(1, PLAN, None, None, None, 9, "ASD", None, "mainstream", "North",
                    dt.date(2025, 9, 1), 30, "new", dt.date(2025, 1, 6))
    return dataclasses.replace(row, **changes)  # type: ignore[arg-type]


def test_facts_view_texts_and_lateness(rubric: Rubric) -> None:
    p = presenter(rubric)
    assert not p.facts_view(PLAN).known  # not in the sample: only the reference shows
    p.sample = {PLAN: sample_row()}
    view = p.facts_view(PLAN)
    assert view.known and view.weeks_late
    assert view.need.startswith("ASD – ")
    assert view.team == "North"
    p.sample = {PLAN: sample_row(request_date=None, team=None, primary_need=None)}
    view = p.facts_view(PLAN)
    assert (view.weeks, view.weeks_late) == ("request date not recorded", False)
    assert view.team == view.need == "not recorded"


def test_help_text_names_the_rubrics_keys(rubric: Rubric) -> None:
    text = presenter(rubric).help_text()
    assert text.startswith("Keys: ")
    assert f"<b>{rubric.overall.min}</b>–<b>{rubric.overall.max}</b> grade" in text
    assert "<b>Ctrl+Enter</b> submit" in text


# ------------------------------------------------------------------ saving, submitting


def test_save_status_texts() -> None:
    assert present.save_status(0, None, "10:00:00") == ("All changes saved (10:00:00)",
                                                        "saved")
    assert present.save_status(1, None, "") == ("Saving 1 change…", "saving")
    assert present.save_status(3, 2, "") == ("Not saved: 2 changes kept on screen (Retry)",
                                              "error")
    message = present.unsaved_message("Database busy.", ["a", "b", "c", "d"])
    assert "Database busy." in message and "(a; b; c…)" in message


def test_missing_lists_questions_and_grade() -> None:
    check = Completeness(("q1", "q2"), True)
    questions = {"q1": (1, "Views <of> parents?"), "q2": (4, "Outcomes?")}
    html_text = present.missing_html(check, questions, quiet=False)
    assert "Not submitted yet. Still missing (3)" in html_text
    assert "Q1: Views &lt;of&gt; parents?" in html_text
    assert "the overall grade" in html_text
    assert present.missing_text(check, {"q1": 1, "q2": 4}) == (
        "Still missing: Q1 (q1), Q4 (q2), the overall grade.")


def test_quote_refusals() -> None:
    assert "Choose the question first" in (present.quote_refusal(False, None, True, True, 1)
                                           or "")
    assert present.quote_refusal(True, "closed.", False, True, 1) == (
        "The quote was not added: closed.")
    assert "Question 3 does not apply" in (present.quote_refusal(True, None, True, False, 3)
                                           or "")
    assert present.quote_refusal(True, None, True, True, 3) is None


def test_answer_after_choice_keeps_what_still_fits(rubric: Rubric) -> None:
    question = next(q for q in rubric.questions()
                    if any(o.shortfall for o in q.options) and q.allows_na is not None)
    shortfall = next(o.code for o in question.options if o.shortfall)
    good = next(o.code for o in question.options if not o.shortfall)
    before = AnswerState(shortfall, ("health",), "note", "not-a-reason")
    after = answers.answer_after_choice(question, before, good)
    assert after == AnswerState(good, (), "note", None)
    assert answers.answer_after_choice(question, before, shortfall).agencies == ("health",)


def test_presenters_load_no_qt() -> None:
    code = ("import sys; import qa_audit.gui.scoring.page_presenter, "
            "qa_audit.gui.scoring.answers, qa_audit.gui.evidence.pane_presenter; "
            "print([m for m in sys.modules if m.startswith('PySide6')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
