"""The applies_when language: what applies to which plan, and errors that say where."""

from __future__ import annotations

import pytest

from qa_audit.domain.conditions import (
    KNOWN_FIELDS,
    Condition,
    ConditionError,
    parse_condition,
    parse_year_group,
)


def applies(text: str, **facts: object) -> bool:
    return parse_condition(text).evaluate(facts)


def test_known_fields_are_the_contract_fields() -> None:
    assert set(KNOWN_FIELDS) == {
        "year_group",
        "plan_type",
        "phase",
        "primary_need",
        "setting_type",
        "direct_payments",
    }


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("year_group >= 9", 9, True),
        ("year_group >= 9", 8, False),
        ("year_group > 9", 9, False),
        ("year_group > 9", 10, True),
        ("year_group <= 6", 6, True),
        ("year_group <= 6", 7, False),
        ("year_group < 0", -1, True),
        ("year_group < 0", 0, False),
        ("year_group == 11", 11, True),
        ("year_group == 11", 12, False),
        ("year_group != 11", 12, True),
        ("year_group != 11", 11, False),
        ("year_group>=9", 9, True),
    ],
)
def test_year_group_comparisons(text: str, year: int, expected: bool) -> None:
    assert applies(text, year_group=year) is expected


@pytest.mark.parametrize(
    ("literal", "value"), [("N1", -2), ("n1", -2), ("N2", -1), ("R", 0), ("r", 0), ("-2", -2)]
)
def test_early_years_literals(literal: str, value: int) -> None:
    cond = parse_condition(f"year_group == {literal}")
    assert cond.evaluate({"year_group": value})
    assert not cond.evaluate({"year_group": value + 1})


@pytest.mark.parametrize(
    ("fact", "expected"),
    [("R", True), ("N1", True), ("N2", True), ("1", False), (0, True), ("Year 1", False)],
)
def test_year_group_facts_as_text(fact: object, expected: bool) -> None:
    assert applies("year_group <= R", year_group=fact) is expected


def test_parse_year_group() -> None:
    assert parse_year_group("N1") == -2
    assert parse_year_group(" r ") == 0
    assert parse_year_group("Year 9") == 9
    assert parse_year_group("Y10") == 10
    assert parse_year_group(9.0) == 9
    assert parse_year_group(9.5) is None
    assert parse_year_group(True) is None
    assert parse_year_group("nine") is None
    assert parse_year_group(None) is None


@pytest.mark.parametrize(
    "facts",
    [{}, {"year_group": None}, {"year_group": ""}, {"year_group": "unknown"}, {"phase": "x"}],
)
def test_missing_or_unreadable_field_means_the_question_applies(facts: dict) -> None:
    assert parse_condition("year_group >= 9").evaluate(facts)
    assert parse_condition("year_group != 5").evaluate(facts)
    assert parse_condition("year_group in [1, 2]").evaluate(facts)


def test_missing_field_only_makes_its_own_comparison_true() -> None:
    cond = parse_condition("year_group >= 9 and direct_payments == yes")
    assert cond.evaluate({"direct_payments": True})
    assert not cond.evaluate({"direct_payments": False})
    assert not cond.evaluate({"year_group": 3})
    assert cond.evaluate({})


@pytest.mark.parametrize(
    ("text", "fact", "expected"),
    [
        ("direct_payments == yes", True, True),
        ("direct_payments == yes", False, False),
        ("direct_payments == yes", "Yes", True),
        ("direct_payments == yes", "y", True),
        ("direct_payments == yes", "no", False),
        ("direct_payments == true", "1", True),
        ("direct_payments == no", "false", True),
        ("direct_payments != no", True, True),
        ("direct_payments == false", 0, True),
        ("direct_payments == yes", "maybe", True),  # unreadable: applies
    ],
)
def test_direct_payments(text: str, fact: object, expected: bool) -> None:
    assert applies(text, direct_payments=fact) is expected


def test_in_lists() -> None:
    cond = parse_condition("year_group in [N1, N2, R, 1]")
    assert cond.evaluate({"year_group": "R"})
    assert cond.evaluate({"year_group": 1})
    assert not cond.evaluate({"year_group": 2})
    assert parse_condition("primary_need in [ASD, semh,]").evaluate({"primary_need": "SEMH"})
    assert not parse_condition("primary_need in [ASD]").evaluate({"primary_need": "MLD"})
    assert parse_condition("plan_type not in [new]").evaluate({"plan_type": "review"})
    assert not parse_condition("plan_type not in [new]").evaluate({"plan_type": "New"})


def test_text_fields_compare_case_insensitively() -> None:
    assert applies("phase == secondary", phase="Secondary ")
    assert applies("setting_type == 'special school'", setting_type="Special School")
    assert applies('setting_type != "mainstream"', setting_type="special")
    assert applies("plan_type == NEW", plan_type="new")
    assert applies("primary_need == spld", primary_need="SpLD")


def test_and_binds_tighter_than_or() -> None:
    cond = parse_condition("plan_type == new or year_group >= 9 and direct_payments == yes")
    # new plan: true whatever the rest says
    assert cond.evaluate({"plan_type": "new", "year_group": 3, "direct_payments": False})
    # review plan: needs both year >= 9 and direct payments
    assert cond.evaluate({"plan_type": "review", "year_group": 10, "direct_payments": True})
    assert not cond.evaluate({"plan_type": "review", "year_group": 10, "direct_payments": False})
    assert not cond.evaluate({"plan_type": "review", "year_group": 3, "direct_payments": True})


def test_parentheses_change_grouping() -> None:
    cond = parse_condition("(plan_type == new or year_group >= 9) and direct_payments == yes")
    assert not cond.evaluate({"plan_type": "new", "year_group": 3, "direct_payments": False})
    assert cond.evaluate({"plan_type": "new", "year_group": 3, "direct_payments": True})
    assert cond.evaluate({"plan_type": "review", "year_group": 9, "direct_payments": True})


def test_keywords_are_case_insensitive() -> None:
    cond = parse_condition("year_group >= 9 AND phase == secondary OR plan_type IN [new]")
    assert cond.fields == {"year_group", "phase", "plan_type"}


def test_condition_properties() -> None:
    cond = parse_condition("  year_group >= 9 and direct_payments == yes ")
    assert isinstance(cond, Condition)
    assert cond.text == "year_group >= 9 and direct_payments == yes"
    assert str(cond) == cond.text
    assert cond.fields == {"year_group", "direct_payments"}
    assert hash(cond) == hash(parse_condition("year_group >= 9 and direct_payments == yes"))


@pytest.mark.parametrize(
    ("text", "words", "column"),
    [
        ("Year-Group >= 9", ["'Year-Group' is not a field name"], 1),
        ("year_group >= 9 and team == north", ["'team' is a plan field conditions cannot"], 21),
        ("year_group = 9", ["use =="], 12),
        ("year_group >= ", ["expected a value for year_group"], 15),
        ("year_group >= 99", ["year_group needs"], 15),
        ("year_group >= nine", ["year_group needs"], 15),
        ("phase > primary", ["phase can only be compared"], 7),
        ("direct_payments == maybe", ["direct_payments needs yes or no"], 20),
        ("plan_type == fresh", ["plan_type needs one of"], 14),
        ("primary_need == XYZ", ["primary_need needs one of"], 17),
        ("(year_group >= 9", ["expected ')'"], 17),
        ("year_group >= 9)", ["expected and, or"], 16),
        ("year_group >= 9 phase == x", ["expected and, or"], 17),
        ("year_group in 9", ["expected '['"], 15),
        ("year_group in [9 10]", ["expected ',' or ']'"], 18),
        ("year_group in []", ["expected a value"], 16),
        ("phase == 'primary", ["unterminated"], 10),
        ("year_group >= 9 && phase == x", ["use and"], 17),
        ("and year_group >= 9", ["expected a field name"], 1),
        ("__import__('os').system('x')", ["expected a comparison after __import__"], 11),
        ("year_group", ["expected a comparison"], 11),
    ],
)
def test_errors_say_what_and_where(text: str, words: list[str], column: int) -> None:
    with pytest.raises(ConditionError) as info:
        parse_condition(text)
    message = str(info.value)
    for word in words:
        assert word in message
    assert info.value.column == column
    assert f"at column {column}" in message


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_condition_is_an_error(text: str) -> None:
    with pytest.raises(ConditionError, match="empty"):
        parse_condition(text)


def test_condition_error_is_a_value_error() -> None:
    assert issubclass(ConditionError, ValueError)


def test_unknown_field_message_lists_known_fields() -> None:
    with pytest.raises(ConditionError) as info:
        parse_condition("caseworker == smith")
    assert "caseworker" in str(info.value)
    assert "primary_need" in str(info.value)
    assert "custom plan field" in str(info.value)


def test_custom_field_compares_as_text_case_insensitively() -> None:
    cond = parse_condition("looked_after == Yes")
    assert cond.fields == {"looked_after"}
    assert cond.evaluate({"looked_after": "YES"})
    assert cond.evaluate({"looked_after": " yes "})
    assert not cond.evaluate({"looked_after": "no"})
    assert not cond.evaluate({"looked_after": "yes please"})
    member = parse_condition("social_care_status in ['Child in Need', CP]")
    assert member.evaluate({"social_care_status": "child in need"})
    assert member.evaluate({"social_care_status": "cp"})
    assert not member.evaluate({"social_care_status": "LAC"})
    assert parse_condition("social_care_status not in [cp]").evaluate({"social_care_status": "x"})


def test_custom_field_compares_as_numbers_when_both_sides_are_numbers() -> None:
    assert parse_condition("band == 3").evaluate({"band": "3.0"})  # 3 == 3.0 as numbers
    assert not parse_condition("band == 3").evaluate({"band": "03x"})
    assert parse_condition("band >= 10").evaluate({"band": "9"}) is False  # 9 < 10, not "9" > "10"
    assert parse_condition("band >= 10").evaluate({"band": "12"})
    assert parse_condition("band in [1, 2]").evaluate({"band": "2"})
    # text against a number compares as text
    assert parse_condition("band != 3").evaluate({"band": "three"})


def test_custom_field_the_plan_lacks_applies() -> None:
    cond = parse_condition("looked_after == yes and year_group >= 9")
    assert cond.evaluate({"year_group": 10})  # no looked_after: applies
    assert cond.evaluate({"year_group": 10, "looked_after": ""})
    assert cond.evaluate({"year_group": 10, "looked_after": None})
    assert not cond.evaluate({"year_group": 10, "looked_after": "no"})


def test_limits_protect_against_silly_input() -> None:
    with pytest.raises(ConditionError, match="at most"):
        parse_condition("year_group >= 9 or " * 200 + "year_group >= 9")
    with pytest.raises(ConditionError, match="nested"):
        parse_condition("(" * 50 + "year_group >= 9" + ")" * 50)
    with pytest.raises(ConditionError):
        parse_condition(None)  # type: ignore[arg-type]


def test_deeply_chained_conditions_parse() -> None:
    text = " or ".join(f"year_group == {n}" for n in range(10))
    cond = parse_condition(text)
    assert cond.evaluate({"year_group": 9})
    assert not cond.evaluate({"year_group": 12})
