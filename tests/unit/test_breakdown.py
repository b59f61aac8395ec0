"""Percent good broken down by a plan field (key issues ``--by FIELD``), worked by hand.

Rubric ``multi-agency-ehcp``: overall 1-8, grades 6-8 good. Agreed (panel) grades:

| plan | looked_after | team  | agreed | good |
|------|--------------|-------|--------|------|
| P1   | yes          | North | 7      | yes  |
| P2   | yes          | North | 4      | no   |
| P3   | yes          | South | 6      | yes  |
| P4   | no           | South | 8      | yes  |
| P5   | (none)       | -     | 2      | no   |
| P6   | no           | North | 3      | no   |
| P7   | yes          | North | member grade only: not moderated, not counted |

looked_after: no 2 moderated, 1 good -> 50.0; yes 3, 2 -> 66.7 (2/3 = 66.67);
(not recorded) 1, 0 -> 0.0. team: North 3 (P1, P2, P6), 1 good -> 33.3;
South 2 (P3, P4), 2 good -> 100.0; (not recorded) P5 1, 0 -> 0.0.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from qa_audit.domain.audit import AuditRecord, PlanFacts, SessionData
from qa_audit.errors import UserError
from qa_audit.paths import bundled
from qa_audit.reporting.breakdown import plan_breakdown
from qa_audit.reporting.key_issues import key_issues
from qa_audit.reporting.render import ReportMeta, generate
from qa_audit.rubrics.loader import load_rubric_file

FACTS = {
    "P1": ("North", {"looked_after": "yes"}),
    "P2": ("North", {"looked_after": "yes"}),
    "P3": ("South", {"looked_after": "yes"}),
    "P4": ("South", {"looked_after": "no"}),
    "P5": (None, {}),
    "P6": ("North", {"looked_after": "no"}),
    "P7": ("North", {"looked_after": "yes"}),
}
AGREED = {"P1": 7, "P2": 4, "P3": 6, "P4": 8, "P5": 2, "P6": 3}


def session() -> SessionData:
    audits = [AuditRecord("S", ref, "panel", True, overall=grade, status="submitted")
              for ref, grade in AGREED.items()]
    audits.append(AuditRecord("S", "P7", "Ann", False, overall=7, status="submitted"))
    plans = {ref: PlanFacts(ref, team=team, custom=custom)
             for ref, (team, custom) in FACTS.items()}
    return SessionData("S", dt.date(2026, 3, 1), "closed", "multi-agency-ehcp", 1,
                       tuple(FACTS), tuple(audits), plans)


@pytest.fixture(scope="module")
def rubric():
    return load_rubric_file(bundled("rubrics", "multi-agency-ehcp.yaml"))


def groups(figures) -> list[tuple[str, int, int, float | None]]:
    return [(g["value"], g["plans_moderated"], g["good"], g["percent_good"])
            for g in figures["groups"]]


def test_breakdown_by_a_custom_field(rubric) -> None:
    figures = key_issues(session(), rubric, by="looked_after").to_json()["breakdown"]
    assert figures["field"] == "looked_after"
    assert groups(figures) == [("no", 2, 1, 50.0), ("yes", 3, 2, 66.7),
                               ("(not recorded)", 1, 0, 0.0)]


def test_breakdown_by_a_built_in_field(rubric) -> None:
    data = session()
    figures = plan_breakdown(data.plans, data.agreed_grades(), rubric, "team").to_json()
    assert groups(figures) == [("North", 3, 1, 33.3), ("South", 2, 2, 100.0),
                               ("(not recorded)", 1, 0, 0.0)]


def test_no_breakdown_unless_asked_and_bad_field_refused(rubric) -> None:
    assert "breakdown" not in key_issues(session(), rubric).to_json()
    with pytest.raises(UserError, match="Cannot break down by 'Looked After'"):
        key_issues(session(), rubric, by="Looked After")


def test_breakdown_in_json_xlsx_and_pdf(rubric, tmp_path: Path) -> None:
    figures = key_issues(session(), rubric, by="looked_after")
    meta = ReportMeta("test.db", "0" * 64, dt.datetime(2026, 3, 2, 9, 0))
    generate("key-issues", figures, tmp_path / "k.pdf", xlsx=tmp_path / "k.xlsx",
             json_path=tmp_path / "k.json", meta=meta)
    data = json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))
    assert groups(data["breakdown"])[1] == ("yes", 3, 2, 66.7)
    sheet = openpyxl.load_workbook(tmp_path / "k.xlsx")["Breakdown"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("looked_after", "plans moderated", "good", "percent good")
    assert rows[2][:4] == ("yes", 3, 2, 66.7)
    from pypdf import PdfReader
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "k.pdf").pages)
    assert "Percent good by looked after" in text
    assert "66.7%" in text
