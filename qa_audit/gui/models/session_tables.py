"""Table models of the Sessions page: thin adapters over the services' dataclasses.

Each model declares its ``COLUMNS`` on ``RowTableModel`` (``table_base``), with
``COL_*`` constants. ``SORT_ROLE`` gives a value of one type per
column so that a ``QSortFilterProxyModel`` sorts dates as dates. Dates are shown
the UK way (dd/mm/yyyy) and year groups as N1/N2/R/Y1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from qa_audit.gui.formatting import format_date, status_label
from qa_audit.gui.models.table_base import NUMBER, ROW_ROLE, SORT_ROLE, Column, RowTableModel
from qa_audit.gui.sessions.presenter import StratumPreview
from qa_audit.services.advice_returns import service_label
from qa_audit.services.rubric_view import NEED_NAMES, year_group_label
from qa_audit.services.sampling import SampleRow
from qa_audit.services.sessions import MemberInfo, SessionInfo

__all__ = [
    "ROW_ROLE",
    "SORT_ROLE",
    "MemberTableModel",
    "SampleTableModel",
    "SessionTableModel",
    "StrataPreviewModel",
    "StratumPreview",
    "status_label",
]




def _status_order(status: str) -> int:
    order = ("planning", "scoring", "moderation", "closed")
    return order.index(status) if status in order else len(order)


# ------------------------------------------------------------------ sessions


class SessionTableModel(RowTableModel[SessionInfo]):
    """The list of audit sessions (``SessionInfo``)."""

    COL_DATE = 0
    COL_NAME = 1
    COL_RUBRIC = 2
    COL_STATUS = 3
    COL_SAMPLED = 4
    COL_AUDITED = 5
    COLUMNS: ClassVar[Sequence[Column[SessionInfo]]] = (
        Column("Date", lambda r: format_date(r.date), sort=lambda r: r.date.toordinal()),
        Column("Session", lambda r: r.name),
        Column("Rubric", lambda r: f"{r.rubric_id} v{r.rubric_version}",
               tip="Rubric and the version the session is frozen to"),
        Column("Status", lambda r: status_label(r.status), sort=lambda r: _status_order(r.status)),
        Column("Sampled", lambda r: str(r.sampled), sort=lambda r: r.sampled, align=NUMBER,
               tip="Plans in the drawn sample (not counting withdrawn plans)"),
        Column("Audited", lambda r: str(r.audited), sort=lambda r: r.audited, align=NUMBER,
               tip="Plans with at least one audit in this session"),
    )

    def role_data(self, row: SessionInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.read_only:
            return QBrush(_muted_colour())
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_STATUS and row.read_only:
            return "Closed: read-only"
        return None

    def row_of(self, name: str) -> int:
        """The row of the session called ``name``, or -1."""
        return self.find_row(lambda r: r.name == name)


# ------------------------------------------------------------------ members

ROLE_LABELS = {"chair": "Chair", "auditor": "Auditor", "observer": "Observer"}


class MemberTableModel(RowTableModel[MemberInfo]):
    """Panel members (``MemberInfo``); agency ids shown with the rubric's labels."""

    COL_NAME = 0
    COL_AGENCY = 1
    COL_ROLE = 2
    COL_MODERATES = 3
    COL_ACCOUNT = 4

    def __init__(self, parent: QObject | None = None) -> None:
        self._agency_labels: dict[str, str] = {}
        super().__init__(parent, (
            Column("Name", lambda r: r.name),
            Column("Agency", self._agency_text),
            Column("Role", lambda r: ROLE_LABELS.get(r.role, r.role)),
            Column("Can moderate", lambda r: "Yes" if r.can_moderate else "No",
                   tip="Whether the member may record the panel's agreed scores"),
            Column("OS account", lambda r: r.os_account or "",
                   tip="The Windows account bound to the member: only it, or a proxy the "
                       "chair approved, may act as them"),
        ))

    def _agency_text(self, row: MemberInfo) -> str:
        return self._agency_labels.get(row.agency, row.agency) if row.agency else ""

    def set_members(self, rows: Sequence[MemberInfo], agency_labels: Mapping[str, str]) -> None:
        """Show ``rows``, naming agencies with the session rubric's labels."""
        self._agency_labels = dict(agency_labels)
        self.set_rows(rows)

    def row_of(self, name: str) -> int:
        return self.find_row(lambda r: r.name == name)


# ------------------------------------------------------------------ preview


class StrataPreviewModel(RowTableModel[StratumPreview]):
    """Eligible plans per stratum and the proportional allocation."""

    COL_STRATUM = 0
    COL_ELIGIBLE = 1
    COL_ALLOCATED = 2
    COLUMNS: ClassVar[Sequence[Column[StratumPreview]]] = (
        Column("Stratum", lambda r: "All eligible plans" if r.stratum == "all" else r.stratum),
        Column("Eligible", lambda r: f"{r.eligible:,}", sort=lambda r: r.eligible, align=NUMBER),
        Column("To draw", lambda r: "" if r.allocated is None else f"{r.allocated:,}",
               sort=lambda r: -1 if r.allocated is None else r.allocated, align=NUMBER,
               tip="Proportional allocation by largest remainder, at least one plan "
                   "per stratum when the size allows"),
    )


# ------------------------------------------------------------------ sample


#: What the sample panel says of a plan drawn because an open action asks for a re-audit.
REAUDIT_TIP = ("Re-audit: an open action asks the panel to audit this plan again, so it was "
               "drawn ahead of the random draw; its agreed grade is linked back to the action")


def note_text(row: SampleRow) -> str:
    parts = ["Re-audit"] if row.reaudit else []
    if row.withdrawn_reason is not None:
        parts.append(f"Withdrawn: {row.withdrawn_reason}")
    if row.replaces:
        parts.append(f"Replaces {row.replaces}")
    return "; ".join(parts)


def _bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def return_text(row: SampleRow) -> str:
    """"Speech and language therapy, 19/05/2026" for a DCO sample's return ("" else)."""
    if row.return_service is None:
        return ""
    when = f", {format_date(row.return_requested)}" if row.return_requested else ""
    return service_label(row.return_service) + when


def _sample_tip(row: SampleRow, column: int) -> str | None:
    if row.withdrawn_reason is not None:
        return f"Withdrawn: {row.withdrawn_reason}"
    if row.replaces:
        return f"Drawn to replace {row.replaces}"
    if row.reaudit and column in (SampleTableModel.COL_REF, SampleTableModel.COL_NOTE):
        return REAUDIT_TIP
    if column == SampleTableModel.COL_NEED and row.primary_need in NEED_NAMES:
        return NEED_NAMES[row.primary_need].capitalize()
    if column == SampleTableModel.COL_SETTING and row.setting:
        return row.setting
    if column == SampleTableModel.COL_WEEKS and row.request_date is not None:
        return row.timeliness()
    return None


class SampleTableModel(RowTableModel[SampleRow]):
    """The drawn sample (``SampleRow``): withdrawn plans greyed, replacements marked."""

    COL_POSITION = 0
    COL_REF = 1
    COL_NOTE = 2
    COL_STRATUM = 3
    COL_YEAR = 4
    COL_NEED = 5
    COL_TEAM = 6
    COL_ISSUED = 7
    COL_WEEKS = 8
    COL_SETTING = 9
    COL_SETTING_TYPE = 10
    COL_RETURN = 11  # a DCO sample's advice return; shown after the plan ref
    COLUMNS: ClassVar[Sequence[Column[SampleRow]]] = (
        Column("#", lambda r: str(r.position), sort=lambda r: r.position, align=NUMBER,
               tip="Order in which the plan entered the sample"),
        Column("Plan ref", lambda r: r.plan_ref),
        Column("Note", note_text,
               tip="Re-audits, withdrawn plans (with the reason) and the plans that replaced them"),
        Column("Stratum", lambda r: r.stratum or ""),
        Column("Year", lambda r: year_group_label(r.year_group),
               sort=lambda r: -99 if r.year_group is None else r.year_group,
               tip="National curriculum year (NCY)"),
        Column("Need", lambda r: r.primary_need or "", tip="Primary need (DfE code)"),
        Column("Team", lambda r: r.team or ""),
        Column("Issued", lambda r: format_date(r.issue_date),
               sort=lambda r: r.issue_date.toordinal()),
        Column("Weeks", lambda r: "" if r.weeks_to_issue is None else str(r.weeks_to_issue),
               sort=lambda r: -1 if r.days_to_issue is None else r.days_to_issue,
               align=NUMBER, tip="Weeks from the request for assessment to issue"),
        Column("Setting", lambda r: r.setting or ""),
        Column("Setting type", lambda r: r.setting_type or ""),
        Column("Advice return", return_text,
               sort=lambda r: (r.return_service or "", r.return_requested or dt.date.min),
               tip="The advice return drawn: its service and the date it was requested"),
    )

    def role_data(self, row: SampleRow, column: int, role: int) -> Any:
        withdrawn = row.withdrawn_reason is not None
        if role == Qt.ItemDataRole.ForegroundRole and withdrawn:
            return QBrush(_muted_colour())
        if role == Qt.ItemDataRole.FontRole and withdrawn:
            font = QFont()
            font.setItalic(True)
            font.setStrikeOut(column == self.COL_REF)
            return font
        if role == Qt.ItemDataRole.FontRole and (row.replaces or row.reaudit) \
                and column == self.COL_NOTE:
            return _bold_font()
        if role == Qt.ItemDataRole.ToolTipRole:
            return _sample_tip(row, column)
        if column == self.COL_WEEKS and row.late and not withdrawn:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_LATE_FOREGROUND)
            if role == Qt.ItemDataRole.FontRole:
                return _bold_font()
        return None

    def active_row(self, row: int) -> bool:
        """Whether the plan on ``row`` is still in the sample (not withdrawn)."""
        return 0 <= row < len(self._rows) and self._rows[row].withdrawn_reason is None


_LATE_FOREGROUND = QColor("#9b1c1c")  # as the Plans page marks a late new plan


def _muted_colour() -> QColor:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    return QColor("#808080")
