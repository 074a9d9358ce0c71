"""Checking indicator values and turning them into integer hundredths.

Every rule that makes a value unscorable lives here, with a message in Bahasa Indonesia that
names the indicator: an unknown key, a float, more than 2 decimals, a fraction on an
integer-level framework, a value outside the framework's range. 0 is a special case: official
results may hold it (an indicator "not assessed", Kab. Banyuasin 2023 has D4 = 0.30), a
self-assessment never, so it is accepted only when the caller says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .compiled import VALUE_SCALE, CompiledSpec, compiled
from .errors import ScoringError
from .rounding import exact_number
from .spec import FrameworkSpec

Value = Decimal | int | str


def parse_values(
    spec: FrameworkSpec, values: Mapping[str, Value | None], *, allow_zero: bool
) -> list[int | None]:
    """Values by indicator position in hundredths; ``None`` where an indicator has no value.

    Keys may be given as ``str`` or ``int`` (``13`` and ``"13"`` are the same indicator).
    A value of ``None`` or ``""`` counts as "not filled in yet".
    """
    comp = compiled(spec)
    units: list[int | None] = [None] * len(comp.keys)
    position, low, high = comp.position, comp.value_min, comp.value_max
    step = VALUE_SCALE if comp.integer_values else 1
    for raw_key, raw in values.items():
        pos = position.get(raw_key) if type(raw_key) is str else None
        if pos is None:
            pos = _position(spec, comp, raw_key)
        if raw is None or raw == "":
            continue
        # fast path for the common, valid value; anything else takes the checked path below
        kind = type(raw)
        scaled = (
            raw * VALUE_SCALE
            if kind is int
            else _cached(raw)
            if kind is Decimal or kind is str
            else None
        )
        if scaled is None or not (low <= scaled <= high) or scaled % step:
            scaled = value_units(spec, comp, comp.keys[pos], raw, allow_zero=allow_zero)
        units[pos] = scaled
    return units


def _position(spec: FrameworkSpec, comp: CompiledSpec, raw_key: object) -> int:
    key = str(raw_key)
    pos = comp.position.get(key)
    if pos is None:
        raise ScoringError(
            f"Indikator '{key}' tidak dikenal dalam kerangka {spec.code}.", indicator=key
        )
    return pos


def value_units(
    spec: FrameworkSpec, comp: CompiledSpec, key: str, raw: object, *, allow_zero: bool
) -> int:
    """One value in hundredths, validated against the framework's rules."""
    kind = type(raw)
    if kind is int:
        scaled = raw * VALUE_SCALE
    elif (kind is Decimal or kind is str) and (cached := _cached(raw)) is not None:
        scaled = cached
    else:
        scaled = _hundredths(key, raw)
    if scaled == 0 and allow_zero:
        return 0
    if comp.integer_values and scaled % VALUE_SCALE:
        raise ScoringError(
            f"Nilai indikator {key} ({raw}) harus bilangan bulat pada kerangka {spec.code} "
            f"(level {spec.value_min}–{spec.value_max}).",
            indicator=key,
        )
    if scaled == 0:
        raise ScoringError(
            f"Nilai indikator {key} bernilai 0: hanya boleh pada hasil resmi yang diimpor, "
            f"tidak pada penilaian (rentang {spec.value_min}–{spec.value_max}).",
            indicator=key,
        )
    if not comp.value_min <= scaled <= comp.value_max:
        raise ScoringError(
            f"Nilai indikator {key} ({raw}) di luar rentang {spec.value_min}–{spec.value_max}.",
            indicator=key,
        )
    return scaled


# Values repeat (levels 1..5 in every instansi), so their reading is memoised. Only Decimal
# and str are cached: they cannot collide with a float or a bool (3.0 == 3, True == 1).
_HUNDREDTHS: dict[Decimal | str, int] = {}


def _cached(raw: Decimal | str) -> int | None:
    """The memoised reading of `raw`, or None; a signalling NaN cannot even be hashed, so it
    goes to the checked path, which refuses it with a ScoringError."""
    try:
        return _HUNDREDTHS.get(raw)
    except TypeError:
        return None


def _hundredths(key: str, raw: object) -> int:
    exact = exact_number(raw, what=f"Nilai indikator {key}")
    scaled_exact = exact * VALUE_SCALE
    if scaled_exact.denominator != 1:
        raise ScoringError(
            f"Nilai indikator {key} ({raw}) memiliki lebih dari 2 angka desimal.", indicator=key
        )
    scaled = int(scaled_exact)
    if type(raw) in (Decimal, str) and len(_HUNDREDTHS) < 100_000:
        _HUNDREDTHS[raw] = scaled
    return scaled
