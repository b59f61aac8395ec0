"""The one page scaffold: every page's outer layout and header, built one way.

A page is a column: a header row (the page title, an optional subtitle, then
the page's action area on the right) above the page's body. Pages used to copy
these fifteen lines each; now::

    scaffold = PageScaffold(self, "Actions")
    scaffold.add_action(self.count_label)
    scaffold.body.addWidget(table, 1)

The title label is named ``pageTitle`` (style sheets and tests find it by that
name) and is 1.4 times the base font, bold.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_audit.gui.full_text import tip_when_elided

__all__ = ["PAGE_MARGINS", "PageScaffold", "read_only_table"]

#: Left, top, right, bottom margins around every page.
PAGE_MARGINS = (16, 12, 16, 8)
TITLE_SCALE = 1.4


class DesignerForm(Protocol):
    """A compiled Designer form (``qa_audit.gui.generated.ui_*.Ui_*``)."""

    def setupUi(self, widget: QWidget) -> None: ...


class PageScaffold:
    """The page's outer layout (``body``) and its header row (title, subtitle, actions)."""

    def __init__(self, page: QWidget, title: str, *, subtitle: QLabel | None = None) -> None:
        self.page = page
        self.body = QVBoxLayout(page)
        self.body.setContentsMargins(*PAGE_MARGINS)
        self.header = QHBoxLayout()
        self.title = QLabel(title, page)
        self.title.setObjectName("pageTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * TITLE_SCALE)
        font.setBold(True)
        self.title.setFont(font)
        self.header.addWidget(self.title)
        if subtitle is not None:  # a muted line beside the title, e.g. what figures cover
            subtitle.setStyleSheet("color: palette(dark);")
            self.header.addWidget(subtitle, 1)
        else:
            self.header.addStretch(1)
        self.body.addLayout(self.header)

    def add_form(self, form: DesignerForm) -> QWidget:
        """Set up a Designer form as the page's body, under the header (it takes the
        spare height); the form's widgets are then ``form.<objectName>``."""
        body = QWidget(self.page)
        form.setupUi(body)
        self.body.addWidget(body, 1)
        return body

    def add_action(self, item: QWidget | QLayout) -> None:
        """Put a widget (button, toolbar, combo, label) or a layout in the header's action area."""
        if isinstance(item, QLayout):
            self.header.addLayout(item)
        else:
            self.header.addWidget(item)


def read_only_table(view: QTableView) -> None:
    """The look every page's tables share: whole rows, one at a time, not editable;
    a cell too narrow for its text shows it whole on hover."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    tip_when_elided(view)
