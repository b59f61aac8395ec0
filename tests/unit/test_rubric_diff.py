"""The rubric diff names every added, removed and changed item between two versions."""

from __future__ import annotations

from qa_audit.rubrics.loader import load_rubric_text
from qa_audit.services.rubric_diff import RubricChange, diff_rubrics
from tests.unit.test_rubric_loader import GOOD

ADDED_QUESTION = """\
      - id: parents_views
        text: Are the parents' views recorded?
        options: ypn
"""


def changed_text() -> str:
    """GOOD with a raised target, an added question, a renamed option, a removed theme,
    a moved band edge and a reworded question."""
    text = GOOD.replace("target_percent_good: 80", "target_percent_good: 90")
    text = text.replace("        tags: [health, provision]\n",
                        "        tags: [health, provision]\n" + ADDED_QUESTION)
    text = text.replace("label: Not met, shortfall: true", "label: Not yet met, shortfall: true")
    text = text.replace("  - {id: vague, label: Vague provision}\n", "")
    text = text.replace("        suggested_themes: [vague]\n", "")
    text = text.replace("from: 3, to: 5", "from: 3, to: 6")
    text = text.replace("from: 6, to: 8", "from: 7, to: 8")
    return text.replace("Is provision quantified?", "Is all provision quantified?")


def by_item(changes: list[RubricChange]) -> dict[str, RubricChange]:
    return {c.item: c for c in changes}


def test_identical_rubrics_have_no_changes() -> None:
    rubric = load_rubric_text(GOOD)
    assert diff_rubrics(rubric, rubric) == []


def test_every_kind_of_change_is_listed() -> None:
    a, b = load_rubric_text(GOOD), load_rubric_text(changed_text())
    changes = by_item(diff_rubrics(a, b))
    target = changes["overall target always"]
    assert (target.area, target.before, target.after, target.kind) == (
        "Target", "80%", "90%", "changed")
    added = changes["parents_views"]
    assert (added.area, added.kind, added.before) == ("Question", "added", "")
    assert "Are the parents' views recorded?" in added.after
    assert "Provision" in added.after  # the section it was added to
    option = changes["aspirations / option no_"]
    assert (option.before, option.after) == ("Not met (shortfall)", "Not yet met (shortfall)")
    theme = changes["vague"]
    assert (theme.area, theme.kind, theme.before, theme.after) == (
        "Theme", "removed", "Vague provision", "")
    wording = changes["quantified: wording"]
    assert wording.after == "Is all provision quantified?"
    themes = changes["quantified: suggested themes"]
    assert (themes.before, themes.after) == ("vague", "(none)")
    assert changes["Good"].before == "grades 6–8, green, counts as good"
    assert changes["Good"].after == "grades 7–8, green, counts as good"
    assert changes["Requires improvement"].kind == "changed"
    assert "Inadequate" not in changes  # unchanged items are not listed


def test_reverse_diff_swaps_added_and_removed() -> None:
    a, b = load_rubric_text(GOOD), load_rubric_text(changed_text())
    back = by_item(diff_rubrics(b, a))
    assert back["parents_views"].kind == "removed"
    assert back["vague"].kind == "added"


def test_shortfall_flag_and_scale_changes() -> None:
    text = GOOD.replace("{code: P, label: Partly, shortfall: true, key: p}",
                        "{code: P, label: Partly, shortfall: false, key: p}")
    text = text.replace("good_from: 3", "good_from: 2").replace("4: Exemplary", "4: Excellent")
    changes = by_item(diff_rubrics(load_rubric_text(GOOD), load_rubric_text(text)))
    assert changes["quantified / option P"].after == "Partly (not a shortfall)"
    assert changes["advice_quality: answer"].after == "scale 1–4, good from 2"
    assert changes["advice_quality / level 4"].before == "Exemplary"


def test_format2_targets_indicators_scale_and_reasons() -> None:
    from tests.unit.test_rubric_format2 import MEDWAY_LIKE

    text = MEDWAY_LIKE.replace("- {from: 2020-04-01, percent: 100}",
                               "- {from: 2020-04-01, percent: 90}")
    text = text.replace("      - {from: 2018-04-01, percent: 100}\n",
                        "      - {from: 2018-04-01, percent: 100}\n"
                        "  - id: health_provision_only\n"
                        "    label: Health provision specified\n"
                        "    questions: [health_provision]\n"
                        "    targets:\n"
                        "      - {from: 2021-04-01, percent: 95}\n")
    text = text.replace("label: Voice of the child\n    questions: [child_voice]",
                        "label: Voice of the child\n    questions: [child_voice]\n"
                        "    targets:\n      - {from: 2022-01-01, percent: 60}")
    text = text.replace("          - {code: other, label: Other}\n", "")
    a, b = load_rubric_text(MEDWAY_LIKE), load_rubric_text(text)
    changes = by_item(diff_rubrics(a, b))
    step = changes["overall target from 1 Apr 2020"]
    assert (step.area, step.before, step.after, step.kind) == ("Target", "100%", "90%",
                                                                "changed")
    assert "overall target from 1 Apr 2019" not in changes  # unchanged step
    added = changes["health_provision_only"]
    assert (added.area, added.kind) == ("Indicator", "added")
    assert added.after == ("Health provision specified [health_provision; target "
                           "95% from 1 Apr 2021]")
    voice = changes["indicator voice target from 1 Jan 2022"]
    assert (voice.area, voice.before, voice.after, voice.kind) == ("Target", "", "60%",
                                                                   "added")
    reason = changes["child_voice / reason other"]
    assert (reason.area, reason.kind, reason.before) == ("Reason", "removed", "Other (for any)")
    # which end is best is part of the grades
    flipped_text = (GOOD.replace("  max: 8\n", "  max: 8\n  best: low\n", 1)
                    .replace("good: false, rag: red}", "good: true, rag: red}")
                    .replace("from: 6, to: 8, good: true", "from: 6, to: 8, good: false"))
    flipped = load_rubric_text(flipped_text)
    grades = by_item(diff_rubrics(load_rubric_text(GOOD), flipped))["overall: grades"]
    assert (grades.before, grades.after) == ("Grades 1–8, 8 = best", "Grades 1–8, 1 = best")
