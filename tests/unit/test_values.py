"""Value parsers for import files."""

from __future__ import annotations

import datetime as dt

import pytest

from qa_audit.importing.values import (
    PRIMARY_NEEDS,
    SERVICES,
    neutralise_formula,
    parse_bool,
    parse_date,
    parse_int,
    parse_plan_type,
    parse_primary_need,
    parse_service,
    parse_year_group,
    phase_for_year_group,
)

D = dt.date(2026, 10, 3)


@pytest.mark.parametrize(
    "text",
    [
        "2026-10-03", "2026-10-3", "2026/10/03", " 2026-10-03 ",
        "03/10/2026", "3/10/2026", "03-10-2026", "3.10.2026",
        "2026-10-03 00:00:00", "2026-10-03T00:00:00", "2026-10-03T13:45:10.123Z",
        "03/10/2026 00:00", "03/10/2026 09:30:00", "3/10/2026 9:30 AM",
        "3 Oct 2026", "03-Oct-2026", "3 October 2026", "3rd October 2026", "03 oct. 2026",
        "3-OCT-2026",
    ],
)
def test_parse_date_accepts(text: str) -> None:
    assert parse_date(text) == D


def test_parse_date_september_abbreviations() -> None:
    assert parse_date("1 Sept 2026") == dt.date(2026, 9, 1)
    assert parse_date("1 Sep 2026") == dt.date(2026, 9, 1)


def test_parse_date_is_day_first() -> None:
    assert parse_date("01/02/2026") == dt.date(2026, 2, 1)
    assert parse_date("12/01/2026") == dt.date(2026, 1, 12)


def test_parse_date_excel_objects() -> None:
    assert parse_date(D) == D
    assert parse_date(dt.datetime(2026, 10, 3, 14, 5)) == D


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("31/02/2026", "February 2026 has 28 days"),
        ("29/02/2026", "February 2026 has 28 days"),
        ("31/04/2026", "April 2026 has 30 days"),
        ("2026-13-01", "no month 13"),
        ("10/31/2026", "no month 31"),
        ("00/10/2026", "no day 0"),
        ("03/10/26", "two-digit year"),
        ("3 Oct 26", "two-digit year"),
        ("46298", "a number"),
        ("46298.0", "a number"),
        ("tomorrow", "not a date"),
        ("03/10/2026x", "not a date"),
        ("3 Foo 2026", "unknown month"),
        ("01/01/1850", "out of range"),
        ("", "blank"),
        ("   ", "blank"),
    ],
)
def test_parse_date_rejects_with_reason(text: str, reason_part: str) -> None:
    with pytest.raises(ValueError, match=reason_part):
        parse_date(text)


def test_parse_date_accepts_leap_day() -> None:
    assert parse_date("29/02/2028") == dt.date(2028, 2, 29)


def test_parse_date_rejects_numbers_and_none() -> None:
    with pytest.raises(ValueError, match="number"):
        parse_date(46298)
    with pytest.raises(ValueError, match="blank"):
        parse_date(None)


def test_parse_date_bad_values_fail_every_time() -> None:
    # errors are not swallowed by the cache
    for _ in range(3):
        with pytest.raises(ValueError, match="28 days"):
            parse_date("31/02/2026")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("N1", -2), ("n1", -2), ("Nursery 1", -2), ("N2", -1), ("R", 0), ("r", 0),
        ("Reception", 0), ("YR", 0), ("Year R", 0), ("-2", -2), ("-1", -1), ("0", 0),
        ("1", 1), ("7", 7), (" 7 ", 7), ("7.0", 7), ("14", 14), ("Y7", 7), ("y 7", 7),
        ("Year 7", 7), ("year7", 7), ("Yr 11", 11), ("NCY 12", 12), (7, 7), (7.0, 7),
    ],
)
def test_parse_year_group(text: object, expected: int) -> None:
    assert parse_year_group(text) == expected


@pytest.mark.parametrize("text", ["15", "-3", "7.5", "Year 15", "Z", "N3", "", "seven", True])
def test_parse_year_group_rejects(text: object) -> None:
    with pytest.raises(ValueError, match=r"year group|blank"):
        parse_year_group(text)


@pytest.mark.parametrize(
    ("year_group", "phase"),
    [(None, None), (-2, "early_years"), (-1, "early_years"), (0, "early_years"),
     (1, "primary"), (6, "primary"), (7, "secondary"), (11, "secondary"),
     (12, "post16"), (14, "post16")],
)
def test_phase_for_year_group(year_group: int | None, phase: str | None) -> None:
    assert phase_for_year_group(year_group) == phase


@pytest.mark.parametrize("text", ["yes", "YES", "Y", "y", "true", "True", "TRUE", "1", " yes ",
                                  True, 1])
def test_parse_bool_true(text: object) -> None:
    assert parse_bool(text) is True


@pytest.mark.parametrize("text", ["no", "No", "N", "false", "FALSE", "0", False, 0])
def test_parse_bool_false(text: object) -> None:
    assert parse_bool(text) is False


@pytest.mark.parametrize("text", ["maybe", "2", "yess", ""])
def test_parse_bool_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"yes or no|blank"):
        parse_bool(text)


@pytest.mark.parametrize("code", PRIMARY_NEEDS)
def test_primary_need_codes_any_case(code: str) -> None:
    assert parse_primary_need(code) == code
    assert parse_primary_need(code.lower()) == code
    assert parse_primary_need(code.upper()) == code
    assert parse_primary_need(f" {code} ") == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("spld", "SpLD"), ("SPLD", "SpLD"), ("Specific Learning Difficulty", "SpLD"),
        ("Autistic Spectrum Disorder", "ASD"), ("ASC", "ASD"), ("Autism", "ASD"),
        ("Social, Emotional and Mental Health", "SEMH"),
        ("Speech, Language and Communication Needs", "SLCN"),
        ("Multi-Sensory Impairment", "MSI"), ("Other Difficulty/Disability", "OTH"),
        ("ASD - Autistic Spectrum Disorder", "ASD"), ("SEMH: social emotional", "SEMH"),
        ("Profound & Multiple Learning Difficulties", "PMLD"),
    ],
)
def test_primary_need_descriptions(text: str, code: str) -> None:
    assert parse_primary_need(text) == code


@pytest.mark.parametrize("text", ["XYZ", "NSA", "dyslexia", ""])
def test_primary_need_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"unknown primary need|blank"):
        parse_primary_need(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", "new"), ("  ", "new"), (None, "new"), ("new", "new"), ("NEW", "new"),
     ("Amended", "amended"), ("amendment", "amended"), ("Review", "review"),
     ("Annual Review", "review")],
)
def test_plan_type(text: object, expected: str) -> None:
    assert parse_plan_type(text) == expected


def test_plan_type_rejects() -> None:
    with pytest.raises(ValueError, match="new, amended or review"):
        parse_plan_type("ceased")


@pytest.mark.parametrize("service", SERVICES)
def test_service_ids(service: str) -> None:
    assert parse_service(service) == service
    assert parse_service(service.upper()) == service


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SaLT", "salt"), ("SLT", "salt"), ("Speech and Language Therapy", "salt"),
        ("Speech & Language Therapy", "salt"), ("Educational Psychology", "ep"),
        ("EP", "ep"), ("Health Visiting", "health_visiting"), ("Health Visitor", "health_visiting"),
        ("health-visiting", "health_visiting"), ("Occupational Therapy", "ot"),
        ("Physiotherapy", "physio"), ("Paediatrics", "paediatrics"),
        ("Community Paediatrics", "paediatrics"), ("Social Care", "social_care"),
        ("Children's Social Care", "social_care"), ("CAMHS", "camhs"),
        ("School Nursing", "school_nursing"), ("Other Health", "other_health"),
        ("Education", "education"),
    ],
)
def test_service_spellings(text: str, expected: str) -> None:
    assert parse_service(text) == expected


@pytest.mark.parametrize("text", ["dentist", "health", ""])
def test_service_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"unknown service|blank"):
        parse_service(text)


def test_parse_int() -> None:
    assert parse_int("3") == 3
    assert parse_int("3.0") == 3
    assert parse_int(" -2 ") == -2
    assert parse_int(4) == 4
    for bad in ("3.5", "three", "", True):
        with pytest.raises(ValueError, match=r"whole number|blank"):
            parse_int(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"), ("+44 1234", "'+44 1234"), ("-1", "'-1"),
        ("@cmd", "'@cmd"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("plain", "plain"),
        ("", ""), ("a=b", "a=b"), (" =1", " =1"),
    ],
)
def test_neutralise_formula(text: str, expected: str) -> None:
    assert neutralise_formula(text) == expected


def test_neutralise_formula_leaves_non_text() -> None:
    assert neutralise_formula(-1) == -1
    assert neutralise_formula(None) is None
    assert neutralise_formula(D) == D


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Annual review amendment", "amended"), ("Amendment following annual review", "amended"),
     ("Phase transfer", "amended"), ("EHCP - Annual Review (no change)", "review"),
     ("New EHCP issued", "new"), ("Initial assessment", "new")],
)
def test_plan_type_maps_case_system_wording(text: str, expected: str) -> None:
    assert parse_plan_type(text) == expected
