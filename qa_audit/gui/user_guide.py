"""Help › User guide and F1: ``docs/user-guide.md`` shown in the app, at a section.

The guide is read from the shipped file (``paths.bundled``) and shown as rich
text, so it works offline and in the desktop bundle; F1 opens it at the section
named after the page being shown (its ``## Title`` heading).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from qa_audit import paths

GUIDE_PARTS = ("docs", "user-guide.md")
#: How wide the step pictures are shown in the dialog.
IMAGE_WIDTH = 640


def guide_path() -> Path:
    return paths.bundled(*GUIDE_PARTS)


def guide_text() -> str:
    try:
        return guide_path().read_text(encoding="utf-8")
    except OSError:
        return "# User guide\n\nThe guide (docs/user-guide.md) is missing from this install."


def image_links(markdown: str) -> list[str]:
    """The pictures the guide links (``![alt](path)``), relative to the guide."""
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", markdown)


def fit_images(document: QTextDocument, width: int) -> None:
    """Show every picture ``width`` pixels wide (screenshots are 1366 wide; the dialog
    is not), keeping its proportions."""
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            image = fragment.charFormat().toImageFormat()
            if image.isValid():
                picture = document.resource(QTextDocument.ResourceType.ImageResource,
                                            QUrl(image.name()))
                size = getattr(picture, "size", lambda: None)()
                if size is not None and size.width() > width:
                    image.setWidth(width)
                    image.setHeight(size.height() * width / size.width())
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(),
                                       QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image)
            it += 1
        block = block.next()


def section_titles(markdown: str) -> list[str]:
    """The ``## `` headings: the sections F1 can open."""
    return [line[3:].strip() for line in markdown.splitlines() if line.startswith("## ")]


class UserGuideDialog(QDialog):
    """The guide, scrolled to ``section`` when it has one of that name."""

    def __init__(self, section: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("User guide")
        self.setObjectName("userGuide")
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(True)
        # the step pictures are linked relative to the guide (docs/screenshots/guide/)
        self.browser.setSearchPaths([str(guide_path().parent)])
        self.browser.setMarkdown(guide_text())
        fit_images(self.browser.document(), IMAGE_WIDTH)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 560)
        self.section = section if section in section_titles(guide_text()) else None
        if self.section is not None:
            self.go_to(self.section)

    def go_to(self, section: str) -> bool:
        """Put the heading ``section`` at the top; False when there is none."""
        document = self.browser.document()
        cursor = document.find(section, 0, QTextDocument.FindFlag.FindCaseSensitively
                               | QTextDocument.FindFlag.FindWholeWords)
        while not cursor.isNull() and cursor.block().blockFormat().headingLevel() != 2:
            cursor = document.find(section, cursor, QTextDocument.FindFlag.FindCaseSensitively
                                   | QTextDocument.FindFlag.FindWholeWords)
        if cursor.isNull():
            return False
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        return True

    def current_heading(self) -> str:
        return self.browser.textCursor().block().text()


def show_guide(parent: QWidget | None, section: str | None = None) -> None:
    dialog = UserGuideDialog(section, parent)
    dialog.exec()
    dialog.deleteLater()
