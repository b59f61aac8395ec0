"""The dashboard's health-advice panel: a few rows taken from the health deep dive.

The panel shows the same figures as the report (:class:`HealthFigures`, computed
once by :func:`qa_audit.services.reports.health`): for each health service and the
health services together, % within 6 weeks against the target in force on the
period's last day, and the agreed quality of its advice returns with the interval.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa_audit.reporting.health import HealthFigures, ServiceFigure

__all__ = ["HealthPanelRow", "health_panel_rows"]


@dataclass(frozen=True)
class HealthPanelRow:
    service: str
    label: str
    requested: int
    percent_within_6_weeks: float | None
    target_percent: float | None
    audited: int
    good: int
    percent_good: float | None
    ci_low: float | None
    ci_high: float | None
    not_known: int
    exceptions: int
    is_total: bool = False

    @property
    def met(self) -> bool | None:
        """% within 6 weeks at or above the target (None: no target or no request)."""
        if self.target_percent is None or self.percent_within_6_weeks is None:
            return None
        return self.percent_within_6_weeks >= self.target_percent


def _row(s: ServiceFigure, target: float | None, is_total: bool) -> HealthPanelRow:
    low, high = s.quality.interval
    return HealthPanelRow(s.service, s.label, s.requested, s.percent_within_6_weeks, target,
                          s.audited, s.good, s.quality.percent_good, low, high,
                          s.quality.not_known, s.exceptions, is_total)


def health_panel_rows(figures: HealthFigures) -> list[HealthPanelRow]:
    """Health services in service order, then their total (none without any request)."""
    target = figures.target_percent_within_6_weeks
    rows = [_row(s, target, False) for s in figures.services if s.is_health]
    if figures.health_total is not None:
        rows.append(_row(figures.health_total, target, True))
    return rows
