"""Seeded, reproducible (optionally stratified) sampling of plans for an audit session.

The rules are CONTRACT.md, "Sampling rules". This module is pure Python (no
database, no Qt): the caller works out which plans are eligible and passes them in
as :class:`Candidate` objects.

Seeded order
------------
Every candidate gets the key ``sha256(f"{seed}:{plan_ref}")`` (UTF-8, hex digest)
and candidates are ordered by ``(key, plan_ref)``. A sample of ``m`` plans (from the
whole pool, or from one stratum) is the first ``m`` plans in that order, and a
replacement is the next plan in that order not already in (or withdrawn from) the
sample. Hence:

* the sample depends only on the *set* of candidates, the spec and the seed -- not
  on the order candidates are passed in;
* it is identical on every Python version and platform (SHA-256 is fixed, unlike
  ``random``'s algorithms, which Python may change);
* adding or removing *other* plans never reorders the rest: a plan stays in the
  sample unless a newly eligible plan with a smaller key takes its place;
* replacements follow the same rule as the original draw.

Allocation (stratified samples)
-------------------------------
:func:`allocate` is proportional allocation by largest remainder (Hamilton's
method), ties broken by stratum name ascending, with **at least one plan per
non-empty stratum when the sample size allows** (``n`` >= number of non-empty
strata). The minimum is guaranteed like this: compute the proportional allocation;
if any non-empty stratum got 0, fix each such stratum at exactly 1 and share the
rest of ``n`` among the other strata by the same largest-remainder rule; repeat
until no stratum is left at 0. When the proportional allocation already gives
every stratum at least one plan (the usual case) it is used unchanged. No stratum
ever gets more plans than it has (proved in :func:`allocate`'s docstring and
checked by an assertion).
"""

from __future__ import annotations

import hashlib
import math
import numbers
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from qa_audit.domain.plan_fields import is_custom_name
from qa_audit.errors import UserError

__all__ = [
    "NOT_RECORDED",
    "STRATIFY_FIELDS",
    "Candidate",
    "SampleResult",
    "SampleSpec",
    "SamplingError",
    "allocate",
    "can_stratify_by",
    "draw_replacement",
    "draw_sample",
    "new_seed",
    "seeded_key",
    "seeded_order",
    "stratum_key",
    "target_size",
]

#: Plan facts a sample may be stratified by (CONTRACT.md, ``--stratify FIELD``; year_group
#: is an addition, for transition points such as Years 5, 6, 9 and 11).
STRATIFY_FIELDS: tuple[str, ...] = ("team", "phase", "primary_need", "setting_type", "plan_type",
                                    "year_group")

#: Stratum of a plan whose stratification fact is missing or blank.
NOT_RECORDED = "(not recorded)"

_SEED_LIMIT = 2**31  # new_seed() returns 0 .. 2**31 - 1


class SamplingError(UserError):
    """A sample cannot be drawn as asked (size, percent, stratification field)."""


@dataclass(frozen=True)
class Candidate:
    """An eligible plan: its reference and the facts a sample may be stratified by."""

    plan_ref: str
    facts: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class SampleSpec:
    """How to draw: exactly one of ``size`` / ``percent``; optional stratification."""

    size: int | None
    percent: float | None
    stratify: str | None
    seed: int


@dataclass(frozen=True)
class SampleResult:
    """A drawn sample.

    ``plans`` is sorted by plan reference (a stable, readable order for the panel);
    ``allocation`` maps each stratum that has eligible plans to the number drawn from
    it, sorted by stratum name, or is ``None`` for an unstratified sample;
    ``eligible`` is the number of distinct candidates; ``seed`` is the spec's seed.
    """

    plans: list[str]
    allocation: dict[str, int] | None
    eligible: int
    seed: int


def new_seed() -> int:
    """A fresh random seed in ``0 .. 2**31 - 1`` (from :mod:`secrets`)."""
    return secrets.randbelow(_SEED_LIMIT)


def can_stratify_by(name: str) -> bool:
    """A built-in stratification field, or a name a custom plan field may have."""
    return name in STRATIFY_FIELDS or is_custom_name(name)


def stratum_key(facts: Mapping[str, object], stratify: str) -> str:
    """The stratum a plan belongs to: its fact as a string, stripped.

    A missing fact, ``None`` or a blank string gives :data:`NOT_RECORDED`.
    """
    value = facts.get(stratify)
    if value is None:
        return NOT_RECORDED
    text = str(value).strip()
    return text or NOT_RECORDED


def seeded_key(seed: int, plan_ref: str) -> str:
    """The sort key of a plan under ``seed``: ``sha256(f"{seed}:{plan_ref}")`` in hex."""
    return hashlib.sha256(f"{seed}:{plan_ref}".encode()).hexdigest()


def seeded_order(plan_refs: Iterable[str], seed: int) -> list[str]:
    """Distinct ``plan_refs`` in the seeded order, by ``(seeded_key, plan_ref)``."""
    return sorted(set(plan_refs), key=lambda ref: (seeded_key(seed, ref), ref))


def _exact_percent(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
        raise SamplingError(f"The sample percentage must be a number, not {value!r}.")
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise SamplingError("The sample percentage must be a finite number.")
        return Fraction(value)
    as_float = float(value)
    if not math.isfinite(as_float):
        raise SamplingError("The sample percentage must be a finite number.")
    # The decimal the user typed (7.1 means 71/10, not the nearest binary float).
    return Fraction(repr(as_float))


def _check_spec(spec: SampleSpec) -> None:
    if (spec.size is None) == (spec.percent is None):
        raise SamplingError("Give either a sample size or a percentage, not both or neither.")
    if spec.size is not None and (isinstance(spec.size, bool) or not isinstance(spec.size, int)):
        raise SamplingError(f"The sample size must be a whole number, not {spec.size!r}.")
    if isinstance(spec.seed, bool) or not isinstance(spec.seed, int):
        raise SamplingError(f"The seed must be a whole number, not {spec.seed!r}.")
    if spec.stratify is not None and not can_stratify_by(spec.stratify):
        raise SamplingError(
            f"Cannot stratify by {spec.stratify!r}: use one of {', '.join(STRATIFY_FIELDS)} "
            "or a custom plan field."
        )


def target_size(eligible_count: int, spec: SampleSpec) -> int:
    """How many plans to draw from ``eligible_count`` eligible plans.

    ``spec.size`` is taken as is; ``spec.percent`` gives ``ceil(P% of eligible)``
    computed exactly (``P`` as the decimal it was written as: 7% of 100 is 7, 0.1% of
    1000 is 1). Raises :class:`SamplingError` when no plan is eligible, the size is
    not positive, the percentage is outside (0, 100], or more plans are asked for
    than are eligible.
    """
    _check_spec(spec)
    if eligible_count < 0:
        raise ValueError("eligible_count must not be negative")
    if eligible_count == 0:
        raise SamplingError("No plans are eligible for the sample.")
    if spec.size is not None:
        if spec.size <= 0:
            raise SamplingError(f"The sample size must be at least 1 (got {spec.size}).")
        wanted = spec.size
    else:
        pct = _exact_percent(spec.percent)
        if not 0 < pct <= 100:
            raise SamplingError(
                f"The sample percentage must be more than 0 and at most 100 (got {spec.percent})."
            )
        wanted = math.ceil(pct * eligible_count / 100)
    if wanted > eligible_count:
        raise SamplingError(
            f"Cannot sample {wanted} plans: only {eligible_count} "
            f"{'is' if eligible_count == 1 else 'are'} eligible."
        )
    return wanted


def _largest_remainder(sizes: Mapping[str, int], n: int) -> dict[str, int]:
    """Hamilton's method: floors of the exact quotas, then +1 by largest remainder.

    Ties between equal remainders go to the stratum whose name sorts first.
    Requires ``0 <= n <= sum(sizes.values())``; every quota is then <= its size, and
    only strata with a non-zero remainder (quota < size) receive the extra plan, so
    no stratum gets more than its size.
    """
    total = sum(sizes.values())
    if total == 0:
        return dict.fromkeys(sizes, 0)
    quotas = {name: Fraction(n * size, total) for name, size in sizes.items()}
    result = {name: math.floor(q) for name, q in quotas.items()}
    leftover = n - sum(result.values())
    by_remainder = sorted(quotas, key=lambda name: (-(quotas[name] - result[name]), name))
    for name in by_remainder[:leftover]:
        result[name] += 1
    return result


def allocate(strata_sizes: Mapping[str, int], n: int) -> dict[str, int]:
    """Split a sample of ``n`` plans across strata of the given sizes.

    Proportional allocation by largest remainder, ties by stratum name ascending;
    when ``n`` >= the number of non-empty strata every non-empty stratum gets at
    least one plan. How the minimum is guaranteed: compute the proportional
    allocation over the strata not yet fixed; every non-empty stratum it leaves at
    0 is fixed at exactly 1; share what is left of ``n`` among the remaining strata
    the same way; repeat until none is left at 0. When ``n`` is smaller than the
    number of non-empty strata, the plain proportional allocation is returned (some
    strata get none).

    No stratum gets more than its size: a stratum fixed at 1 is non-empty; and a
    stratum is left at 0 only when its quota ``b * s / S < 1`` (budget ``b``, sizes
    summing to ``S``), i.e. ``s - 1 < (S - b) / b``, so fixing ``f <= b`` of them
    removes less than ``S - b`` more from the pool than from the budget, and the next
    round still has ``budget <= pool``.

    Returns every stratum of ``strata_sizes`` (empty strata with 0), sorted by name.
    Raises :class:`SamplingError` when ``n`` exceeds the plans available.
    """
    for name, size in strata_sizes.items():
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise ValueError(f"stratum {name!r} has an invalid size {size!r}")
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"sample size must be a non-negative int, not {n!r}")
    total = sum(strata_sizes.values())
    if n > total:
        raise SamplingError(f"Cannot sample {n} plans: only {total} are eligible.")

    result = dict.fromkeys(sorted(strata_sizes), 0)
    open_strata = {name: size for name, size in strata_sizes.items() if size > 0}
    budget = n
    if n < len(open_strata):
        result.update(_largest_remainder(open_strata, n))
        return result

    while open_strata:
        share = _largest_remainder(open_strata, budget)
        starved = [name for name, count in share.items() if count == 0]
        if not starved:
            result.update(share)
            break
        for name in starved:
            result[name] = 1
            del open_strata[name]
        budget -= len(starved)

    assert sum(result.values()) == n
    assert all(0 <= result[name] <= size for name, size in strata_sizes.items())
    return result


def _distinct_candidates(candidates: Iterable[Candidate]) -> dict[str, Candidate]:
    by_ref: dict[str, Candidate] = {}
    for candidate in candidates:
        ref = candidate.plan_ref
        if not isinstance(ref, str) or not ref.strip():
            raise ValueError(f"candidate with a blank or non-text plan_ref: {ref!r}")
        previous = by_ref.get(ref)
        if previous is not None and dict(previous.facts) != dict(candidate.facts):
            raise ValueError(f"plan {ref!r} is listed twice with different facts")
        by_ref[ref] = candidate
    return by_ref


def _strata(pool: Mapping[str, Candidate], stratify: str) -> dict[str, list[str]]:
    strata: dict[str, list[str]] = {}
    for ref, candidate in pool.items():
        strata.setdefault(stratum_key(candidate.facts, stratify), []).append(ref)
    return strata


def draw_sample(candidates: Iterable[Candidate], spec: SampleSpec) -> SampleResult:
    """Draw the sample: the first plans of the seeded order, per stratum if stratified.

    Duplicate candidates (same plan_ref and facts) count once. Raises
    :class:`SamplingError` for an impossible spec (see :func:`target_size`).
    """
    _check_spec(spec)
    pool = _distinct_candidates(candidates)
    n = target_size(len(pool), spec)
    if spec.stratify is None:
        chosen = seeded_order(pool, spec.seed)[:n]
        return SampleResult(
            plans=sorted(chosen), allocation=None, eligible=len(pool), seed=spec.seed
        )

    strata = _strata(pool, spec.stratify)
    allocation = allocate({name: len(refs) for name, refs in strata.items()}, n)
    chosen = []
    for name, count in allocation.items():
        chosen.extend(seeded_order(strata[name], spec.seed)[:count])
    return SampleResult(
        plans=sorted(chosen), allocation=allocation, eligible=len(pool), seed=spec.seed
    )


def draw_replacement(
    candidates: Iterable[Candidate],
    already_in_sample: set[str],
    withdrawn_stratum: str | None,
    spec: SampleSpec,
) -> str | None:
    """The plan that replaces a withdrawn one, or ``None`` if there is none left.

    Same rule as the draw: the first plan in the seeded order (same seed) that is
    not in ``already_in_sample`` -- pass the current sample *and* every plan
    withdrawn from it, so a withdrawn plan is never drawn back. For a stratified
    spec the replacement comes from ``withdrawn_stratum`` (the withdrawn plan's
    :func:`stratum_key`), which is then required; ``None`` when that stratum has no
    plan left. For an unstratified spec ``withdrawn_stratum`` is ignored.
    """
    _check_spec(spec)
    pool = _distinct_candidates(candidates)
    if spec.stratify is not None:
        if withdrawn_stratum is None:
            raise ValueError("a stratified sample needs the withdrawn plan's stratum")
        refs = [
            ref
            for ref, candidate in pool.items()
            if stratum_key(candidate.facts, spec.stratify) == withdrawn_stratum
        ]
    else:
        refs = list(pool)
    for ref in seeded_order(refs, spec.seed):
        if ref not in already_in_sample:
            return ref
    return None
