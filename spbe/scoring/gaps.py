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
from .errors import ScoringError
from .spec import FrameworkSpec
from .values import Value, parse_values

#: `missing_as` choices: how an indicator without a value is ranked.
MISSING_AS = (None, "value_min")


@dataclass(frozen=True)
class PointsLost:
    indicator: str
    weight: Decimal
    value: Decimal  # the value ranked (value_min for a missing one counted in)
    points: Decimal  # index points lost, exact
    missing: bool = False  # no value yet: counted at `value` by `missing_as`


def points_lost(
    spec: FrameworkSpec,
    values: Mapping[str, Value | None],
    *,
    allow_zero: bool = False,
    missing_as: str | None = None,
) -> list[PointsLost]:
    """Index points each indicator loses below the top level: weight × (max − value) / 100.

    Sorted by points lost, largest first (spec order among equals). Indicators without a
    value are left out by default (nothing measured to rank yet); ``missing_as="value_min"``
    counts them at the framework's lowest level instead, flagged ``missing``, so an
    indicator nobody has filled in is not hidden from the ranking of gaps.
    """
    if missing_as not in MISSING_AS:
        raise ScoringError(f"missing_as harus salah satu dari {MISSING_AS}: {missing_as!r}.")
    comp = compiled(spec)
    units = parse_values(spec, values, allow_zero=allow_zero)
    rows = []
    for key, ind, w, v in zip(comp.keys, spec.indicators, comp.weights, units, strict=True):
        missing = v is None
        if missing:
            if missing_as is None:
                continue
            v = comp.value_min
        rows.append(
            PointsLost(
                indicator=key,
                weight=ind.weight,
                value=Decimal(v) / VALUE_SCALE,
                points=_exact_decimal(Fraction(w * (comp.value_max - v), comp.index_denominator)),
                missing=missing,
            )
        )
    return sorted(rows, key=lambda row: -row.points)  # stable: spec order among equals


def _exact_decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)
