"""What the Scoring page says about an advice return (issue 17), without Qt."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from qa_audit.gui.scoring import returns_presenter as p
from qa_audit.services.advice_returns import ReturnDetails, service_label

D = dt.date


def details(ref: str, service: str, asked: dt.date, got: dt.date | None) -> ReturnDetails:
    days = None if got is None else (got - asked).days
    return ReturnDetails(ref, service, asked, got, days, days is not None and days <= 42,
                         asked + dt.timedelta(days=42))


ON_TIME = details("P1", "salt", D(2025, 1, 6), D(2025, 2, 17))  # 42 days: within
LATE = details("p1", "paediatrics", D(2025, 1, 6), D(2025, 2, 18))  # 43 days: late
OUTSTANDING = details("P2", "camhs", D(2025, 1, 20), None)


def test_the_presenter_imports_no_qt() -> None:
    code = ("import sys, qa_audit.gui.scoring.returns_presenter; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_returns_are_grouped_by_plan_in_sample_order_whatever_the_case() -> None:
    grouped = p.by_plan([ON_TIME, OUTSTANDING, LATE])
    assert grouped == {"p1": [ON_TIME, LATE], "p2": [OUTSTANDING]}


def test_service_dates_and_days_taken_are_shown() -> None:
    text = p.return_html(ON_TIME, service_label)
    assert "Speech and language therapy" in text
    assert "06/01/2025" in text and "17/02/2025" in text
    assert "42 days, within 6 weeks" in text and "late" not in text
    late = p.return_html(LATE, service_label)
    assert "43 days, late" in late and "(due 17/02/2025)" in late and "#9b1c1c" in late
    missing = p.return_html(OUTSTANDING, service_label)
    assert "not yet" in missing and "not returned" in missing and "03/03/2025" in missing


def test_several_returns_and_none() -> None:
    both = p.returns_html([ON_TIME, LATE], service_label)
    assert both.count("<table>") == 2 and "<hr>" in both
    assert p.returns_html([], service_label) == p.NO_RETURN_TEXT
    spoken = p.returns_spoken([ON_TIME, LATE], service_label)
    assert spoken == ("Speech and language therapy: requested 6 Jan 2025, returned 17 Feb "
                      "2025 (42 days, within 6 weeks). Paediatrics: requested 6 Jan 2025, "
                      "returned 18 Feb 2025 (43 days, late).")
