"""What a click, a key or a quote on the scoring form does: an undoable command, shown
at once and saved in the background (``services.scoring``).

``ScoringEdits`` is the target of the undo commands (``commands.ScoringTarget``).
It works on the page it is given (``ScoringPage``, seen as a ``host.ScoringHost``):
its form, its presenter's session / plan / member, its undo stack and its autosave.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer

from qa_audit.evidence import format_quote
from qa_audit.gui.scoring import answers
from qa_audit.gui.scoring import page_presenter as present
from qa_audit.gui.scoring.answers import AnswerState
from qa_audit.gui.scoring.commands import (
    AddQuoteCommand,
    SetAnswerCommand,
    SetAttributionCommand,
    SetGradeCommand,
    SetReasonCommand,
    Themes,
    ToggleThemeCommand,
    toggled,
)
from qa_audit.gui.scoring.evidence import append_quote
from qa_audit.gui.scoring.host import ScoringHost
from qa_audit.gui.scoring.question_widget import QuestionWidget
from qa_audit.gui.scoring.scoring_form import COMMENT_FIELDS, ScoringForm
from qa_audit.services import scoring


class ScoringEdits(QObject):
    """Turns the form's signals into undoable, autosaved changes."""

    def __init__(self, page: ScoringHost, parent: QObject) -> None:
        super().__init__(parent)
        self.page = page

    @property
    def form(self) -> ScoringForm | None:
        return self.page.form

    def connect_form(self, form: ScoringForm) -> None:
        form.answer_chosen.connect(self._on_answer_chosen)
        form.agency_chosen.connect(self._on_agency_chosen)
        form.reason_chosen.connect(self._on_reason_chosen)
        form.theme_toggled.connect(self._on_theme_toggled)
        form.grade_chosen.connect(self._on_grade_chosen)
        form.note_edited.connect(lambda qid: self.text_changed(("note", qid)))
        form.note_finished.connect(lambda _qid: self.page.flush_text_saves())
        form.text_edited.connect(lambda field: self.text_changed(("text", field)))
        form.text_finished.connect(lambda _field: self.page.flush_text_saves())

    # ------------------------------------------------------------ the form's signals

    def _on_answer_chosen(self, question_id: str, value: object) -> None:
        if self.form is None or not self.page.editable():
            return
        widget = self.form.questions[question_id]
        before = widget.state()
        after = answers.answer_after_choice(widget.question, before,
                                            None if value is None else str(value))
        self.page.undo_stack.push(SetAnswerCommand(self, question_id, before, after))

    def _on_agency_chosen(self, question_id: str, agencies: object) -> None:
        if self.form is None or not self.page.editable():
            return
        before = self.form.answer_state(question_id)
        chosen = tuple(str(a) for a in agencies) if isinstance(agencies, tuple | list) else ()
        after = replace(before, agencies=chosen)
        if after != before:
            self.page.undo_stack.push(SetAttributionCommand(self, question_id, before, after))
        else:
            self.form.set_answer_state(question_id, before)

    def _on_reason_chosen(self, question_id: str, reason: object) -> None:
        if self.form is None or not self.page.editable():
            return
        before = self.form.answer_state(question_id)
        after = replace(before, reason=None if reason is None else str(reason))
        if after != before:
            self.page.undo_stack.push(SetReasonCommand(self, question_id, before, after))

    def _on_theme_toggled(self, theme_id: str, question_id: object, on: bool) -> None:
        if self.form is None or not self.page.editable():
            return
        before = self.form.themes()
        after = toggled(before, theme_id, None if question_id is None else str(question_id), on)
        if after != before:
            self.page.undo_stack.push(ToggleThemeCommand(self, theme_id, before, after))
        else:
            self.form.set_themes(before)

    def _on_grade_chosen(self, grade: object) -> None:
        if self.form is None or not self.page.editable():
            return
        after = None if grade is None else int(str(grade))
        self.page.undo_stack.push(SetGradeCommand(self, self.form.grade(), after))

    def text_changed(self, key: tuple[str, str]) -> None:
        if not self.page.editable():
            return
        if key[0] == "note" and self.form is not None:
            self.form.questions[key[1]].set_state(self.form.answer_state(key[1]))
        self.page.autosave.text_changed(key)

    # ------------------------------------------------------------ ScoringTarget

    def apply_answer(self, question_id: str, state: AnswerState) -> None:
        """Show an answer and save it (the note typed on screen is kept as it is)."""
        if self.form is None:
            return
        note = self.form.answer_state(question_id).note
        self.form.set_answer_state(question_id, replace(state, note=note))
        self.page.update_progress()
        self.save_answer(question_id)

    def note_of(self, question_id: str) -> str | None:
        """The evidence note as it is on screen (typing included)."""
        return None if self.form is None else self.form.answer_state(question_id).note

    def apply_note(self, question_id: str, note: str | None) -> None:
        """Show an evidence note (a quote added, or undone) and save it like a typed one."""
        if self.form is None:
            return
        state = self.form.answer_state(question_id)
        self.form.set_answer_state(question_id, replace(state, note=note or None))
        self.page.update_progress()
        self.save_answer(question_id)

    def apply_grade(self, grade: int | None) -> None:
        if self.form is None:
            return
        self.form.set_grade(grade)
        self.page.update_progress()
        session, plan, member = self.page.where()
        db = self.page.ctx.db
        self.page.autosave.save(
            ("grade", session, plan, member),
            lambda: scoring.save_overall(db, session, plan, member, grade),
            f"overall grade of {plan}")

    def apply_themes(self, themes: Themes) -> None:
        if self.form is None:
            return
        chosen = dict(themes)
        self.form.set_themes(chosen)
        session, plan, member = self.page.where()
        db = self.page.ctx.db
        self.page.autosave.save(("themes", session, plan, member),
                                lambda: scoring.set_themes(db, session, plan, member, chosen),
                                f"themes of {plan}")

    # ------------------------------------------------------------ saving

    def save_answer(self, question_id: str) -> bool:
        assert self.form is not None
        self.page.autosave.take_text("note", question_id)
        state = self.form.answer_state(question_id)
        session, plan, member = self.page.where()
        client_id = uuid.uuid4().hex
        db = self.page.ctx.db  # the database of the edit, even if another is opened meanwhile

        def op() -> None:
            scoring.save_answer(db, session, plan, member, question_id, state.value,
                                note=state.note, agencies=state.agencies,
                                reason=state.reason, client_id=client_id)

        return self.page.autosave.save(("answer", session, plan, member, question_id), op,
                                       f"answer to {question_id} on {plan}")

    def save_text(self, field: str) -> bool:
        assert self.form is not None
        text = self.form.text(field)
        session, plan, member = self.page.where()
        db = self.page.ctx.db
        what = "strengths" if field == "strengths" else "areas for development"
        return self.page.autosave.save(
            ("text", session, plan, member, field),
            lambda: scoring.save_texts(db, session, plan, member, **{field: text}),
            f"{what} of {plan}")

    def save_typed(self, pending: list[tuple[str, str]]) -> None:
        """Queue the typed notes and comments that were waiting for a pause."""
        if not self.page.editable():
            return
        for kind, name in pending:
            if kind == "note":
                self.save_answer(name)
            elif name in COMMENT_FIELDS:
                self.save_text(name)

    # ------------------------------------------------------------ quotes

    def add_quote(self, text: str, section: object, page_number: object) -> None:
        """Add a quote from the plan pane to the current question's evidence note."""
        form = self.form
        current = form.current() if form is not None else None
        question = current if isinstance(current, QuestionWidget) else None
        refusal = present.quote_refusal(
            question is not None, self.page.read_only_reason, self.page.editable(),
            question.applicable if question else False, question.number if question else 0)
        if refusal is not None or question is None:
            self.page.autosave.show_message(refusal or "", retry=False)
            return
        quote = format_quote(text, None if section is None else str(section),
                             None if page_number is None else int(str(page_number)))
        if append_quote(question.state().note, quote) is None:
            self.page.ctx.status_message.emit(
                f"That quote is already in the evidence note of Q{question.number}.")
            return
        self.page.undo_stack.push(AddQuoteCommand(self, question.question.id, quote))
        # Scroll to the whole note (not just its cursor) once the layout has made room.
        QTimer.singleShot(0, question, lambda: self._show_details_of(question))
        self.page.ctx.status_message.emit(
            f"Quote added to the evidence note of Q{question.number} (Ctrl+Z to undo).")

    def _show_details_of(self, widget: QuestionWidget) -> None:
        if self.form is not None and widget.details.isVisible():
            self.form.ensure_visible(widget.details)
