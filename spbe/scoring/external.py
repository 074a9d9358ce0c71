"""Indicator values converted from another agency's index (Pemdi: SDI, SJIG, IPS, IKASANDI).

The conversion table is framework data: piecewise linear bands `{from: [a, b], to: [c, d]}`.
A value not yet published counts as the table's `missing_value` (1.00 in the 2026 deck) and
is marked pending ("menunggu") so nobody mistakes it for a real result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from .errors import ScoringError
from .rounding import round_half_up


@dataclass(frozen=True)
class ExternalValue:
    value: Decimal  # on the framework's 1.00-5.00 scale, 2 decimals
    pending: bool  # True when the source index is not known yet


def convert_external(table: Mapping[str, Any], raw: Decimal | str | int | None) -> ExternalValue:
    """Convert a raw external index to an indicator value with the table's linear bands."""
    if raw is None or raw == "":
        return ExternalValue(Decimal(str(table["missing_value"])), pending=True)
    source = _as_fraction(raw, table.get("name", ""))
    low, high = Fraction(str(table["scale_min"])), Fraction(str(table["scale_max"]))
    if not low <= source <= high:
        raise ScoringError(
            f"Nilai {table.get('name', 'indeks eksternal')} {raw} di luar rentang "
            f"{table['scale_min']}–{table['scale_max']}."
        )
    for band in table["conversion"]:
        a, b = (Fraction(str(x)) for x in band["from"])
        c, d = (Fraction(str(x)) for x in band["to"])
        if a <= source <= b:
            return ExternalValue(round_half_up(c + (source - a) * (d - c) / (b - a)), False)
    raise ScoringError(f"Tabel konversi {table.get('name', '')} tidak mencakup nilai {raw}.")


def _as_fraction(raw: Decimal | str | int, name: str) -> Fraction:
    if isinstance(raw, float):
        raise ScoringError("Nilai indeks eksternal harus desimal tepat, bukan float.")
    try:
        return Fraction(Decimal(str(raw).strip().replace(",", ".")))
    except (InvalidOperation, ValueError) as exc:
        raise ScoringError(f"Nilai {name or 'indeks eksternal'} '{raw}' bukan angka.") from exc
