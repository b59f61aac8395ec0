# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sessions_page.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit,
    QDoubleSpinBox, QGridLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QRadioButton, QSizePolicy, QSpacerItem, QSpinBox,
    QSplitter, QTabWidget, QTableView, QToolButton,
    QVBoxLayout, QWidget)

class Ui_SessionsBody(object):
    def setupUi(self, SessionsBody):
        if not SessionsBody.objectName():
            SessionsBody.setObjectName(u"SessionsBody")
        self.bodyLayout = QVBoxLayout(SessionsBody)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.bodyLayout.setContentsMargins(0, 0, 0, 0)
        self.sessionsEmpty = QLabel(SessionsBody)
        self.sessionsEmpty.setObjectName(u"sessionsEmpty")
        self.sessionsEmpty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.bodyLayout.addWidget(self.sessionsEmpty)

        self.sessionsSplitter = QSplitter(SessionsBody)
        self.sessionsSplitter.setObjectName(u"sessionsSplitter")
        self.sessionsSplitter.setOrientation(Qt.Orientation.Vertical)
        self.sessionsSplitter.setChildrenCollapsible(False)
        self.sessionTable = QTableView(self.sessionsSplitter)
        self.sessionTable.setObjectName(u"sessionTable")
        self.sessionsSplitter.addWidget(self.sessionTable)
        self.sessionDetail = QWidget(self.sessionsSplitter)
        self.sessionDetail.setObjectName(u"sessionDetail")
        self.detailLayout = QVBoxLayout(self.sessionDetail)
        self.detailLayout.setObjectName(u"detailLayout")
        self.detailLayout.setContentsMargins(0, 6, 0, 0)
        self.statusRow = QHBoxLayout()
        self.statusRow.setObjectName(u"statusRow")
        self.sessionHeading = QLabel(self.sessionDetail)
        self.sessionHeading.setObjectName(u"sessionHeading")
        self.sessionHeading.setTextFormat(Qt.TextFormat.RichText)

        self.statusRow.addWidget(self.sessionHeading)

        self.status_scoring = QPushButton(self.sessionDetail)
        self.status_scoring.setObjectName(u"status_scoring")

        self.statusRow.addWidget(self.status_scoring)

        self.status_moderation = QPushButton(self.sessionDetail)
        self.status_moderation.setObjectName(u"status_moderation")

        self.statusRow.addWidget(self.status_moderation)

        self.status_closed = QPushButton(self.sessionDetail)
        self.status_closed.setObjectName(u"status_closed")

        self.statusRow.addWidget(self.status_closed)

        self.statusRow.setStretch(0, 1)

        self.detailLayout.addLayout(self.statusRow)

        self.readOnlyBanner = QLabel(self.sessionDetail)
        self.readOnlyBanner.setObjectName(u"readOnlyBanner")
        self.readOnlyBanner.setWordWrap(True)

        self.detailLayout.addWidget(self.readOnlyBanner)

        self.sessionTabs = QTabWidget(self.sessionDetail)
        self.sessionTabs.setObjectName(u"sessionTabs")
        self.sampleTab = QWidget()
        self.sampleTab.setObjectName(u"sampleTab")
        self.sampleTabLayout = QHBoxLayout(self.sampleTab)
        self.sampleTabLayout.setObjectName(u"sampleTabLayout")
        self.sampleSplitter = QSplitter(self.sampleTab)
        self.sampleSplitter.setObjectName(u"sampleSplitter")
        self.sampleSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.sampleSplitter.setChildrenCollapsible(False)
        self.drawBox = QGroupBox(self.sampleSplitter)
        self.drawBox.setObjectName(u"drawBox")
        self.drawBox.setMinimumSize(QSize(370, 0))
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.drawBox.sizePolicy().hasHeightForWidth())
        self.drawBox.setSizePolicy(sizePolicy)
        self.drawLayout = QVBoxLayout(self.drawBox)
        self.drawLayout.setObjectName(u"drawLayout")
        self.drawGrid = QGridLayout()
        self.drawGrid.setObjectName(u"drawGrid")
        self.sizeRadio = QRadioButton(self.drawBox)
        self.sizeRadio.setObjectName(u"sizeRadio")
        self.sizeRadio.setChecked(True)

        self.drawGrid.addWidget(self.sizeRadio, 0, 0, 1, 1)

        self.sampleSize = QSpinBox(self.drawBox)
        self.sampleSize.setObjectName(u"sampleSize")
        self.sampleSize.setMinimum(1)
        self.sampleSize.setMaximum(100000)
        self.sampleSize.setValue(10)

        self.drawGrid.addWidget(self.sampleSize, 0, 1, 1, 1)

        self.percentRadio = QRadioButton(self.drawBox)
        self.percentRadio.setObjectName(u"percentRadio")

        self.drawGrid.addWidget(self.percentRadio, 1, 0, 1, 1)

        self.samplePercent = QDoubleSpinBox(self.drawBox)
        self.samplePercent.setObjectName(u"samplePercent")
        self.samplePercent.setDecimals(1)
        self.samplePercent.setMinimum(0.100000000000000)
        self.samplePercent.setMaximum(100.000000000000000)
        self.samplePercent.setValue(50.000000000000000)

        self.drawGrid.addWidget(self.samplePercent, 1, 1, 1, 1)

        self.seedLabel = QLabel(self.drawBox)
        self.seedLabel.setObjectName(u"seedLabel")

        self.drawGrid.addWidget(self.seedLabel, 2, 0, 1, 1)

        self.seedRow = QHBoxLayout()
        self.seedRow.setObjectName(u"seedRow")
        self.sampleSeed = QSpinBox(self.drawBox)
        self.sampleSeed.setObjectName(u"sampleSeed")
        self.sampleSeed.setMinimum(-1)
        self.sampleSeed.setMaximum(2147483647)
        self.sampleSeed.setValue(-1)

        self.seedRow.addWidget(self.sampleSeed)

        self.randomSeed = QToolButton(self.drawBox)
        self.randomSeed.setObjectName(u"randomSeed")

        self.seedRow.addWidget(self.randomSeed)

        self.seedRow.setStretch(0, 1)

        self.drawGrid.addLayout(self.seedRow, 2, 1, 1, 1)

        self.stratifyLabel = QLabel(self.drawBox)
        self.stratifyLabel.setObjectName(u"stratifyLabel")

        self.drawGrid.addWidget(self.stratifyLabel, 3, 0, 1, 1)

        self.sampleStratify = QComboBox(self.drawBox)
        self.sampleStratify.setObjectName(u"sampleStratify")

        self.drawGrid.addWidget(self.sampleStratify, 3, 1, 1, 1)

        self.fromCheck = QCheckBox(self.drawBox)
        self.fromCheck.setObjectName(u"fromCheck")

        self.drawGrid.addWidget(self.fromCheck, 4, 0, 1, 1)

        self.issuedFrom = QDateEdit(self.drawBox)
        self.issuedFrom.setObjectName(u"issuedFrom")
        self.issuedFrom.setCalendarPopup(True)
        self.issuedFrom.setEnabled(False)

        self.drawGrid.addWidget(self.issuedFrom, 4, 1, 1, 1)

        self.toCheck = QCheckBox(self.drawBox)
        self.toCheck.setObjectName(u"toCheck")

        self.drawGrid.addWidget(self.toCheck, 5, 0, 1, 1)

        self.issuedTo = QDateEdit(self.drawBox)
        self.issuedTo.setObjectName(u"issuedTo")
        self.issuedTo.setCalendarPopup(True)
        self.issuedTo.setEnabled(False)

        self.drawGrid.addWidget(self.issuedTo, 5, 1, 1, 1)

        self.excludeLabel = QLabel(self.drawBox)
        self.excludeLabel.setObjectName(u"excludeLabel")

        self.drawGrid.addWidget(self.excludeLabel, 6, 0, 1, 1)

        self.excludeMonths = QSpinBox(self.drawBox)
        self.excludeMonths.setObjectName(u"excludeMonths")
        self.excludeMonths.setMinimum(0)
        self.excludeMonths.setMaximum(120)
        self.excludeMonths.setValue(12)

        self.drawGrid.addWidget(self.excludeMonths, 6, 1, 1, 1)

        self.typesRow = QHBoxLayout()
        self.typesRow.setObjectName(u"typesRow")
        self.typesLabel = QLabel(self.drawBox)
        self.typesLabel.setObjectName(u"typesLabel")

        self.typesRow.addWidget(self.typesLabel)


        self.drawGrid.addLayout(self.typesRow, 7, 0, 1, 2)

        self.drawGrid.setColumnStretch(1, 1)

        self.drawLayout.addLayout(self.drawGrid)

        self.previewTitle = QLabel(self.drawBox)
        self.previewTitle.setObjectName(u"previewTitle")
        self.previewTitle.setWordWrap(True)

        self.drawLayout.addWidget(self.previewTitle)

        self.strataPreview = QTableView(self.drawBox)
        self.strataPreview.setObjectName(u"strataPreview")

        self.drawLayout.addWidget(self.strataPreview)

        self.previewMessage = QLabel(self.drawBox)
        self.previewMessage.setObjectName(u"previewMessage")
        self.previewMessage.setWordWrap(True)

        self.drawLayout.addWidget(self.previewMessage)

        self.drawNote = QLabel(self.drawBox)
        self.drawNote.setObjectName(u"drawNote")
        self.drawNote.setWordWrap(True)

        self.drawLayout.addWidget(self.drawNote)

        self.drawSample = QPushButton(self.drawBox)
        self.drawSample.setObjectName(u"drawSample")

        self.drawLayout.addWidget(self.drawSample)

        self.drawLayout.setStretch(2, 1)
        self.sampleSplitter.addWidget(self.drawBox)
        self.sampleRight = QWidget(self.sampleSplitter)
        self.sampleRight.setObjectName(u"sampleRight")
        self.sampleRightLayout = QVBoxLayout(self.sampleRight)
        self.sampleRightLayout.setObjectName(u"sampleRightLayout")
        self.sampleRightLayout.setContentsMargins(6, 0, 0, 0)
        self.sampleProvenance = QLabel(self.sampleRight)
        self.sampleProvenance.setObjectName(u"sampleProvenance")
        self.sampleProvenance.setWordWrap(True)
        self.sampleProvenance.setTextFormat(Qt.TextFormat.RichText)
        self.sampleProvenance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.sampleRightLayout.addWidget(self.sampleProvenance)

        self.sampleTable = QTableView(self.sampleRight)
        self.sampleTable.setObjectName(u"sampleTable")

        self.sampleRightLayout.addWidget(self.sampleTable)

        self.sampleButtons = QHBoxLayout()
        self.sampleButtons.setObjectName(u"sampleButtons")
        self.sampleMessage = QLabel(self.sampleRight)
        self.sampleMessage.setObjectName(u"sampleMessage")
        self.sampleMessage.setWordWrap(True)

        self.sampleButtons.addWidget(self.sampleMessage)

        self.withdrawPlan = QPushButton(self.sampleRight)
        self.withdrawPlan.setObjectName(u"withdrawPlan")

        self.sampleButtons.addWidget(self.withdrawPlan)

        self.sampleButtons.setStretch(0, 1)

        self.sampleRightLayout.addLayout(self.sampleButtons)

        self.sampleRightLayout.setStretch(1, 1)
        self.sampleSplitter.addWidget(self.sampleRight)

        self.sampleTabLayout.addWidget(self.sampleSplitter)

        self.sessionTabs.addTab(self.sampleTab, "")
        self.panelTab = QWidget()
        self.panelTab.setObjectName(u"panelTab")
        self.panelTabLayout = QVBoxLayout(self.panelTab)
        self.panelTabLayout.setObjectName(u"panelTabLayout")
        self.memberTable = QTableView(self.panelTab)
        self.memberTable.setObjectName(u"memberTable")

        self.panelTabLayout.addWidget(self.memberTable)

        self.addMemberRow = QHBoxLayout()
        self.addMemberRow.setObjectName(u"addMemberRow")
        self.memberNameLabel = QLabel(self.panelTab)
        self.memberNameLabel.setObjectName(u"memberNameLabel")

        self.addMemberRow.addWidget(self.memberNameLabel)

        self.memberName = QLineEdit(self.panelTab)
        self.memberName.setObjectName(u"memberName")

        self.addMemberRow.addWidget(self.memberName)

        self.memberAgencyLabel = QLabel(self.panelTab)
        self.memberAgencyLabel.setObjectName(u"memberAgencyLabel")

        self.addMemberRow.addWidget(self.memberAgencyLabel)

        self.memberAgency = QComboBox(self.panelTab)
        self.memberAgency.setObjectName(u"memberAgency")
        self.memberAgency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.memberAgency.setMinimumContentsLength(18)

        self.addMemberRow.addWidget(self.memberAgency)

        self.memberRoleLabel = QLabel(self.panelTab)
        self.memberRoleLabel.setObjectName(u"memberRoleLabel")

        self.addMemberRow.addWidget(self.memberRoleLabel)

        self.memberRole = QComboBox(self.panelTab)
        self.memberRole.setObjectName(u"memberRole")

        self.addMemberRow.addWidget(self.memberRole)

        self.addMember = QPushButton(self.panelTab)
        self.addMember.setObjectName(u"addMember")

        self.addMemberRow.addWidget(self.addMember)

        self.addMemberSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.addMemberRow.addItem(self.addMemberSpacer)

        self.bindMember = QPushButton(self.panelTab)
        self.bindMember.setObjectName(u"bindMember")

        self.addMemberRow.addWidget(self.bindMember)

        self.approveProxy = QPushButton(self.panelTab)
        self.approveProxy.setObjectName(u"approveProxy")

        self.addMemberRow.addWidget(self.approveProxy)

        self.removeMember = QPushButton(self.panelTab)
        self.removeMember.setObjectName(u"removeMember")

        self.addMemberRow.addWidget(self.removeMember)

        self.addMemberRow.setStretch(1, 2)
        self.addMemberRow.setStretch(7, 1)

        self.panelTabLayout.addLayout(self.addMemberRow)

        self.panelTabLayout.setStretch(0, 1)
        self.sessionTabs.addTab(self.panelTab, "")

        self.detailLayout.addWidget(self.sessionTabs)

        self.detailLayout.setStretch(2, 1)
        self.sessionsSplitter.addWidget(self.sessionDetail)

        self.bodyLayout.addWidget(self.sessionsSplitter)

        self.bodyLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.seedLabel.setBuddy(self.sampleSeed)
        self.stratifyLabel.setBuddy(self.sampleStratify)
        self.excludeLabel.setBuddy(self.excludeMonths)
        self.memberNameLabel.setBuddy(self.memberName)
        self.memberAgencyLabel.setBuddy(self.memberAgency)
        self.memberRoleLabel.setBuddy(self.memberRole)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SessionsBody)

        QMetaObject.connectSlotsByName(SessionsBody)
    # setupUi

    def retranslateUi(self, SessionsBody):
        self.sessionsEmpty.setText(QCoreApplication.translate("SessionsBody", u"No audit sessions yet: choose New session\u2026 to plan a panel.", None))
#if QT_CONFIG(accessibility)
        self.sessionTable.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Audit sessions", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.sessionHeading.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Selected session", None))
#endif // QT_CONFIG(accessibility)
        self.status_scoring.setText(QCoreApplication.translate("SessionsBody", u"Start &scoring", None))
#if QT_CONFIG(accessibility)
        self.status_scoring.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Start scoring", None))
#endif // QT_CONFIG(accessibility)
        self.status_moderation.setText(QCoreApplication.translate("SessionsBody", u"Start m&oderation", None))
#if QT_CONFIG(accessibility)
        self.status_moderation.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Start moderation", None))
#endif // QT_CONFIG(accessibility)
        self.status_closed.setText(QCoreApplication.translate("SessionsBody", u"&Close session\u2026", None))
#if QT_CONFIG(accessibility)
        self.status_closed.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Close session", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.readOnlyBanner.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Read-only", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.sessionTabs.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Session details", None))
#endif // QT_CONFIG(accessibility)
        self.drawBox.setTitle(QCoreApplication.translate("SessionsBody", u"Draw a sample", None))
        self.sizeRadio.setText(QCoreApplication.translate("SessionsBody", u"Number of p&lans", None))
#if QT_CONFIG(accessibility)
        self.sizeRadio.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Sample a number of plans", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.sampleSize.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Number of plans", None))
#endif // QT_CONFIG(accessibility)
        self.percentRadio.setText(QCoreApplication.translate("SessionsBody", u"Pe&rcentage of eligible", None))
#if QT_CONFIG(accessibility)
        self.percentRadio.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Sample a percentage of the eligible plans", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.samplePercent.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Percentage of eligible plans", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.samplePercent.setToolTip(QCoreApplication.translate("SessionsBody", u"Rounded up: 50% of 7 eligible plans draws 4", None))
#endif // QT_CONFIG(tooltip)
        self.samplePercent.setSuffix(QCoreApplication.translate("SessionsBody", u" %", None))
        self.seedLabel.setText(QCoreApplication.translate("SessionsBody", u"S&eed:", None))
#if QT_CONFIG(accessibility)
        self.sampleSeed.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Seed", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.sampleSeed.setToolTip(QCoreApplication.translate("SessionsBody", u"Random chooses a fresh seed; it is stored with the sample so the same draw can be repeated", None))
#endif // QT_CONFIG(tooltip)
        self.sampleSeed.setSpecialValueText(QCoreApplication.translate("SessionsBody", u"Random", None))
        self.randomSeed.setText(QCoreApplication.translate("SessionsBody", u"Random", None))
#if QT_CONFIG(accessibility)
        self.randomSeed.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Use a random seed", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.randomSeed.setToolTip(QCoreApplication.translate("SessionsBody", u"Clear the seed: the next draw chooses a random one", None))
#endif // QT_CONFIG(tooltip)
        self.stratifyLabel.setText(QCoreApplication.translate("SessionsBody", u"Stratif&y by:", None))
#if QT_CONFIG(accessibility)
        self.sampleStratify.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Stratify by", None))
#endif // QT_CONFIG(accessibility)
        self.fromCheck.setText(QCoreApplication.translate("SessionsBody", u"Issued &from:", None))
#if QT_CONFIG(accessibility)
        self.fromCheck.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Limit to plans issued from a date", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.issuedFrom.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Issued from", None))
#endif // QT_CONFIG(accessibility)
        self.issuedFrom.setDisplayFormat(QCoreApplication.translate("SessionsBody", u"dd/MM/yyyy", None))
        self.toCheck.setText(QCoreApplication.translate("SessionsBody", u"Issued &to:", None))
#if QT_CONFIG(accessibility)
        self.toCheck.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Limit to plans issued up to a date", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.issuedTo.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Issued to", None))
#endif // QT_CONFIG(accessibility)
        self.issuedTo.setDisplayFormat(QCoreApplication.translate("SessionsBody", u"dd/MM/yyyy", None))
        self.excludeLabel.setText(QCoreApplication.translate("SessionsBody", u"E&xclude audited within:", None))
#if QT_CONFIG(accessibility)
        self.excludeMonths.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Exclude plans audited within this many months", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.excludeMonths.setToolTip(QCoreApplication.translate("SessionsBody", u"Plans audited in another session in the months before this session's date are not eligible", None))
#endif // QT_CONFIG(tooltip)
        self.excludeMonths.setSuffix(QCoreApplication.translate("SessionsBody", u" months", None))
        self.excludeMonths.setSpecialValueText(QCoreApplication.translate("SessionsBody", u"No exclusion", None))
        self.typesLabel.setText(QCoreApplication.translate("SessionsBody", u"Plan types:", None))
        self.previewTitle.setText(QCoreApplication.translate("SessionsBody", u"<b>Preview</b> (eligible plans now, and how many each stratum would give)", None))
#if QT_CONFIG(accessibility)
        self.strataPreview.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Eligible plans per stratum", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.previewMessage.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Preview summary", None))
#endif // QT_CONFIG(accessibility)
        self.drawNote.setStyleSheet(QCoreApplication.translate("SessionsBody", u"color: #5c4400;", None))
        self.drawSample.setText(QCoreApplication.translate("SessionsBody", u"&Draw sample", None))
#if QT_CONFIG(accessibility)
        self.drawSample.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Draw sample", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.sampleProvenance.setAccessibleName(QCoreApplication.translate("SessionsBody", u"How the sample was drawn", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.sampleTable.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Drawn sample", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.sampleMessage.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Sample message", None))
#endif // QT_CONFIG(accessibility)
        self.withdrawPlan.setText(QCoreApplication.translate("SessionsBody", u"W&ithdraw and replace\u2026", None))
#if QT_CONFIG(accessibility)
        self.withdrawPlan.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Withdraw the selected plan and replace it", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.withdrawPlan.setToolTip(QCoreApplication.translate("SessionsBody", u"Withdraw the selected plan (the reason is recorded) and draw its replacement by the same rule and seed", None))
#endif // QT_CONFIG(tooltip)
        self.sessionTabs.setTabText(self.sessionTabs.indexOf(self.sampleTab), QCoreApplication.translate("SessionsBody", u"S&ample", None))
#if QT_CONFIG(accessibility)
        self.memberTable.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Panel members", None))
#endif // QT_CONFIG(accessibility)
        self.memberNameLabel.setText(QCoreApplication.translate("SessionsBody", u"Na&me:", None))
#if QT_CONFIG(accessibility)
        self.memberName.setAccessibleName(QCoreApplication.translate("SessionsBody", u"New member's name", None))
#endif // QT_CONFIG(accessibility)
        self.memberName.setPlaceholderText(QCoreApplication.translate("SessionsBody", u"Name as the panel knows them", None))
        self.memberAgencyLabel.setText(QCoreApplication.translate("SessionsBody", u"A&gency:", None))
#if QT_CONFIG(accessibility)
        self.memberAgency.setAccessibleName(QCoreApplication.translate("SessionsBody", u"New member's agency", None))
#endif // QT_CONFIG(accessibility)
        self.memberRoleLabel.setText(QCoreApplication.translate("SessionsBody", u"Ro&le:", None))
#if QT_CONFIG(accessibility)
        self.memberRole.setAccessibleName(QCoreApplication.translate("SessionsBody", u"New member's role", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.memberRole.setToolTip(QCoreApplication.translate("SessionsBody", u"The chair can moderate (record the panel's agreed scores)", None))
#endif // QT_CONFIG(tooltip)
        self.addMember.setText(QCoreApplication.translate("SessionsBody", u"A&dd member", None))
#if QT_CONFIG(accessibility)
        self.addMember.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Add member", None))
#endif // QT_CONFIG(accessibility)
        self.bindMember.setText(QCoreApplication.translate("SessionsBody", u"Bind to account\u2026", None))
#if QT_CONFIG(accessibility)
        self.bindMember.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Bind the selected member to an OS account", None))
#endif // QT_CONFIG(accessibility)
        self.approveProxy.setText(QCoreApplication.translate("SessionsBody", u"Approve proxy\u2026", None))
#if QT_CONFIG(accessibility)
        self.approveProxy.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Let another account act as the selected member", None))
#endif // QT_CONFIG(accessibility)
        self.removeMember.setText(QCoreApplication.translate("SessionsBody", u"&Remove member", None))
#if QT_CONFIG(accessibility)
        self.removeMember.setAccessibleName(QCoreApplication.translate("SessionsBody", u"Remove the selected member", None))
#endif // QT_CONFIG(accessibility)
        self.sessionTabs.setTabText(self.sessionTabs.indexOf(self.panelTab), QCoreApplication.translate("SessionsBody", u"&Panel members", None))
        pass
    # retranslateUi

