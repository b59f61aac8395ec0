"""The indicator rubric of the benchmarks (multi-agency-ehcp with a stepping target
schedule and three indicators), for tests: see ``benchmarks/bench_indicators.py``."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_indicators import (  # noqa: E402
    INDICATORS,
    OVERALL_TARGETS,
    indicator_rubric_text,
    write_indicator_rubric,
)

__all__ = ["INDICATORS", "OVERALL_TARGETS", "indicator_rubric_text", "write_indicator_rubric"]
