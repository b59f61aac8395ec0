"""Exact percentages, rounding half away from zero, Wilson score intervals."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pytest

from qa_audit.domain.figures import percent, round_half_away, to_fraction, wilson_interval

# --- percent -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (1, 8, 12.5),  # exact, no rounding needed
        (1, 16, 6.3),  # 6.25 -> half away from zero (banker's rounding would give 6.2)
        (2, 3, 66.7),
        (1, 3, 33.3),
        (5, 1600, 0.3),  # 0.3125
        (1, 2000, 0.1),  # 0.05 -> 0.1
        (3, 2000, 0.2),  # 0.15: round(0.15, 1) == 0.1 in floats
        (23, 2000, 1.2),  # 1.15: 23 / 2000 * 100 == 1.15 -> round() gives 1.1
        (1, 80, 1.3),  # 1.25: round(1.25, 1) == 1.2 (ties to even)
        (7, 80, 8.8),  # 8.75
        (29, 200, 14.5),
        (1, 1, 100.0),
        (0, 5, 0.0),
        (3, 2, 150.0),
        (1, 1999, 0.1),  # 0.050025...
        (1, 2001, 0.0),  # 0.049975...
        (-1, 16, -6.3),  # half away from zero on the negative side too
    ],
)
def test_percent_rounds_exact_ratio_half_away_from_zero(numerator, denominator, expected):
    result = percent(numerator, denominator)
    assert result == expected
    assert isinstance(result, float)


def test_percent_none_when_denominator_is_zero():
    assert percent(0, 0) is None
    assert percent(5, 0) is None


def test_percent_float_naive_computation_would_be_wrong():
    # The cases above really are float traps (guards the test itself).
    assert round(23 / 2000 * 100, 1) == 1.1
    assert round(1 / 16 * 100, 1) == 6.2
    assert round(3 / 2000 * 100, 1) == 0.1


def test_percent_matches_decimal_reference_on_all_small_ratios():
    for denominator in range(1, 201):
        for numerator in range(denominator + 1):
            # Decimal division is exact for terminating decimals, which are the only
            # ratios that can land exactly on a half.
            exact = (Decimal(numerator * 100) / Decimal(denominator)).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            )
            assert percent(numerator, denominator) == float(exact), (numerator, denominator)


def test_percent_accepts_fractions_and_huge_ints():
    assert percent(Fraction(1, 2), 4) == 12.5
    assert percent(10**30 + 1, 8 * 10**30) == 12.5


def test_percent_rejects_floats_and_negative_denominator():
    with pytest.raises(TypeError):
        percent(0.5, 4)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        percent(True, 4)
    with pytest.raises(ValueError, match="negative"):
        percent(1, -4)


# --- round_half_away ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction(1, 8), 2, 0.13),  # 0.125
        (Fraction(-1, 8), 2, -0.13),
        (Fraction(25, 2), 0, 13.0),
        (Fraction(-25, 2), 0, -13.0),
        (2.675, 2, 2.68),  # the float's repr is "2.675"; round(2.675, 2) == 2.67
        (0.05, 1, 0.1),
        (0.15, 1, 0.2),
        (0.25, 1, 0.3),
        (-0.05, 1, -0.1),
        (Decimal("0.125"), 2, 0.13),
        (Decimal("1.2345"), 3, 1.235),
        (7, 1, 7.0),
        (250, -2, 300.0),
        (249, -2, 200.0),
        (0.8155, 3, 0.816),
        (np.float64(0.8155), 3, 0.816),
    ],
)
def test_round_half_away(value, places, expected):
    assert round_half_away(value, places) == expected


def test_round_half_away_never_returns_negative_zero():
    for value in (-0.0, -0.04, Fraction(-1, 1000), Decimal("-0.0001")):
        result = round_half_away(value, 1)
        assert result == 0.0
        assert math.copysign(1.0, result) == 1.0


def test_round_half_away_rejects_non_finite_and_non_numbers():
    for bad in (math.nan, math.inf, Decimal("NaN"), Decimal("-Infinity")):
        with pytest.raises(ValueError, match="non-finite"):
            round_half_away(bad, 1)
    with pytest.raises(TypeError):
        round_half_away("1.5", 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        round_half_away(True, 1)
    with pytest.raises(TypeError):
        round_half_away(1.5, 1.0)  # type: ignore[arg-type]


def test_to_fraction_takes_floats_at_their_repr():
    assert to_fraction(0.1) == Fraction(1, 10)
    assert to_fraction(1e-05) == Fraction(1, 100000)
    assert to_fraction(Decimal("2.5")) == Fraction(5, 2)
    assert to_fraction(np.float64(0.1)) == Fraction(1, 10)


# --- Wilson score interval ---------------------------------------------------


def _wilson_reference(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half) * 100, min(1.0, centre + half) * 100


@pytest.mark.parametrize(
    ("k", "n", "expected"),
    [
        # 5/10: z^2/n = 0.38416, centre 0.5, half = 1.96/1.38416*sqrt(0.034604) = 0.2634
        (5, 10, (23.7, 76.3)),
        # 0/5: centre = half = 0.38416/1.76832 = 0.21725 -> (0, 43.4)
        (0, 5, (0.0, 43.4)),
        (5, 5, (56.6, 100.0)),
        # 1/1: low = 1/(1 + z^2) = 1/4.8416 = 0.20654, high = 1
        (1, 1, (20.7, 100.0)),
        # 0/1: high = z^2/(1 + z^2) = 3.8416/4.8416 = 0.79346
        (0, 1, (0.0, 79.3)),
        # 8/10: centre (0.8 + 0.19208)/1.38416 = 0.71682,
        #       half 1.41602 * sqrt(0.016 + 0.009604) = 0.22666
        (8, 10, (49.0, 94.3)),
        (75, 100, (65.7, 82.5)),
    ],
)
def test_wilson_hand_computed(k, n, expected):
    assert wilson_interval(k, n) == expected


def test_wilson_none_when_no_observations():
    assert wilson_interval(0, 0) == (None, None)


def test_wilson_within_bounds_and_matches_float_formula():
    for n in range(1, 60):
        for k in range(n + 1):
            low, high = wilson_interval(k, n)
            assert low is not None
            assert high is not None
            assert 0.0 <= low <= high <= 100.0
            ref_low, ref_high = _wilson_reference(k, n)
            assert abs(low - ref_low) <= 0.05 + 1e-9
            assert abs(high - ref_high) <= 0.05 + 1e-9
            # symmetric: k successes <-> n - k failures
            mirror_low, mirror_high = wilson_interval(n - k, n)
            assert mirror_low == pytest.approx(100 - high, abs=1e-9)
            assert mirror_high == pytest.approx(100 - low, abs=1e-9)
            # the observed proportion lies inside its interval
            assert low <= 100 * k / n <= high


def test_wilson_other_z():
    # z = 2.576 (99%) is wider than the default 95%
    low99, high99 = wilson_interval(5, 10, z=2.576)
    low95, high95 = wilson_interval(5, 10)
    assert low99 < low95
    assert high99 > high95


def test_wilson_rejects_bad_input():
    with pytest.raises(ValueError, match="successes"):
        wilson_interval(6, 5)
    with pytest.raises(ValueError, match="successes"):
        wilson_interval(-1, 5)
    with pytest.raises(ValueError, match="z"):
        wilson_interval(1, 5, z=0)
    with pytest.raises(TypeError):
        wilson_interval(1.0, 5)  # type: ignore[arg-type]
