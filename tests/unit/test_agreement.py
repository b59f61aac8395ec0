"""Agreement between individual auditors on the overall grade."""

from __future__ import annotations

import random
import warnings
from fractions import Fraction
from itertools import combinations

import krippendorff
import numpy as np
import pytest

from qa_audit.domain.agreement import (
    AgreementStats,
    MemberAgreement,
    agreement_stats,
    disagreements,
    grades_disagree,
    krippendorff_alpha_ordinal,
)
from qa_audit.domain.figures import round_half_away

RANGE = (1, 8)

# 3 plans x 3 auditors, C did not grade P2.
HAND = {
    "P1": {"A": 6, "B": 6, "C": 5},
    "P2": {"A": 3, "B": 5, "C": None},
    "P3": {"A": 7, "B": 8, "C": 7},
}
HAND_AGREED = {"P1": 6, "P2": 4, "P3": 7}


def ordinal_alpha_reference(grades) -> Fraction:
    """Krippendorff (2011), "Computing Krippendorff's alpha-reliability", exactly.

    Coincidences o_ck = sum over units of (ordered c-k pairs from different coders) /
    (m_u - 1); n_c = sum_k o_ck; ordinal delta^2_ck = (sum_{g=c..k} n_g - (n_c + n_k)/2)^2;
    alpha = 1 - (n - 1) * sum o_ck delta_ck / sum n_c n_k delta_ck.
    """
    o: dict[tuple[int, int], Fraction] = {}
    for by_auditor in grades.values():
        values = [g for g in by_auditor.values() if g is not None]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    o[c, k] = o.get((c, k), Fraction(0)) + Fraction(1, m - 1)
    values_seen = sorted({c for c, _ in o})
    n_c = {c: sum((v for (a, _), v in o.items() if a == c), Fraction(0)) for c in values_seen}
    n = sum(n_c.values())

    def delta(c: int, k: int) -> Fraction:
        low, high = min(c, k), max(c, k)
        between = sum((n_c[g] for g in values_seen if low <= g <= high), Fraction(0))
        return (between - (n_c[c] + n_c[k]) / 2) ** 2

    observed = sum((v * delta(c, k) for (c, k), v in o.items()), Fraction(0))
    expected = sum(
        (n_c[c] * n_c[k] * delta(c, k) for c in values_seen for k in values_seen),
        Fraction(0),
    )
    return 1 - (n - 1) * observed / expected


def package_alpha(grades, grade_range=RANGE) -> float:
    auditors = sorted({a for row in grades.values() for a in row})
    plans = sorted(grades)
    data = [[np.nan if grades[p].get(a) is None else grades[p][a] for p in plans] for a in auditors]
    return float(
        krippendorff.alpha(
            reliability_data=data,
            value_domain=list(range(grade_range[0], grade_range[1] + 1)),
            level_of_measurement="ordinal",
        )
    )


# --- pairs, exact, within one ------------------------------------------------


def test_hand_made_case_counts():
    stats = agreement_stats(HAND, HAND_AGREED, RANGE)
    # P1 (6, 6, 5): AB exact, AC and BC differ by 1       -> 3 pairs, 1 exact, 3 within one
    # P2 (3, 5, -): AB differ by 2                         -> 1 pair,  0 exact, 0 within one
    # P3 (7, 8, 7): AC exact, AB and BC differ by 1       -> 3 pairs, 1 exact, 3 within one
    assert stats.pairs == 7
    assert stats.exact == 2
    assert stats.within_one == 6
    assert stats.overall_exact_percent == 28.6  # 2/7 = 28.57
    assert stats.overall_within_one_percent == 85.7  # 6/7 = 85.71


def test_hand_made_case_members():
    stats = agreement_stats(HAND, HAND_AGREED, RANGE)
    assert list(stats.members) == ["A", "B", "C"]
    # A: pairs P1 AB, AC; P2 AB; P3 AB, AC -> 5; exact P1 AB, P3 AC -> 2; within 4
    #    differences from agreed: 6-6, 3-4, 7-7 -> -1/3
    assert stats.members["A"] == MemberAgreement(
        auditor="A",
        plans_graded=3,
        pairs=5,
        exact_percent=40.0,
        within_one_percent=80.0,
        mean_difference_from_agreed=-0.33,
        plans_compared=3,
    )
    # B: 5 pairs; exact P1 AB -> 1; within P1 x2, P3 x2 -> 4; differences 0, 1, 1 -> 2/3
    assert stats.members["B"] == MemberAgreement("B", 3, 5, 20.0, 80.0, 0.67, 3)
    # C: pairs P1 CA, CB; P3 CA, CB -> 4; exact P3 CA -> 1; within 4; differences -1, 0
    assert stats.members["C"] == MemberAgreement("C", 2, 4, 25.0, 100.0, -0.5, 2)


def test_hand_made_case_alpha():
    # Coincidences: P1 -> o66 = o65 = o56 = 1; P2 -> o35 = o53 = 1; P3 -> o77 = o78 = o87 = 1
    # n_3 = 1, n_5 = 2, n_6 = 2, n_7 = 2, n_8 = 1, n = 8.
    # Ordinal delta^2: (3,5) 2.25, (5,6) 4, (7,8) 2.25 -> observed sum = 2 * 8.5 = 17
    # Expected sum over ordered pairs of n_c n_k delta^2 = 2 * 324 = 648
    # alpha = 1 - 7 * 17 / 648 = 529 / 648 = 0.81636
    assert ordinal_alpha_reference(HAND) == Fraction(529, 648)
    assert package_alpha(HAND) == pytest.approx(529 / 648, abs=1e-12)
    stats = agreement_stats(HAND, HAND_AGREED, RANGE)
    assert stats.krippendorff_alpha_ordinal == 0.816
    assert krippendorff_alpha_ordinal(HAND, RANGE) == 0.816


def test_tiny_alpha_by_hand():
    # (1,1), (1,2), (2,2): o11 = 2, o12 = o21 = 1, o22 = 2; n_1 = n_2 = 3, n = 6;
    # delta^2(1,2) = (3 + 3 - 3)^2 = 9; alpha = 1 - 5 * 18 / (2 * 3 * 3 * 9) = 4/9
    grades = {"u1": {"A": 1, "B": 1}, "u2": {"A": 1, "B": 2}, "u3": {"A": 2, "B": 2}}
    assert ordinal_alpha_reference(grades) == Fraction(4, 9)
    assert agreement_stats(grades, {}, RANGE).krippendorff_alpha_ordinal == 0.444


def test_published_example_ordinal_alpha():
    # Krippendorff (2011) example (4 observers, 12 units, values 1-5), ordinal alpha .815
    rows = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    }
    grades = {f"u{j:02d}": {a: rows[a][j] for a in rows} for j in range(12)}
    assert krippendorff_alpha_ordinal(grades, (1, 5)) == 0.815
    assert round_half_away(ordinal_alpha_reference(grades), 3) == 0.815


def test_alpha_matches_package_and_reference_on_random_data():
    rng = random.Random(7)
    checked = 0
    for _ in range(60):
        grades = {
            f"P{p}": {f"M{m}": rng.choice([None, *range(1, 9)]) for m in range(rng.randint(2, 5))}
            for p in range(rng.randint(1, 12))
        }
        if not any(sum(g is not None for g in row.values()) >= 2 for row in grades.values()):
            assert krippendorff_alpha_ordinal(grades, RANGE) is None
            continue
        expected = package_alpha(grades)
        reference = ordinal_alpha_reference(grades)
        assert expected == pytest.approx(float(reference), abs=1e-9)
        assert krippendorff_alpha_ordinal(grades, RANGE) == round_half_away(reference, 3)
        checked += 1
    assert checked > 30


def test_plain_python_alpha_is_the_packages_on_panel_sized_matrices():
    """Up to 60 plans x 8 auditors, wide and narrow spreads of grades, gaps included:
    the same figure as ``krippendorff.alpha`` rounded, exact halves included (there
    the app asks the package, since its float decides the rounding)."""
    rng = random.Random(11)
    compared = undefined = boundary = 0
    for _ in range(400):
        low = rng.randint(1, 7)
        spread = rng.choice([1, 2, 3, 8])
        choices = [None, *range(low, min(8, low + spread) + 1)]
        grades = {f"P{p}": {f"M{m}": rng.choice(choices) for m in range(rng.randint(2, 8))}
                  for p in range(rng.randint(1, 60))}
        if not any(sum(g is not None for g in row.values()) >= 2 for row in grades.values()):
            continue
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                expected = package_alpha(grades)
            except ValueError:
                expected = float("nan")
        got = krippendorff_alpha_ordinal(grades, RANGE)
        if not np.isfinite(expected):
            assert got is None
            undefined += 1
            continue
        exact = ordinal_alpha_reference(grades)
        assert got == round_half_away(expected, 3)  # what anyone using the package gets
        if (exact * 1000).denominator == 2:
            boundary += 1  # the float lands either side of the half: the package decides
        else:
            assert got == round_half_away(exact, 3)
        compared += 1
    assert compared > 300 and undefined > 0 and boundary > 0


def test_value_domain_does_not_change_ordinal_alpha():
    # Unused grades have no pairable values, so the full 1-8 domain gives the same alpha as
    # the observed values alone.
    assert krippendorff_alpha_ordinal(HAND, (1, 8)) == krippendorff_alpha_ordinal(HAND, (3, 8))


# --- undefined alpha and no pairs --------------------------------------------


def test_all_identical_grades_alpha_none():
    grades = {"P1": {"A": 6, "B": 6}, "P2": {"A": 6, "B": 6, "C": 6}}
    stats = agreement_stats(grades, {"P1": 6}, RANGE)
    assert stats.pairs == 4
    assert stats.exact == 4
    assert stats.overall_exact_percent == 100.0
    assert stats.krippendorff_alpha_ordinal is None


def test_perfect_agreement_on_varied_grades_alpha_one():
    grades = {"P1": {"A": 6, "B": 6}, "P2": {"A": 3, "B": 3}}
    assert agreement_stats(grades, {}, RANGE).krippendorff_alpha_ordinal == 1.0


def test_single_grader_per_plan():
    grades = {"P1": {"A": 6, "B": None}, "P2": {"B": 3}, "P3": {"A": None}}
    stats = agreement_stats(grades, {"P1": 5, "P2": 3}, RANGE)
    assert stats == AgreementStats(
        pairs=0,
        exact=0,
        within_one=0,
        overall_exact_percent=None,
        overall_within_one_percent=None,
        krippendorff_alpha_ordinal=None,
        members={
            "A": MemberAgreement("A", 1, 0, None, None, 1.0, 1),
            "B": MemberAgreement("B", 1, 0, None, None, 0.0, 1),
        },
    )


def test_empty_input():
    stats = agreement_stats({}, {}, RANGE)
    assert stats.pairs == 0
    assert stats.overall_exact_percent is None
    assert stats.krippendorff_alpha_ordinal is None
    assert stats.members == {}
    assert stats.as_report_dict() == {
        "pairs": 0,
        "overall_exact_percent": None,
        "overall_within_one_percent": None,
        "krippendorff_alpha_ordinal": None,
    }


def test_one_point_grade_range_alpha_none():
    grades = {"P1": {"A": 1, "B": 1}}
    assert agreement_stats(grades, {}, (1, 1)).krippendorff_alpha_ordinal is None


def test_alpha_can_be_negative():
    # systematic disagreement is worse than chance
    grades = {"P1": {"A": 1, "B": 8}, "P2": {"A": 8, "B": 1}}
    alpha = agreement_stats(grades, {}, RANGE).krippendorff_alpha_ordinal
    assert alpha is not None
    assert alpha < 0
    assert alpha == round_half_away(ordinal_alpha_reference(grades), 3)


# --- pair counting and member figures ----------------------------------------


def test_pairs_count_over_plans():
    grades = {"P1": {"A": 1, "B": 2, "C": 3, "D": 4}, "P2": {"A": 5, "B": 5}}
    stats = agreement_stats(grades, {}, RANGE)
    assert stats.pairs == 6 + 1
    # P1 pairs within one: AB, BC, CD; P2: AB
    assert stats.within_one == 4
    assert stats.exact == 1
    assert stats.members["A"].pairs == 4
    assert stats.members["D"].pairs == 3
    assert stats.members["D"].within_one_percent == 33.3


def test_pairs_brute_force():
    rng = random.Random(3)
    for _ in range(50):
        grades = {
            f"P{p}": {f"M{m}": rng.choice([None, 1, 2, 3, 4]) for m in range(4)} for p in range(6)
        }
        stats = agreement_stats(grades, {}, (1, 4))
        pairs = exact = within = 0
        for row in grades.values():
            for a, b in combinations([g for g in row.values() if g is not None], 2):
                pairs += 1
                exact += a == b
                within += abs(a - b) <= 1
        assert (stats.pairs, stats.exact, stats.within_one) == (pairs, exact, within)
        assert sum(m.pairs for m in stats.members.values()) == 2 * pairs


def test_mean_difference_rounds_half_away_from_zero():
    # 8 plans, member one above the agreed grade on exactly one: mean 1/8 = 0.125 -> 0.13
    grades = {f"P{i}": {"A": 5 if i else 6, "B": 5} for i in range(8)}
    agreed = {f"P{i}": 5 for i in range(8)}
    stats = agreement_stats(grades, agreed, RANGE)
    assert stats.members["A"].mean_difference_from_agreed == 0.13
    assert stats.members["A"].plans_compared == 8
    assert stats.members["B"].mean_difference_from_agreed == 0.0
    # and below: -1/8 -> -0.13
    grades = {f"P{i}": {"A": 5 if i else 4} for i in range(8)}
    assert agreement_stats(grades, agreed, RANGE).members["A"].mean_difference_from_agreed == -0.13


def test_mean_difference_only_where_both_exist():
    grades = {"P1": {"A": 7}, "P2": {"A": 2}, "P3": {"A": None}}
    stats = agreement_stats(grades, {"P1": 5, "P3": 4, "P9": 1}, RANGE)
    member = stats.members["A"]
    assert member.plans_graded == 2
    assert member.plans_compared == 1
    assert member.mean_difference_from_agreed == 2.0


def test_member_without_any_grade():
    stats = agreement_stats({"P1": {"A": None, "B": 4}}, {"P1": 4}, RANGE)
    assert stats.members["A"] == MemberAgreement("A", 0, 0, None, None, None, 0)


# --- bad input ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("grades", "agreed", "message"),
    [
        ({"P1": {"A": 9, "B": 1}}, {}, "outside the range"),
        ({"P1": {"A": 0}}, {}, "outside the range"),
        ({"P1": {"A": 2.5}}, {}, "not a whole number"),
        ({"P1": {"A": True}}, {}, "not a whole number"),
        ({"P1": {"A": 2}}, {"P1": 12}, "outside the range"),
        ({"P1": {"Panel": 2, "A": 3}}, {}, "panel"),
    ],
)
def test_bad_input(grades, agreed, message):
    with pytest.raises(ValueError, match=message):
        agreement_stats(grades, agreed, RANGE)


def test_empty_range_rejected():
    with pytest.raises(ValueError, match="empty"):
        agreement_stats({"P1": {"A": 2}}, {}, (5, 1))


def test_numpy_integer_grades_accepted():
    grades = {
        p: {a: np.int64(g) for a, g in row.items() if g is not None} for p, row in HAND.items()
    }
    assert agreement_stats(grades, HAND_AGREED, RANGE) == agreement_stats(HAND, HAND_AGREED, RANGE)


# --- helpers for moderation --------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"A": "yes", "B": "yes"}, False),
        ({"A": "yes", "B": "no"}, True),
        ({"A": "yes", "B": "YES "}, False),
        ({"A": "yes", "B": None, "C": ""}, False),
        ({"A": "partial", "B": "  ", "C": "no"}, True),
        ({"A": "NA", "B": "yes"}, True),
        ({}, False),
        ({"A": None}, False),
    ],
)
def test_disagreements(answers, expected):
    assert disagreements(answers) is expected


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        ([5, 6], False),
        ([5, 7], True),
        ([5, None, 7], True),
        ([4, 5, 6], True),
        ([None, None], False),
        ([], False),
        ([3], False),
        ((g for g in (2, 2, 3)), False),
    ],
)
def test_grades_disagree(grades, expected):
    assert grades_disagree(grades) is expected
