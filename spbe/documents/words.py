"""Indonesian dates and numbers, in figures (Babel) and in words (num2words), the way
official letters write them: "Pada hari ini Rabu tanggal dua bulan Desember tahun dua ribu
dua puluh enam"."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal
from num2words import num2words

LOCALE = "id_ID"


def number_in_words(number: int) -> str:
    """12 → "dua belas"; 2026 → "dua ribu dua puluh enam"."""
    return num2words(number, lang="id")


def day_name(date: datetime.date) -> str:
    """The weekday in Indonesian, capitalised as letters write it ("Rabu")."""
    return format_date(date, "EEEE", locale=LOCALE).capitalize()


def month_name(date: datetime.date) -> str:
    """The month in Indonesian ("Desember")."""
    return format_date(date, "MMMM", locale=LOCALE)


def date_long(date: datetime.date) -> str:
    """2026-12-02 → "2 Desember 2026"."""
    return format_date(date, "d MMMM y", locale=LOCALE)


def date_in_words(date: datetime.date) -> str:
    """2026-12-02 → "Rabu tanggal dua bulan Desember tahun dua ribu dua puluh enam"."""
    return (
        f"{day_name(date)} tanggal {number_in_words(date.day)} bulan {month_name(date)} "
        f"tahun {number_in_words(date.year)}"
    )


def opening_sentence(date: datetime.date) -> str:
    """The opening of a Berita Acara: "Pada hari ini Rabu tanggal dua bulan ..."."""
    return f"Pada hari ini {date_in_words(date)}"


def decimal_id(value: Decimal | int | float | None, places: int = 2) -> str:
    """3.785 → "3,79" (Indonesian decimal comma); "–" for no value."""
    if value is None:
        return "–"
    # Quantised here, half up (Babel would round half to even): 4.765 → "4,77".
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(exact, format=pattern, locale=LOCALE, decimal_quantization=False)
