"""An independent oracle for the contract's report figures (CONTRACT.md v2).

Computes key issues, themes and trend figures straight from the raw rows
``tests/oracle_data.py`` generated (never through the app's code), and compares
them with the app's JSON, returning every mismatch as one readable line.
"""

from __future__ import annotations

import calendar
import datetime as dt
import decimal
import itertools
import math
from collections import Counter, defaultdict
from fractions import Fraction
from typing import Any

from tests.oracle_data import World, is_shortfall, questions


def pct(num: int, den: int) -> float | None:
    """Exact ratio as a percentage, 1 dp, half away from zero; None when den is 0."""
    if den == 0:
        return None
    tenths = Fraction(1000 * num, den)
    return float(Fraction(math.floor(tenths + Fraction(1, 2)), 10))


def in_force(steps: list[dict[str, Any]], on: dt.date) -> float | None:
    best = None
    for s in sorted(steps, key=lambda s: s["from"]):
        if dt.date.fromisoformat(s["from"]) <= on:
            best = float(s["percent"])
    return best


def is_panel(row: dict[str, str]) -> bool:
    return row["auditor"].strip().lower() == "panel"


def good(rubric: dict[str, Any], grade: int) -> bool:
    return any(b["from"] <= grade <= b["to"] and b["good"] for b in rubric["overall"]["bands"])


def norm(q: dict[str, Any], value: str) -> str:
    """An answer as the rubric spells it (the import is case-insensitive)."""
    if value.upper() == "NA":
        return "NA"
    if q["type"] == "scale":
        return str(int(value))
    return next(o["code"] for o in q["options"] if o["code"].upper() == value.upper())


def themes_of(row: dict[str, str]) -> set[str]:
    return {t.strip() for t in row.get("themes", "").split(";") if t.strip()}


def indicator_figures(rubric: dict[str, Any], panel_rows: list[dict[str, str]],
                      on: dt.date | None,
                      listed: list[dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Counted/met over moderated plans' agreed answers (one panel row each).

    ``rubric``: the latest version (targets); ``listed``: the indicators to report
    (default: the latest version's), each taking the latest version's targets where
    that version still has it."""
    qs = {q["id"]: q for q in questions(rubric)}
    newest = {i["id"]: i for i in rubric["indicators"]}
    out = {}
    for entry in listed if listed is not None else rubric["indicators"]:
        ind = newest.get(entry["id"], entry)
        counted = met = 0
        for row in panel_rows:
            answers = [row.get(qid, "") for qid in ind["questions"]]
            answers = [a for a in answers if a]
            if not any(a.upper() != "NA" for a in answers):
                continue
            counted += 1
            if not any(is_shortfall(qs[qid], row[qid]) for qid in ind["questions"]
                       if row.get(qid, "")):
                met += 1
        out[ind["id"]] = {"label": ind["label"], "plans": counted, "met": met,
                          "percent_met": pct(met, counted),
                          "target_percent": None if on is None else in_force(ind["targets"], on)}
    return out


UNCHECKED = "not checked"


def alpha(grades: dict[str, dict[str, int]]) -> float | str | None:
    """Krippendorff's ordinal alpha with the standard package (UNCHECKED without it)."""
    if not any(len(g) >= 2 for g in grades.values()):
        return None
    if len({v for g in grades.values() if len(g) >= 2 for v in g.values()}) < 2:
        return None  # every pairable grade identical: alpha undefined
    try:
        import krippendorff
        import numpy as np
    except ImportError:  # pragma: no cover
        return UNCHECKED
    plans = sorted(grades)
    people = sorted({a for g in grades.values() for a in g})
    data = np.array([[grades[p].get(a, np.nan) for p in plans] for a in people], dtype=float)
    try:
        value = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal")
    except (ValueError, ZeroDivisionError):
        return None
    return None if math.isnan(value) else round(float(value), 3)


def key_issues(world: World, name: str) -> dict[str, Any]:
    s = next(x for x in world.sessions if x.name == name)
    rubric = world.rubrics[s.rubric]
    rows = [r for r in world.rows if r["session"] == name]
    panel = [r for r in rows if is_panel(r)]
    moderated = [r for r in panel if r.get("overall", "")]
    audited = {r["plan_ref"] for r in rows}
    grades = [int(r["overall"]) for r in moderated]
    qfig: dict[str, dict[str, Any]] = {}
    by_agency: Counter[str] = Counter()
    attributed = 0
    for q in questions(rubric):
        counts: Counter[str] = Counter()
        short = 0
        for r in panel:
            a = r.get(q["id"], "")
            if not a:
                continue
            counts[norm(q, a)] += 1
            if is_shortfall(q, a):
                short += 1
                ags = {x for x in r.get(q["id"] + ".agency", "").split(";") if x}
                by_agency.update(ags)
                attributed += bool(ags)
        qfig[q["id"]] = {"counts": dict(counts),
                         "shortfall_percent": pct(short, sum(counts.values()) - counts["NA"])}
    themes: dict[str, dict[str, Any]] = {}
    for t in rubric["themes"]:
        agreed = {r["plan_ref"] for r in panel if t["id"] in themes_of(r)}
        raised = {r["plan_ref"] for r in rows if t["id"] in themes_of(r)}
        themes[t["id"]] = {"label": t["label"], "plans": len(agreed), "raised": len(raised)}
    individual: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        if not is_panel(r) and r.get("overall", ""):
            individual[r["plan_ref"]][r["auditor"]] = int(r["overall"])
    pairs = [(a, b) for g in individual.values()
             for a, b in itertools.combinations(sorted(g.values()), 2)]
    return {
        "session": name,
        "rubric": {"id": s.rubric, "version": s.version},
        "plans_sampled": len(s.sample) if s.sample is not None else len(audited),
        "plans_audited": len(audited),
        "plans_moderated": len(moderated),
        "percent_good": pct(sum(good(rubric, g) for g in grades), len(grades)),
        "target_percent_good": in_force(rubric["overall"]["targets"], s.date),
        "grade_distribution": {str(k): v for k, v in Counter(grades).items()},
        "questions": qfig,
        "agencies": {a: {"shortfalls": n, "percent_of_shortfalls": pct(n, attributed)}
                     for a, n in by_agency.items()},
        "themes": themes,
        # the session version's indicators (ambiguous in the contract: see the report)
        "indicators": indicator_figures(rubric, moderated, s.date,
                                        world.versions[(s.rubric, s.version)]["indicators"]),
        "agreement": {"pairs": len(pairs),
                      "overall_exact_percent": pct(sum(a == b for a, b in pairs), len(pairs)),
                      "overall_within_one_percent": pct(sum(abs(a - b) <= 1 for a, b in pairs),
                                                        len(pairs)),
                      "krippendorff_alpha_ordinal": alpha(individual)},
    }


def months(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_end(month: str) -> dt.date:
    y, m = map(int, month.split("-"))
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def in_period(world: World, first: str, last: str) -> list[Any]:
    return [s for s in world.sessions if first <= s.date.strftime("%Y-%m") <= last]


def themes_report(world: World, first: str, last: str) -> dict[str, dict[str, Any]]:
    sessions = {s.name: s for s in in_period(world, first, last)}
    agreed: dict[str, set[str]] = defaultdict(set)
    raised: dict[str, set[str]] = defaultdict(set)
    by_month: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in world.rows:
        s = sessions.get(r["session"])
        if s is None:
            continue
        for t in themes_of(r):
            raised[t].add(r["plan_ref"])
            if is_panel(r):
                agreed[t].add(r["plan_ref"])
                by_month[t][s.date.strftime("%Y-%m")].add(r["plan_ref"])
    return {t: {"plans": len(agreed[t]), "raised": len(raised[t]),
                "by_month": {m: len(p) for m, p in by_month[t].items()}}
            for t in raised}


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson score bounds (z = 1.96) in percent, clamped to 0-100, to 1 dp half away
    from zero (computed in 40-digit decimals so no float error decides a rounding)."""
    with decimal.localcontext() as ctx:
        ctx.prec = 40
        z, p, nn = decimal.Decimal("1.96"), decimal.Decimal(k) / n, decimal.Decimal(n)
        denom = 1 + z * z / nn
        centre = (p + z * z / (2 * nn)) / denom
        half = z * (p * (1 - p) / nn + z * z / (4 * nn * nn)).sqrt() / denom
        low = max(decimal.Decimal(0), centre - half) * 1000
        high = min(decimal.Decimal(1), centre + half) * 1000
        return (float(low.to_integral_value(decimal.ROUND_HALF_UP) / 10),
                float(high.to_integral_value(decimal.ROUND_HALF_UP) / 10))


def trend(world: World, first: str, last: str, rubric_id: str | None = None) -> dict[str, Any]:
    sessions = in_period(world, first, last)
    if rubric_id is None:
        rubric_id = max(sessions, key=lambda s: (s.date, s.name)).rubric
    rubric = world.rubrics[rubric_id]
    periods = []
    for month in months(first, last):
        names = {s.name for s in sessions
                 if s.rubric == rubric_id and s.date.strftime("%Y-%m") == month}
        mod = [r for r in world.rows
               if r["session"] in names and is_panel(r) and r.get("overall", "")]
        n = len(mod)
        k = sum(good(rubric, int(r["overall"])) for r in mod)
        low, high = wilson(k, n) if n else (None, None)
        inds = indicator_figures(rubric, mod, None)
        periods.append({
            "period": month, "plans_moderated": n, "percent_good": pct(k, n),
            "ci_low": low, "ci_high": high,
            "target_percent_good": in_force(rubric["overall"]["targets"], month_end(month)),
            "indicators": {i: {k2: v for k2, v in f.items()
                               if k2 in ("plans", "met", "percent_met")}
                           for i, f in inds.items()}})
    return {"rubric": rubric_id,
            "target_percent_good": in_force(rubric["overall"]["targets"], month_end(last)),
            "periods": periods}


# ------------------------------------------------------------------ comparison


def _same(a: Any, b: Any, tol: float = 1e-9) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= tol
    return bool(a == b)


def _nonzero(d: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in d.items() if v}


def compare_key_issues(app: dict[str, Any], exp: dict[str, Any]) -> list[str]:
    where = f"key-issues[{exp['session']}]"
    bad = []

    def check(path: str, got: Any, want: Any, tol: float = 1e-9) -> None:
        if not _same(got, want, tol):
            bad.append(f"{where}.{path}: app {got!r}, oracle {want!r}")

    check("rubric", {k: app["rubric"].get(k) for k in ("id", "version")}, exp["rubric"])
    for key in ("session", "plans_sampled", "plans_audited", "plans_moderated",
                "percent_good", "target_percent_good"):
        check(key, app.get(key), exp[key])
    check("grade_distribution", _nonzero(app["grade_distribution"]), exp["grade_distribution"])
    app_q = {q["id"]: q for q in app["questions"]}
    for qid in set(app_q) - set(exp["questions"]):
        bad.append(f"{where}.questions: app lists {qid!r}, not a question of the rubric")
    for qid, want in exp["questions"].items():
        got = app_q.get(qid)
        if got is None:
            if want["counts"]:
                bad.append(f"{where}.questions[{qid}]: missing, oracle {want!r}")
            continue
        check(f"questions[{qid}].counts", _nonzero(got["counts"]), want["counts"])
        check(f"questions[{qid}].shortfall_percent", got["shortfall_percent"],
              want["shortfall_percent"])
    app_a = {a["agency"]: a for a in app["agencies"]}
    for ag in set(app_a) | set(exp["agencies"]):
        got_a = app_a.get(ag, {"shortfalls": 0})
        want_a = exp["agencies"].get(ag, {"shortfalls": 0})
        check(f"agencies[{ag}].shortfalls", got_a["shortfalls"], want_a["shortfalls"])
        if want_a["shortfalls"]:
            check(f"agencies[{ag}].percent_of_shortfalls", got_a.get("percent_of_shortfalls"),
                  want_a["percent_of_shortfalls"])
    app_t = {t["id"]: t for t in app["themes"]}
    for tid in set(app_t) - set(exp["themes"]):
        bad.append(f"{where}.themes: app lists {tid!r}, not a theme of the rubric")
    for tid, want in exp["themes"].items():
        got = app_t.get(tid, {"label": want["label"], "plans": 0, "raised": 0})
        for k in ("label", "plans", "raised"):
            check(f"themes[{tid}].{k}", got[k], want[k])
    app_i = {i["id"]: i for i in app["indicators"]}
    check("indicators.ids", sorted(app_i), sorted(exp["indicators"]))
    for iid, want in exp["indicators"].items():
        got = app_i.get(iid)
        if got is not None:
            for k in ("label", "plans", "met", "percent_met", "target_percent"):
                check(f"indicators[{iid}].{k}", got[k], want[k])
    for k, want in exp["agreement"].items():
        if want == UNCHECKED:
            continue  # the krippendorff package is not installed
        check(f"agreement.{k}", app["agreement"][k], want)
    return bad


def compare_themes(app: dict[str, Any], exp: dict[str, dict[str, Any]], label: str) -> list[str]:
    bad = []
    app_t = {t["id"]: t for t in app["themes"]}
    for tid in sorted(set(app_t) | set(exp)):
        got = app_t.get(tid, {"plans": 0, "raised": 0, "by_month": {}})
        want = exp.get(tid, {"plans": 0, "raised": 0, "by_month": {}})
        for k in ("plans", "raised"):
            if got[k] != want[k]:
                bad.append(f"themes{label}[{tid}].{k}: app {got[k]!r}, oracle {want[k]!r}")
        if _nonzero(got["by_month"]) != want["by_month"]:
            bad.append(f"themes{label}[{tid}].by_month: app {got['by_month']!r}, "
                       f"oracle {want['by_month']!r}")
    return bad


def compare_trend(app: dict[str, Any], exp: dict[str, Any], label: str) -> list[str]:
    bad = []
    for k in ("rubric", "target_percent_good"):
        if not _same(app.get(k), exp[k]):
            bad.append(f"trend{label}.{k}: app {app.get(k)!r}, oracle {exp[k]!r}")
    got_p = {p["period"]: p for p in app.get("periods", [])}
    if sorted(got_p) != [p["period"] for p in exp["periods"]]:
        bad.append(f"trend{label}.periods: app {sorted(got_p)}, "
                   f"oracle {[p['period'] for p in exp['periods']]}")
    for want in exp["periods"]:
        got = got_p.get(want["period"])
        if got is None:
            continue
        for k in ("plans_moderated", "percent_good", "target_percent_good", "ci_low", "ci_high"):
            if not _same(got.get(k), want[k]):
                bad.append(f"trend{label}[{want['period']}].{k}: app {got.get(k)!r}, "
                           f"oracle {want[k]!r}")
        for iid, wi in want["indicators"].items():
            gi = got.get("indicators", {}).get(iid, {"plans": 0, "met": 0, "percent_met": None})
            for k in ("plans", "met", "percent_met"):
                if not _same(gi.get(k), wi[k]):
                    bad.append(f"trend{label}[{want['period']}].indicators[{iid}].{k}: "
                               f"app {gi.get(k)!r}, oracle {wi[k]!r}")
    return bad
