"""How far the panel's individual auditors agree on plans' overall grades.

Figures (CONTRACT.md, "Report figures" -> ``agreement``):

* **pairs** -- every pair of individual auditors (never the panel's agreed
  scores) who both gave an overall grade to the same plan, counted over plans: a
  plan graded by 3 auditors contributes 3 pairs, by 4 auditors 6 pairs.
* **exact** -- pairs with equal grades; **within one** -- pairs whose grades differ
  by at most 1 (so it includes the exact pairs). Percentages via
  :func:`~qa_audit.domain.figures.percent` (``None`` when there are no pairs).
* **Krippendorff's alpha (ordinal)** over the auditors x plans matrix (missing
  grades allowed), as the ``krippendorff`` package computes it with the rubric's
  full grade range as the value domain, rounded to 3 places half away from zero; ``None`` when
  no plan has two grades or alpha is undefined (e.g. every grade identical, where
  expected disagreement is 0).

Pure Python (no numpy, no database, no Qt).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from qa_audit.domain.alpha_float import package_alpha_ordinal
from qa_audit.domain.figures import percent, round_half_away

__all__ = [
    "AgreementStats",
    "MemberAgreement",
    "agreement_stats",
    "disagreements",
    "grades_disagree",
    "krippendorff_alpha_ordinal",
]

_PANEL = "panel"


@dataclass(frozen=True)
class MemberAgreement:
    """One auditor's agreement with the other auditors and with the agreed grades.

    ``plans_graded``: plans this auditor gave an overall grade. ``pairs``: pairs
    (this auditor, another auditor) who both graded the same plan; ``exact_percent``
    and ``within_one_percent`` are over those pairs. ``mean_difference_from_agreed``:
    mean of (this auditor's grade - agreed grade) over the ``plans_compared`` plans
    that have both, rounded to 2 places half away from zero (positive = more
    generous than the panel); ``None`` when there are no such plans.
    """

    auditor: str
    plans_graded: int
    pairs: int
    exact_percent: float | None
    within_one_percent: float | None
    mean_difference_from_agreed: float | None
    plans_compared: int


@dataclass(frozen=True)
class AgreementStats:
    """Agreement on the overall grade across a set of plans (see the module doc)."""

    pairs: int
    exact: int
    within_one: int
    overall_exact_percent: float | None
    overall_within_one_percent: float | None
    krippendorff_alpha_ordinal: float | None
    members: dict[str, MemberAgreement]

    def as_report_dict(self) -> dict[str, object]:
        """The ``agreement`` object of the key issues report JSON (CONTRACT.md)."""
        return {
            "pairs": self.pairs,
            "overall_exact_percent": self.overall_exact_percent,
            "overall_within_one_percent": self.overall_within_one_percent,
            "krippendorff_alpha_ordinal": self.krippendorff_alpha_ordinal,
        }


def _check_grade(grade: object, grade_range: tuple[int, int], where: str) -> int:
    low, high = grade_range
    # Integral: int and numpy's integers alike, without importing numpy for the check
    if isinstance(grade, bool) or not isinstance(grade, numbers.Integral):
        raise ValueError(f"{where}: grade {grade!r} is not a whole number")
    whole = int(grade)
    if not low <= whole <= high:
        raise ValueError(f"{where}: grade {grade} is outside the range {low}-{high}")
    return whole


def _given_grades(
    grades: Mapping[str, Mapping[str, int | None]], grade_range: tuple[int, int]
) -> dict[str, dict[str, int]]:
    """plan -> auditor -> grade, without blanks, validated."""
    low, high = grade_range
    if low > high:
        raise ValueError(f"grade range {low}-{high} is empty")
    given: dict[str, dict[str, int]] = {}
    for plan, by_auditor in grades.items():
        row: dict[str, int] = {}
        for auditor, grade in by_auditor.items():
            if auditor.strip().casefold() == _PANEL:
                raise ValueError(
                    f"plan {plan!r}: the panel's agreed grade is not an individual auditor's"
                )
            if grade is not None:
                row[auditor] = _check_grade(grade, grade_range, f"plan {plan!r}, {auditor}")
        given[plan] = row
    return given


def krippendorff_alpha_ordinal(
    grades: Mapping[str, Mapping[str, int | None]], grade_range: tuple[int, int]
) -> float | None:
    """Krippendorff's alpha, ordinal metric, over auditors x plans; 3 places or None.

    The computation of ``krippendorff.alpha(reliability_data, value_domain=range(low,
    high + 1), level_of_measurement="ordinal")`` (coincidences per plan divided by
    the plan's graders minus one; ordinal distance from the pooled value counts),
    written out in plain Python and exact fractions: a panel's matrix is small, and
    importing numpy for it cost the key issues report a fifth of its time. On an
    exact rounding boundary the package decides (see ``_package_alpha``). Plans with
    fewer than two grades carry no information. ``None`` when no plan has two grades,
    or when alpha is undefined (no expected disagreement, e.g. every grade the same).
    """
    low, high = grade_range
    given = _given_grades(grades, grade_range)
    if not any(len(row) >= 2 for row in given.values()):
        return None
    if high <= low:
        return None
    # exact arithmetic: a value on a rounding boundary (e.g. -0.0335) rounds as the
    # contract says, not as a float's last bit falls. Pair counts are integers per
    # number of graders, so only a handful of fractions are ever built.
    pair_counts: dict[tuple[int, int, int], int] = {}  # (graders, c, k) -> pairs
    for row in given.values():
        graders = len(row)
        if graders < 2:
            continue
        counts: dict[int, int] = {}
        for grade in row.values():
            counts[grade] = counts.get(grade, 0) + 1
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * n_k - (n_c if c == k else 0)
                if pairs:
                    key = (graders, c, k)
                    pair_counts[key] = pair_counts.get(key, 0) + pairs
    observed: dict[tuple[int, int], Fraction] = {}  # the coincidence matrix o
    for (graders, c, k), pairs in pair_counts.items():
        observed[c, k] = observed.get((c, k), Fraction(0)) + Fraction(pairs, graders - 1)
    n_v = {v: Fraction(0) for v in range(low, high + 1)}
    for (c, _k), v in observed.items():
        n_v[c] += v
    values = [v for v in n_v if n_v[v]]
    total = sum(n_v.values())

    def distance(c: int, k: int) -> Fraction:
        between = sum(n_v[g] for g in range(min(c, k), max(c, k) + 1))
        return (between - (n_v[c] + n_v[k]) / 2) ** 2

    disagreement = sum(v * distance(c, k) for (c, k), v in observed.items())
    expected = sum(n_v[c] * n_v[k] * distance(c, k) for c in values for k in values)
    if not expected:
        return None
    value = 1 - (total - 1) * disagreement / expected
    if (value * 1000).denominator == 2:  # exactly on a rounding boundary (e.g. 0.0375)
        return _package_alpha(given, grade_range)
    return round_half_away(value, 3)


def _package_alpha(given: Mapping[str, Mapping[str, int]],
                   grade_range: tuple[int, int]) -> float | None:
    """Alpha as ``krippendorff.alpha`` gives it, rounded half away from zero.

    Only for a value exactly halfway between two thousandths: there the package's
    floating-point result lands a hair above or below the half (0.0374999... for
    0.0375), and anyone checking the figure with the standard package rounds that,
    so the app must too (``alpha_float`` repeats the package's float steps; everywhere
    else the exact value rounds the same way).
    """
    try:
        value = package_alpha_ordinal(given, grade_range)
    except ZeroDivisionError:
        return None
    return round_half_away(value, 3) if math.isfinite(value) else None


def agreement_stats(
    grades: Mapping[str, Mapping[str, int | None]],
    agreed: Mapping[str, int],
    grade_range: tuple[int, int],
) -> AgreementStats:
    """Agreement statistics on the overall grade.

    ``grades``: plan_ref -> individual auditor -> overall grade (``None`` = not yet
    graded); the panel's agreed grades go in ``agreed`` (plan_ref -> grade), not in
    ``grades``. ``grade_range``: the rubric's ``(min, max)`` overall grade. A grade
    outside the range, a non-integer grade or an auditor called "panel" in
    ``grades`` is a programming error (``ValueError``). ``members`` has every auditor
    named in ``grades``, sorted by name.
    """
    given = _given_grades(grades, grade_range)
    agreed_checked = {
        plan: _check_grade(grade, grade_range, f"plan {plan!r}, agreed")
        for plan, grade in agreed.items()
        if grade is not None
    }

    pairs = exact = within_one = 0
    auditors = sorted({auditor for row in grades.values() for auditor in row})
    member_pairs = dict.fromkeys(auditors, 0)
    member_exact = dict.fromkeys(auditors, 0)
    member_within = dict.fromkeys(auditors, 0)
    for row in given.values():
        for (first, a), (second, b) in combinations(sorted(row.items()), 2):
            same = a == b
            close = abs(a - b) <= 1
            pairs += 1
            exact += same
            within_one += close
            for auditor in (first, second):
                member_pairs[auditor] += 1
                member_exact[auditor] += same
                member_within[auditor] += close

    members: dict[str, MemberAgreement] = {}
    for auditor in auditors:
        graded = {plan: row[auditor] for plan, row in given.items() if auditor in row}
        differences = [
            grade - agreed_checked[plan] for plan, grade in graded.items() if plan in agreed_checked
        ]
        mean = (
            round_half_away(Fraction(sum(differences), len(differences)), 2)
            if differences
            else None
        )
        members[auditor] = MemberAgreement(
            auditor=auditor,
            plans_graded=len(graded),
            pairs=member_pairs[auditor],
            exact_percent=percent(member_exact[auditor], member_pairs[auditor]),
            within_one_percent=percent(member_within[auditor], member_pairs[auditor]),
            mean_difference_from_agreed=mean,
            plans_compared=len(differences),
        )

    return AgreementStats(
        pairs=pairs,
        exact=exact,
        within_one=within_one,
        overall_exact_percent=percent(exact, pairs),
        overall_within_one_percent=percent(within_one, pairs),
        krippendorff_alpha_ordinal=krippendorff_alpha_ordinal(grades, grade_range),
        members=members,
    )


def _is_blank(answer: str | None) -> bool:
    return answer is None or not str(answer).strip()


def disagreements(answers: Mapping[str, str | None]) -> bool:
    """True when auditors gave different codes to a choice question.

    Blank answers (``None`` or whitespace) are ignored; codes compare
    case-insensitively and without surrounding spaces (``"yes"`` == ``"YES "``), as
    option codes do on import. ``NA`` counts as a code.
    """
    codes = {str(answer).strip().casefold() for answer in answers.values() if not _is_blank(answer)}
    return len(codes) > 1


def grades_disagree(grades: Iterable[int | None]) -> bool:
    """True when the grades given (``None`` ignored) are more than 1 apart."""
    given = [grade for grade in grades if grade is not None]
    return bool(given) and max(given) - min(given) > 1
