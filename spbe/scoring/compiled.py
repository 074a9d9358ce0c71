"""The integer form of a framework, computed once per spec and reused by every score.

Weights have at most a few decimals and values at most 2, so scaling weights by the common
denominator of the weights and values by 100 turns every sum into an integer sum. The
engine then divides once per aggregate, exactly (``Fraction``), instead of doing Decimal
arithmetic per indicator. This is what makes 615 instansi × 47 indicators cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm

from .spec import FrameworkSpec

VALUE_SCALE = 100  # values are carried in hundredths: 2 decimals is the finest any framework has


@dataclass(frozen=True)
class CompiledSpec:
    keys: tuple[str, ...]
    position: dict[str, int]
    weight_scale: int  # W_i = weight_i × weight_scale is an integer for every indicator
    weights: tuple[int, ...]
    aspect_codes: tuple[str, ...]
    aspect_of: tuple[int, ...]  # indicator position → aspect position
    domain_codes: tuple[str, ...]
    domain_of_aspect: tuple[int, ...]  # aspect position → domain position (empty: no domains)
    integer_values: bool
    value_min: int  # in hundredths
    value_max: int
    bands: tuple[tuple[str, Fraction, Fraction], ...]
    upper_inclusive: bool = False  # band_boundary: a boundary value belongs to the lower band

    @property
    def index_denominator(self) -> int:
        """Σ(W·V) / index_denominator is the index: Σ(w·v)/100 with both scales removed."""
        return self.weight_scale * VALUE_SCALE * 100


def compiled(spec: FrameworkSpec) -> CompiledSpec:
    """The cached integer form of ``spec`` (computed on first use, stored on the spec)."""
    cached = spec.__dict__.get("_compiled")
    if cached is None:
        cached = _compile(spec)
        object.__setattr__(spec, "_compiled", cached)
    return cached


def _compile(spec: FrameworkSpec) -> CompiledSpec:
    fractions = [Fraction(i.weight) for i in spec.indicators]
    weight_scale = lcm(*(f.denominator for f in fractions))
    aspect_pos = {a.code: n for n, a in enumerate(spec.aspects)}
    domain_pos = {d.code: n for n, d in enumerate(spec.domains)}
    return CompiledSpec(
        keys=spec.keys,
        position={key: n for n, key in enumerate(spec.keys)},
        weight_scale=weight_scale,
        weights=tuple(int(f * weight_scale) for f in fractions),
        aspect_codes=tuple(a.code for a in spec.aspects),
        aspect_of=tuple(aspect_pos[i.aspect] for i in spec.indicators),
        domain_codes=tuple(d.code for d in spec.domains),
        domain_of_aspect=tuple(domain_pos[a.domain] for a in spec.aspects) if spec.domains else (),
        integer_values=spec.value_kind == "integer",
        value_min=int(Fraction(spec.value_min) * VALUE_SCALE),
        value_max=int(Fraction(spec.value_max) * VALUE_SCALE),
        bands=tuple((b.name, Fraction(b.min), Fraction(b.max)) for b in spec.bands),
        upper_inclusive=spec.band_boundary == "upper_inclusive",
    )
