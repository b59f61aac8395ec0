"""Fits the screens councils have: no page widens the window at 1366x768 (nor at
1280x720, a 1920x1080 screen at 150%), no button or label is cut off, and a
remembered geometry is clamped to the screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from qa_audit.gui import screen_fit, screenshots
from qa_audit.gui.app import create_main_window
from qa_audit.gui.main_window import SETTING_GEOMETRY, MainWindow
from qa_audit.services import demo
from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.storage.engine import Database

LAPTOP = QSize(1366, 768)
SCALED_FULL_HD = QSize(1280, 720)  # 1920x1080 at 150%


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database (a year of panels), made once for the module."""
    folder = tmp_path_factory.mktemp("demo-screens")
    actor = Actor(user="tester", machine="test-pc")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(folder / "home"))
        made = database.initialise(str(folder / "demo.sqlite3"), actor).database
        demo.load_demo(made, actor)
        made.dispose()
    return folder / "demo.sqlite3"


@pytest.fixture
def demo_db(demo_file: Path, actor: Actor) -> Iterator[Database]:
    opened = database.initialise(str(demo_file), actor).database
    yield opened
    opened.dispose()


@pytest.mark.parametrize("size", [LAPTOP, SCALED_FULL_HD], ids=["1366x768", "1280x720"])
def test_no_page_widens_the_window_or_cuts_off_controls(
        qtbot: Any, demo_db: Database, actor: Actor, settings: QSettings,
        tmp_path: Path, size: QSize) -> None:
    window = create_main_window(demo_db, actor, settings)
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    shots = screenshots.visit_pages(window, size, tmp_path)
    assert [shot.title for shot in shots] == window.page_titles()
    for shot in shots:
        assert shot.window_size.width() <= size.width(), f"{shot.title} widened the window"
        assert shot.window_size.height() <= size.height(), f"{shot.title} made it taller"
        assert shot.clipped == [], f"{shot.title}: {shot.clipped}"
        assert shot.file is not None and shot.file.stat().st_size > 0
    hint = window.minimumSizeHint()  # every page built: none needs more than the screen
    assert hint.width() <= size.width() and hint.height() <= size.height()


def test_clipped_controls_finds_a_cut_off_button(qtbot: Any) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    QVBoxLayout(root)
    button = QPushButton("A button with far too much text to fit", root)
    root.show()
    button.setFixedWidth(40)
    assert any("far too much" in line for line in screenshots.clipped_controls(root))


def test_clamp_rect_pulls_a_wide_window_back_on_screen() -> None:
    available = QRect(0, 0, 1366, 728)
    fitted = screen_fit.clamp_rect(QRect(600, 300, 1434, 900), available)
    assert fitted.width() <= 1366 and fitted.height() <= 728
    assert available.contains(fitted)
    inside = QRect(100, 100, 800, 500)
    assert screen_fit.clamp_rect(inside, available) == inside  # fits: left alone


def test_remembered_geometry_is_clamped_on_restore(
        qtbot: Any, plans_db: Database, actor: Actor, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    wide = create_main_window(plans_db, actor, settings)
    qtbot.addWidget(wide)
    wide.setGeometry(QRect(700, 400, 1434, 900))  # widened once, on a bigger screen
    settings.setValue(SETTING_GEOMETRY, wide.saveGeometry())
    laptop = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _window: laptop)
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    assert laptop.contains(window.geometry())
    assert window.width() <= 1366


def test_a_page_that_needs_more_room_is_caught(
        qtbot: Any, main_window: MainWindow) -> None:
    main_window.resize(LAPTOP)
    main_window.show()
    page = main_window.page("Actions")
    assert page is not None
    wide = QPushButton("wide", page)
    wide.setMinimumWidth(1500)
    layout = page.layout()
    assert layout is not None
    layout.addWidget(wide)
    shots = screenshots.visit_pages(main_window, LAPTOP)
    grown = [shot.title for shot in shots if shot.window_size.width() > LAPTOP.width()]
    assert "Actions" in grown
