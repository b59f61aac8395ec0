# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'scorecard_page.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QHeaderView,
    QLabel, QPlainTextEdit, QPushButton, QSizePolicy,
    QTabWidget, QTableView, QVBoxLayout, QWidget)

class Ui_ScorecardBody(object):
    def setupUi(self, ScorecardBody):
        if not ScorecardBody.objectName():
            ScorecardBody.setObjectName(u"ScorecardBody")
        self.bodyLayout = QVBoxLayout(ScorecardBody)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.bodyLayout.setContentsMargins(0, 0, 0, 0)
        self.headline = QLabel(ScorecardBody)
        self.headline.setObjectName(u"headline")
        self.headline.setWordWrap(True)

        self.bodyLayout.addWidget(self.headline)

        self.kpiTable = QTableView(ScorecardBody)
        self.kpiTable.setObjectName(u"kpiTable")

        self.bodyLayout.addWidget(self.kpiTable)

        self.notes = QLabel(ScorecardBody)
        self.notes.setObjectName(u"notes")
        self.notes.setWordWrap(True)

        self.bodyLayout.addWidget(self.notes)

        self.lowerTabs = QTabWidget(ScorecardBody)
        self.lowerTabs.setObjectName(u"lowerTabs")
        self.narrativeTab = QWidget()
        self.narrativeTab.setObjectName(u"narrativeTab")
        self.narrativeForm = QFormLayout(self.narrativeTab)
        self.narrativeForm.setObjectName(u"narrativeForm")
        self.quarterLabel = QLabel(self.narrativeTab)
        self.quarterLabel.setObjectName(u"quarterLabel")

        self.narrativeForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.quarterLabel)

        self.quarterCombo = QComboBox(self.narrativeTab)
        self.quarterCombo.setObjectName(u"quarterCombo")

        self.narrativeForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.quarterCombo)

        self.workingWellLabel = QLabel(self.narrativeTab)
        self.workingWellLabel.setObjectName(u"workingWellLabel")

        self.narrativeForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.workingWellLabel)

        self.workingWell = QPlainTextEdit(self.narrativeTab)
        self.workingWell.setObjectName(u"workingWell")
        self.workingWell.setTabChangesFocus(True)
        self.workingWell.setMaximumSize(QSize(16777215, 60))

        self.narrativeForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.workingWell)

        self.evenBetterIfLabel = QLabel(self.narrativeTab)
        self.evenBetterIfLabel.setObjectName(u"evenBetterIfLabel")

        self.narrativeForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.evenBetterIfLabel)

        self.evenBetterIf = QPlainTextEdit(self.narrativeTab)
        self.evenBetterIf.setObjectName(u"evenBetterIf")
        self.evenBetterIf.setTabChangesFocus(True)
        self.evenBetterIf.setMaximumSize(QSize(16777215, 60))

        self.narrativeForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.evenBetterIf)

        self.nextStepsLabel = QLabel(self.narrativeTab)
        self.nextStepsLabel.setObjectName(u"nextStepsLabel")

        self.narrativeForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.nextStepsLabel)

        self.nextSteps = QPlainTextEdit(self.narrativeTab)
        self.nextSteps.setObjectName(u"nextSteps")
        self.nextSteps.setTabChangesFocus(True)
        self.nextSteps.setMaximumSize(QSize(16777215, 60))

        self.narrativeForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.nextSteps)

        self.saveNarrativeButton = QPushButton(self.narrativeTab)
        self.saveNarrativeButton.setObjectName(u"saveNarrativeButton")

        self.narrativeForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.saveNarrativeButton)

        self.lowerTabs.addTab(self.narrativeTab, "")
        self.targetsTab = QWidget()
        self.targetsTab.setObjectName(u"targetsTab")
        self.targetsLayout = QVBoxLayout(self.targetsTab)
        self.targetsLayout.setObjectName(u"targetsLayout")
        self.lowerTabs.addTab(self.targetsTab, "")

        self.bodyLayout.addWidget(self.lowerTabs)

        self.bodyLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.quarterLabel.setBuddy(self.quarterCombo)
        self.workingWellLabel.setBuddy(self.workingWell)
        self.evenBetterIfLabel.setBuddy(self.evenBetterIf)
        self.nextStepsLabel.setBuddy(self.nextSteps)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ScorecardBody)

        QMetaObject.connectSlotsByName(ScorecardBody)
    # setupUi

    def retranslateUi(self, ScorecardBody):
        self.headline.setStyleSheet(QCoreApplication.translate("ScorecardBody", u"font-weight: bold;", None))
#if QT_CONFIG(accessibility)
        self.headline.setAccessibleName(QCoreApplication.translate("ScorecardBody", u"Headline", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.kpiTable.setAccessibleName(QCoreApplication.translate("ScorecardBody", u"Scorecard KPIs by quarter", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("ScorecardBody", u"Notes", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.lowerTabs.setAccessibleName(QCoreApplication.translate("ScorecardBody", u"Narrative and targets", None))
#endif // QT_CONFIG(accessibility)
        self.quarterLabel.setText(QCoreApplication.translate("ScorecardBody", u"&Quarter", None))
#if QT_CONFIG(accessibility)
        self.quarterCombo.setAccessibleName(QCoreApplication.translate("ScorecardBody", u"Quarter", None))
#endif // QT_CONFIG(accessibility)
        self.workingWellLabel.setText(QCoreApplication.translate("ScorecardBody", u"What's &working well", None))
#if QT_CONFIG(accessibility)
        self.workingWell.setAccessibleName(QCoreApplication.translate("ScorecardBody", u"What's working well", None))
#endif // QT_CONFIG(accessibility)
        self.evenBetterIfLabel.setText(QCoreApplication.translate("ScorecardBody", u"Even &better if", None))
#if QT_CONFIG(accessibility)
        self.evenBetterIf.setAccessibleName(QCoreApplication.translate("ScorecardBody", u"Even better if", None))
#endif // QT_CONFIG(accessibility)
        self.nextStepsLabel.setText(QCoreApplication.translate("ScorecardBody", u"&Next steps", None))
#if QT_CONFIG(accessibility)
        self.nextSteps.setAccessibleName(QCoreApplication.translate("ScorecardBody", u"Next steps", None))
#endif // QT_CONFIG(accessibility)
        self.saveNarrativeButton.setText(QCoreApplication.translate("ScorecardBody", u"&Save narrative", None))
#if QT_CONFIG(accessibility)
        self.saveNarrativeButton.setAccessibleName(QCoreApplication.translate("ScorecardBody", u"Save the narrative", None))
#endif // QT_CONFIG(accessibility)
        self.lowerTabs.setTabText(self.lowerTabs.indexOf(self.narrativeTab), QCoreApplication.translate("ScorecardBody", u"The QA lead's narrative", None))
        self.lowerTabs.setTabText(self.lowerTabs.indexOf(self.targetsTab), QCoreApplication.translate("ScorecardBody", u"The council's targets", None))
        pass
    # retranslateUi

