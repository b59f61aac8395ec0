# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'actions_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_ActionsBody(object):
    def setupUi(self, ActionsBody):
        if not ActionsBody.objectName():
            ActionsBody.setObjectName(u"ActionsBody")
        self.bodyLayout = QVBoxLayout(ActionsBody)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.bodyLayout.setContentsMargins(0, 0, 0, 0)
        self.filterRow = QHBoxLayout()
        self.filterRow.setObjectName(u"filterRow")
        self.ownerLabel = QLabel(ActionsBody)
        self.ownerLabel.setObjectName(u"ownerLabel")

        self.filterRow.addWidget(self.ownerLabel)

        self.ownerFilter = QComboBox(ActionsBody)
        self.ownerFilter.setObjectName(u"ownerFilter")
        self.ownerFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterRow.addWidget(self.ownerFilter)

        self.statusLabel = QLabel(ActionsBody)
        self.statusLabel.setObjectName(u"statusLabel")

        self.filterRow.addWidget(self.statusLabel)

        self.statusFilter = QComboBox(ActionsBody)
        self.statusFilter.setObjectName(u"statusFilter")
        self.statusFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterRow.addWidget(self.statusFilter)

        self.sessionLabel = QLabel(ActionsBody)
        self.sessionLabel.setObjectName(u"sessionLabel")

        self.filterRow.addWidget(self.sessionLabel)

        self.sessionFilter = QComboBox(ActionsBody)
        self.sessionFilter.setObjectName(u"sessionFilter")
        self.sessionFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterRow.addWidget(self.sessionFilter)

        self.overdueOnly = QCheckBox(ActionsBody)
        self.overdueOnly.setObjectName(u"overdueOnly")

        self.filterRow.addWidget(self.overdueOnly)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterRow.addItem(self.filterSpacer)

        self.filterRow.setStretch(7, 1)

        self.bodyLayout.addLayout(self.filterRow)

        self.actionProblem = QLabel(ActionsBody)
        self.actionProblem.setObjectName(u"actionProblem")
        self.actionProblem.setWordWrap(True)

        self.bodyLayout.addWidget(self.actionProblem)

        self.actionTable = QTableView(ActionsBody)
        self.actionTable.setObjectName(u"actionTable")
        self.actionTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.actionTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.actionTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.actionTable.setWordWrap(False)
        self.actionTable.setTabKeyNavigation(False)
        self.actionTable.horizontalHeader().setHighlightSections(False)
        self.actionTable.verticalHeader().setVisible(False)

        self.bodyLayout.addWidget(self.actionTable)

        self.actionsEmpty = QLabel(ActionsBody)
        self.actionsEmpty.setObjectName(u"actionsEmpty")
        self.actionsEmpty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.bodyLayout.addWidget(self.actionsEmpty)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.overdueHint = QLabel(ActionsBody)
        self.overdueHint.setObjectName(u"overdueHint")

        self.buttonRow.addWidget(self.overdueHint)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.editAction = QPushButton(ActionsBody)
        self.editAction.setObjectName(u"editAction")
        self.editAction.setEnabled(False)

        self.buttonRow.addWidget(self.editAction)

        self.markDone = QPushButton(ActionsBody)
        self.markDone.setObjectName(u"markDone")
        self.markDone.setEnabled(False)

        self.buttonRow.addWidget(self.markDone)

        self.cancelAction = QPushButton(ActionsBody)
        self.cancelAction.setObjectName(u"cancelAction")
        self.cancelAction.setEnabled(False)

        self.buttonRow.addWidget(self.cancelAction)

        self.reopenAction = QPushButton(ActionsBody)
        self.reopenAction.setObjectName(u"reopenAction")
        self.reopenAction.setEnabled(False)

        self.buttonRow.addWidget(self.reopenAction)

        self.buttonRow.setStretch(1, 1)

        self.bodyLayout.addLayout(self.buttonRow)

        self.bodyLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.ownerLabel.setBuddy(self.ownerFilter)
        self.statusLabel.setBuddy(self.statusFilter)
        self.sessionLabel.setBuddy(self.sessionFilter)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ActionsBody)

        QMetaObject.connectSlotsByName(ActionsBody)
    # setupUi

    def retranslateUi(self, ActionsBody):
        self.ownerLabel.setText(QCoreApplication.translate("ActionsBody", u"&Owner:", None))
#if QT_CONFIG(accessibility)
        self.ownerFilter.setAccessibleName(QCoreApplication.translate("ActionsBody", u"Owner filter", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.ownerFilter.setToolTip(QCoreApplication.translate("ActionsBody", u"Owner filter", None))
#endif // QT_CONFIG(tooltip)
        self.statusLabel.setText(QCoreApplication.translate("ActionsBody", u"S&tatus:", None))
#if QT_CONFIG(accessibility)
        self.statusFilter.setAccessibleName(QCoreApplication.translate("ActionsBody", u"Status filter", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.statusFilter.setToolTip(QCoreApplication.translate("ActionsBody", u"Status filter", None))
#endif // QT_CONFIG(tooltip)
        self.sessionLabel.setText(QCoreApplication.translate("ActionsBody", u"&Session:", None))
#if QT_CONFIG(accessibility)
        self.sessionFilter.setAccessibleName(QCoreApplication.translate("ActionsBody", u"Session filter", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.sessionFilter.setToolTip(QCoreApplication.translate("ActionsBody", u"Session filter", None))
#endif // QT_CONFIG(tooltip)
        self.overdueOnly.setText(QCoreApplication.translate("ActionsBody", u"O&verdue only", None))
#if QT_CONFIG(accessibility)
        self.overdueOnly.setAccessibleName(QCoreApplication.translate("ActionsBody", u"Overdue only", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.overdueOnly.setToolTip(QCoreApplication.translate("ActionsBody", u"Show only open actions past their due date", None))
#endif // QT_CONFIG(tooltip)
        self.actionProblem.setStyleSheet(QCoreApplication.translate("ActionsBody", u"color: #9b1c1c;", None))
#if QT_CONFIG(accessibility)
        self.actionProblem.setAccessibleName(QCoreApplication.translate("ActionsBody", u"Problem", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.actionTable.setAccessibleName(QCoreApplication.translate("ActionsBody", u"Actions", None))
#endif // QT_CONFIG(accessibility)
        self.actionsEmpty.setText(QCoreApplication.translate("ActionsBody", u"No actions yet: add one here (Add action\u2026) or agree them on the Moderation page.", None))
#if QT_CONFIG(accessibility)
        self.actionsEmpty.setAccessibleName(QCoreApplication.translate("ActionsBody", u"No actions", None))
#endif // QT_CONFIG(accessibility)
        self.overdueHint.setText(QCoreApplication.translate("ActionsBody", u"Overdue open actions are shown in red.", None))
        self.overdueHint.setStyleSheet(QCoreApplication.translate("ActionsBody", u"color: palette(mid);", None))
        self.editAction.setText(QCoreApplication.translate("ActionsBody", u"&Edit\u2026", None))
#if QT_CONFIG(accessibility)
        self.editAction.setAccessibleName(QCoreApplication.translate("ActionsBody", u"Edit\u2026", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.editAction.setToolTip(QCoreApplication.translate("ActionsBody", u"Change the selected action's text, owner or due date (or double-click it)", None))
#endif // QT_CONFIG(tooltip)
        self.markDone.setText(QCoreApplication.translate("ActionsBody", u"Mark &done", None))
#if QT_CONFIG(accessibility)
        self.markDone.setAccessibleName(QCoreApplication.translate("ActionsBody", u"Mark done", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.markDone.setToolTip(QCoreApplication.translate("ActionsBody", u"Mark the selected action as done", None))
#endif // QT_CONFIG(tooltip)
        self.cancelAction.setText(QCoreApplication.translate("ActionsBody", u"&Cancel action", None))
#if QT_CONFIG(accessibility)
        self.cancelAction.setAccessibleName(QCoreApplication.translate("ActionsBody", u"Cancel action", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.cancelAction.setToolTip(QCoreApplication.translate("ActionsBody", u"Cancel the selected action", None))
#endif // QT_CONFIG(tooltip)
        self.reopenAction.setText(QCoreApplication.translate("ActionsBody", u"&Reopen", None))
#if QT_CONFIG(accessibility)
        self.reopenAction.setAccessibleName(QCoreApplication.translate("ActionsBody", u"Reopen", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.reopenAction.setToolTip(QCoreApplication.translate("ActionsBody", u"Reopen a done or cancelled action", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

