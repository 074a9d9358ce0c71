"""The index: nested weighted means exactly as the regulations define them.

    aspect = Σ(w·v) / wA        domain = Σ(IA·wA) / wD        index = Σ(ID·wD) / 100

Because a valid spec's weights are nested (see ``spec``), each of these equals Σ(w·v) over
the indicators beneath it divided by the sum of their weights, which is how it is computed
here: integer sums (``compiled``) and one exact division per aggregate. Published figures
are the exact values rounded half up to 2 decimals; the predikat is looked up on the exact or
the published value according to the year's rule, and both readings are returned because
they can disagree (exact 3.4985 is published 3.50: "Baik" by exact, "Sangat Baik" by rounded).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from .compiled import VALUE_SCALE, CompiledSpec, compiled
from .errors import ScoringError
from .predikat import band_of
from .rounding import PUBLISHED_PLACES, READABLE_PLACES, round_ratio
from .spec import PREDIKAT_BASES, FrameworkSpec
from .values import Value, parse_values


@dataclass(frozen=True)
class GroupScore:
    """A domain or aspect: its published 2-decimal figure, exact value and predikat.

    ``value`` is None when none of its indicators has a value yet. The exact value, its
    4-decimal view and the predikat are derived on first access from the integer sums: most
    callers show only ``value``, and deriving all of them for every group of 615 instansi
    would dominate a national recompute.
    """

    code: str
    name: str
    weight: Decimal
    value: Decimal | None  # published: exact rounded half up to 2 decimals
    complete: bool
    numerator: int = field(default=0, repr=False)
    denominator: int = field(default=0, repr=False)  # 0: no value yet
    predikat_basis: str = field(default="exact", repr=False)
    _compiled: CompiledSpec | None = field(default=None, repr=False, compare=False)

    @cached_property
    def exact(self) -> Fraction | None:
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    @cached_property
    def exact_decimal(self) -> Decimal | None:
        """The exact value shown to 4 decimals (a view, never an input)."""
        if not self.denominator:
            return None
        units = round_ratio(self.numerator, self.denominator, READABLE_PLACES)
        return Decimal(units).scaleb(-READABLE_PLACES)

    @cached_property
    def predikat(self) -> str | None:
        if not self.denominator:
            return None
        if self.predikat_basis == "exact":
            return band_of(self._compiled, self.numerator, self.denominator)
        return band_of(self._compiled, int(self.value.scaleb(PUBLISHED_PLACES)), 100)


@dataclass(frozen=True)
class ScoreResult:
    """The outcome of ``score``.

    When ``complete`` is False this is **not an official index**: every figure is the
    weighted mean over the indicators that have a value (the weights of the missing ones are
    left out of numerator and denominator alike), i.e. "nilai sementara". ``coverage`` is the
    share of the total weight that is filled in. With no value at all, the figures are None.
    """

    framework: str
    index: Decimal | None
    index_exact: Fraction | None
    index_exact_decimal: Decimal | None
    predikat: str | None
    predikat_exact: str | None
    predikat_rounded: str | None
    predikat_basis: str
    domains: dict[str, GroupScore]
    aspects: dict[str, GroupScore]
    missing: tuple[str, ...]
    complete: bool
    coverage: Fraction
    units: tuple[int | None, ...] = field(default=(), repr=False)  # values in hundredths
    keys: tuple[str, ...] = field(default=(), repr=False)

    @cached_property
    def values(self) -> dict[str, Decimal]:
        """The validated values by indicator key, as Decimals (3, 1.17)."""
        return {
            key: _as_decimal(v)
            for key, v in zip(self.keys, self.units, strict=True)
            if v is not None
        }

    @property
    def predikat_differs(self) -> bool:
        """True when the exact and the published value fall in different bands."""
        return self.predikat_exact != self.predikat_rounded


def score(
    spec: FrameworkSpec,
    values: Mapping[str, Value | None],
    *,
    allow_zero: bool = False,
    predikat_basis: str | None = None,
) -> ScoreResult:
    """Score one set of indicator values against a framework.

    ``values`` maps indicator keys to Decimal, int or decimal strings (never floats); a
    missing key or a ``None`` value means "not filled in". ``allow_zero`` admits 0, which only
    official results may contain. ``predikat_basis`` ('exact' or 'rounded') overrides the
    framework default; pass ``spec.predikat_basis_for(year)`` for a past year's rule.
    Raises ``ScoringError`` for any value that cannot be scored.
    """
    units = parse_values(spec, values, allow_zero=allow_zero)
    return score_units(spec, units, predikat_basis=predikat_basis)


def score_units(
    spec: FrameworkSpec, units: Sequence[int | None], *, predikat_basis: str | None = None
) -> ScoreResult:
    """``score`` for values already validated into hundredths (used by what-if and planner)."""
    basis = _basis(spec, predikat_basis)
    comp = compiled(spec)
    aspect_num, aspect_den, aspect_full = _aspect_sums(comp, units)
    aspects = {
        code: _group(spec, basis, a.name, a.weight, code, num, den, den == full)
        for code, a, num, den, full in zip(
            comp.aspect_codes, spec.aspects, aspect_num, aspect_den, aspect_full, strict=True
        )
    }
    domains = _domains(spec, comp, basis, aspect_num, aspect_den, aspect_full)
    missing = tuple(key for key, v in zip(comp.keys, units, strict=True) if v is None)
    total_num, total_den = sum(aspect_num), sum(aspect_den)
    return _result(spec, basis, total_num, total_den, domains, aspects, units, missing)


def _basis(spec: FrameworkSpec, override: str | None) -> str:
    basis = override or spec.predikat_basis
    if basis not in PREDIKAT_BASES:
        raise ScoringError(f"Dasar predikat '{basis}' tidak dikenal (exact atau rounded).")
    return basis


def _aspect_sums(comp: CompiledSpec, units: Sequence[int | None]):
    """Per aspect: Σ(W·V) over filled indicators, Σ W filled, Σ W of all its indicators."""
    n = len(comp.aspect_codes)
    num, den, full = [0] * n, [0] * n, [0] * n
    for weight, aspect, value in zip(comp.weights, comp.aspect_of, units, strict=True):
        full[aspect] += weight
        if value is not None:
            num[aspect] += weight * value
            den[aspect] += weight
    return num, den, full


def _domains(spec, comp, basis, aspect_num, aspect_den, aspect_full) -> dict[str, GroupScore]:
    n = len(comp.domain_codes)
    num, den, full = [0] * n, [0] * n, [0] * n
    for a, d in enumerate(comp.domain_of_aspect):
        num[d] += aspect_num[a]
        den[d] += aspect_den[a]
        full[d] += aspect_full[a]
    return {
        code: _group(spec, basis, dom.name, dom.weight, code, num[d], den[d], den[d] == full[d])
        for d, (code, dom) in enumerate(zip(comp.domain_codes, spec.domains, strict=True))
    }


def _group(spec, basis, name, weight, code, num, den, complete) -> GroupScore:
    den *= VALUE_SCALE
    value = Decimal(round_ratio(num, den)).scaleb(-PUBLISHED_PLACES) if den else None
    return GroupScore(code, name, weight, value, complete, num, den, basis, compiled(spec))


class _Figures:
    """The exact value num/den and what is shown of it, computed with integers only."""

    def __init__(self, comp: CompiledSpec, num: int, den: int):
        self.comp, self.num, self.den = comp, num, den
        self.published_units = round_ratio(num, den, PUBLISHED_PLACES)
        self.value = Decimal(self.published_units).scaleb(-PUBLISHED_PLACES)
        self.exact_decimal = Decimal(round_ratio(num, den, READABLE_PLACES)).scaleb(
            -READABLE_PLACES
        )

    def predikat_exact(self) -> str:
        return band_of(self.comp, self.num, self.den)

    def predikat_rounded(self) -> str:
        return band_of(self.comp, self.published_units, 10**PUBLISHED_PLACES)

    def predikat(self, basis: str) -> str:
        return self.predikat_exact() if basis == "exact" else self.predikat_rounded()


def _result(spec, basis, total_num, total_den, domains, aspects, units, missing):
    comp = compiled(spec)
    fig = _Figures(comp, total_num, total_den * VALUE_SCALE) if total_den else None
    return ScoreResult(
        framework=spec.code,
        index=fig.value if fig else None,
        index_exact=Fraction(total_num, total_den * VALUE_SCALE) if fig else None,
        index_exact_decimal=fig.exact_decimal if fig else None,
        predikat=fig.predikat(basis) if fig else None,
        predikat_exact=fig.predikat_exact() if fig else None,
        predikat_rounded=fig.predikat_rounded() if fig else None,
        predikat_basis=basis,
        domains=domains,
        aspects=aspects,
        missing=missing,
        complete=not missing,
        coverage=Fraction(total_den, sum(comp.weights)),
        units=tuple(units),
        keys=comp.keys,
    )


_DECIMALS: dict[int, Decimal] = {}


def _as_decimal(units: int) -> Decimal:
    """A value in hundredths as the Decimal users typed (300 → 3, 117 → 1.17), memoised."""
    cached = _DECIMALS.get(units)
    if cached is None:
        cached = Decimal(units) / VALUE_SCALE
        if len(_DECIMALS) < 10_000:
            _DECIMALS[units] = cached
    return cached
