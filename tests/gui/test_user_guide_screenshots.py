"""The user guide: one generated screenshot per step, every link resolving, F1 anchors.

The screenshots come from ``qa_audit.gui.guide_screenshots`` (run by
``scripts/user_guide_screenshots.py``); one step is shot here on the demo data, so a
page change that breaks the script fails the build.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool, QUrl
from PySide6.QtGui import QImage, QPixmap, QTextDocument

from qa_audit.gui import guide_screenshots, user_guide
from qa_audit.gui.app import create_main_window
from qa_audit.gui.main_window import MainWindow
from qa_audit.services.actor import Actor
from tests.gui.report_demo import demo_database

GUIDE = user_guide.guide_text()
DOCS = user_guide.guide_path().parent


def _steps(markdown: str) -> dict[str, str]:
    """``### `` step heading -> its text, in "A panel's month"."""
    month = markdown.split("## A panel's month", 1)[1].split("\n## ", 1)[0]
    parts = re.split(r"^### (.+)$", month, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_image_the_guide_links_exists() -> None:
    links = user_guide.image_links(GUIDE)
    assert len(links) >= len(guide_screenshots.STEPS)
    assert [link for link in links if not (DOCS / link).is_file()] == []


def test_every_step_has_its_generated_screenshot() -> None:
    steps = _steps(GUIDE)
    assert list(steps) == [s.title for s in guide_screenshots.STEPS]
    for step in guide_screenshots.STEPS:
        assert user_guide.image_links(steps[step.title]) == \
            [f"screenshots/guide/{step.file_name}"], step.title


def test_the_guide_dialog_shows_the_pictures_fitted(qtbot: Any) -> None:
    dialog = user_guide.UserGuideDialog()
    document = dialog.browser.document()
    first = f"screenshots/guide/{guide_screenshots.STEPS[0].file_name}"
    picture = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(first))
    assert isinstance(picture, QPixmap) and not picture.isNull()  # found beside the guide
    assert f'width="{user_guide.IMAGE_WIDTH}"' in document.toHtml()  # fitted to the dialog
    dialog.deleteLater()


def test_every_pages_f1_section_is_a_heading_of_the_guide(main_window: MainWindow) -> None:
    dialog = user_guide.UserGuideDialog()
    for title in main_window.page_titles():
        assert dialog.go_to(title), f"F1 on {title}: no '## {title}' in the guide"
        assert dialog.current_heading() == title
    dialog.deleteLater()


@pytest.fixture
def demo_window(qtbot: Any, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path,
                actor: Actor, settings: Any) -> Any:
    db = demo_database(tmp_path_factory, tmp_path, actor)
    window = create_main_window(db, actor, settings)
    qtbot.addWidget(window)
    window.show()
    yield window
    QThreadPool.globalInstance().waitForDone(30_000)
    window.close()
    db.dispose()


def test_the_script_shoots_one_step(demo_window: MainWindow, tmp_path: Path) -> None:
    sessions_step = next(s for s in guide_screenshots.STEPS if s.slug == "create-session")
    written = guide_screenshots.shoot(demo_window, tmp_path / "guide", {sessions_step.number})
    assert written == [tmp_path / "guide" / sessions_step.file_name]
    image = QImage(str(written[0]))
    assert (image.width(), image.height()) == (1366, 768)
    assert demo_window.current_page_title() == "Sessions"
    page: Any = demo_window.page("Sessions")
    assert page.tabs.tabText(page.tabs.currentIndex()).replace("&", "") == "Panel members"
