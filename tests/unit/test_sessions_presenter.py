"""The Sessions page's presenter: its decisions, tested with no Qt at all."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from qa_audit.errors import UserError
from qa_audit.gui.sessions import presenter as p
from qa_audit.services.sampling import SampleProvenance, SampleSettings
from qa_audit.services.sessions import SessionInfo

TYPES = ("new", "amended", "review")


def session(status: str = "planning", *, sampled: int = 0, audited: int = 0,
            name: str = "Panel <Nov>") -> SessionInfo:
    return SessionInfo(1, name, dt.date(2026, 11, 3), "multi-agency-ehcp", 2, status, (),
                       sampled, audited, None, None)


def test_the_presenter_imports_no_qt() -> None:
    code = ("import sys, qa_audit.gui.sessions.presenter, qa_audit.gui.formatting; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_form_problems_and_settings() -> None:
    form = p.DrawForm(plan_types=TYPES, all_plan_types=TYPES)
    assert form.problem() is None
    assert form.settings() == SampleSettings(size=10, seed=None, exclude_months=12)
    assert p.DrawForm(plan_types=(), all_plan_types=TYPES).problem() == \
        "Choose at least one plan type."
    backwards = p.DrawForm(issued_from=dt.date(2026, 5, 1), issued_to=dt.date(2026, 4, 1),
                           plan_types=TYPES, all_plan_types=TYPES)
    assert backwards.problem() == "The issue-date window ends before it starts."
    by_percent = p.DrawForm(by_size=False, percent=33.349, seed=42, stratify="team",
                            plan_types=("new",), all_plan_types=TYPES)
    settings = by_percent.settings()
    assert (settings.size, settings.percent, settings.seed) == (None, 33.3, 42)
    assert settings.plan_types == ("new",) and settings.stratify == "team"


def test_seed_shown_prefers_the_stored_seed() -> None:
    assert p.seed_shown(SampleSettings(size=5, seed=7), 99) == 99
    assert p.seed_shown(SampleSettings(size=5, seed=7), None) == 7
    assert p.seed_shown(SampleSettings(size=5), None) == p.RANDOM_SEED


def test_closed_session_disables_everything_and_says_why() -> None:
    state = p.controls(session("closed"), member_selected=True, sample_row_active=True,
                       form_problem=None, by_size=True)
    assert state.banner and state.read_only_tip == p.CLOSED_TEXT
    assert not any(state.status_enabled.values())
    assert not (state.add_member or state.member_actions or state.draw_button or state.withdraw)
    assert state.withdraw_tip == p.CLOSED_TEXT and not state.size_spin


def test_status_buttons_only_move_forward() -> None:
    state = p.controls(session("scoring"), member_selected=False, sample_row_active=False,
                       form_problem=None, by_size=False)
    assert state.status_enabled == {"scoring": False, "moderation": True, "closed": True}
    assert not state.member_actions and state.add_member
    assert state.percent_spin and not state.size_spin


def test_scoring_started_stops_a_redraw_but_not_a_withdrawal() -> None:
    state = p.controls(session(audited=3, sampled=10), member_selected=False,
                       sample_row_active=True, form_problem=None, by_size=True)
    assert not state.draw_button and state.draw_note == p.SCORING_STARTED_TEXT
    assert state.withdraw and state.draw_box
    blocked = p.controls(session(), member_selected=False, sample_row_active=False,
                         form_problem="Choose at least one plan type.", by_size=True)
    assert not blocked.draw_button and blocked.draw_note == ""


def test_preview_allocates_proportionally_and_reports_problems() -> None:
    out = p.preview_outcome(SampleSettings(size=7, stratify="phase"),
                            {"primary": 20, "secondary": 10, "post16": 6})
    assert [(r.stratum, r.eligible, r.allocated) for r in out.rows] == [
        ("Primary", 20, 4), ("Secondary", 10, 2), ("Post-16", 6, 1)]
    assert out.message == "36 eligible plans across 3 strata; 7 would be drawn."
    too_many = p.preview_outcome(SampleSettings(size=99), {"all": 6})
    assert too_many.problem and "Cannot sample 99 plans" in too_many.message
    assert too_many.rows[0].allocated is None


def test_describe_draw_and_the_equivalent_command() -> None:
    record = p.draw_record(SampleProvenance(
        SampleSettings(size=10, seed=None, stratify="team", exclude_months=0), 1234, 250, None))
    assert record is not None and record.seed == 1234
    text = p.describe_draw(record, 10)
    assert text.startswith("Drawn with seed 1234 from 250 eligible plans: 10 plans")
    assert "stratified by team" in text and "no exclusion" in text
    assert p.draw_command("Panel Nov", record) == (
        "qa-audit sample draw --session 'Panel Nov' --size 10 --seed 1234 --stratify team "
        "--exclude-months 0")
    typed = p.DrawRecord(SampleSettings(size=3, plan_types=("new",)), 1, None, None)
    assert p.draw_command("x", typed) is None  # the CLI has no plan type filter
    assert p.draw_record(SampleProvenance(None, None, None, None)) is None


def test_html_is_escaped_and_questions_name_the_session() -> None:
    info = session(sampled=8)
    assert "Panel &lt;Nov&gt;" in p.heading_html(info)
    assert p.provenance_html(info, None) == p.NO_SAMPLE_TEXT
    assert p.redraw_question(session(), None) is None
    assert "already has a sample of 8 plans" in (p.redraw_question(info, None) or "")
    assert p.close_question(info).startswith("Close Panel <Nov>?")


@pytest.mark.parametrize(("replacement", "stratify", "expected"), [
    ("P-2", None, "P-1 withdrawn; replaced by P-2."),
    (None, "team", "P-1 withdrawn. No eligible plan is left to replace it in its stratum."),
    (None, None, "P-1 withdrawn. No eligible plan is left to replace it."),
])
def test_withdrawn_message(replacement: str | None, stratify: str | None,
                           expected: str) -> None:
    record = p.DrawRecord(SampleSettings(size=3, stratify=stratify), 1, None, None)
    assert p.withdrawn_message("P-1", replacement, record) == expected


def test_selection_after_reload_and_error_text() -> None:
    assert p.session_to_select(["a", "b"], "b") == "b"
    assert p.session_to_select(["a", "b"], "gone") == "a"
    assert p.session_to_select([], "a") is None
    error = UserError("Bad file", details=[f"row {i}" for i in range(14)])
    text = p.error_message(error)
    assert text.splitlines()[0] == "Bad file" and text.endswith("… and 2 more")
