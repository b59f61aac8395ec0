"""A small valid rubric and helpers for the tests that break one thing in it."""

from __future__ import annotations

import pytest

from qa_audit.errors import RubricError
from qa_audit.rubrics.loader import load_rubric_text

# A small valid rubric; the broken-file tests each change one thing in it.
GOOD = """\
id: tiny
title: Tiny rubric
description: For tests.
sources: [SEND Code of Practice 9.69]
overall:
  min: 1
  max: 8
  target_percent_good: 80
  bands:
    - {label: Inadequate, from: 1, to: 2, good: false, rag: red}
    - {label: Requires improvement, from: 3, to: 5, good: false, rag: amber}
    - {label: Good, from: 6, to: 8, good: true, rag: green}
agencies:
  - {id: sen_casework, label: SEN casework}
  - {id: health, label: Health}
themes:
  - {id: vague, label: Vague provision}
  - {id: voice_missing, label: Voice missing, description: No views.}
option_sets:
  ypn:
    - {code: Y, label: "Yes", shortfall: false, key: y}
    - {code: P, label: Partly, shortfall: true, key: p}
    - {code: N, label: "No", shortfall: true, key: n}
sections:
  - id: provision
    title: Provision
    guidance: Section F.
    questions:
      - id: quantified
        text: Is provision quantified?
        options: ypn
        suggested_themes: [vague]
        tags: [provision]
        evidence_section: f
        descriptors:
          Y: Who, what, how often.
      - id: health_provision
        text: Is health provision specified?
        options: ypn
        allows_na: true
        tags: [health, provision]
  - id: later
    title: Later
    questions:
      - id: aspirations
        text: Are aspirations recorded?
        applies_when: year_group >= 9
        options:
          - {code: yes_, label: Met, shortfall: false, key: m, descriptor: All there.}
          - {code: no_, label: Not met, shortfall: true}
      - id: advice_quality
        text: How good is the advice?
        type: scale
        min: 1
        max: 4
        good_from: 3
        allows_na: true
        levels:
          1: Poor
          4: Exemplary
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing ``needle``."""
    found = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return found[occurrence - 1]


def broken(text: str, source: str = "rubrics/broken.yaml") -> RubricError:
    with pytest.raises(RubricError) as info:
        load_rubric_text(text, source)
    error = info.value
    assert error.message.startswith(f"{source}: ")
    assert "\n" not in error.message
    assert error.details, "every rubric error must list its problems"
    for detail in error.details:
        assert detail.startswith(f"{source}:")
    return error


def detail_at(error: RubricError, line: int, *words: str) -> str:
    """The detail reported on ``line`` that contains all ``words``."""
    for detail in error.details:
        if detail.startswith(f"rubrics/broken.yaml:{line}: ") and all(w in detail for w in words):
            return detail
    raise AssertionError(f"no problem on line {line} with {words}: {error.details}")
