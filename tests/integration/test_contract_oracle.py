"""Report figures against an independent oracle on realistic, seeded data.

The database is built through the command line only (register, a format-2 rubric
imported twice with different dated targets, nine sessions of scored audits, one
on another rubric); ``tests/oracle.py`` recomputes every figure from the raw rows
by CONTRACT.md v2's rules, and each test lists every mismatch at once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests import oracle
from tests.oracle_data import LOW_RUBRIC, OTHER_RUBRIC, RUBRIC_ID, TARGETS_V2, World, build, cli, ok

pytestmark = pytest.mark.integration

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, World]]:
    tmp = tmp_path_factory.mktemp("oracle")
    (tmp / "several").mkdir()
    (tmp / "one").mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_AUDIT_HOME", str(tmp / "home"))
        mp.setenv("QA_AUDIT_USER", "oracle")
        mp.delenv("QA_AUDIT_DB", raising=False)
        mp.delenv("QA_AUDIT_SHARED", raising=False)
        try:
            yield build(tmp / "several", several_agencies=True)
        except AssertionError as exc:
            if "unknown agency" not in str(exc):
                raise
            # main before branch 'agencies': one agency per shortfall only
            yield build(tmp / "one", several_agencies=False)


def validate(data: object, schema: str) -> None:
    spec = json.loads((SCHEMAS / f"{schema}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(spec).validate(data)


def report(db: Path, tmp: Path, kind: str, schema: str, *args: str) -> dict[str, Any]:
    out = tmp / f"{kind}.json"
    ok(db, "report", kind, *args, "--out", str(tmp / f"{kind}.pdf"), "--json", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    validate(data, schema)
    return data


def test_generated_data_is_what_the_oracle_assumes(world: tuple[Path, World]) -> None:
    """The latest version's schedule is the second import's, and the data has the
    awkward cases the oracle is meant to exercise."""
    db, w = world
    shown = w.rubrics[RUBRIC_ID]
    assert shown["version"] == 2
    assert [(s["from"], s["percent"]) for s in shown["overall"]["targets"]] == [
        (d, float(p)) for d, p in TARGETS_V2]
    listed = json.loads(ok(db, "rubric", "list", "--json"))
    validate(listed, "rubric-list")
    assert {r["id"]: r["version"] for r in listed}[RUBRIC_ID] == 2
    for shown_version in w.versions.values():
        validate(shown_version, "rubric")
    for drawn in w.samples:
        validate(drawn, "sample")
    # target_percent_good: the latest version's target in force today
    assert shown["overall"]["target_percent_good"] == oracle.in_force(
        shown["overall"]["targets"], dt.date.today())
    panel = [r for r in w.rows if oracle.is_panel(r)]
    assert any(not r["overall"] for r in panel)
    assert any(r.get("plan_length") == "NA" or r.get("plan_length") == "na" for r in panel)
    assert any(r.get(k) for r in panel for k in r if k.endswith(".agency"))
    assert {s.rubric for s in w.sessions} == {RUBRIC_ID, OTHER_RUBRIC, LOW_RUBRIC}
    assert w.rubrics[LOW_RUBRIC]["overall"]["best"] == "low"
    assert len(w.plans) == 150
    drawn = next(s for s in w.sessions if s.sample is not None)
    assert set(drawn.plans) - set(drawn.sample) and set(drawn.sample) - set(drawn.plans)
    agreed = [{(r["plan_ref"], t) for r in w.rows if r["session"] == name
               and oracle.is_panel(r) for t in oracle.themes_of(r)}
              for name in ("Panel 2026-07a", "Panel 2026-07b")]
    assert agreed[0] & agreed[1], "no plan agreed the same theme twice in one month"
    assert "pfa_ready" not in {i["id"] for i in w.versions[(RUBRIC_ID, 1)]["indicators"]}


def test_key_issues_match_the_oracle(world: tuple[Path, World],
                                     tmp_path: Path) -> None:
    db, w = world
    mismatches: list[str] = []
    for s in w.sessions:
        app = report(db, tmp_path, "key-issues", "key-issues", "--session", s.name)
        mismatches += oracle.compare_key_issues(app, oracle.key_issues(w, s.name))
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize(("first", "last"), [("2025-01", "2026-12"), ("2026-01", "2026-06"),
                                        ("2026-05", "2026-05"), ("2026-07", "2026-07"),
                                        ("2026-10", "2026-11")])
def test_themes_report_matches_the_oracle(world: tuple[Path, World], tmp_path: Path,
                                          first: str, last: str) -> None:
    db, w = world
    app = report(db, tmp_path, "themes", "themes", "--from", first, "--to", last)
    bad = oracle.compare_themes(app, oracle.themes_report(w, first, last), f"[{first}..{last}]")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(("first", "last", "rubric"), [
    ("2026-01", "2026-12", None),        # latest session's rubric: oracle-ehcp
    ("2026-04", "2026-05", None),        # latest in period is the PfA session
    ("2026-02", "2026-09", OTHER_RUBRIC),
    ("2026-05", "2026-09", RUBRIC_ID),
    ("2026-09", "2026-09", None),        # a tie on the date: the greatest session name
    ("2025-11", "2026-01", None),        # empty months; December before the first step
    ("2026-07", "2026-09", LOW_RUBRIC),  # 1 = best; its target starts mid-August
])
def test_trend_matches_the_oracle(world: tuple[Path, World], tmp_path: Path, first: str,
                                  last: str, rubric: str | None) -> None:
    db, w = world
    args = ["--from", first, "--to", last] + (["--rubric", rubric] if rubric else [])
    app = report(db, tmp_path, "trend", "trend", *args)
    bad = oracle.compare_trend(app, oracle.trend(w, first, last, rubric),
                               f"[{first}..{last} {rubric or ''}]")
    assert not bad, "\n".join(bad)


def test_several_agencies_per_shortfall_are_in_the_data(world: tuple[Path, World]) -> None:
    """Contract v2: `<qid>.agency` takes ';'-separated agencies (branch 'agencies')."""
    _, w = world
    assert any(";" in r.get(k, "") for r in w.rows for k in r if k.endswith(".agency"))


def test_oracle_rounding_is_half_away_from_zero() -> None:
    """The oracle's own rule, checked on ratios that sit exactly on .x5."""
    assert oracle.pct(1, 8) == 12.5
    assert oracle.pct(1, 16) == 6.3      # 6.25 -> 6.3 (Python's round gives 6.2)
    assert oracle.pct(33, 400) == 8.3    # 8.25
    assert oracle.pct(2, 3) == 66.7
    assert oracle.pct(0, 0) is None


def test_trend_with_no_session_in_the_period(world: tuple[Path, World], tmp_path: Path) -> None:
    """No session dated in the period and no --rubric: the contract names no rubric, so
    either refuse (non-zero exit, a first line on stderr, no traceback) or write JSON that
    still meets the schema (``rubric`` is a string there)."""
    db, _ = world
    out = tmp_path / "trend.json"
    code, _, err = cli(db, "report", "trend", "--from", "2027-01", "--to", "2027-02",
                       "--out", str(tmp_path / "trend.pdf"), "--json", str(out))
    if code != 0:
        assert err.strip() and "Traceback" not in err
        return
    validate(json.loads(out.read_text(encoding="utf-8")), "trend")
