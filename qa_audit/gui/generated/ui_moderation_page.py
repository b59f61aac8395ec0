# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'moderation_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QSplitter, QStackedWidget, QTabWidget,
    QTableView, QVBoxLayout, QWidget)

class Ui_ModerationPage(object):
    def setupUi(self, ModerationPage):
        if not ModerationPage.objectName():
            ModerationPage.setObjectName(u"ModerationPage")
        ModerationPage.resize(1280, 800)
        self.rootLayout = QVBoxLayout(ModerationPage)
        self.rootLayout.setSpacing(6)
        self.rootLayout.setObjectName(u"rootLayout")
        self.rootLayout.setContentsMargins(12, 10, 12, 8)
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.titleLabel = QLabel(ModerationPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.headerLayout.addWidget(self.titleLabel)

        self.headerSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.sessionLabel = QLabel(ModerationPage)
        self.sessionLabel.setObjectName(u"sessionLabel")

        self.headerLayout.addWidget(self.sessionLabel)

        self.sessionCombo = QComboBox(ModerationPage)
        self.sessionCombo.setObjectName(u"sessionCombo")
        self.sessionCombo.setMinimumSize(QSize(220, 0))

        self.headerLayout.addWidget(self.sessionCombo)

        self.memberLabel = QLabel(ModerationPage)
        self.memberLabel.setObjectName(u"memberLabel")

        self.headerLayout.addWidget(self.memberLabel)

        self.memberCombo = QComboBox(ModerationPage)
        self.memberCombo.setObjectName(u"memberCombo")
        self.memberCombo.setMinimumSize(QSize(240, 0))

        self.headerLayout.addWidget(self.memberCombo)

        self.designateButton = QPushButton(ModerationPage)
        self.designateButton.setObjectName(u"designateButton")

        self.headerLayout.addWidget(self.designateButton)

        self.reopenButton = QPushButton(ModerationPage)
        self.reopenButton.setObjectName(u"reopenButton")

        self.headerLayout.addWidget(self.reopenButton)


        self.rootLayout.addLayout(self.headerLayout)

        self.permissionLabel = QLabel(ModerationPage)
        self.permissionLabel.setObjectName(u"permissionLabel")
        self.permissionLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.permissionLabel)

        self.bodyStack = QStackedWidget(ModerationPage)
        self.bodyStack.setObjectName(u"bodyStack")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(1)
        sizePolicy.setHeightForWidth(self.bodyStack.sizePolicy().hasHeightForWidth())
        self.bodyStack.setSizePolicy(sizePolicy)
        self.contentPage = QWidget()
        self.contentPage.setObjectName(u"contentPage")
        self.contentLayout = QVBoxLayout(self.contentPage)
        self.contentLayout.setObjectName(u"contentLayout")
        self.contentLayout.setContentsMargins(0, 0, 0, 0)
        self.mainSplitter = QSplitter(self.contentPage)
        self.mainSplitter.setObjectName(u"mainSplitter")
        self.mainSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.mainSplitter.setChildrenCollapsible(False)
        self.planPanel = QWidget(self.mainSplitter)
        self.planPanel.setObjectName(u"planPanel")
        self.planPanelLayout = QVBoxLayout(self.planPanel)
        self.planPanelLayout.setObjectName(u"planPanelLayout")
        self.planPanelLayout.setContentsMargins(0, 0, 4, 0)
        self.plansLabel = QLabel(self.planPanel)
        self.plansLabel.setObjectName(u"plansLabel")

        self.planPanelLayout.addWidget(self.plansLabel)

        self.planList = QTableView(self.planPanel)
        self.planList.setObjectName(u"planList")
        self.planList.setMinimumSize(QSize(200, 0))
        self.planList.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.planList.setAlternatingRowColors(True)
        self.planList.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.planList.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.planList.setWordWrap(False)
        self.planList.verticalHeader().setVisible(False)

        self.planPanelLayout.addWidget(self.planList)

        self.planNavLayout = QHBoxLayout()
        self.planNavLayout.setObjectName(u"planNavLayout")
        self.previousPlanButton = QPushButton(self.planPanel)
        self.previousPlanButton.setObjectName(u"previousPlanButton")

        self.planNavLayout.addWidget(self.previousPlanButton)

        self.nextPlanButton = QPushButton(self.planPanel)
        self.nextPlanButton.setObjectName(u"nextPlanButton")

        self.planNavLayout.addWidget(self.nextPlanButton)


        self.planPanelLayout.addLayout(self.planNavLayout)

        self.mainSplitter.addWidget(self.planPanel)
        self.verticalSplitter = QSplitter(self.mainSplitter)
        self.verticalSplitter.setObjectName(u"verticalSplitter")
        self.verticalSplitter.setOrientation(Qt.Orientation.Vertical)
        self.verticalSplitter.setChildrenCollapsible(False)
        self.gridPanel = QWidget(self.verticalSplitter)
        self.gridPanel.setObjectName(u"gridPanel")
        self.gridPanelLayout = QVBoxLayout(self.gridPanel)
        self.gridPanelLayout.setObjectName(u"gridPanelLayout")
        self.gridPanelLayout.setContentsMargins(4, 0, 4, 0)
        self.planTitleLabel = QLabel(self.gridPanel)
        self.planTitleLabel.setObjectName(u"planTitleLabel")
        self.planTitleLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.gridPanelLayout.addWidget(self.planTitleLabel)

        self.legendLabel = QLabel(self.gridPanel)
        self.legendLabel.setObjectName(u"legendLabel")
        self.legendLabel.setWordWrap(True)

        self.gridPanelLayout.addWidget(self.legendLabel)

        self.agreeBarLayout = QHBoxLayout()
        self.agreeBarLayout.setObjectName(u"agreeBarLayout")
        self.agreeUnanimousButton = QPushButton(self.gridPanel)
        self.agreeUnanimousButton.setObjectName(u"agreeUnanimousButton")

        self.agreeBarLayout.addWidget(self.agreeUnanimousButton)

        self.disagreementsOnlyCheck = QCheckBox(self.gridPanel)
        self.disagreementsOnlyCheck.setObjectName(u"disagreementsOnlyCheck")

        self.agreeBarLayout.addWidget(self.disagreementsOnlyCheck)

        self.agreeBarSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.agreeBarLayout.addItem(self.agreeBarSpacer)

        self.saveStateLabel = QLabel(self.gridPanel)
        self.saveStateLabel.setObjectName(u"saveStateLabel")

        self.agreeBarLayout.addWidget(self.saveStateLabel)


        self.gridPanelLayout.addLayout(self.agreeBarLayout)

        self.gridView = QTableView(self.gridPanel)
        self.gridView.setObjectName(u"gridView")
        self.gridView.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked|QAbstractItemView.EditTrigger.EditKeyPressed|QAbstractItemView.EditTrigger.SelectedClicked)
        self.gridView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.gridView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.gridView.setWordWrap(False)
        self.gridView.verticalHeader().setVisible(False)

        self.gridPanelLayout.addWidget(self.gridView)

        self.cellDetailLabel = QLabel(self.gridPanel)
        self.cellDetailLabel.setObjectName(u"cellDetailLabel")
        self.cellDetailLabel.setTextFormat(Qt.TextFormat.RichText)
        self.cellDetailLabel.setWordWrap(True)
        self.cellDetailLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.gridPanelLayout.addWidget(self.cellDetailLabel)

        self.verticalSplitter.addWidget(self.gridPanel)
        self.detailTabs = QTabWidget(self.verticalSplitter)
        self.detailTabs.setObjectName(u"detailTabs")
        self.gradeTab = QWidget()
        self.gradeTab.setObjectName(u"gradeTab")
        self.gradeTabLayout = QHBoxLayout(self.gradeTab)
        self.gradeTabLayout.setObjectName(u"gradeTabLayout")
        self.gradeTabLayout.setContentsMargins(6, 6, 6, 6)
        self.overallGroup = QGroupBox(self.gradeTab)
        self.overallGroup.setObjectName(u"overallGroup")
        self.overallGroup.setMinimumSize(QSize(300, 0))
        self.overallGroup.setMaximumSize(QSize(380, 16777215))
        self.overallLayout = QVBoxLayout(self.overallGroup)
        self.overallLayout.setObjectName(u"overallLayout")
        self.overallButtonsHost = QWidget(self.overallGroup)
        self.overallButtonsHost.setObjectName(u"overallButtonsHost")
        self.overallButtonsLayout = QHBoxLayout(self.overallButtonsHost)
        self.overallButtonsLayout.setSpacing(3)
        self.overallButtonsLayout.setObjectName(u"overallButtonsLayout")
        self.overallButtonsLayout.setContentsMargins(0, 0, 0, 0)

        self.overallLayout.addWidget(self.overallButtonsHost)

        self.overallBandLabel = QLabel(self.overallGroup)
        self.overallBandLabel.setObjectName(u"overallBandLabel")
        self.overallBandLabel.setWordWrap(True)

        self.overallLayout.addWidget(self.overallBandLabel)

        self.memberGradesLabel = QLabel(self.overallGroup)
        self.memberGradesLabel.setObjectName(u"memberGradesLabel")
        self.memberGradesLabel.setWordWrap(True)

        self.overallLayout.addWidget(self.memberGradesLabel)

        self.overallRationaleLabel = QLabel(self.overallGroup)
        self.overallRationaleLabel.setObjectName(u"overallRationaleLabel")

        self.overallLayout.addWidget(self.overallRationaleLabel)

        self.overallRationaleEdit = QLineEdit(self.overallGroup)
        self.overallRationaleEdit.setObjectName(u"overallRationaleEdit")

        self.overallLayout.addWidget(self.overallRationaleEdit)

        self.overallSpacer = QSpacerItem(10, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.overallLayout.addItem(self.overallSpacer)


        self.gradeTabLayout.addWidget(self.overallGroup)

        self.themesGroup = QGroupBox(self.gradeTab)
        self.themesGroup.setObjectName(u"themesGroup")
        self.themesLayout = QVBoxLayout(self.themesGroup)
        self.themesLayout.setObjectName(u"themesLayout")
        self.themesList = QListWidget(self.themesGroup)
        self.themesList.setObjectName(u"themesList")
        self.themesList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.themesList.setAlternatingRowColors(True)
        self.themesList.setWordWrap(True)

        self.themesLayout.addWidget(self.themesList)


        self.gradeTabLayout.addWidget(self.themesGroup)

        self.detailTabs.addTab(self.gradeTab, "")
        self.textsTab = QWidget()
        self.textsTab.setObjectName(u"textsTab")
        self.textsTabLayout = QHBoxLayout(self.textsTab)
        self.textsTabLayout.setObjectName(u"textsTabLayout")
        self.textsTabLayout.setContentsMargins(6, 6, 6, 6)
        self.textsGroup = QGroupBox(self.textsTab)
        self.textsGroup.setObjectName(u"textsGroup")
        self.textsLayout = QGridLayout(self.textsGroup)
        self.textsLayout.setObjectName(u"textsLayout")
        self.strengthsLabel = QLabel(self.textsGroup)
        self.strengthsLabel.setObjectName(u"strengthsLabel")

        self.textsLayout.addWidget(self.strengthsLabel, 0, 0, 1, 1)

        self.strengthsEdit = QPlainTextEdit(self.textsGroup)
        self.strengthsEdit.setObjectName(u"strengthsEdit")
        self.strengthsEdit.setTabChangesFocus(True)

        self.textsLayout.addWidget(self.strengthsEdit, 1, 0, 1, 1)

        self.developmentLabel = QLabel(self.textsGroup)
        self.developmentLabel.setObjectName(u"developmentLabel")

        self.textsLayout.addWidget(self.developmentLabel, 0, 1, 1, 1)

        self.developmentEdit = QPlainTextEdit(self.textsGroup)
        self.developmentEdit.setObjectName(u"developmentEdit")
        self.developmentEdit.setTabChangesFocus(True)

        self.textsLayout.addWidget(self.developmentEdit, 1, 1, 1, 1)

        self.saveTextsButton = QPushButton(self.textsGroup)
        self.saveTextsButton.setObjectName(u"saveTextsButton")

        self.textsLayout.addWidget(self.saveTextsButton, 2, 1, 1, 1)


        self.textsTabLayout.addWidget(self.textsGroup)

        self.actionsGroup = QGroupBox(self.textsTab)
        self.actionsGroup.setObjectName(u"actionsGroup")
        self.actionsLayout = QVBoxLayout(self.actionsGroup)
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.actionsList = QListWidget(self.actionsGroup)
        self.actionsList.setObjectName(u"actionsList")
        self.actionsList.setWordWrap(True)

        self.actionsLayout.addWidget(self.actionsList)

        self.addActionButton = QPushButton(self.actionsGroup)
        self.addActionButton.setObjectName(u"addActionButton")

        self.actionsLayout.addWidget(self.addActionButton)


        self.textsTabLayout.addWidget(self.actionsGroup)

        self.detailTabs.addTab(self.textsTab, "")
        self.agreementTab = QWidget()
        self.agreementTab.setObjectName(u"agreementTab")
        self.agreementTabLayout = QHBoxLayout(self.agreementTab)
        self.agreementTabLayout.setObjectName(u"agreementTabLayout")
        self.agreementTabLayout.setContentsMargins(6, 6, 6, 6)
        self.agreementGroup = QGroupBox(self.agreementTab)
        self.agreementGroup.setObjectName(u"agreementGroup")
        self.agreementLayout = QHBoxLayout(self.agreementGroup)
        self.agreementLayout.setObjectName(u"agreementLayout")
        self.statsForm = QFormLayout()
        self.statsForm.setObjectName(u"statsForm")
        self.pairsCaption = QLabel(self.agreementGroup)
        self.pairsCaption.setObjectName(u"pairsCaption")

        self.statsForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.pairsCaption)

        self.pairsValue = QLabel(self.agreementGroup)
        self.pairsValue.setObjectName(u"pairsValue")

        self.statsForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.pairsValue)

        self.exactCaption = QLabel(self.agreementGroup)
        self.exactCaption.setObjectName(u"exactCaption")

        self.statsForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.exactCaption)

        self.exactValue = QLabel(self.agreementGroup)
        self.exactValue.setObjectName(u"exactValue")

        self.statsForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.exactValue)

        self.withinCaption = QLabel(self.agreementGroup)
        self.withinCaption.setObjectName(u"withinCaption")

        self.statsForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.withinCaption)

        self.withinValue = QLabel(self.agreementGroup)
        self.withinValue.setObjectName(u"withinValue")

        self.statsForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.withinValue)

        self.alphaCaption = QLabel(self.agreementGroup)
        self.alphaCaption.setObjectName(u"alphaCaption")

        self.statsForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.alphaCaption)

        self.alphaValue = QLabel(self.agreementGroup)
        self.alphaValue.setObjectName(u"alphaValue")

        self.statsForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.alphaValue)


        self.agreementLayout.addLayout(self.statsForm)

        self.memberAgreementTable = QTableView(self.agreementGroup)
        self.memberAgreementTable.setObjectName(u"memberAgreementTable")
        self.memberAgreementTable.setMinimumSize(QSize(420, 0))
        self.memberAgreementTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.memberAgreementTable.setAlternatingRowColors(True)
        self.memberAgreementTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.memberAgreementTable.verticalHeader().setVisible(False)

        self.agreementLayout.addWidget(self.memberAgreementTable)

        self.driftChartHost = QWidget(self.agreementGroup)
        self.driftChartHost.setObjectName(u"driftChartHost")
        self.driftChartHost.setMinimumSize(QSize(300, 150))
        self.driftChartLayout = QVBoxLayout(self.driftChartHost)
        self.driftChartLayout.setObjectName(u"driftChartLayout")
        self.driftChartLayout.setContentsMargins(0, 0, 0, 0)

        self.agreementLayout.addWidget(self.driftChartHost)


        self.agreementTabLayout.addWidget(self.agreementGroup)

        self.detailTabs.addTab(self.agreementTab, "")
        self.verticalSplitter.addWidget(self.detailTabs)
        self.mainSplitter.addWidget(self.verticalSplitter)

        self.contentLayout.addWidget(self.mainSplitter)

        self.bodyStack.addWidget(self.contentPage)
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyLayout = QVBoxLayout(self.emptyPage)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyLabel = QLabel(self.emptyPage)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyLabel.setWordWrap(True)

        self.emptyLayout.addWidget(self.emptyLabel)

        self.bodyStack.addWidget(self.emptyPage)

        self.rootLayout.addWidget(self.bodyStack)

#if QT_CONFIG(shortcut)
        self.sessionLabel.setBuddy(self.sessionCombo)
        self.memberLabel.setBuddy(self.memberCombo)
        self.plansLabel.setBuddy(self.planList)
        self.overallRationaleLabel.setBuddy(self.overallRationaleEdit)
        self.strengthsLabel.setBuddy(self.strengthsEdit)
        self.developmentLabel.setBuddy(self.developmentEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.sessionCombo, self.memberCombo)
        QWidget.setTabOrder(self.memberCombo, self.designateButton)
        QWidget.setTabOrder(self.designateButton, self.planList)
        QWidget.setTabOrder(self.planList, self.previousPlanButton)
        QWidget.setTabOrder(self.previousPlanButton, self.nextPlanButton)
        QWidget.setTabOrder(self.nextPlanButton, self.gridView)
        QWidget.setTabOrder(self.gridView, self.detailTabs)
        QWidget.setTabOrder(self.detailTabs, self.overallRationaleEdit)
        QWidget.setTabOrder(self.overallRationaleEdit, self.themesList)
        QWidget.setTabOrder(self.themesList, self.strengthsEdit)
        QWidget.setTabOrder(self.strengthsEdit, self.developmentEdit)
        QWidget.setTabOrder(self.developmentEdit, self.saveTextsButton)
        QWidget.setTabOrder(self.saveTextsButton, self.actionsList)
        QWidget.setTabOrder(self.actionsList, self.addActionButton)
        QWidget.setTabOrder(self.addActionButton, self.memberAgreementTable)

        self.retranslateUi(ModerationPage)

        self.detailTabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(ModerationPage)
    # setupUi

    def retranslateUi(self, ModerationPage):
#if QT_CONFIG(accessibility)
        ModerationPage.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Moderation", None))
#endif // QT_CONFIG(accessibility)
        self.titleLabel.setText(QCoreApplication.translate("ModerationPage", u"Moderation", None))
        self.sessionLabel.setText(QCoreApplication.translate("ModerationPage", u"&Session:", None))
#if QT_CONFIG(tooltip)
        self.sessionCombo.setToolTip(QCoreApplication.translate("ModerationPage", u"The audit session (panel meeting) to moderate", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.sessionCombo.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Session", None))
#endif // QT_CONFIG(accessibility)
        self.memberLabel.setText(QCoreApplication.translate("ModerationPage", u"I &am:", None))
#if QT_CONFIG(tooltip)
        self.memberCombo.setToolTip(QCoreApplication.translate("ModerationPage", u"Which panel member is using this screen: only the chair, or a member the chair designates, records agreed scores", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.memberCombo.setAccessibleName(QCoreApplication.translate("ModerationPage", u"I am (panel member)", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.designateButton.setToolTip(QCoreApplication.translate("ModerationPage", u"Choose which members may record agreed scores (chair only)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.designateButton.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Designate moderators", None))
#endif // QT_CONFIG(accessibility)
        self.designateButton.setText(QCoreApplication.translate("ModerationPage", u"&Designate\u2026", None))
#if QT_CONFIG(tooltip)
        self.reopenButton.setToolTip(QCoreApplication.translate("ModerationPage", u"Reopen this closed session, giving a reason kept in the change log (chair only)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.reopenButton.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Reopen session", None))
#endif // QT_CONFIG(accessibility)
        self.reopenButton.setText(QCoreApplication.translate("ModerationPage", u"&Reopen session\u2026", None))
#if QT_CONFIG(accessibility)
        self.permissionLabel.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Editing permission", None))
#endif // QT_CONFIG(accessibility)
        self.permissionLabel.setText("")
        self.plansLabel.setText(QCoreApplication.translate("ModerationPage", u"&Plans", None))
#if QT_CONFIG(tooltip)
        self.planList.setToolTip(QCoreApplication.translate("ModerationPage", u"Plans in this session: members submitted, agreed grade, disagreements", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.planList.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Plans in this session", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.previousPlanButton.setToolTip(QCoreApplication.translate("ModerationPage", u"Previous plan (Alt+Left)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.previousPlanButton.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Previous plan", None))
#endif // QT_CONFIG(accessibility)
        self.previousPlanButton.setText(QCoreApplication.translate("ModerationPage", u"\u25c0 Previous", None))
#if QT_CONFIG(shortcut)
        self.previousPlanButton.setShortcut(QCoreApplication.translate("ModerationPage", u"Alt+Left", None))
#endif // QT_CONFIG(shortcut)
#if QT_CONFIG(tooltip)
        self.nextPlanButton.setToolTip(QCoreApplication.translate("ModerationPage", u"Next plan (Alt+Right)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.nextPlanButton.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Next plan", None))
#endif // QT_CONFIG(accessibility)
        self.nextPlanButton.setText(QCoreApplication.translate("ModerationPage", u"Next \u25b6", None))
#if QT_CONFIG(shortcut)
        self.nextPlanButton.setShortcut(QCoreApplication.translate("ModerationPage", u"Alt+Right", None))
#endif // QT_CONFIG(shortcut)
#if QT_CONFIG(accessibility)
        self.planTitleLabel.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Selected plan", None))
#endif // QT_CONFIG(accessibility)
        self.planTitleLabel.setText("")
#if QT_CONFIG(accessibility)
        self.legendLabel.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Legend", None))
#endif // QT_CONFIG(accessibility)
        self.legendLabel.setText("")
#if QT_CONFIG(tooltip)
        self.agreeUnanimousButton.setToolTip(QCoreApplication.translate("ModerationPage", u"Agree every open answer (and the grade) where all submitted members agree (Ctrl+Shift+A; Ctrl+Z undoes)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.agreeUnanimousButton.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Agree where unanimous", None))
#endif // QT_CONFIG(accessibility)
        self.agreeUnanimousButton.setText(QCoreApplication.translate("ModerationPage", u"Agree where &unanimous", None))
#if QT_CONFIG(tooltip)
        self.disagreementsOnlyCheck.setToolTip(QCoreApplication.translate("ModerationPage", u"Show only the rows where members disagree, and the overall grade (Ctrl+D)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.disagreementsOnlyCheck.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Disagreements only", None))
#endif // QT_CONFIG(accessibility)
        self.disagreementsOnlyCheck.setText(QCoreApplication.translate("ModerationPage", u"Disagreements &only", None))
#if QT_CONFIG(accessibility)
        self.saveStateLabel.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Agreed changes saved or pending", None))
#endif // QT_CONFIG(accessibility)
        self.saveStateLabel.setText("")
#if QT_CONFIG(tooltip)
        self.gridView.setToolTip("")
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.gridView.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Members' answers and the agreed answers", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.gridView.setAccessibleDescription(QCoreApplication.translate("ModerationPage", u"One row per question; one column per member, then the agreed answer, its attribution and the rationale. Press Enter on an agreed cell to change it.", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.cellDetailLabel.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Details of the current question", None))
#endif // QT_CONFIG(accessibility)
        self.cellDetailLabel.setText("")
#if QT_CONFIG(accessibility)
        self.detailTabs.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Agreed grade, themes, texts, actions and panel agreement", None))
#endif // QT_CONFIG(accessibility)
        self.overallGroup.setTitle(QCoreApplication.translate("ModerationPage", u"Agreed overall grade", None))
#if QT_CONFIG(accessibility)
        self.overallButtonsHost.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Agreed overall grade", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.overallBandLabel.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Agreed grade band", None))
#endif // QT_CONFIG(accessibility)
        self.overallBandLabel.setText("")
#if QT_CONFIG(accessibility)
        self.memberGradesLabel.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Members' overall grades", None))
#endif // QT_CONFIG(accessibility)
        self.memberGradesLabel.setText("")
        self.overallRationaleLabel.setText(QCoreApplication.translate("ModerationPage", u"&Rationale for the grade:", None))
#if QT_CONFIG(tooltip)
        self.overallRationaleEdit.setToolTip(QCoreApplication.translate("ModerationPage", u"Why the agreed grade differs from a member's grade (saved when you press Enter or leave the box)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.overallRationaleEdit.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Rationale for the agreed overall grade", None))
#endif // QT_CONFIG(accessibility)
        self.overallRationaleEdit.setPlaceholderText(QCoreApplication.translate("ModerationPage", u"Why the agreed grade differs from a member's", None))
        self.themesGroup.setTitle(QCoreApplication.translate("ModerationPage", u"Agreed &themes", None))
#if QT_CONFIG(tooltip)
        self.themesList.setToolTip(QCoreApplication.translate("ModerationPage", u"Tick the themes the panel agrees (saved at once); n/N is how many members tagged each theme", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.themesList.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Agreed themes", None))
#endif // QT_CONFIG(accessibility)
        self.detailTabs.setTabText(self.detailTabs.indexOf(self.gradeTab), QCoreApplication.translate("ModerationPage", u"Agreed &grade and themes", None))
#if QT_CONFIG(tooltip)
        self.detailTabs.setTabToolTip(self.detailTabs.indexOf(self.gradeTab), QCoreApplication.translate("ModerationPage", u"The panel's agreed overall grade and themes for this plan", None))
#endif // QT_CONFIG(tooltip)
        self.textsGroup.setTitle(QCoreApplication.translate("ModerationPage", u"Agreed strengths and areas for development", None))
        self.strengthsLabel.setText(QCoreApplication.translate("ModerationPage", u"Stre&ngths:", None))
#if QT_CONFIG(accessibility)
        self.strengthsEdit.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Agreed strengths", None))
#endif // QT_CONFIG(accessibility)
        self.developmentLabel.setText(QCoreApplication.translate("ModerationPage", u"Areas for de&velopment:", None))
#if QT_CONFIG(accessibility)
        self.developmentEdit.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Agreed areas for development", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.saveTextsButton.setToolTip(QCoreApplication.translate("ModerationPage", u"Save the agreed strengths and areas for development (Ctrl+S); they are also saved when you move to another plan", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.saveTextsButton.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Save texts", None))
#endif // QT_CONFIG(accessibility)
        self.saveTextsButton.setText(QCoreApplication.translate("ModerationPage", u"Save texts", None))
#if QT_CONFIG(shortcut)
        self.saveTextsButton.setShortcut(QCoreApplication.translate("ModerationPage", u"Ctrl+S", None))
#endif // QT_CONFIG(shortcut)
        self.actionsGroup.setTitle(QCoreApplication.translate("ModerationPage", u"Actions for this plan", None))
#if QT_CONFIG(accessibility)
        self.actionsList.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Actions for this plan", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.addActionButton.setToolTip(QCoreApplication.translate("ModerationPage", u"Record an action with an owner and a due date (Alt+I)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.addActionButton.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Add action", None))
#endif // QT_CONFIG(accessibility)
        self.addActionButton.setText(QCoreApplication.translate("ModerationPage", u"Add act&ion\u2026", None))
        self.detailTabs.setTabText(self.detailTabs.indexOf(self.textsTab), QCoreApplication.translate("ModerationPage", u"Strengths, development and a&ctions", None))
#if QT_CONFIG(tooltip)
        self.detailTabs.setTabToolTip(self.detailTabs.indexOf(self.textsTab), QCoreApplication.translate("ModerationPage", u"Agreed strengths, areas for development and actions for this plan", None))
#endif // QT_CONFIG(tooltip)
        self.agreementGroup.setTitle(QCoreApplication.translate("ModerationPage", u"Agreement between members on the overall grade, over every plan in this session", None))
#if QT_CONFIG(accessibility)
        self.agreementGroup.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Panel agreement statistics", None))
#endif // QT_CONFIG(accessibility)
        self.pairsCaption.setText(QCoreApplication.translate("ModerationPage", u"Pairs of grades:", None))
#if QT_CONFIG(tooltip)
        self.pairsValue.setToolTip(QCoreApplication.translate("ModerationPage", u"Every pair of members who both graded the same plan", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.pairsValue.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Pairs of grades", None))
#endif // QT_CONFIG(accessibility)
        self.pairsValue.setText(QCoreApplication.translate("ModerationPage", u"\u2014", None))
        self.exactCaption.setText(QCoreApplication.translate("ModerationPage", u"Exact agreement:", None))
#if QT_CONFIG(tooltip)
        self.exactValue.setToolTip(QCoreApplication.translate("ModerationPage", u"Pairs that gave the same grade", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.exactValue.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Exact agreement", None))
#endif // QT_CONFIG(accessibility)
        self.exactValue.setText(QCoreApplication.translate("ModerationPage", u"\u2014", None))
        self.withinCaption.setText(QCoreApplication.translate("ModerationPage", u"Within one grade:", None))
#if QT_CONFIG(tooltip)
        self.withinValue.setToolTip(QCoreApplication.translate("ModerationPage", u"Pairs whose grades were at most one apart", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.withinValue.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Agreement within one grade", None))
#endif // QT_CONFIG(accessibility)
        self.withinValue.setText(QCoreApplication.translate("ModerationPage", u"\u2014", None))
        self.alphaCaption.setText(QCoreApplication.translate("ModerationPage", u"Krippendorff \u03b1 (ordinal):", None))
#if QT_CONFIG(tooltip)
        self.alphaValue.setToolTip(QCoreApplication.translate("ModerationPage", u"Agreement beyond chance: 1 = perfect, 0 = no better than chance; 0.667 is a common minimum", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.alphaValue.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Krippendorff alpha (ordinal)", None))
#endif // QT_CONFIG(accessibility)
        self.alphaValue.setText(QCoreApplication.translate("ModerationPage", u"\u2014", None))
#if QT_CONFIG(tooltip)
        self.memberAgreementTable.setToolTip(QCoreApplication.translate("ModerationPage", u"Drift: mean of (member's grade \u2212 agreed grade); + means more generous than the panel", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.memberAgreementTable.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Agreement per member", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.driftChartHost.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Calibration drift per member (chart)", None))
#endif // QT_CONFIG(accessibility)
        self.detailTabs.setTabText(self.detailTabs.indexOf(self.agreementTab), QCoreApplication.translate("ModerationPage", u"Panel agree&ment", None))
#if QT_CONFIG(tooltip)
        self.detailTabs.setTabToolTip(self.detailTabs.indexOf(self.agreementTab), QCoreApplication.translate("ModerationPage", u"How far members agree on overall grades across the session", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.emptyLabel.setAccessibleName(QCoreApplication.translate("ModerationPage", u"Nothing to moderate", None))
#endif // QT_CONFIG(accessibility)
        self.emptyLabel.setText(QCoreApplication.translate("ModerationPage", u"No audit sessions yet: create a session and draw a sample, or load demo data.", None))
    # retranslateUi

