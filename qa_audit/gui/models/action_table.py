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
    QObject,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from qa_audit.gui.actions.presenter import STATUS_LABELS
from qa_audit.gui.models.table_base import ROW_ROLE, SORT_ROLE, AnyIndex, Column, RowTableModel
from qa_audit.services.actions import ActionView

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

#: The ActionView behind a row (the base's ``ROW_ROLE``).
ACTION_ROLE = ROW_ROLE
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


class ActionTableModel(RowTableModel[ActionView]):
    """Read-only rows of actions; ``set_rows`` replaces them all."""

    def __init__(self, parent: QObject | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self._today = today
        self._day = today()
        self._bold = QFont()
        self._bold.setBold(True)
        super().__init__(parent, (
            Column(HEADERS[COL_DUE], lambda v: format_date(v.record.due_date), tip=HEADER_TIPS[0],
                   sort=lambda v: (v.record.due_date.toordinal() if v.record.due_date
                                   else _LAST_DAY),
                   accessible=self._due_accessible),
            Column(HEADERS[COL_SESSION], lambda v: v.record.session, tip=HEADER_TIPS[1]),
            Column(HEADERS[COL_PLAN], lambda v: v.record.plan_ref or "", tip=HEADER_TIPS[2]),
            Column(HEADERS[COL_TEXT], lambda v: v.record.text, tip=HEADER_TIPS[3],
                   cell_tip=lambda v: v.record.text),
            Column(HEADERS[COL_OWNER], lambda v: v.record.owner or "", tip=HEADER_TIPS[4]),
            Column(HEADERS[COL_STATUS], self._status_text, tip=HEADER_TIPS[5]),
        ))

    def set_rows(self, rows: Sequence[ActionView]) -> None:
        self._day = self._today()  # "overdue" is as of the last load
        super().set_rows(rows)

    def view_at(self, row: int) -> ActionView:
        return self.row_at(row)

    def row_of(self, action_id: int) -> int:
        return self.find_row(lambda v: v.record.id == action_id)

    def overdue_count(self) -> int:
        return sum(1 for v in self._rows if v.record.overdue(self._day))

    def _status_text(self, view: ActionView) -> str:
        r = view.record
        label = STATUS_LABELS.get(r.status, r.status)
        return f"{label} – overdue" if r.overdue(self._day) else label

    def _due_accessible(self, view: ActionView) -> str:
        text = format_date(view.record.due_date)
        if view.record.overdue(self._day):
            text += f" (overdue by {days_overdue(view, self._day)} days)"
        return text

    def role_data(self, view: ActionView, column: int, role: int) -> Any:
        r = view.record
        overdue = r.overdue(self._day)
        if role == OVERDUE_ROLE:
            return overdue
        if role == Qt.ItemDataRole.ToolTipRole:
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

    def filterAcceptsRow(self, source_row: int,
                         source_parent: AnyIndex) -> bool:
        if not self._overdue_only:
            return True
        model = self.sourceModel()
        return bool(model.index(source_row, COL_DUE, source_parent).data(OVERDUE_ROLE))
