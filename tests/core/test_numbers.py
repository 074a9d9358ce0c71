"""The one parser of typed numbers (Babel's locale rules plus the project's own) and the one
way a number is written back into a field."""

from decimal import Decimal

import pytest
from django.utils import translation

from spbe.core.numbers import NumberParseError, input_number, parse_decimal, parse_rupiah


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("2,75", "id", "2.75"),
        ("2,75", "en", "2.75"),  # the Indonesian decimal comma, whatever the language
        ("2.75", "id", "2.75"),  # machine style from spreadsheets and API clients
        ("150.000.000", "id", "150000000"),
        ("150.000.000", "en", "150000000"),  # two groups: thousands in either language
        ("1.234,50", "id", "1234.50"),
        ("1,234.50", "id", "1234.50"),
        ("150.000", "id", "150000"),
        ("150,000", "en", "150000"),
        (" 3 ", "id", "3"),
        ("−1,5", "id", "-1.5"),
        ("+4", "en", "4"),
        ("1 234,5", "id", "1234.5"),
    ],
)
def test_parse_decimal(text, locale, expected):
    assert parse_decimal(text, locale=locale) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "  ", "abc", "2,,5", "1..2", "1.23.4", "nan", "Infinity"])
def test_parse_decimal_refuses_with_an_indonesian_message(text):
    with pytest.raises(NumberParseError) as caught:
        parse_decimal(text, locale="id")
    assert isinstance(caught.value, ValueError)
    assert "angka" in str(caught.value)


def test_locale_follows_the_active_language():
    with translation.override("en"):
        assert parse_decimal("150,000") == Decimal(150000)
    with translation.override("id"):
        assert parse_decimal("150.000") == Decimal(150000)


def test_parse_rupiah():
    assert parse_rupiah("150.000.000") == 150_000_000
    assert parse_rupiah("Rp 150.000.000") == 150_000_000
    assert parse_rupiah("Rp. 2.500.000,00") == 2_500_000
    with pytest.raises(NumberParseError, match="tanpa sen"):
        parse_rupiah("1.500,50")
    with pytest.raises(NumberParseError):
        parse_rupiah("seratus")


def test_input_number_writes_as_the_page_does():
    assert input_number(Decimal("2.5"), locale="id") == "2,50"
    assert input_number(Decimal("2.5"), locale="en") == "2.50"
    assert input_number(150_000_000, 0, locale="id") == "150.000.000"
    assert input_number(150_000_000, 0, locale="en") == "150,000,000"
    assert input_number(Decimal("2.345"), locale="id") == "2,35"  # half up
    assert input_number(None) == ""
    with translation.override("en"):
        assert input_number(Decimal("3")) == "3.00"
