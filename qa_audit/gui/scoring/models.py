"""Thin Qt models for the scoring page: the sampled plans with the member's progress,
plans submitted per member, and every member's answers side by side (once unblinded)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from qa_audit.domain.audit import AuditRecord
from qa_audit.domain.items import ItemKey, as_item
from qa_audit.domain.rubric import Question, Rubric
from qa_audit.gui.scoring.page_presenter import (
    DRAFT,
    SUBMITTED,
    PlanProgress,
    ProgressRow,
)
from qa_audit.gui.scoring.widgets import TONES

AnyIndex = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()

#: The plan reference of a plan-list row.
PLAN_REF_ROLE = Qt.ItemDataRole.UserRole + 1
#: Appended to a re-audited plan's row in the plan list, and what its tooltip says.
REAUDIT_MARK = "   ↻ re-audit"
REAUDIT_TIP = "re-audit: an open action asks the panel to audit this plan again"


def status_icon(status: str, size: int = 32) -> QIcon:
    """A drawn icon: grey ring (not started), amber half disc (draft), green tick (submitted)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = size * 0.12
    box = pixmap.rect().toRectF().adjusted(margin, margin, -margin, -margin)
    if status == SUBMITTED:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(TONES["green"][1]))
        painter.drawEllipse(box)
        pen = QPen(QColor("white"), size * 0.11)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        path = QPainterPath(QPointF(size * 0.3, size * 0.52))
        path.lineTo(size * 0.44, size * 0.66)
        path.lineTo(size * 0.71, size * 0.36)
        painter.drawPath(path)
    elif status == DRAFT:
        painter.setPen(QPen(QColor(TONES["amber"][1]), size * 0.09))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(TONES["amber"][1]))
        painter.drawPie(box, 90 * 16, 180 * 16)
    else:
        painter.setPen(QPen(QColor("#9ca3af"), size * 0.08))
        painter.drawEllipse(box)
    painter.end()
    return QIcon(pixmap)


class PlanListModel(QAbstractListModel):
    """The session's sampled plans with the current member's progress on each."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PlanProgress] = []
        self._icons: dict[str, QIcon] = {}
        #: Plans held in the sample as re-audits (an open action asks for one).
        self._reaudits: frozenset[str] = frozenset()

    def set_rows(self, rows: Sequence[PlanProgress]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def update_row(self, progress: PlanProgress) -> None:
        """Replace one plan's progress in place (answers given on screen)."""
        for i, row in enumerate(self._rows):
            if row.key == progress.key:
                self._rows[i] = progress
                index = self.index(i, 0)
                self.dataChanged.emit(index, index)
                return

    def set_reaudits(self, plan_refs: Iterable[str]) -> None:
        """Mark these plans as re-audits (kept across ``set_rows`` and ``update_row``)."""
        self._reaudits = frozenset(plan_refs)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def display_text(self, row: PlanProgress) -> str:
        """The row as the list shows it (the plan list is sized to this)."""
        return f"{row.text}{REAUDIT_MARK}" if row.plan_ref in self._reaudits else row.text

    def rows(self) -> list[PlanProgress]:
        return list(self._rows)

    def row_of(self, item: str | ItemKey) -> int:
        """The row of one advice return (its item key) or of a plan (a plan ref: on a DCO
        session, where the plan's returns are listed, its first return)."""
        key = as_item(item)
        found = next((i for i, r in enumerate(self._rows) if r.key == key), -1)
        if found < 0 and not key.is_return:
            found = next((i for i, r in enumerate(self._rows) if r.plan_ref == key.plan_ref),
                         -1)
        return found

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def _icon(self, status: str) -> QIcon:
        if status not in self._icons:
            self._icons[status] = status_icon(status)
        return self._icons[status]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        reaudit = row.plan_ref in self._reaudits
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(row.status)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            grade = "; overall grade given" if row.graded else ""
            again = f"; {REAUDIT_TIP}" if reaudit else ""
            return f"{row.spoken}{grade}{again}"
        if role == PLAN_REF_ROLE:
            return row.plan_ref
        return None


class SessionProgressModel(QAbstractTableModel):
    """Plans submitted (and in draft) per panel member."""

    HEADERS = ("Member", "Submitted", "Drafts")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ProgressRow] = []

    def set_rows(self, rows: Sequence[ProgressRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return row.member if row.role == "auditor" else f"{row.member} ({row.role})"
            if col == 1:
                return f"{row.submitted} / {row.plans}"
            if col == 2:
                return str(row.drafts)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return (f"{row.member} ({row.role}): {row.submitted} of {row.plans} plans "
                    f"submitted, {row.drafts} in draft")
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def short_name(auditor: str) -> str:
    """``"J. Okafor (EP)"`` -> ``"J. Okafor"`` for a compact column header."""
    return auditor.split(" (", 1)[0].strip() or auditor


_CENTRED = int(Qt.AlignmentFlag.AlignCenter)


class OtherScoresModel(QAbstractTableModel):
    """Rows: applicable questions then the overall grade; columns: you, others, the panel."""

    OVERALL = "overall"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._questions: list[tuple[int, Question]] = []
        self._audits: list[AuditRecord] = []
        self._me: str | None = None
        self._rubric: Rubric | None = None
        # The view asks each cell for eight roles in every size pass: work a cell out
        # once per set_data (text, tooltip, background, foreground), then only look up.
        self._cells: dict[tuple[int, int], tuple[str, str, QBrush | None, QBrush | None]] = {}

    def set_data(self, rubric: Rubric | None, questions: Sequence[tuple[int, Question]],
                 audits: Sequence[AuditRecord], me: str | None) -> None:
        """``questions`` are (number on the form, question); ``audits`` your own first."""
        self.beginResetModel()
        self._rubric = rubric
        self._questions = list(questions)
        mine = [a for a in audits if a.auditor == me and not a.is_panel]
        others = [a for a in audits if a.auditor != me and not a.is_panel]
        panel = [a for a in audits if a.is_panel]
        self._audits = mine + others + panel
        self._me = me
        self._cells = {}
        self.endResetModel()

    def auditors(self) -> list[str]:
        return [a.auditor for a in self._audits]

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() or not self._audits else len(self._questions) + 1

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._audits)

    def _column_name(self, audit: AuditRecord) -> str:
        if audit.is_panel:
            return "Panel"
        if audit.auditor == self._me:
            return "You"
        return short_name(audit.auditor)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._audits):
                return None
            audit = self._audits[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return self._column_name(audit)
            if role == Qt.ItemDataRole.ToolTipRole:
                state = "submitted" if audit.status == SUBMITTED else "still in draft"
                return f"{audit.auditor} ({state})"
            return None
        if not 0 <= section < len(self._questions) + 1:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == len(self._questions):
                return "Grade"
            return f"Q{self._questions[section][0]}"
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self._questions):
            return self._questions[section][1].text
        return None

    def _cell(self, row: int, audit: AuditRecord) -> tuple[str, str | None, str]:
        """(text, tone or None, tooltip) of one cell."""
        if row == len(self._questions):
            grade = audit.overall
            if grade is None:
                return "", None, "No overall grade yet"
            tone = None
            label = ""
            if self._rubric is not None:
                try:
                    band = self._rubric.band_for(grade)
                except ValueError:
                    band = None
                if band is not None:
                    tone, label = band.rag, band.label
            return str(grade), tone, f"Overall grade {grade} {label}".strip()
        question = self._questions[row][1]
        value = audit.answers.get(question.id)
        if not value:
            return "", None, "Not answered"
        try:
            shortfall = question.is_shortfall(value)
        except ValueError:
            shortfall = False
        tip = [f"{question.id}: {value}"]
        if audit.attributions.get(question.id):
            tip.append(f"attributed to {', '.join(audit.attributions[question.id])}")
        if audit.reasons.get(question.id):
            reason = question.reason(audit.reasons[question.id])
            tip.append(f"reason: {reason.label if reason else audit.reasons[question.id]}")
        if audit.notes.get(question.id):
            tip.append(audit.notes[question.id])
        tone = "neutral" if value == "NA" else "amber" if shortfall else "green"
        if shortfall and question.type == "choice":
            worst = [o for o in question.options if o.shortfall]
            if worst and worst[-1].code == value:
                tone = "red"
        return value, tone, " — ".join(tip)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self._audits):
            return None
        if not 0 <= index.row() < len(self._questions) + 1:
            return None
        key = (index.row(), index.column())
        cell = self._cells.get(key)
        if cell is None:
            audit = self._audits[index.column()]
            text, tone, tip = self._cell(index.row(), audit)
            colours = TONES.get(tone) if tone is not None else None
            cell = self._cells[key] = (
                text, f"{self._column_name(audit)}: {tip}",
                QBrush(QColor(colours[0])) if colours else None,
                QBrush(QColor(colours[1])) if colours else None)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell[0]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell[1]
        if role == Qt.ItemDataRole.BackgroundRole:
            return cell[2]
        if role == Qt.ItemDataRole.ForegroundRole:
            return cell[3]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRED
        return None
