"""What the Dashboard shows, computed once: the same figures objects the reports print.

Runs in a worker thread (``workers.Job``) and knows nothing of Qt: one load of
the last twelve months gives the trend and the themes (``reports.dashboard``),
and the current session is the newest one with moderated plans on the rubric
the trend covers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from qa_audit.reporting.health import HealthFigures
from qa_audit.reporting.key_issues import KeyIssuesFigures
from qa_audit.reporting.themes import ThemesFigures
from qa_audit.reporting.timeliness import TimelinessFigures
from qa_audit.reporting.trend import TrendFigures
from qa_audit.services import board_reports, reports, session_data, sessions
from qa_audit.storage.engine import Database

__all__ = [
    "MAX_SESSIONS_SEARCHED",
    "MONTHS",
    "DashboardFigures",
    "current_session_figures",
    "dashboard_figures",
    "last_months",
]

MONTHS = 12
#: How many of the newest sessions are searched for one with moderated plans.
MAX_SESSIONS_SEARCHED = 24


@dataclass(frozen=True)
class DashboardFigures:
    """The figures objects the dashboard shows (the same the reports print)."""

    current: KeyIssuesFigures | None  # newest session with moderated plans (on the rubric)
    trend: TrendFigures  # one rubric: trend.rubric
    themes: ThemesFigures
    from_month: str
    to_month: str
    rubrics: tuple[tuple[str, str], ...] = ()  # (id, title) of rubrics with sessions
    timeliness: TimelinessFigures | None = None  # report timeliness of the same months
    health: HealthFigures | None = None  # report health of the same months (the DCO's panel)


def last_months(today: dt.date, count: int = MONTHS) -> tuple[str, str]:
    """(first, last) month of the ``count`` months ending with today's month."""
    index = today.year * 12 + today.month - 1 - (count - 1)
    return f"{index // 12:04d}-{index % 12 + 1:02d}", f"{today.year:04d}-{today.month:02d}"


def current_session_figures(db: Database,
                            progress: Callable[[int, str], None] | None = None,
                            rubric_id: str | None = None) -> KeyIssuesFigures | None:
    """Key issues figures of the newest session with at least one moderated plan
    (on ``rubric_id`` when given: the tiles then speak of the rubric the charts show)."""
    listed = [i for i in sessions.list_sessions(db)
              if rubric_id is None or i.rubric_id == rubric_id]
    for info in listed[:MAX_SESSIONS_SEARCHED]:
        if progress is not None:
            progress(5, f"Reading {info.name}")
        figures = reports.key_issues(db, info.name)
        if figures.plans_moderated:
            return figures
    return None


def dashboard_figures(db: Database, today: dt.date, *,
                      progress: Callable[[int, str], None],
                      rubric_id: str | None = None) -> DashboardFigures:
    """Compute what the dashboard shows (runs in a ``workers.Job``): the trend of
    ``rubric_id``, else of the rubric the trend report would choose for the period."""
    first, last = last_months(today)
    progress(0, "Computing the 12-month trend, themes and health advice")
    # the period's advice requests, read once for the health and timeliness panels
    _, _, start, end = reports.period(first, last)
    advice = session_data.load_advice_requested_between(db, start, end)
    # one load of the period for all three (the same figures reports.trend / themes /
    # health give)
    period = reports.dashboard(db, first, last, rubric_id=rubric_id, today=today,
                               advice=advice)
    choices = reports.rubrics_with_sessions(db)
    progress(60, "Finding the current session")
    current = current_session_figures(db, progress, period.trend.rubric)
    progress(90, "Computing timeliness")
    timeliness = board_reports.timeliness(db, first, last, advice=advice)
    progress(100, "Done")
    return DashboardFigures(current, period.trend, period.themes, first, last, tuple(choices),
                            timeliness, period.health)
