# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'plan_pane.ui'
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
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QSizePolicy, QSpinBox,
    QSplitter, QStackedWidget, QTabWidget, QTextBrowser,
    QTextEdit, QToolButton, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget)

class Ui_PlanPane(object):
    def setupUi(self, PlanPane):
        if not PlanPane.objectName():
            PlanPane.setObjectName(u"PlanPane")
        self.paneLayout = QVBoxLayout(PlanPane)
        self.paneLayout.setSpacing(4)
        self.paneLayout.setObjectName(u"paneLayout")
        self.paneLayout.setContentsMargins(6, 6, 6, 6)
        self.topRow = QHBoxLayout()
        self.topRow.setObjectName(u"topRow")
        self.topRow.setContentsMargins(0, 0, 0, 0)
        self.openPlanButton = QPushButton(PlanPane)
        self.openPlanButton.setObjectName(u"openPlanButton")

        self.topRow.addWidget(self.openPlanButton)

        self.planNameLabel = QLabel(PlanPane)
        self.planNameLabel.setObjectName(u"planNameLabel")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.planNameLabel.sizePolicy().hasHeightForWidth())
        self.planNameLabel.setSizePolicy(sizePolicy)
        self.planNameLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.topRow.addWidget(self.planNameLabel)

        self.closePlanButton = QToolButton(PlanPane)
        self.closePlanButton.setObjectName(u"closePlanButton")

        self.topRow.addWidget(self.closePlanButton)

        self.topRow.setStretch(1, 1)

        self.paneLayout.addLayout(self.topRow)

        self.rememberRow = QHBoxLayout()
        self.rememberRow.setObjectName(u"rememberRow")
        self.rememberRow.setContentsMargins(0, 0, 0, 0)
        self.rememberFileBox = QCheckBox(PlanPane)
        self.rememberFileBox.setObjectName(u"rememberFileBox")

        self.rememberRow.addWidget(self.rememberFileBox)

        self.forgetRememberedButton = QToolButton(PlanPane)
        self.forgetRememberedButton.setObjectName(u"forgetRememberedButton")

        self.rememberRow.addWidget(self.forgetRememberedButton)

        self.rememberRow.setStretch(0, 1)

        self.paneLayout.addLayout(self.rememberRow)

        self.navRow = QHBoxLayout()
        self.navRow.setObjectName(u"navRow")
        self.navRow.setContentsMargins(0, 0, 0, 0)
        self.sectionCombo = QComboBox(PlanPane)
        self.sectionCombo.setObjectName(u"sectionCombo")
        self.sectionCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sectionCombo.setMinimumContentsLength(16)

        self.navRow.addWidget(self.sectionCombo)

        self.setSectionStartButton = QToolButton(PlanPane)
        self.setSectionStartButton.setObjectName(u"setSectionStartButton")

        self.navRow.addWidget(self.setSectionStartButton)

        self.pageLabel = QLabel(PlanPane)
        self.pageLabel.setObjectName(u"pageLabel")

        self.navRow.addWidget(self.pageLabel)

        self.pageSpin = QSpinBox(PlanPane)
        self.pageSpin.setObjectName(u"pageSpin")
        self.pageSpin.setMinimum(1)

        self.navRow.addWidget(self.pageSpin)

        self.pageCountLabel = QLabel(PlanPane)
        self.pageCountLabel.setObjectName(u"pageCountLabel")

        self.navRow.addWidget(self.pageCountLabel)

        self.viewCombo = QComboBox(PlanPane)
        self.viewCombo.setObjectName(u"viewCombo")

        self.navRow.addWidget(self.viewCombo)

        self.navRow.setStretch(0, 1)

        self.paneLayout.addLayout(self.navRow)

        self.findRow = QHBoxLayout()
        self.findRow.setObjectName(u"findRow")
        self.findRow.setContentsMargins(0, 0, 0, 0)
        self.searchEdit = QLineEdit(PlanPane)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.findRow.addWidget(self.searchEdit)

        self.findPreviousButton = QToolButton(PlanPane)
        self.findPreviousButton.setObjectName(u"findPreviousButton")

        self.findRow.addWidget(self.findPreviousButton)

        self.findNextButton = QToolButton(PlanPane)
        self.findNextButton.setObjectName(u"findNextButton")

        self.findRow.addWidget(self.findNextButton)

        self.matchLabel = QLabel(PlanPane)
        self.matchLabel.setObjectName(u"matchLabel")

        self.findRow.addWidget(self.matchLabel)

        self.findRow.setStretch(0, 1)

        self.paneLayout.addLayout(self.findRow)

        self.splitter = QSplitter(PlanPane)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.stack = QStackedWidget(self.splitter)
        self.stack.setObjectName(u"stack")
        self.emptyLabel = QLabel()
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyLabel.setWordWrap(True)
        self.stack.addWidget(self.emptyLabel)
        self.planTextView = QTextBrowser()
        self.planTextView.setObjectName(u"planTextView")
        self.planTextView.setUndoRedoEnabled(False)
        self.planTextView.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.planTextView.setOpenLinks(False)
        self.stack.addWidget(self.planTextView)
        self.planPdfView = QPdfView()
        self.planPdfView.setObjectName(u"planPdfView")
        self.stack.addWidget(self.planPdfView)
        self.splitter.addWidget(self.stack)
        self.evidenceTabs = QTabWidget(self.splitter)
        self.evidenceTabs.setObjectName(u"evidenceTabs")
        self.flagsPage = QWidget()
        self.flagsPage.setObjectName(u"flagsPage")
        self.flagsLayout = QVBoxLayout(self.flagsPage)
        self.flagsLayout.setObjectName(u"flagsLayout")
        self.flagsLayout.setContentsMargins(4, 4, 4, 4)
        self.flagsNote = QLabel(self.flagsPage)
        self.flagsNote.setObjectName(u"flagsNote")
        self.flagsNote.setWordWrap(True)

        self.flagsLayout.addWidget(self.flagsNote)

        self.flagsTree = QTreeWidget(self.flagsPage)
        self.flagsTree.setObjectName(u"flagsTree")
        self.flagsTree.setRootIsDecorated(True)
        self.flagsTree.setUniformRowHeights(True)
        self.flagsTree.setWordWrap(False)
        self.flagsTree.header().setStretchLastSection(True)

        self.flagsLayout.addWidget(self.flagsTree)

        self.flagsLayout.setStretch(1, 1)
        self.evidenceTabs.addTab(self.flagsPage, "")
        self.threadPage = QWidget()
        self.threadPage.setObjectName(u"threadPage")
        self.threadLayout = QVBoxLayout(self.threadPage)
        self.threadLayout.setObjectName(u"threadLayout")
        self.threadLayout.setContentsMargins(4, 4, 4, 4)
        self.threadNote = QLabel(self.threadPage)
        self.threadNote.setObjectName(u"threadNote")
        self.threadNote.setWordWrap(True)

        self.threadLayout.addWidget(self.threadNote)

        self.goldenThreadList = QListWidget(self.threadPage)
        self.goldenThreadList.setObjectName(u"goldenThreadList")
        self.goldenThreadList.setAlternatingRowColors(True)
        self.goldenThreadList.setWordWrap(True)

        self.threadLayout.addWidget(self.goldenThreadList)

        self.threadLayout.setStretch(1, 1)
        self.evidenceTabs.addTab(self.threadPage, "")
        self.splitter.addWidget(self.evidenceTabs)

        self.paneLayout.addWidget(self.splitter)

        self.bottomRow = QHBoxLayout()
        self.bottomRow.setObjectName(u"bottomRow")
        self.bottomRow.setContentsMargins(0, 0, 0, 0)
        self.quoteButton = QPushButton(PlanPane)
        self.quoteButton.setObjectName(u"quoteButton")

        self.bottomRow.addWidget(self.quoteButton)

        self.paneStatus = QLabel(PlanPane)
        self.paneStatus.setObjectName(u"paneStatus")
        self.paneStatus.setWordWrap(True)

        self.bottomRow.addWidget(self.paneStatus)

        self.bottomRow.setStretch(1, 1)

        self.paneLayout.addLayout(self.bottomRow)

        self.paneLayout.setStretch(4, 1)
#if QT_CONFIG(shortcut)
        self.pageLabel.setBuddy(self.pageSpin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PlanPane)

        QMetaObject.connectSlotsByName(PlanPane)
    # setupUi

    def retranslateUi(self, PlanPane):
        self.openPlanButton.setText(QCoreApplication.translate("PlanPane", u"Open plan\u2026", None))
#if QT_CONFIG(tooltip)
        self.openPlanButton.setToolTip(QCoreApplication.translate("PlanPane", u"Open the plan being scored (PDF, Word .docx or text)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.openPlanButton.setAccessibleName(QCoreApplication.translate("PlanPane", u"Open plan document", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.closePlanButton.setToolTip(QCoreApplication.translate("PlanPane", u"Close the plan document", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.closePlanButton.setAccessibleName(QCoreApplication.translate("PlanPane", u"Close plan document", None))
#endif // QT_CONFIG(accessibility)
        self.closePlanButton.setText(QCoreApplication.translate("PlanPane", u"Close", None))
#if QT_CONFIG(tooltip)
        self.rememberFileBox.setToolTip(QCoreApplication.translate("PlanPane", u"Off by default. When ticked, the file's location (which may contain names) is kept in a file on this computer only - never in the audit database - so the plan reopens next time. Untick to forget it.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.rememberFileBox.setAccessibleName(QCoreApplication.translate("PlanPane", u"Remember this file for this plan on this computer", None))
#endif // QT_CONFIG(accessibility)
        self.rememberFileBox.setText(QCoreApplication.translate("PlanPane", u"Remember this file for this plan on this computer", None))
#if QT_CONFIG(tooltip)
        self.forgetRememberedButton.setToolTip(QCoreApplication.translate("PlanPane", u"Forget every plan document this computer remembers, for every plan", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.forgetRememberedButton.setAccessibleName(QCoreApplication.translate("PlanPane", u"Forget remembered documents", None))
#endif // QT_CONFIG(accessibility)
        self.forgetRememberedButton.setText(QCoreApplication.translate("PlanPane", u"Forget remembered documents\u2026", None))
#if QT_CONFIG(tooltip)
        self.sectionCombo.setToolTip(QCoreApplication.translate("PlanPane", u"Jump to a section of the plan (only sections found)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.sectionCombo.setAccessibleName(QCoreApplication.translate("PlanPane", u"Go to section", None))
#endif // QT_CONFIG(accessibility)
        self.sectionCombo.setPlaceholderText(QCoreApplication.translate("PlanPane", u"Go to section\u2026", None))
#if QT_CONFIG(tooltip)
        self.setSectionStartButton.setToolTip(QCoreApplication.translate("PlanPane", u"The section list is wrong or a section is missing? Put the cursor on the section's first line (or show its page) and say which section starts there.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.setSectionStartButton.setAccessibleName(QCoreApplication.translate("PlanPane", u"Set section start here", None))
#endif // QT_CONFIG(accessibility)
        self.setSectionStartButton.setText(QCoreApplication.translate("PlanPane", u"Set section start here\u2026", None))
        self.pageLabel.setText(QCoreApplication.translate("PlanPane", u"Page", None))
#if QT_CONFIG(tooltip)
        self.pageSpin.setToolTip(QCoreApplication.translate("PlanPane", u"Page (PgUp / PgDn in the document)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.pageSpin.setAccessibleName(QCoreApplication.translate("PlanPane", u"Page", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.viewCombo.setToolTip(QCoreApplication.translate("PlanPane", u"Pages: the PDF as printed. Text: its words, with vague wording highlighted and selectable for quoting.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.viewCombo.setAccessibleName(QCoreApplication.translate("PlanPane", u"View", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("PlanPane", u"Find in plan", None))
#endif // QT_CONFIG(accessibility)
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("PlanPane", u"Find in plan (Ctrl+F)", None))
#if QT_CONFIG(tooltip)
        self.findPreviousButton.setToolTip(QCoreApplication.translate("PlanPane", u"Previous match (Shift+F3)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.findPreviousButton.setAccessibleName(QCoreApplication.translate("PlanPane", u"Previous match", None))
#endif // QT_CONFIG(accessibility)
        self.findPreviousButton.setText(QCoreApplication.translate("PlanPane", u"Previous", None))
#if QT_CONFIG(tooltip)
        self.findNextButton.setToolTip(QCoreApplication.translate("PlanPane", u"Next match (F3)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.findNextButton.setAccessibleName(QCoreApplication.translate("PlanPane", u"Next match", None))
#endif // QT_CONFIG(accessibility)
        self.findNextButton.setText(QCoreApplication.translate("PlanPane", u"Next", None))
        self.emptyLabel.setText(QCoreApplication.translate("PlanPane", u"Open the plan being scored to see it here.\n"
"PDF, Word (.docx) or text. Nothing is copied: the file stays where it is.", None))
#if QT_CONFIG(accessibility)
        self.planTextView.setAccessibleName(QCoreApplication.translate("PlanPane", u"Plan text", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.planPdfView.setAccessibleName(QCoreApplication.translate("PlanPane", u"Plan pages", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.evidenceTabs.setAccessibleName(QCoreApplication.translate("PlanPane", u"Evidence suggestions", None))
#endif // QT_CONFIG(accessibility)
        ___qtreewidgetitem = self.flagsTree.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("PlanPane", u"Suggested fix", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("PlanPane", u"Section", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("PlanPane", u"Count", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("PlanPane", u"Flag", None))
#if QT_CONFIG(accessibility)
        self.flagsTree.setAccessibleName(QCoreApplication.translate("PlanPane", u"Wording flags", None))
#endif // QT_CONFIG(accessibility)
        self.evidenceTabs.setTabText(self.evidenceTabs.indexOf(self.flagsPage), QCoreApplication.translate("PlanPane", u"Wording flags", None))
        self.threadNote.setText(QCoreApplication.translate("PlanPane", u"Needs in Section B with no matching provision (F) or outcome (E), found by shared keywords. Prompts only: check the plan.", None))
#if QT_CONFIG(accessibility)
        self.goldenThreadList.setAccessibleName(QCoreApplication.translate("PlanPane", u"Golden thread prompts", None))
#endif // QT_CONFIG(accessibility)
        self.evidenceTabs.setTabText(self.evidenceTabs.indexOf(self.threadPage), QCoreApplication.translate("PlanPane", u"Golden thread", None))
#if QT_CONFIG(tooltip)
        self.quoteButton.setToolTip(QCoreApplication.translate("PlanPane", u"Adds the selected words, with their section and page, as the evidence note of the current question. Notes are redacted before any report uses them.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.quoteButton.setAccessibleName(QCoreApplication.translate("PlanPane", u"Quote selection as evidence", None))
#endif // QT_CONFIG(accessibility)
        self.quoteButton.setText(QCoreApplication.translate("PlanPane", u"Quote selection as evidence (Ctrl+Shift+Q)", None))
        pass
    # retranslateUi

