"""The whole scoring form for one plan, generated from a rubric and the plan's facts.

Sections with their questions (``QuestionWidget``), then the theme tags (every
theme of the rubric; those suggested by the member's shortfall answers are
highlighted), strengths and areas for development, and the overall grade as
buttons coloured by band (RAG) under the band names.

Keyboard navigation visits the applicable questions and then the overall grade;
questions that do not apply to the plan are shown greyed and skipped. The form
only shows and reports; the owner records changes and calls the ``set_*`` methods.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from qa_audit.domain.rubric import RAG_VALUES, Band, OverallScale, Rubric, Theme
from qa_audit.gui.scoring.answers import AnswerState
from qa_audit.gui.scoring.question_widget import QuestionWidget, handle_navigation_key
from qa_audit.gui.scoring.widgets import (
    AnswerButton,
    FlowLayout,
    NoteEdit,
    ScoringFrame,
    WrapLabel,
    make_theme_chip,
    muted_label,
)

RAG_TONES = {rag: rag for rag in RAG_VALUES}  # every band colour has a tone of its own
COMMENT_FIELDS = ("strengths", "development")


def _heading(text: str, parent: QWidget, size: str = "large") -> QLabel:
    label = WrapLabel(f'<span style="font-size:{size}; font-weight:600">{html.escape(text)}'
                      "</span>", parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAccessibleName(text)
    return label


class OverallGradeWidget(ScoringFrame):
    """The overall grade: one button per grade, grouped under the band names."""

    grade_chosen = Signal(object)  # int or None
    move_requested = Signal(int)

    def __init__(self, overall: OverallScale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overall = overall
        self._grade: int | None = None
        self._read_only = False
        self._buttons: dict[int, AnswerButton] = {}
        self._key_map: dict[str, int] = {}
        self.setObjectName("overallGrade")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(_heading("Overall grade", self, "large"))
        good = overall.good_text()
        hint = f"{overall.scale_text()}; {good} is a good plan. " if good else \
            f"{overall.scale_text()}. "
        keys = "Press the grade's digit to choose it." if overall.max <= 9 else ""
        layout.addWidget(muted_label(hint + keys, self))
        self.band_row = QWidget(self)
        flow = FlowLayout(self.band_row, spacing=14)
        self.group = QButtonGroup(self)
        for band in overall.bands:
            flow.addWidget(self._band_box(band))
        self.group.buttonClicked.connect(self._on_clicked)
        layout.addWidget(self.band_row)
        self._describe()

    def _band_box(self, band: Band) -> QWidget:
        box = QWidget(self.band_row)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        span = f"{band.from_}" if band.from_ == band.to else f"{band.from_}-{band.to}"
        title = QLabel(f"{band.label} ({span})", box)
        title.setToolTip(band.description)
        title.setAccessibleName(f"Band {band.label}, grades {span}")
        column.addWidget(title)
        row = QWidget(box)
        buttons = QHBoxLayout(row)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(6)
        for grade in range(band.from_, band.to + 1):
            button = AnswerButton(str(grade), RAG_TONES.get(band.rag, "neutral"), row,
                                  min_em=3.2)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("grade", grade)
            button.setToolTip(f"{grade}: {band.label}. {band.description}".strip())
            button.setAccessibleName(f"Grade {grade} {band.label}")
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button)
            self.group.addButton(button)
            self._buttons[grade] = button
            if 0 <= grade <= 9:
                self._key_map[str(grade)] = grade
        buttons.addStretch(1)
        column.addWidget(row)
        return box

    def grade(self) -> int | None:
        return self._grade

    def set_grade(self, grade: int | None) -> None:
        self._grade = grade
        self.group.setExclusive(False)
        for value, button in self._buttons.items():
            button.setChecked(value == grade)
        self.group.setExclusive(True)
        self._describe()

    def button(self, grade: int) -> AnswerButton:
        return self._buttons[grade]

    def buttons(self) -> list[AnswerButton]:
        return list(self._buttons.values())

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for button in self._buttons.values():
            button.setEnabled(not read_only)

    def choose(self, grade: int | None) -> None:
        if not self._read_only and grade != self._grade:
            self.grade_chosen.emit(grade)

    def _describe(self) -> None:
        self.setAccessibleName("Overall grade")
        shown = "not given" if self._grade is None else str(self._grade)
        self.setAccessibleDescription(f"Grade {shown}. Keys: digits "
                                      f"{self.overall.min} to {self.overall.max}.")

    def _on_clicked(self, button: QPushButton) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        grade = int(button.property("grade"))
        self.set_grade(self._grade)
        self.choose(grade)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if handle_navigation_key(self, event):
            return
        text = event.text()
        if text in self._key_map and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.choose(self._key_map[text])
        elif event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.choose(None)
        else:
            super().keyPressEvent(event)


class ThemeTagsWidget(QFrame):
    """Every theme of the rubric as a chip; suggested ones are highlighted."""

    theme_toggled = Signal(str, bool)

    def __init__(self, themes: Iterable[Theme], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("themeTags")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_heading("Themes", self))
        layout.addWidget(muted_label("Tag the findings trainers should track. Themes your "
                                     "shortfall answers suggest are highlighted.", self))
        row = QWidget(self)
        flow = FlowLayout(row, spacing=6)
        self.chips: dict[str, AnswerButton] = {}
        for theme in themes:
            chip = make_theme_chip(theme, f"Theme {theme.label}", row)
            chip.toggled.connect(lambda on, tid=theme.id: self.theme_toggled.emit(tid, on))
            flow.addWidget(chip)
            self.chips[theme.id] = chip
        layout.addWidget(row)

    def set_themes(self, theme_ids: Iterable[str]) -> None:
        chosen = set(theme_ids)
        for theme_id, chip in self.chips.items():
            chip.blockSignals(True)
            chip.setChecked(theme_id in chosen)
            chip.blockSignals(False)

    def set_suggested(self, theme_ids: Iterable[str]) -> None:
        suggested = set(theme_ids)
        for theme_id, chip in self.chips.items():
            chip.set_suggested(theme_id in suggested)

    def set_read_only(self, read_only: bool) -> None:
        for chip in self.chips.values():
            chip.setEnabled(not read_only)


class CommentsWidget(QWidget):
    """Strengths and areas for development."""

    text_edited = Signal(str)  # field name
    text_finished = Signal(str)

    LABELS: ClassVar[dict[str, str]] = {"strengths": "&Strengths",
                                        "development": "Areas for &development"}
    HINTS: ClassVar[dict[str, str]] = {
        "strengths": "What this plan does well (could it be an exemplar?)",
        "development": "What should change, and who should change it"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, NoteEdit] = {}
        for field in COMMENT_FIELDS:
            label = QLabel(self.LABELS[field], self)
            edit = NoteEdit(4.0, self)
            edit.setObjectName(f"{field}Edit")
            edit.setAccessibleName(self.LABELS[field].replace("&", ""))
            edit.setPlaceholderText(self.HINTS[field])
            label.setBuddy(edit)
            edit.textChanged.connect(lambda f=field: self.text_edited.emit(f))
            edit.focus_left.connect(lambda f=field: self.text_finished.emit(f))
            layout.addWidget(label)
            layout.addWidget(edit)

            self.edits[field] = edit

    def text(self, field: str) -> str:
        return self.edits[field].toPlainText()

    def set_text(self, field: str, text: str | None) -> None:
        edit = self.edits[field]
        if (text or "") != edit.toPlainText():
            edit.blockSignals(True)
            edit.setPlainText(text or "")
            edit.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(read_only)


class ScoringForm(QWidget):
    """All questions of a rubric for one plan's facts, the themes, comments and the grade."""

    answer_chosen = Signal(str, object)
    agency_chosen = Signal(str, object)
    reason_chosen = Signal(str, object)
    note_edited = Signal(str)
    note_finished = Signal(str)
    #: (theme id, question id or None, on)
    theme_toggled = Signal(str, object, bool)
    grade_chosen = Signal(object)
    text_edited = Signal(str)
    text_finished = Signal(str)
    #: the question (or overall grade) now current
    current_changed = Signal(object)
    #: the auditor asked to see the plan pane's suggestions for a question (question id)
    evidence_requested = Signal(str)

    def __init__(self, rubric: Rubric, facts: Mapping[str, object],
                 parent: QWidget | None = None, *, comments: bool = True) -> None:
        super().__init__(parent)
        self.rubric = rubric
        self.facts = dict(facts)
        self.setObjectName("scoringForm")
        self.questions: dict[str, QuestionWidget] = {}
        self._themes: dict[str, str | None] = {}
        self._current: QWidget | None = None
        self._read_only = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 10, 12)
        layout.setSpacing(10)
        self._add_questions(layout)
        self.themes_widget = ThemeTagsWidget(rubric.themes, self)
        self.themes_widget.theme_toggled.connect(
            lambda tid, on: self.theme_toggled.emit(tid, None, on))
        layout.addWidget(self.themes_widget)

        self.comments = CommentsWidget(self)
        self.comments.text_edited.connect(self.text_edited)
        self.comments.text_finished.connect(self.text_finished)
        self.comments.setVisible(comments)
        layout.addWidget(self.comments)

        self.overall = OverallGradeWidget(rubric.overall, self)
        self.overall.grade_chosen.connect(self.grade_chosen)
        self.overall.move_requested.connect(self.move)
        layout.addWidget(self.overall)
        layout.addStretch(1)

        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def _add_questions(self, layout: QVBoxLayout) -> None:
        """Every question, under its section's heading, numbered through the rubric."""
        rubric = self.rubric
        number = 0
        for section in rubric.sections:
            layout.addWidget(_heading(section.title, self))
            if section.guidance:
                layout.addWidget(muted_label(section.guidance, self))
            for question in section.questions:
                number += 1
                widget = QuestionWidget(question, number,
                                        applicable=question.applies_to(self.facts),
                                        agencies=rubric.agencies, themes=rubric.themes,
                                        parent=self)
                widget.answer_chosen.connect(self.answer_chosen)
                widget.agency_chosen.connect(self.agency_chosen)
                widget.reason_chosen.connect(self.reason_chosen)
                widget.note_edited.connect(self.note_edited)
                widget.note_finished.connect(self.note_finished)
                widget.theme_toggled.connect(self.theme_toggled.emit)
                widget.move_requested.connect(self.move)
                widget.evidence_requested.connect(self.evidence_requested)
                self.questions[question.id] = widget
                layout.addWidget(widget)

    def set_facts(self, facts: Mapping[str, object],
                  states: Mapping[str, AnswerState] | None = None) -> None:
        """Switch to another plan of the same rubric: new applicability, the answers in
        ``states`` (question id -> state; by default none), everything else blank."""
        self.facts = dict(facts)
        states = states or {}
        blank = AnswerState()
        for qid, widget in self.questions.items():
            widget.show_plan(widget.question.applies_to(self.facts), states.get(qid, blank))
        self._clear_rest()

    def clear(self) -> None:
        """Blank answers, attributions, notes, themes, comments and grade."""
        for widget in self.questions.values():
            widget.set_state(AnswerState())
        self._clear_rest()

    def _clear_rest(self) -> None:
        self.set_themes({})
        for field in COMMENT_FIELDS:
            self.set_text(field, None)
        self.set_grade(None)
        self.refresh_suggestions()
        if isinstance(self._current, ScoringFrame):
            self._current.set_current(False)
        self._current = None

    # ------------------------------------------------------------- navigation

    def items(self) -> list[QWidget]:
        """What J/K visit: the applicable questions, then the overall grade."""
        return [w for w in self.questions.values() if w.applicable] + [self.overall]

    def current(self) -> QWidget | None:
        return self._current

    def current_index(self) -> int:
        items = self.items()
        return items.index(self._current) if self._current in items else -1

    def focus_item(self, widget: QWidget) -> None:
        self._set_current(widget)
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # shadows QWidget.move(x, y); that is not virtual, so Qt's own calls still reach it
    def move(self, delta: int) -> None:  # type: ignore[override]
        """Focus the next (+1) or previous (-1) applicable question or the grade."""
        items = self.items()
        index = self.current_index()
        target = 0 if index < 0 else max(0, min(len(items) - 1, index + delta))
        self.focus_item(items[target])

    def focus_question(self, question_id: str) -> None:
        self.focus_item(self.questions[question_id])

    def focus_first_unanswered(self) -> None:
        """The first applicable question without an answer, else the grade."""
        for widget in self.questions.values():
            if widget.applicable and not widget.value:
                self.focus_item(widget)
                return
        self.focus_item(self.overall)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        items = self.items()
        widget = new
        while widget is not None and widget is not self:
            if widget in items:
                self._set_current(widget)
                return
            widget = widget.parentWidget()

    def _set_current(self, widget: QWidget) -> None:
        if widget is self._current:
            self._ensure_visible(widget)
            return
        if isinstance(self._current, ScoringFrame):
            self._current.set_current(False)
        self._current = widget
        if isinstance(widget, ScoringFrame):
            widget.set_current(True)
        self._ensure_visible(widget)
        self.current_changed.emit(widget)

    def ensure_visible(self, widget: QWidget) -> None:
        """Scroll the form so that this widget (e.g. a question's note) shows."""
        self._ensure_visible(widget)

    def _ensure_visible(self, widget: QWidget) -> None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 10, 30)

    # ------------------------------------------------------------------ state

    def answer_state(self, question_id: str) -> AnswerState:
        return self.questions[question_id].state()

    def set_answer_state(self, question_id: str, state: AnswerState) -> None:
        self.questions[question_id].set_state(state)
        self.refresh_suggestions()

    def answers(self) -> dict[str, str | None]:
        """Answer code per applicable question (None when unanswered)."""
        return {qid: w.value for qid, w in self.questions.items() if w.applicable}

    def applicable_count(self) -> int:
        return sum(1 for w in self.questions.values() if w.applicable)

    def answered_count(self) -> int:
        return sum(1 for w in self.questions.values() if w.applicable and w.value)

    def grade(self) -> int | None:
        return self.overall.grade()

    def set_grade(self, grade: int | None) -> None:
        self.overall.set_grade(grade)

    def themes(self) -> dict[str, str | None]:
        return dict(self._themes)

    def set_themes(self, themes: Mapping[str, str | None]) -> None:
        self._themes = dict(themes)
        for widget in self.questions.values():
            widget.set_themes(self._themes)
        self.themes_widget.set_themes(self._themes)

    def text(self, field: str) -> str:
        return self.comments.text(field)

    def set_text(self, field: str, text: str | None) -> None:
        self.comments.set_text(field, text)

    def refresh_suggestions(self) -> None:
        """Highlight the themes suggested by questions answered as a shortfall."""
        suggested: set[str] = set()
        for widget in self.questions.values():
            if widget.applicable and widget.is_shortfall():
                suggested.update(widget.question.suggested_themes)
        self.themes_widget.set_suggested(suggested)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for widget in self.questions.values():
            widget.set_read_only(read_only)
        self.themes_widget.set_read_only(read_only)
        self.comments.set_read_only(read_only)
        self.overall.set_read_only(read_only)

    @property
    def read_only(self) -> bool:
        return self._read_only
