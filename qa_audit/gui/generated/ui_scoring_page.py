# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'scoring_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFormLayout,
    QFrame, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QListView, QProgressBar, QPushButton,
    QScrollArea, QSizePolicy, QSpacerItem, QSplitter,
    QTableView, QToolButton, QVBoxLayout, QWidget)

class Ui_ScoringPage(object):
    def setupUi(self, ScoringPage):
        if not ScoringPage.objectName():
            ScoringPage.setObjectName(u"ScoringPage")
        ScoringPage.resize(1200, 760)
        self.pageLayout = QVBoxLayout(ScoringPage)
        self.pageLayout.setSpacing(6)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(12, 8, 12, 6)
        self.titleRow = QHBoxLayout()
        self.titleRow.setObjectName(u"titleRow")
        self.titleLabel = QLabel(ScoringPage)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setTextFormat(Qt.TextFormat.RichText)

        self.titleRow.addWidget(self.titleLabel)

        self.titleSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.titleRow.addItem(self.titleSpacer)

        self.planPaneButton = QToolButton(ScoringPage)
        self.planPaneButton.setObjectName(u"planPaneButton")
        self.planPaneButton.setCheckable(True)
        self.planPaneButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.titleRow.addWidget(self.planPaneButton)

        self.statusSpacer = QSpacerItem(12, 10, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.titleRow.addItem(self.statusSpacer)

        self.saveStatusLabel = QLabel(ScoringPage)
        self.saveStatusLabel.setObjectName(u"saveStatusLabel")

        self.titleRow.addWidget(self.saveStatusLabel)


        self.pageLayout.addLayout(self.titleRow)

        self.selectorRow = QHBoxLayout()
        self.selectorRow.setObjectName(u"selectorRow")
        self.sessionLabel = QLabel(ScoringPage)
        self.sessionLabel.setObjectName(u"sessionLabel")

        self.selectorRow.addWidget(self.sessionLabel)

        self.sessionCombo = QComboBox(ScoringPage)
        self.sessionCombo.setObjectName(u"sessionCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(2)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.sessionCombo.sizePolicy().hasHeightForWidth())
        self.sessionCombo.setSizePolicy(sizePolicy)
        self.sessionCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sessionCombo.setMinimumContentsLength(14)

        self.selectorRow.addWidget(self.sessionCombo)

        self.memberLabel = QLabel(ScoringPage)
        self.memberLabel.setObjectName(u"memberLabel")

        self.selectorRow.addWidget(self.memberLabel)

        self.memberCombo = QComboBox(ScoringPage)
        self.memberCombo.setObjectName(u"memberCombo")
        sizePolicy.setHeightForWidth(self.memberCombo.sizePolicy().hasHeightForWidth())
        self.memberCombo.setSizePolicy(sizePolicy)
        self.memberCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.memberCombo.setMinimumContentsLength(14)

        self.selectorRow.addWidget(self.memberCombo)

        self.planLabel = QLabel(ScoringPage)
        self.planLabel.setObjectName(u"planLabel")

        self.selectorRow.addWidget(self.planLabel)

        self.prevPlanButton = QPushButton(ScoringPage)
        self.prevPlanButton.setObjectName(u"prevPlanButton")
        self.prevPlanButton.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.selectorRow.addWidget(self.prevPlanButton)

        self.planCombo = QComboBox(ScoringPage)
        self.planCombo.setObjectName(u"planCombo")
        sizePolicy.setHeightForWidth(self.planCombo.sizePolicy().hasHeightForWidth())
        self.planCombo.setSizePolicy(sizePolicy)
        self.planCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.planCombo.setMinimumContentsLength(14)

        self.selectorRow.addWidget(self.planCombo)

        self.nextPlanButton = QPushButton(ScoringPage)
        self.nextPlanButton.setObjectName(u"nextPlanButton")
        self.nextPlanButton.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.selectorRow.addWidget(self.nextPlanButton)


        self.pageLayout.addLayout(self.selectorRow)

        self.messageBanner = QFrame(ScoringPage)
        self.messageBanner.setObjectName(u"messageBanner")
        self.messageBanner.setFrameShape(QFrame.Shape.StyledPanel)
        self.messageLayout = QHBoxLayout(self.messageBanner)
        self.messageLayout.setObjectName(u"messageLayout")
        self.messageLayout.setContentsMargins(8, 4, 8, 4)
        self.messageLabel = QLabel(self.messageBanner)
        self.messageLabel.setObjectName(u"messageLabel")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.messageLabel.sizePolicy().hasHeightForWidth())
        self.messageLabel.setSizePolicy(sizePolicy1)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.messageLayout.addWidget(self.messageLabel)

        self.retryButton = QPushButton(self.messageBanner)
        self.retryButton.setObjectName(u"retryButton")

        self.messageLayout.addWidget(self.retryButton)

        self.discardButton = QPushButton(self.messageBanner)
        self.discardButton.setObjectName(u"discardButton")

        self.messageLayout.addWidget(self.discardButton)

        self.dismissButton = QPushButton(self.messageBanner)
        self.dismissButton.setObjectName(u"dismissButton")

        self.messageLayout.addWidget(self.dismissButton)


        self.pageLayout.addWidget(self.messageBanner)

        self.infoBanner = QLabel(ScoringPage)
        self.infoBanner.setObjectName(u"infoBanner")
        self.infoBanner.setWordWrap(True)

        self.pageLayout.addWidget(self.infoBanner)

        self.mainSplitter = QSplitter(ScoringPage)
        self.mainSplitter.setObjectName(u"mainSplitter")
        sizePolicy2 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy2.setHorizontalStretch(0)
        sizePolicy2.setVerticalStretch(1)
        sizePolicy2.setHeightForWidth(self.mainSplitter.sizePolicy().hasHeightForWidth())
        self.mainSplitter.setSizePolicy(sizePolicy2)
        self.mainSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.mainSplitter.setChildrenCollapsible(False)
        self.planPanel = QWidget(self.mainSplitter)
        self.planPanel.setObjectName(u"planPanel")
        self.planPanelLayout = QVBoxLayout(self.planPanel)
        self.planPanelLayout.setObjectName(u"planPanelLayout")
        self.planPanelLayout.setContentsMargins(0, 0, 0, 0)
        self.planListLabel = QLabel(self.planPanel)
        self.planListLabel.setObjectName(u"planListLabel")

        self.planPanelLayout.addWidget(self.planListLabel)

        self.planList = QListView(self.planPanel)
        self.planList.setObjectName(u"planList")
        self.planList.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.planList.setUniformItemSizes(True)

        self.planPanelLayout.addWidget(self.planList)

        self.mainSplitter.addWidget(self.planPanel)
        self.evidenceSplitter = QSplitter(self.mainSplitter)
        self.evidenceSplitter.setObjectName(u"evidenceSplitter")
        self.evidenceSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.evidenceSplitter.setChildrenCollapsible(False)
        self.formScroll = QScrollArea(self.evidenceSplitter)
        self.formScroll.setObjectName(u"formScroll")
        self.formScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.formScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.formScroll.setWidgetResizable(True)
        self.formScrollContents = QWidget()
        self.formScrollContents.setObjectName(u"formScrollContents")
        self.formScrollContents.setGeometry(QRect(0, 0, 600, 600))
        self.formScroll.setWidget(self.formScrollContents)
        self.evidenceSplitter.addWidget(self.formScroll)
        self.mainSplitter.addWidget(self.evidenceSplitter)
        self.sideScroll = QScrollArea(self.mainSplitter)
        self.sideScroll.setObjectName(u"sideScroll")
        self.sideScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.sideScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.sideScroll.setWidgetResizable(True)
        self.sidePanel = QWidget()
        self.sidePanel.setObjectName(u"sidePanel")
        self.sidePanel.setGeometry(QRect(0, 0, 300, 600))
        self.sidePanelLayout = QVBoxLayout(self.sidePanel)
        self.sidePanelLayout.setObjectName(u"sidePanelLayout")
        self.sidePanelLayout.setContentsMargins(4, 0, 4, 0)
        self.factsGroup = QGroupBox(self.sidePanel)
        self.factsGroup.setObjectName(u"factsGroup")
        self.factsLayout = QFormLayout(self.factsGroup)
        self.factsLayout.setObjectName(u"factsLayout")
        self.factsLayout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.factPlanRefLabel = QLabel(self.factsGroup)
        self.factPlanRefLabel.setObjectName(u"factPlanRefLabel")

        self.factsLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.factPlanRefLabel)

        self.factPlanRef = QLabel(self.factsGroup)
        self.factPlanRef.setObjectName(u"factPlanRef")
        self.factPlanRef.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.factsLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.factPlanRef)

        self.factYearLabel = QLabel(self.factsGroup)
        self.factYearLabel.setObjectName(u"factYearLabel")

        self.factsLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.factYearLabel)

        self.factYear = QLabel(self.factsGroup)
        self.factYear.setObjectName(u"factYear")

        self.factsLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.factYear)

        self.factNeedLabel = QLabel(self.factsGroup)
        self.factNeedLabel.setObjectName(u"factNeedLabel")

        self.factsLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.factNeedLabel)

        self.factNeed = QLabel(self.factsGroup)
        self.factNeed.setObjectName(u"factNeed")
        self.factNeed.setWordWrap(True)

        self.factsLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.factNeed)

        self.factSettingLabel = QLabel(self.factsGroup)
        self.factSettingLabel.setObjectName(u"factSettingLabel")

        self.factsLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.factSettingLabel)

        self.factSetting = QLabel(self.factsGroup)
        self.factSetting.setObjectName(u"factSetting")
        self.factSetting.setWordWrap(True)

        self.factsLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.factSetting)

        self.factTeamLabel = QLabel(self.factsGroup)
        self.factTeamLabel.setObjectName(u"factTeamLabel")

        self.factsLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.factTeamLabel)

        self.factTeam = QLabel(self.factsGroup)
        self.factTeam.setObjectName(u"factTeam")

        self.factsLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.factTeam)

        self.factIssuedLabel = QLabel(self.factsGroup)
        self.factIssuedLabel.setObjectName(u"factIssuedLabel")

        self.factsLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.factIssuedLabel)

        self.factIssued = QLabel(self.factsGroup)
        self.factIssued.setObjectName(u"factIssued")

        self.factsLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.factIssued)

        self.factWeeksLabel = QLabel(self.factsGroup)
        self.factWeeksLabel.setObjectName(u"factWeeksLabel")

        self.factsLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.factWeeksLabel)

        self.factWeeks = QLabel(self.factsGroup)
        self.factWeeks.setObjectName(u"factWeeks")
        self.factWeeks.setWordWrap(True)

        self.factsLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.factWeeks)


        self.sidePanelLayout.addWidget(self.factsGroup)

        self.progressGroup = QGroupBox(self.sidePanel)
        self.progressGroup.setObjectName(u"progressGroup")
        self.progressLayout = QVBoxLayout(self.progressGroup)
        self.progressLayout.setObjectName(u"progressLayout")
        self.planProgress = QProgressBar(self.progressGroup)
        self.planProgress.setObjectName(u"planProgress")
        self.planProgress.setValue(0)

        self.progressLayout.addWidget(self.planProgress)

        self.planStatusLabel = QLabel(self.progressGroup)
        self.planStatusLabel.setObjectName(u"planStatusLabel")
        self.planStatusLabel.setWordWrap(True)

        self.progressLayout.addWidget(self.planStatusLabel)

        self.missingLabel = QLabel(self.progressGroup)
        self.missingLabel.setObjectName(u"missingLabel")
        self.missingLabel.setWordWrap(True)
        self.missingLabel.setTextFormat(Qt.TextFormat.RichText)

        self.progressLayout.addWidget(self.missingLabel)

        self.submitButton = QPushButton(self.progressGroup)
        self.submitButton.setObjectName(u"submitButton")

        self.progressLayout.addWidget(self.submitButton)

        self.reopenButton = QPushButton(self.progressGroup)
        self.reopenButton.setObjectName(u"reopenButton")

        self.progressLayout.addWidget(self.reopenButton)


        self.sidePanelLayout.addWidget(self.progressGroup)

        self.othersGroup = QGroupBox(self.sidePanel)
        self.othersGroup.setObjectName(u"othersGroup")
        self.othersLayout = QVBoxLayout(self.othersGroup)
        self.othersLayout.setObjectName(u"othersLayout")
        self.othersHiddenLabel = QLabel(self.othersGroup)
        self.othersHiddenLabel.setObjectName(u"othersHiddenLabel")
        self.othersHiddenLabel.setWordWrap(True)

        self.othersLayout.addWidget(self.othersHiddenLabel)

        self.othersTable = QTableView(self.othersGroup)
        self.othersTable.setObjectName(u"othersTable")
        self.othersTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.othersTable.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.othersTable.setWordWrap(False)

        self.othersLayout.addWidget(self.othersTable)


        self.sidePanelLayout.addWidget(self.othersGroup)

        self.sessionGroup = QGroupBox(self.sidePanel)
        self.sessionGroup.setObjectName(u"sessionGroup")
        self.sessionLayout = QVBoxLayout(self.sessionGroup)
        self.sessionLayout.setObjectName(u"sessionLayout")
        self.sessionTable = QTableView(self.sessionGroup)
        self.sessionTable.setObjectName(u"sessionTable")
        self.sessionTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sessionTable.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.sessionTable.setWordWrap(False)

        self.sessionLayout.addWidget(self.sessionTable)


        self.sidePanelLayout.addWidget(self.sessionGroup)

        self.sideSpacer = QSpacerItem(10, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.sidePanelLayout.addItem(self.sideSpacer)

        self.sideScroll.setWidget(self.sidePanel)
        self.mainSplitter.addWidget(self.sideScroll)

        self.pageLayout.addWidget(self.mainSplitter)

        self.helpLabel = QLabel(ScoringPage)
        self.helpLabel.setObjectName(u"helpLabel")
        self.helpLabel.setWordWrap(True)
        self.helpLabel.setTextFormat(Qt.TextFormat.RichText)

        self.pageLayout.addWidget(self.helpLabel)

#if QT_CONFIG(shortcut)
        self.sessionLabel.setBuddy(self.sessionCombo)
        self.memberLabel.setBuddy(self.memberCombo)
        self.planLabel.setBuddy(self.planCombo)
        self.planListLabel.setBuddy(self.planList)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.sessionCombo, self.memberCombo)
        QWidget.setTabOrder(self.memberCombo, self.prevPlanButton)
        QWidget.setTabOrder(self.prevPlanButton, self.planCombo)
        QWidget.setTabOrder(self.planCombo, self.nextPlanButton)
        QWidget.setTabOrder(self.nextPlanButton, self.planList)
        QWidget.setTabOrder(self.planList, self.formScroll)
        QWidget.setTabOrder(self.formScroll, self.submitButton)
        QWidget.setTabOrder(self.submitButton, self.reopenButton)
        QWidget.setTabOrder(self.reopenButton, self.othersTable)
        QWidget.setTabOrder(self.othersTable, self.sessionTable)
        QWidget.setTabOrder(self.sessionTable, self.retryButton)
        QWidget.setTabOrder(self.retryButton, self.discardButton)
        QWidget.setTabOrder(self.discardButton, self.dismissButton)

        self.retranslateUi(ScoringPage)

        QMetaObject.connectSlotsByName(ScoringPage)
    # setupUi

    def retranslateUi(self, ScoringPage):
#if QT_CONFIG(accessibility)
        ScoringPage.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Scoring page", None))
#endif // QT_CONFIG(accessibility)
        self.titleLabel.setText(QCoreApplication.translate("ScoringPage", u"<span style=\"font-size:x-large; font-weight:600\">Score plans</span>", None))
#if QT_CONFIG(accessibility)
        self.titleLabel.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Score plans", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.planPaneButton.setToolTip(QCoreApplication.translate("ScoringPage", u"Show or hide the plan document beside the questions (F4). F6 moves between the form and the plan.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.planPaneButton.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Show plan document", None))
#endif // QT_CONFIG(accessibility)
        self.planPaneButton.setText(QCoreApplication.translate("ScoringPage", u"Show plan document", None))
#if QT_CONFIG(tooltip)
        self.saveStatusLabel.setToolTip(QCoreApplication.translate("ScoringPage", u"Every answer is saved as soon as you give it; notes and comments a moment after you stop typing", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.saveStatusLabel.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Save status", None))
#endif // QT_CONFIG(accessibility)
        self.saveStatusLabel.setText(QCoreApplication.translate("ScoringPage", u"All changes saved", None))
        self.sessionLabel.setText(QCoreApplication.translate("ScoringPage", u"&Session", None))
#if QT_CONFIG(tooltip)
        self.sessionCombo.setToolTip(QCoreApplication.translate("ScoringPage", u"The audit session (panel) you are scoring for", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.sessionCombo.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Audit session", None))
#endif // QT_CONFIG(accessibility)
        self.memberLabel.setText(QCoreApplication.translate("ScoringPage", u"&I am", None))
#if QT_CONFIG(tooltip)
        self.memberCombo.setToolTip(QCoreApplication.translate("ScoringPage", u"The panel member whose scores you are entering", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.memberCombo.setAccessibleName(QCoreApplication.translate("ScoringPage", u"I am (panel member)", None))
#endif // QT_CONFIG(accessibility)
        self.planLabel.setText(QCoreApplication.translate("ScoringPage", u"P&lan", None))
#if QT_CONFIG(tooltip)
        self.prevPlanButton.setToolTip(QCoreApplication.translate("ScoringPage", u"Previous plan (Alt+Left or Ctrl+Page Up)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.prevPlanButton.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Previous plan", None))
#endif // QT_CONFIG(accessibility)
        self.prevPlanButton.setText(QCoreApplication.translate("ScoringPage", u"\u25c0 Previous", None))
#if QT_CONFIG(tooltip)
        self.planCombo.setToolTip(QCoreApplication.translate("ScoringPage", u"The plan you are scoring", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.planCombo.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Plan", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.nextPlanButton.setToolTip(QCoreApplication.translate("ScoringPage", u"Next plan (Alt+Right or Ctrl+Page Down)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.nextPlanButton.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Next plan", None))
#endif // QT_CONFIG(accessibility)
        self.nextPlanButton.setText(QCoreApplication.translate("ScoringPage", u"Next \u25b6", None))
#if QT_CONFIG(accessibility)
        self.messageBanner.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Message", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.messageLabel.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Message text", None))
#endif // QT_CONFIG(accessibility)
        self.retryButton.setText(QCoreApplication.translate("ScoringPage", u"&Retry saving", None))
#if QT_CONFIG(accessibility)
        self.retryButton.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Retry saving", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.discardButton.setToolTip(QCoreApplication.translate("ScoringPage", u"Forget the changes that could not be saved and show what the database holds", None))
#endif // QT_CONFIG(tooltip)
        self.discardButton.setText(QCoreApplication.translate("ScoringPage", u"&Discard unsaved changes", None))
#if QT_CONFIG(accessibility)
        self.discardButton.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Discard unsaved changes", None))
#endif // QT_CONFIG(accessibility)
        self.dismissButton.setText(QCoreApplication.translate("ScoringPage", u"Dismiss", None))
#if QT_CONFIG(accessibility)
        self.dismissButton.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Dismiss message", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.infoBanner.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Information", None))
#endif // QT_CONFIG(accessibility)
        self.planListLabel.setText(QCoreApplication.translate("ScoringPage", u"Plans in the sa&mple", None))
#if QT_CONFIG(tooltip)
        self.planList.setToolTip(QCoreApplication.translate("ScoringPage", u"Your progress on each sampled plan. Press Enter to start scoring the selected plan.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.planList.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Plans in the sample", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.formScroll.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Scoring form", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.sideScroll.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Plan facts and progress", None))
#endif // QT_CONFIG(accessibility)
        self.factsGroup.setTitle(QCoreApplication.translate("ScoringPage", u"Key facts", None))
        self.factPlanRefLabel.setText(QCoreApplication.translate("ScoringPage", u"Plan ref", None))
#if QT_CONFIG(accessibility)
        self.factPlanRef.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Plan reference", None))
#endif // QT_CONFIG(accessibility)
        self.factYearLabel.setText(QCoreApplication.translate("ScoringPage", u"Year group", None))
#if QT_CONFIG(accessibility)
        self.factYear.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Year group", None))
#endif // QT_CONFIG(accessibility)
        self.factNeedLabel.setText(QCoreApplication.translate("ScoringPage", u"Primary need", None))
#if QT_CONFIG(accessibility)
        self.factNeed.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Primary need", None))
#endif // QT_CONFIG(accessibility)
        self.factSettingLabel.setText(QCoreApplication.translate("ScoringPage", u"Setting type", None))
#if QT_CONFIG(accessibility)
        self.factSetting.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Setting type", None))
#endif // QT_CONFIG(accessibility)
        self.factTeamLabel.setText(QCoreApplication.translate("ScoringPage", u"Team", None))
#if QT_CONFIG(accessibility)
        self.factTeam.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Team", None))
#endif // QT_CONFIG(accessibility)
        self.factIssuedLabel.setText(QCoreApplication.translate("ScoringPage", u"Issued", None))
#if QT_CONFIG(accessibility)
        self.factIssued.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Issue date", None))
#endif // QT_CONFIG(accessibility)
        self.factWeeksLabel.setText(QCoreApplication.translate("ScoringPage", u"Weeks to issue", None))
#if QT_CONFIG(accessibility)
        self.factWeeks.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Weeks from request to issue", None))
#endif // QT_CONFIG(accessibility)
        self.progressGroup.setTitle(QCoreApplication.translate("ScoringPage", u"Your audit of this plan", None))
#if QT_CONFIG(accessibility)
        self.planProgress.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Questions answered on this plan", None))
#endif // QT_CONFIG(accessibility)
        self.planProgress.setFormat(QCoreApplication.translate("ScoringPage", u"%v of %m answered", None))
#if QT_CONFIG(accessibility)
        self.planStatusLabel.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Audit status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.missingLabel.setAccessibleName(QCoreApplication.translate("ScoringPage", u"What is missing", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.submitButton.setToolTip(QCoreApplication.translate("ScoringPage", u"Submit your scores for this plan (Ctrl+Enter). Other members' scores become visible to you once you have submitted.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.submitButton.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Submit audit", None))
#endif // QT_CONFIG(accessibility)
        self.submitButton.setText(QCoreApplication.translate("ScoringPage", u"Su&bmit audit", None))
#if QT_CONFIG(tooltip)
        self.reopenButton.setToolTip(QCoreApplication.translate("ScoringPage", u"Reopen your submitted audit to change it (not possible once moderation of the plan has started)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.reopenButton.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Reopen my audit", None))
#endif // QT_CONFIG(accessibility)
        self.reopenButton.setText(QCoreApplication.translate("ScoringPage", u"Reopen my audit", None))
        self.othersGroup.setTitle(QCoreApplication.translate("ScoringPage", u"Other members' scores", None))
#if QT_CONFIG(accessibility)
        self.othersHiddenLabel.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Other members' scores", None))
#endif // QT_CONFIG(accessibility)
        self.othersHiddenLabel.setText(QCoreApplication.translate("ScoringPage", u"Other members' scores are hidden until you submit yours.", None))
#if QT_CONFIG(accessibility)
        self.othersTable.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Scores of every member for this plan", None))
#endif // QT_CONFIG(accessibility)
        self.sessionGroup.setTitle(QCoreApplication.translate("ScoringPage", u"Session progress", None))
#if QT_CONFIG(accessibility)
        self.sessionTable.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Plans submitted by each member", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.helpLabel.setAccessibleName(QCoreApplication.translate("ScoringPage", u"Keyboard help", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

