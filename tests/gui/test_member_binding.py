"""Issue 14, item 4 in the app: the sessions page binds a panel member to an OS account
and approves a proxy; the member table shows the account; a refused bind is explained."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from qa_audit.gui.context import AppContext
from qa_audit.gui.pages.sessions_page import SessionsPage
from qa_audit.services import actor as actor_module
from qa_audit.services import panel_access, sessions
from qa_audit.services.actor import Actor
from qa_audit.storage.engine import Database

SESSION = "Binding panel"


@pytest.fixture
def page(qtbot: Any, db: Database, actor: Actor,
         monkeypatch: pytest.MonkeyPatch) -> SessionsPage:
    monkeypatch.setattr(actor_module, "os_account", lambda: "chair.account")
    ctx = AppContext(db, actor)
    sessions.create_session(db, SESSION, "multi-agency-ehcp", dt.date(2026, 11, 20), actor)
    sessions.add_member(db, SESSION, "A. Khan", None, "chair", actor)
    sessions.add_member(db, SESSION, "B. Osei", None, "auditor", actor)
    widget = SessionsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    ctx.notify("sessions")
    qtbot.waitUntil(lambda: widget.session_model.row_of(SESSION) >= 0, timeout=5000)
    widget.select_session(SESSION)
    widget.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: widget.member_model.rowCount() == 2, timeout=5000)
    return widget


def answer_input(monkeypatch: pytest.MonkeyPatch, text: str) -> list[str]:
    asked: list[str] = []

    def fake(_parent: object, title: str, *_a: object, **_k: object) -> tuple[str, bool]:
        asked.append(title)
        return text, True

    monkeypatch.setattr(QInputDialog, "getText", fake)
    return asked


def test_bind_and_approve_a_proxy_from_the_panel_tab(
        qtbot: Any, page: SessionsPage, monkeypatch: pytest.MonkeyPatch,
        qtmodeltester: Any) -> None:
    assert not page.bind_member_button.isEnabled()  # nobody selected
    model = page.member_model
    for row, account in ((0, "chair.account"), (1, "bosei")):
        page.member_table.selectRow(row)
        answer_input(monkeypatch, account)
        qtbot.mouseClick(page.bind_member_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda r=row, a=account: model.index(r, model.COL_ACCOUNT).data() == a,
                        timeout=5000)
    qtmodeltester.check(model)
    page.member_table.selectRow(1)
    asked = answer_input(monkeypatch, "cover.pc")
    qtbot.mouseClick(page.proxy_button, Qt.MouseButton.LeftButton)
    assert asked == ["Approve a proxy"]
    access = {a.member: (a.os_account, a.proxies)
              for a in panel_access.access(page.ctx.db, SESSION)}
    assert access == {"A. Khan": ("chair.account", ()), "B. Osei": ("bosei", ("cover.pc",))}

    # another account is not the chair: the rebind is refused, with the reason shown
    monkeypatch.setattr(actor_module, "os_account", lambda: "someone.else")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text, *_a, **_k: warnings.append(text))
    page.member_table.selectRow(1)
    answer_input(monkeypatch, "someone.else")
    qtbot.mouseClick(page.bind_member_button, Qt.MouseButton.LeftButton)
    assert warnings and "chair" in warnings[0]
    assert panel_access.access(page.ctx.db, SESSION)[1].os_account == "bosei"
