# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'dashboard_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QGridLayout,
    QHBoxLayout, QHeaderView, QLabel, QSizePolicy,
    QSpacerItem, QTableView, QVBoxLayout, QWidget)

from qa_audit.gui.pages.health_panel import HealthPanel
from qa_audit.gui.pages.timeliness_panel import TimelinessPanel

class Ui_DashboardBody(object):
    def setupUi(self, DashboardBody):
        if not DashboardBody.objectName():
            DashboardBody.setObjectName(u"DashboardBody")
        self.bodyLayout = QVBoxLayout(DashboardBody)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.bodyLayout.setContentsMargins(0, 0, 0, 0)
        self.dashboardStatus = QLabel(DashboardBody)
        self.dashboardStatus.setObjectName(u"dashboardStatus")
        self.dashboardStatus.setWordWrap(True)

        self.bodyLayout.addWidget(self.dashboardStatus)

        self.cardRow = QHBoxLayout()
        self.cardRow.setObjectName(u"cardRow")
        self.goodCard = QFrame(DashboardBody)
        self.goodCard.setObjectName(u"goodCard")
        self.goodCard.setFrameShape(QFrame.Shape.StyledPanel)
        self.goodCardLayout = QVBoxLayout(self.goodCard)
        self.goodCardLayout.setObjectName(u"goodCardLayout")
        self.goodCardLayout.setContentsMargins(12, 8, 12, 8)
        self.goodCardCaption = QLabel(self.goodCard)
        self.goodCardCaption.setObjectName(u"goodCardCaption")

        self.goodCardLayout.addWidget(self.goodCardCaption)

        self.goodCardValue = QLabel(self.goodCard)
        self.goodCardValue.setObjectName(u"goodCardValue")
        self.goodCardValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.goodCardLayout.addWidget(self.goodCardValue)

        self.goodCardNote = QLabel(self.goodCard)
        self.goodCardNote.setObjectName(u"goodCardNote")
        self.goodCardNote.setWordWrap(True)

        self.goodCardLayout.addWidget(self.goodCardNote)

        self.goodCardSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.goodCardLayout.addItem(self.goodCardSpacer)


        self.cardRow.addWidget(self.goodCard)

        self.plansCard = QFrame(DashboardBody)
        self.plansCard.setObjectName(u"plansCard")
        self.plansCard.setFrameShape(QFrame.Shape.StyledPanel)
        self.plansCardLayout = QVBoxLayout(self.plansCard)
        self.plansCardLayout.setObjectName(u"plansCardLayout")
        self.plansCardLayout.setContentsMargins(12, 8, 12, 8)
        self.plansCardCaption = QLabel(self.plansCard)
        self.plansCardCaption.setObjectName(u"plansCardCaption")

        self.plansCardLayout.addWidget(self.plansCardCaption)

        self.plansCardValue = QLabel(self.plansCard)
        self.plansCardValue.setObjectName(u"plansCardValue")
        self.plansCardValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.plansCardLayout.addWidget(self.plansCardValue)

        self.plansCardNote = QLabel(self.plansCard)
        self.plansCardNote.setObjectName(u"plansCardNote")
        self.plansCardNote.setWordWrap(True)

        self.plansCardLayout.addWidget(self.plansCardNote)

        self.plansCardSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.plansCardLayout.addItem(self.plansCardSpacer)


        self.cardRow.addWidget(self.plansCard)

        self.agreementCard = QFrame(DashboardBody)
        self.agreementCard.setObjectName(u"agreementCard")
        self.agreementCard.setFrameShape(QFrame.Shape.StyledPanel)
        self.agreementCardLayout = QVBoxLayout(self.agreementCard)
        self.agreementCardLayout.setObjectName(u"agreementCardLayout")
        self.agreementCardLayout.setContentsMargins(12, 8, 12, 8)
        self.agreementCardCaption = QLabel(self.agreementCard)
        self.agreementCardCaption.setObjectName(u"agreementCardCaption")

        self.agreementCardLayout.addWidget(self.agreementCardCaption)

        self.agreementCardValue = QLabel(self.agreementCard)
        self.agreementCardValue.setObjectName(u"agreementCardValue")
        self.agreementCardValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.agreementCardLayout.addWidget(self.agreementCardValue)

        self.agreementCardNote = QLabel(self.agreementCard)
        self.agreementCardNote.setObjectName(u"agreementCardNote")
        self.agreementCardNote.setWordWrap(True)

        self.agreementCardLayout.addWidget(self.agreementCardNote)

        self.agreementCardSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.agreementCardLayout.addItem(self.agreementCardSpacer)


        self.cardRow.addWidget(self.agreementCard)

        self.previousCard = QFrame(DashboardBody)
        self.previousCard.setObjectName(u"previousCard")
        self.previousCard.setFrameShape(QFrame.Shape.StyledPanel)
        self.previousCardLayout = QVBoxLayout(self.previousCard)
        self.previousCardLayout.setObjectName(u"previousCardLayout")
        self.previousCardLayout.setContentsMargins(12, 8, 12, 8)
        self.previousCardCaption = QLabel(self.previousCard)
        self.previousCardCaption.setObjectName(u"previousCardCaption")

        self.previousCardLayout.addWidget(self.previousCardCaption)

        self.previousCardValue = QLabel(self.previousCard)
        self.previousCardValue.setObjectName(u"previousCardValue")
        self.previousCardValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.previousCardLayout.addWidget(self.previousCardValue)

        self.previousCardNote = QLabel(self.previousCard)
        self.previousCardNote.setObjectName(u"previousCardNote")
        self.previousCardNote.setWordWrap(True)

        self.previousCardLayout.addWidget(self.previousCardNote)

        self.previousCardSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.previousCardLayout.addItem(self.previousCardSpacer)


        self.cardRow.addWidget(self.previousCard)

        self.cardRow.setStretch(0, 1)
        self.cardRow.setStretch(1, 1)
        self.cardRow.setStretch(2, 1)
        self.cardRow.setStretch(3, 1)

        self.bodyLayout.addLayout(self.cardRow)

        self.chartGrid = QGridLayout()
        self.chartGrid.setSpacing(10)
        self.chartGrid.setObjectName(u"chartGrid")
        self.runChartSlot = QWidget(DashboardBody)
        self.runChartSlot.setObjectName(u"runChartSlot")
        self.runChartSlotLayout = QVBoxLayout(self.runChartSlot)
        self.runChartSlotLayout.setObjectName(u"runChartSlotLayout")
        self.runChartSlotLayout.setContentsMargins(0, 0, 0, 0)

        self.chartGrid.addWidget(self.runChartSlot, 0, 0, 1, 1)

        self.gradeChartSlot = QWidget(DashboardBody)
        self.gradeChartSlot.setObjectName(u"gradeChartSlot")
        self.gradeChartSlotLayout = QVBoxLayout(self.gradeChartSlot)
        self.gradeChartSlotLayout.setObjectName(u"gradeChartSlotLayout")
        self.gradeChartSlotLayout.setContentsMargins(0, 0, 0, 0)

        self.chartGrid.addWidget(self.gradeChartSlot, 0, 1, 1, 1)

        self.shortfallChartSlot = QWidget(DashboardBody)
        self.shortfallChartSlot.setObjectName(u"shortfallChartSlot")
        self.shortfallChartSlotLayout = QVBoxLayout(self.shortfallChartSlot)
        self.shortfallChartSlotLayout.setObjectName(u"shortfallChartSlotLayout")
        self.shortfallChartSlotLayout.setContentsMargins(0, 0, 0, 0)

        self.chartGrid.addWidget(self.shortfallChartSlot, 1, 0, 1, 1)

        self.themesBox = QWidget(DashboardBody)
        self.themesBox.setObjectName(u"themesBox")
        self.themesBoxLayout = QVBoxLayout(self.themesBox)
        self.themesBoxLayout.setObjectName(u"themesBoxLayout")
        self.themesBoxLayout.setContentsMargins(0, 0, 0, 0)
        self.themesLabel = QLabel(self.themesBox)
        self.themesLabel.setObjectName(u"themesLabel")

        self.themesBoxLayout.addWidget(self.themesLabel)

        self.themeTable = QTableView(self.themesBox)
        self.themeTable.setObjectName(u"themeTable")
        self.themeTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.themeTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.themeTable.setTabKeyNavigation(False)

        self.themesBoxLayout.addWidget(self.themeTable)

        self.themesBoxLayout.setStretch(1, 1)

        self.chartGrid.addWidget(self.themesBox, 1, 1, 1, 1)

        self.indicatorChartSlot = QWidget(DashboardBody)
        self.indicatorChartSlot.setObjectName(u"indicatorChartSlot")
        self.indicatorChartSlotLayout = QVBoxLayout(self.indicatorChartSlot)
        self.indicatorChartSlotLayout.setObjectName(u"indicatorChartSlotLayout")
        self.indicatorChartSlotLayout.setContentsMargins(0, 0, 0, 0)

        self.chartGrid.addWidget(self.indicatorChartSlot, 2, 0, 1, 1)

        self.indicatorsBox = QWidget(DashboardBody)
        self.indicatorsBox.setObjectName(u"indicatorsBox")
        self.indicatorsBoxLayout = QVBoxLayout(self.indicatorsBox)
        self.indicatorsBoxLayout.setObjectName(u"indicatorsBoxLayout")
        self.indicatorsBoxLayout.setContentsMargins(0, 0, 0, 0)
        self.indicatorsLabel = QLabel(self.indicatorsBox)
        self.indicatorsLabel.setObjectName(u"indicatorsLabel")

        self.indicatorsBoxLayout.addWidget(self.indicatorsLabel)

        self.indicatorTable = QTableView(self.indicatorsBox)
        self.indicatorTable.setObjectName(u"indicatorTable")
        self.indicatorTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.indicatorTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.indicatorTable.setTabKeyNavigation(False)

        self.indicatorsBoxLayout.addWidget(self.indicatorTable)

        self.indicatorsBoxLayout.setStretch(1, 1)

        self.chartGrid.addWidget(self.indicatorsBox, 2, 1, 1, 1)

        self.timelinessPanel = TimelinessPanel(DashboardBody)
        self.timelinessPanel.setObjectName(u"timelinessPanel")

        self.chartGrid.addWidget(self.timelinessPanel, 3, 0, 1, 1)

        self.healthBox = QWidget(DashboardBody)
        self.healthBox.setObjectName(u"healthBox")
        self.healthBoxLayout = QVBoxLayout(self.healthBox)
        self.healthBoxLayout.setObjectName(u"healthBoxLayout")
        self.healthBoxLayout.setContentsMargins(0, 0, 0, 0)
        self.healthLabel = QLabel(self.healthBox)
        self.healthLabel.setObjectName(u"healthLabel")

        self.healthBoxLayout.addWidget(self.healthLabel)

        self.healthPanel = HealthPanel(self.healthBox)
        self.healthPanel.setObjectName(u"healthPanel")

        self.healthBoxLayout.addWidget(self.healthPanel)

        self.healthBoxLayout.setStretch(1, 1)

        self.chartGrid.addWidget(self.healthBox, 3, 1, 1, 1)

        self.chartGrid.setRowStretch(0, 1)
        self.chartGrid.setRowStretch(1, 1)
        self.chartGrid.setRowStretch(2, 1)
        self.chartGrid.setRowStretch(3, 1)
        self.chartGrid.setColumnStretch(0, 1)
        self.chartGrid.setColumnStretch(1, 1)

        self.bodyLayout.addLayout(self.chartGrid)

        self.bodyLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.themesLabel.setBuddy(self.themeTable)
        self.indicatorsLabel.setBuddy(self.indicatorTable)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DashboardBody)

        QMetaObject.connectSlotsByName(DashboardBody)
    # setupUi

    def retranslateUi(self, DashboardBody):
#if QT_CONFIG(accessibility)
        self.dashboardStatus.setAccessibleName(QCoreApplication.translate("DashboardBody", u"Dashboard status", None))
#endif // QT_CONFIG(accessibility)
        self.goodCard.setStyleSheet(QCoreApplication.translate("DashboardBody", u"QFrame#goodCard { border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }", None))
        self.goodCardCaption.setText(QCoreApplication.translate("DashboardBody", u"Plans judged good", None))
        self.goodCardCaption.setStyleSheet(QCoreApplication.translate("DashboardBody", u"color: palette(dark); border: none;", None))
        self.goodCardValue.setText(QCoreApplication.translate("DashboardBody", u"\u2026", None))
#if QT_CONFIG(accessibility)
        self.goodCardValue.setAccessibleName(QCoreApplication.translate("DashboardBody", u"Plans judged good", None))
#endif // QT_CONFIG(accessibility)
        self.goodCardValue.setStyleSheet(QCoreApplication.translate("DashboardBody", u"border: none;", None))
#if QT_CONFIG(accessibility)
        self.goodCardNote.setAccessibleName(QCoreApplication.translate("DashboardBody", u"Plans judged good detail", None))
#endif // QT_CONFIG(accessibility)
        self.goodCardNote.setStyleSheet(QCoreApplication.translate("DashboardBody", u"color: palette(dark); border: none;", None))
        self.plansCard.setStyleSheet(QCoreApplication.translate("DashboardBody", u"QFrame#plansCard { border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }", None))
        self.plansCardCaption.setText(QCoreApplication.translate("DashboardBody", u"Plans moderated", None))
        self.plansCardCaption.setStyleSheet(QCoreApplication.translate("DashboardBody", u"color: palette(dark); border: none;", None))
        self.plansCardValue.setText(QCoreApplication.translate("DashboardBody", u"\u2026", None))
#if QT_CONFIG(accessibility)
        self.plansCardValue.setAccessibleName(QCoreApplication.translate("DashboardBody", u"Plans moderated", None))
#endif // QT_CONFIG(accessibility)
        self.plansCardValue.setStyleSheet(QCoreApplication.translate("DashboardBody", u"border: none;", None))
#if QT_CONFIG(accessibility)
        self.plansCardNote.setAccessibleName(QCoreApplication.translate("DashboardBody", u"Plans moderated detail", None))
#endif // QT_CONFIG(accessibility)
        self.plansCardNote.setStyleSheet(QCoreApplication.translate("DashboardBody", u"color: palette(dark); border: none;", None))
        self.agreementCard.setStyleSheet(QCoreApplication.translate("DashboardBody", u"QFrame#agreementCard { border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }", None))
        self.agreementCardCaption.setText(QCoreApplication.translate("DashboardBody", u"Panel agreement (alpha)", None))
        self.agreementCardCaption.setStyleSheet(QCoreApplication.translate("DashboardBody", u"color: palette(dark); border: none;", None))
        self.agreementCardValue.setText(QCoreApplication.translate("DashboardBody", u"\u2026", None))
#if QT_CONFIG(accessibility)
        self.agreementCardValue.setAccessibleName(QCoreApplication.translate("DashboardBody", u"Panel agreement (alpha)", None))
#endif // QT_CONFIG(accessibility)
        self.agreementCardValue.setStyleSheet(QCoreApplication.translate("DashboardBody", u"border: none;", None))
#if QT_CONFIG(accessibility)
        self.agreementCardNote.setAccessibleName(QCoreApplication.translate("DashboardBody", u"Panel agreement (alpha) detail", None))
#endif // QT_CONFIG(accessibility)
        self.agreementCardNote.setStyleSheet(QCoreApplication.translate("DashboardBody", u"color: palette(dark); border: none;", None))
        self.previousCard.setStyleSheet(QCoreApplication.translate("DashboardBody", u"QFrame#previousCard { border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }", None))
        self.previousCardCaption.setText(QCoreApplication.translate("DashboardBody", u"Change since previous session", None))
        self.previousCardCaption.setStyleSheet(QCoreApplication.translate("DashboardBody", u"color: palette(dark); border: none;", None))
        self.previousCardValue.setText(QCoreApplication.translate("DashboardBody", u"\u2026", None))
#if QT_CONFIG(accessibility)
        self.previousCardValue.setAccessibleName(QCoreApplication.translate("DashboardBody", u"Change since previous session", None))
#endif // QT_CONFIG(accessibility)
        self.previousCardValue.setStyleSheet(QCoreApplication.translate("DashboardBody", u"border: none;", None))
#if QT_CONFIG(accessibility)
        self.previousCardNote.setAccessibleName(QCoreApplication.translate("DashboardBody", u"Change since previous session detail", None))
#endif // QT_CONFIG(accessibility)
        self.previousCardNote.setStyleSheet(QCoreApplication.translate("DashboardBody", u"color: palette(dark); border: none;", None))
        self.themesLabel.setText(QCoreApplication.translate("DashboardBody", u"Top agreed &themes, last 12 months", None))
#if QT_CONFIG(accessibility)
        self.themeTable.setAccessibleName(QCoreApplication.translate("DashboardBody", u"Top themes, last 12 months", None))
#endif // QT_CONFIG(accessibility)
        self.indicatorsLabel.setText(QCoreApplication.translate("DashboardBody", u"&Indicators: latest month and last 12 months", None))
#if QT_CONFIG(accessibility)
        self.indicatorTable.setAccessibleName(QCoreApplication.translate("DashboardBody", u"Indicators against their targets", None))
#endif // QT_CONFIG(accessibility)
        self.healthLabel.setText(QCoreApplication.translate("DashboardBody", u"Health ad&vice by service: within 6 weeks and quality", None))
#if QT_CONFIG(tooltip)
        self.healthLabel.setToolTip(QCoreApplication.translate("DashboardBody", u"The health deep dive's figures for the same 12 months (report health)", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

