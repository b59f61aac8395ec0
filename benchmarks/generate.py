"""Deterministic benchmark data: a small LA, a large county, any multiple, and a register CSV.

The schema (and the shipped rubrics) come from ``services.database.initialise``, so
the database is exactly what the app creates; the rows are then written with raw
``sqlite3.executemany`` in one transaction, which is what makes the large county
(60,000 plans, 120 sessions, ~100,000 audits, ~2.2 million answers) take seconds
rather than the hours the ORM-based demo loader would need.

Scales (``--scale``):

* ``small``  -- a small LA, one year: 600 plans, 12 monthly sessions of 21 plans x
  (5 auditors + the agreed panel row) = 1,512 audits, 33,264 answers.
* ``large``  -- a large county, ten years: 60,000 plans, 120 sessions of 139 plans x 6
  audits = 100,080 audits, 2,201,760 answers (+ attributions and theme tags).
* ``Nx``     -- N times the small LA (plans, sessions and audits all x N; sessions over
  min(N, 10) years, several a month when N > 10). Used for the scaling curve.

The rubric's latest version (stored after the sessions, which stay on the version
they were scored with) has three indicators and a dated target schedule
(``bench_indicators.py``), so the trend and dashboard compute indicators.

Every database also holds three fixed sessions the benchmarks use: ``Bench 60x5``
(60 plans x 5 auditors + agreed, for the scoring and moderation screens), ``Bench 12``
(12 plans, for the key issues report) and ``Bench autosave`` (5 plans, draft audits).

The shipped multi-agency rubric has 22 questions, so 100,000 audits hold at most 2.2M
answers; the issue's "~3,000,000 answers" is reached in rows (answers + attributions
+ theme tags), not in answers alone. Same arguments -> byte-identical rows.

    python benchmarks/generate.py --scale large --out /tmp/county.db
    python benchmarks/generate.py --register 50000 --out /tmp/register.csv
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUBRIC = "multi-agency-ehcp"
SEED = 20260101
END = dt.date(2026, 12, 1)  # the last session's month: fixed, so data never depends on today
NEEDS = ("ASD", "SLCN", "SEMH", "MLD", "SpLD", "SLD", "PD", "OTH", "PMLD", "HI", "VI", "MSI")
NEED_WEIGHTS = (30, 19, 18, 8, 5, 5, 4, 4, 2, 2, 2, 1)
TEAMS = ("North", "South", "East", "West", "Post-16")
SETTINGS = (("Oakfield Primary School", "mainstream"), ("Kingsway High School", "mainstream"),
            ("Brookfield Special School", "special"), ("Willow Resource Base",
            "resourced provision"), ("Little Acorns Pre-school", "early years"),
            ("Northgate College", "further education"))
AUDITORS = (("A. Patel", "sen_casework"), ("J. Okafor", "ep"), ("R. Hughes", "health"),
            ("S. Murray", "social_care"), ("K. Novak", "school_setting"))
SERVICES = ("paediatrics", "salt", "ot", "camhs", "physio")
STAMP = "2026-12-01 09:00:00.000000"
BENCH_60 = "Bench 60x5"
BENCH_12 = "Bench 12"
BENCH_SAVE = "Bench autosave"


@dataclass(frozen=True)
class Scale:
    name: str
    plans: int
    sessions: int
    plans_per_session: int
    years: int
    auditors: int = 5

    @property
    def audits(self) -> int:
        return self.sessions * self.plans_per_session * (self.auditors + 1)


def scale(name: str) -> Scale:
    if name == "small":
        return Scale("small", 600, 12, 21, 1)
    if name == "large":
        return Scale("large", 60_000, 120, 139, 10)
    if name.endswith("x") and name[:-1].isdigit():
        n = int(name[:-1])
        return Scale(name, 600 * n, 12 * n, 21, min(n, 10))
    raise SystemExit(f"unknown scale {name!r} (small, large or Nx, e.g. 10x)")


def _month_back(day: dt.date, back: int) -> dt.date:
    y, mo = divmod(day.year * 12 + day.month - 1 - back, 12)
    return dt.date(y, mo + 1, 1)


def _questions() -> list[tuple[str, list[str]]]:
    from qa_audit.rubrics.loader import load_rubric_file, shipped_rubric_files

    for path in shipped_rubric_files():
        rubric = load_rubric_file(path)
        if rubric.id == RUBRIC:
            return [(q.id, q.valid_answers()) for s in rubric.sections for q in s.questions]
    raise SystemExit(f"shipped rubric {RUBRIC} not found")


def create_schema(path: Path | str) -> None:
    """An empty, app-created database (schema at head + shipped rubrics)."""
    path = Path(path)
    os.environ.setdefault("QA_AUDIT_HOME", str(path.parent / ".qa-audit-home"))
    from qa_audit.services.actor import Actor
    from qa_audit.services.store import database

    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    result = database.initialise(str(path), Actor("bench", "bench-machine"))
    result.database.dispose()


def generate(path: Path | str, sc: Scale, *, seed: int = SEED) -> dict[str, int]:
    """Create ``path`` and fill it at scale ``sc``; returns row counts."""
    path = Path(path)
    create_schema(path)
    rng = random.Random(seed)
    questions = _questions()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-200000")
    (rv_id,) = con.execute(
        "SELECT id FROM rubric_version WHERE rubric_id=? ORDER BY version DESC LIMIT 1", (RUBRIC,)
    ).fetchone()
    con.execute("BEGIN")
    # ---- plans, issued over the period (oldest first)
    first = _month_back(END, sc.years * 12)
    span = (END - first).days
    plans = []
    issue = []
    for i in range(1, sc.plans + 1):
        d = first + dt.timedelta(days=(i * span) // sc.plans)
        need = rng.choices(NEEDS, NEED_WEIGHTS)[0]
        yg = rng.randint(-1, 14)
        setting, stype = SETTINGS[rng.randrange(len(SETTINGS))]
        issue.append(d)
        plans.append((i, f"P{i:07d}", d.isoformat(), (d - dt.timedelta(days=rng.randint(100, 160)))
                      .isoformat(), "new" if rng.random() < 0.7 else "review", yg,
                      "primary" if yg < 7 else "secondary" if yg < 12 else "post16", need,
                      setting, stype, TEAMS[i % len(TEAMS)], f"Caseworker {i % 40}",
                      rng.random() < 0.1, 1, STAMP, "bench"))
    con.executemany("INSERT INTO plan (id, plan_ref, issue_date, request_date, plan_type, "
                    "year_group, phase, primary_need, setting, setting_type, team, caseworker, "
                    "direct_payments, version, updated_at, updated_by) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", plans)
    advice = []
    for pid, _ref, _d, req, *_rest in plans[:: max(1, sc.plans // 20000)]:
        for svc in rng.sample(SERVICES, 2):
            got = None if rng.random() < 0.1 else (dt.date.fromisoformat(req)
                                                   + dt.timedelta(days=rng.randint(20, 70)))
            advice.append((pid, svc, req, got.isoformat() if got else None))
    con.executemany("INSERT INTO advice_request (plan_id, service, requested_date, "
                    "received_date) VALUES (?,?,?,?)", advice)

    # ---- sessions: (name, date, n plans); the fixed bench sessions come last
    months = sc.years * 12
    per_month = max(1, -(-sc.sessions // months))
    specs = []
    for k in range(sc.sessions):
        month = _month_back(END, months - 1 - (k // per_month))
        specs.append((f"Panel {month:%Y-%m} #{k % per_month + 1}", month
                      + dt.timedelta(days=9 + k % per_month), sc.plans_per_session))
    fixed = len(specs)
    specs.append((BENCH_12, END + dt.timedelta(days=14), 12))
    specs.append((BENCH_60, END + dt.timedelta(days=15), 60))
    specs.append((BENCH_SAVE, END + dt.timedelta(days=16), 5))  # draft audits: autosave
    sessions, members, samples, audits, answers, attrib, tags = [], [], [], [], [], [], []
    member_id = sample_id = audit_id = answer_id = 0
    n_plans = sc.plans
    for sid, (name, sdate, nplan) in enumerate(specs, start=1):
        sessions.append((sid, name, sdate.isoformat(), rv_id, "closed" if sid <= fixed
                         else "scoring", json.dumps({"size": nplan}), seed + sid, nplan * 5,
                         STAMP, STAMP, 1, STAMP, "bench"))
        ids = []
        for a_name, agency in AUDITORS[: sc.auditors]:
            member_id += 1
            ids.append((member_id, a_name, agency))
            members.append((member_id, sid, a_name, agency, "chair" if a_name == AUDITORS[0][0]
                            else "auditor", a_name == AUDITORS[0][0]))
        # plans issued in the three months before the session (the eligible window)
        hi = min(n_plans, max(nplan, _count_before(issue, sdate)))
        lo = max(0, hi - max(nplan * 3, n_plans // max(1, len(specs)) * 3))
        chosen = sorted(rng.sample(range(lo + 1, hi + 1), nplan))
        for pos, pid in enumerate(chosen, start=1):
            sample_id += 1
            samples.append((sample_id, sid, pid, pos, None))
            quality = rng.random()
            for who in [*ids, (None, "Panel", None)]:
                mid, a_name, agency = who
                audit_id += 1
                lenient = 0.0 if mid is None else rng.uniform(-0.15, 0.15)
                grade = max(1, min(8, round(1 + 7 * (quality + lenient))))
                audits.append((audit_id, sid, pid, mid, a_name, mid is None, agency,
                               sdate.isoformat(), grade, "draft" if name == BENCH_SAVE
                               else "submitted", "Clear golden thread."
                               if grade >= 6 else None, None if grade >= 6 else
                               "Quantify Section F provision.", STAMP, 1, STAMP, a_name))
                for qid, valid in questions:
                    answer_id += 1
                    r = quality + lenient + rng.uniform(-0.3, 0.3)
                    value = valid[0] if r > 0.6 else valid[1] if r > 0.3 else valid[2]
                    answers.append((answer_id, audit_id, qid, value))
                    if value == valid[2] and rng.random() < 0.3:
                        attrib.append((answer_id, AUDITORS[rng.randrange(5)][1]))
                if grade <= 3:
                    tags.append((audit_id, "provision_not_quantified", "provision_education",
                                 "Section F: 'up to 10 hours of support'."))
    con.executemany("INSERT INTO audit_session (id, name, session_date, rubric_version_id, "
                    "status, sample_settings_json, sample_seed, sample_eligible, "
                    "sample_drawn_at, created_at, version, updated_at, updated_by) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", sessions)
    con.executemany("INSERT INTO panel_member (id, session_id, name, agency, role, can_moderate)"
                    " VALUES (?,?,?,?,?,?)", members)
    con.executemany("INSERT INTO sample_entry (id, session_id, plan_id, position, stratum) "
                    "VALUES (?,?,?,?,?)", samples)
    con.executemany("INSERT INTO audit (id, session_id, plan_id, member_id, auditor, is_panel, "
                    "agency, audit_date, overall, status, strengths, development, "
                    "submitted_at, version, updated_at, updated_by) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", audits)
    con.executemany("INSERT INTO answer (id, audit_id, question_id, value) VALUES (?,?,?,?)",
                    answers)
    con.executemany("INSERT INTO shortfall_attribution (answer_id, agency) VALUES (?,?)", attrib)
    con.executemany("INSERT INTO theme_tag (audit_id, theme_id, question_id, excerpt) "
                    "VALUES (?,?,?,?)", tags)
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    _store_indicator_version(path)
    return {"plans": len(plans), "advice": len(advice), "sessions": len(sessions),
            "audits": len(audits), "answers": len(answers), "attributions": len(attrib),
            "theme_tags": len(tags)}


def _store_indicator_version(path: Path) -> None:
    """Store the rubric's next version with three indicators and a dated target schedule
    (``bench_indicators.py``, which the raw baseline's SQL knows): the trend then
    computes indicators as a council's would. Sessions keep the version they were
    scored with; reports take targets and indicators from the latest."""
    from qa_audit.rubrics.loader import load_rubric_text
    from qa_audit.services import rubrics
    from qa_audit.services.actor import Actor
    from qa_audit.services.store import database

    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    from bench_indicators import indicator_rubric_text

    db = database.open_existing(str(path))
    try:
        with db.write() as session:
            text = indicator_rubric_text()
            rubrics.store_rubric(session, load_rubric_text(text), text,
                                 Actor("bench", "bench-machine"))
    finally:
        db.dispose()


def _count_before(issue: list[dt.date], day: dt.date) -> int:
    import bisect

    return bisect.bisect_left(issue, day)


def write_register(path: Path | str, rows: int, *, seed: int = SEED) -> None:
    """A plan register CSV as an LA exports it (headers the import wizard recognises)."""
    path = Path(path)
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["EHCP Ref", "Date Issued", "Request Date", "Plan Type", "NCY",
                    "Primary Need", "Establishment", "Setting Type", "Team", "Caseworker",
                    "Direct Payments"])
        start = dt.date(2016, 1, 1)
        for i in range(1, rows + 1):
            d = start + dt.timedelta(days=(i * 3650) // rows)
            setting, stype = SETTINGS[rng.randrange(len(SETTINGS))]
            w.writerow([f"R{i:07d}", d.strftime("%d/%m/%Y"),
                        (d - dt.timedelta(days=rng.randint(100, 160))).strftime("%d/%m/%Y"),
                        "New" if rng.random() < 0.7 else "Review", rng.randint(-1, 14),
                        rng.choices(NEEDS, NEED_WEIGHTS)[0], setting, stype,
                        TEAMS[i % len(TEAMS)], f"Caseworker {i % 40}",
                        "Yes" if rng.random() < 0.1 else "No"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", help="small, large or Nx (N times the small LA)")
    ap.add_argument("--register", type=int, metavar="ROWS", help="write a register CSV instead")
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.register:
        write_register(args.out, args.register)
        print(f"{args.out}: {args.register} rows in {time.perf_counter() - t0:.1f} s")
        return 0
    counts = generate(args.out, scale(args.scale or "small"))
    print(f"{args.out}: {counts} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
