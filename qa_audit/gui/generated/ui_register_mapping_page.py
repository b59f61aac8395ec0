# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'register_mapping_page.ui'
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
from PySide6.QtWidgets import (QApplication, QFrame, QGridLayout, QLabel,
    QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
    QWizardPage)

from qa_audit.gui.custom_fields_box import CustomFieldsBox

class Ui_RegisterMappingPage(object):
    def setupUi(self, RegisterMappingPage):
        if not RegisterMappingPage.objectName():
            RegisterMappingPage.setObjectName(u"RegisterMappingPage")
        self.mappingLayout = QVBoxLayout(RegisterMappingPage)
        self.mappingLayout.setObjectName(u"mappingLayout")
        self.mappingScroll = QScrollArea(RegisterMappingPage)
        self.mappingScroll.setObjectName(u"mappingScroll")
        self.mappingScroll.setWidgetResizable(True)
        self.mappingScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.mappingBody = QWidget()
        self.mappingBody.setObjectName(u"mappingBody")
        self.mappingGrid = QGridLayout(self.mappingBody)
        self.mappingGrid.setObjectName(u"mappingGrid")
        self.fieldHead = QLabel(self.mappingBody)
        self.fieldHead.setObjectName(u"fieldHead")
        font = QFont()
        font.setBold(True)
        self.fieldHead.setFont(font)

        self.mappingGrid.addWidget(self.fieldHead, 0, 0, 1, 1)

        self.columnHead = QLabel(self.mappingBody)
        self.columnHead.setObjectName(u"columnHead")
        self.columnHead.setFont(font)

        self.mappingGrid.addWidget(self.columnHead, 0, 1, 1, 1)

        self.valueHead = QLabel(self.mappingBody)
        self.valueHead.setObjectName(u"valueHead")
        self.valueHead.setFont(font)

        self.mappingGrid.addWidget(self.valueHead, 0, 2, 1, 1)

        self.mappingGrid.setColumnStretch(1, 2)
        self.mappingGrid.setColumnStretch(2, 3)
        self.mappingScroll.setWidget(self.mappingBody)

        self.mappingLayout.addWidget(self.mappingScroll)

        self.customFields = CustomFieldsBox(RegisterMappingPage)
        self.customFields.setObjectName(u"customFields")

        self.mappingLayout.addWidget(self.customFields)

        self.unknownColumns = QLabel(RegisterMappingPage)
        self.unknownColumns.setObjectName(u"unknownColumns")
        self.unknownColumns.setWordWrap(True)
        self.unknownColumns.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mappingLayout.addWidget(self.unknownColumns)

        self.mappingProblem = QLabel(RegisterMappingPage)
        self.mappingProblem.setObjectName(u"mappingProblem")
        self.mappingProblem.setWordWrap(True)
        self.mappingProblem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mappingLayout.addWidget(self.mappingProblem)

        self.mappingLayout.setStretch(0, 1)

        self.retranslateUi(RegisterMappingPage)

        QMetaObject.connectSlotsByName(RegisterMappingPage)
    # setupUi

    def retranslateUi(self, RegisterMappingPage):
        RegisterMappingPage.setTitle(QCoreApplication.translate("RegisterMappingPage", u"Match the columns", None))
        self.fieldHead.setText(QCoreApplication.translate("RegisterMappingPage", u"Field", None))
        self.columnHead.setText(QCoreApplication.translate("RegisterMappingPage", u"Column in the file", None))
        self.valueHead.setText(QCoreApplication.translate("RegisterMappingPage", u"First value", None))
#if QT_CONFIG(accessibility)
        self.unknownColumns.setAccessibleName(QCoreApplication.translate("RegisterMappingPage", u"Columns not imported", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.mappingProblem.setAccessibleName(QCoreApplication.translate("RegisterMappingPage", u"Mapping problem", None))
#endif // QT_CONFIG(accessibility)
        self.mappingProblem.setStyleSheet(QCoreApplication.translate("RegisterMappingPage", u"color: #9b1c1c;", None))
    # retranslateUi

