"""One plan's moderation grid as a Qt model: the members' answers beside the agreed column.

Rows are ``presenter.GridRow`` (applicable questions, then the overall grade);
columns are the question, each scoring member, Agreed, Attribution, (Reason) and
Rationale. Edits are not saved here: ``setData`` emits ``edit_requested(row_key,
field, value)`` and the page's controller records them. After a save the rows are
replaced with ``update_view``, which emits ``dataChanged`` for the rows that changed
and never resets the model, so the view keeps its current cell and scroll position.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from qa_audit.domain.rubric import Rubric
from qa_audit.gui.band_colours import RAG_TINTS
from qa_audit.gui.moderation.presenter import (
    BLANK_LABEL,
    FIELD_AGENCY,
    FIELD_RATIONALE,
    FIELD_REASON,
    FIELD_VALUE,
    GridRow,
    MemberColumn,
    PlanModeration,
    split_name,
)

AnyIndex = QModelIndex | QPersistentModelIndex

SHORTFALL_COLOUR = QColor("#b3261e")
DISAGREE_BACKGROUND = QColor("#fff2b3")
EDITABLE_BACKGROUND = QColor("#eaf1fb")
NEEDED_COLOUR = QColor("#b3261e")
MUTED_COLOUR = QColor("#6f777b")
#: Calibration drift: more generous than the panel (blue) or stricter (orange; darker as text).
GENEROUS_COLOUR = QColor("#1d70b8")
STRICTER_COLOUR = QColor("#f47738")
STRICTER_TEXT_COLOUR = QColor("#b34a00")

#: The raw value behind a cell (code, agency id or rationale), for delegates and tests.
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
#: ``[(label, value), ...]`` a combo editor offers for this cell (None: free text).
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 2
#: True on every cell of a row where members disagree.
DISAGREE_ROLE = Qt.ItemDataRole.UserRole + 3
#: True on a cell showing a shortfall answer.
SHORTFALL_ROLE = Qt.ItemDataRole.UserRole + 4
#: The row key (question id or ``OVERALL_KEY``).
ROW_KEY_ROLE = Qt.ItemDataRole.UserRole + 5
#: True on the rationale cell when the agreed value differs from a member's and has no rationale.
RATIONALE_NEEDED_ROLE = Qt.ItemDataRole.UserRole + 6
#: True on a cell whose editor picks several of ``CHOICES_ROLE`` (the agreed agencies).
MULTI_ROLE = Qt.ItemDataRole.UserRole + 7

_NOT_SHOWN = object()


def _shown(role: int, label: str, what: str, value: object) -> Any:
    """The text, accessible text and raw value of an agreed attribution or reason cell;
    ``_NOT_SHOWN`` for any other role."""
    if role == Qt.ItemDataRole.DisplayRole:
        return label
    if role == Qt.ItemDataRole.AccessibleTextRole:
        return f"{what}: {label or 'none'}"
    if role in (VALUE_ROLE, Qt.ItemDataRole.EditRole):
        return value
    return _NOT_SHOWN




class ModerationGridModel(QAbstractTableModel):
    """Rows = applicable questions + the overall grade; columns = question, members,
    Agreed, Attribution, Rationale."""

    #: (row key, field, new value or None): the page saves it through the scoring service.
    edit_requested = Signal(str, str, object)

    COL_QUESTION = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view: PlanModeration | None = None
        self._rubric: Rubric | None = None
        self._editable = False
        self._agency_labels: dict[str, str] = {}
        self._has_reasons = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # ----------------------------------------------------------- data in

    def set_view(self, view: PlanModeration | None, rubric: Rubric | None, editable: bool) -> None:
        self.beginResetModel()
        self._view, self._rubric, self._editable = view, rubric, editable
        self._agency_labels = {a.id: a.label for a in rubric.agencies} if rubric else {}
        self._has_reasons = rubric is not None and any(q.reasons for q in rubric.questions())
        self.endResetModel()

    def update_view(self, view: PlanModeration | None, rubric: Rubric | None,
                    editable: bool) -> None:
        """New rows for the same plan: ``dataChanged`` for each row that changed, no reset,
        so the view keeps its current cell, selection, scroll position and open editor
        (a change spanning a row never rewrites an open editor). A different plan or
        shape of grid resets as ``set_view``."""
        old = self._view
        if old is None or view is None or old.plan_ref != view.plan_ref \
                or old.members != view.members or rubric is not self._rubric \
                or [r.key for r in old.rows] != [r.key for r in view.rows]:
            self.set_view(view, rubric, editable)
            return
        everything = editable != self._editable
        self._view, self._editable = view, editable
        last = self.columnCount() - 1
        for i, (before, after) in enumerate(zip(old.rows, view.rows, strict=True)):
            if everything or before != after:
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))

    def set_editable(self, editable: bool) -> None:
        if editable != self._editable:
            self._editable = editable
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(self.rowCount() - 1, self.columnCount() - 1))

    @property
    def editable(self) -> bool:
        return self._editable

    @property
    def view(self) -> PlanModeration | None:
        return self._view

    # ----------------------------------------------------------- columns

    @property
    def member_count(self) -> int:
        return len(self._view.members) if self._view else 0

    @property
    def agreed_column(self) -> int:
        return self.member_count + 1

    @property
    def agency_column(self) -> int:
        return self.member_count + 2

    @property
    def reason_column(self) -> int:
        """The agreed reason's column, only when the rubric offers reasons (else -1)."""
        return self.member_count + 3 if self._has_reasons else -1

    @property
    def rationale_column(self) -> int:
        return self.member_count + (4 if self._has_reasons else 3)

    def member_at(self, column: int) -> MemberColumn | None:
        if self._view and 1 <= column <= self.member_count:
            return self._view.members[column - 1]
        return None

    def row_of(self, key: str) -> int:
        if self._view:
            for i, r in enumerate(self._view.rows):
                if r.key == key:
                    return i
        return -1

    def row_at(self, row: int) -> GridRow:
        assert self._view is not None
        return self._view.rows[row]

    def cell(self, key: str, column: int) -> QModelIndex:
        row = self.row_of(key)
        return self.index(row, column) if row >= 0 else QModelIndex()

    # ------------------------------------------------------- Qt interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._view is None else len(self._view.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._view is None else self.rationale_column + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        member = self.member_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == self.COL_QUESTION:
                return "Question"
            if member is not None:
                return split_name(member.name)
            return {self.agreed_column: "Agreed", self.agency_column: "Attribution",
                    self.reason_column: "Reason", self.rationale_column: "Rationale"}[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            if member is not None:
                bits = [member.role or "not on the panel"]
                if member.agency:
                    bits.append(self._agency_labels.get(member.agency, member.agency))
                return f"{member.name} ({', '.join(bits)})"
            return {self.COL_QUESTION: "Questions that apply to this plan",
                    self.agreed_column: "The panel's agreed answer (Enter to edit)",
                    self.agency_column: "Agencies the agreed shortfall is attributed to",
                    self.reason_column: "Why the agreed answer is a shortfall or N/A",
                    self.rationale_column: "Why the agreed answer differs from a member's",
                    }.get(section)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren
        if self._is_editable(index.row(), index.column()):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def _is_editable(self, row: int, column: int) -> bool:
        if not self._editable or self._view is None:
            return False
        r = self._view.rows[row]
        if column == self.agreed_column:
            return True
        if column == self.agency_column:
            return not r.is_overall and r.is_shortfall(r.agreed)
        if column == self.reason_column:
            return bool(r.reasons_offered(r.agreed))
        if column == self.rationale_column:
            return r.agreed is not None
        return False

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._view is None or not 0 <= index.row() < self.rowCount():
            return None
        r = self._view.rows[index.row()]
        column = index.column()
        if role == ROW_KEY_ROLE:
            return r.key
        if role == DISAGREE_ROLE:
            return r.disagree
        if column == self.COL_QUESTION:
            return self._question_data(r, role)
        member = self.member_at(column)
        if member is not None:
            return self._member_data(r, member, role)
        if column == self.agreed_column:
            return self._agreed_data(r, role)
        if column == self.agency_column:
            return self._agency_data(r, role)
        if column == self.reason_column:
            return self._reason_data(r, role)
        if column == self.rationale_column:
            return self._rationale_data(r, role)
        return None

    def setData(self, index: AnyIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._view is None:
            return False
        if not self._is_editable(index.row(), index.column()):
            return False
        r = self._view.rows[index.row()]
        column = index.column()
        new: Any = None if value is None or not str(value).strip() else str(value).strip()
        current: object
        if column == self.agency_column:
            chosen = (value,) if isinstance(value, str) else tuple(value or ())
            order = list(self._agency_labels)
            new = tuple(sorted({str(a) for a in chosen if a},
                               key=lambda a: (order.index(a) if a in order else len(order), a)))
            what, current = FIELD_AGENCY, r.agreed_agencies
        elif column == self.agreed_column:
            what, current = FIELD_VALUE, r.agreed
        elif column == self.reason_column:
            what, current = FIELD_REASON, r.agreed_reason
        else:
            what, current = FIELD_RATIONALE, r.rationale
        if new == current:
            return False
        self.edit_requested.emit(r.key, what, new)
        return True

    # ------------------------------------------------------- cell roles

    def _question_data(self, r: GridRow, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = r.label
            if role == Qt.ItemDataRole.AccessibleTextRole and r.disagree:
                text += " (members disagree)"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if r.question is None:
                tip = "Members' overall grades; the agreed grade is recorded by the moderator."
                if r.disagree:
                    tip += "\nMembers' grades are more than one apart."
                return tip
            q = r.question
            lines = [f"{q.id}: {q.text}"]
            if q.descriptor:
                lines.append(q.descriptor)
            if r.disagree:
                lines.append("Members gave different answers.")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole and r.disagree:
            return QBrush(DISAGREE_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and (r.disagree or r.is_overall):
            return self._bold
        return None

    def _grade_rag(self, text: str | None) -> str | None:
        if text is None or self._rubric is None:
            return None
        try:
            return self._rubric.band_for(int(text)).rag
        except ValueError:
            return None

    def _member_data(self, r: GridRow, member: MemberColumn, role: int) -> Any:
        value = r.values.get(member.name)
        started = self._view is not None and member.name in self._view.audits
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if not started:
                return "" if role == Qt.ItemDataRole.DisplayRole else f"{member.name}: not scored"
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{member.name}: {self._describe(r, value) or 'no answer'}"
            return value or ""
        if role == VALUE_ROLE:
            return value
        if role == SHORTFALL_ROLE:
            return r.is_shortfall(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._member_tooltip(r, member, value, started)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if r.is_overall and value is not None:
                rag = self._grade_rag(value)
                if rag in RAG_TINTS:
                    return QBrush(QColor(RAG_TINTS[rag]))
            if r.disagree:
                return QBrush(DISAGREE_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.is_shortfall(value):
                return QBrush(SHORTFALL_COLOUR)
            if member.name in r.drafts:
                return QBrush(MUTED_COLOUR)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if member.name in r.drafts:
                return self._italic
            if r.is_shortfall(value) or (r.is_overall and value):
                return self._bold
        return None

    def _describe(self, r: GridRow, value: str | None) -> str:
        """``P – Partly`` for a code, ``6 – Good`` for a grade."""
        if value is None:
            return ""
        if r.is_overall:
            if self._rubric is None:
                return value
            try:
                return f"{value} – {self._rubric.band_for(int(value)).label}"
            except ValueError:
                return value
        opt = r.question.option(value) if r.question else None
        return f"{value} – {opt.label}" if opt else value

    def _member_tooltip(self, r: GridRow, member: MemberColumn, value: str | None,
                        started: bool) -> str:
        if not started:
            return f"{member.name} has not scored this plan."
        lines = [f"{member.name}: {self._describe(r, value) or 'no answer yet'}"]
        if member.name in r.drafts:
            lines.append("Draft: not submitted yet.")
        if r.is_shortfall(value):
            lines.append("Shortfall.")
        agencies = r.attributions.get(member.name)
        if agencies:
            lines.append(f"Attributed to: {self.agencies_text(agencies)}")
        reason = r.reasons.get(member.name)
        if reason:
            lines.append(f"Reason: {dict(r.reasons_offered(value)).get(reason, reason)}")
        note = r.notes.get(member.name)
        if note:
            lines.append(f"Note: {note}")
        return "\n".join(lines)

    def _agreed_data(self, r: GridRow, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return r.agreed or ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Agreed: {self._describe(r, r.agreed) or 'not yet agreed'}"
        if role in (VALUE_ROLE, Qt.ItemDataRole.EditRole):
            return r.agreed
        if role == SHORTFALL_ROLE:
            return r.is_shortfall(r.agreed)
        if role == CHOICES_ROLE:
            return self._value_choices(r)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"Agreed: {self._describe(r, r.agreed) or 'not yet agreed'}"]
            if r.agreed_note:
                lines.append(f"Note: {r.agreed_note}")
            lines.append("Enter to change it." if self._editable else
                         "Read-only: only the chair or a designated member records agreed scores.")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole:
            if r.is_overall and r.agreed is not None:
                rag = self._grade_rag(r.agreed)
                if rag in RAG_TINTS:
                    return QBrush(QColor(RAG_TINTS[rag]))
            return QBrush(EDITABLE_BACKGROUND) if self._editable else None
        if role == Qt.ItemDataRole.ForegroundRole and r.is_shortfall(r.agreed):
            return QBrush(SHORTFALL_COLOUR)
        if role == Qt.ItemDataRole.FontRole and r.agreed is not None:
            return self._bold
        return None

    def _value_choices(self, r: GridRow) -> list[tuple[str, str | None]]:
        choices: list[tuple[str, str | None]] = [(BLANK_LABEL, None)]
        if r.is_overall:
            if self._rubric is not None:
                for grade in range(self._rubric.overall.min, self._rubric.overall.max + 1):
                    choices.append((self._describe(r, str(grade)), str(grade)))
            return choices
        assert r.question is not None
        for code in r.question.valid_answers():
            choices.append((self._describe(r, code), code))
        return choices

    def agencies_text(self, ids: Iterable[str]) -> str:
        """``"Health, Social care"`` for agency ids ("" for none)."""
        return ", ".join(self._agency_labels.get(a, a) for a in ids)

    def _agency_data(self, r: GridRow, role: int) -> Any:
        if r.is_overall:
            return None
        label = self.agencies_text(r.agreed_agencies)
        shown = _shown(role, label, "Attribution", r.agreed_agencies)
        if shown is not _NOT_SHOWN:
            return shown
        if role == CHOICES_ROLE:
            return [(lab, aid) for aid, lab in self._agency_labels.items()]
        if role == MULTI_ROLE:
            return True
        if role == Qt.ItemDataRole.ToolTipRole:
            counts = Counter(a for given in r.attributions.values() for a in set(given))
            lines = [f"Attributed to: {label}" if label else
                     ("Attribute this shortfall to one or more agencies."
                      if r.is_shortfall(r.agreed)
                      else "Only a shortfall is attributed to an agency.")]
            for agency, n in counts.most_common():
                lines.append(f"{n} member(s): {self._agency_labels.get(agency, agency)}")
            for who, given in r.attributions.items():
                lines.append(f"{who}: {self.agencies_text(given)}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole and self._is_editable_row_agency(r):
            return QBrush(EDITABLE_BACKGROUND)
        return None

    def _reason_data(self, r: GridRow, role: int) -> Any:
        if r.is_overall:
            return None
        offered = r.reasons_offered(r.agreed)
        label = dict(offered).get(r.agreed_reason or "", r.agreed_reason or "")
        shown = _shown(role, label, "Reason", r.agreed_reason)
        if shown is not _NOT_SHOWN:
            return shown
        if role == CHOICES_ROLE:
            return [(BLANK_LABEL, None), *((lab, code) for code, lab in offered)]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"Reason: {label}" if label else
                     ("Give a reason for this answer." if offered
                      else "This answer has no reasons to give.")]
            for who, code in r.reasons.items():
                lines.append(f"{who}: {dict(r.reasons_offered(r.values.get(who))).get(code, code)}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole and self._editable and offered:
            return QBrush(EDITABLE_BACKGROUND)
        return None

    def _is_editable_row_agency(self, r: GridRow) -> bool:
        return self._editable and r.is_shortfall(r.agreed)

    def _rationale_data(self, r: GridRow, role: int) -> Any:
        needed = r.rationale_needed
        if role == Qt.ItemDataRole.DisplayRole:
            if r.rationale:
                return r.rationale
            return "Rationale needed" if needed else ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Rationale: {r.rationale or ('needed' if needed else 'none')}"
        if role in (VALUE_ROLE, Qt.ItemDataRole.EditRole):
            return r.rationale or ""
        if role == RATIONALE_NEEDED_ROLE:
            return needed
        if role == Qt.ItemDataRole.ToolTipRole:
            if r.rationale:
                return r.rationale
            if needed:
                return "The agreed answer differs from a member's: say why (Enter to edit)."
            return None
        if role == Qt.ItemDataRole.ForegroundRole and needed:
            return QBrush(NEEDED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and needed:
            return self._italic
        if role == Qt.ItemDataRole.BackgroundRole and self._editable and r.agreed is not None:
            return QBrush(EDITABLE_BACKGROUND)
        return None
