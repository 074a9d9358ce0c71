"""Indonesian numbers: the one place where a number becomes display text (`fmt_id`,
`fmt_level`, `input_number`), and the one parser of numbers people type, for the whole project
(forms, API, CSV, CLI): `parse_decimal` and `parse_rupiah`.

"3,79" rather than "3.79", "1.234,50" rather than "1,234.50". Rounding is half up on the
exact decimal (a float is read through its shortest repr, so 4.765 shows as "4,77", never
"4,76"). SVG coordinates never go through here: they need a dot.

People type Indonesian numbers: "2,75" (decimal comma) and "150.000.000" (thousands dots);
API clients and spreadsheets send "2.75". `parse_decimal` accepts both, on top of Babel's
locale rules (`babel.numbers.parse_decimal`, strict grouping) with the project's own rules:

- the locale is the active language's ("id" or "en") unless given;
- one separator that cannot be grouping is the decimal mark in either language: "2,75" and
  "2.75" are 2.75 everywhere (a dot followed by exactly three digits, "150.000", is grouping
  in Indonesian, a comma followed by three digits, "150,000", is grouping in English; two or
  more such groups, "150.000.000" or "150,000,000", are grouping in either);
- with both separators the last one is the decimal mark ("1.234,50", "1,234.50");
- spaces, a leading "+", and the typographic minus "−" are accepted; NaN and infinity are not.

Bad text raises `NumberParseError` (a ValueError) with a message in Bahasa Indonesia.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import NumberFormatError, format_decimal
from babel.numbers import parse_decimal as babel_parse_decimal
from django.utils.translation import get_language
from django.utils.translation import gettext as _

LOCALES = ("id", "en")
_SPACES = re.compile(r"[\s\u00a0\u202f_]")
_PLAIN = re.compile(r"[+-]?\d+")
_DOT_GROUPS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")
_COMMA_GROUPS = re.compile(r"[+-]?\d{1,3}(,\d{3})+")

__all__ = [
    "EMPTY",
    "NumberParseError",
    "decimal_text",
    "fmt_id",
    "fmt_level",
    "fmt_percent",
    "input_number",
    "parse_decimal",
    "parse_rupiah",
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


class NumberParseError(ValueError):
    """Text that is not a number; `str()` is the message for the user (Bahasa Indonesia)."""


def _locale(locale: str | None) -> str:
    code = (locale or get_language() or "id").split("-")[0].split("_")[0].lower()
    return code if code in LOCALES else "id"


def _refuse(text: str) -> NumberParseError:
    return NumberParseError(
        _("“%(t)s” bukan angka yang sah; tulis misalnya 2,75 atau 150.000.000.") % {"t": text}
    )


def _reading_locale(text: str, locale: str) -> str:
    """Which locale's separators the text is written with (the project's rules above)."""
    if "," in text and "." in text:
        return "id" if text.rfind(",") > text.rfind(".") else "en"
    if "," in text:
        grouped = _COMMA_GROUPS.fullmatch(text) and (locale == "en" or text.count(",") > 1)
        return "en" if grouped else "id"
    grouped = _DOT_GROUPS.fullmatch(text) and (locale == "id" or text.count(".") > 1)
    return "id" if grouped else "en"


def parse_decimal(text: str, *, locale: str | None = None) -> Decimal:
    """The number a person typed as an exact Decimal ("2,75" → 2.75, "150.000.000" →
    150000000, "1.234,50" → 1234.50, "2.75" → 2.75). Range and places stay the caller's rule.

    Raises `NumberParseError` (Bahasa Indonesia) for anything that is not a number.
    """
    original = "" if text is None else str(text)
    cleaned = _SPACES.sub("", original).replace("−", "-")
    if cleaned.startswith("+"):
        cleaned = cleaned[1:]
    if not cleaned:
        raise NumberParseError(_("Isi sebuah angka."))
    if _PLAIN.fullmatch(cleaned):
        return Decimal(cleaned)
    reading = _reading_locale(cleaned, _locale(locale))
    try:
        number = babel_parse_decimal(cleaned, locale=reading, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        raise _refuse(original.strip()) from None
    if not number.is_finite():
        raise _refuse(original.strip())
    return number


def parse_rupiah(text: str) -> int:
    """An amount of Rupiah a person typed, in whole Rupiah ("Rp 150.000.000" → 150000000).

    Raises `NumberParseError` for text that is not a number or not whole Rupiah.
    """
    cleaned = re.sub(r"^\s*(rp\.?)\s*", "", "" if text is None else str(text), flags=re.I)
    number = parse_decimal(cleaned, locale="id")
    if number != number.to_integral_value():
        raise NumberParseError(
            _("Rupiah ditulis tanpa sen, misalnya 150.000.000 (“%(t)s”).") % {"t": text.strip()}
        )
    return int(number)


def input_number(value, places: int = 2, *, locale: str | None = None) -> str:
    """A number written into a text field the way the page writes it: "2,50" and
    "150.000.000" in Indonesian, "2.50" and "150,000,000" in English ("" for no value)."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)  # what the user typed, shown back as typed
    if not number.is_finite():
        return ""
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    return format_decimal(
        number, format=pattern, locale=_locale(locale), decimal_quantization=False
    )
