# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'register_check_page.ui'
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
    QLabel, QProgressBar, QPushButton, QSizePolicy,
    QSpacerItem, QTableView, QVBoxLayout, QWidget,
    QWizardPage)

class Ui_RegisterCheckPage(object):
    def setupUi(self, RegisterCheckPage):
        if not RegisterCheckPage.objectName():
            RegisterCheckPage.setObjectName(u"RegisterCheckPage")
        self.checkLayout = QVBoxLayout(RegisterCheckPage)
        self.checkLayout.setObjectName(u"checkLayout")
        self.checkSummary = QLabel(RegisterCheckPage)
        self.checkSummary.setObjectName(u"checkSummary")
        self.checkSummary.setWordWrap(True)
        self.checkSummary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.checkLayout.addWidget(self.checkSummary)

        self.checkingBusy = QProgressBar(RegisterCheckPage)
        self.checkingBusy.setObjectName(u"checkingBusy")
        self.checkingBusy.setMaximum(0)
        self.checkingBusy.setTextVisible(False)
        self.checkingBusy.setMaximumSize(QSize(16777215, 10))

        self.checkLayout.addWidget(self.checkingBusy)

        self.problemTable = QTableView(RegisterCheckPage)
        self.problemTable.setObjectName(u"problemTable")
        self.problemTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problemTable.setAlternatingRowColors(True)
        self.problemTable.setWordWrap(False)
        self.problemTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problemTable.horizontalHeader().setStretchLastSection(True)
        self.problemTable.verticalHeader().setVisible(False)

        self.checkLayout.addWidget(self.problemTable)

        self.checkButtons = QHBoxLayout()
        self.checkButtons.setObjectName(u"checkButtons")
        self.recheck = QPushButton(RegisterCheckPage)
        self.recheck.setObjectName(u"recheck")
        self.recheck.setAutoDefault(False)

        self.checkButtons.addWidget(self.recheck)

        self.saveProblems = QPushButton(RegisterCheckPage)
        self.saveProblems.setObjectName(u"saveProblems")
        self.saveProblems.setAutoDefault(False)

        self.checkButtons.addWidget(self.saveProblems)

        self.checkButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.checkButtons.addItem(self.checkButtonsSpacer)


        self.checkLayout.addLayout(self.checkButtons)

        self.checkLayout.setStretch(2, 1)

        self.retranslateUi(RegisterCheckPage)

        QMetaObject.connectSlotsByName(RegisterCheckPage)
    # setupUi

    def retranslateUi(self, RegisterCheckPage):
        RegisterCheckPage.setTitle(QCoreApplication.translate("RegisterCheckPage", u"Check every row", None))
        RegisterCheckPage.setSubTitle(QCoreApplication.translate("RegisterCheckPage", u"The whole file is checked with the columns you chose. Nothing has been written to the database.", None))
#if QT_CONFIG(accessibility)
        self.checkSummary.setAccessibleName(QCoreApplication.translate("RegisterCheckPage", u"Check result", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.checkingBusy.setAccessibleName(QCoreApplication.translate("RegisterCheckPage", u"Checking the file", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.problemTable.setAccessibleName(QCoreApplication.translate("RegisterCheckPage", u"Bad rows", None))
#endif // QT_CONFIG(accessibility)
        self.recheck.setText(QCoreApplication.translate("RegisterCheckPage", u"Check a&gain", None))
#if QT_CONFIG(accessibility)
        self.recheck.setAccessibleName(QCoreApplication.translate("RegisterCheckPage", u"Check the file again", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.recheck.setToolTip(QCoreApplication.translate("RegisterCheckPage", u"Read the file again (after correcting it) and re-check", None))
#endif // QT_CONFIG(tooltip)
        self.saveProblems.setText(QCoreApplication.translate("RegisterCheckPage", u"&Save list\u2026", None))
#if QT_CONFIG(accessibility)
        self.saveProblems.setAccessibleName(QCoreApplication.translate("RegisterCheckPage", u"Save the list of bad rows as CSV", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

