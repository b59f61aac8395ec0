"""Choosing the agencies a shortfall is attributed to: one or several.

A councils' panel may say a shortfall is down to two services at once (Kingston's
shares add up to more than 100%), so a single combo box is not enough. The picker
is a tool button showing the chosen agencies; Space, Enter, Down or a click opens
a checkable menu that stays open while agencies are ticked (arrows move, Space or
Enter ticks, Esc closes), so the keyboard reaches every agency.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QWidget

from qa_audit.domain.rubric import Agency

__all__ = ["AgencyPicker", "agencies_text"]

NOT_ATTRIBUTED = "Not attributed"


def agencies_text(ids: Iterable[str], labels: dict[str, str]) -> str:
    """``"Health, Social care"`` (labels in the order given), or "Not attributed"."""
    shown = [labels.get(a, a) for a in ids]
    return ", ".join(shown) if shown else NOT_ATTRIBUTED


class _StayOpenMenu(QMenu):
    """A menu whose checkable actions toggle without closing it."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self.activeAction()
        if (event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and action is not None and action.isCheckable() and action.isEnabled()):
            action.trigger()
            return
        super().keyPressEvent(event)


class AgencyPicker(QToolButton):
    """A multi-select of the rubric's agencies; ``changed`` carries the chosen ids in
    rubric order each time one is ticked or unticked by the user."""

    changed = Signal(tuple)

    def __init__(self, agencies: Sequence[Agency], accessible: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = {a.id: a.label for a in agencies}
        self.setAccessibleName(accessible)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setToolTip("Whose advice or work caused this shortfall (one or more)")
        self.menu_ = menu = _StayOpenMenu(self)
        menu.setObjectName("agencyMenu")
        self.actions_by_id: dict[str, QAction] = {}
        for agency in agencies:
            action = QAction(agency.label, menu)  # owned by the menu, not by a wrapper
            menu.addAction(action)
            action.setCheckable(True)
            action.setData(agency.id)
            action.toggled.connect(self._on_toggled)
            self.actions_by_id[agency.id] = action
        # shown with popup(), not the button's own (modal) menu: nothing waits on it
        self.clicked.connect(self.open_menu)
        self._show(())

    def selected(self) -> tuple[str, ...]:
        """The ticked agency ids, in rubric order."""
        return tuple(a for a, action in self.actions_by_id.items() if action.isChecked())

    def set_selected(self, ids: Iterable[str]) -> None:
        """Tick exactly these agencies, without emitting ``changed`` (loading, undo)."""
        wanted = set(ids)
        for agency_id, action in self.actions_by_id.items():
            action.blockSignals(True)
            action.setChecked(agency_id in wanted)
            action.blockSignals(False)
        self._show(self.selected())

    def toggle_agency(self, agency_id: str) -> None:
        """Tick or untick one agency as the user would (emits ``changed``)."""
        self.actions_by_id[agency_id].trigger()

    def open_menu(self) -> None:
        """Show the agencies under the button, the first (or first ticked) one active."""
        if not self.isEnabled() or not self.actions_by_id:
            return
        actions = list(self.actions_by_id.values())
        active = next((a for a in actions if a.isChecked()), actions[0])
        self.menu_.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self.menu_.setActiveAction(active)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            self.open_menu()
            return
        super().keyPressEvent(event)

    def _on_toggled(self, _on: bool) -> None:
        chosen = self.selected()
        self._show(chosen)
        self.changed.emit(chosen)

    def _show(self, chosen: tuple[str, ...]) -> None:
        text = agencies_text(chosen, self._labels)
        self.setText(f"{text} \u25be")
        self.setAccessibleDescription(text)
