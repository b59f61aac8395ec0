# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'plans_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QProgressBar,
    QPushButton, QSizePolicy, QSpacerItem, QSplitter,
    QStackedWidget, QTableView, QVBoxLayout, QWidget)

class Ui_PlansBody(object):
    def setupUi(self, PlansBody):
        if not PlansBody.objectName():
            PlansBody.setObjectName(u"PlansBody")
        self.bodyLayout = QVBoxLayout(PlansBody)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.bodyLayout.setContentsMargins(0, 0, 0, 0)
        self.filterRow = QHBoxLayout()
        self.filterRow.setObjectName(u"filterRow")
        self.planSearch = QLineEdit(PlansBody)
        self.planSearch.setObjectName(u"planSearch")
        self.planSearch.setClearButtonEnabled(True)
        self.planSearch.setMinimumSize(QSize(160, 0))

        self.filterRow.addWidget(self.planSearch)

        self.teamFilter = QComboBox(PlansBody)
        self.teamFilter.setObjectName(u"teamFilter")

        self.filterRow.addWidget(self.teamFilter)

        self.needFilter = QComboBox(PlansBody)
        self.needFilter.setObjectName(u"needFilter")

        self.filterRow.addWidget(self.needFilter)

        self.phaseFilter = QComboBox(PlansBody)
        self.phaseFilter.setObjectName(u"phaseFilter")

        self.filterRow.addWidget(self.phaseFilter)

        self.clearFilters = QPushButton(PlansBody)
        self.clearFilters.setObjectName(u"clearFilters")

        self.filterRow.addWidget(self.clearFilters)

        self.filterRow.setStretch(0, 2)

        self.bodyLayout.addLayout(self.filterRow)

        self.statusRow = QHBoxLayout()
        self.statusRow.setObjectName(u"statusRow")
        self.planCount = QLabel(PlansBody)
        self.planCount.setObjectName(u"planCount")

        self.statusRow.addWidget(self.planCount)

        self.plansBusy = QProgressBar(PlansBody)
        self.plansBusy.setObjectName(u"plansBusy")
        self.plansBusy.setMaximum(0)
        self.plansBusy.setTextVisible(False)
        self.plansBusy.setMaximumSize(QSize(160, 10))

        self.statusRow.addWidget(self.plansBusy)

        self.planProblem = QLabel(PlansBody)
        self.planProblem.setObjectName(u"planProblem")
        self.planProblem.setWordWrap(True)

        self.statusRow.addWidget(self.planProblem)

        self.statusRow.setStretch(2, 1)

        self.bodyLayout.addLayout(self.statusRow)

        self.plansSplitter = QSplitter(PlansBody)
        self.plansSplitter.setObjectName(u"plansSplitter")
        self.plansSplitter.setOrientation(Qt.Orientation.Vertical)
        self.plansSplitter.setChildrenCollapsible(False)
        self.planStack = QStackedWidget(self.plansSplitter)
        self.planStack.setObjectName(u"planStack")
        self.planTable = QTableView()
        self.planTable.setObjectName(u"planTable")
        self.planTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.planTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.planTable.setAlternatingRowColors(True)
        self.planTable.setWordWrap(False)
        self.planStack.addWidget(self.planTable)
        self.plansEmptyState = QWidget()
        self.plansEmptyState.setObjectName(u"plansEmptyState")
        self.emptyLayout = QVBoxLayout(self.plansEmptyState)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyTop = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptyTop)

        self.plansEmpty = QLabel(self.plansEmptyState)
        self.plansEmpty.setObjectName(u"plansEmpty")
        self.plansEmpty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.plansEmpty.setWordWrap(True)

        self.emptyLayout.addWidget(self.plansEmpty)

        self.plansEmptyHint = QLabel(self.plansEmptyState)
        self.plansEmptyHint.setObjectName(u"plansEmptyHint")
        self.plansEmptyHint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.plansEmptyHint.setWordWrap(True)

        self.emptyLayout.addWidget(self.plansEmptyHint)

        self.emptyGap = QSpacerItem(0, 8, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptyGap)

        self.loadDemo = QPushButton(self.plansEmptyState)
        self.loadDemo.setObjectName(u"loadDemo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.loadDemo.sizePolicy().hasHeightForWidth())
        self.loadDemo.setSizePolicy(sizePolicy)

        self.emptyLayout.addWidget(self.loadDemo, 0, Qt.AlignmentFlag.AlignHCenter)

        self.emptyBottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptyBottom)

        self.emptyLayout.setStretch(0, 1)
        self.emptyLayout.setStretch(5, 2)
        self.planStack.addWidget(self.plansEmptyState)
        self.plansSplitter.addWidget(self.planStack)

        self.bodyLayout.addWidget(self.plansSplitter)

        self.bodyLayout.setStretch(2, 1)

        self.retranslateUi(PlansBody)

        QMetaObject.connectSlotsByName(PlansBody)
    # setupUi

    def retranslateUi(self, PlansBody):
#if QT_CONFIG(accessibility)
        self.planSearch.setAccessibleName(QCoreApplication.translate("PlansBody", u"Search plans", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.planSearch.setToolTip(QCoreApplication.translate("PlansBody", u"Matches plan reference, setting, caseworker, team or the value of a custom plan field", None))
#endif // QT_CONFIG(tooltip)
        self.planSearch.setPlaceholderText(QCoreApplication.translate("PlansBody", u"Search plan ref, setting, caseworker, team or own fields", None))
#if QT_CONFIG(tooltip)
        self.teamFilter.setToolTip(QCoreApplication.translate("PlansBody", u"Team filter", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.teamFilter.setAccessibleName(QCoreApplication.translate("PlansBody", u"Team filter", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.needFilter.setToolTip(QCoreApplication.translate("PlansBody", u"Primary need filter", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.needFilter.setAccessibleName(QCoreApplication.translate("PlansBody", u"Primary need filter", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.phaseFilter.setToolTip(QCoreApplication.translate("PlansBody", u"Phase filter", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.phaseFilter.setAccessibleName(QCoreApplication.translate("PlansBody", u"Phase filter", None))
#endif // QT_CONFIG(accessibility)
        self.clearFilters.setText(QCoreApplication.translate("PlansBody", u"Clear filters", None))
#if QT_CONFIG(accessibility)
        self.clearFilters.setAccessibleName(QCoreApplication.translate("PlansBody", u"Clear filters", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.planCount.setAccessibleName(QCoreApplication.translate("PlansBody", u"Plan count", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.plansBusy.setAccessibleName(QCoreApplication.translate("PlansBody", u"Loading plans", None))
#endif // QT_CONFIG(accessibility)
        self.planProblem.setStyleSheet(QCoreApplication.translate("PlansBody", u"color: #9b1c1c;", None))
#if QT_CONFIG(accessibility)
        self.planTable.setAccessibleName(QCoreApplication.translate("PlansBody", u"Plan register", None))
#endif // QT_CONFIG(accessibility)
        self.plansEmpty.setText(QCoreApplication.translate("PlansBody", u"No plans yet: import a register or load demo data", None))
        self.plansEmptyHint.setText(QCoreApplication.translate("PlansBody", u"Plan registers (CSV or Excel) come from your case management system; demo data is synthetic and safe for training.", None))
        self.plansEmptyHint.setStyleSheet(QCoreApplication.translate("PlansBody", u"color: #505a5f;", None))
        self.loadDemo.setText(QCoreApplication.translate("PlansBody", u"Load demo data", None))
#if QT_CONFIG(accessibility)
        self.loadDemo.setAccessibleName(QCoreApplication.translate("PlansBody", u"Load demo data", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

