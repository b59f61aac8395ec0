"""Every page at a given window size: screenshots and the controls cut off.

Used by the 1366x768 screenshot test and ``scripts/screenshots_1366.py`` (which
writes ``docs/screenshots/1366/``), so the pictures and the check are the same run.
A page "widens the window" when the window is bigger after it is shown than the
size it was given; a button or label is "clipped" when it is narrower than its own
size hint and neither wraps nor elides its text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from qa_audit.gui import workers
from qa_audit.gui.main_window import MainWindow

#: Rounding in size hints: a pixel either way is not a cut-off word.
SLACK_PX = 1


@dataclass
class PageShot:
    """One page as shown at ``size``."""

    title: str
    window_size: QSize
    clipped: list[str] = field(default_factory=list)
    file: Path | None = None


def settle() -> None:
    """Let background loads finish and their results reach the page."""
    for _ in range(3):
        workers.wait_for_background(10_000)
        QCoreApplication.processEvents()


def clipped_controls(root: QWidget) -> list[str]:
    """Visible buttons and labels narrower than their text needs (no wrap, no elision)."""
    found = []
    controls: list[QWidget] = [*root.findChildren(QAbstractButton), *root.findChildren(QLabel)]
    for control in controls:
        if not control.isVisible() or control.width() <= 0:
            continue
        if isinstance(control, QLabel) and (control.wordWrap() or not control.text()
                                            or control.property("elided")):
            continue
        need = control.sizeHint().width()
        if need > control.width() + SLACK_PX:
            text = control.text() if isinstance(control, (QLabel, QAbstractButton)) else ""
            found.append(f"{type(control).__name__} {control.objectName() or '-'} "
                         f"{text[:40]!r}: needs {need}px, has {control.width()}px")
    return found


def file_name(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") + ".png"


def visit_pages(window: MainWindow, size: QSize, out_dir: Path | None = None,
                after_show: Callable[[str], None] | None = None) -> list[PageShot]:
    """Show every sidebar page at ``size``; note growth and clipping, save screenshots."""
    shots = []
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    for title in window.page_titles():
        window.resize(size)
        window.show_page(title)
        settle()
        if after_show is not None:
            after_show(title)
            settle()
        shot = PageShot(title, window.size(), clipped_controls(window))
        if out_dir is not None:
            shot.file = out_dir / file_name(title)
            window.grab().save(str(shot.file))
        shots.append(shot)
    return shots


@contextmanager
def demo_window(today: dt.date) -> Iterator[MainWindow]:
    """The main window, shown, on a fresh demo database in a throw-away data folder
    (the screenshot scripts: every picture from the same synthetic data)."""
    # deferred: the app and the demo generator (SQLAlchemy) only for the scripts
    from qa_audit.gui.app import create_application, create_main_window
    from qa_audit.gui.settings import make_settings
    from qa_audit.services import demo
    from qa_audit.services.actor import Actor
    from qa_audit.services.store import database

    with tempfile.TemporaryDirectory() as home:
        os.environ["QA_AUDIT_HOME"] = home
        os.environ.setdefault("QA_AUDIT_USER", "demo")
        create_application()
        actor = Actor("demo", "screenshots")
        db = database.initialise(str(Path(home) / "qa-audit-demo.sqlite3"), actor).database
        demo.load_demo(db, actor, seed=2026, today=today)
        window = create_main_window(db, actor, make_settings())
        window.show()
        try:
            yield window
        finally:
            window.close()
            db.dispose()


def shoot_demo(out: Path, width: int, height: int, today: dt.date) -> int:
    """Every page of a fresh demo database (in a throw-away data folder) at
    ``width`` x ``height`` into ``out``; exit status 1 when a page does not fit."""
    with demo_window(today) as window:
        size = QSize(width, height)
        window.resize(size)
        failed = False
        for shot in visit_pages(window, size, out):
            grown = shot.window_size.width() > width or shot.window_size.height() > height
            failed = failed or grown or bool(shot.clipped)
            sys.stdout.write(f"wrote {shot.file}" + (" (WIDENED THE WINDOW)" if grown else "")
                             + "".join(f"\n  clipped: {line}" for line in shot.clipped) + "\n")
    return 1 if failed else 0
