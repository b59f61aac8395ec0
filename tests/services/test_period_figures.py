"""Period reports read tallies, not answer rows, and get the very same figures.

``period_data.load_period`` has the database count the agreed answers (GROUP BY)
instead of turning every answer into a Python object. These tests pin that down:

* the figures of the trend, health and themes reports computed from the tallied load
  equal, to the byte, those computed from the full row-by-row load
  (``load_sessions_between``), on demo data made awkward on purpose: a second panel
  row for some plans (the agreed-row rule must pick the same row as the reports),
  themes recorded without a question (the health report reads those rows' answers),
  attributed answers left blank, odd spellings of answers, approved excerpts;
* the database tally equals ``key_issues.question_figures`` /
  ``shortfall_attributions`` over the agreed rows, session by session;
* ``reports.dashboard`` gives what the three report functions give one by one,
  from one load of the period;
* the number of statements does not grow with the number of sessions, and no
  statement fetches answer rows one by one except those the health report reads;
* the integer fast path of ``percent`` rounds exactly like the Fraction path.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path

import pytest

from qa_audit.domain.figures import percent, round_half_away
from qa_audit.domain.tally import TalliedSession
from qa_audit.reporting import health as health_figures
from qa_audit.reporting import themes as themes_figures
from qa_audit.reporting import trend as trend_figures
from qa_audit.reporting.key_issues import agreed_audits, question_figures, shortfall_attributions
from qa_audit.services import (
    advice_returns,
    demo,
    library,
    period_data,
    reports,
    rubrics,
    session_data,
)
from qa_audit.services.actor import Actor
from qa_audit.services.store import database
from qa_audit.storage.engine import Database
from tests.indicator_rubric import write_indicator_rubric
from tests.sql_log import sent_by

TODAY = dt.date(2026, 11, 20)
NAMES = ("Patel", "Smith")
PERIODS = [("2025-12", "2026-11"), ("2026-03", "2026-05"), ("2026-11", "2026-11"),
           ("2024-01", "2024-12")]


def _awkward(path: Path) -> None:
    """Edge cases the demo does not produce, written straight into the file."""
    con = sqlite3.connect(path)
    try:
        cur = con.cursor()
        panel = cur.execute("SELECT id, session_id, plan_id, overall FROM audit WHERE is_panel "
                            "AND overall IS NOT NULL ORDER BY id").fetchall()
        columns = ("session_id, plan_id, member_id, auditor, is_panel, agency, audit_date, "
                   "overall, overall_rationale, status, strengths, development, submitted_at, "
                   "version, updated_at, updated_by")
        for n, (aid, _sid, _pid, overall) in enumerate(panel[:6]):
            # 'PANEL' sorts before 'panel': ungraded, it loses to the graded row; graded,
            # it is the agreed row and the original one is not
            grade = None if n % 2 else (overall % 4) + 1
            cur.execute(f"INSERT INTO audit ({columns}) SELECT session_id, plan_id, NULL, "
                        "'PANEL', is_panel, agency, audit_date, ?, NULL, status, 'Copy', NULL, "
                        "submitted_at, version, updated_at, updated_by FROM audit WHERE id = ?",
                        (grade, aid))
            new = cur.lastrowid
            cur.execute("INSERT INTO answer (audit_id, question_id, value) "
                        "SELECT ?, question_id, CASE WHEN value = 'Y' THEN 'N' ELSE 'Y' END "
                        "FROM answer WHERE audit_id = ?", (new, aid))
            cur.execute("INSERT INTO shortfall_attribution (answer_id, agency) SELECT id, 'camhs' "
                        "FROM answer WHERE audit_id = ? AND value = 'N'", (new,))
        # themes recorded without a question, on member and panel rows
        cur.execute("UPDATE theme_tag SET question_id = NULL WHERE id % 3 = 0")
        cur.execute("UPDATE theme_tag SET approved_excerpt = 'Approved: ' || theme_id || "
                    "' for Smith' WHERE id % 5 = 0")
        # attributed answers left blank, and answers spelt as people type them
        cur.execute("UPDATE answer SET value = NULL WHERE id IN "
                    "(SELECT answer_id FROM shortfall_attribution WHERE id % 7 = 0)")
        cur.execute("UPDATE answer SET value = ' y' WHERE value = 'Y' AND id % 11 = 0")
        cur.execute("UPDATE answer SET value = 'n/a' WHERE value = 'NA' AND id % 2 = 0")
        cur.execute("UPDATE answer SET value = '' WHERE value = 'P' AND id % 13 = 0")
        cur.execute("UPDATE answer SET value = 'zz' WHERE value = 'P' AND id % 17 = 0")
        con.commit()
    finally:
        con.close()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp("period")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(folder / "home"))
        path = folder / "demo.sqlite3"
        actor = Actor("tester", "test-pc")
        made = database.initialise(str(path), actor).database
        demo.load_demo(made, actor, seed=2026, today=TODAY)
        made.dispose()
        _awkward(path)
        db = database.open_existing(str(path))
        # a latest version with indicators: the trend's indicator counts are checked too
        rubrics.import_rubric_file(db, write_indicator_rubric(folder), actor)
        yield db
        db.dispose()


def _text(figures: object) -> str:
    return json.dumps({"json": figures.to_json(), "tables": figures.tables(),  # type: ignore[attr-defined]
                       "headline": figures.headline()},  # type: ignore[attr-defined]
                      ensure_ascii=False, default=str)


def _rubrics(db: Database, sessions: list) -> dict:
    with db.read() as s:
        return {(x.rubric_id, x.rubric_version):
                rubrics.get_version(s, x.rubric_id, x.rubric_version).rubric for x in sessions}


def _rubrics_of_returns(db: Database, returns: list) -> dict:
    with db.read() as s:
        return {(r.rubric_id, r.rubric_version):
                rubrics.get_version(s, r.rubric_id, r.rubric_version).rubric for r in returns}


def _latest(db: Database, rubric_id: str | None) -> object:
    if rubric_id is None:
        return None
    with db.read() as s:
        return rubrics.latest_rubric(s, rubric_id)


def test_the_awkward_cases_are_there(demo_db: Database) -> None:
    sessions = session_data.load_sessions_between(demo_db, dt.date(2025, 1, 1),
                                                  dt.date(2026, 12, 31))
    panel_rows = Counter((s.name, a.plan_ref) for s in sessions for a in s.audits if a.is_panel)
    assert max(panel_rows.values()) == 2
    assert any(t.question_id is None for s in sessions for a in s.audits for t in a.themes)


@pytest.mark.parametrize(("first", "last"), PERIODS)
def test_tallied_figures_equal_the_row_by_row_figures(demo_db: Database, first: str,
                                                      last: str) -> None:
    _f, _l, start, end = reports.period(first, last)
    full = session_data.load_sessions_between(demo_db, start, end, members="all")
    loaded = _rubrics(demo_db, full)
    advice = session_data.load_advice_requested_between(demo_db, start, end)
    returns = advice_returns.load_agreed_returns(demo_db, start, end)
    # an empty period names the newest session's rubric (the JSON's rubric is a string)
    chosen = trend_figures.choose_rubric(full) or period_data.latest_session_rubric(demo_db)
    want = {
        "trend": dataclasses.replace(  # chosen by the rule, not asked for
            trend_figures.trend(full, loaded, first, last, rubric_id=chosen,
                                latest=_latest(demo_db, chosen)), rubric_filter=None),
        # the advice-return audits and the timeliness targets come from their own loaders
        "health": health_figures.health(
            advice, full, {**loaded, **_rubrics_of_returns(demo_db, returns)}, first, last,
            names=NAMES, today=TODAY, returns=returns,
            timeliness=advice_returns.timeliness_rubric(demo_db, start, end)),
        # the exemplar library's figures read the agreed answers row by row here too
        "themes": library.with_library(
            demo_db, themes_figures.themes(full, loaded, first, last, names=NAMES), full,
            loaded, None, NAMES),
    }
    got = {
        "trend": reports.trend(demo_db, first, last),
        "health": reports.health(demo_db, first, last, names=NAMES, today=TODAY),
        "themes": reports.themes(demo_db, first, last, names=NAMES),
    }
    together = reports.dashboard(demo_db, first, last, names=NAMES, today=TODAY)
    # the dashboard covers one rubric (the trend's): its themes leave out the others'
    # sessions (the demo's DCO deep dive), where the themes report covers every rubric
    on_dashboard = {**want, "themes": library.with_library(
        demo_db, themes_figures.themes(full, loaded, first, last, rubric_id=chosen,
                                       names=NAMES), full, loaded, chosen, NAMES)}
    for kind, expected in want.items():
        assert _text(got[kind]) == _text(expected), kind
        assert _text(getattr(together, kind)) == _text(on_dashboard[kind]), kind
    rid = full[0].rubric_id if full else "multi-agency-ehcp"
    assert _text(reports.trend(demo_db, first, last, rubric_id=rid)) == \
        _text(trend_figures.trend(full, loaded, first, last, rubric_id=rid,
                                  latest=_latest(demo_db, rid)))
    assert _text(reports.themes(demo_db, first, last, rubric_id=rid, names=NAMES)) == \
        _text(library.with_library(demo_db, themes_figures.themes(
            full, loaded, first, last, rubric_id=rid, names=NAMES), full, loaded, rid, NAMES))


@pytest.mark.parametrize("reads", period_data.PERIOD_READS)
def test_database_tally_equals_the_agreed_rows(demo_db: Database, reads: str) -> None:
    start, end = dt.date(2025, 12, 1), dt.date(2026, 11, 30)
    full = {s.name: s for s in session_data.load_sessions_between(demo_db, start, end)}
    tallied = period_data.load_period(demo_db, start, end, reads=reads)
    assert [s.name for s in tallied] == list(full)
    loaded = _rubrics(demo_db, tallied)
    for s in tallied:
        assert isinstance(s, TalliedSession)
        rows = full[s.name]
        rubric = loaded[(s.rubric_id, s.rubric_version)]
        agreed = list(agreed_audits(rows).values())
        assert trend_figures.tallied_question_figures(rubric.questions(), s.tally) == \
            question_figures(rubric.questions(), agreed)
        assert s.tally.values == trend_figures.agreed_tally(rows).values
        if reads == "reports":
            assert trend_figures.attributed_shortfalls(rubric, s.tally) == \
                Counter(shortfall_attributions(rubric, agreed))
            assert [(a.plan_ref, a.auditor, a.overall, a.strengths, a.themes)
                    for a in s.audits] == \
                [(a.plan_ref, a.auditor, a.overall, a.strengths,
                  tuple(t.__class__(t.theme_id, t.question_id, None, t.approved_excerpt)
                        for t in a.themes)) for a in rows.audits]
        else:
            assert [(a.plan_ref, a.auditor, a.overall) for a in s.audits] == \
                [(a.plan_ref, a.auditor, a.overall) for a in rows.panel_audits()]
        graded = {a.plan_ref for a in agreed_audits(rows).values()}
        assert {ref: s.plans[ref] for ref in graded} == {ref: rows.plans[ref] for ref in graded}


def _selects(db: Database, action: Callable[[], object]) -> list[str]:
    return [s.sql for s in sent_by(db, action) if s.is_select]


def _shapes(statements: list[str]) -> Counter[str]:
    """Statements with their ``IN (?, ?, ...)`` lists collapsed: one shape per query."""
    return Counter(re.sub(r"\((\?, )*\?\)", "(?)", s) for s in statements)


def test_statements_do_not_grow_with_the_period(demo_db: Database) -> None:
    """A year runs no query its months do not: statements depend on what is in the
    period (rubrics, themes recorded without a question), not on its length."""
    months = ["2025-12", *(f"2026-{m:02d}" for m in range(1, 12))]
    for report in (lambda a, b: reports.dashboard(demo_db, a, b, names=(), today=TODAY),
                   lambda a, b: reports.trend(demo_db, a, b)):
        union: Counter[str] = Counter()
        for m in months:
            union |= _shapes(_selects(demo_db, lambda m=m, r=report: r(m, m)))
        year = _shapes(_selects(demo_db, lambda r=report: r("2025-12", "2026-11")))
        assert year <= union
        assert year.total() <= 25  # a handful of queries, whatever the period


def test_answers_are_counted_by_the_database(demo_db: Database) -> None:
    """The agreed answers come back counted; answer rows are read one by one only for
    rows with a theme recorded without a question (and the trend reads none)."""
    trend = _selects(demo_db, lambda: reports.trend(demo_db, "2025-12", "2026-11"))
    answer_reads = [s for s in trend if " FROM answer" in s or " answer " in s]
    # counted (GROUP BY question and value), or for the indicators joined per agreed row
    assert answer_reads and all("GROUP BY" in s and ("count(" in s or "group_concat(" in s)
                                for s in answer_reads)
    both = _selects(demo_db, lambda: reports.dashboard(demo_db, "2025-12", "2026-11",
                                                       names=(), today=TODAY))
    row_reads = [s for s in both if "FROM answer" in s and "GROUP BY" not in s]
    # the health deep dive also reads the agreed answers of audited advice returns, in one
    # statement whatever their number ("not known" is judged from them)
    returns = [s for s in row_reads if "advice_request" in s]
    row_reads = [s for s in row_reads if s not in returns]
    assert len(returns) == 1 and "audit.is_panel" in returns[0]
    assert len(row_reads) == 1 and "answer.audit_id IN" in row_reads[0]


def test_dashboard_without_health_reads_no_advice(demo_db: Database) -> None:
    statements = _selects(demo_db, lambda: reports.dashboard(
        demo_db, "2025-12", "2026-11", names=(), with_health=False))
    # the advice register is not read (audits still name the return they judge)
    assert not any(re.search(r"(FROM|JOIN) advice_request\b", s) for s in statements)
    assert reports.dashboard(demo_db, "2025-12", "2026-11", names=(),
                             with_health=False).health is None


def test_percent_integer_path_rounds_like_fractions() -> None:
    for d in range(1, 250):
        for n in range(-300, 1300):
            want = round_half_away(Fraction(n) * 100 / Fraction(d), 1)
            got = percent(n, d)
            assert got == want and str(got) == str(want), (n, d)
    big = (10**30 + 7, 3 * 10**29 + 1)
    assert percent(*big) == round_half_away(Fraction(big[0]) * 100 / big[1], 1)
    assert percent(Fraction(1, 3), 1) == 33.3
    assert percent(0, 0) is None
    with pytest.raises(ValueError, match="negative"):
        percent(1, -2)
    with pytest.raises(TypeError):
        percent(True, 2)
