"""Krippendorff's alpha (ordinal) in the floating-point steps of the ``krippendorff``
package, without numpy.

Only used for a value exactly halfway between two thousandths (see
``agreement.krippendorff_alpha_ordinal``): there the package's float lands a hair above
or below the half, anyone checking the figure with the package rounds that float, and
so must the app. Reproducing the float needs the package's operations in numpy's order:

* a reduction along an array's first axis adds the rows one after another;
* a reduction of a contiguous run (``a.sum()``, ``n_v.sum()``) is numpy's pairwise sum
  started from 0.0 (:func:`numpy_sum`);
* ``np.add.reduceat`` starts each segment from its first element and adds the pairwise
  sum of the rest;
* ``x ** 2`` is ``x * x`` (``np.square``), not the C library's ``pow``.

``tests/unit/test_alpha_float.py`` checks bit-for-bit equality with the package on
thousands of random panels. Keeping numpy out of the app saves 40 MB of the bundle.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["numpy_sum", "package_alpha_ordinal"]

_BLOCK = 128  # numpy's PW_BLOCKSIZE


def _pairwise(a: Sequence[float]) -> float:
    """numpy's ``pairwise_sum`` (loops_utils.h): eight running sums per block."""
    n = len(a)
    if n < 8:
        res = 0.0
        for x in a:
            res += x
        return res
    if n <= _BLOCK:
        r = list(a[:8])
        i = 8
        while i < n - n % 8:
            for j in range(8):
                r[j] += a[i + j]
            i += 8
        res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n:
            res += a[i]
            i += 1
        return res
    half = n // 2
    half -= half % 8
    return _pairwise(a[:half]) + _pairwise(a[half:])


def numpy_sum(a: Sequence[float]) -> float:
    """``np.add.reduce`` of a contiguous float64 run: 0.0 plus the pairwise sum."""
    return 0.0 + _pairwise(a)


def _coincidences(units: list[list[int]], size: int) -> list[list[float]]:
    """``_coincidences``: each unit's matrix divided by its pairable count minus one,
    added unit after unit (a reduction along the first axis)."""
    o: list[list[float]] | None = None
    for vc in units:
        pairable = max(sum(vc), 2)
        m = [[(float(vc[c] * vc[k]) - (float(vc[c]) if c == k else 0.0)) / (pairable - 1)
              for k in range(size)] for c in range(size)]
        if o is None:
            o = m
        else:
            for c in range(size):
                row, add = o[c], m[c]
                for k in range(size):
                    row[k] += add[k]
    assert o is not None
    return o


def package_alpha_ordinal(given: Mapping[str, Mapping[str, int]],
                          grade_range: tuple[int, int]) -> float:
    """The float ``krippendorff.alpha(data, value_domain=range(low, high + 1),
    level_of_measurement="ordinal")`` returns for plan -> auditor -> grade.

    Raises ``ZeroDivisionError`` where the package's result is not finite."""
    low, high = grade_range
    size = high - low + 1
    units = []
    for plan in sorted(given):
        vc = [0] * size
        for grade in given[plan].values():
            vc[grade - low] += 1
        units.append(vc)
    o = _coincidences(units, size)
    n_v = []
    for k in range(size):  # o.sum(axis=0): row after row
        acc = o[0][k]
        for c in range(1, size):
            acc += o[c][k]
        n_v.append(acc)
    total = numpy_sum(n_v) - 1
    e = [[(n_v[c] * n_v[k] - (n_v[c] if c == k else 0.0)) / total for k in range(size)]
         for c in range(size)]
    padded = [*n_v, 0.0]
    d = [[0.0] * size for _ in range(size)]
    for c in range(size):
        for k in range(size):
            i1, i2 = min(c, k), max(c, k)
            between = padded[i1] + numpy_sum(padded[i1 + 1:i2 + 1])  # np.add.reduceat
            x = between - (n_v[i1] + n_v[i2]) / 2
            d[c][k] = x * x
    observed = numpy_sum([o[c][k] * d[c][k] for c in range(size) for k in range(size)])
    expected = numpy_sum([e[c][k] * d[c][k] for c in range(size) for k in range(size)])
    return 1 - observed / expected
