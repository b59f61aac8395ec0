"""Regenerate the README screenshots offscreen from demo data (no display needed).

    QT_QPA_PLATFORM=offscreen python scripts/take_screenshots.py [OUT_DIR]

Uses a throw-away data folder and a fixed "today" so the pictures only change
when the interface does.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_TODAY = dt.date(2026, 3, 31)
SIZE = (1280, 800)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as home:
        os.environ["QA_AUDIT_HOME"] = home
        os.environ["QA_AUDIT_USER"] = "demo"
        sys.path.insert(0, str(ROOT))
        return _shoot(Path(home), out)


def _shoot(home: Path, out: Path) -> int:
    from qa_audit.gui.app import create_application, create_main_window, make_settings
    from qa_audit.services import demo
    from qa_audit.services.actor import Actor
    from qa_audit.services.store import database

    app = create_application()
    actor = Actor("demo", "screenshots")
    db = database.initialise(str(home / "qa-audit-demo.sqlite3"), actor).database
    demo.load_demo(db, actor, seed=2026, today=DEMO_TODAY)
    window = create_main_window(db, actor, make_settings())
    window.resize(*SIZE)
    window.show()
    app.processEvents()

    def save(name: str) -> None:
        app.processEvents()
        path = out / name
        window.grab().save(str(path))
        sys.stdout.write(f"wrote {path}\n")

    window.show_page("Plans")
    save("main-window.png")

    plans = window.page("Plans")
    plans.team_combo.setCurrentIndex(plans.team_combo.findData("North"))
    plans.search.setText("Primary")
    plans.refresh()
    save("plans.png")

    window.show_page("Rubrics")
    rubrics = window.page("Rubrics")
    rubrics.select_rubric("multi-agency-ehcp")
    needs = rubrics.tree.topLevelItem(2)
    if needs is not None and needs.childCount():
        rubrics.tree.setCurrentItem(needs.child(0))
        needs.child(0).setExpanded(True)
    save("rubrics.png")
    window.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
