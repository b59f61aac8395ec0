"""Screenshots of the moderation grid with long texts (issue 16 item 5, no silent truncation).

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_truncation.py [SUFFIX] [OUT_DIR]

The plan of ``tests/moderation_data.py`` in a session with a long name, on the
Moderation page at 1366x768: the session drop-down and the grid's question column
are what the user found cut off. Writes ``moderation-long-text-SUFFIX.png``
(``before``/``after`` were taken on either side of the change).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1366, 768)
LONG_SESSION = "Multi-agency panel, autumn term 2026 (secondary phase, direct payments)"


def main(argv: list[str]) -> int:
    suffix = argv[0] if argv else "after"
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as home:
        os.environ["QA_AUDIT_HOME"] = home
        return _shoot(Path(home), out / f"moderation-long-text-{suffix}.png")


def _shoot(home: Path, target: Path) -> int:
    from PySide6.QtWidgets import QApplication  # noqa: TID251 - a GUI script

    from qa_audit.gui.context import AppContext
    from qa_audit.gui.pages.moderation_page import ModerationPage
    from qa_audit.services.actor import Actor
    from qa_audit.services.store import database
    from tests import moderation_data

    app = QApplication.instance() or QApplication([])
    actor = Actor("carol", "screenshots")
    db = database.initialise(str(home / "moderation.sqlite3"), actor).database
    moderation_data.SESSION = LONG_SESSION  # build() reads the module's name
    moderation_data.build(db, actor)
    page = ModerationPage(AppContext(db, actor))
    page.resize(*SIZE)
    page.show()
    page.open_session(LONG_SESSION, member=moderation_data.CHAIR,
                      plan_ref=moderation_data.PLAN)
    app.processEvents()
    page.grab().save(str(target))
    sys.stdout.write(f"wrote {target}\n")
    page.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
