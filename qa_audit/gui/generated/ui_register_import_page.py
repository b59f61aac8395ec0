# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'register_import_page.ui'
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
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QProgressBar,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget, QWizardPage)

class Ui_RegisterImportPage(object):
    def setupUi(self, RegisterImportPage):
        if not RegisterImportPage.objectName():
            RegisterImportPage.setObjectName(u"RegisterImportPage")
        self.importLayout = QVBoxLayout(RegisterImportPage)
        self.importLayout.setObjectName(u"importLayout")
        self.importStage = QLabel(RegisterImportPage)
        self.importStage.setObjectName(u"importStage")
        self.importStage.setWordWrap(True)
        self.importStage.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.importLayout.addWidget(self.importStage)

        self.progressRow = QHBoxLayout()
        self.progressRow.setObjectName(u"progressRow")
        self.importProgress = QProgressBar(RegisterImportPage)
        self.importProgress.setObjectName(u"importProgress")
        self.importProgress.setValue(0)

        self.progressRow.addWidget(self.importProgress)

        self.cancelImport = QPushButton(RegisterImportPage)
        self.cancelImport.setObjectName(u"cancelImport")
        self.cancelImport.setAutoDefault(False)

        self.progressRow.addWidget(self.cancelImport)

        self.progressRow.setStretch(0, 1)

        self.importLayout.addLayout(self.progressRow)

        self.importResult = QLabel(RegisterImportPage)
        self.importResult.setObjectName(u"importResult")
        self.importResult.setWordWrap(True)
        self.importResult.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.importLayout.addWidget(self.importResult)

        self.importSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.importLayout.addItem(self.importSpacer)


        self.retranslateUi(RegisterImportPage)

        QMetaObject.connectSlotsByName(RegisterImportPage)
    # setupUi

    def retranslateUi(self, RegisterImportPage):
        RegisterImportPage.setTitle(QCoreApplication.translate("RegisterImportPage", u"Import", None))
        RegisterImportPage.setSubTitle(QCoreApplication.translate("RegisterImportPage", u"Writing to the database in one transaction: if it is cancelled or fails, nothing is written.", None))
#if QT_CONFIG(accessibility)
        self.importStage.setAccessibleName(QCoreApplication.translate("RegisterImportPage", u"Import stage", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.importProgress.setAccessibleName(QCoreApplication.translate("RegisterImportPage", u"Import progress", None))
#endif // QT_CONFIG(accessibility)
        self.cancelImport.setText(QCoreApplication.translate("RegisterImportPage", u"Cancel i&mport", None))
#if QT_CONFIG(accessibility)
        self.cancelImport.setAccessibleName(QCoreApplication.translate("RegisterImportPage", u"Cancel the import", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.importResult.setAccessibleName(QCoreApplication.translate("RegisterImportPage", u"Import result", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

