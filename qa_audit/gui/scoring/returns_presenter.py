"""What the Scoring page says about the advice returns being scored, without Qt.

A session on an ``advice_return`` rubric (the DCO's deep dive, issue 17) scores one
health service's advice for one request at a time; the scorer needs the return's
service, when it was requested and received and how long it took, read from the
advice register (``services.advice_returns.session_returns``), not typed in. The
plan list shows plans, so a plan with two returns in the sample shows both.
Tested in ``tests/unit/test_scoring_returns_presenter.py``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from qa_audit.services.advice_returns import ReturnDetails

__all__ = ["NO_RETURN_TEXT", "by_plan", "return_html", "returns_html", "returns_spoken"]

NO_RETURN_TEXT = "No advice return of this plan is in the sample."


def by_plan(returns: Sequence[ReturnDetails]) -> dict[str, list[ReturnDetails]]:
    """The sampled returns of each plan (keyed by plan ref, any case), in sample order."""
    out: dict[str, list[ReturnDetails]] = {}
    for r in returns:
        out.setdefault(r.plan_ref.casefold(), []).append(r)
    return out


def _date(day: object) -> str:
    return f"{day:%d/%m/%Y}"


def return_html(r: ReturnDetails, label: Callable[[str], str]) -> str:
    """One return: service, requested, received (or due) and days taken, late in red."""
    rows = [("Service", html.escape(label(r.service))),
            ("Requested", _date(r.requested_date))]
    if r.received_date is None:
        rows += [("Received", "not yet"), ("Due", _date(r.due_date))]
        verdict = "<span style='color:#9b1c1c'><b>not returned</b></span>"
    else:
        rows.append(("Received", _date(r.received_date)))
        if r.within_6_weeks:
            verdict = f"{r.days_taken} days, within 6 weeks"
        else:
            verdict = (f"<span style='color:#9b1c1c'><b>{r.days_taken} days, late</b> "
                       f"(due {_date(r.due_date)})</span>")
    rows.append(("Days taken", verdict))
    cells = "".join(f"<tr><td style='padding-right:8px'>{k}</td><td>{v}</td></tr>"
                    for k, v in rows)
    return f"<table>{cells}</table>"


def returns_html(returns: Sequence[ReturnDetails], label: Callable[[str], str]) -> str:
    """The side panel's text for a plan's sampled returns (a rule between several)."""
    if not returns:
        return NO_RETURN_TEXT
    return "<hr>".join(return_html(r, label) for r in returns)


def returns_spoken(returns: Sequence[ReturnDetails], label: Callable[[str], str]) -> str:
    """The same for a screen reader, one sentence per return."""
    return " ".join(f"{label(r.service)}: {r.summary.split(': ', 1)[1]}." for r in returns)
