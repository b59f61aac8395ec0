"""One rubric question as a widget: text, descriptor, collapsible guidance, big answer buttons.

The widget knows nothing about databases or undo: it shows an ``AnswerState`` and
emits what the user asked for (``answer_chosen``, ``agency_chosen``, ``note_edited``,
``theme_toggled``, ``move_requested``). Whoever owns it (the scoring page, later the
moderation screen) decides what a choice means, records it and calls ``set_state``.

Keyboard (when the question has focus): the option's shortcut letter from the
rubric (``Option.key``, e.g. Y/P/N), digits for scale levels, ``A`` (or ``X``) for
N/A answer the question; J/K or Down/Up move; Backspace/Delete clear; Enter goes
to the attribution and evidence note; F1 (or G) shows the guidance.

The answer states and buttons are plain data (``answers``); the painted pieces are
in ``widgets``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qa_audit.domain.rubric import Agency, Question, Reason, Theme
from qa_audit.gui.scoring import answers
from qa_audit.gui.scoring.agency_picker import AgencyPicker
from qa_audit.gui.scoring.answers import AnswerState, answer_specs, applies_when_text
from qa_audit.gui.scoring.widgets import (
    TONES,
    AnswerButton,
    FlowLayout,
    NoteEdit,
    NoWheelCombo,
    ScoringFrame,
    WrapLabel,
    make_answer_button,
    make_theme_chip,
    muted_label,
    tint,
)

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
        """Top to bottom (the creation order is the tab order): wording, hints, answer
        buttons, then the shortfall details."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(self._build_header())
        for label in self._build_texts():
            layout.addWidget(label)
        layout.addWidget(self._build_answers())
        self.details = QWidget(self)
        grid = QGridLayout(self.details)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setColumnStretch(1, 1)
        self._build_attribution(grid, agencies)
        self._build_themes(grid, themes)
        self.details.hide()
        layout.addWidget(self.details)
        self.set_applicable(self.applicable)

    def _build_header(self) -> QHBoxLayout:
        q = self.question
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
        return header

    def _build_texts(self) -> list[QLabel]:
        """The descriptor, the plan pane's hint, the guidance and the "not applicable" line."""
        q = self.question
        self.descriptor_label = muted_label(q.descriptor, self)
        self.descriptor_label.setVisible(bool(q.descriptor))
        self.descriptor_label.setAccessibleName(f"What good looks like for question {q.id}")

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

        self.guidance_label = WrapLabel(q.guidance, self)
        self.guidance_label.setTextFormat(Qt.TextFormat.PlainText)
        self.guidance_label.setMargin(6)
        tint(self.guidance_label, "#1f2937", "#eef2f7")
        self.guidance_label.setAccessibleName(f"Guidance for question {q.id}")
        self.guidance_label.hide()

        self.na_label = muted_label(
            f"Not applicable to this plan (applies when {applies_when_text(q)})", self,
            italic=True)
        self.na_label.setAccessibleName(f"Question {q.id} does not apply to this plan")
        return [self.descriptor_label, self.evidence_label, self.guidance_label, self.na_label]

    def _build_answers(self) -> QWidget:
        self.answer_row = QWidget(self)
        flow = FlowLayout(self.answer_row, spacing=8)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        for spec in self.specs:
            button = make_answer_button(spec, spec.accessible_name(self.question.id),
                                        self.answer_row)
            flow.addWidget(button)
            self.group.addButton(button)
            self._buttons[spec.value] = button
        self.group.buttonClicked.connect(self._on_button_clicked)
        return self.answer_row

    def _build_attribution(self, grid: QGridLayout, agencies: Sequence[Agency]) -> None:
        """Attributed to, reason and evidence note (shown for shortfalls and notes)."""
        q = self.question
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

    def _build_themes(self, grid: QGridLayout, themes: Sequence[Theme]) -> None:
        """Chips for the rubric's themes this question suggests."""
        q = self.question
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
        return answers.reasons_offered(self.question, self._state.value if value is None
                                       else value)

    def is_shortfall(self, value: str | None = None) -> bool:
        return answers.is_shortfall(self.question, self._state.value if value is None
                                    else value)

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
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
