"""Run by ``test_scoring_page_safety.py``: score one answer on the Scoring page, then die hard.

Usage: python scoring_crash_helper.py DB_PATH SESSION MEMBER PLAN_REF QUESTION_ID KEY

The page is opened offscreen, the answer key is pressed on the question, and as
soon as the page says the answer is saved the process ends with ``os._exit(9)``
(no clean shutdown, no flushing, as if it had been killed). The test then opens
the database itself and expects the answer to be there.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    db_path, session, member, plan_ref, question_id, key = argv

    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from qa_audit.gui.context import AppContext
    from qa_audit.gui.pages.scoring_page import ScoringPage
    from qa_audit.services.actor import Actor
    from qa_audit.services.store import database

    app = QApplication([])
    db = database.open_existing(db_path)
    ctx = AppContext(db, Actor(member, "crash-test"))
    page = ScoringPage(ctx)
    page.open_session(session, member=member, plan_ref=plan_ref)
    page.show()

    def on_saved(what: str) -> None:
        if question_id in what:
            os._exit(9)

    page.saved.connect(on_saved)
    page.save_failed.connect(lambda _message: os._exit(4))
    assert page.form is not None
    widget = page.form.questions[question_id]

    def press() -> None:
        QTest.keyClick(widget, key)

    QTimer.singleShot(0, press)
    QTimer.singleShot(30_000, lambda: os._exit(3))  # never hang the test run
    app.exec()
    os._exit(5)  # the event loop ended without a save


if __name__ == "__main__":
    main(sys.argv[1:])
