"""Where the index loses points: the "points lost" ranking of the evaluation meeting.

An indicator at value v loses weight × (max − v) / 100 index points against the top level;
ranking by it shows where a level step is worth most, before efforts are considered (the
target planner weighs those).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .compiled import VALUE_SCALE, compiled
from .spec import FrameworkSpec
from .values import Value, parse_values


@dataclass(frozen=True)
class PointsLost:
    indicator: str
    weight: Decimal
    value: Decimal
    points: Decimal  # index points lost, exact


def points_lost(
    spec: FrameworkSpec, values: Mapping[str, Value | None], *, allow_zero: bool = False
) -> list[PointsLost]:
    """Index points each indicator loses below the top level: weight × (max − value) / 100.

    Sorted by points lost, largest first (spec order among equals). Indicators without a
    value are left out: there is nothing measured to rank yet.
    """
    comp = compiled(spec)
    units = parse_values(spec, values, allow_zero=allow_zero)
    rows = [
        PointsLost(
            indicator=key,
            weight=ind.weight,
            value=Decimal(v) / VALUE_SCALE,
            points=_exact_decimal(Fraction(w * (comp.value_max - v), comp.index_denominator)),
        )
        for key, ind, w, v in zip(comp.keys, spec.indicators, comp.weights, units, strict=True)
        if v is not None
    ]
    return sorted(rows, key=lambda row: -row.points)  # stable: spec order among equals


def _exact_decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)
