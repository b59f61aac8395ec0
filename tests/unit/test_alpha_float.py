"""The app's float alpha equals the ``krippendorff`` package's bit for bit, so a value
exactly halfway between thousandths rounds as a checker using the package rounds it
(test_agreement.py checks those halves through ``krippendorff_alpha_ordinal``)."""

from __future__ import annotations

import math
import random
import warnings

import krippendorff
import numpy as np
import pytest

from qa_audit.domain.alpha_float import numpy_sum, package_alpha_ordinal


def _package(given: dict[str, dict[str, int]], low: int, high: int) -> float:
    auditors = sorted({a for row in given.values() for a in row})
    plans = sorted(given)
    data = np.full((len(auditors), len(plans)), np.nan)
    for j, plan in enumerate(plans):
        for auditor, grade in given[plan].items():
            data[auditors.index(auditor), j] = grade
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return float(krippendorff.alpha(
            reliability_data=data, value_domain=np.arange(low, high + 1, dtype=float),
            level_of_measurement="ordinal"))


def _panel(rnd: random.Random, low: int, high: int) -> dict[str, dict[str, int]]:
    auditors = [f"a{i}" for i in range(rnd.randint(2, 7))]
    given = {}
    for p in range(rnd.randint(1, 60)):
        given[f"p{p}"] = {
            a: (rnd.randint(low, high) if rnd.random() < 0.5
                else rnd.choice([low, (low + high) // 2]))
            for a in auditors if rnd.random() < 0.7}
    return given


@pytest.mark.parametrize("n", [0, 1, 5, 7, 8, 9, 15, 16, 17, 64, 100, 128, 129, 300])
def test_sum_is_numpys(n: int) -> None:
    rnd = random.Random(n)
    values = [rnd.random() * 10 ** rnd.randint(-3, 3) for _ in range(n)]
    assert numpy_sum(values) == float(np.array(values, dtype=float).sum())


def test_alpha_float_is_the_packages_bit_for_bit() -> None:
    rnd = random.Random(7)
    compared = 0
    for _ in range(800):
        low, high = rnd.choice([(1, 4), (1, 8), (0, 3), (1, 10), (1, 12), (1, 5)])
        given = _panel(rnd, low, high)
        if not any(len(row) >= 2 for row in given.values()):
            continue
        try:
            expected = _package(given, low, high)
        except ValueError:
            continue
        try:
            got = package_alpha_ordinal(given, (low, high))
        except ZeroDivisionError:
            got = math.nan
        assert got == expected or (math.isnan(got) and math.isnan(expected)), given
        compared += 1
    assert compared > 600
