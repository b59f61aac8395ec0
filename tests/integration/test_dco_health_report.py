"""The health deep dive's figures per advice return (issue 17), computed by hand.

Period 2025-01..2025-02. Advice register:

| plan | service     | requested  | received   | days | within 6 weeks |
|------|-------------|------------|------------|------|----------------|
| P1   | salt        | 2025-01-06 | 2025-02-10 | 35   | yes            |
| P1   | paediatrics | 2025-01-06 | 2025-03-01 | 54   | no (late)      |
| P2   | salt        | 2025-01-20 | 2025-02-28 | 39   | yes            |
| P2   | ot          | 2025-02-03 | -          | -    | no (outstanding)|
| P3   | salt        | 2024-12-02 | 2025-01-10 | 39   | outside the period |

DCO session on the advice-return rubric (good = grade 3 or 4):
P1 salt: Ann 3, Bob 2, panel 3 -> audited once, good.
P1 paediatrics: Ann 2, panel 1 with not_known_handled = NK -> audited, not good, not known.
P2 salt: Ann 4 only (not moderated) -> not audited.
P3 salt: panel 4, but requested outside the period -> not counted.

salt: requested 2, within 2 (100.0), audited 1, good 1 (100.0), Wilson 1/1 = 20.7-100.0.
paediatrics: requested 1, within 0 (0.0), audited 1, good 0 (0.0), Wilson 0/1 = 0.0-79.3,
not known 1, exceptions 1. ot: requested 1, outstanding 1, audited 0 (percent null),
exceptions 1. Target in force (Ealing, rubric timeliness): 98% from May 2019.
Multi-agency panel (plan rubric) in January: one agreed shortfall attributed to ep and
health -> the health services' total shows 1 for comparison.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from openpyxl import load_workbook

from .cli_helpers import run_cli

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
PLANS = "plan_ref,issue_date,year_group\nP1,2025-03-01,5\nP2,2025-03-05,5\nP3,2025-02-01,5\n"
ADVICE = ("plan_ref,service,requested_date,received_date\n"
          "P1,salt,2025-01-06,2025-02-10\n"
          "P1,paediatrics,2025-01-06,2025-03-01\n"
          "P2,salt,2025-01-20,2025-02-28\n"
          "P2,ot,2025-02-03,\n"
          "P3,salt,2024-12-02,2025-01-10\n")
DCO = ("session,plan_ref,service,requested_date,auditor,audit_date,overall,not_known_handled\n"
       "DCO Mar,P1,salt,2025-01-06,Ann,2025-03-10,3,NA\n"
       "DCO Mar,P1,salt,2025-01-06,Bob,2025-03-10,2,NA\n"
       "DCO Mar,P1,salt,2025-01-06,panel,2025-03-10,3,NA\n"
       "DCO Mar,P1,paediatrics,2025-01-06,Ann,2025-03-10,2,NK\n"
       "DCO Mar,P1,paediatrics,2025-01-06,panel,2025-03-10,1,NK\n"
       "DCO Mar,P2,salt,2025-01-20,Ann,2025-03-10,4,NA\n"
       "DCO Mar,P3,salt,2024-12-02,panel,2025-03-10,4,NA\n")
PANEL = ("session,plan_ref,auditor,audit_date,overall,provision_education,"
         "provision_education.agency\n"
         "Panel Jan,P1,panel,2025-01-15,6,P,ep;health\n")


def _run(capsys, db, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = str(db.target.path)
    for name, text, extra in (("plans", PLANS, ()), ("advice", ADVICE, ()),
                              ("dco", DCO, ("--rubric", "dco-health-advice")),
                              ("panel", PANEL, ("--rubric", "multi-agency-ehcp"))):
        f = tmp_path / f"{name}.csv"
        f.write_text(text)
        command = ("audits", "import") if name in ("dco", "panel") else (name, "import")
        r = run_cli(capsys, "--db", path, *command, str(f), *extra)
        assert r.code == 0, r.err
    out = tmp_path / "health"
    r = run_cli(capsys, "--db", path, "report", "health", "--from", "2025-01", "--to", "2025-02",
                "--out", f"{out}.pdf", "--json", f"{out}.json", "--xlsx", f"{out}.xlsx")
    assert r.code == 0, r.err
    return out


def test_health_report_quality_per_advice_return(capsys, db, tmp_path: Path) -> None:
    out = _run(capsys, db, tmp_path)
    data = json.loads(Path(f"{out}.json").read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / "health.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    by = {s["service"]: s for s in data["services"]}
    assert [s["service"] for s in data["services"]] == ["ot", "paediatrics", "salt"]
    contract = ("requested", "returned", "outstanding", "within_6_weeks",
                "percent_within_6_weeks", "audited", "good", "percent_good")
    assert [by["salt"][k] for k in contract] == [2, 2, 0, 2, 100.0, 1, 1, 100.0]
    assert [by["paediatrics"][k] for k in contract] == [1, 1, 0, 0, 0.0, 1, 0, 0.0]
    assert [by["ot"][k] for k in contract] == [1, 0, 1, 0, 0.0, 0, 0, None]
    assert (by["salt"]["ci_low"], by["salt"]["ci_high"]) == (20.7, 100.0)
    assert (by["paediatrics"]["ci_low"], by["paediatrics"]["ci_high"]) == (0.0, 79.3)
    assert [by[s]["not_known"] for s in ("ot", "paediatrics", "salt")] == [0, 1, 0]
    assert [by[s]["exceptions"] for s in ("ot", "paediatrics", "salt")] == [1, 1, 0]
    # per month of request, against the target in force
    jan, feb = by["salt"]["by_month"]["2025-01"], by["salt"]["by_month"]["2025-02"]
    assert (jan["requested"], jan["within_6_weeks"], jan["audited"], jan["good"]) == (2, 2, 1, 1)
    assert (feb["requested"], feb["audited"], feb["percent_good"]) == (0, 0, None)
    assert jan["target_percent"] == 98.0 and data["target_percent_within_6_weeks"] == 98.0
    assert by["ot"]["by_month"]["2025-02"]["exceptions"] == 1
    assert data["quality_rubric"] == "dco-health-advice"
    assert [(e["plan_ref"], e["service"]) for e in data["exceptions"]] == \
        [("P2", "ot"), ("P1", "paediatrics")]
    assert data["exceptions"][1]["days"] == 54
    # the multi-agency comparison: shortfalls attributed to health in plan audits
    total = data["health_services_total"]
    assert (total["audited"], total["good"], total["multi_agency_shortfalls"]) == (2, 1, 1)
    assert data["audits"]["sessions"] == ["Panel Jan"]  # advice-return sessions apart
    # the same figures in the workbook
    sheet = load_workbook(f"{out}.xlsx")["Services"]
    header = [c.value for c in sheet[1]]
    salt = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "salt")
    assert salt[header.index("audited")] == 1 and salt[header.index("% good")] == 100.0
    assert Path(f"{out}.pdf").read_bytes().startswith(b"%PDF")
