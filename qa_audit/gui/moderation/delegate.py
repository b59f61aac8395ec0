"""Editing the agreed column: typed keys, and the combo, agency picker and rationale editors.

``GridKeys`` makes the grid a place to talk at: on an editable row, an answer's
key letter (as on the Scoring page) or a digit for the grade is handed to the
page (``on_key``), which records it and moves down; Enter opens the cell's editor.
Other letters do nothing: Qt's keyboard search would jump to another row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from qa_audit.domain.rubric import Agency
from qa_audit.gui.moderation.grid_model import CHOICES_ROLE, MULTI_ROLE
from qa_audit.gui.scoring.agency_picker import AgencyPicker


class _ChoiceCombo(QComboBox):
    """The agreed-answer editor: remembers whether its list was opened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.popup_used = False

    def showPopup(self) -> None:
        self.popup_used = True
        super().showPopup()


class AgreedDelegate(QStyledItemDelegate):
    """Combo of valid answers (``CHOICES_ROLE``) for the agreed and attribution cells;
    a line editor for the rationale. The list opens at once, and choosing from it
    (mouse or arrow keys + Enter) commits immediately."""

    open_popup = True

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        choices = index.data(CHOICES_ROLE)
        model = index.model()
        header = model.headerData(index.column(), Qt.Orientation.Horizontal) if model else ""
        name = str(header or "").replace("\n", " ")
        if index.data(MULTI_ROLE):
            return self._agency_editor(parent, choices or [], name)
        if choices is None:
            editor = QLineEdit(parent)
            editor.setAccessibleName(name or "Rationale")
            editor.setPlaceholderText("Why the agreed answer differs")
            return editor
        combo = _ChoiceCombo(parent)
        combo.setAccessibleName("Agreed answer" if name in ("", "Agreed") else name)
        for label, value in choices:
            combo.addItem(label, value)
        combo.activated.connect(lambda _i, c=combo: self._picked(c))
        if self.open_popup:
            QTimer.singleShot(0, combo, combo.showPopup)
        return combo

    def _agency_editor(self, parent: QWidget, choices: list[tuple[str, str]],
                       name: str) -> AgencyPicker:
        """The agreed agencies: a picker whose menu opens at once; closing the menu
        (Esc, or a click elsewhere) commits what is ticked."""
        picker = AgencyPicker([Agency(aid, label) for label, aid in choices],
                              name or "Attribution", parent)
        picker.setAutoFillBackground(True)

        def done() -> None:
            self.commitData.emit(picker)
            self.closeEditor.emit(picker, QStyledItemDelegate.EndEditHint.NoHint)

        picker.menu_.aboutToHide.connect(lambda: QTimer.singleShot(0, picker, done))
        if self.open_popup:
            QTimer.singleShot(0, picker, picker.open_menu)
        return picker

    def _picked(self, combo: _ChoiceCombo) -> None:
        if combo.popup_used:
            self.commitData.emit(combo)
            self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget,
                      index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, AgencyPicker):
            editor.set_selected(index.data(Qt.ItemDataRole.EditRole) or ())
            return
        if isinstance(editor, QComboBox):
            current = index.data(Qt.ItemDataRole.EditRole)
            found = next((i for i in range(editor.count()) if editor.itemData(i) == current), 0)
            editor.setCurrentIndex(found)
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, AgencyPicker):
            model.setData(index, editor.selected(), Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class GridKeys(QObject):
    """Keys on the grid (not while an editor is open): Enter / Return edits the current
    cell (F2 still works); any other plain key is offered to ``on_key(index, text,
    key)``, which returns True when it used it."""

    def __init__(self, view: QAbstractItemView,
                 on_key: Callable[[QModelIndex, str, int], bool]) -> None:
        super().__init__(view)
        self.view = view
        self.on_key = on_key

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) \
                or self.view.state() == QAbstractItemView.State.EditingState:
            return super().eventFilter(watched, event)
        index = self.view.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.view.edit(index)
                return True
            return super().eventFilter(watched, event)
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                          | Qt.KeyboardModifier.KeypadModifier)
        if plain and index.isValid() and self.on_key(index, event.text(), event.key()):
            return True
        if plain and event.text().strip() and event.text().isprintable():
            return True  # no "keyboard search": a stray letter never jumps to another row
        return super().eventFilter(watched, event)
