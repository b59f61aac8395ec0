"""One measurement per process: ``python benchmarks/measure.py FIGURE ARGS...``.

``benchmarks/run.py`` starts this script once per repetition, so every figure is a
fresh process (cold caches of Python, no state carried between runs). The script
prints one JSON line: ``{"ms": ...}`` for figures timed inside the process, plus
extra fields (``mb``, ``pages``, ``query_ms``) where the figure needs them. Cold start
is timed from ``QA_AUDIT_BENCH_T0``, the wall-clock time run.py records just before
it starts the process, so interpreter start-up counts; its baseline (``import
PySide6.QtWidgets``) is timed by run.py around the whole process.
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
    from qa_audit.storage.engine import open_database
    from qa_audit.storage.profiles import resolve_target

    return open_database(resolve_target(db, Path(db)), force_shared=shared)


# ------------------------------------------------------------------ GUI


def _window(db_path: str, *, live: bool = True):
    """What ``qa-audit gui`` does (``start_gui``): the window shows at once and the
    database opens after its first paint. Returns the app and the ``StartUp``."""
    from qa_audit.gui.app import create_application, start_gui

    app = create_application([sys.argv[0]])
    return app, start_gui(db_path, demo_if_new=False, live=live)


def cold_start(db_path: str) -> None:
    """Process start to the main window's first paint (``ms``) and to the first page
    showing its data (``ready_ms``); ``heavy``: what was imported before the paint.

    The process start is ``QA_AUDIT_BENCH_T0`` (set by run.py just before it starts
    this process); without it, the time this figure began (before Qt is imported).
    """
    t0 = float(os.environ.get("QA_AUDIT_BENCH_T0") or time.time())
    from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: TID251 - benchmarks drive the GUI
    from PySide6.QtWidgets import QMainWindow  # noqa: TID251

    # not imported before the first paint: the storage layer, statistics, reports, charts
    heavy = ("sqlalchemy", "alembic", "numpy", "krippendorff", "pandas", "reportlab",
             "openpyxl", "xlsxwriter", "matplotlib", "PySide6.QtCharts")
    marks: dict[str, object] = {}

    def report() -> None:
        out(ms=marks.get("ms"), rows_ms=marks.get("rows_ms"), ready_ms=marks.get("ready_ms"),
            rows_sqlalchemy=marks.get("rows_sqlalchemy"), heavy=marks.get("heavy", []))
        sys.stdout.flush()
        os._exit(0)  # the figures end at the paint and the ready page: teardown is not part

    class Painted(QObject):
        def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
            if ev.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
                marks["ms"] = (time.time() - t0) * 1000
                marks["heavy"] = sorted(m for m in heavy if m in sys.modules)
                app.removeEventFilter(self)
            return False

    def ready() -> None:  # at once: what follows (the live view) is not part of the figure
        marks["ready_ms"] = (time.time() - t0) * 1000
        report()

    from qa_audit.gui.app import create_application, start_gui

    app = create_application([sys.argv[0]])
    watcher = Painted()
    app.installEventFilter(watcher)  # before the window exists: its first paint is seen
    startup = start_gui(db_path, demo_if_new=False)  # what ``qa-audit gui`` does
    startup.window.first_page_ready.connect(ready)

    def rows_shown() -> None:  # the register's first rows on screen (a preview, or the page)
        marks["rows_ms"] = (time.time() - t0) * 1000
        marks["rows_sqlalchemy"] = "sqlalchemy" in sys.modules  # shown before the services?

    startup.on_first_rows.append(rows_shown)
    QTimer.singleShot(20_000, app.quit)  # never hang CI
    app.exec()  # ends early only when start-up failed or the safety timer fired
    if startup.error is not None:
        raise startup.error
    report()


def peak_rss_mb() -> float:
    """This process's own peak resident memory.

    Not ``getrusage(RUSAGE_SELF).ru_maxrss``: Linux carries that across ``exec``, so a
    child of run.py (which holds the generated county in memory, ~700 MB) would report
    its parent's peak. ``VmHWM`` belongs to the process's own address space.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    import resource  # not Linux: ru_maxrss (bytes on macOS; not inherited there)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def gui_memory(db_path: str) -> None:
    """Peak RSS with the DB open: every page built and shown, a 60x5 session opened for
    scoring and moderation, and a ten-year trend computed (what a long meeting touches)."""
    from PySide6.QtCore import QEventLoop, QTimer  # noqa: TID251 - benchmarks drive the GUI
    from PySide6.QtWidgets import (  # noqa: TID251 - benchmarks drive the GUI
        QApplication,
        QStackedWidget,
    )

    from qa_audit.gui.pages.moderation_page import ModerationPage
    from qa_audit.gui.pages.scoring_page import ScoringPage
    from qa_audit.services import reports

    app, startup = _window(db_path, live=False)  # no presence writes, no scheduled backup
    window = startup.window
    opened = QEventLoop()  # not app.quit(): that would close the window
    window.first_page_ready.connect(opened.quit)
    QTimer.singleShot(120_000, opened.quit)  # never hang CI
    opened.exec()
    if startup.error is not None:
        raise startup.error
    if not window.is_ready():
        raise RuntimeError("the first page was not ready within two minutes")
    for title in window.page_titles():  # every page built, through the lazy registry
        window.page(title)
    for stack in window.findChildren(QStackedWidget):  # and every view of each shown
        for i in range(stack.count()):  # (not through the sidebar: the saved page stays)
            stack.setCurrentIndex(i)
            app.processEvents()
    for page in window.findChildren(ScoringPage):
        page.open_session(BENCH_60, member=MEMBER)
    for page in window.findChildren(ModerationPage):
        page.open_session(BENCH_60, member=MEMBER)
    app.processEvents()
    reports.trend(startup.window.ctx.db, "2017-01", "2026-12")
    QApplication.processEvents()
    out(mb=round(peak_rss_mb(), 1))
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
    """The figures a 12-month dashboard shows: trend, health and themes (no files),
    computed together from one load of the period as the dashboard does."""
    from qa_audit.services import reports

    db = _open(db_path)
    t0 = time.perf_counter()
    reports.dashboard(db, first, last, names=())
    out(ms=(time.perf_counter() - t0) * 1000)


def key_issues(db_path: str, outdir: str) -> None:
    """Key issues report of the 12-plan session: figures, PDF, XLSX and JSON.

    Also prints the PDF's ``tables`` and ``charts`` (counted after the timer, from the
    renderer's story), so the baseline can build a document of the same size:
    ``bare_reportlab PAGES OUTDIR TABLES CHARTS``.
    """
    from qa_audit.reporting.render import generate
    from qa_audit.services import reports

    db = _open(db_path)
    d = Path(outdir)
    t0 = time.perf_counter()
    figures = reports.key_issues(db, BENCH_12, names=())
    meta = reports.report_meta(db)
    done = generate("key-issues", figures, d / "ki.pdf", d / "ki.xlsx", d / "ki.json",
                    meta=meta)
    ms = (time.perf_counter() - t0) * 1000
    tables, charts = _pdf_blocks(figures, meta)
    out(ms=ms, pages=done.pages, tables=tables, charts=charts)


def _pdf_blocks(figures: object, meta: object) -> tuple[int, int]:
    """How many tables (nested ones too) and charts the report's PDF lays out."""
    from reportlab.platypus import KeepTogether, Table

    from qa_audit.reporting.pdf import RENDERERS
    from qa_audit.reporting.pdf_parts import Picture

    doc = RENDERERS[figures.kind](figures, meta)  # type: ignore[attr-defined]
    counts = [0, 0]

    def walk(item: object) -> None:
        if isinstance(item, Table):
            counts[0] += 1
            for row in item._cellvalues:
                walk(row)
        elif isinstance(item, Picture):  # a chart
            counts[1] += 1
        elif isinstance(item, KeepTogether):
            walk(item._content)
        elif isinstance(item, (list, tuple)):
            for x in item:
                walk(x)

    walk(doc._title_block() + doc.story())
    return counts[0], counts[1]


def bare_reportlab(pages: str, outdir: str, tables: str | None = None,
                   charts: str = "0") -> None:
    """Baseline: import reportlab and build a document of the same size, nothing else.

    ``PAGES`` pages, each a heading and a paragraph of text, with fixed data (no data
    processing). Given only PAGES (the original baseline): one 26-row, 4-column table
    of strings per page. Given TABLES and CHARTS (the report's counts, printed by
    ``key_issues``): that many tables (a header and ``rows`` rows of 4 strings, rows
    chosen so a page holds its share: 2 to 25) and that many 8-bar charts drawn with
    reportlab's own classes (``VerticalBarChart`` and ``HorizontalBarChart`` in turn,
    with value and bar labels), shared out over the pages in order. Prints the pages
    actually built so a mismatch shows.
    """
    t0 = time.perf_counter()
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    n_pages = int(pages)
    n_tables = n_pages if tables is None else int(tables)
    n_charts = int(charts)
    styles = getSampleStyleSheet()
    chart_h = 130
    per_page_tables = -(-n_tables // n_pages)
    per_page_charts = -(-n_charts // n_pages)
    room = 600 - per_page_charts * (chart_h + 12)  # frame ~698 pt less heading and text
    rows_per_table = 25 if tables is None else max(
        2, min(25, int(room / max(1, per_page_tables) / 18) - 2))

    def table(n: int) -> Table:
        rows = [["Question", "Yes", "Partly", "No"]] + [
            [f"Question {i}", str(i), str(i * 2), str(i * 3)] for i in range(n)]
        t = Table(rows, repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey)]))
        return t

    def chart(i: int) -> object:
        from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
        from reportlab.graphics.shapes import Drawing

        d = Drawing(400, chart_h)
        c = VerticalBarChart() if i % 2 == 0 else HorizontalBarChart()
        c.x, c.y, c.width, c.height = 60, 20, 320, chart_h - 30
        c.data = [[3, 5, 2, 2, 0, 1, 4, 1]]
        c.categoryAxis.categoryNames = [f"Item {k}" for k in range(8)]
        c.valueAxis.valueMin, c.valueAxis.valueMax, c.valueAxis.valueStep = 0, 6, 2
        c.barLabelFormat = "%d"
        d.add(c)
        return d

    story: list[object] = []
    made_tables = made_charts = 0
    for p in range(n_pages):
        story.append(Paragraph(f"Section {p + 1}", styles["Heading1"]))
        story.append(Paragraph("Findings of the panel. " * 20, styles["BodyText"]))
        for _ in range(per_page_tables):
            if made_tables < n_tables:
                story.append(table(rows_per_table))
                made_tables += 1
        for _ in range(per_page_charts):
            if made_charts < n_charts:
                story.append(chart(made_charts))
                made_charts += 1
        story.append(PageBreak())
    doc = SimpleDocTemplate(str(Path(outdir) / "bare.pdf"), pagesize=A4)
    doc.build(story)
    out(ms=(time.perf_counter() - t0) * 1000, pages=doc.page)


def trend_report(db_path: str, outdir: str, first: str, last: str) -> None:
    """Trend report over the period: query, figures, PDF, XLSX and JSON; ``query_ms``
    is the database part (loading the sessions)."""
    from qa_audit.reporting.render import generate
    from qa_audit.services import period_data, reports

    db = _open(db_path)
    d = Path(outdir)
    _f, _l, start, end = reports.period(first, last)
    t0 = time.perf_counter()
    period_data.load_period(db, start, end, reads="trend")  # as reports.trend
    query_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    figures = reports.trend(db, first, last)
    generate("trend", figures, d / "tr.pdf", d / "tr.xlsx", d / "tr.json",
             meta=reports.report_meta(db))
    out(ms=(time.perf_counter() - t0) * 1000, query_ms=query_ms,
        moderated=figures.plans_moderated,
        counted=sum(t.plans for t in figures.indicator_totals.values()))


def raw_trend(db_path: str, first: str, last: str) -> None:
    """Baseline: the trend's figures as one raw sqlite3 aggregate, nothing else.

    Per month of session date, on the benchmark rubric only: moderated (session, plan)
    pairs (the panel row with a grade) and good ones (grade 6-8); per indicator of
    ``bench_indicators`` and month: pairs counted (an indicator question answered other
    than NA) and met (counted, no P or N answer). Two GROUP BY statements, rows fetched
    into Python; no PDF, XLSX or JSON.
    """
    from bench_indicators import INDICATOR_QUESTIONS

    start, end = f"{first}-01", f"{last}-31"
    t0 = time.perf_counter()
    con = sqlite3.connect(db_path)
    pairs = ("SELECT a.id AS aid, substr(s.session_date, 1, 7) AS m, a.overall >= 6 AS good "
             "FROM audit a JOIN audit_session s ON s.id = a.session_id "
             "JOIN rubric_version v ON v.id = s.rubric_version_id "
             "WHERE a.is_panel AND a.overall IS NOT NULL AND v.rubric_id = ? "
             "AND s.session_date BETWEEN ? AND ?")
    months = con.execute(f"WITH p AS ({pairs}) SELECT m, count(*), sum(good) FROM p "
                         "GROUP BY m", ("multi-agency-ehcp", start, end)).fetchall()
    values = ", ".join("(?, ?)" for _ in INDICATOR_QUESTIONS)
    flat = [x for pair in INDICATOR_QUESTIONS for x in pair]
    indicators = con.execute(
        f"WITH p AS ({pairs}), ind(ind, q) AS (VALUES {values}), "
        "per AS (SELECT p.m AS m, ind.ind AS ind, p.aid, "
        "sum(an.value != 'NA') > 0 AS counted, sum(an.value IN ('P', 'N')) = 0 AS clean "
        "FROM p JOIN answer an ON an.audit_id = p.aid JOIN ind ON ind.q = an.question_id "
        "WHERE an.value IS NOT NULL GROUP BY p.m, ind.ind, p.aid) "
        "SELECT m, ind, sum(counted), sum(counted AND clean) FROM per GROUP BY m, ind",
        ("multi-agency-ehcp", start, end, *flat)).fetchall()
    con.close()
    out(ms=(time.perf_counter() - t0) * 1000, months=len(months),
        moderated=sum(r[1] for r in months), indicator_cells=len(indicators),
        counted=sum(r[2] for r in indicators))


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
                                    trend_report, raw_trend, import_register, raw_import)}

if __name__ == "__main__":
    FIGURES[sys.argv[1]](*sys.argv[2:])
