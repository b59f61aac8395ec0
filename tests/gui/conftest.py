"""GUI test fixtures: every test gets its own data folder (``isolated_home`` in
``tests/conftest.py``), its own initialised database (``db``), its own ini
settings file, and helpers to put plans in the register without the import code.

Fixtures: ``settings`` (QSettings under QA_AUDIT_HOME), ``ctx`` (AppContext on
``db``), ``plans_db`` (``db`` holding ``SAMPLE_PLANS``), ``main_window`` (a
MainWindow on ``plans_db``), ``no_dialogs`` (records instead of showing message
boxes). Helpers: ``insert_plans(db, [plan(...), ...])``, ``drain_background()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QToolBar,
    QWidget,
)
from sqlalchemy import insert

from qa_audit.gui import workers
from qa_audit.gui.app import create_main_window, make_settings
from qa_audit.gui.context import AppContext
from qa_audit.gui.main_window import MainWindow
from qa_audit.services.actor import Actor
from qa_audit.storage import models
from qa_audit.storage.engine import Database

#: Quote the selection (Ctrl+Q is left to the window's Quit).
QUOTE_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def claims_ctrl_q(widget: QWidget) -> bool:
    """Whether the focus widget would take Ctrl+Q from the window's shortcuts."""
    override = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_Q,
                         Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(widget, override)
    return override.isAccepted()


def drain_background() -> None:
    """Let every background job end and deliver its signals: what a dropped job does
    when it ends is then visible, with no fixed-time wait."""
    assert workers.wait_for_background(10_000), "a background job did not end in 10 s"
    QCoreApplication.processEvents()  # the jobs' queued signals reach their receivers


def plan(ref: str, issue: dt.date, **fields: Any) -> dict[str, Any]:
    """One register row; unspecified optional fields are blank."""
    row: dict[str, Any] = {
        "plan_ref": ref, "issue_date": issue, "request_date": None, "plan_type": "new",
        "year_group": None, "phase": None, "primary_need": None, "setting": None,
        "setting_type": None, "team": None, "caseworker": None, "direct_payments": None,
    }
    row.update(fields)
    return row


SAMPLE_PLANS: list[dict[str, Any]] = [
    plan("P-001", dt.date(2026, 1, 15), request_date=dt.date(2025, 9, 1), year_group=3,
         phase="primary", primary_need="ASD", setting="Oakfield Primary School",
         setting_type="mainstream", team="North", caseworker="Alex Kay", direct_payments=True),
    plan("P-002", dt.date(2026, 2, 5), request_date=dt.date(2025, 8, 14), year_group=8,
         phase="secondary", primary_need="SLCN", setting="Kingsway High School",
         setting_type="mainstream", team="South", caseworker="Sam Lee", direct_payments=False),
    plan("P-003", dt.date(2026, 1, 10), year_group=-2, phase="early_years",
         primary_need="SEMH", setting="Larkspur Nursery", setting_type="early years",
         team="North", caseworker="Alex Kay"),
    plan("P-004", dt.date(2025, 12, 1), request_date=dt.date(2025, 7, 20), year_group=12,
         phase="post16", primary_need="ASD", setting="Northgate College",
         setting_type="further education", team="East", caseworker="Jo Patel",
         plan_type="amended"),
    plan("P-005", dt.date(2026, 3, 2), request_date=dt.date(2025, 10, 20), year_group=0,
         phase="early_years", primary_need="ASD", setting="Little Acorns Pre-school",
         setting_type="early years", team="South", caseworker="Sam Lee"),
    plan("P-006", dt.date(2025, 11, 20), request_date=dt.date(2025, 7, 1), year_group=10,
         phase="secondary", primary_need="MLD", setting="Riverside Academy",
         setting_type="mainstream", team="West", caseworker="Jo Patel", direct_payments=False),
]


def insert_plans(db: Database, rows: list[dict[str, Any]]) -> None:
    """Put plans straight into the register (tests of views, not of the importer)."""
    with db.write() as session:
        session.execute(insert(models.Plan), [{**r, "updated_by": "test"} for r in rows])


INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit)


def unnamed_controls(root: QWidget) -> list[str]:
    """Interactive widgets under ``root`` without an accessible name (Qt's own parts excluded)."""
    def part_of_a_control(widget: QWidget) -> bool:
        """Headers, combo pop-ups, clear buttons: Qt names those through their owner."""
        parent = widget.parentWidget()
        while parent is not None and parent is not root:
            if isinstance(parent, (*INTERACTIVE, QToolBar)):
                return True
            parent = parent.parentWidget()
        return False

    return [
        widget.objectName() or type(widget).__name__
        for widget in root.findChildren(QWidget)
        if isinstance(widget, INTERACTIVE) and not widget.objectName().startswith("qt_")
        and not part_of_a_control(widget) and not widget.accessibleName()
    ]


@pytest.fixture
def settings() -> QSettings:
    """The app's ini settings, inside this test's QA_AUDIT_HOME."""
    return make_settings()


@pytest.fixture
def ctx(db: Database, actor: Actor) -> AppContext:
    return AppContext(db, actor)


@pytest.fixture
def plans_db(db: Database) -> Database:
    insert_plans(db, SAMPLE_PLANS)
    return db


@pytest.fixture
def main_window(qtbot: Any, plans_db: Database, actor: Actor, settings: QSettings) -> MainWindow:
    window = create_main_window(plans_db, actor, settings)
    qtbot.addWidget(window)
    return window


class DialogRecorder:
    """Stands in for QMessageBox's static functions; answers ``question`` with ``answer``."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.No

    def _record(self, kind: str) -> Any:
        def show(_parent: Any, title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
            self.calls.append((kind, title, text))
            return self.answer if kind == "question" else QMessageBox.StandardButton.Ok
        return show

    def kinds(self) -> list[str]:
        return [kind for kind, _title, _text in self.calls]


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[DialogRecorder]:
    """Message boxes are recorded, never shown (a modal box would block the test)."""
    recorder = DialogRecorder()
    for kind in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder._record(kind)))
    yield recorder
