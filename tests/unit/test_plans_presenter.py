"""The Plans page's presenter: count line, filter choices and the load decisions, no Qt."""

from __future__ import annotations

import subprocess
import sys

import pytest

from qa_audit.errors import UserError
from qa_audit.gui.plans import presenter as p
from qa_audit.services.plans import PlanFilter


def test_the_presenter_imports_no_qt() -> None:
    code = ("import sys, qa_audit.gui.plans.presenter; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_count_text_groups_thousands() -> None:
    assert p.count_text(60_000, 1234) == "60,000 plans, 1,234 shown"
    assert p.count_text(1, 1) == "1 plan, 1 shown"


def test_filter_choices_name_needs_and_phases() -> None:
    items = p.filter_choices({"team": ["North"], "primary_need": ["ASD", "ZZZ"],
                              "phase": ["early_years"]})
    assert items["team"] == [("North", "North")]
    assert items["primary_need"][0][1] == "ASD" and items["primary_need"][0][0].startswith(
        "ASD – ")
    assert items["primary_need"][1] == ("ZZZ", "ZZZ")  # unknown codes shown as they are
    assert items["phase"] == [("Early years", "early_years")]


def test_an_empty_register_needs_no_load_and_shows_guidance() -> None:
    pres = p.PlansPresenter(lambda: 0)
    assert pres.register_is_empty()
    shown = pres.shown(0, 0)
    assert shown.empty and pres.total == 0
    assert not p.PlansPresenter(lambda: 3).register_is_empty()


def test_an_unreadable_register_raises_for_the_page_to_say() -> None:
    def broken() -> int:
        raise UserError("The database is locked.")

    with pytest.raises(UserError, match="locked"):
        p.PlansPresenter(broken).register_is_empty()


def test_a_dropped_load_passes_on_reading_the_choices() -> None:
    pres = p.PlansPresenter(lambda: 5)
    assert pres.reads_choices(True, busy=False)
    # a filter change while the reload runs: the reload is dropped, so this load reads them
    assert pres.reads_choices(False, busy=True)
    assert not pres.reads_choices(False, busy=False)  # nothing pending any more
    assert not pres.reads_choices(False, busy=True)


def test_a_filter_value_gone_from_the_register_reloads() -> None:
    chosen, reset = PlanFilter(team="West"), PlanFilter()
    assert p.PlansPresenter.runs_again(True, chosen, reset)
    assert not p.PlansPresenter.runs_again(True, chosen, chosen)
    assert not p.PlansPresenter.runs_again(False, chosen, reset)  # no new choices filled


def test_loading_and_problem_texts() -> None:
    assert p.PlansPresenter.loading_text(False) == p.LOADING_MESSAGE
    assert p.PlansPresenter.loading_text(True) is None  # the shown count stays
    assert p.PlansPresenter.count_after_problem(p.LOADING_MESSAGE) == ""
    assert p.PlansPresenter.count_after_problem("3 plans, 3 shown") == "3 plans, 3 shown"
    assert p.failure("locked", True).message == "locked"
    assert "details are in the log" in p.failure("KeyError: 'x'", False).message
