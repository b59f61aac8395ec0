# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'rubrics_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QSizePolicy, QSplitter, QTableView,
    QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget)

from qa_audit.gui.pages.rubric_indicators import IndicatorsBox

class Ui_RubricsBody(object):
    def setupUi(self, RubricsBody):
        if not RubricsBody.objectName():
            RubricsBody.setObjectName(u"RubricsBody")
        self.bodyLayout = QVBoxLayout(RubricsBody)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.bodyLayout.setContentsMargins(0, 0, 0, 0)
        self.rubricSplitter = QSplitter(RubricsBody)
        self.rubricSplitter.setObjectName(u"rubricSplitter")
        self.rubricSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.rubricSplitter.setChildrenCollapsible(False)
        self.leftPane = QWidget(self.rubricSplitter)
        self.leftPane.setObjectName(u"leftPane")
        self.leftLayout = QVBoxLayout(self.leftPane)
        self.leftLayout.setObjectName(u"leftLayout")
        self.leftLayout.setContentsMargins(0, 0, 0, 0)
        self.rubricListLabel = QLabel(self.leftPane)
        self.rubricListLabel.setObjectName(u"rubricListLabel")

        self.leftLayout.addWidget(self.rubricListLabel)

        self.rubricList = QListWidget(self.leftPane)
        self.rubricList.setObjectName(u"rubricList")
        self.rubricList.setWordWrap(True)
        self.rubricList.setSpacing(3)

        self.leftLayout.addWidget(self.rubricList)

        self.versionRow = QHBoxLayout()
        self.versionRow.setObjectName(u"versionRow")
        self.versionLabel = QLabel(self.leftPane)
        self.versionLabel.setObjectName(u"versionLabel")

        self.versionRow.addWidget(self.versionLabel)

        self.rubricVersion = QComboBox(self.leftPane)
        self.rubricVersion.setObjectName(u"rubricVersion")

        self.versionRow.addWidget(self.rubricVersion)

        self.versionRow.setStretch(1, 1)

        self.leftLayout.addLayout(self.versionRow)

        self.rubricSummary = QLabel(self.leftPane)
        self.rubricSummary.setObjectName(u"rubricSummary")
        self.rubricSummary.setWordWrap(True)

        self.leftLayout.addWidget(self.rubricSummary)

        self.leftLayout.setStretch(1, 1)
        self.rubricSplitter.addWidget(self.leftPane)
        self.rubricTree = QTreeWidget(self.rubricSplitter)
        self.rubricTree.setObjectName(u"rubricTree")
        self.rubricTree.setUniformRowHeights(False)
        self.rubricTree.setWordWrap(True)
        self.rubricTree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.rubricTree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rubricSplitter.addWidget(self.rubricTree)
        self.rubricTree.header().setStretchLastSection(False)
        self.rightPane = QWidget(self.rubricSplitter)
        self.rightPane.setObjectName(u"rightPane")
        self.rightLayout = QVBoxLayout(self.rightPane)
        self.rightLayout.setObjectName(u"rightLayout")
        self.rightLayout.setContentsMargins(0, 0, 0, 0)
        self.rubricDetail = QTextBrowser(self.rightPane)
        self.rubricDetail.setObjectName(u"rubricDetail")
        self.rubricDetail.setOpenExternalLinks(False)

        self.rightLayout.addWidget(self.rubricDetail)

        self.bandsBox = QGroupBox(self.rightPane)
        self.bandsBox.setObjectName(u"bandsBox")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.bandsBox.sizePolicy().hasHeightForWidth())
        self.bandsBox.setSizePolicy(sizePolicy)
        self.bandsLayout = QVBoxLayout(self.bandsBox)
        self.bandsLayout.setObjectName(u"bandsLayout")
        self.rubricTarget = QLabel(self.bandsBox)
        self.rubricTarget.setObjectName(u"rubricTarget")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.rubricTarget.sizePolicy().hasHeightForWidth())
        self.rubricTarget.setSizePolicy(sizePolicy1)

        self.bandsLayout.addWidget(self.rubricTarget)

        self.rubricBands = QTableView(self.bandsBox)
        self.rubricBands.setObjectName(u"rubricBands")
        self.rubricBands.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rubricBands.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.rubricBands.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.rubricBands.setWordWrap(False)
        self.rubricBands.verticalHeader().setVisible(False)

        self.bandsLayout.addWidget(self.rubricBands)


        self.rightLayout.addWidget(self.bandsBox)

        self.indicatorsBox = IndicatorsBox(self.rightPane)
        self.indicatorsBox.setObjectName(u"indicatorsBox")

        self.rightLayout.addWidget(self.indicatorsBox)

        self.rightLayout.setStretch(0, 1)
        self.rubricSplitter.addWidget(self.rightPane)

        self.bodyLayout.addWidget(self.rubricSplitter)

#if QT_CONFIG(shortcut)
        self.versionLabel.setBuddy(self.rubricVersion)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RubricsBody)

        QMetaObject.connectSlotsByName(RubricsBody)
    # setupUi

    def retranslateUi(self, RubricsBody):
        self.rubricListLabel.setText(QCoreApplication.translate("RubricsBody", u"Rubric", None))
#if QT_CONFIG(accessibility)
        self.rubricList.setAccessibleName(QCoreApplication.translate("RubricsBody", u"Rubrics", None))
#endif // QT_CONFIG(accessibility)
        self.versionLabel.setText(QCoreApplication.translate("RubricsBody", u"&Version", None))
#if QT_CONFIG(accessibility)
        self.rubricVersion.setAccessibleName(QCoreApplication.translate("RubricsBody", u"Rubric version", None))
#endif // QT_CONFIG(accessibility)
        ___qtreewidgetitem = self.rubricTree.headerItem()
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("RubricsBody", u"Shortfall", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("RubricsBody", u"Code", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("RubricsBody", u"Item", None))
#if QT_CONFIG(accessibility)
        self.rubricTree.setAccessibleName(QCoreApplication.translate("RubricsBody", u"Sections, questions and answers", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.rubricDetail.setAccessibleName(QCoreApplication.translate("RubricsBody", u"Details of the selected item", None))
#endif // QT_CONFIG(accessibility)
        self.bandsBox.setTitle(QCoreApplication.translate("RubricsBody", u"Overall grade", None))
#if QT_CONFIG(accessibility)
        self.rubricBands.setAccessibleName(QCoreApplication.translate("RubricsBody", u"Overall grade bands", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

