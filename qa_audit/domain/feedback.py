"""Families' and settings' voices: the feedback values and what counts as satisfied.

CONTRACT.md v2, "Feedback" and "Scorecard": a rating is 1-5 (5 = very
satisfied); a response is *satisfied* with a rating of 4 or 5, and the share is
over responses that gave a rating (a response without one is counted as a
response, never as dissatisfied). Comments may hold personal data: only an
approved, redacted excerpt is ever quoted.
"""

from __future__ import annotations

import re

__all__ = ["LISTENED", "RATING_MAX", "RATING_MIN", "RESPONDENTS", "RESPONDENT_LABELS",
           "SATISFIED_FROM", "STAGES", "excerpt_problem", "grade_and_rating_agree",
           "is_satisfied"]

RESPONDENTS = ("parent_carer", "young_person", "setting")
RESPONDENT_LABELS = {"parent_carer": "Parent or carer", "young_person": "Young person",
                     "setting": "Setting"}
STAGES = ("new_plan", "annual_review")
LISTENED = ("yes", "partly", "no")
RATING_MIN, RATING_MAX = 1, 5
#: A rating of this or more is "satisfied".
SATISFIED_FROM = 4


def is_satisfied(rating: int | None) -> bool | None:
    """True for 4 or 5, False for 1-3, None without a rating (not counted either way)."""
    if rating is None:
        return None
    return rating >= SATISFIED_FROM


def grade_and_rating_agree(good: bool, rating: int | None) -> bool | None:
    """Whether the panel's judgement (a good grade or not) and the family's rating agree:
    a good plan with a satisfied rating, or a plan not good with a rating of 1-3.
    None without a rating."""
    satisfied = is_satisfied(rating)
    return None if satisfied is None else satisfied == good


#: Where an approved excerpt leaves words out ("..." or an ellipsis) or puts its own in
#: square brackets ("[my son]" for a name the approver takes out).
_GAP = re.compile(r"\s*(?:\.\.\.|\u2026|\[[^\]]*\])\s*")


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def excerpt_problem(comments: str | None, excerpt: str) -> str | None:
    """Why ``excerpt`` cannot be approved as a quote of ``comments`` (None when it can).

    A family's words are quoted, never reworded: the excerpt is the comments or a part
    of them, its passages (split where it leaves words out with "..." or an ellipsis, or
    puts its own in [square brackets]) found in the comments in order, ignoring case and
    spacing."""
    if not comments or not comments.strip():
        return "the response has no comments to quote"
    if not excerpt.strip():
        return "the excerpt is blank"
    said, at = _words(comments), 0
    for part in (p for p in _GAP.split(excerpt) if p.strip()):
        found = said.find(_words(part), at)
        if found < 0:
            return (f"\"{' '.join(part.split())}\" is not in the comments (or not in their "
                    "order): quote their words, and mark words left out with \"...\"")
        at = found + len(_words(part))
    return None
