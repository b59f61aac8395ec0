"""The dashboard's health-advice panel (issue 17): a self-contained widget.

Shows :func:`qa_audit.reporting.health_panel.health_panel_rows` of the health deep
dive's figures: the page hosting it computes ``reports.health(db, from, to)`` in the
background (as it does its other figures) and calls :meth:`HealthPanel.set_figures`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.gui.band_colours import RAG_TINTS
from qa_audit.gui.models.table_base import NUMBER, Column, RowTableModel
from qa_audit.gui.pages.scaffold import read_only_table
from qa_audit.reporting.health import HealthFigures
from qa_audit.reporting.health_panel import HealthPanelRow, health_panel_rows

__all__ = ["COLUMNS", "HealthPanel", "HealthRowsModel"]

COLUMNS = ("Service", "Requested", "% within 6 weeks", "Target", "Audited", "% good",
           "95% interval", "Not known", "Exceptions")
DASH = "–"


def _pct(value: float | None) -> str:
    return DASH if value is None else f"{value:.1f}%"


def _cells(r: HealthPanelRow) -> list[str]:
    interval = (DASH if r.ci_low is None or r.ci_high is None
                else f"{r.ci_low:.0f}-{r.ci_high:.0f}%")
    return [r.label, str(r.requested), _pct(r.percent_within_6_weeks),
            DASH if r.target_percent is None else f"{r.target_percent:g}%", str(r.audited),
            _pct(r.percent_good), interval, str(r.not_known), str(r.exceptions)]


def _column(position: int, header: str) -> Column[HealthPanelRow]:
    return Column(header, lambda r: _cells(r)[position], align=NUMBER if position else None)


class HealthRowsModel(RowTableModel[HealthPanelRow]):
    """One row per service and the total (bold); % within 6 weeks tinted against target."""

    COL_WITHIN = 2
    COLUMNS = tuple(_column(i, h) for i, h in enumerate(COLUMNS))

    def role_data(self, row: HealthPanelRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and row.is_total:
            font = QFont()
            font.setBold(True)
            return font
        if (role == Qt.ItemDataRole.BackgroundRole and column == self.COL_WITHIN
                and row.met is not None):
            return QColor(RAG_TINTS["green" if row.met else "red"])
        return None


class HealthPanel(QWidget):
    """Headline and one row per health service; % within 6 weeks tinted against target."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthPanel")
        self.headline = QLabel("No health advice figures yet.", self)
        self.headline.setObjectName("healthHeadline")
        self.headline.setWordWrap(True)
        self.model = HealthRowsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        read_only_table(self.table)
        self.table.setObjectName("healthTable")
        self.table.setAccessibleName("Health advice by service")
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.table)
        self.rows: list[HealthPanelRow] = []

    def set_figures(self, figures: HealthFigures | None) -> None:
        """Show these figures (None: clear, e.g. no database open)."""
        self.rows = health_panel_rows(figures) if figures is not None else []
        self.headline.setText(figures.headline() if figures is not None
                              else "No health advice figures yet.")
        self.model.set_rows(self.rows)
