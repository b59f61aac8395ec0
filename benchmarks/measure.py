"""One measurement per process: ``python benchmarks/measure.py FIGURE ARGS...``.

``benchmarks/run.py`` starts this script once per repetition, so every figure is a
fresh process (cold caches of Python, no state carried between runs). The script
prints one JSON line: ``{"ms": ...}`` for figures timed inside the process, plus
extra fields (``mb``, ``pages``, ``query_ms``) where the figure needs them. Figures
timed from outside (cold start, the ``import PySide6.QtWidgets`` baseline) are timed
by run.py around the whole process.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BENCH_60 = "Bench 60x5"
BENCH_12 = "Bench 12"
BENCH_SAVE = "Bench autosave"
MEMBER = "A. Patel"
SAVES = 25  # autosaves timed per process (median of these is the process's figure)


def out(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def _actor():
    from qa_audit.services.actor import Actor

    return Actor("bench", "bench-machine")


def _open(db: str, shared: bool = False):
    from qa_audit.storage.engine import open_database, resolve_target

    return open_database(resolve_target(db, Path(db)), force_shared=shared)


# ------------------------------------------------------------------ GUI


def _window(db_path: str):
    """What ``run_gui`` does up to ``window.show()`` (initialise is idempotent)."""
    from PySide6.QtCore import QSettings  # noqa: TID251 - benchmarks drive the GUI

    from qa_audit.gui.app import create_application, create_main_window
    from qa_audit.services import database

    app = create_application([sys.argv[0]])
    db = database.initialise(db_path, _actor()).database
    settings = QSettings(str(Path(os.environ["QA_AUDIT_HOME"]) / "settings.ini"),
                         QSettings.Format.IniFormat)
    window = create_main_window(db, _actor(), settings)
    return app, db, window


def cold_start(db_path: str) -> None:
    """Process start to the main window's first paint; run.py times the whole process."""
    from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: TID251 - benchmarks drive the GUI

    app, _db, window = _window(db_path)

    class Painted(QObject):
        def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
            if ev.type() == QEvent.Type.Paint:
                app.quit()
            return False

    watcher = Painted()
    window.installEventFilter(watcher)
    QTimer.singleShot(20_000, app.quit)  # never hang CI
    window.show()
    app.exec()
    heavy = sorted(m for m in ("pandas", "reportlab", "openpyxl", "matplotlib")
                   if m in sys.modules)
    out(heavy=heavy)
    sys.stdout.flush()
    os._exit(0)  # the figure is "to first paint": Qt teardown is not part of it


def gui_memory(db_path: str) -> None:
    """Peak RSS with the DB open: every page shown, a 60x5 session opened for scoring
    and moderation, and a ten-year trend computed (what a long meeting touches)."""
    import resource

    from PySide6.QtWidgets import QApplication, QStackedWidget  # noqa: TID251 - benchmarks drive the GUI

    from qa_audit.gui.pages.moderation_page import ModerationPage
    from qa_audit.gui.pages.scoring_page import ScoringPage
    from qa_audit.services import reports

    app, db, window = _window(db_path)
    window.show()
    app.processEvents()
    for stack in window.findChildren(QStackedWidget):
        for i in range(stack.count()):
            stack.setCurrentIndex(i)
            app.processEvents()
    for page in window.findChildren(ScoringPage):
        page.open_session(BENCH_60, member=MEMBER)
    for page in window.findChildren(ModerationPage):
        page.open_session(BENCH_60, member=MEMBER)
    app.processEvents()
    reports.trend(db, "2017-01", "2026-12")
    QApplication.processEvents()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    out(mb=round(peak, 1))
    sys.stdout.flush()
    os._exit(0)


def open_session(db_path: str, screen: str) -> None:
    """Open the 60 plans x 5 auditors session in the scoring or moderation screen."""
    from PySide6.QtCore import QSettings  # noqa: TID251 - benchmarks drive the GUI

    from qa_audit.gui.app import create_application
    from qa_audit.gui.context import AppContext
    from qa_audit.gui.pages.moderation_page import ModerationPage
    from qa_audit.gui.pages.scoring_page import ScoringPage

    app = create_application([sys.argv[0]])
    db = _open(db_path)
    ctx = AppContext(db, _actor())
    settings = QSettings(str(Path(os.environ["QA_AUDIT_HOME"]) / "settings.ini"),
                         QSettings.Format.IniFormat)
    page = ScoringPage(ctx, settings) if screen == "scoring" else ModerationPage(ctx)
    page.resize(1400, 900)
    page.show()
    app.processEvents()
    t0 = time.perf_counter()
    page.open_session(BENCH_60, member=MEMBER)
    app.processEvents()
    ms = (time.perf_counter() - t0) * 1000
    out(ms=ms)
    sys.stdout.flush()
    os._exit(0)


# ------------------------------------------------------------------ autosave


def save_answer(db_path: str, profile: str) -> None:
    from qa_audit.services import scoring

    db = _open(db_path, shared=profile == "shared")
    plan = _first_plan(db_path, BENCH_SAVE)
    times = []
    for i in range(SAVES + 3):
        t0 = time.perf_counter()
        scoring.save_answer(db, BENCH_SAVE, plan, MEMBER, "cyp_voice", "YP"[i % 2])
        times.append((time.perf_counter() - t0) * 1000)
    out(ms=statistics.median(times[3:]))


def raw_commit(db_path: str, profile: str) -> None:
    """Baseline: a raw sqlite3 transaction writing one row, the journal mode and
    synchronous setting the app uses for this profile, one connection per save
    (as the app's NullPool engine does)."""
    times = []
    _first_plan(db_path, BENCH_SAVE)
    for i in range(SAVES + 3):
        t0 = time.perf_counter()
        con = sqlite3.connect(db_path, isolation_level=None)
        con.execute("PRAGMA synchronous=" + ("FULL" if profile == "shared" else "NORMAL"))
        con.execute("BEGIN IMMEDIATE")
        con.execute("UPDATE answer SET value=? WHERE id=(SELECT max(id) FROM answer)",
                    ("YP"[i % 2],))
        con.execute("COMMIT")
        con.close()
        times.append((time.perf_counter() - t0) * 1000)
    out(ms=statistics.median(times[3:]))


def _first_plan(db_path: str, session: str) -> str:
    con = sqlite3.connect(db_path)
    try:
        return con.execute(
            "SELECT p.plan_ref FROM sample_entry s JOIN plan p ON p.id = s.plan_id "
            "JOIN audit_session a ON a.id = s.session_id WHERE a.name=? ORDER BY s.position",
            (session,)).fetchone()[0]
    finally:
        con.close()


# ------------------------------------------------------------------ reports


def dashboard(db_path: str, first: str, last: str) -> None:
    """The figures a 12-month dashboard shows: trend, health and themes (no files)."""
    from qa_audit.services import reports

    db = _open(db_path)
    t0 = time.perf_counter()
    reports.trend(db, first, last)
    reports.health(db, first, last, names=())
    reports.themes(db, first, last, names=())
    out(ms=(time.perf_counter() - t0) * 1000)


def key_issues(db_path: str, outdir: str) -> None:
    """Key issues report of the 12-plan session: figures, PDF, XLSX and JSON."""
    from qa_audit.reporting.render import generate
    from qa_audit.services import reports

    db = _open(db_path)
    d = Path(outdir)
    t0 = time.perf_counter()
    figures = reports.key_issues(db, BENCH_12, names=())
    done = generate("key-issues", figures, d / "ki.pdf", d / "ki.xlsx", d / "ki.json",
                    meta=reports.report_meta(db))
    out(ms=(time.perf_counter() - t0) * 1000, pages=done.pages)


def bare_reportlab(pages: str, outdir: str) -> None:
    """Baseline: import reportlab and build a document of the same number of pages
    (a heading, paragraphs and a 40-row table per page), nothing else."""
    t0 = time.perf_counter()
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    story: list[object] = []
    for p in range(int(pages)):
        story.append(Paragraph(f"Section {p + 1}", styles["Heading1"]))
        story.append(Paragraph("Findings of the panel. " * 20, styles["BodyText"]))
        rows = [["Question", "Yes", "Partly", "No"]] + [
            [f"Question {i}", str(i), str(i * 2), str(i * 3)] for i in range(25)]
        t = Table(rows, repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey)]))
        story.append(t)
        story.append(PageBreak())
    SimpleDocTemplate(str(Path(outdir) / "bare.pdf"), pagesize=A4).build(story)
    out(ms=(time.perf_counter() - t0) * 1000)


def trend_report(db_path: str, outdir: str, first: str, last: str) -> None:
    """Trend report over the period: query, figures, PDF, XLSX and JSON; ``query_ms``
    is the database part (loading the sessions)."""
    from qa_audit.reporting.render import generate
    from qa_audit.services import reports, session_data

    db = _open(db_path)
    d = Path(outdir)
    _f, _l, start, end = reports.period(first, last)
    t0 = time.perf_counter()
    session_data.load_sessions_between(db, start, end, members="none")  # as reports.trend
    query_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    figures = reports.trend(db, first, last)
    generate("trend", figures, d / "tr.pdf", d / "tr.xlsx", d / "tr.json",
             meta=reports.report_meta(db))
    out(ms=(time.perf_counter() - t0) * 1000, query_ms=query_ms)


# ------------------------------------------------------------------ import


def import_register(db_path: str, csv_path: str) -> None:
    import pandas  # noqa: F401 - imported before timing, as in the baseline

    from qa_audit.services import register_import

    db = _open(db_path)
    t0 = time.perf_counter()
    result = register_import.import_plans(db, Path(csv_path), {}, _actor())
    out(ms=(time.perf_counter() - t0) * 1000, added=result.added)


def raw_import(db_path: str, csv_path: str) -> None:
    """Baseline: pandas.read_csv + one sqlite3 executemany of the same rows."""
    import pandas as pd

    t0 = time.perf_counter()
    df = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    rows = [(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10] == "Yes", 1,
             "2026-01-01 00:00:00", "bench") for r in df.itertuples(index=False)]
    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("BEGIN IMMEDIATE")
    con.executemany("INSERT INTO plan (plan_ref, issue_date, request_date, plan_type, "
                    "year_group, primary_need, setting, setting_type, team, caseworker, "
                    "direct_payments, version, updated_at, updated_by) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.execute("COMMIT")
    con.close()
    out(ms=(time.perf_counter() - t0) * 1000, added=len(rows))


FIGURES = {f.__name__: f for f in (cold_start, gui_memory, open_session, save_answer,
                                    raw_commit, dashboard, key_issues, bare_reportlab,
                                    trend_report, import_register, raw_import)}

if __name__ == "__main__":
    FIGURES[sys.argv[1]](*sys.argv[2:])
