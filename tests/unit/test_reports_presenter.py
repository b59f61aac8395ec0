"""The Reports page's presenter and the report-file service: decisions tested with no Qt."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from qa_audit.errors import UserError
from qa_audit.gui.models.excerpt_rows import APPROVED, WITHDRAWN, ExcerptRow
from qa_audit.gui.reports import presenter as p
from qa_audit.services.excerpts import PendingExcerpt
from qa_audit.services.sessions import SessionInfo


def info(name: str, rubric: str = "multi-agency-ehcp") -> SessionInfo:
    return SessionInfo(1, name, dt.date(2026, 10, 6), rubric, 1, "scoring", (), 5, 2, None, None)


def excerpt(excerpt_id: int) -> PendingExcerpt:
    return PendingExcerpt(excerpt_id, "Panel Oct", dt.date(2026, 10, 6), "EHC-1", "A. Auditor",
                          "outcomes", None, "Raw text", "Suggested [name]")


BASE = p.ReportForm(kind="key-issues", folder=" ~/reports ", session="Panel Oct",
                    from_month="2025-11", to_month="2026-10", xlsx=True, json=False,
                    rubric="health-advice", by="team")


def form(**changes: Any) -> p.ReportForm:
    return replace(BASE, **changes)


def test_the_presenter_imports_no_qt() -> None:
    code = ("import sys, qa_audit.gui.reports.presenter, qa_audit.services.report_output; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_the_request_keeps_only_what_the_kind_uses() -> None:
    key_issues = form().request()
    assert key_issues.folder == Path("~/reports").expanduser()
    assert (key_issues.session, key_issues.by, key_issues.rubric) == ("Panel Oct", "team", None)
    trend = form(kind="trend").request()
    assert (trend.session, trend.by, trend.rubric) == (None, None, "health-advice")
    assert trend.stem == "trend-health-advice-2025-11-to-2026-10"
    with pytest.raises(UserError, match="Choose the folder"):
        form(folder="  ").request()


def test_kind_controls() -> None:
    key = p.kind_controls("key-issues", has_sessions=True)
    assert (key.breakdown, key.session, key.months, key.rubric) == (True, True, False, False)
    trend = p.kind_controls("trend", has_sessions=True)
    assert (trend.session, trend.months, trend.rubric) == (False, True, True)
    assert not p.kind_controls("key-issues", has_sessions=False).session
    board = p.kind_controls("scorecard", has_sessions=True)
    assert (board.session, board.months, board.rubric) == (False, True, True)
    assert not p.kind_controls("timeliness", has_sessions=True).rubric
    busy = p.kind_controls("trend", has_sessions=True, busy=True)
    assert not (busy.session or busy.months or busy.rubric)


def test_choices() -> None:
    assert p.session_choices([]) == [(p.NO_SESSIONS, None)]
    assert p.session_choices([info("Panel Oct")]) == [("Panel Oct (06/10/2026, scoring)",
                                                       "Panel Oct")]
    assert p.rubric_choices([info("a", "z-rubric"), info("b", "a-rubric"), info("c", "z-rubric")]) \
        == [(p.DEFAULT_RUBRIC_CHOICE, None), ("a-rubric", "a-rubric"), ("z-rubric", "z-rubric")]
    custom = p.breakdown_choices(["looked_after"])
    assert custom[: len(p.BREAKDOWN_CHOICES)] == list(p.BREAKDOWN_CHOICES)
    assert custom[-1] == ("looked_after (own field)", "looked_after")


def test_replace_question_names_existing_files(tmp_path: Path) -> None:
    request = form(folder=str(tmp_path), json=True).request()
    assert p.replace_question(request) is None
    pdf, xlsx, _json = request.targets()
    pdf.write_bytes(b"%PDF")
    assert p.replace_question(request) == f"{pdf.name} already exists in {tmp_path}. Replace it?"
    assert xlsx is not None
    xlsx.write_bytes(b"PK")
    assert (p.replace_question(request) or "").endswith("Replace them?")


def test_texts() -> None:
    assert p.stage_text("Laying out the PDF") == "Laying out the PDF…"
    assert p.stage_text("Cancelling…") == "Cancelling…"
    assert p.failure_text("disk full", True) == "disk full"
    assert p.failure_text("KeyError: x", False).endswith("the details are in the log.")
    assert p.outcome_view(None).headline == p.NO_OUTCOME_TEXT
    assert p.xlsx_path("/tmp/figures") == Path("/tmp/figures.xlsx")
    assert p.xlsx_path("/tmp/figures.XLSX") == Path("/tmp/figures.XLSX")
    assert p.excerpt_count_text(1, 0) == "1 excerpt awaiting approval"
    assert p.excerpt_count_text(1200, 2) == "1,200 excerpts awaiting approval; 2 approved here"
    assert p.names_count_text(1) == "1 name in the list."
    assert p.names_count_text(3, saved=True) == "Saved: 3 names in the list."


def test_an_approved_excerpt_can_only_be_withdrawn() -> None:
    pending = ExcerptRow(excerpt(1))
    approved = ExcerptRow(excerpt(2), APPROVED, "Approved [name]")
    assert p.excerpt_controls(None) == p.ExcerptControls("", editable=False, withdraw=False)
    assert p.excerpt_controls(pending) == p.ExcerptControls("Suggested [name]", True, False)
    assert p.excerpt_controls(approved) == p.ExcerptControls("Approved [name]", False, True)
    rows: list[ExcerptRow | None] = [pending, approved, ExcerptRow(excerpt(3), WITHDRAWN)]
    assert p.next_pending(rows, 0) == 3
    assert p.next_pending(rows, 2) is None
