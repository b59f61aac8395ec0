"""The Rubrics page's layout: the page scaffold over the Designer form
``forms/rubrics_page.ui`` (rubric list and versions, the question tree, detail,
bands and indicators).

Layout only; ``pages.rubrics_page.RubricsPage`` subclasses ``RubricsView`` and
adds the logic (and the import actions, which need the database). The tree's
row-measuring delegate and the column sizing are set here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QWidget,
)

from qa_audit.domain.rubric import Band
from qa_audit.gui.band_colours import RAG_COLOURS
from qa_audit.gui.generated.ui_rubrics_page import Ui_RubricsBody
from qa_audit.gui.models.table_base import Column, RowTableModel
from qa_audit.gui.pages.scaffold import PageScaffold
from qa_audit.gui.rubrics.presenter import band_cells

__all__ = ["BAND_COLUMNS", "COL_CODE", "COL_ITEM", "COL_SHORTFALL", "BandModel", "RubricsView",
           "marker"]

COL_ITEM, COL_CODE, COL_SHORTFALL = 0, 1, 2
NEUTRAL_COLOUR = "#b1b4b6"  # a band with no RAG colour
BAND_COLUMNS = ("Band", "Grades", "RAG", "Counts as good")


def marker(colour: str, size: int = 12) -> QIcon:
    """A filled circle, used as the shortfall / RAG marker."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class BandModel(RowTableModel[Band]):
    """The overall grade's bands: name (its description on hover), grades, RAG with its
    colour marker, and whether it counts as good."""

    COLUMNS = (
        Column(BAND_COLUMNS[0], lambda b: band_cells(b)[0],
               cell_tip=lambda b: b.description or None),
        Column(BAND_COLUMNS[1], lambda b: band_cells(b)[1]),
        Column(BAND_COLUMNS[2], lambda b: band_cells(b)[2]),
        Column(BAND_COLUMNS[3], lambda b: band_cells(b)[3]),
    )

    def role_data(self, row: Band, column: int, role: int) -> Any:
        if column == 2 and role == Qt.ItemDataRole.DecorationRole:
            return marker(RAG_COLOURS.get(row.rag, NEUTRAL_COLOUR), 14)
        return None


class WrappingDelegate(QStyledItemDelegate):
    """Rows tall enough for the wrapped text at the column's current width.

    QTreeView wraps text when asked but measures rows as if the column were
    unbounded, so long questions would be cut off after one line.
    """

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return base
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        margin = self.tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        width = self.tree.columnWidth(index.column()) - 2 * margin
        if index.column() == 0:
            width -= self.tree.indentation() * (depth + 1)
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            width -= self.tree.iconSize().width() + 4
        if width <= 40:
            return base
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        bounds = QFontMetrics(font).boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), str(text)
        )
        return QSize(base.width(), max(base.height(), bounds.height() + 6))


class RubricsView(QWidget):
    """The page's widgets, laid out; no behaviour beyond what Qt gives them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rubricsPage")
        self._build()

    def _build(self) -> None:
        scaffold = PageScaffold(self, "Rubrics")
        self.scaffold = scaffold
        self.ui = Ui_RubricsBody()
        scaffold.add_form(self.ui)
        ui = self.ui
        self.rubric_list, self.version_combo = ui.rubricList, ui.rubricVersion
        self.summary_label, self.tree = ui.rubricSummary, ui.rubricTree
        self.detail = ui.rubricDetail
        self.bands_box, self.target_label = ui.bandsBox, ui.rubricTarget
        self.bands_table, self.indicators_box = ui.rubricBands, ui.indicatorsBox
        self._finish_layout()

    def _finish_layout(self) -> None:
        """What the form cannot say: column sizing, the wrapping delegate, pane sizes."""
        header = self.tree.header()
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_SHORTFALL, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(COL_CODE, 150)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        # wrapped question text needs its row heights measured again at the new width
        header.sectionResized.connect(lambda *_: self.tree.scheduleDelayedItemsLayout())
        # no word wrap on the target: a wrapped label in a group box reserves height for
        # narrow widths (the form makes its width policy Ignored)
        self.band_model = BandModel(self)
        self.bands_table.setModel(self.band_model)
        bands_header = self.bands_table.horizontalHeader()
        bands_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(BAND_COLUMNS)):
            bands_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        splitter = self.ui.rubricSplitter
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 4)
        splitter.setSizes([190, 580, 510])
