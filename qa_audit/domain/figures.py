"""Report figures: exact percentages, rounding half away from zero, Wilson intervals.

Every percentage a report shows is the percentage of an *exact* ratio of counts,
rounded to one decimal place **half away from zero** (12.5 -> 12.5, 6.25 -> 6.3,
-0.05 -> -0.1) and ``None`` when the denominator is 0 (see CONTRACT.md, "Report
figures"). Binary floating point cannot do this reliably (``round(1.15, 1)`` is 1.1
and ``23 / 2000 * 100`` is 1.15 -> 1.1), so the arithmetic here is done on
:class:`fractions.Fraction` (and :class:`decimal.Decimal` for the square root in the
Wilson interval) and only the final, rounded figure becomes a ``float``.

Pure Python: no database, no Qt.
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal, localcontext
from fractions import Fraction

__all__ = ["percent", "round_half_away", "to_fraction", "wilson_interval"]

_HALF = Fraction(1, 2)
_WILSON_PRECISION = 50  # significant digits used for the Wilson interval's arithmetic


def to_fraction(x: Fraction | Decimal | float | int) -> Fraction:
    """Exact value of ``x`` as a :class:`~fractions.Fraction`.

    ``int``, ``Fraction`` (any :class:`numbers.Rational`) and ``Decimal`` are converted
    exactly. A ``float`` (including ``numpy.float64``) is taken at its shortest
    ``repr`` -- the decimal number a person reading it sees -- so ``2.675`` means
    2675/1000, not the binary value 2.67499999999999982236431605997495353221893310546875.
    NaN and infinities raise ``ValueError``; ``bool`` and other types raise ``TypeError``.
    """
    if isinstance(x, bool):
        raise TypeError("a bool is not a number here")
    if isinstance(x, Fraction | int):
        return Fraction(x)
    if isinstance(x, numbers.Rational):
        return Fraction(x.numerator, x.denominator)
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise ValueError(f"cannot round a non-finite number: {x}")
        return Fraction(x)
    if isinstance(x, numbers.Real):
        value = float(x)
        if not math.isfinite(value):
            raise ValueError(f"cannot round a non-finite number: {value}")
        return Fraction(repr(value))
    raise TypeError(f"not a real number: {x!r}")


def round_half_away(x: Fraction | Decimal | float | int, places: int = 1) -> float:
    """``x`` rounded to ``places`` decimal places, halves rounded away from zero.

    The rounding is exact: ``x`` is first turned into a Fraction (see
    :func:`to_fraction`; a float counts as the decimal of its ``repr``), scaled by
    ``10**places``, and ``floor(|scaled| + 1/2)`` keeps the sign of ``x``. The result
    is the float nearest that decimal, so it prints as expected (``12.5``, ``6.3``).
    ``places`` may be 0 or negative (``round_half_away(250, -2) == 300.0``).
    Never returns ``-0.0``.
    """
    if isinstance(places, bool) or not isinstance(places, int):
        raise TypeError("places must be an int")
    scale = Fraction(10) ** places
    scaled = to_fraction(x) * scale
    magnitude = math.floor(abs(scaled) + _HALF)
    if magnitude == 0:
        return 0.0
    rounded = Fraction(magnitude if scaled > 0 else -magnitude) / scale
    return float(rounded)


def percent(numerator: int | Fraction, denominator: int | Fraction) -> float | None:
    """``100 * numerator / denominator`` to 1 decimal place, half away from zero.

    The ratio is exact (Fraction arithmetic), so ``percent(1, 16) == 6.3``,
    ``percent(23, 2000) == 1.2`` and ``percent(2, 3) == 66.7``. Returns ``None`` when
    ``denominator`` is 0. Counts must be exact numbers (int or Fraction); a float or a
    negative denominator is a programming error (``TypeError`` / ``ValueError``).
    """
    if type(numerator) is int and type(denominator) is int and denominator > 0:
        # the same exact rounding in integers (reports compute thousands of these):
        # floor(|1000 n / d| + 1/2) tenths, sign of n; int / int is correctly rounded
        tenths = (2000 * abs(numerator) + denominator) // (2 * denominator)
        return (tenths if numerator > 0 else -tenths) / 10 if tenths else 0.0
    for name, value in (("numerator", numerator), ("denominator", denominator)):
        if isinstance(value, bool) or not isinstance(value, numbers.Rational):
            raise TypeError(f"percent() {name} must be an int or Fraction, not {value!r}")
    if denominator == 0:
        return None
    if denominator < 0:
        raise ValueError("percent() denominator must not be negative")
    return round_half_away(Fraction(numerator) * 100 / Fraction(denominator), 1)


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float | None, float | None]:
    """Wilson score interval for a proportion, in percent: ``(low, high)``.

    With ``p = successes / n``::

        centre = (p + z**2 / (2 n)) / (1 + z**2 / n)
        half   = z / (1 + z**2 / n) * sqrt(p (1 - p) / n + z**2 / (4 n**2))
        low, high = 100 * (centre - half), 100 * (centre + half)

    each clamped to 0-100 and rounded to 1 decimal place half away from zero
    (``z = 1.96`` gives the 95% interval). ``(None, None)`` when ``n == 0``.

    Examples: 5/10 -> (23.7, 76.3); 0/5 -> (0.0, 43.4); 5/5 -> (56.6, 100.0).
    The arithmetic is done in Decimal at 50 significant digits (``z`` is taken as
    the decimal of its ``repr``), so the rounding does not depend on float error.
    """
    for name, value in (("successes", successes), ("n", n)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"wilson_interval() {name} must be an int, not {value!r}")
    if n < 0 or successes < 0 or successes > n:
        raise ValueError(f"wilson_interval() needs 0 <= successes <= n (got {successes}/{n})")
    if n == 0:
        return None, None
    z_exact = to_fraction(z)
    if z_exact <= 0:
        raise ValueError("wilson_interval() z must be positive")
    with localcontext() as ctx:
        ctx.prec = _WILSON_PRECISION
        zd = Decimal(z_exact.numerator) / Decimal(z_exact.denominator)
        k = Decimal(successes)
        total = Decimal(n)
        p = k / total
        z2 = zd * zd
        denominator = 1 + z2 / total
        centre = (p + z2 / (2 * total)) / denominator
        half = zd * (p * (1 - p) / total + z2 / (4 * total * total)).sqrt() / denominator
        low = max(Decimal(0), centre - half) * 100
        high = min(Decimal(1), centre + half) * 100
    return round_half_away(low, 1), round_half_away(high, 1)
