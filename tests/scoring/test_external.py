"""Conversion of other agencies' indices (pemdi-2026.md §7): linear within each band."""

from decimal import Decimal

import pytest

from spbe.scoring import ScoringError, convert_external

SDI = {
    "name": "Indeks Satu Data Indonesia",
    "scale_min": "0",
    "scale_max": "100",
    "missing_value": "1.00",
    "conversion": [
        {"from": ["0", "12.5"], "to": ["1.00", "1.50"]},
        {"from": ["12.5", "37.5"], "to": ["1.50", "2.50"]},
        {"from": ["37.5", "62.5"], "to": ["2.50", "3.50"]},
        {"from": ["62.5", "75"], "to": ["3.50", "4.00"]},
        {"from": ["75", "100"], "to": ["4.00", "5.00"]},
    ],
}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("25", "2.00"),  # the Modul's worked example
        ("68.75", "3.75"),  # the Modul's worked example
        ("0", "1.00"),
        ("100", "5.00"),
        ("58.20", "3.33"),  # 2.5 + 20.7/25 = 3.328
        (Decimal("12.5"), "1.50"),
    ],
)
def test_sdi_conversion_follows_the_bands(raw, expected):
    converted = convert_external(SDI, raw)
    assert converted.value == Decimal(expected)
    assert converted.pending is False


def test_missing_value_counts_as_one_and_is_pending():
    converted = convert_external(SDI, None)
    assert converted == convert_external(SDI, "")
    assert converted.value == Decimal("1.00")
    assert converted.pending is True


@pytest.mark.parametrize("raw", ["101", "-1", "abc", 25.0])
def test_bad_external_values_are_refused(raw):
    with pytest.raises(ScoringError):
        convert_external(SDI, raw)
