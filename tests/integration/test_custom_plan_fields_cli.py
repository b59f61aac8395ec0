"""Custom plan fields end to end: ``plans import --field``, re-import, applies_when,
stratification (CONTRACT.md v2, "Custom plan fields")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from qa_audit.domain.plan_fields import decode_custom
from qa_audit.storage import models as m

from .cli_helpers import db_fingerprint, run_cli
from .test_register_and_sampling_cli import write


@pytest.fixture
def dbfile(db) -> str:
    return str(db.target.path)


REGISTER = (
    "EHCP Ref,Date Issued,Plan Type,Looked After,CSC Status,Colour\n"
    "A1,2026-01-10,new,Yes,CIN,red\n"
    "A2,2026-02-10,amended,no,,blue\n"
    "A3,2026-03-10,new,,CP,green\n"
)


def stored(db) -> dict[str, dict[str, str]]:
    with db.read() as s:
        return {ref: decode_custom(text)
                for ref, text in s.execute(select(m.Plan.plan_ref, m.Plan.custom_fields))}


def plans_import(capsys, dbfile: str, path: Path, *fields: str):
    args = ["--db", dbfile, "plans", "import", str(path), "--json"]
    for f in fields:
        args += ["--field", f]
    return run_cli(capsys, *args)


def test_import_keeps_named_columns_and_names_the_others_on_stderr(capsys, tmp_path, dbfile,
                                                                   db) -> None:
    f = write(tmp_path, "r.csv", REGISTER)
    r = plans_import(capsys, dbfile, f, "looked_after", 'social_care_status=CSC Status')
    assert r.code == 0, r.err
    assert r.json() == {"added": 3, "updated": 0, "unchanged": 0, "ignored_columns": ["Colour"]}
    assert "Colour" in r.err  # other unknown columns are named on stderr
    assert stored(db) == {
        "A1": {"looked_after": "Yes", "social_care_status": "CIN"},
        "A2": {"looked_after": "no"},  # blank cell: no value stored
        "A3": {"social_care_status": "CP"},
    }


def test_reimport_keeps_custom_values_and_counts_custom_changes(capsys, tmp_path, dbfile,
                                                                db) -> None:
    f = write(tmp_path, "r.csv", REGISTER)
    assert plans_import(capsys, dbfile, f, "looked_after",
                        "social_care_status=CSC Status").code == 0
    before = stored(db)
    # without --field: nothing changes, the stored custom values stay
    r = plans_import(capsys, dbfile, f)
    assert r.code == 0, r.err
    assert r.json()["unchanged"] == 3 and r.json()["updated"] == 0
    assert stored(db) == before
    # with one field changed on one plan (and the other field not given): one update
    changed = write(tmp_path, "r2.csv", REGISTER.replace("Yes,CIN", "Yes,CP"))
    r = plans_import(capsys, dbfile, changed, "social_care_status=CSC Status")
    assert r.code == 0, r.err
    assert (r.json()["added"], r.json()["updated"], r.json()["unchanged"]) == (0, 1, 2)
    after = stored(db)
    assert after["A1"] == {"looked_after": "Yes", "social_care_status": "CP"}
    assert after["A2"] == before["A2"] and after["A3"] == before["A3"]
    # a blank cell for a field that is imported removes it from that plan
    blanked = write(tmp_path, "r3.csv", REGISTER.replace("Yes,CIN", "Yes,CP")
                    .replace("A3,2026-03-10,new,,CP", "A3,2026-03-10,new,,"))
    r = plans_import(capsys, dbfile, blanked, "social_care_status=CSC Status")
    assert (r.json()["updated"], r.json()["unchanged"]) == (1, 2)
    assert stored(db)["A3"] == {}


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("team", "built-in plan field"),
        ("plan_type=Colour", "built-in plan field"),
        ("Looked After", "lower-case letters, digits and _"),
        ("looked-after", "lower-case letters, digits and _"),
        ("looked_after=", "header after = is empty"),
        ("colour_code", "no column matching 'colour_code'"),
        ("colour=Shade", "no column 'Shade'"),
    ],
)
def test_bad_field_is_a_clear_error_and_writes_nothing(capsys, tmp_path, dbfile, field,
                                                       words) -> None:
    f = write(tmp_path, "r.csv", REGISTER)
    before = db_fingerprint(Path(dbfile))
    r = plans_import(capsys, dbfile, f, field)
    assert r.code != 0
    assert words in r.err
    assert "Traceback" not in r.err
    assert db_fingerprint(Path(dbfile)) == before


def test_field_named_twice_is_an_error(capsys, tmp_path, dbfile) -> None:
    f = write(tmp_path, "r.csv", REGISTER)
    r = plans_import(capsys, dbfile, f, "looked_after", "looked_after=CSC Status")
    assert r.code != 0 and "twice" in r.err


def test_over_long_custom_value_is_a_bad_row(capsys, tmp_path, dbfile) -> None:
    f = write(tmp_path, "r.csv", REGISTER.replace("Yes,CIN", "Yes," + "x" * 300))
    r = plans_import(capsys, dbfile, f, "social_care_status=CSC Status")
    assert r.code != 0
    assert "row 2, column CSC Status" in r.err


def test_stratify_by_a_custom_field_allocates_proportionally(capsys, tmp_path, dbfile,
                                                             db) -> None:
    # looked_after: yes 6, no 3, not recorded 1; a sample of 7:
    # quotas 4.2 / 2.1 / 0.7 -> 4 / 2 / 0, the one left to the largest remainder
    # (0.7, not recorded) -> yes 4, no 2, (not recorded) 1
    values = ["yes"] * 6 + ["no"] * 3 + [""]
    rows = [f"P{i:02d},2026-01-{i + 1:02d},{v}" for i, v in enumerate(values)]
    f = write(tmp_path, "r.csv", "Plan Ref,Issue Date,Looked after\n" + "\n".join(rows) + "\n")
    assert plans_import(capsys, dbfile, f, "looked_after").code == 0
    run_cli(capsys, "--db", dbfile, "session", "create", "S", "--rubric", "multi-agency-ehcp",
            "--date", "2026-06-01")
    r = run_cli(capsys, "--db", dbfile, "sample", "draw", "--session", "S", "--size", "7",
                "--stratify", "looked_after", "--seed", "5", "--json")
    assert r.code == 0, r.err
    drawn = r.json()["plans"]
    by_ref = dict(zip([f"P{i:02d}" for i in range(10)], values, strict=True))
    picked = [by_ref[p] for p in drawn]
    assert (picked.count("yes"), picked.count("no"), picked.count("")) == (4, 2, 1)
    with db.read() as s:
        strata = set(s.scalars(select(m.SampleEntry.stratum)))
    assert strata == {"yes", "no", "(not recorded)"}


def test_stratify_by_a_field_no_plan_has_is_an_error(capsys, tmp_path, dbfile) -> None:
    f = write(tmp_path, "r.csv", REGISTER)
    assert plans_import(capsys, dbfile, f, "looked_after").code == 0
    run_cli(capsys, "--db", dbfile, "session", "create", "S", "--rubric", "multi-agency-ehcp")
    r = run_cli(capsys, "--db", dbfile, "sample", "draw", "--session", "S", "--size", "1",
                "--stratify", "looked_afterr")
    assert r.code != 0
    assert "looked_afterr" in r.err and "looked_after" in r.err
    r = run_cli(capsys, "--db", dbfile, "sample", "draw", "--session", "S", "--size", "1",
                "--stratify", "Bad Name")
    assert r.code != 0 and "Traceback" not in r.err


def test_applies_when_on_a_custom_field_in_the_audits_import(capsys, tmp_path, dbfile) -> None:
    rubric = Path("rubrics/multi-agency-ehcp.yaml").read_text(encoding="utf-8").replace(
        "applies_when: direct_payments == yes", "applies_when: looked_after == YES")
    rf = write(tmp_path, "rubric.yaml", rubric)
    assert run_cli(capsys, "--db", dbfile, "rubric", "import", str(rf)).code == 0
    f = write(tmp_path, "r.csv", REGISTER)
    assert plans_import(capsys, dbfile, f, "looked_after").code == 0
    audits = ("session,rubric,plan_ref,auditor,audit_date,direct_payments_recorded\n"
              "S,multi-agency-ehcp,A1,Ann,2026-05-01,Y\n"   # looked_after Yes: applies
              "S,multi-agency-ehcp,A2,Ann,2026-05-01,Y\n"   # looked_after no: does not apply
              "S,multi-agency-ehcp,A3,Ann,2026-05-01,Y\n")  # no value: applies
    af = write(tmp_path, "audits.csv", audits)
    r = run_cli(capsys, "--db", dbfile, "audits", "import", str(af))
    assert r.code != 0
    bad = [line for line in r.err.splitlines() if line.startswith("row ")]
    assert len(bad) == 1 and bad[0].startswith("row 3, column direct_payments_recorded")
    ok = write(tmp_path, "audits2.csv",
               audits.replace("S,multi-agency-ehcp,A2,Ann,2026-05-01,Y\n", ""))
    r = run_cli(capsys, "--db", dbfile, "audits", "import", str(ok), "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["added"] == 2


def test_key_issues_breakdown_by_a_custom_field(capsys, tmp_path, dbfile) -> None:
    f = write(tmp_path, "r.csv", REGISTER)
    assert plans_import(capsys, dbfile, f, "looked_after").code == 0
    # agreed grades (1-8, 6-8 good): A1 (Yes) 7, A2 (no) 3, A3 (not recorded) 6
    audits = ("session,rubric,plan_ref,auditor,audit_date,overall\n"
              "S,multi-agency-ehcp,A1,panel,2026-05-01,7\n"
              "S,multi-agency-ehcp,A2,panel,2026-05-01,3\n"
              "S,multi-agency-ehcp,A3,panel,2026-05-01,6\n")
    r = run_cli(capsys, "--db", dbfile, "audits", "import", str(write(tmp_path, "a.csv", audits)))
    assert r.code == 0, r.err
    out = tmp_path / "k.json"
    r = run_cli(capsys, "--db", dbfile, "report", "key-issues", "--session", "S", "--by",
                "looked_after", "--out", str(tmp_path / "k.pdf"), "--json", str(out))
    assert r.code == 0, r.err
    breakdown = json.loads(out.read_text(encoding="utf-8"))["breakdown"]
    # each group also gives its 95% interval and is marked small (issue 19)
    assert breakdown == {"field": "looked_after", "groups": [
        {"value": "no", "plans_moderated": 1, "good": 0, "percent_good": 0.0,
         "ci_low": 0.0, "ci_high": 79.3, "small": True},
        {"value": "Yes", "plans_moderated": 1, "good": 1, "percent_good": 100.0,
         "ci_low": 20.7, "ci_high": 100.0, "small": True},
        {"value": "(not recorded)", "plans_moderated": 1, "good": 1, "percent_good": 100.0,
         "ci_low": 20.7, "ci_high": 100.0, "small": True},
    ]}
    r = run_cli(capsys, "--db", dbfile, "report", "key-issues", "--session", "S", "--by",
                "looked_afterr", "--out", str(tmp_path / "k2.pdf"))
    assert r.code != 0 and "looked_afterr" in r.err and "Traceback" not in r.err


def test_session_data_carries_custom_fields_to_the_screens(capsys, tmp_path, dbfile,
                                                           db) -> None:
    from qa_audit.services import session_data

    f = write(tmp_path, "r.csv", REGISTER)
    assert plans_import(capsys, dbfile, f, "looked_after").code == 0
    run_cli(capsys, "--db", dbfile, "session", "create", "S", "--rubric", "multi-agency-ehcp")
    assert run_cli(capsys, "--db", dbfile, "sample", "draw", "--session", "S", "--size",
                   "3").code == 0
    member = session_data.load_member_session(db, "S", None)
    assert member.plans["A1"].custom == {"looked_after": "Yes"}
    # what the scoring and moderation screens pass to applies_when
    assert member.plans["A1"].as_condition_facts()["looked_after"] == "Yes"
    assert "looked_after" not in member.plans["A3"].as_condition_facts()
    whole = session_data.load_session(db, "S")
    assert whole.plans["A2"].custom == {"looked_after": "no"}
