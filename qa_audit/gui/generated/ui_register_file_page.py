# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'register_file_page.ui'
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
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QLineEdit,
    QProgressBar, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget, QWizardPage)

class Ui_RegisterFilePage(object):
    def setupUi(self, RegisterFilePage):
        if not RegisterFilePage.objectName():
            RegisterFilePage.setObjectName(u"RegisterFilePage")
        self.fileLayout = QVBoxLayout(RegisterFilePage)
        self.fileLayout.setObjectName(u"fileLayout")
        self.pathRow = QHBoxLayout()
        self.pathRow.setObjectName(u"pathRow")
        self.fileLabel = QLabel(RegisterFilePage)
        self.fileLabel.setObjectName(u"fileLabel")

        self.pathRow.addWidget(self.fileLabel)

        self.importPath = QLineEdit(RegisterFilePage)
        self.importPath.setObjectName(u"importPath")
        self.importPath.setClearButtonEnabled(True)

        self.pathRow.addWidget(self.importPath)

        self.importBrowse = QPushButton(RegisterFilePage)
        self.importBrowse.setObjectName(u"importBrowse")
        self.importBrowse.setAutoDefault(False)

        self.pathRow.addWidget(self.importBrowse)

        self.pathRow.setStretch(1, 1)

        self.fileLayout.addLayout(self.pathRow)

        self.fileHint = QLabel(RegisterFilePage)
        self.fileHint.setObjectName(u"fileHint")
        self.fileHint.setWordWrap(True)

        self.fileLayout.addWidget(self.fileHint)

        self.readingBusy = QProgressBar(RegisterFilePage)
        self.readingBusy.setObjectName(u"readingBusy")
        self.readingBusy.setMaximum(0)
        self.readingBusy.setTextVisible(False)
        self.readingBusy.setMaximumSize(QSize(16777215, 10))

        self.fileLayout.addWidget(self.readingBusy)

        self.importFileError = QLabel(RegisterFilePage)
        self.importFileError.setObjectName(u"importFileError")
        self.importFileError.setWordWrap(True)
        self.importFileError.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.fileLayout.addWidget(self.importFileError)

        self.fileSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.fileLayout.addItem(self.fileSpacer)

#if QT_CONFIG(shortcut)
        self.fileLabel.setBuddy(self.importPath)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RegisterFilePage)

        QMetaObject.connectSlotsByName(RegisterFilePage)
    # setupUi

    def retranslateUi(self, RegisterFilePage):
        self.fileLabel.setText(QCoreApplication.translate("RegisterFilePage", u"&File:", None))
#if QT_CONFIG(accessibility)
        self.importPath.setAccessibleName(QCoreApplication.translate("RegisterFilePage", u"File to import", None))
#endif // QT_CONFIG(accessibility)
        self.importPath.setPlaceholderText(QCoreApplication.translate("RegisterFilePage", u"Type a path, choose Browse\u2026 or drop a file here", None))
        self.importBrowse.setText(QCoreApplication.translate("RegisterFilePage", u"&Browse\u2026", None))
#if QT_CONFIG(accessibility)
        self.importBrowse.setAccessibleName(QCoreApplication.translate("RegisterFilePage", u"Browse for a file", None))
#endif // QT_CONFIG(accessibility)
        self.fileHint.setText(QCoreApplication.translate("RegisterFilePage", u"Headers are matched whatever their case and spacing (e.g. <i>Person ID</i>, <i>EHCP Issue Date</i>, <i>NCY</i>); you can match any other header on page 3. Dates may be DD/MM/YYYY, YYYY-MM-DD or Excel dates.", None))
#if QT_CONFIG(accessibility)
        self.readingBusy.setAccessibleName(QCoreApplication.translate("RegisterFilePage", u"Reading the file", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.importFileError.setAccessibleName(QCoreApplication.translate("RegisterFilePage", u"File problem", None))
#endif // QT_CONFIG(accessibility)
        self.importFileError.setStyleSheet(QCoreApplication.translate("RegisterFilePage", u"color: #9b1c1c;", None))
        pass
    # retranslateUi

