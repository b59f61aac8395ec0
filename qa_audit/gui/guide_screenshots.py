"""The user guide's screenshots: one per step of a panel's month, from the real app.

``scripts/user_guide_screenshots.py`` runs :func:`shoot` on a fresh demo database
(offscreen) and writes ``docs/screenshots/guide/NN-step.png``; each step drives the
real pages into the state the guide describes (``docs/user-guide.md`` links each
image under its step heading). A test runs one step, so a renamed control breaks
the build rather than the guide.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any  # the pages are driven through their own attributes

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLineEdit, QTabWidget, QWidget

from qa_audit.gui.main_window import MainWindow
from qa_audit.gui.screenshots import settle

#: A council laptop's screen, as the 1366 screenshots.
SIZE = QSize(1366, 768)
#: Demo sessions the steps show (``services.demo``: December is being scored,
#: November is in moderation, October is closed with its reports).
SCORING, MODERATING, REPORTED = ("Panel December 2026", "Panel November 2026",
                                 "Panel October 2026")
GUIDE_FOLDER = ("docs", "screenshots", "guide")

_REGISTER_CSV = (
    "Person ID,EHCP Issue Date,NCY,Primary Need,Establishment,Locality,EHC Coordinator\n"
    "CS-0001,03/10/2026,R,ASD,Riverside Academy,North,J. Smith\n"
    "CS-0002,14/09/2026,7,SEMH,The Orchard School,South,K. Patel\n"
    "CS-0003,01/02/2026,N2,SLCN,Larkspur Nursery,North,J. Smith\n"
)


@dataclass(frozen=True)
class Step:
    """One step of the guide: its file name and how to bring the app into its state."""

    number: int
    slug: str
    title: str  # the guide's ``### `` heading
    show: Callable[[MainWindow], QWidget]  # returns the widget to grab

    @property
    def file_name(self) -> str:
        return f"{self.number:02d}-{self.slug}.png"


def _page(window: MainWindow, title: str) -> QWidget:
    window.show_page(title)
    settle()
    page = window.page(title)
    assert page is not None, title
    return page


def _tab(widget: QWidget, label: str) -> None:
    """Bring the tab whose text (without its ``&``) starts with ``label`` forward."""
    for tabs in widget.findChildren(QTabWidget):
        for i in range(tabs.count()):
            if tabs.tabText(i).replace("&", "").startswith(label):
                tabs.setCurrentIndex(i)
                settle()
                return


def _open_database(window: MainWindow) -> QWidget:
    _page(window, "Plans")
    return window


def _import_register(window: MainWindow) -> QWidget:
    plans_page: Any = _page(window, "Plans")
    folder = Path(tempfile.mkdtemp(prefix="guide-"))
    path = folder / "register-export.csv"
    path.write_text(_REGISTER_CSV, encoding="utf-8")
    wizard: Any = plans_page.open_import_wizard("plans")
    wizard.resize(900, 620)
    wizard.file_page.findChild(QLineEdit).setText(str(path))
    settle()
    for _ in range(2):  # file -> preview -> column matching
        wizard.next()
        settle()
    return wizard


def _sessions(window: MainWindow, session: str, tab: str) -> QWidget:
    page: Any = _page(window, "Sessions")
    page.select_session(session)
    settle()
    _tab(page, tab)
    return window


def _score(window: MainWindow) -> QWidget:
    page: Any = _page(window, "Scoring")
    info = page.presenter.sessions.get(SCORING)
    page.open_session(SCORING, member=info.members[0].name if info and info.members else None)
    settle()
    page.select_plan_row(0)
    settle()
    return window


def _moderate(window: MainWindow) -> QWidget:
    page: Any = _page(window, "Moderation")
    page.open_session(MODERATING)
    settle()
    return window


def _report(window: MainWindow, kind: str) -> QWidget:
    page: Any = _page(window, "Reports")
    page.select_kind(kind)
    if kind == "key-issues":
        page.select_session(REPORTED)
    settle()
    return window


def _show(title: str) -> Callable[[MainWindow], QWidget]:
    def show(window: MainWindow) -> QWidget:
        _page(window, title)
        return window
    return show


STEPS: tuple[Step, ...] = (
    Step(1, "open-database", "1. Open your database", _open_database),
    Step(2, "import-register", "2. Import the register", _import_register),
    Step(3, "create-session", "3. Create the session and its panel",
         lambda w: _sessions(w, SCORING, "Panel")),
    Step(4, "draw-sample", "4. Draw the sample", lambda w: _sessions(w, SCORING, "Sample")),
    Step(5, "score", "5. Score", _score),
    Step(6, "moderate", "6. Moderate", _moderate),
    Step(7, "follow-up-actions", "7. Follow up the actions", _show("Actions")),
    Step(8, "key-issues-report", "8. Write the key issues report",
         lambda w: _report(w, "key-issues")),
    Step(9, "dashboard", "9. Look at the trend on the Dashboard", _show("Dashboard")),
    Step(10, "scorecard", "10. Prepare the board's scorecard", _show("Scorecard")),
    Step(11, "dco-deep-dive", "11. The DCO's health advice deep dive",
         lambda w: _report(w, "health")),
    Step(12, "close-session", "12. Close the session",
         lambda w: _sessions(w, MODERATING, "Sample")),
)


def shoot(window: MainWindow, out: Path, numbers: set[int] | None = None) -> list[Path]:
    """Grab the steps (all, or those ``numbers``) into ``out``; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for step in STEPS:
        if numbers is not None and step.number not in numbers:
            continue
        window.resize(SIZE)
        widget = step.show(window)
        settle()
        path = out / step.file_name
        widget.grab().save(str(path))
        written.append(path)
        if widget is not window:
            widget.close()
            widget.deleteLater()
            settle()
    return written
