"""Seeded, realistic test data for the contract oracle, built only through the CLI.

Generates a plan register, a format-2 rubric (two versions with different dated
targets) and scored-audit files, imports them with ``qa-audit``, and keeps the raw
rows so ``tests/oracle.py`` can compute every figure independently of the app.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_audit.cli import main

SHIPPED = Path(__file__).resolve().parents[1] / "rubrics" / "multi-agency-ehcp.yaml"
RUBRIC_ID = "oracle-ehcp"
OTHER_RUBRIC = "pfa-year9"
AUDITORS = (("Asha Khan", "sen_casework"), ("Ben Ortiz", "ep"), ("Cara Lund", "health"),
            ("Dev Patel", "social_care"), ("Eve Moss", "school_setting"))

# v1 is in force for the early sessions; v2 (imported mid-period) rewrites the schedule.
TARGETS_V1 = (("2026-01-01", 70), ("2026-06-01", 80))
TARGETS_V2 = (("2026-01-01", 75), ("2026-06-15", 85), ("2026-09-01", 90))
INDICATORS_V1: tuple[tuple[str, str, tuple[str, ...], tuple[tuple[str, float], ...]], ...] = (
    ("voice", "Voice of the child and family", ("cyp_voice", "parent_views"),
     (("2026-01-01", 60),)),
    ("health_info", "Good quality health information",
     ("needs_health", "provision_health", "health_advice_quality"), (("2026-01-01", 100),)),
    ("social_care_na", "Social care provision", ("provision_social_care",), ()),
    ("readable", "Readable length", ("plan_length", "plan_accessible"),
     (("2026-07-01", 50),)),
)
INDICATORS_V2 = (
    (*INDICATORS_V1[0][:3], (("2026-01-01", 65), ("2026-05-20", 70))),
    (*INDICATORS_V1[1][:3], (("2026-01-01", 90), ("2026-08-01", 100))),
    INDICATORS_V1[2],
    (*INDICATORS_V1[3][:3], (("2026-07-01", 55.5),)),
    ("pfa_ready", "Year 9+ aspirations and outcomes", ("pfa_aspirations", "pfa_outcomes"),
     (("2026-01-01", 80),)),  # new in version 2
)

SCALE_QUESTION = """
      - id: plan_length
        text: How well does the plan's length suit the family?
        type: scale
        min: 1
        max: 5
        good_from: 3
        allows_na: true
"""


def shipped_text(new_id: str) -> str:
    """The shipped rubric under another id, without the indicators it ships with (each
    test rubric declares its own)."""
    text = SHIPPED.read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^indicators:\n.*?(?=^\S)", "", text)
    return re.sub(r"(?m)^id: multi-agency-ehcp$", f"id: {new_id}", text)


def rubric_yaml(targets: tuple[tuple[str, float], ...],
                indicators: tuple[tuple[str, str, tuple[str, ...],
                                        tuple[tuple[str, float], ...]], ...]) -> str:
    """The shipped multi-agency rubric under a new id, with a scale question, dated
    targets and indicators added (format 2)."""
    text = shipped_text(RUBRIC_ID)
    steps = "".join(f"    - {{from: {d}, percent: {p}}}\n" for d, p in targets)
    text = text.replace("  target_percent_good: 80\n", "  targets:\n" + steps)
    text = text.rstrip("\n") + "\n" + SCALE_QUESTION + "\nindicators:\n"
    for iid, label, qs, tg in indicators:
        text += f"  - id: {iid}\n    label: {label}\n    questions: [{', '.join(qs)}]\n"
        if tg:
            text += "    targets:\n" + "".join(
                f"      - {{from: {d}, percent: {p}}}\n" for d, p in tg)
    return text


LOW_RUBRIC = "oracle-ofsted"
LOW_OVERALL = """overall:
  min: 1
  max: 4
  best: low
  targets:
    - {from: 2026-08-15, percent: 60}
  bands:
    - {label: Outstanding, from: 1, to: 1, good: true, rag: blue}
    - {label: Good, from: 2, to: 2, good: true, rag: green}
    - {label: Requires improvement, from: 3, to: 3, good: false, rag: amber}
    - {label: Inadequate, from: 4, to: 4, good: false, rag: red}

"""


def low_rubric_yaml() -> str:
    """The shipped rubric on a 1-4 scale where 1 is best (Ofsted style), one indicator."""
    text = shipped_text(LOW_RUBRIC)
    start, end = text.index("\noverall:\n") + 1, text.index("\nagencies:\n") + 1
    text = text[:start] + LOW_OVERALL + text[end:]
    return text.rstrip("\n") + """
indicators:
  - id: voice
    label: Voice of the child
    questions: [cyp_voice]
    targets:
      - {from: 2026-08-20, percent: 50}
"""


def cli(db: Path, *args: str) -> tuple[int, str, str]:
    """Run ``qa-audit --db DB ARGS`` in-process; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--db", str(db), *args])
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def ok(db: Path, *args: str) -> str:
    code, out, err = cli(db, *args)
    assert code == 0, f"qa-audit {' '.join(args)} failed ({code}): {err}"
    return out


@dataclass
class Session:
    name: str
    rubric: str
    date: dt.date
    plans: list[str]
    sample: list[str] | None = None
    version: int = 1


@dataclass
class World:
    """Everything generated: the oracle reads only this (and the rubric JSON)."""

    plans: dict[str, dict[str, str]]
    sessions: list[Session]
    rows: list[dict[str, str]] = field(default_factory=list)
    rubrics: dict[str, dict[str, Any]] = field(default_factory=dict)  # latest version JSON
    versions: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    samples: list[dict[str, Any]] = field(default_factory=list)  # sample draw --json


def _year(value: str) -> int | None:
    named = {"N1": -2, "N2": -1, "R": 0}
    if value in named:
        return named[value]
    return int(value) if value else None


def applies(question: dict[str, Any], plan: dict[str, str]) -> bool:
    """The two conditions the generated rubrics use (generation only, not a figure)."""
    cond = question.get("applies_when")
    if not cond:
        return True
    m = re.fullmatch(r"(\w+) (>=|==) (\w+)", cond)
    assert m, cond
    fld, op, val = m.groups()
    have = plan.get(fld, "")
    if have == "":
        return True
    if op == ">=":
        y = _year(have)
        return y is None or y >= int(val)
    return have.lower() == val.lower()


def questions(rubric: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for s in rubric["sections"] for q in s["questions"]]


def is_shortfall(question: dict[str, Any], answer: str) -> bool:
    if answer.upper() == "NA":
        return False
    if question["type"] == "scale":
        return int(answer) < question["good_from"]
    return any(o["shortfall"] for o in question["options"]
               if o["code"].upper() == answer.upper())


def make_plans(rng: random.Random, n: int = 150) -> dict[str, dict[str, str]]:
    plans: dict[str, dict[str, str]] = {}
    start = dt.date(2025, 9, 1)
    for i in range(1, n + 1):
        issue = start + dt.timedelta(days=rng.randrange(0, 380))
        if i % 10 == 0:
            gap: int | None = 140
        elif i % 10 == 1:
            gap = 141
        elif i % 7 == 0:
            gap = None
        else:
            gap = rng.randrange(60, 260)
        request = "" if gap is None else (issue - dt.timedelta(days=gap)).isoformat()
        plans[f"QA{i:04d}"] = {
            "plan_ref": f"QA{i:04d}",
            "issue_date": issue.isoformat() if i % 3 else issue.strftime("%d/%m/%Y"),
            "request_date": request,
            "plan_type": rng.choice(["new", "new", "new", "amended", "review", ""]),
            "year_group": rng.choice(["N1", "R", "2", "5", "8", "9", "10", "11", "13", ""]),
            "primary_need": rng.choice(["ASD", "SEMH", "SLCN", "MLD", "SpLD", "PD", ""]),
            "direct_payments": rng.choice(["yes", "no", "", "no"]),
            "team": rng.choice(["North", "South", "East"]),
        }
    return plans


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str],
              encoding: str = "utf-8", headers: dict[str, str] | None = None) -> None:
    """``headers``: the spelling written for each column (matching ignores case,
    spaces, ``_`` and ``-``)."""
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow([(headers or {}).get(c, c) for c in columns])
        for r in rows:
            w.writerow([r.get(c, "") for c in columns])


def council_header(column: str) -> str:
    """How a council's spreadsheet might spell a column: 'Plan Ref', 'CYP-Voice.Agency'."""
    return "-".join(part.title() if i % 2 else part.upper()
                    for i, part in enumerate(column.replace("_", " ").split(" ")))


def write_xlsx(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    """Excel as a council keeps it: date cells for dates, numbers for grades and scales."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(columns)
    for r in rows:
        cells: list[object] = []
        for c in columns:
            v = r.get(c, "")
            if v and c == "audit_date":
                cells.append(dt.date.fromisoformat(v))
            elif v.isdigit():
                cells.append(int(v))
            else:
                cells.append(v or None)
        ws.append(cells)
    wb.save(path)


def answer(rng: random.Random, q: dict[str, Any], bias: float) -> str:
    r = rng.random()
    if r < 0.08:
        return ""
    if q["allows_na"] and r < 0.2:
        return rng.choice(["NA", "na"])
    if q["type"] == "scale":
        return str(min(q["max"], max(q["min"], round(rng.gauss(q["min"] + bias * 4, 1.1)))))
    code = rng.choices(["Y", "P", "N"], weights=[bias * 6, 2, 1.2])[0]
    return code.lower() if rng.random() < 0.1 else code


def audit_rows(rng: random.Random, s: Session, rubric: dict[str, Any],
               plans: dict[str, dict[str, str]], with_rubric_column: bool,
               several_agencies: bool, unmoderated: bool = False) -> list[dict[str, str]]:
    """2-3 auditors and (mostly) the panel per plan, with blanks, NA, agencies, themes.

    ``unmoderated``: members only, every grade 5 (alpha undefined), one plan with
    a single grade, and no panel rows at all.
    """
    rows = []
    agencies = [a["id"] for a in rubric["agencies"]]
    themes = [t["id"] for t in rubric["themes"]]
    for k, ref in enumerate(s.plans):
        bias = rng.uniform(0.3, 1.0)
        lo, hi = rubric["overall"]["min"], rubric["overall"]["max"]
        truth = min(hi, max(lo, round(lo + bias * (hi - lo) + rng.gauss(0, 0.8))))
        if rubric["overall"].get("best") == "low":
            truth = lo + hi - truth
        members = rng.sample(AUDITORS, rng.choice([2, 2, 3]))
        people: list[tuple[str, str]] = list(members)
        if unmoderated:
            people = people[:1] if k == 0 else people[:2]
        elif rng.random() < 0.85:
            people.append((rng.choice(["panel", "Panel", "PANEL"]), ""))
        for who, own_agency in people:
            agency = own_agency if own_agency in agencies else ""
            panel = who.lower() == "panel"
            day = s.date + dt.timedelta(days=0 if k == 0 else rng.randrange(0, 6))
            row = {"session": s.name, "plan_ref": ref, "auditor": who, "agency": agency,
                   "audit_date": day.isoformat() if (k == 0 or rng.random() < 0.7) else ""}
            if with_rubric_column:
                row["rubric"] = s.rubric
            if panel:
                row["overall"] = "" if rng.random() < 0.12 else str(truth)
            else:
                grade = truth + rng.choice([-2, -1, 0, 0, 0, 1, 1])
                row["overall"] = "" if rng.random() < 0.1 else str(min(hi, max(lo, grade)))
                if unmoderated:
                    row["overall"] = "5"
            for q in questions(rubric):
                if not applies(q, plans[ref]):
                    continue
                a = answer(rng, q, bias)
                row[q["id"]] = a
                if a and is_shortfall(q, a) and rng.random() < 0.8:
                    n = rng.choice([1, 1, 1, 2, 2, 3]) if several_agencies else 1
                    row[q["id"] + ".agency"] = ";".join(rng.sample(agencies, n))
                    row[q["id"] + ".note"] = "See section F."
            r = rng.random()
            if (panel and r < 0.6) or (not panel and r < 0.45):
                row["themes"] = ";".join(rng.sample(themes, rng.choice([1, 1, 2, 3])))
            rows.append(row)
    return rows


def columns_for(rubric: dict[str, Any], with_rubric_column: bool) -> list[str]:
    cols = ["session"] + (["rubric"] if with_rubric_column else [])
    cols += ["plan_ref", "auditor", "agency", "audit_date", "overall"]
    for q in questions(rubric):
        cols += [q["id"], q["id"] + ".note", q["id"] + ".agency"]
    return [*cols, "themes", "strengths", "development"]


SESSION_PLAN = (  # name, rubric, date, plans, drawn sample size (None: not drawn)
    ("Panel 2025-12", RUBRIC_ID, "2025-12-10", 8, None),  # before the first target step
    ("Panel 2026-02", RUBRIC_ID, "2026-02-12", 16, None),
    ("Panel 2026-03", RUBRIC_ID, "2026-03-10", 17, None),
    ("Panel 2026-04", RUBRIC_ID, "2026-04-14", 14, 18),
    ("Panel 2026-05", RUBRIC_ID, "2026-05-06", 15, None),
    ("PfA review 2026-05", OTHER_RUBRIC, "2026-05-20", 12, None),
    # v2 of the rubric is imported here
    ("Panel 2026-06", RUBRIC_ID, "2026-06-09", 16, None),
    ("Panel 2026-07a", RUBRIC_ID, "2026-07-07", 12, None),
    ("Panel 2026-07b", RUBRIC_ID, "2026-07-28", 12, None),
    ("Panel 2026-06b", RUBRIC_ID, "2026-06-15", 5, None),  # unmoderated; on a target step
    ("Ofsted-style 2026-08", LOW_RUBRIC, "2026-08-18", 14, None),  # 1 = best
    ("Ofsted-style 2026-08b", LOW_RUBRIC, "2026-08-25", 10, None),
    ("Panel 2026-09", RUBRIC_ID, "2026-09-15", 18, None),
    # same date, created later, smaller name: the trend's default rubric stays oracle-ehcp
    ("Adulthood review 2026-09", OTHER_RUBRIC, "2026-09-15", 8, None),
)
UNMODERATED = "Panel 2026-06b"
SPLIT = "Panel 2026-03"
AS_XLSX = "Panel 2026-05"
AS_COUNCIL_CSV = "Panel 2026-07a"


def reimport(db: Path, tmp: Path, rng: random.Random, world: World,
             rubric: dict[str, Any]) -> None:
    """Members revise their scores of one session (re-import updates rows by key);
    the panel's file of another is imported again unchanged."""
    members = [r for r in world.rows
               if r["session"] == SPLIT and r["auditor"].lower() != "panel"]
    for r in members[:6]:
        r["overall"] = str(rng.randint(1, 8))
        if r.get("cyp_voice", "").upper() in ("Y", ""):
            r["cyp_voice"] = "N"
            r.pop("cyp_voice.agency", None)
        r["themes"] = "vague_wording"
    path = tmp / "audits-revised.csv"
    write_csv(path, members, columns_for(rubric, False))
    ok(db, "audits", "import", str(path))
    panel = [r for r in world.rows
             if r["session"] == "Panel 2026-02" and r["auditor"].lower() == "panel"]
    write_csv(tmp / "audits-again.csv", panel, columns_for(rubric, False))
    ok(db, "audits", "import", str(tmp / "audits-again.csv"))
V2_BEFORE = "Panel 2026-06"


def build(tmp: Path, seed: int = 20261206,
          several_agencies: bool = True) -> tuple[Path, World]:
    """Create, fill and return the database and the raw rows behind it."""
    rng = random.Random(seed)
    db = tmp / "oracle.db"
    ok(db, "init")
    plans = make_plans(rng)
    reg = tmp / "register.csv"
    cols = ["plan_ref", "issue_date", "request_date", "plan_type", "year_group",
            "primary_need", "direct_payments", "team"]
    write_csv(reg, list(plans.values()), cols)
    ok(db, "plans", "import", str(reg))
    v1, v2 = tmp / "rubric-v1.yaml", tmp / "rubric-v2.yaml"
    v1.write_text(rubric_yaml(TARGETS_V1, INDICATORS_V1), encoding="utf-8")
    v2.write_text(rubric_yaml(TARGETS_V2, INDICATORS_V2), encoding="utf-8")
    ok(db, "rubric", "import", str(v1))
    low = tmp / "rubric-low.yaml"
    low.write_text(low_rubric_yaml(), encoding="utf-8")
    ok(db, "rubric", "import", str(low))
    shown = {rid: json.loads(ok(db, "rubric", "show", rid, "--json"))
             for rid in (RUBRIC_ID, OTHER_RUBRIC, LOW_RUBRIC)}
    world = World(plans=plans, sessions=[])
    refs = sorted(plans)
    version = 1
    for name, rid, date, n, draw in SESSION_PLAN:
        if name == V2_BEFORE:
            ok(db, "rubric", "import", str(v2))
            version = 2
            shown[RUBRIC_ID] = json.loads(ok(db, "rubric", "show", RUBRIC_ID, "--json"))
        s = Session(name, rid, dt.date.fromisoformat(date), [],
                    version=version if rid == RUBRIC_ID else 1)
        if draw:
            ok(db, "session", "create", name, "--rubric", rid, "--date", date)
            drawn = json.loads(ok(db, "sample", "draw", "--session", name, "--size", str(draw),
                                  "--seed", "7", "--exclude-months", "0", "--json"))
            s.sample = list(drawn["plans"])
            world.samples.append(drawn)
            s.plans = rng.sample(s.sample, n)
            s.plans.append(next(p for p in refs if p not in s.sample))  # audited, not drawn
        else:
            s.plans = rng.sample(refs, n)
        if name == "Panel 2026-07b":  # plans the panel tagged in 07a come again
            tagged = {r["plan_ref"]: r["themes"] for r in world.rows
                      if r["session"] == "Panel 2026-07a" and r["auditor"].lower() == "panel"
                      and r.get("themes")}
            keep = sorted(tagged)[:3]
            s.plans = keep + [p for p in s.plans if p not in keep][: n - 3]
        rubric = shown[rid]
        with_col = rid == OTHER_RUBRIC
        rows = audit_rows(rng, s, rubric, plans, with_col, several_agencies,
                          unmoderated=name == UNMODERATED)
        if name == "Panel 2026-07b":  # ... and the panel agrees the same themes again
            for r in rows:
                if r["plan_ref"] in keep and r["auditor"].lower() == "panel":
                    r["themes"] = tagged[r["plan_ref"]]
        extra = [] if with_col else ["--rubric", rid]
        if name == SPLIT:  # members' file first, the panel's file later
            parts = [[r for r in rows if r["auditor"].lower() != "panel"],
                     [r for r in rows if r["auditor"].lower() == "panel"]]
        else:
            parts = [rows]
        for i, part in enumerate(parts):
            path = tmp / f"audits-{len(world.sessions)}-{i}.csv"
            cols = columns_for(rubric, with_col)
            if name == AS_XLSX:
                path = path.with_suffix(".xlsx")
                write_xlsx(path, part, cols)
            elif name == AS_COUNCIL_CSV:  # Windows-1252, headers spelt another way
                for r in part:
                    if r.get("cyp_voice.note"):
                        r["cyp_voice.note"] = "Café notes £"
                write_csv(path, part, cols, "cp1252", {c: council_header(c) for c in cols})
            else:
                write_csv(path, part, cols, "utf-8-sig" if i else "utf-8")
            ok(db, "audits", "import", str(path), *extra)
        world.sessions.append(s)
        world.rows += rows
    reimport(db, tmp, rng, world, shown[RUBRIC_ID])
    world.rubrics = shown
    for s in world.sessions:
        world.versions[(s.rubric, s.version)] = json.loads(ok(
            db, "rubric", "show", s.rubric, "--version", str(s.version), "--json"))
    return db, world
