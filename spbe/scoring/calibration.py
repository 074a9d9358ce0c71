"""Calibration: what final level a claimed level tends to become, learned from past cycles.

A self-assessment claim is not the result: the assessors lower many claims (Kaltim 2024 went
4,35 at mandiri to 3,79 final). This module turns past (claim, final) pairs into, for each
indicator and claimed level, a probability distribution of the *drop* (claim − final), and
``forecast`` samples those distributions to give the final index a set of claims can expect.

How the distribution of one (indicator, claimed level) is estimated — a shrinkage average, so
that one lucky year does not decide it and an indicator with no history still gets an answer:

    level pool   P_L(d)  = (n_L(d)  + s · prior(d)) / (N_L  + s)
    indicator    P_iL(d) = (n_iL(d) + s · P_L(d))   / (N_iL + s)

``n_L(d)`` counts drop ``d`` among all indicators claimed at whole level L, ``n_iL(d)`` among
this indicator's own claims at L; ``s`` (``Prior.strength``) is how many observations the
prior is worth; ``prior`` is the stated distribution in the planning assumptions. With no
history at all the answer is the prior. Arithmetic is exact (Fractions); only the sampling in
``forecast`` draws pseudo-random numbers, from a seeded generator so a forecast is repeatable.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor

from .compiled import VALUE_SCALE, compiled
from .engine import score_units
from .errors import ScoringError
from .rounding import READABLE_PLACES, published, round_ratio
from .spec import FrameworkSpec
from .values import Value, parse_values


@dataclass(frozen=True)
class Observation:
    """One indicator of one past cycle: the level claimed at self-assessment and the final."""

    indicator: str
    claimed: Decimal
    final: Decimal


@dataclass(frozen=True)
class Prior:
    """The stated assumption used where history is thin: drop (in levels) → probability."""

    drops: Mapping[Decimal, Fraction]
    strength: int  # how many observations the prior is worth in the shrinkage average

    def __post_init__(self):
        if not self.drops or sum(self.drops.values()) != 1:
            raise ScoringError("Peluang penurunan pada asumsi awal harus berjumlah 1.")
        if any(p < 0 for p in self.drops.values()) or self.strength < 0:
            raise ScoringError("Asumsi awal kalibrasi tidak boleh bernilai negatif.")


@dataclass(frozen=True)
class Outcome:
    """The final levels one claim may become, with their probabilities (exact)."""

    indicator: str
    claimed: Decimal
    finals: tuple[tuple[Decimal, Fraction], ...]  # (final level, probability), ascending
    own_observations: int  # this indicator's past claims at this whole level
    level_observations: int  # all indicators' past claims at this whole level

    @property
    def expected(self) -> Fraction:
        return sum((Fraction(level) * p for level, p in self.finals), Fraction(0))

    @property
    def accepted(self) -> Fraction:
        """Probability that the final is at least the claim (the claim is accepted)."""
        return sum((p for level, p in self.finals if level >= self.claimed), Fraction(0))


class Calibration:
    """Drop distributions per (indicator, whole claimed level) from ``observations``."""

    def __init__(
        self,
        observations: Iterable[Observation],
        prior: Prior,
        *,
        value_min: Decimal,
        value_max: Decimal,
    ):
        self.prior = prior
        self.value_min, self.value_max = value_min, value_max
        self._own: dict[tuple[str, int], Counter] = defaultdict(Counter)
        self._level: dict[int, Counter] = defaultdict(Counter)
        self.observations = 0
        for obs in observations:
            bucket = floor(obs.claimed)
            drop = obs.claimed - obs.final
            self._own[(obs.indicator, bucket)][drop] += 1
            self._level[bucket][drop] += 1
            self.observations += 1

    def drops(self, indicator: str, claimed: Decimal) -> dict[Decimal, Fraction]:
        """P(drop = d) for one claim, by the two-level shrinkage of the module docstring."""
        bucket = floor(claimed)
        pooled = _shrink(self._level.get(bucket, Counter()), self.prior.drops, self.prior.strength)
        return _shrink(self._own.get((indicator, bucket), Counter()), pooled, self.prior.strength)

    def outcome(self, indicator: str, claimed: Value) -> Outcome:
        """The distribution of the final level of ``claimed`` on ``indicator``."""
        claimed = Decimal(str(claimed))
        finals: dict[Decimal, Fraction] = defaultdict(Fraction)
        for drop, p in self.drops(indicator, claimed).items():
            final = min(self.value_max, max(self.value_min, claimed - drop))
            finals[final] += p
        bucket = floor(claimed)
        return Outcome(
            indicator=indicator,
            claimed=claimed,
            finals=tuple(sorted((level, p) for level, p in finals.items() if p)),
            own_observations=sum(self._own.get((indicator, bucket), Counter()).values()),
            level_observations=sum(self._level.get(bucket, Counter()).values()),
        )


def _shrink(counts: Counter, towards: Mapping[Decimal, Fraction], strength: int):
    total = sum(counts.values())
    if total + strength == 0:
        return dict(towards)
    keys = set(counts) | set(towards)
    return {
        d: (counts.get(d, 0) + strength * Fraction(towards.get(d, 0))) / (total + strength)
        for d in keys
    }


@dataclass(frozen=True)
class Forecast:
    """The final index a set of claims can expect, from ``draws`` simulated assessments."""

    expected: Decimal  # mean of the simulated exact indices, 4 decimals
    interval: tuple[Decimal, Decimal]  # published figures bounding the central `level` share
    level: Fraction  # e.g. 4/5 for an 80% interval
    draws: int
    seed: int
    indices: tuple[Decimal, ...]  # every simulated published index, ascending

    def probability_at_least(self, target: Decimal) -> Fraction:
        """Share of the simulated assessments whose published index reaches ``target``."""
        return Fraction(sum(1 for i in self.indices if i >= target), len(self.indices))


def forecast(
    spec: FrameworkSpec,
    claims: Mapping[str, Value | None],
    calibration: Calibration,
    *,
    draws: int = 2000,
    seed: int = 2024,
    level: Fraction = Fraction(4, 5),
    frozen: Iterable[str] = (),
    allow_zero: bool = False,
    predikat_basis: str | None = None,
) -> Forecast:
    """Simulate ``draws`` assessments of ``claims`` and score each with the engine.

    Each indicator's final is drawn independently from ``calibration.outcome``; ``frozen``
    indicators (external indices, values already final) keep their value. The interval is the
    central ``level`` share of the published indices (e.g. the 10th and 90th percentile).
    """
    if draws < 1:
        raise ScoringError("Jumlah simulasi harus paling sedikit 1.")
    if not 0 < level < 1:
        raise ScoringError("Tingkat keyakinan harus di antara 0 dan 1.")
    comp = compiled(spec)
    units = parse_values(spec, claims, allow_zero=allow_zero)
    if any(v is None for v in units):
        raise ScoringError("Perkiraan hasil akhir membutuhkan nilai semua indikator.")
    fixed = set(map(str, frozen))
    samplers = [
        None if key in fixed else _sampler(calibration.outcome(key, Decimal(v) / VALUE_SCALE))
        for key, v in zip(comp.keys, units, strict=True)
    ]
    # A seeded simulation, reproducible on purpose: nothing secret depends on it.
    rng = random.Random(seed)  # nosec B311
    total = Fraction(0)
    indices = []
    for _draw in range(draws):
        drawn = [
            v if sampler is None else _draw_one(sampler, rng.random())
            for v, sampler in zip(units, samplers, strict=True)
        ]
        result = score_units(spec, drawn, predikat_basis=predikat_basis)
        total += result.index_exact
        indices.append(result.index)
    indices.sort()
    mean = total / draws
    low = indices[floor((1 - level) / 2 * (draws - 1))]
    high = indices[-1 - floor((1 - level) / 2 * (draws - 1))]
    return Forecast(
        expected=Decimal(round_ratio(mean.numerator, mean.denominator, READABLE_PLACES)).scaleb(
            -READABLE_PLACES
        ),
        interval=(low, high),
        level=level,
        draws=draws,
        seed=seed,
        indices=tuple(indices),
    )


def _sampler(outcome: Outcome) -> tuple[tuple[float, int], ...]:
    """Cumulative probabilities (as floats, only to compare with the generator's draw)."""
    cumulative, acc = [], Fraction(0)
    for final, p in outcome.finals:
        acc += p
        cumulative.append((float(acc), int(final * VALUE_SCALE)))
    return tuple(cumulative)


def _draw_one(sampler, u: float) -> int:
    for bound, value in sampler:
        if u < bound:
            return value
    return sampler[-1][1]


def expected_published(forecast_: Forecast) -> Decimal:
    """The expected index as it would be published (2 decimals, half up)."""
    return published(Fraction(forecast_.expected))
