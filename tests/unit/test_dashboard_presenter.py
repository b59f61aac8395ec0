"""The Dashboard's presenter: what the headline tiles say, tested with no Qt."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace
from typing import Any

from qa_audit.gui.dashboard import presenter as p


def figures(**changes: Any) -> Any:
    """A stand-in for ``KeyIssuesFigures`` with the attributes the tiles read."""
    values: dict[str, Any] = {
        "plans_moderated": 20, "plans_good": 15, "percent_good": 75.0,
        "target_percent_good": 80.0, "rag": "amber", "plans_audited": 22, "plans_sampled": 24,
        "unmoderated": ["EHC-9", "EHC-8"],
        "agreement": SimpleNamespace(krippendorff_alpha_ordinal=0.812,
                                     overall_exact_percent=64.0, pairs=30),
        "previous": SimpleNamespace(session="Panel Sep", change_points=5.0,
                                    percent_good=70.0, verdict="better"),
        "headline": lambda: "15 of 20 plans judged good (75%).",
        "grade_and_rating": None,
        "unit": "plan",
    }
    values.update(changes)
    return SimpleNamespace(**values)


def test_the_presenter_imports_no_qt() -> None:
    code = ("import sys, qa_audit.gui.dashboard.presenter; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_no_current_session_blanks_every_tile() -> None:
    shown = p.headline(None)
    assert shown.rag is None
    assert {c.value for c in (shown.good, shown.plans, shown.agreement, shown.previous)} == {"–"}
    assert shown.good.note == ""


def test_tiles_of_a_session() -> None:
    shown = p.headline(figures())
    assert shown.good.value == "75.0%"
    assert shown.good.note == ("15 of 20 moderated plans; target 80% – AMBER: within 10 points "
                               "of target")
    assert shown.good.description == "15 of 20 plans judged good (75%)."
    assert shown.plans == p.Card("20", "of 22 audited, 24 sampled; 2 awaiting moderation")
    assert shown.agreement.value == "0.81"
    assert "64% exact agreement over 30 pairs" in shown.agreement.note
    assert shown.previous == p.Card("+5.0 pts", "Panel Sep: 70.0% good; better now")


def test_a_rubric_of_advice_returns_says_returns() -> None:
    """The DCO's deep dive counts advice returns: the tiles must not call them plans."""
    plans = p.headline(figures())
    assert (plans.good_caption, plans.plans_caption) == ("Plans judged good", "Plans moderated")
    shown = p.headline(figures(unit="advice_return"))
    assert (shown.good_caption, shown.plans_caption) == ("Returns judged good",
                                                         "Returns moderated")
    assert shown.good.note.startswith("15 of 20 moderated returns;")


def test_families_ratings_beside_the_grades() -> None:
    from qa_audit.reporting.grade_rating import GradeRatingAgreement

    shown = p.headline(figures(unmoderated=[],
                               grade_and_rating=GradeRatingAgreement(4, 3, 2, 0, 1, 1)))
    assert shown.plans.note == ("of 22 audited, 24 sampled; families' ratings agree with the "
                                "grade 3 of 4 times")
    none = p.headline(figures(unmoderated=[],
                              grade_and_rating=GradeRatingAgreement(0, 0, 0, 0, 0, 0)))
    assert none.plans.note == "of 22 audited, 24 sampled"


def test_few_plans_show_the_count_not_a_bare_percentage() -> None:
    shown = p.headline(figures(plans_moderated=6, plans_good=4, percent_good=66.7, rag="grey",
                               target_percent_good=None, previous=None,
                               agreement=SimpleNamespace(krippendorff_alpha_ordinal=None,
                                                         overall_exact_percent=None, pairs=0)))
    assert shown.good.value == "4 of 6"
    assert "no target set" in shown.good.note and "too few plans" in shown.good.note
    assert shown.agreement == p.Card("–", "Krippendorff's alpha (ordinal) between auditors; "
                                          "no plan graded by two auditors")
    assert shown.previous.note == "no earlier session on this rubric"


def test_themes_and_failures() -> None:
    themes: Any = SimpleNamespace(themes=[
        SimpleNamespace(label=f"Theme {i}", plans=i, percent_of_agreed=i * 10.0, raised=i + 1)
        for i in range(10)])
    rows = p.theme_rows(themes)
    assert len(rows) == p.TOP_THEMES
    assert rows[1] == {"Theme": "Theme 1", "Agreed (plans)": 1,
                       "% of plans with agreed scores": 10.0,
                       "Raised by an auditor (plans)": 2}
    assert p.failure_text("busy", True) == "The figures could not be computed: busy"
    assert p.failure_text("KeyError", False).endswith("the details are in the log.")
