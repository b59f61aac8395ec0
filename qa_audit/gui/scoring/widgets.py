"""The painted building blocks of the scoring form: colour tones, answer buttons, the
question frame, a flow layout and small text widgets.

Colours are painted by ``AnswerButton`` and ``ScoringFrame`` (no style sheets, so
text scaling propagates and every platform style shows the same colours).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
    QWidgetItem,
)

from qa_audit.domain.rubric import Theme
from qa_audit.gui.band_colours import RAG_COLOURS
from qa_audit.gui.scoring.answers import AnswerSpec

#: Light background / strong colour / text on strong colour, per tone. Text on the
#: light background is the strong colour itself; every pair passes WCAG AA (4.5:1).
TONES: dict[str, tuple[str, str, str]] = {
    "green": ("#e7f4ea", "#1e6b34", "#ffffff"),
    "amber": ("#fff3dc", "#8a5300", "#ffffff"),
    "red": ("#fde8e7", "#b3261e", "#ffffff"),
    "blue": ("#e8f1fb", RAG_COLOURS["blue"], "#ffffff"),  # an outstanding band
    "grey": ("#f0f1f2", RAG_COLOURS["grey"], "#ffffff"),  # a band for plans not judged
    "neutral": ("#eef0f3", "#3d4a5c", "#ffffff"),
}
FOCUS_COLOUR = "#1a56db"
MUTED_COLOUR = "#4b5563"
_CHECKED_BORDER = "#111827"
_DISABLED = ("#f3f4f6", "#d1d5db", "#6b7280")  # fill, border, text


def tint(widget: QWidget, text: str | None = None, background: str | None = None) -> None:
    """Set the text (and background) colour; every other palette role follows the parent."""
    palette = QPalette()  # nothing resolved: only the roles set here override the parent's
    if text is not None:
        palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
        palette.setColor(QPalette.ColorRole.Text, QColor(text))
    if background is not None:
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        widget.setAutoFillBackground(True)
    widget.setPalette(palette)


def font_with(*, bold: bool = False, italic: bool = False) -> QFont:
    """A font that only sets weight/style, so its size still follows the parent (200%)."""
    font = QFont()
    if bold:
        font.setBold(True)
    if italic:
        font.setItalic(True)
    return font


class AnswerButton(QPushButton):
    """A large, checkable, colour-coded answer button (or a rounded theme chip).

    Painted by hand rather than with a style sheet: style sheets stop font changes
    propagating (so text scaling would clip) and native styles ignore palettes.
    The size follows the font, so it grows with 200% text.
    """

    def __init__(self, label: str, tone: str = "neutral", parent: QWidget | None = None, *,
                 chip: bool = False, min_em: float = 2.5) -> None:
        super().__init__(parent)
        self._label = label
        self._min_em = min_em
        self._hint: QSize | None = None
        self._tone = tone if tone in TONES else "neutral"
        self._chip = chip
        self._suggested = False
        self.setText(label.replace("&", "&&"))  # no accidental mnemonics from rubric text
        self.setCheckable(True)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        # Answers never shrink below their text; chips may (and elide).
        horizontal = QSizePolicy.Policy.Preferred if chip else QSizePolicy.Policy.Minimum
        self.setSizePolicy(horizontal, QSizePolicy.Policy.Fixed)

    @property
    def label(self) -> str:
        return self._label

    @property
    def tone(self) -> str:
        return self._tone

    @property
    def suggested(self) -> bool:
        return self._suggested

    def set_suggested(self, suggested: bool) -> None:
        if suggested != self._suggested:
            self._suggested = suggested
            self.update()

    def _padding(self) -> tuple[int, int]:
        metrics = self.fontMetrics()
        em = metrics.horizontalAdvance("M")
        if self._chip:
            return round(em * 0.8), round(metrics.height() * 0.25)
        return round(em * 1.0), round(metrics.height() * 0.45)

    def sizeHint(self) -> QSize:
        if self._hint is None:
            metrics = self.fontMetrics()
            pad_x, pad_y = self._padding()
            border = 3
            width = metrics.horizontalAdvance(self._label) + 2 * (pad_x + border)
            if not self._chip:
                width = max(width, round(metrics.horizontalAdvance("M") * self._min_em))
            self._hint = QSize(width, metrics.height() + 2 * (pad_y + border))
        return QSize(self._hint)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hint = None
            self.updateGeometry()
        super().changeEvent(event)

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        if self._chip:  # a chip may shrink to about 14 characters; its text then elides
            hint.setWidth(min(hint.width(), self.fontMetrics().averageCharWidth() * 14))
        return hint

    def colours(self) -> tuple[QColor, QColor, QColor, float]:
        """(fill, border, text, border width) for the current state."""
        light, strong, on_strong = TONES[self._tone]
        checked = self.isChecked()
        if self._chip:
            if checked:
                return QColor(FOCUS_COLOUR), QColor("#0b2e7a"), QColor("white"), 2.0
            if self._suggested:
                return QColor(TONES["amber"][0]), QColor(TONES["amber"][1]), \
                    QColor("#5c3700"), 2.0
            if not self.isEnabled():
                return QColor(_DISABLED[0]), QColor(_DISABLED[1]), QColor(_DISABLED[2]), 1.5
            return QColor("white"), QColor("#9ca3af"), QColor("#1f2937"), 1.5
        if checked:
            border = _CHECKED_BORDER if self.isEnabled() else "#4b5563"
            return QColor(strong), QColor(border), QColor(on_strong), 3.0
        if not self.isEnabled():
            return QColor(_DISABLED[0]), QColor(_DISABLED[1]), QColor(_DISABLED[2]), 2.0
        fill = QColor("white") if self.underMouse() else QColor(light)
        return fill, QColor(strong), QColor(strong), 2.0

    def paintEvent(self, _event: QPaintEvent) -> None:
        fill, border, text, width = self.colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2)
        radius = box.height() / 2 if self._chip else self.fontMetrics().height() * 0.35
        painter.setPen(QPen(border, width))
        painter.setBrush(fill)
        painter.drawRoundedRect(box, radius, radius)
        if self.hasFocus():
            pen = QPen(text, 1.0, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inner = box.adjusted(width + 1, width + 1, -width - 1, -width - 1)
            painter.drawRoundedRect(inner, radius * 0.7, radius * 0.7)
        painter.setPen(text)
        painter.setFont(self.font())
        pad_x, _pad_y = self._padding()
        room = self.width() - 2 * (pad_x + 3)
        label = self._label
        if self.fontMetrics().horizontalAdvance(label) > room:
            label = self.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, room)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


class ScoringFrame(QFrame):
    """The box around a question or the overall grade; the current one gets a thick frame."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current = False
        self._applicable = True
        self.setFrameShape(QFrame.Shape.NoFrame)

    def is_current(self) -> bool:
        return self._current

    def set_current(self, current: bool) -> None:
        """Draw (or remove) the focus frame of the item being answered."""
        if current != self._current:
            self._current = current
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._current:
            fill, border, width, style = "#f3f7ff", FOCUS_COLOUR, 3.0, Qt.PenStyle.SolidLine
        elif not self._applicable:
            fill, border, width, style = "#f5f5f5", "#c4c8ce", 1.0, Qt.PenStyle.DashLine
        else:
            fill = self.palette().color(QPalette.ColorRole.Base).name()
            border, width, style = "#c8cdd5", 1.0, Qt.PenStyle.SolidLine
        box = QRectF(self.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2)
        painter.setPen(QPen(QColor(border), width, style))
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(box, 8, 8)
        painter.end()


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps them onto new lines (Qt's flow layout)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._heights: dict[int, int] = {}
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addWidget(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if width not in self._heights:
            self._heights[width] = self._arrange(QRect(0, 0, width, 0), apply=False)
        return self._heights[width]

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if hint.width() > area.width() > 0:  # a long chip shrinks (and elides) to fit
                hint.setWidth(max(item.minimumSize().width(), area.width()))
            if x + hint.width() > area.right() + 1 and line > 0:
                x = area.x()
                y += line + self._spacing
                line = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()


class NoteEdit(QPlainTextEdit):
    """A short multi-line text box: Tab moves on, Esc returns to the question, tells focus-out."""

    focus_left = Signal()
    escape_pressed = Signal()

    def __init__(self, lines: float = 3.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines = lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        frame = 2 * self.frameWidth() + int(self.document().documentMargin() * 2)
        return QSize(metrics.averageCharWidth() * 30,
                     int(metrics.lineSpacing() * self._lines) + frame + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 12, self.sizeHint().height())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)


class NoWheelCombo(QComboBox):
    """A combo that does not change value when the form scrolls over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class WrapLabel(QLabel):
    """A word-wrapping label whose height follows its width.

    A plain wrapping QLabel guesses its minimum height for a narrow width, which
    leaves tall empty rows beside other widgets; this one asks for one line at
    least and lets the layout use ``heightForWidth``.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        margin = 2 * self.margin()
        return QSize(metrics.averageCharWidth() * 12 + margin, metrics.height() + margin)

    def sizeHint(self) -> QSize:
        width = max(self.width(), self.fontMetrics().averageCharWidth() * 40)
        return QSize(width, self.heightForWidth(width))


def make_answer_button(spec: AnswerSpec, accessible: str, parent: QWidget) -> AnswerButton:
    """A large checkable answer button; it never takes focus (the question frame does)."""
    button = AnswerButton(spec.text, spec.tone, parent)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setProperty("value", spec.value)
    button.setToolTip(spec.tooltip)
    button.setAccessibleName(accessible)
    button.setAccessibleDescription(spec.tooltip)
    return button


def make_theme_chip(theme: Theme, accessible: str, parent: QWidget) -> AnswerButton:
    chip = AnswerButton(theme.label, "neutral", parent, chip=True)
    chip.setProperty("themeId", theme.id)
    chip.setToolTip(f"{theme.label}: {theme.description}" if theme.description else theme.label)
    chip.setAccessibleName(accessible)
    return chip


def muted_label(text: str, parent: QWidget, *, italic: bool = False) -> QLabel:
    """Secondary text (descriptors, hints) in a quieter colour; wraps, plain text."""
    label = WrapLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    tint(label, MUTED_COLOUR)
    if italic:
        label.setFont(font_with(italic=True))
    return label
