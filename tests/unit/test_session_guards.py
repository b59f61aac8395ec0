"""The status guards' rule (domain.session_guards): what counts as unscored or unmoderated."""

from __future__ import annotations

from qa_audit.domain import permissions
from qa_audit.domain.session_guards import PlanProgress, status_guard

SAMPLE = [PlanProgress("P1", 2, True), PlanProgress("P2", 0, False),
          PlanProgress("P3", 1, False), PlanProgress("P4", 0, False)]


def test_moving_to_moderation_counts_plans_no_member_submitted() -> None:
    guard = status_guard("Panel", "scoring", "moderation", SAMPLE)
    assert guard is not None
    assert (guard.unscored, guard.sampled) == (2, 4)
    assert "2 of 4 sampled plans" in guard.message
    assert "Start moderation anyway?" in guard.question


def test_closing_counts_plans_without_an_agreed_grade() -> None:
    guard = status_guard("Panel", "moderation", "closed", SAMPLE)
    assert guard is not None
    assert guard.unmoderated == 3
    assert "3 of 4 sampled plans" in guard.message and "not been moderated" in guard.message


def test_nothing_to_ask_when_all_done_or_not_a_guarded_move() -> None:
    done = [PlanProgress("P1", 1, True)]
    assert status_guard("Panel", "scoring", "moderation", done) is None
    assert status_guard("Panel", "moderation", "closed", done) is None
    assert status_guard("Panel", "planning", "scoring", SAMPLE) is None
    assert status_guard("Panel", "closed", "closed", SAMPLE) is None
    assert status_guard("Panel", "scoring", "moderation", []) is None


def test_blind_scoring_is_one_rule() -> None:
    see = permissions.can_see_scores
    assert see("moderation", "auditor", False)  # moderation ends blind scoring
    assert see("closed", "observer", False)
    assert not see("moderation", None, False)  # not on the panel
    assert not see("scoring", "auditor", False)
    assert see("scoring", "auditor", True)
    assert see("scoring", "chair", True)
    assert not see("scoring", "observer", True)


def test_who_moderates_and_why_not() -> None:
    assert permissions.can_moderate("chair", False)
    assert permissions.can_moderate("auditor", True)
    assert not permissions.can_moderate("auditor", False)
    assert not permissions.can_moderate(None, True)
    block = permissions.moderation_block
    assert block("moderation", "chair", False, True) is None
    assert "closed" in (block("closed", "chair", False, True) or "")
    assert "Carol" in (block("scoring", "auditor", False, True, "Carol") or "")
    assert "blind" in (block("scoring", "chair", False, False) or "")
    assert permissions.may_reopen("chair") and not permissions.may_reopen("auditor")
