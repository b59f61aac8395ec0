"""The Scoring page's "I am" selector: the session's panel, and who scores.

Who is chosen is the presenter's decision (``ScoringPresenter.pick_member``); this
fills the combo box with it, telling no one (the page loads the plans itself).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from qa_audit.gui.scoring.page_presenter import ScoringPresenter
from qa_audit.services.sessions import SessionInfo

__all__ = ["fill_member_combo"]


def fill_member_combo(combo: QComboBox, presenter: ScoringPresenter, info: SessionInfo,
                      member: str | None, stored: object, os_user: str) -> None:
    """Members with their role (auditors plain); the chosen one current and remembered in
    the presenter. ``stored``: the choice kept in the settings for this session."""
    combo.blockSignals(True)
    combo.clear()
    for m in info.members:
        suffix = "" if m.role == "auditor" else f" — {m.role}"
        combo.addItem(f"{m.name}{suffix}", m.name)
    choice = presenter.pick_member(info, member, stored, os_user)
    combo.setCurrentIndex(combo.findData(choice) if choice else -1)
    combo.blockSignals(False)
    presenter.member = choice
