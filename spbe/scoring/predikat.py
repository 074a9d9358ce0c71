"""Which predikat band a value falls in.

Bands are half-open ``[min, max)`` with the last band's max included, as the regulations
write them ("2.6 – < 3.5"). A value below the lowest band (possible only for official
results that contain indicators scored 0, e.g. Kab. Banyuasin 2023) belongs to the lowest
band: the regulation's lowest band is open below ("< 1.8").

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
    """Band of the rational ``numerator/denominator`` (denominator > 0), integers only."""
    bands = comp.bands
    for name, low, high in bands:
        # low <= x < high, cross-multiplied so no Fraction is built on the hot path
        if low.numerator * denominator <= numerator * low.denominator and (
            numerator * high.denominator < high.numerator * denominator
        ):
            return name
    name, _, high = bands[-1]
    if numerator * high.denominator == high.numerator * denominator:
        return name
    first_name, low, _ = bands[0]
    if numerator * low.denominator < low.numerator * denominator:
        return first_name
    raise ValueError(f"Nilai {Fraction(numerator, denominator)} di atas band predikat tertinggi.")
