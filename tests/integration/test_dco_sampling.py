"""Sampling advice returns for a DCO session (issue 17): by service stratum, from a range
of request dates, with an exclusion window; the contract's JSON plus ``returns``.

Advice register (requested, received); the window is January-February 2025:

P1 salt 01-06 returned, P1 paediatrics 01-06 returned, P2 salt 01-20 returned: eligible.
P2 ot 02-03 not returned (nothing to audit); P3 ep (not a health service); P4 camhs
03-05 (requested after the window): not eligible. P3 ot 01-10 returned: eligible.
P4 physio 02-10 returned but audited in "DCO Mar" (15 Mar 2025), within 12 months of
"DCO Apr" (20 Apr 2025): excluded unless --exclude-months 0.
Eligible: 4 (5 without the window). --size 3 --stratify service over paediatrics 1,
salt 2, ot 1: quotas 0.75, 1.5, 0.75 -> one return from each service.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from qa_audit.errors import UserError
from qa_audit.services import sampling
from qa_audit.services.actor import Actor

from .cli_helpers import run_cli

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
PLANS = "plan_ref,issue_date\nP1,2025-03-01\nP2,2025-03-05\nP3,2025-03-09\nP4,2025-04-01\n"
ADVICE = ("plan_ref,service,requested_date,received_date\n"
          "P1,salt,2025-01-06,2025-02-10\nP1,paediatrics,2025-01-06,2025-03-01\n"
          "P2,salt,2025-01-20,2025-02-28\nP2,ot,2025-02-03,\nP3,ot,2025-01-10,2025-02-01\n"
          "P3,ep,2025-01-10,2025-02-01\nP4,camhs,2025-03-05,2025-04-01\n"
          "P4,physio,2025-02-10,2025-03-01\n")
EARLIER = ("session,plan_ref,service,requested_date,auditor,audit_date,overall\n"
           "DCO Mar,P4,physio,2025-02-10,Ann,2025-03-15,3\n")


@pytest.fixture
def dco(capsys, tmp_path: Path, db) -> str:  # type: ignore[no-untyped-def]
    path = str(db.target.path)
    for name, text in (("plans", PLANS), ("advice", ADVICE)):
        (tmp_path / f"{name}.csv").write_text(text)
        assert run_cli(capsys, "--db", path, name, "import",
                       str(tmp_path / f"{name}.csv")).code == 0
    (tmp_path / "mar.csv").write_text(EARLIER)
    assert run_cli(capsys, "--db", path, "audits", "import", str(tmp_path / "mar.csv"),
                   "--rubric", "dco-health-advice").code == 0
    assert run_cli(capsys, "--db", path, "session", "create", "DCO Apr", "--rubric",
                   "dco-health-advice", "--date", "2025-04-20").code == 0
    return path


def _draw(capsys, path: str, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "--db", path, "sample", "draw", "--session", "DCO Apr",
                   "--requested-from", "2025-01-01", "--requested-to", "2025-02-28",
                   "--json", *extra)


def test_draws_returns_by_service_stratum(capsys, dco: str) -> None:
    r = _draw(capsys, dco, "--size", "3", "--stratify", "service", "--seed", "7")
    assert r.code == 0, r.err
    data = r.json()
    schema = json.loads((SCHEMAS / "sample.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert (data["session"], data["seed"], data["eligible"]) == ("DCO Apr", 7, 4)
    services = sorted(x["service"] for x in data["returns"])
    assert services == ["ot", "paediatrics", "salt"]
    assert {x["plan_ref"] for x in data["returns"]} == set(data["plans"])
    assert ("P1", "paediatrics", "2025-01-06") in {
        (x["plan_ref"], x["service"], x["requested_date"]) for x in data["returns"]}
    # how the sample was drawn, enough to draw it again
    assert data["settings"] == {
        "size": 3, "percent": None, "seed": 7, "stratify": "service",
        "requested_from": "2025-01-01", "requested_to": "2025-02-28", "exclude_months": 12,
        "services": None}
    again = _draw(capsys, dco, "--size", "3", "--stratify", "service", "--seed", "7")
    assert again.json() == data  # same register, settings and seed: same sample
    shown = run_cli(capsys, "--db", dco, "sample", "show", "--session", "DCO Apr")
    assert shown.code == 0, shown.err
    assert "P1\tpaediatrics: requested 6 Jan 2025, returned 1 Mar 2025 (54 days, late)" \
        in shown.out


def test_exclusion_window_and_every_eligible_return(capsys, dco: str) -> None:
    r = _draw(capsys, dco, "--percent", "100", "--exclude-months", "0", "--seed", "1")
    assert r.code == 0, r.err
    got = {(x["plan_ref"], x["service"]) for x in r.json()["returns"]}
    assert got == {("P1", "salt"), ("P1", "paediatrics"), ("P2", "salt"), ("P3", "ot"),
                   ("P4", "physio")}
    assert r.json()["plans"] == ["P1", "P2", "P3", "P4"]  # each plan once, in sample order
    r = _draw(capsys, dco, "--percent", "100", "--service", "salt", "--seed", "1")
    assert [x["service"] for x in r.json()["returns"]] == ["salt", "salt"]


def test_wrong_options_are_refused(capsys, dco: str, db) -> None:  # type: ignore[no-untyped-def]
    r = run_cli(capsys, "--db", dco, "sample", "draw", "--session", "DCO Apr", "--size", "1",
                "--issued-from", "2025-01-01")
    assert r.code != 0 and "--requested-from" in r.err and "Traceback" not in r.err
    r = _draw(capsys, dco, "--size", "9")
    assert r.code != 0 and "Traceback" not in r.err
    assert run_cli(capsys, "--db", dco, "session", "create", "Panel Apr", "--rubric",
                   "multi-agency-ehcp", "--date", "2025-04-20").code == 0
    r = run_cli(capsys, "--db", dco, "sample", "draw", "--session", "Panel Apr", "--size", "1",
                "--requested-from", "2025-01-01")
    assert r.code != 0 and "advice_return" in r.err
    with pytest.raises(UserError, match="audits advice returns"):
        sampling.draw(db, "DCO Apr", sampling.SampleSettings(size=1), Actor.current())
