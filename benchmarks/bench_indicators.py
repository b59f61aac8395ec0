"""The shipped multi-agency rubric as a later version with a stepping target schedule
and three indicators of its own (the shipped file's indicators, if any, are replaced),
so figures do not move when the shipped file's indicators change. The generator stores
it as the rubric's latest version, and the raw baseline of the benchmark knows its
indicator questions (:data:`INDICATOR_QUESTIONS`); tests (``tests/indicator_rubric.py``)
and the screenshots use it too."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from qa_audit.paths import bundled  # noqa: E402

OVERALL_TARGETS = """  targets:
    - from: 2026-01-01
      percent: 70
    - from: 2026-07-01
      percent: 80
"""

INDICATORS = """
indicators:
  - id: health_info
    label: Good quality health information
    questions: [needs_health, provision_health, health_advice_quality]
    targets:
      - from: 2019-04-01
        percent: 100
  - id: voice
    label: Voice of the child and family
    questions: [cyp_voice, parent_views]
    targets:
      - from: 2026-01-01
        percent: 80
      - from: 2026-07-01
        percent: 90
  - id: provision_quantified
    label: Provision quantified
    questions: [provision_education, provision_health, provision_social_care]
    targets:
      - from: 2026-04-01
        percent: 75
"""


def indicator_rubric_text() -> str:
    """multi-agency-ehcp with ``targets`` instead of ``target_percent_good`` and three
    indicators (targets: overall none before 2026, 70% from Jan 2026, 80% from Jul 2026)."""
    text = Path(bundled("rubrics", "multi-agency-ehcp.yaml")).read_text(encoding="utf-8")
    text = text.replace("  target_percent_good: 80\n", OVERALL_TARGETS, 1)
    return _without_indicators(text) + INDICATORS


def _without_indicators(text: str) -> str:
    """``text`` without its top-level ``indicators:`` block (up to the next top-level key)."""
    lines = text.splitlines(keepends=True)
    out, skipping = [], False
    for line in lines:
        if line.startswith("indicators:"):
            skipping = True
            continue
        if skipping and line.strip() and not line[0].isspace() and not line.startswith("#"):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


def write_indicator_rubric(folder: Path) -> Path:
    path = folder / "multi-agency-ehcp-indicators.yaml"
    path.write_text(indicator_rubric_text(), encoding="utf-8")
    return path


#: (indicator id, question id) of INDICATORS, for the benchmark's raw SQL aggregate.
INDICATOR_QUESTIONS = (
    ("health_info", "needs_health"), ("health_info", "provision_health"),
    ("health_info", "health_advice_quality"), ("voice", "cyp_voice"),
    ("voice", "parent_views"), ("provision_quantified", "provision_education"),
    ("provision_quantified", "provision_health"),
    ("provision_quantified", "provision_social_care"))
