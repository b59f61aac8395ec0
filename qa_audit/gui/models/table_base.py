"""One base for every read-only table model: columns declared as data.

Every table in the app is a thin adapter over a list of rows (dataclasses from
the services). Instead of each model rewriting ``rowCount``/``columnCount``/
``headerData``/``data``, a model declares its columns::

    class SessionTableModel(RowTableModel[SessionInfo]):
        COL_DATE, COL_NAME = range(2)
        COLUMNS = (
            Column("Date", lambda r: format_date(r.date), sort=lambda r: r.date.toordinal()),
            Column("Session", lambda r: r.name, tip="What the panel calls it"),
        )

and gets, per role:

- ``DisplayRole``: ``column.text(row)``; ``AccessibleTextRole``: ``column.accessible``
  when given, else the text;
- ``ROW_ROLE``: the row object itself (controllers read it back);
- ``SORT_ROLE``: ``column.sort(row)`` (default: the text, case-folded), one type
  per column so a ``QSortFilterProxyModel`` sorts dates as dates;
- ``TextAlignmentRole``: ``column.align`` (``NUMBER`` right-aligns figures);
- ``ToolTipRole``: ``column.cell_tip(row)`` when the column has one;
- header ``DisplayRole``/``ToolTipRole``: ``column.header``/``column.tip``.

Anything else (colours, fonts, icons, extra roles) goes through ``role_data``,
which a model overrides. ``set_rows`` resets the model; ``replace_row`` emits
``dataChanged`` for one row. Columns that depend on the rows (custom plan
fields, a figures table's keys) are passed to ``reset(rows, columns)``;
columns that need the model's state are built in ``__init__`` and passed to
``super().__init__(parent, columns)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

__all__ = ["NUMBER", "ROW_ROLE", "SORT_ROLE", "AnyIndex", "Column", "RowTableModel"]

AnyIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")

#: The row object behind a cell.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: A value of one type per column, for sorting.
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: Alignment of figures (right, vertically centred).
NUMBER = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
          | Qt.ItemFlag.ItemNeverHasChildren)


@dataclass(frozen=True, slots=True)
class Column(Generic[RowT]):
    """One column: its header and how a row becomes its text, sort key and tooltip."""

    header: str
    text: Callable[[RowT], str]
    #: Sort key (one type per column); None sorts by the case-folded text.
    sort: Callable[[RowT], Any] | None = None
    #: Header tooltip.
    tip: str | None = None
    #: ``TextAlignmentRole`` value (e.g. ``NUMBER``); None leaves Qt's default.
    align: int | None = None
    #: Cell tooltip; None passes ``ToolTipRole`` on to ``role_data``.
    cell_tip: Callable[[RowT], str | None] | None = None
    #: What a screen reader says, when it is more than the text.
    accessible: Callable[[RowT], str] | None = None

    def sort_value(self, row: RowT) -> Any:
        return self.sort(row) if self.sort is not None else self.text(row).casefold()


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Read-only rows shown through declared ``Column``s; see the module docstring."""

    COLUMNS: ClassVar[Sequence[Column[Any]]] = ()

    def __init__(self, parent: QObject | None = None,
                 columns: Sequence[Column[RowT]] | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []
        self._columns: list[Column[RowT]] = list(self.COLUMNS if columns is None else columns)

    # ----------------------------------------------------------- rows in and out

    def set_rows(self, rows: Sequence[RowT]) -> None:
        """Replace every row: one model reset."""
        self.reset(rows)

    def reset(self, rows: Sequence[RowT], columns: Sequence[Column[RowT]] | None = None) -> None:
        """Replace every row, and the columns when given: one model reset."""
        self.beginResetModel()
        self._rows = list(rows)
        if columns is not None:
            self._columns = list(columns)
        self.endResetModel()

    def replace_row(self, row: int, value: RowT) -> None:
        """Change one row in place (``dataChanged``, no reset: selection survives)."""
        if not 0 <= row < len(self._rows):
            return
        self._rows[row] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def row_at(self, row: int) -> RowT:
        return self._rows[row]

    def get_row(self, row: int) -> RowT | None:
        """The row at ``row``, or None when out of range (e.g. no selection: -1)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find_row(self, predicate: Callable[[RowT], bool]) -> int:
        """The first row for which ``predicate`` holds, or -1."""
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    def column(self, column: int) -> Column[RowT]:
        return self._columns[column]

    def headers(self) -> list[str]:
        return [c.header for c in self._columns]

    # ----------------------------------------------------------- hook

    def role_data(self, row: RowT, column: int, role: int) -> Any:
        """Roles the columns do not answer (colours, fonts, extra roles); None by default."""
        return None

    # ----------------------------------------------------------- Qt interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._columns[section].tip
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self._rows) and 0 <= c < len(self._columns)):
            return None
        row = self._rows[r]
        column = self._columns[c]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (column.accessible or column.text)(row)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return column.sort_value(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return column.align
        if role == Qt.ItemDataRole.ToolTipRole and column.cell_tip is not None:
            return column.cell_tip(row)
        return self.role_data(row, c, role)
