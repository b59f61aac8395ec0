"""The Dashboard's words and decisions, with no Qt: the headline cards, the subtitle, the themes.

The controller (``pages/dashboard_page.py``) puts these into the widgets; tested
without a QApplication (``tests/unit/test_dashboard_presenter.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qa_audit.reporting.key_issues import KeyIssuesFigures
from qa_audit.reporting.themes import ThemesFigures
from qa_audit.reporting.wording import headline_percent, is_small
from qa_audit.services.dashboard_data import DashboardFigures

__all__ = ["RAG_TEXT", "TOP_THEMES", "Card", "Headline", "family_text", "headline",
           "theme_rows"]

TOP_THEMES = 8
RAG_TEXT = {"green": "on target", "amber": "within 10 points of target",
            "red": "more than 10 points below target",
            "grey": "too few plans for a RAG rating"}
NO_GRADES_TEXT = ("No plan has an agreed grade yet: moderate a session to see its figures "
                  "here.")
EMPTY = "–"


@dataclass(frozen=True)
class Card:
    """One headline tile: the big value and the line under it."""

    value: str = EMPTY
    note: str = ""
    description: str = ""  # what a screen reader adds (the report's headline sentence)


@dataclass(frozen=True)
class Headline:
    """The four tiles for the current session (all blank when there is none)."""

    good: Card
    plans: Card
    agreement: Card
    previous: Card
    rag: str | None
    noun: str = "Plans"  # "Returns" on a rubric that rates advice returns (the DCO's)

    @property
    def good_caption(self) -> str:
        return f"{self.noun} judged good"

    @property
    def plans_caption(self) -> str:
        return f"{self.noun} moderated"


def headline(k: KeyIssuesFigures | None) -> Headline:
    """What the tiles say about the current session's figures."""
    if k is None:
        return Headline(Card(), Card(), Card(), Card(), None)
    small = is_small(k.plans_moderated)
    noun = "returns" if k.unit == "advice_return" else "plans"
    if k.percent_good is None:
        good_value = EMPTY
    elif small:  # the count, not a bare percentage: the interval is in the note
        good_value = f"{k.plans_good} of {k.plans_moderated}"
    else:
        good_value = f"{k.percent_good:.1f}%"
    target = ("no target set" if k.target_percent_good is None
              else f"target {k.target_percent_good:g}%")
    rag = f" – {k.rag.upper()}: {RAG_TEXT[k.rag]}" if k.rag in RAG_TEXT else ""
    said = (headline_percent(k.plans_good, k.plans_moderated) if small
            else f"{k.plans_good} of {k.plans_moderated} moderated {noun}")
    good = Card(good_value, f"{said}; {target}{rag}", k.headline())
    plans = Card(f"{k.plans_moderated}",
                 f"of {k.plans_audited} audited, {k.plans_sampled} sampled"
                 + (f"; {len(k.unmoderated)} awaiting moderation" if k.unmoderated else "")
                 + family_text(k))
    alpha = k.agreement.krippendorff_alpha_ordinal
    exact = k.agreement.overall_exact_percent
    agreement = Card(EMPTY if alpha is None else f"{alpha:.2f}",
                     "Krippendorff's alpha (ordinal) between auditors; "
                     + (f"{exact:.0f}% exact agreement over {k.agreement.pairs} pairs"
                        if exact is not None else "no plan graded by two auditors"))
    prev = k.previous
    if prev is None or prev.change_points is None:
        previous = Card(EMPTY, "no earlier session on this rubric" if prev is None
                        else f"{prev.session}: no moderated plans")
    else:
        previous = Card(f"{prev.change_points:+.1f} pts",
                        f"{prev.session}: {prev.percent_good:.1f}% good"
                        + (f"; {prev.verdict} now" if prev.verdict else ""))
    return Headline(good, plans, agreement, previous, k.rag, noun.capitalize())


def family_text(k: KeyIssuesFigures) -> str:
    """The key issues report's feedback beside the grades, in a few words ("" without
    a rated response about a moderated plan)."""
    a = k.grade_and_rating
    if a is None or not a.pairs:
        return ""
    return f"; families' ratings agree with the grade {a.agree} of {a.pairs} times"


def subtitle(figures: DashboardFigures) -> str:
    current = figures.current
    return (f"   Current session: {current.session} ({current.session_date:%d/%m/%Y})"
            if current else "   No session has moderated plans yet")


def rubric_choices(figures: DashboardFigures) -> list[tuple[str, str]]:
    """(label, rubric id) of every rubric with sessions, for the picker."""
    return [(f"{title} ({rid})", rid) for rid, title in figures.rubrics]


def theme_rows(themes: ThemesFigures) -> list[dict[str, Any]]:
    """Agreed themes (the panel's tags), with how many plans any auditor raised
    each in beside them, labelled so the two are not confused."""
    return [{"Theme": t.label, "Agreed (plans)": t.plans,
             "% of plans with agreed scores": t.percent_of_agreed,
             "Raised by an auditor (plans)": t.raised}
            for t in themes.themes[:TOP_THEMES]]


def failure_text(message: str, user_error: bool) -> str:
    return (f"The figures could not be computed: {message}" if user_error else
            f"The figures could not be computed ({message}); the details are in the log.")
