"""The Rubrics page: browse every stored rubric version before a panel uses it.

Panel members need to see exactly what they will be asked, how answers count
(shortfall or not), when a question applies, and what grade counts as good.
Left: rubrics and versions. Centre: sections > questions > options (plus the
agencies and themes catalogues). Right: the selected item in full, and the
overall grade bands with their RAG colours. Every piece of rubric text comes
from a file a council wrote, so all of it is HTML-escaped before display.

This module is the controller; the layout is ``rubrics.view`` and the HTML
``rubrics.presenter`` (no Qt, unit-tested).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListWidgetItem, QTreeWidgetItem, QWidget

from qa_audit.domain.rubric import Band, Question, Rubric
from qa_audit.errors import UserError
from qa_audit.gui.context import AppContext
from qa_audit.gui.full_text import tip_when_elided
from qa_audit.gui.pages.rubric_actions import RubricActions
from qa_audit.gui.rubrics import presenter
from qa_audit.gui.rubrics.presenter import (
    MET_COLOUR,
    SHORTFALL_COLOUR,
    detail_html,
    question_html,
)
from qa_audit.gui.rubrics.view import COL_CODE, COL_SHORTFALL, RubricsView, marker
from qa_audit.services import rubric_view
from qa_audit.services.rubric_view import RubricSummary, describe_condition

__all__ = ["COL_CODE", "COL_SHORTFALL", "ITEM_ROLE", "RubricsPage", "detail_html",
           "question_html"]

log = logging.getLogger(__name__)

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # (kind, payload) on every tree item


class RubricsPage(RubricsView):
    """Rubric list and versions, question tree, detail text and grade bands."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summaries: list[RubricSummary] = []
        self.rubric: Rubric | None = None
        self.version: int | None = None
        self.actions_bar = RubricActions(self.ctx, self.current_rubric_id, self)
        self.actions_bar.imported.connect(self.select_rubric)  # show what was imported
        self.scaffold.add_action(self.actions_bar)
        self.rubric_list.currentRowChanged.connect(self._on_rubric_selected)
        self.version_combo.currentIndexChanged.connect(self._on_version_selected)
        self.tree.currentItemChanged.connect(self._on_item_selected)
        tip_when_elided(self.tree, self.bands_table)  # codes and band names cut: whole on hover
        ctx.data_changed.connect(self._on_data_changed)
        self.reload()

    # -------------------------------------------------------- controller

    def reload(self) -> None:
        """Re-read the list of rubrics, keeping the selected one when it still exists."""
        keep = self.current_rubric_id()
        try:
            self.summaries = rubric_view.list_rubrics(self.ctx.db)
        except UserError as exc:
            self._show_problem(exc)
            return
        self.rubric_list.blockSignals(True)
        self.rubric_list.clear()
        for summary in self.summaries:
            item = QListWidgetItem(presenter.list_label(summary))
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setToolTip(summary.title)
            self.rubric_list.addItem(item)
        self.rubric_list.blockSignals(False)
        ids = [s.id for s in self.summaries]
        row = ids.index(keep) if keep in ids else (0 if ids else -1)
        self.rubric_list.setCurrentRow(row)
        if row == self.rubric_list.currentRow():
            self._on_rubric_selected(row)
        if not ids:
            self._show_empty()

    def current_rubric_id(self) -> str | None:
        item = self.rubric_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select_rubric(self, rubric_id: str, version: int | None = None) -> None:
        ids = [s.id for s in self.summaries]
        if rubric_id in ids:
            self.rubric_list.setCurrentRow(ids.index(rubric_id))
        if version is not None:
            index = self.version_combo.findData(version)
            if index >= 0:
                self.version_combo.setCurrentIndex(index)

    def _on_rubric_selected(self, row: int) -> None:
        if not 0 <= row < len(self.summaries):
            return
        summary = self.summaries[row]
        self.version_combo.blockSignals(True)
        self.version_combo.clear()
        for label, version in presenter.version_choices(summary):
            self.version_combo.addItem(label, version)
        self.version_combo.setCurrentIndex(0)
        self.version_combo.blockSignals(False)
        self._load(summary.id, summary.latest_version)

    def _on_version_selected(self, index: int) -> None:
        rubric_id = self.current_rubric_id()
        version = self.version_combo.itemData(index)
        if rubric_id is not None and version is not None:
            self._load(rubric_id, int(version))

    def _load(self, rubric_id: str, version: int) -> None:
        try:
            stored = rubric_view.load_rubric(self.ctx.db, rubric_id, version)
        except UserError as exc:
            self._show_problem(exc)
            return
        self.rubric, self.version = stored.rubric, stored.version
        self._show_rubric(stored.rubric, stored.version)

    def _on_item_selected(self, current: QTreeWidgetItem | None,
                          _previous: QTreeWidgetItem | None = None) -> None:
        if self.rubric is None or self.version is None:
            return
        kind, payload = ("rubric", None) if current is None else current.data(0, ITEM_ROLE)
        self.detail.setHtml(detail_html(self.rubric, self.version, kind, payload))

    def _on_data_changed(self, what: str) -> None:
        if what == "rubrics":
            self.reload()

    def _show_problem(self, exc: UserError) -> None:
        log.info("rubrics page: %s", exc.message)
        self.detail.setHtml(presenter.problem_html(exc.message))
        self.ctx.status_message.emit(exc.message)

    def _show_empty(self) -> None:
        self.tree.clear()
        self.band_model.set_rows([])
        self.target_label.clear()
        self.summary_label.clear()
        self.detail.setHtml(presenter.NO_RUBRICS_HTML)

    # ---------------------------------------------------------- display

    def _show_rubric(self, rubric: Rubric, version: int) -> None:
        self.summary_label.setText(presenter.rubric_summary(rubric))
        self._fill_tree(rubric)
        self._fill_bands(rubric)
        self.indicators_box.show_rubric(rubric)
        overview = self.tree.topLevelItem(0)
        if overview is not None:
            self.tree.setCurrentItem(overview)

    def _fill_tree(self, rubric: Rubric) -> None:
        self.tree.clear()
        overview = QTreeWidgetItem(self.tree, ["Overview", "", ""])
        overview.setData(0, ITEM_ROLE, ("rubric", None))
        shortfall_icon, met_icon = marker(SHORTFALL_COLOUR), marker(MET_COLOUR)
        for section in rubric.sections:
            s_item = QTreeWidgetItem(self.tree, [section.title, section.id, ""])
            s_item.setData(0, ITEM_ROLE, ("section", section))
            bold = s_item.font(0)
            bold.setBold(True)
            s_item.setFont(0, bold)
            for question in section.questions:
                q_item = QTreeWidgetItem(s_item, [question.text, question.id, ""])
                q_item.setData(0, ITEM_ROLE, ("question", question))
                tip = question.text
                if question.applies_when:
                    tip += "\n" + describe_condition(question.applies_when)
                q_item.setToolTip(0, tip)
                self._add_answers(q_item, question, shortfall_icon, met_icon)
            s_item.setExpanded(True)
        agencies = QTreeWidgetItem(self.tree, [f"Agencies ({len(rubric.agencies)})", "", ""])
        agencies.setData(0, ITEM_ROLE, ("agencies", None))
        for agency in rubric.agencies:
            item = QTreeWidgetItem(agencies, [agency.label, agency.id, ""])
            item.setData(0, ITEM_ROLE, ("agency", agency))
        themes = QTreeWidgetItem(self.tree, [f"Themes ({len(rubric.themes)})", "", ""])
        themes.setData(0, ITEM_ROLE, ("themes", None))
        for theme in rubric.themes:
            item = QTreeWidgetItem(themes, [theme.label, theme.id, ""])
            item.setData(0, ITEM_ROLE, ("theme", theme))
            item.setToolTip(0, theme.description or theme.label)

    @staticmethod
    def _add_answers(q_item: QTreeWidgetItem, question: Question,
                     shortfall_icon: QIcon, met_icon: QIcon) -> None:
        if question.type == "choice":
            for option in question.options:
                o_item = QTreeWidgetItem(
                    q_item, [option.label, option.code, "Shortfall" if option.shortfall else "No"]
                )
                o_item.setIcon(COL_SHORTFALL, shortfall_icon if option.shortfall else met_icon)
                o_item.setData(0, ITEM_ROLE, ("option", (question, option)))
                if option.descriptor:
                    o_item.setToolTip(0, option.descriptor)
            return
        for level in range(question.min or 0, (question.max or 0) + 1):
            short = presenter.level_is_shortfall(question, level)
            text = question.level_descriptor(level) or f"Level {level}"
            l_item = QTreeWidgetItem(q_item, [text, str(level), "Shortfall" if short else "No"])
            l_item.setIcon(COL_SHORTFALL, shortfall_icon if short else met_icon)
            l_item.setData(0, ITEM_ROLE, ("level", (question, level)))
            l_item.setToolTip(0, text)

    def _fill_bands(self, rubric: Rubric) -> None:
        text = presenter.target_text(rubric)
        self.target_label.setText(text)
        self.target_label.setToolTip(text)
        bands: tuple[Band, ...] = rubric.overall.bands
        self.band_model.set_rows(bands)
        self.bands_table.resizeRowsToContents()
        height = (self.bands_table.horizontalHeader().height()
                  + sum(self.bands_table.rowHeight(r) for r in range(len(bands)))
                  + 2 * self.bands_table.frameWidth())
        self.bands_table.setFixedHeight(height)
