"""Which predikat band a value falls in.

Bands are half-open ``[min, max)`` with the last band's max included, as the regulations
write them ("2.6 – < 3.5"), unless the framework's ``band_boundary`` is ``upper_inclusive``:
then ``(min, max]`` with the first band's min included. A value below the lowest band
(possible only for official results that contain indicators scored 0, e.g. Kab. Banyuasin
2023) belongs to the lowest band: the regulation's lowest band is open below ("< 1.8").

Which value is looked up, the exact one or the published (rounded) one, is a rule of the
evaluation year, not of this function: see ``FrameworkSpec.predikat_basis_for``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .compiled import CompiledSpec, compiled
from .spec import FrameworkSpec


def predikat_for(spec: FrameworkSpec, value: Fraction | Decimal | int) -> str:
    """The name of the band containing ``value`` (exact comparison, no rounding)."""
    exact = Fraction(value)
    return band_of(compiled(spec), exact.numerator, exact.denominator)


def band_of(comp: CompiledSpec, numerator: int, denominator: int) -> str:
    """Band of the rational ``numerator/denominator`` (denominator > 0), integers only.

    The framework's ``band_boundary`` decides who owns a boundary value: ``[min, max)`` with
    the last band's max included (lower_inclusive), or ``(min, max]`` with the first band's
    min included (upper_inclusive). Values outside the bands below belong to the first band.
    """
    bands = comp.bands
    first_name, first_low, _ = bands[0]
    if numerator * first_low.denominator < first_low.numerator * denominator:
        return first_name
    for name, low, high in bands:
        # cross-multiplied comparisons so no Fraction is built on the hot path
        above_low = _compare(numerator, denominator, low)
        below_high = _compare(numerator, denominator, high)
        if comp.upper_inclusive:
            if above_low > 0 and below_high <= 0:
                return name
        elif above_low >= 0 and below_high < 0:
            return name
    name, _, high = bands[-1]
    if not comp.upper_inclusive and _compare(numerator, denominator, high) == 0:
        return name
    if comp.upper_inclusive and _compare(numerator, denominator, first_low) == 0:
        return first_name
    raise ValueError(f"Nilai {Fraction(numerator, denominator)} di atas band predikat tertinggi.")


def _compare(numerator: int, denominator: int, bound: Fraction) -> int:
    """Sign of numerator/denominator − bound (−1, 0, 1), integers only."""
    left, right = numerator * bound.denominator, bound.numerator * denominator
    return (left > right) - (left < right)
