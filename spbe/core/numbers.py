"""Indonesian numbers: the one place where a number becomes display text, and the one place
where typed text becomes a number (`parse_decimal`).

"3,79" rather than "3.79", "1.234,50" rather than "1,234.50". Rounding is half up on the
exact decimal (a float is read through its shortest repr, so 4.765 shows as "4,77", never
"4,76"). SVG coordinates never go through here: they need a dot.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "EMPTY",
    "decimal_text",
    "fmt_id",
    "fmt_level",
    "fmt_percent",
    "parse_decimal",
    "to_decimal",
]

#: Shown where a value is missing.
EMPTY = "–"


def to_decimal(value) -> Decimal | None:
    """`value` as a finite Decimal; None for None, "" and NaN/infinity.

    Raises ValueError for anything that is not a number.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"bukan angka: {value!r}") from None
        return number if number.is_finite() else None
    raise ValueError(f"bukan angka: {value!r}")


def fmt_id(value, places: int = 2) -> str:
    """Format a number Indonesian style: comma decimal, dot thousands, half-up rounding.

    >>> fmt_id(Decimal("3.785"))
    '3,79'
    >>> fmt_id(1234567.5, 1)
    '1.234.567,5'
    >>> fmt_id(None)
    '–'
    """
    number = to_decimal(value)
    if number is None:
        return EMPTY
    places = max(0, int(places))
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + ".".join(groups)
    return f"{text},{fraction}" if places else text


def fmt_percent(value, places: int = 1) -> str:
    """A percentage written the Indonesian way: "87,5%"."""
    text = fmt_id(value, places)
    return text if text == EMPTY else f"{text}%"


def fmt_level(value, value_kind: str | None = None) -> str:
    """A level as its framework writes it: whole levels of an integer framework without
    decimals ("4", not "4,00"); anything else with 2 decimals ("2,50", "3,00" on Pemdi).

    >>> fmt_level(Decimal("4.00"), "integer"), fmt_level(Decimal("2.5"), "decimal")
    ('4', '2,50')
    """
    number = to_decimal(value)
    if number is None:
        return EMPTY
    if value_kind == "integer" and number == number.to_integral_value():
        return fmt_id(number, 0)
    return fmt_id(number, 2)


def decimal_text(raw) -> str:
    """What a person typed, as text `Decimal()` reads: trimmed, decimal comma made a dot.

    >>> decimal_text(" 3,25 ")
    '3.25'
    """
    return "" if raw is None else str(raw).strip().replace(",", ".")


def parse_decimal(raw) -> Decimal:
    """The number a person typed, Indonesian ("3,25") or dotted ("3.25"), as a Decimal.

    Raises `decimal.InvalidOperation` when it is not a number; callers turn that into their own
    Indonesian message. Finiteness and range stay the caller's rule.

    >>> parse_decimal("3,25")
    Decimal('3.25')
    """
    return Decimal(decimal_text(raw))
