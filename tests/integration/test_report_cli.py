"""Reports end to end through the command line: database -> figures -> PDF / XLSX / JSON.

The PDF is read back with poppler's ``pdftotext`` and rendered with ``pdftoppm``
(Debian package poppler-utils).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from sqlalchemy import select

from qa_audit.cli import entry as cli
from qa_audit.reporting.render import generate
from qa_audit.services import reports
from qa_audit.services.actor import Actor
from qa_audit.services.excerpts import approve_excerpt, pending_excerpts
from qa_audit.services.sessions import create_session
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

pytestmark = pytest.mark.integration

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
CHILD_NAMES = ("Tallulah", "Oluwaseun Adebayo")
QUESTIONS = ("cyp_voice", "parent_views", "provision_education", "needs_health",
             "health_advice_quality", "outcomes_smart", "golden_thread")


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:  # Debian: apt-get install poppler-utils
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return path


def pdf_text(pdf: Path) -> str:
    out = subprocess.run([poppler("pdftotext"), "-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True)
    return out.stdout


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run([poppler("pdfinfo"), str(pdf)], check=True, capture_output=True,
                         text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def render_png(pdf: Path, tmp_path: Path) -> list[Path]:
    prefix = tmp_path / pdf.stem
    result = subprocess.run([poppler("pdftoppm"), "-png", "-r", "40", str(pdf), str(prefix)],
                            check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower(), result.stderr
    return sorted(tmp_path.glob(f"{pdf.stem}*.png"))


def schema_check(data: dict, name: str) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


def run(db_path: Path, *args: str) -> int:
    return cli.main(["--db", str(db_path), *args])


# ------------------------------------------------------------------ test data


def populate(db: Database, actor: Actor, name: str, date: dt.date, n_plans: int,
             start: int = 1) -> list[str]:
    """A session of ``n_plans`` sampled plans: three auditors and the panel on each.

    Plan i (1-based within the session) gets agreed grade 3 + i % 6 (3..8); every
    third plan's panel has a shortfall on provision_education attributed to EP with
    a theme whose raw excerpt names a child; odd plans have an approved excerpt.
    """
    create_session(db, name, "multi-agency-ehcp", date, actor)
    refs = [f"EHC-{start + i:05d}" for i in range(n_plans)]
    with db.write() as s:
        row = s.scalar(select(m.AuditSession).where(m.AuditSession.name == name))
        assert row is not None
        for pos, ref in enumerate(refs, start=1):
            plan = s.scalar(select(m.Plan).where(m.Plan.plan_ref == ref))
            if plan is None:
                plan = m.Plan(plan_ref=ref, issue_date=date - dt.timedelta(days=20),
                              team=("North", "South")[pos % 2], phase="primary",
                              primary_need="ASD", year_group=5, updated_by="test")
                s.add(plan)
                s.flush()
            s.add(m.SampleEntry(session_id=row.id, plan_id=plan.id, position=pos))
            grade = 3 + pos % 6
            for auditor, agency, delta in (("A. Auditor", "ep", 0), ("B. Auditor", "health", 1),
                                           ("C. Auditor", "sen_casework", -1)):
                s.add(m.Audit(session_id=row.id, plan_id=plan.id, auditor=auditor,
                              agency=agency, overall=max(1, min(8, grade + delta)),
                              status="submitted", updated_by=auditor))
            panel = m.Audit(session_id=row.id, plan_id=plan.id, auditor="panel", is_panel=True,
                            overall=grade, status="submitted", updated_by="chair",
                            strengths=("Clear golden thread; Tallulah's voice throughout. "
                                       "=HYPERLINK(\"http://x\")") if grade >= 6 else None,
                            development=None if grade >= 6 else
                            "Quantify provision for Oluwaseun Adebayo (seen 03/02/2026).")
            for qid in QUESTIONS:
                value = "NA" if qid == "parent_views" and pos % 4 == 0 else \
                    ("P" if qid == "provision_education" and pos % 3 == 0 else "Y")
                answer = m.Answer(question_id=qid, value=value)
                if value == "P":
                    m.set_attributions(answer, ["ep"])
                panel.answers.append(answer)
            if pos % 3 == 0:
                tag = m.ThemeTag(theme_id="provision_not_quantified",
                                 question_id="provision_education",
                                 excerpt=f"Tallulah would benefit from access to SaLT ({ref}), "
                                         "mum on 07700 900123")
                if pos % 2:
                    tag.approved_excerpt = "Oluwaseun Adebayo would benefit from access to SaLT."
                    tag.approved_by = "QA lead"
                panel.themes.append(tag)
            s.add(panel)
        s.add(m.Action(session_id=row.id, plan_id=None, text="Share exemplars at training",
                       owner="Practice lead", due_date=date + dt.timedelta(days=30),
                       status="open", updated_by="test"))
    return refs


@pytest.fixture
def names_file(isolated_home: Path) -> Path:
    path = isolated_home / "redaction-names.txt"
    path.write_text("# children\n" + "\n".join(CHILD_NAMES) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def twelve(db: Database, actor: Actor, names_file: Path) -> Database:
    populate(db, actor, "Panel February 2026", dt.date(2026, 2, 12), 6, start=500)
    populate(db, actor, "Panel March 2026", dt.date(2026, 3, 12), 12)
    with db.write() as s:  # advice for the health report
        plans = {p.plan_ref: p.id for p in s.scalars(select(m.Plan))}
        s.add_all([
            m.AdviceRequest(plan_id=plans["EHC-00001"], service="salt",
                            requested_date=dt.date(2026, 2, 1),
                            received_date=dt.date(2026, 3, 15)),  # 42 days: on time
            m.AdviceRequest(plan_id=plans["EHC-00002"], service="salt",
                            requested_date=dt.date(2026, 2, 2), received_date=None),
            m.AdviceRequest(plan_id=plans["EHC-00003"], service="paediatrics",
                            requested_date=dt.date(2026, 3, 2),
                            received_date=dt.date(2026, 5, 1)),
        ])
    return db


# ------------------------------------------------------------------ key issues


def test_key_issues_end_to_end(twelve: Database, db_path: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    pdf, xlsx, js = tmp_path / "ki.pdf", tmp_path / "ki.xlsx", tmp_path / "ki.json"
    assert run(db_path, "report", "key-issues", "--session", "Panel March 2026",
               "--out", str(pdf), "--xlsx", str(xlsx), "--json", str(js)) == 0
    out = capsys.readouterr().out
    # grades 3 + i % 6 for i = 1..12: 4,5,6,7,8,3,4,5,6,7,8,3 -> 6 of 12 good
    assert "50.0% of moderated plans judged good (6 of 12)" in out
    data = json.loads(js.read_text(encoding="utf-8"))
    schema_check(data, "key-issues")
    assert (data["plans_sampled"], data["plans_audited"], data["plans_moderated"]) == (12, 12, 12)
    assert data["percent_good"] == 50.0
    q = {x["id"]: x for x in data["questions"]}
    assert q["provision_education"]["counts"] == {"Y": 8, "P": 4, "N": 0}
    assert q["parent_views"]["counts"]["NA"] == 3
    assert q["provision_education"]["shortfall_percent"] == 33.3
    assert data["agencies"][0] == {"agency": "ep", "shortfalls": 4, "percent_of_shortfalls": 100.0,
                                   "label": "Educational psychology"}
    assert data["themes"][0]["plans"] == 4
    assert data["agreement"]["pairs"] == 36  # 3 auditors: 3 pairs a plan
    assert data["previous_session"]["session"] == "Panel February 2026"
    assert data["report"]["chain_head"] and len(data["report"]["chain_head"]) == 64

    text = pdf_text(pdf)
    assert "Key issues report" in text
    assert "50.0%" in text
    assert "Panel March 2026" in text
    assert data["report"]["chain_head"] in text.replace("\n", "")
    assert "Page 1 of" in text
    assert "[name] would benefit from access to SaLT." in text  # approved, redacted again
    assert "07700" not in text  # the raw excerpt is never quoted
    for name in CHILD_NAMES:
        assert name not in text
        assert name.split()[0] not in text
    assert "03/02/2026" not in text
    assert render_png(pdf, tmp_path)

    book = openpyxl.load_workbook(xlsx, read_only=True)
    assert book.sheetnames[:3] == ["About", "Summary", "Grades"]
    cells = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    book.close()
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert not any(name in c for c in cells for name in CHILD_NAMES)
    assert any("HYPERLINK" in c for c in cells)  # kept, but as text


def test_approving_an_excerpt_through_the_cli(twelve: Database, db_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db_path, "excerpts", "list", "--json") == 0
    pending = json.loads(capsys.readouterr().out)
    assert pending
    first = pending[0]
    assert "Tallulah" in first["excerpt"]  # the raw text, for the approver's eyes only
    assert "Tallulah" not in first["suggested"]
    assert "[phone]" in first["suggested"]
    assert run(db_path, "excerpts", "approve", str(first["id"])) == 0
    assert "[name] would benefit" in capsys.readouterr().out
    assert first["id"] not in [e.id for e in pending_excerpts(twelve)]
    with twelve.read() as s:
        tag = s.get(m.ThemeTag, first["id"])
        assert tag is not None
        assert tag.approved_by == "tester"
        assert "Tallulah" not in (tag.approved_excerpt or "")
        log = s.scalars(select(m.ChangeLog).where(m.ChangeLog.entity == "theme_tag")).all()
        assert log
        assert log[-1].action == "approve_excerpt"
        assert "Tallulah" not in (log[-1].after_json or "")
    # reworded by the approver: redacted too
    assert run(db_path, "excerpts", "approve", str(first["id"]), "--text",
               "Oluwaseun Adebayo: 'access to SaLT' on 1 March 2026") == 0
    with twelve.read() as s:
        assert s.get(m.ThemeTag, first["id"]).approved_excerpt == \
            "[name]: 'access to SaLT' on [date]"
    assert run(db_path, "excerpts", "approve", "999999") != 0
    assert "No theme excerpt with id 999999" in capsys.readouterr().err


@pytest.mark.parametrize(("plans", "max_pages"), [(1, 5), (60, 25)])
def test_sessions_of_1_and_60_plans_render(db: Database, actor: Actor, db_path: Path,
                                           tmp_path: Path, names_file: Path, plans: int,
                                           max_pages: int) -> None:
    populate(db, actor, "Panel", dt.date(2026, 3, 12), plans)
    pdf = tmp_path / "ki.pdf"
    assert run(db_path, "report", "key-issues", "--session", "Panel", "--out", str(pdf)) == 0
    pages = pdf_pages(pdf)
    assert 1 <= pages <= max_pages
    text = pdf_text(pdf)
    assert f"Page {pages} of {pages}" in text
    assert "EHC-00001" in text
    if plans == 60:
        assert "EHC-00060" in text  # long tables split over pages, header repeated
        assert text.count("Areas for development") >= 2
    assert len(render_png(pdf, tmp_path)) == pages


# ------------------------------------------------------------------ period reports


def test_trend_health_themes_end_to_end(twelve: Database, db_path: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    for kind in ("trend", "health", "themes"):
        pdf, js, xlsx = (tmp_path / f"{kind}.{ext}" for ext in ("pdf", "json", "xlsx"))
        assert run(db_path, "report", kind, "--from", "2026-01", "--to", "2026-04",
                   "--out", str(pdf), "--json", str(js), "--xlsx", str(xlsx)) == 0, \
            capsys.readouterr().err
        data = json.loads(js.read_text(encoding="utf-8"))
        schema_check(data, kind)
        text = pdf_text(pdf)
        for name in CHILD_NAMES:
            assert name not in text
        assert render_png(pdf, tmp_path)
        assert openpyxl.load_workbook(xlsx, read_only=True).sheetnames[0] == "About"
        if kind == "trend":
            periods = {p["period"]: p for p in data["periods"]}
            assert list(periods) == ["2026-01", "2026-02", "2026-03", "2026-04"]
            # February: grades 4,5,6,7,8,3 -> 3 of 6 good; March 6 of 12
            assert (periods["2026-02"]["plans_moderated"], periods["2026-02"]["percent_good"]) \
                == (6, 50.0)
            assert periods["2026-03"]["plans_moderated"] == 12
            assert data["target_percent_good"] == 80.0
            assert "50.0%" in text
        elif kind == "health":
            assert [(s["service"], s["requested"], s["returned"], s["within_6_weeks"])
                    for s in data["services"]] == [("paediatrics", 1, 1, 0), ("salt", 2, 1, 1)]
            assert data["services"][1]["percent_within_6_weeks"] == 50.0
            assert "33.3% of health advice returned within 6 weeks" in text
        else:
            pnq = next(t for t in data["themes"] if t["id"] == "provision_not_quantified")
            # every third plan: 2 in February (plans 3, 6), 4 in March (3, 6, 9, 12)
            assert pnq["by_month"] == {"2026-01": 0, "2026-02": 2, "2026-03": 4, "2026-04": 0}
            assert pnq["plans"] == 6
            assert "Provision not specified or quantified" in text
            assert "[name] would benefit from access to SaLT." in text


@pytest.mark.parametrize(("args", "message"), [
    (["trend", "--from", "2026-13", "--to", "2026-12"], "--from: '2026-13': the month must be"),
    (["themes", "--from", "March", "--to", "2026-12"], "--from: 'March' is not a month"),
    (["health", "--from", "2026-05", "--to", "2026-01"], "--from 2026-05 is after --to 2026-01"),
    (["trend", "--from", "2026-01", "--to", "2026-02", "--rubric", "nope"], "No rubric 'nope'"),
    (["key-issues", "--session", "Nope"], "No audit session named 'Nope'"),
])
def test_bad_arguments_are_clear_errors(db: Database, db_path: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str], args: list[str],
                                        message: str) -> None:
    out = tmp_path / "r.pdf"
    assert run(db_path, "report", *args, "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert message in err.splitlines()[0]
    assert "Traceback" not in err
    assert not out.exists()


def test_a_period_longer_than_ten_years_is_reported_not_refused(
        twelve: Database, db_path: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    # CONTRACT.md: every month from --from to --to inclusive; no cap on the span
    # (e.g. everything since the September 2014 reforms: 148 months)
    for kind in ("trend", "health", "themes"):
        pdf, js = tmp_path / f"{kind}.pdf", tmp_path / f"{kind}.json"
        assert run(db_path, "report", kind, "--from", "2014-09", "--to", "2026-12",
                   "--out", str(pdf), "--json", str(js)) == 0, capsys.readouterr().err
        data = json.loads(js.read_text(encoding="utf-8"))
        schema_check(data, kind)
        if kind == "trend":
            assert len(data["periods"]) == 148
            assert data["periods"][0]["period"] == "2014-09"
            assert data["periods"][-1]["period"] == "2026-12"
            assert sum(p["plans_moderated"] for p in data["periods"]) == 18
        elif kind == "themes":
            assert all(len(t["by_month"]) == 148 for t in data["themes"])
        else:
            assert [s["service"] for s in data["services"]] == ["paediatrics", "salt"]


def test_unwritable_output_is_a_clear_error(twelve: Database, db_path: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing-folder" / "r.pdf"
    assert run(db_path, "report", "themes", "--from", "2026-01", "--to", "2026-03",
               "--out", str(out)) == 2
    assert "the folder" in capsys.readouterr().err
    same = tmp_path / "same.pdf"
    assert run(db_path, "report", "themes", "--from", "2026-01", "--to", "2026-03",
               "--out", str(same), "--json", str(same)) == 2
    assert "two outputs" in capsys.readouterr().err


def test_cancel_leaves_no_files(twelve: Database, tmp_path: Path) -> None:
    class Cancelled(Exception):
        """What a GUI worker raises from its progress callback when the user cancels."""

    stages: list[tuple[int, str]] = []

    def progress(pct: int, stage: str) -> None:
        stages.append((pct, stage))
        if pct >= 40:
            raise Cancelled

    folder = tmp_path / "out"
    folder.mkdir()
    existing = folder / "ki.pdf"
    existing.write_bytes(b"old report")
    with pytest.raises(Cancelled):
        generate("key-issues", reports.key_issues(twelve, "Panel March 2026"), existing,
                 xlsx=folder / "ki.xlsx", json_path=folder / "ki.json",
                 meta=reports.report_meta(twelve), progress=progress)
    assert existing.read_bytes() == b"old report"
    assert sorted(p.name for p in folder.iterdir()) == ["ki.pdf"]  # no temporary files left
    assert stages[0] == (0, "Laying out the PDF")

    done: list[int] = []
    generate("key-issues", reports.key_issues(twelve, "Panel March 2026"), existing,
             meta=reports.report_meta(twelve), progress=lambda p, _s: done.append(p))
    assert done[-1] == 100
    assert done == sorted(done)
    assert existing.read_bytes().startswith(b"%PDF")


def test_pending_excerpts_suggest_redactions(twelve: Database) -> None:
    items = pending_excerpts(twelve, names=["Tallulah"])
    assert items
    assert all("Tallulah" not in e.suggested for e in items)
    tag = items[0]
    done = approve_excerpt(twelve, tag.id, None, Actor("qa-lead", "pc"), names=["Tallulah"])
    assert done.text.startswith("[name] would benefit")
    assert "[phone]" in done.text
    assert done.approved_by == "qa-lead"
