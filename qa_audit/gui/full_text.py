"""No silent truncation (issue 16 item 5): text that does not fit is elided or
wrapped, and the full text is one hover away.

Small hooks applied to widgets that already exist (Designer forms included), so a
page gains them with one call:

- :class:`ElidedLabel`: one line, elided at the right, the full text as its tooltip;
- :func:`fit_combo`: a combo box that no longer grows with its longest item (it
  elides), each item's full text as its tooltip, a popup wide enough to read them;
- :func:`tip_when_elided`: an item view shows a cell's full text as a tooltip when
  the cell is too narrow for it (before the model's own tooltip, unless that holds
  it); :func:`tip_cut_cells` does so for every view of a page as the window builds it;
- :func:`wrap_column`: a table column's text wraps and rows grow to fit it;
- :func:`full_text_status`: the status bar elides a long message instead of cutting
  it off, and shows it whole as the bar's tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt
from PySide6.QtGui import (
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QSizeGrip,
    QSizePolicy,
    QStatusBar,
    QStyle,
    QStyleOption,
    QStyleOptionComboBox,
    QStylePainter,
    QTableView,
    QToolTip,
    QWidget,
)

__all__ = ["ElidedLabel", "elided", "fit_combo", "full_text_status", "tip_cut_cells",
           "tip_when_elided", "wrap_column", "wrapped_lines"]

#: room a cell's text leaves for the item view's margins and focus frame
_CELL_MARGIN = 8


def elided(metrics: QFontMetrics, text: str, width: int) -> str:
    """``text`` as it fits on one line ``width`` pixels wide (unchanged when it fits)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, width))


def wrapped_lines(metrics: QFontMetrics, text: str, width: int, max_lines: int = 0) -> list[str]:
    """``text`` broken at spaces into lines at most ``width`` pixels wide (a word wider
    than that is elided); with ``max_lines`` the last line kept ends in an ellipsis
    when text is left over."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(elided(metrics, word, width))
    if max_lines and len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1:])
        lines = [*lines[:max_lines - 1],
                 metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
    return lines


class ElidedLabel(QLabel):
    """A one-line label that may shrink below its text: the text elides, and the
    tooltip then holds it whole (before the label's own tooltip, if it has one).

    ``text()`` and ``setToolTip`` are the label's own (what it says, what it explains),
    as on any QLabel; what is drawn is ``shown_text()``.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._own_tip = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self.updateGeometry()
        self._refresh()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def setToolTip(self, tip: str) -> None:
        self._own_tip = tip
        self._refresh()

    def is_elided(self) -> bool:
        return self.shown_text() != self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refresh()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setWidth(self.fontMetrics().horizontalAdvance(self._full) + 2 * self.margin() + 4)
        return hint

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        hint.setWidth(min(hint.width(), self.fontMetrics().averageCharWidth() * 8))
        return hint

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh()

    def _refresh(self) -> None:
        """Elide to the width laid out (not before: a hidden label has none yet)."""
        room = self.contentsRect().width() - 2 * self.margin()
        shown = elided(self.fontMetrics(), self._full, room) if self.isVisible() else self._full
        if shown != self.shown_text():
            super().setText(shown)
        tip = self._own_tip
        if shown != self._full:
            tip = f"{self._full}\n\n{tip}" if tip else self._full
        if super().toolTip() != tip:
            super().setToolTip(tip)


# ---------------------------------------------------------------- combo boxes


class _ComboTips(QObject):
    """Keeps a combo's item tooltips and its own tooltip in step with its items."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self.combo = combo
        self.own_tip = combo.toolTip()
        self.set_tips: dict[int, str] = {}  # row -> the tooltip this gave it
        model = combo.model()
        for signal in (model.rowsInserted, model.dataChanged, model.modelReset,
                       model.layoutChanged):
            signal.connect(self.refresh)
        combo.currentIndexChanged.connect(self.refresh)
        combo.installEventFilter(self)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.combo:
            return False
        if event.type() == QEvent.Type.Resize:
            self.refresh()
        elif event.type() == QEvent.Type.Paint and not self.combo.isEditable() \
                and combo_elides(self.combo):
            self._paint_elided()
            return True
        return False

    def _paint_elided(self) -> None:
        """QComboBox's own painting, with the current text elided rather than clipped."""
        combo = self.combo
        painter = QStylePainter(combo)
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = elided(combo.fontMetrics(), option.currentText,
                                    _text_room(combo) - 2)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        painter.end()

    def refresh(self, *_args: object) -> None:
        combo = self.combo
        metrics = combo.fontMetrics()
        widest = 0
        for i in range(combo.count()):
            text = combo.itemText(i)
            widest = max(widest, metrics.horizontalAdvance(text))
            tip = combo.itemData(i, Qt.ItemDataRole.ToolTipRole)
            if tip != text and (not tip or tip == self.set_tips.get(i)):  # a model's own stays
                self.set_tips[i] = text
                combo.setItemData(i, text, Qt.ItemDataRole.ToolTipRole)
        view = combo.view()
        scroll = view.verticalScrollBar().sizeHint().width()
        view.setMinimumWidth(min(widest + scroll + 3 * _CELL_MARGIN, _screen_width(combo)))
        current = combo.currentText()
        if combo_elides(combo):
            tip = f"{current}\n\n{self.own_tip}" if self.own_tip else current
        else:
            tip = self.own_tip
        if combo.toolTip() != tip:
            combo.setToolTip(tip)


def _screen_width(widget: QWidget) -> int:
    screen = widget.screen()
    return screen.availableGeometry().width() if screen is not None else 1920


def _text_room(combo: QComboBox) -> int:
    """The width the combo's style gives its current text (less an item icon)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    icon = combo.iconSize().width() + 4 if not option.currentIcon.isNull() else 0
    return field.width() - icon - 2


def combo_elides(combo: QComboBox) -> bool:
    """True when the combo's current text is wider than the room its box gives it."""
    return combo.fontMetrics().horizontalAdvance(combo.currentText()) > _text_room(combo)


def fit_combo(combo: QComboBox, min_chars: int = 20) -> None:
    """The combo no longer widens its page for a long item: it shows at least
    ``min_chars`` characters and elides the rest, each item's full text is its
    tooltip (the combo's too, while elided) and the popup is wide enough to read."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(min_chars)
    policy = combo.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
    combo.setSizePolicy(policy)
    if combo.findChild(_ComboTips) is None:
        _ComboTips(combo)


# ---------------------------------------------------------------- item views


def cell_elided(view: QAbstractItemView, index: QModelIndex) -> bool:
    """True when the cell's one-line text is wider than the cell."""
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if text is None or text == "":
        return False
    rect = view.visualRect(index)
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    room = rect.width() - 2 * margin  # as QCommonStyle lays out an item's text
    if index.data(Qt.ItemDataRole.DecorationRole) is not None:
        room -= view.iconSize().width() if view.iconSize().isValid() else 16
        room -= 4
    font = index.data(Qt.ItemDataRole.FontRole) or view.font()
    metrics = QFontMetrics(font)
    if getattr(view, "wordWrap", bool)() and " " in str(text):  # tables and trees wrap
        bounds = metrics.boundingRect(QRect(0, 0, max(1, room), 100_000),
                                      int(Qt.TextFlag.TextWordWrap), str(text))
        return bounds.height() > rect.height() or bounds.width() > room
    return metrics.horizontalAdvance(str(text)) > room


class _ElidedTips(QObject):
    """Answers a tooltip request over a cell whose text is cut with the whole text
    (before the model's own tooltip, unless that already holds it)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        index = self.view.indexAt(event.pos())
        if not index.isValid() or not cell_elided(self.view, index):
            return False  # the model's own tooltip, if any, as always
        text = str(index.data())
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        tip = text if not own else (str(own) if text in str(own) else f"{text}\n\n{own}")
        QToolTip.showText(event.globalPos(), tip, self.view.viewport(),
                          self.view.visualRect(index))
        return True


def tip_when_elided(*views: QAbstractItemView, elide: bool = True) -> None:
    """Each view shows a cut cell's full text as its tooltip; with ``elide`` a view
    that cut text without a mark (``ElideNone``) marks it with an ellipsis."""
    for view in views:
        if elide and view.textElideMode() == Qt.TextElideMode.ElideNone:
            view.setTextElideMode(Qt.TextElideMode.ElideRight)
        if view.findChild(_ElidedTips) is None:
            _ElidedTips(view)


def tip_cut_cells(root: QWidget) -> None:
    """Every item view in ``root`` (a page, when it is built) shows a cut cell whole
    on hover; none changes how it elides."""
    for view in root.findChildren(QAbstractItemView):
        tip_when_elided(view, elide=False)


def wrap_column(view: QTableView, column: int) -> None:
    """``column``'s text wraps over lines and each row is as tall as that text needs
    (the other columns hold one line), measured again when the column is resized or
    the rows change. Only ``column`` is measured: ``sizeHintForRow`` asks every
    cell's delegate, which doubled the time to show a moderation plan."""
    view.setWordWrap(True)
    header = view.verticalHeader()
    header.setSectionResizeMode(header.ResizeMode.Fixed)
    style = view.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1

    def fit(*_args: object) -> None:
        model = view.model()
        if model is None:
            return
        one_line = header.defaultSectionSize()
        room = max(1, view.columnWidth(column) - 2 * margin)
        padding = one_line - view.fontMetrics().height()
        for row in range(model.rowCount()):
            index = model.index(row, column)
            font = index.data(Qt.ItemDataRole.FontRole) or view.font()
            text = str(index.data() or "")
            bounds = QFontMetrics(font).boundingRect(
                QRect(0, 0, room, 100_000), int(Qt.TextFlag.TextWordWrap), text)
            height = max(one_line, bounds.height() + padding)
            if view.rowHeight(row) != height:
                view.setRowHeight(row, height)

    view.horizontalHeader().sectionResized.connect(
        lambda section, _old, _new: fit() if section == column else None)
    model = view.model()
    if model is not None:
        for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
            signal.connect(fit)
    fit()


# ---------------------------------------------------------------- status bar


class _StatusPainter(QObject):
    """Paints the status bar's temporary message elided, and puts it whole in the tooltip."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
        bar.installEventFilter(self)
        bar.messageChanged.connect(self._on_message)

    def message_room(self) -> QRect:
        """Where QStatusBar draws its message: left of the first visible permanent widget."""
        bar = self.bar
        left, right = 6, bar.width() - 12
        # while a message shows, Qt hides the normal widgets: those visible are permanent
        permanent = [w for w in bar.findChildren(QWidget) if w.parent() is bar
                     and w.isVisible() and not w.isWindow() and not isinstance(w, QSizeGrip)]
        if permanent:
            right = min(right, min(w.x() for w in permanent) - 2)
        return QRect(left, 0, max(0, right - left), bar.height())

    def is_elided(self) -> bool:
        message = self.bar.currentMessage()
        return bool(message) and \
            self.bar.fontMetrics().horizontalAdvance(message) > self.message_room().width()

    def _on_message(self, message: str) -> None:
        self.bar.setToolTip(message if self.is_elided() else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.bar:
            return False
        if event.type() == QEvent.Type.Resize:
            self._on_message(self.bar.currentMessage())
            return False
        if event.type() != QEvent.Type.Paint or not isinstance(event, QPaintEvent):
            return False
        message = self.bar.currentMessage()
        if not message or not self.is_elided():
            return False  # Qt draws what fits exactly as it always did
        bar = self.bar
        painter = QPainter(bar)
        option = QStyleOption()
        option.initFrom(bar)
        bar.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter,
                                  bar)
        room = self.message_room()
        painter.setPen(bar.palette().windowText().color())
        painter.drawText(room, int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
                                   | Qt.TextFlag.TextSingleLine),
                         elided(bar.fontMetrics(), message, room.width()))
        painter.end()
        return True


def full_text_status(bar: QStatusBar) -> None:
    """The window's status bar elides a long message and shows it whole on hover."""
    if bar.findChild(_StatusPainter) is None:
        _StatusPainter(bar)
