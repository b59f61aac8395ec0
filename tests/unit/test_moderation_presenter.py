"""The moderation screen's rules without Qt: rows, "agree where unanimous", typed keys,
the disagreements-only view and the save status line. No Qt is needed (the last
test checks that the presenter modules stay free of it)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from qa_audit.domain.audit import AuditRecord, PlanFacts, SessionData
from qa_audit.domain.rubric import Rubric
from qa_audit.gui.moderation import agreeing
from qa_audit.gui.moderation.agreeing import AgreedChange, agreed_state, unanimous_changes
from qa_audit.gui.moderation.presenter import (
    OVERALL_KEY,
    MemberColumn,
    can_view_scores,
    describe_answer,
    describe_grade,
    moderation_view,
    plan_summaries,
)
from qa_audit.rubrics.loader import load_rubric_text

RUBRIC_YAML = """\
id: three-questions
title: Three questions
overall:
  min: 1
  max: 4
  bands:
    - {label: Poor, from: 1, to: 2, good: false, rag: red}
    - {label: Good, from: 3, to: 4, good: true, rag: green}
agencies:
  - {id: health, label: Health}
  - {id: social_care, label: Social care}
sections:
  - id: a
    title: A
    questions:
      - id: q1
        text: Is the child's voice present?
        allows_na: true
        options:
          - {code: Y, label: "Yes", shortfall: false, key: y}
          - {code: P, label: "Partly", shortfall: true, key: p}
          - {code: N, label: "No", shortfall: true, key: n}
      - id: q2
        text: Are outcomes SMART?
        options:
          - {code: Y, label: "Yes", shortfall: false, key: y}
          - {code: N, label: "No", shortfall: true, key: n}
      - id: q3
        text: Is provision quantified?
        options:
          - {code: Y, label: "Yes", shortfall: false, key: y}
          - {code: N, label: "No", shortfall: true, key: n}
"""
SESSION, PLAN = "Unit panel", "U-1"
MEMBERS = [MemberColumn("Ann", "chair"), MemberColumn("Ben"), MemberColumn("Cat")]


def rubric() -> Rubric:
    return load_rubric_text(RUBRIC_YAML, "three.yaml")


def audit(who: str, answers: dict[str, str], overall: int | None, *, status: str = "submitted",
          attributions: dict[str, tuple[str, ...]] | None = None) -> AuditRecord:
    return AuditRecord(SESSION, PLAN, who, False, overall=overall, status=status,
                       answers=answers, attributions=attributions or {})


def session(*audits: AuditRecord, status: str = "moderation") -> SessionData:
    return SessionData(name=SESSION, date=dt.date(2026, 11, 1), status=status,
                       rubric_id="three-questions", rubric_version=1, sampled=(PLAN,),
                       audits=audits, plans={PLAN: PlanFacts(PLAN)})


def test_unanimous_rows_are_agreed_with_the_members_attribution() -> None:
    r = rubric()
    data = session(
        audit("Ann", {"q1": "Y", "q2": "N", "q3": "Y"}, 3, attributions={"q2": ("health",)}),
        audit("Ben", {"q1": "P", "q2": "N", "q3": "Y"}, 3, attributions={"q2": ("health",)}),
        audit("Cat", {"q1": "Y", "q2": "N", "q3": "Y"}, 3,
              attributions={"q2": ("health", "social_care")}))
    view = moderation_view(data, r, PLAN, MEMBERS)
    changes = {c.key: c.after for c in unanimous_changes(view)}
    assert set(changes) == {"q2", "q3", OVERALL_KEY}  # q1 differs
    assert changes["q2"].value == "N"
    assert changes["q2"].agencies == ("health",)  # named by all three (majority)
    assert changes["q3"].agencies == ()
    assert changes[OVERALL_KEY].value == "3"
    agreed = agreeing.apply_to_view(view, unanimous_changes(view))
    assert agreeing.open_rows(agreed.rows) == 1
    assert unanimous_changes(agreed) == []  # nothing left to agree, nothing overwritten


def test_drafts_and_blanks_do_not_count_as_agreement() -> None:
    r = rubric()
    data = session(audit("Ann", {"q1": "Y", "q2": "Y"}, 3),
                   audit("Ben", {"q1": "N", "q2": "Y", "q3": "N"}, 2, status="draft"))
    view = moderation_view(data, r, PLAN, MEMBERS)
    keys = {c.key for c in unanimous_changes(view)}
    assert keys == {"q1", "q2", OVERALL_KEY}  # Ben's draft is not counted; q3 is blank
    assert unanimous_changes(moderation_view(session(), r, PLAN, MEMBERS)) == []


def test_typed_keys_mean_the_options_key_letters_and_digits_the_grade() -> None:
    r = rubric()
    view = moderation_view(session(audit("Ann", {"q1": "Y"}, 3)), r, PLAN, MEMBERS)
    keys = {"Y": "Y", "P": "P", "N": "N", "A": "NA"}
    assert agreeing.answer_for_key(view.row("q1"), "p", keys) == "P"
    assert agreeing.answer_for_key(view.row("q1"), "a", keys) == "NA"
    assert agreeing.answer_for_key(view.row("q1"), "z", keys) is None
    assert agreeing.answer_for_key(view.overall, "4", keys) == "4"
    assert agreeing.grade_for_digit("4", 1, 4) == 4
    assert agreeing.grade_for_digit("7", 1, 4) is None


def test_choosing_a_shortfall_takes_the_majority_attribution_and_a_strength_drops_it() -> None:
    r = rubric()
    data = session(audit("Ann", {"q2": "N"}, 3, attributions={"q2": ("health",)}),
                   audit("Ben", {"q2": "Y"}, 3))
    row = moderation_view(data, r, PLAN, MEMBERS).row("q2")
    assert agreeing.with_value(row, "N").agencies == ("health",)
    shortfall = agreeing.with_state(row, agreeing.with_value(row, "N"))
    assert agreeing.with_value(shortfall, "Y").agencies == ()
    assert shortfall.rationale_needed  # N differs from Ben's Y


def test_undo_is_the_change_reversed() -> None:
    r = rubric()
    view = moderation_view(session(audit("Ann", {"q1": "Y"}, 3)), r, PLAN, MEMBERS)
    change = AgreedChange("q1", agreed_state(view.row("q1")),
                          agreeing.with_value(view.row("q1"), "Y"))
    done = agreeing.apply_to_view(view, [change])
    assert done.row("q1").agreed == "Y"
    assert agreeing.apply_to_view(done, [change.reversed()]).row("q1").agreed is None


def test_disagreements_only_keeps_the_grade_and_unfinished_rows() -> None:
    r = rubric()
    data = session(audit("Ann", {"q1": "Y", "q2": "Y", "q3": "Y"}, 3),
                   audit("Ben", {"q1": "N", "q2": "Y", "q3": "Y"}, 3))
    rows = moderation_view(data, r, PLAN, MEMBERS).rows
    shown = agreeing.shown_rows(rows, True)
    assert shown == [True, False, False, True]
    assert agreeing.shown_rows(rows, False) == [True] * 4
    assert agreeing.next_shown(shown, 0) == 3
    assert agreeing.next_shown(shown, 3) == 3  # the last stays put
    assert plan_summaries(data, r, MEMBERS)[0].disagreements == 1


def test_words_on_screen() -> None:
    r = rubric()
    assert describe_answer(r, "q1", "P") == "P – Partly"
    assert describe_answer(r, "q1", None) == "(blank)"
    assert describe_grade(r, 3) == "3 – Good"
    assert agreeing.pending_text(2) == "Saving 2 changes…"
    assert agreeing.pending_text(0, failed=1).startswith("Not saved: 1 change")
    assert agreeing.pending_text(0) == "All agreed changes saved"
    assert "2 left" in agreeing.unanimous_summary(5, 2)


def test_blind_scoring_comes_from_the_domain_rule() -> None:
    own = audit("Ann", {}, None, status="draft")
    assert can_view_scores("moderation", "auditor", None)
    assert not can_view_scores("scoring", "auditor", own)
    assert can_view_scores("scoring", "auditor", audit("Ann", {}, 3))
    assert not can_view_scores("scoring", "observer", None)


def test_the_presenter_imports_no_qt() -> None:
    """In a fresh interpreter (other tests load Qt into this one)."""
    code = ("import sys, qa_audit.gui.moderation.presenter, qa_audit.gui.moderation.agreeing; "
            "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "[]"
