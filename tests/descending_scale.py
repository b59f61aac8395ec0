"""Hand-made rubrics and sessions on scales numbered either way (shared by unit and GUI tests).

``OFSTED``: 1-4 where 1 is best (Medway numbers Ofsted grades 1 = Outstanding):
Outstanding 1 blue good, Good 2 green good, Requires improvement 3 amber,
Inadequate 4 red; target 75%.

``NOT_JUDGED``: 0-4 where 4 is best and 0 is "Not judged" (grey, not good).

The session on ``OFSTED`` (expected figures worked out by hand in the tests):

* "Medway panel June 2026" (2026-06-10), sample P1-P5, members Alice and Bob:
  P1 Alice 1, Bob 1, panel 1 (strengths) | P2 Alice 3, Bob 1, panel 2 |
  P3 Alice 4, Bob 2, panel 3 | P4 Alice 2, Bob 1, panel 1 | P5 panel 4.
* "Medway panel March 2026" (2026-03-10): P6 panel 3, P7 panel 2.
* "Medway panel April 2026" (2026-04-10): P6 2, P7 2, P8 2, P9 3, P10 3
  (the same 60% good as June, but a worse mean grade: 2.4 against June's 2.2).
"""

from __future__ import annotations

import datetime as dt

from qa_audit.domain.audit import AuditRecord, PlanFacts, SessionData
from qa_audit.domain.rubric import Rubric
from qa_audit.rubrics.loader import load_rubric_text

_QUESTIONS = """\
agencies:
  - {id: health, label: Health}
  - {id: sen_casework, label: SEN casework}
sections:
  - id: voice
    title: Voice
    questions:
      - id: child_voice
        text: Is the child's voice present?
        allows_na: true
        options:
          - {code: Y, label: "Yes", shortfall: false}
          - {code: N, label: "No", shortfall: true}
"""

OFSTED_YAML = """\
id: ofsted-four
title: Ofsted-style four grades
overall:
  min: 1
  max: 4
  best: low
  target_percent_good: 75
  bands:
    - {label: Outstanding, from: 1, to: 1, good: true, rag: blue}
    - {label: Good, from: 2, to: 2, good: true, rag: green}
    - {label: Requires improvement, from: 3, to: 3, good: false, rag: amber}
    - {label: Inadequate, from: 4, to: 4, good: false, rag: red}
""" + _QUESTIONS

NOT_JUDGED_YAML = """\
id: not-judged
title: Four grades and not judged
overall:
  min: 0
  max: 4
  bands:
    - {label: Not judged, from: 0, to: 0, good: false, rag: grey}
    - {label: Inadequate, from: 1, to: 1, good: false, rag: red}
    - {label: Requires improvement, from: 2, to: 2, good: false, rag: amber}
    - {label: Good, from: 3, to: 3, good: true, rag: green}
    - {label: Outstanding, from: 4, to: 4, good: true, rag: blue}
""" + _QUESTIONS

#: 0-4 where 1 is best and 0 is "Not judged": the grey band is never the best.
NOT_JUDGED_LOW_YAML = """\
id: not-judged-low
title: Ofsted grades and not judged
overall:
  min: 0
  max: 4
  best: low
  bands:
    - {label: Not judged, from: 0, to: 0, good: false, rag: grey}
    - {label: Outstanding, from: 1, to: 1, good: true, rag: blue}
    - {label: Good, from: 2, to: 2, good: true, rag: green}
    - {label: Requires improvement, from: 3, to: 3, good: false, rag: amber}
    - {label: Inadequate, from: 4, to: 4, good: false, rag: red}
""" + _QUESTIONS

JUNE, MARCH, APRIL = "Medway panel June 2026", "Medway panel March 2026", "Medway panel April 2026"


def ofsted() -> Rubric:
    return load_rubric_text(OFSTED_YAML, "ofsted-four.yaml")


def not_judged() -> Rubric:
    return load_rubric_text(NOT_JUDGED_YAML, "not-judged.yaml")


def audit(session: str, plan: str, auditor: str, overall: int | None,
          strengths: str | None = None, answers: dict[str, str] | None = None) -> AuditRecord:
    return AuditRecord(session=session, plan_ref=plan, auditor=auditor,
                       is_panel=auditor == "panel", agency="health" if auditor != "panel" else None,
                       overall=overall, status="submitted", answers=dict(answers or {}),
                       strengths=strengths)


def _session(name: str, day: dt.date, rubric: Rubric, rows: list[AuditRecord],
             sampled: tuple[str, ...] = ()) -> SessionData:
    plans = {a.plan_ref: PlanFacts(a.plan_ref) for a in rows}
    return SessionData(name=name, date=day, status="moderation", rubric_id=rubric.id,
                       rubric_version=1, sampled=sampled, audits=tuple(rows), plans=plans)


def june(rubric: Rubric) -> SessionData:
    members = {"P1": (1, 1), "P2": (3, 1), "P3": (4, 2), "P4": (2, 1)}
    agreed = {"P1": 1, "P2": 2, "P3": 3, "P4": 1, "P5": 4}
    rows = []
    for ref, (alice, bob) in members.items():
        rows += [audit(JUNE, ref, "Alice", alice), audit(JUNE, ref, "Bob", bob)]
    for ref, grade in agreed.items():
        strengths = {"P1": "Exceptional co-production.", "P4": "Outcomes are SMART.",
                     "P2": "Clear health advice."}.get(ref)
        rows.append(audit(JUNE, ref, "panel", grade, strengths, {"child_voice": "Y"}))
    return _session(JUNE, dt.date(2026, 6, 10), rubric, rows, ("P1", "P2", "P3", "P4", "P5"))


def march(rubric: Rubric) -> SessionData:
    return _session(MARCH, dt.date(2026, 3, 10), rubric,
                    [audit(MARCH, "P6", "panel", 3), audit(MARCH, "P7", "panel", 2)])


def april(rubric: Rubric) -> SessionData:
    grades = {"P6": 2, "P7": 2, "P8": 2, "P9": 3, "P10": 3}
    return _session(APRIL, dt.date(2026, 4, 10), rubric,
                    [audit(APRIL, ref, "panel", g) for ref, g in grades.items()])
