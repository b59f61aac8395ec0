"""The agreed panel beside the grid: grade buttons coloured by band, themes, texts, actions.

It shows what the page's controller holds (``page.view``, ``page.rubric``, ...)
and owns only its widgets' state; every change the user makes goes back through
the controller, which saves it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QButtonGroup, QListWidgetItem, QPushButton, QSizePolicy

from qa_audit.domain.rubric import OverallScale
from qa_audit.gui.band_colours import RAG_COLOURS, RAG_TINTS
from qa_audit.gui.moderation.grid_model import DISAGREE_BACKGROUND, SHORTFALL_COLOUR
from qa_audit.gui.moderation.presenter import (
    drift_items,
    format_alpha,
    format_percent,
    theme_choices,
    visible_agreement,
)

if TYPE_CHECKING:  # the page imports this module: only the type checker reads it back
    from qa_audit.gui.pages.moderation_page import ModerationPage


def rag_style(button_name: str, rag: str | None) -> str:
    colour = RAG_COLOURS.get(rag or "", "#505a5f")
    tint = RAG_TINTS.get(rag or "", "#f3f2f1")
    return (
        f"QPushButton#{button_name} {{ background: {tint}; border: 1px solid {colour}; "
        f"border-radius: 3px; min-width: 18px; min-height: 26px; padding: 0px; }}\n"
        f"QPushButton#{button_name}:checked {{ background: {colour}; color: white; "
        f"font-weight: bold; border: 2px solid #0b0c0c; }}\n"
        f"QPushButton#{button_name}:focus {{ border: 3px solid #ffdd00; }}\n"
        f"QPushButton#{button_name}:disabled {{ color: #505a5f; }}"
    )


class AgreedPanel:
    """The grade, themes, texts and actions tabs of one ``ModerationPage``."""

    def __init__(self, page: ModerationPage) -> None:
        self.page = page
        self.ui = page.ui
        self.grade_group = QButtonGroup(page)
        self.grade_group.setExclusive(True)
        self.grade_buttons: dict[int, QPushButton] = {}
        self._grade_scale: OverallScale | None = None
        self._current_theme: str | None = None

    def remember_theme(self, theme_id: str | None) -> None:
        """Keep this theme current across the refill after a save."""
        self._current_theme = theme_id

    def fill(self, *, texts: bool = True) -> None:
        """Everything for the plan shown; ``texts=False`` keeps unsaved typing."""
        self.fill_overall()
        self.fill_themes()
        if texts:
            self.fill_texts()
        self.fill_actions()

    def build_grade_buttons(self) -> None:
        """One button per grade, coloured by its band (rebuilt only when the scale changes)."""
        scale = self.page.rubric.overall if self.page.rubric is not None else None
        if scale is not None and self._grade_scale == scale:
            return
        self._grade_scale = scale
        layout = self.ui.overallButtonsLayout
        for button in self.grade_buttons.values():
            self.grade_group.removeButton(button)
            layout.removeWidget(button)
            button.deleteLater()
        self.grade_buttons = {}
        if self.page.rubric is None:
            return
        for grade in range(self.page.rubric.overall.min, self.page.rubric.overall.max + 1):
            band = self.page.rubric.band_for(grade)
            button = QPushButton(str(grade), self.ui.overallButtonsHost)
            button.setObjectName(f"gradeButton{grade}")
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(f"Agreed grade {grade}: {band.label} ({band.rag})")
            button.setToolTip(f"{grade} – {band.label} ({band.rag.upper()})"
                              + (": counts as good" if band.good else ""))
            button.setStyleSheet(rag_style(button.objectName(), band.rag))
            self.grade_group.addButton(button, grade)
            layout.addWidget(button)
            self.grade_buttons[grade] = button
        self.page.set_tab_order()

    def fill_overall(self) -> None:
        ui = self.ui
        view, rubric = self.page.view, self.page.rubric
        row = view.overall if view else None
        agreed = int(row.agreed) if row and row.agreed else None
        with QSignalBlocker(self.grade_group):
            self.grade_group.setExclusive(False)
            for grade, button in self.grade_buttons.items():
                button.setChecked(grade == agreed)
            self.grade_group.setExclusive(True)
        if agreed is not None and rubric is not None:
            band = rubric.band_for(agreed)
            colour = RAG_COLOURS.get(band.rag, "#0b0c0c")
            ui.overallBandLabel.setText(
                f'<b style="color:{colour}">{agreed} – {html.escape(band.label)}</b> '
                f"({band.rag.upper()}{', good' if band.good else ''})")
        else:
            ui.overallBandLabel.setText("<i>No agreed grade yet.</i>" if view else "")
        if row is not None and row.values:
            parts = [f"{html.escape(m.name)}: <b>{row.values[m.name]}</b>"
                     for m in self.page.members if m.name in row.values]
            text = "Members: " + ", ".join(parts)
            if row.disagree:
                text = (f'<span style="background:{DISAGREE_BACKGROUND.name()}">{text} — '
                        "more than one grade apart</span>")
            ui.memberGradesLabel.setText(text)
        else:
            ui.memberGradesLabel.setText("Members: no grades yet." if view and view.visible
                                         else "")
        with QSignalBlocker(ui.overallRationaleEdit):
            ui.overallRationaleEdit.setText(row.rationale or "" if row else "")
        needed = row is not None and row.rationale_needed
        ui.overallRationaleEdit.setStyleSheet(
            f"QLineEdit {{ border: 2px solid {SHORTFALL_COLOUR.name()}; }}" if needed else "")
        ui.overallRationaleEdit.setPlaceholderText(
            "Rationale needed: why the agreed grade differs" if needed
            else "Why the agreed grade differs from a member's")

    def fill_themes(self) -> None:
        widget = self.ui.themesList
        current = widget.currentItem()
        keep = self._current_theme or (current.data(Qt.ItemDataRole.UserRole) if current else None)
        self._current_theme = None
        scroll = widget.verticalScrollBar().value()
        widget.clear()
        if self.page.view is None or self.page.rubric is None:
            return
        scorers = max(1, len(self.page.members))
        bold = QFont(widget.font())
        bold.setBold(True)
        for choice in theme_choices(self.page.rubric, self.page.view):
            count = len(choice.members)
            text = f"{count}/{scorers}  {choice.label}" if count else choice.label
            item = QListWidgetItem(text, widget)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, choice.question_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.agreed else Qt.CheckState.Unchecked)
            tip = choice.description
            if count:
                item.setFont(bold)
                tip += f"\nTagged by {count} of {scorers} members: {', '.join(choice.members)}"
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{choice.label}, tagged by {count} member(s)"
                         + (", agreed" if choice.agreed else ""))
            if choice.id == keep:
                widget.setCurrentItem(item)
        widget.verticalScrollBar().setValue(scroll)

    def fill_texts(self) -> None:
        view = self.page.view
        panel = view.panel if view else None
        for edit, attr, what in ((self.ui.strengthsEdit, "strengths", "strengths"),
                                 (self.ui.developmentEdit, "development",
                                  "areas for development")):
            with QSignalBlocker(edit):
                edit.setPlainText((getattr(panel, attr) or "") if panel else "")
            written = [(who, getattr(a, attr)) for who, a in (view.audits.items() if view else ())
                       if getattr(a, attr)]
            if written:
                edit.setPlaceholderText(f"Members wrote: {written[0][1]}")
                edit.setToolTip("Members' " + what + ":\n" +
                                "\n".join(f"• {who}: {text}" for who, text in written))
            else:
                edit.setPlaceholderText(f"Agreed {what}")
                edit.setToolTip(f"The panel's agreed {what}")

    def fill_actions(self) -> None:
        widget = self.ui.actionsList
        widget.clear()
        if self.page.data is None or self.page.plan_ref is None:
            return
        today = self.page._today()
        for act in self.page.data.actions:
            if act.plan_ref != self.page.plan_ref:
                continue
            due = act.due_date.strftime("%d/%m/%Y") if act.due_date else "no due date"
            late = act.overdue(today)
            item = QListWidgetItem(f"{due} · {act.owner or 'no owner'} · {act.status}"
                                   f"{' · OVERDUE' if late else ''}\n{act.text}", widget)
            item.setToolTip(act.text)
            if late:
                item.setForeground(QBrush(SHORTFALL_COLOUR))
        if widget.count() == 0:
            item = QListWidgetItem("No actions for this plan yet.", widget)
            item.setFlags(Qt.ItemFlag.NoItemFlags)


def show_agreement(page: ModerationPage) -> None:
    ui = page.ui
    title = "Agreement between members on the overall grade, over every plan in this session"
    page.stats, hidden = (None, 0) if page.data is None or page.rubric is None else \
        visible_agreement(page.data, page.rubric, page._can_see_plan())
    if hidden:
        title = (f"Agreement between members on the overall grade, leaving out "
                 f"{hidden} plan(s) whose scores you cannot see yet (blind scoring)")
    ui.agreementGroup.setTitle(title)
    stats = page.stats
    ui.pairsValue.setText(str(stats.pairs) if stats else "—")
    pairs = stats.pairs if stats else 0
    ui.exactValue.setText(f"{format_percent(stats.overall_exact_percent)} "
                          f"({stats.exact} of {pairs})" if stats and pairs else "—")
    ui.withinValue.setText(f"{format_percent(stats.overall_within_one_percent)} "
                           f"({stats.within_one} of {pairs})" if stats and pairs else "—")
    ui.alphaValue.setText(format_alpha(stats.krippendorff_alpha_ordinal) if stats else "—")
    page.member_model.set_stats(stats, page.rubric)
    page.drift_chart.set_items(drift_items(stats), page.rubric)
