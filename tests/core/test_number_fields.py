"""Typed numbers in forms and the API go through the one parser: "2,75" and "150.000.000"
are accepted, and fields show values as the page writes them, never the number widget."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation
from rest_framework import serializers

from spbe.core.number_fields import ApiDecimalField, DecimalTextField, RupiahField


class LevelForm(forms.Form):
    level = DecimalTextField(
        min_value=Decimal(1), max_value=Decimal(5), max_digits=4, decimal_places=2
    )
    cost = RupiahField(required=False, min_value=Decimal(0), max_digits=16)


class LevelInput(serializers.Serializer):
    level = ApiDecimalField(max_digits=4, decimal_places=2)
    cost = ApiDecimalField(max_digits=16, decimal_places=0, required=False)


def test_form_accepts_indonesian_numbers():
    form = LevelForm({"level": "2,75", "cost": "150.000.000"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"level": Decimal("2.75"), "cost": Decimal(150_000_000)}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"level": "dua"}, "bukan angka yang sah"),
        ({"level": "6"}, "5"),
        ({"level": "2,755"}, "2"),
        ({"level": "3", "cost": "1.500,50"}, "tanpa sen"),
    ],
)
def test_form_refuses_bad_numbers(data, message):
    form = LevelForm(data)
    assert not form.is_valid()
    assert message in " ".join(m for ms in form.errors.values() for m in ms)


def test_field_is_a_decimal_text_input_showing_the_page_format():
    form = LevelForm(initial={"level": Decimal("2.5"), "cost": Decimal(150_000_000)})
    html = str(form["level"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html
    assert 'value="2,50"' in html and "step=" not in html
    assert 'value="150.000.000"' in str(form["cost"])
    with translation.override("en"):
        assert 'value="2.50"' in str(LevelForm(initial={"level": Decimal("2.5")})["level"])
    # what the user typed is shown back as typed when the form is refused
    assert 'value="2,755"' in str(LevelForm({"level": "2,755"})["level"])


def test_api_field_takes_the_indonesian_text_form():
    data = LevelInput(data={"level": "2,75", "cost": "150.000.000"})
    assert data.is_valid(), data.errors
    assert data.validated_data == {"level": Decimal("2.75"), "cost": Decimal(150_000_000)}
    assert LevelInput(data={"level": 2.5}).is_valid()
    bad = LevelInput(data={"level": "dua"})
    assert not bad.is_valid() and "bukan angka yang sah" in str(bad.errors["level"][0])
