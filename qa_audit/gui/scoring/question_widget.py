"""One rubric question as a widget: text, descriptor, collapsible guidance, big answer buttons.

The widget knows nothing about databases or undo: it shows an ``AnswerState`` and
emits what the user asked for (``answer_chosen``, ``agency_chosen``, ``note_edited``,
``theme_toggled``, ``move_requested``). Whoever owns it (the scoring page, later the
moderation screen) decides what a choice means, records it and calls ``set_state``.

Keyboard (when the question has focus): the option's shortcut letter from the
rubric (``Option.key``, e.g. Y/P/N), digits for scale levels, ``A`` (or ``X``) for
N/A answer the question; J/K or Down/Up move; Backspace/Delete clear; Enter goes
to the attribution and evidence note; F1 (or G) shows the guidance.

Colours are painted by ``AnswerButton`` and ``ScoringFrame`` (no style sheets, so
text scaling propagates and every platform style shows the same colours).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QRectF, QSize, Qt, Signal
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
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from qa_audit.domain.rubric import NA, Agency, Option, Question, Reason, Theme
from qa_audit.gui.band_colours import RAG_COLOURS
from qa_audit.gui.scoring.agency_picker import AgencyPicker
from qa_audit.services.rubric_view import describe_condition

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

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        if self._hint is None:
            metrics = self.fontMetrics()
            pad_x, pad_y = self._padding()
            border = 3
            width = metrics.horizontalAdvance(self._label) + 2 * (pad_x + border)
            if not self._chip:
                width = max(width, round(metrics.horizontalAdvance("M") * self._min_em))
            self._hint = QSize(width, metrics.height() + 2 * (pad_y + border))
        return QSize(self._hint)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hint = None
            self.updateGeometry()
        super().changeEvent(event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
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

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
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

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
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


@dataclass(frozen=True)
class AnswerState:
    """What one member said about one question: answer code, the agencies a shortfall is
    attributed to, evidence note, and the reason code for a shortfall or N/A."""

    value: str | None = None
    agencies: tuple[str, ...] = ()
    note: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class AnswerSpec:
    """One answer button: the code saved, its shortcut key, label, tooltip and colour."""

    value: str
    key: str | None
    label: str
    tooltip: str
    tone: str

    @property
    def text(self) -> str:
        if self.key and self.key != self.label:
            return f"{self.key}  {self.label}"
        return self.label

    def accessible_name(self, question_id: str) -> str:
        words = self.text.replace("  ", " ")
        return f"{words} for question {question_id}"


def na_key(question: Question) -> str | None:
    """The N/A shortcut: ``A`` unless an option of this question already uses it, then ``X``."""
    used = {(o.key or "").upper() for o in question.options}
    for candidate in ("A", "X"):
        if candidate not in used:
            return candidate
    return None


def short_level_label(text: str) -> str:
    """``"Useful - most of it could go..."`` -> ``"Useful"``; long descriptors give ``""``."""
    head = text.split(" - ", 1)[0].strip()
    if head and head != text.strip() and len(head) <= 24:
        return head
    return ""


def scale_tone(question: Question, level: int) -> str:
    """From ``good_from`` green; below it amber, the lowest level red."""
    low = question.min or 0
    good_from = question.good_from if question.good_from is not None else low
    if level >= good_from:
        return "green"
    return "red" if level == low else "amber"


def _choice_tone(option: Option, shortfalls: Sequence[Option]) -> str:
    """Not a shortfall: green; the last (worst) shortfall red, milder ones amber."""
    if not option.shortfall:
        return "green"
    return "red" if option is shortfalls[-1] else "amber"


def answer_specs(question: Question) -> list[AnswerSpec]:
    """The buttons of a question, in the rubric's order, then N/A where allowed."""
    specs: list[AnswerSpec] = []
    if question.type == "choice":
        shortfalls = [o for o in question.options if o.shortfall]
        for opt in question.options:
            tone = _choice_tone(opt, shortfalls)
            key = opt.key.upper() if opt.key else None
            specs.append(AnswerSpec(opt.code, key, opt.label, opt.descriptor or opt.label, tone))
    else:
        for level in range(question.min or 0, (question.max or 0) + 1):
            descriptor = question.level_descriptor(level)
            key = str(level) if 0 <= level <= 9 else None
            label = short_level_label(descriptor)
            text_label = label or str(level)
            tip = f"Level {level}: {descriptor}" if descriptor else f"Level {level}"
            specs.append(AnswerSpec(str(level), key, text_label, tip,
                                    scale_tone(question, level)))
    if question.allows_na:
        specs.append(AnswerSpec(NA, na_key(question), "N/A",
                                "Not applicable: this question does not apply to this plan",
                                "neutral"))
    return specs


def applies_when_text(question: Question) -> str:
    """``"the year group is Year 9 or above"`` for an ``applies_when`` rule."""
    sentence = describe_condition(question.applies_when)
    prefix = "Applies only when "
    if sentence.startswith(prefix):
        return sentence[len(prefix):].split(". If the plan", 1)[0]
    return (question.applies_when or "").strip()


# --------------------------------------------------------------------- helpers


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

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt override
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        if width not in self._heights:
            self._heights[width] = self._arrange(QRect(0, 0, width, 0), apply=False)
        return self._heights[width]

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
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

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = self.fontMetrics()
        frame = 2 * self.frameWidth() + int(self.document().documentMargin() * 2)
        return QSize(metrics.averageCharWidth() * 30,
                     int(metrics.lineSpacing() * self._lines) + frame + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.fontMetrics().averageCharWidth() * 12, self.sizeHint().height())

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.focus_left.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)


class NoWheelCombo(QComboBox):
    """A combo that does not change value when the form scrolls over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
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

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = self.fontMetrics()
        margin = 2 * self.margin()
        return QSize(metrics.averageCharWidth() * 12 + margin, metrics.height() + margin)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
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


# ------------------------------------------------------------------- the widget


class QuestionWidget(ScoringFrame):
    """One question of the rubric for one plan, with its answer buttons and shortfall details."""

    #: (question id, answer code or None to clear)
    answer_chosen = Signal(str, object)
    #: (question id, tuple of agency ids, empty for none)
    agency_chosen = Signal(str, object)
    #: (question id, reason code or None)
    reason_chosen = Signal(str, object)
    #: the evidence note text changed (question id)
    note_edited = Signal(str)
    #: focus left the evidence note (question id): a good moment to save it
    note_finished = Signal(str)
    #: (theme id, question id, checked)
    theme_toggled = Signal(str, str, bool)
    #: +1 next question, -1 previous
    move_requested = Signal(int)
    #: the auditor clicked the evidence hint's link (question id): show the plan pane
    evidence_requested = Signal(str)

    def __init__(self, question: Question, number: int, *, applicable: bool = True,
                 agencies: Sequence[Agency] = (), themes: Sequence[Theme] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.number = number
        self.applicable = applicable
        self._state = AnswerState()
        self._read_only = False
        self._evidence_hint = ""
        self.specs = answer_specs(question)
        self._key_map = {s.key: s.value for s in self.specs if s.key}
        self._buttons: dict[str, AnswerButton] = {}
        self.chips: dict[str, AnswerButton] = {}
        self._applicable = applicable
        self.setObjectName(f"question_{question.id}")
        self._build(agencies, themes)

    # ---------------------------------------------------------------- layout

    def _build(self, agencies: Sequence[Agency], themes: Sequence[Theme]) -> None:
        q = self.question
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)

        header = QHBoxLayout()
        self.text_label = WrapLabel(f"<b>{self.number}.</b> {html.escape(q.text)}", self)
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        header.addWidget(self.text_label, 1, Qt.AlignmentFlag.AlignTop)
        self.guidance_button = QToolButton(self)
        self.guidance_button.setText("Guidance")
        self.guidance_button.setCheckable(True)
        self.guidance_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.guidance_button.setArrowType(Qt.ArrowType.RightArrow)
        self.guidance_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.guidance_button.setToolTip("Show or hide the guidance (F1)")
        self.guidance_button.setAccessibleName(f"Show guidance for question {q.id}")
        self.guidance_button.toggled.connect(self.set_guidance_visible)
        self.guidance_button.setVisible(bool(q.guidance))
        header.addWidget(self.guidance_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        self.descriptor_label = muted_label(q.descriptor, self)
        self.descriptor_label.setVisible(bool(q.descriptor))
        self.descriptor_label.setAccessibleName(f"What good looks like for question {q.id}")
        layout.addWidget(self.descriptor_label)

        self.evidence_label = WrapLabel("", self)
        self.evidence_label.setObjectName(f"evidenceHint_{q.id}")
        self.evidence_label.setTextFormat(Qt.TextFormat.RichText)
        self.evidence_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.evidence_label.setMargin(4)
        tint(self.evidence_label, "#5c3700", TONES["amber"][0])
        self.evidence_label.setToolTip(
            "Found by the plan pane's wording check. Suggestions only: you decide the answer.")
        self.evidence_label.linkActivated.connect(
            lambda _link: self.evidence_requested.emit(self.question.id))
        self.evidence_label.hide()
        layout.addWidget(self.evidence_label)

        self.guidance_label = WrapLabel(q.guidance, self)
        self.guidance_label.setTextFormat(Qt.TextFormat.PlainText)
        self.guidance_label.setMargin(6)
        tint(self.guidance_label, "#1f2937", "#eef2f7")
        self.guidance_label.setAccessibleName(f"Guidance for question {q.id}")
        self.guidance_label.hide()
        layout.addWidget(self.guidance_label)

        self.na_label = muted_label(
            f"Not applicable to this plan (applies when {applies_when_text(q)})", self,
            italic=True)
        self.na_label.setAccessibleName(f"Question {q.id} does not apply to this plan")
        layout.addWidget(self.na_label)

        self.answer_row = QWidget(self)
        flow = FlowLayout(self.answer_row, spacing=8)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        for spec in self.specs:
            button = make_answer_button(spec, spec.accessible_name(q.id), self.answer_row)
            flow.addWidget(button)
            self.group.addButton(button)
            self._buttons[spec.value] = button
        self.group.buttonClicked.connect(self._on_button_clicked)
        layout.addWidget(self.answer_row)

        self.details = QWidget(self)
        grid = QGridLayout(self.details)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setColumnStretch(1, 1)
        self.agency_label = QLabel("Attributed &to", self.details)
        self.agency_picker = AgencyPicker(
            agencies, f"Shortfall attributed to, question {q.id}", self.details)
        self.agency_label.setBuddy(self.agency_picker)
        self.agency_picker.changed.connect(
            lambda ids: self.agency_chosen.emit(self.question.id, tuple(ids)))
        grid.addWidget(self.agency_label, 0, 0)
        grid.addWidget(self.agency_picker, 0, 1, Qt.AlignmentFlag.AlignLeft)
        self.reason_label = QLabel("&Reason", self.details)
        self.reason_combo = NoWheelCombo(self.details)
        self.reason_combo.setAccessibleName(f"Reason, question {q.id}")
        self.reason_combo.setToolTip("Why the answer is a shortfall or not applicable")
        self.reason_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.reason_label.setBuddy(self.reason_combo)
        self.reason_combo.activated.connect(
            lambda _i: self.reason_chosen.emit(self.question.id, self.reason_combo.currentData()))
        grid.addWidget(self.reason_label, 3, 0)
        grid.addWidget(self.reason_combo, 3, 1, Qt.AlignmentFlag.AlignLeft)
        self.note_label = QLabel("Evidence &note", self.details)
        self.note_edit = NoteEdit(3.0, self.details)
        self.note_edit.setAccessibleName(f"Evidence note, question {q.id}")
        self.note_edit.setPlaceholderText("What in the plan shows this (no names)")
        self.note_label.setBuddy(self.note_edit)
        self.note_edit.textChanged.connect(lambda: self.note_edited.emit(self.question.id))
        self.note_edit.focus_left.connect(lambda: self.note_finished.emit(self.question.id))
        self.note_edit.escape_pressed.connect(self._return_focus)
        grid.addWidget(self.note_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.note_edit, 1, 1)
        by_id = {t.id: t for t in themes}
        suggested = [by_id[t] for t in q.suggested_themes if t in by_id]
        self.themes_label = QLabel("Themes", self.details)
        self.chip_row = QWidget(self.details)
        chip_flow = FlowLayout(self.chip_row, spacing=6)
        for theme in suggested:
            chip = make_theme_chip(theme, f"Theme {theme.label}, question {q.id}",
                                   self.chip_row)
            chip.toggled.connect(lambda on, tid=theme.id: self._on_chip(tid, on))
            chip_flow.addWidget(chip)
            self.chips[theme.id] = chip
        self.themes_label.setVisible(bool(suggested))
        self.chip_row.setVisible(bool(suggested))
        grid.addWidget(self.themes_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.chip_row, 2, 1)
        self.details.hide()
        layout.addWidget(self.details)
        self.set_applicable(self.applicable)

    def set_applicable(self, applicable: bool) -> None:
        """Show the question as answerable, or greyed "not applicable" and skipped."""
        self._set_applicable(applicable)
        self._update_details()
        self._describe()
        self.update()

    def show_plan(self, applicable: bool, state: AnswerState) -> None:
        """Another plan: its applicability and saved answer in one step.

        ``set_applicable`` then ``set_state`` would hide the details of a shortfall
        (blank) and show them again (answered): each real show or hide relays out the
        form, so switching plans does it only where the two plans differ.
        """
        self._set_applicable(applicable)
        self._apply_state(state)
        self._update_details()
        self._describe()
        self.update()

    def _set_applicable(self, applicable: bool) -> None:
        self.applicable = applicable
        self._applicable = applicable
        self.na_label.setVisible(not applicable)
        self.answer_row.setVisible(applicable)
        self.text_label.setEnabled(applicable)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if applicable else Qt.FocusPolicy.NoFocus)

    # ----------------------------------------------------------------- state

    def state(self) -> AnswerState:
        """The committed answer, attribution and reason with the note as currently typed."""
        note = self.note_edit.toPlainText()
        return replace(self._state, note=note if note.strip() else None)

    @property
    def value(self) -> str | None:
        return self._state.value

    def reasons_offered(self, value: str | None = None) -> tuple[Reason, ...]:
        """The question's reasons that fit this answer (default: the current one)."""
        value = self._state.value if value is None else value
        try:
            return self.question.reasons_for(value) if value else ()
        except ValueError:
            return ()

    def is_shortfall(self, value: str | None = None) -> bool:
        value = self._state.value if value is None else value
        if not value:
            return False
        try:
            return self.question.is_shortfall(value)
        except ValueError:
            return False

    def set_state(self, state: AnswerState) -> None:
        """Show a state without emitting anything (loading, undo, redo)."""
        self._apply_state(state)
        self._update_details()
        self._describe()

    def _apply_state(self, state: AnswerState) -> None:
        agencies = state.agencies if self.is_shortfall(state.value) else ()
        offered = self.reasons_offered(state.value)
        reason = state.reason if any(r.code == state.reason for r in offered) else None
        self._state = AnswerState(state.value, agencies, state.note, reason)
        self.group.setExclusive(False)
        for value, button in self._buttons.items():
            button.setChecked(value == state.value)
        self.group.setExclusive(True)
        self.agency_picker.set_selected(agencies)
        self.reason_combo.blockSignals(True)
        self.reason_combo.clear()
        self.reason_combo.addItem("No reason given", None)
        for r in offered:
            self.reason_combo.addItem(r.label, r.code)
        self.reason_combo.setCurrentIndex(max(self.reason_combo.findData(reason), 0)
                                          if reason else 0)
        self.reason_combo.blockSignals(False)
        if (state.note or "") != self.note_edit.toPlainText():
            self.note_edit.blockSignals(True)
            self.note_edit.setPlainText(state.note or "")
            self.note_edit.blockSignals(False)

    def set_evidence_hint(self, text: str | None) -> None:
        """Show (or hide, with None) a one-line hint from the plan pane, e.g. vague wording.

        ``text`` is plain text; a "see plan pane" link is added that emits
        ``evidence_requested``.
        """
        self._evidence_hint = text or ""
        if not text:
            self.evidence_label.clear()
            self.evidence_label.setAccessibleName("")
            self.evidence_label.hide()
            return
        self.evidence_label.setText(
            f"\u26a0 {html.escape(text)} \u2014 <a href=\"plan-pane\">see plan pane</a>")
        self.evidence_label.setAccessibleName(
            f"Plan pane suggestion for question {self.question.id}: {text}")
        self.evidence_label.show()

    def evidence_hint(self) -> str:
        """The hint shown (as plain text), or ""."""
        return self._evidence_hint

    def set_themes(self, theme_ids: Iterable[str]) -> None:
        chosen = set(theme_ids)
        for theme_id, chip in self.chips.items():
            chip.blockSignals(True)
            chip.setChecked(theme_id in chosen)
            chip.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for button in self._buttons.values():
            button.setEnabled(not read_only)
        self.agency_picker.setEnabled(not read_only)
        self.reason_combo.setEnabled(not read_only)
        self.note_edit.setReadOnly(read_only)
        for chip in self.chips.values():
            chip.setEnabled(not read_only)

    @property
    def read_only(self) -> bool:
        return self._read_only

    def set_guidance_visible(self, visible: bool) -> None:
        self.guidance_label.setVisible(visible and bool(self.question.guidance))
        self.guidance_button.blockSignals(True)
        self.guidance_button.setChecked(visible)
        self.guidance_button.blockSignals(False)
        self.guidance_button.setArrowType(Qt.ArrowType.DownArrow if visible
                                          else Qt.ArrowType.RightArrow)

    def button(self, value: str) -> AnswerButton:
        """The answer button for an answer code (for tests and the moderation screen)."""
        return self._buttons[value]

    def buttons(self) -> list[AnswerButton]:
        return list(self._buttons.values())

    def key_help(self) -> str:
        """``Y Yes, P Partly, N No, A N/A``."""
        return ", ".join(f"{s.key} {s.label}" if s.key != s.label else s.key
                         for s in self.specs if s.key)

    # -------------------------------------------------------------- internals

    def _update_details(self) -> None:
        shortfall = self.is_shortfall()
        has_note = bool(self.note_edit.toPlainText().strip())
        reasons = bool(self.reasons_offered())
        self.agency_label.setVisible(shortfall)
        self.agency_picker.setVisible(shortfall)
        self.reason_label.setVisible(reasons)
        self.reason_combo.setVisible(reasons)
        has_chips = bool(self.chips)
        self.themes_label.setVisible(shortfall and has_chips)
        self.chip_row.setVisible(shortfall and has_chips)
        self.details.setVisible(self.applicable and (shortfall or has_note or reasons))

    def _describe(self) -> None:
        q = self.question
        self.setAccessibleName(f"Question {self.number}: {q.text}")
        if not self.applicable:
            self.setAccessibleDescription(self.na_label.text())
            return
        spec = next((s for s in self.specs if s.value == self._state.value), None)
        answer = f"Answer: {spec.label}." if spec else "Not answered."
        self.setAccessibleDescription(f"{answer} Keys: {self.key_help()}.")

    def _on_button_clicked(self, button: QPushButton) -> None:
        value = str(button.property("value"))
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if self._read_only:
            self.set_state(self._state)
            return
        # The group has already checked the button; the owner decides by calling set_state.
        self.set_state(self._state)
        if value != self._state.value:
            self.answer_chosen.emit(self.question.id, value)

    def _on_chip(self, theme_id: str, on: bool) -> None:
        self.theme_toggled.emit(theme_id, self.question.id, on)

    def _return_focus(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def choose(self, value: str | None) -> None:
        """Answer as if the user had pressed the button (no-op when read-only)."""
        if self._read_only or not self.applicable or value == self._state.value:
            return
        self.answer_chosen.emit(self.question.id, value)

    def open_details(self) -> None:
        """Enter: move into the attribution (or the reason, or the note) of this question."""
        if self.agency_picker.isVisible():
            self.agency_picker.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif self.reason_combo.isVisible():
            self.reason_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif self.applicable:
            self.details.show()
            self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if handle_navigation_key(self, event):
            return
        key = event.key()
        text = event.text().upper()
        if event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                 | Qt.KeyboardModifier.KeypadModifier):
            super().keyPressEvent(event)
        elif text and text in self._key_map:
            if not self._read_only and self.applicable:
                self.choose(self._key_map[text])
                self.move_requested.emit(1)
        elif key == Qt.Key.Key_F1 or (text == "G" and "G" not in self._key_map):
            self.set_guidance_visible(not self.guidance_label.isVisible())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_details()
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.choose(None)
        else:
            super().keyPressEvent(event)


def handle_navigation_key(widget: QObject, event: QKeyEvent) -> bool:
    """J/Down and K/Up emit ``move_requested`` on ``widget``; True when handled."""
    if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return False
    key = event.key()
    keys = getattr(widget, "_key_map", {})
    if key == Qt.Key.Key_Down or (key == Qt.Key.Key_J and "J" not in keys):
        widget.move_requested.emit(1)  # type: ignore[attr-defined]
        return True
    if key == Qt.Key.Key_Up or (key == Qt.Key.Key_K and "K" not in keys):
        widget.move_requested.emit(-1)  # type: ignore[attr-defined]
        return True
    return False
