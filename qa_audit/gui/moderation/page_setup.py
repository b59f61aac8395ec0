"""The Moderation page's widgets: their one-off look, column widths, and what is enabled."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from qa_audit.domain import permissions
from qa_audit.gui.full_text import fit_combo, tip_when_elided, wrap_column
from qa_audit.gui.generated.ui_moderation_page import Ui_ModerationPage
from qa_audit.gui.moderation.delegate import AgreedDelegate
from qa_audit.gui.moderation.grid_model import (
    DISAGREE_BACKGROUND,
    EDITABLE_BACKGROUND,
    SHORTFALL_COLOUR,
    ModerationGridModel,
)
from qa_audit.gui.moderation.list_models import MemberAgreementModel, PlanListModel
from qa_audit.gui.moderation.screen import Screen


def setup_views(ui: Ui_ModerationPage, plan_model: PlanListModel,
                grid_model: ModerationGridModel, delegate: AgreedDelegate,
                member_model: MemberAgreementModel) -> None:
    """The one-off look of the page's widgets (layout itself is in the Designer form)."""
    font = ui.titleLabel.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    ui.titleLabel.setFont(font)
    plan_font = ui.planTitleLabel.font()
    plan_font.setBold(True)
    ui.planTitleLabel.setFont(plan_font)
    ui.legendLabel.setTextFormat(Qt.TextFormat.RichText)
    ui.legendLabel.setText(
        f'<span style="background:{DISAGREE_BACKGROUND.name()}">&nbsp;highlighted&nbsp;</span>'
        f" members disagree · <b style=\"color:{SHORTFALL_COLOUR.name()}\">red</b> shortfall"
        f' · <span style="background:{EDITABLE_BACKGROUND.name()}">&nbsp;blue&nbsp;</span>'
        " editable · <i>grey italic</i> draft · type Y/P/N/A or a grade digit in Agreed"
        " · R rationale · T attribution · Enter edits")

    ui.planList.setModel(plan_model)
    header = ui.planList.horizontalHeader()
    # sized to the contents once per refill (_fill_plans), not by the header on
    # every layout pass: that measured each of the plans' cells over and over
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    ui.planList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    ui.planList.setMinimumWidth(250)
    ui.planList.verticalHeader().setDefaultSectionSize(ui.planList.fontMetrics().height() + 8)

    grid = ui.gridView
    grid.setModel(grid_model)
    grid.setItemDelegate(delegate)
    grid.horizontalHeader().setHighlightSections(False)
    grid.horizontalHeader().setStretchLastSection(True)
    grid.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    grid.verticalHeader().setDefaultSectionSize(grid.fontMetrics().height() + 10)
    grid.setTextElideMode(Qt.TextElideMode.ElideRight)
    # question labels wrap over lines (the full wording is each cell's tooltip); session
    # and member names elide in their boxes, whole in the tooltip and the popup
    wrap_column(grid, ModerationGridModel.COL_QUESTION)
    fit_combo(ui.sessionCombo, 24)
    fit_combo(ui.memberCombo, 18)
    tip_when_elided(ui.planList, ui.memberAgreementTable)
    for view in (grid, ui.planList, ui.memberAgreementTable):
        view.setTabKeyNavigation(False)  # arrows move between cells, Tab moves on

    ui.memberAgreementTable.setModel(member_model)
    mheader = ui.memberAgreementTable.horizontalHeader()
    mheader.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    mheader.setSectionResizeMode(MemberAgreementModel.COL_MEMBER,
                                 QHeaderView.ResizeMode.Stretch)
    mheader.setHighlightSections(False)
    ui.memberAgreementTable.setMinimumWidth(0)
    ui.driftChartHost.setMinimumWidth(240)
    ui.agreementLayout.setStretch(1, 3)
    ui.agreementLayout.setStretch(2, 2)
    ui.memberAgreementTable.verticalHeader().setDefaultSectionSize(
        ui.memberAgreementTable.fontMetrics().height() + 6)

    ui.mainSplitter.setStretchFactor(0, 0)
    ui.mainSplitter.setStretchFactor(1, 1)
    ui.mainSplitter.setSizes([270, 1000])
    ui.verticalSplitter.setStretchFactor(0, 1)
    ui.verticalSplitter.setStretchFactor(1, 0)
    ui.verticalSplitter.setSizes([500, 230])
    ui.textsTabLayout.setStretch(0, 3)
    ui.textsTabLayout.setStretch(1, 2)
    ui.cellDetailLabel.setMaximumHeight(ui.cellDetailLabel.fontMetrics().lineSpacing() * 3 + 4)
    ui.permissionLabel.setContentsMargins(8, 4, 8, 4)


def size_grid(grid: QTableView, model: ModerationGridModel) -> None:
    """Column widths for a newly shown plan (the user may drag them after)."""
    header = grid.horizontalHeader()
    if model.columnCount() == 0:
        return
    header.setSectionResizeMode(header.ResizeMode.Interactive)
    x = grid.fontMetrics().horizontalAdvance
    # a third of the grid for the questions (they wrap over lines beyond it)
    header.resizeSection(model.COL_QUESTION, max(x("x") * 40, grid.viewport().width() // 3))
    for column in range(1, model.agreed_column):
        header.resizeSection(column, min(x("x") * 12,
                                         header.sectionSizeFromContents(column).width() + 4))
    header.resizeSection(model.agreed_column, x("Agreed") + 18)
    header.resizeSection(model.agency_column, x("Educational") + 12)


def apply_permissions(page: Screen) -> None:
    """Enable what the current member may change, and say why the rest is read-only."""
    ui = page.ui
    reason = page.edit_block_reason()
    editable = reason is None and page.view is not None
    member = page.current_member()
    page.grid_model.set_editable(editable)
    for button in page.grade_buttons.values():
        button.setEnabled(editable)
    ui.overallRationaleEdit.setReadOnly(not editable or page.agreed_grade() is None)
    ui.themesList.setEnabled(page.view is not None)
    with QSignalBlocker(ui.themesList):
        for i in range(ui.themesList.count()):
            item = ui.themesList.item(i)
            flag = Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(item.flags() | flag if editable else item.flags() & ~flag)
    ui.strengthsEdit.setReadOnly(not editable)
    ui.developmentEdit.setReadOnly(not editable)
    ui.saveTextsButton.setEnabled(editable and page.texts_dirty)
    ui.addActionButton.setEnabled(editable)
    ui.agreeUnanimousButton.setEnabled(editable)
    page.agree_action.setEnabled(editable)
    ui.designateButton.setVisible(member is not None and member.role == "chair")
    ui.designateButton.setEnabled(page.info is not None and not page.info.read_only)
    ui.reopenButton.setVisible(page.info is not None and page.info.read_only
                               and permissions.may_reopen(member.role if member else None))
    ui.previousPlanButton.setEnabled(page.plan_row() > 0)
    ui.nextPlanButton.setEnabled(0 <= page.plan_row() < page.plan_model.rowCount() - 1)
    if editable:
        text = ("You are recording the panel's agreed scores: type Y/P/N/A in Agreed "
                "(a digit for the grade); each change is saved as you make it.")
        style = "background:#e6f2ea; color:#0b3d1f; border-left:4px solid #00703c;"
    else:
        text = reason or ""
        style = "background:#fff4e5; color:#4a2b00; border-left:4px solid #f47738;"
    ui.permissionLabel.setText(text)
    ui.permissionLabel.setStyleSheet(f"QLabel {{ {style} padding:4px; }}" if text else "")
    ui.permissionLabel.setVisible(bool(text))
    ui.gridView.setToolTip("" if editable else (reason or ""))
