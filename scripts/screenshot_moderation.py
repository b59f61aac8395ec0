"""Screenshots of moderation at the speed of talk and of the status guard (issue 16).

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_moderation.py [OUT_DIR ...]

A throw-away database holds one plan whose three members differ on 4 of its 22
questions (``tests/moderation_data.py``). The Moderation page is grabbed at
1366x768 before and after "Agree where unanimous", then with "Disagreements only",
and the question asked before starting moderation with unscored plans.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1366, 768)


def main(argv: list[str]) -> int:
    outs = [Path(a) for a in argv] or [ROOT / "docs" / "screenshots"]
    for out in outs:
        out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as home:
        os.environ["QA_AUDIT_HOME"] = home
        return _shoot(Path(home), outs)


def _shoot(home: Path, outs: list[Path]) -> int:
    from PySide6.QtWidgets import QApplication, QWidget  # noqa: TID251 - a GUI script

    from qa_audit.domain.session_guards import StatusGuard
    from qa_audit.gui.context import AppContext
    from qa_audit.gui.pages.moderation_page import ModerationPage
    from qa_audit.gui.pages.status_guard_dialog import status_guard_box
    from qa_audit.services.actor import Actor
    from qa_audit.services.store import database
    from tests.moderation_data import CHAIR, PLAN, SESSION, build

    app = QApplication.instance() or QApplication([])
    actor = Actor("carol", "screenshots")
    db = database.initialise(str(home / "moderation.sqlite3"), actor).database
    build(db, actor)
    page = ModerationPage(AppContext(db, actor))
    page.resize(*SIZE)
    page.show()
    page.open_session(SESSION, member=CHAIR, plan_ref=PLAN)

    def save(widget: QWidget, name: str) -> None:
        app.processEvents()
        for out in outs:
            widget.grab().save(str(out / name))
            sys.stdout.write(f"wrote {out / name}\n")

    save(page, "moderation-before-unanimous.png")
    page.input.agree_unanimous()
    page.saver.queue.flush(page)
    save(page, "moderation-after-unanimous.png")
    page.ui.disagreementsOnlyCheck.setChecked(True)
    save(page, "moderation-disagreements-only.png")

    box = status_guard_box(None, StatusGuard("Panel March 2026", "moderation", 10, 8, 10))
    box.show()
    save(box, "status-guard-dialog.png")
    box.close()
    page.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
