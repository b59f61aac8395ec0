"""Undoable scoring changes (Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y).

Each command holds the value before and after, and on redo *and* undo asks its
target to apply that value. The target (the scoring page) shows it and saves it
at once, so undoing an answer also undoes it in the database (autosave). Text
typed into notes and comments is not on this stack: the text box has its own
undo, and it is saved when typing pauses. A quote added from the plan pane is
(``AddQuoteCommand``), so Ctrl+Z takes it out of the note again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from qa_audit.gui.scoring.answers import AnswerState
from qa_audit.gui.scoring.evidence import append_quote, remove_quote

Themes = Mapping[str, str | None]


class ScoringTarget(Protocol):
    """What the commands change: show the value and save it."""

    def apply_answer(self, question_id: str, state: AnswerState) -> None: ...

    def apply_grade(self, grade: int | None) -> None: ...

    def apply_themes(self, themes: Themes) -> None: ...

    def note_of(self, question_id: str) -> str | None: ...

    def apply_note(self, question_id: str, note: str | None) -> None: ...


def _shown(value: object) -> str:
    return "blank" if value in (None, "") else str(value)


class SetAnswerCommand(QUndoCommand):
    """Answer a question (or clear it); the attribution and note travel with it."""

    def __init__(self, target: ScoringTarget, question_id: str, before: AnswerState,
                 after: AnswerState, text: str | None = None) -> None:
        super().__init__(text or f"Answer {question_id}: {_shown(after.value)}")
        self.target = target
        self.question_id = question_id
        self.before = before
        self.after = after

    def redo(self) -> None:
        self.target.apply_answer(self.question_id, self.after)

    def undo(self) -> None:
        self.target.apply_answer(self.question_id, self.before)


class SetAttributionCommand(SetAnswerCommand):
    """Attribute a shortfall to one or more agencies (or remove the attribution)."""

    def __init__(self, target: ScoringTarget, question_id: str, before: AnswerState,
                 after: AnswerState) -> None:
        super().__init__(target, question_id, before, after,
                         f"Attribute {question_id} to {_shown(', '.join(after.agencies))}")


class SetReasonCommand(SetAnswerCommand):
    """Give (or remove) the reason for a shortfall or an N/A."""

    def __init__(self, target: ScoringTarget, question_id: str, before: AnswerState,
                 after: AnswerState) -> None:
        super().__init__(target, question_id, before, after,
                         f"Reason for {question_id}: {_shown(after.reason)}")


class AddQuoteCommand(QUndoCommand):
    """Add a quote from the plan pane to a question's evidence note (undo takes it out).

    Undo removes only the quote, so whatever was typed in the note since stays.
    """

    def __init__(self, target: ScoringTarget, question_id: str, quote: str,
                 text: str | None = None) -> None:
        super().__init__(text or f"Quote into the note of {question_id}")
        self.target = target
        self.question_id = question_id
        self.quote = quote

    def redo(self) -> None:
        after = append_quote(self.target.note_of(self.question_id), self.quote)
        if after is not None:
            self.target.apply_note(self.question_id, after)

    def undo(self) -> None:
        self.target.apply_note(self.question_id,
                               remove_quote(self.target.note_of(self.question_id), self.quote))


class SetGradeCommand(QUndoCommand):
    def __init__(self, target: ScoringTarget, before: int | None, after: int | None) -> None:
        super().__init__(f"Overall grade {_shown(after)}")
        self.target = target
        self.before = before
        self.after = after

    def redo(self) -> None:
        self.target.apply_grade(self.after)

    def undo(self) -> None:
        self.target.apply_grade(self.before)


class ToggleThemeCommand(QUndoCommand):
    """Tag (or untag) a theme; the whole tag set before and after is kept."""

    def __init__(self, target: ScoringTarget, theme_id: str, before: Themes,
                 after: Themes) -> None:
        verb = "Tag" if theme_id in after else "Untag"
        super().__init__(f"{verb} theme {theme_id}")
        self.target = target
        self.theme_id = theme_id
        self.before = dict(before)
        self.after = dict(after)

    def redo(self) -> None:
        self.target.apply_themes(self.after)

    def undo(self) -> None:
        self.target.apply_themes(self.before)


def toggled(themes: Themes, theme_id: str, question_id: str | None,
            on: bool) -> dict[str, str | None]:
    """The tag set after switching one theme on (from a question, or None) or off."""
    result = dict(themes)
    if on:
        result.setdefault(theme_id, question_id)
    else:
        result.pop(theme_id, None)
    return result


def undo_actions(stack: QUndoStack, parent: QObject) -> tuple[QAction, QAction]:
    """Undo (Ctrl+Z) and redo (Ctrl+Shift+Z and Ctrl+Y) actions for a page.

    Add them to the page with ``addAction``; their shortcuts work anywhere in it,
    except inside a text box, which undoes its own typing first.
    """
    undo = stack.createUndoAction(parent, "&Undo")
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo = stack.createRedoAction(parent, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    for action in (undo, redo):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    return undo, redo
