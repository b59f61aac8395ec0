"""The Rubrics page: browse every stored rubric version before a panel uses it.

Panel members need to see exactly what they will be asked, how answers count
(shortfall or not), when a question applies, and what grade counts as good.
Left: rubrics and versions. Centre: sections > questions > options (plus the
agencies and themes catalogues). Right: the selected item in full, and the
overall grade bands with their RAG colours. Every piece of rubric text comes
from a file a council wrote, so all of it is HTML-escaped before display.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_audit.domain.rubric import Agency, Band, Option, Question, Rubric, Section, Theme
from qa_audit.errors import UserError
from qa_audit.gui.band_colours import RAG_COLOURS
from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.rubric_actions import RubricActions
from qa_audit.gui.pages.rubric_indicators import IndicatorsBox, indicators_html
from qa_audit.gui.pages.scaffold import PageScaffold
from qa_audit.services import rubric_view
from qa_audit.services.rubric_view import RubricSummary, describe_condition

log = logging.getLogger(__name__)

SHORTFALL_COLOUR = "#d4351c"
MET_COLOUR = "#00703c"
NEUTRAL_COLOUR = "#b1b4b6"

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # (kind, payload) on every tree item

COL_ITEM, COL_CODE, COL_SHORTFALL = 0, 1, 2
BAND_COLUMNS = ("Band", "Grades", "RAG", "Counts as good")


# ------------------------------------------------------------ HTML (pure)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _paragraphs(text: str) -> str:
    """Plain rubric text as escaped paragraphs, keeping the author's line breaks."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return "".join(f"<p>{_e(b).replace(chr(10), '<br>')}</p>" for b in blocks)


def _row(label: str, value_html: str) -> str:
    return (f"<tr><th align='left' valign='top' style='padding-right:12px'>{_e(label)}</th>"
            f"<td valign='top'>{value_html}</td></tr>")


def _swatch(colour: str) -> str:
    return f"<span style='color:{colour}; font-size:large'>&#9679;</span>"


def _theme_names(rubric: Rubric, ids: tuple[str, ...]) -> list[str]:
    names = []
    for theme_id in ids:
        try:
            names.append(f"{_e(rubric.theme(theme_id).label)} <i>({_e(theme_id)})</i>")
        except KeyError:
            names.append(_e(theme_id))
    return names


def question_type_text(question: Question) -> str:
    if question.type == "scale":
        good = (f", good from {question.good_from} (lower is a shortfall)"
                if question.good_from is not None else "")
        return f"Scale {question.min}–{question.max}{good}"
    labels = " / ".join(o.label for o in question.options)
    return f"Choice: {labels}" if labels else "Choice"


def rubric_html(rubric: Rubric, version: int) -> str:
    parts = [f"<h2>{_e(rubric.title)}</h2>",
             f"<p><i>{_e(rubric.id)}, version {version}</i></p>"]
    if rubric.description:
        parts.append(_paragraphs(rubric.description))
    n_questions = sum(len(s.questions) for s in rubric.sections)
    rows = [
        _row("Sections", str(len(rubric.sections))),
        _row("Questions", str(n_questions)),
        _row("Overall grade", _e(rubric_view.scale_text(rubric))),
        _row("Target", _e(rubric_view.target_schedule_text(rubric))),
    ]
    parts.append("<table cellspacing='2'>" + "".join(rows) + "</table>")
    if rubric.sources:
        parts.append("<h3>Sources</h3><ul>"
                     + "".join(f"<li>{_e(s)}</li>" for s in rubric.sources) + "</ul>")
    parts.append(indicators_html(rubric))
    parts.append(catalogue_html(rubric))
    return "".join(parts)


def catalogue_html(rubric: Rubric) -> str:
    agencies = "".join(f"<li><b>{_e(a.label)}</b> <i>({_e(a.id)})</i></li>"
                       for a in rubric.agencies) or "<li>None listed</li>"
    themes = "".join(
        f"<li><b>{_e(t.label)}</b> <i>({_e(t.id)})</i>"
        + (f"<br>{_e(t.description)}" if t.description else "") + "</li>"
        for t in rubric.themes
    ) or "<li>None listed</li>"
    return (f"<h3>Agencies shortfalls can be attributed to</h3><ul>{agencies}</ul>"
            f"<h3>Themes</h3><ul>{themes}</ul>")


def section_html(section: Section) -> str:
    parts = [f"<h2>{_e(section.title)}</h2>", f"<p><i>Section {_e(section.id)}</i></p>"]
    if section.guidance:
        parts.append("<h3>Guidance</h3>" + _paragraphs(section.guidance))
    parts.append("<h3>Questions</h3><ol>"
                 + "".join(f"<li><b>{_e(q.id)}</b>: {_e(q.text)}</li>" for q in section.questions)
                 + "</ol>")
    return "".join(parts)


def question_html(rubric: Rubric, question: Question) -> str:
    parts = [f"<h2>{_e(question.text)}</h2>"]
    try:
        section = rubric.section_of(question.id)
        parts.append(f"<p><i>Question {_e(question.id)} in {_e(section.title)}</i></p>")
    except KeyError:
        parts.append(f"<p><i>Question {_e(question.id)}</i></p>")
    rows = [
        _row("Answer", _e(question_type_text(question))),
        _row("Not applicable", "Allowed (NA)" if question.allows_na else "Not allowed"),
        _row("Applies", _e(describe_condition(question.applies_when))
             + (f"<br><small>Rule: <code>{_e(question.applies_when)}</code></small>"
                if question.applies_when else "")),
    ]
    if question.evidence_section:
        where = question.evidence_section
        rows.append(_row("Look in", _e(f"Section {where}" if len(where) <= 2 else where)))
    if question.suggested_themes:
        rows.append(_row("Suggested themes",
                         "<br>".join(_theme_names(rubric, question.suggested_themes))))
    if question.tags:
        rows.append(_row("Tags", _e(", ".join(question.tags))))
    parts.append("<table cellspacing='4'>" + "".join(rows) + "</table>")
    if question.descriptor:
        parts.append("<h3>What good looks like</h3>" + _paragraphs(question.descriptor))
    if question.guidance:
        parts.append("<h3>Guidance</h3>" + _paragraphs(question.guidance))
    if question.type == "choice" and question.options:
        parts.append("<h3>Answers</h3><table cellspacing='0' cellpadding='4' border='1' "
                     "style='border-collapse:collapse'><tr><th>Code</th><th>Answer</th>"
                     "<th>Shortfall</th><th>Descriptor</th></tr>")
        for opt in question.options:
            flag = (f"{_swatch(SHORTFALL_COLOUR)} Yes" if opt.shortfall
                    else f"{_swatch(MET_COLOUR)} No")
            parts.append(f"<tr><td>{_e(opt.code)}</td><td>{_e(opt.label)}</td>"
                         f"<td>{flag}</td><td>{_e(opt.descriptor)}</td></tr>")
        parts.append("</table>")
    if question.type == "scale" and question.level_descriptors:
        parts.append("<h3>Levels</h3><table cellspacing='0' cellpadding='4' border='1' "
                     "style='border-collapse:collapse'><tr><th>Level</th><th>Shortfall</th>"
                     "<th>Descriptor</th></tr>")
        for level, text in question.level_descriptors:
            short = question.good_from is not None and level < question.good_from
            flag = (f"{_swatch(SHORTFALL_COLOUR)} Yes" if short
                    else f"{_swatch(MET_COLOUR)} No")
            parts.append(f"<tr><td>{level}</td><td>{flag}</td><td>{_e(text)}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


def option_html(question: Question, option: Option) -> str:
    flag = ("a <b>shortfall</b>: counted against the plan and may be attributed to an agency"
            if option.shortfall else "not a shortfall")
    parts = [f"<h2>{_e(option.code)}: {_e(option.label)}</h2>",
             f"<p><i>An answer to {_e(question.id)}: {_e(question.text)}</i></p>",
             f"<p>{_swatch(SHORTFALL_COLOUR if option.shortfall else MET_COLOUR)} "
             f"This answer is {flag}.</p>"]
    if option.key:
        parts.append(f"<p>Keyboard shortcut when scoring: <b>{_e(option.key)}</b></p>")
    if option.descriptor:
        parts.append("<h3>When to choose it</h3>" + _paragraphs(option.descriptor))
    return "".join(parts)


def level_html(question: Question, level: int) -> str:
    short = question.good_from is not None and level < question.good_from
    text = question.level_descriptor(level)
    return (f"<h2>Level {level}</h2><p><i>{_e(question.id)}: {_e(question.text)}</i></p>"
            f"<p>{_swatch(SHORTFALL_COLOUR if short else MET_COLOUR)} "
            f"{'A shortfall' if short else 'Not a shortfall'}.</p>"
            + (_paragraphs(text) if text else ""))


def agency_html(agency: Agency) -> str:
    return (f"<h2>{_e(agency.label)}</h2><p><i>Agency id {_e(agency.id)}</i></p>"
            "<p>Shortfall answers can be attributed to this agency's advice.</p>")


def theme_html(rubric: Rubric, theme: Theme) -> str:
    used = [q.id for q in rubric.questions() if theme.id in q.suggested_themes]
    parts = [f"<h2>{_e(theme.label)}</h2>", f"<p><i>Theme id {_e(theme.id)}</i></p>"]
    if theme.description:
        parts.append(_paragraphs(theme.description))
    if used:
        parts.append("<p>Suggested by questions: " + _e(", ".join(used)) + "</p>")
    return "".join(parts)


def detail_html(rubric: Rubric, version: int, kind: str, payload: Any) -> str:
    """The detail pane for one tree item."""
    if kind == "section":
        return section_html(payload)
    if kind == "question":
        return question_html(rubric, payload)
    if kind == "option":
        question, option = payload
        return option_html(question, option)
    if kind == "level":
        question, level = payload
        return level_html(question, level)
    if kind == "agency":
        return agency_html(payload)
    if kind == "theme":
        return theme_html(rubric, payload)
    if kind in {"agencies", "themes"}:
        return catalogue_html(rubric)
    return rubric_html(rubric, version)


# ------------------------------------------------------------------- view


def marker(colour: str, size: int = 12) -> QIcon:
    """A filled circle, used as the shortfall / RAG marker."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class WrappingDelegate(QStyledItemDelegate):
    """Rows tall enough for the wrapped text at the column's current width.

    QTreeView wraps text when asked but measures rows as if the column were
    unbounded, so long questions would be cut off after one line.
    """

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return base
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        margin = self.tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        width = self.tree.columnWidth(index.column()) - 2 * margin
        if index.column() == 0:
            width -= self.tree.indentation() * (depth + 1)
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            width -= self.tree.iconSize().width() + 4
        if width <= 40:
            return base
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        bounds = QFontMetrics(font).boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), str(text)
        )
        return QSize(base.width(), max(base.height(), bounds.height() + 6))


class RubricsPage(QWidget):
    """Rubric list and versions, question tree, detail text and grade bands."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("rubricsPage")
        self.summaries: list[RubricSummary] = []
        self.rubric: Rubric | None = None
        self.version: int | None = None
        self._build()
        self.rubric_list.currentRowChanged.connect(self._on_rubric_selected)
        self.version_combo.currentIndexChanged.connect(self._on_version_selected)
        self.tree.currentItemChanged.connect(self._on_item_selected)
        ctx.data_changed.connect(self._on_data_changed)
        self.reload()

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        scaffold = PageScaffold(self, "Rubrics")
        layout = scaffold.body
        self.actions_bar = RubricActions(self.ctx, self.current_rubric_id, self)
        self.actions_bar.imported.connect(self.select_rubric)  # show what was imported
        scaffold.add_action(self.actions_bar)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)

        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.rubric_list = QListWidget(left)
        self.rubric_list.setObjectName("rubricList")
        self.rubric_list.setAccessibleName("Rubrics")
        self.rubric_list.setWordWrap(True)
        self.rubric_list.setSpacing(3)
        left_layout.addWidget(QLabel("Rubric", left))
        left_layout.addWidget(self.rubric_list, 1)
        version_row = QHBoxLayout()
        version_label = QLabel("&Version", left)
        self.version_combo = QComboBox(left)
        self.version_combo.setObjectName("rubricVersion")
        self.version_combo.setAccessibleName("Rubric version")
        version_label.setBuddy(self.version_combo)
        version_row.addWidget(version_label)
        version_row.addWidget(self.version_combo, 1)
        left_layout.addLayout(version_row)
        self.summary_label = QLabel(left)
        self.summary_label.setWordWrap(True)
        self.summary_label.setObjectName("rubricSummary")
        left_layout.addWidget(self.summary_label)

        self.tree = QTreeWidget(splitter)
        self.tree.setObjectName("rubricTree")
        self.tree.setAccessibleName("Sections, questions and answers")
        self.tree.setHeaderLabels(["Item", "Code", "Shortfall"])
        self.tree.setColumnCount(3)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_SHORTFALL, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(COL_CODE, 150)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        # wrapped question text needs its row heights measured again at the new width
        header.sectionResized.connect(lambda *_: self.tree.scheduleDelayedItemsLayout())

        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = QTextBrowser(right)
        self.detail.setObjectName("rubricDetail")
        self.detail.setAccessibleName("Details of the selected item")
        self.detail.setOpenExternalLinks(False)
        right_layout.addWidget(self.detail, 1)
        self.bands_box = QGroupBox("Overall grade", right)
        self.bands_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        bands_layout = QVBoxLayout(self.bands_box)
        self.target_label = QLabel(self.bands_box)
        self.target_label.setObjectName("rubricTarget")
        # no word wrap: a wrapped label in a group box reserves height for narrow widths
        self.target_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        bands_layout.addWidget(self.target_label)
        self.bands_table = QTableWidget(0, len(BAND_COLUMNS), self.bands_box)
        self.bands_table.setObjectName("rubricBands")
        self.bands_table.setAccessibleName("Overall grade bands")
        self.bands_table.setHorizontalHeaderLabels(BAND_COLUMNS)
        self.bands_table.verticalHeader().hide()
        self.bands_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bands_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.bands_table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.bands_table.setWordWrap(False)
        bands_header = self.bands_table.horizontalHeader()
        bands_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(BAND_COLUMNS)):
            bands_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        bands_layout.addWidget(self.bands_table)
        right_layout.addWidget(self.bands_box)
        self.indicators_box = IndicatorsBox(right)
        right_layout.addWidget(self.indicators_box)

        splitter.addWidget(left)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 4)
        splitter.setSizes([190, 580, 510])
        layout.addWidget(splitter, 1)

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
            item = QListWidgetItem(f"{summary.title}\n{summary.id} · v{summary.latest_version}")
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
        for version in sorted(summary.versions, reverse=True):
            latest = " (latest)" if version == summary.latest_version else ""
            self.version_combo.addItem(f"Version {version}{latest}", version)
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
        self.detail.setHtml(f"<p style='color:#9b1c1c'>{_e(exc.message)}</p>")
        self.ctx.status_message.emit(exc.message)

    def _show_empty(self) -> None:
        self.tree.clear()
        self.bands_table.setRowCount(0)
        self.target_label.clear()
        self.summary_label.clear()
        self.detail.setHtml("<p>No rubrics in this database. Import a rubric file (Ctrl+I), "
                            "add one from the council library, or run "
                            "<code>qa-audit rubric import FILE</code>.</p>")

    # ---------------------------------------------------------- display

    def _show_rubric(self, rubric: Rubric, version: int) -> None:
        n_questions = sum(len(s.questions) for s in rubric.sections)
        self.summary_label.setText(
            f"{len(rubric.sections)} sections, {n_questions} questions, "
            f"{len(rubric.agencies)} agencies, {len(rubric.themes)} themes"
        )
        self._fill_tree(rubric)
        self._fill_bands(rubric)
        self.indicators_box.show_rubric(rubric)
        self.tree.setCurrentItem(self.tree.topLevelItem(0))

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
            short = question.good_from is not None and level < question.good_from
            text = question.level_descriptor(level) or f"Level {level}"
            l_item = QTreeWidgetItem(q_item, [text, str(level), "Shortfall" if short else "No"])
            l_item.setIcon(COL_SHORTFALL, shortfall_icon if short else met_icon)
            l_item.setData(0, ITEM_ROLE, ("level", (question, level)))
            l_item.setToolTip(0, text)

    def _fill_bands(self, rubric: Rubric) -> None:
        targets = rubric.overall.targets
        target = f"plans good or better: {targets.describe()}" if targets else "none set"
        text = f"{rubric_view.scale_text(rubric)}.\nTarget, {target}."
        self.target_label.setText(text)
        self.target_label.setToolTip(text)
        bands: tuple[Band, ...] = rubric.overall.bands
        self.bands_table.setRowCount(len(bands))
        for row, band in enumerate(bands):
            grades = str(band.from_) if band.from_ == band.to else f"{band.from_}–{band.to}"
            colour = RAG_COLOURS.get(band.rag, NEUTRAL_COLOUR)
            rag = QTableWidgetItem(marker(colour, 14), band.rag.capitalize())
            cells = [QTableWidgetItem(band.label), QTableWidgetItem(grades), rag,
                     QTableWidgetItem("Yes" if band.good else "No")]
            if band.description:
                cells[0].setToolTip(band.description)
            for column, cell in enumerate(cells):
                self.bands_table.setItem(row, column, cell)
        self.bands_table.resizeRowsToContents()
        height = (self.bands_table.horizontalHeader().height()
                  + sum(self.bands_table.rowHeight(r) for r in range(len(bands)))
                  + 2 * self.bands_table.frameWidth())
        self.bands_table.setFixedHeight(height)
