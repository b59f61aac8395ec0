# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reports_page.ui'
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
    QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPlainTextEdit, QProgressBar,
    QPushButton, QSizePolicy, QSpacerItem, QSplitter,
    QTabWidget, QTableView, QVBoxLayout, QWidget)

class Ui_ReportsBody(object):
    def setupUi(self, ReportsBody):
        if not ReportsBody.objectName():
            ReportsBody.setObjectName(u"ReportsBody")
        self.bodyLayout = QVBoxLayout(ReportsBody)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.bodyLayout.setContentsMargins(0, 0, 0, 0)
        self.reportTabs = QTabWidget(ReportsBody)
        self.reportTabs.setObjectName(u"reportTabs")
        self.generateTab = QWidget()
        self.generateTab.setObjectName(u"generateTab")
        self.generateLayout = QVBoxLayout(self.generateTab)
        self.generateLayout.setObjectName(u"generateLayout")
        self.choiceRow = QHBoxLayout()
        self.choiceRow.setObjectName(u"choiceRow")
        self.reportChoice = QGroupBox(self.generateTab)
        self.reportChoice.setObjectName(u"reportChoice")
        self.reportForm = QFormLayout(self.reportChoice)
        self.reportForm.setObjectName(u"reportForm")
        self.kindLabel = QLabel(self.reportChoice)
        self.kindLabel.setObjectName(u"kindLabel")

        self.reportForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.reportKind = QComboBox(self.reportChoice)
        self.reportKind.setObjectName(u"reportKind")

        self.reportForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reportKind)

        self.sessionLabel = QLabel(self.reportChoice)
        self.sessionLabel.setObjectName(u"sessionLabel")

        self.reportForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.sessionLabel)

        self.reportSession = QComboBox(self.reportChoice)
        self.reportSession.setObjectName(u"reportSession")
        self.reportSession.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.reportForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.reportSession)

        self.breakdownLabel = QLabel(self.reportChoice)
        self.breakdownLabel.setObjectName(u"breakdownLabel")

        self.reportForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.breakdownLabel)

        self.reportBreakdown = QComboBox(self.reportChoice)
        self.reportBreakdown.setObjectName(u"reportBreakdown")

        self.reportForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.reportBreakdown)

        self.periodLabel = QLabel(self.reportChoice)
        self.periodLabel.setObjectName(u"periodLabel")

        self.reportForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.periodLabel)

        self.periodRow = QHBoxLayout()
        self.periodRow.setObjectName(u"periodRow")
        self.reportFrom = QDateEdit(self.reportChoice)
        self.reportFrom.setObjectName(u"reportFrom")
        self.reportFrom.setMinimumDate(QDate(1900, 1, 1))
        self.reportFrom.setMaximumDate(QDate(2100, 12, 31))

        self.periodRow.addWidget(self.reportFrom)

        self.toLabel = QLabel(self.reportChoice)
        self.toLabel.setObjectName(u"toLabel")

        self.periodRow.addWidget(self.toLabel)

        self.reportTo = QDateEdit(self.reportChoice)
        self.reportTo.setObjectName(u"reportTo")
        self.reportTo.setMinimumDate(QDate(1900, 1, 1))
        self.reportTo.setMaximumDate(QDate(2100, 12, 31))

        self.periodRow.addWidget(self.reportTo)

        self.periodSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.periodRow.addItem(self.periodSpacer)


        self.reportForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.periodRow)

        self.rubricLabel = QLabel(self.reportChoice)
        self.rubricLabel.setObjectName(u"rubricLabel")

        self.reportForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.rubricLabel)

        self.reportRubric = QComboBox(self.reportChoice)
        self.reportRubric.setObjectName(u"reportRubric")
        self.reportRubric.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.reportForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.reportRubric)


        self.choiceRow.addWidget(self.reportChoice)

        self.reportOutput = QGroupBox(self.generateTab)
        self.reportOutput.setObjectName(u"reportOutput")
        self.outputForm = QFormLayout(self.reportOutput)
        self.outputForm.setObjectName(u"outputForm")
        self.folderLabel = QLabel(self.reportOutput)
        self.folderLabel.setObjectName(u"folderLabel")

        self.outputForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.folderLabel)

        self.folderRow = QHBoxLayout()
        self.folderRow.setObjectName(u"folderRow")
        self.reportFolder = QLineEdit(self.reportOutput)
        self.reportFolder.setObjectName(u"reportFolder")

        self.folderRow.addWidget(self.reportFolder)

        self.browseFolder = QPushButton(self.reportOutput)
        self.browseFolder.setObjectName(u"browseFolder")
        self.browseFolder.setAutoDefault(False)

        self.folderRow.addWidget(self.browseFolder)

        self.folderRow.setStretch(0, 1)

        self.outputForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.folderRow)

        self.writeXlsx = QCheckBox(self.reportOutput)
        self.writeXlsx.setObjectName(u"writeXlsx")
        self.writeXlsx.setChecked(True)

        self.outputForm.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.writeXlsx)

        self.writeJson = QCheckBox(self.reportOutput)
        self.writeJson.setObjectName(u"writeJson")

        self.outputForm.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.writeJson)


        self.choiceRow.addWidget(self.reportOutput)

        self.choiceRow.setStretch(0, 1)
        self.choiceRow.setStretch(1, 1)

        self.generateLayout.addLayout(self.choiceRow)

        self.runRow = QHBoxLayout()
        self.runRow.setObjectName(u"runRow")
        self.generateReport = QPushButton(self.generateTab)
        self.generateReport.setObjectName(u"generateReport")
        self.generateReport.setAutoDefault(False)

        self.runRow.addWidget(self.generateReport)

        self.reportProgress = QProgressBar(self.generateTab)
        self.reportProgress.setObjectName(u"reportProgress")
        self.reportProgress.setMinimum(0)
        self.reportProgress.setMaximum(100)
        self.reportProgress.setValue(0)

        self.runRow.addWidget(self.reportProgress)

        self.cancelReport = QPushButton(self.generateTab)
        self.cancelReport.setObjectName(u"cancelReport")
        self.cancelReport.setAutoDefault(False)

        self.runRow.addWidget(self.cancelReport)

        self.runRow.setStretch(1, 1)

        self.generateLayout.addLayout(self.runRow)

        self.reportStatus = QLabel(self.generateTab)
        self.reportStatus.setObjectName(u"reportStatus")
        self.reportStatus.setWordWrap(True)
        self.reportStatus.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.generateLayout.addWidget(self.reportStatus)

        self.reportResult = QGroupBox(self.generateTab)
        self.reportResult.setObjectName(u"reportResult")
        self.resultLayout = QVBoxLayout(self.reportResult)
        self.resultLayout.setObjectName(u"resultLayout")
        self.headlineLabel = QLabel(self.reportResult)
        self.headlineLabel.setObjectName(u"headlineLabel")
        self.headlineLabel.setWordWrap(True)
        self.headlineLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.resultLayout.addWidget(self.headlineLabel)

        self.filesLabel = QLabel(self.reportResult)
        self.filesLabel.setObjectName(u"filesLabel")
        self.filesLabel.setWordWrap(True)
        self.filesLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.resultLayout.addWidget(self.filesLabel)

        self.resultActions = QHBoxLayout()
        self.resultActions.setObjectName(u"resultActions")
        self.openPdf = QPushButton(self.reportResult)
        self.openPdf.setObjectName(u"openPdf")
        self.openPdf.setAutoDefault(False)

        self.resultActions.addWidget(self.openPdf)

        self.openFolder = QPushButton(self.reportResult)
        self.openFolder.setObjectName(u"openFolder")
        self.openFolder.setAutoDefault(False)

        self.resultActions.addWidget(self.openFolder)

        self.exportXlsx = QPushButton(self.reportResult)
        self.exportXlsx.setObjectName(u"exportXlsx")
        self.exportXlsx.setAutoDefault(False)

        self.resultActions.addWidget(self.exportXlsx)

        self.resultSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.resultActions.addItem(self.resultSpacer)

        self.tableLabel = QLabel(self.reportResult)
        self.tableLabel.setObjectName(u"tableLabel")

        self.resultActions.addWidget(self.tableLabel)

        self.previewTable = QComboBox(self.reportResult)
        self.previewTable.setObjectName(u"previewTable")
        self.previewTable.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.resultActions.addWidget(self.previewTable)


        self.resultLayout.addLayout(self.resultActions)

        self.reportPreview = QTableView(self.reportResult)
        self.reportPreview.setObjectName(u"reportPreview")

        self.resultLayout.addWidget(self.reportPreview)

        self.resultLayout.setStretch(3, 1)

        self.generateLayout.addWidget(self.reportResult)

        self.generateLayout.setStretch(3, 1)
        self.reportTabs.addTab(self.generateTab, "")
        self.excerptsTab = QWidget()
        self.excerptsTab.setObjectName(u"excerptsTab")
        self.excerptsLayout = QVBoxLayout(self.excerptsTab)
        self.excerptsLayout.setObjectName(u"excerptsLayout")
        self.excerptHead = QHBoxLayout()
        self.excerptHead.setObjectName(u"excerptHead")
        self.excerptCount = QLabel(self.excerptsTab)
        self.excerptCount.setObjectName(u"excerptCount")
        self.excerptCount.setWordWrap(False)
        self.excerptCount.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.excerptHead.addWidget(self.excerptCount)

        self.excerptHeadSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.excerptHead.addItem(self.excerptHeadSpacer)

        self.refreshExcerpts = QPushButton(self.excerptsTab)
        self.refreshExcerpts.setObjectName(u"refreshExcerpts")
        self.refreshExcerpts.setAutoDefault(False)

        self.excerptHead.addWidget(self.refreshExcerpts)


        self.excerptsLayout.addLayout(self.excerptHead)

        self.excerptHelp = QLabel(self.excerptsTab)
        self.excerptHelp.setObjectName(u"excerptHelp")
        self.excerptHelp.setWordWrap(True)
        self.excerptHelp.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.excerptsLayout.addWidget(self.excerptHelp)

        self.excerptSplitter = QSplitter(self.excerptsTab)
        self.excerptSplitter.setObjectName(u"excerptSplitter")
        self.excerptSplitter.setOrientation(Qt.Orientation.Vertical)
        self.excerptTable = QTableView(self.excerptSplitter)
        self.excerptTable.setObjectName(u"excerptTable")
        self.excerptSplitter.addWidget(self.excerptTable)
        self.excerptEditor = QWidget(self.excerptSplitter)
        self.excerptEditor.setObjectName(u"excerptEditor")
        self.editorLayout = QVBoxLayout(self.excerptEditor)
        self.editorLayout.setObjectName(u"editorLayout")
        self.editorLayout.setContentsMargins(0, 4, 0, 0)
        self.excerptTextLabel = QLabel(self.excerptEditor)
        self.excerptTextLabel.setObjectName(u"excerptTextLabel")

        self.editorLayout.addWidget(self.excerptTextLabel)

        self.excerptText = QPlainTextEdit(self.excerptEditor)
        self.excerptText.setObjectName(u"excerptText")
        self.excerptText.setTabChangesFocus(True)

        self.editorLayout.addWidget(self.excerptText)

        self.excerptButtons = QHBoxLayout()
        self.excerptButtons.setObjectName(u"excerptButtons")
        self.excerptResult = QLabel(self.excerptEditor)
        self.excerptResult.setObjectName(u"excerptResult")
        self.excerptResult.setWordWrap(True)
        self.excerptResult.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.excerptButtons.addWidget(self.excerptResult)

        self.approveExcerpt = QPushButton(self.excerptEditor)
        self.approveExcerpt.setObjectName(u"approveExcerpt")
        self.approveExcerpt.setAutoDefault(False)

        self.excerptButtons.addWidget(self.approveExcerpt)

        self.withdrawExcerpt = QPushButton(self.excerptEditor)
        self.withdrawExcerpt.setObjectName(u"withdrawExcerpt")
        self.withdrawExcerpt.setAutoDefault(False)

        self.excerptButtons.addWidget(self.withdrawExcerpt)

        self.excerptButtons.setStretch(0, 1)

        self.editorLayout.addLayout(self.excerptButtons)

        self.editorLayout.setStretch(1, 1)
        self.excerptSplitter.addWidget(self.excerptEditor)

        self.excerptsLayout.addWidget(self.excerptSplitter)

        self.excerptsLayout.setStretch(2, 1)
        self.reportTabs.addTab(self.excerptsTab, "")
        self.namesTab = QWidget()
        self.namesTab.setObjectName(u"namesTab")
        self.namesLayout = QVBoxLayout(self.namesTab)
        self.namesLayout.setObjectName(u"namesLayout")
        self.namesHelp = QLabel(self.namesTab)
        self.namesHelp.setObjectName(u"namesHelp")
        self.namesHelp.setWordWrap(True)
        self.namesHelp.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.namesLayout.addWidget(self.namesHelp)

        self.namesFile = QLabel(self.namesTab)
        self.namesFile.setObjectName(u"namesFile")
        self.namesFile.setWordWrap(True)
        self.namesFile.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.namesLayout.addWidget(self.namesFile)

        self.namesLabel = QLabel(self.namesTab)
        self.namesLabel.setObjectName(u"namesLabel")

        self.namesLayout.addWidget(self.namesLabel)

        self.redactionNames = QPlainTextEdit(self.namesTab)
        self.redactionNames.setObjectName(u"redactionNames")
        self.redactionNames.setTabChangesFocus(True)

        self.namesLayout.addWidget(self.redactionNames)

        self.namesButtons = QHBoxLayout()
        self.namesButtons.setObjectName(u"namesButtons")
        self.namesResult = QLabel(self.namesTab)
        self.namesResult.setObjectName(u"namesResult")
        self.namesResult.setWordWrap(True)
        self.namesResult.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.namesButtons.addWidget(self.namesResult)

        self.revertNames = QPushButton(self.namesTab)
        self.revertNames.setObjectName(u"revertNames")
        self.revertNames.setAutoDefault(False)

        self.namesButtons.addWidget(self.revertNames)

        self.saveNames = QPushButton(self.namesTab)
        self.saveNames.setObjectName(u"saveNames")
        self.saveNames.setAutoDefault(False)

        self.namesButtons.addWidget(self.saveNames)

        self.namesButtons.setStretch(0, 1)

        self.namesLayout.addLayout(self.namesButtons)

        self.namesLayout.setStretch(3, 1)
        self.reportTabs.addTab(self.namesTab, "")

        self.bodyLayout.addWidget(self.reportTabs)

#if QT_CONFIG(shortcut)
        self.kindLabel.setBuddy(self.reportKind)
        self.sessionLabel.setBuddy(self.reportSession)
        self.breakdownLabel.setBuddy(self.reportBreakdown)
        self.periodLabel.setBuddy(self.reportFrom)
        self.toLabel.setBuddy(self.reportTo)
        self.rubricLabel.setBuddy(self.reportRubric)
        self.folderLabel.setBuddy(self.reportFolder)
        self.tableLabel.setBuddy(self.previewTable)
        self.excerptTextLabel.setBuddy(self.excerptText)
        self.namesLabel.setBuddy(self.redactionNames)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReportsBody)

        self.generateReport.setDefault(True)


        QMetaObject.connectSlotsByName(ReportsBody)
    # setupUi

    def retranslateUi(self, ReportsBody):
#if QT_CONFIG(accessibility)
        self.reportTabs.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Reports sections", None))
#endif // QT_CONFIG(accessibility)
        self.reportChoice.setTitle(QCoreApplication.translate("ReportsBody", u"Report", None))
        self.kindLabel.setText(QCoreApplication.translate("ReportsBody", u"&Report:", None))
#if QT_CONFIG(accessibility)
        self.reportKind.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Report", None))
#endif // QT_CONFIG(accessibility)
        self.sessionLabel.setText(QCoreApplication.translate("ReportsBody", u"&Session:", None))
#if QT_CONFIG(accessibility)
        self.reportSession.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Session", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.reportSession.setToolTip(QCoreApplication.translate("ReportsBody", u"The panel session the key issues report is about", None))
#endif // QT_CONFIG(tooltip)
        self.breakdownLabel.setText(QCoreApplication.translate("ReportsBody", u"Break &down by:", None))
#if QT_CONFIG(accessibility)
        self.reportBreakdown.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Break percent good down by", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.reportBreakdown.setToolTip(QCoreApplication.translate("ReportsBody", u"Key issues: percent good for each value of a plan field (built-in or the council's own)", None))
#endif // QT_CONFIG(tooltip)
        self.periodLabel.setText(QCoreApplication.translate("ReportsBody", u"&Months:", None))
#if QT_CONFIG(accessibility)
        self.reportFrom.setAccessibleName(QCoreApplication.translate("ReportsBody", u"First month", None))
#endif // QT_CONFIG(accessibility)
        self.reportFrom.setDisplayFormat(QCoreApplication.translate("ReportsBody", u"MMM yyyy", None))
#if QT_CONFIG(tooltip)
        self.reportFrom.setToolTip(QCoreApplication.translate("ReportsBody", u"First month of the report period (up/down arrows change it)", None))
#endif // QT_CONFIG(tooltip)
        self.toLabel.setText(QCoreApplication.translate("ReportsBody", u"&to", None))
#if QT_CONFIG(accessibility)
        self.reportTo.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Last month", None))
#endif // QT_CONFIG(accessibility)
        self.reportTo.setDisplayFormat(QCoreApplication.translate("ReportsBody", u"MMM yyyy", None))
#if QT_CONFIG(tooltip)
        self.reportTo.setToolTip(QCoreApplication.translate("ReportsBody", u"Last month of the report period (up/down arrows change it)", None))
#endif // QT_CONFIG(tooltip)
        self.rubricLabel.setText(QCoreApplication.translate("ReportsBody", u"R&ubric:", None))
#if QT_CONFIG(accessibility)
        self.reportRubric.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Rubric of the trend", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.reportRubric.setToolTip(QCoreApplication.translate("ReportsBody", u"The trend covers one rubric; sessions on other rubrics are left out (and counted in the report)", None))
#endif // QT_CONFIG(tooltip)
        self.reportOutput.setTitle(QCoreApplication.translate("ReportsBody", u"Output", None))
        self.folderLabel.setText(QCoreApplication.translate("ReportsBody", u"&Folder:", None))
#if QT_CONFIG(accessibility)
        self.reportFolder.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Output folder", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.reportFolder.setToolTip(QCoreApplication.translate("ReportsBody", u"Where the PDF (and spreadsheet, figures) are written; created if it does not exist", None))
#endif // QT_CONFIG(tooltip)
        self.browseFolder.setText(QCoreApplication.translate("ReportsBody", u"&Browse\u2026", None))
#if QT_CONFIG(accessibility)
        self.browseFolder.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Browse", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.browseFolder.setToolTip(QCoreApplication.translate("ReportsBody", u"Choose the output folder", None))
#endif // QT_CONFIG(tooltip)
        self.writeXlsx.setText(QCoreApplication.translate("ReportsBody", u"Also write the spreadsheet (.&xlsx)", None))
#if QT_CONFIG(accessibility)
        self.writeXlsx.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Also write the spreadsheet", None))
#endif // QT_CONFIG(accessibility)
        self.writeJson.setText(QCoreApplication.translate("ReportsBody", u"Also write the figures (.&json)", None))
#if QT_CONFIG(accessibility)
        self.writeJson.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Also write the figures as JSON", None))
#endif // QT_CONFIG(accessibility)
        self.generateReport.setText(QCoreApplication.translate("ReportsBody", u"&Generate report", None))
#if QT_CONFIG(accessibility)
        self.generateReport.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Generate report", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.generateReport.setToolTip(QCoreApplication.translate("ReportsBody", u"Compute the figures and write the files", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.reportProgress.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Report progress", None))
#endif // QT_CONFIG(accessibility)
        self.cancelReport.setText(QCoreApplication.translate("ReportsBody", u"&Cancel", None))
#if QT_CONFIG(accessibility)
        self.cancelReport.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Cancel", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.cancelReport.setToolTip(QCoreApplication.translate("ReportsBody", u"Stop writing the report; no file is left behind", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.reportStatus.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Report status", None))
#endif // QT_CONFIG(accessibility)
        self.reportResult.setTitle(QCoreApplication.translate("ReportsBody", u"Result", None))
#if QT_CONFIG(accessibility)
        self.headlineLabel.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Headline", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.filesLabel.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Files written", None))
#endif // QT_CONFIG(accessibility)
        self.openPdf.setText(QCoreApplication.translate("ReportsBody", u"&Open PDF", None))
#if QT_CONFIG(accessibility)
        self.openPdf.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Open PDF", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.openPdf.setToolTip(QCoreApplication.translate("ReportsBody", u"Open the PDF in the system viewer", None))
#endif // QT_CONFIG(tooltip)
        self.openFolder.setText(QCoreApplication.translate("ReportsBody", u"Open &folder", None))
#if QT_CONFIG(accessibility)
        self.openFolder.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Open folder", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.openFolder.setToolTip(QCoreApplication.translate("ReportsBody", u"Show the output folder", None))
#endif // QT_CONFIG(tooltip)
        self.exportXlsx.setText(QCoreApplication.translate("ReportsBody", u"Export &XLSX\u2026", None))
#if QT_CONFIG(accessibility)
        self.exportXlsx.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Export XLSX", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.exportXlsx.setToolTip(QCoreApplication.translate("ReportsBody", u"Save the figures as a spreadsheet somewhere else", None))
#endif // QT_CONFIG(tooltip)
        self.tableLabel.setText(QCoreApplication.translate("ReportsBody", u"&Table:", None))
#if QT_CONFIG(accessibility)
        self.previewTable.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Preview table", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.reportPreview.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Report figures preview", None))
#endif // QT_CONFIG(accessibility)
        self.reportTabs.setTabText(self.reportTabs.indexOf(self.generateTab), QCoreApplication.translate("ReportsBody", u"&Generate", None))
#if QT_CONFIG(accessibility)
        self.excerptCount.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Excerpt count", None))
#endif // QT_CONFIG(accessibility)
        self.refreshExcerpts.setText(QCoreApplication.translate("ReportsBody", u"Re&fresh", None))
#if QT_CONFIG(accessibility)
        self.refreshExcerpts.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Refresh", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.refreshExcerpts.setToolTip(QCoreApplication.translate("ReportsBody", u"Reload the excerpts awaiting approval", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.excerptHelp.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Excerpt help", None))
#endif // QT_CONFIG(accessibility)
        self.excerptHelp.setStyleSheet(QCoreApplication.translate("ReportsBody", u"color: palette(dark);", None))
        self.excerptHelp.setText(QCoreApplication.translate("ReportsBody", u"Reports quote an excerpt only once it is approved. The text below is the suggested redaction (dates, NHS numbers, UPNs, e-mails, phone numbers, postcodes and the names on the Redaction names tab are masked); edit it if needed, then approve. Whatever you approve is redacted again.", None))
#if QT_CONFIG(accessibility)
        self.excerptTable.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Excerpts awaiting approval", None))
#endif // QT_CONFIG(accessibility)
        self.excerptTextLabel.setText(QCoreApplication.translate("ReportsBody", u"&Text to quote (redacted):", None))
#if QT_CONFIG(accessibility)
        self.excerptText.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Text to quote", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.excerptResult.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Excerpt result", None))
#endif // QT_CONFIG(accessibility)
        self.approveExcerpt.setText(QCoreApplication.translate("ReportsBody", u"&Approve for quoting", None))
#if QT_CONFIG(accessibility)
        self.approveExcerpt.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Approve for quoting", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.approveExcerpt.setToolTip(QCoreApplication.translate("ReportsBody", u"Store this text (redacted) as the approved excerpt", None))
#endif // QT_CONFIG(tooltip)
        self.withdrawExcerpt.setText(QCoreApplication.translate("ReportsBody", u"&Withdraw approval", None))
#if QT_CONFIG(accessibility)
        self.withdrawExcerpt.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Withdraw approval", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.withdrawExcerpt.setToolTip(QCoreApplication.translate("ReportsBody", u"Stop quoting the excerpt approved here", None))
#endif // QT_CONFIG(tooltip)
        self.reportTabs.setTabText(self.reportTabs.indexOf(self.excerptsTab), QCoreApplication.translate("ReportsBody", u"&Excerpts awaiting approval", None))
#if QT_CONFIG(accessibility)
        self.namesHelp.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Names help", None))
#endif // QT_CONFIG(accessibility)
        self.namesHelp.setText(QCoreApplication.translate("ReportsBody", u"Names masked as [name] in approved excerpts and in every report: one name a line (children, parents, carers, staff). Text after # is a comment. The list is kept in the database, so every member's reports mask the same names.", None))
#if QT_CONFIG(accessibility)
        self.namesFile.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Where the names are kept", None))
#endif // QT_CONFIG(accessibility)
        self.namesFile.setStyleSheet(QCoreApplication.translate("ReportsBody", u"color: palette(dark);", None))
        self.namesLabel.setText(QCoreApplication.translate("ReportsBody", u"Na&mes to redact:", None))
#if QT_CONFIG(accessibility)
        self.redactionNames.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Names to redact", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.namesResult.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Names result", None))
#endif // QT_CONFIG(accessibility)
        self.revertNames.setText(QCoreApplication.translate("ReportsBody", u"&Revert", None))
#if QT_CONFIG(accessibility)
        self.revertNames.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Revert", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.revertNames.setToolTip(QCoreApplication.translate("ReportsBody", u"Discard changes and reload the saved list", None))
#endif // QT_CONFIG(tooltip)
        self.saveNames.setText(QCoreApplication.translate("ReportsBody", u"&Save list", None))
#if QT_CONFIG(accessibility)
        self.saveNames.setAccessibleName(QCoreApplication.translate("ReportsBody", u"Save list", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.saveNames.setToolTip(QCoreApplication.translate("ReportsBody", u"Save the names list", None))
#endif // QT_CONFIG(tooltip)
        self.reportTabs.setTabText(self.reportTabs.indexOf(self.namesTab), QCoreApplication.translate("ReportsBody", u"Redaction &names", None))
        pass
    # retranslateUi

