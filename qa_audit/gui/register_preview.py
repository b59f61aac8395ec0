"""The register's newest plans on the opening placeholder (issue 16: first rows fast).

After the window's first paint and before the database is opened (which imports the
services and SQLAlchemy, and blocks this thread for most of a second on a county
database), the Plans page's first rows are read straight from the file
(``services.register_preview``) and shown where the page will be; the open starts
once they have painted, and the Plans page replaces them when it has its own.
Only when the Plans page is the one being opened to.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.gui.models.plan_table import COL_ISSUED, PlanTableModel
from qa_audit.gui.window_opening import AfterFirstPaint
from qa_audit.services import register_preview
from qa_audit.services.plan_rows import FIRST_PAGE

__all__ = ["show_first_rows"]

def show_first_rows(placeholder: QWidget, db_arg: str | None,
                    painted: Callable[[], None]) -> QWidget | None:
    """Put the newest plans of ``db_arg`` on ``placeholder`` (its layout); ``painted``
    runs after they are on screen. None (and no call) when they cannot be read at once.
    """
    layout = placeholder.layout()
    preview = register_preview.first_rows(db_arg, FIRST_PAGE)
    if layout is None or preview is None or not preview.rows:
        return None
    box = QWidget(placeholder)
    box.setObjectName("registerPreview")
    label = QLabel(f"The newest of {preview.total:,} plans, while the database opens "
                   "(search, filters and sorting follow):", box)
    table = QTableView(box)
    table.setObjectName("registerPreviewTable")
    table.setAccessibleName("Newest plans, while the database opens")
    model = PlanTableModel(table)
    model.sort(COL_ISSUED, Qt.SortOrder.DescendingOrder)  # the order they were read in
    model.set_page(preview.rows, preview.total, [])
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSortIndicator(COL_ISSUED, Qt.SortOrder.DescendingOrder)
    table.horizontalHeader().setSortIndicatorShown(True)
    inner = QVBoxLayout(box)
    inner.setContentsMargins(0, 0, 0, 0)
    inner.addWidget(label)
    inner.addWidget(table, 1)
    layout.addWidget(box)
    if isinstance(layout, QBoxLayout):
        layout.setStretchFactor(box, 10)  # the rows take the room the stretches had
    box.show()  # now, not when the layout gets to it: the paint watched is this one
    AfterFirstPaint(table.viewport(), painted)
    return box
