# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'register_preview_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHeaderView, QLabel,
    QSizePolicy, QTableView, QVBoxLayout, QWidget,
    QWizardPage)

class Ui_RegisterPreviewPage(object):
    def setupUi(self, RegisterPreviewPage):
        if not RegisterPreviewPage.objectName():
            RegisterPreviewPage.setObjectName(u"RegisterPreviewPage")
        self.previewLayout = QVBoxLayout(RegisterPreviewPage)
        self.previewLayout.setObjectName(u"previewLayout")
        self.previewSummary = QLabel(RegisterPreviewPage)
        self.previewSummary.setObjectName(u"previewSummary")
        self.previewSummary.setWordWrap(True)
        self.previewSummary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.previewLayout.addWidget(self.previewSummary)

        self.previewTable = QTableView(RegisterPreviewPage)
        self.previewTable.setObjectName(u"previewTable")
        self.previewTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.previewTable.setAlternatingRowColors(True)
        self.previewTable.setWordWrap(False)

        self.previewLayout.addWidget(self.previewTable)

        self.previewLayout.setStretch(1, 1)

        self.retranslateUi(RegisterPreviewPage)

        QMetaObject.connectSlotsByName(RegisterPreviewPage)
    # setupUi

    def retranslateUi(self, RegisterPreviewPage):
        RegisterPreviewPage.setTitle(QCoreApplication.translate("RegisterPreviewPage", u"Preview", None))
#if QT_CONFIG(accessibility)
        self.previewSummary.setAccessibleName(QCoreApplication.translate("RegisterPreviewPage", u"File summary", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.previewTable.setAccessibleName(QCoreApplication.translate("RegisterPreviewPage", u"First rows of the file", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

