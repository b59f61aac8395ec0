"""Actions agreed at moderation as a Qt table model: a thin adapter over ``ActionView``.

Overdue actions (open, due date passed) are shown in red on a pale red row with
a warning icon, the way council action logs flag them. ``SORT_ROLE`` gives one
type per column so sorting is by date, not by the displayed dd/mm/yyyy text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from qa_audit.services.actions import ActionView

AnyIndex = QModelIndex | QPersistentModelIndex

COL_DUE, COL_SESSION, COL_PLAN, COL_TEXT, COL_OWNER, COL_STATUS = range(6)
HEADERS = ("Due", "Session", "Plan", "Action", "Owner", "Status")
HEADER_TIPS = (
    "Due date (overdue open actions are red)",
    "Audit session that agreed the action",
    "Plan reference the action is about",
    "What must happen",
    "Who is responsible",
    "Open, done or cancelled",
)
STATUS_LABELS = {"open": "Open", "done": "Done", "cancelled": "Cancelled"}

#: The ActionView behind a row.
ACTION_ROLE = Qt.ItemDataRole.UserRole + 1
#: One value type per column, for sorting.
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: True when the action is open and past its due date.
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 3

OVERDUE_FOREGROUND = QColor("#9b1c1c")
OVERDUE_BACKGROUND = QColor("#fde2e1")
CLOSED_FOREGROUND = QColor("#6f777b")
_LAST_DAY = dt.date.max.toordinal()

_icon_cache: list[QIcon] = []


def overdue_icon() -> QIcon:
    """A small red warning disc with "!" (drawn, so it looks the same on every platform)."""
    if not _icon_cache:
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QBrush(QColor("#d4351c")))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QRectF(2, 2, 28, 28))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(22)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, 0, 32, 32), Qt.AlignmentFlag.AlignCenter, "!")
        painter.end()
        _icon_cache.append(QIcon(pixmap))
    return _icon_cache[0]


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def days_overdue(view: ActionView, today: dt.date) -> int:
    due = view.record.due_date
    return (today - due).days if view.record.overdue(today) and due else 0


class ActionTableModel(QAbstractTableModel):
    """Read-only rows of actions; ``set_rows`` replaces them all."""

    def __init__(self, parent: QObject | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self._rows: list[ActionView] = []
        self._today = today
        self._day = today()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[ActionView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._day = self._today()
        self.endResetModel()

    def rows(self) -> list[ActionView]:
        return list(self._rows)

    def view_at(self, row: int) -> ActionView:
        return self._rows[row]

    def row_of(self, action_id: int) -> int:
        return next((i for i, v in enumerate(self._rows) if v.record.id == action_id), -1)

    def overdue_count(self) -> int:
        return sum(1 for v in self._rows if v.record.overdue(self._day))

    # ------------------------------------------------------- Qt interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def _text(self, view: ActionView, column: int) -> str:
        r = view.record
        if column == COL_DUE:
            return format_date(r.due_date)
        if column == COL_SESSION:
            return r.session
        if column == COL_PLAN:
            return r.plan_ref or ""
        if column == COL_TEXT:
            return r.text
        if column == COL_OWNER:
            return r.owner or ""
        label = STATUS_LABELS.get(r.status, r.status)
        return f"{label} – overdue" if r.overdue(self._day) else label

    def _sort_key(self, view: ActionView, column: int) -> int | str:
        r = view.record
        if column == COL_DUE:
            return r.due_date.toordinal() if r.due_date else _LAST_DAY
        return self._text(view, column).casefold()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        view = self._rows[index.row()]
        r = view.record
        column = index.column()
        overdue = r.overdue(self._day)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(view, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(view, column)
            if column == COL_DUE and overdue:
                text += f" (overdue by {days_overdue(view, self._day)} days)"
            return text
        if role == ACTION_ROLE:
            return view
        if role == SORT_ROLE:
            return self._sort_key(view, column)
        if role == OVERDUE_ROLE:
            return overdue
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_TEXT:
                return r.text
            if overdue:
                days = days_overdue(view, self._day)
                return f"Overdue by {days} day{'s' if days != 1 else ''}"
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == COL_DUE and overdue:
            return overdue_icon()
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue:
                return QBrush(OVERDUE_FOREGROUND)
            if r.status != "open":
                return QBrush(CLOSED_FOREGROUND)
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and overdue and column in (COL_DUE, COL_STATUS):
            return self._bold
        return None


class ActionSortProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; with ``overdue_only`` hides actions that are not overdue."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._overdue_only = False

    def set_overdue_only(self, value: bool) -> None:
        self.beginFilterChange()
        self._overdue_only = value
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int,  # noqa: N802
                         source_parent: AnyIndex) -> bool:
        if not self._overdue_only:
            return True
        model = self.sourceModel()
        return bool(model.index(source_row, COL_DUE, source_parent).data(OVERDUE_ROLE))
