"""Screenshots of the Reports and Dashboard pages with demo data (offscreen).

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_reports.py [OUT_DIR]

Writes ``reports.png`` and ``dashboard.png``. Uses the main window when it lists
the pages ("Reports", "Dashboard"), else the pages on their own; a throw-away data
folder, and "today" fixed at 20/11/2026 so the pictures change only with the UI.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEMO_TODAY = dt.date(2026, 11, 20)
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
    from PySide6.QtCore import QThreadPool  # noqa: TID251 - a GUI script

    from qa_audit.gui.app import create_application, create_main_window, make_settings
    from qa_audit.gui.context import AppContext
    from qa_audit.gui.pages.dashboard_page import DashboardPage
    from qa_audit.gui.pages.reports_page import ReportsPage
    from qa_audit.services import demo
    from qa_audit.services.actor import Actor
    from qa_audit.services.store import database

    app = create_application()
    actor = Actor("demo", "screenshots")
    db = database.initialise(str(home / "qa-audit-demo.sqlite3"), actor).database
    demo.load_demo(db, actor, seed=2026, today=DEMO_TODAY)

    window = create_main_window(db, actor, make_settings())
    titles = window.page_titles()
    if "Reports" in titles and "Dashboard" in titles:
        window.resize(*SIZE)
        window.show()
        shown = window
        window.show_page("Dashboard")
        dashboard = window.page("Dashboard")
        window.show_page("Reports")
        reports = window.page("Reports")
        window.show_page("Dashboard")
    else:
        window.close()
        ctx = AppContext(db, actor)
        dashboard = DashboardPage(ctx, today=lambda: DEMO_TODAY)
        reports = ReportsPage(ctx, today=lambda: DEMO_TODAY, output_folder=home / "reports")
        shown = None

    def wait(busy: Callable[[], bool]) -> None:
        while busy():
            app.processEvents()
            QThreadPool.globalInstance().waitForDone(50)
        app.processEvents()

    def save(widget: Any, name: str) -> None:
        app.processEvents()
        (shown or widget).grab().save(str(out / name))
        sys.stdout.write(f"wrote {out / name}\n")

    if shown is None:
        dashboard.resize(*SIZE)
        dashboard.show()
    elif dashboard.figures is None and not dashboard.busy():
        dashboard.reload()
    wait(lambda: dashboard.figures is None)
    save(dashboard, "dashboard.png")

    if shown is None:
        dashboard.hide()
        reports.resize(*SIZE)
        reports.show()
    else:
        window.show_page("Reports")
    reports.folder_edit.setText(str(home / "reports"))
    reports.select_session("Panel October 2026")
    reports.json_check.setChecked(True)
    reports.generate()
    wait(reports.busy)
    index = reports.table_combo.findData("Questions")
    reports.table_combo.setCurrentIndex(max(index, 0))
    save(reports, "reports.png")
    reports.tabs.setCurrentWidget(reports.excerpts_tab)
    save(reports, "reports-excerpts.png")
    (shown or reports).close()
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
