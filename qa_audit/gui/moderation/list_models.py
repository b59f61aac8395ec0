"""The moderation screen's other tables: the session's plans, and each member's agreement."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from qa_audit.domain.agreement import AgreementStats
from qa_audit.domain.items import ItemKey, as_item
from qa_audit.domain.rubric import Rubric
from qa_audit.gui.band_colours import RAG_TINTS
from qa_audit.gui.moderation.grid_model import (
    DISAGREE_BACKGROUND,
    GENEROUS_COLOUR,
    MUTED_COLOUR,
    STRICTER_TEXT_COLOUR,
    VALUE_ROLE,
)
from qa_audit.gui.moderation.presenter import PlanSummary, format_percent, format_signed

AnyIndex = QModelIndex | QPersistentModelIndex


class _ReadOnlyTable(QAbstractTableModel):
    """Rows of records under fixed ``HEADERS`` (with ``TIPS``), selectable, not editable."""

    HEADERS: tuple[str, ...] = ()
    TIPS: tuple[str, ...] = ()
    _rows: Sequence[Any]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.TIPS[section]
        return None


class PlanListModel(_ReadOnlyTable):
    """The session's plans: submitted count, moderated or not, disagreements."""

    COL_PLAN, COL_SUBMITTED, COL_MODERATED, COL_DISAGREE = range(4)
    HEADERS = ("Plan", "Sent", "Agreed", "Differ")
    TIPS = ("Plan reference", "Members who have submitted their scores (of those scoring)",
            "Agreed overall grade, once moderated",
            "Questions (and the overall grade) where members disagree")
    SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PlanSummary] = []
        self._rubric: Rubric | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[PlanSummary], rubric: Rubric | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._rubric = rubric
        self.endResetModel()

    def rows(self) -> list[PlanSummary]:
        return list(self._rows)

    def row_of(self, item: str | ItemKey) -> int:
        """The row of an item; a plain plan ref on a DCO session: its first return."""
        key = as_item(item)
        found = next((i for i, r in enumerate(self._rows) if r.key == key), -1)
        if found < 0 and not key.is_return:
            found = next((i for i, r in enumerate(self._rows) if r.plan_ref == key.plan_ref),
                         -1)
        return found

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role == self.SUMMARY_ROLE:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.COL_PLAN: r.key.label,
                self.COL_SUBMITTED: f"{r.submitted}/{r.scorers}",
                self.COL_MODERATED: str(r.agreed_grade) if r.moderated else "—",
                self.COL_DISAGREE: "—" if r.disagreements is None
                else str(r.disagreements) if r.disagreements else "",
            }[column]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            state = (f"moderated, agreed grade {r.agreed_grade}" if r.moderated
                     else "not yet moderated")
            if r.disagreements is None:
                return (f"{r.key.label}: {r.submitted_text}; agreed grade and disagreements "
                        "hidden until you submit your own scores (blind scoring)")
            return (f"{r.key.label}: {r.submitted_text}, {state}, {r.disagreements} "
                    "disagreement(s)")
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.COL_PLAN:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and column == self.COL_PLAN and not r.moderated:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == self.COL_MODERATED and r.moderated and self._rubric is not None \
                    and r.agreed_grade is not None:
                rag = self._rubric.band_for(r.agreed_grade).rag
                if rag in RAG_TINTS:
                    return QBrush(QColor(RAG_TINTS[rag]))
            if column == self.COL_DISAGREE and r.disagreements:
                return QBrush(DISAGREE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_SUBMITTED \
                and r.submitted < r.scorers:
            return QBrush(MUTED_COLOUR)
        return None


class MemberAgreementModel(_ReadOnlyTable):
    """Per member: plans graded, agreement with the others, drift from the agreed grade."""

    COL_MEMBER, COL_GRADED, COL_DRIFT, COL_COMPARED, COL_EXACT, COL_WITHIN = range(6)
    HEADERS = ("Member", "Graded", "Drift", "Compared", "Exact", "Within 1")
    TIPS = (
        "Panel member",
        "Plans this member gave an overall grade",
        "Mean of (member's grade − agreed grade), in grades",
        "Plans with both this member's grade and an agreed grade",
        "Pairs with another member where both gave the same grade",
        "Pairs with another member where the grades were at most one apart",
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []  # MemberAgreement
        self._rubric: Rubric | None = None

    def set_stats(self, stats: AgreementStats | None, rubric: Rubric | None = None) -> None:
        """Show these figures; the rubric says which way is generous (1 may be best)."""
        self.beginResetModel()
        self._rows = list(stats.members.values()) if stats else []
        self._rubric = rubric
        self.endResetModel()

    def _generosity(self, drift: float) -> float:
        return self._rubric.generosity(drift) if self._rubric is not None else drift

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return {
                self.COL_MEMBER: m.auditor,
                self.COL_GRADED: str(m.plans_graded),
                self.COL_EXACT: format_percent(m.exact_percent),
                self.COL_WITHIN: format_percent(m.within_one_percent),
                self.COL_DRIFT: format_signed(m.mean_difference_from_agreed),
                self.COL_COMPARED: str(m.plans_compared),
            }[column]
        if role == VALUE_ROLE:
            return {
                self.COL_MEMBER: m.auditor, self.COL_GRADED: m.plans_graded,
                self.COL_EXACT: m.exact_percent, self.COL_WITHIN: m.within_one_percent,
                self.COL_DRIFT: m.mean_difference_from_agreed,
                self.COL_COMPARED: m.plans_compared,
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_DRIFT:
                drift = m.mean_difference_from_agreed
                if drift is None:
                    return "No agreed grades to compare with yet."
                if drift == 0:
                    return f"{m.auditor} grades in line with the agreed grade on average."
                lean = "more generous" if self._generosity(drift) > 0 else "stricter"
                return (f"{m.auditor} grades {abs(drift):.2f} {lean} than the agreed grade on "
                        f"average, over {m.plans_compared} plan(s).")
            return self.TIPS[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.COL_MEMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_DRIFT \
                and m.mean_difference_from_agreed:
            return QBrush(GENEROUS_COLOUR if self._generosity(m.mean_difference_from_agreed) > 0
                          else STRICTER_TEXT_COLOUR)
        return None
