"""What the user does to the agreed column and panel, turned into changes.

Typed keys on the grid (an answer's key letter records it and moves down, a digit
the agreed grade, R the rationale, T the attribution), picks from a cell's list,
the grade buttons, "Agree where unanimous", and the themes and texts. Each edit
goes to ``AgreedEditor`` (undo command, in-place display, queued save); which
key means what is worked out without Qt in ``agreeing``.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QListWidgetItem

from qa_audit.gui.moderation import agreeing
from qa_audit.gui.moderation.agreeing import agreed_state, with_value
from qa_audit.gui.moderation.editing import AgreedEditor
from qa_audit.gui.moderation.presenter import (
    FIELD_AGENCY,
    FIELD_REASON,
    FIELD_VALUE,
    OVERALL_KEY,
)
from qa_audit.gui.moderation.screen import Screen


class AgreedInput:
    """The page's keyboard and editing handlers for the agreed scores."""

    def __init__(self, page: Screen, editor: AgreedEditor) -> None:
        self.page = page
        self.editor = editor

    def agree_unanimous(self) -> None:
        """Agree every open row whose submitted members all agree (one undo step), then
        put the cursor on the first row left to discuss."""
        page = self.page
        if page.view is None or not page.can_edit():
            return
        changes = agreeing.unanimous_changes(page.view)
        if changes:
            self.editor.push(changes, f"Agree {len(changes)} unanimous rows")
        remaining = agreeing.open_rows(page.view.rows)
        page.ctx.status_message.emit(agreeing.unanimous_summary(len(changes), remaining))
        shown = agreeing.shown_rows(page.view.rows, page.ui.disagreementsOnlyCheck.isChecked())
        first = next((i for i, r in enumerate(page.view.rows) if r.agreed is None and shown[i]),
                     None)
        if first is not None:
            page.go_to_row(first)

    def on_grid_key(self, index: QModelIndex, text: str, key: int) -> bool:
        """A typed key on any cell of a row: an answer or grade is agreed for the row and
        the cursor moves down; R opens the rationale, T the attribution; Backspace or
        Delete on the Agreed cell clears it."""
        page = self.page
        if page.view is None or not page.can_edit():
            return False
        row = page.view.rows[index.row()]
        upper = text.strip().upper()
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            return index.column() == page.grid_model.agreed_column and self.editor.change(
                row.key, with_value(row, None), f"Clear {row.key}")
        value = agreeing.answer_for_key(row, upper, page.answer_keys.get(row.key, {}))
        if value is None and upper.isdigit() and page.rubric is not None:
            grade = agreeing.grade_for_digit(upper, page.rubric.overall.min,
                                             page.rubric.overall.max)
            if grade is None:
                return True  # a digit off the scale: swallowed, nothing changes
            self.editor.change(OVERALL_KEY, with_value(page.view.overall, str(grade)),
                               f"Agreed grade {grade}")
            return True
        if value is not None:
            if row.is_overall and agreeing.grade_for_digit(
                    value, page.rubric.overall.min if page.rubric else 0,
                    page.rubric.overall.max if page.rubric else -1) is None:
                return True
            self.editor.change(row.key, with_value(row, value), f"Agree {row.key}: {value}")
            page.ctx.status_message.emit(agreeing.left_text(agreeing.open_rows(page.view.rows)))
            shown = agreeing.shown_rows(page.view.rows, page.ui.disagreementsOnlyCheck.isChecked())
            page.ui.gridView.setCurrentIndex(page.grid_model.index(
                agreeing.next_shown(shown, index.row()), index.column()))
            return True
        if upper == "R":
            page.edit_rationale(row.key)
            return True
        if upper == "T":
            page.edit_cell(row.key, page.grid_model.agency_column)
            return True
        return False

    def on_edit_requested(self, key: str, field: str, value: object) -> None:
        """An edit from a cell's editor (a pick from its list, agencies, a rationale)."""
        page = self.page
        if page.view is None or not page.can_edit():
            return
        row = page.view.row(key)
        text = None if value is None else str(value)
        state = agreed_state(row)
        if field == FIELD_VALUE:
            after = with_value(row, text)
        elif field == FIELD_AGENCY:
            agencies = tuple(str(a) for a in value) if isinstance(value, tuple | list) else ()
            after = replace(state, agencies=agencies)
        elif field == FIELD_REASON:
            after = replace(state, reason=text)
        else:
            after = replace(state, rationale=text or None)
        changed = self.editor.change(key, after, f"Agreed {field} of {key}")
        if changed and field == FIELD_VALUE and page.view is not None \
                and page.view.row(key).rationale_needed:
            page.edit_rationale(key)  # chosen from the list: say why at once

    def save_overall(self, grade: int | None) -> None:
        page = self.page
        if page.view is not None:
            self.editor.change(OVERALL_KEY, with_value(page.view.overall,
                                                       None if grade is None else str(grade)),
                               f"Agreed grade {grade}")

    def on_grade_clicked(self, grade: int) -> None:
        page = self.page
        if page.view is None or not page.can_edit() or grade == page.agreed_grade():
            return
        self.save_overall(grade)
        if page.view is not None and page.view.overall.rationale_needed:
            page.ui.overallRationaleEdit.setFocus()

    def on_overall_rationale(self) -> None:
        page = self.page
        if page.filling or page.view is None or not page.can_edit():
            return
        text = page.ui.overallRationaleEdit.text().strip()
        overall = page.view.overall
        if page.agreed_grade() is None or text == (overall.rationale or ""):
            return
        self.editor.change(OVERALL_KEY, replace(agreed_state(overall), rationale=text or None),
                           "Rationale of the agreed grade")

    def save_texts(self) -> bool:
        """Queue the agreed themes, strengths and areas for development together."""
        page = self.page
        if page.view is None or page.info is None or not page.can_edit():
            return False
        themes = {}
        for i in range(page.ui.themesList.count()):
            item = page.ui.themesList.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                themes[item.data(Qt.ItemDataRole.UserRole)] = \
                    item.data(Qt.ItemDataRole.UserRole + 1)
        page.texts_dirty = False
        self.editor.save_texts(page.ui.strengthsEdit.toPlainText().strip(),
                               page.ui.developmentEdit.toPlainText().strip(), themes)
        return True

    def flush_texts(self) -> None:
        """Leaving a plan with unsaved themes or texts saves them (never drops them)."""
        page = self.page
        if page.texts_dirty and page.view is not None and page.can_edit():
            self.save_texts()
        page.texts_dirty = False

    def on_theme_toggled(self, item: QListWidgetItem) -> None:
        page = self.page
        if page.filling or not page.can_edit():
            return
        page.panel.remember_theme(item.data(Qt.ItemDataRole.UserRole))
        self.save_texts()

    def on_texts_edited(self, *_args: object) -> None:
        page = self.page
        if not page.filling:
            page.texts_dirty = True
            page.ui.saveTextsButton.setEnabled(page.can_edit())
