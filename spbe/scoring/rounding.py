"""Exact numbers in, published figures out.

The regulation publishes indices with 2 decimals; the national tables show the rounding is
half up on the *exact* value (Banyuwangi 2024: exact 4.765 is published 4.77). Everything
here works on ``Fraction`` or ``int`` so no binary float ever touches an index: a float turns
4.765 into 4.76499999... and publishes 4.76.
"""

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .errors import ScoringError

PUBLISHED_PLACES = 2
READABLE_PLACES = 4
# Limits of what exact_number reads (anything beyond would make Fraction arithmetic explode).
MAX_ADJUSTED_EXPONENT = 6  # below 10,000,000
MAX_PLACES = 30


def exact_number(raw: object, *, what: str) -> Fraction:
    """Read a Decimal, int or decimal string exactly; refuse floats, bools, NaN and numbers
    of 10,000,000 or more or with more than 30 decimals.

    ``what`` names the thing being read in the error message ("bobot indikator 3", ...).
    """
    if isinstance(raw, bool | float):
        raise ScoringError(
            f"{what} berupa {type(raw).__name__} ({raw!r}); tulis sebagai Decimal, int, "
            "atau string agar tepat."
        )
    if isinstance(raw, Fraction):
        return raw
    if isinstance(raw, int):
        return Fraction(raw)
    try:
        number = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise ScoringError(f"{what} bukan angka: {raw!r}.") from None
    if not number.is_finite():
        raise ScoringError(f"{what} bukan angka yang sah: {raw!r}.")
    # Fraction(Decimal("1e999999999")) would build a billion-digit integer and hang the
    # process: nothing SPBE counts comes near a million, nor needs 30 decimals.
    if number.adjusted() > MAX_ADJUSTED_EXPONENT:
        raise ScoringError(f"{what} terlalu besar: {raw!r}.")
    if number and _places(number) > MAX_PLACES:
        raise ScoringError(f"{what} memiliki terlalu banyak angka desimal: {raw!r}.")
    return Fraction(number)


def _places(number: Decimal) -> int:
    """Decimal places of a finite non-zero Decimal, trailing zeros not counted."""
    _sign, digits, exponent = number.as_tuple()
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + trailing))


def round_half_up(value: Fraction, places: int = PUBLISHED_PLACES) -> Decimal:
    """Round an exact value half away from zero to ``places`` decimals, as published."""
    return Decimal(round_ratio(value.numerator, value.denominator, places)).scaleb(-places)


def round_ratio(numerator: int, denominator: int, places: int = PUBLISHED_PLACES) -> int:
    """``numerator/denominator`` rounded half away from zero, in units of 10**-places.

    Integer-only so the hot path of scoring never builds a Fraction it does not need.
    """
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    scaled = abs(numerator) * 10**places
    magnitude = (2 * scaled + denominator) // (2 * denominator)
    return -magnitude if numerator < 0 else magnitude


def published(value: Fraction) -> Decimal:
    """The figure the regulation prints: 2 decimals, half up."""
    return round_half_up(value, PUBLISHED_PLACES)


def readable(value: Fraction) -> Decimal:
    """A 4-decimal view of an exact value, for showing why a figure rounds the way it does.

    Index values of the known frameworks are exact at 4 decimals; domain values such as
    46/11 are not, so this is a view, never an input to further arithmetic.
    """
    return round_half_up(value, READABLE_PLACES)


def decimal_places(number: Decimal) -> int:
    """How many decimals a Decimal really carries (``Decimal("4.50")`` carries 1)."""
    normalized = number.normalize()
    exponent = normalized.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
