"""The Rubrics page's layout: rubric list and versions, the question tree, detail and bands.

Layout only; ``pages.rubrics_page.RubricsPage`` subclasses ``RubricsView`` and
adds the logic (and the import actions, which need the database).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTextBrowser,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from qa_audit.gui.pages.rubric_indicators import IndicatorsBox
from qa_audit.gui.pages.scaffold import PageScaffold

__all__ = ["BAND_COLUMNS", "COL_CODE", "COL_ITEM", "COL_SHORTFALL", "RubricsView", "marker"]

COL_ITEM, COL_CODE, COL_SHORTFALL = 0, 1, 2
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
        layout = scaffold.body
        self.scaffold = scaffold

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)

        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.rubric_list = QListWidget(left)
        self.rubric_list.setObjectName("rubricList")
        self.rubric_list.setAccessibleName("Rubrics")
        self.rubric_list.setWordWrap(True)
        self.rubric_list.setSpacing(3)
        left_layout.addWidget(QLabel("Rubric", left))
        left_layout.addWidget(self.rubric_list, 1)
        version_row = QHBoxLayout()
        version_label = QLabel("&Version", left)
        self.version_combo = QComboBox(left)
        self.version_combo.setObjectName("rubricVersion")
        self.version_combo.setAccessibleName("Rubric version")
        version_label.setBuddy(self.version_combo)
        version_row.addWidget(version_label)
        version_row.addWidget(self.version_combo, 1)
        left_layout.addLayout(version_row)
        self.summary_label = QLabel(left)
        self.summary_label.setWordWrap(True)
        self.summary_label.setObjectName("rubricSummary")
        left_layout.addWidget(self.summary_label)

        self.tree = QTreeWidget(splitter)
        self.tree.setObjectName("rubricTree")
        self.tree.setAccessibleName("Sections, questions and answers")
        self.tree.setHeaderLabels(["Item", "Code", "Shortfall"])
        self.tree.setColumnCount(3)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_SHORTFALL, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(COL_CODE, 150)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        # wrapped question text needs its row heights measured again at the new width
        header.sectionResized.connect(lambda *_: self.tree.scheduleDelayedItemsLayout())

        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = QTextBrowser(right)
        self.detail.setObjectName("rubricDetail")
        self.detail.setAccessibleName("Details of the selected item")
        self.detail.setOpenExternalLinks(False)
        right_layout.addWidget(self.detail, 1)
        self.bands_box = QGroupBox("Overall grade", right)
        self.bands_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        bands_layout = QVBoxLayout(self.bands_box)
        self.target_label = QLabel(self.bands_box)
        self.target_label.setObjectName("rubricTarget")
        # no word wrap: a wrapped label in a group box reserves height for narrow widths
        self.target_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        bands_layout.addWidget(self.target_label)
        self.bands_table = QTableWidget(0, len(BAND_COLUMNS), self.bands_box)
        self.bands_table.setObjectName("rubricBands")
        self.bands_table.setAccessibleName("Overall grade bands")
        self.bands_table.setHorizontalHeaderLabels(BAND_COLUMNS)
        self.bands_table.verticalHeader().hide()
        self.bands_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bands_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.bands_table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.bands_table.setWordWrap(False)
        bands_header = self.bands_table.horizontalHeader()
        bands_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(BAND_COLUMNS)):
            bands_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        bands_layout.addWidget(self.bands_table)
        right_layout.addWidget(self.bands_box)
        self.indicators_box = IndicatorsBox(right)
        right_layout.addWidget(self.indicators_box)

        splitter.addWidget(left)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 4)
        splitter.setSizes([190, 580, 510])
        layout.addWidget(splitter, 1)
