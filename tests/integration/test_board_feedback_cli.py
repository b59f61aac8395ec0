"""Issue 18: the key issues report shows families' feedback beside the panel's grades,
and quotes only approved, redacted excerpts (approved from the command line).

Hand-computed (multi-agency-ehcp: grades 6-8 good). Panel grades: F1 7 (good), F2 4,
F3 6 (good), F4 3, F5 5 (no feedback). Responses about them:
  F1 parent 5 -> good, satisfied: agree        F1 young person 2 -> good, not: differ
  F2 parent 2 -> not good, not: agree          F3 setting, no rating: listed, not counted
  F4 parent 4 -> not good, satisfied: differ   F9 (not audited) 5: not listed
pairs 4, agree 2 (50.0%), each cell 1; five responses listed.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from openpyxl import load_workbook
from pypdf import PdfReader

from qa_audit.services import redaction_terms
from qa_audit.services.actor import Actor

from .cli_helpers import run_cli

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
COMMENT = "Jamie was well supported by the team but the paperwork was slow"


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_key_issues_shows_feedback_beside_grades(capsys, tmp_path: Path, db) -> None:
    path = str(db.target.path)
    plans = "plan_ref,issue_date\n" + "".join(f"F{i},2026-01-0{i}\n" for i in range(1, 10))
    assert run_cli(capsys, "--db", path, "plans", "import",
                   _write(tmp_path / "p.csv", plans)).code == 0
    audits = "session,plan_ref,auditor,audit_date,overall\n" + "".join(
        f"May,F{i},panel,2026-05-12,{g}\n" for i, g in ((1, 7), (2, 4), (3, 6), (4, 3), (5, 5)))
    r = run_cli(capsys, "--db", path, "audits", "import", _write(tmp_path / "a.csv", audits),
                "--rubric", "multi-agency-ehcp")
    assert r.code == 0, r.err
    fb = ("plan_ref,respondent,date,rating,comments\n"
          "F1,parent_carer,2026-06-01,5,\nF1,young_person,2026-06-02,2,\n"
          "F2,parent_carer,2026-06-03,2,\n"
          f"F3,setting,2026-06-04,,{COMMENT}\n"
          "F4,parent_carer,2026-06-05,4,\nF9,parent_carer,2026-06-06,5,\n")
    assert run_cli(capsys, "--db", path, "feedback", "import",
                   _write(tmp_path / "f.csv", fb)).code == 0

    # approval: words not in the comments are refused; a shortened quote is approved
    key = ["--plan", "f3", "--respondent", "setting", "--date", "04/06/2026"]
    r = run_cli(capsys, "--db", path, "feedback", "approve", *key, "--excerpt",
                "the team was excellent")
    assert r.code != 0 and "not in the comments" in r.err
    redaction_terms.add_term(db, "Jamie", Actor("tester", "pc"))
    r = run_cli(capsys, "--db", path, "feedback", "approve", *key, "--excerpt",
                "Jamie was well supported ... the paperwork was slow")
    assert r.code == 0, r.err
    listed = run_cli(capsys, "--db", path, "feedback", "list", "--plan", "F3", "--json").json()
    (row,) = listed
    assert row["approved_by"] and row["approved_at"] and "Jamie" not in row["approved_excerpt"]
    assert row["approved_excerpt"].endswith("was well supported ... the paperwork was slow")

    out, js, xl = tmp_path / "k.pdf", tmp_path / "k.json", tmp_path / "k.xlsx"
    r = run_cli(capsys, "--db", path, "report", "key-issues", "--session", "May", "--out",
                str(out), "--json", str(js), "--xlsx", str(xl))
    assert r.code == 0, r.err
    data = json.loads(js.read_text())
    jsonschema.validate(data, json.loads((SCHEMAS / "key-issues.schema.json").read_text()))
    got = data["feedback_beside_grades"]
    assert (got["pairs"], got["agree"], got["percent_agree"]) == (4, 2, 50.0)
    assert (got["good_and_satisfied"], got["good_not_satisfied"], got["not_good_satisfied"],
            got["not_good_not_satisfied"]) == (1, 1, 1, 1)
    rows = [(x["plan_ref"], x["respondent"], x["rating"], x["agree"]) for x in got["responses"]]
    assert rows == [("F1", "parent_carer", 5, True), ("F1", "young_person", 2, False),
                    ("F2", "parent_carer", 2, True), ("F3", "setting", None, None),
                    ("F4", "parent_carer", 4, False)]
    sheet = load_workbook(xl)["Family feedback"]  # what the Reports page previews too
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][:2] == ["plan", "agreed grade"] and len(cells) == 1 + 5
    assert [r[9] for r in cells[1:]] == [True, False, True, None, False]  # agree
    text = json.dumps(data) + "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Families' views beside the panel's grades" in text
    assert "the paperwork was slow" in text  # the approved excerpt is quoted
    assert "Jamie" not in text and "by the team but" not in text  # never the comments

    # withdrawn: no report quotes it any more
    assert run_cli(capsys, "--db", path, "feedback", "withdraw", *key).code == 0
    r = run_cli(capsys, "--db", path, "report", "key-issues", "--session", "May", "--out",
                str(out), "--json", str(js))
    assert r.code == 0 and "paperwork" not in js.read_text()
