"""Undoable changes to the agreed column (Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y).

Like the Scoring page's commands: each holds the rows before and after and asks
its target to apply one or the other; the target shows it at once and queues its
save, so undo also undoes it in the database. "Agree where unanimous" is one
command, however many rows it agreed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from qa_audit.domain.items import ItemKey
from qa_audit.gui.moderation.agreeing import AgreedChange


class AgreedTarget(Protocol):
    def apply_changes(self, plan_ref: ItemKey, changes: Sequence[AgreedChange]) -> None: ...


class AgreeCommand(QUndoCommand):
    """Set one or more rows of one plan's agreed column."""

    def __init__(self, target: AgreedTarget, plan_ref: ItemKey, changes: Sequence[AgreedChange],
                 text: str) -> None:
        super().__init__(text)
        self.target = target
        self.plan_ref = plan_ref
        self.changes = tuple(changes)

    def redo(self) -> None:
        self.target.apply_changes(self.plan_ref, self.changes)

    def undo(self) -> None:
        self.target.apply_changes(self.plan_ref, [c.reversed() for c in self.changes])
