"""The council rubric library end to end, one council at a time, through the command line.

Each file in ``rubrics/councils/`` validates, imports, carries a session on six demo-like
plans (register with the custom field ``looked_after``), takes an audits file scored by
two auditors and the panel, and gives a key issues PDF and JSON. The figures checked are
worked out by hand below from the panel answers each case sets (CONTRACT "Report figures").
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import pytest

from qa_audit.domain.rubric import Rubric
from qa_audit.rubrics.library import council_rubric_files, council_rubrics
from qa_audit.rubrics.loader import load_rubric_file, shipped_rubric_files

from .cli_helpers import run_cli

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "tests" / "schemas"
COUNCILS = ROOT / "rubrics" / "councils"

# Six plans like the demo data's; looked_after is a custom plan field.
REGISTER = [
    # plan_ref, plan_type, year_group, primary_need, team, setting_type,
    # direct_payments, looked_after
    ("EHC-104217", "new", "10", "ASD", "North", "mainstream secondary", "yes", "yes"),
    ("EHC-118530", "new", "4", "SLCN", "South", "mainstream primary", "no", "no"),
    ("EHC-230914", "review", "11", "SEMH", "East", "special school", "yes", "no"),
    ("EHC-311678", "amended", "7", "MLD", "West", "mainstream secondary", "no", "yes"),
    ("EHC-472085", "new", "12", "SpLD", "Post-16", "FE college", "no", "no"),
    ("EHC-580331", "new", "R", "PMLD", "North", "early years", "yes", "no"),
]
REFS = [row[0] for row in REGISTER]


@dataclass(frozen=True)
class Case:
    """One council's session: when, the panel's grades and shortfalls, and figures by hand."""

    file: str
    date: dt.date
    grades: tuple[int, ...]  # agreed overall grade of P1..P6
    # question id -> {plan number 1-6: (answer, agencies ";"-joined)}; every other panel
    # answer is the question's first non-shortfall option
    answers: dict[str, dict[int, tuple[str, str]]]
    percent_good: float
    target: float | None
    # indicator id -> (plans, met, percent_met, target_percent)
    indicators: dict[str, tuple[int, int, float | None, float | None]]
    agencies: dict[str, tuple[int, float]] = field(default_factory=dict)
    reasons: dict[str, dict[int, str]] = field(default_factory=dict)


CASES = [
    # Ealing: 1-4, 3-4 good; no overall target. Health advice within 6 weeks: P2 N/A,
    # P4 No -> counted P1 P3 P4 P5 P6 = 5, met 4 = 80.0%; in force on 2019-06-12: 98%
    # (from May 2019). 20 weeks: new plans P1 P2 P5 P6, all Yes, no target before 9/19.
    Case("ealing-sef-2018.yaml", dt.date(2019, 6, 12), (4, 3, 2, 3, 1, 3),
         {"health_advice_6_weeks": {2: ("NA", ""), 4: ("N", "health")}},
         percent_good=66.7, target=None,
         indicators={"health_advice_6_weeks": (5, 4, 80.0, 98.0),
                     "within_20_weeks": (4, 4, 100.0, None)}),
    # Thurrock: 1-4, 3-4 good; target 100% from 2020-08-01 (75% before). Views reflected
    # (two questions): P2 views Partly, P5 family No -> 6 counted, 4 met = 66.7%, target
    # 100% from July 2020.
    Case("thurrock-wsoa-2019.yaml", dt.date(2020, 9, 10), (3, 2, 4, 3, 1, 3),
         {"views_wishes_feelings": {2: ("P", "send_team")},
          "family_views_reflected": {5: ("N", "send_team;social_care")}},
         percent_good=66.7, target=100.0,
         indicators={"views_reflected": (6, 4, 66.7, 100.0),
                     "clear_accessible": (6, 6, 100.0, None)},
         agencies={"send_team": (2, 100.0), "social_care": (1, 50.0)}),
    # Kingston: 1-8, 6-8 good; target 100% from March 2021. Provision: P1 Partly
    # (education, EPS), P4 No (EPS, health); voice: P3 No (education; family did not
    # engage), P6 No (education, social care; complexity of needs). Voice 4 of 6 = 66.7%.
    # Agencies over the 4 attributed shortfalls: education 3 = 75%, EPS 2 = 50%, health 1
    # = 25%, social care 1 = 25% (175% in all: one shortfall, several agencies).
    Case("kingston-wsoa-2021.yaml", dt.date(2021, 4, 20), (7, 5, 8, 6, 2, 6),
         {"provision_quantified": {1: ("P", "education;eps"), 4: ("N", "eps;health")},
          "cyp_voice": {3: ("N", "education"), 6: ("N", "education;social_care")}},
         percent_good=66.7, target=100.0,
         indicators={"voice_of_child": (6, 4, 66.7, None),
                     "provision_quantified": (6, 4, 66.7, None)},
         agencies={"education": (3, 75.0), "eps": (2, 50.0), "health": (1, 25.0),
                   "social_care": (1, 25.0)},
         reasons={"cyp_voice": {3: "family_not_engaged", 6: "complexity_of_needs"}}),
    # Medway: 1-4 with 1 = Outstanding (best: low), 1-2 good; 80% from April 2018, 85%
    # from November 2018. Year 9+ aspirations: P1 P3 P5 apply, P3 No -> 2 of 3 = 66.7%
    # (80%). Direct payments: P1 P3 P6 apply, P6 Partly -> 66.7% (100%). Health
    # information: P4 No -> 5 of 6 = 83.3% (100%).
    Case("medway-wsoa-2018.yaml", dt.date(2019, 1, 15), (1, 2, 2, 3, 4, 2),
         {"long_term_aspirations": {3: ("N", "sen_assessment")},
          "direct_payments": {6: ("P", "social_care")},
          "health_info": {4: ("N", "health")}},
         percent_good=66.7, target=85.0,
         indicators={"year9_aspirations": (3, 2, 66.7, 80.0),
                     "direct_payments_included": (3, 2, 66.7, 100.0),
                     "health_information": (6, 5, 83.3, 100.0),
                     "social_care_information": (6, 6, 100.0, 100.0)}),
    # Staffordshire: 1-4, 3-4 good; no overall target. PEP questions only for looked-after
    # P1 and P4: P4 Partly -> 1 of 2 = 50.0%. 20 weeks: new plans P1 P2 P5 P6, P2 N/A, P5
    # No -> 2 of 3 = 66.7%, 90% from December 2021.
    Case("staffordshire-priority4-2021.yaml", dt.date(2022, 1, 18), (3, 3, 2, 4, 1, 3),
         {"pep_aligned": {4: ("P", "social_care;education_setting")},
          "within_20_weeks": {2: ("NA", ""), 5: ("N", "send_assessment")}},
         percent_good=66.7, target=None,
         indicators={"looked_after_pep": (2, 1, 50.0, None),
                     "produced_in_20_weeks": (3, 2, 66.7, 90.0)}),
]
IDS = [c.file.removesuffix(".yaml") for c in CASES]



def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:  # Debian: apt-get install poppler-utils
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return path


def schema_check(data: object, name: str) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


# ------------------------------------------------------------------ the library


def test_library_lists_the_five_councils_and_init_leaves_them_out() -> None:
    files = council_rubric_files()
    assert [p.name for p in files] == sorted(c.file for c in CASES)
    listed = council_rubrics()
    assert [r.id for r in listed] == sorted(IDS)  # file name = rubric id
    assert all(r.title and r.title != r.id for r in listed)
    # shipped_rubric_files (what init imports) does not pick up the library
    assert not set(files) & set(shipped_rubric_files())


def test_every_council_file_has_a_header_citing_its_seed() -> None:
    for path in council_rubric_files():
        head = path.read_text(encoding="utf-8").split("\nid:", 1)[0]
        assert "Source (seed 00" in head, path.name
        assert "Literal:" in head and "Our wording:" in head, path.name
        assert "Dates and figures:" in head, path.name


# ------------------------------------------------------------------ end to end


def _register(tmp_path: Path, date: dt.date) -> Path:
    f = tmp_path / "register.csv"
    with f.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["Plan Ref", "Issue Date", "Request Date", "Plan Type", "NCY",
                    "Primary Need", "Team", "Setting Type", "Direct Payments", "Looked After"])
        for i, (ref, ptype, yg, need, team, st, dp, la) in enumerate(REGISTER):
            issue = date - dt.timedelta(days=20 + i)
            request = issue - dt.timedelta(days=126 + 3 * i)
            w.writerow([ref, issue.isoformat(), request.isoformat(), ptype, yg, need, team,
                        st, dp, la])
    return f


def _facts(custom_fields: bool) -> list[dict[str, object]]:
    facts = []
    for _ref, ptype, yg, need, _team, st, dp, la in REGISTER:
        f: dict[str, object] = {"plan_type": ptype, "year_group": yg, "primary_need": need,
                                "setting_type": st, "direct_payments": dp}
        if custom_fields:
            f["looked_after"] = la
        facts.append(f)
    return facts


def _audits(tmp_path: Path, session: str, rubric: Rubric, case: Case,
            facts: list[dict[str, object]], several: bool, with_reasons: bool) -> Path:
    """Panel rows as the case says; two auditors agree except one grade step and a theme."""
    questions = list(rubric.questions())
    agencies = [a.id for a in rubric.agencies]
    header = ["session", "plan_ref", "auditor", "agency", "audit_date", "overall"]
    for q in questions:
        header += [q.id, f"{q.id}.agency"] + ([f"{q.id}.reason"] if with_reasons else [])
    header.append("themes")
    rows = []
    for n, ref in enumerate(REFS, start=1):
        grade = case.grades[n - 1]
        for auditor, agency, step in (("panel", "", 0), ("Ann Auditor", agencies[0], 0),
                                      ("Bob Auditor", agencies[1], 1)):
            overall = min(rubric.overall.max, max(rubric.overall.min, grade + step))
            row = [session, ref, auditor, agency, case.date.isoformat(), str(overall)]
            themes = []
            for q in questions:
                if not q.applies_to(facts[n - 1]):
                    row += ["", ""] + ([""] if with_reasons else [])
                    continue
                good = next(o.code for o in q.options if not o.shortfall)
                answer, who = case.answers.get(q.id, {}).get(n, (good, ""))
                if not several:
                    who = who.split(";")[0]
                if answer not in ("NA", good) and q.suggested_themes:
                    themes.append(q.suggested_themes[0])
                row += [answer, who]
                if with_reasons:
                    row.append(case.reasons.get(q.id, {}).get(n, ""))
            if auditor == "Bob Auditor" and n == 1:  # raised by an auditor, not agreed
                themes.append(rubric.themes[-1].id)
            row.append(";".join(themes))
            rows.append(row)
    f = tmp_path / "audits.csv"
    with f.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([header, *rows])
    return f


def _plans_import(capsys: pytest.CaptureFixture[str], db: str, register: Path) -> bool:
    """Import the register keeping looked_after; False when --field is not there yet."""
    r = run_cli(capsys, "--db", db, "plans", "import", str(register),
                "--field", "looked_after=Looked After")
    if r.code == 2 and "--field" in r.err:
        r = run_cli(capsys, "--db", db, "plans", "import", str(register))
        assert r.code == 0, r.err
        return False
    assert r.code == 0, r.err
    return True


def _render_first_page(pdf: Path) -> Path:
    prefix = pdf.with_suffix("")
    done = subprocess.run([poppler("pdftoppm"), "-png", "-r", "50", "-f", "1", "-l", "1",
                           str(pdf), str(prefix)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    pngs = sorted(pdf.parent.glob(f"{prefix.name}*.png"))
    assert pngs and pngs[0].stat().st_size > 1000
    return pngs[0]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_council_rubric_carries_a_session_to_key_issues(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: Case
) -> None:
    path = COUNCILS / case.file
    rubric = load_rubric_file(path)
    db = str(tmp_path / "c.db")
    assert run_cli(capsys, "--db", db, "init").code == 0
    r = run_cli(capsys, "--db", db, "rubric", "validate", str(path))
    assert r.code == 0, r.err
    r = run_cli(capsys, "--db", db, "rubric", "import", str(path), "--json")
    assert r.code == 0, r.err
    assert r.json() == {"id": rubric.id, "version": 1, "created": True}
    shown = run_cli(capsys, "--db", db, "rubric", "show", rubric.id, "--json")
    assert shown.code == 0, shown.err
    schema_check(shown.json(), "rubric")
    assert [i["id"] for i in shown.json()["indicators"]] == [i.id for i in rubric.indicators]

    custom = _plans_import(capsys, db, _register(tmp_path, case.date))
    assert custom, "plans import --field looked_after"
    session = f"{rubric.id} panel"
    r = run_cli(capsys, "--db", db, "session", "create", session, "--rubric", rubric.id,
                "--date", case.date.isoformat())
    assert r.code == 0, r.err
    r = run_cli(capsys, "--db", db, "sample", "draw", "--session", session, "--size", "6",
                "--seed", "13", "--json")
    assert r.code == 0, r.err
    assert sorted(r.json()["plans"]) == REFS

    with_reasons = bool(case.reasons)
    audits = _audits(tmp_path, session, rubric, case, _facts(custom), True, with_reasons)
    r = run_cli(capsys, "--db", db, "audits", "import", str(audits), "--json")
    assert r.code == 0, r.err
    assert r.json()["added"] == 18

    pdf, out = tmp_path / "key-issues.pdf", tmp_path / "key-issues.json"
    r = run_cli(capsys, "--db", db, "report", "key-issues", "--session", session,
                "--out", str(pdf), "--json", str(out))
    assert r.code == 0, r.err
    assert pdf.read_bytes().startswith(b"%PDF")
    _render_first_page(pdf)
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert (figures["rubric"]["id"], figures["rubric"]["version"]) == (rubric.id, 1)
    assert figures["plans_moderated"] == 6
    assert figures["percent_good"] == case.percent_good
    assert {k: v for k, v in figures["grade_distribution"].items() if v} == {
        str(g): case.grades.count(g) for g in set(case.grades)}
    agencies = {a["agency"]: a for a in figures["agencies"]}
    for agency, (count, share) in case.agencies.items():
        got = agencies[agency]
        assert (got["shortfalls"], got["percent_of_shortfalls"]) == (count, share), agency
    schema_check(figures, "key-issues")
    assert figures["target_percent_good"] == case.target  # in force on the session's date
    # the theme Bob raised alone is raised, not agreed
    raised = {t["id"]: t for t in figures["themes"]}
    assert raised[rubric.themes[-1].id]["raised"] >= 1
    assert raised[rubric.themes[-1].id]["plans"] == 0
    indicators = {i["id"]: i for i in figures["indicators"]}
    assert set(indicators) == {i.id for i in rubric.indicators}
    for ind, (plans, met, percent, target) in case.indicators.items():
        got = indicators[ind]
        assert (got["plans"], got["met"], got["percent_met"], got["target_percent"]) == \
            (plans, met, percent, target), ind
    if with_reasons:
        # per question, {reason code: agreed answers giving it}
        given = {q["id"]: q.get("reasons") for q in figures["questions"]}
        for qid, by_plan in case.reasons.items():
            assert given[qid] == {code: list(by_plan.values()).count(code)
                                  for code in by_plan.values()}, qid


# ------------------------------------------------------------------ multi-agency rubric

MULTI_AGENCY_QUESTIONS = (
    "cyp_voice", "parent_views", "person_centred_profile", "needs_education", "needs_health",
    "needs_social_care", "needs_current", "outcomes_smart", "outcomes_aspirational",
    "golden_thread", "provision_education", "provision_health", "provision_social_care",
    "health_advice_quality", "social_care_advice_quality", "ep_advice_quality",
    "advice_reflected", "pfa_aspirations", "pfa_outcomes", "direct_payments_recorded",
    "plan_accessible", "partners_coordination",
)


def test_multi_agency_rubric_keeps_its_questions_and_gains_indicators_with_targets() -> None:
    rubric = load_rubric_file(ROOT / "rubrics" / "multi-agency-ehcp.yaml")
    assert tuple(q.id for q in rubric.questions()) == MULTI_AGENCY_QUESTIONS
    with_targets = [i for i in rubric.indicators if i.targets]
    assert len(with_targets) >= 3
    on = dt.date(2026, 12, 1)
    by_id = {i.id: i for i in rubric.indicators}
    assert by_id["health_information"].target_on(on) == 100  # Medway's figure
    assert by_id["year9_aspirations"].target_on(on) == 80
    assert by_id["voice_of_child"].questions == ("cyp_voice",)
