# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'exemplars_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_ExemplarsBody(object):
    def setupUi(self, ExemplarsBody):
        if not ExemplarsBody.objectName():
            ExemplarsBody.setObjectName(u"ExemplarsBody")
        self.bodyLayout = QVBoxLayout(ExemplarsBody)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.bodyLayout.setContentsMargins(0, 0, 0, 0)
        self.exemplarMessage = QLabel(ExemplarsBody)
        self.exemplarMessage.setObjectName(u"exemplarMessage")
        self.exemplarMessage.setWordWrap(True)

        self.bodyLayout.addWidget(self.exemplarMessage)

        self.exemplarCaption = QLabel(ExemplarsBody)
        self.exemplarCaption.setObjectName(u"exemplarCaption")

        self.bodyLayout.addWidget(self.exemplarCaption)

        self.exemplarTable = QTableView(ExemplarsBody)
        self.exemplarTable.setObjectName(u"exemplarTable")
        self.exemplarTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.exemplarTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.exemplarTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.exemplarTable.setTabKeyNavigation(False)
        self.exemplarTable.verticalHeader().setVisible(False)

        self.bodyLayout.addWidget(self.exemplarTable)

        self.goodPracticeCaption = QLabel(ExemplarsBody)
        self.goodPracticeCaption.setObjectName(u"goodPracticeCaption")

        self.bodyLayout.addWidget(self.goodPracticeCaption)

        self.goodPracticeTable = QTableView(ExemplarsBody)
        self.goodPracticeTable.setObjectName(u"goodPracticeTable")
        self.goodPracticeTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.goodPracticeTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.goodPracticeTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.goodPracticeTable.setTabKeyNavigation(False)
        self.goodPracticeTable.verticalHeader().setVisible(False)

        self.bodyLayout.addWidget(self.goodPracticeTable)

        self.trainingCaption = QLabel(ExemplarsBody)
        self.trainingCaption.setObjectName(u"trainingCaption")

        self.bodyLayout.addWidget(self.trainingCaption)

        self.trainingTable = QTableView(ExemplarsBody)
        self.trainingTable.setObjectName(u"trainingTable")
        self.trainingTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.trainingTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.trainingTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.trainingTable.setTabKeyNavigation(False)
        self.trainingTable.verticalHeader().setVisible(False)

        self.bodyLayout.addWidget(self.trainingTable)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.approveExcerpt = QPushButton(ExemplarsBody)
        self.approveExcerpt.setObjectName(u"approveExcerpt")
        self.approveExcerpt.setEnabled(False)

        self.buttonRow.addWidget(self.approveExcerpt)

        self.addTraining = QPushButton(ExemplarsBody)
        self.addTraining.setObjectName(u"addTraining")

        self.buttonRow.addWidget(self.addTraining)

        self.buttonRow.setStretch(0, 1)

        self.bodyLayout.addLayout(self.buttonRow)

        self.bodyLayout.setStretch(2, 2)
        self.bodyLayout.setStretch(4, 3)
        self.bodyLayout.setStretch(6, 1)
#if QT_CONFIG(shortcut)
        self.exemplarCaption.setBuddy(self.exemplarTable)
        self.goodPracticeCaption.setBuddy(self.goodPracticeTable)
        self.trainingCaption.setBuddy(self.trainingTable)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ExemplarsBody)

        QMetaObject.connectSlotsByName(ExemplarsBody)
    # setupUi

    def retranslateUi(self, ExemplarsBody):
#if QT_CONFIG(accessibility)
        self.exemplarMessage.setAccessibleName(QCoreApplication.translate("ExemplarsBody", u"Message", None))
#endif // QT_CONFIG(accessibility)
        self.exemplarCaption.setText(QCoreApplication.translate("ExemplarsBody", u"<b>Exemplars marked by the panel</b>", None))
#if QT_CONFIG(accessibility)
        self.exemplarTable.setAccessibleName(QCoreApplication.translate("ExemplarsBody", u"Exemplars", None))
#endif // QT_CONFIG(accessibility)
        self.goodPracticeCaption.setText(QCoreApplication.translate("ExemplarsBody", u"<b>Good practice by question (only approved, redacted text is quoted in reports)</b>", None))
#if QT_CONFIG(accessibility)
        self.goodPracticeTable.setAccessibleName(QCoreApplication.translate("ExemplarsBody", u"Good practice", None))
#endif // QT_CONFIG(accessibility)
        self.trainingCaption.setText(QCoreApplication.translate("ExemplarsBody", u"<b>Training dates (the themes report compares before and after)</b>", None))
#if QT_CONFIG(accessibility)
        self.trainingTable.setAccessibleName(QCoreApplication.translate("ExemplarsBody", u"Training dates", None))
#endif // QT_CONFIG(accessibility)
        self.approveExcerpt.setText(QCoreApplication.translate("ExemplarsBody", u"&Approve excerpt", None))
#if QT_CONFIG(accessibility)
        self.approveExcerpt.setAccessibleName(QCoreApplication.translate("ExemplarsBody", u"Approve excerpt", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.approveExcerpt.setToolTip(QCoreApplication.translate("ExemplarsBody", u"Approve the selected excerpt (redacted) for reports", None))
#endif // QT_CONFIG(tooltip)
        self.addTraining.setText(QCoreApplication.translate("ExemplarsBody", u"Add &training date\u2026", None))
#if QT_CONFIG(accessibility)
        self.addTraining.setAccessibleName(QCoreApplication.translate("ExemplarsBody", u"Add training date", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

