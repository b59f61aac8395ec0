"""Table models of the Sessions page: thin adapters over the services' dataclasses.

Each model has ``COL_*`` constants, ``HEADERS``, one ``set_rows()`` that resets
the model, and ``row_at(row)``. ``SORT_ROLE`` gives a value of one type per
column so that a ``QSortFilterProxyModel`` sorts dates as dates. Dates are shown
the UK way (dd/mm/yyyy) and year groups as N1/N2/R/Y1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from qa_audit.gui.models.plan_table import format_date
from qa_audit.services.rubric_view import NEED_NAMES, year_group_label
from qa_audit.services.sampling import SampleRow
from qa_audit.services.sessions import MemberInfo, SessionInfo

__all__ = [
    "MemberTableModel",
    "SampleTableModel",
    "SessionTableModel",
    "StrataPreviewModel",
    "StratumPreview",
    "status_label",
]

AnyIndex = QModelIndex | QPersistentModelIndex

#: A value of one type per column, for sorting.
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: The dataclass behind a row.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

STATUS_LABELS = {
    "planning": "Planning",
    "scoring": "Scoring",
    "moderation": "Moderation",
    "closed": "Closed",
}


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.capitalize())


class _RowsModel(QAbstractTableModel):
    """Shared plumbing: a list of rows, read-only, one header per column."""

    HEADERS: tuple[str, ...] = ()
    TIPS: ClassVar[Mapping[int, str]] = {}
    NUMERIC: ClassVar[frozenset[int]] = frozenset()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.TIPS.get(section)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, column)
        if role == SORT_ROLE:
            return self.sort_value(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC:
            return _RIGHT
        return self.role_data(row, column, role)

    # subclasses
    def text(self, row: Any, column: int) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def sort_value(self, row: Any, column: int) -> int | str:
        return self.text(row, column).casefold()

    def role_data(self, row: Any, column: int, role: int) -> Any:
        return None


# ------------------------------------------------------------------ sessions


class SessionTableModel(_RowsModel):
    """The list of audit sessions (``SessionInfo``)."""

    COL_DATE = 0
    COL_NAME = 1
    COL_RUBRIC = 2
    COL_STATUS = 3
    COL_SAMPLED = 4
    COL_AUDITED = 5
    HEADERS = ("Date", "Session", "Rubric", "Status", "Sampled", "Audited")
    TIPS: ClassVar[Mapping[int, str]] = {
        COL_RUBRIC: "Rubric and the version the session is frozen to",
        COL_SAMPLED: "Plans in the drawn sample (not counting withdrawn plans)",
        COL_AUDITED: "Plans with at least one audit in this session",
    }
    NUMERIC = frozenset({COL_SAMPLED, COL_AUDITED})

    def text(self, row: SessionInfo, column: int) -> str:
        if column == self.COL_DATE:
            return format_date(row.date)
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_RUBRIC:
            return f"{row.rubric_id} v{row.rubric_version}"
        if column == self.COL_STATUS:
            return status_label(row.status)
        if column == self.COL_SAMPLED:
            return str(row.sampled)
        if column == self.COL_AUDITED:
            return str(row.audited)
        return ""

    def sort_value(self, row: SessionInfo, column: int) -> int | str:
        if column == self.COL_DATE:
            return row.date.toordinal()
        if column == self.COL_SAMPLED:
            return row.sampled
        if column == self.COL_AUDITED:
            return row.audited
        if column == self.COL_STATUS:
            order = ("planning", "scoring", "moderation", "closed")
            return order.index(row.status) if row.status in order else len(order)
        return super().sort_value(row, column)

    def role_data(self, row: SessionInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.read_only:
            return QBrush(_muted_colour())
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_STATUS and row.read_only:
            return "Closed: read-only"
        return None

    def row_of(self, name: str) -> int:
        """The row of the session called ``name``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.name == name), -1)


# ------------------------------------------------------------------ members

ROLE_LABELS = {"chair": "Chair", "auditor": "Auditor", "observer": "Observer"}


class MemberTableModel(_RowsModel):
    """Panel members (``MemberInfo``); agency ids shown with the rubric's labels."""

    COL_NAME = 0
    COL_AGENCY = 1
    COL_ROLE = 2
    COL_MODERATES = 3
    COL_ACCOUNT = 4
    HEADERS = ("Name", "Agency", "Role", "Can moderate", "OS account")
    TIPS: ClassVar[Mapping[int, str]] = {
        COL_MODERATES: "Whether the member may record the panel's agreed scores",
        COL_ACCOUNT: "The Windows account bound to the member: only it, or a proxy the "
                     "chair approved, may act as them",
    }

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._agency_labels: dict[str, str] = {}

    def set_rows(self, rows: Sequence[MemberInfo],
                 agency_labels: Mapping[str, str] | None = None) -> None:
        if agency_labels is not None:
            self._agency_labels = dict(agency_labels)
        super().set_rows(rows)

    def text(self, row: MemberInfo, column: int) -> str:
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_AGENCY:
            if not row.agency:
                return ""
            return self._agency_labels.get(row.agency, row.agency)
        if column == self.COL_ROLE:
            return ROLE_LABELS.get(row.role, row.role)
        if column == self.COL_MODERATES:
            return "Yes" if row.can_moderate else "No"
        if column == self.COL_ACCOUNT:
            return row.os_account or ""
        return ""

    def row_of(self, name: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.name == name), -1)


# ------------------------------------------------------------------ preview


@dataclass(frozen=True)
class StratumPreview:
    """One line of the live draw preview: eligible plans and how many would be drawn."""

    stratum: str
    eligible: int
    allocated: int | None  # None when the sample size cannot be worked out


class StrataPreviewModel(_RowsModel):
    """Eligible plans per stratum and the proportional allocation."""

    COL_STRATUM = 0
    COL_ELIGIBLE = 1
    COL_ALLOCATED = 2
    HEADERS = ("Stratum", "Eligible", "To draw")
    TIPS: ClassVar[Mapping[int, str]] = {
        COL_ALLOCATED: "Proportional allocation by largest remainder, at least one plan "
                       "per stratum when the size allows",
    }
    NUMERIC = frozenset({COL_ELIGIBLE, COL_ALLOCATED})

    def text(self, row: StratumPreview, column: int) -> str:
        if column == self.COL_STRATUM:
            return "All eligible plans" if row.stratum == "all" else row.stratum
        if column == self.COL_ELIGIBLE:
            return f"{row.eligible:,}"
        if column == self.COL_ALLOCATED:
            return "" if row.allocated is None else f"{row.allocated:,}"
        return ""

    def sort_value(self, row: StratumPreview, column: int) -> int | str:
        if column == self.COL_ELIGIBLE:
            return row.eligible
        if column == self.COL_ALLOCATED:
            return -1 if row.allocated is None else row.allocated
        return super().sort_value(row, column)


# ------------------------------------------------------------------ sample


class SampleTableModel(_RowsModel):
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
    HEADERS = ("#", "Plan ref", "Note", "Stratum", "Year", "Need", "Team", "Issued", "Weeks",
               "Setting", "Setting type")
    TIPS: ClassVar[Mapping[int, str]] = {
        COL_POSITION: "Order in which the plan entered the sample",
        COL_YEAR: "National curriculum year (NCY)",
        COL_NEED: "Primary need (DfE code)",
        COL_WEEKS: "Weeks from the request for assessment to issue",
        COL_NOTE: "Withdrawn plans with their reason, and the plans that replaced them",
    }
    NUMERIC = frozenset({COL_POSITION, COL_WEEKS})

    def text(self, row: SampleRow, column: int) -> str:
        if column == self.COL_POSITION:
            return str(row.position)
        if column == self.COL_REF:
            return row.plan_ref
        if column == self.COL_STRATUM:
            return row.stratum or ""
        if column == self.COL_YEAR:
            return year_group_label(row.year_group)
        if column == self.COL_NEED:
            return row.primary_need or ""
        if column == self.COL_SETTING:
            return row.setting or ""
        if column == self.COL_SETTING_TYPE:
            return row.setting_type or ""
        if column == self.COL_TEAM:
            return row.team or ""
        if column == self.COL_ISSUED:
            return format_date(row.issue_date)
        if column == self.COL_WEEKS:
            return "" if row.weeks_to_issue is None else str(row.weeks_to_issue)
        if column == self.COL_NOTE:
            return note_text(row)
        return ""

    def sort_value(self, row: SampleRow, column: int) -> int | str:
        if column == self.COL_POSITION:
            return row.position
        if column == self.COL_ISSUED:
            return row.issue_date.toordinal()
        if column == self.COL_WEEKS:
            return -1 if row.days_to_issue is None else row.days_to_issue
        if column == self.COL_YEAR:
            return -99 if row.year_group is None else row.year_group
        return super().sort_value(row, column)

    def role_data(self, row: SampleRow, column: int, role: int) -> Any:
        withdrawn = row.withdrawn_reason is not None
        if role == Qt.ItemDataRole.ForegroundRole and withdrawn:
            return QBrush(_muted_colour())
        if role == Qt.ItemDataRole.FontRole and withdrawn:
            font = QFont()
            font.setItalic(True)
            font.setStrikeOut(column == self.COL_REF)
            return font
        if role == Qt.ItemDataRole.FontRole and row.replaces and column == self.COL_NOTE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if withdrawn:
                return f"Withdrawn: {row.withdrawn_reason}"
            if row.replaces:
                return f"Drawn to replace {row.replaces}"
            if column == self.COL_NEED and row.primary_need in NEED_NAMES:
                return NEED_NAMES[row.primary_need].capitalize()
            if column == self.COL_SETTING and row.setting:
                return row.setting
            if column == self.COL_WEEKS and row.request_date is not None:
                return row.timeliness()
        if column == self.COL_WEEKS and row.late and not withdrawn:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_LATE_FOREGROUND)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None

    def active_row(self, row: int) -> bool:
        """Whether the plan on ``row`` is still in the sample (not withdrawn)."""
        return 0 <= row < len(self._rows) and self._rows[row].withdrawn_reason is None


def note_text(row: SampleRow) -> str:
    parts = []
    if row.withdrawn_reason is not None:
        parts.append(f"Withdrawn: {row.withdrawn_reason}")
    if row.replaces:
        parts.append(f"Replaces {row.replaces}")
    return "; ".join(parts)


_LATE_FOREGROUND = QColor("#9b1c1c")  # as the Plans page marks a late new plan


def _muted_colour() -> QColor:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    return QColor("#808080")
