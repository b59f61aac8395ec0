"""A tiny database for the analysts' export, with the rows it must give worked by hand.

- "Nov panel" (10 Nov 2026, rubric ``tiny``): P1 agreed by the panel (and scored by
  Ann Auditor, a member, whose row must not appear); P2 scored by Ann only (no agreed
  row: no rows at all).
- "Sep panel" (5 Sep 2026): P1 agreed, outside the period 2026-10..2026-11.
- "DCO Nov" (20 Nov 2026, ``dco-health-advice``): two returns of P3 (salt, paediatrics),
  each agreed on its own.
P1's caseworker is "Casey Caseworker": a member of staff the export must never name.
"""

from __future__ import annotations

from pathlib import Path

from qa_audit.services import rubrics
from qa_audit.services.actor import Actor
from qa_audit.services.audits_import import import_audits
from qa_audit.services.register_import import import_advice, import_plans
from qa_audit.storage.engine import Database
from tests.rubric_samples import GOOD

MEMBER = "Ann Auditor"
CASEWORKER = "Casey Caseworker"

PLANS = (
    "plan_ref,issue_date,request_date,plan_type,year_group,primary_need,setting_type,team,"
    "caseworker,looked_after\n"
    f"P1,2026-06-01,2026-01-10,new,10,ASD,mainstream,North,{CASEWORKER},yes\n"
    "P2,2026-06-02,,new,5,SEMH,special,South,Dee Staff,no\n"
    "P3,2026-07-01,2026-02-01,new,3,SLCN,mainstream,East,,no\n"
)
ADVICE = ("plan_ref,service,requested_date,received_date\n"
          "P3,salt,2026-02-10,2026-03-01\nP3,paediatrics,2026-02-12,2026-04-30\n")
TINY = (
    "session,plan_ref,auditor,agency,audit_date,overall,quantified,quantified.agency,"
    "health_provision,aspirations\n"
    f"Nov panel,P1,{MEMBER},sen_casework,10/11/2026,4,N,,Y,yes_\n"
    "Nov panel,P1,panel,,10/11/2026,6,P,sen_casework;health,NA,yes_\n"
    f"Nov panel,P2,{MEMBER},sen_casework,10/11/2026,3,Y,,Y,\n"
    "Sep panel,P1,panel,,05/09/2026,2,N,health,N,no_\n"
)
DCO = (
    "session,plan_ref,service,requested_date,auditor,audit_date,overall,advice_current,"
    "advice_current.agency\n"
    "DCO Nov,P3,salt,2026-02-10,panel,20/11/2026,3,Y,\n"
    "DCO Nov,P3,paediatrics,2026-02-12,panel,20/11/2026,1,N,paediatrics\n"
)

#: (session, plan, service, question, value, label, shortfall, agencies, grade, band)
EXPECTED = [
    ("Nov panel", "P1", None, "quantified", "P", "Partly", True, ("health", "sen_casework"),
     6, "Good"),
    ("Nov panel", "P1", None, "health_provision", "NA", "Not applicable", False, (), 6, "Good"),
    ("Nov panel", "P1", None, "aspirations", "yes_", "Met", False, (), 6, "Good"),
    ("DCO Nov", "P3", "salt", "advice_current", "Y", "Yes", False, (), 3, "Good"),
    ("DCO Nov", "P3", "paediatrics", "advice_current", "N", "No", True, ("paediatrics",),
     1, "Inadequate"),
]


def build(db: Database, actor: Actor, folder: Path) -> Database:
    rubric_file = folder / "tiny.yaml"
    rubric_file.write_text(GOOD, encoding="utf-8")
    rubrics.import_rubric_file(db, rubric_file, actor)
    files = {}
    for name, text in (("plans", PLANS), ("advice", ADVICE), ("tiny", TINY), ("dco", DCO)):
        files[name] = folder / f"{name}.csv"
        files[name].write_text(text, encoding="utf-8")
    import_plans(db, files["plans"], {}, actor, custom={"looked_after": None})
    import_advice(db, files["advice"], {}, actor)
    import_audits(db, files["tiny"], actor, rubric_id="tiny")
    import_audits(db, files["dco"], actor, rubric_id="dco-health-advice")
    return db
